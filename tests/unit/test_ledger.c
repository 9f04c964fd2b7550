/*
 * The forms ledger (帳票管理簿) in its file, without the network: serials
 * that only go up, across a change of year and a clock set back; how a
 * form ended, recorded once and only by who began it; the list; and what
 * SQL cannot do to the file behind the server's back.  Every time is
 * passed in: nothing here depends on today.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "fixture.h"
#include "ledger.h"

#define CERT_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define CERT_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static const struct print_owner admin_t1 = { "A0001", "T0001", CERT_A };
static const struct print_owner admin_t2 = { "A0001", "T0002", CERT_B };
/* The same terminal ID on another certificate: a reissued one, or a
 * copy. */
static const struct print_owner admin_t1_other_cert = { "A0001", "T0001",
    CERT_B };
static const struct print_owner auditor_t1 = { "U0001", "T0001", CERT_A };

struct ctx {
	char path[4096];
	struct ledger *l;
	sqlite3 *db;		/* the same file, behind the server's back */
};

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	const char *reason = NULL;

	assert_non_null(c);
	fixture_db_path(c->path, sizeof c->path);
	assert_int_equal(ledger_open(c->path, &c->l, &reason), 0);
	assert_int_equal(sqlite3_open(c->path, &c->db), SQLITE_OK);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	sqlite3_close(c->db);
	ledger_close(c->l);
	fixture_remove_db(c->path);
	free(c);
	return 0;
}

/* A moment, UTC. */
static time_t
at(int year, int month, int day, int hour)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1,
	    .tm_mday = day, .tm_hour = hour };

	return timegm(&tm);
}

/* Issued and committed, as the server does: the serial. */
static const char *
issue(struct ctx *c, const struct print_owner *who, time_t now)
{
	static struct print_job j;

	assert_int_equal(ledger_begin(c->l), 0);
	assert_int_equal(ledger_issue(c->l, "roster", "監査のため", who, now,
	    &j), 0);
	assert_int_equal(ledger_commit(c->l), 0);
	return j.serial;
}

#define DONE (-1)

/* Finished, committed when done, rolled back when refused: the refusal,
 * or DONE. */
static int
finish(struct ctx *c, const char *serial, const struct print_owner *who,
    int printed, time_t now)
{
	struct print_job j;
	enum protocol_error why;

	assert_int_equal(ledger_begin(c->l), 0);
	if (ledger_finish(c->l, serial, who, printed, "cups: done", now, &j,
	    &why) != 0) {
		ledger_rollback(c->l);
		return (int)why;
	}
	assert_int_equal(ledger_commit(c->l), 0);
	return DONE;
}

static void
test_names(void **state)
{
	(void)state;
	assert_int_equal(ledger_form_roles("roster"),
	    ROLE_ADMIN | ROLE_AUDITOR);
	assert_int_equal(ledger_form_roles("juminhyo"), 0);
	assert_int_equal(ledger_form_roles(""), 0);
	assert_true(ledger_state_known("issued"));
	assert_true(ledger_state_known("printed"));
	assert_true(ledger_state_known("not-printed"));
	assert_false(ledger_state_known("failed"));
	assert_false(ledger_state_known(""));
	assert_true(ledger_serial_well_formed("P2026-000001"));
	assert_false(ledger_serial_well_formed("P2026-00001"));
	assert_false(ledger_serial_well_formed("P2026-0000011"));
	assert_false(ledger_serial_well_formed("Q2026-000001"));
	assert_false(ledger_serial_well_formed("P2026_000001"));
	assert_false(ledger_serial_well_formed("P20a6-000001"));
	assert_false(ledger_serial_well_formed(""));
}

/* One more than the last, whatever the year says. */
static void
test_serials(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	const char *reason;

	assert_string_equal(issue(c, &admin_t1, at(2026, 6, 1, 3)),
	    "P2026-000001");
	assert_string_equal(issue(c, &auditor_t1, at(2026, 6, 1, 4)),
	    "P2026-000002");
	assert_string_equal(issue(c, &admin_t1, at(2026, 12, 31, 0)),
	    "P2026-000003");
	/* A new year: its year, the number going on. */
	assert_string_equal(issue(c, &admin_t1, at(2027, 1, 1, 12)),
	    "P2027-000004");
	/* A clock set back a year does not take the number back. */
	assert_string_equal(issue(c, &admin_t1, at(2026, 3, 1, 12)),
	    "P2026-000005");
	assert_int_equal(fixture_count(c->db, "SELECT count(DISTINCT CAST(substr(serial,"
	    " 7) AS INTEGER)) FROM print_job"), 5);

	/* What the line holds. */
	assert_int_equal(ledger_get(c->l, "P2026-000002", &j), 0);
	assert_string_equal(j.form, "roster");
	assert_string_equal(j.reason, "監査のため");
	assert_string_equal(j.operator_id, "U0001");
	assert_string_equal(j.terminal_id, "T0001");
	assert_string_equal(j.terminal_cert, CERT_A);
	assert_string_equal(j.issued_at, "2026-06-01T04:00:00Z");
	assert_string_equal(j.state, "issued");
	assert_string_equal(j.finished_at, "");
	assert_string_equal(j.detail, "");
	assert_int_equal(ledger_get(c->l, "P2026-000099", &j), 1);

	/* Rolled back, a serial was never given out: the next takes it. */
	assert_int_equal(ledger_begin(c->l), 0);
	assert_int_equal(ledger_issue(c->l, "roster", "r", &admin_t1,
	    at(2027, 2, 1, 0), &j), 0);
	assert_string_equal(j.serial, "P2027-000006");
	ledger_rollback(c->l);
	assert_int_equal(ledger_get(c->l, "P2027-000006", &j), 1);

	/* Opened again, the file goes on from its last number. */
	ledger_close(c->l);
	assert_int_equal(ledger_open(c->path, &c->l, &reason), 0);
	assert_string_equal(issue(c, &admin_t1, at(2027, 2, 1, 0)),
	    "P2027-000006");
}

/* The numbers run out rather than wrap. */
static void
test_serials_run_out(void **state)
{
	struct ctx *c = *state;
	struct print_job j;

	fixture_sql(c->db, "INSERT INTO print_job (serial, form, reason, operator_id,"
	    " terminal_id, terminal_cert, issued_at) VALUES ('P2099-999999',"
	    " 'roster', 'r', 'A0001', 'T0001', '" CERT_A "',"
	    " '2099-01-01T00:00:00Z')", SQLITE_OK);
	assert_int_equal(ledger_begin(c->l), 0);
	assert_int_equal(ledger_issue(c->l, "roster", "r", &admin_t1,
	    at(2099, 2, 1, 0), &j), -1);
	ledger_rollback(c->l);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job"), 1);
}

/* Once, by who began it. */
static void
test_finish(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	char s1[LEDGER_SERIAL_MAX], s2[LEDGER_SERIAL_MAX];

	snprintf(s1, sizeof s1, "%s", issue(c, &admin_t1, at(2026, 6, 1, 3)));
	snprintf(s2, sizeof s2, "%s", issue(c, &admin_t1, at(2026, 6, 1, 4)));
	assert_int_equal(finish(c, "P2026-000099", &admin_t1, 1,
	    at(2026, 6, 1, 5)), E_NO_PRINT_JOB);
	assert_int_equal(finish(c, s1, &auditor_t1, 1, at(2026, 6, 1, 5)),
	    E_NOT_YOURS);
	assert_int_equal(finish(c, s1, &admin_t2, 1, at(2026, 6, 1, 5)),
	    E_NOT_YOURS);
	assert_int_equal(finish(c, s1, &admin_t1_other_cert, 1,
	    at(2026, 6, 1, 5)), E_NOT_YOURS);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job"
	    " WHERE state = 'issued'"), 2);

	assert_int_equal(finish(c, s1, &admin_t1, 1, at(2026, 6, 1, 5)),
	    DONE);
	assert_int_equal(ledger_get(c->l, s1, &j), 0);
	assert_string_equal(j.state, "printed");
	assert_string_equal(j.finished_at, "2026-06-01T05:00:00Z");
	assert_string_equal(j.detail, "cups: done");
	/* Once: neither again nor the other way. */
	assert_int_equal(finish(c, s1, &admin_t1, 1, at(2026, 6, 1, 6)),
	    E_STATE);
	assert_int_equal(finish(c, s1, &admin_t1, 0, at(2026, 6, 1, 6)),
	    E_STATE);
	/* Someone else hears it is not theirs, not how it ended. */
	assert_int_equal(finish(c, s1, &auditor_t1, 0, at(2026, 6, 1, 6)),
	    E_NOT_YOURS);
	assert_int_equal(ledger_get(c->l, s1, &j), 0);
	assert_string_equal(j.finished_at, "2026-06-01T05:00:00Z");

	assert_int_equal(finish(c, s2, &admin_t1, 0, at(2026, 6, 1, 7)),
	    DONE);
	assert_int_equal(ledger_get(c->l, s2, &j), 0);
	assert_string_equal(j.state, "not-printed");
	assert_int_equal(finish(c, s2, &admin_t1, 1, at(2026, 6, 1, 8)),
	    E_STATE);
}

/* Lines stay; they change once, from issued, and only how they ended. */
static void
test_append_only(void **state)
{
	struct ctx *c = *state;
	char s1[LEDGER_SERIAL_MAX];

	snprintf(s1, sizeof s1, "%s", issue(c, &admin_t1, at(2026, 6, 1, 3)));
	issue(c, &admin_t1, at(2026, 6, 1, 4));
	assert_int_equal(finish(c, s1, &admin_t1, 1, at(2026, 6, 1, 5)),
	    DONE);

	fixture_sql(c->db, "DELETE FROM print_job", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM print_job WHERE serial = 'P2026-000002'",
	    SQLITE_CONSTRAINT);
	/* A finished line: nothing changes. */
	fixture_sql(c->db, "UPDATE print_job SET state = 'not-printed'"
	    " WHERE serial = 'P2026-000001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET state = 'issued', finished_at = NULL"
	    " WHERE serial = 'P2026-000001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET detail = 'x'"
	    " WHERE serial = 'P2026-000001'", SQLITE_CONSTRAINT);
	/* An issued line: only its ending, and only all of it. */
	fixture_sql(c->db, "UPDATE print_job SET reason = 'x'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET operator_id = 'U0001'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET detail = 'x'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET serial = 'P2026-000009'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET state = 'printed', reason = 'x',"
	    " finished_at = '2026-06-01T06:00:00Z'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET state = 'printed'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_job SET state = 'lost',"
	    " finished_at = '2026-06-01T06:00:00Z'"
	    " WHERE serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	/* New lines: issued, after the last, never a number again. */
	fixture_sql(c->db, "INSERT INTO print_job (serial, form, reason, operator_id,"
	    " terminal_id, terminal_cert, issued_at) VALUES ('P2027-000001',"
	    " 'roster', 'r', 'A0001', 'T0001', '" CERT_A "',"
	    " '2027-01-01T00:00:00Z')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT OR REPLACE INTO print_job (serial, form, reason,"
	    " operator_id, terminal_id, terminal_cert, issued_at) VALUES"
	    " ('P2026-000001', 'roster', 'r', 'A0001', 'T0001', '" CERT_A "',"
	    " '2026-01-01T00:00:00Z')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO print_job (serial, form, reason, operator_id,"
	    " terminal_id, terminal_cert, issued_at, state, finished_at)"
	    " VALUES ('P2026-000003', 'roster', 'r', 'A0001', 'T0001', '"
	    CERT_A "', '2026-01-01T00:00:00Z', 'printed',"
	    " '2026-01-01T00:00:00Z')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO print_job (serial, form, reason, operator_id,"
	    " terminal_id, terminal_cert, issued_at) VALUES ('P2026-3',"
	    " 'roster', 'r', 'A0001', 'T0001', '" CERT_A "',"
	    " '2026-01-01T00:00:00Z')", SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job"), 2);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job WHERE"
	    " serial = 'P2026-000001' AND state = 'printed' AND detail ="
	    " 'cups: done'"), 1);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job WHERE"
	    " serial = 'P2026-000002' AND state = 'issued' AND reason ="
	    " '監査のため' AND finished_at IS NULL"), 1);

	/* What the file does allow: an issued line ending, all of it. */
	fixture_sql(c->db, "UPDATE print_job SET state = 'not-printed',"
	    " finished_at = '2026-06-01T06:00:00Z', detail = 'jam'"
	    " WHERE serial = 'P2026-000002'", SQLITE_OK);
	assert_int_equal(finish(c, "P2026-000002", &admin_t1, 1,
	    at(2026, 6, 1, 7)), E_STATE);
}

struct seen {
	char first[LEDGER_SERIAL_MAX];
	char last[LEDGER_SERIAL_MAX];
	int n;
	int ordered;
	const char *state;	/* each has this state, unless NULL */
};

static int
each(const struct print_job *j, void *arg)
{
	struct seen *s = arg;

	if (s->n == 0)
		snprintf(s->first, sizeof s->first, "%s", j->serial);
	else if (strcmp(j->serial + 6, s->last + 6) >= 0)
		s->ordered = 0;
	if (s->state != NULL && strcmp(j->state, s->state) != 0)
		s->ordered = 0;
	snprintf(s->last, sizeof s->last, "%s", j->serial);
	s->n++;
	return 0;
}

static struct seen
listed(struct ctx *c, const char *state, const char *form)
{
	struct seen s = { .ordered = 1 };

	s.state = *state != '\0' ? state : NULL;
	assert_int_equal(ledger_list(c->l, state, form, each, &s), 0);
	return s;
}

/* Newest first, by number even when the clock went back, and no more
 * than LEDGER_LIST_MAX. */
static void
test_list(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	struct seen s;
	char serial[LEDGER_SERIAL_MAX];

	issue(c, &admin_t1, at(2026, 12, 31, 0));
	issue(c, &admin_t1, at(2027, 1, 1, 12));
	snprintf(serial, sizeof serial, "%s",
	    issue(c, &admin_t1, at(2026, 3, 1, 0)));
	assert_int_equal(finish(c, serial, &admin_t1, 1, at(2026, 3, 1, 1)),
	    DONE);
	s = listed(c, "", "");
	assert_int_equal(s.n, 3);
	assert_true(s.ordered);
	assert_string_equal(s.first, "P2026-000003");
	assert_string_equal(s.last, "P2026-000001");
	s = listed(c, "printed", "");
	assert_int_equal(s.n, 1);
	assert_true(s.ordered);
	s = listed(c, "issued", "roster");
	assert_int_equal(s.n, 2);
	assert_true(s.ordered);
	assert_string_equal(s.first, "P2027-000002");
	assert_int_equal(listed(c, "not-printed", "").n, 0);
	assert_int_equal(listed(c, "", "juminhyo").n, 0);

	assert_int_equal(ledger_begin(c->l), 0);
	for (int i = 0; i < LEDGER_LIST_MAX + 5; i++)
		assert_int_equal(ledger_issue(c->l, "roster", "r", &admin_t1,
		    at(2027, 2, 1, 0), &j), 0);
	assert_int_equal(ledger_commit(c->l), 0);
	assert_string_equal(j.serial, "P2027-001008");
	s = listed(c, "", "");
	assert_int_equal(s.n, LEDGER_LIST_MAX);
	assert_true(s.ordered);
	assert_string_equal(s.first, "P2027-001008");
}

/* Another project file is not a ledger, and is left as it was. */
static void
test_not_ours(void **state)
{
	char path[4096];
	struct ledger *l;
	sqlite3 *db;
	const char *reason = NULL;

	(void)state;
	fixture_db_path(path, sizeof path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1246449488;"
	    " CREATE TABLE operator (id TEXT)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(ledger_open(path, &l, &reason), -1);
	assert_null(l);
	assert_string_equal(reason, "帳票管理簿のデータベースではありません");
	fixture_remove_db(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_serials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serials_run_out, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_finish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_append_only, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test(test_not_ours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
