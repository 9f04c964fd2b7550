/*
 * The first step of proving who an operator is (auth/begin): the method
 * they may use, a one-time challenge for this terminal certificate and,
 * for a fingerprint, their 照合情報 for the terminal's reader to match
 * against.  Every print released is in the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "juki/i18n.h"
#include "server.h"

/* Whether id may try to prove who they are now: 0, or -1 after a
 * refusal. */
static int
may_begin(struct request *rq, const char *id, struct operator *op)
{
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
	if (strcmp(op->status, "locked") == 0) {
		reply_error(rq, E_LOCKED, NULL);
		return -1;
	}
	if (strcmp(op->status, "active") != 0) {
		rq->audit_note = op->status;
		reply_error(rq, E_INACTIVE, NULL);
		return -1;
	}
	if (strcmp(op->method, AUTH_METHOD_FINGERPRINT) == 0 &&
	    !op->has_print) {
		reply_error(rq, E_NO_PRINT, NULL);
		return -1;
	}
	return 0;
}

/* The operator's print, opened, as base64 in out: 0, or -1 after a
 * refusal. */
static int
released_print(struct request *rq, const char *id, char *out)
{
	unsigned char sealed[PRINT_SEALED_MAX], print[PROTOCOL_MAX_PRINT];
	size_t sealedlen, len;
	int rc;

	rc = operators_sealed_print(rq->srv->operators, id, sealed,
	    sizeof sealed, &sealedlen);
	if (rc != 0) {
		reply_error(rq, rc > 0 ? E_NO_PRINT : E_INTERNAL,
		    rc > 0 ? NULL : "operators");
		return -1;
	}
	if (print_open(rq->srv->print_key, id, sealed, sealedlen, print,
	    sizeof print, &len) != 0) {
		/* Sealed with another key, copied from another operator's row
		 * or damaged: the operator must be enrolled again. */
		fprintf(stderr, _("juki-server: %s: 照合情報を復号できません"
		    " (鍵が違うか、別の照合IDのものか、壊れています)\n"), id);
		rq->audit_note = "print-unsealable";
		reply_error(rq, E_INTERNAL, "print");
		return -1;
	}
	print_to_base64(print, len, out);
	explicit_bzero(print, sizeof print);
	return 0;
}

/* A challenge nobody was told of is taken back at once. */
static void
withdraw(struct request *rq, const char *challenge, const char *id)
{
	char method[CHALLENGE_METHOD_MAX];

	challenges_take(rq->srv->challenges, challenge, id,
	    rq->peer.fingerprint, method);
}

static void
answer(struct request *rq, const struct operator *op, const char *print)
{
	char challenge[CHALLENGE_LEN + 1];
	json_t *body, *text = NULL;

	if (challenges_issue(rq->srv->challenges, op->id, rq->peer.fingerprint,
	    op->method, challenge) != 0) {
		reply_error(rq, E_INTERNAL, "challenges");
		return;
	}
	body = json_pack("{s:s, s:s, s:i}", "challenge", challenge, "method",
	    op->method, "expires_in", PROTOCOL_CHALLENGE_SECONDS);
	/* Our own reference to the print's text, to wipe it after. */
	if (body != NULL && print != NULL &&
	    ((text = json_string(print)) == NULL ||
	    json_object_set(body, "print", text) != 0)) {
		json_decref(body);
		body = NULL;
	}
	if (body == NULL) {
		withdraw(rq, challenge, op->id);
		reply_error(rq, E_INTERNAL, NULL);
	} else if (reply_ok(rq, body) != 0)
		withdraw(rq, challenge, op->id);
	if (text != NULL) {
		explicit_bzero((char *)json_string_value(text),
		    json_string_length(text));
		json_decref(text);
	}
	explicit_bzero(challenge, sizeof challenge);
}

void
handle_auth_begin(struct request *rq)
{
	const char *id = body_operator_id(rq);
	char print[PRINT_BASE64_MAX];
	struct operator op;

	if (id == NULL)
		return;
	snprintf(rq->audit.operator_id, sizeof rq->audit.operator_id, "%s",
	    id);
	if (may_begin(rq, id, &op) != 0)
		goto out;
	if (strcmp(op.method, AUTH_METHOD_FINGERPRINT) != 0)
		answer(rq, &op, NULL);
	else if (released_print(rq, id, print) == 0)
		answer(rq, &op, print);
out:
	explicit_bzero(print, sizeof print);
	explicit_bzero(&op, sizeof op);
}
