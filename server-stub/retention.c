/*
 * A retention run (retention.h): the cutoffs, the checks, the purges of
 * the log and of the resident file, and their one audit entry.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "juki/i18n.h"
#include "retention.h"
#include "server.h"

#define R_CLOCK		N_("時刻を読めません")
#define R_DAMAGED	N_("監査ログが検証を通らないため、保存期間の整理を"\
			   "しません")
#define R_VERIFY	N_("監査ログを検証できません")
#define R_HEAD		N_("監査ログが整理の途中で変わりました")
#define R_STORE		N_("住民データの保存期間の整理ができません")
#define R_AUDIT		N_("監査ログに書き込めません")
#define R_SEAL		N_("監査ログをシールできません")
#define R_RENAME	N_("監査ログを新しいファイルに置き換えられません")
#define R_COMMIT	N_("住民データの削除を確定できません")

/* The time years before t: 29 February becomes the 28th. */
static time_t
years_before(time_t t, int years)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return (time_t)-1;
	tm.tm_year -= years;
	if (tm.tm_mon == 1 && tm.tm_mday == 29)
		tm.tm_mday = 28;
	return timegm(&tm);
}

/* t as entries write times (to the second), or only its date. */
static int
format_time(time_t t, int date_only, char *out, size_t outsz)
{
	struct tm tm;
	size_t n;

	if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return -1;
	n = date_only ? strftime(out, outsz, "%Y-%m-%d", &tm) :
	    strftime(out, outsz, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
	return n == 0 ? -1 : 0;
}

/* An audit entry of this run: 0 or -1. */
static int
log_run(struct audit *a, const char *who, const char *result,
    const char *target, const char *document, const char *reason)
{
	struct audit_entry e;

	memset(&e, 0, sizeof e);
	snprintf(e.terminal_id, sizeof e.terminal_id, "%s", who);
	snprintf(e.action, sizeof e.action, "retention.purge");
	snprintf(e.result, sizeof e.result, "%s", result);
	snprintf(e.target, sizeof e.target, "%s", target);
	snprintf(e.document, sizeof e.document, "%s", document);
	snprintf(e.reason, sizeof e.reason, "%s", reason);
	return audit_append(a, &e);
}

/* A refusal or failure, logged as such; *reason gets why. */
static int
failed(struct server *srv, const char *who, const char *what,
    const char *why, const char **reason)
{
	char note[AUDIT_FIELD_MAX];

	snprintf(note, sizeof note, "E_INTERNAL:%s", what);
	/* If this fails too, the caller still says why on stderr. */
	log_run(srv->audit, who, "error", "", "", note);
	*reason = why;
	return -1;
}

/* Whether the log's oldest entry is before limit. */
static int
log_due(const struct audit *a, const char *limit)
{
	char prev[65], when[32];
	int64_t seq;

	return audit_first(a, &seq, prev, when) == 0 &&
	    strcmp(when, limit) < 0;
}

/* The log verifies with its seals: 0, or -1 with *reason. */
static int
log_verified(struct server *srv, time_t now, const char **reason)
{
	struct audit_seal_check c = {
		srv->cfg.audit_seals, srv->seal_key, now
	};
	struct audit_verdict v;

	if (audit_verify_sealed(srv->cfg.audit_log, &c, &v) != 0) {
		*reason = R_VERIFY;
		return -1;
	}
	if (v.damage != AUDIT_INTACT) {
		*reason = R_DAMAGED;
		return -1;
	}
	return 0;
}

/* The cutoffs of a run at now, and the log's own limit: 0 or -1. */
static int
cutoffs(const struct server *srv, time_t now, int eager,
    struct retention_result *r, char *limit, size_t limitsz)
{
	time_t log = years_before(now, srv->cfg.retention_years);

	return format_time(log, 0, r->log_cutoff, sizeof r->log_cutoff) != 0 ||
	    format_time(eager ? log : log - RETENTION_SLACK_DAYS * 86400, 0,
	    limit, limitsz) != 0 ||
	    format_time(years_before(now, RESIDENT_RETENTION_YEARS), 1,
	    r->resident_cutoff, sizeof r->resident_cutoff) != 0 ? -1 : 0;
}

/* The entry that says what this run removed, into the log it goes to. */
static int
log_removal(struct audit *a, const char *who,
    const struct retention_result *r)
{
	const struct audit_purge *p = &r->log;
	char target[AUDIT_FIELD_MAX] = "", document[AUDIT_FIELD_MAX] = "";
	char counts[AUDIT_FIELD_MAX];
	int n;

	if (p->removed > 0) {
		snprintf(target, sizeof target, "seq:%" PRId64 "-%" PRId64,
		    p->from_seq, p->to_seq);
		snprintf(document, sizeof document, "%s/%s", p->from_time,
		    p->to_time);
	}
	n = snprintf(counts, sizeof counts, "log:%" PRId64 " history:%"
	    PRId64 " residents:%" PRId64, p->removed, r->history,
	    r->residents);
	if (n < 0 || (size_t)n >= sizeof counts)
		return -1;
	return log_run(a, who, "ok", target, document, counts);
}

/*
 * The purged log, its anchor sealed and its entry written, in place:
 * *na is then the server's log (and NULL), even when the rename could not
 * be synced (-1 all the same: it may not survive a crash).
 */
static int
replace_log(struct server *srv, struct audit **na, const char *tmp,
    const char *who, const struct retention_result *r, const char **why)
{
	const struct audit_purge *p = &r->log;
	int rc;

	*why = R_SEAL;
	if (audit_seals_anchor(srv->seals, srv->audit, p->first,
	    p->anchor) != 0)
		return -1;
	*why = R_AUDIT;
	if (log_removal(*na, who, r) != 0)
		return -1;
	*why = R_RENAME;
	if ((rc = audit_purge_commit(tmp, srv->cfg.audit_log)) == -1)
		return -1;
	audit_replace(srv->audit, *na);
	*na = NULL;
	return rc == 0 ? 0 : -1;
}

int
retention_purge(struct server *srv, const char *who, int eager,
    struct retention_result *r, const char **reason)
{
	char tmp[CONFIG_PATH_MAX + 8], limit[32], hash[65];
	struct store_purged sp;
	struct audit *na = NULL;
	const char *why = NULL;
	time_t now = time(NULL);
	int64_t head;
	int rc;

	memset(r, 0, sizeof *r);
	if (cutoffs(srv, now, eager, r, limit, sizeof limit) != 0 ||
	    snprintf(tmp, sizeof tmp, "%s.purge", srv->cfg.audit_log) >=
	    (int)sizeof tmp) {
		*reason = R_CLOCK;
		return -1;
	}
	if (log_due(srv->audit, limit)) {
		if (log_verified(srv, now, &why) != 0)
			return failed(srv, who, "audit-damaged", why, reason);
		if (audit_purge_copy(srv->cfg.audit_log, tmp, r->log_cutoff,
		    &r->log, &na, &why) != 0)
			return failed(srv, who, "audit-copy", why, reason);
		audit_head(srv->audit, &head, hash);
		if (na != NULL && (head != r->log.head ||
		    strcmp(hash, r->log.head_hash) != 0)) {
			audit_close(na);
			unlink(tmp);
			return failed(srv, who, "audit-head", R_HEAD, reason);
		}
	}
	if (store_begin(srv->store) != STORE_OK ||
	    store_purge(srv->store, r->resident_cutoff, &sp) != STORE_OK) {
		store_rollback(srv->store);
		why = R_STORE;
		goto undo;
	}
	r->history = sp.history;
	r->residents = sp.residents;
	if (r->log.removed == 0 && sp.history == 0 && sp.residents == 0) {
		store_rollback(srv->store);
		return 0;
	}
	if (na != NULL)
		rc = replace_log(srv, &na, tmp, who, r, &why);
	else if ((rc = log_removal(srv->audit, who, r)) != 0)
		why = R_AUDIT;
	if (rc != 0) {
		store_rollback(srv->store);
		goto undo;
	}
	if (store_commit(srv->store) != STORE_OK) {
		store_rollback(srv->store);
		return failed(srv, who, "store-commit", R_COMMIT, reason);
	}
	if (audit_seals_write(srv->seals, srv->audit, 0) != 0) {
		*reason = R_SEAL;
		return -1;
	}
	return 0;
undo:
	if (na != NULL) {
		audit_close(na);
		unlink(tmp);
	}
	return failed(srv, who, why == R_STORE ? "store" : "audit", why,
	    reason);
}
