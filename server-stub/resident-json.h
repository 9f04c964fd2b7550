/*
 * Residents as the protocol sends them.  The 個人番号 is included only when
 * the caller says the operator and the 事務 allow it.
 */
#ifndef JUKI_RESIDENT_JSON_H
#define JUKI_RESIDENT_JSON_H

#include <jansson.h>

#include "juki/resident.h"

/* Every item, for the detail screen. */
json_t *resident_json(const struct resident *r, int with_kojin);

/* What a candidate list shows: enough to tell people apart. */
json_t *resident_candidate_json(const struct resident *r);

#endif
