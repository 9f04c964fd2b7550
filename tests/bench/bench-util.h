/* What the benchmarks share: a clock, quantiles, and a sample of the
 * residents of a generated file, regenerated from its seed. */
#ifndef JUKI_BENCH_UTIL_H
#define JUKI_BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "juki/resident.h"
#include "juki/store.h"

/* Monotonic seconds. */
double bench_now(void);

/* The q-quantile (0..1) of n values; sorts them. */
double bench_quantile(double *v, size_t n, double q);

/* n current records drawn at random from the file juki-gendata (seed 1,
 * the default) builds with this many residents; NULL without memory. */
struct resident *bench_sample(uint64_t residents, size_t n);

/* Counts rows: a store_row_cb for queries whose rows are not needed. */
int bench_count_row(const struct resident *r, void *arg);

#endif
