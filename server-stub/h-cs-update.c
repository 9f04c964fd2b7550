/*
 * An update from a 市町村CS: checked, applied, logged, committed, and only
 * then acknowledged.  (If the commit fails after the entry was written,
 * a second entry records the failure.)
 */
#include "juki/utf8.h"
#include "server.h"
#include "updates.h"

static void
refused(struct request *rq, enum protocol_error e, const char *detail)
{
	store_rollback(rq->srv->store);
	reply_error(rq, e, detail);
}

void
handle_cs_update(struct request *rq)
{
	struct store *st = rq->srv->store;
	struct cs_update u;
	const char *field = NULL, *why = NULL, *reason = NULL;

	if (update_from_json(rq->body, rq->peer.id, store_kana_options(st), &u,
	    &field) != 0) {
		reply_error(rq, E_BAD_VALUE, field);
		goto out;
	}
	utf8_sanitize(rq->audit.target, sizeof rq->audit.target,
	    u.record.juminhyo_code);
	utf8_sanitize(rq->audit.operator_id, sizeof rq->audit.operator_id,
	    u.record.operator_id);
	if (store_begin(st) != STORE_OK) {
		reply_error(rq, E_INTERNAL, "store");
		goto out;
	}
	switch (update_apply(st, &u, &why, &reason)) {
	case UPDATE_APPLIED:
		if (audit_request(rq) != 0)
			refused(rq, E_AUDIT, NULL);
		else if (store_commit(st) != STORE_OK)
			refused(rq, E_INTERNAL, "commit");
		else
			send_ok(rq, json_pack("{s:s, s:I}", "update_id",
			    u.update_id, "update_seq",
			    (json_int_t)u.record.update_seq));
		break;
	case UPDATE_REFUSED:
		refused(rq, E_UPDATE_REFUSED, why);
		break;
	case UPDATE_REPLAY:
		refused(rq, E_REPLAY, NULL);
		break;
	case UPDATE_ERROR:
		refused(rq, E_INTERNAL, "store");
		break;
	}
out:
	resident_wipe(&u.record);
}
