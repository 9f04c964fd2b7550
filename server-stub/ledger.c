/*
 * The forms ledger in its SQLite file: the serials it issues, how each
 * form ended, and the rules the file itself keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "juki/i18n.h"
#include "juki/utc-time.h"
#include "ledger.h"
#include "sqlite-db.h"

/*
 * One line a form.  "sequence" is the serial's number, whatever its year:
 * unique, so no number is issued twice, and the order the lines were
 * issued in.  The triggers keep the rules of ledger.h against anything
 * done to the file through SQL: a new line is "issued", with a number
 * after the last; no line is deleted; a line changes once, from "issued"
 * to how it ended, and nothing but that.
 */
static const char schema_v1[] =
	"CREATE TABLE print_job ("
	"  serial TEXT PRIMARY KEY CHECK (serial GLOB"
	"    'P[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'),"
	"  sequence INTEGER NOT NULL GENERATED ALWAYS AS"
	"    (CAST(substr(serial, 7) AS INTEGER)) STORED UNIQUE,"
	"  form TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 31),"
	"  reason TEXT NOT NULL CHECK (reason <> ''),"
	"  operator_id TEXT NOT NULL CHECK (operator_id <> ''),"
	"  terminal_id TEXT NOT NULL CHECK (terminal_id <> ''),"
	"  terminal_cert TEXT NOT NULL CHECK (length(terminal_cert) = 64),"
	"  issued_at TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'issued'"
	"    CHECK (state IN ('issued', 'printed', 'not-printed')),"
	"  finished_at TEXT,"
	"  detail TEXT NOT NULL DEFAULT '',"
	"  CHECK ((state = 'issued') = (finished_at IS NULL))"
	") STRICT;"
	"CREATE TRIGGER print_job_issue BEFORE INSERT ON print_job"
	"  WHEN NEW.state <> 'issued' OR NEW.detail <> ''"
	"    OR CAST(substr(NEW.serial, 7) AS INTEGER) <="
	"      (SELECT coalesce(max(sequence), 0) FROM print_job)"
	"  BEGIN SELECT RAISE(ABORT,"
	"    'a serial is issued once, after the last'); END;"
	"CREATE TRIGGER print_job_no_delete BEFORE DELETE ON print_job"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger keeps every line'); END;"
	"CREATE TRIGGER print_job_finish_once BEFORE UPDATE ON print_job"
	"  WHEN OLD.state <> 'issued' OR NEW.state = 'issued'"
	"    OR NEW.serial IS NOT OLD.serial OR NEW.form IS NOT OLD.form"
	"    OR NEW.reason IS NOT OLD.reason"
	"    OR NEW.operator_id IS NOT OLD.operator_id"
	"    OR NEW.terminal_id IS NOT OLD.terminal_id"
	"    OR NEW.terminal_cert IS NOT OLD.terminal_cert"
	"    OR NEW.issued_at IS NOT OLD.issued_at"
	"  BEGIN SELECT RAISE(ABORT,"
	"    'a line changes once, from issued to how it ended'); END;";

static const char *const migrations[] = { schema_v1 };

static const struct sqlite_db_schema ledger_schema = {
	.application_id = 0x4a4b504c,	/* 'JKPL' */
	.migrations = migrations,
	.version = 1,
	.not_ours = N_("帳票管理簿のデータベースではありません"),
};

#define COLUMNS "serial, form, reason, operator_id, terminal_id," \
	" terminal_cert, issued_at, state, finished_at, detail"

struct ledger {
	sqlite3 *db;
};

static const struct {
	const char *name;
	unsigned roles;
} forms[] = {
#define FORM_ROW(name, roles, subject, title) { name, roles },
	PRINT_FORMS(FORM_ROW)
#undef FORM_ROW
};

unsigned
ledger_form_roles(const char *form)
{
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(forms[i].name, form) == 0)
			return forms[i].roles;
	return 0;
}

int
ledger_state_known(const char *name)
{
	return strcmp(name, "issued") == 0 || strcmp(name, "printed") == 0 ||
	    strcmp(name, "not-printed") == 0;
}

int
ledger_serial_well_formed(const char *serial)
{
	static const char shape[] = "PYYYY-NNNNNN";

	if (strlen(serial) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'Y' || shape[i] == 'N' ?
		    serial[i] < '0' || serial[i] > '9' : serial[i] != shape[i])
			return 0;
	return 1;
}

int
ledger_open(const char *path, struct ledger **out, const char **reason)
{
	struct ledger *l = calloc(1, sizeof *l);

	*out = NULL;
	if (l == NULL) {
		*reason = N_("メモリが足りません");
		return -1;
	}
	if (sqlite_db_open(path, SQLITE_DB_CREATE, &ledger_schema, &l->db,
	    reason) != SQLITE_DB_OK) {
		free(l);
		return -1;
	}
	*out = l;
	return 0;
}

void
ledger_close(struct ledger *l)
{
	if (l == NULL)
		return;
	sqlite_db_close(l->db, 0);
	free(l);
}

sqlite3 *
ledger_db(struct ledger *l)
{
	return l->db;
}

int
ledger_begin(struct ledger *l)
{
	return sqlite_db_begin(l->db);
}

int
ledger_commit(struct ledger *l)
{
	return sqlite_db_commit(l->db);
}

void
ledger_rollback(struct ledger *l)
{
	sqlite_db_rollback(l->db);
}

/* A row of COLUMNS into j. */
static void
read_row(sqlite3_stmt *st, struct print_job *j)
{
	memset(j, 0, sizeof *j);
	sqlite_db_column_text(st, 0, j->serial, sizeof j->serial);
	sqlite_db_column_text(st, 1, j->form, sizeof j->form);
	sqlite_db_column_text(st, 2, j->reason, sizeof j->reason);
	sqlite_db_column_text(st, 3, j->operator_id, sizeof j->operator_id);
	sqlite_db_column_text(st, 4, j->terminal_id, sizeof j->terminal_id);
	sqlite_db_column_text(st, 5, j->terminal_cert, sizeof j->terminal_cert);
	sqlite_db_column_text(st, 6, j->issued_at, sizeof j->issued_at);
	sqlite_db_column_text(st, 7, j->state, sizeof j->state);
	sqlite_db_column_text(st, 8, j->finished_at, sizeof j->finished_at);
	sqlite_db_column_text(st, 9, j->detail, sizeof j->detail);
}

int
ledger_get(struct ledger *l, const char *serial, struct print_job *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT " COLUMNS " FROM print_job"
	    " WHERE serial = ?1", 1, serial)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : -1;
}

/* The highest sequence number issued, 0 for none; -1 on error. */
static int64_t
last_sequence(struct ledger *l)
{
	int64_t last = -1;

	if (sqlite_db_query_int(l->db, "SELECT coalesce(max(sequence), 0)"
	    " FROM print_job", &last) != SQLITE_DB_OK)
		return -1;
	return last;
}

/* The year of the serial is the local one, the year the paper is dated
 * in; issued_at is UTC, as every time of the protocol. */
int
ledger_issue(struct ledger *l, const char *form, const char *reason,
    const struct print_owner *who, time_t now, struct print_job *out)
{
	int64_t last = last_sequence(l);
	struct tm local;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (last < 0 || last >= LEDGER_SEQUENCE_MAX ||
	    localtime_r(&now, &local) == NULL || local.tm_year + 1900 < 0 ||
	    local.tm_year + 1900 > 9999 || utc_text(now, out->issued_at) != 0)
		return -1;
	/* Both in range, checked above: the remainders only tell the
	 * compiler so. */
	snprintf(out->serial, sizeof out->serial, "P%04u-%06u",
	    (unsigned)(local.tm_year + 1900) % 10000u,
	    (unsigned)(last + 1) % 1000000u);
	snprintf(out->form, sizeof out->form, "%s", form);
	snprintf(out->reason, sizeof out->reason, "%s", reason);
	snprintf(out->operator_id, sizeof out->operator_id, "%s",
	    who->operator_id);
	snprintf(out->terminal_id, sizeof out->terminal_id, "%s",
	    who->terminal_id);
	snprintf(out->terminal_cert, sizeof out->terminal_cert, "%s",
	    who->terminal_cert);
	snprintf(out->state, sizeof out->state, "issued");
	if ((st = sqlite_db_statement(l->db, "INSERT INTO print_job"
	    " (serial, form, reason, operator_id, terminal_id, terminal_cert, issued_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", 7, out->serial, form,
	    reason, who->operator_id, who->terminal_id, who->terminal_cert,
	    out->issued_at)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
owned_by(const struct print_job *j, const struct print_owner *who)
{
	return strcmp(j->operator_id, who->operator_id) == 0 &&
	    strcmp(j->terminal_id, who->terminal_id) == 0 &&
	    strcmp(j->terminal_cert, who->terminal_cert) == 0;
}

/* Someone else's line is refused before its state is told. */
int
ledger_finish(struct ledger *l, const char *serial,
    const struct print_owner *who, int printed, const char *detail,
    time_t now, struct print_job *out, enum protocol_error *why)
{
	const char *state = printed ? "printed" : "not-printed";
	char at[OPERATOR_TIME_MAX];
	sqlite3_stmt *st;
	int rc = ledger_get(l, serial, out);

	if (rc != 0) {
		*why = rc > 0 ? E_NO_PRINT_JOB : E_INTERNAL;
		return -1;
	}
	if (!owned_by(out, who)) {
		*why = E_NOT_YOURS;
		return -1;
	}
	if (strcmp(out->state, "issued") != 0) {
		*why = E_STATE;
		return -1;
	}
	*why = E_INTERNAL;	/* whatever fails from here */
	if (utc_text(now, at) != 0 ||
	    (st = sqlite_db_statement(l->db, "UPDATE print_job SET state = ?2,"
	    " finished_at = ?3, detail = ?4"
	    " WHERE serial = ?1 AND state = 'issued'", 4, serial, state, at,
	    detail)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_changes(l->db) != 1)
		return -1;
	snprintf(out->state, sizeof out->state, "%s", state);
	snprintf(out->finished_at, sizeof out->finished_at, "%s", at);
	snprintf(out->detail, sizeof out->detail, "%s", detail);
	return 0;
}

int
ledger_list(struct ledger *l, const char *state, const char *form,
    int (*each)(const struct print_job *, void *), void *arg)
{
	struct print_job j;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT " COLUMNS " FROM print_job"
	    " WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR form = ?2)"
	    " ORDER BY sequence DESC LIMIT ?3", 2, state, form)) == NULL)
		return -1;
	if (sqlite3_bind_int(st, 3, LEDGER_LIST_MAX) != SQLITE_OK) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &j);
		if (each(&j, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
