/*
 * Display widths: what keeps the columns of a screen straight when names in
 * kanji, kana and ASCII share it.  Widths are glibc's C.UTF-8 ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "width.h"

#define CANARY	'\x5a'

static int
setup_locale(void **state)
{
	(void)state;
	/* wcwidth knows no width outside a UTF-8 locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return 0;
}

/* Runs width_fit into a buffer big enough for anything used here. */
static void
assert_fit(const char *in, int cols, int pad, const char *want, int wantw)
{
	char out[128];

	assert_int_equal(width_fit(in, cols, pad, out, sizeof out), wantw);
	assert_string_equal(out, want);
	assert_int_equal(width_of(out), wantw);
}

static void
assert_ellipsized(const char *in, int cols, int pad, const char *want,
    int wantw)
{
	char out[128];

	assert_int_equal(width_ellipsize(in, cols, pad, out, sizeof out),
	    wantw);
	assert_string_equal(out, want);
	assert_int_equal(width_of(out), wantw);
}

static void
test_ascii(void **state)
{
	(void)state;
	assert_int_equal(width_of(""), 0);
	assert_int_equal(width_of("A"), 1);
	assert_int_equal(width_of("Tanaka Taro"), 11);
	assert_int_equal(width_of(NULL), 0);
	assert_fit("Tanaka", 10, 0, "Tanaka", 6);
	assert_fit("Tanaka", 10, 1, "Tanaka    ", 10);
	assert_fit("Tanaka", 3, 0, "Tan", 3);
	assert_fit("Tanaka", 3, 1, "Tan", 3);
	assert_fit("", 4, 1, "    ", 4);
	assert_fit("", 4, 0, "", 0);
}

static void
test_japanese(void **state)
{
	(void)state;
	assert_int_equal(width_of("山田太郎"), 8);
	assert_int_equal(width_of("やまだ"), 6);
	assert_int_equal(width_of("ヤマダ"), 6);
	assert_int_equal(width_of("　"), 2);		/* ideographic space */
	assert_int_equal(width_of("東京都千代田区"), 14);
	/* Half-width katakana, as old systems store kana, is one column. */
	assert_int_equal(width_of("ｶﾀｶﾅ"), 4);
	/* Its voiced mark ﾞ is a letter of its own, one column. */
	assert_int_equal(width_of("ﾔﾏﾀﾞ"), 4);
	assert_fit("ｶﾀｶﾅ", 3, 0, "ｶﾀｶ", 3);
	assert_fit("カタカナ", 5, 0, "カタ", 4);
	assert_fit("カタカナ", 5, 1, "カタ ", 5);
}

static void
test_mixed(void **state)
{
	(void)state;
	assert_int_equal(width_of("山田A太郎"), 9);
	assert_int_equal(width_of("1丁目2-3 ｺｰﾎﾟ101号"), 18);
	assert_int_equal(width_of("Smith ジョン"), 12);
	assert_fit("Smith ジョン", 8, 0, "Smith ジ", 8);
	assert_fit("Smith ジョン", 9, 1, "Smith ジ ", 9);
}

static void
test_combining(void **state)
{
	(void)state;
	/* カ + combining dakuten is one cell, the same as ガ. */
	assert_int_equal(width_of("カ\u3099"), 2);
	assert_int_equal(width_of("e\u0301"), 1);
	assert_int_equal(width_of("Jose\u0301"), 4);
	/* Marks stay with their character: kept with it, dropped with it. */
	assert_fit("カ\u3099キ", 2, 0, "カ\u3099", 2);
	assert_fit("カ\u3099キ", 3, 1, "カ\u3099 ", 3);
	assert_fit("キカ\u3099", 3, 0, "キ", 2);
	assert_fit("Jose\u0301 M", 4, 0, "Jose\u0301", 4);
	assert_fit("e\u0301\u0323x", 1, 0, "e\u0301\u0323", 1);
	/* A mark after a control character rides on its '?'. */
	assert_fit("\x01\u0301", 1, 0, "?\u0301", 1);
}

static void
test_outside_bmp(void **state)
{
	(void)state;
	/* 𠮷 (the "tsuchi-yoshi" of 吉野家) is four bytes and two columns. */
	assert_int_equal(width_of("\U00020BB7"), 2);
	assert_int_equal(width_of("\U00020BB7田"), 4);
	assert_int_equal(width_of("\U0001F600"), 2);
	assert_fit("\U00020BB7野家", 3, 0, "\U00020BB7", 2);
	assert_fit("\U00020BB7野家", 3, 1, "\U00020BB7 ", 3);
	assert_fit("\U00020BB7野家", 1, 1, " ", 1);
}

static void
test_control(void **state)
{
	(void)state;
	/* A terminal must not see an escape sequence from data. */
	assert_int_equal(width_of("\x1b[2J"), 4);
	assert_fit("\x1b[2J", 10, 0, "?[2J", 4);
	assert_fit("\x1b]0;x\x07", 10, 0, "?]0;x?", 6);
	assert_fit("a\tb\nc\rd", 10, 0, "a?b?c?d", 7);
	assert_fit("\x7f\xc2\x9b", 10, 0, "??", 2);	/* DEL, C1 CSI */
	assert_int_equal(width_of("\x7f\xc2\x9b"), 2);
	/* Unassigned in the locale: wcwidth says -1, shown as '?'. */
	assert_int_equal(width_of("\U0003FFFD"), 1);
	assert_fit("A\U0003FFFDB", 3, 0, "A?B", 3);
}

static void
test_invalid(void **state)
{
	(void)state;
	assert_int_equal(width_of("\xff"), 1);
	assert_int_equal(width_of("ok\xff\xfe"), 4);
	assert_fit("ok\xff\xfe", 10, 0, "ok??", 4);
	assert_fit("\xe4\xbd", 10, 0, "??", 2);		/* truncated 住 */
	assert_fit("\xc0\xaf", 10, 0, "??", 2);		/* overlong '/' */
	assert_fit("\xed\xa0\x80", 10, 0, "???", 3);	/* surrogate */
	assert_fit("山\x80田", 3, 0, "山?", 3);
	assert_fit("山\x80田", 4, 1, "山? ", 4);
}

/* Every cut of a mixed name, with and without padding. */
static void
test_fit_every_cut(void **state)
{
	static const struct {
		int cols;
		const char *plain;
		int plainw;
		const char *padded;
	} cuts[] = {
		{ 0, "", 0, "" },
		{ 1, "", 0, " " },
		{ 2, "山", 2, "山" },
		{ 3, "山", 2, "山 " },
		{ 4, "山田", 4, "山田" },
		{ 5, "山田A", 5, "山田A" },
		{ 6, "山田A", 5, "山田A " },
		{ 7, "山田A太", 7, "山田A太" },
		{ 8, "山田A太", 7, "山田A太 " },
		{ 9, "山田A太郎", 9, "山田A太郎" },
		{ 10, "山田A太郎", 9, "山田A太郎 " },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		assert_fit("山田A太郎", cuts[i].cols, 0, cuts[i].plain,
		    cuts[i].plainw);
		assert_fit("山田A太郎", cuts[i].cols, 1, cuts[i].padded,
		    cuts[i].cols);
	}
}

static void
test_fit_negative_cols(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'x', sizeof out);
	assert_int_equal(width_fit("山田", -1, 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	memset(out, 'x', sizeof out);
	assert_int_equal(width_ellipsize("山田", -3, 1, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void
test_straddle(void **state)
{
	(void)state;
	/* The edge falls in the middle of 太: it is left out whole. */
	assert_fit("A太", 2, 0, "A", 1);
	assert_fit("A太", 2, 1, "A ", 2);
	assert_fit("太", 1, 0, "", 0);
	assert_fit("太", 1, 1, " ", 1);
	assert_fit("AB太郎", 5, 1, "AB太 ", 5);
}

/*
 * out is the first outsz bytes of a larger buffer whose rest must not be
 * touched.
 */
static void
assert_fit_small(const char *in, int cols, int pad, size_t outsz,
    const char *want, int wantw)
{
	char buf[64];

	assert_true(outsz < sizeof buf);
	memset(buf, CANARY, sizeof buf);
	assert_int_equal(width_fit(in, cols, pad, buf, outsz), wantw);
	assert_string_equal(buf, want);
	for (size_t i = outsz; i < sizeof buf; i++)
		assert_int_equal(buf[i], CANARY);
}

static void
assert_ellipsize_small(const char *in, int cols, int pad, size_t outsz,
    const char *want, int wantw)
{
	char buf[64];

	assert_true(outsz < sizeof buf);
	memset(buf, CANARY, sizeof buf);
	assert_int_equal(width_ellipsize(in, cols, pad, buf, outsz), wantw);
	assert_string_equal(buf, want);
	for (size_t i = outsz; i < sizeof buf; i++)
		assert_int_equal(buf[i], CANARY);
}

static void
test_outsz(void **state)
{
	char one = CANARY;

	(void)state;
	/* 山田 is 6 bytes: with 6 there is room for 山 and the NUL only. */
	assert_fit_small("山田", 10, 0, 6, "山", 2);
	assert_fit_small("山田", 10, 0, 7, "山田", 4);
	assert_fit_small("山田", 10, 0, 3, "", 0);
	assert_fit_small("山田", 10, 0, 1, "", 0);
	assert_fit_small("ab", 10, 0, 2, "a", 1);
	/* Never a partial 𠮷 (4 bytes). */
	assert_fit_small("\U00020BB7", 2, 0, 4, "", 0);
	assert_fit_small("\U00020BB7", 2, 0, 5, "\U00020BB7", 2);
	/* A character and its marks go in whole or not at all. */
	assert_fit_small("カ\u3099", 2, 0, 6, "", 0);
	assert_fit_small("カ\u3099", 2, 0, 7, "カ\u3099", 2);
	/* Padding goes first: text gives way so the columns stay exact. */
	assert_fit_small("山田", 6, 1, 8, "山    ", 6);
	assert_fit_small("山田", 6, 1, 7, "      ", 6);
	/* Too small even for the padding: as much of it as fits. */
	assert_fit_small("山田", 6, 1, 6, "     ", 5);
	assert_fit_small("山田", 4, 1, 7, "山田", 4);
	/* Replacement is shorter than the bytes it replaces. */
	assert_fit_small("\xff\xff\xff", 3, 0, 4, "???", 3);
	/* No room even for the NUL: nothing is written. */
	assert_int_equal(width_fit("a", 1, 1, &one, 0), 0);
	assert_int_equal(one, CANARY);
	assert_int_equal(width_ellipsize("a", 1, 1, &one, 0), 0);
	assert_int_equal(one, CANARY);
}

static void
test_ellipsize(void **state)
{
	(void)state;
	assert_int_equal(wcwidth(0x2026), 1);
	/* It fits: untouched. */
	assert_ellipsized("山田太郎", 8, 0, "山田太郎", 8);
	assert_ellipsized("山田太郎", 10, 1, "山田太郎  ", 10);
	assert_ellipsized("", 3, 1, "   ", 3);
	/* It does not: cut, then the mark. */
	assert_ellipsized("山田太郎", 7, 0, "山田太…", 7);
	assert_ellipsized("山田太郎", 6, 0, "山田…", 5);
	assert_ellipsized("山田太郎", 6, 1, "山田… ", 6);
	assert_ellipsized("山田太郎", 2, 0, "…", 1);
	assert_ellipsized("山田太郎", 2, 1, "… ", 2);
	assert_ellipsized("山田太郎", 1, 0, "…", 1);
	assert_ellipsized("山田太郎", 0, 1, "", 0);
	assert_ellipsized("Tanaka Taro", 8, 0, "Tanaka …", 8);
	assert_ellipsized("ｶﾀｶﾅｶﾀｶﾅ", 5, 0, "ｶﾀｶﾅ…", 5);
	assert_ellipsized("カ\u3099カ\u3099カ\u3099", 5, 0,
	    "カ\u3099カ\u3099…", 5);
	assert_ellipsized("\x1b[31mRed", 4, 0, "?[3…", 4);
}

static void
test_ellipsize_outsz(void **state)
{
	(void)state;
	/* Cut by outsz, not columns: still marked as cut. */
	assert_ellipsize_small("山田", 10, 0, 6, "…", 1);
	assert_ellipsize_small("山田", 10, 0, 7, "山田", 4);
	assert_ellipsize_small("山田太郎", 10, 0, 8, "山…", 3);
	assert_ellipsize_small("山田太郎", 6, 1, 10, "山…   ", 6);
	assert_ellipsize_small("山田太郎", 6, 1, 9, "…     ", 6);
	/* No room for mark and padding: nothing of the name, only the
	 * padding, so the columns stay exact. */
	assert_ellipsize_small("山田太郎", 4, 1, 5, "    ", 4);
	assert_ellipsize_small("山田太郎", 4, 0, 3, "", 0);
}

/* Columns of a list line up whatever the names are made of. */
static void
test_columns_line_up(void **state)
{
	static const char *names[] = {
		"山田太郎", "やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ", "YAMADA Taro",
		"髙橋\U00020BB7子", "カ\u3099ンタ\u3099", "長谷川左衛門三郎兵衛",
		"Ａｂｃ全角", "O'Brien ｵﾌﾞﾗｲｴﾝ", "Jose\u0301 Garci\u0301a",
		"\x1b[2J消す", "壊れ\xff\xfe", "", "a", "山", "1234567890123",
	};
	char out[128];
	char line[130];
	size_t len;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(width_fit(names[i], 12, 1, out, sizeof out),
		    12);
		assert_int_equal(width_of(out), 12);
		assert_int_equal(width_ellipsize(names[i], 12, 1, out,
		    sizeof out), 12);
		assert_int_equal(width_of(out), 12);
		/* A second column starts at the same place on every line. */
		width_fit(names[i], 12, 1, out, sizeof out);
		len = strlen(out);
		memcpy(line, out, len);
		memcpy(line + len, "|", 2);
		assert_int_equal(width_of(line), 13);
	}
}

/* Cutting text into lines: whole clusters up to the width, at least one. */
static void
test_span(void **state)
{
	(void)state;
	assert_int_equal(width_span("abcdef", 4), 4);
	assert_int_equal(width_span("abc", 4), 3);
	assert_int_equal(width_span("", 4), 0);
	assert_int_equal(width_span(NULL, 4), 0);
	/* Two columns a kanji: three fit in seven, the fourth would not. */
	assert_int_equal(width_span("山田太郎", 7), 9);
	assert_int_equal(width_span("山田太郎", 8), 12);
	/* A mark stays with its character. */
	assert_int_equal(width_span("カ\u3099カ\u3099", 2), 6);
	/* Wider than the width: still one, so a loop moves on. */
	assert_int_equal(width_span("山田", 1), 3);
	assert_int_equal(width_span("山田", 0), 3);
	/* What is shown as '?' is counted as the one column it takes. */
	assert_int_equal(width_span("\x1b[2J", 2), 2);
	assert_int_equal(width_span("\xff\xfe" "ab", 3), 3);
}

/*
 * Without a UTF-8 locale nothing beyond ASCII has a known width: it is all
 * '?', and the cut is marked with an ASCII '~' the terminal can show.
 */
static void
test_no_utf8_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(width_of("山田"), 2);
	assert_fit("山田A", 10, 0, "??A", 3);
	assert_ellipsized("Tanaka", 4, 0, "Tan~", 4);
	assert_ellipsized("Tanaka", 8, 1, "Tanaka  ", 8);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(width_of("山田"), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_japanese),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_outside_bmp),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_fit_every_cut),
		cmocka_unit_test(test_fit_negative_cols),
		cmocka_unit_test(test_straddle),
		cmocka_unit_test(test_outsz),
		cmocka_unit_test(test_ellipsize),
		cmocka_unit_test(test_ellipsize_outsz),
		cmocka_unit_test(test_columns_line_up),
		cmocka_unit_test(test_span),
		cmocka_unit_test(test_no_utf8_locale),
	};

	return cmocka_run_group_tests(tests, setup_locale, NULL);
}
