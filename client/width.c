/*
 * Display width of UTF-8 text.  Widths come from wcwidth(3), so they are
 * those of the LC_CTYPE locale the program set, which is also what
 * ncursesw uses to place characters: both agree on where a column is.
 *
 * Text is cut in clusters, a character and the zero-width marks that follow
 * it (カ + U+3099 dakuten, e + U+0301 acute), so a cut never leaves a
 * mark behind to combine with whatever the screen holds next to it.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <uchar.h>
#include <wchar.h>

#include "juki/utf8.h"
#include "width.h"

/* Shown when an ellipsis cannot be: no UTF-8 locale, no "…" either. */
#define ASCII_MARK	"~"

static int
is_control(char32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/*
 * The character at the start of s (not at its NUL): returns its length in
 * bytes, sets *w to its columns and *bad when it is shown as '?'.  An
 * invalid sequence is eaten one byte at a time, so each byte is one '?'.
 */
static size_t
char_at(const char *s, int *w, int *bad)
{
	char32_t cp;
	size_t len;

	len = utf8_decode(s, &cp);
	if (len == 0 || is_control(cp)) {
		*w = 1;
		*bad = 1;
		return len == 0 ? 1 : len;
	}
	*w = wcwidth((wchar_t)cp);
	*bad = *w < 0;
	/* Unprintable in this locale: we cannot know what the terminal
	 * would draw, so draw a '?' we know the width of. */
	if (*bad)
		*w = 1;
	return len;
}

/*
 * The cluster at the start of s (not at its NUL): returns its length in s,
 * sets *w to its columns, *bad when its first character becomes '?' and
 * *outlen to its length once written.  A zero-width mark at the very start
 * has no character to lean on and makes a cluster of its own.
 */
static size_t
cluster_at(const char *s, int *w, int *bad, size_t *outlen)
{
	size_t len, first, n;
	int mw, mbad;

	first = char_at(s, w, bad);
	len = first;
	while (s[len] != '\0') {
		n = char_at(s + len, &mw, &mbad);
		if (mbad || mw != 0)
			break;
		len += n;
	}
	*outlen = *bad ? len - first + 1 : len;
	return len;
}

/* Writes the cluster of len bytes at s, as cluster_at measured it. */
static void
put_cluster(char *out, const char *s, size_t len, int bad, size_t outlen)
{
	size_t marks;

	if (!bad) {
		memcpy(out, s, len);
		return;
	}
	/* The first character went bad: a '?', then its marks as they are. */
	marks = outlen - 1;
	out[0] = '?';
	memcpy(out + 1, s + len - marks, marks);
}

/*
 * Copies whole clusters of s into out while they fit in cols columns and
 * leave room in outsz for the NUL, for extra bytes the caller will add, and
 * (with pad) for the spaces up to cols, so that padding always fits when
 * outsz allows it at all.  Nothing is NUL-terminated.  Returns the bytes
 * written; *colp gets the columns, *restp where s was left.
 */
static size_t
copy_fit(const char *s, int cols, int pad, size_t extra, char *out,
    size_t outsz, int *colp, const char **restp)
{
	size_t off = 0, len, outlen, spaces;
	int col = 0, w, bad;

	while (*s != '\0') {
		len = cluster_at(s, &w, &bad, &outlen);
		if (w > cols - col)
			break;
		spaces = pad ? (size_t)(cols - col - w) : 0;
		/* The sum cannot wrap: each term is bounded by a buffer size
		 * or a string length. */
		if (outsz <= off + outlen + extra + spaces)
			break;
		put_cluster(out + off, s, len, bad, outlen);
		off += outlen;
		col += w;
		s += len;
	}
	*colp = col;
	*restp = s;
	return off;
}

/* Spaces from *colp up to cols, as many as outsz has room for. */
static size_t
pad_to(char *out, size_t off, size_t outsz, int *colp, int cols)
{
	while (*colp < cols && off + 1 < outsz) {
		out[off++] = ' ';
		(*colp)++;
	}
	return off;
}

int
width_of(const char *s)
{
	size_t len;
	int total = 0, w, bad;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		len = char_at(s, &w, &bad);
		/* Past 2^31 columns no screen cares; do not overflow. */
		if (w > INT_MAX - total)
			return INT_MAX;
		total += w;
		s += len;
	}
	return total;
}

/*
 * What both public functions begin with: nothing to write into, nothing
 * to fit, or the first fit of s.  (size_t)-1 when there is no more to do.
 */
static size_t
start_fit(const char **s, int cols, int pad, char *out, size_t outsz,
    int *col, const char **rest)
{
	if (out == NULL || outsz == 0)
		return (size_t)-1;
	if (*s == NULL)
		*s = "";
	if (cols <= 0) {
		out[0] = '\0';
		return (size_t)-1;
	}
	return copy_fit(*s, cols, pad, 0, out, outsz, col, rest);
}

int
width_fit(const char *s, int cols, int pad, char *out, size_t outsz)
{
	const char *rest;
	size_t off;
	int col;

	if ((off = start_fit(&s, cols, pad, out, outsz, &col, &rest)) ==
	    (size_t)-1)
		return 0;
	if (pad)
		off = pad_to(out, off, outsz, &col, cols);
	out[off] = '\0';
	return col;
}

int
width_ellipsize(const char *s, int cols, int pad, char *out, size_t outsz)
{
	const char *rest, *mark = "\u2026";
	size_t off, marklen, spaces;
	int col, markw;

	if ((off = start_fit(&s, cols, pad, out, outsz, &col, &rest)) ==
	    (size_t)-1)
		return 0;
	/* Cut, whether by columns or by outsz: the reader must be told. */
	if (*rest != '\0') {
		markw = wcwidth(0x2026);
		if (markw < 1) {
			mark = ASCII_MARK;
			markw = 1;
		}
		marklen = strlen(mark);
		off = 0;
		col = 0;
		/*
		 * With no room for the mark (and, as in copy_fit, for the
		 * padding after it), show none of s: a cut name that looks
		 * whole is worse than a blank.
		 */
		if (markw <= cols) {
			off = copy_fit(s, cols - markw, pad, marklen, out,
			    outsz, &col, &rest);
			spaces = pad ? (size_t)(cols - markw - col) : 0;
			if (off + marklen + spaces < outsz) {
				memcpy(out + off, mark, marklen);
				off += marklen;
				col += markw;
			}
		}
	}
	if (pad)
		off = pad_to(out, off, outsz, &col, cols);
	out[off] = '\0';
	return col;
}

size_t
width_span(const char *s, int cols)
{
	size_t off = 0, len, outlen;
	int col = 0, w, bad;

	if (s == NULL)
		return 0;
	while (s[off] != '\0') {
		len = cluster_at(s + off, &w, &bad, &outlen);
		if (off > 0 && w > cols - col)
			break;
		col += w;
		off += len;
	}
	return off;
}

/* A byte of a word in Latin letters or digits ("T0001", "15:38"). */
static int
in_word(char c)
{
	return c > ' ' && c < 0x7F;
}

/* Whether a line may not begin with s: closing marks stay with what
 * they close, as pango keeps them on paper. */
static int
closing(const char *s)
{
	return strncmp(s, ")", 1) == 0 || strncmp(s, "、", 3) == 0 ||
	    strncmp(s, "。", 3) == 0 || strncmp(s, "）", 3) == 0;
}

size_t
width_line(const char *s, int cols)
{
	size_t n, at;

	if (s == NULL)
		return 0;
	n = at = width_span(s, cols);
	if (s[n] == '\0')
		return n;
	while (at > 0 && ((in_word(s[at - 1]) && in_word(s[at])) ||
	    closing(s + at)))
		do
			at--;
		while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at > 0 ? at : n;
}

void
width_columns(const char *const *cells, const int *widths, int n,
    char *out, size_t outsz)
{
	char cell[256];
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n && len < outsz; i++) {
		if (widths[i] > 0)
			width_ellipsize(cells[i], widths[i], 1, cell,
			    sizeof cell);
		else
			snprintf(cell, sizeof cell, "%s", cells[i]);
		snprintf(out + len, outsz - len, "%s%s", i ? " " : "", cell);
		len = strlen(out);
	}
	/* The cells may be a resident's. */
	explicit_bzero(cell, sizeof cell);
}
