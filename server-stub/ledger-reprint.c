/*
 * Reprints: a form about a subject printed before is printed again only
 * on a request an administrator other than the one who asked approved,
 * and each approval serves once.  A request is asked for a line; it is
 * about that line's form and subject.
 */
#include <stdio.h>
#include <string.h>

#include "juki/utc-time.h"
#include "ledger-db.h"

/* The serial of the open request (not yet used) for form and subject
 * into serial, and whether it is approved.  0, 1 when there is none, -1
 * on error. */
static int
open_request(struct ledger *l, const char *form, const char *subject,
    char serial[LEDGER_SERIAL_MAX], int *approved)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT serial,"
	    " approved_by IS NOT NULL FROM print_reprint WHERE form = ?1"
	    " AND subject = ?2 AND used_by IS NULL", 2, form,
	    subject)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite_db_column_text(st, 0, serial, LEDGER_SERIAL_MAX);
		*approved = sqlite3_column_int(st, 1);
	}
	return sqlite_db_found(st, rc);
}

/* A form that ended "not-printed" was never in anyone's hands: printing
 * it again after a jam is no reprint. */
int
ledger_reprint_find(struct ledger *l, const char *form,
    const char *subject, char reprint_of[LEDGER_SERIAL_MAX],
    enum protocol_error *why)
{
	int printed, approved = 0, rc;

	reprint_of[0] = '\0';
	*why = E_INTERNAL;
	if (subject[0] == '\0')
		return 0;
	if ((printed = ledger_printed(l, form, subject)) <= 0)
		return printed;
	if ((rc = open_request(l, form, subject, reprint_of,
	    &approved)) < 0)
		return -1;
	if (rc > 0 || !approved) {
		reprint_of[0] = '\0';
		*why = E_REPRINT;
		return -1;
	}
	return 0;
}

/* Whether j is a line a reprint may be asked for: 0, or -1 with *why. */
static int
may_ask(struct ledger *l, const struct print_job *j,
    const struct print_owner *who, enum protocol_error *why)
{
	char serial[LEDGER_SERIAL_MAX];
	int approved, rc;

	if (!ledger_may_print(who, j->form))
		*why = E_FORBIDDEN;
	else if (!ledger_form_has_subject(j->form))
		*why = E_BAD_VALUE;
	else if (strcmp(j->state, "issued") == 0 ||
	    strcmp(j->state, "not-printed") == 0)
		*why = E_STATE;
	else if ((rc = open_request(l, j->form, j->subject, serial,
	    &approved)) <= 0)
		*why = rc == 0 ? E_DUPLICATE : E_INTERNAL;
	else
		return 0;
	return -1;
}

int
ledger_reprint_ask(struct ledger *l, const char *serial,
    const char *reason, const struct print_owner *who, time_t now,
    enum protocol_error *why)
{
	char at[OPERATOR_TIME_MAX];
	struct print_job j;
	int rc;

	if ((rc = ledger_get(l, serial, &j)) != 0) {
		*why = rc > 0 ? E_NO_PRINT_JOB : E_INTERNAL;
		return -1;
	}
	if (may_ask(l, &j, who, why) != 0)
		return -1;
	*why = E_INTERNAL;	/* whatever fails from here */
	if (utc_text(now, at) != 0 || sqlite_db_run(l->db, 1, "INSERT INTO"
	    " print_reprint (serial, form, subject, reason, asked_by,"
	    " asked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", 6, serial, j.form,
	    j.subject, reason, who->operator_id, at) != 0)
		return -1;
	return ledger_event(l, serial, "reprint-asked", who, at, reason);
}

/* The latest request of serial: who asked into asked_by, and whether it
 * awaits approval.  0, 1 when there is none, -1 on error. */
static int
latest_request(struct ledger *l, const char *serial,
    char asked_by[OPERATOR_ID_MAX], int *awaiting)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT asked_by,"
	    " approved_by IS NULL FROM print_reprint WHERE serial = ?1"
	    " ORDER BY seq DESC LIMIT 1", 1, serial)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite_db_column_text(st, 0, asked_by, OPERATOR_ID_MAX);
		*awaiting = sqlite3_column_int(st, 1);
	}
	return sqlite_db_found(st, rc);
}

int
ledger_reprint_approve(struct ledger *l, const char *serial,
    const struct print_owner *who, time_t now, enum protocol_error *why)
{
	char at[OPERATOR_TIME_MAX], asked_by[OPERATOR_ID_MAX];
	struct print_job j;
	int awaiting = 0, rc;

	if ((rc = ledger_get(l, serial, &j)) != 0) {
		*why = rc > 0 ? E_NO_PRINT_JOB : E_INTERNAL;
		return -1;
	}
	if ((rc = latest_request(l, serial, asked_by, &awaiting)) != 0 ||
	    !awaiting) {
		*why = rc < 0 ? E_INTERNAL : E_NOT_AWAITING;
		return -1;
	}
	if (strcmp(asked_by, who->operator_id) == 0) {
		*why = E_SELF_APPROVAL;
		return -1;
	}
	*why = E_INTERNAL;	/* whatever fails from here */
	if (utc_text(now, at) != 0 || sqlite_db_run(l->db, 1, "UPDATE"
	    " print_reprint SET approved_by = ?2, approved_at = ?3"
	    " WHERE serial = ?1 AND approved_by IS NULL", 3, serial,
	    who->operator_id, at) != 0)
		return -1;
	return ledger_event(l, serial, "reprint-approved", who, at, "");
}
