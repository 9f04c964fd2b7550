#include "form.h"
#include "juki/i18n.h"

int
form_key(struct form *f, const struct ui_key *k)
{
	if (k->special == UI_TAB || k->special == UI_DOWN) {
		f->focus = (f->focus + 1) % f->n;
		return 1;
	}
	if (k->special == UI_BACKTAB || k->special == UI_UP) {
		f->focus = (f->focus + f->n - 1) % f->n;
		return 1;
	}
	return field_key(&f->fields[f->focus], k);
}

int
form_draw(const struct form *f, int row, int col)
{
	for (int i = 0; i < f->n; i++, row += 2)
		field_draw(&f->fields[i], row, col, _(f->labels[i]),
		    i == f->focus);
	return row;
}

void
form_clear(struct form *f)
{
	for (int i = 0; i < f->n; i++)
		field_clear(&f->fields[i]);
	f->focus = 0;
}
