/*
 * The alerts in their SQLite file: the schema and the rules the file
 * itself keeps, the alerts as the watch (alert-watch.c) raises them, and
 * their acknowledgements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "juki/i18n.h"
#include "sqlite-db.h"

/*
 * One row an alert, in the order raised, never changed or deleted; one
 * row an acknowledgement, beside it.  The rules' names are those of
 * protocol.h as this version of the file was made (a later name is a
 * later migration).  The triggers refuse INSERT OR REPLACE too (it
 * deletes without the delete trigger), an acknowledgement of an alert
 * that is not there, a second one, and one by the operator the alert is
 * about.
 */
#define ALERT_SCHEMA \
	"CREATE TABLE alert (" \
	"  id INTEGER PRIMARY KEY," \
	"  time TEXT NOT NULL CHECK (time GLOB '[0-9][0-9][0-9][0-9]-" \
	"[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')," \
	"  rule TEXT NOT NULL CHECK (rule IN ('off-hours'," \
	"    'login-failures', 'many-residents'))," \
	"  operator_id TEXT NOT NULL," \
	"  terminal_id TEXT NOT NULL," \
	"  detail TEXT NOT NULL," \
	"  count INTEGER NOT NULL CHECK (count > 0)," \
	"  minutes INTEGER NOT NULL CHECK (minutes >= 0)," \
	"  audit_seq INTEGER NOT NULL CHECK (audit_seq > 0)" \
	") STRICT;" \
	"CREATE TRIGGER alert_raise BEFORE INSERT ON alert" \
	"  WHEN EXISTS (SELECT 1 FROM alert WHERE id = NEW.id)" \
	"  BEGIN SELECT RAISE(ABORT, 'an alert is written once'); END;" \
	"CREATE TRIGGER alert_no_delete BEFORE DELETE ON alert" \
	"  BEGIN SELECT RAISE(ABORT, 'every alert is kept'); END;" \
	"CREATE TRIGGER alert_no_update BEFORE UPDATE ON alert" \
	"  BEGIN SELECT RAISE(ABORT, 'an alert never changes'); END;"

#define ACK_SCHEMA \
	"CREATE TABLE ack (" \
	"  alert_id INTEGER PRIMARY KEY REFERENCES alert (id)," \
	"  acknowledged_by TEXT NOT NULL CHECK (acknowledged_by <> '')," \
	"  acknowledged_at TEXT NOT NULL CHECK (acknowledged_at <> '')," \
	"  note TEXT NOT NULL CHECK (note <> '')" \
	") STRICT;" \
	"CREATE TRIGGER ack_once BEFORE INSERT ON ack" \
	"  WHEN EXISTS (SELECT 1 FROM ack WHERE alert_id = NEW.alert_id)" \
	"    OR coalesce((SELECT operator_id FROM alert" \
	"    WHERE id = NEW.alert_id), NEW.acknowledged_by)" \
	"    = NEW.acknowledged_by" \
	"  BEGIN SELECT RAISE(ABORT, 'an alert is acknowledged once, by" \
	" another operator than the one it is about'); END;" \
	"CREATE TRIGGER ack_no_delete BEFORE DELETE ON ack" \
	"  BEGIN SELECT RAISE(ABORT, 'every acknowledgement is kept'); END;" \
	"CREATE TRIGGER ack_no_update BEFORE UPDATE ON ack" \
	"  BEGIN SELECT RAISE(ABORT, 'an acknowledgement never changes');" \
	" END;"

static const char schema_v1[] = ALERT_SCHEMA ACK_SCHEMA;

static const char *const migrations[] = { schema_v1 };

static const struct sqlite_db_schema alerts_schema = {
	.application_id = 0x4a4b414c,	/* 'JKAL' */
	.migrations = migrations,
	.version = 1,
	.not_ours = N_("警告のデータベースではありません"),
};

#define COLUMNS "alert.id, time, rule, operator_id, terminal_id, detail," \
	" count, minutes, audit_seq, acknowledged_by, acknowledged_at, note"
#define FROM " FROM alert LEFT JOIN ack ON ack.alert_id = alert.id"

struct alerts {
	sqlite3 *db;
};

#define RULE_NAME(name, label) name,
static const char *const rules[] = { ALERT_RULES(RULE_NAME) };
#undef RULE_NAME

int
alert_rule_known(const char *name)
{
	return NAME_INDEX(rules, name) >= 0;
}

int
alerts_open(const char *path, struct alerts **out, const char **reason)
{
	struct alerts *a = calloc(1, sizeof *a);

	*out = NULL;
	if (a == NULL) {
		*reason = N_("メモリが足りません");
		return -1;
	}
	if (sqlite_db_open(path, SQLITE_DB_CREATE, &alerts_schema, &a->db,
	    reason) != SQLITE_DB_OK) {
		free(a);
		return -1;
	}
	*out = a;
	return 0;
}

void
alerts_close(struct alerts *a)
{
	if (a == NULL)
		return;
	sqlite_db_close(a->db, 0);
	free(a);
}

sqlite3 *
alerts_db(struct alerts *a)
{
	return a->db;
}

int
alerts_add(struct alerts *a, const struct alert_raised *r, int64_t seq,
    int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(a->db, "INSERT INTO alert (time, rule,"
	    " operator_id, terminal_id, detail, count, minutes, audit_seq)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 5, r->time, r->rule,
	    r->operator_id, r->terminal_id, r->detail)) == NULL)
		return -1;
	if (sqlite3_bind_int(st, 6, r->count) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, r->minutes) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 8, seq) != SQLITE_OK)
		rc = SQLITE_ERROR;
	else
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	*id = sqlite3_last_insert_rowid(a->db);
	return 0;
}

/* A row of COLUMNS into out. */
static void
read_row(sqlite3_stmt *st, struct alert *out)
{
	struct alert_raised *r = &out->raised;

	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	sqlite_db_column_text(st, 1, r->time, sizeof r->time);
	sqlite_db_column_text(st, 2, r->rule, sizeof r->rule);
	sqlite_db_column_text(st, 3, r->operator_id, sizeof r->operator_id);
	sqlite_db_column_text(st, 4, r->terminal_id, sizeof r->terminal_id);
	sqlite_db_column_text(st, 5, r->detail, sizeof r->detail);
	r->count = sqlite3_column_int(st, 6);
	r->minutes = sqlite3_column_int(st, 7);
	out->audit_seq = sqlite3_column_int64(st, 8);
	sqlite_db_column_text(st, 9, out->acknowledged_by,
	    sizeof out->acknowledged_by);
	sqlite_db_column_text(st, 10, out->acknowledged_at,
	    sizeof out->acknowledged_at);
	sqlite_db_column_text(st, 11, out->note, sizeof out->note);
}

int
alerts_get(struct alerts *a, int64_t id, struct alert *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(a->db, "SELECT " COLUMNS FROM
	    " WHERE alert.id = ?1", 0)) == NULL)
		return -1;
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		sqlite3_finalize(st);
		return -1;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, out);
	return sqlite_db_found(st, rc);
}

static int
insert_ack(struct alerts *a, int64_t id, const char *by, const char *at,
    const char *note)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(a->db, "INSERT INTO ack (alert_id,"
	    " acknowledged_by, acknowledged_at, note) VALUES (?4, ?1, ?2, ?3)",
	    3, by, at, note)) == NULL)
		return -1;
	if (sqlite3_bind_int64(st, 4, id) != SQLITE_OK)
		rc = SQLITE_ERROR;
	else
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
alerts_ack(struct alerts *a, int64_t id, const char *by, time_t now,
    const char *note, struct alert *out, enum protocol_error *why)
{
	char at[UTC_TEXT_MAX];
	int rc = alerts_get(a, id, out);

	if (rc != 0) {
		*why = rc > 0 ? E_NO_ALERT : E_INTERNAL;
		return -1;
	}
	if (strcmp(out->raised.operator_id, by) == 0) {
		*why = E_SELF_ACK;
		return -1;
	}
	if (out->acknowledged_by[0] != '\0') {
		*why = E_ACKNOWLEDGED;
		return -1;
	}
	*why = E_INTERNAL;
	if (utc_text(now, at) != 0 || insert_ack(a, id, by, at, note) != 0 ||
	    alerts_get(a, id, out) != 0)
		return -1;
	return 0;
}

int
alerts_open_count(struct alerts *a, int64_t *n)
{
	return sqlite_db_query_int(a->db, "SELECT count(*) FROM alert"
	    " WHERE id NOT IN (SELECT alert_id FROM ack)", n) ==
	    SQLITE_DB_OK ? 0 : -1;
}

int
alerts_list(struct alerts *a, int open, int (*each)(const struct alert *,
    void *), void *arg)
{
	struct alert row;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(a->db, "SELECT " COLUMNS FROM
	    " WHERE ?1 = 0 OR ack.alert_id IS NULL"
	    " ORDER BY alert.id DESC LIMIT ?2", 0)) == NULL)
		return -1;
	if (sqlite3_bind_int(st, 1, open) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, ALERT_LIST_MAX) != SQLITE_OK) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &row);
		if (each(&row, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
