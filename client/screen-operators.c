/*
 * 操作者管理, for administrators: unlocking a 照合ID that too many failed
 * verifications locked.  The server decides; this screen only asks.
 */
#include <stdio.h>

#include "app.h"
#include "field.h"
#include "juki/i18n.h"
#include "juki/protocol.h"

static struct field id = { .max_chars = 31 };

static void
operators_enter(struct app *a)
{
	(void)a;
	field_clear(&id);
}

static void
operators_draw(struct app *a, int top, int rows, int cols)
{
	(void)a;
	(void)rows;
	ui_put(top + 1, 4, cols - 8, _("ロックを解除する照合IDを入力して Enter "
	    "を押してください。"), UI_PLAIN);
	field_draw(&id, top + 3, 4, _("照合ID"), 1);
}

static void
unlock(struct app *a)
{
	struct net_reply r;
	char done[160];
	json_t *req;

	if (id.text[0] == '\0') {
		app_message(a, 1, _("照合IDを入力してください"));
		return;
	}
	app_busy(a, _("ロックを解除しています…"));
	req = json_pack("{s:s}", "operator_id", id.text);
	net_call(a->net, PATH_OPERATOR_UNLOCK, req, &r);
	json_decref(req);
	app_log(a, "operator.unlock", &r);
	if (r.status == NET_OK) {
		snprintf(done, sizeof done, _("照合ID %s のロックを解除しました"),
		    id.text);
		app_message(a, 0, done);
		field_clear(&id);
	} else
		app_explain(a, &r);
	net_reply_clear(&r);
}

static void
operators_key(struct app *a, const struct ui_key *k)
{
	if (k->special == UI_ENTER)
		unlock(a);
	else if (k->special == UI_ESC || k->fkey == 10)
		app_go(a, &screen_menu);
	else
		field_key(&id, k);
}

const struct screen screen_operators = {
	.name = "operators",
	.title = N_("操作者管理"),
	.keys = N_("F1 ヘルプ  Enter ロック解除  F10 戻る  F12 ロック"),
	.help = N_("指紋の不一致や暗証番号の誤りが続いてロックされた照合IDを"
	    "解除します。\n解除は管理者の照合IDとともに記録されます。"),
	.enter = operators_enter,
	.draw = operators_draw,
	.key = operators_key,
};
