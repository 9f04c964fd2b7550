/*
 * The forms ledger (帳票管理簿) as terminals use it: a serial for a form
 * before it is printed, how its spooling ended, and the ledger as
 * administrators and auditors read it.  Each change is one transaction
 * of the ledger file, its audit entry written before it is committed;
 * the entry's target and document are the serial, its reason the form
 * (begin) or the result the terminal reported (finish).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "juki/utf8.h"
#include "ledger.h"
#include "server.h"

/* A reason is text a person typed, checked as the roster's names are. */
_Static_assert(LEDGER_TEXT_MAX >= OPERATOR_NAME_MAX,
    "a reason operator_text accepts fits the ledger");

/* Who is asking: the session's operator, and the terminal by the ID and
 * the SHA-256 of the certificate of this connection. */
static void
owner_of(const struct request *rq, char cert[LEDGER_CERT_MAX],
    struct print_owner *who)
{
	for (int i = 0; i < CERT_FINGERPRINT_LEN; i++)
		snprintf(cert + 2 * i, 3, "%02x", rq->peer.fingerprint[i]);
	who->operator_id = rq->session->operator_id;
	who->terminal_id = rq->peer.id;
	who->terminal_cert = cert;
}

/* The serial: the audit entry's target and document. */
static void
on_serial(struct request *rq, const char *serial)
{
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", serial);
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", serial);
}

/*
 * The route lets in whoever may print some form; the form asked for must
 * be one this operator's roles may print now.  The reason is required:
 * trimmed, clean text of at most LEDGER_TEXT_CHARS characters.
 */
void
handle_print_begin(struct request *rq)
{
	const char *form = body_string(rq, "form");
	unsigned roles = ledger_form_roles(form);
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char reason[LEDGER_TEXT_MAX], cert[LEDGER_CERT_MAX];
	struct print_owner who;
	struct print_job j;

	if (roles == 0) {
		reply_error(rq, E_BAD_VALUE, "form");
		return;
	}
	rq->audit_note = form;
	if ((rq->roles & roles) == 0)
		reply_error(rq, E_FORBIDDEN, NULL);
	else if (operator_text(body_string(rq, "reason"), reason) != 0)
		reply_error(rq, E_BAD_VALUE, "reason");
	else if (reason[0] == '\0')
		reply_error(rq, E_NO_REASON, NULL);
	else if (change_begin(rq, db, "ledger") == 0) {
		owner_of(rq, cert, &who);
		if (ledger_issue(rq->srv->ledger, form, reason, &who,
		    time(NULL), &j) != 0)
			change_refuse(rq, db, "ledger", E_INTERNAL, NULL);
		else {
			on_serial(rq, j.serial);
			change_finish(rq, db, "ledger", json_pack("{s:s, s:s,"
			    " s:s, s:s, s:s}", "serial", j.serial, "form",
			    j.form, "issued_at", j.issued_at, "operator_id",
			    j.operator_id, "terminal_id", j.terminal_id));
		}
	}
	rq->audit_note = NULL;
}

/* What the terminal says of how the spooling ended, for the ledger:
 * control characters and broken UTF-8 made '?', cut after
 * LEDGER_TEXT_CHARS characters. */
static void
detail_text(const char *in, char out[LEDGER_TEXT_MAX])
{
	size_t at = 0, len;
	char32_t cp;

	utf8_sanitize(out, LEDGER_TEXT_MAX, in);
	for (int n = 0; out[at] != '\0' && n < LEDGER_TEXT_CHARS; n++) {
		if ((len = utf8_decode(out + at, &cp)) == 0)
			break;
		at += len;
	}
	out[at] = '\0';
}

/* Only from the operator and the terminal certificate that began it,
 * once: "printed", or "failed" for a form that did not come out. */
void
handle_print_finish(struct request *rq)
{
	const char *serial = body_string(rq, "serial");
	const char *result = body_string(rq, "result");
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char detail[LEDGER_TEXT_MAX], cert[LEDGER_CERT_MAX];
	enum protocol_error why;
	struct print_owner who;
	struct print_job j;
	int printed;

	if (!ledger_serial_well_formed(serial)) {
		reply_error(rq, E_BAD_VALUE, "serial");
		return;
	}
	on_serial(rq, serial);
	if (strcmp(result, "printed") == 0)
		printed = 1;
	else if (strcmp(result, "failed") == 0)
		printed = 0;
	else {
		reply_error(rq, E_BAD_VALUE, "result");
		return;
	}
	detail_text(body_string(rq, "detail"), detail);
	if (change_begin(rq, db, "ledger") != 0)
		return;
	rq->audit_note = result;
	owner_of(rq, cert, &who);
	if (ledger_finish(rq->srv->ledger, serial, &who, printed, detail,
	    time(NULL), &j, &why) != 0)
		change_refuse(rq, db, "ledger", why, NULL);
	else
		change_finish(rq, db, "ledger", json_pack("{s:s, s:s}",
		    "serial", j.serial, "state", j.state));
	rq->audit_note = NULL;
}

static int
append_print(const struct print_job *j, void *arg)
{
	return json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:s, s:s, s:s}", "serial", j->serial, "form",
	    j->form, "reason", j->reason, "operator_id", j->operator_id,
	    "terminal_id", j->terminal_id, "issued_at", j->issued_at,
	    "state", j->state, "finished_at", j->finished_at, "detail",
	    j->detail));
}

void
handle_print_list(struct request *rq)
{
	const char *state = body_string(rq, "state");
	const char *form = body_string(rq, "form");
	json_t *list;

	if (*state != '\0' && !ledger_state_known(state)) {
		reply_error(rq, E_BAD_VALUE, "state");
		return;
	}
	if (*form != '\0' && ledger_form_roles(form) == 0) {
		reply_error(rq, E_BAD_VALUE, "form");
		return;
	}
	if ((list = json_array()) == NULL || ledger_list(rq->srv->ledger,
	    state, form, append_print, list) != 0) {
		json_decref(list);
		reply_error(rq, E_INTERNAL, "ledger");
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "prints", list));
}
