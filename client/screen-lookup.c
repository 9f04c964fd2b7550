/*
 * The lookup form: by 住民票コード, 個人番号 or 4情報, always for a 事務
 * chosen from the server's list.  Input is checked as it is typed, so a
 * wrong check digit is seen before anything is sent.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "field.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/protocol.h"

enum method { BY_CODE, BY_KOJIN, BY_4JOHO, METHODS };
enum slot { F_CODE, F_KOJIN, F_KANA, F_BIRTH, F_ADDRESS, SLOTS };

static const char *const method_names[METHODS] = {
	N_("住民票コード"), N_("個人番号"), N_("4情報"),
};
static const char *const slot_labels[SLOTS] = {
	N_("住民票コード"), N_("個人番号"), N_("氏名(かな)"), N_("生年月日"),
	N_("住所(前方一致)"),
};

/* What a fresh form holds: the birth date and the address narrow a
 * 4情報 search and may be left out. */
static const struct field blank[SLOTS] = {
	[F_CODE] = { .max_chars = 11, .check = FIELD_JUMINHYO },
	[F_KOJIN] = { .max_chars = 12, .check = FIELD_KOJIN },
	[F_KANA] = { .max_chars = 40, .check = FIELD_KANA },
	[F_BIRTH] = { .max_chars = 20, .check = FIELD_DATE, .optional = 1 },
	[F_ADDRESS] = { .max_chars = 60, .optional = 1 },
};

static const enum slot method_slots[METHODS][4] = {
	[BY_CODE] = { F_CODE, SLOTS, SLOTS, SLOTS },
	[BY_KOJIN] = { F_KOJIN, SLOTS, SLOTS, SLOTS },
	[BY_4JOHO] = { F_KANA, F_BIRTH, F_ADDRESS, SLOTS },
};

static int
slot_count(const struct app *a)
{
	int n = 0;

	while (n < 4 && method_slots[a->form.method][n] != SLOTS)
		n++;
	return n;
}

void
lookup_form_reset(struct lookup_form *f)
{
	explicit_bzero(f, sizeof *f);
	f->jimu = -1;	/* a 事務 is chosen by the clerk, never assumed */
	for (int i = 0; i < SLOTS; i++)
		f->fields[i] = blank[i];
}

/* What was typed names a resident: it goes when the form is left. */
static void
lookup_leave(struct app *a)
{
	for (int i = 0; i < SLOTS; i++)
		field_clear(&a->form.fields[i]);
	a->form.focus = 0;	/* an empty form starts at its first field */
}

/* The server's 事務 list, fetched once a session. */
static void
lookup_enter(struct app *a)
{
	struct net_reply r;
	json_t *list;

	if (a->jimu != NULL)
		return;
	net_call(a->net, PATH_JIMU, NULL, &r);
	list = json_object_get(r.body, "jimu");
	if (r.status == NET_OK && json_is_array(list) &&
	    json_array_size(list) > 0)
		a->jimu = json_deep_copy(list);	/* the reply is wiped */
	else
		app_explain(a, &r);
	net_reply_clear(&r);
}

static const char *
jimu_name(const struct app *a)
{
	json_t *j = json_array_get(a->jimu, (size_t)a->form.jimu);

	return j == NULL ? _("(選択してください: F4)") : json_text(j, "name");
}

static void
lookup_draw(struct app *a, int top, int rows, int cols)
{
	char line[512];
	int row = top + 1;

	(void)rows;
	snprintf(line, sizeof line, "%s: %s", _("事務 (F4 で切替)"), jimu_name(a));
	ui_put(row, 2, cols - 4, line, a->form.jimu < 0 ? UI_ERROR : UI_BOLD);
	snprintf(line, sizeof line, "%s: %s", _("検索方法 (F3 で切替)"),
	    _(method_names[a->form.method]));
	ui_put(row + 1, 2, cols - 4, line, UI_BOLD);
	row += 3;
	for (int i = 0; i < slot_count(a); i++, row += 2) {
		enum slot s = method_slots[a->form.method][i];

		field_draw_checked(&a->form.fields[s], _(slot_labels[s]),
		    i == a->form.focus, row, 2, 18, 32, cols - 2);
	}
	if (a->form.method == BY_4JOHO) {
		static const char *const sexes[] = {
			N_("指定なし"), N_("男"), N_("女")
		};
		snprintf(line, sizeof line, "%s: %s", _("性別 (F5 で切替)"),
		    _(sexes[a->form.sex]));
		ui_put(row, 2, cols - 4, line, UI_PLAIN);
		ui_put(row + 1, 2, cols - 4, _("生年月日は 西暦 (1980-05-06) "
		    "でも 和暦 (S55.5.6、昭和55年5月6日) でも入力できます。"),
		    UI_DIM);
	}
}

/* The request of the chosen method, or NULL with the reason shown. */
static json_t *
request(struct app *a, const char **path)
{
	const char *jimu = json_text(json_array_get(a->jimu,
	    (size_t)a->form.jimu), "code");
	char birth[JDATE_ISO_LEN + 1] = "";
	json_t *req;

	for (int i = 0; i < slot_count(a); i++) {
		enum slot s = method_slots[a->form.method][i];
		const char *why = field_problem(&a->form.fields[s]);

		if (why != NULL) {
			char text[256];
			snprintf(text, sizeof text, "%s: %s", _(slot_labels[s]),
			    _(why));
			app_message(a, 1, text);
			a->form.focus = i;
			return NULL;
		}
	}
	switch (a->form.method) {
	case BY_CODE:
		/* The whole record with its history, in one provision. */
		*path = PATH_RESIDENT;
		return json_pack("{s:s, s:s}", "jimu", jimu, "juminhyo_code",
		    a->form.fields[F_CODE].text);
	case BY_KOJIN:
		*path = PATH_LOOKUP_KOJIN;
		return json_pack("{s:s, s:s}", "jimu", jimu, "kojin_bango",
		    a->form.fields[F_KOJIN].text);
	default:
		break;
	}
	*path = PATH_LOOKUP_4JOHO;
	req = json_pack("{s:s, s:s}", "jimu", jimu, "name_kana",
	    a->form.fields[F_KANA].text);
	if (a->form.fields[F_BIRTH].text[0] != '\0' &&
	    jdate_typed_to_iso(a->form.fields[F_BIRTH].text, birth,
	    sizeof birth) == 0)
		json_object_set_new(req, "birth_date", json_string(birth));
	if (a->form.sex != 0)
		json_object_set_new(req, "sex", json_integer(a->form.sex));
	if (a->form.fields[F_ADDRESS].text[0] != '\0')
		json_object_set_new(req, "address",
		    json_string(a->form.fields[F_ADDRESS].text));
	return req;
}

static void
submit(struct app *a)
{
	static const char *const actions[METHODS] = {
		"resident.view", "lookup.kojin", "lookup.4joho"
	};
	struct net_reply r;
	const char *path = NULL;
	json_t *req;

	if (a->form.jimu < 0) {
		app_message(a, 1, _("事務を選択してください (F4)"));
		return;
	}
	if ((req = request(a, &path)) == NULL)
		return;
	app_busy(a, _("照会中…"));
	net_call(a->net, path, req, &r);
	json_wipe(req);
	app_log(a, actions[a->form.method], &r);
	if (r.status != NET_OK) {
		app_explain(a, &r);
		net_reply_clear(&r);
		return;
	}
	a->conn = CONN_OK;
	app_message(a, 0, "");
	snprintf(a->shown.jimu, sizeof a->shown.jimu, "%s",
	    json_text(json_array_get(a->jimu, (size_t)a->form.jimu), "code"));
	/* The answer moves to the result screen, which wipes it. */
	if (a->form.method == BY_4JOHO) {
		a->shown.candidates = r.body;
		r.body = NULL;
		net_reply_clear(&r);
		app_go(a, &screen_candidates);
	} else {
		a->shown.resident = r.body;
		r.body = NULL;
		net_reply_clear(&r);
		app_go(a, &screen_resident);
	}
}

static void
lookup_key(struct app *a, const struct ui_key *k)
{
	int n = slot_count(a);

	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3) {
		a->form.method = (a->form.method + 1) % METHODS;
		a->form.focus = 0;
	} else if (k->fkey == 4 && a->jimu != NULL)
		a->form.jimu = (a->form.jimu + 1) %
		    (int)json_array_size(a->jimu);
	else if (k->fkey == 5 && a->form.method == BY_4JOHO)
		a->form.sex = (a->form.sex + 1) % 3;
	else if (k->special == UI_TAB || k->special == UI_DOWN)
		a->form.focus = (a->form.focus + 1) % n;
	else if (k->special == UI_BACKTAB || k->special == UI_UP)
		a->form.focus = (a->form.focus + n - 1) % n;
	else if (k->special == UI_ENTER)
		submit(a);
	else
		field_key(&a->form.fields[method_slots[a->form.method][a->form.focus]], k);
}

const struct screen screen_lookup = {
	.name = "lookup",
	.title = N_("住民の検索・照会"),
	.keys = N_("F1 ヘルプ F2 ログアウト F3 方法 F4 事務 F5 性別 "
	    "Enter 照会 F10 戻る F12 ロック"),
	.help = N_("事務: 照会の目的です。必ず選びます (F4 で切り替え)。\n"
	    "検索方法: 住民票コード、個人番号、4情報 (F3 で切り替え)。\n"
	    "住民票コードは11桁、個人番号は12桁で、チェックデジットを入力中に"
	    "確かめます。\n"
	    "4情報: 氏名のかなは必須です。濁点・半濁点・小さい文字の違いは"
	    "区別されません。\n"
	    "生年月日は 西暦 でも 和暦 (S55.5.6 など) でも入力できます。\n"
	    "Enter で照会、F10 または Esc でメニューに戻ります。"),
	.enter = lookup_enter,
	.leave = lookup_leave,
	.draw = lookup_draw,
	.key = lookup_key,
};
