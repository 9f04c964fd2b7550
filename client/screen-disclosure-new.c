/*
 * Receiving a 本人確認情報開示請求書 as it arrived, at the counter or by
 * post: who asks (the person or a 法定代理人), the identity documents
 * checked, the statement to be matched (氏名, ふりがな, 生年月日, 性別,
 * 住所 and, if stated, the 住民票コード) and the fee.  Input is checked as
 * it is typed; the server matches the statement against the file and
 * says only whether it matched.  A refusal keeps the form as typed.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "disclosure-labels.h"
#include "field.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/protocol.h"

enum slot { F_NO, F_NAME, F_KANA, F_BIRTH, F_ADDRESS, F_CODE, F_AGENT,
    SLOTS };

/* The 住民票コード is matched only when the request states one. */
static struct field fields[SLOTS] = {
	[F_NO] = { .max_chars = 31 },
	[F_NAME] = { .max_chars = 32 },
	[F_KANA] = { .max_chars = 40, .check = FIELD_KANA },
	[F_BIRTH] = { .max_chars = 20, .check = FIELD_DATE },
	[F_ADDRESS] = { .max_chars = 60 },
	[F_CODE] = { .max_chars = 11, .check = FIELD_JUMINHYO,
	    .optional = 1 },
	[F_AGENT] = { .max_chars = 32 },
};
static const char *const labels[SLOTS] = {
	N_("受付番号"), N_("氏名"), N_("ふりがな"), N_("生年月日"), N_("住所"),
	N_("住民票コード(任意)"), N_("法定代理人の氏名"),
};

#define MAX_DOCS 16

static int channel, requester, sex, fee_paid;
static int checked[MAX_DOCS];	/* one an identity document */
static int focus;		/* a slot, then SLOTS + a document */

/* The identity documents the contract lists (ID_DOCUMENTS). */
static int
ndocs(void)
{
	int n = label_count(id_documents);

	return n < MAX_DOCS ? n : MAX_DOCS;
}

static int
by_agent(void)
{
	return strcmp(disclosure_requesters[requester].code,
	    "representative") == 0;
}

/* The slots and documents in the order Tab visits them; the agent's
 * name only when a 法定代理人 asks. */
static int
visible(int i)
{
	return i != F_AGENT || by_agent();
}

static void
clear(void)
{
	for (int i = 0; i < SLOTS; i++)
		field_clear(&fields[i]);
	explicit_bzero(checked, sizeof checked);
	channel = requester = sex = fee_paid = 0;
	focus = 0;
}

static void
new_enter(struct app *a)
{
	(void)a;
	clear();
}

/* The statement names a resident: it goes when the form is left. */
static void
new_leave(struct app *a)
{
	(void)a;
	clear();
}

static void
draw_choices(int row, int cols)
{
	static const char *const sexes[] = { N_("未選択"), N_("男"), N_("女") };
	char line[512];

	snprintf(line, sizeof line, "%s: %s   %s: %s   %s: %s   %s: %s",
	    _("受付方法 (F3)"), label_at(disclosure_channels, channel),
	    _("請求者 (F4)"), label_at(disclosure_requesters, requester),
	    _("性別 (F5)"), _(sexes[sex]), _("手数料 (F6)"), fee_paid ?
	    _("10円 受領済み") : _("未受領"));
	ui_put(row, 2, cols - 4, line, UI_BOLD);
}

/* One slot shown a row: label, field, and what is wrong (or ✓). */
static int
draw_fields(int row, int cols)
{
	for (int i = 0; i < SLOTS; i++)
		if (visible(i))
			field_draw_checked(&fields[i], _(labels[i]), i == focus,
			    row++, 2, 20, 40, cols - 2);
	return row;
}

/* The identity documents, two a row: [x] checked. */
static int
draw_documents(int row, int cols)
{
	char box[128];

	ui_put(row++, 2, cols - 4, _("本人確認書類 (Tab で選び Space で"
	    "切替、1つ以上)"), UI_PLAIN);
	for (int i = 0; i < ndocs(); i++) {
		snprintf(box, sizeof box, "[%s] %s", checked[i] ? "x" : " ",
		    label_at(id_documents, i));
		ui_put(row + i / 2, 4 + (i % 2) * 40, 38, box,
		    focus == SLOTS + i ? UI_REVERSE : UI_PLAIN);
	}
	if (focus >= SLOTS)
		ui_cursor(-1, 0);
	return row + (ndocs() + 1) / 2;
}

static void
new_draw(struct app *a, int top, int rows, int cols)
{
	int row;

	(void)a;
	(void)rows;
	ui_put(top, 2, cols - 4, _("開示請求書の内容を入力して Enter で受け付け"
	    "ます。記載は記録と突合されます。"), UI_PLAIN);
	draw_choices(top + 1, cols);
	row = draw_fields(top + 3, cols);
	row = draw_documents(row + 1, cols);
	ui_put(row + 1, 2, cols - 4, _("生年月日は 西暦 (1980-05-06) でも 和暦 "
	    "(S55.5.6、昭和55年5月6日) でも入力できます。"), UI_DIM);
}

static json_t *
documents_json(void)
{
	json_t *l = json_array();

	for (int i = 0; i < ndocs(); i++)
		if (checked[i])
			json_array_append_new(l,
			    json_string(id_documents[i].code));
	return l;
}

static int
ndocuments(void)
{
	int n = 0;

	for (int i = 0; i < ndocs(); i++)
		n += checked[i];
	return n;
}

/* What is missing or wrong, shown with the field in focus, or NULL. */
static const char *
incomplete(void)
{
	static char text[256];

	for (int i = 0; i < SLOTS; i++) {
		const char *why = visible(i) ? field_problem(&fields[i]) :
		    NULL;

		if (why != NULL) {
			snprintf(text, sizeof text, "%s: %s", _(labels[i]),
			    _(why));
			focus = i;
			return text;
		}
	}
	if (sex == 0)
		return _("性別を選んでください (F5)");
	if (ndocuments() == 0)
		return _("確認した本人確認書類を1つ以上選んでください");
	if (!fee_paid)
		return _("手数料の受領を確認してください");
	return NULL;
}

static json_t *
request(void)
{
	char birth[JDATE_ISO_LEN + 1] = "";
	json_t *req;

	jdate_typed_to_iso(fields[F_BIRTH].text, birth, sizeof birth);
	req = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:i, s:s, s:i}",
	    "request_no", fields[F_NO].text,
	    "channel", disclosure_channels[channel].code,
	    "requester", disclosure_requesters[requester].code,
	    "documents", documents_json(),
	    "name", fields[F_NAME].text,
	    "kana", fields[F_KANA].text,
	    "birth_date", birth,
	    "sex", sex,
	    "address", fields[F_ADDRESS].text,
	    "fee_paid", fee_paid);
	if (req != NULL && by_agent())
		json_object_set_new(req, "representative",
		    json_string(fields[F_AGENT].text));
	if (req != NULL && fields[F_CODE].text[0] != '\0')
		json_object_set_new(req, "juminhyo_code",
		    json_string(fields[F_CODE].text));
	explicit_bzero(birth, sizeof birth);
	return req;
}

static void
submit(struct app *a)
{
	const char *why = incomplete();
	struct net_reply r;
	json_t *rq;
	char text[256];

	if (why != NULL) {
		app_message(a, 1, why);
		return;
	}
	/* Refused (E_MISMATCH and all): the message says why, the form
	 * stays as typed for the clerk to check against the paper. */
	if (app_call(a, PATH_DISCLOSURE_RECEIVE, "disclosure.receive",
	    request(), _("記録と突合しています…"), &r) != 0) {
		net_reply_clear(&r);
		return;
	}
	rq = json_object_get(r.body, "request");
	if (!json_is_object(rq)) {
		app_message(a, 1, _("サーバの応答が正しくありません"));
		net_reply_clear(&r);
		return;
	}
	json_wipe(a->disc.request);
	a->disc.request = json_deep_copy(rq);	/* the reply is wiped */
	net_reply_clear(&r);
	snprintf(text, sizeof text, _("開示請求 %s を受け付けました"),
	    json_text(a->disc.request, "request_no"));
	app_message(a, 0, text);
	app_go_saying(a, &screen_disclosure);
}

static int
nfocus(void)
{
	return SLOTS + ndocs();
}

/* Tab and ↓ to the next slot or document shown, BackTab and ↑ back. */
static void
move(int step)
{
	do
		focus = (focus + step + nfocus()) % nfocus();
	while (focus < SLOTS && !visible(focus));
}

static void
new_key(struct app *a, const struct ui_key *k)
{
	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_disclosures);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 3)
		channel = label_next(disclosure_channels, channel, 0);
	else if (k->fkey == 4) {
		requester = label_next(disclosure_requesters, requester, 0);
		if (!by_agent())
			field_clear(&fields[F_AGENT]);
		if (!visible(focus))
			move(1);
	} else if (k->fkey == 5)
		sex = (sex + 1) % 3;
	else if (k->fkey == 6)
		fee_paid = !fee_paid;
	else if (k->special == UI_TAB || k->special == UI_DOWN)
		move(1);
	else if (k->special == UI_BACKTAB || k->special == UI_UP)
		move(-1);
	else if (k->special == UI_ENTER)
		submit(a);
	else if (focus >= SLOTS) {
		if (strcmp(k->text, " ") == 0)
			checked[focus - SLOTS] = !checked[focus - SLOTS];
	} else
		field_key(&fields[focus], k);
}

const struct screen screen_disclosure_new = {
	.name = "disclosure-new",
	.title = N_("開示請求の受付"),
	.keys = N_("F1 ヘルプ F3 方法 F4 請求者 F5 性別 F6 手数料 Tab/↑↓ 項目 "
	    "Space 書類 Enter 受付 F10 戻る"),
	.act_roles = ROLE_CLERK,
	.look_keys = N_("F1 ヘルプ  F10 戻る  F12 ロック"),
	.help = N_("本人確認情報開示請求書の内容を受け付けます。\n"
	    "受付番号は請求書の番号です。同じ番号は二度受け付けられません。\n"
	    "請求者が法定代理人のときは、代理人の氏名と、資格を証する書類の"
	    "確認が必要です (F4 で切替)。\n"
	    "請求書の氏名・ふりがな・生年月日・性別・住所 (記載があれば住民票"
	    "コードも) が\n記録と一致しないと受け付けられません。どの項目が"
	    "違うかは表示されません。\n請求書と本人確認書類を確かめてください。"
	    "\n"
	    "手数料 10円 の受領を F6 で記録してから受け付けます。"),
	.enter = new_enter,
	.leave = new_leave,
	.draw = new_draw,
	.key = new_key,
	.resident = 1,
};
