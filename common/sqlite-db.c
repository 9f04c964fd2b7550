#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "juki/i18n.h"
#include "sqlite-db.h"

static int
status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return SQLITE_DB_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return SQLITE_DB_EBUSY;
	default:
		return SQLITE_DB_ERROR;
	}
}

static int
exec(sqlite3 *db, const char *sql)
{
	return status_of(sqlite3_exec(db, sql, NULL, NULL, NULL));
}

int
sqlite_db_query_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return status_of(rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return status_of(rc);
}

int
sqlite_db_begin(sqlite3 *db)
{
	return sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

/* A commit that fails leaves the transaction open: it is undone. */
int
sqlite_db_commit(sqlite3 *db)
{
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	sqlite_db_rollback(db);
	return -1;
}

void
sqlite_db_rollback(sqlite3 *db)
{
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
sqlite_db_vstatement(sqlite3 *db, const char *sql, int n, va_list ap)
{
	sqlite3_stmt *st;
	const char *v;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	for (int i = 1; i <= n; i++) {
		v = va_arg(ap, const char *);
		rc = v != NULL ? sqlite3_bind_text(st, i, v, -1,
		    SQLITE_STATIC) : sqlite3_bind_null(st, i);
		if (rc != SQLITE_OK) {
			sqlite3_finalize(st);
			return NULL;
		}
	}
	return st;
}

sqlite3_stmt *
sqlite_db_statement(sqlite3 *db, const char *sql, int n, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, n);
	st = sqlite_db_vstatement(db, sql, n, ap);
	va_end(ap);
	return st;
}

int
sqlite_db_run(sqlite3 *db, int one, const char *sql, int n, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, n);
	st = sqlite_db_vstatement(db, sql, n, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || (one && sqlite3_changes(db) != 1))
		return -1;
	return 0;
}

int
sqlite_db_found(sqlite3_stmt *st, int rc)
{
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : -1;
}

void
sqlite_db_column_text(sqlite3_stmt *st, int i, char *out, size_t outsz)
{
	const unsigned char *text = sqlite3_column_text(st, i);

	snprintf(out, outsz, "%s", text != NULL ? (const char *)text : "");
}

/*
 * Applies the migrations the file lacks, all in one transaction, and marks
 * the file as ours.
 */
static int
migrate(sqlite3 *db, const struct sqlite_db_schema *schema, int readonly,
    const char **reason)
{
	int64_t app_id, version, objects;
	char pragma[128];
	int rc;

	if ((rc = sqlite_db_query_int(db, "PRAGMA application_id",
	    &app_id)) != 0 ||
	    (rc = sqlite_db_query_int(db, "PRAGMA user_version",
	    &version)) != 0 ||
	    (rc = sqlite_db_query_int(db, "SELECT count(*) FROM sqlite_schema",
	    &objects)) != 0) {
		*reason = N_("データベースを読めません");
		return rc;
	}
	if (app_id != schema->application_id && (app_id != 0 ||
	    objects != 0)) {
		*reason = schema->not_ours;
		return SQLITE_DB_ESCHEMA;
	}
	if (version > schema->version) {
		*reason = N_("新しい版のデータベースです。プログラムを更新して"
		    "ください");
		return SQLITE_DB_ESCHEMA;
	}
	if (version == schema->version)
		return SQLITE_DB_OK;
	if (readonly) {
		*reason = N_("データベースの更新(移行)が必要です");
		return SQLITE_DB_ESCHEMA;
	}
	if ((rc = exec(db, "BEGIN IMMEDIATE")) != SQLITE_DB_OK)
		goto failed;
	for (int64_t v = version; v < schema->version; v++)
		if ((rc = exec(db, schema->migrations[v])) != SQLITE_DB_OK)
			goto rollback;
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d;"
	    " PRAGMA user_version = %d", schema->application_id,
	    schema->version);
	if ((rc = exec(db, pragma)) != SQLITE_DB_OK ||
	    (rc = exec(db, "COMMIT")) != SQLITE_DB_OK)
		goto rollback;
	return SQLITE_DB_OK;
rollback:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
failed:
	*reason = N_("データベースを初期化できません");
	return rc;
}

/*
 * The files hold residents and operators: readable by their owner only.
 * SQLite gives the -wal and -shm files the same mode.
 */
static int
create_private(const char *path, const char **reason)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);

	if (fd >= 0)
		return close(fd) == 0 ? 0 : -1;
	if (errno == EEXIST)
		return 0;
	*reason = N_("データベースファイルを作成できません");
	return -1;
}

static int
configure(sqlite3 *db, int flags)
{
	int rc;

	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	if ((rc = exec(db, "PRAGMA foreign_keys = ON")) != SQLITE_DB_OK)
		return rc;
	if (flags & SQLITE_DB_READONLY)
		return SQLITE_DB_OK;
	/*
	 * A bulk load writes a file nobody else uses yet and that is thrown
	 * away if the load fails: no WAL, no fsync, a large cache.  The file
	 * is switched to WAL when closed.
	 */
	if (flags & SQLITE_DB_BULK)
		return exec(db, "PRAGMA journal_mode = MEMORY;"
		    " PRAGMA synchronous = OFF; PRAGMA cache_size = -524288");
	if ((rc = exec(db, "PRAGMA journal_mode = WAL")) != SQLITE_DB_OK)
		return rc;
	return exec(db, "PRAGMA synchronous = FULL");
}

int
sqlite_db_open(const char *path, int flags,
    const struct sqlite_db_schema *schema, sqlite3 **out,
    const char **reason)
{
	int readonly = flags & SQLITE_DB_READONLY;
	int oflags = SQLITE_OPEN_NOFOLLOW | (readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE);
	sqlite3 *db = NULL;
	int rc;

	*out = NULL;
	if ((flags & SQLITE_DB_CREATE) && !readonly &&
	    create_private(path, reason) != 0)
		return SQLITE_DB_ERROR;
	if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
		*reason = N_("データベースを開けません");
		sqlite3_close(db);
		return SQLITE_DB_ERROR;
	}
	if ((rc = configure(db, flags)) != SQLITE_DB_OK) {
		*reason = rc == SQLITE_DB_EBUSY ?
		    N_("データベースは他のプロセスが使用中です") :
		    N_("データベースを開けません");
		sqlite3_close(db);
		return rc;
	}
	if ((rc = migrate(db, schema, readonly, reason)) != SQLITE_DB_OK) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return SQLITE_DB_OK;
}

void
sqlite_db_close(sqlite3 *db, int flags)
{
	if (db == NULL)
		return;
	if ((flags & SQLITE_DB_BULK) && !(flags & SQLITE_DB_READONLY))
		sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	sqlite3_close(db);
}

int
sqlite_db_remove(const char *path)
{
	static const char *const companions[] = { "-wal", "-shm" };
	char name[4096];
	int n;

	if (unlink(path) != 0 && errno != ENOENT)
		return -1;
	for (size_t i = 0; i < 2; i++) {
		n = snprintf(name, sizeof name, "%s%s", path, companions[i]);
		if (n < 0 || (size_t)n >= sizeof name) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (unlink(name) != 0 && errno != ENOENT)
			return -1;
	}
	return 0;
}
