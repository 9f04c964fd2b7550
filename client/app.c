#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "juki/utf8.h"

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
app_message(struct app *a, int error, const char *text)
{
	utf8_sanitize(a->message, sizeof a->message, text);
	a->message_error = error;
}

void
app_busy(struct app *a, const char *text)
{
	char line[256];

	snprintf(line, sizeof line, "%s %s", text, _("(Esc で取消)"));
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

void
app_log(struct app *a, const char *action, const struct net_reply *r)
{
	static const char *const results[] = {
		"ok", "refused", "down", "timeout", "tls", "garbage",
		"cancelled"
	};
	const char *result = r == NULL ? "ok" : r->status == NET_REFUSED ?
	    r->error : results[r->status];

	if (tlog_write(a->log, a->operator_id, a->screen->name, action,
	    result, r != NULL ? r->audit_ref : 0) != 0)
		app_message(a, 1, _("端末ログに記録できません。管理者に連絡して"
		    "ください"));
}

void
app_forget(struct app *a)
{
	json_wipe(a->shown.resident);
	json_wipe(a->shown.candidates);
	explicit_bzero(&a->shown, sizeof a->shown);
}

void
app_logout(struct app *a)
{
	struct net_reply r;
	json_t *empty = json_object();

	net_call(a->net, PATH_LOGOUT, empty, &r);
	json_decref(empty);
	app_log(a, "logout", &r);
	net_reply_clear(&r);
	net_set_token(a->net, NULL);
	explicit_bzero(a->operator_id, sizeof a->operator_id);
	explicit_bzero(a->operator_name, sizeof a->operator_name);
	a->roles = 0;
	json_decref(a->jimu);
	a->jimu = NULL;
	app_go(a, &screen_login);
	app_forget(a);
	lookup_form_reset(&a->form);
}
