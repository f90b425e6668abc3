// SPDX-License-Identifier: GPL-2.0-or-later
/* INI loading, [site] and profiles.ini: good files load, bad ones are refused whole. */
#include "unit.h"

#include "pw-config.h"
#include "pw-root.h"

static char *tree;

static int setup(void **state)
{
	(void)state;
	tree = make_tree();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_tree(tree);
	return 0;
}

static char *host_path(const char *rel)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	return path;
}

static void test_version_cmp(void **state)
{
	(void)state;
	assert_true(pw_version_cmp("4.0", "5.0.10") < 0);
	assert_true(pw_version_cmp("12", "12.5") < 0);
	assert_true(pw_version_cmp("12.5", "12.99") < 0);
	assert_true(pw_version_cmp("10", "9.13") > 0);
	assert_int_equal(pw_version_cmp("8.04", "8.04"), 0);
	assert_true(pw_version_cmp("8.10", "8.04") > 0);
	assert_true(pw_version_cmp("22.04", "22.10") < 0);
}

static void test_site_defaults_and_override(void **state)
{
	struct pw_site site;
	struct pw_error err = { 0 };

	(void)state;
	pw_site_defaults(&site);
	assert_string_equal(site.name, "sipb-xen");
	assert_string_equal(site.netmask, "255.255.0.0");
	assert_string_equal(site.gateway, "18.181.0.1");

	put_file(tree, "site.ini", "; comment\n[site]\nname = Example\ngateway = 10.0.0.1\n"
				   "nameservers = 10.0.0.2 10.0.0.3\n");
	assert_int_equal(pw_site_load(&site, NULL, host_path("site.ini"), &err), 0);
	assert_string_equal(site.name, "Example");
	assert_string_equal(site.gateway, "10.0.0.1");
	assert_string_equal(site.netmask, "255.255.0.0"); /* kept */
	assert_string_equal(site.nameservers, "10.0.0.2 10.0.0.3");
	assert_int_equal(pw_site_load(&site, NULL, host_path("absent.ini"), &err), 1);
}

static void test_site_from_guest(void **state)
{
	struct pw_site site;
	struct pw_error err = { 0 };
	struct pw_root *root;
	char link[PATH_MAX];

	(void)state;
	pw_site_defaults(&site);
	put_file(tree, "guest/etc/paravm-wizard/real.ini", "[site]\nname = Guest\n");
	put_file(tree, "secret.ini", "[site]\nname = Host\n");
	snprintf(link, sizeof(link), "%s/guest/etc/paravm-wizard/site.ini", tree);
	assert_int_equal(symlink("/etc/paravm-wizard/real.ini", link), 0);
	snprintf(link, sizeof(link), "%s/guest/escape.ini", tree);
	assert_int_equal(symlink("../secret.ini", link), 0);
	assert_int_equal(pw_root_open_dir(host_path("guest"), &root), 0);

	assert_int_equal(pw_site_load(&site, root, "/etc/paravm-wizard/site.ini", &err), 0);
	assert_string_equal(site.name, "Guest");
	/* ../secret.ini from the guest's / is the guest's /secret.ini: absent */
	assert_int_equal(pw_site_load(&site, root, "/escape.ini", &err), 1);
	assert_string_equal(site.name, "Guest");
	pw_root_free(root);
}

/* Each bad file: refused, message names file (and line), site unchanged. */
static void expect_refused(const char *text, const char *needle, enum pw_exit code)
{
	struct pw_site site, before;
	struct pw_error err = { 0 };

	pw_site_defaults(&site);
	before = site;
	put_file(tree, "bad.ini", text);
	assert_true(pw_site_load(&site, NULL, host_path("bad.ini"), &err) < 0);
	assert_int_equal(err.code, code);
	assert_non_null(strstr(err.message, host_path("bad.ini")));
	if (!strstr(err.message, needle))
		fail_msg("\"%s\" not in \"%s\"", needle, err.message);
	assert_memory_equal(&site, &before, sizeof(site));
}

static void test_site_refuses_bad_files(void **state)
{
	(void)state;
	expect_refused("[site]\nname = x\nthis is not ini\n", "line 3", PW_EXIT_DATAERR);
	expect_refused("[site]\nnmae = typo\n", "nmae", PW_EXIT_DATAERR);
	expect_refused("[other]\nname = x\n", "[other]", PW_EXIT_DATAERR);
	expect_refused("[site]\nnetmask = 255.0.255.0\n", "255.0.255.0", PW_EXIT_DATAERR);
	expect_refused("[site]\ngateway = 18.181.0\n", "18.181.0", PW_EXIT_DATAERR);
	expect_refused("[site]\nnameservers = 1.2.3.4 x\n", "\"x\"", PW_EXIT_DATAERR);
	expect_refused("[site]\npanel_url = ftp://x/\n", "ftp://x/", PW_EXIT_DATAERR);
	expect_refused("[site]\nname = abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n",
		       "too long", PW_EXIT_DATAERR);
}

static void test_site_refuses_binary_and_huge(void **state)
{
	struct pw_site site;
	struct pw_error err = { 0 };
	char *big;
	FILE *f;

	(void)state;
	pw_site_defaults(&site);
	f = fopen(host_path("bin.ini"), "w");
	fwrite("[site]\0name=x\n", 1, 14, f);
	fclose(f);
	assert_true(pw_site_load(&site, NULL, host_path("bin.ini"), &err) < 0);
	assert_non_null(strstr(err.message, "binary"));

	big = malloc(2 * 1024 * 1024 + 1);
	memset(big, 'x', 2 * 1024 * 1024);
	big[2 * 1024 * 1024] = '\0';
	put_file(tree, "big.ini", big);
	free(big);
	assert_true(pw_site_load(&site, NULL, host_path("big.ini"), &err) < 0);
	assert_non_null(strstr(err.message, "big.ini"));

	mkdir(host_path("dir.ini"), 0755);
	assert_true(pw_site_load(&site, NULL, host_path("dir.ini"), &err) < 0);
	assert_non_null(strstr(err.message, "directory"));
}

static void test_profiles_shipped(void **state)
{
	struct pw_profiles *profiles;
	struct pw_profile p;
	struct pw_error err = { 0 };

	(void)state;
	assert_int_equal(pw_profiles_load("data/profiles.ini", &profiles, &err), 0);

	assert_int_equal(pw_profiles_match(profiles, "debian", "4.0", "", false, &p), 0);
	assert_string_equal(p.id, "debian-etch");
	assert_string_equal(p.console, "xvc0");
	assert_int_equal(p.grub, PW_GRUB_LEGACY);
	assert_int_equal(p.kernel, PW_KERNEL_XEN);

	assert_int_equal(pw_profiles_match(profiles, "debian", "5.0.10", "", false, &p), 0);
	assert_string_equal(p.id, "debian-lenny");
	assert_int_equal(pw_profiles_match(profiles, "debian", "12.5", "bookworm", false, &p), 0);
	assert_string_equal(p.id, "debian-bookworm");
	assert_string_equal(p.console, "hvc0");
	assert_int_equal(p.init, PW_INIT_SYSTEMD);
	assert_int_equal(pw_profiles_match(profiles, "ubuntu", "8.04", "hardy", false, &p), 0);
	assert_string_equal(p.id, "ubuntu-hardy");
	assert_int_equal(p.init, PW_INIT_UPSTART_EVENTD);
	assert_int_equal(pw_profiles_match(profiles, "ubuntu", "", "gutsy", false, &p), 0);
	assert_string_equal(p.id, "ubuntu-gutsy");
	assert_int_equal(pw_profiles_match(profiles, "ubuntu", "9.04", "", false, &p), 0);
	assert_int_equal(p.kernel, PW_KERNEL_NONE);
	assert_int_equal(pw_profiles_match(profiles, "ubuntu", "22.04", "jammy", false, &p), 0);
	assert_string_equal(p.id, "ubuntu-xenial-jammy");

	/* the releases up to today's */
	assert_int_equal(pw_profiles_match(profiles, "debian", "13", "trixie", false, &p), 0);
	assert_string_equal(p.id, "debian-trixie");
	assert_int_equal(pw_profiles_match(profiles, "debian", "", "forky", false, &p), 0);
	assert_string_equal(p.id, "debian-forky");
	assert_int_equal(pw_profiles_match(profiles, "ubuntu", "24.04", "noble", false, &p), 0);
	assert_string_equal(p.id, "ubuntu-noble");
	assert_string_equal(p.kernel_packages, "linux-image-virtual");
	assert_int_equal(pw_profiles_match(profiles, "ubuntu", "26.04", "resolute", false, &p), 0);
	assert_string_equal(p.id, "ubuntu-resolute");

	/* unknown: none, unless newer than all and the caller accepts the newest */
	assert_int_equal(pw_profiles_match(profiles, "debian", "15", "duke", false, &p), 1);
	assert_int_equal(pw_profiles_match(profiles, "debian", "15", "duke", true, &p), 0);
	assert_string_equal(p.id, "debian-forky");
	assert_int_equal(pw_profiles_match(profiles, "debian", "0.93", "", true, &p), 1);
	/* a codename alone (testing) not in any profile is one still to come */
	assert_int_equal(pw_profiles_match(profiles, "debian", "", "duke", false, &p), 1);
	assert_int_equal(pw_profiles_match(profiles, "debian", "", "duke", true, &p), 0);
	assert_string_equal(p.id, "debian-forky");
	/* the old ones are known, and say that no kernel boots */
	assert_int_equal(pw_profiles_match(profiles, "debian", "3.1", "sarge", true, &p), 0);
	assert_int_equal(p.kernel, PW_KERNEL_NONE);
	assert_int_equal(pw_profiles_match(profiles, "debian", "", "sarge", true, &p), 0);
	assert_string_equal(p.id, "debian-before-etch");
	assert_int_equal(pw_profiles_match(profiles, "fedora", "40", "", true, &p), 1);
	pw_profiles_free(profiles);
}

static void expect_profiles_refused(const char *text, const char *needle)
{
	struct pw_profiles *profiles = (struct pw_profiles *)1;
	struct pw_error err = { 0 };

	put_file(tree, "profiles.ini", text);
	assert_true(pw_profiles_load(host_path("profiles.ini"), &profiles, &err) < 0);
	assert_null(profiles);
	assert_int_equal(err.code, PW_EXIT_DATAERR);
	if (!strstr(err.message, needle))
		fail_msg("\"%s\" not in \"%s\"", needle, err.message);
}

static void test_profiles_refused(void **state)
{
	static const char good[] = "[x]\ndistro = debian\nfrom = 4\nto = 4.99\nkernel = xen\n"
				   "kernel_packages = k\nconsole = xvc0\nterm = vt102\n"
				   "init = sysvinit\ngrub = legacy\n";
	char text[1024];
	struct pw_profiles *profiles;
	struct pw_error err = { 0 };

	(void)state;
	put_file(tree, "profiles.ini", good);
	assert_int_equal(pw_profiles_load(host_path("profiles.ini"), &profiles, &err), 0);
	pw_profiles_free(profiles);

	snprintf(text, sizeof(text), "%sinit = runit\n", good);
	expect_profiles_refused(text, "runit");
	snprintf(text, sizeof(text), "%scolour = red\n", good);
	expect_profiles_refused(text, "colour");
	expect_profiles_refused("[x]\ndistro = debian\n", "from");
	snprintf(text, sizeof(text), "%s", good);
	memcpy(strstr(text, "to = 4.99"), "to = 3.99", 9);
	expect_profiles_refused(text, "range");
	expect_profiles_refused("; nothing\n", "no profile");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_cmp),
		cmocka_unit_test(test_site_defaults_and_override),
		cmocka_unit_test(test_site_from_guest),
		cmocka_unit_test(test_site_refuses_bad_files),
		cmocka_unit_test(test_site_refuses_binary_and_huge),
		cmocka_unit_test(test_profiles_shipped),
		cmocka_unit_test(test_profiles_refused),
	};

	return cmocka_run_group_tests_name("pw_config", tests, setup, teardown);
}
