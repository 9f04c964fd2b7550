/*
 * Counting is one reading of the log (audit_scan, bounded to the range),
 * each entry added to its period's row and to the total.  The period of
 * an entry is its JST date, from its UTC time by day arithmetic.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-stats.h"
#include "juki/i18n.h"
#include "juki/jst.h"
#include "juki/protocol.h"

#define NAME_OF(name, label) name,
static const char *const provisions[] = { PROVISION_KINDS(NAME_OF) };
static const char *const lookups[] = { AUDIT_LOOKUPS(NAME_OF) };
#undef NAME_OF

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static int
one_of(const char *const *names, size_t n, const char *action)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], action) == 0)
			return 1;
	return 0;
}

static long
month_number(const struct jdate *d)
{
	return (long)d->year * 12 + d->month - 1;
}

/* The row of the JST date d, or -1 outside the range. */
static long
period_of(const struct audit_stats *st, const struct jdate *d)
{
	long i = st->per == AUDIT_PER_DAY ?
	    jdate_to_days(d) - jdate_to_days(&st->first) :
	    month_number(d) - month_number(&st->first);

	return i >= 0 && (size_t)i < st->nperiods ? i : -1;
}

/* The column of code, added when new; -1 when there is no room. */
static int
column_of(struct audit_stats *st, const char *code)
{
	for (size_t i = 0; i < st->njimu; i++)
		if (strcmp(st->jimu[i], code) == 0)
			return (int)i;
	if (st->njimu == AUDIT_STATS_JIMU_MAX)
		return -1;
	snprintf(st->jimu[st->njimu], sizeof st->jimu[0], "%s", code);
	return (int)st->njimu++;
}

static void
tally(struct audit_tally *t, const struct audit_entry *e, int column)
{
	int login = strcmp(e->action, "login") == 0;

	if (strcmp(e->result, "refused") == 0) {
		t->refusals++;
		t->login_refusals += login;
		return;
	}
	if (strcmp(e->result, "ok") != 0)
		return;
	t->logins += login;
	t->updates += strcmp(e->action, "cs.update") == 0;
	t->provisions += one_of(provisions, COUNT(provisions), e->action);
	if (one_of(lookups, COUNT(lookups), e->action)) {
		t->lookups++;
		if (column >= 0)
			t->by_jimu[column]++;
	}
}

static int
count_one(const struct audit_entry *e, void *arg)
{
	struct audit_stats *st = arg;
	struct jst_time t;
	long i;
	int column = -1;

	/* The scan is bounded to the range; a time that cannot be read
	 * cannot be in an intact entry. */
	if (jst_from_utc(e->time, &t) != 0 ||
	    (i = period_of(st, &t.date)) < 0)
		return 0;
	if (strcmp(e->result, "ok") == 0 &&
	    one_of(lookups, COUNT(lookups), e->action))
		column = column_of(st, e->jimu);
	tally(&st->periods[i], e, column);
	tally(&st->total, e, column);
	return 0;
}

/* Rows for the range, or -2 when it is longer than allowed. */
static int
periods(struct audit_stats *st, const struct jdate *from,
    const struct jdate *to)
{
	long n;

	if (st->per == AUDIT_PER_DAY) {
		n = jdate_to_days(to) - jdate_to_days(from) + 1;
		if (n > AUDIT_STATS_MAX_DAYS)
			return -2;
	} else {
		n = month_number(to) - month_number(from) + 1;
		if (n > AUDIT_STATS_MAX_MONTHS)
			return -2;
	}
	if (n < 1) {
		errno = EINVAL;
		return -1;
	}
	st->nperiods = (size_t)n;
	st->periods = calloc(st->nperiods, sizeof *st->periods);
	return st->periods == NULL ? -1 : 0;
}

int
audit_stats_count(const char *log, const struct jdate *from,
    const struct jdate *to, enum audit_per per, const char *const *known,
    size_t n, struct audit_stats *st)
{
	struct audit_filter f;
	char first[JDATE_ISO_LEN + 1], last[JDATE_ISO_LEN + 1];
	const char *bad;
	int rc;

	memset(st, 0, sizeof *st);
	st->per = per;
	st->first = *from;
	if (per == AUDIT_PER_MONTH)
		st->first.day = 1;
	if ((rc = periods(st, from, to)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		column_of(st, known[i]);
	audit_filter_init(&f);
	if (jdate_format_iso(from, first, sizeof first) != 0 ||
	    jdate_format_iso(to, last, sizeof last) != 0 ||
	    audit_filter_period(&f, first, last, &bad) != 0) {
		errno = EINVAL;
		return -1;
	}
	return audit_scan(log, &f, count_one, st, &st->counts);
}

void
audit_stats_free(struct audit_stats *st)
{
	free(st->periods);
	memset(st, 0, sizeof *st);
}

void
audit_stats_period(const struct audit_stats *st, size_t i, char *out,
    size_t outsz)
{
	long m = month_number(&st->first) + (long)i;
	struct jdate d;

	if (st->per == AUDIT_PER_MONTH) {
		snprintf(out, outsz, "%04ld-%02ld", m / 12, m % 12 + 1);
		return;
	}
	jdate_from_days(jdate_to_days(&st->first) + (long)i, &d);
	snprintf(out, outsz, "%04d-%02d-%02d", d.year, d.month, d.day);
}
