// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step's plan on small guest trees: the new text exactly, every
 * other byte kept, then applied, inspected (ok), planned again (nothing to
 * do) and undone (every byte back). And every bad value refused with 65.
 */
#include "unit.h"

#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-txn.h"

struct guest {
	char *root;
	struct pw_ctx ctx;
};

static const char *const etch_pkgs[] = { "udev", "0.105-4", "ifupdown", "0.6.8+nmu1", NULL };
static const char *const lenny_pkgs[] = { "udev", "0.125-7+lenny3", "ifupdown", "0.6.8+nmu1",
					  NULL };
/* "source" came in ifupdown 0.7 (wheezy); words after the method are skipped from 0.8 */
static const char *const wheezy_pkgs[] = { "udev", "175-7.2", "ifupdown", "0.7.8", NULL };
static const char *const stretch_pkgs[] = { "udev", "232-25+deb9u12", "ifupdown", "0.8.19", NULL };
static const char *const bookworm_pkgs[] = { "systemd", "252.30-1~deb12u2",
					     "udev", "252.30-1~deb12u2",
					     "ifupdown", "0.8.41", NULL };

static void put(struct guest *g, const char *rel, const char *text)
{
	put_file(g->root, rel, text);
}

static struct guest *guest_new(const char *const *pkgs)
{
	struct guest *g = calloc(1, sizeof(*g));
	char text[4096] = "";

	g->root = make_tree();
	for (size_t i = 0; pkgs[i]; i += 2) {
		char par[256];

		snprintf(par, sizeof(par),
			 "Package: %s\nStatus: install ok installed\nArchitecture: amd64\n"
			 "Version: %s\n\n", pkgs[i], pkgs[i + 1]);
		strcat(text, par);
	}
	put(g, "var/lib/dpkg/status", text);
	return g;
}

static void guest_free(struct guest *g)
{
	pw_root_free(g->ctx.root);
	rm_tree(g->root);
	free(g);
}

static void gather(struct guest *g)
{
	struct pw_answers answers = g->ctx.answers;

	pw_root_free(g->ctx.root);
	memset(&g->ctx, 0, sizeof(g->ctx));
	assert_int_equal(pw_root_open_dir(g->root, &g->ctx.root), 0);
	pw_site_defaults(&g->ctx.site);
	g->ctx.answers = answers;
	pw_ctx_gather(&g->ctx);
}

static void answers(struct guest *g, const char *iface, const char *address,
		    const char *netmask, const char *gateway, const char *nameservers)
{
	struct pw_answers *a = &g->ctx.answers;

	memset(a, 0, sizeof(*a));
	strcpy(a->path, "/root/answers.ini");
	a->have_network = true;
	snprintf(a->interface, sizeof(a->interface), "%s", iface ? iface : "");
	snprintf(a->address, sizeof(a->address), "%s", address ? address : "");
	snprintf(a->netmask, sizeof(a->netmask), "%s", netmask ? netmask : "");
	snprintf(a->gateway, sizeof(a->gateway), "%s", gateway ? gateway : "");
	snprintf(a->nameservers, sizeof(a->nameservers), "%s", nameservers ? nameservers : "");
}

static void std_answers(struct guest *g)
{
	answers(g, NULL, "18.181.1.23", "255.255.0.0", "18.181.0.1", "18.70.0.160");
}

static const struct pw_change *change_of(const struct pw_plan *plan, const char *path)
{
	for (size_t i = 0; i < plan->count; i++)
		if (strcmp(plan->changes[i].path, path) == 0)
			return &plan->changes[i];
	fail_msg("no change of %s in the plan", path);
	return NULL;
}

static void expect_change(const struct pw_plan *plan, const char *path, const char *old_text,
			  const char *new_text)
{
	const struct pw_change *c = change_of(plan, path);

	assert_int_equal(c->kind, PW_CHANGE_WRITE);
	assert_true(c->existed);
	assert_int_equal(c->old_len, strlen(old_text));
	assert_memory_equal(c->old_text, old_text, c->old_len);
	if (c->new_len != strlen(new_text) || memcmp(c->new_text, new_text, c->new_len) != 0)
		fail_msg("%s:\n--- got:\n%.*s\n--- want:\n%s", path, (int)c->new_len,
			 c->new_text, new_text);
}

static void inspect(struct guest *g, struct pw_result *r)
{
	gather(g);
	pw_result_init(r);
	pw_inspect_network(&g->ctx, r);
}

static void expect_in(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" not in: %s", want, text);
}

static int plan(struct guest *g, struct pw_plan *p, struct pw_error *err)
{
	gather(g);
	pw_plan_init(p, PW_STEP_NETWORK);
	memset(err, 0, sizeof(*err));
	return pw_plan_network(&g->ctx, p, err);
}

/* A plan that fails: 65 (or @code), a message with @want, no change. */
static void expect_refused(struct guest *g, enum pw_exit code, const char *want)
{
	struct pw_plan p;
	struct pw_error err;

	assert_true(plan(g, &p, &err) < 0);
	assert_int_equal(err.code, code);
	expect_in(err.message, want);
	assert_int_equal(p.count, 0);
	pw_plan_free(&p);
}

/*
 * The plan's changes applied through a transaction; then the inspect says
 * ok, a new plan has nothing to do, and --undo puts back every byte of
 * @files (guest paths, NULL-terminated).
 */
static void apply_and_check(struct guest *g, struct pw_plan *p, const char *const *files)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	struct pw_result r;
	struct pw_plan again;
	char backup[PATH_MAX], *before[8];
	size_t n = 0;

	for (; files[n]; n++) {
		before[n] = read_tree_file(g->root, files[n] + 1);
		assert_non_null(before[n]);
	}
	assert_int_equal(pw_txn_begin(g->ctx.root, &txn, &err), 0);
	assert_int_equal(pw_plan_apply_files(p, txn, &err), 0);
	pw_txn_end(txn);
	for (size_t i = 0; i < p->count; i++)
		expect_tree_file(g->root, p->changes[i].path + 1, p->changes[i].new_text);
	pw_plan_free(p);

	inspect(g, &r);
	if (r.status != PW_OK)
		fail_msg("after the apply: %s: %s", pw_status_name(r.status), r.message_en);
	assert_int_equal(plan(g, &again, &err), 1);
	assert_int_equal(again.count, 0);
	pw_plan_free(&again);

	assert_int_equal(pw_txn_begin(g->ctx.root, &txn, &err), 0);
	assert_int_equal(pw_undo_latest(txn, backup, sizeof(backup), &err), 0);
	pw_txn_end(txn);
	for (size_t i = 0; i < n; i++) {
		expect_tree_file(g->root, files[i] + 1, before[i]);
		free(before[i]);
	}
}

/* ---- the rewrite ------------------------------------------------------- */

static const char etch_ifaces[] =
	"# The network interfaces of this machine, read by ifup and ifdown.\n"
	"# See interfaces(5).\n"
	"\n"
	"# loopback\n"
	"auto lo\n"
	"iface lo inet loopback\n"
	"\n"
	"# the primary network interface\n"
	"auto eth0\n"
	"iface eth0 inet dhcp\n";

static void test_etch(void **state)
{
	struct guest *g = guest_new(etch_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", etch_ifaces);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_int_equal(p.count, 1);
	expect_change(&p, "/etc/network/interfaces", etch_ifaces,
		      "# The network interfaces of this machine, read by ifup and ifdown.\n"
		      "# See interfaces(5).\n"
		      "\n"
		      "# loopback\n"
		      "auto lo\n"
		      "iface lo inet loopback\n"
		      "\n"
		      "# the primary network interface\n"
		      "auto eth0\n"
		      "iface eth0 inet static\n"
		      "\taddress 18.181.1.23\n"
		      "\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n"
		      "\tdns-nameservers 18.70.0.160\n");
	assert_string_equal(p.note, "eth0 gets the static address 18.181.1.23/16, gateway "
				    "18.181.0.1, name servers 18.70.0.160.");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

static const char bookworm_ifaces[] =
	"# The network interfaces of this machine, read by ifup and ifdown.\n"
	"# See interfaces(5).\n"
	"\n"
	"source /etc/network/interfaces.d/*\n"
	"\n"
	"# loopback\n"
	"auto lo\n"
	"iface lo inet loopback\n"
	"\n"
	"# the primary network interface\n"
	"allow-hotplug ens3\n"
	"iface ens3 inet dhcp\n"
	"# IPv6, configured by router advertisements\n"
	"iface ens3 inet6 auto\n";

static void test_bookworm_enx0(void **state)
{
	struct guest *g = guest_new(bookworm_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", bookworm_ifaces);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_int_equal(p.count, 1);
	expect_change(&p, "/etc/network/interfaces", bookworm_ifaces,
		      "# The network interfaces of this machine, read by ifup and ifdown.\n"
		      "# See interfaces(5).\n"
		      "\n"
		      "source /etc/network/interfaces.d/*\n"
		      "\n"
		      "# loopback\n"
		      "auto lo\n"
		      "iface lo inet loopback\n"
		      "\n"
		      "# the primary network interface\n"
		      "allow-hotplug ens3\n"
		      "iface ens3 inet static\n"
		      "\taddress 18.181.1.23\n"
		      "\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n"
		      "\tdns-nameservers 18.70.0.160\n"
		      "\n"
		      "# ens3 under ParaVM, where the card is called enX0 (added by paravm-wizard)\n"
		      "allow-hotplug enX0\n"
		      "iface enX0 inet static\n"
		      "\taddress 18.181.1.23\n"
		      "\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n"
		      "\tdns-nameservers 18.70.0.160\n"
		      "\n"
		      "# IPv6, configured by router advertisements\n"
		      "iface ens3 inet6 auto\n");
	assert_string_equal(p.note, "ens3 gets the static address 18.181.1.23/16, gateway "
				    "18.181.0.1, name servers 18.70.0.160. Under ParaVM the card "
				    "will be called enX0, so enX0 gets the same settings.");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

static void test_bookworm_static_ens3(void **state)
{
	/* ens3 static already: its values go to enX0, no answers needed */
	static const char text[] =
		"auto lo\niface lo inet loopback\n\n"
		"allow-hotplug ens3\niface ens3 inet static\n  address 18.181.1.2/16\n"
		"  gateway 18.181.0.1\n";
	struct guest *g = guest_new(bookworm_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", text);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", text,
		      "auto lo\niface lo inet loopback\n\n"
		      "allow-hotplug ens3\niface ens3 inet static\n  address 18.181.1.2/16\n"
		      "  gateway 18.181.0.1\n"
		      "\n"
		      "# ens3 under ParaVM, where the card is called enX0 (added by paravm-wizard)\n"
		      "allow-hotplug enX0\n"
		      "iface enX0 inet static\n"
		      "  address 18.181.1.2\n"
		      "  netmask 255.255.0.0\n"
		      "  gateway 18.181.0.1\n");
	assert_string_equal(p.note, "ens3 keeps its static address 18.181.1.2/16, gateway "
				    "18.181.0.1. Under ParaVM the card will be called enX0, so enX0 "
				    "gets the same settings.");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

static void test_existing_pv_stanza(void **state)
{
	/* enX0 there already, by DHCP and never brought up: made static, with auto */
	static const char main_text[] =
		"auto lo\niface lo inet loopback\n\nallow-hotplug ens3\niface ens3 inet dhcp\n"
		"\nsource-directory interfaces.d\n";
	static const char enx0[] = "# for ParaVM\niface enX0 inet dhcp\n    hostname vm1\n";
	struct guest *g = guest_new(bookworm_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", main_text);
	put(g, "etc/network/interfaces.d/enX0", enx0);
	answers(g, NULL, "18.181.1.23", NULL, NULL, NULL);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_int_equal(p.count, 2);
	expect_change(&p, "/etc/network/interfaces", main_text,
		      "auto lo\niface lo inet loopback\n\nallow-hotplug ens3\n"
		      "iface ens3 inet static\n\taddress 18.181.1.23\n\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n"
		      "\nsource-directory interfaces.d\n");
	expect_change(&p, "/etc/network/interfaces.d/enX0", enx0,
		      "# for ParaVM\nauto enX0\niface enX0 inet static\n"
		      "    address 18.181.1.23\n    netmask 255.255.0.0\n    gateway 18.181.0.1\n");
	expect_in(p.note, "Under ParaVM the card will be called enX0, so enX0 gets the same "
			  "settings. An \"auto enX0\" line brings it up at boot.");
	expect_in(p.note, "Taken from the site configuration: netmask, gateway.");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces",
						      "/etc/network/interfaces.d/enX0", NULL });
	guest_free(g);
}

static void test_pv_stanza_values(void **state)
{
	/* converted by hand: enX0 static, ens3 still DHCP; enX0's values go to ens3 */
	static const char text[] =
		"allow-hotplug ens3\niface ens3 inet dhcp\n\n"
		"auto enX0\niface enX0 inet static\n\taddress 18.181.1.42\n\tnetmask 255.255.0.0\n"
		"\tgateway 18.181.0.1\n";
	/* a mark for enX0 but no stanza: no second mark */
	static const char marked[] =
		"auto ens3 enX0\niface ens3 inet static\n\taddress 18.181.1.42/16\n"
		"\tgateway 18.181.0.1\n";
	struct guest *g = guest_new(bookworm_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", text);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", text,
		      "allow-hotplug ens3\niface ens3 inet static\n\taddress 18.181.1.42\n"
		      "\tnetmask 255.255.0.0\n\tgateway 18.181.0.1\n\n"
		      "auto enX0\niface enX0 inet static\n\taddress 18.181.1.42\n"
		      "\tnetmask 255.255.0.0\n\tgateway 18.181.0.1\n");
	expect_in(p.note, "Under ParaVM the card will be called enX0, which is configured so "
			  "already.");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);

	g = guest_new(bookworm_pkgs);
	put(g, "etc/network/interfaces", marked);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", marked,
		      "auto ens3 enX0\niface ens3 inet static\n\taddress 18.181.1.42/16\n"
		      "\tgateway 18.181.0.1\n\n"
		      "# ens3 under ParaVM, where the card is called enX0 (added by paravm-wizard)\n"
		      "iface enX0 inet static\n\taddress 18.181.1.42\n\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);

	/* a bad value of the stanza itself is named with its file and line */
	g = guest_new(lenny_pkgs);
	put(g, "etc/network/interfaces", "auto lo\niface lo inet loopback\n"
					  "auto eth0\niface eth0 inet static\n"
					  "\taddress 18.181.1.2/16\n\tgateway 18.182.0.1\n");
	expect_refused(g, PW_EXIT_DATAERR,
		       "The gateway for eth0, from /etc/network/interfaces, line 4, cannot be used: "
		       "the gateway 18.182.0.1 is not on the network 18.181.0.0/16. Put the right "
		       "value as \"gateway = ...\" in the [network] section of an answers file");
	guest_free(g);
}

static void test_sourced_file(void **state)
{
	static const char main_text[] =
		"# interfaces(5) file used by ifup(8) and ifdown(8)\n"
		"source /etc/network/interfaces.d/*\n"
		"\nauto lo\niface lo inet loopback\n";
	static const char eth0[] = "auto eth0\niface eth0 inet dhcp\n\n# end\n";
	struct guest *g = guest_new(wheezy_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", main_text);
	put(g, "etc/network/interfaces.d/eth0", eth0);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_int_equal(p.count, 1);
	expect_change(&p, "/etc/network/interfaces.d/eth0", eth0,
		      "auto eth0\niface eth0 inet static\n\taddress 18.181.1.23\n"
		      "\tnetmask 255.255.0.0\n\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160\n"
		      "\n# end\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces",
						      "/etc/network/interfaces.d/eth0", NULL });
	expect_tree_file(g->root, "etc/network/interfaces", main_text);
	guest_free(g);
}

static void test_crlf(void **state)
{
	static const char text[] = "auto lo\r\niface lo inet loopback\r\n\r\nauto eth0\r\n"
				   "iface eth0 inet dhcp\r\n  hostname vm1\r\n\r\n# end\r\n";
	struct guest *g = guest_new(lenny_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", text);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", text,
		      "auto lo\r\niface lo inet loopback\r\n\r\nauto eth0\r\n"
		      "iface eth0 inet static\r\n  address 18.181.1.23\r\n  netmask 255.255.0.0\r\n"
		      "  gateway 18.181.0.1\r\n  dns-nameservers 18.70.0.160\r\n\r\n# end\r\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

static void test_indent_and_options(void **state)
{
	/* spaces; DHCP-only and old value lines go, the rest stays */
	static const char spaces[] =
		"auto eth0\n"
		"iface eth0 inet dhcp\n"
		"    hostname vm1\n"
		"    # the MAC the service gave\n"
		"    hwaddress ether 00:16:3e:4a:02:1c\n"
		"    leasetime 3600\n"
		"    vendor x\n"
		"    client y\n"
		"    broadcast 18.181.255.255\n"
		"    network 18.181.0.0\n"
		"    dns-nameservers 1.1.1.1\n"
		"    dns-search mit.edu\n"
		"    pre-up /bin/true \\\n"
		"        --long\n"
		"    address 10.0.0.1\n"
		"    mtu 1400\n"
		"\n"
		"iface eth0:1 inet static\n"
		"    address 10.9.9.9/24\n";
	/* tabs, a static stanza with an old address, no newline at the end */
	static const char tabs[] =
		"auto lo eth0\niface lo inet loopback\n"
		"iface eth0 inet static\n\taddress 18.181.1.2\n\tnetmask 255.255.0.0\n"
		"\tgateway 18.181.0.1\n\tup ip route add 10.0.0.0/8 via 18.181.0.5";
	struct guest *g = guest_new(lenny_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", spaces);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", spaces,
		      "auto eth0\n"
		      "iface eth0 inet static\n"
		      "    address 18.181.1.23\n"
		      "    netmask 255.255.0.0\n"
		      "    gateway 18.181.0.1\n"
		      "    dns-nameservers 18.70.0.160\n"
		      "    # the MAC the service gave\n"
		      "    hwaddress ether 00:16:3e:4a:02:1c\n"
		      "    dns-search mit.edu\n"
		      "    pre-up /bin/true \\\n"
		      "        --long\n"
		      "    mtu 1400\n"
		      "\n"
		      "iface eth0:1 inet static\n"
		      "    address 10.9.9.9/24\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);

	g = guest_new(lenny_pkgs);
	put(g, "etc/network/interfaces", tabs);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", tabs,
		      "auto lo eth0\niface lo inet loopback\n"
		      "iface eth0 inet static\n\taddress 18.181.1.23\n\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160\n"
		      "\tup ip route add 10.0.0.0/8 via 18.181.0.5\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

static void test_no_newline_at_end(void **state)
{
	static const char text[] = "auto lo\niface lo inet loopback\nallow-hotplug eth0\n"
				   "iface eth0 inet dhcp";
	struct guest *g = guest_new(lenny_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", text);
	answers(g, NULL, "18.181.1.23", NULL, NULL, NULL);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", text,
		      "auto lo\niface lo inet loopback\nallow-hotplug eth0\n"
		      "iface eth0 inet static\n\taddress 18.181.1.23\n\tnetmask 255.255.0.0\n"
		      "\tgateway 18.181.0.1\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);

	/* and the stanza for enX0 after one that ends the file without a newline */
	g = guest_new(bookworm_pkgs);
	put(g, "etc/network/interfaces", "auto ens3\niface ens3 inet static\n"
					  "  address 18.181.1.2/16\n  gateway 18.181.0.1");
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces",
		      "auto ens3\niface ens3 inet static\n  address 18.181.1.2/16\n"
		      "  gateway 18.181.0.1",
		      "auto ens3\niface ens3 inet static\n  address 18.181.1.2/16\n"
		      "  gateway 18.181.0.1\n"
		      "\n"
		      "# ens3 under ParaVM, where the card is called enX0 (added by paravm-wizard)\n"
		      "allow-hotplug enX0\niface enX0 inet static\n  address 18.181.1.2\n"
		      "  netmask 255.255.0.0\n  gateway 18.181.0.1\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

/*
 * Words after the method: dropped (etch's ifup refuses them, 0.8 skips
 * them, so the guest is a 0.8 one), inherits kept (fuzzing).
 */
static void test_iface_line_extra_words(void **state)
{
	/* "x\\" then a blank: no continuation, for ifup as for the parser */
	static const char text[] = "auto eth0\niface eth0 inet dhcp hwaddress x\\\t\n";
	struct guest *g = guest_new(stretch_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", text);
	answers(g, NULL, "18.181.1.23", NULL, NULL, NULL);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", text,
		      "auto eth0\niface eth0 inet static\n\taddress 18.181.1.23\n"
		      "\tnetmask 255.255.0.0\n\tgateway 18.181.0.1\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);

	/* "inherits" came in 0.8 */
	g = guest_new(stretch_pkgs);
	put(g, "etc/network/interfaces",
	    "iface base inet dhcp\n\thostname vm\nauto eth0\niface eth0 inet dhcp inherits base\n");
	answers(g, "eth0", "18.181.1.23", NULL, NULL, NULL);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_non_null(strstr(p.changes[0].new_text, "iface eth0 inet static inherits base\n"));
	pw_plan_free(&p);
	guest_free(g);
}

static void test_auto_added(void **state)
{
	/* a stanza nothing brings up at boot gets "auto" before it */
	static const char text[] = "# eth0\niface eth0 inet dhcp\n";
	struct guest *g = guest_new(lenny_pkgs);
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	put(g, "etc/network/interfaces", text);
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	expect_change(&p, "/etc/network/interfaces", text,
		      "# eth0\nauto eth0\niface eth0 inet static\n\taddress 18.181.1.23\n"
		      "\tnetmask 255.255.0.0\n\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160\n");
	expect_in(p.note, "An \"auto eth0\" line brings it up at boot.");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

/* ---- where the values come from ----------------------------------------- */

static const char lease_eth0[] =
	"lease {\n  interface \"eth0\";\n  fixed-address 18.181.1.77;\n"
	"  option subnet-mask 255.255.0.0;\n  option routers 18.181.0.254;\n"
	"  option domain-name-servers 18.70.0.160,18.71.0.151;\n  expire never;\n}\n";

static void test_sources(void **state)
{
	struct guest *g = guest_new(etch_pkgs);
	struct pw_plan p;
	struct pw_error err;
	const struct pw_change *c;

	(void)state;
	put(g, "etc/network/interfaces", etch_ifaces);
	put(g, "var/lib/dhcp3/dhclient.eth0.leases", lease_eth0);

	/* no answers at all: the lease gives everything */
	memset(&g->ctx.answers, 0, sizeof(g->ctx.answers));
	assert_int_equal(plan(g, &p, &err), 0);
	c = change_of(&p, "/etc/network/interfaces");
	expect_in(c->new_text, "iface eth0 inet static\n\taddress 18.181.1.77\n"
			       "\tnetmask 255.255.0.0\n\tgateway 18.181.0.254\n"
			       "\tdns-nameservers 18.70.0.160 18.71.0.151\n");
	expect_in(p.note, "Taken from the DHCP lease in /var/lib/dhcp3/dhclient.eth0.leases: "
			  "address, netmask, gateway, nameservers.");
	pw_plan_free(&p);

	/* answers override the lease; the lease overrides the site's gateway */
	answers(g, NULL, "18.181.1.23", NULL, NULL, "18.72.0.3");
	assert_int_equal(plan(g, &p, &err), 0);
	c = change_of(&p, "/etc/network/interfaces");
	expect_in(c->new_text, "iface eth0 inet static\n\taddress 18.181.1.23\n"
			       "\tnetmask 255.255.0.0\n\tgateway 18.181.0.254\n"
			       "\tdns-nameservers 18.72.0.3\n");
	expect_in(p.note, "Taken from the DHCP lease in /var/lib/dhcp3/dhclient.eth0.leases: "
			  "netmask, gateway.");
	pw_plan_free(&p);

	/* a lease with no routers: the site's gateway */
	put(g, "var/lib/dhcp3/dhclient.eth0.leases",
	    "lease { interface \"eth0\"; fixed-address 18.181.1.78; expire never; }\n");
	memset(&g->ctx.answers, 0, sizeof(g->ctx.answers));
	assert_int_equal(plan(g, &p, &err), 0);
	c = change_of(&p, "/etc/network/interfaces");
	expect_in(c->new_text, "\taddress 18.181.1.78\n\tnetmask 255.255.0.0\n"
			       "\tgateway 18.181.0.1\n");
	expect_in(p.note, "Taken from the site configuration: netmask, gateway.");
	pw_plan_free(&p);

	/* the site config's name servers, when nothing else gives any */
	strcpy(g->ctx.site.nameservers, "18.70.0.160");
	pw_plan_init(&p, PW_STEP_NETWORK);
	assert_int_equal(pw_plan_network(&g->ctx, &p, &err), 0);
	expect_in(p.changes[0].new_text, "\tdns-nameservers 18.70.0.160\n");
	pw_plan_free(&p);
	guest_free(g);
}

static void test_no_address(void **state)
{
	struct guest *g = guest_new(etch_pkgs);

	(void)state;
	put(g, "etc/network/interfaces", etch_ifaces);
	expect_refused(g, PW_EXIT_DATAERR,
		       "No address is known for eth0: it has no static address and the guest has "
		       "no DHCP lease for it. Put \"address = ...\" in the [network] section of "
		       "an answers file (given with --answers FILE)");
	answers(g, NULL, NULL, "255.255.0.0", NULL, NULL);
	expect_refused(g, PW_EXIT_DATAERR, "in the [network] section of the answers file "
					   "/root/answers.ini");
	/* an expired lease is named, not used */
	put(g, "var/lib/dhcp3/dhclient.eth0.leases",
	    "lease {\n  interface \"eth0\";\n  fixed-address 18.181.1.23;\n"
	    "  expire 4 2008/04/24 21:00:00;\n}\n");
	expect_refused(g, PW_EXIT_DATAERR,
		       "its newest DHCP lease, for 18.181.1.23 in "
		       "/var/lib/dhcp3/dhclient.eth0.leases, expired on 2008/04/24 21:00:00 (UTC)");
	expect_tree_file(g->root, "etc/network/interfaces", etch_ifaces);
	guest_free(g);
}

/* ---- bad values --------------------------------------------------------- */

static void test_bad_values(void **state)
{
	static const struct {
		const char *iface, *address, *netmask, *gateway, *nameservers;
		const char *want;
	} cases[] = {
		{ NULL, "18.181.1.23", "255.255.0.0", "18.182.0.1", NULL,
		  "/root/answers.ini: [network] gateway: the gateway 18.182.0.1 is not on the "
		  "network 18.181.0.0/16." },
		{ NULL, "18.181.0.0", "/16", NULL, NULL,
		  "/root/answers.ini: [network] address: 18.181.0.0 is the address of the network "
		  "18.181.0.0/16 itself" },
		{ NULL, "18.181.255.255", NULL, NULL, NULL, "[network] address: 18.181.255.255 is the "
		  "broadcast address" },
		{ NULL, "18.181.1.23", "255.0.255.0", NULL, NULL, "[network] netmask: "
		  "\"255.0.255.0\" is not a netmask" },
		{ NULL, "18.181.1.2;init", NULL, NULL, NULL, "[network] address: "
		  "\"18.181.1.2;init\" is not an IPv4 address" },
		{ NULL, "18.181.1.23", NULL, "$(reboot)", NULL, "[network] gateway: \"$(reboot)\"" },
		{ NULL, "18.181.1.23", NULL, NULL, "18.70.0.160\nup reboot",
		  "[network] nameservers: " },
		{ NULL, "18.181.1.23", NULL, NULL, "18.70.0.160 `reboot`",
		  "[network] nameservers: \"`reboot`\" is not an IPv4 address" },
		{ "eth0\nup", "18.181.1.23", NULL, NULL, NULL, "[network] interface: " },
		{ "eth0;rm", "18.181.1.23", NULL, NULL, NULL,
		  "[network] interface: \"eth0;rm\" is not a network interface name" },
		{ "eth1", "18.181.1.23", NULL, NULL, NULL,
		  "/root/answers.ini: [network] interface: /etc/network/interfaces has no \"iface "
		  "eth1 inet\" stanza; it configures eth0." },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct guest *g = guest_new(etch_pkgs);

		put(g, "etc/network/interfaces", etch_ifaces);
		answers(g, cases[i].iface, cases[i].address, cases[i].netmask, cases[i].gateway,
			cases[i].nameservers);
		expect_refused(g, PW_EXIT_DATAERR, cases[i].want);
		expect_tree_file(g->root, "etc/network/interfaces", etch_ifaces);
		guest_free(g);
	}
}

static void test_bad_lease_values(void **state)
{
	struct guest *g = guest_new(etch_pkgs);

	(void)state;
	put(g, "etc/network/interfaces", etch_ifaces);
	/* a lease from another network than the answers' address */
	put(g, "var/lib/dhcp/dhclient.eth0.leases",
	    "lease { interface \"eth0\"; fixed-address 10.1.2.3; option subnet-mask 255.255.255.0;"
	    " option routers 10.1.2.1; expire never; }\n");
	answers(g, NULL, "18.181.1.23", NULL, NULL, NULL);
	expect_refused(g, PW_EXIT_DATAERR,
		       "The gateway for eth0, from the DHCP lease in "
		       "/var/lib/dhcp/dhclient.eth0.leases, cannot be used: the gateway 10.1.2.1 "
		       "is not on the network 18.181.1.0/24. Put the right value as \"gateway = "
		       "...\" in the [network] section of the answers file /root/answers.ini");
	guest_free(g);
}

static void test_file_problems(void **state)
{
	struct guest *g = guest_new(etch_pkgs);

	(void)state;
	std_answers(g);
	put(g, "etc/network/interfaces", "auto lo\niface lo inet loopback\n");
	expect_refused(g, PW_EXIT_DATAERR, "configures no network card for IPv4");
	answers(g, "eth0", "18.181.1.23", NULL, NULL, NULL);
	expect_refused(g, PW_EXIT_DATAERR, "it configures no interface but lo.");
	put(g, "etc/network/interfaces", "iface eth0 inet dhpc\n");
	expect_refused(g, PW_EXIT_DATAERR, "\"dhpc\" is not a method");
	guest_free(g);
}

/* ---- the udev rule ------------------------------------------------------- */

static void test_etch_udev_rule(void **state)
{
	static const char rules[] =
		"# This file was automatically generated by the /lib/udev/write_net_rules\n"
		"\n"
		"# PCI device 0x10ec:0x8139 (8139too)\n"
		"SUBSYSTEM==\"net\", DRIVER==\"8139too\", SYSFS{address}==\"00:16:3e:4a:02:1c\", "
		"NAME=\"eth0\"\n"
		"# the end\n";
	static const char generator[] =
		"ACTION!=\"add\", GOTO=\"persistent_net_generator_end\"\n"
		"NAME==\"?*\", GOTO=\"persistent_net_generator_end\"\n"
		"IMPORT{program}=\"write_net_rules\"\n"
		"LABEL=\"persistent_net_generator_end\"\n";
	struct guest *g = guest_new(etch_pkgs);
	struct pw_plan p;
	struct pw_error err;
	struct pw_result r;

	(void)state;
	put(g, "etc/network/interfaces", etch_ifaces);
	put(g, "etc/udev/rules.d/z25_persistent-net.rules", rules);
	put(g, "etc/udev/rules.d/z45_persistent-net-generator.rules", generator);
	inspect(g, &r);
	expect_in(r.message_en, "line 4, gives the name eth0 only to the emulated network card");
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_int_equal(p.count, 2);
	expect_change(&p, "/etc/udev/rules.d/z25_persistent-net.rules", rules,
		      "# This file was automatically generated by the /lib/udev/write_net_rules\n"
		      "\n"
		      "# PCI device 0x10ec:0x8139 (8139too)\n"
		      "# paravm-wizard disabled this rule for ParaVM: the Xen network card would "
		      "match no rule, so udev would not call it eth0.\n"
		      "# SUBSYSTEM==\"net\", DRIVER==\"8139too\", "
		      "SYSFS{address}==\"00:16:3e:4a:02:1c\", NAME=\"eth0\"\n"
		      "# the end\n");
	expect_in(p.note, "The udev rule in /etc/udev/rules.d/z25_persistent-net.rules, line 4, "
			  "which gives the name eth0 only to the emulated card, becomes a comment");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces",
						      "/etc/udev/rules.d/z25_persistent-net.rules",
						      NULL });
	guest_free(g);
}

static void test_rule_renames(void **state)
{
	/* a rule that names the card (any driver) eth1: eth1 gets the stanza */
	struct guest *g = guest_new(lenny_pkgs);
	struct pw_plan p;
	struct pw_error err;
	const struct pw_change *c;

	(void)state;
	put(g, "etc/network/interfaces", etch_ifaces);
	put(g, "etc/udev/rules.d/70-persistent-net.rules",
	    "SUBSYSTEM==\"net\", DRIVERS==\"?*\", ATTR{address}==\"00:16:3e:4a:02:1c\", "
	    "NAME=\"eth1\"\n");
	std_answers(g);
	assert_int_equal(plan(g, &p, &err), 0);
	assert_int_equal(p.count, 1);
	c = change_of(&p, "/etc/network/interfaces");
	expect_in(c->new_text, "iface eth0 inet static\n\taddress 18.181.1.23\n");
	expect_in(c->new_text, "\n\n# eth0 under ParaVM, where the card is called eth1 (added by "
			       "paravm-wizard)\nallow-hotplug eth1\niface eth1 inet static\n"
			       "\taddress 18.181.1.23\n");
	apply_and_check(g, &p, (const char *const[]){ "/etc/network/interfaces", NULL });
	guest_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_etch),
		cmocka_unit_test(test_bookworm_enx0),
		cmocka_unit_test(test_bookworm_static_ens3),
		cmocka_unit_test(test_existing_pv_stanza),
		cmocka_unit_test(test_pv_stanza_values),
		cmocka_unit_test(test_sourced_file),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_indent_and_options),
		cmocka_unit_test(test_no_newline_at_end),
		cmocka_unit_test(test_iface_line_extra_words),
		cmocka_unit_test(test_auto_added),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_no_address),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_bad_lease_values),
		cmocka_unit_test(test_file_problems),
		cmocka_unit_test(test_etch_udev_rule),
		cmocka_unit_test(test_rule_renames),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
