/*
 * 本人確認情報: the record of the 都道府県知事保存本人確認情報ファイル, all 24
 * items of seed 000 別添2, in their order.  Fixed-size fields so that a record
 * is one block of memory that resident_wipe() clears in one call.
 */
#ifndef JUKI_RESIDENT_H
#define JUKI_RESIDENT_H

#include <stdint.h>

#include "juki/checkdigit.h"
#include "juki/kana.h"

#define RESIDENT_NAME_MAX	128	/* bytes of UTF-8, NUL included */
#define RESIDENT_KANA_MAX	256
#define RESIDENT_ADDRESS_MAX	512
#define RESIDENT_ID_MAX		32	/* 操作者ID, 操作端末ID */
#define RESIDENT_AZA_MAX	16
#define RESIDENT_DATE_MAX	11	/* "YYYY-MM-DD" */
#define RESIDENT_TIMESTAMP_MAX	32	/* "YYYY-MM-DDTHH:MM:SSZ" */

enum resident_sex {
	SEX_MALE = 1,
	SEX_FEMALE = 2,
};

/* 保存期間フラグ: whether the record is past the person's removal and kept
 * only for the legal retention period. */
enum resident_retention {
	RETENTION_CURRENT = 0,
	RETENTION_KEPT = 1,
};

struct resident {
	char juminhyo_code[JUMINHYO_CODE_LEN + 1];	/*  1 住民票コード */
	char name_kanji[RESIDENT_NAME_MAX];		/*  2 漢字氏名 */
	int name_gaiji_count;				/*  3 外字数(氏名) */
	char name_kana[RESIDENT_KANA_MAX];		/*  4 ふりがな氏名 */
	char birth_date[RESIDENT_DATE_MAX];		/*  5 生年月日 */
	int sex;					/*  6 性別 */
	char address[RESIDENT_ADDRESS_MAX];		/*  7 住所 */
	int address_gaiji_count;			/*  8 外字数(住所) */
	char kojin_bango[KOJIN_BANGO_LEN + 1];		/*  9 個人番号 */
	int idou_code;					/* 10 異動事由 */
	char idou_date[RESIDENT_DATE_MAX];		/* 11 異動年月日 */
	int retention_flag;				/* 12 保存期間フラグ */
	char seion_kana[RESIDENT_KANA_MAX];		/* 13 清音化かな氏名 */
	char municipality_code[LGCODE_LEN + 1];		/* 14 市町村コード */
	char aza_code[RESIDENT_AZA_MAX];		/* 15 大字・字コード */
	char operator_id[RESIDENT_ID_MAX];		/* 16 操作者ID */
	char terminal_id[RESIDENT_ID_MAX];		/* 17 操作端末ID */
	char timestamp[RESIDENT_TIMESTAMP_MAX];		/* 18 タイムスタンプ */
	char notified_date[RESIDENT_DATE_MAX];		/* 19 通知を受けた年月日 */
	int gaiji_flag;					/* 20 外字フラグ */
	int deleted;					/* 21 削除フラグ */
	int64_t update_seq;				/* 22 更新順番号 */
	int name_gaiji_seq;				/* 23 氏名外字変更連番 */
	int address_gaiji_seq;				/* 24 住所外字変更連番 */
};

/* Clears a record so no resident data stays in memory. */
void resident_wipe(struct resident *r);

/*
 * Checks every item against the domain rules: check digits, ふりがな, that
 * 清音化かな氏名 is the fold of ふりがな, real dates, a known 異動事由, sex,
 * a valid 市町村コード, flags 0 or 1.  opt are the 清音化 options the file
 * was built with (NULL for the defaults).  Returns 1, or 0 with *reason set.
 */
int resident_valid(const struct resident *r, const struct kana_options *opt,
    const char **reason);

/* Sets seion_kana from name_kana.  Returns 0, or -1 with *reason set. */
int resident_fold_name(struct resident *r, const struct kana_options *opt,
    const char **reason);

#endif
