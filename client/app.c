#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "juki/utf8.h"
#include "roles.h"
#include "training-finger.h"

void
app_go(struct app *a, const struct screen *s)
{
	if (a->screen != NULL && a->screen->leave != NULL)
		a->screen->leave(a);
	a->screen = s;
	a->help = 0;
	if (s->enter != NULL)
		s->enter(a);
}

void
app_go_saying(struct app *a, const struct screen *s)
{
	char text[sizeof a->message];
	int error = a->message_error;

	memcpy(text, a->message, sizeof text);
	app_go(a, s);
	/* Unless the screen entered has something to say itself. */
	if (a->message[0] == '\0') {
		memcpy(a->message, text, sizeof text);
		a->message_error = error;
	}
}

void
app_message(struct app *a, int error, const char *text)
{
	utf8_sanitize(a->message, sizeof a->message, text);
	a->message_error = error;
}

void
app_busy(struct app *a, const char *text)
{
	char line[256];

	snprintf(line, sizeof line, "%s %s %s", text, _("(Esc で取消)"),
	    training_finger_hint(a));
	app_message(a, 0, line);
	if (a->redraw != NULL)
		a->redraw(a);
}

int
app_poll(void *arg)
{
	struct app *a = arg;
	struct ui_key k;

	while (ui_key(&k, 0) == 0) {
		if (k.special == UI_ESC)
			return 1;
		if (training_finger_key(a, &k))
			continue;
		/* Typed ahead: handled once the answer is on screen. */
		if (a->ntyped < (int)(sizeof a->typed / sizeof a->typed[0]))
			a->typed[a->ntyped++] = k;
	}
	return 0;
}

static const char *
transport_message(enum net_status s)
{
	switch (s) {
	case NET_DOWN:
		return _("サーバに接続できません。しばらくしてから"
		    "やり直してください");
	case NET_TIMEOUT:
		return _("サーバが時間内に応答しません");
	case NET_TLS:
		return _("サーバとの安全な接続を確立できません(証明書)");
	case NET_GARBAGE:
		return _("サーバの応答が正しくありません");
	case NET_CANCELLED:
		return _("取り消しました");
	default:
		return "";
	}
}

void
app_heard(struct app *a, const struct net_reply *r)
{
	int e = protocol_error_from_code(r->error);

	if (r->status == NET_REFUSED && (e == E_NO_SESSION ||
	    e == E_SESSION_EXPIRED || e == E_SESSION_TERMINAL) &&
	    a->operator_id[0] != '\0')
		a->session_over = 1;
}

void
app_explain(struct app *a, const struct net_reply *r)
{
	char text[256];
	int e;

	if (r->status != NET_CANCELLED)
		a->conn = (r->status == NET_OK || r->status == NET_REFUSED) ?
		    CONN_OK : CONN_FAILED;
	if (r->status != NET_REFUSED) {
		app_message(a, 1, transport_message(r->status));
		return;
	}
	/* Our own words for the code, in the user's language; an unknown
	 * code is shown as the code itself. */
	e = protocol_error_from_code(r->error);
	app_heard(a, r);
	if (e < 0)
		snprintf(text, sizeof text, _("サーバがエラーを返しました(%s)"),
		    r->error);
	else if (r->detail[0] != '\0')
		snprintf(text, sizeof text, "%s (%s)",
		    _(protocol_error_message(e)), r->detail);
	else
		snprintf(text, sizeof text, "%s", _(protocol_error_message(e)));
	app_message(a, 1, text);
}

int
app_call(struct app *a, const char *path, const char *action,
    json_t *request, const char *busy, struct net_reply *r)
{
	app_busy(a, busy);
	net_call(a->net, path, request, r);
	json_wipe(request);
	app_log(a, action, r);
	if (r->status != NET_OK) {
		app_explain(a, r);
		return -1;
	}
	a->conn = CONN_OK;
	app_message(a, 0, "");
	return 0;
}

int
app_fetch(struct app *a, const char *path, const char *action,
    json_t *request, const char *busy, const char *key, json_type type,
    json_t **held)
{
	struct net_reply r;
	json_t *v;
	int rc = -1;

	if (app_call(a, path, action, request, busy, &r) == 0 &&
	    (v = json_object_get(r.body, key)) != NULL &&
	    json_typeof(v) == type) {
		json_wipe(*held);
		*held = r.body;
		r.body = NULL;
		rc = 0;
	}
	net_reply_clear(&r);
	return rc;
}

void
app_log(struct app *a, const char *action, const struct net_reply *r)
{
	static const char *const results[] = {
		"ok", "refused", "down", "timeout", "tls", "garbage",
		"cancelled"
	};
	const char *result = r == NULL ? "ok" : r->status == NET_REFUSED ?
	    r->error : results[r->status];

	app_log_result(a, action, result, r != NULL ? r->audit_ref : 0);
}

void
app_log_result(struct app *a, const char *action, const char *result,
    int64_t audit_ref)
{
	if (tlog_write(a->log, a->operator_id, a->screen->name, action,
	    result, audit_ref) != 0)
		app_message(a, 1, _("端末ログに記録できません。管理者に連絡して"
		    "ください"));
}

void
app_forget(struct app *a)
{
	json_wipe(a->shown.resident);
	json_wipe(a->shown.candidates);
	explicit_bzero(&a->shown, sizeof a->shown);
	disclosure_view_reset(&a->disc);
	audit_view_reset(&a->audit);
	/* Keys typed ahead may be a 住民票コード or a PIN. */
	explicit_bzero(a->typed, sizeof a->typed);
	a->ntyped = 0;
}

/* Everything the session held, on screen and in memory. */
/* The views a session fills in, emptied at its start and its end. */
static void
reset_views(struct app *a)
{
	lookup_form_reset(&a->form);
	roster_view_reset(&a->roster);
	ledger_view_reset(&a->ledger);
	exercise_view_reset(&a->exercises);
	alert_view_reset(&a->alerts);
}

static void
forget_session(struct app *a)
{
	net_set_token(a->net, NULL);
	explicit_bzero(a->operator_id, sizeof a->operator_id);
	explicit_bzero(a->operator_name, sizeof a->operator_name);
	a->roles = 0;
	a->locked_from = NULL;
	a->session_over = 0;
	json_decref(a->jimu);
	a->jimu = NULL;
	app_go(a, &screen_login);
	app_forget(a);
	reset_views(a);
}

/* Posts an empty request and logs it as action; the answer is left in r. */
static void
call_empty(struct app *a, const char *path, const char *action,
    struct net_reply *r)
{
	json_t *empty = json_object();

	net_call(a->net, path, empty, r);
	json_decref(empty);
	app_log(a, action, r);
}

void
app_logout(struct app *a)
{
	struct net_reply r;

	call_empty(a, PATH_LOGOUT, "logout", &r);
	net_reply_clear(&r);
	forget_session(a);
}

void
app_session_end(struct app *a, const char *why)
{
	app_log(a, "session.end", NULL);
	forget_session(a);
	if (why != NULL)
		app_message(a, 1, why);
}

static void
store_operator(struct app *a, const json_t *op)
{
	utf8_sanitize(a->operator_id, sizeof a->operator_id,
	    json_text(op, "id"));
	utf8_sanitize(a->operator_name, sizeof a->operator_name,
	    json_text(op, "name"));
	a->roles = roles_from_json(json_object_get(op, "roles"));
}

/* The session's end, from the server's "expires_in". */
static int
set_session_end(struct app *a, const json_t *body)
{
	json_int_t left = json_number(body, "expires_in");

	if (left <= 0)
		return -1;
	a->session_ends = monotonic_seconds() + (time_t)left;
	a->last_key = monotonic_seconds();
	return 0;
}

int
app_session_open(struct app *a, const json_t *body)
{
	const json_t *token = json_object_get(body, "token");

	if (!json_is_string(token) || set_session_end(a, body) != 0)
		return -1;
	a->conn = CONN_OK;
	net_set_token(a->net, json_string_value(token));
	store_operator(a, json_object_get(body, "operator"));
	reset_views(a);
	disclosure_view_reset(&a->disc);
	audit_view_reset(&a->audit);
	return 0;
}

void
app_lock(struct app *a)
{
	struct net_reply r;

	if (a->operator_id[0] == '\0' || a->screen == &screen_lock)
		return;
	a->locked_from = a->screen;
	a->help = 0;
	app_go(a, &screen_lock);	/* the screen left wipes its data */
	app_forget(a);
	app_message(a, 0, "");
	call_empty(a, PATH_LOCK, "lock", &r);
	/* Locked here whatever the server said; it is told when it can
	 * hear, and an ended session is ended here too. */
	if (r.status == NET_REFUSED)
		app_explain(a, &r);
	net_reply_clear(&r);
}

void
app_unlocked(struct app *a, const json_t *body)
{
	const struct screen *back = a->locked_from;

	set_session_end(a, body);
	a->locked_from = NULL;
	if (back == NULL || back->resident) {
		app_go(a, &screen_lookup);
		app_message(a, 0, _("ロック中に表示していた住民の情報は消去し"
		    "ました。必要ならもう一度照会してください"));
	} else {
		app_go(a, back);
		app_message(a, 0, "");
	}
}
