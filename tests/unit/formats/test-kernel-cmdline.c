// SPDX-License-Identifier: GPL-2.0-or-later
/* Kernel command line words that turn predictable network names off. */
#include "unit.h"

#include "pw-netname.h"

static void test_cmdline_words(void **state)
{
	static const struct {
		const char *words;
		bool off;
	} cases[] = {
		{ "quiet net.ifnames=0", true },
		{ "net.ifnames=1", false },
		{ "net.naming-scheme=v249", true },
		{ "net.naming_scheme=v247", true },
		{ "net.naming-scheme=v250", false },
		{ "net.naming-scheme=v252", false },
		{ "xnet.ifnames=0", false },
		{ "", false },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pw_cmdline_var var = { .name = "x" };

		pw_cmdline_words(&var, cases[i].words, "/f");
		if (var.off != cases[i].off)
			fail_msg("case %zu (%s): off %d", i, cases[i].words, var.off);
		if (var.off)
			assert_string_equal(var.file, "/f");
	}
}

static void test_cmdline_shell(void **state)
{
	struct pw_cmdline_var vars[] = {
		{ .name = "GRUB_CMDLINE_LINUX" },
		{ .name = "GRUB_CMDLINE_LINUX_DEFAULT" },
	};
	const char *text = "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
			   "  GRUB_CMDLINE_LINUX='console=tty0 net.ifnames=0'\n";

	(void)state;
	pw_cmdline_scan_shell(text, strlen(text), "/etc/default/grub", vars, 2);
	assert_true(vars[0].off);
	assert_string_equal(vars[0].what, "net.ifnames=0");
	assert_string_equal(vars[0].file, "/etc/default/grub");
	assert_false(vars[1].off);

	/* a later file that appends keeps it; one that replaces drops it */
	text = "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX console=hvc0\"\n";
	pw_cmdline_scan_shell(text, strlen(text), "/etc/default/grub.d/xen.cfg", vars, 2);
	assert_true(vars[0].off);
	assert_string_equal(vars[0].file, "/etc/default/grub");
	text = "GRUB_CMDLINE_LINUX=\"${GRUB_CMDLINE_LINUX} x\"\nGRUB_CMDLINE_LINUX=\"quiet\"\n";
	pw_cmdline_scan_shell(text, strlen(text), "/etc/default/grub.d/b.cfg", vars, 2);
	assert_false(vars[0].off);
	/* GRUB_CMDLINE_LINUX is a prefix of _DEFAULT: not taken for it */
	text = "GRUB_CMDLINE_LINUX_DEFAULT=\"net.ifnames=0\"\n";
	pw_cmdline_scan_shell(text, strlen(text), "/g", vars, 2);
	assert_false(vars[0].off);
	assert_true(vars[1].off);
}

static void test_cmdline_kopt(void **state)
{
	struct pw_cmdline_var var = { .name = "kopt" };
	const char *text = "# kopt=root=/dev/hda1 ro net.ifnames=0\n"
			   "#kopt=ignored\n"
			   "title Debian\n";

	(void)state;
	pw_cmdline_scan_kopt(text, strlen(text), "/boot/grub/menu.lst", &var);
	assert_true(var.off);
	assert_string_equal(var.file, "/boot/grub/menu.lst");
	/* the last "# kopt=" is the one update-grub uses */
	text = "# kopt=net.ifnames=0\n# kopt=root=/dev/xvda1 ro\n";
	pw_cmdline_scan_kopt(text, strlen(text), "/boot/grub/menu.lst", &var);
	assert_false(var.off);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline_words),
		cmocka_unit_test(test_cmdline_shell),
		cmocka_unit_test(test_cmdline_kopt),
	};

	return cmocka_run_group_tests_name("kernel command line", tests, NULL, NULL);
}
