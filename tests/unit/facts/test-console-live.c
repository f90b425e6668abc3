// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pw_console_live_check: a getty on the console device, read from a /proc
 * of our own making. The device is /dev/console here (a character device
 * every machine has), standing for hvc0 inside a converted VM.
 */
#include "unit.h"

#include <sys/sysmacros.h>

#include "pw-console.h"
#include "pw-model.h"
#include "pw-root.h"

static char *proc;
static struct pw_ctx ctx;

static int setup(void **state)
{
	(void)state;
	proc = make_tree();
	memset(&ctx, 0, sizeof(ctx));
	assert_int_equal(pw_root_open_dir("/", &ctx.root), 0);
	ctx.have_profile = true;
	snprintf(ctx.profile.console, sizeof(ctx.profile.console), "console");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_root_free(ctx.root);
	rm_tree(proc);
	return 0;
}

static void put_cmdline(const char *pid, const char *args, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/cmdline", proc, pid);
	put_file(proc, path + strlen(proc) + 1, "");
	f = fopen(path, "w");
	fwrite(args, 1, len, f);
	fclose(f);
}

static void test_getty_found(void **state)
{
	static const char init[] = "/sbin/init\0";
	static const char getty[] = "/sbin/agetty\0-8\0" "38400\0console\0vt102\0";
	bool running;

	(void)state;
	if (access("/dev/console", F_OK) != 0)
		skip();
	put_cmdline("1", init, sizeof(init) - 1);
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_false(running);
	put_cmdline("42", getty, sizeof(getty) - 1);
	put_file(proc, "self/cmdline", ""); /* not a pid: skipped */
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_true(running);
}

/* /proc/PID/fd/0 leads to @target */
static void put_stdin(const char *pid, const char *target)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/fd", proc, pid);
	mkdir(path, 0755);
	strcat(path, "/0");
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
}

/*
 * Debian 12's serial-getty@.service: "agetty -o '-p -- \\u' --keep-baud
 * 115200,57600,38400,9600 - vt220" with TTYPath=/dev/hvc0, so the line is
 * "-" and the device is the getty's standard input.
 */
static void test_getty_on_stdin(void **state)
{
	static const char getty[] = "/sbin/agetty\0-o\0-p -- \\u\0--keep-baud\0"
				    "115200,57600,38400,9600\0-\0vt220\0";
	static const char sh[] = "/bin/sh\0";
	bool running;

	(void)state;
	if (access("/dev/console", F_OK) != 0)
		skip();
	/* a shell on the console is no getty */
	put_cmdline("9", sh, sizeof(sh) - 1);
	put_stdin("9", "/dev/console");
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_false(running);
	/* a getty on another terminal */
	put_cmdline("51", getty, sizeof(getty) - 1);
	put_stdin("51", "/dev/tty1");
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_false(running);
	put_stdin("51", "/dev/console");
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_true(running);
}

/*
 * Root logged in there: agetty became login, whose standard input is
 * closed (util-linux's login, waiting for the shell) but whose controlling
 * terminal is still the console (/proc/PID/stat's tty_nr).
 */
static void test_login_holds_tty(void **state)
{
	static const char login[] = "/bin/login\0-p\0--\0";
	char stat_line[128];
	struct stat st;
	bool running;

	(void)state;
	if (stat("/dev/console", &st) != 0)
		skip();
	put_cmdline("60", login, sizeof(login) - 1);
	put_file(proc, "60/stat", "60 (login) S 1 60 60 1025 60 4194560 0 0\n"); /* tty1 */
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_false(running);
	snprintf(stat_line, sizeof(stat_line), "60 (login) S 1 60 60 %u 60 4194560 0 0\n",
		 (minor(st.st_rdev) & 0xff) | (major(st.st_rdev) << 8) |
			 ((minor(st.st_rdev) & ~0xffu) << 12));
	put_file(proc, "60/stat", stat_line);
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_true(running);
}

static void test_other_device_or_program(void **state)
{
	static const char tty1[] = "/sbin/getty\0" "38400\0tty1\0";
	static const char cat[] = "/bin/cat\0/dev/console\0";
	bool running;

	(void)state;
	if (access("/dev/console", F_OK) != 0)
		skip();
	put_cmdline("7", tty1, sizeof(tty1) - 1);
	put_cmdline("8", cat, sizeof(cat) - 1);
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 0);
	assert_false(running);
}

static void test_not_testable(void **state)
{
	bool running = true;
	struct pw_root *guest;

	(void)state;
	/* no such device (hvc0 under HVM): not testable here */
	snprintf(ctx.profile.console, sizeof(ctx.profile.console), "hvc-none");
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 1);
	assert_false(running);
	/* a guest under --root is not running: nothing live to test */
	assert_int_equal(pw_root_open_dir(proc, &guest), 0);
	pw_root_free(ctx.root);
	ctx.root = guest;
	assert_int_equal(pw_console_live_check(&ctx, proc, &running), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_getty_found),
		T(test_getty_on_stdin),
		T(test_login_holds_tty),
		T(test_other_device_or_program),
		T(test_not_testable),
	};

	return cmocka_run_group_tests_name("pw_console_live", tests, NULL, NULL);
}
