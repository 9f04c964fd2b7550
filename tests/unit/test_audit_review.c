/*
 * Unit tests for the audit review (server-stub/audit-search.c,
 * audit-csv.c, audit-stats.c, audit-export.c, common/jst.c): JST days
 * against the log's UTC times to the millisecond on either side of
 * midnight, the filters one by one and together, paging that gives every
 * entry once, the CSV writer's quoting and formula guard, the counts per
 * day and month, and an export that never replaces a file.
 *
 * The logs are written as the server writes them (audit_append), or,
 * where a test needs chosen times, line by line with the same canonical
 * form and SHA-256 (forge()), which audit_each takes as intact.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "audit-csv.h"
#include "audit-export.h"
#include "audit-search.h"
#include "audit-stats.h"
#include "juki/jst.h"
#include "juki/protocol.h"

#define ZEROS \
	"0000000000000000000000000000000000000000000000000000000000000000"

struct ctx {
	char log[4096];
	char folder[4096];
	char prev[65];		/* forge(): the chain so far */
	int64_t seq;
};

static void
temp_path(char *out, size_t outsz, const char *what)
{
	const char *dir = getenv("TMPDIR");
	static unsigned counter;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(out, outsz, "%s/juki-review-%ld-%u.%s", dir, (long)getpid(),
	    counter++, what);
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);

	assert_non_null(c);
	temp_path(c->log, sizeof c->log, "log");
	temp_path(c->folder, sizeof c->folder, "exports");
	unlink(c->log);
	memcpy(c->prev, ZEROS, sizeof c->prev);
	*state = c;
	return 0;
}

/* The folder and whatever an export left in it. */
static void
remove_folder(const char *folder)
{
	char cmd[8192];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
	assert_int_equal(system(cmd), 0);
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	unlink(c->log);
	remove_folder(c->folder);
	free(c);
	return 0;
}

static void
hex_of(const unsigned char *md, char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;

	assert_int_equal(EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL),
	    1);
	hex_of(md, out);
}

/*
 * Appends to c->log the next entry, at time, as audit_append would have
 * written it then: keys sorted, compact, hashed without "hash".
 */
static void
forge(struct ctx *c, const char *time, const char *op, const char *term,
    const char *action, const char *target, const char *jimu,
    const char *result)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:s}", "seq", (json_int_t)++c->seq, "prev", c->prev,
	    "time", time, "operator", op, "terminal", term, "action", action,
	    "target", target, "jimu", jimu, "result", result, "reason",
	    strcmp(result, "ok") == 0 ? "" : "E_FORBIDDEN", "document", "",
	    "items", "");
	char *text, hash[65];
	FILE *f;

	assert_non_null(o);
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	sha256_hex(text, strlen(text), hash);
	free(text);
	json_object_set_new(o, "hash", json_string(hash));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	assert_non_null(f = fopen(c->log, "a"));
	fprintf(f, "%s\n", text);
	fclose(f);
	free(text);
	json_decref(o);
	memcpy(c->prev, hash, sizeof c->prev);
}

/* Entry n of a day, through audit_append: three operators on two
 * terminals, lookups of a few residents, logins, refusals. */
static void
sample(struct audit_entry *e, unsigned n)
{
	static const char *const actions[] = {
		"login", "lookup.code", "lookup.4joho", "provide.candidate",
		"print.list", "cs.update",
	};

	memset(e, 0, sizeof *e);
	snprintf(e->operator_id, sizeof e->operator_id, "C%04u", n % 3);
	snprintf(e->terminal_id, sizeof e->terminal_id, "T%04u", n % 2);
	snprintf(e->action, sizeof e->action, "%s", actions[n % 6]);
	if (n % 6 == 1 || n % 6 == 3)
		snprintf(e->target, sizeof e->target, "%s", n % 4 ?
		    "12345678903" : "98765432106");
	if (n % 6 == 1 || n % 6 == 2)
		snprintf(e->jimu, sizeof e->jimu, "%s", n % 5 ? "KAIJI" :
		    "TEIKYO");
	snprintf(e->result, sizeof e->result, "%s", n % 7 == 0 ? "refused" :
	    "ok");
}

static void
write_log(const char *path, unsigned n)
{
	struct audit_entry e;
	struct audit *a;

	assert_int_equal(audit_open(path, &a, NULL, NULL), 0);
	for (unsigned i = 1; i <= n; i++) {
		sample(&e, i);
		assert_int_equal(audit_append(a, &e), 0);
	}
	audit_close(a);
}

/* --- JST ------------------------------------------------------------ */

static void
day_start(int y, int m, int d, const char *want)
{
	struct jdate day = { y, m, d };
	char got[JST_UTC_TEXT_MAX];

	assert_int_equal(jst_day_start(&day, got), 0);
	assert_string_equal(got, want);
}

static void
test_jst_day_start(void **state)
{
	struct jdate bad = { 2026, 2, 29 };
	char got[JST_UTC_TEXT_MAX];

	(void)state;
	day_start(2026, 4, 1, "2026-03-31T15:00:00.000Z");
	day_start(2026, 1, 1, "2025-12-31T15:00:00.000Z");
	day_start(2024, 3, 1, "2024-02-29T15:00:00.000Z");
	day_start(2025, 3, 1, "2025-02-28T15:00:00.000Z");
	assert_int_equal(jst_day_start(&bad, got), -1);
}

static void
from_utc(const char *utc, const char *want)
{
	char got[64];

	jst_text(utc, got, sizeof got);
	assert_string_equal(got, want);
}

static void
test_jst_from_utc(void **state)
{
	struct jst_time t;

	(void)state;
	from_utc("2026-03-31T14:59:59.999Z", "2026-03-31 23:59:59");
	from_utc("2026-03-31T15:00:00.000Z", "2026-04-01 00:00:00");
	from_utc("2026-12-31T15:00:00Z", "2027-01-01 00:00:00");
	from_utc("2024-02-28T15:00:00Z", "2024-02-29 00:00:00");
	from_utc("2026-11-23T00:00:00Z", "2026-11-23 09:00:00");
	/* Not a time of the server's: shown as it came. */
	from_utc("2026-11-23 00:00", "2026-11-23 00:00");
	from_utc("", "");
	assert_int_equal(jst_from_utc("2026-02-30T00:00:00Z", &t), -1);
	assert_int_equal(jst_from_utc("2026-01-01T24:00:00Z", &t), -1);
	assert_int_equal(jst_from_utc("2026-01-01T00:00:00.12Z", &t), -1);
	assert_int_equal(jst_from_utc("2026-01-01T00:00:00", &t), -1);
}

/* --- filters ---------------------------------------------------------- */

static struct audit_entry
at(const char *time)
{
	struct audit_entry e;

	memset(&e, 0, sizeof e);
	snprintf(e.time, sizeof e.time, "%s", time);
	snprintf(e.operator_id, sizeof e.operator_id, "C0001");
	snprintf(e.terminal_id, sizeof e.terminal_id, "T0001");
	snprintf(e.action, sizeof e.action, "lookup.code");
	snprintf(e.target, sizeof e.target, "12345678903");
	snprintf(e.result, sizeof e.result, "ok");
	return e;
}

static void
test_period_bounds(void **state)
{
	struct audit_filter f;
	struct audit_entry e;
	const char *bad = NULL;

	(void)state;
	audit_filter_init(&f);
	assert_int_equal(audit_filter_period(&f, "2026-04-01", "2026-04-30",
	    &bad), 0);
	assert_string_equal(f.since, "2026-03-31T15:00:00.000Z");
	assert_string_equal(f.until, "2026-04-30T15:00:00.000Z");
	/* A millisecond either side of each end. */
	e = at("2026-03-31T14:59:59.999Z");
	assert_false(audit_filter_match(&f, &e));
	e = at("2026-03-31T15:00:00.000Z");
	assert_true(audit_filter_match(&f, &e));
	e = at("2026-04-30T14:59:59.999Z");
	assert_true(audit_filter_match(&f, &e));
	e = at("2026-04-30T15:00:00.000Z");
	assert_false(audit_filter_match(&f, &e));

	/* One day; then open ends. */
	assert_int_equal(audit_filter_period(&f, "2026-12-31", "2026-12-31",
	    &bad), 0);
	assert_string_equal(f.since, "2026-12-30T15:00:00.000Z");
	assert_string_equal(f.until, "2026-12-31T15:00:00.000Z");
	assert_int_equal(audit_filter_period(&f, "", "2026-04-30", &bad), 0);
	assert_string_equal(f.since, "");
	e = at("2002-08-05T00:00:00.000Z");
	assert_true(audit_filter_match(&f, &e));
	assert_int_equal(audit_filter_period(&f, "2026-04-01", "", &bad), 0);
	assert_string_equal(f.until, "");
	e = at("2099-01-01T00:00:00.000Z");
	assert_true(audit_filter_match(&f, &e));
}

static void
test_period_refused(void **state)
{
	struct audit_filter f;
	const char *bad = NULL;

	(void)state;
	audit_filter_init(&f);
	assert_int_equal(audit_filter_period(&f, "2026-13-01", "", &bad), -1);
	assert_string_equal(bad, "from");
	assert_int_equal(audit_filter_period(&f, "2026-04-01", "2026/04/30",
	    &bad), -1);
	assert_string_equal(bad, "to");
	assert_int_equal(audit_filter_period(&f, "R8.4.1", "", &bad), -1);
	assert_int_equal(audit_filter_period(&f, "2026-02-29", "", &bad), -1);
	assert_int_equal(audit_filter_period(&f, "2026-05-01", "2026-04-30",
	    &bad), -2);
}

static void
test_filter_fields(void **state)
{
	struct audit_filter f;
	struct audit_entry e = at("2026-04-01T00:00:00.000Z");

	(void)state;
	audit_filter_init(&f);
	assert_true(audit_filter_match(&f, &e));
	f.operator_id = "C0001";
	assert_true(audit_filter_match(&f, &e));
	f.operator_id = "C000";		/* exact, not a prefix */
	assert_false(audit_filter_match(&f, &e));
	f.operator_id = "";
	f.terminal_id = "T0002";
	assert_false(audit_filter_match(&f, &e));
	f.terminal_id = "T0001";
	f.target = "12345678903";
	f.result = "ok";
	assert_true(audit_filter_match(&f, &e));
	f.result = "refused";
	assert_false(audit_filter_match(&f, &e));
	f.result = "";
	f.target = "98765432106";
	assert_false(audit_filter_match(&f, &e));
	f.target = "";

	/* An action exactly, or a family by its prefix and dot. */
	f.action = "lookup.code";
	assert_true(audit_filter_match(&f, &e));
	f.action = "lookup.";
	assert_true(audit_filter_match(&f, &e));
	f.action = "lookup";
	assert_false(audit_filter_match(&f, &e));
	f.action = "lookup.c";
	assert_false(audit_filter_match(&f, &e));
	f.action = "resident.";
	assert_false(audit_filter_match(&f, &e));
	snprintf(e.action, sizeof e.action, "lookups.code");
	f.action = "lookup.";
	assert_false(audit_filter_match(&f, &e));
}

/* --- search ------------------------------------------------------------ */

/* Every page of f, limit at a time: each entry once, newest first, and
 * the same as a plain reading of the log keeps. */
static void
page_through(const char *log, const struct audit_filter *f, size_t limit,
    int64_t want_count)
{
	struct audit_page p;
	int64_t before = 0, last = INT64_MAX, seen = 0;

	do {
		assert_int_equal(audit_search(log, f, before, limit, &p), 0);
		assert_true(p.count <= limit);
		assert_true(p.count > 0 || want_count == 0);
		for (size_t i = 0; i < p.count; i++) {
			assert_true(p.entries[i].seq < last);
			assert_true(audit_filter_match(f, &p.entries[i]));
			last = p.entries[i].seq;
			seen++;
		}
		/* A next page only when there is one more to give. */
		if (p.next != 0)
			assert_int_equal(p.next, p.entries[limit - 1].seq);
		before = p.next;
		audit_page_free(&p);
	} while (before != 0);
	assert_int_equal(seen, want_count);
}

static int64_t
count_matching(const char *log, const struct audit_filter *f)
{
	struct audit_page p;
	int64_t n;

	assert_int_equal(audit_search(log, f, 0, AUDIT_PAGE_MAX, &p), 0);
	n = (int64_t)p.count;
	audit_page_free(&p);
	return n;
}

static void
test_search_pages(void **state)
{
	struct ctx *c = *state;
	struct audit_filter f;
	struct audit_page p;

	write_log(c->log, 60);
	audit_filter_init(&f);
	page_through(c->log, &f, 7, 60);
	page_through(c->log, &f, 60, 60);
	page_through(c->log, &f, 100, 60);
	page_through(c->log, &f, 1, 60);
	f.operator_id = "C0001";		/* n % 3 == 1: 20 of them */
	page_through(c->log, &f, 6, 20);
	f.action = "lookup.";			/* and n % 6 == 1: 10 */
	assert_int_equal(count_matching(c->log, &f), 10);
	page_through(c->log, &f, 3, 10);
	f.action = "";
	f.operator_id = "nobody";
	page_through(c->log, &f, 5, 0);

	/* The newest first, from a cursor, every entry read. */
	audit_filter_init(&f);
	assert_int_equal(audit_search(c->log, &f, 31, 5, &p), 0);
	assert_int_equal(p.count, 5);
	assert_int_equal(p.entries[0].seq, 30);
	assert_int_equal(p.entries[4].seq, 26);
	assert_int_equal(p.next, 26);
	assert_int_equal(p.counts.scanned, 60);
	assert_int_equal(p.counts.damaged, 0);
	/* What it carries: the chain too. */
	assert_int_equal(strlen(p.entries[0].hash), 64);
	assert_string_equal(p.entries[1].hash, p.entries[0].prev);
	audit_page_free(&p);
	assert_int_equal(audit_search(c->log, &f, 3, 5, &p), 0);
	assert_int_equal(p.count, 2);
	assert_int_equal(p.next, 0);
	audit_page_free(&p);
}

static void
test_search_damaged_and_missing(void **state)
{
	struct ctx *c = *state;
	struct audit_filter f;
	struct audit_page p;
	FILE *log;

	audit_filter_init(&f);
	errno = 0;
	assert_int_equal(audit_search(c->log, &f, 0, 5, &p), -1);
	assert_int_equal(errno, ENOENT);
	write_log(c->log, 4);
	assert_non_null(log = fopen(c->log, "a"));
	fputs("not an entry\n", log);
	fclose(log);
	assert_int_equal(audit_search(c->log, &f, 0, 5, &p), 0);
	assert_int_equal(p.count, 4);
	assert_int_equal(p.counts.scanned, 4);
	assert_int_equal(p.counts.damaged, 1);
	audit_page_free(&p);
	assert_int_equal(audit_search(c->log, &f, 0, 0, &p), -1);
}

/* A search by date, on either side of midnight in Japan. */
static void
test_search_by_day(void **state)
{
	struct ctx *c = *state;
	struct audit_filter f;
	struct audit_page p;
	const char *bad;

	forge(c, "2026-03-31T14:59:59.999Z", "C0001", "T0001", "login", "",
	    "", "ok");
	forge(c, "2026-03-31T15:00:00.000Z", "C0001", "T0001", "login", "",
	    "", "ok");
	forge(c, "2026-04-30T14:59:59.999Z", "C0001", "T0001", "login", "",
	    "", "ok");
	forge(c, "2026-04-30T15:00:00.000Z", "C0001", "T0001", "login", "",
	    "", "ok");
	audit_filter_init(&f);
	assert_int_equal(audit_filter_period(&f, "2026-04-01", "2026-04-30",
	    &bad), 0);
	assert_int_equal(audit_search(c->log, &f, 0, 10, &p), 0);
	assert_int_equal(p.count, 2);
	assert_int_equal(p.entries[0].seq, 3);
	assert_int_equal(p.entries[1].seq, 2);
	assert_int_equal(p.counts.damaged, 0);
	audit_page_free(&p);
	assert_int_equal(audit_filter_period(&f, "2026-03-31", "2026-03-31",
	    &bad), 0);
	assert_int_equal(audit_search(c->log, &f, 0, 10, &p), 0);
	assert_int_equal(p.count, 1);
	assert_int_equal(p.entries[0].seq, 1);
	audit_page_free(&p);
}

/* --- CSV ----------------------------------------------------------------- */

static void
field_is(const char *in, const char *want)
{
	char out[256];

	assert_int_equal(audit_csv_field(in, out, sizeof out),
	    (int)strlen(want));
	assert_string_equal(out, want);
}

static void
test_csv_quoting(void **state)
{
	char small[12];

	(void)state;
	field_is("", "");
	field_is("lookup.code", "lookup.code");
	field_is("総第123号", "総第123号");
	field_is("code,name,kana", "\"code,name,kana\"");
	field_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	field_is("\"", "\"\"\"\"");
	field_is("a\r\nb", "\"a\r\nb\"");
	field_is("a\nb", "\"a\nb\"");
	/* Spaces and a semicolon are no separators here. */
	field_is(" a;b ", " a;b ");
	/* Room is asked for the worst case, all quotes. */
	assert_int_equal(audit_csv_field("abcd", small, sizeof small - 1), -1);
	assert_int_equal(audit_csv_field("abcd", small, sizeof small), 4);
}

static void
test_csv_guard(void **state)
{
	(void)state;
	field_is("=1+2", "'=1+2");
	field_is("+81", "'+81");
	field_is("-1", "'-1");
	field_is("@SUM(A1)", "'@SUM(A1)");
	field_is("'quoted", "''quoted");
	field_is("＝1+2", "'＝1+2");
	field_is("＋1", "'＋1");
	field_is("－1", "'－1");
	field_is("＠x", "'＠x");
	/* Guarded and quoted: the mark goes inside the quotes. */
	field_is("=HYPERLINK(\"x\",\"y\")",
	    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	/* Only at the start. */
	field_is("a=1", "a=1");
	field_is("E_BAD_VALUE:-1", "E_BAD_VALUE:-1");
	field_is("1-2", "1-2");
}

static void
test_csv_rows(void **state)
{
	struct audit_entry e;
	char row[AUDIT_CSV_ROW_MAX];

	(void)state;
	assert_int_equal(audit_csv_header(row, sizeof row), 86);
	assert_string_equal(row, "seq,time,operator,terminal,action,target,"
	    "jimu,result,reason,document,items,prev,hash\r\n");
	memset(&e, 0, sizeof e);
	e.seq = 42;
	snprintf(e.time, sizeof e.time, "2026-04-01T00:00:00.123Z");
	snprintf(e.operator_id, sizeof e.operator_id, "C0001");
	snprintf(e.terminal_id, sizeof e.terminal_id, "熊本県-端末01");
	snprintf(e.action, sizeof e.action, "lookup.code");
	snprintf(e.target, sizeof e.target, "12345678903");
	snprintf(e.jimu, sizeof e.jimu, "KAIJI");
	snprintf(e.result, sizeof e.result, "ok");
	snprintf(e.reason, sizeof e.reason, "-");
	snprintf(e.document, sizeof e.document, "=1+2");
	snprintf(e.items, sizeof e.items, "code,name");
	snprintf(e.prev, sizeof e.prev, "%s", ZEROS);
	snprintf(e.hash, sizeof e.hash, "%s", ZEROS);
	assert_true(audit_csv_row(&e, row, sizeof row) > 0);
	assert_string_equal(row, "42,2026-04-01T00:00:00.123Z,C0001,"
	    "熊本県-端末01,lookup.code,12345678903,KAIJI,ok,'-,'=1+2,"
	    "\"code,name\"," ZEROS "," ZEROS "\r\n");
	assert_int_equal(audit_csv_row(&e, row, 40), -1);

	/* The worst a field can be: 63 quotes, each doubled, in quotes. */
	memset(e.reason, '"', sizeof e.reason - 1);
	e.reason[sizeof e.reason - 1] = '\0';
	memset(e.document, '=', sizeof e.document - 1);
	e.document[sizeof e.document - 1] = '\0';
	assert_true(audit_csv_row(&e, row, sizeof row) > 0);
}

/* --- statistics ------------------------------------------------------------ */

static void
forge_day(struct ctx *c)
{
	/* 2026-03-31 in Japan. */
	forge(c, "2026-03-31T00:00:00.000Z", "C0001", "T0001", "login", "",
	    "", "ok");
	forge(c, "2026-03-31T14:59:59.999Z", "C0001", "T0001", "lookup.code",
	    "12345678903", "KAIJI", "ok");
	/* 2026-04-01 */
	forge(c, "2026-03-31T15:00:00.000Z", "C0001", "T0001", "login", "",
	    "", "refused");
	forge(c, "2026-04-01T01:00:00.000Z", "C0001", "T0001", "lookup.4joho",
	    "", "TEIKYO", "ok");
	forge(c, "2026-04-01T01:00:00.001Z", "C0001", "T0001",
	    "provide.candidate", "12345678903", "TEIKYO", "ok");
	forge(c, "2026-04-01T01:00:00.002Z", "C0001", "T0001",
	    "provide.candidate", "98765432106", "TEIKYO", "ok");
	forge(c, "2026-04-01T02:00:00.000Z", "C0001", "T0001",
	    "resident.view", "12345678903", "KAIJI", "ok");
	forge(c, "2026-04-01T02:00:00.000Z", "C0001", "T0001",
	    "resident.view", "12345678903", "OLD", "ok");
	forge(c, "2026-04-01T03:00:00.000Z", "", "CS431001", "cs.update",
	    "12345678903", "", "ok");
	forge(c, "2026-04-01T03:00:00.000Z", "", "CS431001", "cs.update",
	    "12345678903", "", "refused");
	forge(c, "2026-04-01T03:00:00.000Z", "C0002", "T0002", "lookup.code",
	    "12345678903", "KAIJI", "refused");
	/* 2026-05-02 */
	forge(c, "2026-05-01T15:00:00.000Z", "C0001", "T0001", "lookup.kojin",
	    "12345678903", "KAIJI", "ok");
}

static void
test_stats_per_day(void **state)
{
	struct ctx *c = *state;
	static const char *const known[] = { "KAIJI", "TEIKYO" };
	struct jdate from = { 2026, 3, 31 }, to = { 2026, 4, 2 };
	struct audit_stats st;
	const struct audit_tally *d;
	char name[16];

	forge_day(c);
	assert_int_equal(audit_stats_count(c->log, &from, &to, AUDIT_PER_DAY,
	    known, 2, &st), 0);
	assert_int_equal(st.nperiods, 3);
	audit_stats_period(&st, 0, name, sizeof name);
	assert_string_equal(name, "2026-03-31");
	audit_stats_period(&st, 2, name, sizeof name);
	assert_string_equal(name, "2026-04-02");
	d = &st.periods[0];
	assert_int_equal(d->logins, 1);
	assert_int_equal(d->lookups, 1);
	assert_int_equal(d->provisions, 1);
	assert_int_equal(d->by_jimu[0], 1);
	d = &st.periods[1];
	assert_int_equal(d->logins, 0);
	assert_int_equal(d->login_refusals, 1);
	assert_int_equal(d->refusals, 3);
	assert_int_equal(d->updates, 1);
	/* provide.candidate twice, resident.view twice. */
	assert_int_equal(d->provisions, 4);
	/* lookup.4joho and resident.view twice: KAIJI, TEIKYO, OLD. */
	assert_int_equal(d->lookups, 3);
	assert_int_equal(st.njimu, 3);
	assert_string_equal(st.jimu[0], "KAIJI");
	assert_string_equal(st.jimu[1], "TEIKYO");
	assert_string_equal(st.jimu[2], "OLD");
	assert_int_equal(d->by_jimu[0], 1);
	assert_int_equal(d->by_jimu[1], 1);
	assert_int_equal(d->by_jimu[2], 1);
	assert_int_equal(st.periods[2].lookups, 0);
	assert_int_equal(st.total.lookups, 4);
	assert_int_equal(st.total.refusals, 3);
	/* The scan was bounded: 2026-05-02 is not among them. */
	assert_int_equal(st.counts.scanned, 12);
	audit_stats_free(&st);
}

static void
test_stats_per_month(void **state)
{
	struct ctx *c = *state;
	struct jdate from = { 2026, 3, 15 }, to = { 2026, 5, 2 };
	struct audit_stats st;
	char name[16];

	forge_day(c);
	assert_int_equal(audit_stats_count(c->log, &from, &to,
	    AUDIT_PER_MONTH, NULL, 0, &st), 0);
	assert_int_equal(st.nperiods, 3);
	audit_stats_period(&st, 0, name, sizeof name);
	assert_string_equal(name, "2026-03");
	audit_stats_period(&st, 2, name, sizeof name);
	assert_string_equal(name, "2026-05");
	assert_int_equal(st.periods[0].lookups, 1);
	assert_int_equal(st.periods[1].lookups, 3);
	assert_int_equal(st.periods[2].lookups, 1);
	/* Columns in the order the log names them, none configured. */
	assert_string_equal(st.jimu[0], "KAIJI");
	assert_string_equal(st.jimu[1], "TEIKYO");
	audit_stats_free(&st);

	/* December to January. */
	from = (struct jdate){ 2025, 12, 1 };
	to = (struct jdate){ 2026, 1, 31 };
	assert_int_equal(audit_stats_count(c->log, &from, &to,
	    AUDIT_PER_MONTH, NULL, 0, &st), 0);
	audit_stats_period(&st, 1, name, sizeof name);
	assert_string_equal(name, "2026-01");
	audit_stats_free(&st);
}

static void
test_stats_too_long(void **state)
{
	struct ctx *c = *state;
	struct jdate from = { 2024, 1, 1 }, to = { 2024, 12, 31 };
	struct audit_stats st;

	write_log(c->log, 3);
	/* 2024 is a leap year: 366 days, the most. */
	assert_int_equal(audit_stats_count(c->log, &from, &to, AUDIT_PER_DAY,
	    NULL, 0, &st), 0);
	assert_int_equal(st.nperiods, AUDIT_STATS_MAX_DAYS);
	audit_stats_free(&st);
	to = (struct jdate){ 2025, 1, 1 };
	assert_int_equal(audit_stats_count(c->log, &from, &to, AUDIT_PER_DAY,
	    NULL, 0, &st), -2);
	audit_stats_free(&st);
	to = (struct jdate){ 2033, 12, 31 };
	assert_int_equal(audit_stats_count(c->log, &from, &to,
	    AUDIT_PER_MONTH, NULL, 0, &st), 0);
	assert_int_equal(st.nperiods, AUDIT_STATS_MAX_MONTHS);
	audit_stats_free(&st);
	to = (struct jdate){ 2034, 1, 1 };
	assert_int_equal(audit_stats_count(c->log, &from, &to,
	    AUDIT_PER_MONTH, NULL, 0, &st), -2);
	audit_stats_free(&st);
}

/* --- export ------------------------------------------------------------------ */

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	assert_non_null(buf = malloc((size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int
rows_of(const struct audit_entry *e, void *arg)
{
	char row[AUDIT_CSV_ROW_MAX];
	FILE *f = arg;

	assert_true(audit_csv_row(e, row, sizeof row) > 0);
	fputs(row, f);
	return 0;
}

static void
test_export(void **state)
{
	struct ctx *c = *state;
	struct audit_filter f;
	struct audit_export x, y;
	struct audit_counts counts;
	struct stat st;
	char path[8192], sha[65], header[512], *text, *want;
	const char *why = NULL, *bad;
	size_t len, wantlen;
	FILE *mem;

	forge_day(c);
	audit_filter_init(&f);
	assert_int_equal(audit_filter_period(&f, "2026-04-01", "2026-04-01",
	    &bad), 0);
	assert_int_equal(audit_export_write(c->log, c->folder, &f,
	    "2026-04-01", "2026-04-01", &x, &why), 0);
	assert_int_equal(x.entries, 9);
	assert_int_equal(strncmp(x.file, "audit-20260401-20260401-", 24), 0);
	assert_int_equal(stat(c->folder, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	snprintf(path, sizeof path, "%s/%s", c->folder, x.file);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	/* The file is the mark, the header and the rows, its digest the
	 * answer's. */
	text = slurp(path, &len);
	sha256_hex(text, len, sha);
	assert_string_equal(sha, x.sha256);
	assert_non_null(mem = open_memstream(&want, &wantlen));
	fputs(AUDIT_CSV_BOM, mem);
	audit_csv_header(header, sizeof header);
	fputs(header, mem);
	assert_int_equal(audit_scan(c->log, &f, rows_of, mem, &counts), 0);
	fclose(mem);
	assert_int_equal(len, wantlen);
	assert_memory_equal(text, want, len);
	free(text);
	free(want);

	/* The same period again, the same second or not: a file of its own,
	 * the first untouched. */
	assert_int_equal(audit_export_write(c->log, c->folder, &f,
	    "2026-04-01", "2026-04-01", &y, &why), 0);
	assert_string_not_equal(x.file, y.file);
	assert_string_equal(x.sha256, y.sha256);
	text = slurp(path, &len);
	sha256_hex(text, len, sha);
	assert_string_equal(sha, x.sha256);
	free(text);

	/* Taken back. */
	assert_int_equal(audit_export_remove(c->folder, y.file), 0);
	snprintf(path, sizeof path, "%s/%s", c->folder, y.file);
	assert_int_equal(stat(path, &st), -1);
}

static void
test_export_folder_refused(void **state)
{
	struct ctx *c = *state;
	struct audit_filter f;
	struct audit_export x;
	char path[8192];
	const char *why = NULL;

	write_log(c->log, 3);
	audit_filter_init(&f);
	/* Others may write in it: refused, nothing written. */
	assert_int_equal(mkdir(c->folder, 0700), 0);
	assert_int_equal(chmod(c->folder, 0770), 0);
	assert_int_equal(audit_export_write(c->log, c->folder, &f, "", "", &x,
	    &why), -1);
	assert_string_equal(why, "folder");
	assert_int_equal(chmod(c->folder, 0700), 0);
	/* Not a folder. */
	snprintf(path, sizeof path, "%s/file", c->folder);
	assert_int_equal(close(creat(path, 0600)), 0);
	assert_int_equal(audit_export_write(c->log, path, &f, "", "", &x,
	    &why), -1);
	assert_string_equal(why, "folder");
	/* A link to a folder. */
	snprintf(path, sizeof path, "%s/link", c->folder);
	assert_int_equal(symlink(c->folder, path), 0);
	assert_int_equal(audit_export_write(c->log, path, &f, "", "", &x,
	    &why), -1);
	/* A log that is not there: nothing left behind. */
	snprintf(path, sizeof path, "%s/none.log", c->folder);
	assert_int_equal(audit_export_write(path, c->folder, &f, "", "", &x,
	    &why), -1);
	assert_string_equal(why, "write");
	snprintf(path, sizeof path, "test $(ls -A '%s' | wc -l) = 2",
	    c->folder);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jst_day_start),
		cmocka_unit_test(test_jst_from_utc),
		cmocka_unit_test(test_period_bounds),
		cmocka_unit_test(test_period_refused),
		cmocka_unit_test(test_filter_fields),
		cmocka_unit_test_setup_teardown(test_search_pages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_search_damaged_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_by_day, setup,
		    teardown),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_guard),
		cmocka_unit_test(test_csv_rows),
		cmocka_unit_test_setup_teardown(test_stats_per_day, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stats_per_month, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stats_too_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_folder_refused,
		    setup, teardown),
	};

	/* Days are Japan's whatever the process's zone: run in another. */
	setenv("TZ", "America/New_York", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
