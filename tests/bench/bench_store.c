/*
 * The resident file, in-process: generation rate and file size, point
 * lookups per second, 4情報 search latency.  Every figure is the median of
 * several rounds; the machines are shared and one run means little.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"
#include "gen.h"
#include "juki/store.h"

#define ROUNDS 5
#define SAMPLE 20000

static double
build(const char *path, uint64_t n)
{
	struct gen_config cfg;
	struct gen *g;
	struct store *st;
	const char *reason = NULL;
	double t0, rate = -1;

	store_remove(path);
	gen_config_default(&cfg);
	cfg.count = n;
	if (gen_new(&cfg, NULL, &g, &reason) != 0 ||
	    store_open(path, STORE_CREATE | STORE_BULK, &st, &reason) != 0) {
		fprintf(stderr, "bench: %s\n", reason);
		return -1;
	}
	t0 = bench_now();
	if (store_meta_set(st, "dataset", "synthetic") == STORE_OK &&
	    gen_write(g, st, NULL, NULL, &reason) == 0)
		rate = (double)n / (bench_now() - t0);
	else
		fprintf(stderr, "bench: %s\n", reason);
	store_close(st);
	gen_free(g);
	return rate;
}

/* Lookups a second over the sample, by 住民票コード or 個人番号. */
static double
point_lookups(struct store *st, const struct resident *s, size_t n, int kojin)
{
	struct resident out;
	double t0 = bench_now();
	size_t done = 0;

	for (size_t i = 0; i < n; i++) {
		if (kojin && s[i].kojin_bango[0] == '\0')
			continue;
		int rc = kojin ? store_get_by_kojin(st, s[i].kojin_bango, &out)
		    : store_get_by_code(st, s[i].juminhyo_code, &out);
		if (rc != STORE_OK) {
			fprintf(stderr, "bench: lookup failed (%d)\n", rc);
			exit(1);
		}
		done++;
	}
	return (double)done / (bench_now() - t0);
}

enum search_kind { NAME_ONLY, NAME_BIRTH, ALL_FOUR, SEARCH_KINDS };
static const char *const search_names[SEARCH_KINDS] = {
	"name only", "name + birth date", "name + birth + sex + city",
};

/* Microseconds per search over the sample: p50 and p99 into out[2]. */
static void
searches(struct store *st, const struct resident *s, size_t n,
    enum search_kind kind, double *lat, double out[2])
{
	char city[64];

	for (size_t i = 0; i < n; i++) {
		const struct resident *r = &s[i];
		struct store_query q = { .seion_kana = r->seion_kana,
		    .limit = 100, .include_deleted = true };
		bool more;
		int rows = 0;

		if (kind >= NAME_BIRTH)
			q.birth_date = r->birth_date;
		if (kind == ALL_FOUR) {
			/* "熊本県" and the city: 6 characters, 18 bytes. */
			snprintf(city, sizeof city, "%.18s", r->address);
			q.sex = r->sex;
			q.address_prefix = city;
		}
		double t0 = bench_now();
		if (store_search(st, &q, bench_count_row, &rows, &more) != STORE_OK ||
		    rows == 0) {
			fprintf(stderr, "bench: search found nothing\n");
			exit(1);
		}
		lat[i] = (bench_now() - t0) * 1e6;
	}
	out[0] = bench_quantile(lat, n, 0.50);
	out[1] = bench_quantile(lat, n, 0.99);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "residents", required_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t n = 1000000;
	const char *path = "bench-residents.db";
	int c;

	/* Figures as they come, even into a pipe or a log. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'n')
			n = strtoull(optarg, NULL, 10);
		else if (c == 'd')
			path = optarg;
		else
			return 2;
	}
	if (n < SAMPLE || n > GEN_MAX_COUNT) {
		fprintf(stderr, "bench: --residents from %d to %llu\n", SAMPLE,
		    (unsigned long long)GEN_MAX_COUNT);
		return 2;
	}

	/* Generation rate: median of small builds, then the big one. */
	double rates[3];
	char small[4200];
	snprintf(small, sizeof small, "%s.small", path);
	for (int i = 0; i < 3; i++)
		if ((rates[i] = build(small, n / 10)) < 0)
			return 1;
	store_remove(small);
	printf("generation, %llu residents: median %.0f residents/s "
	    "(3 runs)\n", (unsigned long long)(n / 10), bench_quantile(rates, 3, 0.5));
	double big_rate = build(path, n);
	if (big_rate < 0)
		return 1;
	struct stat sb;
	if (stat(path, &sb) != 0)
		return 1;
	printf("generation, %llu residents: %.0f residents/s (1 run); file "
	    "%.1f MiB, %.0f bytes a resident with history\n",
	    (unsigned long long)n, big_rate, (double)sb.st_size / 1048576.0,
	    (double)sb.st_size / (double)n);

	/* A sample of persons, regenerated: the generator is deterministic. */
	struct store *st;
	const char *reason = NULL;
	struct resident *s = bench_sample(n, SAMPLE);
	double *lat = calloc(SAMPLE, sizeof *lat);
	if (s == NULL || lat == NULL ||
	    store_open(path, STORE_READONLY, &st, &reason) != STORE_OK) {
		fprintf(stderr, "bench: %s\n", reason ? reason : "no memory");
		return 1;
	}

	double by_code[ROUNDS], by_kojin[ROUNDS];
	for (int round = 0; round < ROUNDS; round++) {
		by_code[round] = point_lookups(st, s, SAMPLE, 0);
		by_kojin[round] = point_lookups(st, s, SAMPLE, 1);
	}
	printf("lookup by 住民票コード: median %.0f lookups/s (%d rounds of "
	    "%d)\n", bench_quantile(by_code, ROUNDS, 0.5), ROUNDS, SAMPLE);
	printf("lookup by 個人番号:     median %.0f lookups/s (%d rounds of "
	    "%d)\n", bench_quantile(by_kojin, ROUNDS, 0.5), ROUNDS, SAMPLE);

	for (int kind = 0; kind < SEARCH_KINDS; kind++) {
		double p50[ROUNDS], p99[ROUNDS], q[2];
		for (int round = 0; round < ROUNDS; round++) {
			searches(st, s, SAMPLE, kind, lat, q);
			p50[round] = q[0];
			p99[round] = q[1];
		}
		printf("4情報 search, %s: p50 %.1f µs, p99 %.1f µs (medians of "
		    "%d rounds)\n", search_names[kind], bench_quantile(p50, ROUNDS, 0.5),
		    bench_quantile(p99, ROUNDS, 0.5), ROUNDS);
	}
	explicit_bzero(s, SAMPLE * sizeof *s);
	free(s);
	free(lat);
	store_close(st);
	return 0;
}
