// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dhclient lease files: the newest lease of an interface, expired ones
 * passed over, garbage, files cut short, huge and binary files.
 */
#include "unit.h"

#include "pw-interfaces.h"
#include "pw-root.h"

/* 2008/04/24 21:00:00 UTC */
#define T2008 1209070800LL
#define NOW (T2008 - 3600)

static const char etch_leases[] =
	"lease {\n"
	"  interface \"eth0\";\n"
	"  fixed-address 18.181.1.20;\n"
	"  option subnet-mask 255.255.0.0;\n"
	"  option routers 18.181.0.1;\n"
	"  option domain-name-servers 18.70.0.160,18.71.0.151;\n"
	"  option dhcp-lease-time 86400;\n"
	"  option domain-name \"mit.edu\";\n"
	"  renew 4 2008/04/24 12:00:00;\n"
	"  rebind 4 2008/04/24 18:00:00;\n"
	"  expire 4 2008/04/24 21:00:00;\n"
	"}\n"
	"lease {\n"
	"  interface \"eth1\";\n"
	"  fixed-address 10.0.0.5;\n"
	"  option routers 10.0.0.1;\n"
	"  expire 4 2008/04/24 21:00:00;\n"
	"}\n"
	"lease {\n"
	"  interface \"eth0\";\n"
	"  fixed-address 18.181.1.23;\n"
	"  option subnet-mask 255.255.0.0;\n"
	"  option routers 18.181.0.1, 18.181.0.2;\n"
	"  option domain-name-servers 18.70.0.160, 18.71.0.151;\n"
	"  renew 4 2008/04/24 15:00:00;\n"
	"  expire 4 2008/04/24 23:00:00;\n"
	"}\n";

static void test_several(void **state)
{
	struct pw_lease l, ex;

	(void)state;
	assert_int_equal(pw_lease_parse(etch_leases, strlen(etch_leases), "eth0", NOW, &l, &ex), 0);
	assert_string_equal(l.interface, "eth0");
	assert_string_equal(l.address, "18.181.1.23");
	assert_string_equal(l.netmask, "255.255.0.0");
	assert_string_equal(l.gateway, "18.181.0.1");
	assert_string_equal(l.nameservers, "18.70.0.160 18.71.0.151");
	assert_true(l.expires);
	assert_int_equal(l.expire, T2008 + 7200);
	assert_string_equal(l.expire_text, "2008/04/24 23:00:00");
	assert_string_equal(ex.address, "");

	assert_int_equal(pw_lease_parse(etch_leases, strlen(etch_leases), "eth1", NOW, &l, NULL), 0);
	assert_string_equal(l.address, "10.0.0.5");
	assert_string_equal(l.netmask, "");
	assert_string_equal(l.nameservers, "");
	assert_int_equal(pw_lease_parse(etch_leases, strlen(etch_leases), "ens3", NOW, &l, NULL), 1);
	assert_int_equal(pw_lease_parse("", 0, "eth0", NOW, &l, NULL), 1);
}

static void test_expired(void **state)
{
	static const char text[] =
		"lease {\n  interface \"eth0\";\n  fixed-address 18.181.1.21;\n"
		"  expire never;\n}\n"
		"lease {\n  interface \"eth0\";\n  fixed-address 18.181.1.22;\n"
		"  expire epoch 1209070800; # Thu Apr 24 21:00:00 2008\n}\n"
		"lease {\n  interface \"eth0\";\n  fixed-address 18.181.1.23;\n"
		"  expire 4 2008/04/24 21:00:00;\n}\n";
	struct pw_lease l, ex;

	(void)state;
	/* before expiry: the last one */
	assert_int_equal(pw_lease_parse(etch_leases, strlen(etch_leases), "eth0", NOW, &l, &ex), 0);
	assert_string_equal(l.address, "18.181.1.23");
	/* between the two expiries: the newest current one is the last */
	assert_int_equal(pw_lease_parse(etch_leases, strlen(etch_leases), "eth0", T2008 + 60, &l,
					&ex), 0);
	assert_string_equal(l.address, "18.181.1.23");
	assert_string_equal(ex.address, "18.181.1.20");
	/* after both: none, and the newest expired one is said */
	assert_int_equal(pw_lease_parse(etch_leases, strlen(etch_leases), "eth0", T2008 + 86400,
					&l, &ex), 1);
	assert_string_equal(l.address, "");
	assert_string_equal(ex.address, "18.181.1.23");
	assert_string_equal(ex.expire_text, "2008/04/24 23:00:00");

	/* "never" never expires; "epoch" is read too; the expiry instant is past */
	assert_int_equal(pw_lease_parse(text, strlen(text), "eth0", T2008, &l, &ex), 0);
	assert_string_equal(l.address, "18.181.1.21");
	assert_false(l.expires);
	assert_string_equal(ex.address, "18.181.1.23");
	assert_int_equal(pw_lease_parse(text, strlen(text), "eth0", T2008 - 1, &l, &ex), 0);
	assert_string_equal(l.address, "18.181.1.23");
}

static void test_garbage(void **state)
{
	static const char *const bad[] = {
		"garbage",
		"}}}}{{{{",
		"lease",
		"lease {",
		"lease { fixed-address 18.181.1.23;",	/* cut short */
		"lease { fixed-address 18.181.1.23; option domain-name \"unterminated; }\n",
		"lease { fixed-address 018.181.1.23; }",
		"lease { fixed-address 18.181.1.23/16; }",
		"lease { fixed-address 18.181.1; }",
		"lease { fixed-address \"18.181.1.23\" 1; }",
		"lease { interface \"eth1\"; fixed-address 18.181.1.23; }",
		"# lease { fixed-address 18.181.1.23; }\n",
		"lease6 { interface \"eth0\"; fixed-address 18.181.1.23; }",
		"not-lease { fixed-address 18.181.1.23; }",
		"x lease { fixed-address 18.181.1.23; }",
	};
	/* what is around a good lease does not spoil it */
	static const char *const good[] = {
		"lease { fixed-address 18.181.1.23; }",
		"default-duid \"\\000\\001\\000\\001\";\nlease { fixed-address 18.181.1.23; }",
		"lease6 {\n  interface \"eth0\";\n  ia-na 1a:2b:3c:4d {\n    iaaddr 2001:db8::1 {\n"
		"      max-life 7200;\n    }\n  }\n}\nlease { fixed-address 18.181.1.23; }",
		"lease { option domain-name \"a;b{c}d\\\"e\"; fixed-address 18.181.1.23; "
		"  option unknown-77 { 1 2 }; # a comment { with braces\n"
		"  option routers bogus; option subnet-mask 255.0.255.0; }\n"
		"lease { fixed-address 18.181.1.24",
		"}}} ; ; lease { fixed-address 18.181.1.23; }",
		"lease {\r\n  interface \"eth0\";\r\n  fixed-address 18.181.1.23;\r\n}\r\n",
		"lease { interface \"eth0\"; fixed-address 18.181.1.23; "
		"option domain-name-servers 1.2.3.4, bogus, 5.6.7.8,; }",
	};
	struct pw_lease l;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (pw_lease_parse(bad[i], strlen(bad[i]), "eth0", NOW, &l, NULL) != 1)
			fail_msg("bad %zu taken: %s", i, l.address);
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		if (pw_lease_parse(good[i], strlen(good[i]), "eth0", NOW, &l, NULL) != 0 ||
		    strcmp(l.address, "18.181.1.23") != 0)
			fail_msg("good %zu not taken", i);
		assert_string_equal(l.gateway, "");
		assert_string_equal(l.netmask, "");
	}
	pw_lease_parse(good[6], strlen(good[6]), "eth0", NOW, &l, NULL);
	assert_string_equal(l.nameservers, "1.2.3.4 5.6.7.8");
}

static void test_binary_and_huge(void **state)
{
	static const char nul[] = "lease { fixed-address 18.181.1.23\0; }";
	static const char nul2[] = "lease { fixed-address 18.181.1.2\0003; }";
	size_t big = 8 * 1024 * 1024, n = 0;
	char *text = malloc(big + 256);
	unsigned int seed = 12345;
	struct pw_lease l;

	(void)state;
	assert_int_equal(pw_lease_parse(nul, sizeof(nul) - 1, "eth0", NOW, &l, NULL), 1);
	assert_int_equal(pw_lease_parse(nul2, sizeof(nul2) - 1, "eth0", NOW, &l, NULL), 1);

	/* random bytes: no crash, nothing taken */
	for (size_t i = 0; i < big; i++) {
		seed = seed * 1103515245 + 12345;
		text[i] = (char)(seed >> 16);
	}
	assert_int_equal(pw_lease_parse(text, big, "eth0", NOW, &l, NULL), 1);

	/* one word of 8 MB, then a lease */
	memset(text, 'x', big);
	n = big;
	n += (size_t)sprintf(text + n, ";\nlease { fixed-address 18.181.1.23; }\n");
	assert_int_equal(pw_lease_parse(text, n, "eth0", NOW, &l, NULL), 0);
	assert_string_equal(l.address, "18.181.1.23");

	/* 8 MB of nested braces */
	memset(text, '{', big);
	assert_int_equal(pw_lease_parse(text, big, "eth0", NOW, &l, NULL), 1);

	/* a statement of 8 MB of words */
	n = (size_t)sprintf(text, "lease { option domain-name-servers");
	while (n < big - 16)
		n += (size_t)sprintf(text + n, " 1.2.3.4,");
	n += (size_t)sprintf(text + n, "; fixed-address 18.181.1.23; }");
	assert_int_equal(pw_lease_parse(text, n, "eth0", NOW, &l, NULL), 0);
	assert_string_equal(l.address, "18.181.1.23");
	assert_true(strlen(l.nameservers) < sizeof(l.nameservers));
	free(text);
}

/* ---- in a guest ---------------------------------------------------------- */

static void put_bytes(const char *dir, const char *rel, const char *data, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	put_file(dir, rel, ""); /* the folders */
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void test_find(void **state)
{
	char *dir = make_tree(), *guest, *outside, path[PATH_MAX];
	struct pw_root *root;
	struct pw_lease_found lf;
	size_t big = 3 * PW_TEXT_MAX, n = 0;
	char *text = malloc(big + 4096);

	(void)state;
	assert_true(asprintf(&guest, "%s/guest", dir) > 0);
	assert_true(asprintf(&outside, "%s/outside.leases", dir) > 0);
	mkdir(guest, 0755);
	assert_int_equal(pw_root_open_dir(guest, &root), 0);

	/* nothing at all */
	assert_int_equal(pw_lease_find(root, "eth0", NOW, &lf), 1);
	assert_false(lf.found);
	assert_false(lf.found_expired);

	/* etch: dhcp3 */
	put_file(guest, "var/lib/dhcp3/dhclient.eth0.leases", etch_leases);
	put_file(guest, "var/lib/dhcp3/dhclient.leases", "");
	put_file(guest, "var/lib/dhcp3/other.leases",
		 "lease { interface \"eth0\"; fixed-address 1.1.1.1; expire never; }\n");
	assert_int_equal(pw_lease_find(root, "eth0", NOW, &lf), 0);
	assert_string_equal(lf.lease.address, "18.181.1.23");
	assert_string_equal(lf.file, "/var/lib/dhcp3/dhclient.eth0.leases");
	assert_int_equal(pw_lease_find(root, "eth0", T2008 + 86400, &lf), 1);
	assert_true(lf.found_expired);
	assert_string_equal(lf.expired.address, "18.181.1.23");
	assert_string_equal(lf.expired_file, "/var/lib/dhcp3/dhclient.eth0.leases");

	/* a later file that expires later wins */
	put_file(guest, "var/lib/dhcp/dhclient.leases",
		 "lease {\n  interface \"eth0\";\n  fixed-address 18.181.1.99;\n"
		 "  expire 5 2008/04/25 21:00:00;\n}\n");
	assert_int_equal(pw_lease_find(root, "eth0", NOW, &lf), 0);
	assert_string_equal(lf.lease.address, "18.181.1.99");
	assert_string_equal(lf.file, "/var/lib/dhcp/dhclient.leases");

	/* huge: only the tail is read, where the newest lease is */
	while (n < big) {
		n += (size_t)sprintf(text + n,
				     "lease {\n  interface \"ens3\";\n  fixed-address 10.1.2.3;\n"
				     "  option domain-name \"x;y\";\n  expire never;\n}\n");
	}
	n += (size_t)sprintf(text + n, "lease {\n  interface \"ens3\";\n  fixed-address 10.1.2.4;\n"
				       "  expire never;\n}\n");
	put_bytes(guest, "var/lib/dhcp/dhclient.ens3.leases", text, n);
	assert_int_equal(pw_lease_find(root, "ens3", NOW, &lf), 0);
	assert_string_equal(lf.lease.address, "10.1.2.4");

	/* binary: no lease in it, and no harm */
	for (size_t i = 0; i < 65536; i++)
		text[i] = (char)(i * 7);
	put_bytes(guest, "var/lib/dhcp/dhclient.enX0.leases", text, 65536);
	assert_int_equal(pw_lease_find(root, "enX0", NOW, &lf), 1);

	/* a folder with a lease file's name, and a link out of the guest */
	snprintf(path, sizeof(path), "%s/var/lib/dhcp/dhclient.dir.leases", guest);
	mkdir(path, 0755);
	put_file(dir, "outside.leases", "lease { interface \"eth9\"; fixed-address 6.6.6.6; }\n");
	snprintf(path, sizeof(path), "%s/var/lib/dhcp/dhclient.eth9.leases", guest);
	assert_int_equal(symlink(outside, path), 0);
	assert_int_equal(pw_lease_find(root, "eth9", NOW, &lf), 1);

	pw_root_free(root);
	free(text);
	free(guest);
	free(outside);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_expired),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_binary_and_huge),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
