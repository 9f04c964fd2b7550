/*
 * Internals of the SQLite engine that its tests look at.
 */
#ifndef JUKI_STORE_SQLITE_H
#define JUKI_STORE_SQLITE_H

#include <stddef.h>

/* Migration i (0-based) brings the schema from version i to i + 1. */
extern const char *const sqlite_schema_migrations[];
extern const int sqlite_schema_version;

/* 'JUKI' in PRAGMA application_id marks a file as ours. */
#define SQLITE_STORE_APPLICATION_ID 0x4a554b49

/*
 * The SQL of lookup statement i (point lookups, history, every variant of the
 * 4情報 search), so a test can check its query plan.  Returns 0, or -1 when i
 * is past the last one or out is too small.
 */
int sqlite_store_lookup_sql(unsigned i, char *out, size_t outsz);

#endif
