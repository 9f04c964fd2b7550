#include <stdio.h>
#include <string.h>
#include <time.h>

#include "local-time.h"

void
local_time(const char *utc, char *out, size_t outsz)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5) {
		snprintf(out, outsz, "%s", utc);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%d %H:%M", &tm);
}
