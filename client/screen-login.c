/*
 * Login by 照合ID and 暗証番号 (the fingerprint login replaces it later).
 */
#include <string.h>

#include "app.h"
#include "field.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "juki/utf8.h"

static struct field id = { .max_chars = 31 };
static struct field pin = { .max_chars = 16, .secret = 1 };
static int focus;	/* 0: 照合ID, 1: 暗証番号 */

static void
login_enter(struct app *a)
{
	(void)a;
	field_clear(&id);
	field_clear(&pin);
	focus = 0;
}

static void
login_leave(struct app *a)
{
	(void)a;
	field_clear(&pin);
}

static void
draw_field(int row, const char *label, const struct field *f, int active)
{
	char shown[FIELD_MAX];

	field_display(f, shown, sizeof shown);
	ui_put(row, 4, 14, label, UI_PLAIN);
	ui_put(row, 18, 34, shown, active ? UI_REVERSE : UI_PLAIN);
	if (active)
		ui_cursor(row, 18 + (int)strlen(shown));
}

static void
login_draw(struct app *a, int top, int rows, int cols)
{
	(void)a;
	(void)rows;
	ui_put(top + 1, 4, cols - 8, _("照合IDと暗証番号を入力して Enter を"
	    "押してください。"), UI_PLAIN);
	draw_field(top + 3, _("照合ID"), &id, focus == 0);
	draw_field(top + 5, _("暗証番号"), &pin, focus == 1);
}

static void
store_operator(struct app *a, json_t *op)
{
	json_t *role;
	size_t i;

	utf8_sanitize(a->operator_id, sizeof a->operator_id,
	    json_text(op, "id"));
	utf8_sanitize(a->operator_name, sizeof a->operator_name,
	    json_text(op, "name"));
	a->roles = 0;
	json_array_foreach(json_object_get(op, "roles"), i, role)
		if (json_is_string(role))
			a->roles |= role_from_name(json_string_value(role));
}

static void
submit(struct app *a)
{
	struct net_reply r;
	json_t *req;

	if (id.text[0] == '\0' || pin.text[0] == '\0') {
		app_message(a, 1, _("照合IDと暗証番号を入力してください"));
		return;
	}
	app_busy(a, _("照合中…"));
	req = json_pack("{s:s, s:s}", "operator_id", id.text, "pin", pin.text);
	net_call(a->net, PATH_LOGIN, req, &r);
	json_wipe(req);
	field_clear(&pin);
	focus = 1;
	if (r.status != NET_OK ||
	    !json_is_string(json_object_get(r.body, "token"))) {
		app_explain(a, &r);
		app_log(a, "login", &r);
		net_reply_clear(&r);
		return;
	}
	a->conn = CONN_OK;
	net_set_token(a->net, json_string_value(json_object_get(r.body,
	    "token")));
	store_operator(a, json_object_get(r.body, "operator"));
	lookup_form_reset(&a->form);
	app_log(a, "login", &r);
	net_reply_clear(&r);
	app_message(a, 0, "");
	app_go(a, &screen_menu);
}

static void
login_key(struct app *a, const struct ui_key *k)
{
	struct field *f = focus == 0 ? &id : &pin;

	if (k->special == UI_TAB || k->special == UI_BACKTAB ||
	    k->special == UI_UP || k->special == UI_DOWN)
		focus = !focus;
	else if (k->special == UI_ENTER) {
		if (focus == 0 && pin.text[0] == '\0')
			focus = 1;
		else
			submit(a);
	} else if (k->fkey == 10 || k->special == UI_ESC)
		a->quit = 1;
	else
		field_key(f, k);
}

const struct screen screen_login = {
	.name = "login",
	.title = N_("ログイン"),
	.keys = N_("F1 ヘルプ  Tab 項目移動  Enter ログイン  F10 終了"),
	.help = N_("照合ID: 管理者から付与された操作者の照合IDです。\n"
	    "暗証番号: 4桁から16桁の数字です。入力した文字は * で表示されます。\n"
	    "5回続けて誤るとその照合IDはロックされ、管理者による解除が必要です。\n"
	    "F10 または Esc でこの端末を終了します。"),
	.enter = login_enter,
	.leave = login_leave,
	.draw = login_draw,
	.key = login_key,
};
