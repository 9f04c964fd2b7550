/*
 * The SQLite resident file: round trip of all 24 items, history on change,
 * searches, refusals, schema guards, and query plans that never scan.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "juki/idou.h"
#include "juki/store.h"
#include "fixture.h"
#include "store-sqlite.h"

struct ctx {
	char path[4096];
	struct store *st;
};

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);

	fixture_db_path(c->path, sizeof c->path);
	assert_int_equal(store_open(c->path, STORE_CREATE, &c->st, NULL),
	    STORE_OK);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	store_close(c->st);
	fixture_remove_db(c->path);
	free(c);
	return 0;
}

static void
yamazaki(struct resident *r, unsigned n)
{
	fixture_resident(r, n, "山崎 太郎", "ヤマザキ タロウ", "1980-05-06",
	    SEX_MALE, "熊本県熊本市中央区本町1丁目2番3号");
}

static void
assert_same_resident(const struct resident *a, const struct resident *b)
{
	assert_string_equal(a->juminhyo_code, b->juminhyo_code);
	assert_string_equal(a->name_kanji, b->name_kanji);
	assert_int_equal(a->name_gaiji_count, b->name_gaiji_count);
	assert_string_equal(a->name_kana, b->name_kana);
	assert_string_equal(a->birth_date, b->birth_date);
	assert_int_equal(a->sex, b->sex);
	assert_string_equal(a->address, b->address);
	assert_int_equal(a->address_gaiji_count, b->address_gaiji_count);
	assert_string_equal(a->kojin_bango, b->kojin_bango);
	assert_int_equal(a->idou_code, b->idou_code);
	assert_string_equal(a->idou_date, b->idou_date);
	assert_int_equal(a->retention_flag, b->retention_flag);
	assert_string_equal(a->seion_kana, b->seion_kana);
	assert_string_equal(a->municipality_code, b->municipality_code);
	assert_string_equal(a->aza_code, b->aza_code);
	assert_string_equal(a->operator_id, b->operator_id);
	assert_string_equal(a->terminal_id, b->terminal_id);
	assert_string_equal(a->timestamp, b->timestamp);
	assert_string_equal(a->notified_date, b->notified_date);
	assert_int_equal(a->gaiji_flag, b->gaiji_flag);
	assert_int_equal(a->deleted, b->deleted);
	assert_int_equal(a->update_seq, b->update_seq);
	assert_int_equal(a->name_gaiji_seq, b->name_gaiji_seq);
	assert_int_equal(a->address_gaiji_seq, b->address_gaiji_seq);
}

static void
test_round_trip_all_items(void **state)
{
	struct ctx *c = *state;
	struct resident in, out;

	yamazaki(&in, 1);
	in.retention_flag = 1;
	in.deleted = 1;
	in.idou_code = IDOU_SHIBOU;
	assert_int_equal(store_insert(c->st, &in), STORE_OK);
	assert_int_equal(in.update_seq, 1);
	assert_int_equal(store_get_by_code(c->st, in.juminhyo_code, &out),
	    STORE_OK);
	assert_same_resident(&in, &out);
	assert_int_equal(store_get_by_kojin(c->st, in.kojin_bango, &out),
	    STORE_OK);
	assert_same_resident(&in, &out);

	/* Survives closing and reopening the file. */
	store_close(c->st);
	assert_int_equal(store_open(c->path, STORE_READONLY, &c->st, NULL),
	    STORE_OK);
	assert_int_equal(store_get_by_code(c->st, in.juminhyo_code, &out),
	    STORE_OK);
	assert_same_resident(&in, &out);
}

struct collected {
	struct resident rows[16];
	int n;
};

static int
collect(const struct resident *r, void *arg)
{
	struct collected *c = arg;

	assert_true(c->n < 16);
	c->rows[c->n++] = *r;
	return 0;
}

static void
test_history_kept_on_change(void **state)
{
	struct ctx *c = *state;
	struct resident first, moved, renamed, now;
	struct collected hist = { .n = 0 };

	yamazaki(&first, 2);
	assert_int_equal(store_insert(c->st, &first), STORE_OK);

	moved = first;
	snprintf(moved.address, sizeof moved.address,
	    "熊本県熊本市東区健軍3丁目4番5号");
	moved.idou_code = IDOU_TENKYO;
	snprintf(moved.idou_date, sizeof moved.idou_date, "2021-06-01");
	assert_int_equal(store_update(c->st, &moved), STORE_OK);

	renamed = moved;
	snprintf(renamed.name_kanji, sizeof renamed.name_kanji, "中島 太郎");
	snprintf(renamed.name_kana, sizeof renamed.name_kana, "ナカジマ タロウ");
	assert_int_equal(resident_fold_name(&renamed, NULL, NULL), 0);
	renamed.idou_code = IDOU_SHIMEI_HENKO;
	assert_int_equal(store_update(c->st, &renamed), STORE_OK);
	assert_true(first.update_seq < moved.update_seq);
	assert_true(moved.update_seq < renamed.update_seq);

	assert_int_equal(store_get_by_code(c->st, first.juminhyo_code, &now),
	    STORE_OK);
	assert_same_resident(&renamed, &now);
	assert_int_equal(store_history(c->st, first.juminhyo_code, collect,
	    &hist), STORE_OK);
	assert_int_equal(hist.n, 2);
	assert_same_resident(&hist.rows[0], &first);
	assert_same_resident(&hist.rows[1], &moved);

	struct store_stats stats;
	assert_int_equal(store_stats(c->st, &stats), STORE_OK);
	assert_int_equal(stats.residents, 1);
	assert_int_equal(stats.history, 2);
	assert_int_equal(stats.last_update_seq, renamed.update_seq);
}

static void
test_refusals_change_nothing(void **state)
{
	struct ctx *c = *state;
	struct resident a, b, out;
	struct store_stats stats;

	yamazaki(&a, 3);
	assert_int_equal(store_insert(c->st, &a), STORE_OK);

	b = a;	/* same 住民票コード */
	memcpy(b.kojin_bango, "123456789018", 13);
	assert_int_equal(store_insert(c->st, &b), STORE_EEXIST);
	yamazaki(&b, 4);	/* same 個人番号 */
	memcpy(b.kojin_bango, a.kojin_bango, sizeof b.kojin_bango);
	assert_int_equal(store_insert(c->st, &b), STORE_EEXIST);

	yamazaki(&b, 5);
	b.juminhyo_code[10] ^= 1;
	assert_int_equal(store_insert(c->st, &b), STORE_EINVAL);
	assert_string_equal(store_error(c->st), "チェックデジットが一致しません");

	yamazaki(&b, 6);	/* not in the file */
	assert_int_equal(store_update(c->st, &b), STORE_NOT_FOUND);
	assert_int_equal(store_get_by_code(c->st, b.juminhyo_code, &out),
	    STORE_NOT_FOUND);

	b = a;
	b.sex = 9;
	assert_int_equal(store_update(c->st, &b), STORE_EINVAL);

	assert_int_equal(store_stats(c->st, &stats), STORE_OK);
	assert_int_equal(stats.residents, 1);
	assert_int_equal(stats.history, 0);
	assert_int_equal(store_get_by_code(c->st, a.juminhyo_code, &out),
	    STORE_OK);
	assert_same_resident(&a, &out);
}

/* Inside a bulk transaction a failed write is undone alone. */
static void
test_bulk_transaction_savepoints(void **state)
{
	struct ctx *c = *state;
	struct resident a, b;
	struct store_stats stats;

	yamazaki(&a, 7);
	yamazaki(&b, 8);
	assert_int_equal(store_begin(c->st), STORE_OK);
	assert_int_equal(store_insert(c->st, &a), STORE_OK);
	assert_int_equal(store_insert(c->st, &a), STORE_EEXIST);
	assert_int_equal(store_insert(c->st, &b), STORE_OK);
	assert_int_equal(store_commit(c->st), STORE_OK);
	assert_int_equal(store_stats(c->st, &stats), STORE_OK);
	assert_int_equal(stats.residents, 2);
	assert_int_equal(b.update_seq, a.update_seq + 1);

	assert_int_equal(store_begin(c->st), STORE_OK);
	yamazaki(&a, 9);
	assert_int_equal(store_insert(c->st, &a), STORE_OK);
	assert_int_equal(store_rollback(c->st), STORE_OK);
	assert_int_equal(store_stats(c->st, &stats), STORE_OK);
	assert_int_equal(stats.residents, 2);
}

static void
add_person(struct store *st, unsigned n, const char *kanji, const char *kana,
    const char *birth, int sex, const char *address, int deleted)
{
	struct resident r;

	fixture_resident(&r, n, kanji, kana, birth, sex, address);
	r.deleted = deleted;
	assert_int_equal(store_insert(st, &r), STORE_OK);
}

static int
search(struct store *st, const char *kana, const char *birth, int sex,
    const char *addr, unsigned limit, bool *more)
{
	struct collected got = { .n = 0 };
	struct store_query q = {
		.seion_kana = kana, .birth_date = birth, .sex = sex,
		.address_prefix = addr, .limit = limit,
	};

	assert_int_equal(store_search(st, &q, collect, &got, more), STORE_OK);
	for (int i = 1; i < got.n; i++)
		assert_true(strcmp(got.rows[i - 1].juminhyo_code,
		    got.rows[i].juminhyo_code) < 0);
	return got.n;
}

static void
test_search_4joho(void **state)
{
	struct ctx *c = *state;
	bool more;

	add_person(c->st, 20, "山崎 花子", "ヤマザキ ハナコ", "1990-01-02",
	    SEX_FEMALE, "熊本県熊本市中央区本町1丁目1番1号", 0);
	add_person(c->st, 21, "山﨑 花子", "ヤマサキ ハナコ", "1990-01-02",
	    SEX_FEMALE, "熊本県八代市松江城町2番", 0);
	add_person(c->st, 22, "山崎 華子", "やまざき はなこ", "1975-03-04",
	    SEX_FEMALE, "熊本県熊本市東区健軍1丁目", 0);
	add_person(c->st, 23, "山崎 花夫", "ヤマザキ ハナコ", "1990-01-02",
	    SEX_MALE, "熊本県熊本市中央区本町2丁目", 0);
	add_person(c->st, 24, "山崎 花子", "ヤマザキ ハナコ", "1990-01-02",
	    SEX_FEMALE, "熊本県熊本市中央区本町9丁目", 1);

	/* Voicing and script variants all fold to ヤマサキハナコ. */
	assert_int_equal(search(c->st, "ヤマサキハナコ", NULL, 0, NULL, 10,
	    &more), 4);
	assert_false(more);
	assert_int_equal(search(c->st, "ヤマサキハナコ", "1990-01-02", 0, NULL,
	    10, &more), 3);
	assert_int_equal(search(c->st, "ヤマサキハナコ", "1990-01-02",
	    SEX_FEMALE, NULL, 10, &more), 2);
	assert_int_equal(search(c->st, "ヤマサキハナコ", "1990-01-02",
	    SEX_FEMALE, "熊本県熊本市", 10, &more), 1);
	assert_int_equal(search(c->st, "ヤマサキハナコ", NULL, 0,
	    "熊本県熊本市中央区本町", 10, &more), 2);
	assert_int_equal(search(c->st, "ヤマサキハナコ", NULL, 0, "熊本県玉名市",
	    10, &more), 0);
	/* The cap: two rows asked, more reported. */
	assert_int_equal(search(c->st, "ヤマサキハナコ", NULL, 0, NULL, 2,
	    &more), 2);
	assert_true(more);

	/* 消除者 only when asked for. */
	struct collected got = { .n = 0 };
	struct store_query q = { .seion_kana = "ヤマサキハナコ",
	    .include_deleted = true, .limit = 10 };
	assert_int_equal(store_search(c->st, &q, collect, &got, &more),
	    STORE_OK);
	assert_int_equal(got.n, 5);

	q.seion_kana = "";
	assert_int_equal(store_search(c->st, &q, collect, &got, &more),
	    STORE_EINVAL);
}

/*
 * Every lookup must be served by an index: no "SCAN" of a table in any
 * query plan, with enough rows that the planner has a real choice.
 */
static void
test_query_plans_use_indexes(void **state)
{
	struct ctx *c = *state;
	char sql[2048], explain[2100];
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned i;

	assert_int_equal(store_begin(c->st), STORE_OK);
	for (unsigned n = 100; n < 400; n++)
		add_person(c->st, n, "見本 太郎", n % 2 ? "ミホン タロウ" :
		    "ケンシュウ ハナコ", n % 3 ? "1980-01-01" : "1999-12-31",
		    1 + n % 2, "熊本県熊本市中央区本町", n % 5 == 0);
	assert_int_equal(store_commit(c->st), STORE_OK);
	assert_int_equal(sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ANALYZE", NULL, NULL, NULL),
	    SQLITE_OK);
	for (i = 0; sqlite_store_lookup_sql(i, sql, sizeof sql) == 0; i++) {
		int searches = 0;

		snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
		assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &st, NULL),
		    SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail =
			    (const char *)sqlite3_column_text(st, 3);
			if (strncmp(detail, "SCAN", 4) == 0)
				fail_msg("full scan in plan of %s: %s", sql,
				    detail);
			if (strncmp(detail, "SEARCH", 6) == 0)
				searches++;
		}
		sqlite3_finalize(st);
		assert_true(searches > 0);
	}
	/* 3 point lookups and 16 search variants. */
	assert_int_equal(i, 3 + 16);
	sqlite3_close(db);
}

static void
test_file_settings(void **state)
{
	struct ctx *c = *state;
	struct stat sb;
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(stat(c->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), sqlite_schema_version);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_foreign_keys_enforced(void **state)
{
	struct ctx *c = *state;
	struct resident a;
	int64_t seq = 0;

	yamazaki(&a, 30);
	assert_int_equal(store_insert(c->st, &a), STORE_OK);
	a.idou_code = IDOU_TENKYO;
	assert_int_equal(store_update(c->st, &a), STORE_OK);
	seq = a.update_seq;
	/* A resident with history cannot vanish from under it. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON;"
	    "DELETE FROM resident", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(db);
	assert_true(seq > 0);
}

static void
test_meta_and_kana_options(void **state)
{
	struct ctx *c = *state;
	struct kana_options opt = { .fold_di_ji = true };
	char value[16];
	struct resident a;

	assert_int_equal(store_meta_get(c->st, "dataset", value, sizeof value),
	    STORE_NOT_FOUND);
	assert_int_equal(store_meta_set(c->st, "dataset", "demo"), STORE_OK);
	assert_int_equal(store_meta_get(c->st, "dataset", value, sizeof value),
	    STORE_OK);
	assert_string_equal(value, "demo");
	assert_int_equal(store_meta_get(c->st, "dataset", value, 3),
	    STORE_ERROR);

	assert_int_equal(store_set_kana_options(c->st, &opt), STORE_OK);
	store_close(c->st);
	assert_int_equal(store_open(c->path, 0, &c->st, NULL), STORE_OK);
	assert_true(store_kana_options(c->st)->fold_di_ji);
	assert_false(store_kana_options(c->st)->fold_du_zu);

	yamazaki(&a, 40);
	assert_int_equal(store_insert(c->st, &a), STORE_OK);
	opt.fold_di_ji = false;
	assert_int_equal(store_set_kana_options(c->st, &opt), STORE_EINVAL);
	assert_true(store_kana_options(c->st)->fold_di_ji);
}

static void
test_applied_updates(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(store_update_applied(c->st, "CS431001-000001"),
	    STORE_NOT_FOUND);
	assert_int_equal(store_mark_applied(c->st, "CS431001-000001", 7),
	    STORE_OK);
	assert_int_equal(store_update_applied(c->st, "CS431001-000001"),
	    STORE_OK);
	assert_int_equal(store_mark_applied(c->st, "CS431001-000001", 8),
	    STORE_EEXIST);
}

/* A change of r dated date (異動年月日) and recorded at stamp. */
static void
change(struct store *st, struct resident *r, int idou, const char *date,
    const char *stamp)
{
	r->idou_code = idou;
	snprintf(r->idou_date, sizeof r->idou_date, "%s", date);
	snprintf(r->timestamp, sizeof r->timestamp, "%sT09:00:00Z", stamp);
	if (idou_lookup(idou)->kind == IDOU_REMOVAL) {
		r->deleted = 1;
		r->retention_flag = RETENTION_KEPT;
	}
	assert_int_equal(store_update(st, r), STORE_OK);
}

/* A resident n, entered on date (recorded the same day). */
static void
entered(struct store *st, struct resident *r, unsigned n, const char *date)
{
	yamazaki(r, n);
	snprintf(r->birth_date, sizeof r->birth_date, "1875-01-01");
	r->idou_code = IDOU_SHOKKEN_KISAI;
	snprintf(r->idou_date, sizeof r->idou_date, "%s", date);
	snprintf(r->timestamp, sizeof r->timestamp, "%sT09:00:00Z", date);
	assert_int_equal(store_insert(st, r), STORE_OK);
}

static long long
rows(struct ctx *c, const char *sql)
{
	sqlite3 *db;
	long long n;

	assert_int_equal(sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	n = fixture_count(db, sql);
	sqlite3_close(db);
	return n;
}

/*
 * Retention (cutoff 1900-01-01): a version ended before it goes, a 消除者
 * removed before it goes with all its history; a change recorded late
 * keeps what it ended; a removed record not flagged for retention stays;
 * and the 更新順番号 of what went is never given again.
 */
static void
test_purge(void **state)
{
	struct ctx *c = *state;
	struct resident a, b, late, unflagged, chain, next, out;
	struct store_purged p;
	int64_t highest;

	entered(c->st, &a, 10, "1880-01-01");
	change(c->st, &a, IDOU_TENKYO, "1890-01-01", "1890-01-01");
	change(c->st, &a, IDOU_TENKYO, "2020-01-01", "2020-01-01");
	entered(c->st, &late, 12, "1880-01-01");
	change(c->st, &late, IDOU_SHIBOU, "1895-01-01", "1950-01-01");
	entered(c->st, &unflagged, 13, "1880-01-01");
	unflagged.idou_code = IDOU_SHIBOU;
	snprintf(unflagged.idou_date, sizeof unflagged.idou_date,
	    "1885-01-01");
	unflagged.deleted = 1;
	assert_int_equal(store_update(c->st, &unflagged), STORE_OK);
	entered(c->st, &chain, 14, "1880-01-01");
	change(c->st, &chain, IDOU_TENKYO, "1885-01-01", "1885-01-01");
	change(c->st, &chain, IDOU_TENKYO, "1890-01-01", "1890-01-01");
	/* The removal last: it holds the highest 更新順番号. */
	entered(c->st, &b, 11, "1880-01-01");
	change(c->st, &b, IDOU_SHIBOU, "1885-01-01", "1885-01-01");
	highest = b.update_seq;

	/* Inside a transaction that is rolled back, nothing went. */
	assert_int_equal(store_begin(c->st), STORE_OK);
	assert_int_equal(store_purge(c->st, "1900-01-01", &p), STORE_OK);
	assert_int_equal(store_rollback(c->st), STORE_OK);
	assert_int_equal(rows(c, "SELECT count(*) FROM resident_history"), 7);

	assert_int_equal(store_purge(c->st, "1900-01-01", &p), STORE_OK);
	/* a's and unflagged's first versions, both of chain's (the second
	 * replaced by a version deleted too), b's entry, and b. */
	assert_int_equal(p.history, 5);
	assert_int_equal(p.residents, 1);
	assert_int_equal(store_get_by_code(c->st, b.juminhyo_code, &out),
	    STORE_NOT_FOUND);
	assert_int_equal(rows(c, "SELECT count(*) FROM resident_history"
	    " WHERE idou_date = '1880-01-01' AND juminhyo_code IN"
	    " (SELECT juminhyo_code FROM resident WHERE deleted = 0)"), 0);
	/* a's second version, ended in 2020, stays, and late's first,
	 * ended by a removal recorded in 1950; late and unflagged stay. */
	assert_int_equal(rows(c, "SELECT count(*) FROM resident_history"), 2);
	assert_int_equal(store_get_by_code(c->st, late.juminhyo_code, &out),
	    STORE_OK);
	assert_int_equal(store_get_by_code(c->st, unflagged.juminhyo_code,
	    &out), STORE_OK);
	/* The next number follows the highest ever given. */
	entered(c->st, &next, 15, "2020-01-01");
	assert_true(next.update_seq > highest);
	/* Again: nothing more to go. */
	assert_int_equal(store_purge(c->st, "1900-01-01", &p), STORE_OK);
	assert_int_equal(p.history + p.residents, 0);
	assert_int_equal(store_purge(c->st, "1900-02-30", &p), STORE_EINVAL);
}

/* A file made by schema version 1 is brought up to date, data kept. */
static void
test_migration_from_v1(void **state)
{
	char path[4096];
	struct store *st;
	struct resident a, out;
	sqlite3 *db;

	(void)state;
	fixture_db_path(path, sizeof path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sqlite_schema_migrations[0], NULL,
	    NULL, NULL), SQLITE_OK);
	char pragma[128];
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d;"
	    " PRAGMA user_version = 1", SQLITE_STORE_APPLICATION_ID);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &st, NULL), STORE_OK);
	yamazaki(&a, 50);
	assert_int_equal(store_insert(st, &a), STORE_OK);
	assert_int_equal(store_mark_applied(st, "X-1", a.update_seq),
	    STORE_OK);
	store_close(st);
	assert_int_equal(store_open(path, STORE_READONLY, &st, NULL), STORE_OK);
	assert_int_equal(store_get_by_code(st, a.juminhyo_code, &out),
	    STORE_OK);
	assert_int_equal(store_update_applied(st, "X-1"), STORE_OK);
	store_close(st);
	fixture_remove_db(path);
}

static void
test_foreign_and_future_files_refused(void **state)
{
	char path[4096];
	const char *reason = NULL;
	struct store *st = NULL;
	sqlite3 *db;

	(void)state;
	fixture_db_path(path, sizeof path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE other (x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, STORE_CREATE, &st, &reason),
	    STORE_ESCHEMA);
	assert_null(st);
	assert_string_equal(reason, "住民データベースではありません");
	fixture_remove_db(path);

	assert_int_equal(store_open(path, STORE_CREATE, &st, NULL), STORE_OK);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &st, &reason), STORE_ESCHEMA);
	assert_string_equal(reason,
	    "新しい版のデータベースです。プログラムを更新してください");
	fixture_remove_db(path);

	/* Missing and not asked to create. */
	assert_int_equal(store_open(path, 0, &st, &reason), STORE_ERROR);
	assert_string_equal(reason, "データベースを開けません");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_all_items,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_kept_on_change,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_change_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_bulk_transaction_savepoints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_4joho, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_query_plans_use_indexes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_settings, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_foreign_keys_enforced,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta_and_kana_options,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_applied_updates, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
		cmocka_unit_test(test_migration_from_v1),
		cmocka_unit_test(test_foreign_and_future_files_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
