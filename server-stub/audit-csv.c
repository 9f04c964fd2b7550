#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit-csv.h"
#include "juki/protocol.h"

/* What a spreadsheet may take for the start of a formula, and the mark
 * that guards them. */
static const char *const risky[] = {
	"=", "+", "-", "@", "'",
	"\xef\xbc\x9d",		/* ＝ */
	"\xef\xbc\x8b",		/* ＋ */
	"\xef\xbc\x8d",		/* － */
	"\xef\xbc\xa0",		/* ＠ */
};

static int
needs_guard(const char *s)
{
	for (size_t i = 0; i < sizeof risky / sizeof risky[0]; i++)
		if (strncmp(s, risky[i], strlen(risky[i])) == 0)
			return 1;
	return 0;
}

int
audit_csv_field(const char *s, char *out, size_t outsz)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	size_t n = 0;

	/* The worst case: a guard, two quotes, every byte doubled, NUL. */
	if (outsz < 2 * strlen(s) + 4)
		return -1;
	if (quote)
		out[n++] = '"';
	if (needs_guard(s))
		out[n++] = '\'';
	for (; *s != '\0'; s++) {
		if (*s == '"')
			out[n++] = '"';
		out[n++] = *s;
	}
	if (quote)
		out[n++] = '"';
	out[n] = '\0';
	return (int)n;
}

/* Appends text to out at *len; -1 when it does not fit. */
static int
append(char *out, size_t outsz, size_t *len, const char *text)
{
	size_t add = strlen(text);

	if (*len + add >= outsz)
		return -1;
	memcpy(out + *len, text, add + 1);
	*len += add;
	return 0;
}

int
audit_csv_header(char *out, size_t outsz)
{
#define COLUMN(name) name ",",
	static const char *const names[] = { AUDIT_CSV_COLUMNS(COLUMN) };
#undef COLUMN
	size_t len = 0, n = sizeof names / sizeof names[0];

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (append(out, outsz, &len, names[i]) != 0)
			return -1;
	}
	/* The last name's comma becomes the line's end. */
	len--;
	out[len] = '\0';
	if (append(out, outsz, &len, "\r\n") != 0)
		return -1;
	return (int)len;
}

int
audit_csv_row(const struct audit_entry *e, char *out, size_t outsz)
{
	const char *const text[] = {
		e->time, e->operator_id, e->terminal_id, e->action,
		e->target, e->jimu, e->result, e->reason, e->document,
		e->items, e->prev, e->hash,
	};
	char field[AUDIT_CSV_ROW_MAX / 2];
	size_t len = 0;
	int n;

	n = snprintf(out, outsz, "%" PRId64, e->seq);
	if (n < 0 || (size_t)n >= outsz)
		return -1;
	len = (size_t)n;
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		if (audit_csv_field(text[i], field, sizeof field) < 0 ||
		    append(out, outsz, &len, ",") != 0 ||
		    append(out, outsz, &len, field) != 0)
			return -1;
	}
	explicit_bzero(field, sizeof field);
	return append(out, outsz, &len, "\r\n") != 0 ? -1 : (int)len;
}
