/* 異動事由: codes are unique, names resolve both ways, kinds as the logic
 * checks need them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "juki/idou.h"

static void
test_codes_unique_and_round_trip(void **state)
{
	int count;
	const struct idou_reason *all = idou_all(&count);

	(void)state;
	assert_true(count >= 10);
	for (int i = 0; i < count; i++) {
		assert_ptr_equal(idou_lookup(all[i].code), &all[i]);
		assert_ptr_equal(idou_by_name(all[i].name), &all[i]);
		for (int j = i + 1; j < count; j++)
			assert_int_not_equal(all[i].code, all[j].code);
	}
}

static void
test_kinds(void **state)
{
	(void)state;
	assert_int_equal(idou_lookup(IDOU_TENNYU)->kind, IDOU_ENTRY);
	assert_int_equal(idou_lookup(IDOU_SHUSSEI)->kind, IDOU_ENTRY);
	assert_int_equal(idou_lookup(IDOU_TENKYO)->kind, IDOU_CHANGE);
	assert_int_equal(idou_lookup(IDOU_SHIMEI_HENKO)->kind, IDOU_CHANGE);
	assert_int_equal(idou_lookup(IDOU_TENSHUTSU)->kind, IDOU_REMOVAL);
	assert_int_equal(idou_lookup(IDOU_SHIBOU)->kind, IDOU_REMOVAL);
	assert_string_equal(idou_lookup(IDOU_TENKYO)->name, "転居");
}

static void
test_unknown(void **state)
{
	(void)state;
	assert_null(idou_lookup(0));
	assert_null(idou_lookup(99));
	assert_null(idou_lookup(-11));
	assert_null(idou_by_name("引越し"));
	assert_null(idou_by_name(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_unique_and_round_trip),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
