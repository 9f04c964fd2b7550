/*
 * What a storage engine provides to store.c.  Engines do storage only; the
 * domain rules every engine shares (record validation, 清音化 options) are
 * applied once, in store.c.
 */
#ifndef JUKI_STORE_ENGINE_H
#define JUKI_STORE_ENGINE_H

#include "juki/store.h"

struct store_engine {
	const char *name;
	int (*open)(const char *path, int flags, void **impl,
	    const char **reason);
	void (*close)(void *impl);
	int (*remove)(const char *path);
	const char *(*error)(void *impl);
	int (*begin)(void *impl);
	int (*commit)(void *impl);
	int (*rollback)(void *impl);
	int (*get_by_code)(void *impl, const char *code, struct resident *out);
	int (*get_by_kojin)(void *impl, const char *kojin,
	    struct resident *out);
	int (*search)(void *impl, const struct store_query *q,
	    store_row_cb cb, void *arg, bool *more);
	int (*insert)(void *impl, struct resident *r);
	int (*update)(void *impl, struct resident *r);
	int (*update_applied)(void *impl, const char *update_id);
	int (*mark_applied)(void *impl, const char *update_id, int64_t seq);
	int (*history)(void *impl, const char *code, store_row_cb cb,
	    void *arg);
	int (*each)(void *impl, store_row_cb cb, void *arg);
	int (*stats)(void *impl, struct store_stats *out);
	int (*meta_get)(void *impl, const char *key, char *out, size_t outsz);
	int (*meta_set)(void *impl, const char *key, const char *value);
	int (*purge)(void *impl, const char *before,
	    struct store_purged *out);
};

extern const struct store_engine store_engine_sqlite;

#endif
