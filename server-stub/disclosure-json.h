/*
 * Disclosure requests and corrections as the protocol sends them
 * (REQUEST, CORRECTION in protocol.h).
 */
#ifndef JUKI_DISCLOSURE_JSON_H
#define JUKI_DISCLOSURE_JSON_H

#include <jansson.h>

#include "disclosures.h"

json_t *request_json(const struct disclosure_request *r);
json_t *correction_json(const struct correction *c);

/* "a,b" as ["a", "b"]; "" as []. */
json_t *names_json(const char *names);

#endif
