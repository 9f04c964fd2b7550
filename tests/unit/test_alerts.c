/*
 * The alerts (protocol.h, "Alerts") without the network: the rules fed
 * audit entries as the log would hold them, each at its boundary (the
 * edges of business hours to the second, weekends, holidays, the Nth
 * failure and the N-1th, a window's expiry, N residents and N+1, the
 * same resident twice) and their de-duplication; the file the alerts
 * are kept in, and what SQL cannot do to it; the configuration.  Times
 * are written in Japan's time and turned into the log's UTC here: the
 * rules must not care what zone the machine is in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "alert-rules.h"
#include "alerts.h"
#include "fixture.h"
#include "server-config.h"

static struct alert_raised got[ALERT_PER_ENTRY];

/* "2026-11-24 08:29:59" in Japan as the audit log writes it, UTC with
 * milliseconds. */
static void
log_time(const char *jst, char *out, size_t outsz)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	assert_int_equal(sscanf(jst, "%d-%d-%d %d:%d:%d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec), 6);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm) - 9 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%S.123Z", &tm);
}

static time_t
moment(const char *jst)
{
	char text[32];
	struct tm tm;

	log_time(jst, text, sizeof text);
	memset(&tm, 0, sizeof tm);
	sscanf(text, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static struct audit_entry
entry(const char *jst, const char *action, const char *result,
    const char *reason, const char *op, const char *terminal,
    const char *target)
{
	struct audit_entry e;

	memset(&e, 0, sizeof e);
	e.seq = 1;
	log_time(jst, e.time, sizeof e.time);
	snprintf(e.action, sizeof e.action, "%s", action);
	snprintf(e.result, sizeof e.result, "%s", result);
	snprintf(e.reason, sizeof e.reason, "%s", reason);
	snprintf(e.operator_id, sizeof e.operator_id, "%s", op);
	snprintf(e.terminal_id, sizeof e.terminal_id, "%s", terminal);
	snprintf(e.target, sizeof e.target, "%s", target);
	return e;
}

static int
feed(struct alert_rules *r, struct audit_entry e)
{
	memset(got, 0, sizeof got);
	return alert_rules_feed(r, &e, got);
}

/* A login answered, a lookup answered, a login refused. */
static int
login(struct alert_rules *r, const char *jst, const char *op)
{
	return feed(r, entry(jst, "login", "ok", "pin", op, "T0001", ""));
}

static int
lookup(struct alert_rules *r, const char *jst, const char *op,
    const char *code)
{
	return feed(r, entry(jst, "lookup.code", "ok", "", op, "T0001",
	    code));
}

static int
refused(struct alert_rules *r, const char *jst, const char *op,
    const char *terminal, const char *reason)
{
	return feed(r, entry(jst, "login", "refused", reason, op, terminal,
	    ""));
}

/* Rules as configured by default, with the holiday 2026-11-23. */
static struct alert_rules *
office_rules(void)
{
	static struct alert_rules_config c;
	struct alert_rules *r;

	alert_rules_defaults(&c);
	c.holidays[0] = 20261123;	/* 勤労感謝の日, a Monday */
	c.nholidays = 1;
	assert_non_null(r = alert_rules_new(&c));
	return r;
}

/* Rules for the counting alone: every hour a business hour. */
static struct alert_rules *
counting_rules(int failures, int residents)
{
	struct alert_rules_config c;
	struct alert_rules *r;

	alert_rules_defaults(&c);
	assert_int_equal(alert_rules_hours("00:00-24:00", &c), 0);
	c.weekends = 0;
	c.failures = failures;
	c.residents = residents;
	assert_non_null(r = alert_rules_new(&c));
	return r;
}

/* 2026-11-24 is a Tuesday; 28 and 29 a weekend; 23 the holiday. */
static void
test_business_edges(void **state)
{
	struct alert_rules_config c;

	(void)state;
	alert_rules_defaults(&c);
	c.holidays[0] = 20261123;
	c.nholidays = 1;
	assert_false(alert_rules_business(&c, moment("2026-11-24 08:29:59")));
	assert_true(alert_rules_business(&c, moment("2026-11-24 08:30:00")));
	assert_true(alert_rules_business(&c, moment("2026-11-24 12:00:00")));
	assert_true(alert_rules_business(&c, moment("2026-11-24 17:14:59")));
	assert_false(alert_rules_business(&c, moment("2026-11-24 17:15:00")));
	assert_false(alert_rules_business(&c, moment("2026-11-24 23:59:59")));
	assert_false(alert_rules_business(&c, moment("2026-11-25 00:00:00")));
	/* A Saturday and a Sunday, then weekends at work. */
	assert_false(alert_rules_business(&c, moment("2026-11-28 10:00:00")));
	assert_false(alert_rules_business(&c, moment("2026-11-29 10:00:00")));
	assert_true(alert_rules_business(&c, moment("2026-11-27 10:00:00")));
	c.weekends = 0;
	assert_true(alert_rules_business(&c, moment("2026-11-28 10:00:00")));
	/* The holiday, a Monday, all day; not the day after. */
	assert_false(alert_rules_business(&c, moment("2026-11-23 10:00:00")));
	assert_true(alert_rules_business(&c, moment("2026-11-24 10:00:00")));
	c.nholidays = 0;
	assert_true(alert_rules_business(&c, moment("2026-11-23 10:00:00")));
}

/* The edges through the rule itself: a login at 08:29:59 is an alert,
 * at 08:30:00 not; at 17:14:59 not, at 17:15:00 one. */
static void
test_off_hours_login(void **state)
{
	struct alert_rules *r = office_rules();

	(void)state;
	assert_int_equal(login(r, "2026-11-24 08:29:59", "C0001"), 1);
	assert_string_equal(got[0].rule, "off-hours");
	assert_string_equal(got[0].operator_id, "C0001");
	assert_string_equal(got[0].terminal_id, "T0001");
	assert_string_equal(got[0].detail, "login");
	assert_string_equal(got[0].time, "2026-11-23T23:29:59Z");
	assert_int_equal(got[0].count, 1);
	assert_int_equal(got[0].minutes, 0);
	alert_rules_free(r);

	r = office_rules();
	assert_int_equal(login(r, "2026-11-24 08:30:00", "C0001"), 0);
	assert_int_equal(login(r, "2026-11-24 17:14:59", "C0001"), 0);
	assert_int_equal(login(r, "2026-11-24 17:15:00", "C0001"), 1);
	alert_rules_free(r);
}

static void
test_off_hours_days(void **state)
{
	struct alert_rules *r = office_rules();

	(void)state;
	/* The holiday, at noon. */
	assert_int_equal(login(r, "2026-11-23 12:00:00", "C0001"), 1);
	/* A Saturday and the Friday before are in one stretch: one
	 * alert, by the Friday evening. */
	assert_int_equal(login(r, "2026-11-27 12:00:00", "C0002"), 0);
	assert_int_equal(login(r, "2026-11-27 18:00:00", "C0002"), 1);
	assert_int_equal(login(r, "2026-11-28 10:00:00", "C0002"), 0);
	/* Sunday, and Monday before the doors open: still that stretch. */
	assert_int_equal(login(r, "2026-11-29 10:00:00", "C0002"), 0);
	assert_int_equal(login(r, "2026-11-30 07:00:00", "C0002"), 0);
	/* A Sunday for an operator not seen yet. */
	assert_int_equal(login(r, "2026-11-29 10:00:00", "C0003"), 1);
	alert_rules_free(r);
}

/* A provision off-hours raises it too; an unlock also counts as a
 * login; a refused lookup, a refused login, a lock, and an entry with
 * no operator do not. */
static void
test_off_hours_what(void **state)
{
	struct alert_rules *r = office_rules();

	(void)state;
	assert_int_equal(lookup(r, "2026-11-24 19:00:00", "C0001",
	    "12345678903"), 1);
	assert_string_equal(got[0].detail, "lookup.code");
	assert_int_equal(feed(r, entry("2026-11-24 19:00:00",
	    "session.unlock", "ok", "pin", "C0002", "T0001", "")), 1);
	assert_string_equal(got[0].detail, "session.unlock");
	assert_int_equal(feed(r, entry("2026-11-24 19:00:00", "lookup.code",
	    "refused", "E_NOT_FOUND", "C0003", "T0001", "12345678903")), 0);
	assert_int_equal(refused(r, "2026-11-24 19:00:00", "C0003", "T0001",
	    "E_NO_MATCH:no-match"), 0);
	assert_int_equal(feed(r, entry("2026-11-24 19:00:00", "session.lock",
	    "ok", "", "C0003", "T0001", "")), 0);
	assert_int_equal(feed(r, entry("2026-11-24 19:00:00", "print.list",
	    "ok", "", "C0003", "T0001", "")), 0);
	assert_int_equal(feed(r, entry("2026-11-24 19:00:00", "lookup.code",
	    "ok", "", "", "T0001", "12345678903")), 0);
	/* An alert's own entries never count. */
	assert_int_equal(feed(r, entry("2026-11-24 19:00:00", "alert.raise",
	    "ok", "off-hours", "C0004", "T0001", "")), 0);
	/* C0003 did not work off-hours yet: this is their first. */
	assert_int_equal(login(r, "2026-11-24 19:00:00", "C0003"), 1);
	alert_rules_free(r);
}

/* One alert an operator a stretch: the evening and the early morning
 * after it are one, the next evening another. */
static void
test_off_hours_once_a_stretch(void **state)
{
	struct alert_rules *r = office_rules();

	(void)state;
	assert_int_equal(login(r, "2026-11-24 17:20:00", "C0001"), 1);
	assert_int_equal(lookup(r, "2026-11-24 18:00:00", "C0001",
	    "12345678903"), 0);
	assert_int_equal(login(r, "2026-11-24 23:00:00", "C0001"), 0);
	assert_int_equal(login(r, "2026-11-25 07:00:00", "C0001"), 0);
	assert_int_equal(login(r, "2026-11-25 09:00:00", "C0001"), 0);
	assert_int_equal(login(r, "2026-11-25 17:15:00", "C0001"), 1);
	/* Another operator the same evening has their own. */
	assert_int_equal(login(r, "2026-11-25 18:00:00", "C0002"), 1);
	alert_rules_free(r);
}

/* The Nth failure for one ID raises it, the N-1th does not; each from
 * another terminal, so only the ID's count reaches N. */
static void
test_failures_by_id(void **state)
{
	struct alert_rules *r = counting_rules(3, 50);

	(void)state;
	assert_int_equal(refused(r, "2026-11-24 10:00:00", "C0002", "T0001",
	    "E_NO_MATCH:no-match"), 0);
	assert_int_equal(refused(r, "2026-11-24 10:01:00", "C0002", "T0002",
	    "E_BAD_CREDENTIALS:pin"), 0);
	assert_int_equal(refused(r, "2026-11-24 10:02:00", "C0002", "T0003",
	    "E_LOCKED"), 1);
	assert_string_equal(got[0].rule, "login-failures");
	assert_string_equal(got[0].detail, "operator");
	assert_string_equal(got[0].operator_id, "C0002");
	assert_string_equal(got[0].terminal_id, "T0003");
	assert_int_equal(got[0].count, 3);
	assert_int_equal(got[0].minutes, 10);
	alert_rules_free(r);
}

/* From one terminal, N failures of different IDs. */
static void
test_failures_by_terminal(void **state)
{
	struct alert_rules *r = counting_rules(3, 50);

	(void)state;
	assert_int_equal(refused(r, "2026-11-24 10:00:00", "X0001", "T0009",
	    "E_BAD_CREDENTIALS:unknown-id"), 0);
	assert_int_equal(refused(r, "2026-11-24 10:00:01", "X0002", "T0009",
	    "E_BAD_CREDENTIALS:unknown-id"), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:02", "auth.begin",
	    "refused", "E_BAD_CREDENTIALS:unknown-id", "X0003", "T0009", "")),
	    1);
	assert_string_equal(got[0].detail, "terminal");
	assert_string_equal(got[0].terminal_id, "T0009");
	assert_string_equal(got[0].operator_id, "X0003");
	/* The same ID from the same terminal: both counts at once. */
	alert_rules_free(r);
	r = counting_rules(3, 50);
	refused(r, "2026-11-24 10:00:00", "C0002", "T0001", "E_NO_MATCH");
	refused(r, "2026-11-24 10:00:01", "C0002", "T0001", "E_NO_MATCH");
	assert_int_equal(refused(r, "2026-11-24 10:00:02", "C0002", "T0001",
	    "E_NO_MATCH"), 2);
	assert_string_equal(got[0].detail, "operator");
	assert_string_equal(got[1].detail, "terminal");
	alert_rules_free(r);
}

/* What is not a failure: the reader proved nothing, a stale challenge,
 * a malformed request, a login answered, another route refused. */
static void
test_failures_what(void **state)
{
	struct alert_rules *r = counting_rules(1, 50);

	(void)state;
	assert_int_equal(refused(r, "2026-11-24 10:00:00", "C0002", "T0001",
	    "E_NOT_VERIFIED:timeout"), 0);
	assert_int_equal(refused(r, "2026-11-24 10:00:00", "C0002", "T0001",
	    "E_CHALLENGE:unknown"), 0);
	assert_int_equal(refused(r, "2026-11-24 10:00:00", "C0002", "T0001",
	    "E_BAD_VALUE:outcome"), 0);
	assert_int_equal(login(r, "2026-11-24 10:00:00", "C0002"), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:00", "operator.pin",
	    "refused", "E_BAD_CREDENTIALS", "C0002", "T0001", "")), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:00",
	    "session.unlock", "refused", "E_BAD_CREDENTIALS:pin", "C0002",
	    "T0001", "")), 2);
	alert_rules_free(r);
}

/* A failure counts while it is less than the minutes old: the third at
 * 9:59 after the first raises it, at 10:00 it does not. */
static void
test_failures_window(void **state)
{
	struct alert_rules *r = counting_rules(3, 50);

	(void)state;
	refused(r, "2026-11-24 10:00:00", "C0002", "T0001", "E_NO_MATCH");
	refused(r, "2026-11-24 10:05:00", "C0002", "T0002", "E_NO_MATCH");
	assert_int_equal(refused(r, "2026-11-24 10:09:59", "C0002", "T0003",
	    "E_NO_MATCH"), 1);
	alert_rules_free(r);

	r = counting_rules(3, 50);
	refused(r, "2026-11-24 10:00:00", "C0002", "T0001", "E_NO_MATCH");
	refused(r, "2026-11-24 10:05:00", "C0002", "T0002", "E_NO_MATCH");
	assert_int_equal(refused(r, "2026-11-24 10:10:00", "C0002", "T0003",
	    "E_NO_MATCH"), 0);
	/* The two within the window and one more: now. */
	assert_int_equal(refused(r, "2026-11-24 10:11:00", "C0002", "T0004",
	    "E_NO_MATCH"), 1);
	alert_rules_free(r);
}

/* An alert takes its failures: the 4th and 5th raise nothing, the 6th
 * (three more) raises the next. */
static void
test_failures_once(void **state)
{
	struct alert_rules *r = counting_rules(3, 50);
	int raised = 0;
	char jst[32];

	(void)state;
	for (int i = 1; i <= 6; i++) {
		snprintf(jst, sizeof jst, "2026-11-24 10:00:%02d", i);
		raised = refused(r, jst, "C0002", "T0001", "E_NO_MATCH");
		assert_int_equal(raised, i % 3 == 0 ? 2 : 0);
	}
	alert_rules_free(r);
}

/* N residents raise nothing, N+1 one alert; the same resident twice is
 * one. */
static void
test_residents(void **state)
{
	struct alert_rules *r = counting_rules(3, 3);

	(void)state;
	assert_int_equal(lookup(r, "2026-11-24 10:00:00", "C0001",
	    "11111111111"), 0);
	assert_int_equal(lookup(r, "2026-11-24 10:00:01", "C0001",
	    "22222222222"), 0);
	assert_int_equal(lookup(r, "2026-11-24 10:00:02", "C0001",
	    "22222222222"), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:03", "resident.view",
	    "ok", "", "C0001", "T0001", "11111111111")), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:04",
	    "provide.candidate", "ok", "", "C0001", "T0001", "33333333333")),
	    0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:05",
	    "disclosure.show", "ok", "", "C0001", "T0002", "44444444444")), 1);
	assert_string_equal(got[0].rule, "many-residents");
	assert_string_equal(got[0].operator_id, "C0001");
	assert_string_equal(got[0].terminal_id, "T0002");
	assert_int_equal(got[0].count, 4);
	assert_int_equal(got[0].minutes, 10);
	alert_rules_free(r);
}

/* Each operator counts apart; a refused lookup and an entry of another
 * action with a target count for nothing. */
static void
test_residents_what(void **state)
{
	struct alert_rules *r = counting_rules(3, 1);

	(void)state;
	assert_int_equal(lookup(r, "2026-11-24 10:00:00", "C0001",
	    "11111111111"), 0);
	assert_int_equal(lookup(r, "2026-11-24 10:00:00", "C0002",
	    "22222222222"), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:00", "lookup.code",
	    "refused", "E_NOT_FOUND", "C0001", "T0001", "33333333333")), 0);
	assert_int_equal(feed(r, entry("2026-11-24 10:00:00", "print.begin",
	    "ok", "", "C0001", "T0001", "P2026-000001")), 0);
	assert_int_equal(lookup(r, "2026-11-24 10:00:00", "C0001",
	    "44444444444"), 1);
	alert_rules_free(r);
}

/* A resident counts while looked at less than the minutes ago: looked
 * at again, the time is the later one. */
static void
test_residents_window(void **state)
{
	struct alert_rules *r = counting_rules(3, 2);

	(void)state;
	lookup(r, "2026-11-24 10:00:00", "C0001", "11111111111");
	lookup(r, "2026-11-24 10:01:00", "C0001", "22222222222");
	assert_int_equal(lookup(r, "2026-11-24 10:10:00", "C0001",
	    "33333333333"), 0);
	alert_rules_free(r);

	r = counting_rules(3, 2);
	lookup(r, "2026-11-24 10:00:00", "C0001", "11111111111");
	lookup(r, "2026-11-24 10:01:00", "C0001", "22222222222");
	lookup(r, "2026-11-24 10:05:00", "C0001", "11111111111");
	assert_int_equal(lookup(r, "2026-11-24 10:10:00", "C0001",
	    "33333333333"), 1);
	alert_rules_free(r);
}

/* An alert takes its residents: the next needs N+1 more. */
static void
test_residents_once(void **state)
{
	struct alert_rules *r = counting_rules(3, 2);
	const char *codes[] = { "1", "2", "3", "4", "5", "6", "7" };
	int alerts = 0;

	(void)state;
	for (int i = 0; i < 7; i++) {
		int n = lookup(r, "2026-11-24 10:00:00", "C0001", codes[i]);
		alerts += n;
		assert_int_equal(n, i == 2 || i == 5 ? 1 : 0);
	}
	assert_int_equal(alerts, 2);
	/* Again a resident of the first alert: a new count. */
	assert_int_equal(lookup(r, "2026-11-24 10:00:00", "C0001", "1"), 0);
	alert_rules_free(r);
}

/* The tables are bounded: the least recent key is forgotten. */
static void
test_bounded(void **state)
{
	struct alert_rules *r = counting_rules(2, 50);
	char id[16], terminal[16];

	(void)state;
	refused(r, "2026-11-24 10:00:00", "OLD01", "TOLD", "E_NO_MATCH");
	for (int i = 0; i < ALERT_KEYS_MAX; i++) {
		snprintf(id, sizeof id, "X%05d", i);
		snprintf(terminal, sizeof terminal, "T%05d", i);
		assert_int_equal(refused(r, "2026-11-24 10:00:01", id,
		    terminal, "E_NO_MATCH"), 0);
	}
	/* The latest keys are still counted. */
	assert_int_equal(refused(r, "2026-11-24 10:00:02", id, "TNEW",
	    "E_NO_MATCH"), 1);
	/* OLD01 was pushed out: its second failure starts a new count;
	 * the terminal TOLD too. */
	assert_int_equal(refused(r, "2026-11-24 10:00:02", "OLD01", "TOLD",
	    "E_NO_MATCH"), 0);
	assert_int_equal(alert_rules_lost(r), 0);
	alert_rules_free(r);
}

static void
test_parse(void **state)
{
	struct alert_rules_config c;

	(void)state;
	alert_rules_defaults(&c);
	assert_int_equal(c.open, 8 * 3600 + 30 * 60);
	assert_int_equal(c.close, 17 * 3600 + 15 * 60);
	assert_int_equal(alert_rules_hours("09:00-18:30", &c), 0);
	assert_int_equal(c.open, 9 * 3600);
	assert_int_equal(c.close, 18 * 3600 + 30 * 60);
	assert_int_equal(alert_rules_hours("00:00-24:00", &c), 0);
	assert_int_equal(c.close, 24 * 3600);
	assert_int_equal(alert_rules_hours("9:00-18:30", &c), -1);
	assert_int_equal(alert_rules_hours("18:30-09:00", &c), -1);
	assert_int_equal(alert_rules_hours("09:00-09:00", &c), -1);
	assert_int_equal(alert_rules_hours("09:60-18:30", &c), -1);
	assert_int_equal(alert_rules_hours("09:00-24:01", &c), -1);
	assert_int_equal(alert_rules_hours("09:00~18:30", &c), -1);
	assert_int_equal(alert_rules_hours("09:00-18:30 ", &c), -1);
	assert_int_equal(alert_rules_date("2026-11-23"), 20261123);
	assert_int_equal(alert_rules_date("2028-02-29"), 20280229);
	assert_int_equal(alert_rules_date("2026-02-29"), -1);
	assert_int_equal(alert_rules_date("2026-1-23"), -1);
	assert_int_equal(alert_rules_date("令和8年"), -1);
}

/* --- the file ------------------------------------------------------- */

struct ctx {
	char path[4096];
	struct alerts *a;
	sqlite3 *db;		/* the same file, behind the server's back */
};

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	const char *reason = NULL;

	assert_non_null(c);
	fixture_db_path(c->path, sizeof c->path);
	assert_int_equal(alerts_open(c->path, &c->a, &reason), 0);
	assert_int_equal(sqlite3_open(c->path, &c->db), SQLITE_OK);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	sqlite3_close(c->db);
	alerts_close(c->a);
	fixture_remove_db(c->path);
	free(c);
	return 0;
}

static int64_t
add(struct ctx *c, const char *rule, const char *op)
{
	struct alert_raised r;
	int64_t id;

	memset(&r, 0, sizeof r);
	snprintf(r.time, sizeof r.time, "2026-11-24T01:00:00Z");
	snprintf(r.rule, sizeof r.rule, "%s", rule);
	snprintf(r.operator_id, sizeof r.operator_id, "%s", op);
	snprintf(r.terminal_id, sizeof r.terminal_id, "T0001");
	snprintf(r.detail, sizeof r.detail, "login");
	r.count = 1;
	fixture_begin(alerts_db(c->a));
	assert_int_equal(alerts_add(c->a, &r, 7, &id), 0);
	assert_int_equal(fixture_settle(alerts_db(c->a), 0, NULL),
	    FIXTURE_DONE);
	return id;
}

static int
ack(struct ctx *c, int64_t id, const char *by, struct alert *out)
{
	enum protocol_error why = E_INTERNAL;
	int rc;

	fixture_begin(alerts_db(c->a));
	rc = alerts_ack(c->a, id, by, fixture_at(2026, 11, 24, 2), "確認済み",
	    out, &why);
	return fixture_settle(alerts_db(c->a), rc, &why);
}

static int
collect(const struct alert *a, void *arg)
{
	int64_t *ids = arg;

	ids[++ids[0]] = a->id;
	return 0;
}

static void
test_file(void **state)
{
	struct ctx *c = *state;
	int64_t first, second, n, ids[8];
	struct alert a;

	first = add(c, "off-hours", "C0001");
	second = add(c, "login-failures", "A0001");
	assert_true(second > first);
	assert_int_equal(alerts_open_count(c->a, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(alerts_get(c->a, first, &a), 0);
	assert_string_equal(a.raised.rule, "off-hours");
	assert_string_equal(a.raised.operator_id, "C0001");
	assert_int_equal(a.audit_seq, 7);
	assert_string_equal(a.acknowledged_by, "");
	assert_int_equal(alerts_get(c->a, 99, &a), 1);

	/* Not an alert there is, not about oneself, once. */
	assert_int_equal(ack(c, 99, "A0001", &a), E_NO_ALERT);
	assert_int_equal(ack(c, second, "A0001", &a), E_SELF_ACK);
	assert_int_equal(ack(c, first, "A0001", &a), FIXTURE_DONE);
	assert_string_equal(a.acknowledged_by, "A0001");
	assert_string_equal(a.acknowledged_at, "2026-11-24T02:00:00Z");
	assert_string_equal(a.note, "確認済み");
	assert_int_equal(ack(c, first, "A0002", &a), E_ACKNOWLEDGED);
	assert_int_equal(alerts_get(c->a, first, &a), 0);
	assert_string_equal(a.acknowledged_by, "A0001");
	assert_int_equal(alerts_open_count(c->a, &n), 0);
	assert_int_equal(n, 1);

	/* Newest first; open ones only unless all are asked for. */
	ids[0] = 0;
	assert_int_equal(alerts_list(c->a, 1, collect, ids), 0);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[1], second);
	ids[0] = 0;
	assert_int_equal(alerts_list(c->a, 0, collect, ids), 0);
	assert_int_equal(ids[0], 2);
	assert_int_equal(ids[1], second);
	assert_int_equal(ids[2], first);
	assert_true(alert_rule_known("many-residents"));
	assert_false(alert_rule_known("other"));
}

/* Behind the server's back, SQL cannot change, delete, replace or
 * acknowledge what the rules forbid. */
static void
test_file_rules(void **state)
{
	struct ctx *c = *state;
	int64_t first = add(c, "off-hours", "C0001");
	char sql[256];

	fixture_sql(c->db, "UPDATE alert SET operator_id = 'X'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM alert", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT OR REPLACE INTO alert VALUES (1,"
	    " '2026-11-24T01:00:00Z', 'off-hours', 'X', 'T', '', 1, 0, 1)",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO alert (time, rule, operator_id,"
	    " terminal_id, detail, count, minutes, audit_seq) VALUES"
	    " ('2026-11-24T01:00:00Z', 'made-up', 'X', 'T', '', 1, 0, 1)",
	    SQLITE_CONSTRAINT);
	snprintf(sql, sizeof sql, "INSERT INTO ack VALUES (%lld, 'C0001',"
	    " '2026-11-24T02:00:00Z', 'self')", (long long)first);
	fixture_sql(c->db, sql, SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO ack VALUES (42, 'A0001',"
	    " '2026-11-24T02:00:00Z', 'none')", SQLITE_CONSTRAINT);
	snprintf(sql, sizeof sql, "INSERT INTO ack VALUES (%lld, 'A0001',"
	    " '2026-11-24T02:00:00Z', 'ok')", (long long)first);
	fixture_sql(c->db, sql, SQLITE_OK);
	snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO ack VALUES (%lld,"
	    " 'A0002', '2026-11-24T02:00:00Z', 'again')", (long long)first);
	fixture_sql(c->db, sql, SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE ack SET note = 'x'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM ack", SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM ack"), 1);
}

/* --- the configuration ---------------------------------------------- */

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, 0600);
}

static const char base_config[] =
	"database = \"r.db\";\noperators = \"/var/juki/o.db\";\n"
	"audit_log = \"a.log\";\nprint_key = \"k\";\nseal_key = \"s\";\n"
	"tls = { certificate = \"c\"; key = \"k\"; ca = \"ca\"; };\n"
	"jimu = ( { code = \"KAIJI\"; name = \"開示\"; } );\n";

/* Loads base_config and more: 0, or -1 with err naming what. */
static int
load(const char *path, const char *more, struct server_config *cfg,
    char *err, size_t errsz)
{
	char text[2048];

	snprintf(text, sizeof text, "%s%s", base_config, more);
	write_file(path, text);
	return server_config_load(path, cfg, err, errsz);
}

static void
test_config(void **state)
{
	static struct server_config cfg;
	char path[4096], calendar[4200], text[8192], err[512];

	(void)state;
	fixture_db_path(path, sizeof path);
	snprintf(calendar, sizeof calendar, "%s.holidays", path);

	/* Defaults, and the file beside the operators'. */
	assert_int_equal(load(path, "", &cfg, err, sizeof err), 0);
	assert_string_equal(cfg.alerts_db, "/var/juki/alerts.db");
	assert_int_equal(cfg.alerts.open, 8 * 3600 + 30 * 60);
	assert_int_equal(cfg.alerts.close, 17 * 3600 + 15 * 60);
	assert_true(cfg.alerts.weekends);
	assert_int_equal(cfg.alerts.nholidays, 0);
	assert_int_equal(cfg.alerts.failures, 3);
	assert_int_equal(cfg.alerts.failure_minutes, 10);
	assert_int_equal(cfg.alerts.residents, 50);
	assert_int_equal(cfg.alerts.resident_minutes, 10);

	/* Everything set; the calendar sorted, each date once. */
	write_file(calendar, "# 祝日\n2027-01-01\n\n2026-11-23  # 勤労感謝の日\n"
	    "  2026-12-29\n2026-11-23\n");
	snprintf(text, sizeof text, "alerts_db = \"/srv/alerts.db\";\n"
	    "alerts = { business_hours = \"09:00-17:45\"; calendar = \"%s\";"
	    " weekends = false; login_failures = { count = 5; minutes = 30;"
	    " }; many_residents = { count = 100; minutes = 60; }; };\n",
	    calendar);
	assert_int_equal(load(path, text, &cfg, err, sizeof err), 0);
	assert_string_equal(cfg.alerts_db, "/srv/alerts.db");
	assert_int_equal(cfg.alerts.open, 9 * 3600);
	assert_int_equal(cfg.alerts.close, 17 * 3600 + 45 * 60);
	assert_false(cfg.alerts.weekends);
	assert_int_equal(cfg.alerts.nholidays, 3);
	assert_int_equal(cfg.alerts.holidays[0], 20261123);
	assert_int_equal(cfg.alerts.holidays[1], 20261229);
	assert_int_equal(cfg.alerts.holidays[2], 20270101);
	assert_int_equal(cfg.alerts.failures, 5);
	assert_int_equal(cfg.alerts.failure_minutes, 30);
	assert_int_equal(cfg.alerts.residents, 100);
	assert_int_equal(cfg.alerts.resident_minutes, 60);

	/* Refused, each naming what. */
	assert_int_equal(load(path, "alerts = { business_hours ="
	    " \"17:00-09:00\"; };\n", &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "alerts.business_hours"));
	assert_int_equal(load(path, "alerts = { login_failures = { count ="
	    " 0; }; };\n", &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "alerts.login_failures.count"));
	assert_int_equal(load(path, "alerts = { many_residents = { minutes ="
	    " 1441; }; };\n", &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "alerts.many_residents.minutes"));
	write_file(calendar, "2026-11-23\n2026-02-30\n");
	snprintf(text, sizeof text, "alerts = { calendar = \"%s\"; };\n",
	    calendar);
	assert_int_equal(load(path, text, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2:"));
	remove(calendar);
	assert_int_equal(load(path, text, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, calendar));
	remove(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_business_edges),
		cmocka_unit_test(test_off_hours_login),
		cmocka_unit_test(test_off_hours_days),
		cmocka_unit_test(test_off_hours_what),
		cmocka_unit_test(test_off_hours_once_a_stretch),
		cmocka_unit_test(test_failures_by_id),
		cmocka_unit_test(test_failures_by_terminal),
		cmocka_unit_test(test_failures_what),
		cmocka_unit_test(test_failures_window),
		cmocka_unit_test(test_failures_once),
		cmocka_unit_test(test_residents),
		cmocka_unit_test(test_residents_what),
		cmocka_unit_test(test_residents_window),
		cmocka_unit_test(test_residents_once),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_rules, setup,
		    teardown),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
