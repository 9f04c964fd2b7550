/*
 * Login by 照合ID and PIN, and logout.  The fingerprint login will open
 * sessions the same way.
 */
#include <string.h>

#include "server.h"

/* 照合ID: 1 to 31 of A-Z a-z 0-9 and '-', so it is safe in every log. */
static int
operator_id_well_formed(const char *id)
{
	size_t n = strlen(id);

	return n >= 1 && n < OPERATOR_ID_MAX && strspn(id,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-") == n;
}

static json_t *
roles_json(unsigned roles)
{
	json_t *list = json_array();

	for (unsigned bit = 1; bit <= ROLE_TRAINER; bit <<= 1)
		if (roles & bit)
			json_array_append_new(list, json_string(role_name(bit)));
	return list;
}

static void
opened(struct request *rq, const struct operator *op)
{
	char token[SESSION_TOKEN_LEN + 1];
	json_t *body;

	if (sessions_open(rq->srv->sessions, op, rq->peer.id,
	    rq->peer.fingerprint, token) != 0) {
		reply_error(rq, E_INTERNAL, "sessions");
		return;
	}
	body = json_pack("{s:s, s:{s:s, s:s, s:o}, s:i}", "token", token,
	    "operator", "id", op->id, "name", op->name, "roles",
	    roles_json(op->roles), "expires_in",
	    rq->srv->cfg.session_seconds);
	/* A session nobody was told of, or that the log lacks, must not be. */
	if (body == NULL) {
		sessions_end(rq->srv->sessions, token);
		reply_error(rq, E_INTERNAL, NULL);
	} else if (reply_ok(rq, body) != 0)
		sessions_end(rq->srv->sessions, token);
	explicit_bzero(token, sizeof token);
}

void
handle_login(struct request *rq)
{
	const char *id = body_string(rq, "operator_id");
	struct operator op;

	if (!operator_id_well_formed(id)) {
		reply_error(rq, E_BAD_VALUE, "operator_id");
		return;
	}
	snprintf(rq->audit.operator_id, sizeof rq->audit.operator_id, "%s",
	    id);
	switch (operators_login(rq->srv->operators, id, body_string(rq, "pin"),
	    rq->srv->cfg.max_failures, &op)) {
	case LOGIN_OK:
		opened(rq, &op);
		break;
	case LOGIN_BAD:
		reply_error(rq, E_BAD_CREDENTIALS, NULL);
		break;
	case LOGIN_UNKNOWN_ID:
		/* The client cannot tell this from a wrong PIN; the log can. */
		rq->audit_note = "unknown-id";
		reply_error(rq, E_BAD_CREDENTIALS, NULL);
		break;
	case LOGIN_LOCKED:
		reply_error(rq, E_LOCKED, NULL);
		break;
	case LOGIN_INACTIVE:
		reply_error(rq, E_INACTIVE, NULL);
		break;
	case LOGIN_ERROR:
		reply_error(rq, E_INTERNAL, "operators");
		break;
	}
	explicit_bzero(&op, sizeof op);
}

void
handle_logout(struct request *rq)
{
	sessions_end(rq->srv->sessions, rq->token);
	reply_ok(rq, json_object());
}

void
handle_jimu(struct request *rq)
{
	json_t *list = json_array();

	for (int i = 0; i < rq->srv->cfg.jimu_count; i++) {
		const struct jimu *j = &rq->srv->cfg.jimu[i];
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}",
		    "code", j->code, "name", j->name, "kojin", j->kojin));
	}
	reply_ok(rq, json_pack("{s:o}", "jimu", list));
}
