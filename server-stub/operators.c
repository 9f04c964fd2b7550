#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/utc-time.h"
#include "juki/utf8.h"
#include "operators-db.h"
#include "pin.h"
#include "sqlite-db.h"

static const char schema_v1[] =
	"CREATE TABLE operator ("
	"  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 31),"
	"  name TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'active'"
	"    CHECK (status IN ('active', 'locked', 'suspended', 'revoked')),"
	"  pin_hash TEXT,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ'))"
	") STRICT;"
	"CREATE TABLE operator_role ("
	"  operator_id TEXT NOT NULL REFERENCES operator (id),"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('clerk', 'admin', 'auditor', 'trainer')),"
	"  PRIMARY KEY (operator_id, role)"
	") STRICT;";

/* How each operator proves who they are.  Every operator of v1 has a
 * PIN; a print is sealed (print-seal.h), never stored as read. */
static const char schema_v2[] =
	"ALTER TABLE operator ADD COLUMN auth_method TEXT NOT NULL"
	"  DEFAULT 'pin' CHECK (auth_method IN ('fingerprint', 'pin'));"
	"ALTER TABLE operator ADD COLUMN print BLOB;";

/*
 * The lifecycle: who the operator is, the dates their ID is valid, the
 * application it was issued on; up to two prints; the applications
 * (照合ID付与申請, and role changes waiting for a second administrator);
 * and each operator's history.  The prints of v2 were all taken from the
 * right index finger.  The history only grows, an issued ID stays (so
 * none is issued twice) and a revoked one stays revoked, whatever is done
 * to the file through SQL.
 */
static const char schema_v3[] =
	"ALTER TABLE operator ADD COLUMN kana TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE operator ADD COLUMN affiliation TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE operator ADD COLUMN valid_from TEXT;"
	"ALTER TABLE operator ADD COLUMN valid_until TEXT;"
	"ALTER TABLE operator ADD COLUMN application_no TEXT;"
	"CREATE TABLE operator_print ("
	"  operator_id TEXT NOT NULL REFERENCES operator (id),"
	"  slot INTEGER NOT NULL CHECK (slot IN (1, 2)),"
	"  finger TEXT NOT NULL,"
	"  print BLOB NOT NULL,"
	"  enrolled_at TEXT NOT NULL,"
	"  PRIMARY KEY (operator_id, slot),"
	"  UNIQUE (operator_id, finger)"
	") STRICT;"
	"INSERT INTO operator_print"
	"  SELECT id, 1, 'right-index', print, coalesce(created_at, '')"
	"  FROM operator WHERE print IS NOT NULL;"
	"ALTER TABLE operator DROP COLUMN print;"
	"CREATE TABLE application ("
	"  no TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('issue', 'roles')),"
	"  operator_id TEXT REFERENCES operator (id),"
	"  name TEXT NOT NULL,"
	"  kana TEXT NOT NULL,"
	"  affiliation TEXT NOT NULL,"
	"  roles TEXT NOT NULL,"
	"  valid_from TEXT,"
	"  valid_until TEXT,"
	"  requested_by TEXT NOT NULL,"
	"  registered_by TEXT NOT NULL,"
	"  registered_at TEXT NOT NULL,"
	"  approved_by TEXT,"
	"  approved_at TEXT,"
	"  state TEXT NOT NULL"
	"    CHECK (state IN ('awaiting-approval', 'approved', 'done'))"
	") STRICT;"
	"CREATE INDEX application_operator ON application (operator_id);"
	"CREATE TABLE operator_event ("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  operator_id TEXT NOT NULL REFERENCES operator (id),"
	"  time TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  before TEXT NOT NULL,"
	"  after TEXT NOT NULL,"
	"  document TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX operator_event_operator"
	"  ON operator_event (operator_id, seq);"
	"CREATE TRIGGER operator_event_no_update BEFORE UPDATE"
	"  ON operator_event"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER operator_event_no_delete BEFORE DELETE"
	"  ON operator_event"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER operator_revoked_final BEFORE UPDATE OF status"
	"  ON operator WHEN OLD.status = 'revoked' AND NEW.status <> 'revoked'"
	"  BEGIN SELECT RAISE(ABORT, 'revocation is final'); END;"
	"CREATE TRIGGER operator_no_delete BEFORE DELETE ON operator"
	"  BEGIN SELECT RAISE(ABORT, 'an issued ID stays in the roster'); END;";

static const char *const migrations[] = { schema_v1, schema_v2, schema_v3 };

static const struct sqlite_db_schema operators_schema = {
	.application_id = 0x4a4b4f50,	/* 'JKOP' */
	.migrations = migrations,
	.version = 3,
	.not_ours = N_("操作者データベースではありません"),
};

int
operators_open(const char *path, int create, struct operators **out,
    const char **reason)
{
	struct operators *ops = calloc(1, sizeof *ops);

	*out = NULL;
	if (ops == NULL) {
		*reason = N_("メモリが足りません");
		return -1;
	}
	if (sqlite_db_open(path, create ? SQLITE_DB_CREATE : 0,
	    &operators_schema, &ops->db, reason) != SQLITE_DB_OK) {
		free(ops);
		return -1;
	}
	*out = ops;
	return 0;
}

void
operators_close(struct operators *ops)
{
	if (ops == NULL)
		return;
	sqlite_db_close(ops->db, 0);
	free(ops);
}

int
operator_id_well_formed(const char *id)
{
	size_t n = strlen(id);

	return n >= 1 && n < OPERATOR_ID_MAX && strspn(id,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-") == n;
}

int
operator_number_well_formed(const char *number)
{
	size_t n = strlen(number);

	if (n < 1 || n >= OPERATOR_NUMBER_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (number[i] <= ' ' || number[i] > '~')
			return 0;
	return 1;
}

int
operator_date_well_formed(const char *date)
{
	struct jdate d;
	const char *reason;

	return jdate_parse_iso(date, &d, &reason) == 0;
}

/* U+3000, the space a Japanese keyboard types. */
static const char wide_space[] = "\xe3\x80\x80";

static const char *
skip_spaces(const char *s)
{
	for (;;) {
		if (*s == ' ')
			s++;
		else if (strncmp(s, wide_space, 3) == 0)
			s += 3;
		else
			return s;
	}
}

/* Where the spaces at the end of s (to end) begin.  In valid UTF-8 the
 * bytes of U+3000 are never the tail of another character. */
static const char *
trailing_spaces(const char *s, const char *end)
{
	for (;;) {
		if (end > s && end[-1] == ' ')
			end--;
		else if (end - s >= 3 && memcmp(end - 3, wide_space, 3) == 0)
			end -= 3;
		else
			return end;
	}
}

int
operator_text(const char *in, char *out)
{
	const char *start = skip_spaces(in);
	const char *end = trailing_spaces(start, start + strlen(start));
	size_t chars = 0, len;
	char32_t cp;

	for (const char *p = start; p < end; p += len, chars++) {
		len = utf8_decode(p, &cp);
		if (len == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return -1;
	}
	if (chars > OPERATOR_TEXT_CHARS)
		return -1;
	memcpy(out, start, (size_t)(end - start));
	out[end - start] = '\0';
	return 0;
}

/* Should the clock be beyond localtime_r, every ID with an end date is
 * taken as lapsed: the safe side. */
void
operators_today(char out[OPERATOR_DATE_MAX])
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(out, OPERATOR_DATE_MAX, "%Y-%m-%d", &tm) == 0)
		snprintf(out, OPERATOR_DATE_MAX, "9999-12-31");
}

void
operators_now(char out[OPERATOR_TIME_MAX])
{
	(void)utc_text(time(NULL), out);
}

/* Dates compare as text: "YYYY-MM-DD". */
const char *
operator_state(const struct operator *op, const char *today)
{
	if (strcmp(op->status, "revoked") == 0)
		return "revoked";
	if (strcmp(op->status, "suspended") == 0)
		return "suspended";
	if (op->valid_until[0] != '\0' && strcmp(today, op->valid_until) > 0)
		return "lapsed";
	if (op->valid_from[0] != '\0' && strcmp(today, op->valid_from) < 0)
		return "not-yet-valid";
	if (strcmp(op->status, "locked") == 0)
		return "locked";
	if (strcmp(op->method, AUTH_METHOD_PIN) == 0 ? !op->has_pin :
	    op->nprints == 0)
		return "unenrolled";
	return "active";
}

enum login_result
operator_may_work(const struct operator *op, const char *today)
{
	static const struct {
		const char *state;
		enum login_result result;
	} table[] = {
		{ "active", LOGIN_OK },
		{ "unenrolled", LOGIN_UNENROLLED },
		{ "locked", LOGIN_LOCKED },
		{ "suspended", LOGIN_INACTIVE },
		{ "lapsed", LOGIN_LAPSED },
		{ "not-yet-valid", LOGIN_NOT_YET_VALID },
		{ "revoked", LOGIN_INACTIVE },
	};
	const char *state = operator_state(op, today);

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].state, state) == 0)
			return table[i].result;
	return LOGIN_ERROR;
}

int
operator_roles_parse(const char *text, unsigned *roles, const char **bad)
{
	unsigned role;
	char name[16];
	size_t n;

	*roles = 0;
	for (;;) {
		n = strcspn(text, ",");
		if (n >= sizeof name)
			role = 0;
		else {
			snprintf(name, sizeof name, "%.*s", (int)n, text);
			role = role_from_name(name);
		}
		if (role == 0) {
			if (bad != NULL)
				*bad = text;
			*roles = 0;
			return -1;
		}
		*roles |= role;
		if (text[n] == '\0')
			return 0;
		text += n + 1;
	}
}

void
operator_roles_text(unsigned roles, char *out, size_t outsz)
{
	size_t n = 0;

	out[0] = '\0';
	for (unsigned bit = 1; bit <= ROLE_TRAINER; bit <<= 1)
		if ((roles & bit) && n < outsz)
			n += (size_t)snprintf(out + n, outsz - n, "%s%s",
			    n > 0 ? "," : "", role_name(bit));
}

sqlite3 *
operators_db(struct operators *ops)
{
	return ops->db;
}

const char *
ops_null_if_empty(const char *s)
{
	return *s != '\0' ? s : NULL;
}

int
operators_begin(struct operators *ops)
{
	return sqlite_db_begin(ops->db);
}

int
operators_commit(struct operators *ops)
{
	return sqlite_db_commit(ops->db);
}

void
operators_rollback(struct operators *ops)
{
	sqlite_db_rollback(ops->db);
}

int
ops_event(struct operators *ops, const char *id, const char *action,
    const char *time, const struct roster_change *c)
{
	char now[OPERATOR_TIME_MAX];

	if (time == NULL) {
		operators_now(now);
		time = now;
	}
	return sqlite_db_run(ops->db, 0, "INSERT INTO operator_event"
	    " (operator_id, time, action, actor, before, after, document)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", 7, id, time, action,
	    c->actor, c->before, c->after, c->document);
}

int
ops_set_roles(struct operators *ops, const char *id, unsigned roles)
{
	if (sqlite_db_run(ops->db, 0, "DELETE FROM operator_role"
	    " WHERE operator_id = ?1", 1, id) != 0)
		return -1;
	for (unsigned bit = 1; bit <= ROLE_TRAINER; bit <<= 1)
		if ((roles & bit) && sqlite_db_run(ops->db, 0, "INSERT INTO"
		    " operator_role VALUES (?1, ?2)", 2, id,
		    role_name(bit)) != 0)
			return -1;
	return 0;
}

int
ops_insert(struct operators *ops, const struct operator *op)
{
	if (sqlite_db_run(ops->db, 0, "INSERT INTO operator (id, name, kana,"
	    " affiliation, auth_method, valid_from, valid_until, application_no)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 8, op->id, op->name,
	    op->kana, op->affiliation, op->method,
	    ops_null_if_empty(op->valid_from),
	    ops_null_if_empty(op->valid_until),
	    ops_null_if_empty(op->application_no)) != 0)
		return -1;
	return ops_set_roles(ops, op->id, op->roles);
}

static int
insert_print(struct operators *ops, const char *id, int slot,
    const struct sealed_print *p, const char *now)
{
	sqlite3_stmt *st;
	int rc;

	st = sqlite_db_statement(ops->db,
	    "INSERT INTO operator_print (operator_id,"
	    " finger, enrolled_at, slot, print) VALUES (?1, ?2, ?3, ?4, ?5)",
	    3, id, finger_name(p->finger), now);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 4, slot);
	sqlite3_bind_blob(st, 5, p->bytes, (int)p->len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
ops_set_prints(struct operators *ops, const char *id,
    const struct sealed_print *prints, int n)
{
	char now[OPERATOR_TIME_MAX];

	operators_now(now);
	if (sqlite_db_run(ops->db, 0, "DELETE FROM operator_print"
	    " WHERE operator_id = ?1", 1, id) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (insert_print(ops, id, i + 1, &prints[i], now) != 0)
			return -1;
	return 0;
}

static unsigned
load_roles(struct operators *ops, const char *id)
{
	sqlite3_stmt *st;
	unsigned set = 0;

	if ((st = sqlite_db_statement(ops->db, "SELECT role FROM operator_role"
	    " WHERE operator_id = ?1", 1, id)) == NULL)
		return 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		set |= role_from_name((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return set;
}

/* A finger the protocol does not know means the file was edited. */
static int
load_fingers(struct operators *ops, struct operator *op)
{
	sqlite3_stmt *st;
	int rc, f;

	if ((st = sqlite_db_statement(ops->db,
	    "SELECT finger FROM operator_print"
	    " WHERE operator_id = ?1 ORDER BY slot", 1, op->id)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f = finger_from_name((const char *)sqlite3_column_text(st, 0));
		if (f < 0 || op->nprints == PROTOCOL_MAX_FINGERS) {
			rc = SQLITE_ERROR;
			break;
		}
		op->fingers[op->nprints++] = f;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The operator and, when hash is not NULL, their PIN hash. */
static int
load(struct operators *ops, const char *id, struct operator *out, char *hash,
    size_t hashsz)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(ops->db,
	    "SELECT id, name, kana, affiliation,"
	    " status, auth_method, valid_from, valid_until, application_no,"
	    " failures, pin_hash FROM operator WHERE id = ?1", 1, id)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		sqlite_db_column_text(st, 0, out->id, sizeof out->id);
		sqlite_db_column_text(st, 1, out->name, sizeof out->name);
		sqlite_db_column_text(st, 2, out->kana, sizeof out->kana);
		sqlite_db_column_text(st, 3, out->affiliation,
		    sizeof out->affiliation);
		sqlite_db_column_text(st, 4, out->status, sizeof out->status);
		sqlite_db_column_text(st, 5, out->method, sizeof out->method);
		sqlite_db_column_text(st, 6, out->valid_from,
		    sizeof out->valid_from);
		sqlite_db_column_text(st, 7, out->valid_until,
		    sizeof out->valid_until);
		sqlite_db_column_text(st, 8, out->application_no,
		    sizeof out->application_no);
		out->failures = sqlite3_column_int(st, 9);
		out->has_pin = sqlite3_column_type(st, 10) != SQLITE_NULL;
		if (hash != NULL)
			sqlite_db_column_text(st, 10, hash, hashsz);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return -1;
	out->roles = load_roles(ops, id);
	return load_fingers(ops, out);
}

int
operators_get(struct operators *ops, const char *id, struct operator *out)
{
	return load(ops, id, out, NULL, 0);
}

static int
copy_print(sqlite3_stmt *st, struct sealed_print *p)
{
	const void *blob;
	int n;

	p->finger = finger_from_name((const char *)sqlite3_column_text(st,
	    0));
	blob = sqlite3_column_blob(st, 1);
	n = sqlite3_column_bytes(st, 1);
	if (p->finger < 0 || blob == NULL || n <= 0 ||
	    (size_t)n > sizeof p->bytes)
		return -1;
	memcpy(p->bytes, blob, (size_t)n);
	p->len = (size_t)n;
	return 0;
}

int
operators_sealed_prints(struct operators *ops, const char *id,
    struct sealed_print out[PROTOCOL_MAX_FINGERS], int *n)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	if ((st = sqlite_db_statement(ops->db,
	    "SELECT finger, print FROM operator_print"
	    " WHERE operator_id = ?1 ORDER BY slot", 1, id)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == PROTOCOL_MAX_FINGERS || copy_print(st, &out[*n])) {
			rc = SQLITE_ERROR;
			break;
		}
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* What op needs to be added, or the reason it cannot be. */
static const char *
refusal(const struct operator *op, const char *pin,
    const struct sealed_print *print)
{
	char clean[OPERATOR_NAME_MAX], today[OPERATOR_DATE_MAX];

	operators_today(today);
	if (!operator_id_well_formed(op->id))
		return N_("照合IDは英数字と - の31文字までです");
	if (op->roles == 0)
		return N_("役割を指定してください");
	if (operator_text(op->name, clean) != 0 || clean[0] == '\0' ||
	    strcmp(clean, op->name) != 0)
		return N_("氏名は前後に空白のない64文字までの文字にしてください");
	if (op->valid_until[0] != '\0' &&
	    (!operator_date_well_formed(op->valid_until) ||
	    strcmp(op->valid_until, today) < 0))
		return N_("有効期限は今日以降の日付 (YYYY-MM-DD) にしてください");
	if (strcmp(op->method, AUTH_METHOD_PIN) == 0)
		return pin != NULL && pin_well_formed(pin) && print == NULL ?
		    NULL : N_("暗証番号は4桁から16桁の数字です");
	if (strcmp(op->method, AUTH_METHOD_FINGERPRINT) == 0)
		return print != NULL && print->len > 0 && pin == NULL ? NULL :
		    N_("照合情報を指定してください");
	return N_("認証方法は fingerprint か pin です");
}

/* op inserted with its PIN hash (or NULL) or print, and its "issue". */
static int
insert_issued(struct operators *ops, const struct operator *op,
    const char *hash, const struct sealed_print *print, const char *actor)
{
	struct roster_change c = { .actor = actor, .document = "" };

	operator_roles_text(op->roles, c.after, sizeof c.after);
	if (ops_insert(ops, op) != 0 || ops_event(ops, op->id, "issue", NULL,
	    &c) != 0)
		return -1;
	if (hash != NULL)
		return sqlite_db_run(ops->db, 0, "UPDATE operator SET"
		    " pin_hash = ?2 WHERE id = ?1", 2, op->id, hash);
	return ops_set_prints(ops, op->id, print, 1);
}

int
operators_add(struct operators *ops, const struct operator *op,
    const char *actor, const char *pin, const struct sealed_print *print,
    const char **reason)
{
	char hash[PIN_HASH_MAX] = "";
	struct operator existing;

	if ((*reason = refusal(op, pin, print)) != NULL)
		return -1;
	if (operators_get(ops, op->id, &existing) == 0) {
		*reason = N_("その照合IDはすでに使われています");
		return -1;
	}
	if ((pin != NULL && pin_hash(pin, hash, sizeof hash) != 0) ||
	    operators_begin(ops) != 0)
		goto failed;
	if (insert_issued(ops, op, pin != NULL ? hash : NULL, print,
	    actor) != 0) {
		operators_rollback(ops);
		goto failed;
	}
	if (operators_commit(ops) != 0)
		goto failed;
	explicit_bzero(hash, sizeof hash);
	return 0;
failed:
	explicit_bzero(hash, sizeof hash);
	*reason = N_("操作者を登録できません");
	return -1;
}

/*
 * Counts a failure, locking the ID at the limit: LOGIN_BAD, or
 * LOGIN_LOCKED when this one locked it, a "lock" by the server itself in
 * the history.
 */
static enum login_result
failed(struct operators *ops, struct operator *op, int max_failures)
{
	struct roster_change c = { .actor = "", .document = "",
	    .before = "active", .after = "locked" };
	char limit[16];
	int locked;

	snprintf(limit, sizeof limit, "%d", max_failures);
	if (operators_begin(ops) != 0)
		return LOGIN_ERROR;
	if (sqlite_db_run(ops->db, 0, "UPDATE operator SET"
	    " failures = failures + 1,"
	    " status = CASE WHEN failures + 1 >= CAST(?2 AS INTEGER)"
	    " THEN 'locked' ELSE status END WHERE id = ?1", 2, op->id,
	    limit) != 0 || load(ops, op->id, op, NULL, 0) != 0)
		goto rollback;
	locked = strcmp(op->status, "locked") == 0;
	if (locked && ops_event(ops, op->id, "lock", NULL, &c) != 0)
		goto rollback;
	if (operators_commit(ops) != 0)
		return LOGIN_ERROR;
	return locked ? LOGIN_LOCKED : LOGIN_BAD;
rollback:
	operators_rollback(ops);
	return LOGIN_ERROR;
}

static enum login_result
succeeded(struct operators *ops, struct operator *op)
{
	if (sqlite_db_run(ops->db, 0, "UPDATE operator SET failures = 0"
	    " WHERE id = ?1", 1, op->id) != 0)
		return LOGIN_ERROR;
	op->failures = 0;
	return LOGIN_OK;
}

/* A fingerprint operator: the terminal's reader did the matching. */
static enum login_result
check_scan(struct operators *ops, struct operator *op,
    enum auth_outcome outcome, int max_failures)
{
	switch (outcome) {
	case AUTH_MATCH:
		return succeeded(ops, op);
	case AUTH_NO_MATCH:
		return failed(ops, op, max_failures);
	case AUTH_PIN:
		/* Not checked: a guessed PIN must not stand in for a finger. */
		return LOGIN_WRONG_METHOD;
	default:
		return LOGIN_NOT_VERIFIED;
	}
}

static enum login_result
check_pin(struct operators *ops, struct operator *op,
    enum auth_outcome outcome, const char *pin, const char *hash,
    int max_failures)
{
	if (outcome != AUTH_PIN)
		return LOGIN_WRONG_METHOD;
	switch (pin_verify(pin, hash)) {
	case 1:
		return succeeded(ops, op);
	case 0:
		return failed(ops, op, max_failures);
	default:
		return LOGIN_ERROR;
	}
}

enum login_result
operators_authenticate(struct operators *ops, const char *id,
    enum auth_outcome outcome, const char *pin, int max_failures,
    struct operator *out)
{
	char hash[PIN_HASH_MAX], today[OPERATOR_DATE_MAX];
	int rc = load(ops, id, out, hash, sizeof hash);
	enum login_result result;

	if (rc != 0)
		return rc < 0 ? LOGIN_ERROR : LOGIN_UNKNOWN_ID;
	/* One who may not work now has nothing checked, nothing counted. */
	operators_today(today);
	result = operator_may_work(out, today);
	if (result == LOGIN_OK && strcmp(out->method, AUTH_METHOD_PIN) == 0)
		result = check_pin(ops, out, outcome, pin, hash, max_failures);
	else if (result == LOGIN_OK)
		result = check_scan(ops, out, outcome, max_failures);
	explicit_bzero(hash, sizeof hash);
	return result;
}
