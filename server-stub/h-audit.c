/*
 * Audit review (protocol.h): the log searched by who, about whom, from
 * where, what, how it ended and when, a page at a time; and its chain
 * verified.  Auditors and administrators only (routes.c).  The reading
 * itself is audit-search.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit-seal.h"
#include "h-audit.h"
#include "juki/utf8.h"

#define NAME_OF(name, label) name,
static const char *const results[] = { AUDIT_RESULTS(NAME_OF) };
#undef NAME_OF

int
audit_period_of(struct request *rq, struct audit_filter *f)
{
	const char *bad = NULL;

	switch (audit_filter_period(f, body_string(rq, "from"),
	    body_string(rq, "to"), &bad)) {
	case 0:
		return 0;
	case -2:
		reply_error(rq, E_BAD_RANGE, NULL);
		return -1;
	default:
		reply_error(rq, E_BAD_VALUE, bad);
		return -1;
	}
}

/* A text filter: what an entry's field could hold (clean UTF-8 of at
 * most AUDIT_FIELD_MAX - 1 bytes), else refused. */
static int
text_filter(struct request *rq, const char *name, const char **out)
{
	char clean[AUDIT_FIELD_MAX];

	*out = body_string(rq, name);
	if (utf8_sanitize(clean, sizeof clean, *out) == 0)
		return 0;
	reply_error(rq, E_BAD_VALUE, name);
	return -1;
}

static int
result_known(const char *s)
{
	for (size_t i = 0; i < sizeof results / sizeof results[0]; i++)
		if (strcmp(results[i], s) == 0)
			return 1;
	return 0;
}

/* Every filter of the body, each checked: 0, or -1 after refusing. */
static int
filter_of(struct request *rq, struct audit_filter *f)
{
	audit_filter_init(f);
	if (text_filter(rq, "operator_id", &f->operator_id) != 0 ||
	    text_filter(rq, "terminal_id", &f->terminal_id) != 0 ||
	    text_filter(rq, "action", &f->action) != 0 ||
	    text_filter(rq, "result", &f->result) != 0)
		return -1;
	if (*f->result != '\0' && !result_known(f->result)) {
		reply_error(rq, E_BAD_VALUE, "result");
		return -1;
	}
	/* Whom the auditor looked for is on record: the code is the
	 * audit entry's target. */
	if (*body_string(rq, "target") != '\0' &&
	    (f->target = juminhyo_code_in(rq, "target")) == NULL)
		return -1;
	return audit_period_of(rq, f);
}

/* "before" (0 or more) and "limit" (1 to AUDIT_PAGE_MAX, that unless
 * given): 0, or -1 after refusing. */
static int
page_of(struct request *rq, int64_t *before, size_t *limit)
{
	json_t *b = json_object_get(rq->body, "before");
	json_t *l = json_object_get(rq->body, "limit");
	json_int_t n;

	*before = b != NULL ? json_integer_value(b) : 0;
	n = l != NULL ? json_integer_value(l) : AUDIT_PAGE_MAX;
	if (*before < 0) {
		reply_error(rq, E_BAD_VALUE, "before");
		return -1;
	}
	if (n < 1 || n > AUDIT_PAGE_MAX) {
		reply_error(rq, E_BAD_VALUE, "limit");
		return -1;
	}
	*limit = (size_t)n;
	return 0;
}

/* ENTRY (protocol.h): the log's entry under the log's own keys. */
static json_t *
entry_json(const struct audit_entry *e)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:s}", "seq", (json_int_t)e->seq, "time", e->time,
	    "operator", e->operator_id, "terminal", e->terminal_id,
	    "action", e->action, "target", e->target, "jimu", e->jimu,
	    "result", e->result, "reason", e->reason, "document",
	    e->document, "items", e->items, "prev", e->prev, "hash",
	    e->hash);
}

static json_t *
page_json(const struct audit_page *p)
{
	json_t *list = json_array();

	for (size_t i = 0; list != NULL && i < p->count; i++)
		if (json_array_append_new(list, entry_json(&p->entries[i])) !=
		    0) {
			json_decref(list);
			return NULL;
		}
	return json_pack("{s:o, s:I, s:I, s:I}", "entries", list, "next",
	    (json_int_t)p->next, "scanned", (json_int_t)p->counts.scanned,
	    "damaged", (json_int_t)p->counts.damaged);
}

void
handle_audit_search(struct request *rq)
{
	struct audit_filter f;
	struct audit_page page;
	int64_t before;
	size_t limit;
	json_t *body;

	if (filter_of(rq, &f) != 0 || page_of(rq, &before, &limit) != 0)
		return;
	if (audit_search(rq->srv->cfg.audit_log, &f, before, limit,
	    &page) != 0) {
		reply_error(rq, E_INTERNAL, "audit");
		return;
	}
	body = page_json(&page);
	audit_page_free(&page);
	if (body == NULL)
		reply_error(rq, E_INTERNAL, NULL);
	else
		reply_ok(rq, body);
}

/*
 * The wire's name of a damage (AUDIT_DAMAGES).  No default: a kind added
 * to audit.h must be named here before this compiles (-Wswitch).
 */
static const char *
damage_code(enum audit_damage d)
{
	switch (d) {
	case AUDIT_INTACT:
		return "intact";
	case AUDIT_MALFORMED:
		return "malformed";
	case AUDIT_EDITED:
		return "edited";
	case AUDIT_DELETED:
		return "deleted";
	case AUDIT_INSERTED:
		return "inserted";
	case AUDIT_REORDERED:
		return "reordered";
	case AUDIT_SEAL_INVALID:
		return "seal-invalid";
	case AUDIT_SEAL_MISMATCH:
		return "seal-mismatch";
	case AUDIT_TRUNCATED:
		return "truncated";
	case AUDIT_UNSEALED:
		return "unsealed";
	}
	return "unknown";
}

/* The verdict as the protocol gives it, and in few words for the log
 * (note, notesz bytes): everything audit/verify says is here. */
static json_t *
verdict_json(const struct audit_verdict *v, char *note, size_t notesz)
{
	int intact = v->damage == AUDIT_INTACT;

	if (intact)
		snprintf(note, notesz, "intact:%" PRId64 "%s", v->entries,
		    v->stale ? ":stale" : "");
	else
		snprintf(note, notesz, "%s:line=%" PRId64 ":seq=%" PRId64,
		    damage_code(v->damage), v->line, v->seq);
	return json_pack("{s:I, s:b, s:s, s:I, s:I, s:I, s:s, s:I, s:I, s:I,"
	    " s:s, s:I, s:b}", "entries", (json_int_t)v->entries, "intact",
	    intact, "damage", damage_code(v->damage), "line",
	    (json_int_t)v->line, "seq", (json_int_t)v->seq, "seal_line",
	    (json_int_t)v->seal_line, "head", intact ? v->head : "", "first",
	    (json_int_t)v->first, "seals", (json_int_t)v->seals, "sealed_seq",
	    (json_int_t)v->sealed_seq, "sealed_time", v->sealed_time,
	    "unsealed", (json_int_t)v->unsealed, "stale", v->stale != 0);
}

void
handle_audit_verify(struct request *rq)
{
	struct audit_seal_check c = {
		rq->srv->cfg.audit_seals, rq->srv->seal_key, time(NULL)
	};
	struct audit_verdict v;
	char note[AUDIT_FIELD_MAX];
	json_t *body;

	/* With the seals: a cut tail or a rewritten chain shows only there,
	 * and after a purge the chain starts where a seal says. */
	if (audit_verify_sealed(rq->srv->cfg.audit_log, &c, &v) != 0) {
		reply_error(rq, E_INTERNAL, "audit");
		return;
	}
	if ((body = verdict_json(&v, note, sizeof note)) == NULL) {
		reply_error(rq, E_INTERNAL, NULL);
		return;
	}
	rq->audit_note = note;
	reply_ok(rq, body);
	rq->audit_note = NULL;
}
