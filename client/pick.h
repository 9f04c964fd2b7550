/*
 * Choosing one row of a list with ↑↓ and PgUp/PgDn, the visible page
 * following the choice.
 */
#ifndef JUKI_PICK_H
#define JUKI_PICK_H

#include "ui.h"

struct pick {
	int selected;
	int scroll;
};

/* 1 if the key moved the choice among n rows, else 0. */
int pick_key(struct pick *p, const struct ui_key *k, int n);

/* Scrolls so the choice is on a page of page rows. */
void pick_follow(struct pick *p, int page);

#endif
