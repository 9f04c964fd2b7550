/*
 * Disclosure requests after their receipt (h-receive.c): the list, the
 * disclosure itself (the record with its 個人番号 and history, a
 * provision of the resident's data), the decision and the notice.  The
 * audit entry's document is the request's number, its target the
 * resident's 住民票コード once the request is found.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "disclosure-json.h"
#include "juki/json-wipe.h"
#include "resident-json.h"
#include "server.h"

int
disclosure_of(struct request *rq, struct disclosure_request *out)
{
	char no[DISCLOSURE_NUMBER_MAX];
	int rc;

	memset(out, 0, sizeof *out);
	if (body_number(rq, "request_no", no) != 0)
		return -1;
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", no);
	if ((rc = disclosures_get(rq->srv->disclosures, no, out)) != 0) {
		reply_error(rq, rc > 0 ? E_NO_REQUEST : E_INTERNAL,
		    rc > 0 ? NULL : "disclosures");
		return -1;
	}
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s",
	    out->juminhyo_code);
	return 0;
}

static int
append_request(const struct disclosure_request *r, void *arg)
{
	return json_array_append_new(arg, request_json(r));
}

void
handle_disclosure_list(struct request *rq)
{
	const char *state = body_string(rq, "state");
	json_t *list;

	if (*state != '\0' && !disclosure_state_known(state)) {
		reply_error(rq, E_BAD_VALUE, "state");
		return;
	}
	if ((list = json_array()) == NULL ||
	    disclosures_list(rq->srv->disclosures, state, append_request,
	    list) != 0) {
		json_wipe(list);
		reply_error(rq, E_INTERNAL, "disclosures");
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "requests", list));
}

json_t *
letter_answer(const struct request *rq, json_t *body)
{
	const struct server_config *cfg = &rq->srv->cfg;

	if (body != NULL)
		json_object_update_new(body, json_pack("{s:s, s:s}",
		    "authority", cfg->authority, "organisation",
		    cfg->organisation));
	return body;
}

/* The answer of disclosures/show for r and the resident res, or NULL. */
static json_t *
disclosure_json(struct request *rq, const struct disclosure_request *r,
    const struct resident *res)
{
	json_t *history;

	if (resident_history_json(rq->srv->store, res->juminhyo_code, 1,
	    &history) != STORE_OK)
		return NULL;
	return letter_answer(rq, json_pack("{s:o, s:o, s:o}", "request",
	    request_json(r), "resident", resident_json(res, 1), "history",
	    history));
}

/* The disclosure itself: every item, the 個人番号 and the history. */
void
handle_disclosure_show(struct request *rq)
{
	struct disclosure_request r;
	struct resident res;
	json_t *body;
	int rc;

	if (disclosure_of(rq, &r) != 0)
		return;
	rc = store_get_by_code(rq->srv->store, r.juminhyo_code, &res);
	if (rc != STORE_OK)
		reply_error(rq, rc == STORE_NOT_FOUND ? E_NOT_FOUND :
		    E_INTERNAL, rc == STORE_NOT_FOUND ? NULL : "store");
	else if ((body = disclosure_json(rq, &r, &res)) == NULL)
		reply_error(rq, E_INTERNAL, "store");
	else {
		snprintf(rq->audit.items, sizeof rq->audit.items, "%s",
		    resident_json_items(1, 1));
		reply_ok(rq, body);
	}
	resident_wipe(&res);
	explicit_bzero(&r, sizeof r);
}

/* A step of the request named in the body: decide (how NULL) or notify
 * (how "handed" or "mailed"). */
static void
step(struct request *rq, const char *how)
{
	struct disclosures *d = rq->srv->disclosures;
	sqlite3 *db = disclosures_db(d);
	struct disclosure_request r;
	char no[DISCLOSURE_NUMBER_MAX];
	enum protocol_error why;
	int rc;

	memset(&r, 0, sizeof r);
	if (body_number(rq, "request_no", no) != 0)
		return;
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", no);
	if (change_begin(rq, db, "disclosures") != 0)
		return;
	rc = how == NULL ? disclosures_decide(d, no, rq->session->operator_id,
	    time(NULL), &r, &why) : disclosures_notify(d, no, how,
	    rq->session->operator_id, time(NULL), &r, &why);
	/* Found, the request names its resident, refused or not. */
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s",
	    r.juminhyo_code);
	if (rc != 0)
		change_refuse(rq, db, "disclosures", why, NULL);
	else
		change_finish(rq, db, "disclosures", json_pack("{s:o}",
		    "request", request_json(&r)));
	explicit_bzero(&r, sizeof r);
}

void
handle_disclosure_decide(struct request *rq)
{
	step(rq, NULL);
}

/* A decided request is notified with its 開示決定通知書, printed: the
 * ledger says whether it came out.  0, or -1 after refusing.  The other
 * refusals are the step's. */
static int
notice_printed(struct request *rq)
{
	struct disclosure_request r;
	int printed;

	if (disclosure_of(rq, &r) != 0)
		return -1;
	printed = strcmp(r.state, "decided") != 0 ? 1 :
	    ledger_printed(rq->srv->ledger, "disclosure", r.request_no);
	explicit_bzero(&r, sizeof r);
	if (printed < 0)
		reply_error(rq, E_INTERNAL, "ledger");
	else if (!printed)
		reply_error(rq, E_NOT_PRINTED, NULL);
	return printed > 0 ? 0 : -1;
}

void
handle_disclosure_notify(struct request *rq)
{
	const char *how = body_string(rq, "how");

	if (!disclosure_notice_known(how)) {
		reply_error(rq, E_BAD_VALUE, "how");
		return;
	}
	rq->audit_note = how;
	if (notice_printed(rq) == 0)
		step(rq, how);
	rq->audit_note = NULL;
}
