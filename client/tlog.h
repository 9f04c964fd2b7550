/*
 * The terminal's own operation log: who did what on which screen, with
 * what result and the server's audit reference.  Never resident data:
 * callers pass only fixed words and identifiers of operators and
 * terminals.  Each line is on disk before the call returns.
 */
#ifndef JUKI_TLOG_H
#define JUKI_TLOG_H

#include <stdint.h>

struct tlog;

/* Opens (creating, mode 0600) for appending.  NULL with errno set. */
struct tlog *tlog_open(const char *path);
void tlog_close(struct tlog *l);

/* One line; 0, or -1 if it could not be made durable. */
int tlog_write(struct tlog *l, const char *operator_id, const char *screen,
    const char *action, const char *result, int64_t audit_ref);

#endif
