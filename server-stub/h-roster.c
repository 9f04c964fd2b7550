/*
 * The roster as administrators and auditors read it: the operators, and
 * one operator with their history and applications.  Each "state" is
 * the one that applies today.
 */
#include <stdio.h>
#include <string.h>

#include "roster-json.h"
#include "server.h"

struct listing {
	json_t *list;
	const char *today;
};

static int
append_operator(const struct operator *op, void *arg)
{
	struct listing *l = arg;

	return json_array_append_new(l->list, operator_json(op, l->today));
}

void
handle_operator_list(struct request *rq)
{
	char text[OPERATOR_NAME_MAX], today[OPERATOR_DATE_MAX];
	struct roster_filter f = { .state = body_string(rq, "state"),
	    .role = body_string(rq, "role"), .text = text };
	struct listing l = { .today = today };

	if (*f.state != '\0' && !operator_state_known(f.state)) {
		reply_error(rq, E_BAD_VALUE, "state");
		return;
	}
	if (*f.role != '\0' && role_from_name(f.role) == 0) {
		reply_error(rq, E_BAD_VALUE, "role");
		return;
	}
	if (body_text(rq, "text", 0, text) != 0)
		return;
	operators_today(today);
	if ((l.list = json_array()) == NULL || roster_list(rq->srv->operators,
	    &f, today, append_operator, &l) != 0) {
		json_decref(l.list);
		reply_error(rq, E_INTERNAL, "operators");
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "operators", l.list));
}

void
handle_operator_show(struct request *rq)
{
	const char *id = body_operator_id(rq);
	char today[OPERATOR_DATE_MAX];
	json_t *history, *applications;
	struct operator op;
	int rc;

	if (id == NULL)
		return;
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", id);
	if ((rc = operators_get(rq->srv->operators, id, &op)) != 0) {
		reply_error(rq, rc > 0 ? E_NO_OPERATOR : E_INTERNAL,
		    rc > 0 ? NULL : "operators");
		return;
	}
	operators_today(today);
	history = json_array();
	applications = json_array();
	if (history == NULL || applications == NULL ||
	    roster_history(rq->srv->operators, id, append_event,
	    history) != 0 || applications_list(rq->srv->operators, "", id, append_application,
	    applications) != 0) {
		json_decref(history);
		json_decref(applications);
		reply_error(rq, E_INTERNAL, "operators");
		return;
	}
	reply_ok(rq, json_pack("{s:o, s:o, s:o}", "operator",
	    operator_json(&op, today), "history", history, "applications",
	    applications));
}
