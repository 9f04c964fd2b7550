/*
 * The server writes times in UTC ("2026-11-23T09:15:00Z", or cut to the
 * minute); people read them in the terminal's local time.
 */
#ifndef JUKI_LOCAL_TIME_H
#define JUKI_LOCAL_TIME_H

#include <stddef.h>

/* "2026-11-23 18:15" for "2026-11-23T09:15:00Z" in Japan; what cannot be
 * read is copied as it is. */
void local_time(const char *utc, char *out, size_t outsz);

#endif
