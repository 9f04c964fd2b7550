/*
 * Applications for a 照合ID (照合ID付与申請): registered from the paper
 * by one administrator, approved by another when they ask for a role
 * that opens the roster or the logs, and listed for both.  The audit
 * entry's target is the application's number until an ID is issued on
 * it (a role change's is the operator's ID), its document that number.
 */
#include <stdio.h>
#include <string.h>

#include "roster-json.h"
#include "server.h"

/* The paper's number: the audit entry's target and document. */
static void
on_paper(struct request *rq, const char *no)
{
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", no);
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", no);
}

void
handle_application_register(struct request *rq)
{
	struct roster_change c = { .actor = rq->session->operator_id };
	struct application a;
	enum protocol_error why;

	memset(&a, 0, sizeof a);
	if (body_number(rq, "application_no", a.no) != 0 ||
	    body_text(rq, "name", 1, a.name) != 0 ||
	    body_text(rq, "kana", 1, a.kana) != 0 ||
	    body_text(rq, "affiliation", 1, a.affiliation) != 0 ||
	    body_text(rq, "requested_by", 1, a.requested_by) != 0 ||
	    body_roles(rq, &a.roles) != 0 ||
	    body_validity(rq, a.valid_from, a.valid_until) != 0)
		return;
	on_paper(rq, a.no);
	c.document = a.no;
	if (begin_change(rq) != 0)
		return;
	if (applications_register(rq->srv->operators, &a, &c, &why) != 0)
		refuse_change(rq, why, NULL, &c);
	else
		finish_change(rq, &c, json_pack("{s:s, s:s}",
		    "application_no", a.no, "state", a.state));
}

void
handle_application_approve(struct request *rq)
{
	struct roster_change c = { .actor = rq->session->operator_id };
	char no[OPERATOR_NUMBER_MAX];
	struct application a;
	enum protocol_error why;

	if (body_number(rq, "application_no", no) != 0)
		return;
	on_paper(rq, no);
	c.document = no;
	if (begin_change(rq) != 0)
		return;
	if (applications_approve(rq->srv->operators, no, &c, &a, &why) != 0) {
		refuse_change(rq, why, NULL, &c);
		return;
	}
	if (a.operator_id[0] != '\0')
		snprintf(rq->audit.target, sizeof rq->audit.target, "%s",
		    a.operator_id);
	finish_change(rq, &c, json_pack("{s:s, s:s}", "application_no", no,
	    "state", a.state));
}

void
handle_application_list(struct request *rq)
{
	const char *state = body_string(rq, "state");
	json_t *list;

	if (*state != '\0' && !application_state_known(state)) {
		reply_error(rq, E_BAD_VALUE, "state");
		return;
	}
	if ((list = json_array()) == NULL ||
	    applications_list(rq->srv->operators, state, NULL,
	    append_application, list) != 0) {
		json_decref(list);
		reply_error(rq, E_INTERNAL, "operators");
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "applications", list));
}
