/* Whole-record validation: each broken item is refused with its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "juki/resident.h"
#include "fixture.h"

static void
valid_record(struct resident *r)
{
	fixture_resident(r, 1, "山崎 太郎", "ヤマザキ タロウ", "1980-05-06",
	    SEX_MALE, "熊本県熊本市中央区本町1丁目2番3号");
}

static void
assert_refused(const struct resident *r, const char *expected)
{
	const char *reason = NULL;

	assert_false(resident_valid(r, NULL, &reason));
	assert_non_null(reason);
	assert_string_equal(reason, expected);
}

static void
test_fixture_is_valid(void **state)
{
	struct resident r;
	const char *reason = NULL;

	(void)state;
	valid_record(&r);
	assert_true(resident_valid(&r, NULL, &reason));
	assert_string_equal(r.seion_kana, "ヤマサキタロウ");
}

static void
test_each_item_refused(void **state)
{
	struct resident r;

	(void)state;
	valid_record(&r);
	r.juminhyo_code[10] = r.juminhyo_code[10] == '0' ? '1' : '0';
	assert_refused(&r, "チェックデジットが一致しません");

	valid_record(&r);
	r.kojin_bango[0] = 'x';
	assert_refused(&r, "個人番号には数字だけを入力してください");

	valid_record(&r);
	memcpy(r.municipality_code, "431002", 7);
	assert_refused(&r, "チェックデジットが一致しません");

	valid_record(&r);
	r.idou_code = 99;
	assert_refused(&r, "異動事由のコードが不明です");

	valid_record(&r);
	r.sex = 3;
	assert_refused(&r, "性別のコードが正しくありません");

	valid_record(&r);
	r.deleted = 2;
	assert_refused(&r, "フラグの値は0か1です");

	valid_record(&r);
	memcpy(r.birth_date, "2023-02-29", 11);
	assert_refused(&r, "生年月日が正しくありません");

	valid_record(&r);
	memcpy(r.idou_date, "20200401", 9);
	assert_refused(&r, "異動年月日が正しくありません");

	valid_record(&r);
	r.name_kanji[0] = '\0';
	assert_refused(&r, "漢字氏名がありません");

	valid_record(&r);
	r.aza_code[0] = 'A';
	assert_refused(&r, "大字・字コードが正しくありません");
}

static void
test_kana_must_match_fold(void **state)
{
	struct resident r;

	(void)state;
	valid_record(&r);
	memcpy(r.seion_kana, "ヤマザキタロウ", sizeof "ヤマザキタロウ");
	assert_refused(&r, "清音化かな氏名がふりがな氏名と一致しません");

	valid_record(&r);
	memcpy(r.name_kana, "山崎", sizeof "山崎");
	assert_false(resident_valid(&r, NULL, NULL));
}

static void
test_kojin_may_be_absent(void **state)
{
	struct resident r;

	(void)state;
	valid_record(&r);
	r.kojin_bango[0] = '\0';
	r.notified_date[0] = '\0';
	assert_true(resident_valid(&r, NULL, NULL));
}

static void
test_wipe(void **state)
{
	struct resident r;
	static const struct resident zero;

	(void)state;
	valid_record(&r);
	resident_wipe(&r);
	assert_memory_equal(&r, &zero, sizeof r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_is_valid),
		cmocka_unit_test(test_each_item_refused),
		cmocka_unit_test(test_kana_must_match_fold),
		cmocka_unit_test(test_kojin_may_be_absent),
		cmocka_unit_test(test_wipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
