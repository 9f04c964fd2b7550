/*
 * The forms ledger after the printer: a printed form handed over,
 * stored or destroyed, and a reprint asked for and approved.  Each is one
 * transaction of the ledger file with its audit entry (target and
 * document the serial, reason the step or the request's event); the
 * ledger (ledger_step, ledger_reprint_*) decides who may.
 */
#include <time.h>

#include "h-prints.h"

/* {"serial", "to", "note"?}: the note is text a person typed, which a
 * destruction needs. */
void
handle_print_step(struct request *rq)
{
	const char *serial = prints_serial(rq);
	const char *to = body_string(rq, "to");
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char note[LEDGER_TEXT_MAX], cert[LEDGER_CERT_MAX];
	enum protocol_error why;
	struct print_owner who;
	struct print_job j;

	if (serial == NULL)
		return;
	if (!ledger_step_known(to)) {
		reply_error(rq, E_BAD_VALUE, "to");
		return;
	}
	if (operator_text(body_string(rq, "note"), note) != 0) {
		reply_error(rq, E_BAD_VALUE, "note");
		return;
	}
	if (change_begin(rq, db, "ledger") != 0)
		return;
	rq->audit_note = to;
	prints_owner(rq, cert, &who);
	if (ledger_step(rq->srv->ledger, serial, to, note, &who, time(NULL),
	    &j, &why) != 0)
		change_refuse(rq, db, "ledger", why, NULL);
	else
		change_finish(rq, db, "ledger", json_pack("{s:s, s:s}",
		    "serial", j.serial, "state", j.state));
	rq->audit_note = NULL;
}

/* {"serial", "reason"}: a missing reason is E_NO_REASON. */
void
handle_print_reprint(struct request *rq)
{
	const char *serial = prints_serial(rq);
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char reason[LEDGER_TEXT_MAX], cert[LEDGER_CERT_MAX];
	enum protocol_error why;
	struct print_owner who;

	if (serial == NULL)
		return;
	if (operator_text(body_string(rq, "reason"), reason) != 0) {
		reply_error(rq, E_BAD_VALUE, "reason");
		return;
	}
	if (reason[0] == '\0') {
		reply_error(rq, E_NO_REASON, NULL);
		return;
	}
	if (change_begin(rq, db, "ledger") != 0)
		return;
	rq->audit_note = "reprint-asked";
	prints_owner(rq, cert, &who);
	/* E_BAD_VALUE: the line's form is about no subject. */
	if (ledger_reprint_ask(rq->srv->ledger, serial, reason, &who,
	    time(NULL), &why) != 0)
		change_refuse(rq, db, "ledger", why, why == E_BAD_VALUE ?
		    "serial" : NULL);
	else
		change_finish(rq, db, "ledger", json_pack("{s:s, s:s}",
		    "serial", serial, "reprint", "awaiting-approval"));
	rq->audit_note = NULL;
}

/* The route lets in administrators only. */
void
handle_print_approve(struct request *rq)
{
	const char *serial = prints_serial(rq);
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char cert[LEDGER_CERT_MAX];
	enum protocol_error why;
	struct print_owner who;

	if (serial == NULL || change_begin(rq, db, "ledger") != 0)
		return;
	rq->audit_note = "reprint-approved";
	prints_owner(rq, cert, &who);
	if (ledger_reprint_approve(rq->srv->ledger, serial, &who, time(NULL),
	    &why) != 0)
		change_refuse(rq, db, "ledger", why, NULL);
	else
		change_finish(rq, db, "ledger", json_pack("{s:s, s:s}",
		    "serial", serial, "reprint", "approved"));
	rq->audit_note = NULL;
}
