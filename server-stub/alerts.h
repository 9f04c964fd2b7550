/*
 * The alerts raised (protocol.h, "Alerts") and their acknowledgements: a
 * SQLite file of its own, by default beside the roster.
 *
 * The file keeps its rules however it is reached: an alert is written
 * once and never changed or deleted; its acknowledgement is a row of its
 * own, one an alert at most, never changed or deleted, and never by the
 * operator the alert is about.
 *
 * Nothing here reads the clock: the time is passed in.  A change is made
 * inside a transaction the caller began, so that its audit entry can be
 * written before it is committed.
 */
#ifndef JUKI_ALERTS_H
#define JUKI_ALERTS_H

#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "alert-rules.h"
#include "juki/protocol.h"

/* An alert as it is kept: "" where it has not been acknowledged. */
struct alert {
	int64_t id;
	struct alert_raised raised;
	int64_t audit_seq;		/* the entry that raised it */
	char acknowledged_by[AUDIT_FIELD_MAX];
	char acknowledged_at[UTC_TEXT_MAX];
	char note[AUDIT_FIELD_MAX];
};

struct alerts;

/* Whether name is one of ALERT_RULES: 1 or 0. */
int alert_rule_known(const char *name);

/* Opens the file at path, creating it (mode 0600) when missing.  0, or
 * -1 with *reason set (an untranslated message id). */
int alerts_open(const char *path, struct alerts **out, const char **reason);
void alerts_close(struct alerts *a);

/* The file itself, for sqlite_db_begin and change_begin (server.h). */
sqlite3 *alerts_db(struct alerts *a);

/* Writes r, raised by the audit entry seq, under a new id (*id).  0 or
 * -1. */
int alerts_add(struct alerts *a, const struct alert_raised *r, int64_t seq,
    int64_t *id);

/* Alert id into *out: 0, 1 when there is none, -1 on error. */
int alerts_get(struct alerts *a, int64_t id, struct alert *out);

/*
 * Acknowledges alert id by the operator by at now with note (checked by
 * the caller), the alert as it is then in *out.  0, or -1 with *why set:
 * E_NO_ALERT, E_SELF_ACK (the alert is about by), E_ACKNOWLEDGED,
 * E_INTERNAL.
 */
int alerts_ack(struct alerts *a, int64_t id, const char *by, time_t now,
    const char *note, struct alert *out, enum protocol_error *why);

/* The alerts not acknowledged: 0 with *n set, or -1. */
int alerts_open_count(struct alerts *a, int64_t *n);

/* Calls each for the alerts (only those not acknowledged when open),
 * newest first, at most ALERT_LIST_MAX.  each returns 0 to go on.  0, or
 * -1 on error (or when each failed). */
int alerts_list(struct alerts *a, int open, int (*each)(const struct alert *,
    void *), void *arg);

#endif
