/*
 * The resident file behind a small interface, so that an engine other than
 * the embedded SQLite can be added without touching its callers.
 *
 * Every function returns STORE_OK, STORE_NOT_FOUND where it says so, or a
 * negative STORE_E* code; store_error() then describes the last failure
 * (an untranslated message id, or the engine's own text).
 */
#ifndef JUKI_STORE_H
#define JUKI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juki/kana.h"
#include "juki/resident.h"

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND = 1,
	STORE_ERROR = -1,	/* engine or I/O failure */
	STORE_EEXIST = -2,	/* 住民票コード or 個人番号 already present */
	STORE_EINVAL = -3,	/* the record breaks a domain rule */
	STORE_ESCHEMA = -4,	/* database from a newer version, or not ours */
	STORE_EBUSY = -5,	/* another process holds the database */
};

struct store;

enum store_open_flags {
	STORE_READONLY = 1 << 0,
	STORE_CREATE = 1 << 1,	/* create the file and its schema if missing */
	STORE_BULK = 1 << 2,	/* bulk load into a new file: no WAL and no
				   fsync until closed; a crash may lose the
				   file, so only for generators */
};

/*
 * Opens the resident file at path (a SQLite database; the only engine so
 * far) and brings its schema up to date.  On failure *out is NULL and, when
 * reason is not NULL, *reason says why (untranslated message id).
 */
int store_open(const char *path, int flags, struct store **out,
    const char **reason);
void store_close(struct store *st);

/* Deletes the file at path and whatever the engine keeps beside it (SQLite's
 * -wal and -shm).  Returns 0, or -1 with errno set; a missing file is fine. */
int store_remove(const char *path);
const char *store_error(const struct store *st);

/* The 清音化 options the file was created with; records and searches use them. */
const struct kana_options *store_kana_options(const struct store *st);
int store_set_kana_options(struct store *st, const struct kana_options *opt);

/* Groups many writes into one transaction (bulk loads); not nested. */
int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/* Current record, deleted ones included.  STORE_NOT_FOUND if none. */
int store_get_by_code(struct store *st, const char *juminhyo_code,
    struct resident *out);
int store_get_by_kojin(struct store *st, const char *kojin_bango,
    struct resident *out);

/* 4情報 search.  seion_kana is required (already folded); the rest narrow it. */
struct store_query {
	const char *seion_kana;
	const char *birth_date;		/* "YYYY-MM-DD" or NULL */
	int sex;			/* 0 for either */
	const char *address_prefix;	/* NULL or "" for any */
	bool include_deleted;
	unsigned limit;			/* at most this many rows to the callback */
};

/* Called once a row; a non-zero return stops the iteration and is returned. */
typedef int (*store_row_cb)(const struct resident *r, void *arg);

/*
 * Calls cb for each match, in 住民票コード order, up to q->limit rows.
 * *more is set when there were more matches than the limit.
 */
int store_search(struct store *st, const struct store_query *q,
    store_row_cb cb, void *arg, bool *more);

/*
 * Adds a new resident.  r->update_seq is assigned (the next 更新順番号 of the
 * file) and written back.  STORE_EEXIST if the 住民票コード or 個人番号 is
 * already in the file; STORE_EINVAL if the record is not valid.
 */
int store_insert(struct store *st, struct resident *r);

/*
 * Replaces the current record of r->juminhyo_code, keeping the previous one
 * as history (修正前の本人確認情報).  r->update_seq is assigned as above.
 * STORE_NOT_FOUND if there is no such resident.
 */
int store_update(struct store *st, struct resident *r);

/*
 * Updates from 市町村CS, by the id the CS gave them.  update_applied:
 * STORE_OK if one with this id was applied, STORE_NOT_FOUND if not.
 * mark_applied records it (in the caller's transaction, with the record
 * it changed); STORE_EEXIST if the id is already there.
 */
int store_update_applied(struct store *st, const char *update_id);
int store_mark_applied(struct store *st, const char *update_id,
    int64_t update_seq);

/* Previous versions of a record, oldest first. */
int store_history(struct store *st, const char *juminhyo_code,
    store_row_cb cb, void *arg);

/* Every current record in 住民票コード order (exports, checks). */
int store_each(struct store *st, store_row_cb cb, void *arg);

/* Small settings kept with the data ("dataset" = "demo" | "synthetic" |
 * "production", …).  get: STORE_NOT_FOUND if unset; value truncated never,
 * STORE_ERROR if it does not fit in outsz. */
int store_meta_get(struct store *st, const char *key, char *out,
    size_t outsz);
int store_meta_set(struct store *st, const char *key, const char *value);

/*
 * Retention (保存期間): deletes what ended before the date before
 * ("YYYY-MM-DD"): every history row (修正前の本人確認情報) whose version a
 * change replaced before it, and every 消除者 (削除フラグ 1, 保存期間フラグ
 * 1) removed before it, with all their history.  A version ends with the
 * change that replaced it, on the later of that change's 異動年月日 and
 * the date of its タイムスタンプ.  The counts go into *out.  Atomic, in the
 * caller's transaction when one is open.  A 更新順番号 of a deleted row is
 * never given again.
 */
struct store_purged {
	int64_t history;	/* history rows deleted */
	int64_t residents;	/* 消除者 deleted */
};
int store_purge(struct store *st, const char *before,
    struct store_purged *out);

struct store_stats {
	int64_t residents;	/* current records, deleted included */
	int64_t deleted;
	int64_t history;	/* previous versions kept */
	int64_t last_update_seq;
};
int store_stats(struct store *st, struct store_stats *out);

#endif
