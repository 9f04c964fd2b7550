/*
 * Registering an operator's 照合情報: the administrator chooses a finger,
 * the operator places it until the reader has every stage, then once more
 * to check the new print verifies.  A second finger may follow.  Only
 * checked prints are sent, all in one request: a reader failing midway
 * leaves the server as it was.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "reader.h"
#include "roster-labels.h"

struct enrolled {
	const char *finger;	/* a code of roster_fingers */
	unsigned char *print;
	size_t len;
};

static struct enrolled done[PROTOCOL_MAX_FINGERS];
static int ndone;
static struct pick choice;
static int choosing;	/* the finger list is shown, else what is done */

static void
forget_prints(void)
{
	for (int i = 0; i < ndone; i++) {
		munlock(done[i].print, done[i].len);
		reader_free_print(done[i].print, done[i].len);
	}
	explicit_bzero(done, sizeof done);
	ndone = 0;
}

static void
enrol_enter(struct app *a)
{
	forget_prints();
	choice = (struct pick){ 1, 0 };	/* right index: the usual finger */
	choosing = 1;
	if (a->reader == NULL)
		app_message(a, 1, reader_message(READER_NONE, 0));
}

static void
enrol_leave(struct app *a)
{
	forget_prints();
	explicit_bzero(a->roster.document, sizeof a->roster.document);
}

static int
taken(const char *finger)
{
	for (int i = 0; i < ndone; i++)
		if (done[i].finger == finger)
			return 1;
	return 0;
}

static void
draw_choice(int top, int rows, int cols)
{
	char line[128];

	ui_put(top + 1, 2, cols - 4, _("登録する指を ↑↓ で選び、Enter を押して"
	    "ください。"), UI_PLAIN);
	for (int i = 0; roster_fingers[i].code != NULL && i < rows - 4; i++) {
		snprintf(line, sizeof line, "  %s%s",
		    label_at(roster_fingers, i),
		    taken(roster_fingers[i].code) ? _(" (登録済み)") : "");
		ui_put(top + 3 + i, 4, 32, line, i == choice.selected ?
		    UI_REVERSE : UI_PLAIN);
	}
}

static void
draw_done(int top, int cols)
{
	char line[128];

	for (int i = 0; i < ndone; i++) {
		snprintf(line, sizeof line, _("%d本目: %s (照合を確認済み)"),
		    i + 1, label_of(roster_fingers, done[i].finger));
		ui_put(top + 1 + i, 4, cols - 8, line, UI_BOLD);
	}
	ui_put(top + 4, 4, cols - 8, _("Enter: この内容で保存します"),
	    UI_PLAIN);
	if (ndone < PROTOCOL_MAX_FINGERS)
		ui_put(top + 5, 4, cols - 8, _("F5: もう1本の指を登録します "
		    "(けがで最初の指を使えないときのため)"), UI_PLAIN);
	ui_put(top + 6, 4, cols - 8, _("Esc: 保存せずに取り消します"), UI_PLAIN);
}

static void
enrol_draw(struct app *a, int top, int rows, int cols)
{
	char line[256];

	ui_cursor(-1, 0);
	snprintf(line, sizeof line, _("照合ID %s の指紋を登録します"),
	    a->roster.operator_id);
	ui_put(top, 2, cols - 4, line, UI_BOLD);
	if (choosing)
		draw_choice(top + 1, rows - 1, cols);
	else
		draw_done(top + 1, cols);
}

/* Each stage done shows as a box filled. */
static void
stage(void *arg, int done_stages, int total)
{
	char line[256], bar[64] = "";
	size_t len = 0;

	for (int i = 0; i < total && len + 4 < sizeof bar; i++) {
		snprintf(bar + len, sizeof bar - len, "%s", i < done_stages ?
		    "■" : "□");
		len = strlen(bar);
	}
	snprintf(line, sizeof line, _("読み取り %d/%d %s 指を離して、もう一度"
	    "置いてください"), done_stages, total, bar);
	app_busy(arg, line);
}

/* The new print must verify before it counts. */
static enum reader_result
check(struct app *a, const unsigned char *print, size_t len)
{
	struct reader_wait w = { .poll = app_poll, .arg = a,
	    .timeout_s = a->cfg.reader_timeout };
	enum reader_retry retry = READER_RETRY_GENERAL;
	enum reader_result res;

	app_busy(a, _("確認のため、同じ指をもう一度置いてください"));
	while ((res = reader_verify(a->reader, print, len, &w, &retry)) ==
	    READER_RETRY)
		app_busy(a, reader_message(res, retry));
	if (res != READER_MATCH)
		app_message(a, 1, res == READER_NO_MATCH ? _("確認の指紋が一致"
		    "しません。はじめから登録し直してください") :
		    reader_message(res, retry));
	return res;
}

static void
scan_and_check(struct app *a, const char *finger)
{
	struct reader_wait w = { .poll = app_poll, .stage = stage, .arg = a,
	    .timeout_s = a->cfg.reader_timeout };
	unsigned char *print = NULL;
	size_t len = 0;
	enum reader_result res;

	app_busy(a, _("登録する指を読み取り装置に置いてください"));
	res = a->reader == NULL ? READER_NONE :
	    reader_enroll(a->reader, a->roster.operator_id, &w, &print, &len);
	if (res != READER_ENROLLED) {
		app_message(a, 1, reader_message(res, 0));
		app_log(a, "enrol.scan", NULL);
		return;
	}
	if (check(a, print, len) != READER_MATCH) {
		reader_free_print(print, len);
		app_log(a, "enrol.check", NULL);
		return;
	}
	(void)mlock(print, len);
	done[ndone++] = (struct enrolled){ finger, print, len };
	choosing = 0;
	app_message(a, 0, _("指紋を読み取り、照合を確認しました"));
}

/* The finger scanned is the new operator's: a demo terminal's simulated
 * finger must be theirs. */
static void
scan(struct app *a, const char *finger)
{
	snprintf(a->scanning, sizeof a->scanning, "%s", a->roster.operator_id);
	scan_and_check(a, finger);
	a->scanning[0] = '\0';
}

static json_t *
request(const struct app *a)
{
	json_t *req = json_pack("{s:s, s:[]}", "operator_id",
	    a->roster.operator_id, "prints");
	json_t *prints = json_object_get(req, "prints");

	for (int i = 0; i < ndone; i++) {
		gchar *b64 = g_base64_encode(done[i].print, done[i].len);
		json_array_append_new(prints, json_pack("{s:s, s:s}",
		    "finger", done[i].finger, "print", b64));
		explicit_bzero(b64, strlen(b64));
		g_free(b64);
	}
	if (a->roster.document[0] != '\0')
		json_object_set_new(req, "document",
		    json_string(a->roster.document));
	return req;
}

static void
save(struct app *a)
{
	struct net_reply r;
	char text[128];

	if (app_call(a, PATH_OPERATOR_ENROL, "operator.enrol", request(a),
	    _("照合情報を登録しています…"), &r) == 0) {
		snprintf(text, sizeof text, _("照合ID %s の指紋を登録しました"),
		    a->roster.operator_id);
		app_go(a, &screen_operator);
		app_message(a, 0, text);
	}
	net_reply_clear(&r);
}

static void
choose(struct app *a)
{
	const char *finger = roster_fingers[choice.selected].code;

	if (taken(finger)) {
		app_message(a, 1, _("その指は登録済みです。別の指を選んでください"));
		return;
	}
	scan(a, finger);
}

static void
enrol_key(struct app *a, const struct ui_key *k)
{
	int nfingers = label_count(roster_fingers);

	if (k->special == UI_ESC || k->fkey == 10) {
		app_go(a, &screen_operator);
		app_message(a, 0, _("指紋の登録を取り消しました。何も保存して"
		    "いません"));
	} else if (choosing && k->special == UI_ENTER)
		choose(a);
	else if (choosing)
		pick_key(&choice, k, nfingers);
	else if (k->special == UI_ENTER)
		save(a);
	else if (k->fkey == 5 && ndone < PROTOCOL_MAX_FINGERS)
		choosing = 1;
}

const struct screen screen_enrol = {
	.name = "enrol",
	.title = N_("指紋の登録"),
	.keys = N_("F1 ヘルプ  ↑↓ 指を選ぶ  Enter 決定  F5 2本目  Esc 取消  "
	    "F12 ロック"),
	.help = N_("登録する操作者本人が読み取り装置に指を置きます。\n"
	    "読み取りは数回に分けて行います。画面の表示に従って指を置き直して"
	    "ください。\n"
	    "読み取った指紋は、もう一度指を置いて一致することを確かめてから"
	    "登録します。\n"
	    "けがに備えて2本目の指も登録できます (F5)。Enter で保存するまで、"
	    "サーバには何も送りません。\n"
	    "指紋を登録すると、それまでの指紋と暗証番号は使えなくなります。"),
	.enter = enrol_enter,
	.leave = enrol_leave,
	.draw = enrol_draw,
	.key = enrol_key,
};
