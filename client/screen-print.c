/*
 * One line of the 帳票管理簿: the form, what it is about, why and by whom
 * it was printed, what became of it, and its events oldest first.  The
 * paper's next step, a reprint request and its approval are asked for
 * here, with a note where one is wanted; the server decides each.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "page.h"
#include "print-labels.h"
#include "width.h"

struct action {
	int fkey;
	const char *path;
	const char *log;
	const char *label;	/* message id */
	const char *to;		/* the step (prints/step), or NULL */
	const char *note;	/* message id: the field's label (at most 14
				   columns), NULL none */
	int note_required;
	unsigned roles;		/* who may ask for it */
	const char *done;	/* message id */
};

#define STEPPERS (ROLE_CLERK | ROLE_ADMIN)

static const struct action actions[] = {
	{ 3, PATH_PRINT_STEP, "print.step", N_("交付"), "handed-over",
	    N_("メモ(任意)"), 0, STEPPERS,
	    N_("交付済みにしました") },
	{ 4, PATH_PRINT_STEP, "print.step", N_("保管"), "stored",
	    N_("メモ(任意)"), 0, STEPPERS,
	    N_("保管中にしました") },
	{ 5, PATH_PRINT_STEP, "print.step", N_("廃棄"), "destroyed",
	    N_("廃棄の理由"), 1, ROLE_ADMIN, N_("廃棄済みにしました") },
	{ 6, PATH_PRINT_REPRINT, "print.reprint", N_("再印刷の申請"), NULL,
	    N_("再印刷の理由"), 1, STEPPERS,
	    N_("再印刷を申請しました。別の管理者の承認を待ちます") },
	{ 7, PATH_PRINT_APPROVE, "print.approve", N_("再印刷の承認"), NULL,
	    NULL, 0, ROLE_ADMIN, N_("再印刷を承認しました") },
};

#define NACTIONS ((int)(sizeof actions / sizeof actions[0]))

static const struct action *asking;	/* the action being asked for */
static struct field note = { .max_chars = 40 };

static json_t *
line(const struct app *a)
{
	return json_object_get(a->ledger.detail, "print");
}

static void
load(struct app *a)
{
	app_fetch(a, PATH_PRINT_SHOW, "print.show", json_pack("{s:s}",
	    "serial", a->ledger.serial), _("読み込んでいます…"), "print",
	    JSON_OBJECT, &a->ledger.detail);
}

static void
print_enter(struct app *a)
{
	asking = NULL;
	field_clear(&note);
	a->ledger.scroll = 0;
	load(a);
}

static void
print_leave(struct app *a)
{
	asking = NULL;
	field_clear(&note);
	json_wipe(a->ledger.detail);
	a->ledger.detail = NULL;
}

static void
emit_line(struct page *p, const json_t *j)
{
	char issued[32], finished[32], text[256];

	page_emit(p, _("帳票番号"), json_text(j, "serial"), UI_BOLD);
	page_emit(p, _("帳票"), label_of(print_forms, json_text(j, "form")),
	    UI_BOLD);
	page_emit(p, _("対象"), *json_text(j, "subject") ?
	    json_text(j, "subject") : "―", UI_PLAIN);
	page_emit(p, _("状態"), label_of(print_states, json_text(j, "state")),
	    UI_BOLD);
	page_emit(p, _("印刷の理由"), json_text(j, "reason"), UI_PLAIN);
	snprintf(text, sizeof text, "%s  (%s %s)", json_text(j,
	    "operator_id"), _("端末"), json_text(j, "terminal_id"));
	page_emit(p, _("操作者"), text, UI_PLAIN);
	local_time(json_text(j, "issued_at"), issued, sizeof issued);
	page_emit(p, _("発行日時"), issued, UI_PLAIN);
	local_time(json_text(j, "finished_at"), finished, sizeof finished);
	snprintf(text, sizeof text, "%s  %s", *finished ? finished : "―",
	    json_text(j, "detail"));
	page_emit(p, _("印刷の結果"), text, UI_PLAIN);
	if (*json_text(j, "reprint_of") != '\0')
		page_emit(p, _("再印刷元"), json_text(j, "reprint_of"),
		    UI_PLAIN);
	if (*json_text(j, "reprint") != '\0')
		page_emit(p, _("再印刷"), label_of(print_reprints, json_text(j,
		    "reprint")), UI_ERROR);
}

/* One line an event: when, what, who, where, the note. */
static void
emit_events(struct page *p, const json_t *events)
{
	char text[512], when[32], what[64];
	json_t *e;
	size_t i;

	page_section(p, _("― 経過 ―"));
	json_array_foreach(events, i, e) {
		local_time(json_text(e, "time"), when, sizeof when);
		width_fit(label_of(print_events, json_text(e, "action")), 15, 1,
		    what, sizeof what);
		snprintf(text, sizeof text, "  %s  %s %-8s %-8s %s", when,
		    what, json_text(e, "operator_id"),
		    json_text(e, "terminal_id"), json_text(e, "note"));
		page_emit(p, NULL, text, UI_PLAIN);
	}
}

static void
draw_ask(struct app *a, int top, int cols)
{
	char text[256];

	snprintf(text, sizeof text, "%s: %s %s", _(asking->label),
	    a->ledger.serial, label_of(print_forms, json_text(line(a),
	    "form")));
	ui_put(top + 1, 2, cols - 4, text, UI_BOLD);
	if (asking->to != NULL && strcmp(asking->to, "destroyed") == 0)
		ui_put(top + 2, 2, cols - 4, _("廃棄は取り消せません。この帳票は"
		    "これ以後、交付も保管もできません。"), UI_ERROR);
	if (asking->note != NULL)
		field_draw(&note, top + 4, 2, _(asking->note), 1);
	else
		ui_cursor(-1, 0);
	ui_put(top + 6, 2, cols - 4, _("Enter で実行、Esc で取り消します。"),
	    UI_DIM);
}

static void
print_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top, rows, cols, 0, a->ledger.scroll };

	if (asking != NULL) {
		draw_ask(a, top, cols);
		return;
	}
	ui_cursor(-1, 0);
	if (line(a) == NULL)
		return;
	emit_line(&p, line(a));
	emit_events(&p, json_object_get(a->ledger.detail, "events"));
	a->ledger.scroll = page_scroll_end(&p);
}

static void
start(struct app *a, const struct action *act)
{
	if (line(a) == NULL)
		return;
	if (!(a->roles & act->roles)) {
		app_message(a, 1, _("この操作の権限がありません"));
		return;
	}
	asking = act;
	field_clear(&note);
}

/* The request for the action asked, or NULL with the reason shown. */
static json_t *
request(struct app *a)
{
	const struct action *act = asking;
	json_t *req;

	if (act->note_required && note.text[0] == '\0') {
		app_message(a, 1, act->to != NULL ?
		    _("廃棄の理由を入力してください") :
		    _("再印刷の理由を入力してください"));
		return NULL;
	}
	req = json_pack("{s:s}", "serial", a->ledger.serial);
	if (act->to != NULL)
		json_object_set_new(req, "to", json_string(act->to));
	if (act->note != NULL && note.text[0] != '\0')
		json_object_set_new(req, act->to != NULL ? "note" : "reason",
		    json_string(note.text));
	return req;
}

static void
submit(struct app *a)
{
	const struct action *act = asking;
	struct net_reply r;
	char text[256];
	json_t *req;

	if ((req = request(a)) == NULL)
		return;
	asking = NULL;
	field_clear(&note);
	if (app_call(a, act->path, act->log, req, _("送信しています…"),
	    &r) == 0) {
		load(a);
		snprintf(text, sizeof text, _("帳票番号 %s: %s"),
		    a->ledger.serial, _(act->done));
		app_message(a, 0, text);
	}
	net_reply_clear(&r);
}

static void
ask_key(struct app *a, const struct ui_key *k)
{
	if (k->special == UI_ESC || k->fkey == 10) {
		asking = NULL;
		field_clear(&note);
		app_message(a, 0, _("取り消しました"));
	} else if (k->special == UI_ENTER)
		submit(a);
	else if (asking->note != NULL)
		field_key(&note, k);
}

static void
print_key(struct app *a, const struct ui_key *k)
{
	if (asking != NULL) {
		ask_key(a, k);
		return;
	}
	if (k->fkey == 10 || k->special == UI_ESC) {
		app_go(a, &screen_ledger);
		return;
	}
	if (k->fkey == 2) {
		app_logout(a);
		return;
	}
	for (int i = 0; i < NACTIONS; i++)
		if (k->fkey == actions[i].fkey) {
			start(a, &actions[i]);
			return;
		}
	page_scroll_key(&a->ledger.scroll, k);
}

const struct screen screen_print = {
	.name = "print",
	.title = N_("帳票の経過"),
	.keys = N_("F3 交付 F4 保管 F5 廃棄 F6 再印刷申請 F7 再印刷承認 "
	    "↑↓ 移動 F10 戻る F12 ロック"),
	.act_roles = STEPPERS,
	.look_keys = N_("F1 ヘルプ  ↑↓ PgUp/PgDn 移動  F10 戻る  F12 ロック"),
	.help = N_("帳票番号を付けて印刷した帳票の記録と、発行から廃棄までの"
	    "経過です。\n"
	    "印刷した帳票は、F3 で交付済み、F4 で保管中にします。保管中の"
	    "帳票も交付できます。印刷した操作者か管理者が行います。\n"
	    "F5: 廃棄済みにします。管理者だけが、理由を入力して行います。"
	    "取り消せません。\n"
	    "F6: 同じ対象の帳票をもう一度印刷するための申請です。理由を入力"
	    "します。F7: 管理者が申請を承認します。申請した本人は承認でき"
	    "ません。承認された再印刷は一度だけできます。"),
	.enter = print_enter,
	.leave = print_leave,
	.draw = print_draw,
	.key = print_key,
};
