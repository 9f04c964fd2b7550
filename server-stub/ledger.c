/*
 * The forms ledger in its SQLite file: the serials it issues, how each
 * form ended, and the ledger as it is read.  The paper's later steps are
 * in ledger-steps.c, reprints in ledger-reprint.c, the rules the file
 * itself keeps in ledger-schema.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "juki/i18n.h"
#include "juki/utc-time.h"
#include "ledger-db.h"

/* A line's columns; its latest reprint request, "" once used. */
#define COLUMNS "serial, form, subject, reason, operator_id, terminal_id," \
	" terminal_cert, issued_at, state, finished_at, detail, reprint_of," \
	" (SELECT CASE WHEN r.used_by IS NOT NULL THEN ''" \
	"   WHEN r.approved_by IS NOT NULL THEN 'approved'" \
	"   ELSE 'awaiting-approval' END FROM print_reprint r" \
	"  WHERE r.serial = print_job.serial ORDER BY r.seq DESC LIMIT 1)"

static const struct {
	const char *name;
	unsigned roles;
	int has_subject;
} forms[] = {
#define FORM_ROW(name, roles, subject, title) { name, roles, subject },
	PRINT_FORMS(FORM_ROW)
#undef FORM_ROW
};

static const char *const states[] = {
#define STATE_ROW(name, label) name,
	PRINT_STATES(STATE_ROW)
#undef STATE_ROW
};

static int
form_index(const char *form)
{
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(forms[i].name, form) == 0)
			return (int)i;
	return -1;
}

unsigned
ledger_form_roles(const char *form)
{
	int i = form_index(form);

	return i < 0 ? 0 : forms[i].roles;
}

int
ledger_form_has_subject(const char *form)
{
	int i = form_index(form);

	return i < 0 ? 0 : forms[i].has_subject;
}

int
ledger_may_print(const struct print_owner *who, const char *form)
{
	return (who->roles & ledger_form_roles(form)) != 0;
}

int
ledger_state_known(const char *name)
{
	return NAME_INDEX(states, name) >= 0;
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
ledger_event(struct ledger *l, const char *serial, const char *action,
    const struct print_owner *who, const char *at, const char *note)
{
	return sqlite_db_run(l->db, 1, "INSERT INTO print_event (serial, time,"
	    " action, operator_id, terminal_id, note) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6)", 6, serial, at, action, who->operator_id,
	    who->terminal_id, note);
}

/* A row of COLUMNS into j. */
static void
read_row(sqlite3_stmt *st, struct print_job *j)
{
	memset(j, 0, sizeof *j);
	sqlite_db_column_text(st, 0, j->serial, sizeof j->serial);
	sqlite_db_column_text(st, 1, j->form, sizeof j->form);
	sqlite_db_column_text(st, 2, j->subject, sizeof j->subject);
	sqlite_db_column_text(st, 3, j->reason, sizeof j->reason);
	sqlite_db_column_text(st, 4, j->operator_id, sizeof j->operator_id);
	sqlite_db_column_text(st, 5, j->terminal_id, sizeof j->terminal_id);
	sqlite_db_column_text(st, 6, j->terminal_cert, sizeof j->terminal_cert);
	sqlite_db_column_text(st, 7, j->issued_at, sizeof j->issued_at);
	sqlite_db_column_text(st, 8, j->state, sizeof j->state);
	sqlite_db_column_text(st, 9, j->finished_at, sizeof j->finished_at);
	sqlite_db_column_text(st, 10, j->detail, sizeof j->detail);
	sqlite_db_column_text(st, 11, j->reprint_of, sizeof j->reprint_of);
	sqlite_db_column_text(st, 12, j->reprint, sizeof j->reprint);
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
	return sqlite_db_found(st, rc);
}

int
ledger_printed(struct ledger *l, const char *form, const char *subject)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT 1 FROM print_job"
	    " WHERE form = ?1 AND subject = ?2"
	    " AND state NOT IN ('issued', 'not-printed') LIMIT 1", 2, form,
	    subject)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
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

/* The next serial, its year the local one of now (the year the paper is
 * dated in), and issued_at (UTC, as every time of the protocol) into
 * out.  0, or -1 when the numbers have run out. */
static int
next_serial(struct ledger *l, time_t now, struct print_job *out)
{
	int64_t last = last_sequence(l);
	struct tm local;

	if (last < 0 || last >= LEDGER_SEQUENCE_MAX ||
	    localtime_r(&now, &local) == NULL || local.tm_year + 1900 < 0 ||
	    local.tm_year + 1900 > 9999 || utc_text(now, out->issued_at) != 0)
		return -1;
	/* Both in range, checked above: the remainders only tell the
	 * compiler so. */
	snprintf(out->serial, sizeof out->serial, "P%04u-%06u",
	    (unsigned)(local.tm_year + 1900) % 10000u,
	    (unsigned)(last + 1) % 1000000u);
	return 0;
}

/* The line of out, issued; a reprint's original learns of it. */
static int
insert_line(struct ledger *l, const struct print_job *j,
    const struct print_owner *who)
{
	const char *reprint_of = j->reprint_of[0] != '\0' ? j->reprint_of :
	    NULL;

	if (sqlite_db_run(l->db, 1, "INSERT INTO print_job (serial, form,"
	    " subject, reason, operator_id, terminal_id, terminal_cert,"
	    " issued_at, reprint_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " ?9)", 9, j->serial, j->form, j->subject, j->reason, j->operator_id,
	    j->terminal_id, j->terminal_cert, j->issued_at, reprint_of) != 0 ||
	    ledger_event(l, j->serial, "issued", who, j->issued_at, "") != 0)
		return -1;
	if (reprint_of != NULL && ledger_event(l, reprint_of, "reprinted",
	    who, j->issued_at, j->serial) != 0)
		return -1;
	return 0;
}

int
ledger_issue(struct ledger *l, const char *form, const char *subject,
    const char *reason, const struct print_owner *who, time_t now,
    struct print_job *out, enum protocol_error *why)
{
	memset(out, 0, sizeof *out);
	if (ledger_reprint_find(l, form, subject, out->reprint_of, why) != 0)
		return -1;
	*why = E_INTERNAL;	/* whatever fails from here */
	if (next_serial(l, now, out) != 0)
		return -1;
	snprintf(out->form, sizeof out->form, "%s", form);
	snprintf(out->subject, sizeof out->subject, "%s", subject);
	snprintf(out->reason, sizeof out->reason, "%s", reason);
	snprintf(out->operator_id, sizeof out->operator_id, "%s",
	    who->operator_id);
	snprintf(out->terminal_id, sizeof out->terminal_id, "%s",
	    who->terminal_id);
	snprintf(out->terminal_cert, sizeof out->terminal_cert, "%s",
	    who->terminal_cert);
	snprintf(out->state, sizeof out->state, "issued");
	return insert_line(l, out, who);
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
	if (utc_text(now, at) != 0 || sqlite_db_run(l->db, 1, "UPDATE print_job"
	    " SET state = ?2, finished_at = ?3, detail = ?4"
	    " WHERE serial = ?1 AND state = 'issued'", 4, serial, state, at,
	    detail) != 0 || ledger_event(l, serial, state, who, at,
	    detail) != 0)
		return -1;
	snprintf(out->state, sizeof out->state, "%s", state);
	snprintf(out->finished_at, sizeof out->finished_at, "%s", at);
	snprintf(out->detail, sizeof out->detail, "%s", detail);
	return 0;
}

int
ledger_list(struct ledger *l, const struct ledger_filter *f,
    int (*each)(const struct print_job *, void *), void *arg)
{
	struct print_job j;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT " COLUMNS " FROM print_job"
	    " WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR form = ?2)"
	    " AND (?3 = '' OR subject = ?3) AND (?4 = '' OR operator_id = ?4)"
	    " ORDER BY sequence DESC LIMIT ?5", 4, f->state, f->form,
	    f->subject, f->operator_id)) == NULL)
		return -1;
	if (sqlite3_bind_int(st, 5, LEDGER_LIST_MAX) != SQLITE_OK) {
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
