/* Check digits against hand-computed values and every single-digit error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "juki/checkdigit.h"

/*
 * Worked by hand: 個人番号 1234567890 1 8: Σ = 1·6+2·5+3·4+4·3+5·2+6·7+7·6+
 * 8·5+9·4+0·3+1·2 = 212, 212 mod 11 = 3, 11 − 3 = 8.  住民票コード
 * 1234567890: Σ = 1·5+2·4+3·3+4·2+5·7+6·6+7·5+8·4+9·3+0·2 = 195,
 * 195 mod 11 = 8, 11 − 8 = 3.
 */
static const char *const valid_kojin[] = {
	"123456789018", "983205673214", "123456789000",
};
static const char *const valid_juminhyo[] = {
	"12345678903", "99999999995", "00000000019", "00000000000",
};

static void
test_kojin_known_values(void **state)
{
	(void)state;
	assert_int_equal(checkdigit_kojin_compute("12345678901"), 8);
	assert_int_equal(checkdigit_kojin_compute("98320567321"), 4);
	assert_int_equal(checkdigit_kojin_compute("12345678900"), 0);
	for (size_t i = 0; i < 3; i++)
		assert_true(checkdigit_kojin_valid(valid_kojin[i], NULL));
}

static void
test_juminhyo_known_values(void **state)
{
	(void)state;
	assert_int_equal(checkdigit_juminhyo_compute("1234567890"), 3);
	/* 9·41 = 369, mod 11 = 6, 11 − 6 = 5. */
	assert_int_equal(checkdigit_juminhyo_compute("9999999999"), 5);
	/* 1·2 = 2, 11 − 2 = 9. */
	assert_int_equal(checkdigit_juminhyo_compute("0000000001"), 9);
	assert_int_equal(checkdigit_juminhyo_compute("0000000000"), 0);
	for (size_t i = 0; i < 4; i++)
		assert_true(checkdigit_juminhyo_valid(valid_juminhyo[i], NULL));
}

static void
test_lgcode_known_values(void **state)
{
	(void)state;
	/* 熊本市 431001, 千代田区 131016, 札幌市 011002. */
	assert_int_equal(checkdigit_lgcode_compute("43100"), 1);
	assert_int_equal(checkdigit_lgcode_compute("13101"), 6);
	assert_int_equal(checkdigit_lgcode_compute("01100"), 2);
	assert_true(checkdigit_lgcode_valid("431001", NULL));
	assert_false(checkdigit_lgcode_valid("431002", NULL));
}

/*
 * Every substitution of one digit, anywhere, must be refused when the check
 * digit is not 0.  (With check digit 0 the rule cannot tell remainder 0 from
 * 1: that is the 省令's own blind spot, shown in the next test.)
 */
static void
assert_single_errors_caught(const char *valid,
    int (*is_valid)(const char *, const char **))
{
	char copy[16];
	size_t len = strlen(valid);
	int caught = 0;

	for (size_t pos = 0; pos < len; pos++) {
		for (char d = '0'; d <= '9'; d++) {
			if (d == valid[pos])
				continue;
			memcpy(copy, valid, len + 1);
			copy[pos] = d;
			const char *reason = NULL;
			assert_false(is_valid(copy, &reason));
			assert_string_equal(reason, "チェックデジットが一致しません");
			caught++;
		}
	}
	assert_int_equal(caught, (int)len * 9);
}

static void
test_every_single_digit_error(void **state)
{
	(void)state;
	assert_single_errors_caught("123456789018", checkdigit_kojin_valid);
	assert_single_errors_caught("983205673214", checkdigit_kojin_valid);
	assert_single_errors_caught("12345678903", checkdigit_juminhyo_valid);
	assert_single_errors_caught("99999999995", checkdigit_juminhyo_valid);
	assert_single_errors_caught("00000000019", checkdigit_juminhyo_valid);
}

static void
test_remainder_zero_one_blind_spot(void **state)
{
	(void)state;
	/* Σ for 12345678900 is 210 (r = 1); changing the 11th digit to 5
	 * adds 10, Σ = 220 (r = 0): both give check digit 0. */
	assert_true(checkdigit_kojin_valid("123456789000", NULL));
	assert_true(checkdigit_kojin_valid("123456789050", NULL));
}

static void
test_malformed_input(void **state)
{
	const char *reason = NULL;

	(void)state;
	assert_false(checkdigit_kojin_valid("12345678901", &reason));
	assert_string_equal(reason, "個人番号は12桁で入力してください");
	assert_false(checkdigit_kojin_valid("1234567890188", &reason));
	assert_false(checkdigit_kojin_valid("12345678901a", &reason));
	assert_string_equal(reason, "個人番号には数字だけを入力してください");
	assert_false(checkdigit_kojin_valid("", &reason));
	assert_false(checkdigit_kojin_valid(NULL, &reason));
	assert_false(checkdigit_juminhyo_valid("1234567890", &reason));
	assert_string_equal(reason, "住民票コードは11桁で入力してください");
	assert_false(checkdigit_juminhyo_valid("1234567890 ", &reason));
	assert_string_equal(reason, "住民票コードには数字だけを入力してください");
	assert_false(checkdigit_juminhyo_valid("-1234567890", &reason));
	assert_int_equal(checkdigit_juminhyo_compute("123456789"), -1);
	assert_int_equal(checkdigit_kojin_compute("1234567890x"), -1);
	assert_int_equal(checkdigit_lgcode_compute(NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kojin_known_values),
		cmocka_unit_test(test_juminhyo_known_values),
		cmocka_unit_test(test_lgcode_known_values),
		cmocka_unit_test(test_every_single_digit_error),
		cmocka_unit_test(test_remainder_zero_one_blind_spot),
		cmocka_unit_test(test_malformed_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
