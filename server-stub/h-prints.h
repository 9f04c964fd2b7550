/*
 * What the forms ledger's handlers share (h-prints.c, h-prints-read.c,
 * h-prints-steps.c): who is asking, the serial a request names, and a
 * line as the protocol shows it (PRINT).
 */
#ifndef JUKI_H_PRINTS_H
#define JUKI_H_PRINTS_H

#include <jansson.h>

#include "ledger.h"
#include "server.h"

/* Who is asking: the session's operator with the roles they hold now,
 * and the terminal by the ID and the SHA-256 of the certificate of this
 * connection. */
void prints_owner(const struct request *rq, char cert[LEDGER_CERT_MAX],
    struct print_owner *who);

/* The body's "serial", also the audit entry's target and document; NULL
 * after refusing one of another shape (E_BAD_VALUE). */
const char *prints_serial(struct request *rq);

/* PRINT (protocol.h). */
json_t *print_json(const struct print_job *j);

#endif
