/* The one-line input: characters, not bytes; a limit; a mask; a wipe. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "field.h"

static void
type(struct field *f, const char *utf8_char)
{
	struct ui_key k;

	memset(&k, 0, sizeof k);
	snprintf(k.text, sizeof k.text, "%s", utf8_char);
	field_key(f, &k);
}

static void
backspace(struct field *f)
{
	struct ui_key k = { .special = UI_BACKSPACE };

	assert_int_equal(field_key(f, &k), 1);
}

static void
test_multibyte_backspace(void **state)
{
	struct field f = { .max_chars = 10 };

	(void)state;
	type(&f, "ヤ");
	type(&f, "マ");
	type(&f, "ダ");
	assert_string_equal(f.text, "ヤマダ");
	backspace(&f);	/* a whole character, never half of one */
	assert_string_equal(f.text, "ヤマ");
	type(&f, "A");
	backspace(&f);
	backspace(&f);
	backspace(&f);
	backspace(&f);	/* on an empty field: nothing to take */
	assert_string_equal(f.text, "");
}

static void
test_limit_in_characters(void **state)
{
	struct field f = { .max_chars = 3 };

	(void)state;
	type(&f, "住");
	type(&f, "民");
	type(&f, "票");
	type(&f, "コ");	/* full: the key is spent, nothing changes */
	assert_string_equal(f.text, "住民票");
}

static void
test_keys_that_are_not_text(void **state)
{
	struct field f = { .max_chars = 5 };
	struct ui_key enter = { .special = UI_ENTER };
	struct ui_key f4 = { .fkey = 4 };

	(void)state;
	assert_int_equal(field_key(&f, &enter), 0);
	assert_int_equal(field_key(&f, &f4), 0);
	assert_string_equal(f.text, "");
}

static void
test_secret_and_clear(void **state)
{
	struct field f = { .max_chars = 16, .secret = 1 };
	char shown[32];
	static const struct field zero;

	(void)state;
	type(&f, "1");
	type(&f, "2");
	type(&f, "3");
	field_display(&f, shown, sizeof shown);
	assert_string_equal(shown, "***");
	field_clear(&f);
	assert_memory_equal(f.text, zero.text, sizeof f.text);
}

static void
test_display_sanitises(void **state)
{
	struct field f = { .max_chars = 10 };
	char shown[32];

	(void)state;
	type(&f, "a");
	type(&f, "\x1b");
	field_display(&f, shown, sizeof shown);
	assert_string_equal(shown, "a?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multibyte_backspace),
		cmocka_unit_test(test_limit_in_characters),
		cmocka_unit_test(test_keys_that_are_not_text),
		cmocka_unit_test(test_secret_and_clear),
		cmocka_unit_test(test_display_sanitises),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
