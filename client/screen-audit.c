/*
 * The 監査ログ, for auditors and administrators: the server's audit log
 * searched by operator, 住民票コード, terminal, action, result and days
 * (JST), newest first, a page at a time (PgDn follows the server's
 * cursor, PgUp goes back); Enter shows one entry whole.  F3 has the
 * server verify the chain and says the verdict in words; F4 has it write
 * the period as CSV into its own export folder (the terminal only hears
 * the file's name, count and SHA-256); F5 counts the period.
 *
 * What the screens hold (the page, with residents' 住民票コード) stays
 * while the auditor moves among them and is wiped when they are left for
 * the menu, at a lock and at the end of the session (app_forget).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit-labels.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/jst.h"
#include "juki/protocol.h"
#include "width.h"

/* The filters in the order Tab visits them. */
enum slot {
	S_OPERATOR,
	S_TERMINAL,
	S_TARGET,
	S_RESULT,
	S_ACTION,
	S_FROM,
	S_TO,
	SLOTS
};

#define LIST (-1)	/* the focus on the list */

static const struct field blank[AUDIT_F_COUNT] = {
	[AUDIT_F_OPERATOR] = { .max_chars = 31, .optional = 1 },
	[AUDIT_F_TARGET] = { .max_chars = 11, .check = FIELD_JUMINHYO,
	    .optional = 1 },
	[AUDIT_F_TERMINAL] = { .max_chars = 31, .optional = 1 },
	[AUDIT_F_FROM] = { .max_chars = 20, .check = FIELD_DATE,
	    .optional = 1 },
	[AUDIT_F_TO] = { .max_chars = 20, .check = FIELD_DATE,
	    .optional = 1 },
};

static const char *const field_labels[AUDIT_F_COUNT] = {
	N_("照合ID"), N_("住民票コード"), N_("端末ID"), N_("開始日"),
	N_("終了日"),
};

/* The selected row is reversed only while the keys go to the list. */
static int list_focused;

void
audit_view_reset(struct audit_view *v)
{
	json_wipe(v->page);
	json_wipe(v->query);
	json_wipe(v->report);
	json_wipe(v->stats);
	explicit_bzero(v, sizeof *v);
	v->action = -1;
	v->result = -1;
	for (int i = 0; i < AUDIT_F_COUNT; i++)
		v->filters[i] = blank[i];
}

/* The text field of a slot; NULL for a choice. */
static struct field *
slot_field(struct audit_view *v, int slot)
{
	switch (slot) {
	case S_OPERATOR:
		return &v->filters[AUDIT_F_OPERATOR];
	case S_TERMINAL:
		return &v->filters[AUDIT_F_TERMINAL];
	case S_TARGET:
		return &v->filters[AUDIT_F_TARGET];
	case S_FROM:
		return &v->filters[AUDIT_F_FROM];
	case S_TO:
		return &v->filters[AUDIT_F_TO];
	default:
		return NULL;
	}
}

/* 0 when filter f may be sent, else -1 with what is wrong said and the
 * focus on its slot. */
static int
checked(struct app *a, int f, int slot)
{
	const char *why = field_problem(&a->audit.filters[f]);
	char text[256];

	if (why == NULL)
		return 0;
	snprintf(text, sizeof text, "%s: %s", _(field_labels[f]), _(why));
	app_message(a, 1, text);
	a->audit.focus = slot;
	return -1;
}

int
audit_view_period(struct app *a, char *from, char *to)
{
	struct audit_view *v = &a->audit;

	from[0] = to[0] = '\0';
	if (checked(a, AUDIT_F_FROM, S_FROM) != 0 ||
	    checked(a, AUDIT_F_TO, S_TO) != 0)
		return -1;
	if (v->filters[AUDIT_F_FROM].text[0] != '\0')
		jdate_typed_to_iso(v->filters[AUDIT_F_FROM].text, from,
		    JDATE_ISO_LEN + 1);
	if (v->filters[AUDIT_F_TO].text[0] != '\0')
		jdate_typed_to_iso(v->filters[AUDIT_F_TO].text, to,
		    JDATE_ISO_LEN + 1);
	return 0;
}

static void
put_text(json_t *req, const char *key, const struct field *f)
{
	if (f->text[0] != '\0')
		json_object_set_new(req, key, json_string(f->text));
}

/* The filters as a search, or NULL with what is wrong said. */
static json_t *
query(struct app *a)
{
	struct audit_view *v = &a->audit;
	char from[JDATE_ISO_LEN + 1], to[JDATE_ISO_LEN + 1];
	json_t *req;

	if (checked(a, AUDIT_F_TARGET, S_TARGET) != 0 ||
	    audit_view_period(a, from, to) != 0)
		return NULL;
	req = json_object();
	put_text(req, "operator_id", &v->filters[AUDIT_F_OPERATOR]);
	put_text(req, "target", &v->filters[AUDIT_F_TARGET]);
	put_text(req, "terminal_id", &v->filters[AUDIT_F_TERMINAL]);
	if (v->action >= 0)
		json_object_set_new(req, "action",
		    json_string(audit_actions[v->action].code));
	if (v->result >= 0)
		json_object_set_new(req, "result",
		    json_string(audit_results[v->result].code));
	if (from[0] != '\0')
		json_object_set_new(req, "from", json_string(from));
	if (to[0] != '\0')
		json_object_set_new(req, "to", json_string(to));
	return req;
}

json_t *
audit_rows(const struct app *a)
{
	return json_object_get(a->audit.page, "entries");
}

/* The page of query (kept, not taken) before seq, at depth: 0, or -1
 * (said) with the page shown as it was. */
static int
load_page(struct app *a, const json_t *query, int depth, int64_t before)
{
	struct audit_view *v = &a->audit;
	json_t *req = json_deep_copy(query);

	json_object_set_new(req, "before", json_integer(before));
	json_object_set_new(req, "limit", json_integer(AUDIT_PAGE_MAX));
	if (app_fetch(a, PATH_AUDIT_SEARCH, "audit.search", req,
	    _("監査ログを検索しています…"), "entries", JSON_ARRAY,
	    &v->page) != 0)
		return -1;
	v->cursors[depth] = before;
	v->depth = depth;
	v->pick = (struct pick){ 0, 0 };
	return 0;
}

/* A new search with the filters as they are, from the newest; its
 * request is kept for the pages after. */
static void
search(struct app *a)
{
	struct audit_view *v = &a->audit;
	json_t *q = query(a);

	if (q == NULL)
		return;
	if (load_page(a, q, 0, 0) != 0) {
		json_wipe(q);
		return;
	}
	json_wipe(v->query);
	v->query = q;
	v->focus = LIST;
}

static void
next_page(struct app *a)
{
	struct audit_view *v = &a->audit;
	json_int_t next = json_number(v->page, "next");

	if (v->page == NULL)
		return;
	if (next <= 0) {
		app_message(a, 0, _("最後のページです"));
		return;
	}
	if (v->depth + 1 >= AUDIT_VIEW_PAGES) {
		app_message(a, 1, _("これ以上ページを進めません。条件を追加して"
		    "絞り込んでください"));
		return;
	}
	load_page(a, v->query, v->depth + 1, next);
}

static void
previous_page(struct app *a)
{
	if (a->audit.page == NULL)
		return;
	if (a->audit.depth == 0) {
		app_message(a, 0, _("最初のページです"));
		return;
	}
	load_page(a, a->audit.query, a->audit.depth - 1,
	    a->audit.cursors[a->audit.depth - 1]);
}

static void
audit_enter(struct app *a)
{
	/* Back from an entry or the statistics, the page is as it was. */
	if (a->audit.query == NULL) {
		a->audit.focus = S_OPERATOR;
		search(a);
		a->audit.focus = S_OPERATOR;
	}
}

/* --- drawing ----------------------------------------------------------- */

/* label, then value in its columns, reversed when the focus is there. */
static void
draw_slot(int row, int col, int label_cols, int value_cols,
    const char *label, const char *value, int active)
{
	ui_put(row, col, label_cols, label, UI_DIM);
	ui_put(row, col + label_cols, value_cols, value, active ? UI_REVERSE :
	    UI_PLAIN);
}

static void
draw_field(struct audit_view *v, int slot, int row, int col,
    int label_cols, int value_cols, int *cursor)
{
	const struct field *f = slot_field(v, slot);
	char shown[FIELD_MAX];

	field_display(f, shown, sizeof shown);
	draw_slot(row, col, label_cols, value_cols,
	    _(field_labels[f - v->filters]), shown, v->focus == slot);
	if (v->focus == slot) {
		cursor[0] = row;
		cursor[1] = col + label_cols + width_of(shown);
	}
	explicit_bzero(shown, sizeof shown);
}

static void
draw_choice(const struct audit_view *v, int slot, int row, int col,
    int label_cols, int value_cols, const char *label, const char *value)
{
	char text[256];

	if (v->focus == slot)
		snprintf(text, sizeof text, "◀ %s ▶", value);
	else
		snprintf(text, sizeof text, "%s", value);
	draw_slot(row, col, label_cols, value_cols, label, text,
	    v->focus == slot);
}

static void
draw_filters(struct app *a, int top, int cols, int *cursor)
{
	struct audit_view *v = &a->audit;
	int right = cols / 2;
	char action[192];

	draw_field(v, S_OPERATOR, top, 2, 13, right - 17, cursor);
	draw_field(v, S_TERMINAL, top, right, 10, cols - right - 12, cursor);
	draw_field(v, S_TARGET, top + 1, 2, 13, right - 17, cursor);
	draw_choice(v, S_RESULT, top + 1, right, 10, cols - right - 12,
	    _("結果"), label_at(audit_results, v->result));
	if (v->action < 0)
		snprintf(action, sizeof action, "%s", _("すべて"));
	else
		snprintf(action, sizeof action, "%s (%s)",
		    label_at(audit_actions, v->action),
		    audit_actions[v->action].code);
	draw_choice(v, S_ACTION, top + 2, 2, 13, cols - 17, _("操作"),
	    action);
	draw_field(v, S_FROM, top + 3, 2, 13, right - 17, cursor);
	draw_field(v, S_TO, top + 3, right, 10, cols - right - 12, cursor);
	ui_put(top + 3, right - 3, 2, "〜", UI_DIM);
}

/* What the page is, or what is wrong with the filter in focus. */
static void
draw_status(struct app *a, int row, int cols)
{
	struct audit_view *v = &a->audit;
	const struct field *f = v->focus >= 0 ? slot_field(v, v->focus) :
	    NULL;
	const char *why = f != NULL ? field_problem(f) : NULL;
	json_int_t damaged = json_number(v->page, "damaged");
	char line[256];

	if (why != NULL && f->text[0] != '\0') {
		ui_put(row, 2, cols - 4, _(why), UI_ERROR);
		return;
	}
	if (v->page == NULL)
		return;
	snprintf(line, sizeof line, _("ページ %d: %d 件 (新しい順)  %s  "
	    "読んだエントリ %lld"), v->depth + 1,
	    (int)json_array_size(audit_rows(a)),
	    json_number(v->page, "next") > 0 ?
	    _("続きあり PgDn") : _("最後のページ"),
	    (long long)json_number(v->page, "scanned"));
	ui_put(row, 2, cols - 4, line, UI_BOLD);
	if (damaged > 0) {
		snprintf(line, sizeof line, _("読めない行 %lld: F3 で検証して"
		    "ください"), (long long)damaged);
		ui_put(row, cols - 2 - width_of(line), width_of(line), line,
		    UI_ERROR);
	}
}

/* The columns of a row: time (JST), operator, terminal, action, target,
 * result; the reason takes the rest.  A narrow screen shows the time
 * without its year and less of the action. */
static int
wide(int cols)
{
	return cols >= 100;
}

static void
row_text(const char *const *cells, int cols, char *out, size_t outsz)
{
	const int widths[] = { wide(cols) ? 19 : 14, 8, 8,
	    wide(cols) ? 24 : 16, 11, 6, 0 };

	width_columns(cells, widths, 7, out, outsz);
}

static void
draw_row(int row, int cols, const json_t *e, int selected)
{
	char line[1024], when[32];
	const char *cells[7];

	jst_text(json_text(e, "time"), when, sizeof when);
	cells[0] = wide(cols) ? when : when + 5;
	cells[1] = json_text(e, "operator");
	cells[2] = json_text(e, "terminal");
	cells[3] = label_of(audit_actions, json_text(e, "action"));
	cells[4] = json_text(e, "target");
	cells[5] = label_of(audit_results, json_text(e, "result"));
	cells[6] = json_text(e, "reason");
	row_text(cells, cols, line, sizeof line);
	ui_put(row, 1, cols - 2, line, selected && list_focused ? UI_REVERSE :
	    strcmp(json_text(e, "result"), "ok") != 0 ? UI_ERROR : UI_PLAIN);
	explicit_bzero(line, sizeof line);
}

static void
draw_list(struct app *a, int top, int rows, int cols)
{
	const char *head[] = { N_("日時 (JST)"), N_("操作者"), N_("端末"),
	    N_("操作"), N_("対象"), N_("結果"), N_("理由") };
	const char *cells[7];
	char line[1024];

	for (int i = 0; i < 7; i++)
		cells[i] = _(head[i]);
	row_text(cells, cols, line, sizeof line);
	ui_put(top, 1, cols - 2, line, UI_DIM);
	list_focused = a->audit.focus == LIST;
	pick_draw(&a->audit.pick, audit_rows(a), top + 1, rows - 1, cols,
	    draw_row);
	if (a->audit.page != NULL && json_array_size(audit_rows(a)) == 0)
		ui_put(top + 2, 4, cols - 8, _("該当するエントリはありません"),
		    UI_PLAIN);
}

/* A hash across the width, on a line of its own. */
static void
put_hash(int row, int cols, const char *label, const char *hash)
{
	ui_put(row, 4, cols - 6, label, UI_DIM);
	ui_put(row + 1, 6, cols - 8, *hash ? hash : "―", UI_PLAIN);
}

/* The seals the server checked the chain against: the last one, what
 * came after it and whether that has waited too long. */
static void
draw_seals(const json_t *r, int row, int cols)
{
	char line[256], when[32];

	if (json_number(r, "sealed_seq") < 0)
		return;
	jst_text(json_text(r, "sealed_time"), when, sizeof when);
	snprintf(line, sizeof line, _("シール %lld 件、最後は連番 %lld (%s)、"
	    "その後のエントリ %lld 件"), (long long)json_number(r, "seals"),
	    (long long)json_number(r, "sealed_seq"), when,
	    (long long)json_number(r, "unsealed"));
	ui_put(row, 4, cols - 6, line, UI_PLAIN);
	if (json_is_true(json_object_get(r, "stale")))
		ui_put(row + 1, 4, cols - 6, _("警告: 最後のシールの後に、とうに"
		    "シールされているべきエントリがあります"), UI_ERROR);
}

static void
draw_verdict(const json_t *r, int top, int cols)
{
	const char *damage = json_text(r, "damage");
	int intact = json_is_true(json_object_get(r, "intact"));
	char line[256];
	int n;

	ui_put(top, 2, cols - 4, _("監査ログの検証 (サーバで連鎖をはじめから"
	    "シールと照らして確かめました)"), UI_BOLD);
	ui_put(top + 2, 4, cols - 6, label_of(audit_damages, damage),
	    intact ? UI_BOLD : UI_ERROR);
	n = snprintf(line, sizeof line, _("エントリ数: %lld"),
	    (long long)json_number(r, "entries"));
	if (json_number(r, "first") > 1 && n > 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, _("、連番 %lld から"
		    " (それより前は保存期間を過ぎて削除)"),
		    (long long)json_number(r, "first"));
	ui_put(top + 3, 4, cols - 6, line, UI_PLAIN);
	if (intact) {
		put_hash(top + 4, cols, _("最後のエントリのハッシュ:"),
		    json_text(r, "head"));
		draw_seals(r, top + 6, cols);
		return;
	}
	if (json_number(r, "seal_line") > 0)
		snprintf(line, sizeof line, _("最初の損傷: %lld 行目 (連番 %lld、"
		    "シールファイル %lld 行目)"), (long long)json_number(r, "line"),
		    (long long)json_number(r, "seq"),
		    (long long)json_number(r, "seal_line"));
	else
		snprintf(line, sizeof line, _("最初の損傷: %lld 行目 (連番 %lld)"),
		    (long long)json_number(r, "line"),
		    (long long)json_number(r, "seq"));
	ui_put(top + 4, 4, cols - 6, line, UI_ERROR);
	ui_put(top + 5, 4, cols - 6, _("システム管理者に連絡し、監査ログを"
	    "保全してください"), UI_ERROR);
}

static void
draw_export(const json_t *r, int top, int cols)
{
	char line[256];
	json_int_t damaged = json_number(r, "damaged");

	ui_put(top, 2, cols - 4, _("CSV出力 (サーバの監査出力フォルダ "
	    "audit_exports に保存しました)"), UI_BOLD);
	snprintf(line, sizeof line, "%s %s", _("ファイル:"),
	    json_text(r, "file"));
	ui_put(top + 2, 4, cols - 6, line, UI_PLAIN);
	snprintf(line, sizeof line, _("件数: %lld"),
	    (long long)json_number(r, "entries"));
	ui_put(top + 3, 4, cols - 6, line, UI_PLAIN);
	put_hash(top + 4, cols, "SHA-256:", json_text(r, "sha256"));
	if (damaged > 0) {
		snprintf(line, sizeof line, _("読めない行 %lld は含まれていません"
		    "。F3 で検証してください"), (long long)damaged);
		ui_put(top + 6, 4, cols - 6, line, UI_ERROR);
	}
}

static void
draw_report(struct app *a, int top, int cols)
{
	const json_t *r = a->audit.report;

	if (strcmp(a->audit.report_kind, PATH_AUDIT_VERIFY) == 0)
		draw_verdict(r, top, cols);
	else
		draw_export(r, top, cols);
	ui_put(top + 8, 2, cols - 4, _("何かキーを押すと一覧に戻ります。"),
	    UI_DIM);
}

static void
audit_draw(struct app *a, int top, int rows, int cols)
{
	int cursor[2] = { -1, 0 };

	draw_filters(a, top, cols, cursor);
	draw_status(a, top + 4, cols);
	if (a->audit.report != NULL)
		draw_report(a, top + 6, cols);
	else
		draw_list(a, top + 5, rows - 5, cols);
	ui_cursor(a->audit.report != NULL ? -1 : cursor[0], cursor[1]);
}

/* --- keys -------------------------------------------------------------------- */

/* The server's answer to path, shown over the list. */
static void
report(struct app *a, const char *path, const char *action, json_t *req,
    const char *busy, const char *key)
{
	json_t *held = NULL;

	if (app_fetch(a, path, action, req, busy, key, JSON_STRING,
	    &held) != 0)
		return;
	json_wipe(a->audit.report);
	a->audit.report = held;
	a->audit.report_kind = path;
}

static void
export(struct app *a)
{
	char from[JDATE_ISO_LEN + 1], to[JDATE_ISO_LEN + 1];

	if (audit_view_period(a, from, to) != 0)
		return;
	if (from[0] == '\0' || to[0] == '\0') {
		app_message(a, 1, _("CSV出力には期間 (開始日と終了日) を入力して"
		    "ください"));
		a->audit.focus = from[0] == '\0' ? S_FROM : S_TO;
		return;
	}
	report(a, PATH_AUDIT_EXPORT, "audit.export", json_pack("{s:s, s:s}",
	    "from", from, "to", to), _("CSVを出力しています…"), "file");
}

static void
open_selected(struct app *a)
{
	if (json_array_get(audit_rows(a), (size_t)a->audit.pick.selected) !=
	    NULL)
		app_go(a, &screen_audit_entry);
}

/* The choice at a slot moved by one, "すべて" between the ends. */
static void
choose(struct audit_view *v, int slot, int step)
{
	const struct label *table = slot == S_ACTION ? audit_actions :
	    audit_results;
	int *at = slot == S_ACTION ? &v->action : &v->result;
	int n = label_count(table);

	*at += step;
	if (*at >= n)
		*at = -1;
	else if (*at < -1)
		*at = n - 1;
}

static void
filter_key(struct app *a, const struct ui_key *k)
{
	struct audit_view *v = &a->audit;
	struct field *f = slot_field(v, v->focus);

	if (k->special == UI_DOWN)
		v->focus = v->focus + 1 < SLOTS ? v->focus + 1 : LIST;
	else if (k->special == UI_UP)
		v->focus = v->focus > 0 ? v->focus - 1 : 0;
	else if (f == NULL && (k->special == UI_RIGHT ||
	    strcmp(k->text, " ") == 0))
		choose(v, v->focus, 1);
	else if (f == NULL && k->special == UI_LEFT)
		choose(v, v->focus, -1);
	else if (f != NULL)
		field_key(f, k);
}

static void
audit_key(struct app *a, const struct ui_key *k)
{
	struct audit_view *v = &a->audit;

	if (v->report != NULL) {
		/* Any key: back to the list. */
		json_wipe(v->report);
		v->report = NULL;
		return;
	}
	if (k->fkey == 10 || k->special == UI_ESC) {
		app_go(a, &screen_menu);
		audit_view_reset(v);
	} else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3)
		report(a, PATH_AUDIT_VERIFY, "audit.verify", json_object(),
		    _("監査ログを検証しています…"), "damage");
	else if (k->fkey == 4)
		export(a);
	else if (k->fkey == 5)
		app_go(a, &screen_audit_stats);
	else if (k->special == UI_PGDN)
		next_page(a);
	else if (k->special == UI_PGUP)
		previous_page(a);
	else if (k->special == UI_TAB)
		v->focus = v->focus == LIST ? 0 : v->focus + 1 < SLOTS ?
		    v->focus + 1 : LIST;
	else if (k->special == UI_BACKTAB)
		v->focus = v->focus == LIST ? SLOTS - 1 : v->focus > 0 ?
		    v->focus - 1 : LIST;
	else if (k->special == UI_ENTER && v->focus == LIST)
		open_selected(a);
	else if (k->special == UI_ENTER)
		search(a);
	else if (v->focus == LIST) {
		if (!pick_key(&v->pick, k,
		    (int)json_array_size(audit_rows(a))) &&
		    k->text[0] != '\0') {
			/* Typing goes to the filters. */
			v->focus = S_OPERATOR;
			filter_key(a, k);
		}
	} else
		filter_key(a, k);
}

const struct screen screen_audit = {
	.name = "audit",
	.title = N_("監査ログ"),
	.keys = N_("F1 ヘルプ Enter 検索/詳細 PgDn/PgUp ページ F3 検証 "
	    "F4 CSV出力 F5 統計 F10 戻る"),
	.help = N_("サーバの監査ログを検索します。新しいものが上です。\n"
	    "Tab と ↑↓ で条件を移り、照合ID・端末ID・住民票コード・開始日・"
	    "終了日を入力します。結果と操作は ←→ で選びます。日は日本時間 "
	    "(JST) で、開始日と終了日を含みます。和暦でも入力できます。\n"
	    "Enter で検索します。一覧では ↑↓ で選び、Enter でそのエントリの"
	    "すべての項目を表示します。PgDn で次の100件、PgUp で前のページに"
	    "戻ります。\n"
	    "F3: サーバが監査ログの連鎖をはじめから検証し、結果を表示します。\n"
	    "F4: 開始日から終了日までをCSVファイルとしてサーバの監査出力"
	    "フォルダに保存します。端末には保存されません。\n"
	    "F5: 期間の統計 (更新・提供・事務ごとの照会・拒否・ログイン)。\n"
	    "表示した内容は、メニューに戻るとき、ロックとログアウトのときに"
	    "消去されます。"),
	.enter = audit_enter,
	.draw = audit_draw,
	.key = audit_key,
};
