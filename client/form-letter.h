/*
 * What every letter to a disclosure's requester begins with: the form's
 * title, the date of issue, the addressee and the issuing authority.
 */
#ifndef JUKI_FORM_LETTER_H
#define JUKI_FORM_LETTER_H

#include <jansson.h>

#include "form-lines.h"

/* The head of a letter about request (a REQUEST), issued today by
 * authority ("○○県知事"; "" leaves it out): the addressee is the
 * requester, or their 法定代理人 with the person named. */
void form_letter_head(struct form_lines *f, const json_t *request,
    const char *authority, const struct jdate *today);

/* The sentence naming the request: "令和8年11月20日付けで受け付けた
 * 本人確認情報開示請求 (受付番号 D-1)", into out. */
void form_letter_request(const json_t *request, char *out, size_t outsz);

#endif
