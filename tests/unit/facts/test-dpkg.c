// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_dpkg_scan: the status file read in one streaming pass. */
#include "unit.h"

#include "pw-model.h"
#include "pw-root.h"

static char *tree;
static struct pw_root *root;

static int setup(void **state)
{
	(void)state;
	tree = make_tree();
	mkdir(tree, 0755);
	assert_int_equal(pw_root_open_dir(tree, &root), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_root_free(root);
	rm_tree(tree);
	return 0;
}

static int scan(const char *status_text, struct pw_dpkg *dpkg)
{
	memset(dpkg, 0, sizeof(*dpkg));
	pw_dpkg_want(dpkg, "dpkg");
	pw_dpkg_want(dpkg, "libc6");
	pw_dpkg_want(dpkg, "linux-image-amd64");
	pw_dpkg_want(dpkg, "half");
	if (status_text)
		put_file(tree, "var/lib/dpkg/status", status_text);
	return pw_dpkg_scan(root, dpkg);
}

static void test_scan_finds_wanted(void **state)
{
	struct pw_dpkg dpkg;
	const struct pw_dpkg_pkg *p;

	(void)state;
	assert_int_equal(scan("Package: dpkg\n"
			      "Status: install ok installed\n"
			      "Priority: required\n"
			      "Architecture: amd64\n"
			      "Version: 1.21.22\n"
			      "Description: Debian package management system\n"
			      " This package provides the low-level infrastructure.\n"
			      "Package: nope\n" /* a repeated field: ignored */
			      "\n"
			      "Package: libc6\n"
			      "Status: install ok installed\n"
			      "Architecture: i386\n"
			      "Version: 2.36-9\n"
			      "\n"
			      "Package: libc6\n"
			      "Status: install ok installed\n"
			      "Architecture: amd64\n"
			      "Version: 2.36-9\n"
			      "\n"
			      "Package: half\n"
			      "Status: install reinstreq half-installed\n"
			      "Version: 1\n\n",
			      &dpkg), 0);
	assert_int_equal(dpkg.packages, 4);
	p = pw_dpkg_find(&dpkg, "dpkg");
	assert_true(p->found && p->installed);
	assert_string_equal(p->arch, "amd64");
	assert_string_equal(p->version, "1.21.22");
	/* several architectures of one name: the first installed one stays */
	assert_string_equal(pw_dpkg_find(&dpkg, "libc6")->arch, "i386");
	assert_false(pw_dpkg_find(&dpkg, "linux-image-amd64")->found);
	p = pw_dpkg_find(&dpkg, "half");
	assert_true(p->found);
	assert_false(p->installed);
	assert_string_equal(p->status, "install reinstreq half-installed");
	assert_true(pw_dpkg_installed(&dpkg, "dpkg"));
	assert_false(pw_dpkg_installed(&dpkg, "half"));
	assert_false(pw_dpkg_installed(&dpkg, "never-asked"));
}

static void test_scan_long_lines_and_crlf_free(void **state)
{
	struct pw_dpkg dpkg;
	size_t big = 300 * 1024;
	char *text = malloc(big + 512);
	int n;

	(void)state;
	/* a field far longer than the reader's buffer, then the wanted package */
	n = sprintf(text, "Package: blob\nStatus: install ok installed\nDescription: ");
	memset(text + n, 'x', big);
	sprintf(text + n + big, "\n\nPackage: dpkg\nStatus: install ok installed\n"
				"Architecture: amd64\n\n");
	assert_int_equal(scan(text, &dpkg), 0);
	free(text);
	assert_int_equal(dpkg.packages, 2);
	assert_true(pw_dpkg_installed(&dpkg, "dpkg"));
	assert_string_equal(pw_dpkg_find(&dpkg, "dpkg")->arch, "amd64");
}

static void test_scan_skips_unwanted(void **state)
{
	struct pw_dpkg dpkg;
	size_t n = 0;
	char *text = malloc(6000 * 96 + 512);
	int i;

	(void)state;
	/* a package not asked for: nothing later in its paragraph counts */
	n += (size_t)sprintf(text + n, "Package: other\nPackage: dpkg\n"
				       "Status: install ok installed\n\n");
	/* many paragraphs, across the reader's buffer, then the wanted ones */
	for (i = 0; i < 6000; i++)
		n += (size_t)sprintf(text + n, "Package: filler%d\nStatus: install ok installed\n"
					       "Description: a filler\n .\n more\n\n", i);
	sprintf(text + n, "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\n"
			  "Package: half\nStatus: install reinstreq half-installed\n\n");
	assert_int_equal(scan(text, &dpkg), 0);
	assert_int_equal(dpkg.packages, 6003);
	assert_false(pw_dpkg_find(&dpkg, "dpkg")->found);
	assert_true(pw_dpkg_installed(&dpkg, "libc6"));
	assert_string_equal(pw_dpkg_find(&dpkg, "libc6")->version, "2.36-9");
	assert_true(pw_dpkg_find(&dpkg, "half")->found);
	assert_false(pw_dpkg_installed(&dpkg, "half"));

	/* a skipped paragraph cut by the end of the file is a damaged file too */
	sprintf(text, "Package: libc6\nStatus: install ok installed\n\nPackage: other\nStatus: in");
	assert_int_equal(scan(text, &dpkg), PW_ETRUNCATED);
	assert_true(pw_dpkg_installed(&dpkg, "libc6"));
	free(text);
}

static void test_scan_truncated_and_bad(void **state)
{
	struct pw_dpkg dpkg;
	FILE *f;
	char path[PATH_MAX];

	(void)state;
	/* cut in the middle of a paragraph: a damaged file, its last entry unused */
	assert_int_equal(scan("Package: libc6\nStatus: install ok installed\n\n"
			      "Package: dpkg\nStatus: install ok installed\nArchitec", &dpkg),
			 PW_ETRUNCATED);
	assert_true(pw_dpkg_installed(&dpkg, "libc6"));
	assert_false(pw_dpkg_find(&dpkg, "dpkg")->found);

	assert_int_equal(scan("", &dpkg), PW_EFORMAT);
	assert_int_equal(dpkg.error, PW_EFORMAT);
	assert_int_equal(scan("just some text\nwithout fields\n", &dpkg), PW_EFORMAT);

	snprintf(path, sizeof(path), "%s/var/lib/dpkg/status", tree);
	f = fopen(path, "w");
	fwrite("Package: dpkg\n\0\0\0", 1, 17, f);
	fclose(f);
	assert_int_equal(scan(NULL, &dpkg), PW_EBINARY);

	unlink(path);
	assert_int_equal(scan(NULL, &dpkg), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_finds_wanted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_long_lines_and_crlf_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_skips_unwanted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_truncated_and_bad, setup, teardown),
	};

	return cmocka_run_group_tests_name("pw_dpkg", tests, NULL, NULL);
}
