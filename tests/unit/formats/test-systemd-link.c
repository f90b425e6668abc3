// SPDX-License-Identifier: GPL-2.0-or-later
/* systemd .link files held against the Xen card: pw_link_parse. */
#include "unit.h"

#include "pw-netname.h"

static const struct pw_link_card vif = {
	.kernel_name = "eth0", .driver = "vif", .virtualization = "xen",
};

static void parse(const char *text, struct pw_link *lf)
{
	pw_link_parse(text, strlen(text), &vif, lf);
}

static void test_link_name_by_mac(void **state)
{
	struct pw_link lf;

	(void)state;
	parse("# written by hand\n[Match]\nMACAddress = 00:16:3e:00:00:01\n\n"
	      "[Link]\nName=lan0\n", &lf);
	assert_true(lf.any_match);
	assert_true(lf.applies);
	assert_string_equal(lf.mac, "00:16:3e:00:00:01");
	assert_string_equal(lf.name, "lan0");
	assert_false(lf.has_policy);
}

static void test_link_matches(void **state)
{
	static const struct {
		const char *match;
		bool applies;
	} cases[] = {
		{ "OriginalName=eth*", true },
		{ "OriginalName=ens3", false },
		{ "OriginalName=ens3 eth0", true },
		{ "Driver=vif", true },
		{ "Driver=e1000 virtio_net", false },
		{ "Driver=!vif", false },
		{ "Type=ether", true },
		{ "Type=wlan", false },
		{ "Virtualization=xen", true },
		{ "Virtualization=kvm", false },
		{ "Virtualization=yes", true },
		{ "Path=pci-0000:00:03.0", false },
		{ "Property=ID_BUS=pci", false },
		/* every key must match */
		{ "OriginalName=*\nDriver=e1000", false },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char text[256];
		struct pw_link lf;

		snprintf(text, sizeof(text), "[Match]\n%s\n[Link]\nNamePolicy=kernel slot\n",
			 cases[i].match);
		parse(text, &lf);
		if (lf.applies != cases[i].applies)
			fail_msg("case %zu (%s): applies %d", i, cases[i].match, lf.applies);
		assert_true(lf.has_policy);
		assert_string_equal(lf.policy, "kernel slot");
	}
}

static void test_link_sections(void **state)
{
	struct pw_link lf;

	(void)state;
	/* no [Match] key: udev skips the file */
	parse("[Link]\nName=x\n", &lf);
	assert_false(lf.any_match);
	/* comments with ';', lines without '=', a section cut short */
	parse("[Match]\nOriginalName=*\n; Driver=e1000\nnonsense\n[Link\nName=w\n", &lf);
	assert_true(lf.applies);
	assert_string_equal(lf.name, "");
	/* a key udev matches on that says nothing of the Xen card */
	parse("[Match]\nOriginalName=*\nName=z\n[Link]\nName=w\n", &lf);
	assert_false(lf.applies);
	assert_string_equal(lf.name, "w");
	parse("", &lf);
	assert_false(lf.any_match);
	assert_true(lf.applies);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_name_by_mac),
		cmocka_unit_test(test_link_matches),
		cmocka_unit_test(test_link_sections),
	};

	return cmocka_run_group_tests_name("systemd .link", tests, NULL, NULL);
}
