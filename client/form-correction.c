/*
 * The receipt says what was asked and that the prefecture does not
 * change the record itself: the municipality corrects its 住民票 and the
 * change reaches the file as its update.
 */
#include <stdio.h>
#include <string.h>

#include "disclosure-labels.h"
#include "form-correction.h"
#include "juki/i18n.h"
#include "net.h"

static void
items(struct form_lines *f, const json_t *c)
{
	static const double widths[] = { 40, FORM_WIDTH_MM - 40 };
	const char *head[] = { _("項目"), _("内容") };
	const char *requested = json_text(c, "requested");
	char date[64];

	form_lines_row(f, head, widths, 2, 1);
	form_lines_item(f, _("申出番号"), json_text(c, "correction_no"));
	form_lines_item(f, _("開示請求の受付番号"), json_text(c,
	    "request_no"));
	form_lines_item(f, _("申出の種類"), label_of(correction_kinds,
	    json_text(c, "kind")));
	form_lines_item(f, _("対象の項目"), label_of(resident_items,
	    json_text(c, "item")));
	form_lines_item(f, _("現在の記録"), json_text(c, "current"));
	form_lines_item(f, _("申出の内容"), *requested != '\0' ? requested :
	    _("(削除)"));
	form_lines_item(f, _("申出の理由"), json_text(c, "reason"));
	form_wareki_of_time(json_text(c, "registered_at"), date, sizeof date);
	form_lines_item(f, _("受付日"), date);
}

int
form_correction_build(struct form_lines *f, const json_t *correction,
    const json_t *request, const char *authority,
    const struct jdate *today)
{
	f->title = N_("本人確認情報訂正等申出受付書");
	if (!json_is_object(correction) || !json_is_object(request))
		return -1;
	form_letter_head(f, request, authority, today);
	form_lines_text(f, _("次のとおり、本人確認情報の訂正等の申出を受け付け"
	    "ました。"));
	items(f, correction);
	form_lines_gap(f);
	form_lines_text(f, _("この申出は、住民基本台帳法第30条の35の規定により"
	    "受け付けたものです。本人確認情報の訂正等は、住所地の市町村長が"
	    "住民票を調査し、市町村からの更新によって行われます。当県は、"
	    "申出の内容を住所地の市町村長に通知しました。"));
	form_lines_text(f, _("以上"));
	return f->failed ? -1 : 0;
}
