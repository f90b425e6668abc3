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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline_words),
	};

	return cmocka_run_group_tests_name("kernel command line", tests, NULL, NULL);
}
