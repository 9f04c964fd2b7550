#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "juki/utf8.h"
#include "tlog.h"

struct tlog {
	int fd;
};

struct tlog *
tlog_open(const char *path)
{
	struct tlog *l = calloc(1, sizeof *l);

	if (l == NULL)
		return NULL;
	l->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (l->fd < 0) {
		int saved = errno;
		free(l);
		errno = saved;
		return NULL;
	}
	return l;
}

void
tlog_close(struct tlog *l)
{
	if (l == NULL)
		return;
	close(l->fd);
	free(l);
}

int
tlog_write(struct tlog *l, const char *operator_id, const char *screen,
    const char *action, const char *result, int64_t audit_ref)
{
	char line[512], op[64], when[32];
	time_t t = time(NULL);
	struct tm tm;
	int n;

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	utf8_sanitize(op, sizeof op, operator_id[0] ? operator_id : "-");
	n = snprintf(line, sizeof line, "%s operator=%s screen=%s action=%s "
	    "result=%s audit_ref=%" PRId64 "\n", when, op, screen, action,
	    result, audit_ref);
	if (n < 0 || (size_t)n >= sizeof line)
		return -1;
	/* One write on an O_APPEND descriptor: lines never interleave. */
	if (write(l->fd, line, (size_t)n) != n || fdatasync(l->fd) != 0)
		return -1;
	return 0;
}
