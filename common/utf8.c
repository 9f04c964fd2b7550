#include <string.h>

#include "juki/utf8.h"

size_t
utf8_decode(const char *str, char32_t *cp)
{
	static const char32_t shortest[] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *s = (const unsigned char *)str;
	char32_t v;
	size_t len;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		v = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		v = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		v = s[0] & 0x07;
	} else
		return 0;
	/* A NUL ends the string and fails this test: no read past it. */
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < shortest[len] || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return len;
}

static int
is_control(char32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int
utf8_sanitize(char *dst, size_t dstsz, const char *src)
{
	size_t out = 0, len;
	int changed = 0;
	char32_t cp;

	if (dstsz == 0)
		return 1;
	while (*src != '\0') {
		len = utf8_decode(src, &cp);
		if (len == 0 || is_control(cp)) {
			/* One '?' per bad byte or control character. */
			len = len == 0 ? 1 : len;
			if (out + 1 >= dstsz)
				break;
			dst[out++] = '?';
			changed = 1;
		} else {
			if (out + len >= dstsz)
				break;
			memcpy(dst + out, src, len);
			out += len;
		}
		src += len;
	}
	dst[out] = '\0';
	return changed || *src != '\0';
}
