/*
 * Receiving a 訂正・追加・削除 申出 (住基法第30条の35) about a request
 * decided or notified: its number, the kind, the item of the 本人確認
 * 情報, the value asked for (none for a deletion) and the reason.  The
 * record is not changed: the prefecture forwards the 申出 and the
 * municipality corrects its 住民票, which reaches the file as an update.
 * Once received, its receipt is offered for printing.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "disclosure-labels.h"
#include "disclosure-print.h"
#include "form.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "print.h"

/* The value asked for last: a deletion has none, and the form is one
 * field shorter. */
enum slot { F_NO, F_REASON, F_REQUESTED, SLOTS };

static struct field fields[SLOTS] = {
	[F_NO] = { .max_chars = 31 },
	[F_REASON] = { .max_chars = 60 },
	[F_REQUESTED] = { .max_chars = 60 },
};
static const char *const labels[SLOTS] = {
	N_("申出番号"), N_("申出の理由"), N_("申出の内容"),
};
static struct form form = { fields, labels, SLOTS, 0 };
static int kind, item;			/* into correction_kinds, resident_items */
static json_t *received;		/* the CORRECTION, its receipt offered */
static struct field reason = { .max_chars = 40 };

static int
deleting(void)
{
	return strcmp(correction_kinds[kind].code, "delete") == 0;
}

static void
reset(void)
{
	form_clear(&form);
	field_clear(&reason);
	json_wipe(received);
	received = NULL;
	kind = item = 0;
	form.n = SLOTS;
}

/* The next kind; a deletion drops the value asked for. */
static void
next_kind(void)
{
	kind = label_next(correction_kinds, kind, 0);
	form.n = deleting() ? F_REQUESTED : SLOTS;
	if (deleting()) {
		field_clear(&fields[F_REQUESTED]);
		if (form.focus >= form.n)
			form.focus = 0;
	}
}

static void
correction_enter(struct app *a)
{
	(void)a;
	reset();
}

static void
correction_leave(struct app *a)
{
	(void)a;
	reset();
}

static void
draw_offer(int top, int cols)
{
	char line[256];

	snprintf(line, sizeof line, _("申出 %s を受け付けました。"),
	    json_text(received, "correction_no"));
	ui_put(top + 1, 2, cols - 4, line, UI_BOLD);
	ui_put(top + 3, 2, cols - 4, _("申出者に渡す受付書を印刷します。印刷の"
	    "理由を入力して Enter、印刷しないときは Esc。"), UI_PLAIN);
	field_draw(&reason, top + 5, 2, _("印刷の理由"), 1);
}

static void
correction_draw(struct app *a, int top, int rows, int cols)
{
	char line[512];
	int row;

	(void)rows;
	if (received != NULL) {
		draw_offer(top, cols);
		return;
	}
	snprintf(line, sizeof line, _("開示請求 %s (%s) についての訂正等の申出"
	    "を入力し、Enter で受け付けます。"), json_text(a->disc.request,
	    "request_no"), json_text(a->disc.request, "name"));
	ui_put(top + 1, 2, cols - 4, line, UI_PLAIN);
	snprintf(line, sizeof line, "%s: %s   %s: %s", _("種類 (F3)"),
	    label_at(correction_kinds, kind), _("項目 (F4)"),
	    label_at(resident_items, item));
	ui_put(top + 2, 2, cols - 4, line, UI_BOLD);
	row = form_draw(&form, top + 4, 2);
	if (deleting())
		ui_put(row, 2, cols - 4, _("削除の申出では、申出の内容は入力"
		    "しません。"), UI_DIM);
	ui_put(top + 12, 2, cols - 4, _("記録はこの申出では変わりません。住所地"
	    "の市町村が住民票を調査し、その更新によって訂正されます。"), UI_DIM);
}

/* The next item a correction may be about: every one but the history. */
static void
next_item(void)
{
	do
		item = label_next(resident_items, item, 0);
	while (strcmp(resident_items[item].code, "history") == 0);
}

static json_t *
request(struct app *a)
{
	char text[256];
	json_t *req;

	for (int i = 0; i < form.n; i++)
		if (fields[i].text[0] == '\0') {
			snprintf(text, sizeof text, _("%s を入力してください"),
			    _(labels[i]));
			app_message(a, 1, text);
			form.focus = i;
			return NULL;
		}
	req = json_pack("{s:s, s:s, s:s, s:s, s:s}", "request_no",
	    json_text(a->disc.request, "request_no"), "correction_no",
	    fields[F_NO].text, "kind", correction_kinds[kind].code, "item",
	    resident_items[item].code, "reason", fields[F_REASON].text);
	if (req != NULL && !deleting())
		json_object_set_new(req, "requested",
		    json_string(fields[F_REQUESTED].text));
	return req;
}

static void
submit(struct app *a)
{
	struct net_reply r;
	json_t *c, *req;

	if ((req = request(a)) == NULL)
		return;
	if (app_call(a, PATH_CORRECTION_REGISTER, "correction.register", req,
	    _("申出を受け付けています…"), &r) != 0) {
		net_reply_clear(&r);
		return;
	}
	c = json_object_get(r.body, "correction");
	disclosure_authority(a, r.body);
	if (json_is_object(c)) {
		received = json_deep_copy(c);	/* the reply is wiped */
		form_clear(&form);
		app_message(a, 0, "");
	} else
		app_message(a, 1, _("サーバの応答が正しくありません"));
	net_reply_clear(&r);
}

static void
offer_key(struct app *a, const struct ui_key *k)
{
	switch (print_reason_key(a, &reason, k)) {
	case PRINT_REASON_CANCELLED:
		app_message(a, 0, _("受付書は印刷していません。申出を選んで F8 で"
		    "印刷できます"));
		break;
	case PRINT_REASON_GIVEN:
		disclosure_print_receipt(a, received, reason.text);
		break;
	default:
		return;
	}
	app_go_saying(a, &screen_disclosure);
}

static void
correction_key(struct app *a, const struct ui_key *k)
{
	if (received != NULL)
		offer_key(a, k);
	else if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_disclosure);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3)
		next_kind();
	else if (k->fkey == 4)
		next_item();
	else if (k->special == UI_ENTER)
		submit(a);
	else
		form_key(&form, k);
}

const struct screen screen_correction = {
	.name = "correction",
	.title = N_("訂正等の申出の受付"),
	.keys = N_("F1 ヘルプ F3 種類 F4 項目 Tab/↑↓ 項目間 Enter 受付 "
	    "F10 戻る F12 ロック"),
	.act_roles = ROLE_CLERK,
	.look_keys = N_("F1 ヘルプ  F10 戻る  F12 ロック"),
	.help = N_("開示を受けた人からの本人確認情報の訂正・追加・削除の申出"
	    "を受け付けます\n(住民基本台帳法第30条の35)。\n"
	    "申出番号は申出書の番号です。F3 で種類、F4 で対象の項目を選び"
	    "ます。\n削除のときは申出の内容 (求める記載) を入力しません。\n"
	    "受け付けた申出は住所地の市町村長に通知されます。\n記録はこの申出"
	    "では変わらず、市町村の更新によって訂正されます。\n"
	    "受け付けたあと、申出者に渡す受付書を印刷できます。"),
	.enter = correction_enter,
	.leave = correction_leave,
	.draw = correction_draw,
	.key = correction_key,
	.resident = 1,
};
