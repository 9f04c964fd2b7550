/*
 * The 開示請求 received: number, date, channel, requester, name and
 * state, newest first, filtered by state.  F4 receives a new one; Enter
 * opens one.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "disclosure-labels.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "width.h"

void
disclosure_view_reset(struct disclosure_view *v)
{
	char authority[sizeof v->authority];

	json_wipe(v->list);
	json_wipe(v->request);
	json_wipe(v->corrections);
	/* Who issues the letters is no one's data: it stays. */
	memcpy(authority, v->authority, sizeof authority);
	explicit_bzero(v, sizeof *v);
	memcpy(v->authority, authority, sizeof authority);
	v->state = -1;
}

static json_t *
requests(const struct app *a)
{
	return json_object_get(a->disc.list, "requests");
}

static void
load(struct app *a)
{
	struct disclosure_view *v = &a->disc;
	json_t *req = json_object();

	if (v->state >= 0)
		json_object_set_new(req, "state",
		    json_string(disclosure_states[v->state].code));
	if (app_fetch(a, PATH_DISCLOSURE_LIST, "disclosure.list", req,
	    _("開示請求の一覧を読み込んでいます…"), "requests", JSON_ARRAY,
	    &v->list) == 0)
		v->pick = (struct pick){ 0, 0 };
}

/* Back at the list: the request that was open is closed. */
static void
disclosures_enter(struct app *a)
{
	json_wipe(a->disc.request);
	a->disc.request = NULL;
	load(a);
}

static void
disclosures_leave(struct app *a)
{
	json_wipe(a->disc.list);
	a->disc.list = NULL;
}

/* Number, received, channel, requester, name, state. */
static void
draw_row(int row, int cols, const json_t *rq, int selected)
{
	char line[512], no[32], when[32], channel[16], requester[24],
	    name[48];

	width_fit(json_text(rq, "request_no"), 14, 1, no, sizeof no);
	local_time(json_text(rq, "received_at"), when, sizeof when);
	width_fit(label_of(disclosure_channels, json_text(rq, "channel")), 6,
	    1, channel, sizeof channel);
	width_fit(label_of(disclosure_requesters, json_text(rq,
	    "requester")), 12, 1, requester, sizeof requester);
	width_fit(json_text(rq, "name"), 20, 1, name, sizeof name);
	snprintf(line, sizeof line, "%s %-16s %s %s %s %s", no, when, channel,
	    requester, name, label_of(disclosure_states, json_text(rq,
	    "state")));
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
	explicit_bzero(line, sizeof line);
	explicit_bzero(name, sizeof name);
}

static void
disclosures_draw(struct app *a, int top, int rows, int cols)
{
	char line[256];

	ui_cursor(-1, 0);
	snprintf(line, sizeof line, "%s: %s", _("状態 (F3)"),
	    label_at(disclosure_states, a->disc.state));
	ui_put(top, 2, cols - 4, line, UI_PLAIN);
	snprintf(line, sizeof line, _("%d 件"),
	    (int)json_array_size(requests(a)));
	ui_put(top + 2, 1, cols - 2, line, UI_BOLD);
	ui_put(top + 3, 1, cols - 2, _("受付番号       受付日時         方法   "
	    "請求者       氏名                 状態"), UI_DIM);
	pick_draw(&a->disc.pick, requests(a), top + 4, rows - 4, cols,
	    draw_row);
}

static void
open_selected(struct app *a)
{
	json_t *rq = json_array_get(requests(a),
	    (size_t)a->disc.pick.selected);

	if (rq == NULL)
		return;
	/* The list is wiped on leaving; the request open is a copy. */
	a->disc.request = json_deep_copy(rq);
	app_go(a, &screen_disclosure);
}

static void
disclosures_key(struct app *a, const struct ui_key *k)
{
	struct disclosure_view *v = &a->disc;

	if (k->fkey == 10 || k->special == UI_ESC) {
		app_go(a, &screen_menu);
		disclosure_view_reset(v);
	} else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		v->state = label_next(disclosure_states, v->state, -1);
		load(a);
	} else if (k->fkey == 4)
		app_go(a, &screen_disclosure_new);
	else if (k->fkey == 5)
		load(a);
	else if (k->special == UI_ENTER)
		open_selected(a);
	else
		pick_key(&v->pick, k, (int)json_array_size(requests(a)));
}

const struct screen screen_disclosures = {
	.name = "disclosures",
	.title = N_("開示請求"),
	.keys = N_("F1 ヘルプ F3 状態 F4 新規受付 F5 再読込 ↑↓ 選択 Enter 開く "
	    "F10 戻る F12 ロック"),
	.act_roles = ROLE_CLERK,
	.look_keys = N_("F1 ヘルプ  F10 戻る  F12 ロック"),
	.help = N_("本人確認情報の開示請求 (住民基本台帳法第30条の32) の一覧です。"
	    "新しいものが先に表示されます。\n"
	    "F3 で状態 (受付・開示決定・通知済み) を切り替えて絞り込みます。\n"
	    "F4 で開示請求書を受け付けます。↑↓ で選び、Enter でその請求を開き"
	    "ます。\n"
	    "一覧には請求者の氏名が含まれます。画面を離れるとメモリから消去"
	    "されます。"),
	.enter = disclosures_enter,
	.leave = disclosures_leave,
	.draw = disclosures_draw,
	.key = disclosures_key,
	.resident = 1,
};
