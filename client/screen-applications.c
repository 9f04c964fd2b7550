/*
 * Applications not yet done: a second administrator approves those that
 * ask for the administrator or auditor role; an approved 照合ID付与申請
 * is issued its 照合ID, and its 照合情報 registered next.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "roles.h"
#include "roster-labels.h"
#include "width.h"

static json_t *
open_list(const struct app *a)
{
	return json_object_get(a->roster.applications, "applications");
}

static void
load(struct app *a)
{
	app_fetch(a, PATH_APPLICATION_LIST, "application.list", json_object(),
	    _("申請を読み込んでいます…"), "applications", JSON_ARRAY,
	    &a->roster.applications);
	/* What is done is in the roster; here only what waits. */
	for (size_t i = json_array_size(open_list(a)); i-- > 0;)
		if (strcmp(json_text(json_array_get(open_list(a), i), "state"),
		    "done") == 0)
			json_array_remove(open_list(a), i);
	if (a->roster.pick.selected >= (int)json_array_size(open_list(a)))
		a->roster.pick = (struct pick){ 0, 0 };
}

static void
applications_enter(struct app *a)
{
	a->roster.pick = (struct pick){ 0, 0 };
	load(a);
}

static void
applications_leave(struct app *a)
{
	json_wipe(a->roster.applications);
	a->roster.applications = NULL;
}

/* Number, what it asks, for whom, roles, state, registered by. */
static void
draw_row(int row, int cols, const json_t *ap, int selected)
{
	char line[512], who[64], roles[128], kind[32];
	int issue = strcmp(json_text(ap, "kind"), "issue") == 0;

	width_fit(issue ? json_text(ap, "name") : json_text(ap, "operator_id"),
	    14, 1, who, sizeof who);
	width_fit(issue ? _("付与") : _("役割変更"), 8, 1, kind, sizeof kind);
	roles_text(roles_from_json(json_object_get(ap, "roles")), roles,
	    sizeof roles);
	snprintf(line, sizeof line, "%-12s %s %s %-8s %s  (%s)",
	    json_text(ap, "application_no"), kind, who,
	    label_of(application_states, json_text(ap, "state")), roles,
	    json_text(ap, "registered_by"));
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
}

static void
applications_draw(struct app *a, int top, int rows, int cols)
{
	int n = (int)json_array_size(open_list(a));

	ui_cursor(-1, 0);
	ui_put(top, 1, cols - 2, n == 0 ? _("承認や発行を待っている申請は"
	    "ありません") : _("申請番号     種別     対象           状態     役割"
	    "  (登録した管理者)"), n == 0 ? UI_PLAIN : UI_DIM);
	pick_draw(&a->roster.pick, open_list(a), top + 1, rows - 3, cols,
	    draw_row);
}

static void
approve(struct app *a, const json_t *ap)
{
	struct net_reply r;
	char text[128];

	if (app_call(a, PATH_APPLICATION_APPROVE, "application.approve",
	    json_pack("{s:s}", "application_no", json_text(ap,
	    "application_no")), _("承認しています…"), &r) == 0) {
		snprintf(text, sizeof text, _("申請 %s を承認しました"),
		    json_text(r.body, "application_no"));
		load(a);
		app_message(a, 0, text);
	}
	net_reply_clear(&r);
}

/* The new 照合ID's screen follows, to register its 照合情報. */
static void
issue(struct app *a, const json_t *ap)
{
	struct net_reply r;
	char text[160];

	if (app_call(a, PATH_OPERATOR_ISSUE, "operator.issue",
	    json_pack("{s:s}", "application_no", json_text(ap,
	    "application_no")), _("照合IDを発行しています…"), &r) == 0) {
		snprintf(a->roster.operator_id, sizeof a->roster.operator_id,
		    "%s", json_text(r.body, "operator_id"));
		snprintf(text, sizeof text, _("照合ID %s を発行しました。F6 で指紋"
		    "を登録してください"), a->roster.operator_id);
		app_go(a, &screen_operator);
		app_message(a, 0, text);
	}
	net_reply_clear(&r);
}

static void
applications_key(struct app *a, const struct ui_key *k)
{
	json_t *ap = json_array_get(open_list(a),
	    (size_t)a->roster.pick.selected);

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3 && ap != NULL)
		approve(a, ap);
	else if (k->fkey == 4 && ap != NULL)
		issue(a, ap);
	else if (k->fkey == 5)
		load(a);
	else
		pick_key(&a->roster.pick, k, (int)json_array_size(open_list(a)));
}

const struct screen screen_applications = {
	.name = "applications",
	.title = N_("申請の承認・照合IDの発行"),
	.keys = N_("F1 ヘルプ ↑↓ 選択 F3 承認 F4 照合ID発行 F5 更新 F10 戻る "
	    "F12 ロック"),
	.help = N_("まだ済んでいない申請の一覧です。\n"
	    "F3: システム管理者または監査担当の役割を求める申請を承認します。"
	    "申請を登録した管理者は承認できません。\n"
	    "F4: 承認済みの付与申請に照合IDを発行します。発行した照合IDは"
	    "二度と使い回されません。続けて指紋を登録します。"),
	.enter = applications_enter,
	.leave = applications_leave,
	.draw = applications_draw,
	.key = applications_key,
};
