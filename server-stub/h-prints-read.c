/*
 * The forms ledger as it is read: administrators and auditors read every
 * line, anyone else who prints only the lines they printed.  A line is
 * shown with its events, oldest first.
 */
#include <string.h>

#include "h-prints.h"

json_t *
print_json(const struct print_job *j)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:s}", "serial", j->serial, "form", j->form,
	    "subject", j->subject, "reason", j->reason, "operator_id",
	    j->operator_id, "terminal_id", j->terminal_id, "issued_at",
	    j->issued_at, "state", j->state, "finished_at", j->finished_at,
	    "detail", j->detail, "reprint_of", j->reprint_of, "reprint",
	    j->reprint);
}

static int
append_print(const struct print_job *j, void *arg)
{
	return json_array_append_new(arg, print_json(j));
}

static int
append_event(const struct print_event *e, void *arg)
{
	return json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s,"
	    " s:s}", "time", e->time, "action", e->action, "operator_id",
	    e->operator_id, "terminal_id", e->terminal_id, "note", e->note));
}

static int
reads_all(const struct request *rq)
{
	return (rq->roles & LEDGER_READERS) != 0;
}

/* The filters, each checked: a subject as a number is. */
static int
filter_of(struct request *rq, struct ledger_filter *f)
{
	f->state = body_string(rq, "state");
	f->form = body_string(rq, "form");
	f->subject = body_string(rq, "subject");
	f->operator_id = reads_all(rq) ? "" : rq->session->operator_id;
	if (*f->state != '\0' && !ledger_state_known(f->state))
		reply_error(rq, E_BAD_VALUE, "state");
	else if (*f->form != '\0' && ledger_form_roles(f->form) == 0)
		reply_error(rq, E_BAD_VALUE, "form");
	else if (*f->subject != '\0' &&
	    !operator_number_well_formed(f->subject))
		reply_error(rq, E_BAD_VALUE, "subject");
	else
		return 0;
	return -1;
}

void
handle_print_list(struct request *rq)
{
	struct ledger_filter f;
	json_t *list;

	if (filter_of(rq, &f) != 0)
		return;
	if ((list = json_array()) == NULL || ledger_list(rq->srv->ledger,
	    &f, append_print, list) != 0) {
		json_decref(list);
		reply_error(rq, E_INTERNAL, "ledger");
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "prints", list));
}

/* Someone else's line is refused to whoever reads only their own. */
void
handle_print_show(struct request *rq)
{
	const char *serial = prints_serial(rq);
	struct print_job j;
	json_t *events;
	int rc;

	if (serial == NULL)
		return;
	if ((rc = ledger_get(rq->srv->ledger, serial, &j)) != 0) {
		reply_error(rq, rc > 0 ? E_NO_PRINT_JOB : E_INTERNAL,
		    rc > 0 ? NULL : "ledger");
		return;
	}
	if (!reads_all(rq) &&
	    strcmp(j.operator_id, rq->session->operator_id) != 0) {
		reply_error(rq, E_NOT_YOURS, NULL);
		return;
	}
	if ((events = json_array()) == NULL || ledger_events(rq->srv->ledger,
	    serial, append_event, events) != 0) {
		json_decref(events);
		reply_error(rq, E_INTERNAL, "ledger");
		return;
	}
	reply_ok(rq, json_pack("{s:o, s:o}", "print", print_json(&j),
	    "events", events));
}
