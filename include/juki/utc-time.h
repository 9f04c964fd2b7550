/*
 * A time as the protocol and the server's files write it: UTC,
 * "YYYY-MM-DDTHH:MM:SSZ".
 */
#ifndef JUKI_UTC_TIME_H
#define JUKI_UTC_TIME_H

#include <time.h>

#define UTC_TEXT_MAX 21

/* t into out; 0, or -1 with out "" when t is outside years 0 to 9999. */
int utc_text(time_t t, char out[UTC_TEXT_MAX]);

#endif
