/*
 * The first step of proving who an operator is (auth/begin): the method
 * they may use, a one-time challenge for this terminal certificate and,
 * for a fingerprint, their 照合情報 (one a finger registered) for the
 * terminal's reader to match against.  Every release is in the audit
 * log.
 */
#include <stdio.h>
#include <string.h>

#include "juki/i18n.h"
#include "juki/json-wipe.h"
#include "server.h"

/* Whether id may try to prove who they are now: 0, or -1 after a
 * refusal. */
static int
may_begin(struct request *rq, const char *id, struct operator *op)
{
	char today[OPERATOR_DATE_MAX];
	enum login_result r;
	int rc = operators_get(rq->srv->operators, id, op);

	if (rc < 0) {
		reply_error(rq, E_INTERNAL, "operators");
		return -1;
	}
	if (rc > 0) {
		/* The client cannot tell this from a wrong PIN; the log can. */
		rq->audit_note = "unknown-id";
		reply_error(rq, E_BAD_CREDENTIALS, NULL);
		return -1;
	}
	operators_today(today);
	if ((r = operator_may_work(op, today)) != LOGIN_OK) {
		rq->audit_note = operator_state(op, today);
		reply_error(rq, login_refusal(r, op), NULL);
		return -1;
	}
	return 0;
}

/* Appends print p of id to list, opened, as {"finger", "print": base64}:
 * 0, or -1 after a refusal. */
static int
add_print(struct request *rq, const char *id, const struct sealed_print *p,
    json_t *list)
{
	unsigned char print[PROTOCOL_MAX_PRINT];
	char text[PRINT_BASE64_MAX];
	size_t len;
	int rc;

	if (print_open(rq->srv->print_key, id, p->bytes, p->len, print,
	    sizeof print, &len) != 0) {
		/* Sealed with another key, copied from another operator's row
		 * or damaged: the operator must be enrolled again. */
		fprintf(stderr, _("juki-server: %s: 照合情報を復号できません"
		    " (鍵が違うか、別の照合IDのものか、壊れています)\n"), id);
		rq->audit_note = "print-unsealable";
		reply_error(rq, E_INTERNAL, "print");
		return -1;
	}
	print_to_base64(print, len, text);
	explicit_bzero(print, sizeof print);
	rc = json_array_append_new(list, json_pack("{s:s, s:s}", "finger",
	    finger_name(p->finger), "print", text));
	explicit_bzero(text, sizeof text);
	if (rc != 0)
		reply_error(rq, E_INTERNAL, NULL);
	return rc;
}

/* The operator's prints, opened, as [{"finger", "print"}…] in the order
 * of their slots: NULL after a refusal. */
static json_t *
released_prints(struct request *rq, const char *id)
{
	struct sealed_print sealed[PROTOCOL_MAX_FINGERS];
	json_t *list = json_array();
	int n = 0, i = 0;

	if (list == NULL || operators_sealed_prints(rq->srv->operators, id,
	    sealed, &n) != 0)
		reply_error(rq, E_INTERNAL, "operators");
	else if (n == 0)
		reply_error(rq, E_NO_PRINT, NULL);
	else
		while (i < n && add_print(rq, id, &sealed[i], list) == 0)
			i++;
	explicit_bzero(sealed, sizeof sealed);
	if (n > 0 && i == n)
		return list;
	json_wipe(list);
	return NULL;
}

/* A challenge nobody was told of is taken back at once. */
static void
withdraw(struct request *rq, const char *challenge, const char *id)
{
	char method[CHALLENGE_METHOD_MAX];

	challenges_take(rq->srv->challenges, challenge, id,
	    rq->peer.fingerprint, method);
}

/* Answers with a challenge and, for a fingerprint operator, prints
 * (wiped here, whatever happens). */
static void
answer(struct request *rq, const struct operator *op, json_t *prints)
{
	char challenge[CHALLENGE_LEN + 1];
	json_t *body = NULL;

	if (challenges_issue(rq->srv->challenges, op->id, rq->peer.fingerprint,
	    op->method, challenge) != 0) {
		reply_error(rq, E_INTERNAL, "challenges");
		goto out;
	}
	body = json_pack("{s:s, s:s, s:i}", "challenge", challenge, "method",
	    op->method, "expires_in", PROTOCOL_CHALLENGE_SECONDS);
	if (body != NULL && prints != NULL &&
	    json_object_set(body, "prints", prints) != 0) {
		json_decref(body);
		body = NULL;
	}
	if (body == NULL) {
		withdraw(rq, challenge, op->id);
		reply_error(rq, E_INTERNAL, NULL);
	} else if (reply_ok(rq, body) != 0)
		withdraw(rq, challenge, op->id);
out:
	json_wipe(prints);
	explicit_bzero(challenge, sizeof challenge);
}

void
handle_auth_begin(struct request *rq)
{
	const char *id = body_operator_id(rq);
	struct operator op;
	json_t *prints;

	if (id == NULL)
		return;
	snprintf(rq->audit.operator_id, sizeof rq->audit.operator_id, "%s",
	    id);
	if (may_begin(rq, id, &op) != 0)
		goto out;
	if (strcmp(op.method, AUTH_METHOD_FINGERPRINT) != 0)
		answer(rq, &op, NULL);
	else if ((prints = released_prints(rq, id)) != NULL)
		answer(rq, &op, prints);
out:
	explicit_bzero(&op, sizeof op);
}
