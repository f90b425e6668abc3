// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The /etc/network/interfaces parser: stanzas, their lines and bytes,
 * sourced files inside the guest root, and the files ifup would refuse.
 */
#include "unit.h"

#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-root.h"

static void parse_ok(struct pw_ifaces *ifs, const char *text)
{
	pw_ifaces_init(ifs, NULL);
	assert_int_equal(pw_ifaces_parse(ifs, PW_IFACES_FILE, text, strlen(text)), 0);
	assert_int_equal(ifs->error.problem, PW_IFP_NONE);
}

/* As ifupdown @version reads it. */
static void parse_version(struct pw_ifaces *ifs, const char *text, const char *version)
{
	pw_ifaces_init(ifs, NULL);
	pw_ifaces_set_version(ifs, version);
	assert_int_equal(pw_ifaces_parse(ifs, PW_IFACES_FILE, text, strlen(text)), 0);
	assert_int_equal(ifs->error.problem, PW_IFP_NONE);
}

/* The bytes a stanza covers, as a string to compare. */
static char *stanza_text(const char *text, const struct pw_iface *ifc)
{
	return strndup(text + ifc->start, ifc->end - ifc->start);
}

static void expect_stanza(const char *text, const struct pw_iface *ifc, const char *want)
{
	char *got = stanza_text(text, ifc);

	assert_string_equal(got, want);
	free(got);
}

static const char etch[] =
	"# This file describes the network interfaces available on your system\n"
	"# and how to activate them. For more information, see interfaces(5).\n"
	"\n"
	"# The loopback network interface\n"
	"auto lo\n"
	"iface lo inet loopback\n"
	"\n"
	"# The primary network interface\n"
	"allow-hotplug eth0\n"
	"iface eth0 inet dhcp\n";

static void test_plain(void **state)
{
	struct pw_ifaces ifs;
	const struct pw_iface *eth0;

	(void)state;
	parse_ok(&ifs, etch);
	assert_int_equal(ifs.count, 2);
	assert_string_equal(ifs.ifaces[0].name, "lo");
	assert_string_equal(ifs.ifaces[0].method, "loopback");
	eth0 = pw_ifaces_primary(&ifs);
	assert_non_null(eth0);
	assert_string_equal(eth0->name, "eth0");
	assert_string_equal(eth0->family, "inet");
	assert_string_equal(eth0->method, "dhcp");
	assert_int_equal(eth0->first_line, 10);
	assert_int_equal(eth0->last_line, 10);
	expect_stanza(etch, eth0, "iface eth0 inet dhcp\n");
	assert_int_equal(eth0->end, strlen(etch));
	assert_true(pw_ifaces_at_boot(&ifs, "eth0"));
	assert_true(pw_ifaces_at_boot(&ifs, "lo"));
	assert_false(pw_ifaces_at_boot(&ifs, "eth1"));
	assert_int_equal(ifs.nfiles, 1);
	assert_string_equal(ifs.files[0], PW_IFACES_FILE);
	pw_ifaces_free(&ifs);
}

static const char lenny[] =
	"auto lo\n"
	"iface lo inet loopback\n"
	"\n"
	"auto eth0\n"
	"iface eth0 inet static\n"
	"\taddress 18.181.1.2\n"
	"\tnetmask 255.255.0.0\n"
	"  # a comment inside the stanza\n"
	"\tgateway 18.181.0.1\n"
	"\tdns-nameservers 18.70.0.160 18.71.0.151\n"
	"\n"
	"# trailing comment, not part of the stanza\n";

static void test_tabs_options(void **state)
{
	struct pw_ifaces ifs;
	const struct pw_iface *eth0;
	struct pw_iface_static st;

	(void)state;
	parse_ok(&ifs, lenny);
	eth0 = pw_ifaces_find(&ifs, "eth0", "inet");
	assert_non_null(eth0);
	assert_int_equal(eth0->nopts, 4);
	assert_string_equal(pw_iface_opt(eth0, "address"), "18.181.1.2");
	assert_string_equal(pw_iface_opt(eth0, "netmask"), "255.255.0.0");
	assert_string_equal(pw_iface_opt(eth0, "gateway"), "18.181.0.1");
	assert_string_equal(pw_iface_opt(eth0, "dns-nameservers"), "18.70.0.160 18.71.0.151");
	assert_null(pw_iface_opt(eth0, "mtu"));
	assert_int_equal(eth0->opts[2].line, 9);
	assert_int_equal(eth0->first_line, 5);
	assert_int_equal(eth0->last_line, 10);
	expect_stanza(lenny, eth0,
		      "iface eth0 inet static\n"
		      "\taddress 18.181.1.2\n"
		      "\tnetmask 255.255.0.0\n"
		      "  # a comment inside the stanza\n"
		      "\tgateway 18.181.0.1\n"
		      "\tdns-nameservers 18.70.0.160 18.71.0.151\n");
	assert_int_equal(pw_iface_check_static(eth0, &st), PW_STATIC_OK);
	assert_int_equal(st.prefix, 16);
	assert_int_equal(st.gateway.addr, 0x12b50001);
	pw_ifaces_free(&ifs);
}

static void test_crlf(void **state)
{
	static const char text[] = "auto eth0\r\n"
				   "iface eth0 inet static\r\n"
				   "\taddress 10.0.0.5\r\n"
				   "\tnetmask 255.255.255.0\r\n"
				   "\tgateway 10.0.0.1\r\n"
				   "\r\n";
	struct pw_ifaces ifs;
	struct pw_iface_static st;

	(void)state;
	parse_ok(&ifs, text);
	assert_int_equal(ifs.count, 1);
	assert_string_equal(ifs.ifaces[0].method, "static");
	assert_string_equal(pw_iface_opt(&ifs.ifaces[0], "gateway"), "10.0.0.1");
	expect_stanza(text, &ifs.ifaces[0],
		      "iface eth0 inet static\r\n\taddress 10.0.0.5\r\n"
		      "\tnetmask 255.255.255.0\r\n\tgateway 10.0.0.1\r\n");
	assert_int_equal(pw_iface_check_static(&ifs.ifaces[0], &st), PW_STATIC_OK);
	assert_int_equal(st.prefix, 24);
	pw_ifaces_free(&ifs);
}

static void test_comments_and_continuation(void **state)
{
	static const char text[] = "   # indented comment\n"
				   "#iface eth9 inet dhcp\n"
				   "# a comment ending in a backslash \\\n"
				   "iface eth0 inet \\\n"
				   "    static\n"
				   "  address 10.1.2.3 # not a comment: ifupdown has none at line ends\n"
				   "  up echo one \\\n"
				   "     two\n"
				   "iface eth1 inet manual\n";
	struct pw_ifaces ifs;
	const struct pw_iface *eth0;
	struct pw_iface_static st;

	(void)state;
	parse_ok(&ifs, text);
	assert_int_equal(ifs.count, 2);
	eth0 = &ifs.ifaces[0];
	assert_string_equal(eth0->name, "eth0");
	assert_string_equal(eth0->method, "static");
	assert_int_equal(eth0->first_line, 4);
	assert_int_equal(eth0->last_line, 8);
	assert_string_equal(pw_iface_opt(eth0, "up"), "echo one      two");
	assert_string_equal(pw_iface_opt(eth0, "address"),
			    "10.1.2.3 # not a comment: ifupdown has none at line ends");
	assert_int_equal(pw_iface_check_static(eth0, &st), PW_STATIC_BAD_ADDRESS);
	assert_string_equal(ifs.ifaces[1].method, "manual");
	assert_int_equal(ifs.ifaces[1].first_line, 9);
	pw_ifaces_free(&ifs);
}

static void test_multiple_inet6_hotplug(void **state)
{
	static const char text[] = "iface eth2 inet6 static\n"
				   "    address 2001:db8::2/64\n"
				   "iface eth0:1 inet static\n"
				   "    address 10.0.0.9/24\n"
				   "iface eth1 inet static\n"
				   "    address 10.0.0.2/24\n"
				   "allow-hotplug eth0\n"
				   "allow-ovs br0\n"
				   "iface eth0 inet dhcp\n"
				   "iface eth0 inet6 auto\n"
				   "mapping eth3\n"
				   "    script /usr/local/sbin/map\n"
				   "    map home eth3-home\n"
				   "no-auto-down eth0\n";
	struct pw_ifaces ifs;
	const struct pw_iface *p;

	(void)state;
	parse_ok(&ifs, text);
	assert_int_equal(ifs.count, 5);
	/* eth2 has inet6 only, eth0:1 is an alias, eth1 is not brought up */
	p = pw_ifaces_primary(&ifs);
	assert_string_equal(p->name, "eth0");
	assert_string_equal(p->method, "dhcp");
	assert_string_equal(pw_ifaces_find(&ifs, "eth0", "inet6")->method, "auto");
	assert_null(pw_ifaces_find(&ifs, "eth2", "inet"));
	assert_false(pw_ifaces_at_boot(&ifs, "br0"));
	assert_int_equal(ifs.nmarks, 2);
	assert_string_equal(ifs.marks[1].class, "ovs");
	pw_ifaces_free(&ifs);

	/* with nothing brought up at boot, the first inet stanza */
	parse_ok(&ifs, "iface lo inet loopback\niface eth7 inet dhcp\niface eth8 inet dhcp\n");
	assert_string_equal(pw_ifaces_primary(&ifs)->name, "eth7");
	pw_ifaces_free(&ifs);

	parse_ok(&ifs, "auto lo\niface lo inet loopback\n");
	assert_null(pw_ifaces_primary(&ifs));
	pw_ifaces_free(&ifs);
}

static void test_cidr_and_static_checks(void **state)
{
	static const struct {
		const char *opts;
		enum pw_static_problem want;
	} cases[] = {
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\n", PW_STATIC_OK },
		{ "address 18.181.1.2\nnetmask 16\ngateway 18.181.0.1\n", PW_STATIC_OK },
		/* a netmask line wins over the prefix, as in ifup */
		{ "address 18.181.1.2/8\nnetmask 255.255.0.0\ngateway 18.181.0.1\n", PW_STATIC_OK },
		{ "netmask 255.255.0.0\ngateway 18.181.0.1\n", PW_STATIC_NO_ADDRESS },
		{ "address 18.181.1.300/16\ngateway 18.181.0.1\n", PW_STATIC_BAD_ADDRESS },
		{ "address 18.181.1.2/33\ngateway 18.181.0.1\n", PW_STATIC_BAD_NETMASK },
		{ "address 18.181.1.2\ngateway 18.181.0.1\n", PW_STATIC_NO_NETMASK },
		{ "address 18.181.1.2\nnetmask 255.0.255.0\ngateway 18.181.0.1\n",
		  PW_STATIC_BAD_NETMASK },
		{ "address 18.181.0.0/16\ngateway 18.181.0.1\n", PW_STATIC_ADDRESS_NOT_HOST },
		{ "address 18.181.255.255/16\ngateway 18.181.0.1\n", PW_STATIC_ADDRESS_NOT_HOST },
		{ "address 18.181.1.2/16\n", PW_STATIC_NO_GATEWAY },
		{ "address 18.181.1.2/16\ngateway 18.181.0\n", PW_STATIC_BAD_GATEWAY },
		{ "address 18.181.1.2/16\ngateway 18.182.0.1\n", PW_STATIC_GATEWAY_OUTSIDE },
		{ "address 18.181.1.2/16\ngateway 18.181.1.2\n", PW_STATIC_GATEWAY_NOT_HOST },
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\ndns-nameservers 18.70.0.160 "
		  "2001:db8::53\n", PW_STATIC_OK },
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\ndns-nameservers 18.70.0\n",
		  PW_STATIC_BAD_NAMESERVER },
		/* the one validator's policy (pw-net.h): /8 to /30 only */
		{ "address 10.0.0.1/32\ngateway 10.0.0.2\n", PW_STATIC_PREFIX },
		{ "address 18.181.1.4/31\ngateway 18.181.1.5\n", PW_STATIC_PREFIX },
		{ "address 18.181.1.4\nnetmask 255.255.255.254\ngateway 18.181.1.5\n",
		  PW_STATIC_PREFIX },
		{ "address 18.181.1.2/7\ngateway 18.181.0.1\n", PW_STATIC_PREFIX },
		{ "address 10.0.0.1/30\ngateway 10.0.0.2\n", PW_STATIC_OK },
		/* IPv6 name servers, with an IPv4 one */
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\ndns-nameservers 2001:db8::53\n",
		  PW_STATIC_NO_IPV4_NAMESERVER },
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\ndns-nameservers 2001:db8::53 "
		  "18.70.0.160\n", PW_STATIC_OK },
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\ndns-nameservers fe80::1%eth0 "
		  "18.70.0.160\n", PW_STATIC_BAD_NAMESERVER },
		/* a bad address is said before a missing netmask or gateway */
		{ "address 18.181.1.300\n", PW_STATIC_BAD_ADDRESS },
		{ "address 18.181.1.2/33\n", PW_STATIC_BAD_NETMASK },
		{ "address 18.181.1.2/16\ngateway 18.181.0.1\ndns-nameservers 18.70.0.160,x\n",
		  PW_STATIC_BAD_NAMESERVER },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char text[512];
		struct pw_ifaces ifs;
		struct pw_iface_static st;

		snprintf(text, sizeof(text), "iface eth0 inet static\n%s", cases[i].opts);
		/* as etch's ifupdown reads them: a missing netmask has no default */
		parse_version(&ifs, text, "0.6.8");
		if (pw_iface_check_static(&ifs.ifaces[0], &st) != cases[i].want)
			fail_msg("case %zu: got %d, want %d", i, st.problem, cases[i].want);
		pw_ifaces_free(&ifs);
	}
}

static void test_inherits(void **state)
{
	static const char text[] = "iface base inet static\n"
				   "    netmask 255.255.0.0\n"
				   "    gateway 18.181.0.1\n"
				   "iface eth0 inet static inherits base\n"
				   "    address 18.181.3.4\n"
				   "iface eth1 inherits base\n";
	struct pw_ifaces ifs;
	struct pw_iface_static st;

	(void)state;
	parse_ok(&ifs, text);
	assert_int_equal(ifs.count, 3);
	assert_int_equal(pw_iface_check_static(&ifs.ifaces[1], &st), PW_STATIC_OK);
	assert_int_equal(ifs.ifaces[1].opts[0].line, 0); /* inherited */
	assert_string_equal(ifs.ifaces[2].family, "inet");
	assert_string_equal(ifs.ifaces[2].method, "static");
	pw_ifaces_free(&ifs);
}

static void expect_refused(const char *text, enum pw_ifaces_problem problem, unsigned int line,
			   const char *word)
{
	struct pw_ifaces ifs;

	pw_ifaces_init(&ifs, NULL);
	assert_int_equal(pw_ifaces_parse(&ifs, PW_IFACES_FILE, text, strlen(text)), PW_EFORMAT);
	assert_int_equal(ifs.error.problem, problem);
	assert_int_equal(ifs.error.line, line);
	assert_string_equal(ifs.error.file, PW_IFACES_FILE);
	if (word)
		assert_string_equal(ifs.error.word, word);
	pw_ifaces_free(&ifs);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_refused("auto lo\niface lo inet loopback\niface eth0 inet\n", PW_IFP_IFACE_WORDS, 3,
		       NULL);
	expect_refused("iface eth0\n", PW_IFP_IFACE_WORDS, 1, NULL);
	expect_refused("\n\niface eth0 inet dchp\n", PW_IFP_METHOD, 3, "dchp");
	expect_refused("iface eth0 ipv4 static\n", PW_IFP_FAMILY, 1, "ipv4");
	expect_refused("address 10.0.0.1\n", PW_IFP_MISPLACED, 1, "address");
	expect_refused("iface eth0 inet static\n  address 10.0.0.1/8\nauto eth0\n  gateway 10.0.0.2\n",
		       PW_IFP_MISPLACED, 4, "gateway");
	expect_refused("mapping eth0\n  script x\n  address 1.2.3.4\n", PW_IFP_MISPLACED, 3,
		       "address");
	expect_refused("iface eth0 inet static\n  mtu\n", PW_IFP_EMPTY_OPTION, 2, "mtu");
	expect_refused("# x\nsource\n", PW_IFP_NO_ARGUMENT, 2, "source");
	expect_refused("iface eth0 inet static inherits nothing\n", PW_IFP_INHERITS, 1, "nothing");
}

static void test_error_messages(void **state)
{
	struct pw_ifaces ifs;
	struct pw_result r;
	static const char text[] = "auto eth0\niface eth0 inet dchp\n";

	(void)state;
	pw_ifaces_init(&ifs, NULL);
	assert_int_equal(pw_ifaces_parse(&ifs, "/etc/network/interfaces.d/eth0", text,
					 strlen(text)), PW_EFORMAT);
	pw_result_init(&r);
	pw_ifaces_report_error(&ifs.error, &r, PW_BLOCKED);
	assert_int_equal(r.status, PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "/etc/network/interfaces.d/eth0, line 2:"));
	assert_non_null(strstr(r.message_en, "\"dchp\""));
	assert_non_null(strstr(r.message_en, "inet family"));
	pw_ifaces_free(&ifs);
}

static void test_binary_and_long_line(void **state)
{
	static const char bin[] = "auto eth0\niface eth0 \0inet dhcp\n";
	struct pw_ifaces ifs;
	size_t big = 10 * 1024 * 1024;
	char *text = malloc(big + 64);
	size_t head;

	(void)state;
	pw_ifaces_init(&ifs, NULL);
	assert_int_equal(pw_ifaces_parse(&ifs, PW_IFACES_FILE, bin, sizeof(bin) - 1), PW_EFORMAT);
	assert_int_equal(ifs.error.problem, PW_IFP_BINARY);
	assert_int_equal(ifs.error.line, 2);
	pw_ifaces_free(&ifs);

	assert_non_null(text);
	strcpy(text, "auto lo\niface eth0 inet static\n  up ");
	head = strlen(text);
	memset(text + head, 'x', big);
	text[head + big] = '\0';
	pw_ifaces_init(&ifs, NULL);
	assert_int_equal(pw_ifaces_parse(&ifs, PW_IFACES_FILE, text, strlen(text)), PW_EFORMAT);
	assert_int_equal(ifs.error.problem, PW_IFP_LONG_LINE);
	assert_int_equal(ifs.error.line, 3);
	pw_ifaces_free(&ifs);
	free(text);
}

/* ---- files in a guest tree ---------------------------------------------- */

struct tree {
	char *dir;
	char *guest;
	struct pw_root *root;
};

static struct tree *tree_new(void)
{
	struct tree *t = calloc(1, sizeof(*t));

	t->dir = make_tree();
	assert_true(asprintf(&t->guest, "%s/guest", t->dir) > 0);
	mkdir(t->guest, 0755);
	return t;
}

static void tree_open(struct tree *t)
{
	assert_int_equal(pw_root_open_dir(t->guest, &t->root), 0);
}

static void tree_free(struct tree *t)
{
	pw_root_free(t->root);
	rm_tree(t->dir);
	free(t->guest);
	free(t);
}

static void guest_link(struct tree *t, const char *target, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", t->guest, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void test_source_glob_relative(void **state)
{
	struct tree *t = tree_new();
	struct pw_ifaces ifs;

	(void)state;
	put_file(t->guest, "etc/network/interfaces",
		 "auto lo\niface lo inet loopback\n"
		 "source interfaces.d/*\n"
		 "source /etc/network/extra/*.cfg /etc/network/missing.cfg\n"
		 "iface eth9 inet dhcp\n");
	put_file(t->guest, "etc/network/interfaces.d/b-eth1", "iface eth1 inet dhcp\n");
	put_file(t->guest, "etc/network/interfaces.d/a-eth0",
		 "auto eth0\niface eth0 inet static\n  address 10.0.0.2/24\n  gateway 10.0.0.1\n");
	put_file(t->guest, "etc/network/interfaces.d/.hidden", "iface bad inet\n");
	put_file(t->guest, "etc/network/extra/x.cfg", "# only a comment\n");
	put_file(t->guest, "etc/network/extra/y.txt", "iface bad inet\n");
	tree_open(t);

	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), 0);
	assert_int_equal(ifs.nfiles, 4);
	assert_string_equal(ifs.files[1], "/etc/network/interfaces.d/a-eth0");
	assert_string_equal(ifs.files[2], "/etc/network/interfaces.d/b-eth1");
	assert_string_equal(ifs.files[3], "/etc/network/extra/x.cfg");
	assert_int_equal(ifs.count, 4);
	assert_string_equal(ifs.ifaces[1].name, "eth0");
	assert_int_equal(ifs.ifaces[1].file, 1);
	assert_int_equal(ifs.ifaces[1].first_line, 2);
	assert_string_equal(ifs.ifaces[2].name, "eth1");
	assert_string_equal(ifs.ifaces[3].name, "eth9");
	assert_int_equal(ifs.ifaces[3].file, 0);
	assert_string_equal(pw_ifaces_primary(&ifs)->name, "eth0");
	pw_ifaces_free(&ifs);

	/* parsed without a root, the source lines are counted, not followed */
	parse_ok(&ifs, "source interfaces.d/*\n");
	assert_int_equal(ifs.unfollowed, 1);
	pw_ifaces_free(&ifs);
	tree_free(t);
}

static void test_source_directory(void **state)
{
	struct tree *t = tree_new();
	struct pw_ifaces ifs;

	(void)state;
	put_file(t->guest, "etc/network/interfaces", "source-directory interfaces.d\n"
						     "source-dir /etc/network/more\n");
	put_file(t->guest, "etc/network/interfaces.d/eth0", "iface eth0 inet dhcp\n");
	put_file(t->guest, "etc/network/interfaces.d/eth1.cfg", "iface bad inet\n");
	put_file(t->guest, "etc/network/interfaces.d/eth2~", "iface bad inet\n");
	put_file(t->guest, "etc/network/interfaces.d/Eth_3-x", "iface eth3 inet dhcp\n");
	put_file(t->guest, "etc/network/more/eth4", "iface eth4 inet dhcp\n");
	tree_open(t);

	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), 0);
	assert_int_equal(ifs.count, 3);
	/* sorted as in the C locale: capitals first */
	assert_string_equal(ifs.ifaces[0].name, "eth3");
	assert_string_equal(ifs.ifaces[1].name, "eth0");
	assert_string_equal(ifs.ifaces[2].name, "eth4");
	pw_ifaces_free(&ifs);
	tree_free(t);
}

static void test_include_loops(void **state)
{
	struct tree *t = tree_new();
	struct pw_ifaces ifs;
	struct pw_result r;

	(void)state;
	/* a file sourcing itself, and two sourcing each other: each read once */
	put_file(t->guest, "etc/network/interfaces", "source interfaces\nsource a\n"
						     "iface eth0 inet dhcp\n");
	put_file(t->guest, "etc/network/a", "source ./b\niface eth1 inet dhcp\n");
	put_file(t->guest, "etc/network/b", "source /etc/network/a\nsource ../network/b\n");
	tree_open(t);
	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), 0);
	assert_int_equal(ifs.nfiles, 3);
	assert_int_equal(ifs.count, 2);
	pw_ifaces_free(&ifs);
	tree_free(t);

	/* a link to its own folder gives endless new names: the depth stops it */
	t = tree_new();
	put_file(t->guest, "etc/network/interfaces", "iface eth0 inet dhcp\n"
						     "source loop/interfaces\n");
	guest_link(t, ".", "etc/network/loop");
	tree_open(t);
	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), PW_EFORMAT);
	assert_int_equal(ifs.error.problem, PW_IFP_DEPTH);
	assert_int_equal(ifs.error.line, 2);
	assert_int_equal(ifs.nfiles, PW_IFACES_MAX_DEPTH + 1);
	pw_result_init(&r);
	pw_ifaces_report_error(&ifs.error, &r, PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "line 2:"));
	assert_non_null(strstr(r.message_en, "loop"));
	pw_ifaces_free(&ifs);
	tree_free(t);
}

static void test_guest_file_errors(void **state)
{
	struct tree *t = tree_new();
	struct pw_ifaces ifs;
	char path[PATH_MAX];
	FILE *f;

	(void)state;
	/* absent */
	tree_open(t);
	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), -ENOENT);
	assert_int_equal(ifs.error.problem, PW_IFP_READ);
	pw_ifaces_free(&ifs);

	/* a sourced file with a NUL byte: refused, named */
	put_file(t->guest, "etc/network/interfaces", "source interfaces.d/*\n");
	put_file(t->guest, "etc/network/interfaces.d/eth0", "");
	snprintf(path, sizeof(path), "%s/etc/network/interfaces.d/eth0", t->guest);
	f = fopen(path, "w");
	fwrite("iface\0eth0", 1, 10, f);
	fclose(f);
	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), PW_EBINARY);
	assert_int_equal(ifs.error.problem, PW_IFP_BINARY);
	assert_string_equal(ifs.error.file, "/etc/network/interfaces.d/eth0");
	pw_ifaces_free(&ifs);

	/* 10 MB on one line: too big to be a network configuration */
	f = fopen(path, "w");
	fputs("iface eth0 inet static\n  up ", f);
	for (int i = 0; i < 10 * 1024; i++) {
		char k[1024];

		memset(k, 'x', sizeof(k));
		fwrite(k, 1, sizeof(k), f);
	}
	fclose(f);
	pw_ifaces_init(&ifs, t->root);
	assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), PW_ETOOBIG);
	assert_int_equal(ifs.error.problem, PW_IFP_READ);
	assert_int_equal(ifs.error.err, PW_ETOOBIG);
	pw_ifaces_free(&ifs);
	tree_free(t);
}

static void test_symlink_stays_inside(void **state)
{
	struct tree *t = tree_new();
	struct pw_ifaces ifs;
	char target[PATH_MAX];

	(void)state;
	put_file(t->dir, "outside/interfaces", "iface eth0 inet static\n  address 10.9.8.7/8\n");
	put_file(t->guest, "etc/network/interfaces", "source ../../../../outside/interfaces\n"
						     "source-directory /../outside\n"
						     "iface eth0 inet dhcp\n");
	snprintf(target, sizeof(target), "%s/outside/interfaces", t->dir);
	guest_link(t, target, "etc/network/abs");
	put_file(t->guest, "etc/network/x", "source abs\n");
	tree_open(t);
	/* with openat2() where the kernel has it, then with the component walk */
	for (int walk = 0; walk < 2; walk++) {
		pw_root_force_walk(t->root, walk);
		pw_ifaces_init(&ifs, t->root);
		assert_int_equal(pw_ifaces_load(&ifs, PW_IFACES_FILE), 0);
		assert_int_equal(ifs.count, 1);
		assert_string_equal(ifs.ifaces[0].method, "dhcp");
		assert_int_equal(ifs.nfiles, 1);
		pw_ifaces_free(&ifs);
		pw_ifaces_init(&ifs, t->root);
		assert_int_equal(pw_ifaces_load(&ifs, "/etc/network/x"), 0);
		assert_int_equal(ifs.count, 0);
		pw_ifaces_free(&ifs);
	}
	tree_free(t);
}

/* As ifupdown @version reads it, refused for @problem at @line (word @word). */
static void expect_refused_by(const char *version, const char *text,
			      enum pw_ifaces_problem problem, unsigned int line, const char *word)
{
	struct pw_ifaces ifs;

	pw_ifaces_init(&ifs, NULL);
	pw_ifaces_set_version(&ifs, version);
	if (pw_ifaces_parse(&ifs, PW_IFACES_FILE, text, strlen(text)) != PW_EFORMAT)
		fail_msg("ifupdown %s accepts: %s", version, text);
	assert_int_equal(ifs.error.problem, problem);
	assert_int_equal(ifs.error.line, line);
	if (word)
		assert_string_equal(ifs.error.word, word);
	pw_ifaces_free(&ifs);
}

/* Since 0.7 no netmask means the address's class's; 0.6 has no default. */
static void test_version_netmask_default(void **state)
{
	static const struct {
		const char *address;
		int prefix;	/* 0: no netmask */
	} cases[] = {
		{ "18.181.1.2", 8 }, { "10.1.2.3", 8 }, { "172.16.1.2", 16 },
		{ "192.168.1.2", 24 }, { "224.0.0.5", 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pw_ifaces ifs;
		struct pw_iface_static st;
		char text[256];

		snprintf(text, sizeof(text), "iface eth0 inet static\n address %s\n",
			 cases[i].address);
		parse_version(&ifs, text, "0.6.8");
		assert_int_equal(pw_iface_check_static(&ifs.ifaces[0], &st), PW_STATIC_NO_NETMASK);
		pw_ifaces_free(&ifs);
		parse_version(&ifs, text, "0.7.8");
		pw_iface_check_static(&ifs.ifaces[0], &st);
		if (cases[i].prefix == 0) {
			assert_int_equal(st.problem, PW_STATIC_NO_NETMASK);
		} else {
			assert_int_equal(st.problem, PW_STATIC_NO_GATEWAY);
			assert_int_equal(st.prefix, cases[i].prefix);
		}
		pw_ifaces_free(&ifs);
	}
}

/* rename, and a lone auto/allow-* inside a stanza: 0.8.35 and later. */
static void test_version_rename_and_lone_marks(void **state)
{
	/* interfaces(5)'s own example */
	static const char rename[] = "rename foo=bar\nauto bar\niface bar inet static\n"
				     "  address 18.181.1.4/16\n  gateway 18.181.0.1\n";
	static const char lone[] = "iface eth0 inet static\n  address 18.181.1.4/16\n"
				   "  auto\n  gateway 18.181.0.1\n  allow-hotplug\n"
				   "  no-scripts\n  rename lan0\n# after\n";
	struct pw_ifaces ifs;
	struct pw_iface_static st;

	(void)state;
	parse_version(&ifs, rename, "0.8.35");
	assert_int_equal(ifs.nrenames, 1);
	assert_string_equal(ifs.renames[0].from, "foo");
	assert_string_equal(ifs.renames[0].to, "bar");
	assert_true(pw_ifaces_at_boot(&ifs, "bar"));
	pw_ifaces_free(&ifs);
	expect_refused_by("0.8.34", rename, PW_IFP_MISPLACED, 1, "rename");

	parse_version(&ifs, lone, "0.8.41");
	assert_true(pw_ifaces_at_boot(&ifs, "eth0"));
	assert_int_equal(ifs.nmarks, 2);
	assert_string_equal(ifs.marks[1].class, "hotplug");
	/* the stanza goes on past them, to its last line */
	assert_int_equal(pw_iface_check_static(&ifs.ifaces[0], &st), PW_STATIC_OK);
	assert_int_equal(ifs.ifaces[0].last_line, 7);
	expect_stanza(lone, &ifs.ifaces[0], "iface eth0 inet static\n  address 18.181.1.4/16\n"
					    "  auto\n  gateway 18.181.0.1\n  allow-hotplug\n"
					    "  no-scripts\n  rename lan0\n");
	pw_ifaces_free(&ifs);
	/* before: a lone "auto" names nothing and ends the stanza */
	expect_refused_by("0.8.19", lone, PW_IFP_MISPLACED, 4, "gateway");
}

/* What 0.6 (etch to squeeze) and 0.7 refuse that later versions accept. */
static void test_version_keywords(void **state)
{
	struct pw_ifaces ifs;

	(void)state;
	/* source came in 0.7, source-directory in 0.7.44, no-auto-down in 0.8.9 */
	expect_refused_by("0.6.8", "source /etc/network/interfaces.d/*\n", PW_IFP_MISPLACED, 1,
			  "source");
	parse_version(&ifs, "source /etc/network/interfaces.d/*\n", "0.7.8");
	assert_int_equal(ifs.unfollowed, 1);
	pw_ifaces_free(&ifs);
	expect_refused_by("0.7.8", "source-directory interfaces.d\n", PW_IFP_MISPLACED, 1,
			  "source-directory");
	parse_version(&ifs, "source-directory interfaces.d\n", "0.7.44");
	pw_ifaces_free(&ifs);
	expect_refused_by("0.8.8", "no-auto-down eth0\n", PW_IFP_MISPLACED, 1, "no-auto-down");
	parse_version(&ifs, "no-auto-down eth0\n", "0.8.9");
	pw_ifaces_free(&ifs);

	/* 0.6 refuses a name marked twice, and a second stanza of one family */
	expect_refused_by("0.6.8", "auto eth0\nauto lo eth0\n", PW_IFP_DUPLICATE_MARK, 2, "eth0");
	parse_version(&ifs, "auto eth0\nauto lo eth0\nallow-hotplug eth0\n", "0.7.8");
	pw_ifaces_free(&ifs);
	parse_version(&ifs, "allow-hotplug eth0\nauto eth0\n", "0.6.8");
	pw_ifaces_free(&ifs);
	expect_refused_by("0.6.8", "iface eth0 inet dhcp\niface eth0 inet static\n",
			  PW_IFP_DUPLICATE_IFACE, 2, "eth0");
	parse_version(&ifs, "iface eth0 inet dhcp\niface eth0 inet6 auto\n", "0.6.8");
	pw_ifaces_free(&ifs);
	parse_version(&ifs, "iface eth0 inet dhcp\niface eth0 inet static\n", "0.7.8");
	assert_int_equal(ifs.count, 2);
	pw_ifaces_free(&ifs);

	/* words after the method, and inherits: before 0.8 the file is refused */
	expect_refused_by("0.7.53", "iface eth0 inet dhcp hwaddress x\n", PW_IFP_IFACE_EXTRA, 1,
			  "hwaddress");
	expect_refused_by("0.6.8", "iface eth0 inherits base\n", PW_IFP_FAMILY, 1, "inherits");
	parse_version(&ifs, "iface eth0 inet dhcp hwaddress x\n", "0.8");
	pw_ifaces_free(&ifs);
}

/* A backslash before "\r\n" does not go on to the next line (any version). */
static void test_version_crlf_backslash(void **state)
{
	static const char *const versions[] = { "0.6.8", "0.8.41", "" };
	static const char crlf[] = "iface eth0 inet static\r\n  address 18.181.1.4/16 \\\r\n"
				   "  gateway 18.181.0.1\r\n";
	static const char lf[] = "iface eth0 inet static\n  address 18.181.1.4/16 \\\n"
				 "  gateway 18.181.0.1\n";
	struct pw_ifaces ifs;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(versions); i++) {
		parse_version(&ifs, crlf, versions[i]);
		assert_string_equal(pw_iface_opt(&ifs.ifaces[0], "address"), "18.181.1.4/16 \\");
		assert_string_equal(pw_iface_opt(&ifs.ifaces[0], "gateway"), "18.181.0.1");
		pw_ifaces_free(&ifs);
		parse_version(&ifs, lf, versions[i]);
		assert_string_equal(pw_iface_opt(&ifs.ifaces[0], "address"),
				    "18.181.1.4/16   gateway 18.181.0.1");
		assert_null(pw_iface_opt(&ifs.ifaces[0], "gateway"));
		pw_ifaces_free(&ifs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_tabs_options),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_comments_and_continuation),
		cmocka_unit_test(test_multiple_inet6_hotplug),
		cmocka_unit_test(test_cidr_and_static_checks),
		cmocka_unit_test(test_inherits),
		cmocka_unit_test(test_version_netmask_default),
		cmocka_unit_test(test_version_rename_and_lone_marks),
		cmocka_unit_test(test_version_keywords),
		cmocka_unit_test(test_version_crlf_backslash),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_binary_and_long_line),
		cmocka_unit_test(test_source_glob_relative),
		cmocka_unit_test(test_source_directory),
		cmocka_unit_test(test_include_loops),
		cmocka_unit_test(test_guest_file_errors),
		cmocka_unit_test(test_symlink_stays_inside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
