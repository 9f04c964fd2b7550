/*
 * The forms ledger (帳票管理簿) in its file, without the network: serials
 * that only go up, across a change of year and a clock set back; how a
 * form ended, recorded once and only by who began it; the paper's later
 * steps, legal and not; reprints, each approved by another operator and
 * used once; the events of every line; the list; a file of version 1
 * brought up to date with its lines; and what SQL cannot do to the file
 * behind the server's back.  Every time is passed in: nothing here
 * depends on today.
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
#include "ledger-db.h"
#include "sqlite-db.h"

#define CERT_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define CERT_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static const struct print_owner admin_t1 = { "A0001", "T0001", CERT_A,
    ROLE_ADMIN };
static const struct print_owner admin_t2 = { "A0001", "T0002", CERT_B,
    ROLE_ADMIN };
/* The same terminal ID on another certificate: a reissued one, or a
 * copy. */
static const struct print_owner admin_t1_other_cert = { "A0001", "T0001",
    CERT_B, ROLE_ADMIN };
static const struct print_owner admin2_t2 = { "A0002", "T0002", CERT_B,
    ROLE_ADMIN };
static const struct print_owner auditor_t1 = { "U0001", "T0001", CERT_A,
    ROLE_AUDITOR };
static const struct print_owner clerk_t1 = { "C0001", "T0001", CERT_A,
    ROLE_CLERK };
/* The same clerk at another terminal, and another clerk. */
static const struct print_owner clerk_t2 = { "C0001", "T0002", CERT_B,
    ROLE_CLERK };
static const struct print_owner clerk2_t2 = { "C0002", "T0002", CERT_B,
    ROLE_CLERK };

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

/* Issued or refused, as the server does (committed when issued, rolled
 * back when refused): the refusal, or FIXTURE_DONE with the line in *j. */
static int
issue_about(struct ctx *c, const struct print_owner *who, const char *form,
    const char *subject, time_t now, struct print_job *j)
{
	enum protocol_error why;

	fixture_begin(ledger_db(c->l));
	return fixture_settle(ledger_db(c->l), ledger_issue(c->l, form,
	    subject, "監査のため", who, now, j, &why), &why);
}

/* A roster issued and committed: the serial. */
static const char *
issue(struct ctx *c, const struct print_owner *who, time_t now)
{
	static struct print_job j;

	assert_int_equal(issue_about(c, who, "roster", "", now, &j),
	    FIXTURE_DONE);
	return j.serial;
}

/* Finished, committed when done, rolled back when refused: the refusal,
 * or FIXTURE_DONE. */
static int
finish(struct ctx *c, const char *serial, const struct print_owner *who,
    int printed, time_t now)
{
	struct print_job j;
	enum protocol_error why;

	fixture_begin(ledger_db(c->l));
	return fixture_settle(ledger_db(c->l), ledger_finish(c->l, serial, who,
	    printed, "cups: done", now, &j, &why), &why);
}

static void
test_names(void **state)
{
	(void)state;
	assert_int_equal(ledger_form_roles("roster"),
	    ROLE_ADMIN | ROLE_AUDITOR);
	assert_int_equal(ledger_form_roles("disclosure"), ROLE_CLERK);
	assert_int_equal(ledger_form_roles("juminhyo"), 0);
	assert_int_equal(ledger_form_roles(""), 0);
	assert_false(ledger_form_has_subject("roster"));
	assert_true(ledger_form_has_subject("disclosure"));
	assert_true(ledger_form_has_subject("provisions"));
	assert_true(ledger_form_has_subject("correction"));
	assert_false(ledger_form_has_subject("juminhyo"));
	assert_true(ledger_may_print(&clerk_t1, "disclosure"));
	assert_false(ledger_may_print(&clerk_t1, "roster"));
	assert_false(ledger_may_print(&admin_t1, "disclosure"));
	assert_true(ledger_may_print(&auditor_t1, "roster"));
	assert_true(ledger_state_known("issued"));
	assert_true(ledger_state_known("printed"));
	assert_true(ledger_state_known("not-printed"));
	assert_true(ledger_state_known("handed-over"));
	assert_true(ledger_state_known("stored"));
	assert_true(ledger_state_known("destroyed"));
	assert_false(ledger_state_known("failed"));
	assert_false(ledger_state_known(""));
	assert_true(ledger_step_known("handed-over"));
	assert_true(ledger_step_known("stored"));
	assert_true(ledger_step_known("destroyed"));
	assert_false(ledger_step_known("printed"));
	assert_false(ledger_step_known("issued"));
	assert_false(ledger_step_known(""));
	assert_true(ledger_serial_well_formed("P2026-000001"));
	assert_false(ledger_serial_well_formed("P2026-00001"));
	assert_false(ledger_serial_well_formed("P2026-0000011"));
	assert_false(ledger_serial_well_formed("Q2026-000001"));
	assert_false(ledger_serial_well_formed("P2026_000001"));
	assert_false(ledger_serial_well_formed("P20a6-000001"));
	assert_false(ledger_serial_well_formed(""));
}

/* Line serial as the file has it: every column as in want ("" where
 * want has none). */
static void
assert_line(struct ctx *c, const char *serial, const struct print_job *want)
{
	struct print_job j;

	assert_int_equal(ledger_get(c->l, serial, &j), 0);
	assert_string_equal(j.serial, serial);
	assert_string_equal(j.form, want->form);
	assert_string_equal(j.subject, want->subject);
	assert_string_equal(j.reason, want->reason);
	assert_string_equal(j.operator_id, want->operator_id);
	assert_string_equal(j.terminal_id, want->terminal_id);
	assert_string_equal(j.terminal_cert, want->terminal_cert);
	assert_string_equal(j.issued_at, want->issued_at);
	assert_string_equal(j.state, want->state);
	assert_string_equal(j.finished_at, want->finished_at);
	assert_string_equal(j.detail, want->detail);
	assert_string_equal(j.reprint_of, want->reprint_of);
	assert_string_equal(j.reprint, want->reprint);
}

/* One more than the last, whatever the year says. */
static void
test_serials(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	enum protocol_error why;
	const char *reason;

	assert_string_equal(issue(c, &admin_t1, fixture_at(2026, 6, 1, 3)),
	    "P2026-000001");
	assert_string_equal(issue(c, &auditor_t1, fixture_at(2026, 6, 1, 4)),
	    "P2026-000002");
	assert_string_equal(issue(c, &admin_t1, fixture_at(2026, 12, 31, 0)),
	    "P2026-000003");
	/* A new year: its year, the number going on. */
	assert_string_equal(issue(c, &admin_t1, fixture_at(2027, 1, 1, 12)),
	    "P2027-000004");
	/* A clock set back a year does not take the number back. */
	assert_string_equal(issue(c, &admin_t1, fixture_at(2026, 3, 1, 12)),
	    "P2026-000005");
	assert_int_equal(fixture_count(c->db, "SELECT count(DISTINCT CAST(substr(serial,"
	    " 7) AS INTEGER)) FROM print_job"), 5);

	/* What the line holds. */
	assert_line(c, "P2026-000002", &(struct print_job){ .form = "roster",
	    .reason = "監査のため", .operator_id = "U0001",
	    .terminal_id = "T0001", .terminal_cert = CERT_A,
	    .issued_at = "2026-06-01T04:00:00Z", .state = "issued" });
	assert_int_equal(ledger_get(c->l, "P2026-000099", &j), 1);

	/* Rolled back, a serial was never given out: the next takes it. */
	fixture_begin(ledger_db(c->l));
	assert_int_equal(ledger_issue(c->l, "roster", "", "r", &admin_t1,
	    fixture_at(2027, 2, 1, 0), &j, &why), 0);
	assert_string_equal(j.serial, "P2027-000006");
	sqlite_db_rollback(ledger_db(c->l));
	assert_int_equal(ledger_get(c->l, "P2027-000006", &j), 1);

	/* Opened again, the file goes on from its last number. */
	ledger_close(c->l);
	assert_int_equal(ledger_open(c->path, &c->l, &reason), 0);
	assert_string_equal(issue(c, &admin_t1, fixture_at(2027, 2, 1, 0)),
	    "P2027-000006");
}

/* The numbers run out rather than wrap. */
static void
test_serials_run_out(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	enum protocol_error why;

	fixture_sql(c->db, "INSERT INTO print_job (serial, form, reason, operator_id,"
	    " terminal_id, terminal_cert, issued_at) VALUES ('P2099-999999',"
	    " 'roster', 'r', 'A0001', 'T0001', '" CERT_A "',"
	    " '2099-01-01T00:00:00Z')", SQLITE_OK);
	fixture_begin(ledger_db(c->l));
	assert_int_equal(ledger_issue(c->l, "roster", "", "r", &admin_t1,
	    fixture_at(2099, 2, 1, 0), &j, &why), -1);
	assert_int_equal(why, E_INTERNAL);
	sqlite_db_rollback(ledger_db(c->l));
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job"), 1);
}

/* Once, by who began it. */
static void
test_finish(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	char s1[LEDGER_SERIAL_MAX], s2[LEDGER_SERIAL_MAX];

	snprintf(s1, sizeof s1, "%s",
	    issue(c, &admin_t1, fixture_at(2026, 6, 1, 3)));
	snprintf(s2, sizeof s2, "%s",
	    issue(c, &admin_t1, fixture_at(2026, 6, 1, 4)));
	assert_int_equal(finish(c, "P2026-000099", &admin_t1, 1,
	    fixture_at(2026, 6, 1, 5)), E_NO_PRINT_JOB);
	assert_int_equal(finish(c, s1, &auditor_t1, 1,
	    fixture_at(2026, 6, 1, 5)), E_NOT_YOURS);
	assert_int_equal(finish(c, s1, &admin_t2, 1, fixture_at(2026, 6, 1, 5)),
	    E_NOT_YOURS);
	assert_int_equal(finish(c, s1, &admin_t1_other_cert, 1,
	    fixture_at(2026, 6, 1, 5)), E_NOT_YOURS);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job"
	    " WHERE state = 'issued'"), 2);

	assert_int_equal(finish(c, s1, &admin_t1, 1, fixture_at(2026, 6, 1, 5)),
	    FIXTURE_DONE);
	assert_int_equal(ledger_get(c->l, s1, &j), 0);
	assert_string_equal(j.state, "printed");
	assert_string_equal(j.finished_at, "2026-06-01T05:00:00Z");
	assert_string_equal(j.detail, "cups: done");
	/* Once: neither again nor the other way. */
	assert_int_equal(finish(c, s1, &admin_t1, 1, fixture_at(2026, 6, 1, 6)),
	    E_STATE);
	assert_int_equal(finish(c, s1, &admin_t1, 0, fixture_at(2026, 6, 1, 6)),
	    E_STATE);
	/* Someone else hears it is not theirs, not how it ended. */
	assert_int_equal(finish(c, s1, &auditor_t1, 0,
	    fixture_at(2026, 6, 1, 6)), E_NOT_YOURS);
	assert_int_equal(ledger_get(c->l, s1, &j), 0);
	assert_string_equal(j.finished_at, "2026-06-01T05:00:00Z");

	assert_int_equal(finish(c, s2, &admin_t1, 0, fixture_at(2026, 6, 1, 7)),
	    FIXTURE_DONE);
	assert_int_equal(ledger_get(c->l, s2, &j), 0);
	assert_string_equal(j.state, "not-printed");
	assert_int_equal(finish(c, s2, &admin_t1, 1, fixture_at(2026, 6, 1, 8)),
	    E_STATE);
}

/* Lines stay; they change once, from issued, and only how they ended. */
static void
test_append_only(void **state)
{
	struct ctx *c = *state;
	char s1[LEDGER_SERIAL_MAX];

	snprintf(s1, sizeof s1, "%s",
	    issue(c, &admin_t1, fixture_at(2026, 6, 1, 3)));
	issue(c, &admin_t1, fixture_at(2026, 6, 1, 4));
	assert_int_equal(finish(c, s1, &admin_t1, 1, fixture_at(2026, 6, 1, 5)),
	    FIXTURE_DONE);

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
	    fixture_at(2026, 6, 1, 7)), E_STATE);
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
listed_by(struct ctx *c, const char *state, const char *form,
    const char *subject, const char *operator_id)
{
	struct ledger_filter f = { state, form, subject, operator_id };
	struct seen s = { .ordered = 1 };

	s.state = *state != '\0' ? state : NULL;
	assert_int_equal(ledger_list(c->l, &f, each, &s), 0);
	return s;
}

static struct seen
listed(struct ctx *c, const char *state, const char *form)
{
	return listed_by(c, state, form, "", "");
}

/* Newest first, by number even when the clock went back, and no more
 * than LEDGER_LIST_MAX. */
static void
test_list(void **state)
{
	struct ctx *c = *state;
	struct print_job j;
	enum protocol_error why;
	struct seen s;
	char serial[LEDGER_SERIAL_MAX];

	issue(c, &admin_t1, fixture_at(2026, 12, 31, 0));
	issue(c, &admin_t1, fixture_at(2027, 1, 1, 12));
	snprintf(serial, sizeof serial, "%s",
	    issue(c, &admin_t1, fixture_at(2026, 3, 1, 0)));
	assert_int_equal(finish(c, serial, &admin_t1, 1,
	    fixture_at(2026, 3, 1, 1)), FIXTURE_DONE);
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

	/* By subject, and by who printed it. */
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2027, 1, 2, 0), &j), FIXTURE_DONE);
	assert_int_equal(issue_about(c, &clerk2_t2, "provisions", "K-1",
	    fixture_at(2027, 1, 2, 1), &j), FIXTURE_DONE);
	assert_int_equal(issue_about(c, &clerk2_t2, "disclosure", "K-2",
	    fixture_at(2027, 1, 2, 2), &j), FIXTURE_DONE);
	s = listed_by(c, "", "", "K-1", "");
	assert_int_equal(s.n, 2);
	assert_true(s.ordered);
	assert_string_equal(s.first, "P2027-000005");
	assert_int_equal(listed_by(c, "", "disclosure", "K-1", "").n, 1);
	s = listed_by(c, "", "", "", "C0002");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.first, "P2027-000006");
	assert_string_equal(s.last, "P2027-000005");
	assert_int_equal(listed_by(c, "", "", "", "C0001").n, 1);
	assert_int_equal(listed_by(c, "", "", "", "A0001").n, 3);
	assert_int_equal(listed_by(c, "", "roster", "", "C0001").n, 0);
	assert_int_equal(listed_by(c, "", "", "K-3", "").n, 0);

	fixture_begin(ledger_db(c->l));
	for (int i = 0; i < LEDGER_LIST_MAX + 5; i++)
		assert_int_equal(ledger_issue(c->l, "roster", "", "r",
		    &admin_t1, fixture_at(2027, 2, 1, 0), &j, &why), 0);
	assert_int_equal(sqlite_db_commit(ledger_db(c->l)), 0);
	assert_string_equal(j.serial, "P2027-001011");
	s = listed(c, "", "");
	assert_int_equal(s.n, LEDGER_LIST_MAX);
	assert_true(s.ordered);
	assert_string_equal(s.first, "P2027-001011");
}

/* Taken a step, committed when done, rolled back when refused: the
 * refusal, or FIXTURE_DONE. */
static int
step(struct ctx *c, const char *serial, const char *to, const char *note,
    const struct print_owner *who, time_t now)
{
	struct print_job j;
	enum protocol_error why;
	int rc;

	fixture_begin(ledger_db(c->l));
	rc = fixture_settle(ledger_db(c->l), ledger_step(c->l, serial, to,
	    note, who, now, &j, &why), &why);
	if (rc == FIXTURE_DONE)
		assert_string_equal(j.state, to);
	return rc;
}

/* A disclosure about subject printed by who: the serial into serial. */
static void
printed_about(struct ctx *c, const struct print_owner *who,
    const char *subject, time_t now, char serial[LEDGER_SERIAL_MAX])
{
	struct print_job j;

	assert_int_equal(issue_about(c, who, "disclosure", subject, now, &j),
	    FIXTURE_DONE);
	assert_int_equal(finish(c, j.serial, who, 1, now + 60), FIXTURE_DONE);
	snprintf(serial, LEDGER_SERIAL_MAX, "%s", j.serial);
}

static const char *
state_of(struct ctx *c, const char *serial)
{
	static struct print_job j;

	assert_int_equal(ledger_get(c->l, serial, &j), 0);
	return j.state;
}

struct events {
	struct print_event e[16];
	int n;
};

static int
each_event(const struct print_event *e, void *arg)
{
	struct events *ev = arg;

	if (ev->n >= 16)
		return -1;
	ev->e[ev->n++] = *e;
	return 0;
}

static struct events
events_of(struct ctx *c, const char *serial)
{
	struct events ev = { .n = 0 };

	assert_int_equal(ledger_events(c->l, serial, each_event, &ev), 0);
	return ev;
}

static void
assert_event(const struct print_event *e, const char *time,
    const char *action, const char *operator_id, const char *terminal_id,
    const char *note)
{
	assert_string_equal(e->time, time);
	assert_string_equal(e->action, action);
	assert_string_equal(e->operator_id, operator_id);
	assert_string_equal(e->terminal_id, terminal_id);
	assert_string_equal(e->note, note);
}

/* printed → handed-over | stored | destroyed, stored → handed-over |
 * destroyed; by who may, each an event. */
static void
test_steps(void **state)
{
	struct ctx *c = *state;
	char s1[LEDGER_SERIAL_MAX], s2[LEDGER_SERIAL_MAX];
	struct print_job j;
	struct events ev;

	printed_about(c, &clerk_t1, "K-1", fixture_at(2026, 6, 1, 3), s1);
	printed_about(c, &clerk_t1, "K-2", fixture_at(2026, 6, 1, 4), s2);

	/* Who may not. */
	assert_int_equal(step(c, "P2026-000099", "stored", "", &clerk_t1,
	    fixture_at(2026, 6, 1, 5)), E_NO_PRINT_JOB);
	assert_int_equal(step(c, s1, "stored", "", &clerk2_t2,
	    fixture_at(2026, 6, 1, 5)), E_NOT_YOURS);
	assert_int_equal(step(c, s1, "stored", "", &auditor_t1,
	    fixture_at(2026, 6, 1, 5)), E_FORBIDDEN);
	assert_int_equal(step(c, s1, "destroyed", "期限", &clerk_t1,
	    fixture_at(2026, 6, 1, 5)), E_FORBIDDEN);
	assert_int_equal(step(c, s1, "destroyed", "", &admin_t1,
	    fixture_at(2026, 6, 1, 5)), E_NO_REASON);
	/* What is no step. */
	assert_int_equal(step(c, s1, "issued", "", &admin_t1,
	    fixture_at(2026, 6, 1, 5)), E_BAD_VALUE);
	assert_int_equal(step(c, s1, "printed", "", &admin_t1,
	    fixture_at(2026, 6, 1, 5)), E_BAD_VALUE);
	assert_int_equal(step(c, s1, "lost", "", &admin_t1,
	    fixture_at(2026, 6, 1, 5)), E_BAD_VALUE);
	assert_string_equal(state_of(c, s1), "printed");

	/* Stored by who printed it, from another terminal; then destroyed
	 * by an administrator, saying why. */
	assert_int_equal(step(c, s1, "stored", "", &clerk_t2,
	    fixture_at(2026, 6, 1, 6)), FIXTURE_DONE);
	assert_int_equal(step(c, s1, "stored", "", &clerk_t1,
	    fixture_at(2026, 6, 1, 7)), E_STATE);
	assert_int_equal(step(c, s1, "destroyed", "保存期間満了", &admin_t1,
	    fixture_at(2026, 6, 1, 8)), FIXTURE_DONE);
	assert_int_equal(step(c, s1, "handed-over", "", &admin_t1,
	    fixture_at(2026, 6, 1, 9)), E_STATE);
	assert_int_equal(step(c, s1, "stored", "", &admin_t1,
	    fixture_at(2026, 6, 1, 9)), E_STATE);
	assert_int_equal(step(c, s1, "destroyed", "二度目", &admin_t1,
	    fixture_at(2026, 6, 1, 9)), E_STATE);
	assert_int_equal(ledger_get(c->l, s1, &j), 0);
	assert_string_equal(j.state, "destroyed");
	assert_string_equal(j.finished_at, "2026-06-01T03:01:00Z");
	assert_string_equal(j.detail, "cups: done");

	/* Handed over at once: nothing after it.  An administrator may
	 * hand over a clerk's form. */
	assert_int_equal(step(c, s2, "handed-over", "本人に交付", &admin2_t2,
	    fixture_at(2026, 6, 1, 10)), FIXTURE_DONE);
	assert_int_equal(step(c, s2, "stored", "", &clerk_t1,
	    fixture_at(2026, 6, 1, 11)), E_STATE);
	assert_int_equal(step(c, s2, "destroyed", "誤り", &admin_t1,
	    fixture_at(2026, 6, 1, 11)), E_STATE);

	/* Every step an event, oldest first, with who, where and why. */
	ev = events_of(c, s1);
	assert_int_equal(ev.n, 4);
	assert_event(&ev.e[0], "2026-06-01T03:00:00Z", "issued", "C0001",
	    "T0001", "");
	assert_event(&ev.e[1], "2026-06-01T03:01:00Z", "printed", "C0001",
	    "T0001", "cups: done");
	assert_event(&ev.e[2], "2026-06-01T06:00:00Z", "stored", "C0001",
	    "T0002", "");
	assert_event(&ev.e[3], "2026-06-01T08:00:00Z", "destroyed", "A0001",
	    "T0001", "保存期間満了");
	ev = events_of(c, s2);
	assert_int_equal(ev.n, 3);
	assert_event(&ev.e[2], "2026-06-01T10:00:00Z", "handed-over",
	    "A0002", "T0002", "本人に交付");
	/* Refusals left no trace. */
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_event"), 7);
}

/* Lines that never were printed go nowhere; a roster goes its way as
 * any form, by who printed it. */
static void
test_steps_unprinted(void **state)
{
	struct ctx *c = *state;
	char issued[LEDGER_SERIAL_MAX], jammed[LEDGER_SERIAL_MAX];
	struct print_job j;

	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 3), &j), FIXTURE_DONE);
	snprintf(issued, sizeof issued, "%s", j.serial);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-2",
	    fixture_at(2026, 6, 1, 3), &j), FIXTURE_DONE);
	snprintf(jammed, sizeof jammed, "%s", j.serial);
	assert_int_equal(finish(c, jammed, &clerk_t1, 0,
	    fixture_at(2026, 6, 1, 4)), FIXTURE_DONE);
	for (int i = 0; i < 3; i++) {
		static const char *const to[] = { "handed-over", "stored",
		    "destroyed" };

		assert_int_equal(step(c, issued, to[i], "x", &admin_t1,
		    fixture_at(2026, 6, 1, 5)), E_STATE);
		assert_int_equal(step(c, jammed, to[i], "x", &admin_t1,
		    fixture_at(2026, 6, 1, 5)), E_STATE);
	}
	snprintf(issued, sizeof issued, "%s", issue(c, &auditor_t1,
	    fixture_at(2026, 6, 1, 6)));
	assert_int_equal(finish(c, issued, &auditor_t1, 1,
	    fixture_at(2026, 6, 1, 6)), FIXTURE_DONE);
	assert_int_equal(step(c, issued, "stored", "", &clerk_t1,
	    fixture_at(2026, 6, 1, 7)), E_FORBIDDEN);
	assert_int_equal(step(c, issued, "stored", "金庫", &auditor_t1,
	    fixture_at(2026, 6, 1, 7)), FIXTURE_DONE);
}

/* The same rules against SQL behind the server's back. */
static void
test_steps_sql(void **state)
{
	struct ctx *c = *state;
	char s1[LEDGER_SERIAL_MAX], s2[LEDGER_SERIAL_MAX];
	char sql[256];

	printed_about(c, &clerk_t1, "K-1", fixture_at(2026, 6, 1, 3), s1);
	printed_about(c, &clerk_t1, "K-2", fixture_at(2026, 6, 1, 4), s2);
#define ON(serial, set, want) do { \
	snprintf(sql, sizeof sql, "UPDATE print_job SET %s WHERE serial" \
	    " = '%s'", set, serial); \
	fixture_sql(c->db, sql, want); \
} while (0)
	/* From printed: only forward, and nothing else with it. */
	ON(s1, "state = 'issued', finished_at = NULL", SQLITE_CONSTRAINT);
	ON(s1, "state = 'not-printed'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'lost'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored', detail = 'x'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored', finished_at = '2026-06-02T00:00:00Z'",
	    SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored', subject = 'K-9'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored', reprint_of = '" "P2026-000002" "'",
	    SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored', operator_id = 'C0002'", SQLITE_CONSTRAINT);
	ON(s1, "subject = 'K-9'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored'", SQLITE_OK);
	/* From stored: handed over or destroyed, never back. */
	ON(s1, "state = 'printed'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'stored'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'destroyed'", SQLITE_OK);
	/* Destroyed and handed over are final. */
	ON(s1, "state = 'stored'", SQLITE_CONSTRAINT);
	ON(s1, "state = 'handed-over'", SQLITE_CONSTRAINT);
	ON(s2, "state = 'handed-over'", SQLITE_OK);
	ON(s2, "state = 'destroyed'", SQLITE_CONSTRAINT);
	ON(s2, "state = 'stored'", SQLITE_CONSTRAINT);
#undef ON
	fixture_sql(c->db, "DELETE FROM print_job", SQLITE_CONSTRAINT);
	/* The events as written: never changed, never taken away. */
	fixture_sql(c->db, "UPDATE print_event SET note = 'x'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_event SET operator_id = 'A0001'"
	    " WHERE action = 'issued'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM print_event", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM print_event WHERE action = 'printed'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO print_event (serial, time, action,"
	    " operator_id, terminal_id) VALUES ('P2026-000001',"
	    " '2026-06-01T00:00:00Z', 'lost', 'A0001', 'T0001')",
	    SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_event"), 4);
	assert_string_equal(state_of(c, s1), "destroyed");
	assert_string_equal(state_of(c, s2), "handed-over");
}

/* Asks, approves: the refusal or FIXTURE_DONE, committed or rolled back. */
static int
ask(struct ctx *c, const char *serial, const struct print_owner *who,
    time_t now)
{
	enum protocol_error why;

	fixture_begin(ledger_db(c->l));
	return fixture_settle(ledger_db(c->l), ledger_reprint_ask(c->l,
	    serial, "汚損のため", who, now, &why), &why);
}

static int
approve(struct ctx *c, const char *serial, const struct print_owner *who,
    time_t now)
{
	enum protocol_error why;

	fixture_begin(ledger_db(c->l));
	return fixture_settle(ledger_db(c->l), ledger_reprint_approve(c->l,
	    serial, who, now, &why), &why);
}

static const char *
reprint_of(struct ctx *c, const char *serial)
{
	static struct print_job j;

	assert_int_equal(ledger_get(c->l, serial, &j), 0);
	return j.reprint;
}

/* A form printed about a subject is printed again only on a request
 * another operator approved, once; a form that jammed is no reprint. */
static void
test_reprint(void **state)
{
	struct ctx *c = *state;
	char first[LEDGER_SERIAL_MAX], jam[LEDGER_SERIAL_MAX];
	char roster[LEDGER_SERIAL_MAX];
	struct print_job j;
	struct events ev;

	/* A jam, then the form printed: the first print, no reprint. */
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 3), &j), FIXTURE_DONE);
	snprintf(jam, sizeof jam, "%s", j.serial);
	assert_int_equal(finish(c, jam, &clerk_t1, 0,
	    fixture_at(2026, 6, 1, 3)), FIXTURE_DONE);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 4), &j), FIXTURE_DONE);
	assert_string_equal(j.reprint_of, "");
	snprintf(first, sizeof first, "%s", j.serial);
	/* Still issued: not yet printed, so no reprint either. */
	assert_int_equal(issue_about(c, &clerk2_t2, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 4), &j), FIXTURE_DONE);
	assert_int_equal(finish(c, j.serial, &clerk2_t2, 0,
	    fixture_at(2026, 6, 1, 4)), FIXTURE_DONE);
	assert_int_equal(finish(c, first, &clerk_t1, 1,
	    fixture_at(2026, 6, 1, 5)), FIXTURE_DONE);

	/* Printed: again is refused, for anyone, and changes nothing. */
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 6), &j), E_REPRINT);
	assert_int_equal(issue_about(c, &clerk2_t2, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 6), &j), E_REPRINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_job"), 3);
	/* Another form, another subject: a first print. */
	assert_int_equal(issue_about(c, &clerk_t1, "provisions", "K-1",
	    fixture_at(2026, 6, 1, 6), &j), FIXTURE_DONE);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-2",
	    fixture_at(2026, 6, 1, 6), &j), FIXTURE_DONE);
	snprintf(roster, sizeof roster, "%s", issue(c, &admin_t1,
	    fixture_at(2026, 6, 1, 6)));
	assert_int_equal(finish(c, roster, &admin_t1, 1,
	    fixture_at(2026, 6, 1, 6)), FIXTURE_DONE);

	/* Asked: for a line printed, of a form with a subject, by who may
	 * print it, once at a time. */
	assert_int_equal(ask(c, "P2026-000099", &clerk_t1,
	    fixture_at(2026, 6, 1, 7)), E_NO_PRINT_JOB);
	assert_int_equal(ask(c, jam, &clerk_t1, fixture_at(2026, 6, 1, 7)),
	    E_STATE);
	assert_int_equal(ask(c, first, &auditor_t1, fixture_at(2026, 6, 1, 7)),
	    E_FORBIDDEN);
	assert_int_equal(ask(c, first, &admin_t1, fixture_at(2026, 6, 1, 7)),
	    E_FORBIDDEN);
	assert_int_equal(ask(c, roster, &admin_t1, fixture_at(2026, 6, 1, 7)),
	    E_BAD_VALUE);
	assert_int_equal(approve(c, first, &admin_t1,
	    fixture_at(2026, 6, 1, 7)), E_NOT_AWAITING);
	assert_int_equal(ask(c, first, &clerk2_t2, fixture_at(2026, 6, 1, 7)),
	    FIXTURE_DONE);
	assert_string_equal(reprint_of(c, first), "awaiting-approval");
	assert_int_equal(ask(c, first, &clerk_t1, fixture_at(2026, 6, 1, 7)),
	    E_DUPLICATE);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 8), &j), E_REPRINT);

	/* Approved, not by who asked, once. */
	assert_int_equal(approve(c, first, &clerk2_t2,
	    fixture_at(2026, 6, 1, 8)), E_SELF_APPROVAL);
	assert_int_equal(approve(c, "P2026-000099", &admin_t1,
	    fixture_at(2026, 6, 1, 8)), E_NO_PRINT_JOB);
	assert_int_equal(approve(c, first, &admin_t1,
	    fixture_at(2026, 6, 1, 8)), FIXTURE_DONE);
	assert_string_equal(reprint_of(c, first), "approved");
	assert_int_equal(approve(c, first, &admin2_t2,
	    fixture_at(2026, 6, 1, 8)), E_NOT_AWAITING);
	assert_int_equal(ask(c, first, &clerk_t1, fixture_at(2026, 6, 1, 8)),
	    E_DUPLICATE);

	/* Used by the next print, whoever prints it, and only once. */
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 9), &j), FIXTURE_DONE);
	assert_string_equal(j.reprint_of, first);
	assert_string_equal(reprint_of(c, first), "");
	assert_int_equal(ledger_get(c->l, j.serial, &j), 0);
	assert_string_equal(j.reprint_of, first);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 10), &j), E_REPRINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_reprint"
	    " WHERE used_by IS NOT NULL"), 1);

	/* The original's events tell it all. */
	ev = events_of(c, first);
	assert_int_equal(ev.n, 5);
	assert_event(&ev.e[2], "2026-06-01T07:00:00Z", "reprint-asked",
	    "C0002", "T0002", "汚損のため");
	assert_event(&ev.e[3], "2026-06-01T08:00:00Z", "reprint-approved",
	    "A0001", "T0001", "");
	assert_event(&ev.e[4], "2026-06-01T09:00:00Z", "reprinted", "C0001",
	    "T0001", "P2026-000007");
	/* Another request: for the reprint itself, printed. */
	assert_int_equal(finish(c, "P2026-000007", &clerk_t1, 1,
	    fixture_at(2026, 6, 1, 9)), FIXTURE_DONE);
	assert_int_equal(ask(c, "P2026-000007", &clerk_t1,
	    fixture_at(2026, 6, 1, 10)), FIXTURE_DONE);
	assert_int_equal(approve(c, "P2026-000007", &admin_t1,
	    fixture_at(2026, 6, 1, 11)), FIXTURE_DONE);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-1",
	    fixture_at(2026, 6, 1, 12), &j), FIXTURE_DONE);
	assert_string_equal(j.reprint_of, "P2026-000007");
}

/* What SQL cannot do to reprints behind the server's back. */
static void
test_reprint_sql(void **state)
{
	struct ctx *c = *state;
	char first[LEDGER_SERIAL_MAX], sql[512];
	struct print_job j;

	printed_about(c, &clerk_t1, "K-1", fixture_at(2026, 6, 1, 3), first);
	assert_int_equal(issue_about(c, &clerk_t1, "disclosure", "K-2",
	    fixture_at(2026, 6, 1, 3), &j), FIXTURE_DONE);
#define LINE(serial, reprint_of) "INSERT INTO print_job (serial, form," \
	" subject, reason, operator_id, terminal_id, terminal_cert," \
	" issued_at, reprint_of) VALUES ('" serial "', 'disclosure', 'K-1'," \
	" 'r', 'C0001', 'T0001', '" CERT_A "', '2026-06-02T00:00:00Z', " \
	reprint_of ")"
	/* Printed again without a request, or on one not approved. */
	fixture_sql(c->db, LINE("P2026-000003", "NULL"), SQLITE_CONSTRAINT);
	fixture_sql(c->db, LINE("P2026-000003", "'P2026-000001'"),
	    SQLITE_CONSTRAINT);
	/* Requests: asked for a printed line, waiting, never approved by
	 * who asked, never deleted. */
	fixture_sql(c->db, "INSERT INTO print_reprint (serial, form, subject,"
	    " reason, asked_by, asked_at) VALUES ('P2026-000002',"
	    " 'disclosure', 'K-2', 'r', 'C0001', 'x')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO print_reprint (serial, form, subject,"
	    " reason, asked_by, asked_at) VALUES ('P2026-000001',"
	    " 'disclosure', 'K-9', 'r', 'C0001', 'x')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO print_reprint (serial, form, subject,"
	    " reason, asked_by, asked_at, approved_by, approved_at) VALUES"
	    " ('P2026-000001', 'disclosure', 'K-1', 'r', 'C0001', 'x',"
	    " 'A0001', 'x')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO print_reprint (serial, form, subject,"
	    " reason, asked_by, asked_at) VALUES ('P2026-000001',"
	    " 'disclosure', 'K-1', 'r', 'C0001', 'x')", SQLITE_OK);
	fixture_sql(c->db, "INSERT INTO print_reprint (serial, form, subject,"
	    " reason, asked_by, asked_at) VALUES ('P2026-000001',"
	    " 'disclosure', 'K-1', 'r', 'C0002', 'x')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_reprint SET approved_by = 'C0001',"
	    " approved_at = 'x'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_reprint SET reason = 'y'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM print_reprint", SQLITE_CONSTRAINT);
	/* Used before it is approved. */
	fixture_sql(c->db, LINE("P2026-000003", "'P2026-000001'"),
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_reprint SET approved_by = 'A0001',"
	    " approved_at = 'x'", SQLITE_OK);
	fixture_sql(c->db, "UPDATE print_reprint SET approved_by = 'A0002'",
	    SQLITE_CONSTRAINT);
	/* Not used but by the line printed on it, and that line uses it. */
	fixture_sql(c->db, "UPDATE print_reprint SET used_by = 'P2026-000002'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, LINE("P2026-000003", "'P2026-000001'"), SQLITE_OK);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM print_reprint"
	    " WHERE used_by = 'P2026-000003'"), 1);
	/* Once used, never again, nor undone. */
	fixture_sql(c->db, LINE("P2026-000004", "'P2026-000001'"),
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_reprint SET used_by = NULL",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE print_reprint SET approved_by = NULL,"
	    " approved_at = NULL, used_by = NULL", SQLITE_CONSTRAINT);
#undef LINE
	snprintf(sql, sizeof sql, "SELECT count(*) FROM print_job WHERE"
	    " subject = 'K-1' AND reprint_of = '%s'", first);
	assert_int_equal(fixture_count(c->db, sql), 1);
}

/* A ledger as version 1 wrote it, by its own schema (the migration to
 * version 1 is that schema, kept as it was), with a printed, a jammed
 * and an issued line. */
static void
write_v1(const char *path)
{
	char sql[4096];
	int n;

	n = snprintf(sql, sizeof sql, "%s;"
	    "INSERT INTO print_job (serial, form, reason, operator_id,"
	    "  terminal_id, terminal_cert, issued_at) VALUES"
	    " ('P2025-000001', 'roster', '年次監査', 'A0001', 'T0001', '"
	    CERT_A "', '2025-12-01T01:00:00Z'),"
	    " ('P2026-000002', 'roster', '点検', 'U0001', 'T0002', '"
	    CERT_B "', '2026-01-05T01:00:00Z'),"
	    " ('P2026-000003', 'roster', '点検', 'U0001', 'T0002', '"
	    CERT_B "', '2026-01-05T02:00:00Z');"
	    "UPDATE print_job SET state = 'printed', finished_at ="
	    " '2025-12-01T01:01:00Z', detail = 'cups: done'"
	    " WHERE serial = 'P2025-000001';"
	    "UPDATE print_job SET state = 'not-printed', finished_at ="
	    " '2026-01-05T01:02:00Z', detail = 'jam'"
	    " WHERE serial = 'P2026-000002';"
	    "PRAGMA application_id = %d; PRAGMA user_version = 1;",
	    ledger_schema.migrations[0], (int)ledger_schema.application_id);
	assert_true(n > 0 && (size_t)n < sizeof sql);
	fixture_write_db(path, sql);
}

/* Version 1 brought up in place: every line kept as it was, its events
 * from its own columns, the new rules in force. */
static void
test_upgrade_v1(void **state)
{
	struct ctx c = { .l = NULL };
	const char *reason = NULL;
	struct print_job j;
	struct events ev;

	(void)state;
	fixture_db_path(c.path, sizeof c.path);
	write_v1(c.path);
	assert_int_equal(ledger_open(c.path, &c.l, &reason), 0);
	assert_int_equal(sqlite3_open(c.path, &c.db), SQLITE_OK);
	assert_int_equal(fixture_count(c.db, "PRAGMA user_version"), 2);
	assert_int_equal(fixture_count(c.db, "SELECT count(*) FROM print_job"), 3);

	assert_line(&c, "P2025-000001", &(struct print_job){ .form = "roster",
	    .reason = "年次監査", .operator_id = "A0001",
	    .terminal_id = "T0001", .terminal_cert = CERT_A,
	    .issued_at = "2025-12-01T01:00:00Z", .state = "printed",
	    .finished_at = "2025-12-01T01:01:00Z", .detail = "cups: done" });
	assert_int_equal(ledger_get(c.l, "P2026-000002", &j), 0);
	assert_string_equal(j.state, "not-printed");
	assert_string_equal(j.detail, "jam");
	assert_int_equal(ledger_get(c.l, "P2026-000003", &j), 0);
	assert_string_equal(j.state, "issued");
	assert_string_equal(j.finished_at, "");

	ev = events_of(&c, "P2025-000001");
	assert_int_equal(ev.n, 2);
	assert_event(&ev.e[0], "2025-12-01T01:00:00Z", "issued", "A0001",
	    "T0001", "");
	assert_event(&ev.e[1], "2025-12-01T01:01:00Z", "printed", "A0001",
	    "T0001", "cups: done");
	ev = events_of(&c, "P2026-000002");
	assert_int_equal(ev.n, 2);
	assert_event(&ev.e[1], "2026-01-05T01:02:00Z", "not-printed",
	    "U0001", "T0002", "jam");
	assert_int_equal(events_of(&c, "P2026-000003").n, 1);

	/* The old lines go on: finished, stored, destroyed; numbers go on
	 * from the last; the rules of both versions hold. */
	assert_int_equal(finish(&c, "P2026-000003", &(struct print_owner){
	    "U0001", "T0002", CERT_B, ROLE_AUDITOR }, 1,
	    fixture_at(2026, 6, 1, 0)), FIXTURE_DONE);
	assert_int_equal(step(&c, "P2025-000001", "stored", "", &admin_t1,
	    fixture_at(2026, 6, 1, 1)), FIXTURE_DONE);
	assert_int_equal(step(&c, "P2025-000001", "destroyed", "期限",
	    &admin_t1, fixture_at(2026, 6, 1, 2)), FIXTURE_DONE);
	assert_string_equal(issue(&c, &admin_t1, fixture_at(2026, 6, 1, 3)),
	    "P2026-000004");
	fixture_sql(c.db, "DELETE FROM print_job WHERE serial = 'P2026-000002'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c.db, "UPDATE print_job SET state = 'printed' WHERE"
	    " serial = 'P2026-000002'", SQLITE_CONSTRAINT);
	fixture_sql(c.db, "DELETE FROM print_event", SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c.db, "SELECT count(*) FROM print_event"), 9);

	/* Opened again: nothing to bring up, nothing added. */
	ledger_close(c.l);
	assert_int_equal(ledger_open(c.path, &c.l, &reason), 0);
	assert_int_equal(fixture_count(c.db, "SELECT count(*) FROM print_event"), 9);
	sqlite3_close(c.db);
	ledger_close(c.l);
	fixture_remove_db(c.path);
}

/* Another project file is not a ledger, and is left as it was. */
static void
test_not_ours(void **state)
{
	char path[4096];
	struct ledger *l;
	const char *reason = NULL;

	(void)state;
	fixture_db_path(path, sizeof path);
	fixture_write_db(path, "PRAGMA application_id = 1246449488;"
	    " CREATE TABLE operator (id TEXT)");
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
		cmocka_unit_test_setup_teardown(test_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_unprinted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_steps_sql, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reprint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reprint_sql, setup,
		    teardown),
		cmocka_unit_test(test_upgrade_v1),
		cmocka_unit_test(test_not_ours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
