/*
 * A form: labelled one-line fields one under another.  Tab and ↓ move to
 * the next, BackTab and ↑ to the one before; other keys edit the field
 * in focus.  The screen decides what Enter does.
 */
#ifndef JUKI_FORM_H
#define JUKI_FORM_H

#include "field.h"

struct form {
	struct field *fields;
	const char *const *labels;	/* message ids, one a field */
	int n;
	int focus;
};

/* 1 if the key moved the focus or edited a field, else 0. */
int form_key(struct form *f, const struct ui_key *k);

/* The fields from row down, every other row; the one in focus shows the
 * cursor.  The row after the last. */
int form_draw(const struct form *f, int row, int col);

/* Wipes every field and puts the focus on the first. */
void form_clear(struct form *f);

#endif
