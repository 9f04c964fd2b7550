/*
 * The server's timed jobs, on its event loop between requests, never in
 * one: a seal of the audit log every seal_interval seconds when its head
 * moved, and the retention purge (retention.h) at start and once a day.
 * A job that fails says so on stderr and runs again at its next time; a
 * seal that keeps failing shows as a stale log in verify-audit.
 */
#include <inttypes.h>
#include <stdio.h>

#include "juki/i18n.h"
#include "retention.h"
#include "server.h"

#define PURGE_SECONDS	(24 * 3600)

int
server_seal(struct server *srv, int force)
{
	if (audit_seals_write(srv->seals, srv->audit, force) == 0)
		return 0;
	fprintf(stderr, _("juki-server: %s: 監査ログをシールできません\n"),
	    srv->cfg.audit_seals);
	return -1;
}

static void
on_seal(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	server_seal(arg, 0);
}

static void
purge(struct server *srv)
{
	struct retention_result r;
	const char *reason = NULL;

	if (retention_purge(srv, "server", 0, &r, &reason) != 0) {
		fprintf(stderr, _("juki-server: 保存期間の整理: %s\n"),
		    _(reason));
		return;
	}
	if (r.log.removed > 0 || r.history > 0 || r.residents > 0)
		fprintf(stderr, _("juki-server: 保存期間の整理: 監査ログ %"
		    PRId64 " 件、履歴 %" PRId64 " 件、消除者 %" PRId64
		    " 件を削除しました\n"), r.log.removed, r.history,
		    r.residents);
}

static void
on_purge(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	purge(arg);
}

int
jobs_start(struct server *srv, char *err, size_t errsz)
{
	struct timeval seal = { srv->cfg.seal_interval, 0 };
	struct timeval day = { PURGE_SECONDS, 0 };

	srv->seal_timer = event_new(srv->base, -1, EV_PERSIST, on_seal, srv);
	srv->purge_timer = event_new(srv->base, -1, EV_PERSIST, on_purge,
	    srv);
	if (srv->seal_timer == NULL || srv->purge_timer == NULL ||
	    event_add(srv->seal_timer, &seal) != 0 ||
	    event_add(srv->purge_timer, &day) != 0) {
		snprintf(err, errsz, _("タイマーを設定できません"));
		return -1;
	}
	purge(srv);
	return 0;
}

void
jobs_stop(struct server *srv)
{
	if (srv->seal_timer != NULL)
		event_free(srv->seal_timer);
	if (srv->purge_timer != NULL)
		event_free(srv->purge_timer);
	srv->seal_timer = srv->purge_timer = NULL;
}
