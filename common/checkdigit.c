/*
 * Check digits: weighted sums modulo 11 over the base digits.
 */
#include <stddef.h>
#include <string.h>

#include "juki/checkdigit.h"
#include "juki/i18n.h"

/*
 * Weights left to right.  個人番号: 平成26年総務省令第85号 第5条.
 * 住民票コード: the 告示 fixing its formula is not among our sources; we
 * assume the same modulus-11 scheme with weights 2,3,4,5,6,7,2,3,4,5 counted
 * from the right.  Change only this table if the 告示 says otherwise.
 */
static const int juminhyo_weights[JUMINHYO_CODE_LEN - 1] =
    { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
static const int kojin_weights[KOJIN_BANGO_LEN - 1] =
    { 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
/* 全国地方公共団体コード (昭和43年自治省行政局長通知). */
static const int lgcode_weights[LGCODE_LEN - 1] = { 6, 5, 4, 3, 2 };

/* Σ digit × weight mod 11 over exactly n digits, or -1 if s is not n digits. */
static int
weighted_mod11(const char *s, const int *weights, size_t n)
{
	int sum = 0;

	if (s == NULL || strlen(s) != n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		sum += (s[i] - '0') * weights[i];
	}
	return sum % 11;
}

/* 0 if r <= 1, else 11 - r: the rule of both the 個人番号 and 住民票コード. */
static int
digit_from_remainder(int r)
{
	if (r < 0)
		return -1;
	return r <= 1 ? 0 : 11 - r;
}

int
checkdigit_juminhyo_compute(const char *ten_digits)
{
	return digit_from_remainder(weighted_mod11(ten_digits,
	    juminhyo_weights, JUMINHYO_CODE_LEN - 1));
}

int
checkdigit_kojin_compute(const char *eleven_digits)
{
	return digit_from_remainder(weighted_mod11(eleven_digits,
	    kojin_weights, KOJIN_BANGO_LEN - 1));
}

int
checkdigit_lgcode_compute(const char *five_digits)
{
	int r = weighted_mod11(five_digits, lgcode_weights, LGCODE_LEN - 1);

	/* The last digit of 11 - r: r = 0 gives 1, r = 1 gives 0. */
	return r < 0 ? -1 : (11 - r) % 10;
}

/*
 * Shared shape of the three validators: length, digits only, then the last
 * digit against compute() of the others.
 */
static int
check_number(const char *s, size_t len, int (*compute)(const char *),
    const char *wrong_length, const char *not_digits, const char **reason)
{
	char base[16];
	const char *why = NULL;

	if (s == NULL || strlen(s) != len)
		why = wrong_length;
	else if (strspn(s, "0123456789") != len)
		why = not_digits;
	else {
		memcpy(base, s, len - 1);
		base[len - 1] = '\0';
		if (compute(base) != s[len - 1] - '0')
			why = N_("チェックデジットが一致しません");
	}
	if (why != NULL && reason != NULL)
		*reason = why;
	return why == NULL;
}

int
checkdigit_juminhyo_valid(const char *code, const char **reason)
{
	return check_number(code, JUMINHYO_CODE_LEN,
	    checkdigit_juminhyo_compute,
	    N_("住民票コードは11桁で入力してください"),
	    N_("住民票コードには数字だけを入力してください"), reason);
}

int
checkdigit_kojin_valid(const char *number, const char **reason)
{
	return check_number(number, KOJIN_BANGO_LEN, checkdigit_kojin_compute,
	    N_("個人番号は12桁で入力してください"),
	    N_("個人番号には数字だけを入力してください"), reason);
}

int
checkdigit_lgcode_valid(const char *code, const char **reason)
{
	return check_number(code, LGCODE_LEN, checkdigit_lgcode_compute,
	    N_("市町村コードは6桁です"),
	    N_("市町村コードには数字だけを使います"), reason);
}
