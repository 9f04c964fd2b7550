/*
 * The administrator's changes of the roster: issuing an ID on an
 * approved application, registering how the operator proves who they
 * are, and each change of their status, roles and validity.  Every one
 * is recorded twice, in the audit log and in the operator's history, and
 * none is made on the administrator's own ID.
 */
#include <stdio.h>
#include <string.h>

#include "juki/json-wipe.h"
#include "pin.h"
#include "roster-json.h"
#include "server.h"

int
begin_change(struct request *rq)
{
	return change_begin(rq, operators_db(rq->srv->operators), "operators");
}

/* Undone, then refused; the log says what it was ("E_STATE:locked"). */
void
refuse_change(struct request *rq, enum protocol_error why,
    const char *detail, const struct roster_change *c)
{
	rq->audit_note = c->before[0] != '\0' ? c->before : NULL;
	change_refuse(rq, operators_db(rq->srv->operators), "operators", why,
	    detail);
	rq->audit_note = NULL;
}

/* The audit entry's note is "before->after" of c. */
void
finish_change(struct request *rq, const struct roster_change *c,
    json_t *body)
{
	char note[2 * OPERATOR_NOTE_MAX + 3];

	snprintf(note, sizeof note, "%s->%s", c->before, c->after);
	rq->audit_note = note;
	change_finish(rq, operators_db(rq->srv->operators), "operators",
	    body);
	rq->audit_note = NULL;
}

/* The body's "operator_id", the audit entry's target; NULL after a
 * refusal. */
static const char *
changed_operator(struct request *rq)
{
	const char *id = body_operator_id(rq);

	if (id != NULL)
		snprintf(rq->audit.target, sizeof rq->audit.target, "%s", id);
	return id;
}

void
handle_operator_issue(struct request *rq)
{
	char no[OPERATOR_NUMBER_MAX], id[OPERATOR_ID_MAX];
	struct roster_change c = { .actor = rq->session->operator_id,
	    .document = no };
	enum protocol_error why;

	if (body_number(rq, "application_no", no) != 0)
		return;
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", no);
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", no);
	if (begin_change(rq) != 0)
		return;
	if (applications_issue(rq->srv->operators, no, &c, id, &why) != 0) {
		refuse_change(rq, why, NULL, &c);
		return;
	}
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", id);
	finish_change(rq, &c, json_pack("{s:s}", "operator_id", id));
}

/* Fills out[n] with the print of item ({"finger", "print"}), sealed for
 * id, unless its finger is one of out[0 … n - 1]: 0, or -1 after a
 * refusal. */
static int
seal_print(struct request *rq, const char *id, json_t *item,
    struct sealed_print *out, int n)
{
	const char *finger = json_string_value(json_object_get(item, "finger"));
	const char *text = json_string_value(json_object_get(item, "print"));
	unsigned char print[PROTOCOL_MAX_PRINT];
	size_t len;
	int f, rc = -1;

	if (json_object_size(item) != 2 || finger == NULL || text == NULL) {
		reply_error(rq, E_BAD_VALUE, "prints");
		return -1;
	}
	f = finger_from_name(finger);
	for (int i = 0; i < n && f >= 0; i++)
		if (out[i].finger == f)
			f = -1;
	if (f < 0)
		reply_error(rq, E_BAD_VALUE, "finger");
	else if (print_from_base64(text, print, sizeof print, &len) != 0 ||
	    len == 0)
		reply_error(rq, E_BAD_VALUE, "print");
	else if (print_seal(rq->srv->print_key, id, print, len, out[n].bytes,
	    sizeof out[n].bytes, &out[n].len) != 0)
		reply_error(rq, E_INTERNAL, "print");
	else {
		out[n].finger = f;
		rc = 0;
	}
	explicit_bzero(print, sizeof print);
	return rc;
}

/* The body's "prints", 1 to PROTOCOL_MAX_FINGERS of distinct fingers,
 * each sealed for id: 0, or -1 after a refusal. */
static int
sealed_prints(struct request *rq, const char *id, struct sealed_print *out,
    int *n)
{
	json_t *list = json_object_get(rq->body, "prints"), *item;
	size_t i;

	*n = 0;
	if (json_array_size(list) < 1 ||
	    json_array_size(list) > PROTOCOL_MAX_FINGERS) {
		reply_error(rq, E_BAD_VALUE, "prints");
		return -1;
	}
	json_array_foreach(list, i, item) {
		if (seal_print(rq, id, item, out, *n) != 0)
			return -1;
		(*n)++;
	}
	return 0;
}

static json_t *
fingers_json(const struct sealed_print *prints, int n)
{
	json_t *list = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(list,
		    json_string(finger_name(prints[i].finger)));
	return list;
}

/* Each print was verified at the terminal before it was sent. */
void
handle_operator_enrol(struct request *rq)
{
	struct sealed_print prints[PROTOCOL_MAX_FINGERS];
	struct roster_change c = { .actor = rq->session->operator_id };
	char document[OPERATOR_NUMBER_MAX];
	enum protocol_error why;
	const char *id;
	int n;

	if ((id = changed_operator(rq)) == NULL ||
	    body_document(rq, 0, document) != 0 ||
	    sealed_prints(rq, id, prints, &n) != 0 || begin_change(rq) != 0)
		goto out;
	c.document = document;
	if (roster_enrol(rq->srv->operators, id, prints, n, &c, &why) != 0)
		refuse_change(rq, why, NULL, &c);
	else
		finish_change(rq, &c, json_pack("{s:s, s:s, s:o}",
		    "operator_id", id, "method", AUTH_METHOD_FINGERPRINT,
		    "fingers", fingers_json(prints, n)));
out:
	explicit_bzero(prints, sizeof prints);
}

/* The PIN is shown once, in the answer; the roster keeps its hash. */
void
handle_operator_pin(struct request *rq)
{
	struct roster_change c = { .actor = rq->session->operator_id };
	char document[OPERATOR_NUMBER_MAX], hash[PIN_HASH_MAX];
	char pin[PROTOCOL_PIN_DIGITS + 1];
	enum protocol_error why;
	const char *id;

	if ((id = changed_operator(rq)) == NULL ||
	    body_document(rq, 0, document) != 0)
		return;
	if (pin_generate(pin) != 0 || pin_hash(pin, hash, sizeof hash) != 0)
		reply_error(rq, E_INTERNAL, "pin");
	else if (begin_change(rq) == 0) {
		c.document = document;
		if (roster_set_pin(rq->srv->operators, id, hash, &c,
		    &why) != 0)
			refuse_change(rq, why, NULL, &c);
		else
			finish_change(rq, &c, json_pack("{s:s, s:s}",
			    "operator_id", id, "pin", pin));
	}
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(hash, sizeof hash);
}

/* A change of status; the document is optional but for a revocation. */
static void
transition(struct request *rq, enum roster_transition t, int need_document)
{
	struct roster_change c = { .actor = rq->session->operator_id };
	char document[OPERATOR_NUMBER_MAX];
	enum protocol_error why;
	const char *id;

	if ((id = changed_operator(rq)) == NULL ||
	    body_document(rq, need_document, document) != 0 ||
	    begin_change(rq) != 0)
		return;
	c.document = document;
	if (roster_transition(rq->srv->operators, id, t, &c, &why) != 0)
		refuse_change(rq, why, NULL, &c);
	else
		finish_change(rq, &c, json_pack("{s:s, s:s}", "operator_id",
		    id, "status", c.after));
}

/* Takes off the lock that too many failures put on an ID. */
void
handle_operator_unlock(struct request *rq)
{
	transition(rq, ROSTER_UNLOCK, 0);
}

void
handle_operator_suspend(struct request *rq)
{
	transition(rq, ROSTER_SUSPEND, 0);
}

void
handle_operator_resume(struct request *rq)
{
	transition(rq, ROSTER_RESUME, 0);
}

void
handle_operator_revoke(struct request *rq)
{
	transition(rq, ROSTER_REVOKE, 1);
}

/* "roles" in the answer are those asked for; "state" says whether they
 * apply ("done") or wait for another administrator. */
void
handle_operator_roles(struct request *rq)
{
	struct roster_change c = { .actor = rq->session->operator_id };
	char document[OPERATOR_NUMBER_MAX];
	enum protocol_error why;
	const char *id;
	unsigned roles;
	int awaiting;

	if ((id = changed_operator(rq)) == NULL || body_roles(rq, &roles) != 0
	    || body_document(rq, 1, document) != 0 || begin_change(rq) != 0)
		return;
	c.document = document;
	if (roster_roles(rq->srv->operators, id, roles, &c, &awaiting,
	    &why) != 0)
		refuse_change(rq, why, NULL, &c);
	else
		finish_change(rq, &c, json_pack("{s:s, s:o, s:s}",
		    "operator_id", id, "roles", roles_json(roles), "state",
		    awaiting ? "awaiting-approval" : "done"));
}

/* A new last day: "" for none.  Not before today, which revives a lapsed
 * ID, nor before its first day. */
void
handle_operator_validity(struct request *rq)
{
	struct roster_change c = { .actor = rq->session->operator_id };
	char document[OPERATOR_NUMBER_MAX], from[OPERATOR_DATE_MAX];
	char until[OPERATOR_DATE_MAX];
	enum protocol_error why;
	const char *id;

	if ((id = changed_operator(rq)) == NULL ||
	    body_validity(rq, from, until) != 0 ||
	    body_document(rq, 0, document) != 0 || begin_change(rq) != 0)
		return;
	c.document = document;
	if (roster_validity(rq->srv->operators, id, until, &c, &why) != 0)
		refuse_change(rq, why, why == E_BAD_VALUE ? "valid_until" :
		    NULL, &c);
	else
		finish_change(rq, &c, json_pack("{s:s, s:s}", "operator_id",
		    id, "valid_until", until));
}
