/*
 * A page of labelled lines drawn straight to the screen, scrolled with
 * ↑↓ and PgUp/PgDn: nothing shown is copied outside what the screen
 * already holds.
 */
#ifndef JUKI_PAGE_H
#define JUKI_PAGE_H

#include "ui.h"

struct page {
	int top, rows, cols;
	int line;	/* lines emitted so far */
	int scroll;	/* lines above the top of the screen */
};

/* A line: label and value, or (label NULL) value across the width. */
void page_emit(struct page *p, const char *label, const char *value,
    enum ui_attr a);

/* A blank line, then heading across the width in bold: a section
 * starts. */
void page_section(struct page *p, const char *heading);

/* A date's line: "1980-05-06 (昭和55年5月6日)", or iso as it is when it
 * is not one. */
void page_emit_date(struct page *p, const char *label, const char *iso);

/* Counts a line: its screen row, or -1 when it is scrolled out of
 * sight (the caller draws it). */
int page_row(struct page *p);

/* After the last line: the scroll that keeps the page full. */
int page_scroll_end(const struct page *p);

/* 1 if the key scrolled *scroll, else 0. */
int page_scroll_key(int *scroll, const struct ui_key *k);

#endif
