/*
 * A form of a disclosure on the screen before it is printed: the lines
 * the paper will have, built once from the server's answer and drawn
 * here as the printout lays them out.  The clerk checks them, gives the
 * reason and prints exactly those.  The answer (the resident's record,
 * a provision itself) is wiped once the form is built, the form when
 * the screen is left.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "disclosure-print.h"
#include "form-disclosure.h"
#include "form-provisions.h"
#include "form-view.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "print.h"

static struct form_lines lines;
static char form[16];		/* "disclosure" or "provisions" */
static char subject[32];	/* the request's number */
static struct field reason = { .max_chars = 40 };
static int asking_reason;
static int scroll;

/* The answer for the form, or NULL with the reason shown. */
static json_t *
fetch(struct app *a, int notice)
{
	struct net_reply r;
	json_t *body = NULL;

	if (app_call(a, notice ? PATH_DISCLOSURE_SHOW :
	    PATH_DISCLOSURE_PROVISIONS, notice ? "disclosure.show" :
	    "disclosure.provisions", json_pack("{s:s}", "request_no", subject),
	    _("帳票の内容を読み込んでいます…"), &r) == 0) {
		body = r.body;
		r.body = NULL;
	}
	net_reply_clear(&r);
	return body;
}

static int
build(struct app *a, int notice, const json_t *body)
{
	const char *authority = disclosure_authority(a, body);
	struct jdate today;

	form_today(&today);
	if (notice)
		return form_disclosure_build(&lines, body, &today);
	return form_provisions_build(&lines, body, authority, &today);
}

int
form_preview_open(struct app *a, const char *which)
{
	int notice = strcmp(which, "disclosure") == 0;
	json_t *body;
	int rc;

	form_lines_free(&lines);
	snprintf(form, sizeof form, "%s", which);
	snprintf(subject, sizeof subject, "%s", json_text(a->disc.request,
	    "request_no"));
	if ((body = fetch(a, notice)) == NULL)
		return -1;
	rc = build(a, notice, body);
	json_wipe(body);
	if (rc != 0) {
		form_lines_free(&lines);
		app_message(a, 1, _("帳票を作成できませんでした"));
		return -1;
	}
	app_go(a, &screen_form_preview);
	app_message(a, 0, _("内容を確認し、F6 で印刷してください"));
	return 0;
}

static void
preview_enter(struct app *a)
{
	(void)a;
	scroll = 0;
	asking_reason = 0;
}

static void
preview_leave(struct app *a)
{
	(void)a;
	form_lines_free(&lines);
	field_clear(&reason);
	asking_reason = 0;
}

static void
preview_draw(struct app *a, int top, int rows, int cols)
{
	struct page p = { top + 1, rows - 1, cols, 0, scroll };

	(void)a;
	if (asking_reason)
		field_draw(&reason, top, 2, _("印刷の理由"), 1);
	else {
		ui_cursor(-1, 0);
		ui_put(top, 2, cols - 4, _("― 印刷される内容 (帳票番号・操作者・"
		    "端末・日時は各ページの下に印字されます) ―"), UI_DIM);
	}
	form_view_draw(&lines, &p);
	scroll = page_scroll_end(&p);
}

/* Printed, or not: back to the request either way, the form wiped, the
 * outcome still said. */
static void
print(struct app *a)
{
	disclosure_print(a, form, subject, &lines, reason.text);
	app_go_saying(a, &screen_disclosure);
}

/* ↑↓ still scroll the form while its reason is typed. */
static void
reason_key(struct app *a, const struct ui_key *k)
{
	if (page_scroll_key(&scroll, k))
		return;
	switch (print_reason_key(a, &reason, k)) {
	case PRINT_REASON_CANCELLED:
		field_clear(&reason);
		asking_reason = 0;
		app_message(a, 0, _("取り消しました"));
		break;
	case PRINT_REASON_GIVEN:
		print(a);
		break;
	default:
		break;
	}
}

static void
preview_key(struct app *a, const struct ui_key *k)
{
	if (asking_reason)
		reason_key(a, k);
	else if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_disclosure);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 6) {
		asking_reason = 1;
		app_message(a, 0, _("印刷の理由を入力して Enter を押してください"));
	} else
		page_scroll_key(&scroll, k);
}

const struct screen screen_form_preview = {
	.name = "form-preview",
	.title = N_("帳票の確認"),
	.keys = N_("F1 ヘルプ  ↑↓ PgUp/PgDn 移動  F6 印刷  F10 戻る  "
	    "F12 ロック"),
	.help = N_("印刷する帳票の内容です。紙には、この画面と同じ行が印刷"
	    "されます。\n"
	    "内容を確かめてから F6 を押し、印刷の理由を入力して Enter で印刷"
	    "します。\n帳票番号が付けられ、帳票管理簿に記録されます。\n"
	    "開示決定通知書を表示するたびに、その住民の本人確認情報の提供と"
	    "して記録されます。\n"
	    "F10 または Esc で戻ると、表示した情報はメモリから消去されます。"),
	.enter = preview_enter,
	.leave = preview_leave,
	.draw = preview_draw,
	.key = preview_key,
	.resident = 1,
};
