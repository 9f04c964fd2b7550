#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "print.h"
#include "spool.h"

#define PRINT_TIMEOUT_S 60

/* The serial and the mark every page carries, from prints/begin. */
static int
begin(struct app *a, const char *form, const char *subject,
    const char *reason, struct net_reply *r)
{
	json_t *req = json_pack("{s:s, s:s}", "form", form, "reason", reason);

	if (subject != NULL)
		json_object_set_new(req, "subject", json_string(subject));
	return app_call(a, PATH_PRINT_BEGIN, "print.begin", req,
	    _("帳票番号を受け取っています…"), r);
}

/* The ledger learns how it ended; a report lost leaves the form
 * "issued" there, which an audit sees. */
static int
finish(struct app *a, const char *serial, enum spool_result res)
{
	struct net_reply r;
	int rc;

	rc = app_call(a, PATH_PRINT_FINISH, "print.finish", json_pack(
	    "{s:s, s:s, s:s}", "serial", serial, "result",
	    res == SPOOL_PRINTED ? "printed" : "failed", "detail",
	    spool_result_name(res)), _("印刷の結果を記録しています…"), &r);
	net_reply_clear(&r);
	return rc;
}

static enum spool_result
render_and_spool(struct app *a, const struct printout_mark *mark,
    print_body body, void *arg)
{
	struct spool_wait w = { app_poll, a, PRINT_TIMEOUT_S };
	struct printout *p = printout_new(mark);
	unsigned char *pdf;
	size_t len;
	enum spool_result res;

	if (p == NULL)
		return SPOOL_FAILED;
	if (body(a, p, arg) != 0) {
		/* Still finished, to free it; nothing is spooled. */
		if (printout_finish(p, &pdf, &len) == 0)
			printout_free_pdf(pdf, len);
		return SPOOL_FAILED;
	}
	if (printout_finish(p, &pdf, &len) != 0)
		return SPOOL_FAILED;
	app_busy(a, _("印刷しています…"));
	res = spool_pdf(a->cfg.printer, mark->title, pdf, len, &w);
	printout_free_pdf(pdf, len);
	return res;
}

int
print_form(struct app *a, const char *form, const char *subject,
    const char *title, const char *reason, print_body body, void *arg)
{
	struct printout_mark mark = { .title = title };
	struct net_reply r;
	enum spool_result res;
	char serial[32], issued[32], text[512];

	if (a->cfg.printer[0] == '\0') {
		app_message(a, 1, _("この端末にはプリンタが設定されていません"));
		return -1;
	}
	if (!a->can_print) {
		app_message(a, 1, _("日本語のフォントがないため印刷できません"));
		return -1;
	}
	if (begin(a, form, subject, reason, &r) != 0) {
		net_reply_clear(&r);
		return -1;
	}
	snprintf(serial, sizeof serial, "%s", json_text(r.body, "serial"));
	mark.serial = serial;
	mark.operator_id = json_text(r.body, "operator_id");
	mark.terminal_id = json_text(r.body, "terminal_id");
	local_time(json_text(r.body, "issued_at"), issued, sizeof issued);
	mark.time = issued;
	mark.training = json_is_true(json_object_get(r.body, "training"));
	res = render_and_spool(a, &mark, body, arg);
	net_reply_clear(&r);
	if (finish(a, serial, res) != 0)
		snprintf(text, sizeof text, _("%s (帳票番号 %s の結果をサーバに"
		    "記録できませんでした。管理者に連絡してください)"),
		    spool_message(res), serial);
	else if (res == SPOOL_PRINTED)
		snprintf(text, sizeof text, _("帳票番号 %s: %s"), serial,
		    spool_message(res));
	else
		snprintf(text, sizeof text, _("%s (帳票番号 %s は未印刷として"
		    "記録しました)"), spool_message(res), serial);
	app_message(a, res != SPOOL_PRINTED, text);
	app_log(a, res == SPOOL_PRINTED ? "print.done" : "print.failed",
	    NULL);
	return res == SPOOL_PRINTED ? 0 : -1;
}

enum print_reason
print_reason_key(struct app *a, struct field *reason, const struct ui_key *k)
{
	if (k->special == UI_ESC || k->fkey == 10)
		return PRINT_REASON_CANCELLED;
	if (k->special != UI_ENTER)
		field_key(reason, k);
	else if (reason->text[0] == '\0')
		app_message(a, 1, _("印刷の理由を入力してください"));
	else
		return PRINT_REASON_GIVEN;
	return PRINT_REASON_TYPED;
}
