#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "juki/i18n.h"
#include "operators.h"
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

static const char *const migrations[] = { schema_v1, schema_v2 };

static const struct sqlite_db_schema operators_schema = {
	.application_id = 0x4a4b4f50,	/* 'JKOP' */
	.migrations = migrations,
	.version = 2,
	.not_ours = N_("操作者データベースではありません"),
};

struct operators {
	sqlite3 *db;
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

/* Runs sql with text parameters ?1, ?2 …; 0 or -1. */
static int
run(struct operators *ops, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(ops->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
insert(struct operators *ops, const struct operator *op, const char *hash,
    const unsigned char *sealed, size_t sealedlen)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(ops->db, "INSERT INTO operator (id, name,"
	    " auth_method, pin_hash, print) VALUES (?1, ?2, ?3, ?4, ?5)", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, op->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, op->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, op->method, -1, SQLITE_STATIC);
	if (hash != NULL)
		sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	if (sealed != NULL)
		sqlite3_bind_blob(st, 5, sealed, (int)sealedlen, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* What op needs for its method, or the reason it cannot be added. */
static const char *
refusal(const struct operator *op, const char *pin,
    const unsigned char *sealed, size_t sealedlen)
{
	if (!operator_id_well_formed(op->id))
		return N_("照合IDは英数字と - の31文字までです");
	if (op->roles == 0)
		return N_("役割を指定してください");
	if (strcmp(op->method, AUTH_METHOD_PIN) == 0)
		return pin != NULL && pin_well_formed(pin) && sealed == NULL ?
		    NULL : N_("暗証番号は4桁から16桁の数字です");
	if (strcmp(op->method, AUTH_METHOD_FINGERPRINT) == 0)
		return sealed != NULL && sealedlen > 0 && pin == NULL ? NULL :
		    N_("照合情報を指定してください");
	return N_("認証方法は fingerprint か pin です");
}

int
operators_add(struct operators *ops, const struct operator *op,
    const char *pin, const unsigned char *sealed, size_t sealedlen,
    const char **reason)
{
	char hash[PIN_HASH_MAX];
	struct operator existing;
	int with_pin = strcmp(op->method, AUTH_METHOD_PIN) == 0;

	if ((*reason = refusal(op, pin, sealed, sealedlen)) != NULL)
		return -1;
	if (operators_get(ops, op->id, &existing) == 0) {
		*reason = N_("その照合IDはすでに使われています");
		return -1;
	}
	if ((with_pin && pin_hash(pin, hash, sizeof hash) != 0) ||
	    run(ops, "BEGIN IMMEDIATE", "", NULL) != 0)
		goto failed;
	if (insert(ops, op, with_pin ? hash : NULL, sealed, sealedlen) != 0)
		goto rollback;
	for (unsigned bit = 1; bit <= ROLE_TRAINER; bit <<= 1)
		if ((op->roles & bit) &&
		    run(ops, "INSERT INTO operator_role VALUES (?1, ?2)",
		    op->id, role_name(bit)) != 0)
			goto rollback;
	if (run(ops, "COMMIT", "", NULL) != 0)
		goto rollback;
	explicit_bzero(hash, sizeof hash);
	return 0;
rollback:
	sqlite3_exec(ops->db, "ROLLBACK", NULL, NULL, NULL);
failed:
	explicit_bzero(hash, sizeof hash);
	*reason = N_("操作者を登録できません");
	return -1;
}

static unsigned
load_roles(struct operators *ops, const char *id)
{
	sqlite3_stmt *st;
	unsigned set = 0;

	if (sqlite3_prepare_v2(ops->db, "SELECT role FROM operator_role"
	    " WHERE operator_id = ?1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		set |= role_from_name((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return set;
}

/* The operator and, when hash is not NULL, their PIN hash. */
static int
load(struct operators *ops, const char *id, struct operator *out, char *hash,
    size_t hashsz)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(ops->db, "SELECT id, name, status, failures,"
	    " coalesce(pin_hash, ''), auth_method, print IS NOT NULL"
	    " FROM operator WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		snprintf(out->id, sizeof out->id, "%s",
		    sqlite3_column_text(st, 0));
		snprintf(out->name, sizeof out->name, "%s",
		    sqlite3_column_text(st, 1));
		snprintf(out->status, sizeof out->status, "%s",
		    sqlite3_column_text(st, 2));
		out->failures = sqlite3_column_int(st, 3);
		if (hash != NULL)
			snprintf(hash, hashsz, "%s", sqlite3_column_text(st, 4));
		snprintf(out->method, sizeof out->method, "%s",
		    sqlite3_column_text(st, 5));
		out->has_print = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return -1;
	out->roles = load_roles(ops, id);
	return 0;
}

int
operators_get(struct operators *ops, const char *id, struct operator *out)
{
	return load(ops, id, out, NULL, 0);
}

int
operators_sealed_print(struct operators *ops, const char *id,
    unsigned char *out, size_t outsz, size_t *outlen)
{
	sqlite3_stmt *st;
	const void *blob;
	int rc, n;

	if (sqlite3_prepare_v2(ops->db, "SELECT print FROM operator"
	    " WHERE id = ?1 AND print IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		blob = sqlite3_column_blob(st, 0);
		n = sqlite3_column_bytes(st, 0);
		if (blob != NULL && n > 0 && (size_t)n <= outsz) {
			memcpy(out, blob, (size_t)n);
			*outlen = (size_t)n;
		} else
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : -1;
}

int
operators_set_status(struct operators *ops, const char *id, const char *from,
    const char *to)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(ops->db, "UPDATE operator SET status = ?3,"
	    " failures = CASE WHEN ?3 = 'active' THEN 0 ELSE failures END"
	    " WHERE id = ?1 AND status = ?2", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	return sqlite3_changes(ops->db) == 1 ? 0 : 1;
}

/* Counts a failure, locking the ID at the limit: LOGIN_BAD, or
 * LOGIN_LOCKED when this one locked it. */
static enum login_result
failed(struct operators *ops, struct operator *op, int max_failures)
{
	char limit[16];

	snprintf(limit, sizeof limit, "%d", max_failures);
	if (run(ops, "UPDATE operator SET failures = failures + 1,"
	    " status = CASE WHEN failures + 1 >= CAST(?2 AS INTEGER)"
	    " THEN 'locked' ELSE status END WHERE id = ?1", op->id, limit) != 0
	    || load(ops, op->id, op, NULL, 0) != 0)
		return LOGIN_ERROR;
	return strcmp(op->status, "locked") == 0 ? LOGIN_LOCKED : LOGIN_BAD;
}

static enum login_result
succeeded(struct operators *ops, struct operator *op)
{
	if (run(ops, "UPDATE operator SET failures = 0 WHERE id = ?1", op->id,
	    NULL) != 0)
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
	char hash[PIN_HASH_MAX];
	int rc = load(ops, id, out, hash, sizeof hash);
	enum login_result result;

	if (rc != 0)
		return rc < 0 ? LOGIN_ERROR : LOGIN_UNKNOWN_ID;
	if (strcmp(out->status, "locked") == 0)
		result = LOGIN_LOCKED;
	else if (strcmp(out->status, "active") != 0)
		result = LOGIN_INACTIVE;
	else if (strcmp(out->method, AUTH_METHOD_PIN) == 0)
		result = check_pin(ops, out, outcome, pin, hash, max_failures);
	else
		result = check_scan(ops, out, outcome, max_failures);
	explicit_bzero(hash, sizeof hash);
	return result;
}
