/*
 * Japan Standard Time, UTC+9 all year (no daylight saving since 1951):
 * the time people at the counter read and choose dates in.  The server's
 * files write UTC ("2026-11-23T09:15:00.123Z"); these convert between
 * the two with whole-day arithmetic, never the process's time zone, so
 * the server and the terminal agree wherever they run.
 */
#ifndef JUKI_JST_H
#define JUKI_JST_H

#include <stddef.h>

#include "juki/jdate.h"

#define JST_OFFSET_HOURS 9

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" and its NUL. */
#define JST_UTC_TEXT_MAX 25

struct jst_time {
	struct jdate date;
	int hour, minute, second;
};

/*
 * The UTC instant at which day d begins in JST, as the audit log writes
 * times ("2026-03-31T15:00:00.000Z" for 2026-04-01), so that log times
 * compare with it as text.  0, or -1 when d is no date.
 */
int jst_day_start(const struct jdate *d, char out[JST_UTC_TEXT_MAX]);

/*
 * The JST date and time of utc, a time as the server writes it
 * ("2026-11-23T09:15:00Z", with or without milliseconds).  0, or -1 when
 * it is not one.
 */
int jst_from_utc(const char *utc, struct jst_time *out);

/* "2026-11-23 18:15:00" for utc; what cannot be read is copied as it is. */
void jst_text(const char *utc, char *out, size_t outsz);

#endif
