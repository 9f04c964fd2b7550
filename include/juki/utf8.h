/*
 * UTF-8: strict decoding, and text made safe to show on a terminal or to
 * write to a log.  Everything that crosses a trust boundary as text (a
 * server's answer on the screen, a client's field name in the audit log)
 * goes through utf8_sanitize first.
 */
#ifndef JUKI_UTF8_H
#define JUKI_UTF8_H

#include <stddef.h>
#include <uchar.h>

/*
 * Decodes the code point at the start of the NUL-terminated s.  Returns
 * its length in bytes, or 0 if s does not start with a valid sequence
 * (overlong forms, surrogates, past U+10FFFF and truncated ones are not).
 */
size_t utf8_decode(const char *s, char32_t *cp);

/*
 * Copies src into dst (dstsz bytes, NUL-terminated) keeping only valid
 * UTF-8 without control characters: C0, DEL and C1 (so no terminal escape
 * sequence) each become '?', as does every byte of an invalid sequence.
 * Cuts at a character boundary when dst is full.  Returns 1 if anything
 * was replaced or cut, else 0.
 */
int utf8_sanitize(char *dst, size_t dstsz, const char *src);

#endif
