/*
 * Opening the project's SQLite files the one right way: created mode 0600,
 * WAL with a full fsync at each commit (or a bulk mode for new files),
 * foreign keys on, extended result codes, and the schema brought up to date
 * by numbered migrations.  A file is marked with its application_id; a
 * foreign file or one of a newer version is refused and never touched.
 */
#ifndef JUKI_SQLITE_DB_H
#define JUKI_SQLITE_DB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

enum sqlite_db_flags {
	SQLITE_DB_READONLY = 1 << 0,
	SQLITE_DB_CREATE = 1 << 1,
	SQLITE_DB_BULK = 1 << 2,	/* new file: no WAL, no fsync */
};

enum sqlite_db_status {
	SQLITE_DB_OK = 0,
	SQLITE_DB_ERROR = -1,
	SQLITE_DB_ESCHEMA = -4,	/* not ours, or newer than this program */
	SQLITE_DB_EBUSY = -5,
};

struct sqlite_db_schema {
	int32_t application_id;
	const char *const *migrations;	/* migration i: version i to i + 1 */
	int version;			/* how many there are */
	const char *not_ours;		/* message id when the id differs */
};

/* Returns an SQLITE_DB_* status; on failure *out is NULL and *reason set. */
int sqlite_db_open(const char *path, int flags,
    const struct sqlite_db_schema *schema, sqlite3 **out,
    const char **reason);

/* Closes db; a bulk-loaded file is switched to WAL first. */
void sqlite_db_close(sqlite3 *db, int flags);

/* Deletes a database file with its -wal and -shm.  0 or -1 (errno). */
int sqlite_db_remove(const char *path);

/*
 * A transaction: BEGIN IMMEDIATE, then COMMIT or ROLLBACK.  0 or -1; a
 * commit that fails is rolled back.
 */
int sqlite_db_begin(sqlite3 *db);
int sqlite_db_commit(sqlite3 *db);
void sqlite_db_rollback(sqlite3 *db);

/* sql prepared, the n texts that follow bound to ?1 … ?n (a NULL binds
 * NULL); NULL on error.  The texts must outlive the statement. */
sqlite3_stmt *sqlite_db_statement(sqlite3 *db, const char *sql, int n, ...);
sqlite3_stmt *sqlite_db_vstatement(sqlite3 *db, const char *sql, int n,
    va_list ap);

/* sql prepared as by sqlite_db_statement and run to its end, changing
 * exactly one row when one is 1 (so that an UPDATE whose WHERE found
 * the row already moved on is no success): 0 or -1. */
int sqlite_db_run(sqlite3 *db, int one, const char *sql, int n, ...);

/* Finalizes st, whose one step gave rc: 0 when that was a row, 1 when
 * there was none, -1 on error; what the server's modules answer for a
 * row looked up by its key. */
int sqlite_db_found(sqlite3_stmt *st, int rc);

/* Column i of a row as text, "" for NULL, into out of outsz bytes. */
void sqlite_db_column_text(sqlite3_stmt *st, int i, char *out, size_t outsz);

/* The first column of the first row of sql into *out (untouched when
 * there is no row): an SQLITE_DB_* status. */
int sqlite_db_query_int(sqlite3 *db, const char *sql, int64_t *out);

#endif
