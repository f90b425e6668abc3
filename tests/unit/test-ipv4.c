// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_parse_ipv4, pw_parse_netmask: the one place addresses are validated. */
#include "unit.h"

#include "pw-net.h"

static void test_parse_ipv4_accepts(void **state)
{
	struct pw_ipv4 a;
	char buf[16];

	(void)state;
	assert_int_equal(pw_parse_ipv4("18.181.0.1", &a), 0);
	assert_int_equal(a.addr, 0x12b50001);
	pw_ipv4_format(a, buf);
	assert_string_equal(buf, "18.181.0.1");
	assert_int_equal(pw_parse_ipv4("0.0.0.0", &a), 0);
	assert_int_equal(pw_parse_ipv4("255.255.255.255", &a), 0);
	assert_int_equal(a.addr, 0xffffffff);
}

static void test_parse_ipv4_refuses(void **state)
{
	static const char *const bad[] = {
		"", "1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "01.2.3.4", "1.2.3.04",
		"1..3.4", ".1.2.3", "1.2.3.4.", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4\n", "a.b.c.d",
		"1.2.3.4;rm", "1.2.3.-4", "+1.2.3.4", "1234.1.1.1", "0x1.2.3.4", "1.2.3.4/16",
	};
	struct pw_ipv4 a = { 42 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(pw_parse_ipv4(bad[i], &a), -EINVAL);
		assert_int_equal(a.addr, 42); /* untouched on failure */
	}
}

static void test_parse_netmask(void **state)
{
	struct pw_ipv4 m;

	(void)state;
	assert_int_equal(pw_parse_netmask("255.255.0.0", &m), 0);
	assert_int_equal(pw_netmask_prefix(m), 16);
	assert_int_equal(pw_parse_netmask("/24", &m), 0);
	assert_int_equal(m.addr, 0xffffff00);
	assert_int_equal(pw_parse_netmask("8", &m), 0);
	assert_int_equal(m.addr, 0xff000000);
	assert_int_equal(pw_parse_netmask("/32", &m), 0);
	assert_int_equal(m.addr, 0xffffffff);
	assert_int_equal(pw_parse_netmask("255.255.255.252", &m), 0);
	assert_int_equal(pw_netmask_prefix(m), 30);

	assert_int_equal(pw_parse_netmask("255.0.255.0", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("255.255.0.1", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("0.255.255.255", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("/33", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("/016", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("/", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("/1.2.3.4", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("16x", &m), -EINVAL);
	assert_int_equal(pw_parse_netmask("", &m), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ipv4_accepts),
		cmocka_unit_test(test_parse_ipv4_refuses),
		cmocka_unit_test(test_parse_netmask),
	};

	return cmocka_run_group_tests_name("pw_ipv4", tests, NULL, NULL);
}
