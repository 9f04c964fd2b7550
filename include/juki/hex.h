/*
 * Lowercase hexadecimal: hashes, signatures, tokens and key ids are
 * written in it, and read back only in it, so that each has one spelling.
 */
#ifndef JUKI_HEX_H
#define JUKI_HEX_H

#include <stddef.h>

/* The n bytes of bin as 2n digits and a NUL, into hex. */
void hex_encode(const unsigned char *bin, size_t n, char *hex);

/* The 2n digits at hex into the n bytes of bin: 0, or -1 when one of
 * them is not a lowercase hex digit (bin is then partly written). */
int hex_decode(const char *hex, size_t n, unsigned char *bin);

#endif
