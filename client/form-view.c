#include "form-view.h"

#define LEFT 2		/* the screen's margin, as the paper's */

static void
paragraph(struct page *p, const char *text, enum ui_attr a)
{
	do
		text = ui_put_line(page_row(p), LEFT, p->cols - 2 * LEFT, text,
		    a);
	while (*text != '\0');
}

/* The columns each cell starts at, by the millimetres of the paper. */
static void
columns(const struct form_line *l, int cols, int *x)
{
	double scale = (double)cols / FORM_WIDTH_MM, mm = 0;

	for (int i = 0; i < l->ncells; i++) {
		x[i] = LEFT + (int)(mm * scale + 0.5);
		mm += l->widths[i];
	}
	x[l->ncells] = LEFT + (int)(mm * scale + 0.5);
}

/* Every cell wrapped in its column, the row as tall as its tallest. */
static void
table_row(struct page *p, const struct form_line *l)
{
	const char *left[FORM_CELLS];
	int x[FORM_CELLS + 1], more;
	enum ui_attr a = l->kind == FORM_HEADER ? UI_BOLD : UI_PLAIN;

	columns(l, p->cols - 2 * LEFT, x);
	for (int i = 0; i < l->ncells; i++)
		left[i] = l->cells[i];
	do {
		int row = page_row(p);

		more = 0;
		for (int i = 0; i < l->ncells; i++) {
			/* A column apart from the next, as the paper's pad. */
			int w = x[i + 1] - x[i] - 1;

			if (w < 1)
				w = 1;
			if (*left[i] != '\0')
				left[i] = ui_put_line(row, x[i], w, left[i], a);
			more |= *left[i] != '\0';
		}
	} while (more);
}

void
form_view_draw(const struct form_lines *f, struct page *p)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct form_line *l = &f->v[i];

		switch (l->kind) {
		case FORM_HEADING:
			paragraph(p, l->cells[0], UI_BOLD);
			page_row(p);	/* the space under it */
			break;
		case FORM_TEXT:
			paragraph(p, l->cells[0], UI_PLAIN);
			break;
		default:
			table_row(p, l);
			break;
		}
	}
}
