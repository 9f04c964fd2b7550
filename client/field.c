#include <string.h>

#include "field.h"
#include "juki/checkdigit.h"
#include "juki/i18n.h"
#include "juki/jdate.h"
#include "juki/kana.h"
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

const char *
field_problem(const struct field *f)
{
	const char *why = NULL;
	struct jdate d;

	if (f->text[0] == '\0')
		return f->optional ? NULL : N_("入力してください");
	switch (f->check) {
	case FIELD_KANA:
		kana_valid(f->text, &why);
		break;
	case FIELD_DATE:
		jdate_parse(f->text, &d, &why);
		break;
	case FIELD_JUMINHYO:
		checkdigit_juminhyo_valid(f->text, &why);
		break;
	case FIELD_KOJIN:
		checkdigit_kojin_valid(f->text, &why);
		break;
	default:
		break;
	}
	return why;
}

void
field_draw_checked(const struct field *f, const char *label, int active,
    int row, int col, int label_cols, int field_cols, int end)
{
	const char *why = field_problem(f);
	int at = col + label_cols + field_cols + 1;
	char shown[FIELD_MAX];

	field_display(f, shown, sizeof shown);
	ui_put(row, col, label_cols, label, UI_PLAIN);
	ui_put(row, col + label_cols, field_cols, shown, active ? UI_REVERSE :
	    UI_PLAIN);
	/* Nothing typed, nothing to say; else what is wrong, or ✓. */
	ui_put(row, at, end - at, f->text[0] == '\0' ? "" : why != NULL ?
	    _(why) : "✓", why != NULL ? UI_ERROR : UI_PLAIN);
	if (active)
		ui_cursor(row, col + label_cols + width_of(shown));
	explicit_bzero(shown, sizeof shown);
}
