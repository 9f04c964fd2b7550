/*
 * The lock screen: after the idle time or F12.  Resident data is already
 * wiped; the screen shows only who is logged in and the time.  The same
 * operator unlocks with their finger (or their PIN, where allowed);
 * anyone else can only end the session, which the server logs.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "field.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "width.h"

static struct field pin = { .max_chars = 16, .secret = 1 };
static struct auth au;

static void
lock_enter(struct app *a)
{
	(void)a;
	field_clear(&pin);
	auth_clear(&au);
}

static void
lock_leave(struct app *a)
{
	(void)a;
	field_clear(&pin);
	auth_clear(&au);
}

static void
centred(int row, int cols, const char *text, enum ui_attr attr)
{
	int w = width_of(text);

	ui_put(row, w < cols ? (cols - w) / 2 : 0, w < cols ? w : cols, text,
	    attr);
}

static void
lock_draw(struct app *a, int top, int rows, int cols)
{
	char clock[16];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	ui_cursor(-1, 0);
	centred(top + rows / 2 - 3, cols, _("画面ロック中"), UI_BOLD);
	centred(top + rows / 2 - 1, cols, a->operator_name, UI_PLAIN);
	centred(top + rows / 2 + 1, cols, clock, UI_PLAIN);
	if (au.pin)
		field_draw(&pin, top + rows / 2 + 3, (cols - 48) / 2,
		    _("暗証番号"), 1);
	ui_put(rows - 3, 1, cols - 2, a->message, a->message_error ?
	    UI_ERROR : UI_PLAIN);
	ui_put(rows - 1, 0, cols, au.pin ? _("Enter 解除  Esc 戻る  F10 "
	    "セッション終了") : _("Enter 指紋で解除  F10 セッション終了"),
	    UI_PLAIN);
}

static void
report(struct app *a, enum auth_outcome outcome)
{
	struct net_reply r;

	auth_report(a, &au, PATH_UNLOCK, outcome,
	    outcome == AUTH_PIN ? pin.text : NULL, &r);
	field_clear(&pin);
	app_log(a, "unlock", &r);
	if (r.status == NET_OK)
		app_unlocked(a, r.body);
	else if (r.status == NET_REFUSED && strcmp(r.error, "E_LOCKED") == 0)
		a->session_over = 1;	/* the ID is locked: so is the session */
	net_reply_clear(&r);
}

static void
lock_key(struct app *a, const struct ui_key *k)
{
	if (k->fkey == 10) {
		/* Another operator needs the terminal: this session ends, on
		 * the server's record too. */
		app_logout(a);
		app_message(a, 0, _("ロック中のセッションを終了しました"));
	} else if (au.pin && k->special == UI_ESC) {
		auth_clear(&au);
		field_clear(&pin);
	} else if (k->special == UI_ENTER && au.pin) {
		report(a, AUTH_PIN);
	} else if (k->special == UI_ENTER) {
		if (auth_begin(a, &au, a->operator_id) == 0 && !au.pin)
			report(a, auth_scan(a, &au));
	} else if (au.pin)
		field_key(&pin, k);
}

const struct screen screen_lock = {
	.name = "lock",
	.title = N_("画面ロック中"),
	.keys = N_("Enter 指紋で解除  F10 セッション終了"),
	.help = N_("画面はロックされています。ログインしている操作者が Enter を"
	    "押して指を置くと、元の画面に戻ります。\n"
	    "別の操作者が使うときは F10 でこのセッションを終了してください。"
	    "終了したことは記録されます。"),
	.enter = lock_enter,
	.leave = lock_leave,
	.draw = lock_draw,
	.key = lock_key,
	.bare = 1,
};
