/*
 * Opening the project's SQLite files the one right way: created mode 0600,
 * WAL with a full fsync at each commit (or a bulk mode for new files),
 * foreign keys on, extended result codes, and the schema brought up to date
 * by numbered migrations.  A file is marked with its application_id; a
 * foreign file or one of a newer version is refused and never touched.
 */
#ifndef JUKI_SQLITE_DB_H
#define JUKI_SQLITE_DB_H

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

#endif
