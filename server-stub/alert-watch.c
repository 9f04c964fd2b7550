/*
 * The alerts' one hook in the audit path: every entry a request wrote
 * (http.c) comes here once it is on disk, goes through the rules
 * (alert-rules.c), and each alert it raises is kept (alerts.c) and
 * audited, "alert.raise", in one transaction: an alert the log lacks is
 * never kept.
 *
 * The entry of an alert is appended here, not through http.c, so it is
 * never fed back to the rules (which pass over "alert.*" besides).  An
 * alert that cannot be kept fails no request: the request's own entry
 * is written and its answer stands; the server's log says what was lost.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "juki/i18n.h"
#include "server.h"
#include "sqlite-db.h"

/* The entry of alert id: who and where from the entry that raised it,
 * the rule as the reason, the id as the document. */
static int
audit_raise(struct server *srv, const struct alert_raised *r, int64_t id)
{
	struct audit_entry e;
	int rc;

	memset(&e, 0, sizeof e);
	memcpy(e.operator_id, r->operator_id, sizeof e.operator_id);
	memcpy(e.terminal_id, r->terminal_id, sizeof e.terminal_id);
	snprintf(e.action, sizeof e.action, "alert.raise");
	snprintf(e.result, sizeof e.result, "ok");
	snprintf(e.reason, sizeof e.reason, "%s", r->rule);
	snprintf(e.document, sizeof e.document, "%" PRId64, id);
	rc = audit_append(srv->audit, &e);
	explicit_bzero(&e, sizeof e);
	return rc;
}

static void
keep(struct server *srv, const struct alert_raised *r, int64_t seq)
{
	sqlite3 *db = alerts_db(srv->alerts);
	int64_t id;

	if (sqlite_db_begin(db) != 0)
		goto fail;
	if (alerts_add(srv->alerts, r, seq, &id) != 0 ||
	    audit_raise(srv, r, id) != 0) {
		sqlite_db_rollback(db);
		goto fail;
	}
	/* The log already says it was raised: say where it is missing. */
	if (sqlite_db_commit(db) != 0)
		goto fail;
	return;
fail:
	fprintf(stderr, _("juki-server: 警告を記録できません: %s %s %s %s\n"),
	    r->rule, r->time, r->operator_id, r->terminal_id);
}

void
alert_watch(struct server *srv, const struct audit_entry *e)
{
	struct alert_raised raised[ALERT_PER_ENTRY];
	int64_t lost;
	int n;

	if (srv->alert_rules == NULL || srv->alerts == NULL)
		return;
	lost = alert_rules_lost(srv->alert_rules);
	n = alert_rules_feed(srv->alert_rules, e, raised);
	for (int i = 0; i < n; i++)
		keep(srv, &raised[i], e->seq);
	if (alert_rules_lost(srv->alert_rules) != lost)
		fprintf(stderr, _("juki-server: メモリが足りないため、監査ログの"
		    "%" PRId64 " 番を警告の規則で数えられませんでした\n"), e->seq);
}
