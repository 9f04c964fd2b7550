#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "juki/jdate.h"
#include "form-lines.h"
#include "page.h"

#define PAGE_STEP 10

void
page_emit(struct page *p, const char *label, const char *value,
    enum ui_attr a)
{
	int row = p->line++ - p->scroll;

	if (row < 0 || row >= p->rows)
		return;
	if (label == NULL) {
		ui_put(p->top + row, 1, p->cols - 2, value, a);
		return;
	}
	ui_put(p->top + row, 2, 18, label, UI_DIM);
	ui_put(p->top + row, 20, p->cols - 21, value, a);
}

void
page_section(struct page *p, const char *heading)
{
	page_emit(p, NULL, "", UI_PLAIN);
	page_emit(p, NULL, heading, UI_BOLD);
}

void
page_emit_date(struct page *p, const char *label, const char *iso)
{
	char text[128], wareki[64];

	/* form_wareki gives the text back as it is when it is no date. */
	form_wareki(iso, wareki, sizeof wareki);
	if (strcmp(wareki, iso) != 0)
		snprintf(text, sizeof text, "%s (%s)", iso, wareki);
	else
		snprintf(text, sizeof text, "%s", iso);
	page_emit(p, label, text, UI_PLAIN);
	/* As often as not a resident's birth date. */
	explicit_bzero(text, sizeof text);
	explicit_bzero(wareki, sizeof wareki);
}

int
page_row(struct page *p)
{
	int row = p->line++ - p->scroll;

	return row < 0 || row >= p->rows ? -1 : p->top + row;
}

int
page_scroll_end(const struct page *p)
{
	if (p->scroll > p->line - p->rows && p->line > p->rows)
		return p->line - p->rows;
	return p->scroll;
}

int
page_scroll_key(int *scroll, const struct ui_key *k)
{
	switch (k->special) {
	case UI_DOWN:
		(*scroll)++;
		return 1;
	case UI_UP:
		*scroll = *scroll > 0 ? *scroll - 1 : 0;
		return 1;
	case UI_PGDN:
		*scroll += PAGE_STEP;
		return 1;
	case UI_PGUP:
		*scroll = *scroll > PAGE_STEP ? *scroll - PAGE_STEP : 0;
		return 1;
	default:
		return 0;
	}
}
