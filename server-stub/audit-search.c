/*
 * The audit log searched by reading it through: every intact entry is
 * read, matched and either kept or passed over.  A page is the newest
 * `limit` matches below a seq, kept in a ring as the file goes by, so
 * memory stays at one page whatever the size of the log.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audit-search.h"
#include "juki/jdate.h"

void
audit_filter_init(struct audit_filter *f)
{
	memset(f, 0, sizeof *f);
	f->operator_id = f->target = f->terminal_id = f->action =
	    f->result = "";
}

int
audit_filter_period(struct audit_filter *f, const char *from,
    const char *to, const char **bad)
{
	struct jdate first, last, after;

	f->since[0] = f->until[0] = '\0';
	if (*from != '\0' && (jdate_parse_iso(from, &first, NULL) != 0 ||
	    jst_day_start(&first, f->since) != 0)) {
		*bad = "from";
		return -1;
	}
	/* To the end of the last day: up to the start of the next. */
	if (*to != '\0') {
		if (jdate_parse_iso(to, &last, NULL) != 0) {
			*bad = "to";
			return -1;
		}
		jdate_from_days(jdate_to_days(&last) + 1, &after);
		if (jst_day_start(&after, f->until) != 0) {
			*bad = "to";
			return -1;
		}
	}
	if (*from != '\0' && *to != '\0' && jdate_compare(&first, &last) > 0)
		return -2;
	return 0;
}

/* "lookup." takes "lookup.code" and every other lookup.*. */
static int
action_matches(const char *want, const char *action)
{
	size_t len = strlen(want);

	if (len > 0 && want[len - 1] == '.')
		return strncmp(action, want, len) == 0;
	return strcmp(action, want) == 0;
}

static int
exact(const char *want, const char *have)
{
	return *want == '\0' || strcmp(want, have) == 0;
}

int
audit_filter_match(const struct audit_filter *f,
    const struct audit_entry *e)
{
	/* The log's times all have one shape, so as text they sort as
	 * times do. */
	if (f->since[0] != '\0' && strcmp(e->time, f->since) < 0)
		return 0;
	if (f->until[0] != '\0' && strcmp(e->time, f->until) >= 0)
		return 0;
	return exact(f->operator_id, e->operator_id) &&
	    exact(f->target, e->target) &&
	    exact(f->terminal_id, e->terminal_id) &&
	    exact(f->result, e->result) &&
	    (*f->action == '\0' || action_matches(f->action, e->action));
}

struct scan {
	const struct audit_filter *f;
	int (*each)(const struct audit_entry *, void *);
	void *arg;
	int64_t scanned;
};

static int
scan_one(const struct audit_entry *e, void *arg)
{
	struct scan *s = arg;

	s->scanned++;
	return audit_filter_match(s->f, e) ? s->each(e, s->arg) : 0;
}

int
audit_scan(const char *log, const struct audit_filter *f,
    int (*each)(const struct audit_entry *, void *), void *arg,
    struct audit_counts *c)
{
	struct scan s = { f, each, arg, 0 };
	int rc;

	rc = audit_each(log, scan_one, &s, &c->damaged);
	c->scanned = s.scanned;
	return rc;
}

/* The newest cap matches below before, in a ring. */
struct ring {
	int64_t before;
	struct audit_entry *e;
	size_t cap, n, head;	/* head: where the next one goes */
};

static int
keep(const struct audit_entry *e, void *arg)
{
	struct ring *r = arg;

	if (r->before > 0 && e->seq >= r->before)
		return 0;
	r->e[r->head] = *e;
	r->head = (r->head + 1) % r->cap;
	if (r->n < r->cap)
		r->n++;
	return 0;
}

int
audit_search(const char *log, const struct audit_filter *f,
    int64_t before, size_t limit, struct audit_page *page)
{
	/* One more than a page: whether a page follows. */
	struct ring r = { before, NULL, limit + 1, 0, 0 };
	int saved;

	memset(page, 0, sizeof *page);
	if (limit == 0 || limit > SIZE_MAX / sizeof *r.e - 1) {
		errno = EINVAL;
		return -1;
	}
	if ((r.e = calloc(r.cap, sizeof *r.e)) == NULL ||
	    (page->entries = calloc(limit, sizeof *page->entries)) == NULL)
		goto fail;
	if (audit_scan(log, f, keep, &r, &page->counts) != 0)
		goto fail;
	for (size_t i = 0; i < r.n && i < limit; i++)
		page->entries[page->count++] =
		    r.e[(r.head + r.cap - 1 - i) % r.cap];
	if (r.n > limit)
		page->next = page->entries[limit - 1].seq;
	explicit_bzero(r.e, r.cap * sizeof *r.e);
	free(r.e);
	return 0;
fail:
	saved = errno;
	if (r.e != NULL)
		explicit_bzero(r.e, r.cap * sizeof *r.e);
	free(r.e);
	audit_page_free(page);
	errno = saved;
	return -1;
}

void
audit_page_free(struct audit_page *page)
{
	if (page->entries != NULL) {
		explicit_bzero(page->entries, page->count *
		    sizeof *page->entries);
		free(page->entries);
	}
	memset(page, 0, sizeof *page);
}
