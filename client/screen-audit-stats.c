/*
 * The audit log counted, a row a day or a month (JST), over the days the
 * search's filters name (this month up to today when none is typed):
 * updates received from 市町村CS, provisions of residents' data,
 * lookups, refusals, logins and failed logins; the lookups of the row
 * chosen by 事務 below the table.  The server counts (audit/stats).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit-labels.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/jst.h"
#include "juki/protocol.h"
#include "juki/utc-time.h"
#include "width.h"

/* The table's columns after the period: key, heading, width. */
static const struct {
	const char *key;
	const char *head;	/* message id */
	int cols;
} columns[] = {
	{ "updates", N_("更新"), 8 },
	{ "provisions", N_("提供"), 8 },
	{ "lookups", N_("照会"), 8 },
	{ "refusals", N_("拒否"), 8 },
	{ "logins", N_("ログイン"), 9 },
	{ "login_refusals", N_("ログイン拒否"), 13 },
};

#define NCOLUMNS ((int)(sizeof columns / sizeof columns[0]))
#define PERIOD_COLS 12
/* Below the list: the total, a blank line, the 事務 heading and rows. */
#define BELOW 6

static json_t *
periods(const struct app *a)
{
	return json_object_get(a->audit.stats, "periods");
}

/* Today in Japan, "YYYY-MM-DD". */
static void
jst_today(char *out, size_t outsz)
{
	char utc[UTC_TEXT_MAX];
	struct jst_time t;

	if (utc_text(time(NULL), utc) != 0 || jst_from_utc(utc, &t) != 0) {
		out[0] = '\0';
		return;
	}
	jdate_format_iso(&t.date, out, outsz);
}

/* The days of the filters; an end not typed is today, a start not typed
 * the first day of the end's month. */
static int
period(struct app *a, char *from, char *to)
{
	if (audit_view_period(a, from, to) != 0)
		return -1;
	if (to[0] == '\0')
		jst_today(to, JDATE_ISO_LEN + 1);
	if (from[0] == '\0')
		snprintf(from, JDATE_ISO_LEN + 1, "%.8s01", to);
	return 0;
}

static void
load(struct app *a)
{
	struct audit_view *v = &a->audit;
	char from[JDATE_ISO_LEN + 1], to[JDATE_ISO_LEN + 1];

	if (period(a, from, to) != 0)
		return;
	if (app_fetch(a, PATH_AUDIT_STATS, "audit.stats", json_pack(
	    "{s:s, s:s, s:s}", "from", from, "to", to, "per",
	    audit_periods[v->per].code), _("監査ログを集計しています…"),
	    "periods", JSON_ARRAY, &v->stats) == 0)
		v->period = (struct pick){ 0, 0 };
}

static void
stats_enter(struct app *a)
{
	load(a);
}

static void
stats_leave(struct app *a)
{
	json_wipe(a->audit.stats);
	a->audit.stats = NULL;
}

/* text right-aligned in cols columns at the end of out. */
static void
append_right(char *out, size_t outsz, const char *text, int cols)
{
	size_t len = strlen(out);
	int pad = cols - width_of(text);

	snprintf(out + len, outsz - len, "%*s%s", pad > 0 ? pad : 0, "",
	    text);
}

static void
row_text(const char *first, const json_t *counts, char *out, size_t outsz)
{
	char n[32];

	width_fit(first, PERIOD_COLS, 1, out, outsz);
	for (int i = 0; i < NCOLUMNS; i++) {
		if (counts != NULL)
			snprintf(n, sizeof n, "%lld", (long long)
			    json_number(counts, columns[i].key));
		append_right(out, outsz, counts != NULL ? n :
		    _(columns[i].head), columns[i].cols);
	}
}

static void
draw_row(int row, int cols, const json_t *p, int selected)
{
	char line[512];

	row_text(json_text(p, "period"), p, line, sizeof line);
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
}

/* The lookups of one row by 事務: code, name, count. */
static void
draw_jimu(const json_t *p, int top, int rows, int cols)
{
	const json_t *list = json_object_get(p, "lookups_by_jimu"), *j;
	char line[512];
	size_t i;

	snprintf(line, sizeof line, _("照会の事務別内訳 (%s)"),
	    *json_text(p, "period") ? json_text(p, "period") : _("合計"));
	ui_put(top, 2, cols - 4, line, UI_DIM);
	if (json_array_size(list) == 0)
		ui_put(top + 1, 4, cols - 6, _("照会はありません"), UI_PLAIN);
	json_array_foreach(list, i, j) {
		if ((int)i + 1 >= rows)
			break;
		snprintf(line, sizeof line, "%-10s %s: %lld", json_text(j,
		    "jimu"), *json_text(j, "name") ? json_text(j, "name") :
		    _("(設定にない事務)"), (long long)json_number(j,
		    "count"));
		ui_put(top + 1 + (int)i, 4, cols - 6, line, UI_PLAIN);
	}
}

static void
stats_draw(struct app *a, int top, int rows, int cols)
{
	struct audit_view *v = &a->audit;
	const json_t *s = v->stats, *chosen;
	int list_rows = rows - 3 - BELOW;
	char line[512];

	ui_cursor(-1, 0);
	if (s == NULL)
		return;
	snprintf(line, sizeof line, _("期間 (JST): %s 〜 %s   単位 (F3): %s   "
	    "読んだエントリ %lld"), json_text(s, "from"), json_text(s, "to"),
	    label_of(audit_periods, json_text(s, "per")),
	    (long long)json_number(s, "scanned"));
	ui_put(top, 2, cols - 4, line, UI_BOLD);
	if (json_number(s, "damaged") > 0)
		ui_put(top + 1, 2, cols - 4, _("読めない行があります。一覧で F3 "
		    "を押して検証してください"), UI_ERROR);
	row_text(_("期間"), NULL, line, sizeof line);
	ui_put(top + 2, 1, cols - 2, line, UI_DIM);
	pick_draw(&v->period, periods(a), top + 3, list_rows, cols, draw_row);
	row_text(_("合計"), json_object_get(s, "total"), line, sizeof line);
	ui_put(top + 3 + list_rows, 1, cols - 2, line, UI_BOLD);
	chosen = json_array_get(periods(a), (size_t)v->period.selected);
	draw_jimu(chosen != NULL ? chosen : json_object_get(s, "total"),
	    top + 5 + list_rows, BELOW - 2, cols);
}

static void
stats_key(struct app *a, const struct ui_key *k)
{
	struct audit_view *v = &a->audit;

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_audit);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		v->per = label_next(audit_periods, v->per, 0);
		load(a);
	} else if (k->fkey == 5)
		load(a);
	else
		pick_key(&v->period, k, (int)json_array_size(periods(a)));
}

const struct screen screen_audit_stats = {
	.name = "audit-stats",
	.title = N_("監査ログの統計"),
	.keys = N_("F1 ヘルプ F3 日ごと/月ごと F5 再集計 ↑↓ 選択 F10 一覧に"
	    "戻る F12 ロック"),
	.help = N_("監査ログの件数を、日ごとまたは月ごと (日本時間) に数えます。"
	    "期間は検索条件の開始日と終了日です。入力がなければ今月の1日から"
	    "今日までです。日ごとは366日まで、月ごとは120か月までです。\n"
	    "更新: 市町村CSから受け付けた更新。提供: 本人確認情報の提供 "
	    "(4情報の検索では候補1件ごと)。照会: 照会の要求 (選んだ行の事務"
	    "別の内訳が下に出ます)。拒否: 拒否されたすべての要求。ログイン、"
	    "ログイン拒否。\n"
	    "F3 で日ごと・月ごとを切り替えます。F10 で一覧に戻ります。"),
	.enter = stats_enter,
	.leave = stats_leave,
	.draw = stats_draw,
	.key = stats_key,
};
