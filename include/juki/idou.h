/*
 * 異動事由: why a 本人確認情報 changed.
 *
 * The official code table is not among our sources, so the numbers here are
 * this project's own; they are stored in the database, so never renumber.
 * What matters for the logic checks is the kind of each reason.
 */
#ifndef JUKI_IDOU_H
#define JUKI_IDOU_H

enum idou_kind {
	IDOU_ENTRY,	/* the person becomes a resident of the prefecture */
	IDOU_CHANGE,	/* a current resident's record changes */
	IDOU_REMOVAL,	/* the person stops being a resident (削除フラグ) */
};

enum idou_code {
	IDOU_TENNYU = 11,		/* 転入 */
	IDOU_SHUSSEI = 12,		/* 出生 */
	IDOU_SHOKKEN_KISAI = 13,	/* 職権記載 */
	IDOU_KIKA = 14,			/* 帰化 (and other 国籍取得) */
	IDOU_TENKYO = 21,		/* 転居: only the address may change */
	IDOU_SHIMEI_HENKO = 22,		/* 氏名の変更 (婚姻, 離婚, 養子縁組 …) */
	IDOU_SHOKKEN_SHUSEI = 23,	/* 職権修正 */
	IDOU_JUKYO_HYOJI = 24,		/* 住居表示の実施 */
	IDOU_TENSHUTSU = 31,		/* 転出 */
	IDOU_SHIBOU = 32,		/* 死亡 */
	IDOU_SHOKKEN_SHOJO = 33,	/* 職権消除 */
	IDOU_KOKUSEKI_SOSHITSU = 34,	/* 国籍喪失 */
};

struct idou_reason {
	int code;
	const char *name;	/* untranslated message id, e.g. "転入" */
	enum idou_kind kind;
};

/* The reason with this code, or NULL if there is none. */
const struct idou_reason *idou_lookup(int code);

/* The reason with this (untranslated) name, or NULL. */
const struct idou_reason *idou_by_name(const char *name);

/* Every reason, in code order; *count receives how many. */
const struct idou_reason *idou_all(int *count);

#endif
