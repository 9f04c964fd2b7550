/*
 * The audit review against logs of growing size, in-process: each log
 * written through the real audit code (audit_append: hashed, chained,
 * one write and fdatasync an entry), then searched, counted, exported
 * and verified as the server does it (audit-search.c, audit-stats.c,
 * audit-export.c, audit_verify).  Each figure is the median of ROUNDS
 * runs, and the last column the ratio between the largest and the
 * smallest log: linear reading shows as the ratio of their sizes.
 *
 * bench_audit_review [--entries N,N…] [--dir DIR]
 *
 * DIR (default /dev/shm when there is one) holds the logs; on a tmpfs
 * fdatasync costs nothing, so the writing rate is the code's, not the
 * disk's.  Every entry is written "now", so the statistics have one day.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit-export.h"
#include "audit-search.h"
#include "audit-stats.h"
#include "bench-util.h"
#include "juki/checkdigit.h"
#include "juki/jst.h"
#include "juki/utc-time.h"

#define ROUNDS 5
#define MAX_SIZES 4
#define OPERATORS 50
#define TERMINALS 20

enum task {
	SEARCH_NEWEST,		/* the first page, no filter */
	SEARCH_OPERATOR,	/* one operator of OPERATORS */
	SEARCH_TARGET,		/* one resident: a handful of entries */
	SEARCH_DEEP,		/* a page from the middle */
	STATS_DAY,
	EXPORT_ALL,
	VERIFY,
	TASKS
};

static const char *const task_names[TASKS] = {
	"search: newest page, no filter",
	"search: by operator",
	"search: by target (住民票コード)",
	"search: a page from the middle",
	"stats: per day",
	"export: every entry as CSV",
	"verify: the whole chain",
};

struct size {
	int64_t entries;
	char log[4096];
	char folder[4096];
	char target[16];	/* a resident looked up now and then */
	double write_rate;	/* entries a second */
	double median[TASKS];
};

static uint64_t rng = 88172645463325252ULL;

static uint64_t
next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A 住民票コード of ten random digits and its check digit. */
static void
random_code(char out[16])
{
	snprintf(out, 16, "%010" PRIu64,
	    (uint64_t)(next_random() % 10000000000ULL));
	out[10] = (char)('0' + checkdigit_juminhyo_compute(out));
	out[11] = '\0';
}

/* Entry i of a busy prefecture: lookups above all, their candidates,
 * logins, updates from the municipalities, a refusal now and then. */
static void
entry(struct audit_entry *e, int64_t i, const char *target)
{
	uint64_t r = next_random();
	unsigned kind = (unsigned)(r % 100);

	memset(e, 0, sizeof *e);
	snprintf(e->operator_id, sizeof e->operator_id, "C%04u",
	    (unsigned)(r >> 8) % OPERATORS);
	snprintf(e->terminal_id, sizeof e->terminal_id, "T%04u",
	    (unsigned)(r >> 16) % TERMINALS);
	snprintf(e->result, sizeof e->result, "%s", (r >> 24) % 20 == 0 ?
	    "refused" : "ok");
	if (kind < 60) {
		snprintf(e->action, sizeof e->action, "%s", kind < 40 ?
		    "resident.view" : "lookup.code");
		snprintf(e->jimu, sizeof e->jimu, "%s", kind % 2 ? "KAIJI" :
		    "TEIKYO");
		snprintf(e->items, sizeof e->items, "%s",
		    "code,name,kana,birth,sex,address,idou");
	} else if (kind < 75) {
		snprintf(e->action, sizeof e->action, "provide.candidate");
		snprintf(e->jimu, sizeof e->jimu, "TEIKYO");
	} else if (kind < 85)
		snprintf(e->action, sizeof e->action, "%s", kind % 2 ?
		    "login" : "auth.begin");
	else if (kind < 90) {
		snprintf(e->action, sizeof e->action, "cs.update");
		snprintf(e->operator_id, sizeof e->operator_id, "%s", "");
		snprintf(e->terminal_id, sizeof e->terminal_id, "CS431001");
	} else
		snprintf(e->action, sizeof e->action, "print.list");
	if (e->jimu[0] != '\0' || strcmp(e->action, "cs.update") == 0) {
		if (i % 1000 == 0)
			snprintf(e->target, sizeof e->target, "%s", target);
		else
			random_code(e->target);
	}
	if (strcmp(e->result, "refused") == 0)
		snprintf(e->reason, sizeof e->reason, "E_NOT_FOUND");
}

static int
build(struct size *s)
{
	struct audit_entry e;
	struct audit *a;
	const char *reason = NULL;
	double t0;

	unlink(s->log);
	random_code(s->target);
	if (audit_open(s->log, &a, NULL, &reason) != 0) {
		fprintf(stderr, "bench: %s: %s\n", s->log, reason);
		return -1;
	}
	t0 = bench_now();
	for (int64_t i = 1; i <= s->entries; i++) {
		entry(&e, i, s->target);
		if (audit_append(a, &e) != 0) {
			fprintf(stderr, "bench: append: %s\n", strerror(errno));
			audit_close(a);
			return -1;
		}
	}
	s->write_rate = (double)s->entries / (bench_now() - t0);
	audit_close(a);
	return 0;
}

/* Today in Japan, the day every entry was written. */
static void
today(struct jdate *d, char iso[JDATE_ISO_LEN + 1])
{
	char utc[UTC_TEXT_MAX];
	struct jst_time t;

	utc_text(time(NULL), utc);
	jst_from_utc(utc, &t);
	*d = t.date;
	jdate_format_iso(d, iso, JDATE_ISO_LEN + 1);
}

static void
search(const struct size *s, const struct audit_filter *f, int64_t before)
{
	struct audit_page p;

	if (audit_search(s->log, f, before, 100, &p) != 0 || p.count == 0) {
		fprintf(stderr, "bench: search found nothing\n");
		exit(1);
	}
	audit_page_free(&p);
}

/* One run of a task; its seconds. */
static double
run(const struct size *s, enum task t)
{
	struct audit_filter f;
	struct audit_stats st;
	struct audit_export x;
	struct audit_verdict v;
	struct jdate day;
	char iso[JDATE_ISO_LEN + 1], path[8192];
	const char *why;
	double t0;
	int rc = 0;

	audit_filter_init(&f);
	today(&day, iso);
	t0 = bench_now();
	switch (t) {
	case SEARCH_NEWEST:
		search(s, &f, 0);
		break;
	case SEARCH_OPERATOR:
		f.operator_id = "C0007";
		search(s, &f, 0);
		break;
	case SEARCH_TARGET:
		f.target = s->target;
		search(s, &f, 0);
		break;
	case SEARCH_DEEP:
		search(s, &f, s->entries / 2);
		break;
	case STATS_DAY:
		rc = audit_stats_count(s->log, &day, &day, AUDIT_PER_DAY, NULL,
		    0, &st);
		audit_stats_free(&st);
		break;
	case EXPORT_ALL:
		rc = audit_export_write(s->log, s->folder, &f, iso, iso, &x,
		    &why);
		t0 = bench_now() - t0;
		snprintf(path, sizeof path, "%s/%s", s->folder, x.file);
		unlink(path);
		if (rc != 0 || x.entries != s->entries) {
			fprintf(stderr, "bench: export failed\n");
			exit(1);
		}
		return t0;
	case VERIFY:
		rc = audit_verify(s->log, &v) != 0 || v.damage != AUDIT_INTACT ||
		    v.entries != s->entries;
		break;
	case TASKS:
		break;
	}
	if (rc != 0) {
		fprintf(stderr, "bench: %s failed\n", task_names[t]);
		exit(1);
	}
	return bench_now() - t0;
}

static void
measure(struct size *s)
{
	double v[ROUNDS];

	for (int t = 0; t < TASKS; t++) {
		for (int r = 0; r < ROUNDS; r++)
			v[r] = run(s, (enum task)t);
		s->median[t] = bench_quantile(v, ROUNDS, 0.5);
	}
}

/* "100000,1000000": each at least 1000. */
static int
parse_sizes(const char *list, struct size *sizes, int *n)
{
	const char *p = list;
	char *end;

	*n = 0;
	while (*p != '\0' && *n < MAX_SIZES) {
		long long v = strtoll(p, &end, 10);

		if (end == p || v < 1000 || (*end != ',' && *end != '\0'))
			return -1;
		sizes[(*n)++].entries = v;
		p = *end == ',' ? end + 1 : end;
	}
	return *n > 0 && *p == '\0' ? 0 : -1;
}

/* name in 34 columns: two for each character of 住民票コード. */
static void
put_name(const char *name)
{
	int cols = 0;

	for (const char *p = name; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			cols += (unsigned char)*p >= 0xe0 ? 2 : 1;
	printf("%s%*s", name, cols < 34 ? 34 - cols : 0, "");
}

static void
report(const struct size *sizes, int n)
{
	const struct size *a = &sizes[0], *b = &sizes[n - 1];

	printf("\n");
	put_name("median of 5, seconds");
	for (int i = 0; i < n; i++)
		printf(" %12" PRId64, sizes[i].entries);
	printf("  ratio\n");
	for (int t = 0; t < TASKS; t++) {
		put_name(task_names[t]);
		for (int i = 0; i < n; i++)
			printf(" %12.3f", sizes[i].median[t]);
		printf("  %5.1f\n", b->median[t] / a->median[t]);
	}
	put_name("write: entries a second");
	for (int i = 0; i < n; i++)
		printf(" %12.0f", sizes[i].write_rate);
	printf("\nsizes ratio %.1f; reading speed (verify) %.0f entries/s\n",
	    (double)b->entries / (double)a->entries,
	    (double)b->entries / b->median[VERIFY]);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "entries", required_argument, NULL, 'n' },
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct size sizes[MAX_SIZES];
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : ".";
	const char *list = "100000,1000000";
	struct stat st;
	int c, n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(sizes, 0, sizeof sizes);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'n')
			list = optarg;
		else if (c == 'd')
			dir = optarg;
		else
			return 2;
	}
	if (parse_sizes(list, sizes, &n) != 0 || stat(dir, &st) != 0) {
		fprintf(stderr, "bench: --entries N,N (each 1000 or more) "
		    "--dir DIR\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		struct size *s = &sizes[i];

		snprintf(s->log, sizeof s->log, "%s/bench-audit-%ld-%" PRId64
		    ".log", dir, (long)getpid(), s->entries);
		snprintf(s->folder, sizeof s->folder, "%s/bench-audit-%ld-%"
		    PRId64 ".exports", dir, (long)getpid(), s->entries);
		printf("audit log of %" PRId64 " entries in %s\n", s->entries,
		    dir);
		if (build(s) != 0)
			return 1;
		measure(s);
		unlink(s->log);
		rmdir(s->folder);
	}
	report(sizes, n);
	return 0;
}
