/*
 * An administrator's count of open alerts: asked for every
 * ALERT_POLL_SECONDS from the main loop's tick while the session is open
 * and not locked, and shown on the status line of every screen but the
 * lock's (which draws no status line).  The poll is no key: the idle
 * lock's clock does not move, so an administrator who walks away is
 * locked out as anyone is, and the polling stops with the lock.
 *
 * Quiet: nothing on the message line, Esc and every other key typed
 * meanwhile kept for the screen, and the terminal's log written only
 * when the count changes or the call fails, not every poll.  The server
 * audits every poll (protocol.h says why).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "width.h"

void
alert_view_reset(struct alert_view *v)
{
	json_wipe(v->list);
	json_wipe(v->alert);
	explicit_bzero(v, sizeof *v);
}

/* While the poll waits: every key is kept, Esc too (it would cancel a
 * call the operator did not make, and be lost). */
static int
keep_keys(void *arg)
{
	struct app *a = arg;
	struct ui_key k;

	while (ui_key(&k, 0) == 0)
		if (a->ntyped < (int)(sizeof a->typed / sizeof a->typed[0]))
			a->typed[a->ntyped++] = k;
	return 0;
}

static int
polling(const struct app *a)
{
	return (a->roles & ROLE_ADMIN) && a->operator_id[0] != '\0' &&
	    !a->session_over && a->screen != &screen_lock;
}

/* The answer: the count, or -1 when the call failed. */
static int64_t
count_of(struct app *a, const struct net_reply *r)
{
	json_t *open = json_object_get(r->body, "open");

	if (r->status == NET_OK && json_is_integer(open) &&
	    json_integer_value(open) >= 0) {
		a->conn = CONN_OK;
		return json_integer_value(open);
	}
	app_heard(a, r);
	if (r->status != NET_CANCELLED)
		a->conn = r->status == NET_REFUSED ? CONN_OK : CONN_FAILED;
	return -1;
}

void
alert_poll(struct app *a)
{
	struct alert_view *v = &a->alerts;
	time_t now = monotonic_seconds();
	json_t *empty;
	struct net_reply r;
	int64_t n;

	if (!polling(a) || (v->next_poll != 0 && now < v->next_poll))
		return;
	v->next_poll = now + ALERT_POLL_SECONDS;
	if ((empty = json_object()) == NULL)
		return;
	net_set_poll(a->net, keep_keys, a);
	net_call(a->net, PATH_ALERT_COUNT, empty, &r);
	net_set_poll(a->net, app_poll, a);
	json_decref(empty);
	n = count_of(a, &r);
	/* Logged when what the screen shows changes, or the polls start
	 * failing: not each time the same is asked and answered. */
	if ((n >= 0 && (n != v->open || v->failing)) ||
	    (n < 0 && !v->failing))
		app_log(a, "alert.count", &r);
	v->failing = n < 0;
	if (n >= 0)
		v->open = n;
	net_reply_clear(&r);
}

void
alert_status(const struct app *a, int row, int cols)
{
	char count[48], text[64];
	int w;

	if (!polling(a) || a->alerts.open <= 0)
		return;
	snprintf(count, sizeof count, _("警告 %lld 件"),
	    (long long)a->alerts.open);
	snprintf(text, sizeof text, " %s ", count);
	w = width_of(text);
	if (w < cols)
		ui_put(row, cols - w, w, text, UI_ERROR);
}
