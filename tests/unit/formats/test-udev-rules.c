// SPDX-License-Identifier: GPL-2.0-or-later
/* udev rules that name network cards: pw_net_rules_parse. */
#include "unit.h"

#include "pw-netname.h"

static void test_rules_parse(void **state)
{
	static const char text[] =
		"# comment NAME=\"x\"\n"
		"\n"
		"SUBSYSTEM==\"net\", ACTION==\"add\", DRIVERS==\"?*\", "
		"ATTR{address}==\"00:16:3e:00:00:01\", ATTR{dev_id}==\"0x0\", ATTR{type}==\"1\", "
		"KERNEL==\"eth*\", NAME=\"eth0\"\n"
		"SUBSYSTEM==\"net\", DRIVER==\"pcnet32\", \\\n"
		"   SYSFS{address}==\"00:16:3e:00:00:02\", NAME=\"eth1\"\n"
		"SUBSYSTEM==\"net\", ENV{ID_PATH}==\"pci-*\", NAME=\"eth2\"\n"
		"SUBSYSTEM==\"net\", RUN+=\"/bin/true\"\n"
		"KERNEL==\"eth0\", NAME=\"eth3\", what is this\n"
		"KERNEL==\"eth0\", NAME=\"unterminated\n";
	struct pw_net_rule rules[8];

	(void)state;
	assert_int_equal(pw_net_rules_parse(text, strlen(text), rules, 8), 4);
	assert_int_equal(rules[0].line, 3);
	assert_string_equal(rules[0].name, "eth0");
	assert_string_equal(rules[0].mac, "00:16:3e:00:00:01");
	assert_string_equal(rules[0].driver, "?*");
	assert_string_equal(rules[0].kernel, "eth*");
	assert_false(rules[0].other);
	assert_int_equal(rules[1].line, 4);
	assert_string_equal(rules[1].name, "eth1");
	assert_string_equal(rules[1].driver, "pcnet32");
	assert_string_equal(rules[1].mac, "00:16:3e:00:00:02");
	assert_string_equal(rules[2].name, "eth2");
	assert_true(rules[2].other);
	/* words that are no KEY=="value": not understood, so it matches nothing */
	assert_string_equal(rules[3].name, "eth3");
	assert_true(rules[3].other);
	assert_int_equal(pw_net_rules_parse(text, strlen(text), rules, 1), 1);
}

static void test_rules_edge_cases(void **state)
{
	struct pw_net_rule rules[4];
	char big[9000]; /* one rule, continued past the parser's buffer */

	(void)state;
	assert_int_equal(pw_net_rules_parse("", 0, rules, 4), 0);
	assert_int_equal(pw_net_rules_parse("NAME=\"x\"", 8, rules, 4), 1);
	assert_string_equal(rules[0].name, "x");
	assert_int_equal(rules[0].line, 1);
	/* a match on NAME names nothing */
	assert_int_equal(pw_net_rules_parse("NAME==\"eth0\"\n", 13, rules, 4), 0);

	memset(big, 'a', sizeof(big));
	memcpy(big, "NAME=\"e\", KERNEL==\"", 19);
	memcpy(big + 3000, "\\\n", 2);
	big[sizeof(big) - 1] = '"';
	/* skipped whole, not cut short into a rule that names every card "e" */
	assert_int_equal(pw_net_rules_parse(big, sizeof(big), rules, 4), 0);
	/* the same rule short enough is read */
	big[3099] = '"';
	assert_int_equal(pw_net_rules_parse(big, 3100, rules, 4), 1);
	assert_string_equal(rules[0].name, "e");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_parse),
		cmocka_unit_test(test_rules_edge_cases),
	};

	return cmocka_run_group_tests_name("udev rules", tests, NULL, NULL);
}
