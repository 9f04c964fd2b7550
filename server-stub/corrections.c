/*
 * Correction requests (訂正・追加・削除の申出) in the disclosures file:
 * registered about a request decided or notified, forwarded to the
 * municipality, never changed.  The file refuses anything else
 * (disclosures.c has its schema).
 */
#include <stdio.h>
#include <string.h>

#include "disclosures-db.h"

#define COLUMNS "correction_no, request_no, kind, item, current," \
	" requested, reason, state, registered_at, registered_by"

static void
read_row(sqlite3_stmt *st, struct correction *c)
{
	memset(c, 0, sizeof *c);
	sqlite_db_column_text(st, 0, c->correction_no,
	    sizeof c->correction_no);
	sqlite_db_column_text(st, 1, c->request_no, sizeof c->request_no);
	sqlite_db_column_text(st, 2, c->kind, sizeof c->kind);
	sqlite_db_column_text(st, 3, c->item, sizeof c->item);
	sqlite_db_column_text(st, 4, c->current, sizeof c->current);
	sqlite_db_column_text(st, 5, c->requested, sizeof c->requested);
	sqlite_db_column_text(st, 6, c->reason, sizeof c->reason);
	sqlite_db_column_text(st, 7, c->state, sizeof c->state);
	sqlite_db_column_text(st, 8, c->registered_at,
	    sizeof c->registered_at);
	sqlite_db_column_text(st, 9, c->registered_by,
	    sizeof c->registered_by);
}

int
disclosures_correction_known(struct disclosures *d, const char *no)
{
	int64_t n = -1;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(d->db, "SELECT count(*) FROM correction"
	    " WHERE correction_no = ?1", 1, no)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? n > 0 : -1;
}

/* Why the request of c may not have a correction now, or 0 when it may.
 * Asked in the order a clerk would: is there such a request, is it
 * decided, is the number free. */
static enum protocol_error
refusal(struct disclosures *d, const struct correction *c)
{
	struct disclosure_request r;
	int rc = disclosures_get(d, c->request_no, &r), used;
	int decided = rc == 0 && disclosure_decided(&r);

	explicit_bzero(&r, sizeof r);
	if (rc != 0)
		return rc > 0 ? E_NO_REQUEST : E_INTERNAL;
	if (!decided)
		return E_STATE;
	if ((used = disclosures_correction_known(d, c->correction_no)) != 0)
		return used > 0 ? E_DUPLICATE : E_INTERNAL;
	return 0;
}

int
disclosures_correct(struct disclosures *d, struct correction *c,
    const char *by, time_t now, enum protocol_error *why)
{
	if ((*why = refusal(d, c)) != 0)
		return -1;
	*why = E_INTERNAL;	/* whatever fails from here */
	snprintf(c->state, sizeof c->state, "forwarded");
	snprintf(c->registered_by, sizeof c->registered_by, "%s", by);
	if (utc_text(now, c->registered_at) != 0)
		return -1;
	return sqlite_db_run(d->db, 1, "INSERT INTO correction (correction_no,"
	    " request_no, kind, item, current, requested, reason,"
	    " registered_at, registered_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7, ?8, ?9)", 9, c->correction_no, c->request_no, c->kind,
	    c->item, c->current, c->requested, c->reason, c->registered_at,
	    c->registered_by);
}

int
disclosures_corrections(struct disclosures *d, const char *no,
    int (*each)(const struct correction *, void *), void *arg)
{
	struct correction c;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(d->db, "SELECT " COLUMNS
	    " FROM correction WHERE request_no = ?1 ORDER BY id", 1,
	    no)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &c);
		if (each(&c, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	explicit_bzero(&c, sizeof c);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
