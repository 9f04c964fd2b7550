#include <string.h>

#include "field.h"
#include "juki/utf8.h"
#include "width.h"

static int
chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
field_key(struct field *f, const struct ui_key *k)
{
	size_t len = strlen(f->text), add = strlen(k->text);

	if (k->special == UI_BACKSPACE) {
		while (len > 0 && ((unsigned char)f->text[len - 1] & 0xC0) ==
		    0x80)
			f->text[--len] = '\0';
		if (len > 0)
			f->text[--len] = '\0';
		return 1;
	}
	if (add == 0 || k->fkey != 0)
		return 0;
	if (chars(f->text) >= f->max_chars || len + add >= sizeof f->text)
		return 1;	/* full: the key is spent, nothing changes */
	memcpy(f->text + len, k->text, add + 1);
	return 1;
}

void
field_display(const struct field *f, char *out, size_t outsz)
{
	if (!f->secret) {
		utf8_sanitize(out, outsz, f->text);
		return;
	}
	size_t n = (size_t)chars(f->text);
	if (n >= outsz)
		n = outsz - 1;
	memset(out, '*', n);
	out[n] = '\0';
}

void
field_clear(struct field *f)
{
	explicit_bzero(f->text, sizeof f->text);
}

void
field_draw(const struct field *f, int row, int col, const char *label,
    int active)
{
	char shown[FIELD_MAX];

	field_display(f, shown, sizeof shown);
	ui_put(row, col, 14, label, UI_PLAIN);
	ui_put(row, col + 14, 34, shown, active ? UI_REVERSE : UI_PLAIN);
	if (active)
		ui_cursor(row, col + 14 + width_of(shown));
}
