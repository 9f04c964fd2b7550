#include "pick.h"

#define PICK_PAGE_STEP 10

int
pick_key(struct pick *p, const struct ui_key *k, int n)
{
	int to = p->selected;

	switch (k->special) {
	case UI_DOWN:
		to++;
		break;
	case UI_UP:
		to--;
		break;
	case UI_PGDN:
		to += PICK_PAGE_STEP;
		break;
	case UI_PGUP:
		to -= PICK_PAGE_STEP;
		break;
	default:
		return 0;
	}
	if (to >= n)
		to = n - 1;
	p->selected = to < 0 ? 0 : to;
	return 1;
}

static void
pick_follow(struct pick *p, int page)
{
	if (p->selected < p->scroll)
		p->scroll = p->selected;
	if (page > 0 && p->selected >= p->scroll + page)
		p->scroll = p->selected - page + 1;
}

void
pick_draw(struct pick *p, const json_t *list, int top, int page, int cols,
    pick_row row)
{
	int n = (int)json_array_size(list);

	pick_follow(p, page);
	for (int i = 0; i < page && p->scroll + i < n; i++)
		row(top + i, cols, json_array_get(list,
		    (size_t)(p->scroll + i)), p->scroll + i == p->selected);
}
