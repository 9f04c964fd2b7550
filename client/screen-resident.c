/*
 * One resident: every item the server sent (the 個人番号 only when the
 * operator's role and the 事務 allow it) and the history of changes,
 * drawn straight from the JSON that leaving wipes.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "labels.h"
#include "page.h"
#include "width.h"

static void
emit_number(struct page *p, const char *label, json_t *r, const char *key)
{
	char text[32];

	snprintf(text, sizeof text, "%lld",
	    (long long)json_number(r, key));
	page_emit(p, label, text, UI_PLAIN);
}

/* All 24 items of the 本人確認情報, in the order of the file. */
static void
emit_record(struct page *p, json_t *r)
{
	page_emit(p, _("住民票コード"), json_text(r, "juminhyo_code"), UI_BOLD);
	page_emit(p, _("氏名"), json_text(r, "name_kanji"), UI_BOLD);
	emit_number(p, _("外字数(氏名)"), r, "name_gaiji_count");
	page_emit(p, _("ふりがな"), json_text(r, "name_kana"), UI_PLAIN);
	page_emit_date(p, _("生年月日"), json_text(r, "birth_date"));
	page_emit(p, _("性別"), label_of_sex(r), UI_PLAIN);
	page_emit(p, _("住所"), json_text(r, "address"), UI_PLAIN);
	emit_number(p, _("外字数(住所)"), r, "address_gaiji_count");
	if (json_object_get(r, "kojin_bango") != NULL)
		page_emit(p, _("個人番号"), json_text(r, "kojin_bango"), UI_PLAIN);
	page_emit(p, _("異動事由"), _(json_text(r, "idou_name")), UI_PLAIN);
	page_emit_date(p, _("異動年月日"), json_text(r, "idou_date"));
	page_emit(p, _("保存期間フラグ"), json_number(r, "retention_flag") ?
	    _("保存期間中") : _("現存"), UI_PLAIN);
	page_emit(p, _("清音化かな氏名"), json_text(r, "seion_kana"), UI_PLAIN);
	page_emit(p, _("市町村コード"), json_text(r, "municipality_code"),
	    UI_PLAIN);
	page_emit(p, _("大字・字コード"), json_text(r, "aza_code"), UI_PLAIN);
	page_emit(p, _("操作者ID"), json_text(r, "operator_id"), UI_PLAIN);
	page_emit(p, _("操作端末ID"), json_text(r, "terminal_id"), UI_PLAIN);
	page_emit(p, _("タイムスタンプ"), json_text(r, "timestamp"), UI_PLAIN);
	page_emit_date(p, _("通知を受けた日"), json_text(r, "notified_date"));
	page_emit(p, _("外字フラグ"), json_number(r, "gaiji_flag") ?
	    _("あり") : _("なし"), UI_PLAIN);
	page_emit(p, _("状態"), json_is_true(json_object_get(r, "removed")) ?
	    _("消除") : _("住民"), UI_PLAIN);
	emit_number(p, _("更新順番号"), r, "update_seq");
	emit_number(p, _("氏名外字変更連番"), r, "name_gaiji_seq");
	emit_number(p, _("住所外字変更連番"), r, "address_gaiji_seq");
}

/* One line a former version: date, reason, name, address. */
static void
emit_history(struct page *p, json_t *history)
{
	char line[1024], name[48];
	json_t *v;
	size_t i;

	page_section(p, _("― 異動の履歴 (修正前の本人確認情報) ―"));
	if (json_array_size(history) == 0)
		page_emit(p, NULL, _("  履歴はありません"), UI_DIM);
	json_array_foreach(history, i, v) {
		width_fit(json_text(v, "name_kanji"), 16, 1, name, sizeof name);
		snprintf(line, sizeof line, "  %s  %-6s %s %s",
		    json_text(v, "idou_date"), _(json_text(v, "idou_name")),
		    name, json_text(v, "address"));
		page_emit(p, NULL, line, UI_PLAIN);
	}
	explicit_bzero(line, sizeof line);
	explicit_bzero(name, sizeof name);
}

/*
 * A lookup by 個人番号 or from the candidate list may answer without the
 * history: ask for the whole record then (itself a logged provision).
 */
static void
resident_enter(struct app *a)
{
	json_t *record = json_object_get(a->shown.resident, "resident");
	struct net_reply r;
	json_t *req;

	a->shown.scroll = 0;
	if (json_object_get(a->shown.resident, "history") != NULL ||
	    record == NULL)
		return;
	req = json_pack("{s:s, s:s}", "jimu", a->shown.jimu, "juminhyo_code",
	    json_text(record, "juminhyo_code"));
	app_busy(a, _("照会中…"));
	net_call(a->net, PATH_RESIDENT, req, &r);
	json_wipe(req);
	app_log(a, "resident.view", &r);
	if (r.status == NET_OK) {
		json_wipe(a->shown.resident);
		a->shown.resident = r.body;
		r.body = NULL;
		app_message(a, 0, "");
	} else
		app_explain(a, &r);
	net_reply_clear(&r);
}

static void
resident_leave(struct app *a)
{
	json_wipe(a->shown.resident);
	a->shown.resident = NULL;
}

static void
resident_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top, rows, cols, 0, a->shown.scroll };
	json_t *history = json_object_get(a->shown.resident, "history");

	ui_cursor(-1, 0);
	emit_record(&p, json_object_get(a->shown.resident, "resident"));
	if (history != NULL)
		emit_history(&p, history);
	else
		page_emit(&p, NULL, _("(履歴を取得できませんでした)"), UI_DIM);
	a->shown.scroll = page_scroll_end(&p);
}

static void
resident_key(struct app *a, const struct ui_key *k)
{
	if (k->fkey == 10 || k->special == UI_ESC) {
		resident_leave(a);
		/* Back to the list it came from, which is still shown. */
		if (a->shown.candidates != NULL)
			a->screen = &screen_candidates;
		else
			app_go(a, &screen_lookup);
	} else if (k->fkey == 2)
		app_logout(a);
	else
		page_scroll_key(&a->shown.scroll, k);
}

const struct screen screen_resident = {
	.name = "resident",
	.title = N_("本人確認情報"),
	.keys = N_("F1 ヘルプ  ↑↓ PgUp/PgDn 移動  F2 ログアウト  F10 戻る  "
	    "F12 ロック"),
	.help = N_("照会した住民の本人確認情報と異動の履歴です。\n"
	    "個人番号は、操作者の役割と事務が認める場合だけ表示されます。\n"
	    "F10 または Esc で戻ると、表示した情報はメモリから消去されます。"),
	.enter = resident_enter,
	.leave = resident_leave,
	.draw = resident_draw,
	.key = resident_key,
	.resident = 1,
};
