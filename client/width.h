/*
 * Display width of UTF-8 text on a terminal: what lines columns up when
 * Japanese (two columns a character) and ASCII (one) share a line.  No
 * curses here, so it can be tested alone.
 */
#ifndef JUKI_WIDTH_H
#define JUKI_WIDTH_H

#include <stddef.h>

/*
 * Columns the NUL-terminated UTF-8 text takes (wcwidth of each code point,
 * East Asian wide and fullwidth = 2, combining marks = 0).  Invalid bytes
 * and control characters count as one column each, as the '?' they are
 * shown as.
 */
int width_of(const char *s);

/*
 * Copies into out (outsz bytes) the longest prefix of s that fits in cols
 * columns, never cutting a character, and pads with spaces to exactly cols
 * columns when pad is set (a wide character that would straddle the edge
 * becomes a space).  Invalid bytes and control characters become '?'.
 * Returns the columns used.  out is always NUL-terminated.
 */
int width_fit(const char *s, int cols, int pad, char *out, size_t outsz);

/*
 * As width_fit, but when s does not fit, ends with "…" (one column) so the
 * reader sees that something was cut.
 */
int width_ellipsize(const char *s, int cols, int pad, char *out,
    size_t outsz);

/*
 * The bytes at the start of s, whole clusters, that take at most cols
 * columns; at least one cluster when s is not empty, so that a loop
 * cutting text into lines always moves on.  Columns as width_fit counts
 * them.
 */
size_t width_span(const char *s, int cols);

#endif
