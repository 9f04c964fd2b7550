/*
 * The main menu: only what the operator's role may do (the server refuses
 * the rest anyway), and on a demo terminal the trainers' exercises, for
 * every role, last so the numbers of the others stay those of production.
 */
#include <stdio.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"

struct item {
	const char *label;	/* message id */
	unsigned roles;
	const struct screen *screen;
	int demo;		/* on a demo terminal only */
};

static const struct item items[] = {
	{ N_("住民の検索・照会"), ROLE_CLERK, &screen_lookup, 0 },
	{ N_("開示請求"), ROLE_CLERK, &screen_disclosures, 0 },
	{ N_("操作者名簿"), ROLE_ADMIN | ROLE_AUDITOR, &screen_roster, 0 },
	{ N_("照合ID付与申請の登録"), ROLE_ADMIN, &screen_application, 0 },
	{ N_("申請の承認・照合IDの発行"), ROLE_ADMIN, &screen_applications,
	    0 },
	{ N_("帳票管理簿"), ROLE_CLERK | ROLE_ADMIN | ROLE_AUDITOR,
	    &screen_ledger, 0 },
	{ N_("警告"), ROLE_ADMIN, &screen_alerts, 0 },
	{ N_("監査ログ"), ROLE_ADMIN | ROLE_AUDITOR, &screen_audit, 0 },
	{ N_("研修の課題"), ANY_ROLE, &screen_exercises, 1 },
};

#define NITEMS ((int)(sizeof items / sizeof items[0]))

static int
visible(const struct app *a, int i)
{
	return (items[i].roles & a->roles) != 0 &&
	    (!items[i].demo || a->demo);
}

static void
menu_draw(struct app *a, int top, int rows, int cols)
{
	char line[256];
	int shown = 0;

	(void)rows;
	ui_cursor(-1, 0);
	for (int i = 0; i < NITEMS; i++) {
		if (!visible(a, i))
			continue;
		shown++;
		snprintf(line, sizeof line, "%d. %s", shown, _(items[i].label));
		ui_put(top + 1 + shown, 4, cols - 8, line, UI_PLAIN);
	}
	if (shown == 0)
		ui_put(top + 2, 4, cols - 8, _("この役割でこの端末からできる業務は"
		    "まだありません。"), UI_PLAIN);
	else
		ui_put(top + 1, 4, cols - 8, _("番号を押して業務を選んでください。"),
		    UI_PLAIN);
}

static void
menu_key(struct app *a, const struct ui_key *k)
{
	int chosen = k->text[0] >= '1' && k->text[0] <= '9' && !k->text[1] ?
	    k->text[0] - '0' : 0;

	if (k->fkey == 2) {
		app_logout(a);
		return;
	}
	for (int i = 0, n = 0; i < NITEMS && chosen > 0; i++)
		if (visible(a, i) && ++n == chosen) {
			app_go(a, items[i].screen);
			return;
		}
}

const struct screen screen_menu = {
	.name = "menu",
	.title = N_("業務メニュー"),
	.keys = N_("F1 ヘルプ  数字 業務を選ぶ  F2 ログアウト  F12 ロック"),
	.help = N_("操作者の役割で認められた業務だけが表示されます。\n"
	    "番号のキーで業務を選びます。F2 でログアウトします。\n"
	    "F12 で画面をロックします。何も操作しない時間が続いたときも"
	    "ロックされます。"),
	.draw = menu_draw,
	.key = menu_key,
};
