/*
 * Login: the operator types their 照合ID and places a finger on the
 * reader; an operator an administrator marked as unable to use the
 * reader types their PIN instead.
 */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "field.h"
#include "juki/i18n.h"
#include "juki/protocol.h"

static struct field id = { .max_chars = 31 };
static struct field pin = { .max_chars = 16, .secret = 1 };
static struct auth au;	/* between the server's begin and our report */

static void
login_enter(struct app *a)
{
	(void)a;
	field_clear(&id);
	field_clear(&pin);
	auth_clear(&au);
}

static void
login_leave(struct app *a)
{
	(void)a;
	field_clear(&pin);
	auth_clear(&au);
}

static void
login_draw(struct app *a, int top, int rows, int cols)
{
	(void)a;
	(void)rows;
	if (au.pin) {
		ui_put(top + 1, 4, cols - 8, _("暗証番号を入力して Enter を押して"
		    "ください。"), UI_PLAIN);
		field_draw(&id, top + 3, 4, _("照合ID"), 0);
		field_draw(&pin, top + 5, 4, _("暗証番号"), 1);
		return;
	}
	ui_put(top + 1, 4, cols - 8, _("照合IDを入力して Enter を押し、指を"
	    "読み取り装置に置いてください。"), UI_PLAIN);
	field_draw(&id, top + 3, 4, _("照合ID"), 1);
}

/* Reports to the server; on success the session is ours. */
static void
report(struct app *a, enum auth_outcome outcome)
{
	struct net_reply r;

	auth_report(a, &au, PATH_LOGIN, outcome,
	    outcome == AUTH_PIN ? pin.text : NULL, &r);
	field_clear(&pin);
	if (r.status == NET_OK && app_session_open(a, r.body) != 0) {
		r.status = NET_GARBAGE;
		app_explain(a, &r);
	}
	app_log(a, "login", &r);
	if (r.status == NET_OK) {
		app_message(a, 0, "");
		app_go(a, &screen_menu);
	}
	net_reply_clear(&r);
}

static void
begin(struct app *a)
{
	if (id.text[0] == '\0') {
		app_message(a, 1, _("照合IDを入力してください"));
		return;
	}
	if (auth_begin(a, &au, id.text) != 0)
		return;
	if (!au.pin)
		report(a, auth_scan(a, &au));
}

static void
login_key(struct app *a, const struct ui_key *k)
{
	if (k->fkey == 10) {
		a->quit = 1;
	} else if (au.pin && k->special == UI_ESC) {
		auth_clear(&au);	/* back to the 照合ID */
		field_clear(&pin);
	} else if (k->special == UI_ESC) {
		a->quit = 1;
	} else if (k->special == UI_ENTER) {
		if (!au.pin)
			begin(a);
		else if (pin.text[0] == '\0')
			app_message(a, 1, _("暗証番号を入力してください"));
		else
			report(a, AUTH_PIN);
	} else
		field_key(au.pin ? &pin : &id, k);
}

const struct screen screen_login = {
	.name = "login",
	.title = N_("ログイン"),
	.keys = N_("F1 ヘルプ  Enter 照合  Esc 戻る  F10 終了"),
	.help = N_("照合ID: 管理者から付与された操作者の照合IDです。\n"
	    "Enter を押したら、登録した指を読み取り装置に置いてください。\n"
	    "読み取り中は Esc で取り消せます。\n"
	    "指紋が5回続けて一致しないとその照合IDはロックされ、管理者による"
	    "解除が必要です。\n"
	    "指紋を使えないと管理者が認めた操作者だけが、暗証番号(4桁から16桁"
	    "の数字)で照合します。\n"
	    "F10 でこの端末を終了します。"),
	.enter = login_enter,
	.leave = login_leave,
	.draw = login_draw,
	.key = login_key,
};
