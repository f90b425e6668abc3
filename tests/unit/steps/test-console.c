// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The console step: /etc/securetty, terminfo look-ups, and the inspect on
 * small guest trees of each era (etch, lenny, hardy, lucid, bookworm).
 */
#include "unit-guest.h"

#include "pw-console.h"
#include "pw-model.h"
#include "pw-root.h"

/* A compiled terminfo entry's start (legacy magic 0432), enough for the check. */
#define TERMINFO_LEGACY "\032\001rest of the entry"
#define TERMINFO_EXTENDED "\036\002rest of the entry"

static void inspect(struct pw_result *r)
{
	pw_ctx_gather(&ctx);
	pw_result_init(r);
	pw_inspect_console(&ctx, r);
}

static void expect(const struct pw_result *r, enum pw_status st, const char *text)
{
	if (!strstr(r->message_en, text))
		fail_msg("\"%s\" not in \"%s\"", text, r->message_en);
	assert_int_equal(r->status, st);
}

/* --- parsers ------------------------------------------------------------ */

static void test_securetty(void **state)
{
	static const char text[] = "# root may log in on these\nconsole\ntty1\n  xvc0  \n"
				   "#hvc0\n/dev/ttyS0\n";

	(void)state;
	assert_true(pw_securetty_lists(text, strlen(text), "xvc0"));
	assert_true(pw_securetty_lists(text, strlen(text), "ttyS0"));
	assert_true(pw_securetty_lists(text, strlen(text), "tty1"));
	assert_false(pw_securetty_lists(text, strlen(text), "hvc0"));
	assert_false(pw_securetty_lists(text, strlen(text), "tty"));
	assert_false(pw_securetty_lists("", 0, "hvc0"));
}

static void test_terminfo(void **state)
{
	char path[256];

	(void)state;
	assert_true(pw_terminfo_magic_ok((const unsigned char *)"\032\001", 2));
	assert_true(pw_terminfo_magic_ok((const unsigned char *)"\036\002", 2));
	assert_false(pw_terminfo_magic_ok((const unsigned char *)"\001\032", 2));
	assert_false(pw_terminfo_magic_ok((const unsigned char *)"\032", 1));

	put_file(tree, "lib/terminfo/v/vt102", TERMINFO_LEGACY);
	put_file(tree, "usr/share/terminfo/76/vt220", TERMINFO_EXTENDED);
	put_file(tree, "usr/share/terminfo/x/xterm", "# not compiled\n");
	put_file(tree, "etc/terminfo/l/linux", "junk");
	put_file(tree, "usr/share/terminfo/l/linux", TERMINFO_LEGACY);

	assert_int_equal(pw_terminfo_find(ctx.root, "vt102", path, sizeof(path)), 0);
	assert_string_equal(path, "/lib/terminfo/v/vt102");
	assert_int_equal(pw_terminfo_find(ctx.root, "vt220", path, sizeof(path)), 0);
	assert_string_equal(path, "/usr/share/terminfo/76/vt220");
	/* a broken copy earlier in the search does not hide a good one */
	assert_int_equal(pw_terminfo_find(ctx.root, "linux", path, sizeof(path)), 0);
	assert_string_equal(path, "/usr/share/terminfo/l/linux");
	assert_int_equal(pw_terminfo_find(ctx.root, "xterm", path, sizeof(path)), PW_EFORMAT);
	assert_string_equal(path, "/usr/share/terminfo/x/xterm");
	assert_int_equal(pw_terminfo_find(ctx.root, "vt100", path, sizeof(path)), 1);
	assert_int_equal(pw_terminfo_find(ctx.root, "../../etc/passwd", path, sizeof(path)),
			 -EINVAL);
	assert_int_equal(pw_terminfo_find(ctx.root, "", path, sizeof(path)), -EINVAL);
}

/* --- sysvinit ------------------------------------------------------------ */

static const char etch_inittab[] =
	"id:2:initdefault:\n"
	"si::sysinit:/etc/init.d/rcS\n"
	"l2:2:wait:/etc/init.d/rc 2\n"
	"1:2345:respawn:/sbin/getty 38400 tty1\n"
	"2:23:respawn:/sbin/getty 38400 tty2\n"
	"#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n";

static void etch(void)
{
	put_file(tree, "etc/debian_version", "4.0\n");
	put_file(tree, "etc/inittab", etch_inittab);
	put_file(tree, "etc/securetty", "console\ntty1\ntty2\nttyS0\n");
	put_file(tree, "usr/share/terminfo/v/vt102", TERMINFO_LEGACY);
}

static void test_etch_as_installed(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	etch();
	inspect(&r);
	expect(&r, PW_TODO, "No login prompt on xvc0: /etc/inittab has no getty line for it.");
	expect(&r, PW_TODO, "Root cannot log in on xvc0: /etc/securetty does not list it.");

	assert_int_equal(pw_console_state(&ctx, &st), 0);
	assert_string_equal(st.device, "xvc0");
	assert_int_equal(st.init, PW_INIT_SYSVINIT);
	assert_int_equal(st.getty, PW_GETTY_NONE);
	assert_string_equal(st.getty_file, "/etc/inittab");
	assert_int_equal(st.securetty, PW_SECURETTY_MISSING);
	/* no getty yet: the profile's TERM is what the wizard would write */
	assert_int_equal(st.term_source, PW_TERM_PROFILE);
	assert_string_equal(st.term, "vt102");
	assert_int_equal(st.term_found, 0);
}

static void test_etch_commented_line(void **state)
{
	struct pw_result r;

	(void)state;
	etch();
	put_file(tree, "etc/inittab", "id:2:initdefault:\n#x0:2345:respawn:/sbin/getty 38400 xvc0 vt102\n");
	put_file(tree, "etc/securetty", "console\nxvc0\n");
	inspect(&r);
	expect(&r, PW_TODO,
	       "No login prompt on xvc0: its getty line in /etc/inittab (line 2) is commented out.");
	assert_null(strstr(r.message_en, "securetty"));
}

static void test_etch_wrong_runlevels(void **state)
{
	struct pw_result r;

	(void)state;
	etch();
	put_file(tree, "etc/inittab", "id:3:initdefault:\nx0:2:respawn:/sbin/getty 38400 xvc0\n");
	inspect(&r);
	expect(&r, PW_TODO, "(line 2) runs in runlevels 2, but the system starts in runlevel 3.");

	put_file(tree, "etc/inittab", "x0:2345:once:/sbin/getty 38400 xvc0\n");
	inspect(&r);
	expect(&r, PW_TODO, "has the action \"once\" instead of \"respawn\".");
}

static void lenny_converted(void)
{
	put_file(tree, "etc/debian_version", "5.0.10\n");
	put_file(tree, "etc/inittab",
		 "id:2:initdefault:\n"
		 "1:2345:respawn:/sbin/getty 38400 tty1\n"
		 "co:2345:respawn:/sbin/getty 38400 hvc0 vt102\n");
	put_file(tree, "etc/securetty", "console\ntty1\nhvc0\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO_LEGACY);
}

static void test_lenny_converted(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	lenny_converted();
	inspect(&r);
	expect(&r, PW_OK, "sysvinit starts a login prompt on hvc0 (/etc/inittab, line 3).");
	expect(&r, PW_OK, "Its terminal type is vt102.");
	expect(&r, PW_OK, "Root may log in there (/etc/securetty lists it).");

	assert_int_equal(pw_console_state(&ctx, &st), 0);
	assert_int_equal(st.getty, PW_GETTY_ON);
	assert_int_equal(st.getty_line, 3);
	assert_string_equal(st.getty_program, "getty");
	assert_int_equal(st.term_source, PW_TERM_NAMED);
	assert_string_equal(st.term_path, "/lib/terminfo/v/vt102");
	assert_int_equal(st.securetty, PW_SECURETTY_LISTS);
}

static void test_term_missing(void **state)
{
	struct pw_result r;
	char path[PATH_MAX];

	(void)state;
	lenny_converted();
	snprintf(path, sizeof(path), "%s/lib/terminfo/v/vt102", tree);
	assert_int_equal(unlink(path), 0);
	inspect(&r);
	expect(&r, PW_TODO, "The terminal type vt102 set for hvc0 is not in the guest's terminfo database");
	/* the getty itself is fine, and the message says so first */
	expect(&r, PW_TODO, "sysvinit starts a login prompt on hvc0");

	put_file(tree, "lib/terminfo/v/vt102", "not terminfo");
	inspect(&r);
	expect(&r, PW_TODO, "/lib/terminfo/v/vt102, where the terminal type vt102 should be described, is not a compiled terminfo entry.");
}

static void test_getty_default_term_assumed(void **state)
{
	struct pw_result r;

	(void)state;
	lenny_converted();
	put_file(tree, "etc/inittab", "co:2345:respawn:/sbin/getty 38400 hvc0\n");
	inspect(&r);
	expect(&r, PW_OK, "The getty names no terminal type; vt102, getty's default for such lines, is assumed.");
}

static void test_other_console_name(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	lenny_converted();
	put_file(tree, "etc/inittab", "x0:2345:respawn:/sbin/getty 38400 xvc0 vt102\n");
	inspect(&r);
	expect(&r, PW_TODO, "No login prompt on hvc0: /etc/inittab has no getty line for it.");
	expect(&r, PW_TODO, "There is one on xvc0");
	pw_console_state(&ctx, &st);
	assert_string_equal(st.other_device, "xvc0");
}

static void test_inittab_missing(void **state)
{
	struct pw_result r;
	struct pw_console_state st;
	char path[PATH_MAX];

	(void)state;
	lenny_converted();
	snprintf(path, sizeof(path), "%s/etc/inittab", tree);
	assert_int_equal(unlink(path), 0);
	inspect(&r);
	expect(&r, PW_BLOCKED, "/etc/inittab cannot be used: it does not exist in the guest.");
	assert_int_equal(pw_console_state(&ctx, &st), -ENOENT);
	assert_true(st.getty_unknown);
	assert_string_equal(st.error_file, "/etc/inittab");
}

static void test_no_profile(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	put_file(tree, "etc/os-release", "ID=fedora\nVERSION_ID=40\n");
	inspect(&r);
	assert_int_equal(r.status, PW_BLOCKED);
	assert_int_equal(pw_console_state(&ctx, &st), 1);
}

/* --- Upstart ------------------------------------------------------------- */

static void hardy(void)
{
	put_file(tree, "etc/lsb-release",
		 "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=8.04\nDISTRIB_CODENAME=hardy\n");
	put_file(tree, "etc/event.d/tty1",
		 "start on runlevel 2\nrespawn\nexec /sbin/getty 38400 tty1\n");
	put_file(tree, "etc/securetty", "console\ntty1\nxvc0\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO_LEGACY);
}

static void test_hardy_eventd(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	hardy();
	inspect(&r);
	expect(&r, PW_TODO, "No login prompt on xvc0: no Upstart job in /etc/event.d runs a getty on it.");

	put_file(tree, "etc/event.d/xvc0",
		 "# xvc0 - getty\nstart on runlevel 2\nstart on runlevel 3\n"
		 "stop on runlevel 0\nrespawn\nexec /sbin/getty 38400 xvc0\n");
	put_file(tree, "etc/event.d/xvc0.dpkg-old", "exec /sbin/getty 38400 xvc0\n");
	inspect(&r);
	expect(&r, PW_OK, "Upstart starts a login prompt on xvc0 (/etc/event.d/xvc0, line 6).");
	expect(&r, PW_OK, "vt102, getty's default for such lines, is assumed.");

	assert_int_equal(pw_console_state(&ctx, &st), 0);
	assert_int_equal(st.init, PW_INIT_UPSTART_EVENTD);
	assert_int_equal(st.term_source, PW_TERM_GETTY_DEFAULT);
}

static void test_hardy_no_start(void **state)
{
	struct pw_result r;

	(void)state;
	hardy();
	put_file(tree, "etc/event.d/xvc0", "#start on runlevel 2\nrespawn\nexec /sbin/getty 38400 xvc0\n");
	inspect(&r);
	expect(&r, PW_TODO, "the Upstart job /etc/event.d/xvc0 runs a getty on it but has no \"start on\" line");
}

static void lucid(void)
{
	put_file(tree, "etc/lsb-release",
		 "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=10.04\nDISTRIB_CODENAME=lucid\n");
	put_file(tree, "etc/init/tty1.conf",
		 "start on runlevel [23]\nrespawn\nexec /sbin/getty -8 38400 tty1\n");
	put_file(tree, "etc/init/hvc0.conf",
		 "start on stopped rc RUNLEVEL=[2345]\nstop on runlevel [!2345]\n\n"
		 "respawn\nexec /sbin/getty -8 38400 hvc0\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO_LEGACY);
	/* lucid has a securetty that lists hvc0 */
	put_file(tree, "etc/securetty", "console\nhvc0\n");
}

static void test_lucid_init(void **state)
{
	struct pw_result r;

	(void)state;
	lucid();
	inspect(&r);
	expect(&r, PW_OK, "Upstart starts a login prompt on hvc0 (/etc/init/hvc0.conf, line 5).");
}

static void test_lucid_override_manual(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	lucid();
	put_file(tree, "etc/init/hvc0.override", "manual\n");
	inspect(&r);
	expect(&r, PW_TODO, "No login prompt on hvc0: the Upstart job /etc/init/hvc0.conf is switched off by \"manual\" in /etc/init/hvc0.override.");
	pw_console_state(&ctx, &st);
	assert_int_equal(st.getty, PW_GETTY_MANUAL);
	assert_int_equal(st.init, PW_INIT_UPSTART);
}

/* --- systemd ------------------------------------------------------------- */

static void bookworm(void)
{
	put_file(tree, "etc/debian_version", "12.5\n");
	put_file(tree, "usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
	put_file(tree, "lib/systemd/system/serial-getty@.service",
		 "[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --keep-baud 115200,57600,38400,9600 - $TERM\n");
	put_file(tree, "usr/share/terminfo/v/vt220", TERMINFO_EXTENDED);
	put_link(tree, "/lib/systemd/systemd", "sbin/init");
}

static void test_bookworm_without_link(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	bookworm();
	inspect(&r);
	expect(&r, PW_TODO, "No login prompt is enabled on hvc0: /etc/systemd/system/getty.target.wants/serial-getty@hvc0.service does not exist.");
	assert_null(strstr(r.message_en, "securetty"));
	pw_console_state(&ctx, &st);
	assert_int_equal(st.init, PW_INIT_SYSTEMD);
	assert_int_equal(st.securetty, PW_SECURETTY_ABSENT);
}

static void test_bookworm_with_link(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	bookworm();
	put_link(tree, "/lib/systemd/system/serial-getty@.service",
		     "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service");
	inspect(&r);
	expect(&r, PW_OK, "systemd starts a login prompt on hvc0 (/etc/systemd/system/getty.target.wants/serial-getty@hvc0.service).");
	expect(&r, PW_OK, "Its terminal type is vt220, systemd's default for serial lines.");
	expect(&r, PW_OK, "Root may log in there (there is no /etc/securetty to forbid it).");
	pw_console_state(&ctx, &st);
	assert_int_equal(st.getty, PW_GETTY_ON);
	assert_int_equal(st.term_source, PW_TERM_SYSTEMD_DEFAULT);

	/* a drop-in names the TERM */
	put_file(tree, "etc/systemd/system/serial-getty@hvc0.service.d/term.conf",
		 "[Service]\nEnvironment=\"LANG=C\" TERM=vt102\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO_LEGACY);
	inspect(&r);
	expect(&r, PW_OK, "Its terminal type is vt102.");
	pw_console_state(&ctx, &st);
	assert_int_equal(st.term_source, PW_TERM_NAMED);
}

static void test_bookworm_masked(void **state)
{
	struct pw_result r;
	struct pw_console_state st;

	(void)state;
	bookworm();
	put_link(tree, "/lib/systemd/system/serial-getty@.service",
		     "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service");
	put_link(tree, "/dev/null", "etc/systemd/system/serial-getty@hvc0.service");
	inspect(&r);
	expect(&r, PW_TODO, "No login prompt on hvc0: the getty service is masked (/etc/systemd/system/serial-getty@hvc0.service links to /dev/null)");
	pw_console_state(&ctx, &st);
	assert_int_equal(st.getty, PW_GETTY_MASKED);
	assert_string_equal(st.disabled_by, "/etc/systemd/system/serial-getty@hvc0.service");
}

static void test_bookworm_broken_link(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm();
	put_link(tree, "/lib/systemd/system/nothing@.service",
		     "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service");
	inspect(&r);
	expect(&r, PW_TODO, "links to /lib/systemd/system/nothing@.service, which does not exist in the guest.");
}

static void test_bookworm_securetty_present(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm();
	put_link(tree, "/lib/systemd/system/serial-getty@.service",
		     "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service");
	put_file(tree, "etc/securetty", "console\ntty1\n");
	inspect(&r);
	expect(&r, PW_TODO, "Root cannot log in on hvc0: /etc/securetty does not list it.");
	assert_null(strstr(r.message_en, "starts a login prompt"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, guest_setup, guest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_securetty),
		T(test_terminfo),
		T(test_etch_as_installed),
		T(test_etch_commented_line),
		T(test_etch_wrong_runlevels),
		T(test_lenny_converted),
		T(test_term_missing),
		T(test_getty_default_term_assumed),
		T(test_other_console_name),
		T(test_inittab_missing),
		T(test_no_profile),
		T(test_hardy_eventd),
		T(test_hardy_no_start),
		T(test_lucid_init),
		T(test_lucid_override_manual),
		T(test_bookworm_without_link),
		T(test_bookworm_with_link),
		T(test_bookworm_masked),
		T(test_bookworm_broken_link),
		T(test_bookworm_securetty_present),
	};

	return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
