/*
 * The administrator's side of the roster.  For now one decision: taking
 * the lock off an ID that too many failures locked.
 */
#include <string.h>

#include "server.h"

void
handle_operator_unlock(struct request *rq)
{
	const char *id = body_operator_id(rq);
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
	if (strcmp(op.status, "locked") != 0) {
		rq->audit_note = op.status;
		reply_error(rq, E_NOT_LOCKED, NULL);
		return;
	}
	/* Logged first: the roster must not change unrecorded.  (If the
	 * change then fails, a second entry records that.) */
	rq->audit_note = "locked->active";
	if (audit_request(rq) != 0)
		reply_error(rq, E_AUDIT, NULL);
	else if (operators_set_status(rq->srv->operators, id, "locked",
	    "active") != 0)
		reply_error(rq, E_INTERNAL, "operators");
	else
		send_ok(rq, json_pack("{s:s, s:s}", "operator_id", id,
		    "status", "active"));
}
