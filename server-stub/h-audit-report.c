/*
 * Audit review, the reports (protocol.h): a period of the log exported as
 * CSV into the server's export folder, and counted per day or month.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "audit-export.h"
#include "audit-stats.h"
#include "h-audit.h"
#include "juki/i18n.h"

/* "sha256:" and as much of the digest as an audit field holds. */
#define DIGEST_NOTE_HEX (AUDIT_FIELD_MAX - 1 - 7)

void
handle_audit_export(struct request *rq)
{
	struct audit_filter f;
	struct audit_export x;
	const char *why;
	char note[AUDIT_FIELD_MAX];
	json_t *body;

	audit_filter_init(&f);
	if (audit_period_of(rq, &f) != 0)
		return;
	if (audit_export_write(rq->srv->cfg.audit_log,
	    rq->srv->cfg.audit_exports, &f, body_string(rq, "from"),
	    body_string(rq, "to"), &x, &why) != 0) {
		fprintf(stderr, _("juki-server: %s: 監査ログを出力できません"
		    " (%s: %s)\n"), rq->srv->cfg.audit_exports, why,
		    strerror(errno));
		rq->audit_note = why;
		reply_error(rq, E_INTERNAL, "audit_exports");
		return;
	}
	/* The log vouches for the file: its name and its digest. */
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", x.file);
	snprintf(note, sizeof note, "sha256:%.*s", DIGEST_NOTE_HEX, x.sha256);
	rq->audit_note = note;
	body = json_pack("{s:s, s:I, s:s, s:I, s:I}", "file", x.file,
	    "entries", (json_int_t)x.entries, "sha256", x.sha256, "scanned",
	    (json_int_t)x.counts.scanned, "damaged",
	    (json_int_t)x.counts.damaged);
	if (body == NULL) {
		audit_export_remove(rq->srv->cfg.audit_exports, x.file);
		rq->audit_note = "answer";
		reply_error(rq, E_INTERNAL, NULL);
	} else if (reply_ok(rq, body) != 0) {
		/* Not on record: the file must not stay either. */
		audit_export_remove(rq->srv->cfg.audit_exports, x.file);
	}
	rq->audit_note = NULL;
}

#define NAME_OF(name, label) name,
static const char *const pers[] = { AUDIT_PERIODS(NAME_OF) };
#undef NAME_OF

/* The body's "per": 0, or -1 after refusing it. */
static int
per_of(struct request *rq, enum audit_per *per)
{
	const char *s = body_string(rq, "per");

	if (*s == '\0' || strcmp(s, pers[AUDIT_PER_DAY]) == 0)
		*per = AUDIT_PER_DAY;
	else if (strcmp(s, pers[AUDIT_PER_MONTH]) == 0)
		*per = AUDIT_PER_MONTH;
	else {
		reply_error(rq, E_BAD_VALUE, "per");
		return -1;
	}
	return 0;
}

static json_t *
by_jimu_json(const struct server_config *cfg, const struct audit_stats *st,
    const struct audit_tally *t)
{
	json_t *list = json_array();

	for (size_t i = 0; list != NULL && i < st->njimu; i++) {
		const struct jimu *j = server_config_jimu(cfg, st->jimu[i]);

		if (t->by_jimu[i] == 0)
			continue;
		if (json_array_append_new(list, json_pack("{s:s, s:s, s:I}",
		    "jimu", st->jimu[i], "name", j != NULL ? j->name : "",
		    "count", (json_int_t)t->by_jimu[i])) != 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* PERIOD (protocol.h); period NULL for the total. */
static json_t *
tally_json(const struct server_config *cfg, const struct audit_stats *st,
    const struct audit_tally *t, const char *period)
{
	json_t *row = json_pack("{s:I, s:I, s:I, s:o, s:I, s:I, s:I}",
	    "updates", (json_int_t)t->updates, "provisions",
	    (json_int_t)t->provisions, "lookups", (json_int_t)t->lookups,
	    "lookups_by_jimu", by_jimu_json(cfg, st, t), "refusals",
	    (json_int_t)t->refusals, "logins", (json_int_t)t->logins,
	    "login_refusals", (json_int_t)t->login_refusals);

	if (row != NULL && period != NULL &&
	    json_object_set_new(row, "period", json_string(period)) != 0) {
		json_decref(row);
		return NULL;
	}
	return row;
}

static json_t *
stats_json(const struct server_config *cfg, const struct audit_stats *st,
    const char *from, const char *to)
{
	json_t *list = json_array();
	char period[16];

	for (size_t i = 0; list != NULL && i < st->nperiods; i++) {
		audit_stats_period(st, i, period, sizeof period);
		if (json_array_append_new(list, tally_json(cfg, st,
		    &st->periods[i], period)) != 0) {
			json_decref(list);
			return NULL;
		}
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:I, s:I}", "per",
	    pers[st->per], "from", from, "to", to, "periods", list, "total",
	    tally_json(cfg, st, &st->total, NULL), "scanned",
	    (json_int_t)st->counts.scanned, "damaged",
	    (json_int_t)st->counts.damaged);
}

void
handle_audit_stats(struct request *rq)
{
	const struct server_config *cfg = &rq->srv->cfg;
	const char *known[JIMU_MAX], *from, *to;
	struct audit_filter f;
	struct audit_stats st;
	struct jdate first, last;
	enum audit_per per;
	json_t *body;
	int rc;

	audit_filter_init(&f);
	if (audit_period_of(rq, &f) != 0 || per_of(rq, &per) != 0)
		return;
	from = body_string(rq, "from");
	to = body_string(rq, "to");
	/* Both required by the route, and read by audit_period_of. */
	jdate_parse_iso(from, &first, NULL);
	jdate_parse_iso(to, &last, NULL);
	for (int i = 0; i < cfg->jimu_count; i++)
		known[i] = cfg->jimu[i].code;
	rc = audit_stats_count(cfg->audit_log, &first, &last, per, known,
	    (size_t)cfg->jimu_count, &st);
	if (rc == -2)
		reply_error(rq, E_RANGE_TOO_LONG, NULL);
	else if (rc != 0)
		reply_error(rq, E_INTERNAL, "audit");
	else if ((body = stats_json(cfg, &st, from, to)) == NULL)
		reply_error(rq, E_INTERNAL, NULL);
	else
		reply_ok(rq, body);
	audit_stats_free(&st);
}
