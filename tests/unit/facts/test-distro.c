// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_distro_detect and the arch, distro and packages inspects on small trees. */
#include "unit-guest.h"

#include "pw-model.h"
#include "pw-root.h"

static void detect(struct pw_distro *d, int want)
{
	assert_int_equal(pw_distro_detect(ctx.root, d), want);
}

/* Detected without error as @id, @version, @codename. */
static void expect_release(struct pw_distro *d, const char *id, const char *version,
			   const char *codename)
{
	detect(d, 0);
	assert_string_equal(d->id, id);
	assert_string_equal(d->version, version);
	assert_string_equal(d->codename, codename);
}

static void test_detect_etch(void **state)
{
	struct pw_distro d;
	char name[64];

	(void)state;
	put_file(tree, "etc/debian_version", "4.0\n");
	expect_release(&d, "debian", "4.0", "");
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
	pw_distro_describe(&ctx, name, sizeof(name));
	assert_string_equal(name, "Debian 4.0 (etch)");
}

static void test_detect_bookworm(void **state)
{
	struct pw_distro d;

	(void)state;
	put_file(tree, "etc/debian_version", "12.5\n");
	put_file(tree, "usr/lib/os-release",
		 "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
		 "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n");
	expect_release(&d, "debian", "12.5", "bookworm");
	assert_string_equal(d.source, "/usr/lib/os-release");
}

static void test_detect_testing(void **state)
{
	struct pw_distro d;
	struct pw_result r;

	(void)state;
	put_file(tree, "etc/debian_version", "forky/sid\n");
	detect(&d, 0);
	assert_string_equal(d.version, "");
	assert_string_equal(d.codename, "forky");
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
	assert_false(ctx.profile_guessed);

	/* a testing release after every profile: the newest, with a warning */
	put_file(tree, "etc/debian_version", "duke/sid\n");
	detect(&d, 0);
	assert_string_equal(d.codename, "duke");
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
	assert_true(ctx.profile_guessed);
	assert_string_equal(ctx.profile.id, "debian-forky");
	pw_result_init(&r);
	pw_inspect_distro(&ctx, &r);
	assert_int_equal(r.status, PW_WARN);
	pw_result_init(&r);
	pw_inspect_packages(&ctx, &r);
	/* past the profile: this tree has no dpkg status to read */
	assert_non_null(strstr(r.message_en, "/var/lib/dpkg/status"));
}

static void test_detect_hardy(void **state)
{
	struct pw_distro d;

	(void)state;
	/* hardy's debian_version says lenny/sid: Ubuntu's own file wins */
	put_file(tree, "etc/debian_version", "lenny/sid\n");
	put_file(tree, "etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=8.04\n"
					  "DISTRIB_CODENAME=hardy\nDISTRIB_DESCRIPTION=\"Ubuntu 8.04.4 LTS\"\n");
	expect_release(&d, "ubuntu", "8.04", "hardy");

	/* without lsb-release, not Debian lenny: dpkg's vendor says Ubuntu */
	remove_file(tree, "etc/lsb-release");
	put_file(tree, "etc/dpkg/origins/default", "Vendor: Ubuntu\nVendor-URL: http://www.ubuntu.com/\n"
						    "Parent: Debian\n");
	expect_release(&d, "ubuntu", "", "");
	/* a Debian testing with the same debian_version stays Debian */
	put_file(tree, "etc/dpkg/origins/default", "Vendor: Debian\nVendor-URL: https://www.debian.org/\n");
	expect_release(&d, "debian", "", "lenny");
}

static void test_detect_nothing_and_other(void **state)
{
	struct pw_distro d;
	struct pw_result r;

	(void)state;
	detect(&d, -ENOENT);
	put_file(tree, "etc/os-release", "ID=fedora\nVERSION_ID=40\n");
	detect(&d, 0);
	assert_string_equal(d.id, "fedora");
	pw_ctx_gather(&ctx);
	pw_result_init(&r);
	pw_inspect_distro(&ctx, &r);
	assert_int_equal(r.status, PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "only Debian and Ubuntu"));
}

static void test_detect_unreadable(void **state)
{
	struct pw_distro d;

	(void)state;
	put_file(tree, "etc/os-release/x", ""); /* os-release is a directory */
	detect(&d, -EISDIR);
	assert_string_equal(d.broken_file, "/etc/os-release");

	/* known from debian_version all the same; the broken file is noted */
	put_file(tree, "etc/debian_version", "12.5\n");
	detect(&d, 0);
	assert_string_equal(d.version, "12.5");
	assert_int_equal(d.broken_error, -EISDIR);
}

/* A 64-byte ELF header for /bin/sh. */
static void put_elf(int class, int machine)
{
	unsigned char h[64] = { 0x7f, 'E', 'L', 'F' };
	char path[PATH_MAX];
	FILE *f;

	h[4] = (unsigned char)class;
	h[5] = 1;
	h[18] = (unsigned char)machine;
	put_file(tree, "bin/sh", "");
	snprintf(path, sizeof(path), "%s/bin/sh", tree);
	f = fopen(path, "w");
	fwrite(h, 1, sizeof(h), f);
	fclose(f);
}

static enum pw_status arch_status(const char *status_text, struct pw_result *r)
{
	if (status_text)
		put_file(tree, "var/lib/dpkg/status", status_text);
	pw_ctx_gather(&ctx);
	pw_result_init(r);
	pw_inspect_arch(&ctx, r);
	return r->status;
}

static void test_arch(void **state)
{
	static const char amd64[] = "Package: dpkg\nStatus: install ok installed\nArchitecture: amd64\n\n";
	static const char i386[] = "Package: dpkg\nStatus: install ok installed\nArchitecture: i386\n\n";
	struct pw_result r;

	(void)state;
	put_file(tree, "etc/debian_version", "12.5\n");
	put_elf(2, 62);
	assert_int_equal(arch_status(amd64, &r), PW_OK);
	assert_int_equal(arch_status(i386, &r), PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "32-bit"));
	put_elf(1, 3);
	assert_int_equal(arch_status(amd64, &r), PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "32-bit"));
	put_elf(2, 183); /* arm64 */
	assert_int_equal(arch_status(amd64, &r), PW_BLOCKED);
	put_file(tree, "bin/sh", "#!/bin/false\n");
	assert_int_equal(arch_status(amd64, &r), PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "/bin/sh"));
	/* a symlinked /bin/sh is followed inside the guest */
	put_elf(2, 62);
	{
		char from[PATH_MAX], to[PATH_MAX];

		snprintf(from, sizeof(from), "%s/bin/sh", tree);
		snprintf(to, sizeof(to), "%s/bin/dash", tree);
		assert_int_equal(rename(from, to), 0);
		assert_int_equal(symlink("dash", from), 0);
	}
	assert_int_equal(arch_status(amd64, &r), PW_OK);
	/* no dpkg entry: the ELF class alone is not enough to be sure */
	assert_int_equal(arch_status("Package: other\nStatus: install ok installed\n\n", &r), PW_WARN);
}

static void test_packages(void **state)
{
	struct pw_result r;

	(void)state;
	put_file(tree, "etc/debian_version", "4.0\n");
	put_file(tree, "var/lib/dpkg/status",
		 "Package: dpkg\nStatus: install ok installed\nArchitecture: amd64\n\n");
	pw_ctx_gather(&ctx);
	pw_result_init(&r);
	pw_inspect_packages(&ctx, &r);
	assert_int_equal(r.status, PW_TODO);
	assert_non_null(strstr(r.message_en, "linux-image-xen-amd64"));

	put_file(tree, "var/lib/dpkg/status",
		 "Package: linux-image-xen-amd64\nStatus: install ok unpacked\n\n");
	pw_ctx_gather(&ctx);
	pw_result_init(&r);
	pw_inspect_packages(&ctx, &r);
	assert_int_equal(r.status, PW_TODO);
	assert_non_null(strstr(r.message_en, "Half installed"));

	put_file(tree, "var/lib/dpkg/status",
		 "Package: linux-image-xen-amd64\nStatus: install ok installed\n\n");
	pw_ctx_gather(&ctx);
	pw_result_init(&r);
	pw_inspect_packages(&ctx, &r);
	assert_int_equal(r.status, PW_OK);

	put_file(tree, "var/lib/dpkg/status", "");
	pw_ctx_gather(&ctx);
	pw_result_init(&r);
	pw_inspect_packages(&ctx, &r);
	assert_int_equal(r.status, PW_BLOCKED);
	assert_non_null(strstr(r.message_en, "/var/lib/dpkg/status"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, guest_setup, guest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_detect_etch),
		T(test_detect_bookworm),
		T(test_detect_testing),
		T(test_detect_hardy),
		T(test_detect_nothing_and_other),
		T(test_detect_unreadable),
		T(test_arch),
		T(test_packages),
	};

	return cmocka_run_group_tests_name("pw_distro_arch_packages", tests, NULL, NULL);
}
