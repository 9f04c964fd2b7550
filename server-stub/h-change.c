/*
 * A change of one of the server's SQLite files and its audit entry, all
 * or nothing: the roster (h-operators.c, h-applications.c), the forms
 * ledger (h-prints.c) and the disclosures (h-receive.c, h-disclosures.c,
 * h-corrections.c) alike.
 */
#include "juki/json-wipe.h"
#include "server.h"
#include "sqlite-db.h"

int
change_begin(struct request *rq, sqlite3 *db, const char *what)
{
	if (sqlite_db_begin(db) == 0)
		return 0;
	reply_error(rq, E_INTERNAL, what);
	return -1;
}

void
change_refuse(struct request *rq, sqlite3 *db, const char *what,
    enum protocol_error why, const char *detail)
{
	sqlite_db_rollback(db);
	reply_error(rq, why, why == E_INTERNAL ? what : detail);
}

/* Logged first: the file must not change unrecorded.  When the entry
 * cannot be written the change is undone; when the commit fails, a
 * second entry records that. */
void
change_finish(struct request *rq, sqlite3 *db, const char *what,
    json_t *body)
{
	if (body == NULL)
		change_refuse(rq, db, what, E_INTERNAL, NULL);
	else if (audit_request(rq) != 0) {
		sqlite_db_rollback(db);
		json_wipe(body);
		reply_error(rq, E_AUDIT, NULL);
	} else if (sqlite_db_commit(db) != 0) {
		json_wipe(body);
		reply_error(rq, E_INTERNAL, what);
	} else
		send_ok(rq, body);
}
