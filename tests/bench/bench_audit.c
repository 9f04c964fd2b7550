/*
 * The audit log, in-process: appends a second (without the disk's own
 * fdatasync cost when the folder is on tmpfs), and for a log of --entries
 * entries the time and memory of audit_verify_sealed and of a purge that
 * removes the older half (copy, anchor seal, rename).  Medians of several
 * rounds; the file is in the page cache, as a daily job finds it.
 *
 *   bench_audit [--entries N] [--dir DIR]   (default 1000000, /dev/shm)
 */
#include <sys/resource.h>

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit-purge.h"
#include "audit-seal.h"
#include "bench-util.h"

#define ROUNDS 3

struct files {
	char log[4096], seals[4096], key[4096], tmp[4096];
	char copy_log[4096], copy_seals[4096];
	char cutoff[32];	/* the time of the middle entry */
};

static int
copy_file(const char *from, const char *to)
{
	char buf[1 << 16];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;
	int rc = in != NULL && out != NULL ? 0 : -1;

	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in != NULL)
		fclose(in);
	if (out != NULL && fclose(out) != 0)
		rc = -1;
	return rc;
}

/* The log of n entries, sealed; the appends a second. */
static double
build(struct files *f, const struct seal_key *k, long n)
{
	struct audit_seals *s;
	struct audit_entry e;
	struct audit *a;
	const char *reason = "";
	double t0, rate;

	unlink(f->log);
	unlink(f->seals);
	if (audit_open(f->log, &a, NULL, &reason) != 0 ||
	    audit_seals_open(f->seals, k, 300, a, 0, &s, NULL, &reason) != 0) {
		fprintf(stderr, "bench: %s\n", reason);
		return -1;
	}
	t0 = bench_now();
	for (long i = 0; i < n; i++) {
		memset(&e, 0, sizeof e);
		snprintf(e.operator_id, sizeof e.operator_id, "C%04ld", i % 50);
		snprintf(e.terminal_id, sizeof e.terminal_id, "T%04ld", i % 20);
		snprintf(e.action, sizeof e.action, "lookup.code");
		snprintf(e.target, sizeof e.target, "%011ld", 10000000000L + i);
		snprintf(e.jimu, sizeof e.jimu, "KAIJI");
		snprintf(e.result, sizeof e.result, "ok");
		snprintf(e.items, sizeof e.items, "code,name,address");
		if (audit_append(a, &e) != 0)
			return -1;
		if (i == n / 2)
			memcpy(f->cutoff, e.time, sizeof f->cutoff);
		/* A seal every 1000 entries: a busy day's seals. */
		if (i % 1000 == 0 && audit_seals_write(s, a, 0) != 0)
			return -1;
	}
	rate = (double)n / (bench_now() - t0);
	if (audit_seals_write(s, a, 0) != 0)
		return -1;
	audit_seals_close(s);
	audit_close(a);
	return rate;
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static double
verify_once(const struct files *f, const struct seal_key *k)
{
	struct audit_seal_check c = { f->seals, k, time(NULL) };
	struct audit_verdict v;
	double t0 = bench_now();

	if (audit_verify_sealed(f->log, &c, &v) != 0 ||
	    v.damage != AUDIT_INTACT) {
		fprintf(stderr, "bench: the log does not verify\n");
		return -1;
	}
	return bench_now() - t0;
}

/* A purge of the older half, on a copy of the log, as retention.c does
 * it but for the verification before it (the figure above), the entry
 * and the resident file. */
static double
purge_once(const struct files *f, const struct seal_key *k)
{
	struct audit_seals *s;
	struct audit_purge p;
	struct audit *a, *na;
	const char *reason = "";
	double t0;

	if (copy_file(f->log, f->copy_log) != 0 ||
	    copy_file(f->seals, f->copy_seals) != 0 ||
	    audit_open(f->copy_log, &a, NULL, &reason) != 0 ||
	    audit_seals_open(f->copy_seals, k, 300, a, 0, &s, NULL,
	    &reason) != 0) {
		fprintf(stderr, "bench: %s\n", reason);
		return -1;
	}
	t0 = bench_now();
	if (audit_purge_copy(f->copy_log, f->tmp, f->cutoff, &p, &na,
	    &reason) != 0 || na == NULL ||
	    audit_seals_anchor(s, a, p.first, p.anchor) != 0 ||
	    audit_purge_commit(f->tmp, f->copy_log) != 0) {
		fprintf(stderr, "bench: the purge failed\n");
		return -1;
	}
	audit_replace(a, na);
	t0 = bench_now() - t0;
	audit_seals_close(s);
	audit_close(a);
	return t0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "entries", required_argument, NULL, 'n' },
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	double verify[ROUNDS], purge[ROUNDS], rate;
	struct files f;
	struct seal_key *k;
	long n = 1000000, rss;
	char err[512];
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'n')
			n = strtol(optarg, NULL, 10);
		else if (c == 'd')
			dir = optarg;
		else
			return 2;
	}
	if (n < 2)
		return 2;
	memset(&f, 0, sizeof f);
	if (strlen(dir) > 1024)
		return 2;
	snprintf(f.log, sizeof f.log, "%s/bench-audit-%ld.log", dir,
	    (long)getpid());
	snprintf(f.seals, sizeof f.seals, "%.2048s.seals", f.log);
	snprintf(f.key, sizeof f.key, "%.2048s.key", f.log);
	snprintf(f.tmp, sizeof f.tmp, "%.2048s.purge", f.log);
	snprintf(f.copy_log, sizeof f.copy_log, "%.2048s.copy", f.log);
	snprintf(f.copy_seals, sizeof f.copy_seals, "%.2048s.copy.seals",
	    f.log);
	if (seal_key_create(f.key, err, sizeof err) != 0 ||
	    (k = seal_key_load(f.key, err, sizeof err)) == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	printf("audit log, %ld entries, in %s\n", n, dir);
	if ((rate = build(&f, k, n)) < 0)
		return 1;
	printf("  append (one fdatasync each):  %.0f entries/s\n", rate);
	rss = max_rss_kb();
	for (int r = 0; r < ROUNDS; r++)
		if ((verify[r] = verify_once(&f, k)) < 0)
			return 1;
	printf("  verify-audit with seals:      %.2f s (median of %d), "
	    "+%ld MB peak memory\n", bench_quantile(verify, ROUNDS, 0.5),
	    ROUNDS, (max_rss_kb() - rss) / 1024);
	for (int r = 0; r < ROUNDS; r++)
		if ((purge[r] = purge_once(&f, k)) < 0)
			return 1;
	printf("  purge of the older half:      %.2f s (median of %d)\n",
	    bench_quantile(purge, ROUNDS, 0.5), ROUNDS);
	unlink(f.log);
	unlink(f.seals);
	unlink(f.key);
	unlink(f.copy_log);
	unlink(f.copy_seals);
	seal_key_free(k);
	return 0;
}
