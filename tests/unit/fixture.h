/* Records and files the unit tests share. */
#ifndef JUKI_TEST_FIXTURE_H
#define JUKI_TEST_FIXTURE_H

#include <stddef.h>

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

/* A number an SQL query on db answers (one row, one column), and a
 * statement whose sqlite3_exec result must be want: cmocka asserts. */
struct sqlite3;
long long fixture_count(struct sqlite3 *db, const char *sql);
void fixture_sql(struct sqlite3 *db, const char *sql, int want);

#endif
