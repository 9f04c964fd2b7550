/*
 * One 開示請求: what was received and how far it has gone, with the
 * corrections asked about it.  From here the clerk decides it, checks
 * and prints the 開示決定通知書 and the 提供状況, records that the
 * notice was handed over or mailed, and receives a 訂正等申出.  Each key
 * works only in the states that allow it; the server decides anyway.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "disclosure-labels.h"
#include "disclosure-print.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "page.h"
#include "print.h"
#include "width.h"

enum ask { ASK_NONE, ASK_DECIDE, ASK_NOTIFY, ASK_RECEIPT };

static enum ask asking;
static int how;			/* index into disclosure_notices */
static struct field reason = { .max_chars = 40 };
static int scroll;

static json_t *
request(const struct app *a)
{
	return a->disc.request;
}

static json_t *
corrections(const struct app *a)
{
	return json_object_get(a->disc.corrections, "corrections");
}

static int
in_state(const struct app *a, const char *state)
{
	return strcmp(json_text(request(a), "state"), state) == 0;
}

static int
decided(const struct app *a)
{
	return in_state(a, "decided") || in_state(a, "notified");
}

static void
load_corrections(struct app *a)
{
	if (app_fetch(a, PATH_CORRECTION_LIST, "correction.list",
	    json_pack("{s:s}", "request_no", json_text(request(a),
	    "request_no")), _("訂正等の申出を読み込んでいます…"),
	    "corrections", JSON_ARRAY, &a->disc.corrections) == 0)
		disclosure_authority(a, a->disc.corrections);
}

static void
disclosure_enter(struct app *a)
{
	asking = ASK_NONE;
	scroll = 0;
	a->disc.picked = (struct pick){ 0, 0 };
	if (request(a) != NULL)
		load_corrections(a);
}

static void
disclosure_leave(struct app *a)
{
	asking = ASK_NONE;
	field_clear(&reason);
	json_wipe(a->disc.corrections);
	a->disc.corrections = NULL;
}

/* "2026-11-23 10:15 (C0001)", or "―" for what has not happened. */
static void
emit_when(struct page *p, const char *label, const json_t *rq,
    const char *at, const char *by, const char *extra)
{
	char when[32], text[256];

	if (*json_text(rq, at) == '\0') {
		page_emit(p, label, "―", UI_DIM);
		return;
	}
	local_time(json_text(rq, at), when, sizeof when);
	snprintf(text, sizeof text, "%s%s%s (%s)", when, *extra ? " " : "",
	    extra, json_text(rq, by));
	page_emit(p, label, text, UI_PLAIN);
}

static void
emit_requester(struct page *p, const json_t *rq)
{
	char text[256];

	if (strcmp(json_text(rq, "requester"), "representative") == 0) {
		snprintf(text, sizeof text, "%s %s", label_of(
		    disclosure_requesters, "representative"), json_text(rq,
		    "representative"));
		page_emit(p, _("請求者"), text, UI_PLAIN);
	} else
		page_emit(p, _("請求者"), label_of(disclosure_requesters,
		    json_text(rq, "requester")), UI_PLAIN);
	labels_join(json_object_get(rq, "documents"), id_documents, text,
	    sizeof text);
	page_emit(p, _("本人確認書類"), text, UI_PLAIN);
}

/* What the requester stated, as it matched the file. */
static void
emit_statement(struct page *p, const json_t *rq)
{
	page_emit(p, _("氏名"), json_text(rq, "name"), UI_BOLD);
	page_emit(p, _("ふりがな"), json_text(rq, "kana"), UI_PLAIN);
	page_emit_date(p, _("生年月日"), json_text(rq, "birth_date"));
	page_emit(p, _("性別"), label_of_sex(rq), UI_PLAIN);
	page_emit(p, _("住所"), json_text(rq, "address"), UI_PLAIN);
	page_emit(p, _("住民票コード"), *json_text(rq, "juminhyo_code") ?
	    json_text(rq, "juminhyo_code") : _("(記載なし)"), UI_PLAIN);
}

static void
emit_request(struct page *p, const json_t *rq)
{
	char text[64];

	page_emit(p, _("受付番号"), json_text(rq, "request_no"), UI_BOLD);
	page_emit(p, _("状態"), label_of(disclosure_states, json_text(rq,
	    "state")), UI_BOLD);
	emit_when(p, _("受付"), rq, "received_at", "received_by",
	    label_of(disclosure_channels, json_text(rq, "channel")));
	emit_requester(p, rq);
	emit_statement(p, rq);
	snprintf(text, sizeof text, _("%lld円 (受領済み)"), (long long)
	    json_number(rq, "fee"));
	page_emit(p, _("手数料"), text, UI_PLAIN);
	emit_when(p, _("開示決定"), rq, "decided_at", "decided_by", "");
	emit_when(p, _("通知"), rq, "notified_at", "notified_by",
	    *json_text(rq, "notified_how") ? label_of(disclosure_notices,
	    json_text(rq, "notified_how")) : "");
}

/* One line a correction: number, kind, item, requested value. */
static void
emit_corrections(struct app *a, struct page *p)
{
	const json_t *l = corrections(a), *c;
	char line[512], when[32];
	size_t i;

	page_section(p, _("― 訂正等の申出 (F8 で受付書を印刷) ―"));
	if (json_array_size(l) == 0)
		page_emit(p, NULL, _("  申出はありません"), UI_DIM);
	json_array_foreach(l, i, c) {
		local_time(json_text(c, "registered_at"), when, sizeof when);
		snprintf(line, sizeof line, "  %-14s %s  %s  %s → %s  (%s)",
		    json_text(c, "correction_no"), label_of(correction_kinds,
		    json_text(c, "kind")), label_of(resident_items,
		    json_text(c, "item")), json_text(c, "current"),
		    json_text(c, "requested"), when);
		page_emit(p, NULL, line, (int)i == a->disc.picked.selected ?
		    UI_REVERSE : UI_PLAIN);
	}
	explicit_bzero(line, sizeof line);
}

/* The keys that work in the request's state. */
static void
draw_actions(struct app *a, int row, int cols)
{
	char line[512] = "";
	size_t len;

	if (in_state(a, "received"))
		snprintf(line, sizeof line, "%s", _("F3 開示決定  "));
	len = strlen(line);
	if (decided(a))
		snprintf(line + len, sizeof line - len, "%s", _("F4 通知書の確認"
		    "・印刷  F5 提供状況の確認・印刷  "));
	len = strlen(line);
	if (in_state(a, "decided"))
		snprintf(line + len, sizeof line - len, "%s",
		    _("F6 通知済みにする  "));
	len = strlen(line);
	if (decided(a))
		snprintf(line + len, sizeof line - len, "%s", _("F7 訂正等の申出"));
	ui_put(row, 2, cols - 4, line, UI_BOLD);
}

static void
draw_ask(struct app *a, int top, int cols)
{
	char line[256];

	snprintf(line, sizeof line, "%s %s  %s", _("開示請求"),
	    json_text(request(a), "request_no"), json_text(request(a), "name"));
	ui_put(top + 1, 2, cols - 4, line, UI_BOLD);
	switch (asking) {
	case ASK_DECIDE:
		ui_cursor(-1, 0);
		ui_put(top + 3, 2, cols - 4, _("この請求の開示を決定します。"
		    "Enter で決定、Esc で取り消します。"), UI_PLAIN);
		break;
	case ASK_NOTIFY:
		ui_cursor(-1, 0);
		snprintf(line, sizeof line, "%s: %s", _("通知の方法 (F3 で切替)"),
		    label_at(disclosure_notices, how));
		ui_put(top + 3, 2, cols - 4, line, UI_REVERSE);
		ui_put(top + 5, 2, cols - 4, _("開示決定通知書を交付または郵送した"
		    "ことを記録します。Enter で記録、Esc で取り消します。"),
		    UI_PLAIN);
		break;
	default:
		field_draw(&reason, top + 3, 2, _("印刷の理由"), 1);
		ui_put(top + 5, 2, cols - 4, _("選んだ申出の受付書を印刷します。"
		    "理由を入力して Enter、Esc で取り消します。"), UI_PLAIN);
		break;
	}
}

static void
disclosure_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top + 2, rows - 2, cols, 0, scroll };

	if (request(a) == NULL)
		return;
	if (asking != ASK_NONE) {
		draw_ask(a, top, cols);
		return;
	}
	ui_cursor(-1, 0);
	draw_actions(a, top, cols);
	emit_request(&p, request(a));
	emit_corrections(a, &p);
	scroll = page_scroll_end(&p);
}

/* Moves the request on a step (req names it); the request as the answer
 * gives it back takes the place of the one open. */
static void
step(struct app *a, const char *path, const char *log, json_t *req,
    const char *busy, const char *done)
{
	struct net_reply r;
	const json_t *rq;

	asking = ASK_NONE;
	if (app_call(a, path, log, req, busy, &r) == 0) {
		if (json_is_object(rq = json_object_get(r.body, "request"))) {
			json_wipe(a->disc.request);
			/* The reply is wiped. */
			a->disc.request = json_deep_copy(rq);
		}
		app_message(a, 0, done);
	}
	net_reply_clear(&r);
}

static void
decide(struct app *a)
{
	step(a, PATH_DISCLOSURE_DECIDE, "disclosure.decide",
	    json_pack("{s:s}", "request_no", json_text(request(a),
	    "request_no")), _("開示を決定しています…"),
	    _("開示を決定しました。通知書を確認して印刷してください (F4)"));
}

static void
notify(struct app *a)
{
	step(a, PATH_DISCLOSURE_NOTIFY, "disclosure.notify",
	    json_pack("{s:s, s:s}", "request_no", json_text(request(a),
	    "request_no"), "how", disclosure_notices[how].code),
	    _("通知を記録しています…"), _("通知済みとして記録しました"));
}

static void
print_receipt(struct app *a)
{
	const json_t *c = json_array_get(corrections(a),
	    (size_t)a->disc.picked.selected);

	asking = ASK_NONE;
	if (c != NULL)
		disclosure_print_receipt(a, c, reason.text);
	field_clear(&reason);
}

static void
ask_key(struct app *a, const struct ui_key *k)
{
	if (k->special == UI_ESC || k->fkey == 10) {
		asking = ASK_NONE;
		field_clear(&reason);
		app_message(a, 0, _("取り消しました"));
	} else if (asking == ASK_RECEIPT) {
		if (print_reason_key(a, &reason, k) == PRINT_REASON_GIVEN)
			print_receipt(a);
	} else if (asking == ASK_NOTIFY && k->fkey == 3)
		how = label_next(disclosure_notices, how, 0);
	else if (k->special == UI_ENTER && asking == ASK_DECIDE)
		decide(a);
	else if (k->special == UI_ENTER)
		notify(a);
}

/* The action of key k if the request's state allows it. */
static void
act(struct app *a, int fkey)
{
	int allowed = fkey == 3 ? in_state(a, "received") :
	    fkey == 6 ? in_state(a, "decided") :
	    fkey == 8 ? json_array_size(corrections(a)) > 0 : decided(a);

	if (!allowed) {
		app_message(a, 1, _("今の状態ではその操作はできません"));
		return;
	}
	switch (fkey) {
	case 3:
		asking = ASK_DECIDE;
		break;
	case 4:
		form_preview_open(a, "disclosure");
		break;
	case 5:
		form_preview_open(a, "provisions");
		break;
	case 6:
		how = 0;
		asking = ASK_NOTIFY;
		break;
	case 7:
		app_go(a, &screen_correction);
		break;
	default:
		field_clear(&reason);
		asking = ASK_RECEIPT;
		break;
	}
}

static void
disclosure_key(struct app *a, const struct ui_key *k)
{
	if (request(a) == NULL) {
		app_go(a, &screen_disclosures);
		return;
	}
	if (asking != ASK_NONE)
		ask_key(a, k);
	else if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_disclosures);	/* which closes it */
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey >= 3 && k->fkey <= 8)
		act(a, k->fkey);
	else if (k->special == UI_UP || k->special == UI_DOWN)
		pick_key(&a->disc.picked, k, (int)json_array_size(
		    corrections(a)));
	else
		page_scroll_key(&scroll, k);
}

const struct screen screen_disclosure = {
	.name = "disclosure",
	.title = N_("開示請求の処理"),
	.keys = N_("F3 決定 F4 通知書 F5 提供状況 F6 通知済み F7 訂正申出 "
	    "F8 受付書 ↑↓ 申出 F10 戻る"),
	.act_roles = ROLE_CLERK,
	.look_keys = N_("F1 ヘルプ  PgUp/PgDn 移動  F10 戻る  F12 ロック"),
	.help = N_("開示請求の受付から通知までと、その請求についての訂正等の"
	    "申出です。\n"
	    "F3 開示決定 (受付の状態で)。\n"
	    "F4 開示決定通知書、F5 提供状況開示通知書: 内容を画面で確認して"
	    "から、理由を入力して印刷します。\n"
	    "F6 通知書を窓口で交付または郵送したことを記録します (通知書の"
	    "印刷後)。\n"
	    "F7 訂正・追加・削除の申出を受け付けます。記録は変わりません。\n"
	    "   住所地の市町村が住民票を調査し、更新で訂正します。\n"
	    "↑↓ で申出を選び、F8 でその受付書を印刷します。"),
	.enter = disclosure_enter,
	.leave = disclosure_leave,
	.draw = disclosure_draw,
	.key = disclosure_key,
	.resident = 1,
};
