/*
 * The 本人確認情報提供状況開示通知書: to whom and for what the requester's
 * data was provided in the last DISCLOSURE_YEARS years, from the
 * disclosures/provisions answer.
 */
#ifndef JUKI_FORM_PROVISIONS_H
#define JUKI_FORM_PROVISIONS_H

#include <jansson.h>

#include "form-letter.h"
#include "form-lines.h"

/* The form of answer ({"request", "provisions"}) issued today by
 * authority,
 * into f (its title set).  0, or -1 when the answer lacks the request or
 * the list, or memory ran out. */
int form_provisions_build(struct form_lines *f, const json_t *answer,
    const char *authority, const struct jdate *today);

#endif
