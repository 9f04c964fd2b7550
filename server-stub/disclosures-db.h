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

#endif
