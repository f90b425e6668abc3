// SPDX-License-Identifier: GPL-2.0-or-later
/* /etc/resolv.conf: its name servers read, and replaced with every other line kept. */
#include "unit.h"

#include "pw-resolv.h"
#include "pw-text.h"

static void expect_edit(const char *old, const char *servers, const char *want)
{
	struct pw_buf b = { 0 };

	pw_resolv_edit(old, strlen(old), servers, &b);
	assert_false(b.failed);
	if (strcmp(b.data ? b.data : "", want) != 0)
		fail_msg("got:\n%s\nwant:\n%s", b.data ? b.data : "", want);
	pw_buf_free(&b);
}

static void test_servers(void **state)
{
	static const char text[] = "# by hand\nsearch mit.edu\nnameserver 18.70.0.160\n"
				   "  nameserver\t18.71.0.151 # second\n;nameserver 1.1.1.1\n"
				   "nameserver\n";
	char out[128];

	(void)state;
	pw_resolv_servers(text, strlen(text), out, sizeof(out));
	assert_string_equal(out, "18.70.0.160 18.71.0.151");
	pw_resolv_servers("", 0, out, sizeof(out));
	assert_string_equal(out, "");
}

static void test_edit(void **state)
{
	(void)state;
	expect_edit("nameserver 10.255.255.53\n", "18.70.0.160 18.71.0.151",
		    "nameserver 18.70.0.160\nnameserver 18.71.0.151\n");
	/* the others' lines stay where they were, ours where the first server was */
	expect_edit("# dhclient\nsearch example.org\nnameserver 10.0.0.1\noptions rotate\n"
		    "nameserver 10.0.0.2\n",
		    "18.70.0.160",
		    "# dhclient\nsearch example.org\nnameserver 18.70.0.160\noptions rotate\n");
	expect_edit("search example.org", "18.70.0.160",
		    "search example.org\nnameserver 18.70.0.160\n");
	expect_edit("", "18.70.0.160 18.71.0.151", "nameserver 18.70.0.160\nnameserver 18.71.0.151\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_servers),
		cmocka_unit_test(test_edit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
