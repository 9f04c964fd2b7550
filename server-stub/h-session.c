/*
 * Sessions: login with a challenge of auth/begin and what the terminal's
 * reader (or, for an operator who cannot use it, the PIN) showed; logout;
 * and the lock an operator puts on the session when stepping away from
 * the terminal, taken off only with the same proof by the same operator.
 */
#include <string.h>

#include "roster-json.h"
#include "server.h"

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

enum protocol_error
login_refusal(enum login_result r, const struct operator *op)
{
	int scan = strcmp(op->method, AUTH_METHOD_FINGERPRINT) == 0;

	switch (r) {
	case LOGIN_BAD:
		return scan ? E_NO_MATCH : E_BAD_CREDENTIALS;
	case LOGIN_UNKNOWN_ID:
		return E_BAD_CREDENTIALS;
	case LOGIN_LOCKED:
		return E_LOCKED;
	case LOGIN_INACTIVE:
		return E_INACTIVE;
	case LOGIN_LAPSED:
		return E_LAPSED;
	case LOGIN_NOT_YET_VALID:
		return E_NOT_YET_VALID;
	case LOGIN_UNENROLLED:
		return E_NO_PRINT;
	case LOGIN_WRONG_METHOD:
		return scan ? E_PIN_NOT_ALLOWED : E_FINGERPRINT_NOT_ALLOWED;
	case LOGIN_NOT_VERIFIED:
		return E_NOT_VERIFIED;
	default:
		return E_INTERNAL;
	}
}

/*
 * The challenge of the body, taken: begun for operator id from this
 * certificate, and for the method the operator still has.  0, or -1
 * after a refusal.
 */
static int
take_challenge(struct request *rq, const char *id, struct operator *op)
{
	char method[CHALLENGE_METHOD_MAX];
	enum challenge_check c;
	int rc;

	c = challenges_take(rq->srv->challenges, body_string(rq, "challenge"),
	    id, rq->peer.fingerprint, method);
	if (c != CHALLENGE_OK) {
		rq->audit_note = challenge_check_name(c);
		reply_error(rq, E_CHALLENGE, NULL);
		return -1;
	}
	if ((rc = operators_get(rq->srv->operators, id, op)) != 0) {
		rq->audit_note = rc > 0 ? "unknown-id" : NULL;
		reply_error(rq, rc > 0 ? E_BAD_CREDENTIALS : E_INTERNAL,
		    rc > 0 ? NULL : "operators");
		return -1;
	}
	if (strcmp(op->method, method) != 0) {
		rq->audit_note = "challenge-method";
		reply_error(rq, E_CHALLENGE, NULL);
		return -1;
	}
	return 0;
}

/*
 * Whether the body proves that the person at this terminal is operator
 * id.  The challenge is used up whatever the answer, and every refusal is
 * logged with its reason (the outcome reported, or what was wrong with
 * the challenge).  An operator locked out or suspended loses the session
 * the request came with.  0 with *op filled, or -1 after a refusal.
 */
static int
proven(struct request *rq, const char *id, struct operator *op)
{
	enum login_result r;
	int outcome;

	memset(op, 0, sizeof *op);
	if (take_challenge(rq, id, op) != 0)
		return -1;
	if ((outcome = auth_outcome_from_name(body_string(rq, "outcome"))) <
	    0) {
		reply_error(rq, E_BAD_VALUE, "outcome");
		return -1;
	}
	rq->audit_note = auth_outcome_name(outcome);
	r = operators_authenticate(rq->srv->operators, id, outcome,
	    body_string(rq, "pin"), rq->srv->cfg.max_failures, op);
	if (r == LOGIN_OK)
		return 0;
	if ((r == LOGIN_LOCKED || r == LOGIN_INACTIVE) && rq->token != NULL)
		sessions_end(rq->srv->sessions, rq->token);
	reply_error(rq, login_refusal(r, op), r == LOGIN_ERROR ? "operators" :
	    NULL);
	return -1;
}

void
handle_login(struct request *rq)
{
	const char *id = body_operator_id(rq);
	struct operator op;

	if (id == NULL)
		return;
	snprintf(rq->audit.operator_id, sizeof rq->audit.operator_id, "%s",
	    id);
	if (proven(rq, id, &op) == 0)
		opened(rq, &op);
	explicit_bzero(&op, sizeof op);
}

void
handle_logout(struct request *rq)
{
	/* Anyone at the terminal may end a locked session: the log says
	 * it was locked, since its operator may not be the one ending it. */
	if (rq->session->locked)
		rq->audit_note = "locked";
	sessions_end(rq->srv->sessions, rq->token);
	reply_ok(rq, json_object());
}

/* Logged first: when the entry cannot be written nothing changes. */
void
handle_lock(struct request *rq)
{
	if (audit_request(rq) != 0)
		reply_error(rq, E_AUDIT, NULL);
	else if (sessions_lock(rq->srv->sessions, rq->token) != 0)
		reply_error(rq, E_INTERNAL, "sessions");
	else
		send_ok(rq, json_object());
}

/*
 * Only the session's own operator unlocks it: a challenge begun for
 * anyone else is refused.  A failure counts as at login, and the one
 * that locks the ID ends the session.
 */
void
handle_unlock(struct request *rq)
{
	char id[OPERATOR_ID_MAX];
	struct operator op;
	int left;

	/* Copied: the session may end while its operator is checked. */
	snprintf(id, sizeof id, "%s", rq->session->operator_id);
	if (proven(rq, id, &op) == 0) {
		if (audit_request(rq) != 0)
			reply_error(rq, E_AUDIT, NULL);
		else if (sessions_unlock(rq->srv->sessions, rq->token,
		    &left) != 0)
			reply_error(rq, E_INTERNAL, "sessions");
		else
			send_ok(rq, json_pack("{s:i}", "expires_in", left));
	}
	explicit_bzero(&op, sizeof op);
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
