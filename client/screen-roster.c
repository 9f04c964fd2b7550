/*
 * The 操作者名簿: every operator with their state, roles and validity,
 * filtered by state, role or text.  Enter shows one with their history.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "print.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "roles.h"
#include "roster-labels.h"
#include "width.h"

/* The reason a print is asked for; the form is printed on Enter. */
static struct field reason = { .max_chars = 40 };
static int asking_reason;

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

	if (v->state >= 0)
		json_object_set_new(req, "state",
		    json_string(roster_states[v->state].code));
	if (v->role != 0)
		json_object_set_new(req, "role", json_string(role_name(v->role)));
	if (v->text.text[0] != '\0')
		json_object_set_new(req, "text", json_string(v->text.text));
	if (app_fetch(a, PATH_OPERATOR_LIST, "operator.list", req,
	    _("操作者名簿を読み込んでいます…"), "operators", JSON_ARRAY,
	    &v->list) == 0)
		v->pick = (struct pick){ 0, 0 };
}

static void
roster_enter(struct app *a)
{
	load(a);
}

static void
roster_leave(struct app *a)
{
	field_clear(&reason);
	asking_reason = 0;
	json_wipe(a->roster.list);
	a->roster.list = NULL;
}

/* ID, name, state, roles, valid until, affiliation. */
static void
draw_row(int row, int cols, const json_t *op, int selected)
{
	char line[512], name[48], state[32], roles[128], until[16];

	width_fit(json_text(op, "name"), 14, 1, name, sizeof name);
	width_fit(label_of(roster_states, json_text(op, "state")), 14, 1,
	    state, sizeof state);
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
	    label_at(roster_states, v->state), _("役割 (F4)"), v->role == 0 ?
	    _("すべて") : roles);
	ui_put(row, 2, cols - 4, line, UI_PLAIN);
	if (asking_reason)
		field_draw(&reason, row + 1, 2, _("印刷の理由"), 1);
	else
		field_draw(&v->text, row + 1, 2, _("検索 (F5)"), 1);
}

static void
roster_draw(struct app *a, int top, int rows, int cols)
{
	char head[128];

	draw_filter(a, top, cols);
	snprintf(head, sizeof head, _("%d 人"),
	    (int)json_array_size(operators(a)));
	ui_put(top + 3, 1, cols - 2, head, UI_BOLD);
	ui_put(top + 4, 1, cols - 2, _("照合ID     氏名           状態"
	    "           有効期限   役割  所属"), UI_DIM);
	pick_draw(&a->roster.pick, operators(a), top + 5, rows - 6, cols,
	    draw_row);
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

/* Columns of the printed roster, in millimetres. */
static const double operator_widths[] = { 20, 44, 30, 36, 18, 32 };
static const double history_widths[] = { 20, 33, 24, 19, 52, 32 };

static void
print_history(struct printout *p, const json_t *history)
{
	char when[32], change[256];
	json_t *e;
	size_t i;

	json_array_foreach(history, i, e) {
		const char *cells[] = { "", when,
		    label_of(roster_events, json_text(e, "action")),
		    json_text(e, "actor"), change, json_text(e, "document") };

		local_time(json_text(e, "time"), when, sizeof when);
		snprintf(change, sizeof change, "%s → %s",
		    json_text(e, "before"), json_text(e, "after"));
		printout_row(p, cells, history_widths, 6, 0);
	}
}

static void
print_headers(struct printout *p)
{
	const char *operator[] = { _("照合ID"), _("氏名 (ふりがな)"), _("所属"),
	    _("役割"), _("状態"), _("有効期間") };
	const char *history[] = { "", _("日時"), _("内容"), _("実施者"),
	    _("変更前 → 変更後"), _("文書番号") };

	printout_row(p, operator, operator_widths, 6, 0);
	printout_row(p, history, history_widths, 6, 1);
}

/* One operator and their history, as operators/show answers it. */
static int
print_operator(struct app *a, struct printout *p, const char *id)
{
	char who[256], roles[128], validity[64];
	struct net_reply r;
	json_t *op;

	if (app_call(a, PATH_OPERATOR_SHOW, "operator.show", json_pack("{s:s}",
	    "operator_id", id), _("印刷する内容を読み込んでいます…"), &r) != 0 ||
	    (op = json_object_get(r.body, "operator")) == NULL) {
		net_reply_clear(&r);
		return -1;
	}
	snprintf(who, sizeof who, *json_text(op, "kana") ? "%s (%s)" : "%s",
	    json_text(op, "name"), json_text(op, "kana"));
	roles_text(roles_from_json(json_object_get(op, "roles")), roles,
	    sizeof roles);
	snprintf(validity, sizeof validity, "%s ～ %s",
	    json_text(op, "valid_from"), *json_text(op, "valid_until") ?
	    json_text(op, "valid_until") : _("(期限なし)"));
	const char *cells[] = { json_text(op, "operator_id"), who,
	    json_text(op, "affiliation"), roles,
	    label_of(roster_states, json_text(op, "state")), validity };
	printout_row(p, cells, operator_widths, 6, 1);
	print_history(p, json_object_get(r.body, "history"));
	net_reply_clear(&r);
	return 0;
}

/* The roster as listed now, filter and all, each operator with their
 * history. */
static int
print_roster(struct app *a, struct printout *p, void *arg)
{
	char line[512], filter[128] = "";
	json_t *op;
	size_t i;

	(void)arg;
	roles_text(a->roster.role, filter, sizeof filter);
	snprintf(line, sizeof line, _("条件: 状態 %s / 役割 %s / 検索 %s    "
	    "理由: %s"), label_at(roster_states, a->roster.state),
	    a->roster.role ? filter : _("すべて"), a->roster.text.text,
	    reason.text);
	printout_heading(p, _("操作者名簿"));
	printout_text(p, line);
	print_headers(p);
	json_array_foreach(operators(a), i, op)
		if (print_operator(a, p, json_text(op, "operator_id")) != 0)
			return -1;
	snprintf(line, sizeof line, _("以上 %d 人"),
	    (int)json_array_size(operators(a)));
	printout_text(p, line);
	return 0;
}

static void
reason_key(struct app *a, const struct ui_key *k)
{
	switch (print_reason_key(a, &reason, k)) {
	case PRINT_REASON_CANCELLED:
		app_message(a, 0, _("取り消しました"));
		break;
	case PRINT_REASON_GIVEN:
		print_form(a, "roster", NULL, _("操作者名簿"), reason.text,
		    print_roster, NULL);
		break;
	default:
		return;
	}
	field_clear(&reason);
	asking_reason = 0;
}

static void
roster_key(struct app *a, const struct ui_key *k)
{
	struct roster_view *v = &a->roster;

	if (asking_reason)
		reason_key(a, k);
	else if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		v->state = label_next(roster_states, v->state, -1);
		load(a);
	} else if (k->fkey == 4) {
		v->role = next_role(v->role);
		load(a);
	} else if (k->fkey == 5)
		load(a);
	else if (k->fkey == 6) {
		asking_reason = 1;
		app_message(a, 0, _("印刷の理由を入力して Enter を押してください"));
	} else if (k->special == UI_ENTER)
		open_selected(a);
	else if (!pick_key(&v->pick, k, (int)json_array_size(operators(a))))
		field_key(&v->text, k);
}

const struct screen screen_roster = {
	.name = "roster",
	.title = N_("操作者名簿"),
	.keys = N_("F1 ヘルプ F3 状態 F4 役割 F5 検索 F6 印刷 ↑↓ 選択 "
	    "Enter 詳細 F10 戻る F12 ロック"),
	.help = N_("照合IDを付与されたすべての操作者の一覧です。無効化された"
	    "照合IDも残ります。\n"
	    "F3 で状態、F4 で役割を切り替えて絞り込みます。照合ID・氏名・"
	    "ふりがな・所属の一部を入力して F5 で検索します。\n"
	    "↑↓ で選び、Enter でその操作者の詳細と履歴を表示します。\n"
	    "F6 で、表示している一覧を履歴とともに印刷します。理由を入力し、"
	    "帳票番号とともに帳票管理簿に記録されます。"),
	.enter = roster_enter,
	.leave = roster_leave,
	.draw = roster_draw,
	.key = roster_key,
};
