/* A one-line text input: characters typed are appended, Backspace takes
 * the last one off.  A secret field shows one '*' a character. */
#ifndef JUKI_FIELD_H
#define JUKI_FIELD_H

#include <stddef.h>

#include "ui.h"

#define FIELD_MAX 128

struct field {
	char text[FIELD_MAX];
	int max_chars;
	int secret;
};

/* 1 if the key edited the field, else 0 (the screen handles it). */
int field_key(struct field *f, const struct ui_key *k);

/* What to draw: the text, or stars for a secret. */
void field_display(const struct field *f, char *out, size_t outsz);

void field_clear(struct field *f);

/* label at row, col, then the field; the active one shows the cursor. */
void field_draw(const struct field *f, int row, int col, const char *label,
    int active);

#endif
