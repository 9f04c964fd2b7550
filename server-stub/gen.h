/*
 * Synthetic 本人確認情報: deterministic from a seed.  Person i's whole life
 * (entry, moves, name changes, removal) depends only on the seed and i, so
 * any dataset can be regenerated exactly and any person inspected alone.
 */
#ifndef JUKI_GEN_H
#define JUKI_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "juki/resident.h"
#include "juki/store.h"

#define GEN_MAX_COUNT 10000000ULL	/* 10 million: a large prefecture */
#define GEN_MAX_VERSIONS 8		/* versions of one person's record */

struct gen_config {
	uint64_t seed;
	uint64_t count;
	bool demo;		/* obviously fictional names, for trainers */
	char as_of[11];		/* "YYYY-MM-DD": nothing happens after it */
};

/* One person's record through time, oldest first; the last is current. */
struct gen_life {
	struct resident versions[GEN_MAX_VERSIONS];
	int count;
};

/* Fills cfg with the defaults: seed 1, 1000 persons, as of 2026-04-01. */
void gen_config_default(struct gen_config *cfg);

struct gen;

/*
 * A generator for the dataset cfg describes, folding names with kana (NULL
 * for the defaults).  Returns 0, or -1 with *reason set if cfg is unusable.
 */
int gen_new(const struct gen_config *cfg, const struct kana_options *kana,
    struct gen **out, const char **reason);
void gen_free(struct gen *g);

/* Person index (0-based) of the dataset, every version of their record. */
void gen_person(struct gen *g, uint64_t index, struct gen_life *out);

/* Called after each batch; a non-zero return stops the run. */
typedef int (*gen_progress_cb)(uint64_t done, uint64_t total, void *arg);

/*
 * Writes every person into st (insert, then one update a later version, so
 * history is kept as for real changes), committing in batches.  progress,
 * if not NULL, is called after each batch.  Returns 0, or -1 with *reason
 * set (also when progress stopped it); the caller discards the file then.
 */
int gen_write(struct gen *g, struct store *st, gen_progress_cb progress,
    void *arg, const char **reason);

#endif
