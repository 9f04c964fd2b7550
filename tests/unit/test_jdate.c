/*
 * Unit tests for common/jdate.c: parsing what a clerk types, 和暦 formatting
 * at the era boundaries, and a round trip over every day we accept up to 2100.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "juki/jdate.h"

/* The reasons, spelled out so a change of wording is a deliberate one. */
#define R_EMPTY		"日付が入力されていません"
#define R_FORMAT	"日付の形式が正しくありません"
#define R_ISO		"日付はYYYY-MM-DDの形式で指定してください"
#define R_NONEXIST	"存在しない日付です"
#define R_MONTH		"月は1から12までで入力してください"
#define R_ERA		"元号の範囲外の日付です"
#define R_BEFORE	"1873年1月1日より前の日付は扱えません"
#define R_AFTER		"9999年12月31日より後の日付は扱えません"
#define R_GANNEN	"年は元年(1)以上で入力してください"

static void
next_day(struct jdate *d)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 leap, last;

	leap = (d->year % 4 == 0 && d->year % 100 != 0) || d->year % 400 == 0;
	last = days[d->month - 1] + (d->month == 2 && leap);
	if (++d->day <= last)
		return;
	d->day = 1;
	if (++d->month <= 12)
		return;
	d->month = 1;
	d->year++;
}

static void
expect_parse(const char *s, int y, int m, int d)
{
	struct jdate	 out = { 0, 0, 0 };
	const char	*reason = NULL;

	if (jdate_parse(s, &out, &reason) != 0)
		fail_msg("\"%s\" refused: %s", s, reason);
	if (out.year != y || out.month != m || out.day != d)
		fail_msg("\"%s\" gave %04d-%02d-%02d, want %04d-%02d-%02d", s,
		    out.year, out.month, out.day, y, m, d);
}

static void
expect_refused(const char *s, const char *why)
{
	struct jdate	 out = { 0, 0, 0 };
	const char	*reason = NULL;

	if (jdate_parse(s, &out, &reason) != -1)
		fail_msg("\"%s\" accepted as %04d-%02d-%02d", s, out.year,
		    out.month, out.day);
	assert_non_null(reason);
	if (strcmp(reason, why) != 0)
		fail_msg("\"%s\": reason \"%s\", want \"%s\"", s, reason, why);
}

static void
expect_wareki(int y, int m, int d, const char *want)
{
	struct jdate	 date = { y, m, d };
	char		 buf[64];

	assert_int_equal(jdate_format_wareki(&date, buf, sizeof buf), 0);
	assert_string_equal(buf, want);
}

static void
test_era_boundaries(void **state)
{
	(void)state;

	expect_wareki(1873, 1, 1, "明治6年1月1日");
	expect_wareki(1912, 7, 29, "明治45年7月29日");
	expect_wareki(1912, 7, 30, "大正元年7月30日");
	expect_wareki(1926, 12, 24, "大正15年12月24日");
	expect_wareki(1926, 12, 25, "昭和元年12月25日");
	expect_wareki(1989, 1, 7, "昭和64年1月7日");
	expect_wareki(1989, 1, 8, "平成元年1月8日");
	expect_wareki(2019, 4, 30, "平成31年4月30日");
	expect_wareki(2019, 5, 1, "令和元年5月1日");
	expect_wareki(2024, 5, 1, "令和6年5月1日");
	expect_wareki(9999, 12, 31, "令和7981年12月31日");

	expect_parse("明治45年7月29日", 1912, 7, 29);
	expect_parse("大正元年7月30日", 1912, 7, 30);
	expect_parse("大正15年12月24日", 1926, 12, 24);
	expect_parse("昭和元年12月25日", 1926, 12, 25);
	expect_parse("昭和64年1月7日", 1989, 1, 7);
	expect_parse("平成元年1月8日", 1989, 1, 8);
	expect_parse("平成31年4月30日", 2019, 4, 30);
	expect_parse("令和元年5月1日", 2019, 5, 1);

	/* The other side of each boundary names the day in the wrong era. */
	expect_refused("明治45年7月30日", R_ERA);
	expect_refused("大正元年7月29日", R_ERA);
	expect_refused("大正15年12月25日", R_ERA);
	expect_refused("昭和元年12月24日", R_ERA);
	expect_refused("昭和64年1月8日", R_ERA);
	expect_refused("平成元年1月7日", R_ERA);
	expect_refused("平成31年5月1日", R_ERA);
	expect_refused("令和元年4月30日", R_ERA);
	expect_refused("S64.1.8", R_ERA);
	expect_refused("H31.5.1", R_ERA);
	expect_refused("平成100年1月1日", R_ERA);
}

/* parse(format_wareki(d)) == d, and the same for ISO, for every day. */
static void
test_round_trip(void **state)
{
	struct jdate	 d = { 1873, 1, 1 }, prev, got;
	struct jdate	 end = { 2100, 12, 31 };
	char		 buf[64];
	const char	*reason;
	int		 n = 0;
	/* 1873-01-01 is 35,428 days before 1970-01-01: 97 years, 23 of
	 * them leap (the 24 of 1876..1968, less 1900). */
	const long	 first_day = -(97L * 365 + 23);

	(void)state;

	for (;;) {
		assert_true(jdate_valid(&d));
		assert_int_equal(jdate_format_wareki(&d, buf, sizeof buf), 0);
		reason = NULL;
		if (jdate_parse(buf, &got, &reason) != 0)
			fail_msg("\"%s\" refused: %s", buf, reason);
		assert_int_equal(jdate_compare(&got, &d), 0);

		assert_int_equal(jdate_format_iso(&d, buf, sizeof buf), 0);
		assert_int_equal(strlen(buf), JDATE_ISO_LEN);
		assert_int_equal(jdate_parse_iso(buf, &got, &reason), 0);
		assert_int_equal(jdate_compare(&got, &d), 0);
		assert_int_equal(jdate_parse(buf, &got, &reason), 0);
		assert_int_equal(jdate_compare(&got, &d), 0);

		/* Day numbers count the same days, one by one. */
		jdate_from_days(jdate_to_days(&d), &got);
		assert_int_equal(jdate_compare(&got, &d), 0);
		assert_int_equal(jdate_to_days(&d), first_day + (long)n);

		n++;
		if (jdate_compare(&d, &end) == 0)
			break;
		prev = d;
		next_day(&d);
		assert_true(jdate_compare(&prev, &d) < 0);
		assert_true(jdate_compare(&d, &prev) > 0);
	}
	/* 1873-01-01..2100-12-31 inclusive. */
	assert_int_equal(n, 83275);
}

static void
test_leap_years(void **state)
{
	struct jdate	 d;

	(void)state;

	expect_parse("2000-02-29", 2000, 2, 29);
	expect_parse("2024-02-29", 2024, 2, 29);
	expect_parse("1904-02-29", 1904, 2, 29);
	expect_parse("平成12年2月29日", 2000, 2, 29);
	expect_parse("R6.2.29", 2024, 2, 29);
	expect_refused("2023-02-29", R_NONEXIST);
	expect_refused("2024-02-30", R_NONEXIST);
	expect_refused("2100-02-29", R_NONEXIST);
	expect_refused("1900-02-29", R_NONEXIST);
	expect_refused("R5.2.29", R_NONEXIST);

	d = (struct jdate){ 2100, 2, 29 };
	assert_false(jdate_valid(&d));
	d = (struct jdate){ 1900, 2, 29 };
	assert_false(jdate_valid(&d));
	d = (struct jdate){ 2000, 2, 29 };
	assert_true(jdate_valid(&d));
	d = (struct jdate){ 2024, 2, 29 };
	assert_true(jdate_valid(&d));
}

static void
test_accepted_forms(void **state)
{
	(void)state;

	/* 西暦 */
	expect_parse("1989-01-08", 1989, 1, 8);
	expect_parse("1989/1/8", 1989, 1, 8);
	expect_parse("1989/01/08", 1989, 1, 8);
	expect_parse("1989-1-8", 1989, 1, 8);
	expect_parse("1989.1.8", 1989, 1, 8);
	expect_parse("19890108", 1989, 1, 8);
	expect_parse("1989年1月8日", 1989, 1, 8);

	/* 和暦, kanji */
	expect_parse("平成元年1月8日", 1989, 1, 8);
	expect_parse("平成1年1月8日", 1989, 1, 8);
	expect_parse("平成01年01月08日", 1989, 1, 8);
	expect_parse("令和6年5月1日", 2024, 5, 1);
	expect_parse("明治6年1月1日", 1873, 1, 1);
	expect_parse("㍻元年1月8日", 1989, 1, 8);
	expect_parse("㋿6年5月1日", 2024, 5, 1);

	/* 和暦, letters in either case and with any separator */
	expect_parse("H1.1.8", 1989, 1, 8);
	expect_parse("h01.01.08", 1989, 1, 8);
	expect_parse("H1/1/8", 1989, 1, 8);
	expect_parse("H1-1-8", 1989, 1, 8);
	expect_parse("H元.1.8", 1989, 1, 8);
	expect_parse("R6.5.1", 2024, 5, 1);
	expect_parse("r6.5.1", 2024, 5, 1);
	expect_parse("S64.1.7", 1989, 1, 7);
	expect_parse("T1.7.30", 1912, 7, 30);
	expect_parse("M45.7.29", 1912, 7, 29);
	expect_parse("m6.1.1", 1873, 1, 1);

	/* full width, as an IME left in that mode gives */
	expect_parse("１９８９－０１－０８", 1989, 1, 8);
	expect_parse("１９８９／１／８", 1989, 1, 8);
	expect_parse("１９８９０１０８", 1989, 1, 8);
	expect_parse("平成１年１月８日", 1989, 1, 8);
	expect_parse("令和６年５月１日", 2024, 5, 1);
	expect_parse("Ｈ１．１．８", 1989, 1, 8);
	expect_parse("ｈ０１．０１．０８", 1989, 1, 8);
	expect_parse("Ｒ6.5.1", 2024, 5, 1);

	/* surrounding blanks, including the ideographic space */
	expect_parse("  1989-01-08  ", 1989, 1, 8);
	expect_parse("\t平成元年1月8日 ", 1989, 1, 8);
	expect_parse("　H1.1.8　", 1989, 1, 8);

	/* the far end of the range */
	expect_parse("9999-12-31", 9999, 12, 31);
	expect_parse("1873-01-01", 1873, 1, 1);
}

static void
test_refused(void **state)
{
	struct jdate	 out;

	(void)state;

	expect_refused("", R_EMPTY);
	expect_refused("   ", R_EMPTY);
	expect_refused("　", R_EMPTY);
	assert_int_equal(jdate_parse(NULL, &out, NULL), -1);

	/* before the Gregorian calendar */
	expect_refused("1872-12-31", R_BEFORE);
	expect_refused("1868-01-25", R_BEFORE);
	expect_refused("0001-01-01", R_BEFORE);
	expect_refused("00000000", R_BEFORE);
	expect_refused("明治5年12月31日", R_BEFORE);
	expect_refused("明治元年1月25日", R_BEFORE);
	expect_refused("M5.12.2", R_BEFORE);

	/* after 9999 */
	expect_refused("令和7982年1月1日", R_AFTER);
	expect_refused("R9999.1.1", R_AFTER);

	/* 元年 is the first year; there is no year 0 */
	expect_refused("平成0年1月8日", R_GANNEN);
	expect_refused("平成00年01月08日", R_GANNEN);
	expect_refused("H0.1.8", R_GANNEN);
	expect_refused("R0.5.1", R_GANNEN);

	/* impossible dates */
	expect_refused("2023-13-01", R_MONTH);
	expect_refused("2023-00-01", R_MONTH);
	expect_refused("20231301", R_MONTH);
	expect_refused("令和5年13月1日", R_MONTH);
	expect_refused("2023-01-00", R_NONEXIST);
	expect_refused("2023-04-31", R_NONEXIST);
	expect_refused("2023-01-32", R_NONEXIST);
	expect_refused("20230100", R_NONEXIST);
	expect_refused("令和5年1月0日", R_NONEXIST);
	expect_refused("H1.1.32", R_NONEXIST);

	/* malformed: trailing garbage, mixed or missing parts, overlong numbers */
	expect_refused("1989-01-08x", R_FORMAT);
	expect_refused("1989-01-08 12:00", R_FORMAT);
	expect_refused("平成元年1月8日です", R_FORMAT);
	expect_refused("H1.1.8.", R_FORMAT);
	expect_refused("平成元年1月8", R_FORMAT);
	expect_refused("平成元年1月", R_FORMAT);
	expect_refused("平成元年", R_FORMAT);
	expect_refused("平成", R_FORMAT);
	expect_refused("H", R_FORMAT);
	expect_refused("H.1.8", R_FORMAT);
	expect_refused("H 1.1.8", R_FORMAT);
	expect_refused("1989 01 08", R_FORMAT);
	expect_refused("1989-01/08", R_FORMAT);
	expect_refused("H1.1/8", R_FORMAT);
	expect_refused("1989-001-08", R_FORMAT);
	expect_refused("89/1/8", R_FORMAT);
	expect_refused("01989-01-08", R_FORMAT);
	expect_refused("1989108", R_FORMAT);
	expect_refused("198901081", R_FORMAT);
	expect_refused("H99999.1.1", R_FORMAT);
	expect_refused("99999999999999999999-01-01", R_FORMAT);
	expect_refused("2023-1-99999999999", R_FORMAT);
	expect_refused("-1989-01-08", R_FORMAT);
	expect_refused("+1989-01-08", R_FORMAT);
	expect_refused("X1.1.8", R_FORMAT);
	expect_refused("慶応4年1月1日", R_FORMAT);
	expect_refused("平城元年1月8日", R_FORMAT);
	expect_refused("\xff\xfe", R_FORMAT);
	expect_refused("\xef\xbc", R_FORMAT);
	expect_refused("1989-01-0\xef", R_FORMAT);
	expect_refused("1989-01-08                                  "
	    "                                      x", R_FORMAT);
}

static void
test_parse_iso(void **state)
{
	struct jdate	 d;
	const char	*reason;

	(void)state;

	assert_int_equal(jdate_parse_iso("1989-01-08", &d, &reason), 0);
	assert_int_equal(d.year, 1989);
	assert_int_equal(d.month, 1);
	assert_int_equal(d.day, 8);

	static const char *const malformed[] = {
		"1989/01/08", "1989-1-8", "19890108", "平成元年1月8日",
		"H1.1.8", " 1989-01-08", "1989-01-08 ", "1989-01-08x",
		"１９８９-01-08", "1989-0a-08", "", "89-01-08", "1989--1-08",
	};
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		reason = NULL;
		if (jdate_parse_iso(malformed[i], &d, &reason) != -1)
			fail_msg("\"%s\" accepted", malformed[i]);
		assert_string_equal(reason, R_ISO);
	}
	assert_int_equal(jdate_parse_iso(NULL, &d, &reason), -1);

	assert_int_equal(jdate_parse_iso("2023-02-29", &d, &reason), -1);
	assert_string_equal(reason, R_NONEXIST);
	assert_int_equal(jdate_parse_iso("2023-13-01", &d, &reason), -1);
	assert_string_equal(reason, R_MONTH);
	assert_int_equal(jdate_parse_iso("1872-12-31", &d, &reason), -1);
	assert_string_equal(reason, R_BEFORE);
	assert_int_equal(jdate_parse_iso("2100-02-29", &d, &reason), -1);
	assert_string_equal(reason, R_NONEXIST);
	assert_int_equal(jdate_parse_iso("2000-02-29", &d, &reason), 0);
}

static void
test_valid(void **state)
{
	static const struct jdate bad[] = {
		{ 1872, 12, 31 }, { 10000, 1, 1 }, { 2023, 0, 1 },
		{ 2023, 13, 1 }, { 2023, 1, 0 }, { 2023, 1, 32 },
		{ 2023, 6, 31 }, { -2023, 1, 1 }, { 0, 0, 0 },
	};
	struct jdate	 d = { 1873, 1, 1 };

	(void)state;

	assert_true(jdate_valid(&d));
	d = (struct jdate){ 9999, 12, 31 };
	assert_true(jdate_valid(&d));
	assert_false(jdate_valid(NULL));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(jdate_valid(&bad[i]));
}

static void
test_compare(void **state)
{
	struct jdate	 a = { 1989, 1, 7 }, b = { 1989, 1, 8 };
	struct jdate	 c = { 1989, 2, 1 }, e = { 1990, 1, 1 };

	(void)state;

	assert_true(jdate_compare(&a, &b) < 0);
	assert_true(jdate_compare(&b, &a) > 0);
	assert_true(jdate_compare(&b, &c) < 0);
	assert_true(jdate_compare(&c, &e) < 0);
	assert_true(jdate_compare(&e, &a) > 0);
	assert_int_equal(jdate_compare(&a, &a), 0);
}

static void
test_format_iso(void **state)
{
	struct jdate	 d = { 1989, 1, 8 };
	struct jdate	 bad = { 2023, 2, 29 };
	char		 buf[JDATE_ISO_LEN + 1];

	(void)state;

	assert_int_equal(jdate_format_iso(&d, buf, sizeof buf), 0);
	assert_string_equal(buf, "1989-01-08");

	/* one byte short of room for the NUL */
	memset(buf, 'x', sizeof buf);
	assert_int_equal(jdate_format_iso(&d, buf, JDATE_ISO_LEN), -1);
	assert_int_equal(jdate_format_iso(&d, buf, 1), -1);
	assert_int_equal(jdate_format_iso(&d, buf, 0), -1);
	assert_int_equal(jdate_format_iso(&d, NULL, 0), -1);

	assert_int_equal(jdate_format_iso(&bad, buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	bad = (struct jdate){ 1872, 12, 31 };
	assert_int_equal(jdate_format_iso(&bad, buf, sizeof buf), -1);
}

static void
test_format_wareki(void **state)
{
	struct jdate	 d = { 1989, 1, 8 };
	struct jdate	 bad = { 2019, 2, 29 };
	char		 buf[64];
	size_t		 need = strlen("平成元年1月8日") + 1;

	(void)state;

	assert_int_equal(jdate_format_wareki(&d, buf, need), 0);
	assert_string_equal(buf, "平成元年1月8日");

	/* too small by one byte, and by more: nothing half-written is left */
	assert_int_equal(jdate_format_wareki(&d, buf, need - 1), -1);
	assert_string_equal(buf, "");
	assert_int_equal(jdate_format_wareki(&d, buf, 4), -1);
	assert_string_equal(buf, "");
	assert_int_equal(jdate_format_wareki(&d, buf, 0), -1);
	assert_int_equal(jdate_format_wareki(&d, NULL, 0), -1);

	d = (struct jdate){ 2024, 12, 31 };
	need = strlen("令和6年12月31日") + 1;
	assert_int_equal(jdate_format_wareki(&d, buf, need), 0);
	assert_string_equal(buf, "令和6年12月31日");
	assert_int_equal(jdate_format_wareki(&d, buf, need - 1), -1);

	assert_int_equal(jdate_format_wareki(&bad, buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	bad = (struct jdate){ 1872, 12, 31 };
	assert_int_equal(jdate_format_wareki(&bad, buf, sizeof buf), -1);
	bad = (struct jdate){ 2023, 13, 1 };
	assert_int_equal(jdate_format_wareki(&bad, buf, sizeof buf), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_era_boundaries),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_accepted_forms),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_format_iso),
		cmocka_unit_test(test_format_wareki),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
