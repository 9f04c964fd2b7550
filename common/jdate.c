/*
 * Dates: 西暦 as stored, 和暦 as a clerk reads and types them.
 *
 * Everything here works on the proleptic Gregorian calendar.  That is only
 * true to history from 1873-01-01 (明治6年1月1日), when Japan left the lunisolar
 * calendar; before it a 和暦 date names a different day than its Gregorian
 * reading would, so such dates are refused rather than silently misread.
 */

#include <stdio.h>
#include <string.h>

#include "juki/i18n.h"
#include "juki/jdate.h"

#define JDATE_MIN_YEAR	1873	/* Gregorian calendar adopted 1873-01-01 */
#define JDATE_MAX_YEAR	9999	/* what "YYYY" can hold */

/* Longest input worth looking at; real dates are well under half of this. */
#define JDATE_INPUT_MAX	64

struct era {
	const char	*name;		/* 平成 */
	const char	*square;	/* ㍻, the one-character form pasted text may hold */
	char		 letter;	/* H */
	int		 year;		/* first day of the era */
	int		 month;
	int		 day;
};

/*
 * In order; an era ends the day before the next one begins.  明治 starts
 * before JDATE_MIN_YEAR but is still needed to name 1873..1912.
 */
static const struct era eras[] = {
	{ "明治", "㍾", 'M', 1868, 1, 25 },
	{ "大正", "㍽", 'T', 1912, 7, 30 },
	{ "昭和", "㍼", 'S', 1926, 12, 25 },
	{ "平成", "㍻", 'H', 1989, 1, 8 },
	{ "令和", "㋿", 'R', 2019, 5, 1 },
};
#define NERAS (sizeof eras / sizeof eras[0])

static int
fail(const char **reason, const char *why)
{
	if (reason != NULL)
		*reason = why;
	return -1;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/*
 * The one place a y-m-d is judged, so that parse and valid agree.  The range
 * is checked first: a clerk who typed a date before 1873 should learn that we
 * cannot take it at all, not be sent to fix its day first.
 */
static int
check_date(int y, int m, int d, const char **reason)
{
	if (y < JDATE_MIN_YEAR)
		return fail(reason, N_("1873年1月1日より前の日付は扱えません"));
	if (y > JDATE_MAX_YEAR)
		return fail(reason, N_("9999年12月31日より後の日付は扱えません"));
	if (m < 1 || m > 12)
		return fail(reason, N_("月は1から12までで入力してください"));
	if (d < 1 || d > days_in_month(y, m))
		return fail(reason, N_("存在しない日付です"));
	return 0;
}

/* Writes y-m-d to out only if it is a date we accept. */
static int
store_checked(int y, int m, int d, struct jdate *out, const char **reason)
{
	if (check_date(y, m, d, reason) == -1)
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

static int
era_starts_after(const struct era *e, const struct jdate *d)
{
	struct jdate	 first = { e->year, e->month, e->day };

	return jdate_compare(&first, d) > 0;
}

/* The era d falls in, or NULL before 明治. */
static const struct era *
era_of(const struct jdate *d)
{
	size_t	 i;

	for (i = NERAS; i > 0; i--) {
		if (!era_starts_after(&eras[i - 1], d))
			return &eras[i - 1];
	}
	return NULL;
}

int
jdate_valid(const struct jdate *d)
{
	if (d == NULL)
		return 0;
	return check_date(d->year, d->month, d->day, NULL) == 0;
}

int
jdate_compare(const struct jdate *a, const struct jdate *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/*
 * Copies s into buf folding full-width ASCII (U+FF01..U+FF5E) to ASCII and
 * the ideographic space (U+3000) to ' ': an IME left in full-width mode gives
 * "Ｈ１．１．８", which the clerk means as "H1.1.8".  Other bytes (kanji) are
 * copied as they are; the parser refuses what it does not know.  Returns -1
 * if the input does not fit, which no real date does.
 */
static int
fold_width(const char *s, char *buf, size_t bufsz)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;
	unsigned char		 c;

	while (*p != '\0') {
		if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x81 &&
		    p[2] <= 0xbf) {
			c = p[2] - 0x60;	/* U+FF01..U+FF3F */
			p += 3;
		} else if (p[0] == 0xef && p[1] == 0xbd && p[2] >= 0x80 &&
		    p[2] <= 0x9e) {
			c = p[2] - 0x20;	/* U+FF40..U+FF5E */
			p += 3;
		} else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			c = ' ';
			p += 3;
		} else
			c = *p++;
		if (n + 1 >= bufsz)
			return -1;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks in place; returns the start of what is left. */
static char *
trim(char *s)
{
	size_t	 len;

	while (is_blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_blank(s[len - 1]))
		s[--len] = '\0';
	return s;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
count_digits(const char *p)
{
	size_t	 n = 0;

	while (is_digit(p[n]))
		n++;
	return n;
}

/*
 * Reads min..max decimal digits at *pp.  More digits than max make the input
 * malformed rather than a large number, so the value can never overflow.
 */
static int
read_number(const char **pp, size_t min, size_t max, int *out)
{
	const char	*p = *pp;
	size_t		 n = count_digits(p), i;
	int		 v = 0;

	if (n < min || n > max)
		return -1;
	for (i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	*pp = p + n;
	*out = v;
	return 0;
}

/* Advances *pp past lit if it starts there. */
static int
skip(const char **pp, const char *lit)
{
	size_t	 len = strlen(lit);

	if (strncmp(*pp, lit, len) != 0)
		return 0;
	*pp += len;
	return 1;
}

/*
 * What follows the year, in either style: "年M月D日", or a separator
 * ('-', '/' or '.', the same one twice) between month and day.  Nothing may
 * follow, so "1989-01-08x" is not taken as 1989-01-08.
 */
static int
read_month_day(const char *p, int *m, int *d)
{
	char	 sep;

	if (skip(&p, "年")) {
		if (read_number(&p, 1, 2, m) == -1 || !skip(&p, "月") ||
		    read_number(&p, 1, 2, d) == -1 || !skip(&p, "日"))
			return -1;
	} else if (*p == '-' || *p == '/' || *p == '.') {
		sep = *p++;
		if (read_number(&p, 1, 2, m) == -1 || *p++ != sep ||
		    read_number(&p, 1, 2, d) == -1)
			return -1;
	} else
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* The era named at *pp (kanji, square form or letter), advancing past it. */
static const struct era *
read_era(const char **pp)
{
	const char	*p = *pp;
	size_t		 i;
	char		 c;

	for (i = 0; i < NERAS; i++) {
		if (skip(pp, eras[i].name) || skip(pp, eras[i].square))
			return &eras[i];
		c = *p;
		if (c >= 'a' && c <= 'z')
			c = c - 'a' + 'A';
		if (c == eras[i].letter) {
			*pp = p + 1;
			return &eras[i];
		}
	}
	return NULL;
}

static int
parse_seireki(const char *p, struct jdate *out, const char **reason)
{
	const char	*bad = N_("日付の形式が正しくありません");
	size_t		 n = count_digits(p);
	int		 y, m, d;

	if (n == 8 && p[8] == '\0') {
		/* YYYYMMDD: the widths are fixed, so split by position. */
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
		    (p[2] - '0') * 10 + (p[3] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		d = (p[6] - '0') * 10 + (p[7] - '0');
	} else {
		/*
		 * Four digits exactly: every year we accept has four, and
		 * "89/1/8" is too easily meant as 平成 or 昭和 to guess.
		 */
		if (read_number(&p, 4, 4, &y) == -1 ||
		    read_month_day(p, &m, &d) == -1)
			return fail(reason, bad);
	}
	return store_checked(y, m, d, out, reason);
}

static int
parse_wareki(const struct era *e, const char *p, struct jdate *out,
    const char **reason)
{
	const char	*bad = N_("日付の形式が正しくありません");
	struct jdate	 d;
	int		 ey;

	if (skip(&p, "元"))
		ey = 1;
	else if (read_number(&p, 1, 4, &ey) == -1)
		return fail(reason, bad);
	if (read_month_day(p, &d.month, &d.day) == -1)
		return fail(reason, bad);
	if (ey == 0)
		return fail(reason, N_("年は元年(1)以上で入力してください"));

	/* ey <= 9999 (four digits), so this cannot overflow. */
	d.year = e->year + ey - 1;
	if (check_date(d.year, d.month, d.day, reason) == -1)
		return -1;
	if (era_of(&d) != e)
		return fail(reason, N_("元号の範囲外の日付です"));
	*out = d;
	return 0;
}

int
jdate_parse(const char *s, struct jdate *out, const char **reason)
{
	char			 buf[JDATE_INPUT_MAX];
	const char		*p;
	const struct era	*e;

	if (s == NULL)
		return fail(reason, N_("日付が入力されていません"));
	if (fold_width(s, buf, sizeof buf) == -1)
		return fail(reason, N_("日付の形式が正しくありません"));
	p = trim(buf);
	if (*p == '\0')
		return fail(reason, N_("日付が入力されていません"));

	if (is_digit(*p))
		return parse_seireki(p, out, reason);
	if ((e = read_era(&p)) != NULL)
		return parse_wareki(e, p, out, reason);
	return fail(reason, N_("日付の形式が正しくありません"));
}

int
jdate_parse_iso(const char *s, struct jdate *out, const char **reason)
{
	const char	*bad = N_("日付はYYYY-MM-DDの形式で指定してください");
	const char	*p = s;
	int		 y, m, d;

	if (s == NULL || strlen(s) != JDATE_ISO_LEN)
		return fail(reason, bad);
	if (read_number(&p, 4, 4, &y) == -1 || *p++ != '-' ||
	    read_number(&p, 2, 2, &m) == -1 || *p++ != '-' ||
	    read_number(&p, 2, 2, &d) == -1 || *p != '\0')
		return fail(reason, bad);
	return store_checked(y, m, d, out, reason);
}

/* snprintf's result as 0 or -1, leaving out empty rather than truncated. */
static int
fit(int r, char *out, size_t outsz)
{
	if (r < 0 || (size_t)r >= outsz) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int
jdate_format_iso(const struct jdate *d, char *out, size_t outsz)
{
	if (out == NULL || outsz == 0)
		return -1;
	if (!jdate_valid(d)) {
		out[0] = '\0';
		return -1;
	}
	return fit(snprintf(out, outsz, "%04d-%02d-%02d", d->year, d->month,
	    d->day), out, outsz);
}

int
jdate_typed_to_iso(const char *typed, char *iso, size_t isosz)
{
	struct jdate d;

	if (jdate_parse(typed, &d, NULL) != 0)
		return -1;
	return jdate_format_iso(&d, iso, isosz);
}

int
jdate_format_wareki(const struct jdate *d, char *out, size_t outsz)
{
	const struct era	*e;
	int			 ey, r;

	if (out == NULL || outsz == 0)
		return -1;
	/* Valid dates start in 1873, so always have an era. */
	if (!jdate_valid(d) || (e = era_of(d)) == NULL) {
		out[0] = '\0';
		return -1;
	}
	ey = d->year - e->year + 1;
	if (ey == 1)
		r = snprintf(out, outsz, "%s元年%d月%d日", e->name, d->month,
		    d->day);
	else
		r = snprintf(out, outsz, "%s%d年%d月%d日", e->name, ey,
		    d->month, d->day);
	return fit(r, out, outsz);
}

/*
 * Days from and to the civil calendar, counting in 400-year eras of 146097
 * days from 0000-03-01 so that the leap day falls at the end of a year
 * (the method of H. Hinnant's "chrono-Compatible Low-Level Date Algorithms").
 */
long
jdate_to_days(const struct jdate *d)
{
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 +
	    d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
jdate_from_days(long days, struct jdate *out)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(yoe + era * 400 + (out->month <= 2));
}
