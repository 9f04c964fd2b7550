/*
 * 警告, for administrators: the alerts the server raised from its audit
 * log, newest first, each with its rule, when (JST, as the rules reckon
 * it), who, where and what; the open ones (not yet acknowledged) only,
 * or F3 all of them, the open ones marked.  Enter shows one, where it is
 * acknowledged (screen-alert.c).
 */
#include <stdio.h>
#include <string.h>

#include "alert-labels.h"
#include "app.h"
#include "juki/i18n.h"
#include "juki/jst.h"
#include "juki/protocol.h"
#include "width.h"

/* Columns of a line: open or not, time, rule, operator, terminal, what. */
static const int widths[] = { 6, 16, 16, 8, 8, 19 };
#define NCOLUMNS ((int)(sizeof widths / sizeof widths[0]))

static json_t *
alerts(const struct app *a)
{
	return json_object_get(a->alerts.list, "alerts");
}

static void
load(struct app *a)
{
	struct alert_view *v = &a->alerts;
	json_t *req = json_pack("{s:s}", "filter", v->all ? "all" : "open");

	if (app_fetch(a, PATH_ALERT_LIST, "alert.list", req,
	    _("警告を読み込んでいます…"), "alerts", JSON_ARRAY,
	    &v->list) != 0)
		return;
	v->pick = (struct pick){ 0, 0 };
	/* The open ones, all of them: what the status line says, now. */
	if (!v->all && json_array_size(alerts(a)) < ALERT_LIST_MAX)
		v->open = (int64_t)json_array_size(alerts(a));
}

static void
alerts_enter(struct app *a)
{
	load(a);
}

static void
alerts_leave(struct app *a)
{
	json_wipe(a->alerts.list);
	a->alerts.list = NULL;
}

static void
draw_row(int row, int cols, const json_t *j, int selected)
{
	char line[512], full[32], when[32], what[256];
	const char *cells[NCOLUMNS];

	/* To the minute: the list has no room for the seconds. */
	jst_text(json_text(j, "time"), full, sizeof full);
	snprintf(when, sizeof when, "%.16s", full);
	alert_describe(j, what, sizeof what);
	cells[0] = alert_acknowledged(j) ? _("確認済") : _("要確認");
	cells[1] = when;
	cells[2] = label_of(alert_rule_labels, json_text(j, "rule"));
	cells[3] = json_text(j, "operator_id");
	cells[4] = json_text(j, "terminal_id");
	cells[5] = what;
	width_columns(cells, widths, NCOLUMNS, line, sizeof line);
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE :
	    alert_acknowledged(j) ? UI_PLAIN : UI_BOLD);
}

static void
alerts_draw(struct app *a, int top, int rows, int cols)
{
	const char *head[] = { N_("状態"), N_("日時 (JST)"), N_("規則"),
	    N_("操作者"), N_("端末"), N_("検知内容") };
	const char *cells[NCOLUMNS];
	char line[512];

	ui_cursor(-1, 0);
	snprintf(line, sizeof line, "%s: %s", _("表示 (F3)"), a->alerts.all ?
	    _("すべて") : _("要確認のみ"));
	ui_put(top, 2, cols - 4, line, UI_PLAIN);
	snprintf(line, sizeof line, _("%d 件"),
	    (int)json_array_size(alerts(a)));
	ui_put(top + 2, 1, cols - 2, line, UI_BOLD);
	for (int i = 0; i < NCOLUMNS; i++)
		cells[i] = _(head[i]);
	width_columns(cells, widths, NCOLUMNS, line, sizeof line);
	ui_put(top + 3, 1, cols - 2, line, UI_DIM);
	pick_draw(&a->alerts.pick, alerts(a), top + 4, rows - 5, cols,
	    draw_row);
}

static void
open_selected(struct app *a)
{
	json_t *j = json_array_get(alerts(a), (size_t)a->alerts.pick.selected);

	if (j == NULL)
		return;
	json_wipe(a->alerts.alert);
	a->alerts.alert = json_deep_copy(j);
	app_go(a, &screen_alert);
}

static void
alerts_key(struct app *a, const struct ui_key *k)
{
	struct alert_view *v = &a->alerts;

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		v->all = !v->all;
		load(a);
	} else if (k->fkey == 5)
		load(a);
	else if (k->special == UI_ENTER)
		open_selected(a);
	else
		pick_key(&v->pick, k, (int)json_array_size(alerts(a)));
}

const struct screen screen_alerts = {
	.name = "alerts",
	.title = N_("警告"),
	.keys = N_("F1 ヘルプ F3 表示 F5 更新 ↑↓ 選択 Enter 詳細 F10 戻る "
	    "F12 ロック"),
	.help = N_("サーバが監査ログから検知した警告の一覧です。新しいものが上に"
	    "あります。\n"
	    "時間外 (業務時間外・休日) のログインや照会、ログインの失敗の"
	    "繰り返し、一人の操作者による多数の住民の照会を知らせます。"
	    "日時は日本時間です。\n"
	    "F3 で、要確認の警告だけか、確認済みのものも含めるかを切り替え"
	    "ます。F5 で読み込み直します。\n"
	    "↑↓ で選び、Enter で詳細を表示します。確認はその画面で、内容を"
	    "記録して行います。"),
	.enter = alerts_enter,
	.leave = alerts_leave,
	.draw = alerts_draw,
	.key = alerts_key,
};
