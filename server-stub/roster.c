/*
 * Changes of issued operators, each with its line in their history, and
 * the roster as administrators and auditors read it.
 */
#include <stdio.h>
#include <string.h>

#include "operators-db.h"
#include "roster.h"

static const struct transition {
	const char *action;
	const char *from[2];	/* the statuses it starts from; none: any */
	const char *to;
	enum protocol_error refusal;	/* from another */
} transitions[] = {
	[ROSTER_UNLOCK] = { "unlock", { "locked", NULL }, "active",
	    E_NOT_LOCKED },
	[ROSTER_SUSPEND] = { "suspend", { "active", "locked" }, "suspended",
	    E_STATE },
	[ROSTER_RESUME] = { "resume", { "suspended", NULL }, "active",
	    E_STATE },
	[ROSTER_REVOKE] = { "revoke", { NULL, NULL }, "revoked", E_STATE },
};

/* The operator a change is about, into op: 0, or -1 with *why set.  No
 * one changes their own ID, and nothing changes a revoked one. */
static int
subject(struct operators *ops, const char *id, struct roster_change *c,
    struct operator *op, enum protocol_error *why)
{
	int rc = operators_get(ops, id, op);

	if (rc != 0) {
		*why = rc > 0 ? E_NO_OPERATOR : E_INTERNAL;
		return -1;
	}
	snprintf(c->before, sizeof c->before, "%s", op->status);
	if (strcmp(id, c->actor) == 0)
		*why = E_OWN_ID;
	else if (strcmp(op->status, "revoked") == 0)
		*why = E_REVOKED;
	else
		return 0;
	return -1;
}

/* The line of the history for a change made: 0, or -1 with *why set. */
static int
record(struct operators *ops, const char *id, const char *action,
    const struct roster_change *c, enum protocol_error *why)
{
	if (ops_event(ops, id, action, NULL, c) == 0)
		return 0;
	*why = E_INTERNAL;
	return -1;
}

/* How op proves who they are, as short text: "pin", the fingers of
 * their prints, or "none". */
static void
credentials_text(const struct operator *op, char *out, size_t outsz)
{
	size_t n = 0;

	if (strcmp(op->method, AUTH_METHOD_PIN) == 0 && op->has_pin) {
		snprintf(out, outsz, "pin");
		return;
	}
	snprintf(out, outsz, "none");
	for (int i = 0; i < op->nprints && n < outsz; i++)
		n += (size_t)snprintf(out + n, outsz - n, "%s%s",
		    i > 0 ? "," : "", finger_name(op->fingers[i]));
}

/* Replaces how id proves who they are: method (NULL: as it was), the
 * hash of a PIN or NULL, and n prints.  0 or -1. */
static int
set_credentials(struct operators *ops, const char *id, const char *method,
    const char *hash, const struct sealed_print *prints, int n)
{
	if (sqlite_db_run(ops->db, 0, "UPDATE operator SET pin_hash = ?2,"
	    " auth_method = coalesce(?3, auth_method) WHERE id = ?1", 3, id,
	    hash, method) != 0)
		return -1;
	return ops_set_prints(ops, id, prints, n);
}

static int
from_allowed(const struct transition *t, const char *status)
{
	if (t->from[0] == NULL)
		return 1;
	for (int i = 0; i < 2; i++)
		if (t->from[i] != NULL && strcmp(t->from[i], status) == 0)
			return 1;
	return 0;
}

/* Revoking forgets how the operator proved who they were: nothing is
 * kept that is no longer needed. */
int
roster_transition(struct operators *ops, const char *id,
    enum roster_transition which, struct roster_change *c,
    enum protocol_error *why)
{
	const struct transition *t = &transitions[which];
	struct operator op;

	if (subject(ops, id, c, &op, why) != 0)
		return -1;
	if (!from_allowed(t, op.status)) {
		*why = t->refusal;
		return -1;
	}
	snprintf(c->after, sizeof c->after, "%s", t->to);
	/* Becoming active forgets the failures that locked the ID. */
	if (sqlite_db_run(ops->db, 0, "UPDATE operator SET status = ?2,"
	    " failures = CASE WHEN ?2 = 'active' THEN 0 ELSE failures END"
	    " WHERE id = ?1",
	    2, id, t->to) != 0 || (which == ROSTER_REVOKE &&
	    set_credentials(ops, id, NULL, NULL, NULL, 0) != 0)) {
		*why = E_INTERNAL;
		return -1;
	}
	return record(ops, id, t->action, c, why);
}

int
roster_enrol(struct operators *ops, const char *id,
    const struct sealed_print *prints, int n, struct roster_change *c,
    enum protocol_error *why)
{
	struct operator op, enrolled;

	if (subject(ops, id, c, &op, why) != 0)
		return -1;
	memset(&enrolled, 0, sizeof enrolled);
	for (int i = 0; i < n; i++)
		enrolled.fingers[i] = prints[i].finger;
	enrolled.nprints = n;
	credentials_text(&op, c->before, sizeof c->before);
	credentials_text(&enrolled, c->after, sizeof c->after);
	if (set_credentials(ops, id, AUTH_METHOD_FINGERPRINT, NULL, prints,
	    n) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	return record(ops, id, "enrol", c, why);
}

int
roster_set_pin(struct operators *ops, const char *id, const char *hash,
    struct roster_change *c, enum protocol_error *why)
{
	struct operator op;

	if (subject(ops, id, c, &op, why) != 0)
		return -1;
	credentials_text(&op, c->before, sizeof c->before);
	snprintf(c->after, sizeof c->after, "pin");
	if (set_credentials(ops, id, AUTH_METHOD_PIN, hash, NULL, 0) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	return record(ops, id, "pin", c, why);
}

int
roster_apply_roles(struct operators *ops, const struct operator *op,
    unsigned roles, struct roster_change *c)
{
	operator_roles_text(op->roles, c->before, sizeof c->before);
	operator_roles_text(roles, c->after, sizeof c->after);
	if (ops_set_roles(ops, op->id, roles) != 0)
		return -1;
	return ops_event(ops, op->id, "roles", NULL, c);
}

/* The roles op is to have, stored as an application under the
 * document's number for another administrator to approve. */
static int
await_roles(struct operators *ops, const struct operator *op,
    unsigned roles, struct roster_change *c, enum protocol_error *why)
{
	char wanted[32];	/* "clerk,admin,auditor,trainer" at most */
	struct application a;

	memset(&a, 0, sizeof a);
	snprintf(a.no, sizeof a.no, "%s", c->document);
	snprintf(a.kind, sizeof a.kind, "roles");
	snprintf(a.operator_id, sizeof a.operator_id, "%s", op->id);
	snprintf(a.name, sizeof a.name, "%s", op->name);
	snprintf(a.kana, sizeof a.kana, "%s", op->kana);
	snprintf(a.affiliation, sizeof a.affiliation, "%s", op->affiliation);
	a.roles = roles;
	snprintf(a.registered_by, sizeof a.registered_by, "%s", c->actor);
	snprintf(a.state, sizeof a.state, "awaiting-approval");
	operator_roles_text(roles, wanted, sizeof wanted);
	snprintf(c->after, sizeof c->after, "%s", wanted);
	if (applications_insert(ops, &a, why) != 0 ||
	    record(ops, op->id, "application", c, why) != 0)
		return -1;
	/* For the audit log: the roles have not changed yet. */
	snprintf(c->after, sizeof c->after, "%s (awaiting-approval)", wanted);
	return 0;
}

/* Only the roles that open the roster or the logs need a second
 * administrator; taking roles away never waits. */
int
roster_roles(struct operators *ops, const char *id, unsigned roles,
    struct roster_change *c, int *awaiting, enum protocol_error *why)
{
	struct operator op;

	*awaiting = 0;
	if (subject(ops, id, c, &op, why) != 0)
		return -1;
	operator_roles_text(op.roles, c->before, sizeof c->before);
	if (roles == op.roles) {
		*why = E_STATE;
		return -1;
	}
	if (roles & ~op.roles & (ROLE_ADMIN | ROLE_AUDITOR)) {
		*awaiting = 1;
		return await_roles(ops, &op, roles, c, why);
	}
	if (roster_apply_roles(ops, &op, roles, c) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	return 0;
}

int
roster_validity(struct operators *ops, const char *id,
    const char *valid_until, struct roster_change *c,
    enum protocol_error *why)
{
	struct operator op;

	if (subject(ops, id, c, &op, why) != 0)
		return -1;
	snprintf(c->before, sizeof c->before, "%s", op.valid_until);
	snprintf(c->after, sizeof c->after, "%s", valid_until);
	if (*valid_until != '\0' && *op.valid_from != '\0' &&
	    strcmp(valid_until, op.valid_from) < 0) {
		*why = E_BAD_VALUE;
		return -1;
	}
	if (sqlite_db_run(ops->db, 0, "UPDATE operator SET valid_until = ?2"
	    " WHERE id = ?1", 2, id, ops_null_if_empty(valid_until)) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	return record(ops, id, "validity", c, why);
}

/* The state is the date's, so it is filtered here, not in SQL. */
int
roster_list(struct operators *ops, const struct roster_filter *f,
    const char *today, int (*each)(const struct operator *, void *),
    void *arg)
{
	struct operator op;
	sqlite3_stmt *st;
	int rc, shown = 0;

	if ((st = sqlite_db_statement(ops->db, "SELECT id FROM operator o"
	    " WHERE (?1 = '' OR EXISTS (SELECT 1 FROM operator_role r"
	    "   WHERE r.operator_id = o.id AND r.role = ?1))"
	    " AND (?2 = '' OR instr(id, ?2) OR instr(name, ?2)"
	    "   OR instr(kana, ?2) OR instr(affiliation, ?2))"
	    " ORDER BY id", 2, f->role, f->text)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    shown < ROSTER_LIST_MAX) {
		if (operators_get(ops, (const char *)sqlite3_column_text(st, 0),
		    &op) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
		if (*f->state != '\0' &&
		    strcmp(operator_state(&op, today), f->state) != 0)
			continue;
		if (each(&op, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
		shown++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int
roster_history(struct operators *ops, const char *id,
    int (*each)(const struct operator_event *, void *), void *arg)
{
	struct operator_event e;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(ops->db,
	    "SELECT time, action, actor, before,"
	    " after, document FROM operator_event WHERE operator_id = ?1"
	    " ORDER BY seq", 1, id)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite_db_column_text(st, 0, e.time, sizeof e.time);
		sqlite_db_column_text(st, 1, e.action, sizeof e.action);
		sqlite_db_column_text(st, 2, e.actor, sizeof e.actor);
		sqlite_db_column_text(st, 3, e.before, sizeof e.before);
		sqlite_db_column_text(st, 4, e.after, sizeof e.after);
		sqlite_db_column_text(st, 5, e.document, sizeof e.document);
		if (each(&e, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
