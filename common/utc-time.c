#include "juki/utc-time.h"

int
utc_text(time_t t, char out[UTC_TEXT_MAX])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 0 ||
	    tm.tm_year + 1900 > 9999 || strftime(out, UTC_TEXT_MAX,
	    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
