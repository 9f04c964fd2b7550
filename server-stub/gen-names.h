/*
 * Tables the synthetic data generator draws from: realistic names and the
 * municipalities of one prefecture (熊本県) for the large datasets, and
 * obviously fictional names for the trainers' demo dataset.
 */
#ifndef JUKI_GEN_NAMES_H
#define JUKI_GEN_NAMES_H

#include <stddef.h>

struct gen_name {
	const char *kanji;	/* "佐藤", "翔太" */
	const char *kana;	/* ふりがな in full-width katakana: "サトウ" */
	unsigned weight;	/* relative frequency, > 0 */
	int gaiji;		/* 1 if the kanji holds a character outside
				   JIS X 0208 level 1/2 (a 外字 in 住基 terms,
				   e.g. 髙 or 﨑), else 0 */
};

struct gen_table {
	const struct gen_name *names;
	size_t count;
};

struct gen_municipality {
	const char *code5;	/* first 5 digits of the 市町村コード; the check
				   digit is computed, not stored */
	const char *name;	/* "熊本市中央区", "菊陽町" */
	const char *district;	/* 郡 for 町村 ("菊池郡"), "" otherwise */
	unsigned weight;	/* population, in hundreds */
};

extern const char gen_prefecture_name[];	/* "熊本県" */
extern const struct gen_municipality gen_municipalities[];
extern const size_t gen_municipalities_count;

/* Names of 大字・町 used in addresses ("本町", "水前寺", "上通町" …). */
extern const char *const gen_aza_names[];
extern const size_t gen_aza_names_count;

extern const struct gen_table gen_surnames;		/* realistic */
extern const struct gen_table gen_given_male;
extern const struct gen_table gen_given_female;

extern const struct gen_table gen_demo_surnames;	/* obviously fictional */
extern const struct gen_table gen_demo_given_male;
extern const struct gen_table gen_demo_given_female;

#endif
