/*
 * The notice: the letter's head, the sentence that discloses, the eight
 * items the law names (住民票コード, 氏名, 住所, 生年月日, 性別, 個人番号,
 * 異動事由, 異動年月日, with the ふりがな), the history of changes and
 * the fee received.  Dates are 和暦, as on every paper the requester gets.
 */
#include <stdio.h>
#include <string.h>

#include "form-disclosure.h"
#include "form-letter.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "labels.h"
#include "net.h"

/* Columns of the history: date, reason, name, address (millimetres). */
static const double history_widths[] = { 36, 26, 40, 78 };

/* The 異動事由 in the user's language; gettext("") would be the
 * catalogue's header. */
static const char *
idou(const json_t *r)
{
	const char *name = json_text(r, "idou_name");

	return *name != '\0' ? _(name) : "";
}

static void
items(struct form_lines *f, const json_t *r)
{
	static const char *const head[] = { N_("項目"), N_("内容") };
	static const double widths[] = { 40, FORM_WIDTH_MM - 40 };
	const char *cells[] = { _(head[0]), _(head[1]) };
	const json_t *kojin = json_object_get(r, "kojin_bango");
	char date[64];

	form_lines_row(f, cells, widths, 2, 1);
	form_lines_item(f, _("住民票コード"), json_text(r, "juminhyo_code"));
	form_lines_item(f, _("氏名"), json_text(r, "name_kanji"));
	form_lines_item(f, _("ふりがな"), json_text(r, "name_kana"));
	form_lines_item(f, _("住所"), json_text(r, "address"));
	form_wareki(json_text(r, "birth_date"), date, sizeof date);
	form_lines_item(f, _("生年月日"), date);
	form_lines_item(f, _("性別"), label_of_sex(r));
	form_lines_item(f, _("個人番号"), json_is_string(kojin) ?
	    json_string_value(kojin) : _("(なし)"));
	form_lines_item(f, _("異動事由"), idou(r));
	form_wareki(json_text(r, "idou_date"), date, sizeof date);
	form_lines_item(f, _("異動年月日"), date);
}

/* One row a former version, oldest as the server lists them. */
static void
history(struct form_lines *f, const json_t *versions)
{
	const char *head[] = { _("異動年月日"), _("異動事由"), _("氏名"),
	    _("住所") };
	const json_t *v;
	char date[64];
	size_t i;

	form_lines_gap(f);
	form_lines_text(f, _("異動の履歴 (修正前の本人確認情報)"));
	if (json_array_size(versions) == 0) {
		form_lines_text(f, _("履歴はありません。"));
		return;
	}
	form_lines_row(f, head, history_widths, 4, 1);
	json_array_foreach(versions, i, v) {
		const char *cells[] = { date, idou(v),
		    json_text(v, "name_kanji"), json_text(v, "address") };

		form_wareki(json_text(v, "idou_date"), date, sizeof date);
		form_lines_row(f, cells, history_widths, 4, 0);
	}
}

int
form_disclosure_build(struct form_lines *f, const json_t *show,
    const struct jdate *today)
{
	const json_t *request = json_object_get(show, "request");
	const json_t *resident = json_object_get(show, "resident");
	const json_t *fee;
	char which[256];

	f->title = N_("本人確認情報開示決定通知書");
	if (!json_is_object(request) || !json_is_object(resident))
		return -1;
	form_letter_head(f, request, json_text(show, "authority"), today);
	form_letter_request(request, which, sizeof which);
	form_lines_textf(f, _("%sについて、住民基本台帳法第30条の32の規定に"
	    "より、次のとおり本人確認情報を開示します。"), which);
	items(f, resident);
	history(f, json_object_get(show, "history"));
	form_lines_gap(f);
	fee = json_object_get(request, "fee");
	form_lines_textf(f, _("手数料 %lld円 (受領済み)"), json_is_integer(fee) ?
	    (long long)json_integer_value(fee) : (long long)DISCLOSURE_FEE_YEN);
	form_lines_text(f, _("以上"));
	return f->failed ? -1 : 0;
}
