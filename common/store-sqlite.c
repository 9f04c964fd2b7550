/*
 * The SQLite engine of the resident file: WAL, foreign keys on, full fsync
 * on commit (nothing acknowledged may be lost), prepared statements only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "juki/i18n.h"
#include "store-engine.h"
#include "sqlite-db.h"
#include "store-sqlite.h"

/* The 24 items, in the order of struct resident and of every SELECT below. */
#define COLUMNS \
	"juminhyo_code, name_kanji, name_gaiji_count, name_kana, birth_date, " \
	"sex, address, address_gaiji_count, kojin_bango, idou_code, " \
	"idou_date, retention_flag, seion_kana, municipality_code, aza_code, " \
	"operator_id, terminal_id, timestamp, notified_date, gaiji_flag, " \
	"deleted, update_seq, name_gaiji_seq, address_gaiji_seq"
#define PLACEHOLDERS \
	"?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, " \
	"?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24"

enum column_type {
	COL_TEXT,
	COL_TEXT_OR_NULL,	/* "" in memory is NULL in the file */
	COL_INT,
	COL_INT64,
};

struct column {
	const char *name;
	enum column_type type;
	size_t offset;
	size_t size;
};

#define FIELD(name, type, field) { name, type, \
	offsetof(struct resident, field), sizeof(((struct resident *)0)->field) }

static const struct column columns[] = {
	FIELD("juminhyo_code", COL_TEXT, juminhyo_code),
	FIELD("name_kanji", COL_TEXT, name_kanji),
	FIELD("name_gaiji_count", COL_INT, name_gaiji_count),
	FIELD("name_kana", COL_TEXT, name_kana),
	FIELD("birth_date", COL_TEXT, birth_date),
	FIELD("sex", COL_INT, sex),
	FIELD("address", COL_TEXT, address),
	FIELD("address_gaiji_count", COL_INT, address_gaiji_count),
	FIELD("kojin_bango", COL_TEXT_OR_NULL, kojin_bango),
	FIELD("idou_code", COL_INT, idou_code),
	FIELD("idou_date", COL_TEXT, idou_date),
	FIELD("retention_flag", COL_INT, retention_flag),
	FIELD("seion_kana", COL_TEXT, seion_kana),
	FIELD("municipality_code", COL_TEXT, municipality_code),
	FIELD("aza_code", COL_TEXT, aza_code),
	FIELD("operator_id", COL_TEXT, operator_id),
	FIELD("terminal_id", COL_TEXT, terminal_id),
	FIELD("timestamp", COL_TEXT, timestamp),
	FIELD("notified_date", COL_TEXT_OR_NULL, notified_date),
	FIELD("gaiji_flag", COL_INT, gaiji_flag),
	FIELD("deleted", COL_INT, deleted),
	FIELD("update_seq", COL_INT64, update_seq),
	FIELD("name_gaiji_seq", COL_INT, name_gaiji_seq),
	FIELD("address_gaiji_seq", COL_INT, address_gaiji_seq),
};

#define NCOLUMNS ((int)(sizeof columns / sizeof columns[0]))

enum statement {
	ST_GET_BY_CODE,
	ST_GET_BY_KOJIN,
	ST_HISTORY,
	ST_EACH,
	ST_INSERT,
	ST_ARCHIVE,
	ST_UPDATE,
	ST_CURRENT_SEQ,
	ST_NEXT_SEQ,
	ST_COUNT_RESIDENTS,
	ST_COUNT_HISTORY,
	ST_META_GET,
	ST_META_SET,
	ST_UPDATE_APPLIED,
	ST_MARK_APPLIED,
	ST_PURGE_FLOOR,
	ST_PURGE_REMOVED_HISTORY,
	ST_PURGE_REMOVED,
	ST_PURGE_HISTORY,
	ST_MAX
};

/* The lookups come first: sqlite_store_lookup_sql() walks them. */
#define ST_LOOKUP_COUNT (ST_EACH)

static const char *const statement_sql[ST_MAX] = {
	[ST_GET_BY_CODE] = "SELECT " COLUMNS " FROM resident"
	    " WHERE juminhyo_code = ?1",
	[ST_GET_BY_KOJIN] = "SELECT " COLUMNS " FROM resident"
	    " WHERE kojin_bango = ?1",
	[ST_HISTORY] = "SELECT " COLUMNS " FROM resident_history"
	    " WHERE juminhyo_code = ?1 ORDER BY update_seq",
	[ST_EACH] = "SELECT " COLUMNS " FROM resident"
	    " ORDER BY juminhyo_code",
	[ST_INSERT] = "INSERT INTO resident (" COLUMNS ")"
	    " VALUES (" PLACEHOLDERS ")",
	[ST_ARCHIVE] = "INSERT INTO resident_history (" COLUMNS
	    ", superseded_by) SELECT " COLUMNS ", ?2 FROM resident"
	    " WHERE juminhyo_code = ?1",
	[ST_UPDATE] = "UPDATE resident SET (" COLUMNS ") = (" PLACEHOLDERS ")"
	    " WHERE juminhyo_code = ?1",
	[ST_CURRENT_SEQ] = "SELECT update_seq FROM resident"
	    " WHERE juminhyo_code = ?1",
	/* Every history row was superseded by a later current row, so the
	 * highest 更新順番号 of the file is in resident, or, once a
	 * retention purge removed its resident, kept in meta: a number is
	 * never given twice. */
	[ST_NEXT_SEQ] = "SELECT max(coalesce(max(update_seq), 0),"
	    " coalesce((SELECT CAST(value AS INTEGER) FROM meta"
	    " WHERE key = 'update_seq_floor'), 0)) + 1 FROM resident",
	[ST_COUNT_RESIDENTS] = "SELECT count(*), coalesce(sum(deleted), 0),"
	    " coalesce(max(update_seq), 0) FROM resident",
	[ST_COUNT_HISTORY] = "SELECT count(*) FROM resident_history",
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT INTO meta (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[ST_UPDATE_APPLIED] = "SELECT update_seq FROM cs_update"
	    " WHERE update_id = ?1",
	[ST_MARK_APPLIED] = "INSERT INTO cs_update (update_id, update_seq)"
	    " VALUES (?1, ?2)",
	/*
	 * Retention (store_purge).  A version ended with the change that
	 * replaced it, a 消除者's record with the removal: on the later of
	 * that change's 異動年月日 and the date of its タイムスタンプ, so a
	 * change dated back keeps what it ended longer, never shorter.
	 */
	[ST_PURGE_FLOOR] = "INSERT INTO meta (key, value)"
	    " SELECT 'update_seq_floor', CAST(coalesce(max(update_seq), 0)"
	    " AS TEXT) FROM resident WHERE true"
	    " ON CONFLICT (key) DO UPDATE SET value = CAST(max("
	    "CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
	[ST_PURGE_REMOVED_HISTORY] = "DELETE FROM resident_history"
	    " WHERE juminhyo_code IN (SELECT juminhyo_code FROM resident"
	    " WHERE deleted = 1 AND retention_flag = 1"
	    " AND max(idou_date, substr(timestamp, 1, 10)) < ?1)",
	[ST_PURGE_REMOVED] = "DELETE FROM resident"
	    " WHERE deleted = 1 AND retention_flag = 1"
	    " AND max(idou_date, substr(timestamp, 1, 10)) < ?1",
	/* SQLite finds every row to delete before deleting any: a version
	 * replaced by a version deleted here goes too. */
	[ST_PURGE_HISTORY] = "DELETE FROM resident_history AS h"
	    " WHERE EXISTS (SELECT 1 FROM resident AS n"
	    " WHERE n.juminhyo_code = h.juminhyo_code"
	    " AND n.update_seq = h.superseded_by"
	    " AND max(n.idou_date, substr(n.timestamp, 1, 10)) < ?1)"
	    " OR EXISTS (SELECT 1 FROM resident_history AS n"
	    " WHERE n.juminhyo_code = h.juminhyo_code"
	    " AND n.update_seq = h.superseded_by"
	    " AND max(n.idou_date, substr(n.timestamp, 1, 10)) < ?1)",
};

/* Which optional conditions a 4情報 search has; one statement per mix. */
enum search_bits {
	SEARCH_BIRTH = 1 << 0,
	SEARCH_SEX = 1 << 1,
	SEARCH_ADDRESS = 1 << 2,
	SEARCH_LIVE = 1 << 3,	/* 消除者 left out */
	SEARCH_VARIANTS = 1 << 4
};

struct sqlite_store {
	sqlite3 *db;
	sqlite3_stmt *stmt[ST_MAX];
	sqlite3_stmt *search[SEARCH_VARIANTS];
	int db_flags;
	int in_transaction;
	char error[256];
};

static int
fail(struct sqlite_store *s, int status)
{
	snprintf(s->error, sizeof s->error, "%s", sqlite3_errmsg(s->db));
	return status;
}

/* Maps an SQLite result to ours, keeping the engine's message. */
static int
status_of(struct sqlite_store *s, int rc)
{
	/* Extended result codes are on: the primary code is the low byte. */
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return fail(s, STORE_EBUSY);
	case SQLITE_CONSTRAINT:
		if (sqlite3_extended_errcode(s->db) ==
		    SQLITE_CONSTRAINT_PRIMARYKEY ||
		    sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
			return fail(s, STORE_EEXIST);
		return fail(s, STORE_EINVAL);
	default:
		return fail(s, STORE_ERROR);
	}
}

static int
search_sql(unsigned bits, char *out, size_t outsz)
{
	/*
	 * INDEXED BY: for a common name the planner may prefer walking the
	 * whole table in key order to sorting the matches; we never want a
	 * scan, and a missing index then fails loudly at prepare.
	 */
	int n = snprintf(out, outsz, "SELECT " COLUMNS " FROM resident"
	    " INDEXED BY resident_4joho"
	    " WHERE seion_kana = ?1%s%s%s%s ORDER BY juminhyo_code LIMIT ?6",
	    (bits & SEARCH_BIRTH) ? " AND birth_date = ?2" : "",
	    (bits & SEARCH_SEX) ? " AND sex = ?3" : "",
	    (bits & SEARCH_ADDRESS) ?
	    " AND address >= ?4 AND address < ?5" : "",
	    (bits & SEARCH_LIVE) ? " AND deleted = 0" : "");

	return (n < 0 || (size_t)n >= outsz) ? -1 : 0;
}

int
sqlite_store_lookup_sql(unsigned i, char *out, size_t outsz)
{
	int n;

	if (i < ST_LOOKUP_COUNT) {
		n = snprintf(out, outsz, "%s", statement_sql[i]);
		return (n < 0 || (size_t)n >= outsz) ? -1 : 0;
	}
	i -= ST_LOOKUP_COUNT;
	if (i >= SEARCH_VARIANTS)
		return -1;
	return search_sql(i, out, outsz);
}

static int
exec(struct sqlite_store *s, const char *sql)
{
	return status_of(s, sqlite3_exec(s->db, sql, NULL, NULL, NULL));
}

static void
bind_resident(sqlite3_stmt *st, const struct resident *r)
{
	const char *base = (const char *)r;

	for (int i = 0; i < NCOLUMNS; i++) {
		const struct column *c = &columns[i];
		const void *field = base + c->offset;

		switch (c->type) {
		case COL_TEXT_OR_NULL:
			if (*(const char *)field == '\0') {
				sqlite3_bind_null(st, i + 1);
				break;
			}
			/* FALLTHROUGH */
		case COL_TEXT:
			sqlite3_bind_text(st, i + 1, field, -1, SQLITE_STATIC);
			break;
		case COL_INT:
			sqlite3_bind_int(st, i + 1, *(const int *)field);
			break;
		case COL_INT64:
			sqlite3_bind_int64(st, i + 1, *(const int64_t *)field);
			break;
		}
	}
}

/* Reads the current row into r; text too long for its field is an error. */
static int
read_resident(struct sqlite_store *s, sqlite3_stmt *st, struct resident *r)
{
	char *base = (char *)r;

	memset(r, 0, sizeof *r);
	for (int i = 0; i < NCOLUMNS; i++) {
		const struct column *c = &columns[i];
		void *field = base + c->offset;
		const unsigned char *text;
		int len;

		switch (c->type) {
		case COL_TEXT:
		case COL_TEXT_OR_NULL:
			text = sqlite3_column_text(st, i);
			len = sqlite3_column_bytes(st, i);
			if (len < 0 || (size_t)len >= c->size) {
				snprintf(s->error, sizeof s->error,
				    "column %s too long", c->name);
				return STORE_ERROR;
			}
			if (text != NULL)
				memcpy(field, text, (size_t)len);
			break;
		case COL_INT:
			*(int *)field = sqlite3_column_int(st, i);
			break;
		case COL_INT64:
			*(int64_t *)field = sqlite3_column_int64(st, i);
			break;
		}
	}
	return STORE_OK;
}

/* The SELECT lists must name the columns in the order of the table above. */
static int
check_column_order(struct sqlite_store *s)
{
	sqlite3_stmt *st = s->stmt[ST_GET_BY_CODE];

	if (sqlite3_column_count(st) != NCOLUMNS)
		goto bad;
	for (int i = 0; i < NCOLUMNS; i++)
		if (strcmp(sqlite3_column_name(st, i), columns[i].name) != 0)
			goto bad;
	return STORE_OK;
bad:
	snprintf(s->error, sizeof s->error, "column list out of order");
	return STORE_ERROR;
}

static int
prepare_all(struct sqlite_store *s)
{
	char sql[1024];
	int rc;

	for (int i = 0; i < ST_MAX; i++) {
		rc = sqlite3_prepare_v3(s->db, statement_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL);
		if (rc != SQLITE_OK)
			return status_of(s, rc);
	}
	for (unsigned bits = 0; bits < SEARCH_VARIANTS; bits++) {
		if (search_sql(bits, sql, sizeof sql) != 0)
			return STORE_ERROR;
		rc = sqlite3_prepare_v3(s->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &s->search[bits], NULL);
		if (rc != SQLITE_OK)
			return status_of(s, rc);
	}
	return check_column_order(s);
}

static void
sqlite_close(void *impl)
{
	struct sqlite_store *s = impl;

	if (s == NULL)
		return;
	for (int i = 0; i < ST_MAX; i++)
		sqlite3_finalize(s->stmt[i]);
	for (int i = 0; i < SEARCH_VARIANTS; i++)
		sqlite3_finalize(s->search[i]);
	sqlite_db_close(s->db, s->db_flags);
	free(s);
}

/* Our open flags are the helper's, bit for bit. */
static int
db_flags(int flags)
{
	return ((flags & STORE_READONLY) ? SQLITE_DB_READONLY : 0) |
	    ((flags & STORE_CREATE) ? SQLITE_DB_CREATE : 0) |
	    ((flags & STORE_BULK) ? SQLITE_DB_BULK : 0);
}

static const struct sqlite_db_schema resident_schema = {
	.application_id = SQLITE_STORE_APPLICATION_ID,
	.migrations = sqlite_schema_migrations,
	.not_ours = N_("住民データベースではありません"),
};

static int
sqlite_open(const char *path, int flags, void **impl, const char **reason)
{
	struct sqlite_db_schema schema = resident_schema;
	struct sqlite_store *s;
	int rc;

	*impl = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL) {
		*reason = N_("メモリが足りません");
		return STORE_ERROR;
	}
	schema.version = sqlite_schema_version;
	s->db_flags = db_flags(flags);
	/* The helper's statuses are the same numbers as ours. */
	rc = sqlite_db_open(path, s->db_flags, &schema, &s->db, reason);
	if (rc == STORE_OK && (rc = prepare_all(s)) != STORE_OK)
		*reason = N_("データベースを開けません");
	if (rc != STORE_OK) {
		sqlite_close(s);
		return rc;
	}
	*impl = s;
	return STORE_OK;
}

static const char *
sqlite_error(void *impl)
{
	return ((struct sqlite_store *)impl)->error;
}

static int
sqlite_begin(void *impl)
{
	struct sqlite_store *s = impl;
	int rc;

	if (s->in_transaction) {
		snprintf(s->error, sizeof s->error, "transaction already open");
		return STORE_ERROR;
	}
	if ((rc = exec(s, "BEGIN IMMEDIATE")) == STORE_OK)
		s->in_transaction = 1;
	return rc;
}

static int
sqlite_commit(void *impl)
{
	struct sqlite_store *s = impl;
	int rc = exec(s, "COMMIT");

	if (rc == STORE_OK)
		s->in_transaction = 0;
	return rc;
}

static int
sqlite_rollback(void *impl)
{
	struct sqlite_store *s = impl;

	s->in_transaction = 0;
	return exec(s, "ROLLBACK");
}

/*
 * A write of several statements is atomic: its own transaction, or a
 * savepoint inside the caller's bulk transaction.  IMMEDIATE takes the write
 * lock first, so the 更新順番号 read next cannot race another writer.
 */
static int
write_begin(struct sqlite_store *s)
{
	return exec(s, s->in_transaction ? "SAVEPOINT write" :
	    "BEGIN IMMEDIATE");
}

static int
write_end(struct sqlite_store *s, int status)
{
	char saved[sizeof s->error];
	int rc;

	if (status == STORE_OK) {
		rc = exec(s, s->in_transaction ? "RELEASE write" : "COMMIT");
		if (rc == STORE_OK)
			return STORE_OK;
		status = rc;
	}
	memcpy(saved, s->error, sizeof saved);
	sqlite3_exec(s->db, s->in_transaction ?
	    "ROLLBACK TO write; RELEASE write" : "ROLLBACK", NULL, NULL, NULL);
	memcpy(s->error, saved, sizeof saved);
	return status;
}

/* Readies a prepared statement for its next use. */
static void
rewind_statement(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* A single-row query's step: a row, no row, or a failure. */
static int
row_status(struct sqlite_store *s, int rc)
{
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : status_of(s, rc);
}

/* Steps a statement that returns nothing. */
static int
step_done(struct sqlite_store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	rewind_statement(st);
	return rc == SQLITE_DONE ? STORE_OK : status_of(s, rc);
}

/* Steps a statement that returns one integer, or STORE_NOT_FOUND. */
static int
step_int(struct sqlite_store *s, sqlite3_stmt *st, int64_t *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	rewind_statement(st);
	return row_status(s, rc);
}

/* Runs a row-returning statement, handing each row to cb. */
static int
each_row(struct sqlite_store *s, sqlite3_stmt *st, store_row_cb cb,
    void *arg, unsigned limit, bool *more)
{
	struct resident r;
	unsigned rows = 0;
	int rc, status = STORE_OK;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (limit != 0 && rows == limit) {
			if (more != NULL)
				*more = true;
			break;
		}
		if ((status = read_resident(s, st, &r)) != STORE_OK)
			break;
		rows++;
		if ((status = cb(&r, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = status_of(s, rc);
	resident_wipe(&r);
	rewind_statement(st);
	return status;
}

static int
copy_one(const struct resident *r, void *arg)
{
	*(struct resident *)arg = *r;
	return 1;	/* stop: a key matches at most one row */
}

static int
get_by(struct sqlite_store *s, enum statement which, const char *key,
    struct resident *out)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = each_row(s, st, copy_one, out, 0, NULL);
	if (rc == 1)
		return STORE_OK;
	return rc == STORE_OK ? STORE_NOT_FOUND : rc;
}

static int
sqlite_get_by_code(void *impl, const char *code, struct resident *out)
{
	return get_by(impl, ST_GET_BY_CODE, code, out);
}

static int
sqlite_get_by_kojin(void *impl, const char *kojin, struct resident *out)
{
	return get_by(impl, ST_GET_BY_KOJIN, kojin, out);
}

/*
 * The address prefix becomes a range [prefix, prefix + U+10FFFF) so the
 * index serves it; LIKE would not use the index with a binary collation.
 */
static int
sqlite_search(void *impl, const struct store_query *q, store_row_cb cb,
    void *arg, bool *more)
{
	struct sqlite_store *s = impl;
	static const char top[] = "\xf4\x8f\xbf\xbf";
	char upper[RESIDENT_ADDRESS_MAX + sizeof top];
	unsigned bits = 0;
	sqlite3_stmt *st;

	if (q->birth_date != NULL && q->birth_date[0] != '\0')
		bits |= SEARCH_BIRTH;
	if (q->sex != 0)
		bits |= SEARCH_SEX;
	if (q->address_prefix != NULL && q->address_prefix[0] != '\0') {
		int n = snprintf(upper, sizeof upper, "%s%s",
		    q->address_prefix, top);
		if (n < 0 || (size_t)n >= sizeof upper) {
			snprintf(s->error, sizeof s->error, "address too long");
			return STORE_EINVAL;
		}
		bits |= SEARCH_ADDRESS;
	}
	if (!q->include_deleted)
		bits |= SEARCH_LIVE;
	st = s->search[bits];
	sqlite3_bind_text(st, 1, q->seion_kana, -1, SQLITE_STATIC);
	if (bits & SEARCH_BIRTH)
		sqlite3_bind_text(st, 2, q->birth_date, -1, SQLITE_STATIC);
	if (bits & SEARCH_SEX)
		sqlite3_bind_int(st, 3, q->sex);
	if (bits & SEARCH_ADDRESS) {
		sqlite3_bind_text(st, 4, q->address_prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, upper, -1, SQLITE_STATIC);
	}
	/* One row past the limit tells whether there were more. */
	sqlite3_bind_int64(st, 6, q->limit == 0 ? -1 : (int64_t)q->limit + 1);
	return each_row(s, st, cb, arg, q->limit, more);
}

static int
next_seq(struct sqlite_store *s, int64_t *seq)
{
	return step_int(s, s->stmt[ST_NEXT_SEQ], seq);
}

/* The caller's record keeps its 更新順番号 unless the write succeeds. */
static int
seq_end(struct sqlite_store *s, struct resident *r, int64_t before, int rc)
{
	rc = write_end(s, rc);
	if (rc != STORE_OK)
		r->update_seq = before;
	return rc;
}

static int
sqlite_insert(void *impl, struct resident *r)
{
	struct sqlite_store *s = impl;
	int64_t before = r->update_seq;
	int rc;

	if ((rc = write_begin(s)) != STORE_OK)
		return rc;
	if ((rc = next_seq(s, &r->update_seq)) == STORE_OK) {
		bind_resident(s->stmt[ST_INSERT], r);
		rc = step_done(s, s->stmt[ST_INSERT]);
	}
	return seq_end(s, r, before, rc);
}

static int
sqlite_update(void *impl, struct resident *r)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *archive = s->stmt[ST_ARCHIVE];
	sqlite3_stmt *current = s->stmt[ST_CURRENT_SEQ];
	int64_t before = r->update_seq, old_seq;
	int rc;

	if ((rc = write_begin(s)) != STORE_OK)
		return rc;
	sqlite3_bind_text(current, 1, r->juminhyo_code, -1, SQLITE_STATIC);
	if ((rc = step_int(s, current, &old_seq)) != STORE_OK ||
	    (rc = next_seq(s, &r->update_seq)) != STORE_OK)
		return seq_end(s, r, before, rc);
	sqlite3_bind_text(archive, 1, r->juminhyo_code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(archive, 2, r->update_seq);
	if ((rc = step_done(s, archive)) == STORE_OK) {
		bind_resident(s->stmt[ST_UPDATE], r);
		rc = step_done(s, s->stmt[ST_UPDATE]);
	}
	return seq_end(s, r, before, rc);
}

static int
sqlite_history(void *impl, const char *code, store_row_cb cb, void *arg)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *st = s->stmt[ST_HISTORY];

	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return each_row(s, st, cb, arg, 0, NULL);
}

static int
sqlite_each(void *impl, store_row_cb cb, void *arg)
{
	struct sqlite_store *s = impl;

	return each_row(s, s->stmt[ST_EACH], cb, arg, 0, NULL);
}

static int
sqlite_stats(void *impl, struct store_stats *out)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *st = s->stmt[ST_COUNT_RESIDENTS];
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		out->residents = sqlite3_column_int64(st, 0);
		out->deleted = sqlite3_column_int64(st, 1);
		out->last_update_seq = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return status_of(s, rc);
	return step_int(s, s->stmt[ST_COUNT_HISTORY], &out->history);
}

static int
sqlite_meta_get(void *impl, const char *key, char *out, size_t outsz)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *st = s->stmt[ST_META_GET];
	int rc, status;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	status = row_status(s, rc);
	if (rc == SQLITE_ROW) {
		int n = snprintf(out, outsz, "%s", sqlite3_column_text(st, 0));
		if (n < 0 || (size_t)n >= outsz) {
			snprintf(s->error, sizeof s->error,
			    "value of %s too long", key);
			status = STORE_ERROR;
		}
	}
	rewind_statement(st);
	return status;
}

static int
sqlite_meta_set(void *impl, const char *key, const char *value)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *st = s->stmt[ST_META_SET];

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return step_done(s, st);
}

static int
sqlite_update_applied(void *impl, const char *update_id)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *st = s->stmt[ST_UPDATE_APPLIED];
	int64_t seq;

	sqlite3_bind_text(st, 1, update_id, -1, SQLITE_STATIC);
	return step_int(s, st, &seq);
}

static int
sqlite_mark_applied(void *impl, const char *update_id, int64_t seq)
{
	struct sqlite_store *s = impl;
	sqlite3_stmt *st = s->stmt[ST_MARK_APPLIED];

	sqlite3_bind_text(st, 1, update_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seq);
	return step_done(s, st);
}

/* One DELETE of the purge: the rows it removed added to *count. */
static int
purge_step(struct sqlite_store *s, sqlite3_stmt *st, const char *before,
    int64_t *count)
{
	int rc;

	sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
	if ((rc = step_done(s, st)) == STORE_OK)
		*count += sqlite3_changes64(s->db);
	return rc;
}

static int
sqlite_purge(void *impl, const char *before, struct store_purged *out)
{
	struct sqlite_store *s = impl;
	int rc;

	out->history = out->residents = 0;
	if ((rc = write_begin(s)) != STORE_OK)
		return rc;
	/* History first: its rows refer to their resident. */
	if ((rc = step_done(s, s->stmt[ST_PURGE_FLOOR])) == STORE_OK &&
	    (rc = purge_step(s, s->stmt[ST_PURGE_REMOVED_HISTORY], before,
	    &out->history)) == STORE_OK &&
	    (rc = purge_step(s, s->stmt[ST_PURGE_REMOVED], before,
	    &out->residents)) == STORE_OK)
		rc = purge_step(s, s->stmt[ST_PURGE_HISTORY], before,
		    &out->history);
	rc = write_end(s, rc);
	if (rc != STORE_OK)
		out->history = out->residents = 0;
	return rc;
}

const struct store_engine store_engine_sqlite = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.remove = sqlite_db_remove,
	.error = sqlite_error,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.get_by_code = sqlite_get_by_code,
	.get_by_kojin = sqlite_get_by_kojin,
	.search = sqlite_search,
	.insert = sqlite_insert,
	.update = sqlite_update,
	.update_applied = sqlite_update_applied,
	.mark_applied = sqlite_mark_applied,
	.history = sqlite_history,
	.each = sqlite_each,
	.stats = sqlite_stats,
	.meta_get = sqlite_meta_get,
	.meta_set = sqlite_meta_set,
	.purge = sqlite_purge,
};
