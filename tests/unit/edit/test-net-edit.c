// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step's editors: a stanza of /etc/network/interfaces made
 * static (pw_ifaces_edit), a udev rule made a comment
 * (pw_udev_rule_disable); every other byte kept.
 */
#include "unit.h"

#include "pw-interfaces.h"
#include "pw-net-edit.h"

static const struct pw_net_config cfg = {
	"eth0", "18.181.1.23", "255.255.0.0", "18.181.0.1", "18.70.0.160",
};

/* @text with the one change @ch (its ifc filled here: stanza @index). */
static char *edit(const char *text, size_t index, struct pw_ifaces_change ch)
{
	struct pw_ifaces ifs;
	char *out = NULL;
	size_t len;

	pw_ifaces_init(&ifs, NULL);
	assert_int_equal(pw_ifaces_parse(&ifs, PW_IFACES_FILE, text, strlen(text)), 0);
	ch.ifc = &ifs.ifaces[index];
	assert_int_equal(pw_ifaces_edit(text, strlen(text), &cfg, &ch, 1, &out, &len), 0);
	assert_int_equal(strlen(out), len);
	pw_ifaces_free(&ifs);
	return out;
}

static void expect_edit(const char *text, size_t index, struct pw_ifaces_change ch,
			const char *want)
{
	char *out = edit(text, index, ch);

	assert_string_equal(out, want);
	free(out);
}

static void test_rewrite_keeps_the_rest(void **state)
{
	(void)state;
	/* comments, other stanzas and the CRLF line ends stay; options of dhcp go */
	expect_edit("# mine\r\nauto lo\r\niface lo inet loopback\r\n\r\n"
		    "allow-hotplug eth0\r\n  iface eth0 inet dhcp\r\n    hostname vm1\r\n"
		    "    # a note\r\n    up true\r\n\r\n# end\r\n", 1,
		    (struct pw_ifaces_change){ .rewrite = true },
		    "# mine\r\nauto lo\r\niface lo inet loopback\r\n\r\n"
		    "allow-hotplug eth0\r\n  iface eth0 inet static\r\n"
		    "    address 18.181.1.23\r\n    netmask 255.255.0.0\r\n"
		    "    gateway 18.181.0.1\r\n    dns-nameservers 18.70.0.160\r\n"
		    "    # a note\r\n    up true\r\n\r\n# end\r\n");
	/* nothing asked: the text as it was */
	expect_edit("iface eth0 inet dhcp\n", 0, (struct pw_ifaces_change){ 0 },
		    "iface eth0 inet dhcp\n");
}

static void test_auto_and_new_stanza(void **state)
{
	(void)state;
	expect_edit("iface eth0 inet static\n\taddress 18.181.1.23/16\n\tgateway 18.181.0.1\n"
		    "auto lo\n", 0,
		    (struct pw_ifaces_change){ .add_auto = true, .new_name = "enX0",
					       .new_hotplug = true },
		    "auto eth0\n"
		    "iface eth0 inet static\n\taddress 18.181.1.23/16\n\tgateway 18.181.0.1\n"
		    "\n# eth0 under ParaVM, where the card is called enX0 (added by paravm-wizard)\n"
		    "allow-hotplug enX0\niface enX0 inet static\n\taddress 18.181.1.23\n"
		    "\tnetmask 255.255.0.0\n\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160\n"
		    "\nauto lo\n");
	/* a file that ends without a newline gets one before what is added */
	expect_edit("iface eth0 inet dhcp", 0,
		    (struct pw_ifaces_change){ .rewrite = true, .new_name = "enX0" },
		    "iface eth0 inet static\n\taddress 18.181.1.23\n\tnetmask 255.255.0.0\n"
		    "\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160\n"
		    "\n# eth0 under ParaVM, where the card is called enX0 (added by paravm-wizard)\n"
		    "iface enX0 inet static\n\taddress 18.181.1.23\n\tnetmask 255.255.0.0\n"
		    "\tgateway 18.181.0.1\n\tdns-nameservers 18.70.0.160\n");
}

static void test_changed_file(void **state)
{
	const char *text = "auto eth0\niface eth0 inet dhcp\n";
	struct pw_ifaces ifs;
	struct pw_ifaces_change ch = { .rewrite = true };
	char *out = NULL;
	size_t len;

	(void)state;
	pw_ifaces_init(&ifs, NULL);
	assert_int_equal(pw_ifaces_parse(&ifs, PW_IFACES_FILE, text, strlen(text)), 0);
	ch.ifc = &ifs.ifaces[0];
	/* the stanza is no longer where the parser saw it */
	assert_int_equal(pw_ifaces_edit("auto eth0\n# iface eth0 inet dhcp\n", 31, &cfg, &ch, 1,
					&out, &len), -EAGAIN);
	assert_int_equal(pw_ifaces_edit("auto", 4, &cfg, &ch, 1, &out, &len), -EAGAIN);
	assert_null(out);
	assert_true(pw_ifaces_stanza_at(text, strlen(text), &ifs.ifaces[0]));
	pw_ifaces_free(&ifs);
}

static void test_udev_rule_disable(void **state)
{
	const char *text = "# generated\r\n"
			   "SUBSYSTEM==\"net\", DRIVERS==\"pcnet32\", \\\r\n"
			   "  ATTR{address}==\"00:16:3e:00:00:01\", NAME=\"eth0\"\r\n"
			   "# last";
	char *out;
	size_t len;

	(void)state;
	/* NAME on a continued line of the rule still makes it the rule */
	assert_int_equal(pw_udev_rule_disable(text, strlen(text), 2, "eth0", &out, &len), 0);
	assert_string_equal(out, "# generated\r\n"
			    "# paravm-wizard disabled this rule for ParaVM: the Xen network card "
			    "would match no rule, so udev would not call it eth0.\r\n"
			    "# SUBSYSTEM==\"net\", DRIVERS==\"pcnet32\", \\\r\n"
			    "#   ATTR{address}==\"00:16:3e:00:00:01\", NAME=\"eth0\"\r\n"
			    "# last");
	free(out);
	/* a comment, a line without NAME, a line past the end: not the rule */
	assert_int_equal(pw_udev_rule_disable(text, strlen(text), 1, "eth0", &out, &len), -EAGAIN);
	assert_int_equal(pw_udev_rule_disable("A==\"b\"\n", 7, 1, "eth0", &out, &len), -EAGAIN);
	assert_int_equal(pw_udev_rule_disable(text, strlen(text), 9, "eth0", &out, &len), -EAGAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite_keeps_the_rest),
		cmocka_unit_test(test_auto_and_new_stanza),
		cmocka_unit_test(test_changed_file),
		cmocka_unit_test(test_udev_rule_disable),
	};

	return cmocka_run_group_tests_name("network editors", tests, NULL, NULL);
}
