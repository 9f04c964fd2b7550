/*
 * The 本人確認情報開示決定通知書 (住基法第30条の32): what a requester is
 * given in writing, built from the disclosures/show answer.
 */
#ifndef JUKI_FORM_DISCLOSURE_H
#define JUKI_FORM_DISCLOSURE_H

#include <jansson.h>

#include "form-lines.h"

/* The notice of show ({"request", "resident", "history", "authority"})
 * issued today, into f (its title set).  0, or -1 when
 * the answer lacks the request or the resident, or memory ran out. */
int form_disclosure_build(struct form_lines *f, const json_t *show,
    const struct jdate *today);

#endif
