/*
 * The disclosure requests and their corrections in their file, without
 * the network: a request received once under its number, its steps in
 * order and never back, the list, the corrections only about a request
 * decided, and what SQL cannot do to the file behind the server's back.
 * Every time is passed in: nothing here depends on today.
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

#include "disclosures.h"
#include "fixture.h"

#define CODE "12345678903"

struct ctx {
	char path[4096];
	struct disclosures *d;
	sqlite3 *db;		/* the same file, behind the server's back */
};

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	const char *reason = NULL;

	assert_non_null(c);
	fixture_db_path(c->path, sizeof c->path);
	assert_int_equal(disclosures_open(c->path, &c->d, &reason), 0);
	assert_int_equal(sqlite3_open(c->path, &c->db), SQLITE_OK);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	sqlite3_close(c->db);
	disclosures_close(c->d);
	fixture_remove_db(c->path);
	free(c);
	return 0;
}

/* A request as a clerk fills it in: self, at the counter. */
static struct disclosure_request
statement(const char *no)
{
	struct disclosure_request r;

	memset(&r, 0, sizeof r);
	snprintf(r.request_no, sizeof r.request_no, "%s", no);
	snprintf(r.channel, sizeof r.channel, "counter");
	snprintf(r.requester, sizeof r.requester, "self");
	snprintf(r.documents, sizeof r.documents, "driving-licence");
	snprintf(r.name, sizeof r.name, "山田 太郎");
	snprintf(r.kana, sizeof r.kana, "ヤマダ タロウ");
	snprintf(r.birth_date, sizeof r.birth_date, "1980-04-01");
	r.sex = 1;
	snprintf(r.address, sizeof r.address, "熊本県熊本市中央区水前寺6丁目18番1号");
	snprintf(r.juminhyo_code, sizeof r.juminhyo_code, CODE);
	return r;
}

/* Each change committed when done, rolled back when refused, as the
 * server does: the refusal, or FIXTURE_DONE. */
static int
receive(struct ctx *c, struct disclosure_request *r, time_t now)
{
	enum protocol_error why;

	fixture_begin(disclosures_db(c->d));
	return fixture_settle(disclosures_db(c->d), disclosures_receive(c->d,
	    r, "C0001", now, &why), &why);
}

static int
decide(struct ctx *c, const char *no, const char *by, time_t now)
{
	struct disclosure_request r;
	enum protocol_error why;

	if (disclosures_decide(c->d, no, by, now, &r, &why) != 0)
		return (int)why;
	assert_string_equal(r.state, "decided");
	return FIXTURE_DONE;
}

static int
notify(struct ctx *c, const char *no, const char *how, time_t now)
{
	struct disclosure_request r;
	enum protocol_error why;

	if (disclosures_notify(c->d, no, how, "C0002", now, &r, &why) != 0)
		return (int)why;
	assert_string_equal(r.state, "notified");
	return FIXTURE_DONE;
}

static struct correction
asked(const char *no, const char *request_no, const char *kind)
{
	struct correction k;

	memset(&k, 0, sizeof k);
	snprintf(k.correction_no, sizeof k.correction_no, "%s", no);
	snprintf(k.request_no, sizeof k.request_no, "%s", request_no);
	snprintf(k.kind, sizeof k.kind, "%s", kind);
	snprintf(k.item, sizeof k.item, "address");
	snprintf(k.current, sizeof k.current, "熊本県熊本市中央区水前寺6丁目18番1号");
	if (strcmp(kind, "delete") != 0)
		snprintf(k.requested, sizeof k.requested, "熊本県熊本市中央区水前寺6丁目18番2号");
	snprintf(k.reason, sizeof k.reason, "転居の届出が反映されていない");
	return k;
}

static int
correct(struct ctx *c, struct correction *k, time_t now)
{
	enum protocol_error why;

	if (disclosures_correct(c->d, k, "C0001", now, &why) != 0)
		return (int)why;
	return FIXTURE_DONE;
}

static void
test_names(void **state)
{
	(void)state;
	assert_true(disclosure_state_known("received"));
	assert_true(disclosure_state_known("decided"));
	assert_true(disclosure_state_known("notified"));
	assert_false(disclosure_state_known("forwarded"));
	assert_false(disclosure_state_known(""));
	assert_true(disclosure_channel_known("counter"));
	assert_true(disclosure_channel_known("post"));
	assert_false(disclosure_channel_known("fax"));
	assert_true(disclosure_requester_known("self"));
	assert_true(disclosure_requester_known("representative"));
	assert_false(disclosure_requester_known("proxy"));
	assert_true(disclosure_notice_known("handed"));
	assert_true(disclosure_notice_known("mailed"));
	assert_false(disclosure_notice_known("post"));
	assert_true(disclosure_document_known("my-number-card"));
	assert_true(disclosure_document_known("guardian-proof"));
	assert_false(disclosure_document_known("library-card"));
	assert_true(correction_kind_known("correct"));
	assert_true(correction_kind_known("add"));
	assert_true(correction_kind_known("delete"));
	assert_false(correction_kind_known("replace"));
	assert_true(correction_item_known("address"));
	assert_true(correction_item_known("kojin"));
	assert_true(correction_item_known("idou"));
	/* The history is what was: there is nothing to correct in it. */
	assert_false(correction_item_known("history"));
	assert_false(correction_item_known("Address"));
}

/* Received once, under its number, as stated. */
static void
test_receive(void **state)
{
	struct ctx *c = *state;
	struct disclosure_request r = statement("K-0001"), got;
	const char *reason;

	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 3)),
	    FIXTURE_DONE);
	assert_string_equal(r.state, "received");
	assert_int_equal(r.fee, DISCLOSURE_FEE_YEN);
	assert_string_equal(r.received_at, "2026-06-01T03:00:00Z");
	assert_string_equal(r.received_by, "C0001");

	assert_int_equal(disclosures_get(c->d, "K-0001", &got), 0);
	assert_string_equal(got.channel, "counter");
	assert_string_equal(got.requester, "self");
	assert_string_equal(got.representative, "");
	assert_string_equal(got.documents, "driving-licence");
	assert_string_equal(got.name, "山田 太郎");
	assert_string_equal(got.kana, "ヤマダ タロウ");
	assert_string_equal(got.birth_date, "1980-04-01");
	assert_int_equal(got.sex, 1);
	assert_string_equal(got.juminhyo_code, CODE);
	assert_int_equal(got.fee, 10);
	assert_string_equal(got.state, "received");
	assert_string_equal(got.received_at, "2026-06-01T03:00:00Z");
	assert_string_equal(got.decided_at, "");
	assert_string_equal(got.notified_how, "");
	assert_int_equal(disclosures_get(c->d, "K-0002", &got), 1);

	/* A number once, whatever else the request says. */
	r = statement("K-0001");
	snprintf(r.channel, sizeof r.channel, "post");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 2, 3)),
	    E_DUPLICATE);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM request"),
	    1);

	/* By post, by a legal representative. */
	r = statement("K-0002");
	snprintf(r.channel, sizeof r.channel, "post");
	snprintf(r.requester, sizeof r.requester, "representative");
	snprintf(r.representative, sizeof r.representative, "山田 花子");
	snprintf(r.documents, sizeof r.documents, "passport,guardian-proof");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 2, 3)),
	    FIXTURE_DONE);

	/* Opened again, the file has them. */
	disclosures_close(c->d);
	assert_int_equal(disclosures_open(c->path, &c->d, &reason), 0);
	assert_int_equal(disclosures_get(c->d, "K-0002", &got), 0);
	assert_string_equal(got.representative, "山田 花子");
	assert_string_equal(got.documents, "passport,guardian-proof");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 3, 3)),
	    E_DUPLICATE);
}

/* received → decided → notified, each once, never a step skipped. */
static void
test_steps(void **state)
{
	struct ctx *c = *state;
	struct disclosure_request r = statement("K-0001"), got;

	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 3)),
	    FIXTURE_DONE);
	assert_int_equal(decide(c, "K-9999", "C0002",
	    fixture_at(2026, 6, 1, 4)), E_NO_REQUEST);
	assert_int_equal(notify(c, "K-9999", "handed",
	    fixture_at(2026, 6, 1, 4)), E_NO_REQUEST);
	assert_int_equal(notify(c, "K-0001", "handed",
	    fixture_at(2026, 6, 1, 4)), E_STATE);

	assert_int_equal(decide(c, "K-0001", "C0002",
	    fixture_at(2026, 6, 10, 1)), FIXTURE_DONE);
	assert_int_equal(disclosures_get(c->d, "K-0001", &got), 0);
	assert_string_equal(got.state, "decided");
	assert_string_equal(got.decided_at, "2026-06-10T01:00:00Z");
	assert_string_equal(got.decided_by, "C0002");
	assert_string_equal(got.notified_at, "");
	assert_int_equal(decide(c, "K-0001", "C0002",
	    fixture_at(2026, 6, 10, 2)), E_STATE);

	assert_int_equal(notify(c, "K-0001", "mailed",
	    fixture_at(2026, 6, 11, 1)), FIXTURE_DONE);
	assert_int_equal(disclosures_get(c->d, "K-0001", &got), 0);
	assert_string_equal(got.state, "notified");
	assert_string_equal(got.decided_at, "2026-06-10T01:00:00Z");
	assert_string_equal(got.notified_at, "2026-06-11T01:00:00Z");
	assert_string_equal(got.notified_by, "C0002");
	assert_string_equal(got.notified_how, "mailed");
	assert_int_equal(notify(c, "K-0001", "handed",
	    fixture_at(2026, 6, 11, 2)), E_STATE);
	assert_int_equal(decide(c, "K-0001", "C0002",
	    fixture_at(2026, 6, 11, 2)), E_STATE);
	/* What was stated did not change on the way. */
	assert_string_equal(got.name, "山田 太郎");
	assert_string_equal(got.received_at, "2026-06-01T03:00:00Z");
}

struct seen {
	char first[DISCLOSURE_NUMBER_MAX];
	char last[DISCLOSURE_NUMBER_MAX];
	int n;
	int wrong_state;
	const char *state;	/* each has this state, unless NULL */
};

static int
each(const struct disclosure_request *r, void *arg)
{
	struct seen *s = arg;

	if (s->n == 0)
		snprintf(s->first, sizeof s->first, "%s", r->request_no);
	snprintf(s->last, sizeof s->last, "%s", r->request_no);
	if (s->state != NULL && strcmp(r->state, s->state) != 0)
		s->wrong_state = 1;
	s->n++;
	return 0;
}

static struct seen
listed(struct ctx *c, const char *state)
{
	struct seen s = { .n = 0 };

	s.state = *state != '\0' ? state : NULL;
	assert_int_equal(disclosures_list(c->d, state, each, &s), 0);
	assert_false(s.wrong_state);
	return s;
}

/* Newest first (in the order received, whatever the clock said), by
 * state, no more than DISCLOSURE_LIST_MAX. */
static void
test_list(void **state)
{
	struct ctx *c = *state;
	struct disclosure_request r;
	char no[DISCLOSURE_NUMBER_MAX];
	struct seen s;

	r = statement("K-B");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 2, 0)),
	    FIXTURE_DONE);
	r = statement("K-A");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 0)),
	    FIXTURE_DONE);
	r = statement("K-C");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 3, 0)),
	    FIXTURE_DONE);
	assert_int_equal(decide(c, "K-B", "C0002", fixture_at(2026, 6, 4, 0)),
	    FIXTURE_DONE);
	s = listed(c, "");
	assert_int_equal(s.n, 3);
	assert_string_equal(s.first, "K-C");
	assert_string_equal(s.last, "K-B");
	s = listed(c, "received");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.first, "K-C");
	assert_string_equal(s.last, "K-A");
	s = listed(c, "decided");
	assert_int_equal(s.n, 1);
	assert_int_equal(listed(c, "notified").n, 0);

	for (int i = 0; i < DISCLOSURE_LIST_MAX + 5; i++) {
		snprintf(no, sizeof no, "L-%04d", i);
		r = statement(no);
		assert_int_equal(receive(c, &r, fixture_at(2026, 7, 1, 0)),
		    FIXTURE_DONE);
	}
	s = listed(c, "");
	assert_int_equal(s.n, DISCLOSURE_LIST_MAX);
	assert_string_equal(s.first, "L-1004");
}

struct kept {
	char no[4][DISCLOSURE_NUMBER_MAX];
	int n;
};

static int
each_correction(const struct correction *k, void *arg)
{
	struct kept *kept = arg;

	assert_true(kept->n < 4);
	snprintf(kept->no[kept->n++], sizeof kept->no[0], "%s",
	    k->correction_no);
	assert_string_equal(k->state, "forwarded");
	return 0;
}

/* Only about a request decided or notified, each number once, in the
 * order registered. */
static void
test_corrections(void **state)
{
	struct ctx *c = *state;
	struct disclosure_request r = statement("K-0001");
	struct correction k = asked("T-1", "K-0001", "correct");
	struct kept kept = { .n = 0 };

	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 1, 0)),
	    E_NO_REQUEST);
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 3)),
	    FIXTURE_DONE);
	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 1, 4)), E_STATE);
	assert_int_equal(decide(c, "K-0001", "C0002",
	    fixture_at(2026, 6, 2, 0)), FIXTURE_DONE);
	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 3, 0)),
	    FIXTURE_DONE);
	assert_string_equal(k.state, "forwarded");
	assert_string_equal(k.registered_at, "2026-06-03T00:00:00Z");
	assert_string_equal(k.registered_by, "C0001");
	k = asked("T-1", "K-0001", "add");
	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 3, 1)),
	    E_DUPLICATE);

	assert_int_equal(notify(c, "K-0001", "handed",
	    fixture_at(2026, 6, 4, 0)), FIXTURE_DONE);
	k = asked("T-2", "K-0001", "delete");
	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 5, 0)),
	    FIXTURE_DONE);
	/* A number is used once across every request. */
	r = statement("K-0002");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 5, 1)),
	    FIXTURE_DONE);
	assert_int_equal(decide(c, "K-0002", "C0002",
	    fixture_at(2026, 6, 5, 2)), FIXTURE_DONE);
	k = asked("T-2", "K-0002", "correct");
	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 5, 3)),
	    E_DUPLICATE);

	assert_int_equal(disclosures_corrections(c->d, "K-0001",
	    each_correction, &kept), 0);
	assert_int_equal(kept.n, 2);
	assert_string_equal(kept.no[0], "T-1");
	assert_string_equal(kept.no[1], "T-2");
	kept.n = 0;
	assert_int_equal(disclosures_corrections(c->d, "K-0002",
	    each_correction, &kept), 0);
	assert_int_equal(kept.n, 0);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM correction"
	    " WHERE correction_no = 'T-2' AND kind = 'delete' AND"
	    " requested = '' AND current <> ''"), 1);
}

#define REQUEST_COLUMNS "(request_no, channel, requester, representative," \
	" documents, name, kana, birth_date, sex, address, juminhyo_code," \
	" fee, received_at, received_by"
#define REQUEST_VALUES(no) "('" no "', 'counter', 'self', '', 'passport'," \
	" '山田太郎', 'ヤマダタロウ', '1980-04-01', 1, '熊本県熊本市'," \
	" '" CODE "', 10, '2026-06-01T00:00:00Z', 'C0001'"

/* Requests stay, and move received → decided → notified, each step
 * with its columns and nothing else; a number once. */
static void
test_requests_by_sql(void **state)
{
	struct ctx *c = *state;
	struct disclosure_request r = statement("K-0001");

	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 3)),
	    FIXTURE_DONE);
	r = statement("K-0002");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 4)),
	    FIXTURE_DONE);
	assert_int_equal(decide(c, "K-0002", "C0002",
	    fixture_at(2026, 6, 2, 0)), FIXTURE_DONE);

	fixture_sql(c->db, "DELETE FROM request", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "DELETE FROM request WHERE request_no = 'K-0001'",
	    SQLITE_CONSTRAINT);
	/* No step skipped, none taken back. */
	fixture_sql(c->db, "UPDATE request SET state = 'notified',"
	    " notified_at = 'x', notified_by = 'C0001', notified_how ="
	    " 'handed', decided_at = 'x', decided_by = 'C0001'"
	    " WHERE request_no = 'K-0001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET state = 'received',"
	    " decided_at = NULL, decided_by = NULL"
	    " WHERE request_no = 'K-0002'", SQLITE_CONSTRAINT);
	/* A step without its columns, or with another's. */
	fixture_sql(c->db, "UPDATE request SET state = 'decided'"
	    " WHERE request_no = 'K-0001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET state = 'decided', decided_at ="
	    " 'x', decided_by = 'C0001', notified_how = 'handed'"
	    " WHERE request_no = 'K-0001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET state = 'notified',"
	    " notified_at = 'x', notified_by = 'C0001', notified_how ="
	    " 'faxed' WHERE request_no = 'K-0002'", SQLITE_CONSTRAINT);
	/* What was stated and when it was decided stay. */
	fixture_sql(c->db, "UPDATE request SET name = '山田次郎'"
	    " WHERE request_no = 'K-0001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET juminhyo_code = '11111111111'"
	    " WHERE request_no = 'K-0002'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET request_no = 'K-0009'"
	    " WHERE request_no = 'K-0001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET state = 'notified',"
	    " notified_at = 'x', notified_by = 'C0001', notified_how ="
	    " 'handed', decided_by = 'C0009' WHERE request_no = 'K-0002'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE request SET state = 'decided', decided_at ="
	    " 'x', decided_by = 'C0001', fee = 0 WHERE request_no = 'K-0001'",
	    SQLITE_CONSTRAINT);
	/* A new request: received, under a number not used. */
	fixture_sql(c->db, "INSERT INTO request " REQUEST_COLUMNS ") VALUES "
	    REQUEST_VALUES("K-0001") ")", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT OR REPLACE INTO request " REQUEST_COLUMNS
	    ") VALUES " REQUEST_VALUES("K-0001") ")", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT OR REPLACE INTO request (id, request_no,"
	    " channel, requester, representative, documents, name, kana,"
	    " birth_date, sex, address, juminhyo_code, fee, received_at,"
	    " received_by) SELECT id, 'K-0003', channel, requester,"
	    " representative, documents, name, kana, birth_date, sex, address,"
	    " juminhyo_code, fee, received_at, received_by FROM request"
	    " WHERE request_no = 'K-0001'", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO request " REQUEST_COLUMNS ", state,"
	    " decided_at, decided_by) VALUES " REQUEST_VALUES("K-0003")
	    ", 'decided', 'x', 'C0001')", SQLITE_CONSTRAINT);
	/* A representative only with a name; a real code and fee. */
	fixture_sql(c->db, "INSERT INTO request " REQUEST_COLUMNS ") VALUES"
	    " ('K-0004', 'counter', 'representative', '', 'passport',"
	    " '山田太郎', 'ヤマダタロウ', '1980-04-01', 1, '熊本県', '" CODE
	    "', 10, 'x', 'C0001')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO request " REQUEST_COLUMNS ") VALUES"
	    " ('K-0004', 'counter', 'self', '', 'passport', '山田太郎',"
	    " 'ヤマダタロウ', '1980-04-01', 3, '熊本県', '1234567890', 10,"
	    " 'x', 'C0001')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO request " REQUEST_COLUMNS ") VALUES"
	    " ('K 0004', 'counter', 'self', '', 'passport', '山田太郎',"
	    " 'ヤマダタロウ', '1980-04-01', 1, '熊本県', '" CODE "', 10,"
	    " 'x', 'C0001')", SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM request"),
	    2);
	assert_int_equal(fixture_count(c->db, "SELECT count(*) FROM request"
	    " WHERE request_no = 'K-0001' AND state = 'received' AND name ="
	    " '山田 太郎' AND fee = 10 AND decided_at IS NULL"), 1);

	/* What the file does allow: the next step, all of it. */
	fixture_sql(c->db, "UPDATE request SET state = 'notified',"
	    " notified_at = '2026-06-03T00:00:00Z', notified_by = 'C0001',"
	    " notified_how = 'handed' WHERE request_no = 'K-0002'", SQLITE_OK);
	fixture_sql(c->db, "INSERT INTO request " REQUEST_COLUMNS ") VALUES "
	    REQUEST_VALUES("K-0003") ")", SQLITE_OK);
}

#define CORRECTION_INTO(no, request) " INTO correction" \
	" (correction_no, request_no, kind, item, current, requested," \
	" reason, registered_at, registered_by) VALUES ('" no "', '" \
	request "', 'correct', 'address', '熊本県', '福岡県', '誤り'," \
	" '2026-06-05T00:00:00Z', 'C0001')"

/* Corrections only about a request decided, each number once, never
 * changed or deleted. */
static void
test_corrections_by_sql(void **state)
{
	struct ctx *c = *state;
	struct disclosure_request r = statement("K-0001");
	struct correction k = asked("T-1", "K-0001", "correct");

	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 3)),
	    FIXTURE_DONE);
	r = statement("K-0002");
	assert_int_equal(receive(c, &r, fixture_at(2026, 6, 1, 4)),
	    FIXTURE_DONE);
	assert_int_equal(decide(c, "K-0001", "C0002",
	    fixture_at(2026, 6, 2, 0)), FIXTURE_DONE);
	assert_int_equal(correct(c, &k, fixture_at(2026, 6, 3, 0)),
	    FIXTURE_DONE);

	fixture_sql(c->db, "DELETE FROM correction", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "UPDATE correction SET requested = '東京都'",
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT" CORRECTION_INTO("T-1", "K-0001"),
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT OR REPLACE" CORRECTION_INTO("T-1",
	    "K-0001"), SQLITE_CONSTRAINT);
	/* About a request only received, or none. */
	fixture_sql(c->db, "INSERT" CORRECTION_INTO("T-2", "K-0002"),
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT" CORRECTION_INTO("T-2", "K-0404"),
	    SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO correction (correction_no, request_no,"
	    " kind, item, current, requested, reason, registered_at,"
	    " registered_by) VALUES ('T-2', 'K-0001', 'correct', 'history',"
	    " '', 'x', '誤り', 'x', 'C0001')", SQLITE_CONSTRAINT);
	fixture_sql(c->db, "INSERT INTO correction (correction_no, request_no,"
	    " kind, item, current, requested, reason, registered_at,"
	    " registered_by) VALUES ('T-2', 'K-0001', 'add', 'name', '', '',"
	    " '誤り', 'x', 'C0001')", SQLITE_CONSTRAINT);
	assert_int_equal(fixture_count(c->db,
	    "SELECT count(*) FROM correction"), 1);
	/* What the file does allow. */
	fixture_sql(c->db, "INSERT" CORRECTION_INTO("T-2", "K-0001"),
	    SQLITE_OK);
}

/* Another project file is not a disclosures file, and is left as it
 * was. */
static void
test_not_ours(void **state)
{
	char path[4096];
	struct disclosures *d;
	const char *reason = NULL;

	(void)state;
	fixture_db_path(path, sizeof path);
	fixture_write_db(path, "PRAGMA application_id = 1246449740;"
	    " CREATE TABLE print_job (serial TEXT)");
	assert_int_equal(disclosures_open(path, &d, &reason), -1);
	assert_null(d);
	assert_string_equal(reason, "開示請求のデータベースではありません");
	fixture_remove_db(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_receive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrections, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_requests_by_sql, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrections_by_sql, setup,
		    teardown),
		cmocka_unit_test(test_not_ours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
