// SPDX-License-Identifier: GPL-2.0-or-later
/* The lines apt-get prints that the packages step reads. */
#include "unit.h"

#include "pw-apt.h"

static void test_parse_inst(void **state)
{
	char name[64], version[64];

	(void)state;
	assert_true(pw_apt_parse_inst("Inst linux-image-amd64 (6.1.176-1 Debian:12.15/oldstable [amd64])",
				      name, sizeof(name), version, sizeof(version)));
	assert_string_equal(name, "linux-image-amd64");
	assert_string_equal(version, "6.1.176-1");
	/* an upgrade names the old version in brackets first */
	assert_true(pw_apt_parse_inst("Inst udev [252.30-1] (252.39-1 Debian:12.15/oldstable [amd64])",
				      name, sizeof(name), version, sizeof(version)));
	assert_string_equal(name, "udev");
	assert_string_equal(version, "252.39-1");
	assert_false(pw_apt_parse_inst("Conf ed (1.19-1 Debian:12.15/oldstable [amd64])", name,
				       sizeof(name), version, sizeof(version)));
	assert_false(pw_apt_parse_inst("Inst ", name, sizeof(name), version, sizeof(version)));
	assert_false(pw_apt_parse_inst("", name, sizeof(name), version, sizeof(version)));
}

static void test_parse_uri_size(void **state)
{
	(void)state;
	assert_int_equal(pw_apt_parse_uri_size("'http://example.invalid/pool/l/linux.deb' "
					       "linux-image_6.1_amd64.deb 70416384 SHA256:abcd"),
			 70416384);
	assert_int_equal(pw_apt_parse_uri_size("'file:/var/local/repo/./k.deb' k.deb 1234 "), 1234);
	assert_int_equal(pw_apt_parse_uri_size("Reading package lists..."), -1);
	assert_int_equal(pw_apt_parse_uri_size("'unterminated"), -1);
	/* the closing quote last: nothing read past the string (fuzzing) */
	assert_int_equal(pw_apt_parse_uri_size("'u'"), -1);
	assert_int_equal(pw_apt_parse_uri_size("'u'x 12 y"), -1);
	assert_int_equal(pw_apt_parse_uri_size("'u' name notanumber x"), -1);
	assert_int_equal(pw_apt_parse_uri_size("'u' name -5 x"), -1);
}

static void test_parse_status(void **state)
{
	unsigned int percent;
	char what[128];
	bool is_error;

	(void)state;
	assert_true(pw_apt_parse_status("pmstatus:linux-image-amd64:42.8571:Unpacking linux-image-amd64 (amd64)",
					&percent, what, sizeof(what), &is_error));
	assert_int_equal(percent, 42);
	assert_false(is_error);
	assert_string_equal(what, "Unpacking linux-image-amd64 (amd64)");
	/* a message may hold colons itself */
	assert_true(pw_apt_parse_status("dlstatus:1:9.5:Retrieving file 1 of 3: x", &percent, what,
					sizeof(what), &is_error));
	assert_int_equal(percent, 9);
	assert_string_equal(what, "Retrieving file 1 of 3: x");
	assert_true(pw_apt_parse_status("pmerror:k.deb:50:trying to overwrite '/boot/x'", &percent,
					what, sizeof(what), &is_error));
	assert_true(is_error);
	assert_true(pw_apt_parse_status("pmstatus:x:250:y", &percent, what, sizeof(what), &is_error));
	assert_int_equal(percent, 100); /* clamped */
	assert_false(pw_apt_parse_status("pmstatus:x:abc:y", &percent, what, sizeof(what), &is_error));
	assert_false(pw_apt_parse_status("pmstatus:x", &percent, what, sizeof(what), &is_error));
	assert_false(pw_apt_parse_status("media-change:x:1:y", &percent, what, sizeof(what),
					 &is_error));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_inst),
		cmocka_unit_test(test_parse_uri_size),
		cmocka_unit_test(test_parse_status),
	};

	return cmocka_run_group_tests_name("pw_apt", tests, NULL, NULL);
}
