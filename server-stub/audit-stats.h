/*
 * The audit log counted by period (audit/stats, protocol.h): updates
 * received, provisions, lookups by 事務, refusals and logins, a row a day
 * or a month in JST.
 */
#ifndef JUKI_AUDIT_STATS_H
#define JUKI_AUDIT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "audit-search.h"
#include "juki/jdate.h"

/* 事務 told apart.  Lookups name a configured 事務 (at most JIMU_MAX at a
 * time); a log that has seen more over the years counts the rest in
 * "lookups" only. */
#define AUDIT_STATS_JIMU_MAX 64

enum audit_per {
	AUDIT_PER_DAY,
	AUDIT_PER_MONTH,
};

struct audit_tally {
	int64_t updates;	/* cs.update, ok */
	int64_t provisions;	/* PROVISION_KINDS, ok */
	int64_t lookups;	/* AUDIT_LOOKUPS, ok */
	int64_t refusals;	/* any action, refused */
	int64_t logins;		/* login, ok */
	int64_t login_refusals;	/* login, refused */
	int64_t by_jimu[AUDIT_STATS_JIMU_MAX];	/* lookups, by column */
};

struct audit_stats {
	enum audit_per per;
	struct jdate first;		/* the first day of the range */
	size_t nperiods;
	struct audit_tally *periods;	/* oldest first */
	struct audit_tally total;
	char jimu[AUDIT_STATS_JIMU_MAX][AUDIT_FIELD_MAX];	/* columns */
	size_t njimu;
	struct audit_counts counts;
};

/*
 * Counts the log's entries from the day from to the day to (JST, both
 * inclusive, from not after to) per day or month into *st; the codes of
 * known (n of them: the configured 事務) come first among the columns.
 * 0; -2 when the range has more than AUDIT_STATS_MAX_DAYS days or
 * AUDIT_STATS_MAX_MONTHS months; -1 on I/O error or out of memory (errno
 * set).  audit_stats_free releases *st either way.
 */
int audit_stats_count(const char *log, const struct jdate *from,
    const struct jdate *to, enum audit_per per, const char *const *known,
    size_t n, struct audit_stats *st);
void audit_stats_free(struct audit_stats *st);

/* Period i's name: "2026-04-01" per day, "2026-04" per month. */
void audit_stats_period(const struct audit_stats *st, size_t i, char *out,
    size_t outsz);

#endif
