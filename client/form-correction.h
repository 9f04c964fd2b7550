/*
 * The 本人確認情報訂正等申出受付書: the receipt a requester is given for
 * a 訂正・追加・削除 申出 (住基法第30条の35).
 */
#ifndef JUKI_FORM_CORRECTION_H
#define JUKI_FORM_CORRECTION_H

#include <jansson.h>

#include "form-letter.h"
#include "form-lines.h"

/* The receipt of correction (a CORRECTION) about request (a REQUEST),
 * issued today by authority, into f (its title set).  0, or -1 when either
 * is missing or memory ran out. */
int form_correction_build(struct form_lines *f, const json_t *correction,
    const json_t *request, const char *authority,
    const struct jdate *today);

#endif
