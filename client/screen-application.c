/*
 * Registering a 照合ID付与申請 as it arrived on paper: its number, who the
 * operator is, the roles and validity asked for, and who asked.  The
 * server checks it; roles of administrator or auditor then wait for a
 * second administrator's approval.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/protocol.h"
#include "roles.h"

enum slot { F_NO, F_NAME, F_KANA, F_AFFILIATION, F_FROM, F_UNTIL,
    F_REQUESTED_BY, SLOTS };

static struct field fields[SLOTS] = {
	[F_NO] = { .max_chars = 31 },
	[F_NAME] = { .max_chars = 32 },
	[F_KANA] = { .max_chars = 32 },
	[F_AFFILIATION] = { .max_chars = 32 },
	[F_FROM] = { .max_chars = 20 },
	[F_UNTIL] = { .max_chars = 20 },
	[F_REQUESTED_BY] = { .max_chars = 32 },
};
static const char *const labels[SLOTS] = {
	N_("申請番号"), N_("氏名"), N_("ふりがな"), N_("所属"),
	N_("有効期間開始"), N_("有効期限"), N_("申請者"),
};
static struct form form = { fields, labels, SLOTS, 0 };
static unsigned roles;

static void
application_enter(struct app *a)
{
	(void)a;
	form_clear(&form);
	roles = ROLE_CLERK;
}

static void
application_leave(struct app *a)
{
	(void)a;
	form_clear(&form);
}

static void
application_draw(struct app *a, int top, int rows, int cols)
{
	int row;

	(void)a;
	(void)rows;
	ui_put(top + 1, 2, cols - 4, _("照合ID付与申請書の内容を入力して Enter "
	    "で登録してください。"), UI_PLAIN);
	row = form_draw(&form, top + 3, 2);
	roles_draw(roles, row, 2, cols - 4);
	ui_put(row + 2, 2, cols - 4, _("日付は 西暦 (2027-03-31) でも 和暦 "
	    "(R9.3.31) でも入力できます。空欄の開始日は今日、空欄の期限は"
	    "期限なしです。"), UI_DIM);
}

/* An optional date as "YYYY-MM-DD" into iso ("" when empty); -1 if it
 * cannot be read. */
static int
date_field(enum slot s, char *iso, size_t isosz)
{
	iso[0] = '\0';
	if (fields[s].text[0] == '\0')
		return 0;
	return jdate_typed_to_iso(fields[s].text, iso, isosz);
}

/* What is missing or wrong, shown with the field in focus, or NULL. */
static json_t *
request(struct app *a)
{
	static const enum slot required[] = { F_NO, F_NAME, F_KANA,
	    F_AFFILIATION, F_REQUESTED_BY };
	char from[JDATE_ISO_LEN + 1], until[JDATE_ISO_LEN + 1], text[256];

	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (fields[required[i]].text[0] == '\0') {
			snprintf(text, sizeof text, _("%s を入力してください"),
			    _(labels[required[i]]));
			app_message(a, 1, text);
			form.focus = (int)required[i];
			return NULL;
		}
	if (date_field(F_FROM, from, sizeof from) != 0 ||
	    date_field(F_UNTIL, until, sizeof until) != 0) {
		app_message(a, 1, _("日付が正しくありません"));
		return NULL;
	}
	if (roles == 0) {
		app_message(a, 1, _("役割を選んでください (F3–F6)"));
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}",
	    "application_no", fields[F_NO].text, "name", fields[F_NAME].text,
	    "kana", fields[F_KANA].text, "affiliation",
	    fields[F_AFFILIATION].text, "roles", roles_json(roles),
	    "valid_from", from, "valid_until", until, "requested_by",
	    fields[F_REQUESTED_BY].text);
}

static void
submit(struct app *a)
{
	struct net_reply r;
	char text[256];
	json_t *req;

	if ((req = request(a)) == NULL)
		return;
	if (app_call(a, PATH_APPLICATION_REGISTER, "application.register", req,
	    _("申請を登録しています…"), &r) == 0) {
		snprintf(text, sizeof text, strcmp(json_text(r.body, "state"),
		    "awaiting-approval") == 0 ? _("申請 %s を登録しました。別の"
		    "管理者の承認を待っています") : _("申請 %s を登録しました。"
		    "照合IDを発行できます"), fields[F_NO].text);
		app_message(a, 0, text);
		form_clear(&form);
		roles = ROLE_CLERK;
	}
	net_reply_clear(&r);
}

static void
application_key(struct app *a, const struct ui_key *k)
{
	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->special == UI_ENTER)
		submit(a);
	else if (!roles_key(&roles, k))
		form_key(&form, k);
}

const struct screen screen_application = {
	.name = "application",
	.title = N_("照合ID付与申請の登録"),
	.keys = N_("F1 ヘルプ Tab/↑↓ 項目 F3–F6 役割 Enter 登録 F10 戻る "
	    "F12 ロック"),
	.help = N_("照合ID付与申請書の内容を登録します。\n"
	    "申請番号は申請書の番号です。同じ番号は二度登録できません。\n"
	    "役割は F3 窓口担当、F4 システム管理者、F5 監査担当、F6 研修担当 "
	    "で選びます。業務に必要な役割だけを選んでください。\n"
	    "システム管理者または監査担当を含む申請は、登録した管理者とは別の"
	    "管理者が承認するまで照合IDを発行できません。"),
	.enter = application_enter,
	.leave = application_leave,
	.draw = application_draw,
	.key = application_key,
};
