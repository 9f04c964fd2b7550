#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "gen.h"

double
bench_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
bench_quantile(double *v, size_t n, double q)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, by_value);
	return v[(size_t)(q * (double)(n - 1))];
}

struct resident *
bench_sample(uint64_t residents, size_t n)
{
	struct gen_config cfg;
	struct gen *g;
	static struct gen_life life;
	struct resident *sample = calloc(n, sizeof *sample);
	const char *reason;
	uint64_t rng = 12345;

	gen_config_default(&cfg);
	cfg.count = residents;
	if (sample == NULL || gen_new(&cfg, NULL, &g, &reason) != 0) {
		free(sample);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		gen_person(g, (rng >> 11) % residents, &life);
		sample[i] = life.versions[life.count - 1];
	}
	gen_free(g);
	return sample;
}

int
bench_count_row(const struct resident *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}
