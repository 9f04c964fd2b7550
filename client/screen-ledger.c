/*
 * The 帳票管理簿: the forms printed under a serial, newest first, with
 * what each is about and what became of it, filtered by state, form or
 * subject.  Administrators and auditors see every line, anyone else the
 * lines they printed (the server decides).  Enter shows one with its
 * events.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "print-labels.h"
#include "width.h"

/* Columns of a line: serial, form, subject, state, operator, issued. */
static const int widths[] = { 12, 26, 12, 10, 8, 16 };
#define NCOLUMNS ((int)(sizeof widths / sizeof widths[0]))

void
ledger_view_reset(struct ledger_view *v)
{
	json_wipe(v->list);
	json_wipe(v->detail);
	explicit_bzero(v, sizeof *v);
	v->state = -1;
	v->form = -1;
	v->subject.max_chars = 31;
}

static json_t *
lines(const struct app *a)
{
	return json_object_get(a->ledger.list, "prints");
}

static void
load(struct app *a)
{
	struct ledger_view *v = &a->ledger;
	json_t *req = json_object();

	if (v->state >= 0)
		json_object_set_new(req, "state",
		    json_string(print_states[v->state].code));
	if (v->form >= 0)
		json_object_set_new(req, "form",
		    json_string(print_forms[v->form].code));
	if (v->subject.text[0] != '\0')
		json_object_set_new(req, "subject",
		    json_string(v->subject.text));
	if (app_fetch(a, PATH_PRINT_LIST, "print.list", req,
	    _("帳票管理簿を読み込んでいます…"), "prints", JSON_ARRAY,
	    &v->list) == 0)
		v->pick = (struct pick){ 0, 0 };
}

static void
ledger_enter(struct app *a)
{
	load(a);
}

static void
ledger_leave(struct app *a)
{
	json_wipe(a->ledger.list);
	a->ledger.list = NULL;
}

static void
draw_row(int row, int cols, const json_t *j, int selected)
{
	char line[512], issued[32];
	const char *cells[NCOLUMNS];

	local_time(json_text(j, "issued_at"), issued, sizeof issued);
	cells[0] = json_text(j, "serial");
	cells[1] = label_of(print_forms, json_text(j, "form"));
	cells[2] = *json_text(j, "subject") ? json_text(j, "subject") : "―";
	cells[3] = label_of(print_states, json_text(j, "state"));
	cells[4] = json_text(j, "operator_id");
	cells[5] = issued;
	width_columns(cells, widths, NCOLUMNS, line, sizeof line);
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
}

static void
draw_filter(const struct app *a, int row, int cols)
{
	const struct ledger_view *v = &a->ledger;
	char line[256];

	snprintf(line, sizeof line, "%s: %s   %s: %s", _("状態 (F3)"),
	    label_at(print_states, v->state), _("帳票 (F4)"),
	    label_at(print_forms, v->form));
	ui_put(row, 2, cols - 4, line, UI_PLAIN);
	field_draw(&v->subject, row + 1, 2, _("対象番号 (F5)"), 1);
}

static void
ledger_draw(struct app *a, int top, int rows, int cols)
{
	const char *head[] = { N_("帳票番号"), N_("帳票"), N_("対象"),
	    N_("状態"), N_("操作者"), N_("発行日時") };
	const char *cells[NCOLUMNS];
	char line[512];

	draw_filter(a, top, cols);
	snprintf(line, sizeof line, _("%d 件"), (int)json_array_size(lines(a)));
	ui_put(top + 3, 1, cols - 2, line, UI_BOLD);
	for (int i = 0; i < NCOLUMNS; i++)
		cells[i] = _(head[i]);
	width_columns(cells, widths, NCOLUMNS, line, sizeof line);
	ui_put(top + 4, 1, cols - 2, line, UI_DIM);
	pick_draw(&a->ledger.pick, lines(a), top + 5, rows - 6, cols, draw_row);
}

static void
open_selected(struct app *a)
{
	json_t *j = json_array_get(lines(a), (size_t)a->ledger.pick.selected);

	if (j == NULL)
		return;
	snprintf(a->ledger.serial, sizeof a->ledger.serial, "%s",
	    json_text(j, "serial"));
	app_go(a, &screen_print);
}

static void
ledger_key(struct app *a, const struct ui_key *k)
{
	struct ledger_view *v = &a->ledger;

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		v->state = label_next(print_states, v->state, -1);
		load(a);
	} else if (k->fkey == 4) {
		v->form = label_next(print_forms, v->form, -1);
		load(a);
	} else if (k->fkey == 5)
		load(a);
	else if (k->special == UI_ENTER)
		open_selected(a);
	else if (!pick_key(&v->pick, k, (int)json_array_size(lines(a))))
		field_key(&v->subject, k);
}

const struct screen screen_ledger = {
	.name = "ledger",
	.title = N_("帳票管理簿"),
	.keys = N_("F1 ヘルプ F3 状態 F4 帳票 F5 検索 ↑↓ 選択 Enter 詳細 "
	    "F10 戻る F12 ロック"),
	.help = N_("帳票番号を付けて印刷した帳票の一覧です。新しいものが上に"
	    "あります。システム管理者と監査担当にはすべての帳票が、ほかの"
	    "操作者には自分が印刷した帳票が表示されます。\n"
	    "F3 で状態、F4 で帳票の種類を切り替えて絞り込みます。対象の番号"
	    "(開示請求の番号など)を入力して F5 で検索します。\n"
	    "↑↓ で選び、Enter でその帳票の経過を表示します。交付・保管・"
	    "廃棄・再印刷の申請と承認はその画面で行います。"),
	.enter = ledger_enter,
	.leave = ledger_leave,
	.draw = ledger_draw,
	.key = ledger_key,
};
