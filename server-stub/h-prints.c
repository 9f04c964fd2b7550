/*
 * The forms ledger (帳票管理簿) as terminals print through it: a serial
 * for a form before it is printed, and how its spooling ended.  Each
 * change is one transaction of the ledger file, its audit entry written
 * before it is committed; the entry's target and document are the serial
 * (begin refused: the subject as document), its reason the form (begin)
 * or the result the terminal reported (finish).  The paper's later steps
 * are in h-prints-steps.c, the ledger as it is read in h-prints-read.c.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "h-prints.h"
#include "juki/utf8.h"

/* A reason is text a person typed, checked as the roster's names are. */
_Static_assert(LEDGER_TEXT_MAX >= OPERATOR_NAME_MAX,
    "a reason operator_text accepts fits the ledger");

void
prints_owner(const struct request *rq, char cert[LEDGER_CERT_MAX],
    struct print_owner *who)
{
	for (int i = 0; i < CERT_FINGERPRINT_LEN; i++)
		snprintf(cert + 2 * i, 3, "%02x", rq->peer.fingerprint[i]);
	who->operator_id = rq->session->operator_id;
	who->terminal_id = rq->peer.id;
	who->terminal_cert = cert;
	who->roles = rq->roles;
}

/* The serial: the audit entry's target and document. */
static void
on_serial(struct request *rq, const char *serial)
{
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", serial);
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", serial);
}

const char *
prints_serial(struct request *rq)
{
	const char *serial = body_string(rq, "serial");

	if (!ledger_serial_well_formed(serial)) {
		reply_error(rq, E_BAD_VALUE, "serial");
		return NULL;
	}
	on_serial(rq, serial);
	return serial;
}

/*
 * What the form is about, into subject: required for a form that has
 * one (a number, as an application's), refused for the others even
 * empty.  Also the audit entry's document until there is a serial.  0,
 * or -1 after refusing it.
 */
static int
body_subject(struct request *rq, const char *form,
    char subject[LEDGER_SUBJECT_MAX])
{
	subject[0] = '\0';
	if (!ledger_form_has_subject(form)) {
		if (json_object_get(rq->body, "subject") == NULL)
			return 0;
		reply_error(rq, E_BAD_VALUE, "subject");
		return -1;
	}
	if (body_number(rq, "subject", subject) != 0)
		return -1;
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s",
	    subject);
	return 0;
}

/* The serial and the mark the terminal prints on every page; a demo
 * server's forms say they are for training. */
static json_t *
begin_answer(const struct request *rq, const struct print_job *j)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "serial",
	    j->serial, "form", j->form, "subject", j->subject, "issued_at",
	    j->issued_at, "operator_id", j->operator_id, "terminal_id",
	    j->terminal_id, "training", rq->srv->cfg.demo);
}

/*
 * The route lets in whoever may print some form; the form asked for must
 * be one this operator's roles may print now.  The reason is required:
 * trimmed, clean text of at most LEDGER_TEXT_CHARS characters.  A
 * reprint is refused unless approved (ledger_issue).
 */
void
handle_print_begin(struct request *rq)
{
	const char *form = body_string(rq, "form");
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char reason[LEDGER_TEXT_MAX], cert[LEDGER_CERT_MAX];
	char subject[LEDGER_SUBJECT_MAX];
	enum protocol_error why;
	struct print_owner who;
	struct print_job j;

	if (ledger_form_roles(form) == 0) {
		reply_error(rq, E_BAD_VALUE, "form");
		return;
	}
	rq->audit_note = form;
	prints_owner(rq, cert, &who);
	if (!ledger_may_print(&who, form))
		reply_error(rq, E_FORBIDDEN, NULL);
	else if (body_subject(rq, form, subject) != 0 ||
	    print_subject_ready(rq, form, subject) != 0)
		;	/* refused */
	else if (operator_text(body_string(rq, "reason"), reason) != 0)
		reply_error(rq, E_BAD_VALUE, "reason");
	else if (reason[0] == '\0')
		reply_error(rq, E_NO_REASON, NULL);
	else if (change_begin(rq, db, "ledger") == 0) {
		if (ledger_issue(rq->srv->ledger, form, subject, reason, &who,
		    time(NULL), &j, &why) != 0)
			change_refuse(rq, db, "ledger", why, NULL);
		else {
			on_serial(rq, j.serial);
			change_finish(rq, db, "ledger", begin_answer(rq, &j));
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
	const char *serial = prints_serial(rq);
	const char *result = body_string(rq, "result");
	sqlite3 *db = ledger_db(rq->srv->ledger);
	char detail[LEDGER_TEXT_MAX], cert[LEDGER_CERT_MAX];
	enum protocol_error why;
	struct print_owner who;
	struct print_job j;
	int printed;

	if (serial == NULL)
		return;
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
	prints_owner(rq, cert, &who);
	if (ledger_finish(rq->srv->ledger, serial, &who, printed, detail,
	    time(NULL), &j, &why) != 0)
		change_refuse(rq, db, "ledger", why, NULL);
	else
		change_finish(rq, db, "ledger", json_pack("{s:s, s:s}",
		    "serial", j.serial, "state", j.state));
	rq->audit_note = NULL;
}
