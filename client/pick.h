/*
 * Choosing one row of a list with ↑↓ and PgUp/PgDn, the visible page
 * following the choice.
 */
#ifndef JUKI_PICK_H
#define JUKI_PICK_H

#include <jansson.h>

#include "ui.h"

struct pick {
	int selected;
	int scroll;
};

/* 1 if the key moved the choice among n rows, else 0. */
int pick_key(struct pick *p, const struct ui_key *k, int n);


/* Draws one item of a list at a screen row, reversed when chosen. */
typedef void (*pick_row)(int row, int cols, const json_t *item,
    int selected);

/* The items of list on a page of page rows from top, following the
 * choice. */
void pick_draw(struct pick *p, const json_t *list, int top, int page,
    int cols, pick_row row);

#endif
