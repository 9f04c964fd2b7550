/* A one-line text input: characters typed are appended, Backspace takes
 * the last one off.  A secret field shows one '*' a character.  A form
 * checked as it is typed says what is wrong with each field. */
#ifndef JUKI_FIELD_H
#define JUKI_FIELD_H

#include <stddef.h>

#include "ui.h"

#define FIELD_MAX 128

/* What a field must hold to be sent. */
enum field_check {
	FIELD_TEXT,		/* anything */
	FIELD_KANA,		/* ふりがな */
	FIELD_DATE,		/* 西暦 or 和暦 */
	FIELD_JUMINHYO,		/* 住民票コード, its check digit right */
	FIELD_KOJIN,		/* 個人番号, its check digit right */
};

struct field {
	char text[FIELD_MAX];
	int max_chars;
	int secret;
	enum field_check check;
	int optional;		/* may be sent empty */
};

/* 1 if the key edited the field, else 0 (the screen handles it). */
int field_key(struct field *f, const struct ui_key *k);

/* What to draw: the text, or stars for a secret. */
void field_display(const struct field *f, char *out, size_t outsz);

void field_clear(struct field *f);

/* label at row, col, then the field; the active one shows the cursor. */
void field_draw(const struct field *f, int row, int col, const char *label,
    int active);

/* Why the field cannot be sent (a message id), or NULL if it can. */
const char *field_problem(const struct field *f);

/* A checked field's row from col: label in label_cols, the field in
 * field_cols (reversed, with the cursor, when active), then what is
 * wrong with what was typed, or ✓, up to column end. */
void field_draw_checked(const struct field *f, const char *label,
    int active, int row, int col, int label_cols, int field_cols,
    int end);

#endif
