/*
 * Finding entries of the audit log: by who, about whom, from where, what,
 * how it ended and when (audit review, protocol.h).
 *
 * For now the log is read from its first line each time, with audit_each:
 * linear in its size (tests/bench/bench_audit.c measures it).  Everything
 * that reads the log by a filter goes through audit_scan and
 * audit_search, so an index can take their place later and their callers
 * stay as they are.
 */
#ifndef JUKI_AUDIT_SEARCH_H
#define JUKI_AUDIT_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "audit.h"
#include "juki/jst.h"

struct audit_filter {
	const char *operator_id;	/* exact; "" any */
	const char *target;		/* exact; "" any */
	const char *terminal_id;	/* exact; "" any */
	const char *action;		/* exact, or a family ending in "."
					   ("lookup."); "" any */
	const char *result;		/* exact; "" any */
	char since[JST_UTC_TEXT_MAX];	/* UTC, inclusive; "" none */
	char until[JST_UTC_TEXT_MAX];	/* UTC, exclusive; "" none */
};

/* A filter that every entry matches. */
void audit_filter_init(struct audit_filter *f);

/*
 * Sets f's bounds to the days from and to, "YYYY-MM-DD" in JST, both
 * inclusive ("" leaves that end open).  0; -1 when one is not a date,
 * *bad then naming it ("from" or "to"); -2 when from is after to.
 */
int audit_filter_period(struct audit_filter *f, const char *from,
    const char *to, const char **bad);

/* 1 if e matches every part of f, else 0. */
int audit_filter_match(const struct audit_filter *f,
    const struct audit_entry *e);

/* What a reading of the log went through. */
struct audit_counts {
	int64_t scanned;	/* intact entries read */
	int64_t damaged;	/* lines that were none (audit_each) */
};

/*
 * Calls each for every entry matching f, oldest first, stopping when it
 * returns non-zero.  Returns 0, what each returned, or -1 on I/O error or
 * out of memory (errno set).  *c says what was read.
 */
int audit_scan(const char *log, const struct audit_filter *f,
    int (*each)(const struct audit_entry *, void *), void *arg,
    struct audit_counts *c);

/* One page of a search, newest first. */
struct audit_page {
	struct audit_entry *entries;
	size_t count;
	int64_t next;		/* "before" for the page after; 0: none */
	struct audit_counts counts;
};

/*
 * The newest limit (at least 1) entries matching f whose seq is below
 * before (0: any), newest first, into *page, which audit_page_free
 * releases.  0, or -1 (errno set).
 */
int audit_search(const char *log, const struct audit_filter *f,
    int64_t before, size_t limit, struct audit_page *page);

/* Wipes (the entries name residents) and frees; NULL entries are fine. */
void audit_page_free(struct audit_page *page);

#endif
