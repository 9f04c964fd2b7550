/*
 * The synthetic data generator: deterministic, unique keys, every version
 * valid, histories that make sense, and the variety the tests and demo need.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gen-names.h"
#include "gen.h"
#include "juki/idou.h"
#include "juki/jdate.h"

static struct gen *
make(uint64_t seed, uint64_t count, bool demo)
{
	struct gen_config cfg;
	struct gen *g = NULL;
	const char *reason = NULL;

	gen_config_default(&cfg);
	cfg.seed = seed;
	cfg.count = count;
	cfg.demo = demo;
	assert_int_equal(gen_new(&cfg, NULL, &g, &reason), 0);
	return g;
}

static void
test_deterministic(void **state)
{
	struct gen *a = make(42, 100, false), *b = make(42, 100, false);
	struct gen *c = make(43, 100, false);
	static struct gen_life x, y, z;
	int differ = 0;

	(void)state;
	for (uint64_t i = 0; i < 100; i++) {
		gen_person(a, i, &x);
		gen_person(b, i, &y);
		gen_person(c, i, &z);
		assert_int_equal(x.count, y.count);
		assert_memory_equal(x.versions, y.versions,
		    sizeof x.versions[0] * (size_t)x.count);
		differ += strcmp(x.versions[0].juminhyo_code,
		    z.versions[0].juminhyo_code) != 0;
	}
	assert_int_equal(differ, 100);
	gen_free(a);
	gen_free(b);
	gen_free(c);
}

/* Only the address (転居) or only the name (氏名の変更) may change. */
static void
assert_change_sane(const struct resident *before, const struct resident *after)
{
	assert_string_equal(before->juminhyo_code, after->juminhyo_code);
	assert_string_equal(before->birth_date, after->birth_date);
	assert_int_equal(before->sex, after->sex);
	assert_string_equal(before->kojin_bango, after->kojin_bango);
	assert_true(strcmp(before->idou_date, after->idou_date) <= 0);
	assert_int_equal(before->deleted, 0);
	if (after->idou_code == IDOU_TENKYO) {
		assert_string_equal(before->name_kanji, after->name_kanji);
		assert_string_equal(before->municipality_code,
		    after->municipality_code);
	} else if (after->idou_code == IDOU_SHIMEI_HENKO) {
		assert_string_equal(before->address, after->address);
	} else {
		assert_int_equal(idou_lookup(after->idou_code)->kind,
		    IDOU_REMOVAL);
		assert_int_equal(after->deleted, 1);
		assert_int_equal(after->retention_flag, 1);
	}
}

static int
compare_codes(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Counts over 20,000 persons that the dataset must show. */
struct tally {
	int deleted, moved, renamed, meiji, reiwa, no_kojin, gaiji;
};

static void
tally_life(const struct gen_life *life, struct tally *t)
{
	const struct resident *now = &life->versions[life->count - 1];

	t->deleted += now->deleted;
	t->meiji += strcmp(now->birth_date, "1912-07-30") < 0;
	t->reiwa += strcmp(now->birth_date, "2019-05-01") >= 0;
	t->no_kojin += now->kojin_bango[0] == '\0';
	t->gaiji += now->gaiji_flag;
	for (int v = 1; v < life->count; v++) {
		t->moved += life->versions[v].idou_code == IDOU_TENKYO;
		t->renamed += life->versions[v].idou_code == IDOU_SHIMEI_HENKO;
	}
}

static void
test_valid_unique_and_varied(void **state)
{
	enum { N = 20000 };
	struct gen *g = make(7, N, false);
	static struct gen_life life;
	static char codes[N][12], kojin[N][13];
	struct tally t = { 0 };
	const char *reason = NULL;
	int nkojin = 0;

	(void)state;
	for (uint64_t i = 0; i < N; i++) {
		gen_person(g, i, &life);
		assert_true(life.count >= 1 && life.count <= GEN_MAX_VERSIONS);
		for (int v = 0; v < life.count; v++) {
			if (!resident_valid(&life.versions[v], NULL, &reason))
				fail_msg("person %llu version %d: %s",
				    (unsigned long long)i, v, reason);
			if (v > 0)
				assert_change_sane(&life.versions[v - 1],
				    &life.versions[v]);
		}
		assert_int_equal(idou_lookup(life.versions[0].idou_code)->kind,
		    IDOU_ENTRY);
		memcpy(codes[i], life.versions[0].juminhyo_code, 12);
		if (life.versions[0].kojin_bango[0] != '\0')
			memcpy(kojin[nkojin++], life.versions[0].kojin_bango, 13);
		tally_life(&life, &t);
	}
	qsort(codes, N, sizeof codes[0], compare_codes);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(codes[i - 1], codes[i]);
	qsort(kojin, (size_t)nkojin, sizeof kojin[0], compare_codes);
	for (int i = 1; i < nkojin; i++)
		assert_string_not_equal(kojin[i - 1], kojin[i]);
	/* Each kind of history is there, in a plausible share. */
	assert_true(t.deleted > N / 50 && t.deleted < N / 3);
	assert_true(t.moved > N / 4);
	assert_true(t.renamed > N / 20);
	assert_true(t.meiji > 0 && t.reiwa > 0 && t.no_kojin > 0);
	assert_true(t.gaiji > 0);
	gen_free(g);
}

/* Names whose kana differ only by voicing marks fold to the same key. */
static void
test_voicing_variants_present(void **state)
{
	struct gen *g = make(11, 5000, false);
	static struct gen_life life;
	int yamasaki = 0, yamazaki = 0;

	(void)state;
	for (uint64_t i = 0; i < 5000; i++) {
		gen_person(g, i, &life);
		const struct resident *r = &life.versions[0];
		if (strncmp(r->name_kana, "ヤマサキ　", 15) == 0)
			yamasaki++;
		if (strncmp(r->name_kana, "ヤマザキ　", 15) == 0)
			yamazaki++;
		if (strncmp(r->name_kana, "ヤマ", 6) == 0 &&
		    strncmp(r->seion_kana, "ヤマサキ", 12) == 0)
			assert_true(strstr(r->name_kana, "サキ") != NULL ||
			    strstr(r->name_kana, "ザキ") != NULL);
	}
	assert_true(yamasaki > 0 && yamazaki > 0);
	gen_free(g);
}

static int
in_table(const struct gen_table *t, const char *kanji, size_t len)
{
	for (size_t i = 0; i < t->count; i++)
		if (strlen(t->names[i].kanji) == len &&
		    memcmp(t->names[i].kanji, kanji, len) == 0)
			return 1;
	return 0;
}

static void
test_demo_names_are_fictional(void **state)
{
	struct gen *g = make(20260401, 300, true);
	static struct gen_life life;

	(void)state;
	for (uint64_t i = 0; i < 300; i++) {
		gen_person(g, i, &life);
		for (int v = 0; v < life.count; v++) {
			const char *name = life.versions[v].name_kanji;
			const char *space = strstr(name, "　");
			assert_non_null(space);
			assert_true(in_table(&gen_demo_surnames, name,
			    (size_t)(space - name)));
			const char *given = space + strlen("　");
			const struct gen_table *t =
			    life.versions[v].sex == SEX_MALE ?
			    &gen_demo_given_male : &gen_demo_given_female;
			assert_true(in_table(t, given, strlen(given)));
		}
	}
	gen_free(g);
}

static void
test_bad_config(void **state)
{
	struct gen_config cfg;
	struct gen *g = NULL;
	const char *reason = NULL;

	(void)state;
	gen_config_default(&cfg);
	cfg.count = 0;
	assert_int_equal(gen_new(&cfg, NULL, &g, &reason), -1);
	assert_string_equal(reason, "人数は1から10,000,000までです");
	cfg.count = GEN_MAX_COUNT + 1;
	assert_int_equal(gen_new(&cfg, NULL, &g, &reason), -1);
	gen_config_default(&cfg);
	memcpy(cfg.as_of, "2026-02-30", 11);
	assert_int_equal(gen_new(&cfg, NULL, &g, &reason), -1);
	assert_null(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_valid_unique_and_varied),
		cmocka_unit_test(test_voicing_variants_present),
		cmocka_unit_test(test_demo_names_are_fictional),
		cmocka_unit_test(test_bad_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
