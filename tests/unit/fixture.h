/* Records and files the unit tests share. */
#ifndef JUKI_TEST_FIXTURE_H
#define JUKI_TEST_FIXTURE_H

#include <stddef.h>
#include <time.h>

#include "juki/protocol.h"
#include "juki/resident.h"

/*
 * A valid resident: n picks distinct 住民票コード and 個人番号 (check digits
 * computed), every one of the 24 items set to something not zero.
 */
void fixture_resident(struct resident *r, unsigned n, const char *kanji,
    const char *kana, const char *birth, int sex, const char *address);

/* A fresh path under $TMPDIR (or /tmp) for a database; removed with its
 * -wal and -shm files by fixture_remove_db(). */
void fixture_db_path(char *out, size_t outsz);
void fixture_remove_db(const char *path);

/* A file at path as sql leaves it: another program's, or one an older
 * version of ours wrote. */
void fixture_write_db(const char *path, const char *sql);

/* A number an SQL query on db answers (one row, one column), and a
 * statement whose sqlite3_exec result must be want: cmocka asserts. */
struct sqlite3;
long long fixture_count(struct sqlite3 *db, const char *sql);
void fixture_sql(struct sqlite3 *db, const char *sql, int want);

/* A moment, UTC: the modules are passed the time, so that no test
 * depends on today. */
time_t fixture_at(int year, int month, int day, int hour);

/*
 * A change as the server makes it (h-change.c): fixture_begin on the
 * module's own connection, the change, then fixture_settle with what
 * the change returned, committing it when done (rc 0) and rolling it
 * back when refused.  FIXTURE_DONE, or the refusal *why (an enum
 * protocol_error is never negative).
 */
#define FIXTURE_DONE (-1)
void fixture_begin(struct sqlite3 *db);
int fixture_settle(struct sqlite3 *db, int rc, const enum protocol_error *why);

#endif
