/*
 * The operator-ID lifecycle in the roster file, without the network:
 * applications, issue, every change and its history, the rules that
 * refuse, what SQL cannot do to the file behind the server's back, the
 * state of an ID on a given date, and nothing ever half saved.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "applications.h"
#include "fixture.h"
#include "operators.h"
#include "pin.h"
#include "roster.h"

struct ctx {
	char path[4096];
	struct operators *ops;
	sqlite3 *db;		/* the same file, behind the server's back */
};

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	const char *reason = NULL;
	struct operator admin;

	assert_non_null(c);
	fixture_db_path(c->path, sizeof c->path);
	assert_int_equal(operators_open(c->path, 1, &c->ops, &reason), 0);
	assert_int_equal(sqlite3_open(c->path, &c->db), SQLITE_OK);
	/* The first administrators, as the CLI adds them. */
	memset(&admin, 0, sizeof admin);
	admin.roles = ROLE_ADMIN;
	snprintf(admin.method, sizeof admin.method, AUTH_METHOD_PIN);
	for (int i = 1; i <= 2; i++) {
		snprintf(admin.id, sizeof admin.id, "A000%d", i);
		snprintf(admin.name, sizeof admin.name, "管理%d", i);
		assert_int_equal(operators_add(c->ops, &admin, "cli", "1234",
		    NULL, &reason), 0);
	}
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	sqlite3_close(c->db);
	operators_close(c->ops);
	fixture_remove_db(c->path);
	free(c);
	return 0;
}

static struct application
application(const char *no, unsigned roles)
{
	struct application a;

	memset(&a, 0, sizeof a);
	snprintf(a.no, sizeof a.no, "%s", no);
	snprintf(a.name, sizeof a.name, "窓口 花子");
	snprintf(a.kana, sizeof a.kana, "マドグチ ハナコ");
	snprintf(a.affiliation, sizeof a.affiliation, "市民課");
	snprintf(a.requested_by, sizeof a.requested_by, "市民課長");
	a.roles = roles;
	return a;
}

/* Each change as the server makes it (fixture_settle): the refusal, or
 * FIXTURE_DONE. */
static int
registered(struct ctx *c, const char *actor, struct application *a)
{
	struct roster_change rc = { .actor = actor, .document = a->no };
	enum protocol_error why;

	fixture_begin(operators_db(c->ops));
	return fixture_settle(operators_db(c->ops),
	    applications_register(c->ops, a, &rc, &why), &why);
}

static int
approved(struct ctx *c, const char *actor, const char *no)
{
	struct roster_change rc = { .actor = actor, .document = no };
	struct application a;
	enum protocol_error why;

	fixture_begin(operators_db(c->ops));
	return fixture_settle(operators_db(c->ops),
	    applications_approve(c->ops, no, &rc, &a, &why), &why);
}

static int
issued(struct ctx *c, const char *actor, const char *no, char *id)
{
	struct roster_change rc = { .actor = actor, .document = no };
	enum protocol_error why;

	fixture_begin(operators_db(c->ops));
	return fixture_settle(operators_db(c->ops),
	    applications_issue(c->ops, no, &rc, id, &why), &why);
}

static int
moved(struct ctx *c, const char *actor, const char *id,
    enum roster_transition t)
{
	struct roster_change rc = { .actor = actor, .document = "D-1" };
	enum protocol_error why;

	fixture_begin(operators_db(c->ops));
	return fixture_settle(operators_db(c->ops),
	    roster_transition(c->ops, id, t, &rc, &why), &why);
}

static int
given_roles(struct ctx *c, const char *actor, const char *id,
    unsigned roles, const char *document, int *awaiting)
{
	struct roster_change rc = { .actor = actor, .document = document };
	enum protocol_error why;

	fixture_begin(operators_db(c->ops));
	return fixture_settle(operators_db(c->ops),
	    roster_roles(c->ops, id, roles, &rc, awaiting, &why), &why);
}

/* A clerk's application registered by A0001 and issued: the new ID. */
static void
new_clerk(struct ctx *c, const char *no, char *id)
{
	struct application a = application(no, ROLE_CLERK);

	assert_int_equal(registered(c, "A0001", &a), FIXTURE_DONE);
	assert_string_equal(a.state, "approved");
	assert_int_equal(issued(c, "A0001", no, id), FIXTURE_DONE);
}

static const char *
state_of(struct ctx *c, const char *id, const char *today)
{
	static struct operator op;

	assert_int_equal(operators_get(c->ops, id, &op), 0);
	return operator_state(&op, today);
}

/* History lines of id, by SQL. */
static long long
events(struct ctx *c, const char *id, const char *action)
{
	char q[256];

	snprintf(q, sizeof q, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = '%s' AND action = '%s'", id, action);
	return fixture_count(c->db, q);
}

static void
test_register_approve_issue(void **state)
{
	struct ctx *c = *state;
	struct application a = application("R7-0001", ROLE_CLERK | ROLE_ADMIN);
	struct application dup = application("R7-0001", ROLE_CLERK);
	struct operator op;
	char id[OPERATOR_ID_MAX];

	assert_int_equal(registered(c, "A0001", &a), FIXTURE_DONE);
	assert_string_equal(a.state, "awaiting-approval");
	assert_int_equal(registered(c, "A0002", &dup), E_DUPLICATE);
	assert_int_equal(issued(c, "A0001", "R7-0001", id), E_NOT_APPROVED);
	assert_int_equal(approved(c, "A0001", "R7-0001"), E_SELF_APPROVAL);
	assert_int_equal(approved(c, "A0002", "NONE"), E_NO_APPLICATION);
	assert_int_equal(approved(c, "A0002", "R7-0001"), FIXTURE_DONE);
	assert_int_equal(approved(c, "A0002", "R7-0001"), E_NOT_AWAITING);
	assert_int_equal(issued(c, "A0001", "R7-0001", id), FIXTURE_DONE);
	assert_string_equal(id, "OP000001");
	assert_int_equal(issued(c, "A0001", "R7-0001", id), E_ALREADY_ISSUED);
	assert_int_equal(issued(c, "A0001", "NONE", id), E_NO_APPLICATION);

	/* Issued with no 照合情報 yet, from what the paper says. */
	assert_int_equal(operators_get(c->ops, "OP000001", &op), 0);
	assert_string_equal(op.kana, "マドグチ ハナコ");
	assert_string_equal(op.affiliation, "市民課");
	assert_string_equal(op.application_no, "R7-0001");
	assert_int_equal(op.roles, ROLE_CLERK | ROLE_ADMIN);
	assert_string_equal(op.method, AUTH_METHOD_FINGERPRINT);
	assert_string_equal(operator_state(&op, "2030-01-01"), "unenrolled");
	/* Its history: the paper, its approval, the issue. */
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'OP000001'"), 3);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'OP000001' AND ((action = 'application' AND"
	    " actor = 'A0001') OR (action = 'approval' AND actor = 'A0002')"
	    " OR (action = 'issue' AND actor = 'A0001')) AND"
	    " document = 'R7-0001'"), 3);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM application WHERE"
	    " no = 'R7-0001' AND state = 'done' AND operator_id = 'OP000001'"
	    " AND approved_by = 'A0002'"), 1);
	/* The first administrators were issued by the CLI. */
	assert_int_equal(events(c, "A0001", "issue"), 1);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'A0001' AND actor = 'cli' AND after = 'admin'"), 1);
}

/* Revoked IDs stay: the next is one more than the highest ever. */
static void
test_ids_never_reused(void **state)
{
	struct ctx *c = *state;
	struct operator op;
	const char *reason;
	char id[OPERATOR_ID_MAX];

	new_clerk(c, "N-1", id);
	assert_string_equal(id, "OP000001");
	assert_int_equal(moved(c, "A0001", "OP000001", ROSTER_REVOKE),
	    FIXTURE_DONE);
	new_clerk(c, "N-2", id);
	assert_string_equal(id, "OP000002");
	/* One added by hand higher up is not issued again either. */
	memset(&op, 0, sizeof op);
	snprintf(op.id, sizeof op.id, "OP000041");
	snprintf(op.name, sizeof op.name, "手動");
	op.roles = ROLE_CLERK;
	snprintf(op.method, sizeof op.method, AUTH_METHOD_PIN);
	assert_int_equal(operators_add(c->ops, &op, "cli", "1234", NULL,
	    &reason), 0);
	new_clerk(c, "N-3", id);
	assert_string_equal(id, "OP000042");
	/* Nor can a revoked operator be deleted to free the ID. */
	fixture_sql(c->db, "DELETE FROM operator WHERE id = 'OP000001'", SQLITE_CONSTRAINT);
}

/* Final, even through SQL; and nothing more is done to a revoked ID. */
static void
test_revoked_is_final(void **state)
{
	struct ctx *c = *state;
	struct sealed_print p;
	struct roster_change rc = { .actor = "A0001", .document = "" };
	enum protocol_error why;
	char id[OPERATOR_ID_MAX], hash[PIN_HASH_MAX];
	int awaiting;

	new_clerk(c, "N-1", id);
	memset(&p, 0, sizeof p);
	p.finger = finger_from_name("left-thumb");
	p.len = 3;
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_enrol(c->ops, id, &p, 1, &rc, &why), 0);
	assert_int_equal(operators_commit(c->ops), 0);
	assert_int_equal(moved(c, "A0001", id, ROSTER_REVOKE), FIXTURE_DONE);
	assert_string_equal(state_of(c, id, "2030-01-01"), "revoked");
	/* Its prints and PIN are gone. */
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_print WHERE"
	    " operator_id = 'OP000001'"), 0);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator WHERE"
	    " id = 'OP000001' AND pin_hash IS NULL"), 1);

	fixture_sql(c->db, "UPDATE operator SET status = 'active' WHERE id = 'OP000001'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE operator SET status = 'suspended'"
	    " WHERE id = 'OP000001'", SQLITE_CONSTRAINT);
	assert_string_equal(state_of(c, id, "2030-01-01"), "revoked");

	for (int t = ROSTER_UNLOCK; t <= ROSTER_REVOKE; t++)
		assert_int_equal(moved(c, "A0001", id, t), E_REVOKED);
	assert_int_equal(given_roles(c, "A0001", id, ROLE_AUDITOR, "D-9",
	    &awaiting), E_REVOKED);
	assert_int_equal(pin_hash("5678", hash, sizeof hash), 0);
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_set_pin(c->ops, id, hash, &rc, &why), -1);
	assert_int_equal(why, E_REVOKED);
	assert_int_equal(roster_validity(c->ops, id, "2031-01-01", &rc, &why),
	    -1);
	assert_int_equal(why, E_REVOKED);
	operators_rollback(c->ops);
	assert_int_equal(events(c, id, "revoke"), 1);
}

static void
test_history_append_only(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(events(c, "A0001", "issue"), 1);
	fixture_sql(c->db, "UPDATE operator_event SET actor = 'A0002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM operator_event", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM operator_event WHERE operator_id = 'A0002'",
	    SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event"
	    " WHERE actor = 'cli'"), 2);
}

/* What applies on each date, the stronger state hiding the others. */
static void
test_state_by_date(void **state)
{
	struct operator op;

	(void)state;
	memset(&op, 0, sizeof op);
	snprintf(op.status, sizeof op.status, "active");
	snprintf(op.method, sizeof op.method, AUTH_METHOD_PIN);
	op.has_pin = 1;
	snprintf(op.valid_from, sizeof op.valid_from, "2026-04-01");
	snprintf(op.valid_until, sizeof op.valid_until, "2027-03-31");
	assert_string_equal(operator_state(&op, "2026-03-31"),
	    "not-yet-valid");
	assert_int_equal(operator_may_work(&op, "2026-03-31"),
	    LOGIN_NOT_YET_VALID);
	assert_string_equal(operator_state(&op, "2026-04-01"), "active");
	assert_int_equal(operator_may_work(&op, "2026-04-01"), LOGIN_OK);
	assert_string_equal(operator_state(&op, "2027-03-31"), "active");
	assert_string_equal(operator_state(&op, "2027-04-01"), "lapsed");
	assert_int_equal(operator_may_work(&op, "2027-04-01"), LOGIN_LAPSED);

	/* locked < not-yet-valid, lapsed < suspended < revoked */
	snprintf(op.status, sizeof op.status, "locked");
	assert_string_equal(operator_state(&op, "2026-06-01"), "locked");
	assert_int_equal(operator_may_work(&op, "2026-06-01"), LOGIN_LOCKED);
	assert_string_equal(operator_state(&op, "2026-03-01"),
	    "not-yet-valid");
	assert_string_equal(operator_state(&op, "2028-01-01"), "lapsed");
	snprintf(op.status, sizeof op.status, "suspended");
	assert_string_equal(operator_state(&op, "2028-01-01"), "suspended");
	assert_int_equal(operator_may_work(&op, "2028-01-01"),
	    LOGIN_INACTIVE);
	snprintf(op.status, sizeof op.status, "revoked");
	assert_string_equal(operator_state(&op, "2026-03-01"), "revoked");

	/* Nothing to prove it with, and no dates: unenrolled, whenever. */
	snprintf(op.status, sizeof op.status, "active");
	op.valid_from[0] = op.valid_until[0] = '\0';
	op.has_pin = 0;
	assert_string_equal(operator_state(&op, "1999-01-01"), "unenrolled");
	assert_int_equal(operator_may_work(&op, "1999-01-01"),
	    LOGIN_UNENROLLED);
	snprintf(op.method, sizeof op.method, AUTH_METHOD_FINGERPRINT);
	op.has_pin = 1;
	assert_string_equal(operator_state(&op, "1999-01-01"), "unenrolled");
	op.nprints = 1;
	assert_string_equal(operator_state(&op, "1999-01-01"), "active");
	snprintf(op.status, sizeof op.status, "locked");
	assert_string_equal(operator_state(&op, "1999-01-01"), "locked");
}

/* A lapsed or not yet valid ID cannot log in, and its attempts do not
 * count; a lock-out is in the history, by the server itself. */
static void
test_login_by_date(void **state)
{
	struct ctx *c = *state;
	struct operator got;

	fixture_sql(c->db, "UPDATE operator SET valid_until = '2000-01-01'"
	    " WHERE id = 'A0001'", SQLITE_OK);
	assert_int_equal(operators_authenticate(c->ops, "A0001", AUTH_PIN,
	    "1234", 3, &got), LOGIN_LAPSED);
	assert_int_equal(operators_authenticate(c->ops, "A0001", AUTH_PIN,
	    "0000", 3, &got), LOGIN_LAPSED);
	assert_int_equal(got.failures, 0);
	fixture_sql(c->db, "UPDATE operator SET valid_until = NULL,"
	    " valid_from = '9999-01-01' WHERE id = 'A0001'", SQLITE_OK);
	assert_int_equal(operators_authenticate(c->ops, "A0001", AUTH_PIN,
	    "1234", 3, &got), LOGIN_NOT_YET_VALID);

	for (int i = 0; i < 2; i++)
		assert_int_equal(operators_authenticate(c->ops, "A0002",
		    AUTH_PIN, "0000", 3, &got), LOGIN_BAD);
	assert_int_equal(events(c, "A0002", "lock"), 0);
	assert_int_equal(operators_authenticate(c->ops, "A0002", AUTH_PIN,
	    "0000", 3, &got), LOGIN_LOCKED);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'A0002' AND action = 'lock' AND actor = '' AND"
	    " before = 'active' AND after = 'locked'"), 1);
	assert_int_equal(operators_authenticate(c->ops, "A0002", AUTH_PIN,
	    "0000", 3, &got), LOGIN_LOCKED);
	assert_int_equal(events(c, "A0002", "lock"), 1);
	assert_int_equal(moved(c, "A0001", "A0002", ROSTER_UNLOCK),
	    FIXTURE_DONE);
	assert_int_equal(operators_authenticate(c->ops, "A0002", AUTH_PIN,
	    "1234", 3, &got), LOGIN_OK);
}

static void
test_transitions(void **state)
{
	struct ctx *c = *state;
	struct operator got;
	char id[OPERATOR_ID_MAX];

	new_clerk(c, "N-1", id);
	assert_int_equal(moved(c, "A0001", "A0001", ROSTER_SUSPEND), E_OWN_ID);
	assert_int_equal(moved(c, "A0001", "NOBODY", ROSTER_SUSPEND),
	    E_NO_OPERATOR);
	assert_int_equal(moved(c, "A0001", id, ROSTER_UNLOCK), E_NOT_LOCKED);
	assert_int_equal(moved(c, "A0001", id, ROSTER_RESUME), E_STATE);
	assert_int_equal(moved(c, "A0001", id, ROSTER_SUSPEND), FIXTURE_DONE);
	assert_int_equal(moved(c, "A0001", id, ROSTER_SUSPEND), E_STATE);
	assert_int_equal(moved(c, "A0001", id, ROSTER_UNLOCK), E_NOT_LOCKED);
	assert_int_equal(moved(c, "A0002", id, ROSTER_RESUME), FIXTURE_DONE);
	fixture_sql(c->db, "UPDATE operator SET status = 'locked', failures = 5"
	    " WHERE id = 'OP000001'", SQLITE_OK);
	assert_int_equal(moved(c, "A0001", id, ROSTER_SUSPEND), FIXTURE_DONE);
	assert_int_equal(moved(c, "A0001", id, ROSTER_RESUME), FIXTURE_DONE);
	assert_int_equal(operators_get(c->ops, id, &got), 0);
	assert_string_equal(got.status, "active");
	assert_int_equal(got.failures, 0);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'OP000001' AND action = 'suspend' AND"
	    " before = 'locked' AND after = 'suspended' AND"
	    " document = 'D-1'"), 1);
	assert_int_equal(events(c, id, "resume"), 2);
}

/* Adding admin or auditor waits for a second administrator, under the
 * document's number; taking roles away does not. */
static void
test_roles(void **state)
{
	struct ctx *c = *state;
	struct application a = application("D-2", ROLE_CLERK);
	struct operator got;
	char id[OPERATOR_ID_MAX];
	int awaiting = -1;

	new_clerk(c, "N-1", id);
	assert_int_equal(given_roles(c, "A0001", id, ROLE_CLERK, "D-1",
	    &awaiting), E_STATE);
	assert_int_equal(given_roles(c, "A0001", "A0001", ROLE_CLERK, "D-1",
	    &awaiting), E_OWN_ID);
	assert_int_equal(given_roles(c, "A0001", id, ROLE_CLERK |
	    ROLE_TRAINER, "D-1", &awaiting), FIXTURE_DONE);
	assert_false(awaiting);
	assert_int_equal(operators_get(c->ops, id, &got), 0);
	assert_int_equal(got.roles, ROLE_CLERK | ROLE_TRAINER);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM application"), 1);

	/* Its number clashes with an application's, and the other way. */
	assert_int_equal(given_roles(c, "A0001", id, ROLE_AUDITOR, "N-1",
	    &awaiting), E_DUPLICATE);
	assert_int_equal(given_roles(c, "A0001", id, ROLE_AUDITOR, "D-2",
	    &awaiting), FIXTURE_DONE);
	assert_true(awaiting);
	assert_int_equal(registered(c, "A0002", &a), E_DUPLICATE);
	assert_int_equal(operators_get(c->ops, id, &got), 0);
	assert_int_equal(got.roles, ROLE_CLERK | ROLE_TRAINER);
	assert_int_equal(issued(c, "A0002", "D-2", id), E_NO_APPLICATION);
	assert_int_equal(approved(c, "A0001", "D-2"), E_SELF_APPROVAL);
	assert_int_equal(approved(c, "A0002", "D-2"), FIXTURE_DONE);
	assert_int_equal(operators_get(c->ops, id, &got), 0);
	assert_int_equal(got.roles, ROLE_AUDITOR);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'OP000001' AND action = 'roles' AND"
	    " actor = 'A0002' AND before = 'clerk,trainer' AND"
	    " after = 'auditor' AND document = 'D-2'"), 1);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event WHERE"
	    " operator_id = 'OP000001' AND action = 'application' AND"
	    " actor = 'A0001' AND document = 'D-2'"), 1);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM application WHERE"
	    " no = 'D-2' AND kind = 'roles' AND state = 'done'"), 1);

	/* Nobody approves a change of their own roles. */
	assert_int_equal(given_roles(c, "A0001", "A0002", ROLE_ADMIN |
	    ROLE_AUDITOR, "D-3", &awaiting), FIXTURE_DONE);
	assert_int_equal(approved(c, "A0002", "D-3"), E_SELF_APPROVAL);
}

static void
test_enrol_and_pin(void **state)
{
	struct ctx *c = *state;
	struct sealed_print p[2], out[PROTOCOL_MAX_FINGERS];
	struct roster_change rc = { .actor = "A0001", .document = "" };
	enum protocol_error why;
	struct operator got;
	char id[OPERATOR_ID_MAX], hash[PIN_HASH_MAX];
	int n;

	new_clerk(c, "N-1", id);
	memset(p, 0, sizeof p);
	p[0].finger = finger_from_name("right-thumb");
	p[1].finger = finger_from_name("left-index");
	p[0].len = p[1].len = 4;
	memcpy(p[1].bytes, "left", 4);
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_enrol(c->ops, id, p, 2, &rc, &why), 0);
	assert_string_equal(rc.before, "none");
	assert_string_equal(rc.after, "right-thumb,left-index");
	assert_int_equal(operators_commit(c->ops), 0);
	assert_int_equal(operators_sealed_prints(c->ops, id, out, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(out[1].finger, p[1].finger);
	assert_memory_equal(out[1].bytes, "left", 4);
	assert_string_equal(state_of(c, id, "2030-01-01"), "active");

	/* A PIN instead: the prints go. */
	assert_int_equal(pin_hash("24681357", hash, sizeof hash), 0);
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_set_pin(c->ops, id, hash, &rc, &why), 0);
	assert_string_equal(rc.before, "right-thumb,left-index");
	assert_string_equal(rc.after, "pin");
	assert_int_equal(operators_commit(c->ops), 0);
	assert_int_equal(operators_get(c->ops, id, &got), 0);
	assert_string_equal(got.method, AUTH_METHOD_PIN);
	assert_int_equal(got.nprints, 0);
	assert_int_equal(operators_authenticate(c->ops, id, AUTH_PIN,
	    "24681357", 5, &got), LOGIN_OK);

	/* Prints again: the PIN goes. */
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_enrol(c->ops, id, p, 1, &rc, &why), 0);
	assert_int_equal(operators_commit(c->ops), 0);
	assert_int_equal(operators_get(c->ops, id, &got), 0);
	assert_false(got.has_pin);
	assert_int_equal(got.nprints, 1);
	assert_int_equal(events(c, id, "enrol"), 2);
	assert_int_equal(events(c, id, "pin"), 1);
}

static void
test_validity(void **state)
{
	struct ctx *c = *state;
	struct application a = application("N-1", ROLE_CLERK);
	struct roster_change rc = { .actor = "A0001", .document = "" };
	enum protocol_error why;
	char id[OPERATOR_ID_MAX];

	snprintf(a.valid_from, sizeof a.valid_from, "2026-04-01");
	snprintf(a.valid_until, sizeof a.valid_until, "2027-03-31");
	assert_int_equal(registered(c, "A0001", &a), FIXTURE_DONE);
	assert_int_equal(issued(c, "A0002", "N-1", id), FIXTURE_DONE);
	assert_string_equal(state_of(c, id, "2027-04-01"), "lapsed");
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_validity(c->ops, id, "2026-03-31", &rc, &why),
	    -1);
	assert_int_equal(why, E_BAD_VALUE);
	assert_int_equal(roster_validity(c->ops, id, "2028-03-31", &rc, &why),
	    0);
	assert_string_equal(rc.before, "2027-03-31");
	assert_int_equal(operators_commit(c->ops), 0);
	assert_string_equal(state_of(c, id, "2027-04-01"), "unenrolled");
	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(roster_validity(c->ops, id, "", &rc, &why), 0);
	assert_int_equal(operators_commit(c->ops), 0);
	assert_string_equal(state_of(c, id, "2099-04-01"), "unenrolled");
	assert_int_equal(events(c, id, "validity"), 2);
}

/*
 * A change whose history cannot be written (a full disk, here a
 * trigger) leaves nothing behind: not the change, not half the issue.
 * Nor does a change rolled back after it was made (its audit entry could
 * not be written).
 */
static void
test_nothing_half_saved(void **state)
{
	struct ctx *c = *state;
	struct application a = application("N-2", ROLE_CLERK);
	struct roster_change rc = { .actor = "A0001", .document = "N-2" };
	enum protocol_error why;
	char id[OPERATOR_ID_MAX];

	new_clerk(c, "N-1", id);
	assert_int_equal(registered(c, "A0001", &a), FIXTURE_DONE);
	fixture_sql(c->db, "CREATE TRIGGER full BEFORE INSERT ON operator_event"
	    " BEGIN SELECT RAISE(ABORT, 'disk full'); END", SQLITE_OK);
	assert_int_equal(moved(c, "A0001", id, ROSTER_SUSPEND), E_INTERNAL);
	assert_string_equal(state_of(c, id, "2030-01-01"), "unenrolled");
	assert_int_equal(issued(c, "A0001", "N-2", id), E_INTERNAL);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator"), 3);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM application"
	    " WHERE no = 'N-2' AND state = 'approved'"), 1);
	fixture_sql(c->db, "DROP TRIGGER full", SQLITE_OK);

	assert_int_equal(operators_begin(c->ops), 0);
	assert_int_equal(applications_issue(c->ops, "N-2", &rc, id, &why), 0);
	assert_string_equal(id, "OP000002");
	operators_rollback(c->ops);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator"), 3);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM operator_event"
	    " WHERE operator_id = 'OP000002'"), 0);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM application"
	    " WHERE no = 'N-2' AND state = 'approved'"), 1);
	assert_int_equal(issued(c, "A0001", "N-2", id), FIXTURE_DONE);
	assert_string_equal(id, "OP000002");
}

static int
collect(const struct operator *op, void *arg)
{
	char *ids = arg;
	size_t n = strlen(ids);

	snprintf(ids + n, 256 - n, "%s ", op->id);
	return 0;
}

static void
test_list(void **state)
{
	struct ctx *c = *state;
	struct roster_filter f = { .state = "", .role = "", .text = "" };
	char ids[256] = "", id[OPERATOR_ID_MAX];

	new_clerk(c, "N-1", id);
	assert_int_equal(roster_list(c->ops, &f, "2030-01-01", collect, ids),
	    0);
	assert_string_equal(ids, "A0001 A0002 OP000001 ");
	ids[0] = '\0';
	f.role = "clerk";
	assert_int_equal(roster_list(c->ops, &f, "2030-01-01", collect, ids),
	    0);
	assert_string_equal(ids, "OP000001 ");
	ids[0] = '\0';
	f.role = "";
	f.text = "管理";
	assert_int_equal(roster_list(c->ops, &f, "2030-01-01", collect, ids),
	    0);
	assert_string_equal(ids, "A0001 A0002 ");
	ids[0] = '\0';
	f.text = "市民";	/* the affiliation */
	f.state = "unenrolled";
	assert_int_equal(roster_list(c->ops, &f, "2030-01-01", collect, ids),
	    0);
	assert_string_equal(ids, "OP000001 ");
	ids[0] = '\0';
	f.state = "active";
	assert_int_equal(roster_list(c->ops, &f, "2030-01-01", collect, ids),
	    0);
	assert_string_equal(ids, "");
}

/* A roster of schema 2: its prints become slot 1 of the right index
 * finger, the bytes untouched, and the column goes. */
static void
test_migration_from_v2(void **state)
{
	char path[4096], q[2048];
	struct sealed_print out[PROTOCOL_MAX_FINGERS];
	struct operators *ops;
	struct operator got;
	const char *reason = NULL;
	sqlite3 *db;
	int n;

	(void)state;
	fixture_db_path(path, sizeof path);
	snprintf(q, sizeof q,
	    "CREATE TABLE operator (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
	    " status TEXT NOT NULL DEFAULT 'active', pin_hash TEXT,"
	    " failures INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL"
	    " DEFAULT '2025-01-02T03:04:05Z', auth_method TEXT NOT NULL"
	    " DEFAULT 'pin', print BLOB) STRICT;"
	    "CREATE TABLE operator_role (operator_id TEXT NOT NULL,"
	    " role TEXT NOT NULL, PRIMARY KEY (operator_id, role)) STRICT;"
	    "INSERT INTO operator (id, name, auth_method, print)"
	    " VALUES ('F0001', 'x', 'fingerprint', x'0102030405');"
	    "INSERT INTO operator (id, name, pin_hash) VALUES ('P0001', 'y',"
	    " 'scrypt$');"
	    "INSERT INTO operator_role VALUES ('F0001', 'clerk');"
	    "PRAGMA application_id = %d; PRAGMA user_version = 2;",
	    0x4a4b4f50);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, q, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(operators_open(path, 0, &ops, &reason), 0);
	assert_int_equal(operators_get(ops, "F0001", &got), 0);
	assert_int_equal(got.nprints, 1);
	assert_string_equal(finger_name(got.fingers[0]), "right-index");
	assert_string_equal(operator_state(&got, "2030-01-01"), "active");
	assert_int_equal(operators_sealed_prints(ops, "F0001", out, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].len, 5);
	assert_memory_equal(out[0].bytes, "\1\2\3\4\5", 5);
	assert_int_equal(operators_get(ops, "P0001", &got), 0);
	assert_int_equal(got.nprints, 0);
	assert_string_equal(got.kana, "");
	assert_string_equal(got.valid_until, "");
	operators_close(ops);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "SELECT print FROM operator", NULL,
	    NULL, NULL), SQLITE_ERROR);
	assert_int_equal(sqlite3_exec(db, "SELECT enrolled_at FROM"
	    " operator_print WHERE enrolled_at = '2025-01-02T03:04:05Z'"
	    " AND slot = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	fixture_remove_db(path);
}

/* Names as people type them: trimmed, clean, not too long. */
static void
test_text_rules(void **state)
{
	char out[OPERATOR_NAME_MAX], long_name[3 * 65 + 1];

	(void)state;
	assert_int_equal(operator_text("\xe3\x80\x80 窓口　花子 \xe3\x80\x80",
	    out), 0);
	assert_string_equal(out, "窓口　花子");
	assert_int_equal(operator_text("", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(operator_text("a\tb", out), -1);
	assert_int_equal(operator_text("\xc2\x85", out), -1);
	assert_int_equal(operator_text("\xe7\xaa", out), -1);
	for (int i = 0; i < 65; i++)
		memcpy(long_name + 3 * i, "窓", 3);
	long_name[3 * 64] = '\0';
	assert_int_equal(operator_text(long_name, out), 0);
	long_name[3 * 64] = '\xe7';
	long_name[3 * 65] = '\0';
	assert_int_equal(operator_text(long_name, out), -1);

	assert_true(operator_number_well_formed("R7-0012"));
	assert_true(operator_number_well_formed(
	    "1234567890123456789012345678901"));
	assert_false(operator_number_well_formed(
	    "12345678901234567890123456789012"));
	assert_false(operator_number_well_formed("R7 0012"));
	assert_false(operator_number_well_formed("総-1"));
	assert_false(operator_number_well_formed(""));
	assert_true(operator_date_well_formed("2028-02-29"));
	assert_false(operator_date_well_formed("2027-02-29"));
	assert_false(operator_date_well_formed("2027-2-28"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_register_approve_issue,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_ids_never_reused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_revoked_is_final, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_history_append_only,
		    setup, teardown),
		cmocka_unit_test(test_state_by_date),
		cmocka_unit_test_setup_teardown(test_login_by_date, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_transitions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enrol_and_pin, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_validity, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nothing_half_saved, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test(test_migration_from_v2),
		cmocka_unit_test(test_text_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
