/*
 * The audit log's purge: the copy of what stays and its atomic
 * replacement of the log (audit-purge.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit-purge.h"
#include "juki/fd-io.h"
#include "juki/i18n.h"

#define R_READ		N_("監査ログを読めません")
#define R_WRITE		N_("監査ログの新しいファイルを書けません")
#define R_DAMAGED	N_("監査ログが壊れています。検証してください")

/* One line of the log: either removed (counted in p) or copied. */
static int
take_line(const char *line, size_t len, const char *cutoff, int *keeping,
    struct audit_purge *p, FILE *out)
{
	char prev[65], hash[65];
	struct audit_entry e;

	if (len == 0 || line[len - 1] != '\n' ||
	    audit_line_parse(line, len - 1, &e, prev, hash) != 0)
		return -2;
	/* The chain, once more: a purge must not re-anchor a broken one. */
	if (e.seq != p->head + 1 || strcmp(prev, p->head_hash) != 0)
		return -2;
	if (!*keeping && strcmp(e.time, cutoff) < 0) {
		if (p->removed++ == 0) {
			p->from_seq = e.seq;
			memcpy(p->from_time, e.time, sizeof p->from_time);
		}
		p->to_seq = e.seq;
		memcpy(p->to_time, e.time, sizeof p->to_time);
		memcpy(p->anchor, hash, sizeof p->anchor);
	} else {
		if (!*keeping) {
			*keeping = 1;
			p->first = e.seq;
		}
		if (fwrite(line, 1, len, out) != len)
			return -1;
	}
	p->head = e.seq;
	memcpy(p->head_hash, hash, sizeof p->head_hash);
	return 0;
}

/*
 * Copies the lines of in that stay to out.  The log begins at whatever
 * seq its first line has (an earlier purge), chained as that line says.
 * 0, -1 on a write error, -2 on damage, -3 on a read error.
 */
static int
copy_kept(FILE *in, FILE *out, const char *cutoff, struct audit_purge *p)
{
	size_t bufsz = 0;
	char *buf = NULL, prev[65], hash[65];
	struct audit_entry e;
	int keeping = 0, first_line = 1, rc = 0;
	ssize_t len;

	while (rc == 0 && (len = getline(&buf, &bufsz, in)) != -1) {
		if (first_line && len > 0 && buf[len - 1] == '\n' &&
		    audit_line_parse(buf, (size_t)len - 1, &e, prev,
		    hash) == 0) {
			/* Where the chain starts. */
			p->head = e.seq - 1;
			memcpy(p->head_hash, prev, sizeof p->head_hash);
		}
		first_line = 0;
		rc = take_line(buf, (size_t)len, cutoff, &keeping, p, out);
	}
	if (rc == 0 && ferror(in))
		rc = -3;
	free(buf);
	return rc;
}

/* tmp, a new file of ours: one left by a crashed purge is replaced. */
static FILE *
create_tmp(const char *tmp)
{
	FILE *f;
	int fd;

	if (unlink(tmp) == -1 && errno != ENOENT)
		return NULL;
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL)
		close(fd);
	return f;
}

/* Flushes, syncs and closes f: 0 or -1. */
static int
finish_tmp(FILE *f)
{
	int rc = fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;

	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

int
audit_purge_copy(const char *path, const char *tmp, const char *cutoff,
    struct audit_purge *p, struct audit **out, const char **reason)
{
	FILE *in = NULL, *f = NULL;
	int rc;

	memset(p, 0, sizeof *p);
	memcpy(p->head_hash, AUDIT_ZERO_HASH, sizeof p->head_hash);
	*out = NULL;
	*reason = R_READ;
	if ((in = fopen(path, "re")) == NULL)
		return -1;
	if ((f = create_tmp(tmp)) == NULL) {
		*reason = R_WRITE;
		fclose(in);
		return -1;
	}
	rc = copy_kept(in, f, cutoff, p);
	fclose(in);
	if (rc != 0 || p->removed == 0) {
		*reason = rc == -1 ? R_WRITE : rc == -2 ? R_DAMAGED : R_READ;
		fclose(f);
		unlink(tmp);
		return rc == 0 ? 0 : -1;
	}
	if (p->first == 0)
		p->first = p->head + 1;	/* nothing kept: the next entry */
	if (finish_tmp(f) != 0) {
		*reason = R_WRITE;
		unlink(tmp);
		return -1;
	}
	if (audit_open_after(tmp, p->head, p->head_hash, out, reason) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}


int
audit_purge_commit(const char *tmp, const char *path)
{
	if (rename(tmp, path) == -1)
		return -1;
	return fd_sync_folder(path) == 0 ? 0 : -2;
}
