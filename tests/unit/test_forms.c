/*
 * The forms of a disclosure, built from answers as the server gives
 * them: the notice has every item in 和暦, the 提供状況 exactly the
 * provisions given (or 該当なし), the receipt the correction; and each,
 * printed, reads back from the PDF with the same text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "form-correction.h"
#include "form-disclosure.h"
#include "form-provisions.h"
#include "pdf-text.h"

static const struct jdate today = { 2026, 11, 23 };

static const char request_json[] =
    "{\"request_no\": \"D2026-0001\", \"channel\": \"counter\","
    " \"requester\": \"self\", \"representative\": \"\","
    " \"documents\": [\"my-number-card\"], \"name\": \"山田 太郎\","
    " \"kana\": \"やまだ たろう\", \"birth_date\": \"1980-05-06\","
    " \"sex\": 1, \"address\": \"岐阜県岐阜市薮田南2丁目1番1号\","
    " \"juminhyo_code\": \"\", \"fee\": 10, \"state\": \"decided\","
    " \"received_at\": \"2026-11-20T01:00:00Z\", \"received_by\": \"C0001\","
    " \"decided_at\": \"2026-11-21T02:00:00Z\", \"decided_by\": \"C0001\","
    " \"notified_at\": \"\", \"notified_by\": \"\", \"notified_how\": \"\"}";

static const char resident_json[] =
    "{\"juminhyo_code\": \"12345678901\", \"name_kanji\": \"山田 太郎\","
    " \"name_kana\": \"やまだ たろう\", \"birth_date\": \"1980-05-06\","
    " \"sex\": 1, \"address\": \"岐阜県岐阜市薮田南2丁目1番1号\","
    " \"kojin_bango\": \"123456789018\", \"idou_name\": \"転居\","
    " \"idou_date\": \"2019-05-01\"}";

static const char history_json[] =
    "[{\"juminhyo_code\": \"12345678901\", \"name_kanji\": \"山田 太郎\","
    " \"address\": \"岐阜県大垣市丸の内2丁目29番地\", \"idou_name\": \"転入\","
    " \"idou_date\": \"1989-01-08\"}]";

static const char provisions_json[] =
    "[{\"time\": \"2026-11-01T00:30:00Z\", \"kind\": \"lookup.code\","
    " \"jimu\": \"KAIJI\", \"jimu_name\": \"本人確認情報の開示\","
    " \"terminal_id\": \"T0001\", \"operator_id\": \"C0001\","
    " \"source\": \"岐阜県\", \"recipient\": \"岐阜県 市町村課\","
    " \"items\": [\"code\", \"name\", \"birth\"]},"
    " {\"time\": \"2026-11-02T05:00:00Z\", \"kind\": \"provide.candidate\","
    " \"jimu\": \"TEIKYO\", \"jimu_name\": \"国の機関等への提供\","
    " \"terminal_id\": \"T0002\", \"operator_id\": \"C0002\","
    " \"source\": \"岐阜県 T0002\", \"recipient\": \"地方公共団体情報システム機構\","
    " \"items\": [\"name\", \"address\"]}]";

static json_t *
parse(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);

	if (j == NULL)
		fail_msg("%s: %s", text, e.text);
	return j;
}

/* disclosures/show: the request, the resident, the history. */
static json_t *
show_answer(const char *history)
{
	return json_pack("{s:o, s:o, s:o, s:s, s:s}", "request",
	    parse(request_json), "resident", parse(resident_json), "history",
	    parse(history), "authority", "岐阜県知事", "organisation", "岐阜県");
}

/* Every line's text, one a line, cells apart by " | ", into out. */
static void
text_of_lines(const struct form_lines *f, char *out, size_t outsz)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < f->n; i++) {
		for (int c = 0; c < f->v[i].ncells; c++)
			len += (size_t)snprintf(out + len, outsz - len, "%s%s",
			    c ? " | " : "", f->v[i].cells[c]);
		len += (size_t)snprintf(out + len, outsz - len, "\n");
		assert_true(len < outsz);
	}
}

static int
rows_of(const struct form_lines *f, enum form_line_kind kind)
{
	int n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].kind == kind;
	return n;
}

/* The lines printed, read back by pdftotext, into out. */
static void
text_of_pdf(const struct form_lines *f, char *out, size_t outsz)
{
	const struct printout_mark mark = { .title = f->title,
	    .serial = "P2026-000777", .operator_id = "C0001",
	    .terminal_id = "T0001", .time = "2026-11-23 10:00" };
	struct printout *p = printout_new(&mark);
	unsigned char *pdf;
	size_t len;

	assert_non_null(p);
	form_lines_print(f, p);
	assert_int_equal(printout_finish(p, &pdf, &len), 0);
	pdf_text(pdf, len, 0, 0, 0, out, outsz);
	printout_free_pdf(pdf, len);
}

static void
has(const char *text, const char *needle)
{
	if (strstr(text, needle) == NULL)
		fail_msg("'%s' is not in:\n%s", needle, text);
}

static int
setup(void **state)
{
	(void)state;
	/* Server times are UTC; the forms show Japan's dates. */
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	return printout_prepare();
}

static void
notice_has_every_item_in_wareki(void **state)
{
	static char text[1 << 16];
	struct form_lines f = { 0 };
	json_t *show = show_answer(history_json);

	(void)state;
	assert_int_equal(form_disclosure_build(&f, show, &today), 0);
	text_of_lines(&f, text, sizeof text);
	assert_int_equal(f.v[0].kind, FORM_HEADING);
	has(f.v[0].cells[0], "本人確認情報開示決定通知書");
	has(text, "発行日 令和8年11月23日");
	has(text, "山田 太郎 様");
	has(text, "岐阜県知事");
	has(text, "令和8年11月20日付けで受け付けた本人確認情報開示請求 "
	    "(受付番号 D2026-0001)");
	has(text, "住民基本台帳法第30条の32");
	has(text, "住民票コード | 12345678901");
	has(text, "氏名 | 山田 太郎");
	has(text, "ふりがな | やまだ たろう");
	has(text, "住所 | 岐阜県岐阜市薮田南2丁目1番1号");
	has(text, "生年月日 | 昭和55年5月6日");
	has(text, "性別 | 男");
	has(text, "個人番号 | 123456789018");
	has(text, "異動事由 | 転居");
	has(text, "異動年月日 | 令和元年5月1日");
	/* The history: date in 和暦, reason, name, address. */
	has(text, "平成元年1月8日 | 転入 | 山田 太郎 | 岐阜県大垣市丸の内2丁目"
	    "29番地");
	has(text, "手数料 10円 (受領済み)");
	assert_null(strstr(text, "1980-05-06"));
	form_lines_free(&f);
	json_decref(show);
}

static void
notice_names_the_representative(void **state)
{
	static char text[1 << 16];
	struct form_lines f = { 0 };
	json_t *show = show_answer("[]");
	json_t *request = json_object_get(show, "request");

	(void)state;
	json_object_set_new(request, "requester", json_string(
	    "representative"));
	json_object_set_new(request, "representative", json_string(
	    "山田 花子"));
	assert_int_equal(form_disclosure_build(&f, show, &today), 0);
	text_of_lines(&f, text, sizeof text);
	has(text, "山田 花子 様 (山田 太郎 の法定代理人)");
	has(text, "履歴はありません");
	form_lines_free(&f);
	json_decref(show);
}

static void
notice_refuses_an_answer_without_the_resident(void **state)
{
	struct form_lines f = { 0 };
	json_t *show = show_answer("[]");

	(void)state;
	json_object_del(show, "resident");
	assert_int_equal(form_disclosure_build(&f, show, &today), -1);
	form_lines_free(&f);
	json_decref(show);
}

static void
notice_prints_what_it_shows(void **state)
{
	static char text[1 << 16];
	struct form_lines f = { 0 };
	json_t *show = show_answer(history_json);

	(void)state;
	assert_int_equal(form_disclosure_build(&f, show, &today), 0);
	text_of_pdf(&f, text, sizeof text);
	has(text, "本人確認情報開示決定通知書");
	has(text, "12345678901");
	has(text, "123456789018");
	has(text, "山田 太郎");
	has(text, "昭和55年5月6日");
	has(text, "令和元年5月1日");
	has(text, "平成元年1月8日");
	has(text, "第30条の32");
	has(text, "帳票番号 P2026-000777");
	form_lines_free(&f);
	json_decref(show);
}

static json_t *
provisions_answer(const char *list)
{
	return json_pack("{s:o, s:o}", "request", parse(request_json),
	    "provisions", parse(list));
}

static const char authority[] = "岐阜県知事";

static void
provisions_lists_exactly_those_given(void **state)
{
	static char text[1 << 16];
	struct form_lines f = { 0 };
	json_t *answer = provisions_answer(provisions_json);

	(void)state;
	assert_int_equal(form_provisions_build(&f, answer, authority, &today),
	    0);
	text_of_lines(&f, text, sizeof text);
	has(f.v[0].cells[0], "本人確認情報提供状況開示通知書");
	has(text, "対象期間: 令和元年11月23日 から 令和8年11月23日 まで");
	assert_int_equal(rows_of(&f, FORM_HEADER), 1);
	assert_int_equal(rows_of(&f, FORM_ROW), 2);
	has(text, "令和8年11月1日 09:30 | 照会 (住民票コード) | "
	    "本人確認情報の開示 | 岐阜県 (T0001) | 岐阜県 市町村課 | "
	    "住民票コード、氏名、生年月日");
	has(text, "令和8年11月2日 14:00 | 照会 (4情報・候補一覧) | "
	    "国の機関等への提供 | 岐阜県 T0002 | 地方公共団体情報システム機構 | "
	    "氏名、住所");
	has(text, "以上 2 件");
	assert_null(strstr(text, "該当なし"));
	text_of_pdf(&f, text, sizeof text);
	/* Cells wrap in their columns: short words only. */
	has(text, "09:30");
	has(text, "14:00");
	has(text, "(T0001)");
	/* A source that names its terminal is not told it twice. */
	has(text, "T0002");
	assert_int_equal(pdf_text_count(text, "(T0001)"), 1);
	assert_int_equal(pdf_text_count(text, "T0002"), 1);
	assert_null(strstr(text, "該当なし"));
	form_lines_free(&f);
	json_decref(answer);
}

static void
provisions_says_none_when_empty(void **state)
{
	static char text[1 << 16];
	struct form_lines f = { 0 };
	json_t *answer = provisions_answer("[]");

	(void)state;
	assert_int_equal(form_provisions_build(&f, answer, authority, &today),
	    0);
	text_of_lines(&f, text, sizeof text);
	has(text, "該当なし");
	assert_int_equal(rows_of(&f, FORM_HEADER), 0);
	assert_int_equal(rows_of(&f, FORM_ROW), 0);
	text_of_pdf(&f, text, sizeof text);
	has(text, "該当なし");
	form_lines_free(&f);
	json_decref(answer);
}

static void
provisions_period_of_a_leap_day(void **state)
{
	static char text[1 << 16];
	const struct jdate leap = { 2028, 2, 29 };
	struct form_lines f = { 0 };
	json_t *answer = provisions_answer("[]");

	(void)state;
	assert_int_equal(form_provisions_build(&f, answer, authority, &leap), 0);
	text_of_lines(&f, text, sizeof text);
	has(text, "対象期間: 令和3年2月28日 から 令和10年2月29日 まで");
	form_lines_free(&f);
	json_decref(answer);
}

static void
receipt_of_a_correction(void **state)
{
	static char text[1 << 16];
	struct form_lines f = { 0 };
	json_t *request = parse(request_json);
	json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s}", "correction_no", "T2026-0001", "request_no", "D2026-0001",
	    "kind", "correct", "item", "address", "current",
	    "岐阜県岐阜市薮田南2丁目1番1号", "requested",
	    "岐阜県岐阜市薮田南2丁目1番2号", "reason", "番地の誤り", "state",
	    "forwarded", "registered_at", "2026-11-22T23:30:00Z",
	    "registered_by", "C0001");

	(void)state;
	assert_int_equal(form_correction_build(&f, c, request, authority,
	    &today), 0);
	text_of_lines(&f, text, sizeof text);
	has(f.v[0].cells[0], "本人確認情報訂正等申出受付書");
	has(text, "申出番号 | T2026-0001");
	has(text, "開示請求の受付番号 | D2026-0001");
	has(text, "申出の種類 | 訂正");
	has(text, "対象の項目 | 住所");
	has(text, "現在の記録 | 岐阜県岐阜市薮田南2丁目1番1号");
	has(text, "申出の内容 | 岐阜県岐阜市薮田南2丁目1番2号");
	has(text, "申出の理由 | 番地の誤り");
	has(text, "受付日 | 令和8年11月23日");
	has(text, "第30条の35");
	text_of_pdf(&f, text, sizeof text);
	has(text, "T2026-0001");
	has(text, "番地の誤り");
	form_lines_free(&f);
	json_decref(c);
	json_decref(request);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(notice_has_every_item_in_wareki),
		cmocka_unit_test(notice_names_the_representative),
		cmocka_unit_test(notice_refuses_an_answer_without_the_resident),
		cmocka_unit_test(notice_prints_what_it_shows),
		cmocka_unit_test(provisions_lists_exactly_those_given),
		cmocka_unit_test(provisions_says_none_when_empty),
		cmocka_unit_test(provisions_period_of_a_leap_day),
		cmocka_unit_test(receipt_of_a_correction),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
