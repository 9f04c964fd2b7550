/*
 * One operator of the 操作者名簿: their record and history, and for an
 * administrator the changes, each asked for with its document's number
 * and confirmed before it is sent.  The server decides each one.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "page.h"
#include "roles.h"
#include "roster-labels.h"

enum extra { EXTRA_NONE, EXTRA_ROLES, EXTRA_DATE };

struct action {
	int fkey;
	const char *path;	/* NULL: the enrolment screen does it */
	const char *log;
	const char *label;	/* message id */
	int document_required;
	enum extra extra;
	const char *done;	/* message id */
};

static const struct action actions[] = {
	{ 3, PATH_OPERATOR_SUSPEND, "operator.suspend", N_("利用停止"), 0,
	    EXTRA_NONE, N_("利用を停止しました") },
	{ 4, PATH_OPERATOR_RESUME, "operator.resume", N_("利用再開"), 0,
	    EXTRA_NONE, N_("利用を再開しました") },
	{ 5, PATH_OPERATOR_UNLOCK, "operator.unlock", N_("ロック解除"), 0,
	    EXTRA_NONE, N_("ロックを解除しました") },
	{ 6, NULL, "operator.enrol", N_("指紋の登録"), 0, EXTRA_NONE, NULL },
	{ 7, PATH_OPERATOR_PIN, "operator.pin", N_("暗証番号の発行"), 0,
	    EXTRA_NONE, N_("暗証番号を発行しました") },
	{ 8, PATH_OPERATOR_ROLES, "operator.roles", N_("役割の変更"), 1,
	    EXTRA_ROLES, N_("役割を変更しました") },
	{ 9, PATH_OPERATOR_VALIDITY, "operator.validity",
	    N_("有効期限の変更"), 0, EXTRA_DATE,
	    N_("有効期限を変更しました") },
	{ 11, PATH_OPERATOR_REVOKE, "operator.revoke", N_("無効化"), 1,
	    EXTRA_NONE, N_("無効化しました") },
};

#define NACTIONS ((int)(sizeof actions / sizeof actions[0]))

static const struct action *asking;	/* the change being asked for */
static struct field ask_fields[2] = { { .max_chars = 31 },
    { .max_chars = 20 } };
static const char *ask_labels[2] = { N_("文書番号"), N_("有効期限") };
static struct form ask = { ask_fields, ask_labels, 1, 0 };
static unsigned ask_roles;
static char pin[PROTOCOL_PIN_DIGITS + 1];	/* shown once, then wiped */

static json_t *
record(const struct app *a)
{
	return json_object_get(a->roster.detail, "operator");
}

static void
load(struct app *a)
{
	app_fetch(a, PATH_OPERATOR_SHOW, "operator.show", json_pack("{s:s}",
	    "operator_id", a->roster.operator_id), _("読み込んでいます…"),
	    "operator", JSON_OBJECT, &a->roster.detail);
}

static void
operator_enter(struct app *a)
{
	asking = NULL;
	a->roster.scroll = 0;
	load(a);
}

static void
operator_leave(struct app *a)
{
	asking = NULL;
	form_clear(&ask);
	explicit_bzero(pin, sizeof pin);
	json_wipe(a->roster.detail);
	a->roster.detail = NULL;
}

static void
emit_method(struct page *p, const json_t *op)
{
	char text[256] = "";
	json_t *finger;
	size_t i, len = 0;

	if (strcmp(json_text(op, "method"), AUTH_METHOD_PIN) == 0) {
		page_emit(p, _("認証方法"), _("暗証番号"), UI_PLAIN);
		return;
	}
	json_array_foreach(json_object_get(op, "fingers"), i, finger) {
		snprintf(text + len, sizeof text - len, "%s%s", i ? "・" : "",
		    label_of(roster_fingers, json_string_value(finger) ?
		    json_string_value(finger) : ""));
		len = strlen(text);
	}
	page_emit(p, _("認証方法"), len ? text : _("指紋 (未登録)"),
	    UI_PLAIN);
}

static void
emit_record(struct page *p, const json_t *op)
{
	char text[256];

	page_emit(p, _("照合ID"), json_text(op, "operator_id"), UI_BOLD);
	page_emit(p, _("氏名"), json_text(op, "name"), UI_BOLD);
	page_emit(p, _("ふりがな"), json_text(op, "kana"), UI_PLAIN);
	page_emit(p, _("所属"), json_text(op, "affiliation"), UI_PLAIN);
	roles_text(roles_from_json(json_object_get(op, "roles")), text,
	    sizeof text);
	page_emit(p, _("役割"), text, UI_PLAIN);
	page_emit(p, _("状態"), label_of(roster_states, json_text(op,
	    "state")), UI_BOLD);
	emit_method(p, op);
	snprintf(text, sizeof text, "%s ～ %s", json_text(op, "valid_from"),
	    *json_text(op, "valid_until") ? json_text(op, "valid_until") :
	    _("(期限なし)"));
	page_emit(p, _("有効期間"), text, UI_PLAIN);
	page_emit(p, _("申請番号"), json_text(op, "application_no"),
	    UI_PLAIN);
}

/* One line an event: when, what, who, before → after, document. */
static void
emit_history(struct page *p, const json_t *history)
{
	char line[512], when[32];
	json_t *e;
	size_t i;

	page_section(p, _("― 履歴 ―"));
	json_array_foreach(history, i, e) {
		local_time(json_text(e, "time"), when, sizeof when);
		snprintf(line, sizeof line, "  %s  %-8s %-10s %s → %s  %s%s",
		    when,
		    label_of(roster_events, json_text(e, "action")),
		    json_text(e, "actor"), json_text(e, "before"),
		    json_text(e, "after"), *json_text(e, "document") ?
		    _("文書 ") : "", json_text(e, "document"));
		page_emit(p, NULL, line, UI_PLAIN);
	}
}

static void
emit_waiting(struct page *p, const json_t *applications)
{
	char line[256], roles[128];
	json_t *ap;
	size_t i;

	json_array_foreach(applications, i, ap) {
		if (strcmp(json_text(ap, "state"), "awaiting-approval") != 0)
			continue;
		roles_text(roles_from_json(json_object_get(ap, "roles")),
		    roles, sizeof roles);
		snprintf(line, sizeof line, _("  承認待ち: 申請番号 %s  役割 %s"
		    "  (登録 %s)"), json_text(ap, "application_no"), roles,
		    json_text(ap, "registered_by"));
		page_emit(p, NULL, line, UI_ERROR);
	}
}

static void
draw_ask(struct app *a, int top, int cols)
{
	char line[256];
	int row;

	snprintf(line, sizeof line, "%s: %s %s", _(asking->label),
	    a->roster.operator_id, json_text(record(a), "name"));
	ui_put(top + 1, 2, cols - 4, line, UI_BOLD);
	if (asking->path != NULL && strcmp(asking->path,
	    PATH_OPERATOR_REVOKE) == 0)
		ui_put(top + 2, 2, cols - 4, _("無効化は取り消せません。この照合ID"
		    "は二度と使えず、ほかの操作者にも付与されません。"), UI_ERROR);
	ask_labels[0] = asking->document_required ? N_("文書番号") :
	    N_("文書番号(任意)");
	row = form_draw(&ask, top + 4, 2);
	if (asking->extra == EXTRA_ROLES)
		roles_draw(ask_roles, row, 2, cols - 4);
	ui_put(row + 2, 2, cols - 4, _("Enter で実行、Esc で取り消します。"),
	    UI_DIM);
}

static void
draw_pin(int top, int rows, int cols)
{
	char line[64];

	ui_cursor(-1, 0);
	ui_put(top + 2, 4, cols - 8, _("発行した暗証番号 (この画面でだけ表示"
	    "します)"), UI_BOLD);
	snprintf(line, sizeof line, "    %s", pin);
	ui_put(top + 4, 4, cols - 8, line, UI_REVERSE);
	ui_put(top + 6, 4, cols - 8, _("操作者本人にだけ伝えてください。控えを"
	    "残さないでください。"), UI_PLAIN);
	ui_put(top + rows - 2, 4, cols - 8, _("何かキーを押すと消去します。"),
	    UI_DIM);
}

static void
operator_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top, rows, cols, 0, a->roster.scroll };

	if (pin[0] != '\0') {
		draw_pin(top, rows, cols);
		return;
	}
	if (asking != NULL) {
		draw_ask(a, top, cols);
		return;
	}
	ui_cursor(-1, 0);
	if (record(a) == NULL)
		return;
	emit_record(&p, record(a));
	emit_waiting(&p, json_object_get(a->roster.detail, "applications"));
	emit_history(&p, json_object_get(a->roster.detail, "history"));
	a->roster.scroll = page_scroll_end(&p);
}

static void
start(struct app *a, const struct action *act)
{
	if (record(a) == NULL)
		return;
	if (!(a->roles & ROLE_ADMIN)) {
		app_message(a, 1, _("この操作の権限がありません"));
		return;
	}
	asking = act;
	form_clear(&ask);
	ask.n = act->extra == EXTRA_DATE ? 2 : 1;
	ask_roles = roles_from_json(json_object_get(record(a), "roles"));
	app_message(a, 0, "");
}

/* The request for the change asked, or NULL with the reason shown. */
static json_t *
request(struct app *a)
{
	const char *document = ask_fields[0].text;
	char iso[JDATE_ISO_LEN + 1];
	json_t *req;

	if (asking->document_required && *document == '\0') {
		app_message(a, 1, _("文書番号を入力してください"));
		return NULL;
	}
	if (asking->extra == EXTRA_DATE && jdate_typed_to_iso(ask_fields[1].text,
	    iso, sizeof iso) != 0) {
		app_message(a, 1, _("有効期限の日付が正しくありません"));
		ask.focus = 1;
		return NULL;
	}
	req = json_pack("{s:s}", "operator_id", a->roster.operator_id);
	if (*document != '\0')
		json_object_set_new(req, "document", json_string(document));
	if (asking->extra == EXTRA_ROLES)
		json_object_set_new(req, "roles", roles_json(ask_roles));
	if (asking->extra == EXTRA_DATE)
		json_object_set_new(req, "valid_until", json_string(iso));
	return req;
}

static void
done(struct app *a, const struct action *act, const json_t *body)
{
	char text[256];

	if (strcmp(json_text(body, "state"), "awaiting-approval") == 0)
		snprintf(text, sizeof text, _("役割の変更を登録しました。別の管理者"
		    "の承認で有効になります (申請番号 %s)"), ask_fields[0].text);
	else
		snprintf(text, sizeof text, "%s %s: %s", _("照合ID"),
		    a->roster.operator_id, _(act->done));
	app_message(a, 0, text);
}

static void
submit(struct app *a)
{
	const struct action *act = asking;
	struct net_reply r;
	json_t *req;

	if (act->path == NULL) {
		snprintf(a->roster.document, sizeof a->roster.document, "%s",
		    ask_fields[0].text);
		app_go(a, &screen_enrol);
		return;
	}
	if ((req = request(a)) == NULL)
		return;
	if (app_call(a, act->path, act->log, req, _("送信しています…"),
	    &r) == 0) {
		snprintf(pin, sizeof pin, "%s", json_text(r.body, "pin"));
		asking = NULL;
		load(a);
		done(a, act, r.body);
		form_clear(&ask);
	}
	net_reply_clear(&r);
}

static void
ask_key(struct app *a, const struct ui_key *k)
{
	if (k->special == UI_ESC || k->fkey == 10) {
		asking = NULL;
		form_clear(&ask);
		app_message(a, 0, _("取り消しました"));
	} else if (k->special == UI_ENTER)
		submit(a);
	else if (asking->extra == EXTRA_ROLES && roles_key(&ask_roles, k))
		return;
	else
		form_key(&ask, k);
}

static void
operator_key(struct app *a, const struct ui_key *k)
{
	if (pin[0] != '\0') {
		explicit_bzero(pin, sizeof pin);
		return;
	}
	if (asking != NULL) {
		ask_key(a, k);
		return;
	}
	if (k->fkey == 10 || k->special == UI_ESC) {
		app_go(a, &screen_roster);
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
	page_scroll_key(&a->roster.scroll, k);
}

const struct screen screen_operator = {
	.name = "operator",
	.title = N_("操作者の詳細"),
	.keys = N_("F3 停止 F4 再開 F5 ロック解除 F6 指紋 F7 暗証番号 F8 役割 "
	    "F9 期限 F11 無効化 F10 戻る"),
	.act_roles = ROLE_ADMIN,
	.look_keys = N_("F1 ヘルプ  ↑↓ PgUp/PgDn 移動  F10 戻る  F12 ロック"),
	.help = N_("操作者の記録と、付与から無効化までの履歴です。\n"
	    "管理者は次の変更ができます。どれも文書番号とともに記録されます。\n"
	    "F3 利用停止、F4 利用再開、F5 ロック解除、F6 指紋の登録 (登録し"
	    "直し)、F7 暗証番号の発行 (指紋を使えない操作者)、F8 役割の変更、"
	    "F9 有効期限の変更、F11 無効化 (取り消せません)。\n"
	    "システム管理者と監査担当の役割を加えるには、別の管理者の承認が"
	    "必要です。自分の照合IDは変更できません。"),
	.enter = operator_enter,
	.leave = operator_leave,
	.draw = operator_draw,
	.key = operator_key,
};
