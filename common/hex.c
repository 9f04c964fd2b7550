#include "juki/hex.h"

static const char digits[] = "0123456789abcdef";

void
hex_encode(const unsigned char *bin, size_t n, char *hex)
{
	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[bin[i] >> 4];
		hex[2 * i + 1] = digits[bin[i] & 0x0f];
	}
	hex[2 * n] = '\0';
}

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
hex_decode(const char *hex, size_t n, unsigned char *bin)
{
	for (size_t i = 0; i < n; i++) {
		int hi = digit_value(hex[2 * i]), lo;

		if (hi < 0 || (lo = digit_value(hex[2 * i + 1])) < 0)
			return -1;
		bin[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}
