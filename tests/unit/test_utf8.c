/* Strict decoding and the sanitising every untrusted string goes through. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "juki/utf8.h"

static void
test_decode(void **state)
{
	char32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("住", &cp), 3);
	assert_int_equal(cp, 0x4F4F);
	assert_int_equal(utf8_decode("\xf0\xa0\xae\xb7", &cp), 4);	/* 𠮷 */
	assert_int_equal(cp, 0x20BB7);
	assert_int_equal(utf8_decode("\xc0\xaf", &cp), 0);	/* overlong */
	assert_int_equal(utf8_decode("\xed\xa0\x80", &cp), 0);	/* surrogate */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", &cp), 0);
	assert_int_equal(utf8_decode("\xe4\xbd", &cp), 0);	/* truncated */
	assert_int_equal(utf8_decode("\x80", &cp), 0);
	assert_int_equal(utf8_decode("\xff", &cp), 0);
}

static void
assert_sanitized(const char *in, size_t size, const char *want, int changed)
{
	char out[64];

	assert_true(size <= sizeof out);
	assert_int_equal(utf8_sanitize(out, size, in), changed);
	assert_string_equal(out, want);
}

static void
test_sanitize(void **state)
{
	(void)state;
	assert_sanitized("山田　太郎", 64, "山田　太郎", 0);
	/* Escape sequences lose their ESC; newlines and tabs go too. */
	assert_sanitized("\x1b[2J\x1b]0;x\x07", 64, "?[2J?]0;x?", 1);
	assert_sanitized("a\nb\tc\rd", 64, "a?b?c?d", 1);
	assert_sanitized("\x7f\xc2\x9b", 64, "??", 1);	/* DEL, C1 CSI */
	assert_sanitized("ok\xff\xfe", 64, "ok??", 1);
	assert_sanitized("\xe4\xbd", 64, "??", 1);
	/* Cut at a character boundary, never in the middle of one. */
	assert_sanitized("山田", 6, "山", 1);
	assert_sanitized("山田", 7, "山田", 0);
	assert_sanitized("", 1, "", 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_sanitize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
