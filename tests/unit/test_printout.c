/*
 * Printed forms: a real PDF from cairo and pango, in memory, with the
 * mark on every page and Japanese text that pdftotext reads back; a
 * training form says so across every page and at its foot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf-text.h"
#include "printout.h"

static const struct printout_mark mark = {
	.title = "操作者名簿", .serial = "P2026-000042",
	.operator_id = "FA001", .terminal_id = "T0001",
	.time = "2026-11-23T09:15:00Z",
};

/*
 * pdftotext takes text set along a diagonal one glyph a word; read raw,
 * the glyphs come in the order they were drawn.  text without its
 * spaces and line ends, in place.
 */
static void
squeeze(char *text)
{
	char *to = text;

	for (const char *from = text; *from != '\0'; from++)
		if (*from != ' ' && *from != '\n')
			*to++ = *from;
	*to = '\0';
}

static void
prepare_finds_a_japanese_font(void **state)
{
	(void)state;
	assert_int_equal(printout_prepare(), 0);
}

static void
every_page_carries_the_mark(void **state)
{
	static const double widths[] = { 30, 60, 90 };
	const char *row[] = { "C0001", "窓口一郎 (まどぐちいちろう)",
	    "住民課 髙橋 﨑 (JIS第3・第4水準)" };
	static char text[1 << 20];
	struct printout *p = printout_new(&mark);
	unsigned char *pdf;
	size_t len;

	(void)state;
	assert_non_null(p);
	printout_heading(p, "操作者名簿");
	printout_text(p, "理由: 定期点検");
	for (int i = 0; i < 120; i++)
		printout_row(p, row, widths, 3, i == 0);
	assert_int_equal(printout_finish(p, &pdf, &len), 0);
	assert_memory_equal(pdf, "%PDF-", 5);
	pdf_text(pdf, len, 0, 0, 0, text, sizeof text);
	printout_free_pdf(pdf, len);
	assert_non_null(strstr(text, "理由: 定期点検"));
	assert_non_null(strstr(text, "髙橋 﨑"));
	/* 120 rows do not fit one page; each page has its mark. */
	assert_true(pdf_text_count(text, "帳票番号 P2026-000042") >= 3);
	assert_int_equal(pdf_text_count(text, "帳票番号 P2026-000042"),
	    pdf_text_count(text, "操作者 FA001"));
	assert_non_null(strstr(text, "3 ページ"));
}

/* A form of 120 rows, three pages and more, marked as m says: its PDF. */
static void
render(const struct printout_mark *m, unsigned char **pdf, size_t *len)
{
	static const double widths[] = { 30, 60, 90 };
	const char *row[] = { "C0001", "窓口一郎", "住民課" };
	struct printout *p = printout_new(m);

	assert_non_null(p);
	printout_heading(p, "本人確認情報開示決定通知書");
	for (int i = 0; i < 120; i++)
		printout_row(p, row, widths, 3, i == 0);
	assert_int_equal(printout_finish(p, pdf, len), 0);
}

static int
pages(const unsigned char *pdf, size_t len)
{
	static char text[1 << 20];
	int n = 0;

	pdf_text(pdf, len, 0, 0, 0, text, sizeof text);
	for (const char *f = text; (f = strchr(f, '\f')) != NULL; f++)
		n++;
	return n;
}

static void
training_is_on_every_page(void **state)
{
	struct printout_mark m = mark;
	static char text[1 << 16];
	unsigned char *pdf;
	size_t len;
	int n;

	(void)state;
	m.training = 1;
	render(&m, &pdf, &len);
	n = pages(pdf, len);
	assert_true(n >= 3);
	for (int i = 1; i <= n; i++) {
		pdf_text(pdf, len, i, i, 1, text, sizeof text);
		squeeze(text);
		/* Drawn first: under everything else on the page. */
		assert_int_equal(strncmp(text, "研修/TRAINING",
		    strlen("研修/TRAINING")), 0);
		assert_int_equal(pdf_text_count(text, "研修/TRAINING"), 1);
		assert_non_null(strstr(text, "【研修】操作者名簿帳票番号"));
		/* Over it, the form as ever. */
		assert_non_null(strstr(text, "窓口一郎"));
	}
	printout_free_pdf(pdf, len);
}

static void
no_training_no_mark(void **state)
{
	static char text[1 << 20];
	unsigned char *pdf;
	size_t len;

	(void)state;
	render(&mark, &pdf, &len);
	pdf_text(pdf, len, 0, 0, 1, text, sizeof text);
	printout_free_pdf(pdf, len);
	squeeze(text);
	assert_null(strstr(text, "TRAINING"));
	assert_null(strstr(text, "研修"));
	assert_true(pdf_text_count(text, "帳票番号P2026-000042") >= 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prepare_finds_a_japanese_font),
		cmocka_unit_test(every_page_carries_the_mark),
		cmocka_unit_test(training_is_on_every_page),
		cmocka_unit_test(no_training_no_mark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
