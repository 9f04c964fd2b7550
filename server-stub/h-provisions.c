/*
 * The disclosure of provisions (提供状況の開示, disclosures/provisions):
 * every provision of the requester's data in the last DISCLOSURE_YEARS
 * years, read from the audit log, oldest first.  A provision is an
 * entry of one of PROVISION_KINDS, answered "ok", whose target is the
 * resident's 住民票コード; it says when, for which 事務, from which
 * terminal, by whom and which items.  This request is audited itself
 * (target the code) but is not a provision: nothing of the record is in
 * its answer but what the requester stated.
 *
 * The log is read from its start each time: linear in its size.  An
 * index of provisions by 住民票コード belongs to the audit-review work.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "disclosure-json.h"
#include "juki/json-wipe.h"
#include "juki/utc-time.h"
#include "server.h"

/* The 事務 of a disclosure's own provisions, which name none. */
#define DISCLOSURE_JIMU_NAME "本人確認情報の開示 (住基法第30条の32)"

/* "YYYY-MM-DDTHH:MM:SS": how much of two times is compared. */
#define SECONDS_LEN 19

#define NAME_OF(name, label) name,
static const char *const kinds[] = { PROVISION_KINDS(NAME_OF) };
#undef NAME_OF

struct provisions {
	const struct server_config *cfg;
	const char *code;
	char since[UTC_TEXT_MAX];	/* the oldest time listed */
	json_t *list;
};

static int
provision_kind(const char *action)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i], action) == 0)
			return 1;
	return 0;
}

/* DISCLOSURE_YEARS years before now, UTC; a 29 February goes to the
 * 1 March of a year without one. */
static int
since_text(time_t now, char out[UTC_TEXT_MAX])
{
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL)
		return -1;
	tm.tm_year -= DISCLOSURE_YEARS;
	return utc_text(timegm(&tm), out);
}

/* The 事務's name in the configuration, that of a disclosure, or "" for
 * one no longer configured. */
static const char *
jimu_name(const struct server_config *cfg, const struct audit_entry *e)
{
	const struct jimu *j = server_config_jimu(cfg, e->jimu);

	if (j != NULL)
		return j->name;
	if (e->jimu[0] == '\0' && strncmp(e->action, "disclosure.", 11) == 0)
		return DISCLOSURE_JIMU_NAME;
	return "";
}

/* The organisation is both where the data went out from (at the
 * terminal) and who used it: the prefecture's own use. */
static json_t *
provision_json(const struct server_config *cfg, const struct audit_entry *e)
{
	char when[UTC_TEXT_MAX], source[CONFIG_NAME_MAX + AUDIT_FIELD_MAX];

	snprintf(when, sizeof when, "%.*sZ", SECONDS_LEN, e->time);
	snprintf(source, sizeof source, "%s %s", cfg->organisation,
	    e->terminal_id);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "time", when, "kind", e->action, "jimu", e->jimu, "jimu_name",
	    jimu_name(cfg, e), "terminal_id", e->terminal_id, "operator_id",
	    e->operator_id, "source", source, "recipient", cfg->organisation,
	    "items", names_json(e->items));
}

static int
add_provision(const struct audit_entry *e, void *arg)
{
	struct provisions *p = arg;

	if (strcmp(e->target, p->code) != 0 ||
	    strcmp(e->result, "ok") != 0 || !provision_kind(e->action) ||
	    strncmp(e->time, p->since, SECONDS_LEN) < 0)
		return 0;
	return json_array_append_new(p->list, provision_json(p->cfg, e));
}

/* The provisions of r's resident into *out, or -1. */
static int
provisions_of(struct request *rq, const struct disclosure_request *r,
    json_t **out)
{
	struct provisions p = { &rq->srv->cfg, r->juminhyo_code, "",
	    json_array() };
	int64_t damaged;

	*out = NULL;
	if (p.list == NULL || since_text(time(NULL), p.since) != 0 ||
	    audit_each(rq->srv->cfg.audit_log, add_provision, &p,
	    &damaged) != 0 || damaged != 0) {
		/* A damaged log would make the list look complete when it
		 * is not. */
		json_decref(p.list);
		return -1;
	}
	*out = p.list;
	return 0;
}

void
handle_disclosure_provisions(struct request *rq)
{
	struct disclosure_request r;
	json_t *list, *body;

	if (disclosure_of(rq, &r) != 0)
		return;
	if (provisions_of(rq, &r, &list) != 0)
		reply_error(rq, E_INTERNAL, "audit");
	else if ((body = letter_answer(rq, json_pack("{s:o, s:o}", "request",
	    request_json(&r), "provisions", list))) == NULL)
		reply_error(rq, E_INTERNAL, NULL);
	else
		reply_ok(rq, body);
	explicit_bzero(&r, sizeof r);
}
