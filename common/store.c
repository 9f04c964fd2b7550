/*
 * The resident file: engine-independent rules in front of a storage engine.
 */
#include <stdlib.h>
#include <string.h>

#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/store.h"
#include "store-engine.h"

struct store {
	const struct store_engine *engine;
	void *impl;
	struct kana_options kana;
	const char *reason;	/* our own last failure, or NULL: the engine's */
};

static const char kana_di_ji_key[] = "kana_fold_di_ji";
static const char kana_du_zu_key[] = "kana_fold_du_zu";

static int
meta_flag(struct store *st, const char *key, bool *flag)
{
	char v[8];
	int rc = st->engine->meta_get(st->impl, key, v, sizeof v);

	if (rc < 0)
		return rc;
	*flag = rc == STORE_OK && strcmp(v, "1") == 0;
	return STORE_OK;
}

int
store_open(const char *path, int flags, struct store **out,
    const char **reason)
{
	struct store *st;
	const char *unused;

	if (reason == NULL)
		reason = &unused;
	*out = NULL;
	if ((st = calloc(1, sizeof *st)) == NULL) {
		*reason = N_("メモリが足りません");
		return STORE_ERROR;
	}
	st->engine = &store_engine_sqlite;
	int rc = st->engine->open(path, flags, &st->impl, reason);
	if (rc != STORE_OK) {
		free(st);
		return rc;
	}
	if ((rc = meta_flag(st, kana_di_ji_key, &st->kana.fold_di_ji)) != 0 ||
	    (rc = meta_flag(st, kana_du_zu_key, &st->kana.fold_du_zu)) != 0) {
		*reason = st->engine->error(st->impl);
		store_close(st);
		return rc;
	}
	*out = st;
	return STORE_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	st->engine->close(st->impl);
	free(st);
}

int
store_remove(const char *path)
{
	return store_engine_sqlite.remove(path);
}

const char *
store_error(const struct store *st)
{
	return st->reason != NULL ? st->reason : st->engine->error(st->impl);
}

const struct kana_options *
store_kana_options(const struct store *st)
{
	return &st->kana;
}

/*
 * Records already in the file were folded with the old options, so the
 * options can only be chosen while the file is empty.
 */
int
store_set_kana_options(struct store *st, const struct kana_options *opt)
{
	struct store_stats stats;
	int rc;

	st->reason = NULL;
	if ((rc = store_stats(st, &stats)) != STORE_OK)
		return rc;
	if (stats.residents > 0) {
		st->reason = N_("登録済みのデータがあるため清音化の設定は"
		    "変更できません");
		return STORE_EINVAL;
	}
	if ((rc = st->engine->meta_set(st->impl, kana_di_ji_key,
	    opt->fold_di_ji ? "1" : "0")) != STORE_OK ||
	    (rc = st->engine->meta_set(st->impl, kana_du_zu_key,
	    opt->fold_du_zu ? "1" : "0")) != STORE_OK)
		return rc;
	st->kana = *opt;
	return STORE_OK;
}

int
store_begin(struct store *st)
{
	st->reason = NULL;
	return st->engine->begin(st->impl);
}

int
store_commit(struct store *st)
{
	st->reason = NULL;
	return st->engine->commit(st->impl);
}

int
store_rollback(struct store *st)
{
	st->reason = NULL;
	return st->engine->rollback(st->impl);
}

int
store_get_by_code(struct store *st, const char *code, struct resident *out)
{
	st->reason = NULL;
	return st->engine->get_by_code(st->impl, code, out);
}

int
store_get_by_kojin(struct store *st, const char *kojin, struct resident *out)
{
	st->reason = NULL;
	return st->engine->get_by_kojin(st->impl, kojin, out);
}

int
store_search(struct store *st, const struct store_query *q, store_row_cb cb,
    void *arg, bool *more)
{
	st->reason = NULL;
	*more = false;
	if (q->seion_kana == NULL || q->seion_kana[0] == '\0') {
		st->reason = N_("氏名(かな)を指定してください");
		return STORE_EINVAL;
	}
	return st->engine->search(st->impl, q, cb, arg, more);
}

static int
check_record(struct store *st, const struct resident *r)
{
	st->reason = NULL;
	if (!resident_valid(r, &st->kana, &st->reason))
		return STORE_EINVAL;
	return STORE_OK;
}

int
store_insert(struct store *st, struct resident *r)
{
	int rc = check_record(st, r);

	return rc != STORE_OK ? rc : st->engine->insert(st->impl, r);
}

int
store_update(struct store *st, struct resident *r)
{
	int rc = check_record(st, r);

	return rc != STORE_OK ? rc : st->engine->update(st->impl, r);
}

int
store_update_applied(struct store *st, const char *update_id)
{
	st->reason = NULL;
	return st->engine->update_applied(st->impl, update_id);
}

int
store_mark_applied(struct store *st, const char *update_id,
    int64_t update_seq)
{
	st->reason = NULL;
	return st->engine->mark_applied(st->impl, update_id, update_seq);
}

int
store_history(struct store *st, const char *code, store_row_cb cb, void *arg)
{
	st->reason = NULL;
	return st->engine->history(st->impl, code, cb, arg);
}

int
store_each(struct store *st, store_row_cb cb, void *arg)
{
	st->reason = NULL;
	return st->engine->each(st->impl, cb, arg);
}

int
store_stats(struct store *st, struct store_stats *out)
{
	st->reason = NULL;
	return st->engine->stats(st->impl, out);
}

int
store_meta_get(struct store *st, const char *key, char *out, size_t outsz)
{
	st->reason = NULL;
	return st->engine->meta_get(st->impl, key, out, outsz);
}

int
store_meta_set(struct store *st, const char *key, const char *value)
{
	st->reason = NULL;
	return st->engine->meta_set(st->impl, key, value);
}

int
store_purge(struct store *st, const char *before, struct store_purged *out)
{
	struct jdate d;

	st->reason = NULL;
	out->history = out->residents = 0;
	if (jdate_parse_iso(before, &d, &st->reason) != 0)
		return STORE_EINVAL;
	return st->engine->purge(st->impl, before, out);
}
