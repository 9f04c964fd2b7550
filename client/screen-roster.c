/*
 * The 操作者名簿: every operator with their state, roles and validity,
 * filtered by state, role or text.  Enter shows one with their history.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "roles.h"
#include "roster-labels.h"
#include "width.h"

void
roster_view_reset(struct roster_view *v)
{
	json_wipe(v->list);
	json_wipe(v->detail);
	json_wipe(v->applications);
	explicit_bzero(v, sizeof *v);
	v->state = -1;
	v->text.max_chars = 20;
}

static json_t *
operators(const struct app *a)
{
	return json_object_get(a->roster.list, "operators");
}

static void
load(struct app *a)
{
	struct roster_view *v = &a->roster;
	json_t *req = json_object();
	struct net_reply r;

	if (v->state >= 0)
		json_object_set_new(req, "state",
		    json_string(roster_states[v->state]));
	if (v->role != 0)
		json_object_set_new(req, "role", json_string(role_name(v->role)));
	if (v->text.text[0] != '\0')
		json_object_set_new(req, "text", json_string(v->text.text));
	if (app_call(a, PATH_OPERATOR_LIST, "operator.list", req,
	    _("操作者名簿を読み込んでいます…"), &r) == 0 &&
	    json_is_array(json_object_get(r.body, "operators"))) {
		json_wipe(v->list);
		v->list = r.body;
		r.body = NULL;
		v->pick = (struct pick){ 0, 0 };
	}
	net_reply_clear(&r);
}

static void
roster_enter(struct app *a)
{
	load(a);
}

static void
roster_leave(struct app *a)
{
	json_wipe(a->roster.list);
	a->roster.list = NULL;
}

/* ID, name, state, roles, valid until, affiliation. */
static void
draw_row(int row, int cols, const json_t *op, int selected)
{
	char line[512], name[48], state[32], roles[128], until[16];

	width_fit(json_text(op, "name"), 14, 1, name, sizeof name);
	width_fit(roster_state_label(json_text(op, "state")), 14, 1, state,
	    sizeof state);
	roles_text(roles_from_json(json_object_get(op, "roles")), roles,
	    sizeof roles);
	snprintf(until, sizeof until, "%s", *json_text(op, "valid_until") ?
	    json_text(op, "valid_until") : "―");
	snprintf(line, sizeof line, "%-10s %s %s %-10s %s  %s",
	    json_text(op, "operator_id"), name, state, until, roles,
	    json_text(op, "affiliation"));
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
}

static void
draw_filter(const struct app *a, int row, int cols)
{
	const struct roster_view *v = &a->roster;
	char line[256], roles[64] = "";

	roles_text(v->role, roles, sizeof roles);
	snprintf(line, sizeof line, "%s: %s   %s: %s", _("状態 (F3)"),
	    v->state < 0 ? _("すべて") : roster_state_label(
	    roster_states[v->state]), _("役割 (F4)"), v->role == 0 ?
	    _("すべて") : roles);
	ui_put(row, 2, cols - 4, line, UI_PLAIN);
	field_draw(&v->text, row + 1, 2, _("検索 (F5)"), 1);
}

static void
roster_draw(struct app *a, int top, int rows, int cols)
{
	json_t *l = operators(a);
	int n = (int)json_array_size(l), page = rows - 5;
	char head[128];

	draw_filter(a, top, cols);
	pick_follow(&a->roster.pick, page);
	snprintf(head, sizeof head, _("%d 人"), n);
	ui_put(top + 3, 1, cols - 2, head, UI_BOLD);
	ui_put(top + 4, 1, cols - 2, _("照合ID     氏名           状態"
	    "           有効期限   役割  所属"), UI_DIM);
	for (int i = 0; i < page - 1 && a->roster.pick.scroll + i < n; i++)
		draw_row(top + 5 + i, cols, json_array_get(l,
		    (size_t)(a->roster.pick.scroll + i)),
		    a->roster.pick.scroll + i == a->roster.pick.selected);
}

/* The next role of the filter: none, each role, none again. */
static unsigned
next_role(unsigned role)
{
	if (role == 0)
		return ROLE_CLERK;
	return role << 1 > ROLE_TRAINER ? 0 : role << 1;
}

static void
open_selected(struct app *a)
{
	json_t *op = json_array_get(operators(a),
	    (size_t)a->roster.pick.selected);

	if (op == NULL)
		return;
	snprintf(a->roster.operator_id, sizeof a->roster.operator_id, "%s",
	    json_text(op, "operator_id"));
	app_go(a, &screen_operator);
}

static void
roster_key(struct app *a, const struct ui_key *k)
{
	struct roster_view *v = &a->roster;

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		v->state = roster_states[v->state + 1] != NULL ?
		    v->state + 1 : -1;
		load(a);
	} else if (k->fkey == 4) {
		v->role = next_role(v->role);
		load(a);
	} else if (k->fkey == 5)
		load(a);
	else if (k->special == UI_ENTER)
		open_selected(a);
	else if (!pick_key(&v->pick, k, (int)json_array_size(operators(a))))
		field_key(&v->text, k);
}

const struct screen screen_roster = {
	.name = "roster",
	.title = N_("操作者名簿"),
	.keys = N_("F1 ヘルプ F3 状態 F4 役割 F5 検索 ↑↓ 選択 Enter 詳細 "
	    "F10 戻る F12 ロック"),
	.help = N_("照合IDを付与されたすべての操作者の一覧です。無効化された"
	    "照合IDも残ります。\n"
	    "F3 で状態、F4 で役割を切り替えて絞り込みます。照合ID・氏名・"
	    "ふりがな・所属の一部を入力して F5 で検索します。\n"
	    "↑↓ で選び、Enter でその操作者の詳細と履歴を表示します。"),
	.enter = roster_enter,
	.leave = roster_leave,
	.draw = roster_draw,
	.key = roster_key,
};
