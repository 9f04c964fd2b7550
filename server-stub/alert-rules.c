/*
 * The alert rules (protocol.h, "Alerts"): each audit entry is sorted
 * into what the rules count (a login, a provision, a refused login), its
 * key's count brought up to the entry's time, and an alert written when
 * a count reaches its rule's number.
 *
 * A count is a window of slots, oldest first: an entry's time (and for a
 * provision the resident's 住民票コード).  An entry counts while it is
 * less than the rule's minutes old.  Raising an alert empties the window
 * (the alert takes its entries), which is the whole de-duplication of the
 * counting rules; "off-hours" keeps instead the stretch of off-hours it
 * last raised an alert for, an operator.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert-rules.h"
#include "juki/jdate.h"
#include "juki/jst.h"
#include "juki/protocol.h"

#define JST_OFFSET	(JST_OFFSET_HOURS * 3600)
#define DAY		86400
/* How far back the start of a stretch of off-hours is looked for. */
#define STRETCH_DAYS	400
/* A 住民票コード, and room to tell a longer target from one. */
#define CODE_MAX	16

struct slot {
	time_t time;
	char code[CODE_MAX];	/* the resident, for "many-residents" */
};

struct window {
	char key[AUDIT_FIELD_MAX];
	time_t last;		/* the key's latest entry */
	int alerted;		/* off-hours: stretch holds the last alerted */
	time_t stretch;
	struct slot *slots;
	int n, cap;
};

struct table {
	struct window w[ALERT_KEYS_MAX];
	int n;
};

struct alert_rules {
	struct alert_rules_config c;
	struct table off_hours;		/* by operator */
	struct table by_id;		/* refused logins, by 照合ID */
	struct table by_terminal;	/* refused logins, by terminal */
	struct table residents;		/* provisions, by operator */
	int64_t lost;			/* entries not counted: no memory */
};

/* The codes a refusal of a login is counted for: the proof failed, or
 * the ID may not work.  Not a reader that proved nothing, nor a
 * challenge gone stale, nor a malformed request. */
static const char *const failure_codes[] = {
	"E_BAD_CREDENTIALS", "E_NO_MATCH", "E_LOCKED", "E_INACTIVE",
	"E_LAPSED", "E_NOT_YET_VALID",
};

static const char *const login_actions[] = {
	"auth.begin", "login", "session.unlock",
};

#define KIND_NAME(name, label) name,
static const char *const provision_kinds[] = {
	PROVISION_KINDS(KIND_NAME)
};
#undef KIND_NAME

void
alert_rules_defaults(struct alert_rules_config *c)
{
	memset(c, 0, sizeof *c);
	c->open = 8 * 3600 + 30 * 60;
	c->close = 17 * 3600 + 15 * 60;
	c->weekends = 1;
	c->failures = 3;
	c->failure_minutes = 10;
	c->residents = 50;
	c->resident_minutes = 10;
}

struct alert_rules *
alert_rules_new(const struct alert_rules_config *c)
{
	struct alert_rules *r = calloc(1, sizeof *r);

	if (r != NULL)
		r->c = *c;
	return r;
}

static void
table_free(struct table *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->w[i].slots);
}

void
alert_rules_free(struct alert_rules *r)
{
	if (r == NULL)
		return;
	table_free(&r->off_hours);
	table_free(&r->by_id);
	table_free(&r->by_terminal);
	table_free(&r->residents);
	free(r);
}

static int
two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* "HH:MM" as seconds into the day, 24:00 the most. */
static int
time_of_day(const char *s, int *out)
{
	int h, m;

	if (two_digits(s, &h) != 0 || s[2] != ':' ||
	    two_digits(s + 3, &m) != 0 || m > 59 || h > 24 ||
	    (h == 24 && m != 0))
		return -1;
	*out = h * 3600 + m * 60;
	return 0;
}

int
alert_rules_hours(const char *text, struct alert_rules_config *c)
{
	int open, close;

	if (strlen(text) != 11 || text[5] != '-' ||
	    time_of_day(text, &open) != 0 ||
	    time_of_day(text + 6, &close) != 0 || open >= close)
		return -1;
	c->open = open;
	c->close = close;
	return 0;
}

int
alert_rules_date(const char *text)
{
	const char *reason;
	struct jdate d;

	if (jdate_parse_iso(text, &d, &reason) != 0)
		return -1;
	return d.year * 10000 + d.month * 100 + d.day;
}

/* The audit log's "2026-11-23T09:15:00.123Z" to the second. */
static int
entry_time(const char *text, time_t *out)
{
	struct tm tm;
	char z;

	memset(&tm, 0, sizeof tm);
	if (strlen(text) < 20 || sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec, &z) != 7 || (z != '.' && z != 'Z'))
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

static int
compare_dates(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

void
alert_rules_holidays_sort(struct alert_rules_config *c)
{
	int kept = 0;

	qsort(c->holidays, (size_t)c->nholidays, sizeof c->holidays[0],
	    compare_dates);
	for (int i = 0; i < c->nholidays; i++)
		if (kept == 0 || c->holidays[kept - 1] != c->holidays[i])
			c->holidays[kept++] = c->holidays[i];
	c->nholidays = kept;
}

/* Whether the day starting at local (seconds, JST) is a business day. */
static int
business_day(const struct alert_rules_config *c, time_t local)
{
	struct tm tm;
	int date;

	if (gmtime_r(&local, &tm) == NULL)
		return 0;
	if (c->weekends && (tm.tm_wday == 0 || tm.tm_wday == 6))
		return 0;
	date = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
	return bsearch(&date, c->holidays, (size_t)c->nholidays,
	    sizeof c->holidays[0], compare_dates) == NULL;
}

int
alert_rules_business(const struct alert_rules_config *c, time_t t)
{
	time_t local = t + JST_OFFSET;
	time_t second = ((local % DAY) + DAY) % DAY;

	return business_day(c, local - second) && second >= c->open &&
	    second < c->close;
}

/*
 * The start of the stretch of off-hours the moment t (not in business
 * hours) is in: the end of the last business day's hours before it, in
 * JST seconds.  What names the stretch, so one alert an operator is
 * raised in it.  0 when no day of the last STRETCH_DAYS is a business
 * day.
 */
static time_t
stretch_of(const struct alert_rules_config *c, time_t t)
{
	time_t local = t + JST_OFFSET;
	time_t second = ((local % DAY) + DAY) % DAY, day = local - second;

	if (business_day(c, day) && second >= c->close)
		return day + c->close;
	for (int k = 1; k <= STRETCH_DAYS; k++)
		if (business_day(c, day - (time_t)k * DAY))
			return day - (time_t)k * DAY + c->close;
	return 0;
}

/* The window of key, made (forgetting the least recent when the table
 * is full) when there is none. */
static struct window *
window_of(struct table *t, const char *key, time_t now)
{
	struct window *w;
	int i, oldest = 0;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->w[i].key, key) == 0) {
			t->w[i].last = now;
			return &t->w[i];
		}
	if (t->n < ALERT_KEYS_MAX)
		w = &t->w[t->n++];
	else {
		for (i = 1; i < t->n; i++)
			if (t->w[i].last < t->w[oldest].last)
				oldest = i;
		w = &t->w[oldest];
		free(w->slots);
	}
	memset(w, 0, sizeof *w);
	/* Keys are audit fields: they fit. */
	memcpy(w->key, key, strlen(key) + 1);
	w->last = now;
	return w;
}

/* Drops the slots at least seconds old at now, and the one of code. */
static void
window_prune(struct window *w, time_t now, time_t seconds, const char *code)
{
	int kept = 0;

	for (int i = 0; i < w->n; i++) {
		if (now - w->slots[i].time >= seconds ||
		    (code != NULL && strcmp(w->slots[i].code, code) == 0))
			continue;
		w->slots[kept++] = w->slots[i];
	}
	w->n = kept;
}

/* Appends a slot, growing to at most max: 0, or -1 out of memory. */
static int
window_push(struct window *w, time_t now, const char *code, int max)
{
	struct slot *grown;
	int cap;

	if (w->n == w->cap) {
		cap = w->cap == 0 ? 8 : w->cap * 2;
		if (cap > max)
			cap = max;
		if ((grown = reallocarray(w->slots, (size_t)cap,
		    sizeof *grown)) == NULL)
			return -1;
		w->slots = grown;
		w->cap = cap;
	}
	memset(&w->slots[w->n], 0, sizeof w->slots[0]);
	w->slots[w->n].time = now;
	if (code != NULL)
		memcpy(w->slots[w->n].code, code, strlen(code) + 1);
	w->n++;
	return 0;
}

static void
alert_set(struct alert_raised *a, const struct audit_entry *e, time_t t,
    const char *rule, const char *detail, int count, int minutes)
{
	memset(a, 0, sizeof *a);
	utc_text(t, a->time);
	memcpy(a->rule, rule, strlen(rule) + 1);
	memcpy(a->operator_id, e->operator_id, sizeof a->operator_id);
	memcpy(a->terminal_id, e->terminal_id, sizeof a->terminal_id);
	memcpy(a->detail, detail, strlen(detail) + 1);
	a->count = count;
	a->minutes = minutes;
}

/* 1 with *a raised, 0, or -1 out of memory. */
static int
off_hours(struct alert_rules *r, const struct audit_entry *e, time_t t,
    struct alert_raised *a)
{
	struct window *w;
	time_t stretch;

	if (alert_rules_business(&r->c, t))
		return 0;
	stretch = stretch_of(&r->c, t);
	w = window_of(&r->off_hours, e->operator_id, t);
	if (w->alerted && w->stretch == stretch)
		return 0;
	w->alerted = 1;
	w->stretch = stretch;
	alert_set(a, e, t, "off-hours", e->action, 1, 0);
	return 1;
}

/*
 * Counts an entry of key (the resident code, or NULL) in table; when
 * the count reaches threshold, the window is emptied and 1 returned.
 */
static int
count(struct table *table, const char *key, time_t t, int minutes,
    const char *code, int threshold)
{
	struct window *w = window_of(table, key, t);

	window_prune(w, t, (time_t)minutes * 60, code);
	if (window_push(w, t, code, threshold) != 0)
		return -1;
	if (w->n < threshold)
		return 0;
	w->n = 0;
	return 1;
}

static int
residents(struct alert_rules *r, const struct audit_entry *e, time_t t,
    struct alert_raised *a)
{
	int rc;

	if (strlen(e->target) >= CODE_MAX)
		return 0;	/* not a 住民票コード */
	rc = count(&r->residents, e->operator_id, t, r->c.resident_minutes,
	    e->target, r->c.residents + 1);
	if (rc == 1)
		alert_set(a, e, t, "many-residents", "", r->c.residents + 1,
		    r->c.resident_minutes);
	return rc;
}

static int
failure(struct alert_rules *r, struct table *table, const char *key,
    const char *which, const struct audit_entry *e, time_t t,
    struct alert_raised *a)
{
	int rc = count(table, key, t, r->c.failure_minutes, NULL,
	    r->c.failures);

	if (rc == 1)
		alert_set(a, e, t, "login-failures", which, r->c.failures,
		    r->c.failure_minutes);
	return rc;
}

/* A refusal counted as a failed login: its reason's code, before ':'. */
static int
is_failure(const struct audit_entry *e)
{
	char code[AUDIT_FIELD_MAX];
	size_t len = strcspn(e->reason, ":");

	if (strcmp(e->result, "refused") != 0 ||
	    NAME_INDEX(login_actions, e->action) < 0)
		return 0;
	memcpy(code, e->reason, len);
	code[len] = '\0';
	return NAME_INDEX(failure_codes, code) >= 0;
}

static int
is_login(const struct audit_entry *e)
{
	return strcmp(e->result, "ok") == 0 && (strcmp(e->action,
	    "login") == 0 || strcmp(e->action, "session.unlock") == 0);
}

static int
is_provision(const struct audit_entry *e)
{
	return strcmp(e->result, "ok") == 0 && e->target[0] != '\0' &&
	    NAME_INDEX(provision_kinds, e->action) >= 0;
}

/* Adds what one rule returned: an alert, nothing, or a loss. */
static void
tally(struct alert_rules *r, int rc, int *n)
{
	if (rc > 0)
		(*n)++;
	else if (rc < 0)
		r->lost++;
}

int
alert_rules_feed(struct alert_rules *r, const struct audit_entry *e,
    struct alert_raised out[ALERT_PER_ENTRY])
{
	int provision = is_provision(e), n = 0;
	time_t t;

	if (strncmp(e->action, "alert.", 6) == 0 ||
	    entry_time(e->time, &t) != 0)
		return 0;
	if (e->operator_id[0] != '\0' && (provision || is_login(e)))
		tally(r, off_hours(r, e, t, &out[n]), &n);
	if (e->operator_id[0] != '\0' && provision)
		tally(r, residents(r, e, t, &out[n]), &n);
	if (is_failure(e)) {
		if (e->operator_id[0] != '\0')
			tally(r, failure(r, &r->by_id, e->operator_id,
			    "operator", e, t, &out[n]), &n);
		if (e->terminal_id[0] != '\0')
			tally(r, failure(r, &r->by_terminal, e->terminal_id,
			    "terminal", e, t, &out[n]), &n);
	}
	return n;
}

int64_t
alert_rules_lost(const struct alert_rules *r)
{
	return r->lost;
}
