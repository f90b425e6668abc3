// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netplan's YAML: definitions read and merged across files as netplan
 * merges them; what netplan refuses refused with file and line.
 */
#include "unit.h"

#include <errno.h>

#include "pw.h"
#include "pw-netplan.h"
#include "pw-text.h"

static int parse(struct pw_netplan *np, const char *file, const char *text)
{
	return pw_netplan_parse(np, file, text, strlen(text));
}

static const char cloud_init[] =
	"# written by cloud-init\n"
	"network:\n"
	"  version: 2\n"
	"  ethernets:\n"
	"    ens3:\n"
	"      match:\n"
	"        macaddress: \"52:54:00:12:34:56\"\n"
	"      set-name: ens3\n"
	"      dhcp4: true\n";

static void test_cloud_init(void **state)
{
	struct pw_netplan np;
	const struct pw_np_def *d;

	(void)state;
	pw_netplan_init(&np);
	assert_int_equal(parse(&np, "/etc/netplan/50-cloud-init.yaml", cloud_init), 0);
	assert_int_equal(np.ndefs, 1);
	d = pw_netplan_find(&np, "ens3");
	assert_non_null(d);
	assert_string_equal(d->kind, "ethernets");
	assert_string_equal(d->file, "/etc/netplan/50-cloud-init.yaml");
	assert_int_equal(d->line, 5);
	assert_true(d->has_match);
	assert_string_equal(d->match_mac, "52:54:00:12:34:56");
	assert_string_equal(d->set_name, "ens3");
	assert_int_equal(d->dhcp4, 1);
	assert_int_equal(d->naddrs, 0);
	assert_int_equal(pw_netplan_renderer(&np, d), PW_NP_NETWORKD);
}

static void test_static_and_merge(void **state)
{
	static const char later[] =
		"network:\n"
		"  renderer: NetworkManager\n"
		"  ethernets:\n"
		"    ens3: {dhcp4: no, addresses: [18.181.1.23/16, \"fe80::1/64\"],\n"
		"           routes: [{to: default, via: 18.181.0.1}, {to: 10.0.0.0/8, via: 18.181.0.9}],\n"
		"           nameservers: {addresses: [18.70.0.160, 18.71.0.151], search: [mit.edu]}}\n"
		"    eth1:\n"
		"      gateway4: 10.1.0.1\n"
		"      addresses:\n"
		"        - 10.1.0.5/24:\n"
		"            lifetime: 0\n";
	struct pw_netplan np;
	const struct pw_np_def *d;

	(void)state;
	pw_netplan_init(&np);
	assert_int_equal(parse(&np, "/etc/netplan/50-cloud-init.yaml", cloud_init), 0);
	assert_int_equal(parse(&np, "/etc/netplan/90-x.yaml", later), 0);
	assert_int_equal(np.ndefs, 2);
	d = pw_netplan_find(&np, "ens3");
	/* the later file's scalar wins, the earlier match stays */
	assert_int_equal(d->dhcp4, 0);
	assert_string_equal(d->match_mac, "52:54:00:12:34:56");
	assert_string_equal(d->file, "/etc/netplan/50-cloud-init.yaml");
	assert_int_equal(d->naddrs, 2);
	assert_string_equal(d->addrs[0], "18.181.1.23/16");
	assert_string_equal(d->addrs[1], "fe80::1/64");
	assert_string_equal(d->route_via, "18.181.0.1");
	assert_string_equal(d->nameservers, "18.70.0.160 18.71.0.151");
	assert_int_equal(pw_netplan_renderer(&np, d), PW_NP_NM);
	d = pw_netplan_find(&np, "eth1");
	assert_string_equal(d->gateway4, "10.1.0.1");
	assert_int_equal(d->naddrs, 1);
	assert_string_equal(d->addrs[0], "10.1.0.5/24");
	assert_int_equal(d->dhcp4, -1);
}

static void expect_error(const char *text, enum pw_np_problem problem, unsigned int line,
			 const char *what)
{
	struct pw_netplan np;

	pw_netplan_init(&np);
	assert_int_equal(parse(&np, "/etc/netplan/50-cloud-init.yaml", cloud_init), 0);
	assert_int_equal(parse(&np, "/etc/netplan/60-bad.yaml", text), -EINVAL);
	assert_int_equal(np.error.problem, problem);
	assert_string_equal(np.error.file, "/etc/netplan/60-bad.yaml");
	assert_int_equal(np.error.line, line);
	if (what)
		assert_string_equal(np.error.what, what);
	/* nothing of the refused file is kept */
	assert_int_equal(np.ndefs, 1);
	assert_int_equal(pw_netplan_find(&np, "ens3")->dhcp4, 1);
	assert_int_equal(np.renderer, PW_NP_DEFAULT);
}

static void test_refused(void **state)
{
	(void)state;
	/* a tab where netplan (libyaml) wants blanks */
	expect_error("network:\n  ethernets:\n\tens3:\n      dhcp4: false\n", PW_NP_SYNTAX, 3, NULL);
	expect_error("network:\n  ethernets:\n    ens3:\n      dhcp4: false\n      dhcp4: true\n",
		     PW_NP_DUPLICATE, 5, "dhcp4");
	expect_error("network:\n  renderer: NetworkManager\n  ethernets:\n    ens3:\n"
		     "      dhcp4: false\n  renderer: networkd\n",
		     PW_NP_DUPLICATE, 6, "renderer");
	expect_error("network:\n  renderer: wicked\n", PW_NP_RENDERER, 2, "wicked");
	expect_error("network:\n  ethernets:\n    ens3:\n      dhcp4: false\n      renderer: ifupdown\n",
		     PW_NP_RENDERER, 5, "ifupdown");
	expect_error("- network\n- ethernets\n", PW_NP_NOT_MAPPING, 1, NULL);
	expect_error("just words\n", PW_NP_NOT_MAPPING, 1, NULL);
	expect_error("# a comment\nother: 1\n", PW_NP_UNKNOWN_KEY, 2, "other");
	expect_error("network:\n  ethernet:\n    ens3: {}\n", PW_NP_UNKNOWN_KEY, 2, "ethernet");
	expect_error("network:\n  ethernets: [ens3]\n", PW_NP_NOT_MAPPING, 2, "ethernets");
	expect_error("network:\n  ethernets:\n    ens3: {dhcp4: false\n", PW_NP_SYNTAX, 4, NULL);
}

static void test_empty_and_other(void **state)
{
	struct pw_netplan np;

	(void)state;
	pw_netplan_init(&np);
	assert_int_equal(parse(&np, "/etc/netplan/00-empty.yaml", ""), 0);
	assert_int_equal(parse(&np, "/etc/netplan/01-comment.yaml", "# nothing\n"), 0);
	/* only the first document counts */
	assert_int_equal(parse(&np, "/etc/netplan/03-two.yaml",
			       "network: {version: 2}\n---\nnetwork: {renderer: bogus}\n"), 0);
	assert_int_equal(np.ndefs, 0);
}

static void test_alias_bomb(void **state)
{
	struct pw_buf b = { 0 };
	struct pw_netplan np;

	(void)state;
	/* each level doubles the last: 2^40 nodes if walked naively */
	pw_buf_str(&b, "network:\n  ethernets:\n    ens3:\n      a0: &a0 [x, x]\n");
	for (int i = 1; i < 40; i++)
		pw_buf_printf(&b, "      a%d: &a%d [*a%d, *a%d]\n", i, i, i - 1, i - 1);
	pw_buf_str(&b, "      addresses: *a39\n      routes: *a39\n"
		       "      nameservers: {addresses: *a39}\n");
	pw_netplan_init(&np);
	assert_true(pw_netplan_parse(&np, "/etc/netplan/bomb.yaml", b.data, b.len) <= 0);
	pw_buf_free(&b);
}

static void test_cloudcfg(void **state)
{
	static const struct {
		const char *text;
		int ret, disabled;
	} cases[] = {
		{ "network: {config: disabled}\n", 0, 1 },
		{ "# cloud.cfg.d\nnetwork:\n  config: disabled\n", 0, 1 },
		{ "network:\n  version: 2\n  ethernets: {}\n", 0, 0 },
		{ "network: {config: disabled}\nnetwork: {version: 1}\n", 0, 0 },
		{ "datasource_list: [NoCloud]\n", 0, -1 },
		{ "", 0, -1 },
		{ "- a\n", 0, -1 },
		{ "network: {config: disabled\n", -EINVAL, -1 },
		{ "network:\n\tconfig: disabled\n", -EINVAL, -1 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int disabled;

		assert_int_equal(pw_cloudcfg_network(cases[i].text, strlen(cases[i].text), &disabled),
				 cases[i].ret);
		assert_int_equal(disabled, cases[i].disabled);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cloud_init),
		cmocka_unit_test(test_static_and_merge),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_empty_and_other),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_cloudcfg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
