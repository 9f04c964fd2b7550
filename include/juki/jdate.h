/*
 * Dates: stored as 西暦 (ISO 8601 "YYYY-MM-DD"), shown as 和暦.
 *
 * Eras (first day): 明治 1868-01-25 (the Gregorian calendar from 1873-01-01;
 * earlier dates are refused), 大正 1912-07-30, 昭和 1926-12-25, 平成
 * 1989-01-08, 令和 2019-05-01.  The first year of an era is 元年.
 */
#ifndef JUKI_JDATE_H
#define JUKI_JDATE_H

#include <stddef.h>

struct jdate {
	int year;
	int month;
	int day;
};

#define JDATE_ISO_LEN 10

/* 1 if y-m-d is a real Gregorian date from 1873-01-01 to 9999-12-31. */
int jdate_valid(const struct jdate *d);

/*
 * Parses what a clerk may type: 西暦 "1989-01-08", "1989/1/8", "19890108";
 * 和暦 "平成元年1月8日", "平成1年1月8日", "H1.1.8", "h01.01.08", "R6.5.1",
 * "令和6年5月1日" (era letters M T S H R, either case; full-width digits
 * accepted).  A 和暦 date outside its era ("平成31年5月1日", "昭和64年1月8日")
 * is refused.  Returns 0, or -1 with *reason set.
 */
int jdate_parse(const char *s, struct jdate *out, const char **reason);

/* Strictly "YYYY-MM-DD", as stored.  Returns 0, or -1 with *reason set. */
int jdate_parse_iso(const char *s, struct jdate *out, const char **reason);

/* "YYYY-MM-DD" into out (at least JDATE_ISO_LEN + 1 bytes).  Returns 0 or -1. */
int jdate_format_iso(const struct jdate *d, char *out, size_t outsz);

/* What a clerk typed (jdate_parse) as "YYYY-MM-DD" into iso (at least
 * JDATE_ISO_LEN + 1 bytes).  Returns 0, or -1 when it cannot be read. */
int jdate_typed_to_iso(const char *typed, char *iso, size_t isosz);

/* "平成元年1月8日" into out.  Returns 0 or -1 (invalid date, no room). */
int jdate_format_wareki(const struct jdate *d, char *out, size_t outsz);

/* Days since 1970-01-01 (negative before), for date arithmetic. */
long jdate_to_days(const struct jdate *d);
void jdate_from_days(long days, struct jdate *out);

/* <0, 0, >0 as a is before, equal to, after b. */
int jdate_compare(const struct jdate *a, const struct jdate *b);

#endif
