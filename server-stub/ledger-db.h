/*
 * Inside the ledger file, for the modules that read and change it
 * (ledger.c, ledger-schema.c, ledger-steps.c, ledger-reprint.c), and for
 * the unit test that writes a file of version 1 by its schema; for no
 * one else.
 */
#ifndef JUKI_LEDGER_DB_H
#define JUKI_LEDGER_DB_H

#include <sqlite3.h>

#include "ledger.h"
#include "sqlite-db.h"

struct ledger {
	sqlite3 *db;
};

/* The file's schema and how older files are brought up to it. */
extern const struct sqlite_db_schema ledger_schema;

/* Appends an event of serial: action by who, at (UTC text), with note.
 * Events are never changed afterwards: the file refuses it.  0 or -1. */
int ledger_event(struct ledger *l, const char *serial, const char *action,
    const struct print_owner *who, const char *at, const char *note);

/*
 * For a new line of form about subject: 0 when it is no reprint (a form
 * about no subject, or one not printed before), else the serial of the
 * approved request's line into reprint_of (the request is used by the
 * insert: ledger-schema.c), or -1 with *why E_REPRINT when none is
 * approved, E_INTERNAL.  (ledger-reprint.c)
 */
int ledger_reprint_find(struct ledger *l, const char *form,
    const char *subject, char reprint_of[LEDGER_SERIAL_MAX],
    enum protocol_error *why);

#endif
