/*
 * The ledger file's schema, and the rules of ledger.h that the file keeps
 * itself against anything done to it through SQL: triggers and checks,
 * so that a line, an event or a reprint request changes only as the
 * server would change it.
 */
#include "juki/i18n.h"
#include "ledger-db.h"

/*
 * Version 1: one line a form.  "sequence" is the serial's number,
 * whatever its year: unique, so no number is issued twice, and the order
 * the lines were issued in.  A new line is "issued", with a number after
 * the last; no line is deleted; a line changes once, from "issued" to how
 * it ended, and nothing but that.  Kept as it was written: files of this
 * version are brought up from it.
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

/*
 * Version 2: the paper's later life, subjects and reprints.  A CHECK
 * cannot be altered, so the table is built again under its name and the
 * lines copied into it as they were; each gets the events it had (issued,
 * and how it ended) from its own columns.
 */
#define V2_LINES \
	"DROP TRIGGER print_job_issue;" \
	"DROP TRIGGER print_job_no_delete;" \
	"DROP TRIGGER print_job_finish_once;" \
	"ALTER TABLE print_job RENAME TO print_job_v1;" \
	"CREATE TABLE print_job (" \
	"  serial TEXT PRIMARY KEY CHECK (serial GLOB" \
	"    'P[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]')," \
	"  sequence INTEGER NOT NULL GENERATED ALWAYS AS" \
	"    (CAST(substr(serial, 7) AS INTEGER)) STORED UNIQUE," \
	"  form TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 31)," \
	"  subject TEXT NOT NULL DEFAULT '' CHECK (length(subject) <= 31)," \
	"  reason TEXT NOT NULL CHECK (reason <> '')," \
	"  operator_id TEXT NOT NULL CHECK (operator_id <> '')," \
	"  terminal_id TEXT NOT NULL CHECK (terminal_id <> '')," \
	"  terminal_cert TEXT NOT NULL CHECK (length(terminal_cert) = 64)," \
	"  issued_at TEXT NOT NULL," \
	"  state TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued'," \
	"    'printed', 'not-printed', 'handed-over', 'stored', 'destroyed'))," \
	"  finished_at TEXT," \
	"  detail TEXT NOT NULL DEFAULT ''," \
	"  reprint_of TEXT REFERENCES print_job (serial)," \
	"  CHECK ((state = 'issued') = (finished_at IS NULL))" \
	") STRICT;" \
	"INSERT INTO print_job (serial, form, reason, operator_id," \
	"  terminal_id, terminal_cert, issued_at, state, finished_at, detail)" \
	"  SELECT serial, form, reason, operator_id, terminal_id," \
	"    terminal_cert, issued_at, state, finished_at, detail" \
	"  FROM print_job_v1 ORDER BY sequence;" \
	"DROP TABLE print_job_v1;" \
	"CREATE INDEX print_job_subject ON print_job (form, subject);" \
	"CREATE INDEX print_job_operator ON print_job (operator_id);"

/* What happened to each line, oldest first by seq. */
#define V2_EVENTS \
	"CREATE TABLE print_event (" \
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
	"  serial TEXT NOT NULL REFERENCES print_job (serial)," \
	"  time TEXT NOT NULL," \
	"  action TEXT NOT NULL CHECK (action IN ('issued', 'printed'," \
	"    'not-printed', 'handed-over', 'stored', 'destroyed'," \
	"    'reprint-asked', 'reprint-approved', 'reprinted'))," \
	"  operator_id TEXT NOT NULL CHECK (operator_id <> '')," \
	"  terminal_id TEXT NOT NULL CHECK (terminal_id <> '')," \
	"  note TEXT NOT NULL DEFAULT ''" \
	") STRICT;" \
	"CREATE INDEX print_event_serial ON print_event (serial, seq);" \
	"INSERT INTO print_event (serial, time, action, operator_id," \
	"  terminal_id) SELECT serial, issued_at, 'issued', operator_id," \
	"  terminal_id FROM print_job ORDER BY sequence;" \
	"INSERT INTO print_event (serial, time, action, operator_id," \
	"  terminal_id, note) SELECT serial, finished_at, state, operator_id," \
	"  terminal_id, detail FROM print_job WHERE state <> 'issued'" \
	"  ORDER BY sequence;" \
	"CREATE TRIGGER print_event_no_update BEFORE UPDATE ON print_event" \
	"  BEGIN SELECT RAISE(ABORT, 'an event is kept as written'); END;" \
	"CREATE TRIGGER print_event_no_delete BEFORE DELETE ON print_event" \
	"  BEGIN SELECT RAISE(ABORT, 'an event is kept as written'); END;"

/*
 * Requests to print a form about a subject again: asked for a line of it
 * printed or later, approved once by another operator, used once by the
 * line printed on it.  At most one open (not yet used) for a form and
 * subject.
 */
#define V2_REPRINTS \
	"CREATE TABLE print_reprint (" \
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
	"  serial TEXT NOT NULL REFERENCES print_job (serial)," \
	"  form TEXT NOT NULL," \
	"  subject TEXT NOT NULL CHECK (subject <> '')," \
	"  reason TEXT NOT NULL CHECK (reason <> '')," \
	"  asked_by TEXT NOT NULL CHECK (asked_by <> '')," \
	"  asked_at TEXT NOT NULL," \
	"  approved_by TEXT CHECK (approved_by <> asked_by)," \
	"  approved_at TEXT," \
	"  used_by TEXT REFERENCES print_job (serial)," \
	"  CHECK ((approved_by IS NULL) = (approved_at IS NULL))," \
	"  CHECK (used_by IS NULL OR approved_by IS NOT NULL)" \
	") STRICT;" \
	"CREATE INDEX print_reprint_serial ON print_reprint (serial, seq);" \
	"CREATE UNIQUE INDEX print_reprint_open ON print_reprint" \
	"  (form, subject) WHERE used_by IS NULL;" \
	"CREATE TRIGGER print_reprint_ask BEFORE INSERT ON print_reprint" \
	"  WHEN NEW.approved_by IS NOT NULL OR NEW.used_by IS NOT NULL" \
	"    OR NOT EXISTS (SELECT 1 FROM print_job WHERE serial = NEW.serial" \
	"      AND form = NEW.form AND subject = NEW.subject" \
	"      AND state NOT IN ('issued', 'not-printed'))" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a reprint is asked for a form printed, and waits'); END;" \
	"CREATE TRIGGER print_reprint_no_delete BEFORE DELETE ON print_reprint" \
	"  BEGIN SELECT RAISE(ABORT, 'a reprint request is kept'); END;" \
	"CREATE TRIGGER print_reprint_once BEFORE UPDATE ON print_reprint" \
	"  WHEN NEW.seq IS NOT OLD.seq OR NEW.serial IS NOT OLD.serial" \
	"    OR NEW.form IS NOT OLD.form OR NEW.subject IS NOT OLD.subject" \
	"    OR NEW.reason IS NOT OLD.reason" \
	"    OR NEW.asked_by IS NOT OLD.asked_by" \
	"    OR NEW.asked_at IS NOT OLD.asked_at" \
	"    OR NOT ((OLD.approved_by IS NULL AND NEW.approved_by IS NOT NULL" \
	"        AND NEW.used_by IS NULL)" \
	"      OR (OLD.approved_by IS NOT NULL AND OLD.used_by IS NULL" \
	"        AND NEW.approved_by IS OLD.approved_by" \
	"        AND NEW.approved_at IS OLD.approved_at" \
	"        AND EXISTS (SELECT 1 FROM print_job WHERE serial = NEW.used_by" \
	"          AND reprint_of = OLD.serial AND form = OLD.form" \
	"          AND subject = OLD.subject)))" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a reprint is approved once and used once'); END;"

/*
 * The lines' rules.  A new line is "issued", numbered after the last.  A
 * form about a subject printed before is inserted only as a reprint of
 * a line with an approved, unused request, and the insert uses that
 * request up, so that no approval serves twice.  Lines are never deleted
 * and change only along their steps: from "issued" to how the spooling
 * ended (with when and the detail), then "printed" → "handed-over",
 * "stored" or "destroyed", "stored" → "handed-over" or "destroyed"
 * (nothing else with them).
 */
#define V2_RULES \
	"CREATE TRIGGER print_job_issue BEFORE INSERT ON print_job" \
	"  WHEN NEW.state <> 'issued' OR NEW.detail <> ''" \
	"    OR CAST(substr(NEW.serial, 7) AS INTEGER) <=" \
	"      (SELECT coalesce(max(sequence), 0) FROM print_job)" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a serial is issued once, after the last'); END;" \
	"CREATE TRIGGER print_job_reprint BEFORE INSERT ON print_job" \
	"  WHEN CASE WHEN NEW.reprint_of IS NULL THEN NEW.subject <> ''" \
	"      AND EXISTS (SELECT 1 FROM print_job WHERE form = NEW.form" \
	"        AND subject = NEW.subject" \
	"        AND state NOT IN ('issued', 'not-printed'))" \
	"    ELSE NOT EXISTS (SELECT 1 FROM print_reprint" \
	"      WHERE serial = NEW.reprint_of AND form = NEW.form" \
	"        AND subject = NEW.subject AND approved_by IS NOT NULL" \
	"        AND used_by IS NULL) END" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a form printed before is printed again only as approved'); END;" \
	"CREATE TRIGGER print_job_reprint_use AFTER INSERT ON print_job" \
	"  WHEN NEW.reprint_of IS NOT NULL" \
	"  BEGIN UPDATE print_reprint SET used_by = NEW.serial" \
	"    WHERE serial = NEW.reprint_of AND approved_by IS NOT NULL" \
	"      AND used_by IS NULL; END;" \
	"CREATE TRIGGER print_job_no_delete BEFORE DELETE ON print_job" \
	"  BEGIN SELECT RAISE(ABORT, 'the ledger keeps every line'); END;" \
	"CREATE TRIGGER print_job_steps BEFORE UPDATE ON print_job" \
	"  WHEN NEW.serial IS NOT OLD.serial OR NEW.form IS NOT OLD.form" \
	"    OR NEW.subject IS NOT OLD.subject OR NEW.reason IS NOT OLD.reason" \
	"    OR NEW.operator_id IS NOT OLD.operator_id" \
	"    OR NEW.terminal_id IS NOT OLD.terminal_id" \
	"    OR NEW.terminal_cert IS NOT OLD.terminal_cert" \
	"    OR NEW.issued_at IS NOT OLD.issued_at" \
	"    OR NEW.reprint_of IS NOT OLD.reprint_of" \
	"    OR NOT ((OLD.state = 'issued'" \
	"        AND NEW.state IN ('printed', 'not-printed'))" \
	"      OR (NEW.finished_at IS OLD.finished_at" \
	"        AND NEW.detail IS OLD.detail" \
	"        AND ((OLD.state = 'printed' AND NEW.state IN" \
	"            ('handed-over', 'stored', 'destroyed'))" \
	"          OR (OLD.state = 'stored' AND NEW.state IN" \
	"            ('handed-over', 'destroyed')))))" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a line changes only along its steps'); END;"

/* One migration, in the order it runs: the rules come last, once the
 * lines and their events are in. */
static const char schema_v2[] = V2_LINES V2_EVENTS V2_REPRINTS V2_RULES;

static const char *const migrations[] = { schema_v1, schema_v2 };

const struct sqlite_db_schema ledger_schema = {
	.application_id = 0x4a4b504c,	/* 'JKPL' */
	.migrations = migrations,
	.version = 2,
	.not_ours = N_("帳票管理簿のデータベースではありません"),
};
