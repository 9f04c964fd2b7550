#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "juki/checkdigit.h"
#include "juki/idou.h"
#include "juki/store.h"
#include "fixture.h"
#include "sqlite-db.h"

static void
with_check_digit(char *out, size_t len, unsigned long long base,
    int (*compute)(const char *))
{
	int d;

	/* len - 2 base digits, then the check digit and the NUL. */
	for (size_t i = len - 2; i-- > 0; base /= 10)
		out[i] = (char)('0' + base % 10);
	out[len - 2] = '\0';
	d = compute(out);
	assert_true(d >= 0 && d <= 9);
	out[len - 2] = (char)('0' + d);
	out[len - 1] = '\0';
}

void
fixture_resident(struct resident *r, unsigned n, const char *kanji,
    const char *kana, const char *birth, int sex, const char *address)
{
	memset(r, 0, sizeof *r);
	with_check_digit(r->juminhyo_code, sizeof r->juminhyo_code,
	    1000000000ULL + n * 7919ULL, checkdigit_juminhyo_compute);
	with_check_digit(r->kojin_bango, sizeof r->kojin_bango,
	    30000000000ULL + n * 104729ULL, checkdigit_kojin_compute);
	snprintf(r->name_kanji, sizeof r->name_kanji, "%s", kanji);
	snprintf(r->name_kana, sizeof r->name_kana, "%s", kana);
	assert_int_equal(resident_fold_name(r, NULL, NULL), 0);
	snprintf(r->birth_date, sizeof r->birth_date, "%s", birth);
	r->sex = sex;
	snprintf(r->address, sizeof r->address, "%s", address);
	r->name_gaiji_count = 1;
	r->address_gaiji_count = 2;
	r->idou_code = IDOU_TENNYU;
	snprintf(r->idou_date, sizeof r->idou_date, "2020-04-01");
	r->retention_flag = 0;
	snprintf(r->municipality_code, sizeof r->municipality_code, "431001");
	snprintf(r->aza_code, sizeof r->aza_code, "0012003");
	snprintf(r->operator_id, sizeof r->operator_id, "CS431001-07");
	snprintf(r->terminal_id, sizeof r->terminal_id, "CS431001");
	snprintf(r->timestamp, sizeof r->timestamp, "2020-04-02T09:15:00Z");
	snprintf(r->notified_date, sizeof r->notified_date, "2020-04-02");
	r->gaiji_flag = 1;
	r->deleted = 0;
	r->name_gaiji_seq = 3;
	r->address_gaiji_seq = 4;
}

void
fixture_db_path(char *out, size_t outsz)
{
	const char *dir = getenv("TMPDIR");
	static unsigned counter;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(out, outsz, "%s/juki-test-%ld-%u.db", dir, (long)getpid(),
	    counter++);
	fixture_remove_db(out);
}

void
fixture_remove_db(const char *path)
{
	assert_int_equal(store_remove(path), 0);
}

void
fixture_write_db(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	fixture_sql(db, sql, SQLITE_OK);
	sqlite3_close(db);
}

long long
fixture_count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long n;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

void
fixture_sql(sqlite3 *db, const char *sql, int want)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), want);
}

time_t
fixture_at(int year, int month, int day, int hour)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1,
	    .tm_mday = day, .tm_hour = hour };

	return timegm(&tm);
}

void
fixture_begin(sqlite3 *db)
{
	assert_int_equal(sqlite_db_begin(db), 0);
}

int
fixture_settle(sqlite3 *db, int rc, const enum protocol_error *why)
{
	if (rc != 0) {
		sqlite_db_rollback(db);
		return (int)*why;
	}
	assert_int_equal(sqlite_db_commit(db), 0);
	return FIXTURE_DONE;
}
