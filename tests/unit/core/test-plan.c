// SPDX-License-Identifier: GPL-2.0-or-later
/* Plans: unchanged content plans nothing; diffs come from diff -u, labelled. */
#include "unit.h"

#include "pw-plan.h"

static void test_write_and_diff(void **state)
{
	struct pw_plan plan;
	char *diff;

	(void)state;
	pw_plan_init(&plan, PW_STEP_NETWORK);
	assert_int_equal(pw_plan_write(&plan, "/etc/a", "same\n", 5, true, "same\n", 5, 0644), 1);
	assert_true(pw_plan_empty(&plan));
	assert_int_equal(pw_plan_write(&plan, "/etc/network/interfaces", "iface eth0 inet dhcp\n",
				       21, true, "iface eth0 inet static\n", 23, 0644), 0);
	assert_int_equal(pw_plan_write(&plan, "/etc/new", NULL, 0, false, "new\n", 4, 0600), 0);
	assert_int_equal(pw_plan_symlink(&plan, "/etc/l", "/lib/x"), 0);
	assert_int_equal(plan.count, 3);

	assert_int_equal(pw_change_diff(&plan.changes[0], &diff), 0);
	assert_non_null(strstr(diff, "--- a/etc/network/interfaces\n"));
	assert_non_null(strstr(diff, "+++ b/etc/network/interfaces\n"));
	assert_non_null(strstr(diff, "-iface eth0 inet dhcp\n+iface eth0 inet static\n"));
	free(diff);
	assert_int_equal(pw_change_diff(&plan.changes[1], &diff), 0);
	assert_non_null(strstr(diff, "--- /dev/null\n+++ b/etc/new\n"));
	assert_non_null(strstr(diff, "+new\n"));
	free(diff);
	assert_int_equal(pw_change_diff(&plan.changes[2], &diff), 0);
	assert_non_null(strstr(diff, "/etc/l -> /lib/x"));
	free(diff);
	pw_plan_free(&plan);
	assert_true(pw_plan_empty(&plan));
}

static void test_remove_diff(void **state)
{
	struct pw_plan plan;
	char *diff;

	(void)state;
	pw_plan_init(&plan, PW_STEP_CONSOLE);
	assert_int_equal(pw_plan_remove(&plan, "/etc/x", "gone\n", 5), 0);
	assert_int_equal(pw_change_diff(&plan.changes[0], &diff), 0);
	assert_non_null(strstr(diff, "--- a/etc/x\n+++ /dev/null\n"));
	free(diff);
	pw_plan_free(&plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_and_diff),
		cmocka_unit_test(test_remove_diff),
	};

	return cmocka_run_group_tests_name("pw_plan", tests, NULL, NULL);
}
