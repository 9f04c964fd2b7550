/*
 * A printed form's content as lines, built once and then shown twice the
 * same way: on the screen for the clerk to check (form-view.c) and on
 * paper (form_lines_print).  No layout is decided anywhere else, so what
 * the clerk checked is what is printed.
 *
 * The lines hold resident data: every string is a copy of its own,
 * sanitised, and wiped when the lines are freed.
 */
#ifndef JUKI_FORM_LINES_H
#define JUKI_FORM_LINES_H

#include <stddef.h>

#include "juki/jdate.h"

#include "printout.h"

#define FORM_CELLS 8

/* The width of a table on A4 between its margins, in millimetres. */
#define FORM_WIDTH_MM 180.0

enum form_line_kind {
	FORM_HEADING,
	FORM_TEXT,
	FORM_HEADER,	/* a table's header row: bold, ruled below */
	FORM_ROW,
};

struct form_line {
	enum form_line_kind kind;
	int ncells;			/* 1 for a heading or a text */
	char *cells[FORM_CELLS];
	const double *widths;		/* millimetres; tables only */
};

struct form_lines {
	const char *title;		/* message id: the form's name */
	struct form_line *v;
	size_t n, cap;
	int failed;			/* memory ran out: not whole */
};

void form_lines_heading(struct form_lines *f, const char *text);
void form_lines_text(struct form_lines *f, const char *text);
/* An empty line: space between the parts of a form. */
void form_lines_gap(struct form_lines *f);
void form_lines_textf(struct form_lines *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A row of ncells (at most FORM_CELLS) whose widths add up to at most
 * FORM_WIDTH_MM; header: the table's header row. */
void form_lines_row(struct form_lines *f, const char *const *cells,
    const double *widths_mm, int ncells, int header);
/* A row of the two-column table of items: label, value. */
void form_lines_item(struct form_lines *f, const char *label,
    const char *value);

/* The lines onto the pages of p. */
void form_lines_print(const struct form_lines *f, struct printout *p);

/* Wipes and frees every line; f is empty again (its title kept). */
void form_lines_free(struct form_lines *f);

/* "昭和55年5月6日" for "1980-05-06"; what cannot be read is copied. */
void form_wareki(const char *iso, char *out, size_t outsz);

/* The local date of a server time ("2026-11-23T09:15:00Z"), in 和暦. */
void form_wareki_of_time(const char *utc, char *out, size_t outsz);

/* Today's local date. */
void form_today(struct jdate *today);

#endif
