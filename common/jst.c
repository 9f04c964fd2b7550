#include <stdio.h>
#include <string.h>

#include "juki/jst.h"

/* n digits of s at i as a number, or -1 when one is not a digit. */
static int
digits(const char *s, int i, int n)
{
	int v = 0;

	for (int k = i; k < i + n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

int
jst_day_start(const struct jdate *d, char out[JST_UTC_TEXT_MAX])
{
	struct jdate before;
	int n;

	if (!jdate_valid(d))
		return -1;
	/* Midnight in Japan is 15:00 of the day before in UTC. */
	jdate_from_days(jdate_to_days(d) - 1, &before);
	n = snprintf(out, JST_UTC_TEXT_MAX, "%04d-%02d-%02dT%02d:00:00.000Z",
	    before.year, before.month, before.day, 24 - JST_OFFSET_HOURS);
	return n == JST_UTC_TEXT_MAX - 1 ? 0 : -1;
}

/* "YYYY-MM-DDTHH:MM:SS" and then "Z" or ".mmmZ". */
static int
utc_shape(const char *s)
{
	size_t len = strlen(s);

	if (len != 20 && len != 24)
		return 0;
	if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[len - 1] != 'Z')
		return 0;
	return len == 20 || (s[19] == '.' && digits(s, 20, 3) >= 0);
}

int
jst_from_utc(const char *utc, struct jst_time *out)
{
	struct jdate d;
	int hour;

	if (!utc_shape(utc))
		return -1;
	d.year = digits(utc, 0, 4);
	d.month = digits(utc, 5, 2);
	d.day = digits(utc, 8, 2);
	hour = digits(utc, 11, 2);
	out->minute = digits(utc, 14, 2);
	out->second = digits(utc, 17, 2);
	if (!jdate_valid(&d) || hour < 0 || hour > 23 || out->minute < 0 ||
	    out->minute > 59 || out->second < 0 || out->second > 60)
		return -1;
	hour += JST_OFFSET_HOURS;
	if (hour >= 24) {
		jdate_from_days(jdate_to_days(&d) + 1, &d);
		hour -= 24;
	}
	out->date = d;
	out->hour = hour;
	return 0;
}

void
jst_text(const char *utc, char *out, size_t outsz)
{
	struct jst_time t;

	if (jst_from_utc(utc, &t) != 0) {
		snprintf(out, outsz, "%s", utc);
		return;
	}
	snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d:%02d", t.date.year,
	    t.date.month, t.date.day, t.hour, t.minute, t.second);
}
