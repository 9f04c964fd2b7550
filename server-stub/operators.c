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

static const char *const migrations[] = { schema_v1 };

static const struct sqlite_db_schema operators_schema = {
	.application_id = 0x4a4b4f50,	/* 'JKOP' */
	.migrations = migrations,
	.version = 1,
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

int
operators_add(struct operators *ops, const struct operator *op,
    const char *pin, const char **reason)
{
	char hash[PIN_HASH_MAX];
	struct operator existing;

	if (op->roles == 0) {
		*reason = N_("役割を指定してください");
		return -1;
	}
	if (!pin_well_formed(pin)) {
		*reason = N_("暗証番号は4桁から16桁の数字です");
		return -1;
	}
	if (operators_get(ops, op->id, &existing) == 0) {
		*reason = N_("その照合IDはすでに使われています");
		return -1;
	}
	if (pin_hash(pin, hash, sizeof hash) != 0 ||
	    run(ops, "BEGIN IMMEDIATE", "", NULL) != 0)
		goto failed;
	if (run(ops, "INSERT INTO operator (id, name) VALUES (?1, ?2)",
	    op->id, op->name) != 0)
		goto rollback;
	if (run(ops, "UPDATE operator SET pin_hash = ?2 WHERE id = ?1",
	    op->id, hash) != 0)
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
	    " coalesce(pin_hash, '') FROM operator WHERE id = ?1", -1, &st,
	    NULL) != SQLITE_OK)
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

/* Counts a failure, locking the ID at the limit.  The new status. */
static enum login_result
count_failure(struct operators *ops, const char *id, int max_failures)
{
	char limit[16];

	snprintf(limit, sizeof limit, "%d", max_failures);
	if (run(ops, "UPDATE operator SET failures = failures + 1,"
	    " status = CASE WHEN failures + 1 >= CAST(?2 AS INTEGER)"
	    " THEN 'locked' ELSE status END WHERE id = ?1", id, limit) != 0)
		return LOGIN_ERROR;
	return LOGIN_BAD;
}

enum login_result
operators_login(struct operators *ops, const char *id, const char *pin,
    int max_failures, struct operator *out)
{
	char hash[PIN_HASH_MAX];
	int rc = load(ops, id, out, hash, sizeof hash);
	enum login_result result;

	if (rc < 0)
		return LOGIN_ERROR;
	if (rc == 1) {
		pin_waste_time(pin);
		return LOGIN_UNKNOWN_ID;
	}
	if (strcmp(out->status, "locked") == 0)
		result = LOGIN_LOCKED;
	else if (strcmp(out->status, "active") != 0)
		result = LOGIN_INACTIVE;
	else if ((rc = pin_verify(pin, hash)) == 1)
		result = run(ops, "UPDATE operator SET failures = 0"
		    " WHERE id = ?1", id, NULL) == 0 ? LOGIN_OK : LOGIN_ERROR;
	else if (rc == 0) {
		result = count_failure(ops, id, max_failures);
		if (result == LOGIN_BAD && load(ops, id, out, NULL, 0) == 0 &&
		    strcmp(out->status, "locked") == 0)
			result = LOGIN_LOCKED;
	} else
		result = LOGIN_ERROR;
	explicit_bzero(hash, sizeof hash);
	return result;
}
