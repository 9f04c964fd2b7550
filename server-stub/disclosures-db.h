/*
 * Inside the disclosures file, for the modules that read and change it
 * (disclosures.c, corrections.c) and for no one else.
 */
#ifndef JUKI_DISCLOSURES_DB_H
#define JUKI_DISCLOSURES_DB_H

#include <sqlite3.h>

#include "disclosures.h"
#include "sqlite-db.h"

struct disclosures {
	sqlite3 *db;
};

/* sql prepared, the n texts that follow bound to ?1 … ?n (a NULL binds
 * NULL; sqlite_db_statement), run to its end, one row changed: 0 or
 * -1. */
int dsc_change(struct disclosures *d, const char *sql, int n, ...);

#endif
