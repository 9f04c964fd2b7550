#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "juki/hex.h"
#include "audit-csv.h"
#include "audit-export.h"

/* Tries of a name with a number after it, when an export of the same
 * period was made in the same second. */
#define NAME_TRIES 99

struct writer {
	FILE *f;
	EVP_MD_CTX *md;
	int64_t rows;
};

/* Opens folder, making it when missing; only this user may write in it,
 * or a file in it could be swapped under us. */
static int
open_folder(const char *folder)
{
	struct stat st;
	int fd;

	if (mkdir(folder, 0700) == -1 && errno != EEXIST)
		return -1;
	fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1 || st.st_uid != geteuid() ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

static int
put(struct writer *w, const char *text, size_t len)
{
	if (fwrite(text, 1, len, w->f) != len ||
	    EVP_DigestUpdate(w->md, text, len) != 1)
		return -1;
	return 0;
}

static int
put_entry(const struct audit_entry *e, void *arg)
{
	struct writer *w = arg;
	char row[AUDIT_CSV_ROW_MAX];
	int len, rc;

	if ((len = audit_csv_row(e, row, sizeof row)) < 0) {
		errno = EOVERFLOW;
		return -1;
	}
	rc = put(w, row, (size_t)len);
	explicit_bzero(row, sizeof row);
	if (rc == 0)
		w->rows++;
	return rc;
}

/* The header, every entry, then the digest. */
static int
write_rows(struct writer *w, const char *log, const struct audit_filter *f,
    struct audit_export *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	char header[512];
	unsigned int mdlen = 0;
	int len;

	if ((len = audit_csv_header(header, sizeof header)) < 0 ||
	    EVP_DigestInit_ex(w->md, EVP_sha256(), NULL) != 1 ||
	    put(w, AUDIT_CSV_BOM, strlen(AUDIT_CSV_BOM)) != 0 ||
	    put(w, header, (size_t)len) != 0 ||
	    audit_scan(log, f, put_entry, w, &out->counts) != 0 ||
	    EVP_DigestFinal_ex(w->md, md, &mdlen) != 1 || mdlen != 32)
		return -1;
	hex_encode(md, mdlen, out->sha256);
	out->entries = w->rows;
	return 0;
}

/* A new hidden file in the folder, for this export only. */
static int
open_temp(int dir, char *name, size_t namesz)
{
	int fd = -1;

	for (unsigned i = 0; fd == -1 && i < 1000; i++) {
		snprintf(name, namesz, ".export-%ld-%u.tmp", (long)getpid(), i);
		fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST)
			return -1;
	}
	return fd;
}

/* The temporary file written whole and on disk, or -1 (removed). */
static int
write_temp(int dir, const char *tmp, int fd, const char *log,
    const struct audit_filter *f, struct audit_export *out)
{
	struct writer w = { NULL, EVP_MD_CTX_new(), 0 };
	int rc = -1, saved;

	if (w.md != NULL && (w.f = fdopen(fd, "w")) != NULL) {
		fd = -1;	/* w.f has it now */
		rc = write_rows(&w, log, f, out) == 0 &&
		    fflush(w.f) == 0 && fsync(fileno(w.f)) == 0 ? 0 : -1;
	}
	saved = errno;
	if (w.f != NULL && fclose(w.f) != 0)
		rc = -1;
	if (fd != -1)
		close(fd);
	EVP_MD_CTX_free(w.md);
	if (rc != 0)
		unlinkat(dir, tmp, 0);
	errno = saved;
	return rc;
}

/* "20260401" of "2026-04-01". */
static void
compact_date(const char *iso, char out[9])
{
	size_t n = 0;

	for (; *iso != '\0' && n < 8; iso++)
		if (*iso != '-')
			out[n++] = *iso;
	out[n] = '\0';
}

/* Moves tmp to a name of its own, never over a file already there. */
static int
name_file(int dir, const char *tmp, const char *from, const char *to,
    char *file, size_t filesz)
{
	char first[9], last[9], when[20];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	compact_date(from, first);
	compact_date(to, last);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm) == 0)
		return -1;
	for (int i = 1; i <= NAME_TRIES; i++) {
		if (i == 1)
			snprintf(file, filesz, "audit-%s-%s-%s.csv", first, last,
			    when);
		else
			snprintf(file, filesz, "audit-%s-%s-%s-%d.csv", first,
			    last, when, i);
		rc = renameat2(dir, tmp, dir, file, RENAME_NOREPLACE);
		/* A file system without RENAME_NOREPLACE: a link is never
		 * made over a file either. */
		if (rc == -1 && (errno == EINVAL || errno == ENOSYS) &&
		    (rc = linkat(dir, tmp, dir, file, 0)) == 0)
			unlinkat(dir, tmp, 0);
		if (rc == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

int
audit_export_write(const char *log, const char *folder,
    const struct audit_filter *f, const char *from, const char *to,
    struct audit_export *out, const char **why)
{
	char tmp[64];
	int dir, fd, saved;

	memset(out, 0, sizeof *out);
	*why = "folder";
	if ((dir = open_folder(folder)) == -1)
		return -1;
	if ((fd = open_temp(dir, tmp, sizeof tmp)) == -1)
		goto fail;
	*why = "write";
	if (write_temp(dir, tmp, fd, log, f, out) != 0)
		goto fail;
	*why = "name";
	if (name_file(dir, tmp, from, to, out->file, sizeof out->file) != 0) {
		saved = errno;
		unlinkat(dir, tmp, 0);
		errno = saved;
		goto fail;
	}
	/* The new name must outlive a crash as the data does. */
	if (fsync(dir) == -1) {
		saved = errno;
		unlinkat(dir, out->file, 0);
		errno = saved;
		goto fail;
	}
	close(dir);
	return 0;
fail:
	saved = errno;
	close(dir);
	errno = saved;
	return -1;
}

int
audit_export_remove(const char *folder, const char *file)
{
	int dir, rc;

	if ((dir = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	rc = unlinkat(dir, file, 0) == 0 && fsync(dir) == 0 ? 0 : -1;
	close(dir);
	return rc;
}
