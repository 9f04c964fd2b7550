#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form-lines.h"
#include "juki/utf8.h"
#include "local-time.h"

/* Widths of the table of items: label, value. */
static const double item_widths[] = { 40, FORM_WIDTH_MM - 40 };

/* A sanitised copy of text: no byte of it changes length, so the copy
 * is as long as the text. */
static char *
copy(const char *text)
{
	size_t len = strlen(text) + 1;
	char *s = malloc(len);

	if (s != NULL)
		utf8_sanitize(s, len, text);
	return s;
}

static struct form_line *
next_line(struct form_lines *f)
{
	struct form_line *v;
	size_t cap;

	if (f->n == f->cap) {
		/* Only pointers move: the strings stay where they are. */
		cap = f->cap ? f->cap * 2 : 32;
		if ((v = reallocarray(f->v, cap, sizeof *v)) == NULL) {
			f->failed = 1;
			return NULL;
		}
		f->v = v;
		f->cap = cap;
	}
	v = &f->v[f->n++];
	memset(v, 0, sizeof *v);
	return v;
}

static void
add(struct form_lines *f, enum form_line_kind kind, const char *const *cells,
    const double *widths, int ncells)
{
	struct form_line *l;

	if (ncells > FORM_CELLS)
		ncells = FORM_CELLS;
	if ((l = next_line(f)) == NULL)
		return;
	l->kind = kind;
	l->widths = widths;
	for (int i = 0; i < ncells; i++) {
		if ((l->cells[i] = copy(cells[i])) == NULL)
			f->failed = 1;
		else
			l->ncells = i + 1;
	}
}

void
form_lines_heading(struct form_lines *f, const char *text)
{
	add(f, FORM_HEADING, &text, NULL, 1);
}

void
form_lines_text(struct form_lines *f, const char *text)
{
	add(f, FORM_TEXT, &text, NULL, 1);
}

void
form_lines_gap(struct form_lines *f)
{
	form_lines_text(f, "");
}

void
form_lines_textf(struct form_lines *f, const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(text, sizeof text, fmt, ap) >= (int)sizeof text)
		f->failed = 1;		/* cut: the form would lie */
	va_end(ap);
	form_lines_text(f, text);
	explicit_bzero(text, sizeof text);
}

void
form_lines_row(struct form_lines *f, const char *const *cells,
    const double *widths_mm, int ncells, int header)
{
	add(f, header ? FORM_HEADER : FORM_ROW, cells, widths_mm, ncells);
}

void
form_lines_item(struct form_lines *f, const char *label, const char *value)
{
	const char *cells[] = { label, value };

	form_lines_row(f, cells, item_widths, 2, 0);
}

void
form_lines_print(const struct form_lines *f, struct printout *p)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct form_line *l = &f->v[i];

		switch (l->kind) {
		case FORM_HEADING:
			printout_heading(p, l->cells[0]);
			break;
		case FORM_TEXT:
			printout_text(p, l->cells[0]);
			break;
		default:
			printout_row(p, (const char *const *)l->cells,
			    l->widths, l->ncells, l->kind == FORM_HEADER);
			break;
		}
	}
}

void
form_lines_free(struct form_lines *f)
{
	for (size_t i = 0; i < f->n; i++)
		for (int c = 0; c < f->v[i].ncells; c++) {
			explicit_bzero(f->v[i].cells[c],
			    strlen(f->v[i].cells[c]));
			free(f->v[i].cells[c]);
		}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
	f->failed = 0;
}

void
form_wareki(const char *iso, char *out, size_t outsz)
{
	struct jdate d;

	if (jdate_parse_iso(iso, &d, NULL) != 0 ||
	    jdate_format_wareki(&d, out, outsz) != 0)
		snprintf(out, outsz, "%s", iso);
}

void
form_wareki_of_time(const char *utc, char *out, size_t outsz)
{
	char local[32];

	/* "2026-11-23 18:15": the date is its first ten characters. */
	local_time(utc, local, sizeof local);
	if (strlen(local) > JDATE_ISO_LEN)
		local[JDATE_ISO_LEN] = '\0';
	form_wareki(local, out, outsz);
}

void
form_today(struct jdate *today)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	today->year = tm.tm_year + 1900;
	today->month = tm.tm_mon + 1;
	today->day = tm.tm_mday;
}
