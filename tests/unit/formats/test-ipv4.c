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

static void expect_invalid(const char *iface, const char *addr, const char *mask,
			   const char *gw, const char *ns, enum pw_net_field want_field,
			   const char *want_text)
{
	struct pw_net_config cfg = { 0 };
	enum pw_net_field field;
	char why[256];

	snprintf(cfg.interface, sizeof(cfg.interface), "%s", iface);
	snprintf(cfg.address, sizeof(cfg.address), "%s", addr);
	snprintf(cfg.netmask, sizeof(cfg.netmask), "%s", mask);
	snprintf(cfg.gateway, sizeof(cfg.gateway), "%s", gw);
	snprintf(cfg.nameservers, sizeof(cfg.nameservers), "%s", ns);
	assert_int_equal(pw_net_validate(&cfg, &field, why, sizeof(why)), -EINVAL);
	assert_int_equal(field, want_field);
	if (!strstr(why, want_text))
		fail_msg("\"%s\" not in \"%s\"", want_text, why);
}

static void test_validate(void **state)
{
	struct pw_net_config good = {
		"eth0", "18.181.1.23", "255.255.0.0", "18.181.0.1", "18.70.0.160 18.71.0.151"
	};
	enum pw_net_field field;
	char why[256];

	(void)state;
	assert_int_equal(pw_net_validate(&good, &field, why, sizeof(why)), 0);
	assert_int_equal(field, PW_NET_NONE);
	snprintf(good.netmask, sizeof(good.netmask), "/16");
	assert_int_equal(pw_net_validate(&good, &field, why, sizeof(why)), 0);
	/* IPv6 name servers beside an IPv4 one; none at all */
	snprintf(good.nameservers, sizeof(good.nameservers), "2001:db8::53 18.70.0.160");
	assert_int_equal(pw_net_validate(&good, &field, why, sizeof(why)), 0);
	good.nameservers[0] = '\0';
	assert_int_equal(pw_net_validate(&good, &field, why, sizeof(why)), 0);
	snprintf(good.netmask, sizeof(good.netmask), "/30");
	snprintf(good.address, sizeof(good.address), "18.181.1.21");
	snprintf(good.gateway, sizeof(good.gateway), "18.181.1.22");
	assert_int_equal(pw_net_validate(&good, &field, why, sizeof(why)), 0);

	expect_invalid("eth0", "18.181.1.23", "255.255.0.0", "10.0.0.1", "", PW_NET_GATEWAY,
		       "the gateway 10.0.0.1 is not on the network 18.181.0.0/16");
	expect_invalid("eth0", "18.181.0.0", "/16", "18.181.0.1", "", PW_NET_ADDRESS, "network");
	expect_invalid("eth0", "18.181.255.255", "/16", "18.181.0.1", "", PW_NET_ADDRESS,
		       "broadcast");
	expect_invalid("eth0", "18.181.1.23", "255.0.255.0", "18.181.0.1", "", PW_NET_NETMASK,
		       "255.0.255.0");
	expect_invalid("eth0", "18.181.1.23", "/31", "18.181.0.1", "", PW_NET_NETMASK, "/31");
	/* the policy (pw-net.h): /31 and /32 refused, whatever the gateway */
	expect_invalid("eth0", "18.181.1.4", "/31", "18.181.1.5", "", PW_NET_NETMASK, "/31");
	expect_invalid("eth0", "18.181.1.4", "255.255.255.255", "18.181.1.4", "", PW_NET_NETMASK,
		       "/32");
	expect_invalid("eth0", "18.181.1.4", "/7", "18.181.1.5", "", PW_NET_NETMASK, "/7");
	expect_invalid("eth0", "18.181.1.23", "/16", "18.181.0.1", "2001:db8::53",
		       PW_NET_NAMESERVERS, "all IPv6");
	expect_invalid("eth0", "18.181.1.23", "/16", "18.181.0.1", "18.70.0.160 fe80::1%eth0",
		       PW_NET_NAMESERVERS, "fe80::1%eth0");
	expect_invalid("eth0", "18.181.1.23", "/16", "18.181.1.23", "", PW_NET_GATEWAY, "own");
	expect_invalid("eth0", "18.181.1.23", "/16", "18.181.255.255", "", PW_NET_GATEWAY,
		       "broadcast");
	expect_invalid("eth0", "18.181.1.23;reboot", "/16", "18.181.0.1", "", PW_NET_ADDRESS,
		       "not an IPv4");
	expect_invalid("eth0", "", "/16", "18.181.0.1", "", PW_NET_ADDRESS, "not an IPv4");
	expect_invalid("eth0", "18.181.1.23", "/16", "", "", PW_NET_GATEWAY, "not an IPv4");
	expect_invalid("eth0", "18.181.1.23", "/16", "18.181.0.1", "1.2.3.4 $(x)",
		       PW_NET_NAMESERVERS, "$(x)");
	expect_invalid("eth 0", "18.181.1.23", "/16", "18.181.0.1", "", PW_NET_INTERFACE, "eth 0");
	expect_invalid("", "18.181.1.23", "/16", "18.181.0.1", "", PW_NET_INTERFACE, "");
	expect_invalid("eth0\nup", "18.181.1.23", "/16", "18.181.0.1", "", PW_NET_INTERFACE, "eth0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ipv4_accepts),
		cmocka_unit_test(test_parse_ipv4_refuses),
		cmocka_unit_test(test_parse_netmask),
		cmocka_unit_test(test_validate),
	};

	return cmocka_run_group_tests_name("pw_ipv4", tests, NULL, NULL);
}
