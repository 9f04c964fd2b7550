/*
 * The rules of protocol.h's "Alerts" section, and nothing else: audit
 * entries go in, in the order they were written, and the alerts they
 * raise come out.  No clock, no file, no network: the time is the
 * entry's own, so a test feeds entries and reads alerts.
 *
 * What is counted is kept in bounded tables (ALERT_KEYS_MAX 照合IDs,
 * terminals and operators a rule): when one is full, the key whose last
 * entry is oldest is forgotten.  A flood of made-up 照合IDs can push a
 * count out of the table, but not the terminal's count of the same
 * failures.
 */
#ifndef JUKI_ALERT_RULES_H
#define JUKI_ALERT_RULES_H

#include <stdint.h>
#include <time.h>

#include "audit.h"
#include "juki/utc-time.h"

/* Keys a rule keeps counts for. */
#define ALERT_KEYS_MAX 512
/* Dates a holiday calendar may list: a century of them. */
#define ALERT_HOLIDAYS_MAX 4096
/* Most alerts one entry can raise: off-hours and residents for a
 * provision, the ID's and the terminal's for a refused login. */
#define ALERT_PER_ENTRY 2
#define ALERT_WORD_MAX 16

/* Bounds of the configuration (server-config.c checks them). */
#define ALERT_COUNT_MAX 10000
#define ALERT_MINUTES_MAX 1440

struct alert_rules_config {
	int open;		/* business hours, seconds into the day (JST): */
	int close;		/* open is in, close is out */
	int weekends;		/* Saturdays and Sundays are off */
	int holidays[ALERT_HOLIDAYS_MAX];	/* YYYYMMDD, ascending */
	int nholidays;
	int failures;		/* refused logins that raise an alert */
	int failure_minutes;
	int residents;		/* more distinct residents than this raise */
	int resident_minutes;
};

/* An alert as raised: protocol.h's ALERT before it is stored. */
struct alert_raised {
	char time[UTC_TEXT_MAX];		/* the entry's, to the second */
	char rule[ALERT_WORD_MAX];		/* of ALERT_RULES */
	char operator_id[AUDIT_FIELD_MAX];
	char terminal_id[AUDIT_FIELD_MAX];
	char detail[AUDIT_FIELD_MAX];
	int count;
	int minutes;
};

struct alert_rules;

/* The defaults of protocol.h: 08:30-17:15, weekends off, no holidays, 3
 * failures in 10 minutes, more than 50 residents in 10 minutes. */
void alert_rules_defaults(struct alert_rules_config *c);

/* Sorts c's holidays and drops repeats, as the rules' search needs them. */
void alert_rules_holidays_sort(struct alert_rules_config *c);

/* Rules with the configuration c (copied); NULL when out of memory. */
struct alert_rules *alert_rules_new(const struct alert_rules_config *c);
void alert_rules_free(struct alert_rules *r);

/*
 * Counts entry e and writes what it raises into out: how many (0 to
 * ALERT_PER_ENTRY).  An entry whose time cannot be read, and the entries
 * of alerts themselves ("alert.*"), raise nothing and count for nothing.
 */
int alert_rules_feed(struct alert_rules *r, const struct audit_entry *e,
    struct alert_raised out[ALERT_PER_ENTRY]);

/* Entries a rule could not count for want of memory, so far: the caller
 * says so in its own log when this grows. */
int64_t alert_rules_lost(const struct alert_rules *r);

/* Whether the moment t is within business hours under c: 1 or 0. */
int alert_rules_business(const struct alert_rules_config *c, time_t t);

/*
 * "HH:MM-HH:MM" into c->open and c->close: 0, or -1 when it is not two
 * times of day (up to 24:00) with the start before the end.
 */
int alert_rules_hours(const char *text, struct alert_rules_config *c);

/* A date "YYYY-MM-DD" as YYYYMMDD, or -1 when it is not a real date. */
int alert_rules_date(const char *text);

#endif
