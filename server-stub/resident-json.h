/*
 * Residents as the protocol sends them.  The 個人番号 is included only when
 * the caller says the operator and the 事務 allow it.
 */
#ifndef JUKI_RESIDENT_JSON_H
#define JUKI_RESIDENT_JSON_H

#include <jansson.h>

#include "juki/resident.h"
#include "juki/store.h"

/* Every item, for the detail screen. */
json_t *resident_json(const struct resident *r, int with_kojin);

/* The previous versions of code's record, oldest first, into *out (a
 * new array): STORE_OK, or the store's error. */
int resident_history_json(struct store *st, const char *code,
    int with_kojin, json_t **out);

/* What a candidate list shows: enough to tell people apart. */
json_t *resident_candidate_json(const struct resident *r);

/*
 * What each sends, as the audit entry of a provision names it ("items":
 * names of RESIDENT_ITEMS, comma-separated): a candidate's, and a
 * record's with or without the 個人番号 and its history.
 */
#define RESIDENT_CANDIDATE_ITEMS "code,name,kana,birth,sex,address"
const char *resident_json_items(int with_kojin, int with_history);

#endif
