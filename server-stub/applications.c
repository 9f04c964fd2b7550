/*
 * Applications: registered, approved by a second administrator when
 * they ask for a role that opens the roster or the logs, then issued
 * (or, for a role change, applied).
 */
#include <stdio.h>
#include <string.h>

#include "applications.h"
#include "operators-db.h"
#include "roster.h"

#define COLUMNS "no, kind, operator_id, name, kana, affiliation, roles," \
	" valid_from, valid_until, requested_by, registered_by," \
	" registered_at, approved_by, approved_at, state"

int
application_state_known(const char *name)
{
	return strcmp(name, "awaiting-approval") == 0 ||
	    strcmp(name, "approved") == 0 || strcmp(name, "done") == 0;
}

/* A row of COLUMNS into a. */
static void
read_row(sqlite3_stmt *st, struct application *a)
{
	char roles[OPERATOR_NOTE_MAX];

	memset(a, 0, sizeof *a);
	sqlite_db_column_text(st, 0, a->no, sizeof a->no);
	sqlite_db_column_text(st, 1, a->kind, sizeof a->kind);
	sqlite_db_column_text(st, 2, a->operator_id, sizeof a->operator_id);
	sqlite_db_column_text(st, 3, a->name, sizeof a->name);
	sqlite_db_column_text(st, 4, a->kana, sizeof a->kana);
	sqlite_db_column_text(st, 5, a->affiliation, sizeof a->affiliation);
	sqlite_db_column_text(st, 6, roles, sizeof roles);
	/* The file keeps what operator_roles_text wrote: "" for none. */
	(void)operator_roles_parse(roles, &a->roles, NULL);
	sqlite_db_column_text(st, 7, a->valid_from, sizeof a->valid_from);
	sqlite_db_column_text(st, 8, a->valid_until, sizeof a->valid_until);
	sqlite_db_column_text(st, 9, a->requested_by, sizeof a->requested_by);
	sqlite_db_column_text(st, 10, a->registered_by,
	    sizeof a->registered_by);
	sqlite_db_column_text(st, 11, a->registered_at,
	    sizeof a->registered_at);
	sqlite_db_column_text(st, 12, a->approved_by, sizeof a->approved_by);
	sqlite_db_column_text(st, 13, a->approved_at, sizeof a->approved_at);
	sqlite_db_column_text(st, 14, a->state, sizeof a->state);
}

/* Application no into out: 0, 1 when there is none, -1 on error. */
static int
get(struct operators *ops, const char *no, struct application *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(ops->db,
	    "SELECT " COLUMNS " FROM application"
	    " WHERE no = ?1", 1, no)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, out);
	return sqlite_db_found(st, rc);
}

int
applications_insert(struct operators *ops, struct application *a,
    enum protocol_error *why)
{
	char roles[OPERATOR_NOTE_MAX];
	struct application taken;
	int rc = get(ops, a->no, &taken);

	if (rc <= 0) {
		*why = rc == 0 ? E_DUPLICATE : E_INTERNAL;
		return -1;
	}
	operators_now(a->registered_at);
	operator_roles_text(a->roles, roles, sizeof roles);
	if (sqlite_db_run(ops->db, 0, "INSERT INTO application (no, kind,"
	    " operator_id, name, kana, affiliation, roles, valid_from,"
	    " valid_until, requested_by, registered_by, registered_at, state)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	    13, a->no,
	    a->kind, ops_null_if_empty(a->operator_id), a->name, a->kana,
	    a->affiliation, roles, ops_null_if_empty(a->valid_from),
	    ops_null_if_empty(a->valid_until), a->requested_by,
	    a->registered_by, a->registered_at, a->state) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	return 0;
}

int
applications_register(struct operators *ops, struct application *a,
    struct roster_change *c, enum protocol_error *why)
{
	snprintf(a->kind, sizeof a->kind, "issue");
	snprintf(a->registered_by, sizeof a->registered_by, "%s", c->actor);
	snprintf(a->state, sizeof a->state, "%s",
	    a->roles & (ROLE_ADMIN | ROLE_AUDITOR) ? "awaiting-approval" :
	    "approved");
	snprintf(c->after, sizeof c->after, "%s", a->state);
	return applications_insert(ops, a, why);
}

/* Records a approved by c->actor now, in state.  0 or -1. */
static int
mark_approved(struct operators *ops, struct application *a,
    const char *state, const struct roster_change *c)
{
	snprintf(a->approved_by, sizeof a->approved_by, "%s", c->actor);
	operators_now(a->approved_at);
	snprintf(a->state, sizeof a->state, "%s", state);
	return sqlite_db_run(ops->db, 0, "UPDATE application SET state = ?2,"
	    " approved_by = ?3, approved_at = ?4 WHERE no = ?1", 4, a->no,
	    a->state, a->approved_by, a->approved_at);
}

/* A role change approved: applied at once, and so done. */
static int
approve_roles(struct operators *ops, struct application *a,
    struct roster_change *c, enum protocol_error *why)
{
	struct operator op;
	int rc = operators_get(ops, a->operator_id, &op);

	if (rc != 0) {
		*why = rc > 0 ? E_NO_OPERATOR : E_INTERNAL;
		return -1;
	}
	if (strcmp(op.status, "revoked") == 0) {
		*why = E_REVOKED;
		return -1;
	}
	if (mark_approved(ops, a, "done", c) != 0 ||
	    roster_apply_roles(ops, &op, a->roles, c) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	return 0;
}

int
applications_approve(struct operators *ops, const char *no,
    struct roster_change *c, struct application *out,
    enum protocol_error *why)
{
	int rc = get(ops, no, out);

	if (rc != 0) {
		*why = rc > 0 ? E_NO_APPLICATION : E_INTERNAL;
		return -1;
	}
	snprintf(c->before, sizeof c->before, "%s", out->state);
	if (strcmp(out->state, "awaiting-approval") != 0) {
		*why = E_NOT_AWAITING;
		return -1;
	}
	if (strcmp(out->registered_by, c->actor) == 0 ||
	    strcmp(out->operator_id, c->actor) == 0) {
		*why = E_SELF_APPROVAL;
		return -1;
	}
	if (strcmp(out->kind, "roles") == 0)
		return approve_roles(ops, out, c, why);
	if (mark_approved(ops, out, "approved", c) != 0) {
		*why = E_INTERNAL;
		return -1;
	}
	snprintf(c->after, sizeof c->after, "%s", out->state);
	return 0;
}

/* "OP" and six digits, one more than the highest such ID: revoked IDs
 * stay in the file, so none is issued twice.  0 or -1 (none left). */
static int
next_id(struct operators *ops, char id[OPERATOR_ID_MAX])
{
	int64_t last = -1;

	if (sqlite_db_query_int(ops->db, "SELECT coalesce(max(CAST(substr(id,"
	    " 3) AS INTEGER)), 0) FROM operator"
	    " WHERE id GLOB 'OP[0-9][0-9][0-9][0-9][0-9][0-9]'",
	    &last) != SQLITE_DB_OK)
		return -1;
	if (last < 0 || last >= 999999)
		return -1;
	snprintf(id, OPERATOR_ID_MAX, "OP%06lld", (long long)last + 1);
	return 0;
}

/* The operator a is issued as: what the application says, to prove
 * who they are with fingerprints, none enrolled yet. */
static void
operator_of(const struct application *a, const char *id, struct operator *op)
{
	memset(op, 0, sizeof *op);
	snprintf(op->id, sizeof op->id, "%s", id);
	snprintf(op->name, sizeof op->name, "%s", a->name);
	snprintf(op->kana, sizeof op->kana, "%s", a->kana);
	snprintf(op->affiliation, sizeof op->affiliation, "%s",
	    a->affiliation);
	op->roles = a->roles;
	snprintf(op->method, sizeof op->method, AUTH_METHOD_FINGERPRINT);
	snprintf(op->valid_from, sizeof op->valid_from, "%s", a->valid_from);
	snprintf(op->valid_until, sizeof op->valid_until, "%s",
	    a->valid_until);
	snprintf(op->application_no, sizeof op->application_no, "%s", a->no);
}

/* The history of id begins with the paper: its registration and, when
 * it needed one, its approval, at the times they were made. */
static int
history_of_issue(struct operators *ops, const struct application *a,
    const char *id)
{
	struct roster_change e = { .actor = a->registered_by,
	    .document = a->no };

	operator_roles_text(a->roles, e.after, sizeof e.after);
	if (ops_event(ops, id, "application", a->registered_at, &e) != 0)
		return -1;
	if (a->approved_by[0] == '\0')
		return 0;
	e.actor = a->approved_by;
	snprintf(e.before, sizeof e.before, "awaiting-approval");
	snprintf(e.after, sizeof e.after, "approved");
	return ops_event(ops, id, "approval", a->approved_at, &e);
}

int
applications_issue(struct operators *ops, const char *no,
    struct roster_change *c, char id[OPERATOR_ID_MAX],
    enum protocol_error *why)
{
	struct application a;
	struct operator op;
	int rc = get(ops, no, &a);

	if (rc != 0 || strcmp(a.kind, "issue") != 0) {
		*why = rc < 0 ? E_INTERNAL : E_NO_APPLICATION;
		return -1;
	}
	snprintf(c->before, sizeof c->before, "%s", a.state);
	if (strcmp(a.state, "awaiting-approval") == 0) {
		*why = E_NOT_APPROVED;
		return -1;
	}
	if (strcmp(a.state, "done") == 0) {
		*why = E_ALREADY_ISSUED;
		return -1;
	}
	*why = E_INTERNAL;	/* whatever fails from here */
	if (next_id(ops, id) != 0)
		return -1;
	operator_of(&a, id, &op);
	c->before[0] = '\0';
	operator_roles_text(a.roles, c->after, sizeof c->after);
	if (ops_insert(ops, &op) != 0 || history_of_issue(ops, &a, id) != 0 ||
	    ops_event(ops, id, "issue", NULL, c) != 0 ||
	    sqlite_db_run(ops->db, 0, "UPDATE application SET state = 'done',"
	    " operator_id = ?2 WHERE no = ?1", 2, no, id) != 0)
		return -1;
	return 0;
}

int
applications_list(struct operators *ops, const char *state,
    const char *operator_id, int (*each)(const struct application *, void *),
    void *arg)
{
	struct application a;
	sqlite3_stmt *st;
	int rc, shown = 0;

	if ((st = sqlite_db_statement(ops->db,
	    "SELECT " COLUMNS " FROM application"
	    " WHERE (?1 = '' OR state = ?1)"
	    " AND (?2 IS NULL OR operator_id = ?2)"
	    " ORDER BY registered_at, no", 2, state, operator_id)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    shown++ < ROSTER_LIST_MAX) {
		read_row(st, &a);
		if (each(&a, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}
