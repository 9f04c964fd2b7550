/*
 * One entry of the audit log, every field of it: when (JST, and UTC as
 * the log has it), who, from where, what, about whom, for which 事務,
 * how it ended and why, the document it rests on, the items it gave out,
 * and its place in the chain.  ←→ go to the entry beside it in the page.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit-labels.h"
#include "disclosure-labels.h"
#include "juki/i18n.h"
#include "juki/jst.h"
#include "juki/protocol.h"
#include "page.h"

static json_t *
entry(const struct app *a)
{
	return json_array_get(audit_rows(a), (size_t)a->audit.pick.selected);
}

static void
entry_enter(struct app *a)
{
	a->audit.scroll = 0;
	/* Nothing to show (the view was wiped at a lock): the list. */
	if (entry(a) == NULL)
		app_go(a, &screen_audit);
}

/* "code,name" as the items' labels, joined with "、". */
static void
items_text(const char *items, char *out, size_t outsz)
{
	char code[32];
	size_t len = 0, n;

	out[0] = '\0';
	while (*items != '\0' && len < outsz) {
		n = strcspn(items, ",");
		snprintf(code, sizeof code, "%.*s", (int)n, items);
		snprintf(out + len, outsz - len, "%s%s", len > 0 ? "、" : "",
		    label_of(resident_items, code));
		len = strlen(out);
		items += n + (items[n] == ',');
	}
}

/* A value that may be empty: "―" says so. */
static const char *
or_none(const char *s)
{
	return *s != '\0' ? s : "―";
}

/* A hash: on the line after its label, where 64 digits fit. */
static void
emit_hash(struct page *p, const char *label, const char *hash)
{
	page_emit(p, label, "", UI_PLAIN);
	page_emit(p, NULL, or_none(hash), UI_PLAIN);
}

static void
emit_entry(struct page *p, const json_t *e)
{
	const char *result = json_text(e, "result");
	char text[512], when[32];

	snprintf(text, sizeof text, "%lld",
	    (long long)json_number(e, "seq"));
	page_emit(p, _("連番"), text, UI_BOLD);
	jst_text(json_text(e, "time"), when, sizeof when);
	snprintf(text, sizeof text, "%s JST  (%s)", when, json_text(e,
	    "time"));
	page_emit(p, _("日時"), text, UI_PLAIN);
	page_emit(p, _("照合ID"), or_none(json_text(e, "operator")),
	    UI_PLAIN);
	page_emit(p, _("端末ID"), or_none(json_text(e, "terminal")),
	    UI_PLAIN);
	snprintf(text, sizeof text, "%s  (%s)", label_of(audit_actions,
	    json_text(e, "action")), json_text(e, "action"));
	page_emit(p, _("操作"), text, UI_BOLD);
	page_emit(p, _("対象"), or_none(json_text(e, "target")), UI_PLAIN);
	page_emit(p, _("事務"), or_none(json_text(e, "jimu")), UI_PLAIN);
	page_emit(p, _("結果"), label_of(audit_results, result),
	    strcmp(result, "ok") != 0 ? UI_ERROR : UI_BOLD);
	page_emit(p, _("理由"), or_none(json_text(e, "reason")), UI_PLAIN);
	page_emit(p, _("文書番号"), or_none(json_text(e, "document")),
	    UI_PLAIN);
	items_text(json_text(e, "items"), text, sizeof text);
	page_emit(p, _("提供した項目"), or_none(text), UI_PLAIN);
	emit_hash(p, _("前のハッシュ"), json_text(e, "prev"));
	emit_hash(p, _("ハッシュ"), json_text(e, "hash"));
	explicit_bzero(text, sizeof text);
}

static void
entry_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top, rows - 1, cols, 0, a->audit.scroll };
	char line[128];

	ui_cursor(-1, 0);
	if (entry(a) == NULL)
		return;
	emit_entry(&p, entry(a));
	a->audit.scroll = page_scroll_end(&p);
	snprintf(line, sizeof line, _("%d 件中 %d 件目 (←→ で前後のエントリ)"),
	    (int)json_array_size(audit_rows(a)), a->audit.pick.selected + 1);
	ui_put(top + rows - 1, 2, cols - 4, line, UI_DIM);
}

static void
entry_key(struct app *a, const struct ui_key *k)
{
	struct audit_view *v = &a->audit;
	int n = (int)json_array_size(audit_rows(a));

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_audit);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->special == UI_LEFT && v->pick.selected > 0) {
		v->pick.selected--;
		v->scroll = 0;
	} else if (k->special == UI_RIGHT && v->pick.selected + 1 < n) {
		v->pick.selected++;
		v->scroll = 0;
	} else
		page_scroll_key(&v->scroll, k);
}

const struct screen screen_audit_entry = {
	.name = "audit-entry",
	.title = N_("監査ログのエントリ"),
	.keys = N_("F1 ヘルプ ←→ 前後のエントリ ↑↓ 移動 F10 一覧に戻る "
	    "F12 ロック"),
	.help = N_("監査ログの1件のすべての項目です。日時は日本時間 (JST) と、"
	    "ログに記録されたままの協定世界時 (UTC) です。\n"
	    "ハッシュは前のエントリのハッシュと合わせて連鎖をなし、"
	    "書き換えや削除を検出します。CSV出力にも同じ項目が含まれ、"
	    "そこから連鎖を検証し直せます。\n"
	    "←→ で一覧の前後のエントリに移ります。F10 で一覧に戻ります。"),
	.enter = entry_enter,
	.draw = entry_draw,
	.key = entry_key,
};
