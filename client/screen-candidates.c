/*
 * The candidates of a 4情報 search, a page at a time; Enter shows one.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "labels.h"
#include "width.h"

static json_t *
list(const struct app *a)
{
	return json_object_get(a->shown.candidates, "candidates");
}

static void
candidates_enter(struct app *a)
{
	a->shown.pick = (struct pick){ 0, 0 };
}

static void
candidates_leave(struct app *a)
{
	json_wipe(a->shown.candidates);
	a->shown.candidates = NULL;
}

/* One candidate a row: code, name, kana, birth date, sex, address. */
static void
draw_row(int row, int cols, const json_t *c, int selected)
{
	char line[1024], name[64], kana[64];
	json_t *removed = json_object_get(c, "removed");

	width_fit(json_text(c, "name_kanji"), 16, 1, name, sizeof name);
	width_fit(json_text(c, "name_kana"), 20, 1, kana, sizeof kana);
	snprintf(line, sizeof line, "%s  %s %s %s %s %s%s",
	    json_text(c, "juminhyo_code"), name, kana,
	    json_text(c, "birth_date"), label_of_sex(c),
	    json_is_true(removed) ? _("[消除] ") : "",
	    json_text(c, "address"));
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
	explicit_bzero(line, sizeof line);
	explicit_bzero(name, sizeof name);
	explicit_bzero(kana, sizeof kana);
}

static void
candidates_draw(struct app *a, int top, int rows, int cols)
{
	json_t *l = list(a);
	int n = (int)json_array_size(l), page = rows - 2;
	char head[128];

	ui_cursor(-1, 0);
	/* The rows first: the heading says which of them are shown. */
	pick_draw(&a->shown.pick, l, top + 1, page, cols, draw_row);
	snprintf(head, sizeof head, _("該当 %d 人 (%d–%d 件目を表示)"), n,
	    n == 0 ? 0 : a->shown.pick.scroll + 1,
	    a->shown.pick.scroll + page < n ? a->shown.pick.scroll + page : n);
	ui_put(top, 1, cols - 2, head, UI_BOLD);
}

/* The resident screen fetches the whole record for the chosen code. */
static void
open_selected(struct app *a)
{
	json_t *c = json_array_get(list(a), (size_t)a->shown.pick.selected);

	if (c == NULL)
		return;
	a->shown.resident = json_pack("{s:{s:s}}", "resident",
	    "juminhyo_code", json_text(c, "juminhyo_code"));
	/* The list stays for the way back; the record is wiped on leaving. */
	a->screen = &screen_resident;
	screen_resident.enter(a);
	if (json_object_get(a->shown.resident, "history") == NULL) {
		json_wipe(a->shown.resident);
		a->shown.resident = NULL;
		a->screen = &screen_candidates;
	}
}

static void
candidates_key(struct app *a, const struct ui_key *k)
{
	int n = (int)json_array_size(list(a));

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_lookup);
	else if (k->fkey == 2)
		app_logout(a);
	else if (pick_key(&a->shown.pick, k, n))
		return;
	else if (k->special == UI_ENTER)
		open_selected(a);
}

const struct screen screen_candidates = {
	.name = "candidates",
	.title = N_("検索結果"),
	.keys = N_("F1 ヘルプ  ↑↓ 選択  PgUp/PgDn ページ  Enter 表示  "
	    "F10 戻る  F12 ロック"),
	.help = N_("4情報に該当した住民の一覧です。\n"
	    "↑↓ で選び、Enter でその住民の本人確認情報と履歴を表示します。\n"
	    "F10 または Esc で検索画面に戻ります。一覧は画面を離れると"
	    "メモリから消去されます。"),
	.enter = candidates_enter,
	.leave = candidates_leave,
	.draw = candidates_draw,
	.key = candidates_key,
	.resident = 1,
};
