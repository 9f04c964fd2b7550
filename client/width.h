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
 * A row of a table: the n cells, each ellipsized to its width in widths
 * and padded, one space between them; a width of 0 takes its cell as it
 * is (the last column, drawing cuts it at the screen's edge).
 */
void width_columns(const char *const *cells, const int *widths, int n,
    char *out, size_t outsz);

/*
 * The bytes at the start of s, whole clusters, that take at most cols
 * columns; at least one cluster when s is not empty.  Columns as
 * width_fit counts them.
 */
size_t width_span(const char *s, int cols);

/*
 * The bytes at the start of s that make one line of at most cols columns
 * (columns as width_fit counts them): whole clusters, ended where a line
 * may end, not inside a word of Latin letters and digits (a 住民票コード,
 * a 照合ID, an English word) nor before a closing mark, when an earlier
 * place in the line will do.  At least one cluster when s is not empty,
 * so that a loop cutting text into lines always moves on.
 */
size_t width_line(const char *s, int cols);

#endif
