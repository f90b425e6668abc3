// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which stack configures the card at boot (packages, enabled units,
 * configuration), two stacks on one card, and the netplan plan: the
 * wizard's own file exactly, the owner's left alone, nothing to do once it
 * is there, and what cannot be merged refused.
 */
#include "unit-guest.h"

#include "pw-interfaces.h"
#include "pw-netstack.h"
#include "pw-plan.h"
#include "pw-text.h"

#define OWN "/etc/netplan/90-paravm-wizard.yaml"

static const char cloud_init[] =
	"network:\n  version: 2\n  ethernets:\n    ens3:\n      match:\n"
	"        macaddress: \"52:54:00:12:34:56\"\n      set-name: ens3\n      dhcp4: true\n";

/* The dpkg status with these packages installed (trixie's versions). */
static void packages(const char *list)
{
	char status[4096] = "", word[64];
	const char *p = list, *end = list + strlen(list);

	while (pw_next_word(&p, end, word, sizeof(word)))
		snprintf(status + strlen(status), sizeof(status) - strlen(status),
			 "Package: %s\nStatus: install ok installed\nVersion: 257.13-1\n\n", word);
	put_file(tree, "var/lib/dpkg/status", status);
	put_file(tree, "etc/debian_version", "13.2\n");
}

/* A guest whose netplan has the card as cloud-init writes it. */
static void netplan_guest(void)
{
	packages("systemd udev netplan.io");
	put_file(tree, "etc/netplan/50-cloud-init.yaml", cloud_init);
}

static void gather(void)
{
	pw_site_defaults(&ctx.site);
	pw_ctx_gather(&ctx);
}

static void probe(struct pw_netstack *ns)
{
	gather();
	pw_netstack_probe(&ctx, ns);
}

static void inspect(struct pw_result *r)
{
	gather();
	pw_result_init(r);
	pw_inspect_network(&ctx, r);
}

static void expect_in(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" not in: %s", want, text);
}

static void std_answers(void)
{
	struct pw_answers *a = &ctx.answers;

	memset(a, 0, sizeof(*a));
	strcpy(a->path, "/root/answers.ini");
	a->have_network = true;
	strcpy(a->address, "18.181.1.23");
	strcpy(a->netmask, "255.255.0.0");
	strcpy(a->gateway, "18.181.0.1");
	strcpy(a->nameservers, "18.70.0.160 18.71.0.151");
}

static int plan(struct pw_plan *p, struct pw_error *err)
{
	gather();
	pw_plan_init(p, PW_STEP_NETWORK);
	memset(err, 0, sizeof(*err));
	return pw_plan_network(&ctx, p, err);
}

static void test_netplan_mac(void **state)
{
	static const char want[] =
		"# Written by paravm-wizard: static addresses for ParaVM, where DHCP does\n"
		"# not work. netplan merges this file over the ones before it, which stay\n"
		"# as they were; \"paravm-wizard --undo\" or removing this file goes back.\n"
		"network:\n  version: 2\n  ethernets:\n    ens3:\n      dhcp4: false\n"
		"      addresses: [18.181.1.23/16]\n"
		"      routes:\n        - to: 0.0.0.0/0\n          via: 18.181.0.1\n"
		"      nameservers:\n        addresses: [18.70.0.160, 18.71.0.151]\n";
	struct pw_netstack ns;
	struct pw_result r;
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	netplan_guest();
	probe(&ns);
	assert_int_equal(ns.stack, PW_STACK_NETPLAN);
	assert_int_equal(ns.renderer, PW_NP_NETWORKD);
	assert_int_equal(ns.rival, PW_STACK_NONE);
	inspect(&r);
	assert_int_equal(r.status, PW_TODO);
	expect_in(r.message_en, "netplan (through systemd-networkd) (/etc/netplan/50-cloud-init.yaml)");
	expect_in(r.message_en, "ens3 gets its address by DHCP");

	std_answers();
	put_file(tree, "etc/resolv.conf", "search mit.edu\nnameserver 10.255.255.53\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 2);
	assert_string_equal(p.changes[0].path, OWN);
	assert_false(p.changes[0].existed);
	assert_int_equal(p.changes[0].mode, 0600);
	assert_int_equal(p.changes[0].new_len, strlen(want));
	assert_memory_equal(p.changes[0].new_text, want, strlen(want));
	expect_in(p.note, "by its MAC address");
	/* no systemd-resolved: nothing but the file itself gives the resolver servers */
	assert_string_equal(p.changes[1].path, "/etc/resolv.conf");
	assert_string_equal(p.changes[1].new_text,
			    "search mit.edu\nnameserver 18.70.0.160\nnameserver 18.71.0.151\n");
	expect_in(p.note, "there is no systemd-resolved");
	put_file(tree, OWN + 1, p.changes[0].new_text);
	inspect(&r);
	assert_int_equal(r.status, PW_TODO);
	expect_in(r.message_en, "/etc/resolv.conf lists \"10.255.255.53\", not 18.70.0.160 18.71.0.151");
	put_file(tree, "etc/resolv.conf", p.changes[1].new_text);
	pw_plan_free(&p);

	/* there: ready, and nothing more to do, answers or not */
	inspect(&r);
	assert_int_equal(r.status, PW_OK);
	expect_in(r.message_en, "ens3 has the static address 18.181.1.23, netmask 255.255.0.0");
	assert_int_equal(plan(&p, &err), 1);
	pw_plan_free(&p);
	memset(&ctx.answers, 0, sizeof(ctx.answers));
	assert_int_equal(plan(&p, &err), 1);
	pw_plan_free(&p);
	expect_tree_file(tree, "etc/netplan/50-cloud-init.yaml", cloud_init);

	/* the network screen starts from what is in force */
	{
		struct pw_net_config cfg;

		assert_int_equal(pw_net_prefill(&ctx, &cfg), 0);
		assert_string_equal(cfg.interface, "ens3");
		assert_string_equal(cfg.address, "18.181.1.23");
		assert_string_equal(cfg.netmask, "255.255.0.0");
		assert_string_equal(cfg.gateway, "18.181.0.1");
		assert_string_equal(cfg.nameservers, "18.70.0.160 18.71.0.151");
	}

	/* with systemd-resolved, networkd hands it the servers: the file is not touched */
	put_file(tree, "etc/resolv.conf", "nameserver 127.0.0.53\n");
	put_file(tree, "etc/systemd/system/multi-user.target.wants/systemd-resolved.service", "");
	inspect(&r);
	assert_int_equal(r.status, PW_OK);
	expect_in(r.message_en, "systemd-resolved takes the name servers");
	assert_int_equal(plan(&p, &err), 1);
	pw_plan_free(&p);
}

static void test_netplan_by_name_nm(void **state)
{
	struct pw_netstack ns;
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	packages("systemd udev netplan.io network-manager");
	/* /etc hides /lib's file of the same name; /run's comes first by name */
	put_file(tree, "lib/netplan/50-a.yaml", "network:\n  renderer: networkd\n");
	put_file(tree, "etc/netplan/50-a.yaml",
		 "network:\n  renderer: NetworkManager\n  ethernets:\n    ens3:\n      dhcp4: true\n");
	put_file(tree, "run/netplan/10-b.yaml", "network:\n  ethernets:\n    ens3:\n      dhcp4: false\n");
	put_file(tree, "etc/systemd/system/multi-user.target.wants/NetworkManager.service", "");
	probe(&ns);
	assert_int_equal(ns.stack, PW_STACK_NETPLAN);
	assert_int_equal(ns.renderer, PW_NP_NM);
	std_answers();
	assert_int_equal(plan(&p, &err), 0);
	/* NetworkManager is given the card's name under ParaVM, not a driver match */
	expect_in(p.changes[0].new_text, "    enX0:\n      dhcp4: false\n");
	assert_null(strstr(p.changes[0].new_text, "driver"));
	pw_plan_free(&p);
}

static void test_netplan_refused(void **state)
{
	struct pw_result r;
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	netplan_guest();
	put_file(tree, "etc/netplan/60-x.yaml",
		 "network:\n  ethernets:\n    ens3:\n      dhcp4: false\n      dhcp4: true\n");
	inspect(&r);
	assert_int_equal(r.status, PW_BLOCKED);
	expect_in(r.message_en, "/etc/netplan/60-x.yaml, line 5, column 7: the key \"dhcp4\" is given twice");
	std_answers();
	assert_int_equal(plan(&p, &err), -EINVAL);
	assert_int_equal(err.code, PW_EXIT_DATAERR);
	expect_in(err.message, "60-x.yaml, line 5");

	/* addresses of the owner's add up with a later file's: not merged over */
	put_file(tree, "etc/netplan/60-x.yaml",
		 "network:\n  ethernets:\n    ens3:\n      dhcp4: false\n      addresses: [10.0.0.5/24]\n"
		 "      gateway4: 10.0.0.1\n");
	assert_int_equal(plan(&p, &err), -EINVAL);
	expect_in(err.message, "ens3 has the address 10.0.0.5/24 already");
	assert_false(pw_root_exists(ctx.root, OWN));
}

static void test_rivals(void **state)
{
	struct pw_netstack ns;
	struct pw_result r;

	(void)state;
	packages("systemd udev ifupdown network-manager");
	put_file(tree, "etc/network/interfaces", "auto lo\niface lo inet loopback\n"
						 "allow-hotplug ens3\niface ens3 inet dhcp\n");
	put_file(tree, "etc/systemd/system/multi-user.target.wants/NetworkManager.service", "");
	/* Debian's default: NetworkManager leaves ifupdown's cards alone */
	put_file(tree, "etc/NetworkManager/NetworkManager.conf",
		 "[main]\nplugins=ifupdown,keyfile\n\n[ifupdown]\nmanaged=false\n");
	probe(&ns);
	assert_int_equal(ns.stack, PW_STACK_IFUPDOWN);
	assert_int_equal(ns.rival, PW_STACK_NONE);
	put_file(tree, "etc/NetworkManager/conf.d/10-all.conf", "[ifupdown]\nmanaged=true\n");
	probe(&ns);
	assert_int_equal(ns.rival, PW_STACK_NM);
	inspect(&r);
	assert_int_equal(r.status, PW_TODO);
	expect_in(r.message_en, "The network stack in charge at boot is ifupdown");
	expect_in(r.message_en, "NetworkManager is enabled too");

	/* a preset is not an enabled unit; netplan and ifupdown on one card are */
	remove_file(tree, "etc/systemd/system/multi-user.target.wants/NetworkManager.service");
	put_file(tree, "lib/systemd/system-preset/90-systemd.preset", "enable NetworkManager.service\n");
	packages("systemd udev ifupdown network-manager netplan.io");
	put_file(tree, "etc/netplan/50-cloud-init.yaml", cloud_init);
	probe(&ns);
	assert_int_equal(ns.stack, PW_STACK_NETPLAN);
	assert_false(ns.nm_enabled);
	assert_int_equal(ns.rival, PW_STACK_IFUPDOWN);
}

static void test_networkd(void **state)
{
	struct pw_netstack ns;
	struct pw_result r;

	(void)state;
	packages("systemd udev");
	put_file(tree, "etc/systemd/network/50-dhcp.network", "[Match]\nName=ens3\n\n[Network]\nDHCP=yes\n");
	probe(&ns);
	assert_int_equal(ns.stack, PW_STACK_NONE); /* not enabled: nothing runs it */
	put_link(tree, "/lib/systemd/system/systemd-networkd.service",
		 "etc/systemd/system/multi-user.target.wants/systemd-networkd.service");
	probe(&ns);
	assert_int_equal(ns.stack, PW_STACK_NETWORKD);
	assert_string_equal(ns.file, "/etc/systemd/network/50-dhcp.network");
	inspect(&r);
	assert_int_equal(r.status, PW_BLOCKED);
	expect_in(r.message_en, "systemd-networkd");
}

static void test_cloud_init(void **state)
{
	static const char off[] =
		"# Written by paravm-wizard: cloud-init would otherwise write its own\n"
		"# network configuration at boot over the static one ParaVM needs.\n"
		"network: {config: disabled}\n";
	struct pw_result r;
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	/* no udev: the card keeps the name eth0, so cloud-init's is all there is to do */
	packages("ifupdown cloud-init");
	put_file(tree, "etc/network/interfaces", "auto lo\niface lo inet loopback\n\n"
						 "source /etc/network/interfaces.d/*\n");
	put_file(tree, "etc/network/interfaces.d/50-cloud-init",
		 "auto eth0\niface eth0 inet static\n\taddress 18.181.1.23/16\n"
		 "\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160 18.71.0.151\n");
	put_file(tree, "etc/cloud/cloud.cfg", "datasource_list: [NoCloud]\n");
	/* a file cloud-init cannot parse it skips, as the wizard does */
	put_file(tree, "etc/cloud/cloud.cfg.d/10-bad.cfg", "network: {config: disabled\n");
	inspect(&r);
	expect_in(r.message_en, "cloud-init is installed and writes the network configuration "
				"again at boot (/etc/network/interfaces.d/50-cloud-init)");
	std_answers();
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1);
	assert_string_equal(p.changes[0].path, "/etc/cloud/cloud.cfg.d/99-paravm-wizard.cfg");
	assert_memory_equal(p.changes[0].new_text, off, strlen(off));
	expect_in(p.note, "as cloud-init documents");
	put_file(tree, "etc/cloud/cloud.cfg.d/99-paravm-wizard.cfg", off);
	pw_plan_free(&p);
	inspect(&r);
	assert_int_equal(r.status, PW_OK);
	expect_in(r.message_en, "cloud-init's network configuration is turned off");
	assert_int_equal(plan(&p, &err), 1);
	pw_plan_free(&p);

	/* a later file turning it on again wins; cloud-init.disabled turns it all off */
	put_file(tree, "etc/cloud/cloud.cfg.d/99-zz.cfg", "network:\n  version: 1\n");
	inspect(&r);
	assert_int_equal(r.status, PW_TODO);
	put_file(tree, "etc/cloud/cloud-init.disabled", "");
	inspect(&r);
	assert_int_equal(r.status, PW_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_netplan_mac, guest_setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_netplan_by_name_nm, guest_setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_netplan_refused, guest_setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_rivals, guest_setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_networkd, guest_setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_cloud_init, guest_setup, guest_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
