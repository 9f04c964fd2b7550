/*
 * Seconds on a clock that setting the date cannot move: what session
 * lifetimes, challenges, idle locks and timeouts are measured on.
 */
#ifndef JUKI_MONOTONIC_H
#define JUKI_MONOTONIC_H

#include <time.h>

time_t monotonic_seconds(void);

#endif
