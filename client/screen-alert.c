/*
 * One alert: its rule, when (JST), who, where, what the server saw, and
 * whether and by whom it was acknowledged.  F4 acknowledges it with a
 * note saying what was found or done, which the server records with who
 * and when, and audits; it refuses an alert about the administrator's
 * own 照合ID, which another administrator must acknowledge.
 */
#include <stdio.h>
#include <string.h>

#include "alert-labels.h"
#include "app.h"
#include "juki/i18n.h"
#include "juki/jst.h"
#include "juki/protocol.h"
#include "page.h"

static int asking;		/* the note is being typed */
static struct field note = { .max_chars = ALERT_NOTE_CHARS };

static void
alert_enter(struct app *a)
{
	asking = 0;
	field_clear(&note);
	a->alerts.scroll = 0;
}

static void
alert_leave(struct app *a)
{
	asking = 0;
	field_clear(&note);
	json_wipe(a->alerts.alert);
	a->alerts.alert = NULL;
}

static json_int_t
alert_id(const struct app *a)
{
	return json_number(a->alerts.alert, "id");
}

static void
emit_alert(struct page *p, const json_t *j)
{
	char text[256], when[32];

	snprintf(text, sizeof text, "%lld", (long long)json_number(j, "id"));
	page_emit(p, _("警告番号"), text, UI_PLAIN);
	page_emit(p, _("規則"), label_of(alert_rule_labels, json_text(j,
	    "rule")), UI_BOLD);
	jst_text(json_text(j, "time"), when, sizeof when);
	page_emit(p, _("日時 (JST)"), when, UI_PLAIN);
	page_emit(p, _("操作者"), json_text(j, "operator_id"), UI_PLAIN);
	page_emit(p, _("端末"), json_text(j, "terminal_id"), UI_PLAIN);
	alert_describe(j, text, sizeof text);
	page_emit(p, _("検知内容"), text, UI_PLAIN);
	if (!alert_acknowledged(j)) {
		page_emit(p, _("状態"), _("要確認"), UI_ERROR);
		return;
	}
	page_emit(p, _("状態"), _("確認済み"), UI_BOLD);
	jst_text(json_text(j, "acknowledged_at"), when, sizeof when);
	snprintf(text, sizeof text, "%s  %s", json_text(j, "acknowledged_by"),
	    when);
	page_emit(p, _("確認者"), text, UI_PLAIN);
	page_emit(p, _("確認の内容"), json_text(j, "note"), UI_PLAIN);
}

static void
draw_ask(struct app *a, int top, int cols)
{
	char text[256];

	snprintf(text, sizeof text, _("警告 %lld の確認"),
	    (long long)alert_id(a));
	ui_put(top + 1, 2, cols - 4, text, UI_BOLD);
	ui_put(top + 2, 2, cols - 4, _("調べたこと・対応したことを記録します。"
	    "確認は取り消せません。"), UI_PLAIN);
	field_draw(&note, top + 4, 2, _("確認の内容"), 1);
	ui_put(top + 6, 2, cols - 4, _("Enter で実行、Esc で取り消します。"),
	    UI_DIM);
}

static void
alert_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top, rows, cols, 0, a->alerts.scroll };

	if (asking) {
		draw_ask(a, top, cols);
		return;
	}
	ui_cursor(-1, 0);
	if (a->alerts.alert == NULL)
		return;
	emit_alert(&p, a->alerts.alert);
	a->alerts.scroll = page_scroll_end(&p);
}

static void
submit(struct app *a)
{
	struct net_reply r;
	char text[256];
	json_t *answer;

	if (note.text[0] == '\0') {
		app_message(a, 1, _(protocol_error_message(E_NO_NOTE)));
		return;
	}
	asking = 0;
	if (app_call(a, PATH_ALERT_ACK, "alert.ack", json_pack("{s:I, s:s}",
	    "id", alert_id(a), "note", note.text), _("送信しています…"),
	    &r) == 0 && json_is_object(answer = json_object_get(r.body,
	    "alert"))) {
		snprintf(text, sizeof text, _("警告 %lld を確認しました"),
		    (long long)alert_id(a));
		json_wipe(a->alerts.alert);
		a->alerts.alert = json_deep_copy(answer);
		app_message(a, 0, text);
		/* The status line's count, at the next tick. */
		a->alerts.next_poll = 0;
	}
	field_clear(&note);
	net_reply_clear(&r);
}

static void
ask_key(struct app *a, const struct ui_key *k)
{
	if (k->special == UI_ESC || k->fkey == 10) {
		asking = 0;
		field_clear(&note);
		app_message(a, 0, _("取り消しました"));
	} else if (k->special == UI_ENTER)
		submit(a);
	else
		field_key(&note, k);
}

static void
alert_key(struct app *a, const struct ui_key *k)
{
	if (asking) {
		ask_key(a, k);
		return;
	}
	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_alerts);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 4 && a->alerts.alert != NULL) {
		if (alert_acknowledged(a->alerts.alert))
			app_message(a, 1, _(protocol_error_message(
			    E_ACKNOWLEDGED)));
		else {
			asking = 1;
			field_clear(&note);
		}
	} else
		page_scroll_key(&a->alerts.scroll, k);
}

const struct screen screen_alert = {
	.name = "alert",
	.title = N_("警告の詳細"),
	.keys = N_("F1 ヘルプ F4 確認 ↑↓ 移動 F10 戻る F12 ロック"),
	.help = N_("サーバが検知した警告の一つです。日時は日本時間です。\n"
	    "F4: 警告を確認済みにします。調べたこと・対応したことを 20 文字"
	    "までで記録します。誰がいつ確認したかとその内容は、監査ログにも"
	    "記録されます。確認は取り消せません。\n"
	    "自分の照合IDについての警告は確認できません。別の管理者が確認"
	    "します。"),
	.enter = alert_enter,
	.leave = alert_leave,
	.draw = alert_draw,
	.key = alert_key,
};
