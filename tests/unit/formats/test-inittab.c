// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_getty_parse and the /etc/inittab parser, on strings. */
#include "unit.h"

#include "pw-console.h"

static void getty(const char *cmd, const char *program, const char *tty, const char *term)
{
	struct pw_getty g;

	assert_int_equal(pw_getty_parse(cmd, &g), 0);
	assert_string_equal(g.program, program);
	assert_string_equal(g.tty, tty);
	assert_string_equal(g.term, term);
}

static void test_getty_forms(void **state)
{
	(void)state;
	/* Debian's getty is agetty: baud before or after the port */
	getty("/sbin/getty 38400 tty1", "getty", "tty1", "");
	getty("/sbin/getty 38400 hvc0 vt102", "getty", "hvc0", "vt102");
	getty("/sbin/getty hvc0 38400 vt102", "getty", "hvc0", "vt102");
	getty("/sbin/getty -L ttyS0 9600 vt100", "getty", "ttyS0", "vt100");
	getty("/sbin/getty -8 38400 hvc0", "getty", "hvc0", "");
	getty("/sbin/getty -t 60 38400 /dev/xvc0 vt102", "getty", "xvc0", "vt102");
	getty("/sbin/agetty -a root -8L hvc0 115200,38400,9600 vt220", "agetty", "hvc0", "vt220");
	getty("/sbin/agetty --noclear -o '-p -- \\\\u' --keep-baud 115200,9600 hvc0 linux",
	      "agetty", "hvc0", "linux");
	getty("/sbin/agetty --login-program /bin/login --timeout=30 hvc0", "agetty", "hvc0", "");
	getty("/sbin/agetty -- - vt220", "agetty", "-", "vt220");
	getty("/sbin/mingetty --noclear tty1", "mingetty", "tty1", "");
	getty("/sbin/mgetty -x0 -s 57600 ttyS3", "mgetty", "ttyS3", "");
	getty("TERM=vt100 /sbin/getty 38400 hvc0", "getty", "hvc0", "");
	getty("getty \"hvc0\"", "getty", "hvc0", "");
}

static void test_getty_others(void **state)
{
	struct pw_getty g;

	(void)state;
	assert_int_equal(pw_getty_parse("/sbin/sulogin", &g), 1);
	assert_int_equal(pw_getty_parse("/etc/init.d/rc 2", &g), 1);
	assert_int_equal(pw_getty_parse("", &g), 1);
	assert_int_equal(pw_getty_parse("   ", &g), 1);
	assert_string_equal(pw_getty_default_term("getty"), "vt102");
	assert_string_equal(pw_getty_default_term("agetty"), "vt102");
	assert_string_equal(pw_getty_default_term("mingetty"), "linux");
	assert_null(pw_getty_default_term("mgetty"));
}

/* An etch-like inittab, shortened: the serial example commented out. */
static const char etch_inittab[] =
	"# inittab for the tests\n"
	"\n"
	"id:2:initdefault:\n"
	"si::sysinit:/etc/init.d/rcS\n"
	"~~:S:wait:/sbin/sulogin\n"
	"l2:2:wait:/etc/init.d/rc 2\n"
	"ca:12345:ctrlaltdel:/sbin/shutdown -t1 -a -r now\n"
	"# Format:\n"
	"#  <id>:<runlevels>:<action>:<process>\n"
	"1:2345:respawn:/sbin/getty 38400 tty1\n"
	"2:23:respawn:/sbin/getty 38400 tty2\n"
	"\n"
	"#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n"
	"# T1:23:respawn:/sbin/getty -L xvc0 9600 vt100\n"
	"this line is not an entry\n"
	"x1:2:bogus:/bin/true\n"
	"  \t\n";

static void test_inittab_parse(void **state)
{
	struct pw_inittab tab;
	const struct pw_inittab_entry *e;

	(void)state;
	assert_int_equal(pw_inittab_parse(etch_inittab, strlen(etch_inittab), &tab), 0);
	assert_int_equal(tab.count, 9);
	assert_int_equal(tab.bad_lines, 2);
	assert_string_equal(tab.initdefault, "2");
	assert_string_equal(pw_inittab_default_runlevel(&tab), "2");

	e = &tab.entries[0];
	assert_int_equal(e->line, 3);
	assert_string_equal(e->id, "id");
	assert_string_equal(e->action, "initdefault");
	assert_string_equal(e->process, "");

	e = &tab.entries[1];
	assert_string_equal(e->runlevels, "");
	assert_string_equal(e->process, "/etc/init.d/rcS");

	e = &tab.entries[5];
	assert_int_equal(e->line, 10);
	assert_false(e->commented);
	assert_string_equal(e->runlevels, "2345");
	assert_string_equal(e->process, "/sbin/getty 38400 tty1");
	/* the byte offsets give back the line as written */
	assert_int_equal(e->len, strlen("1:2345:respawn:/sbin/getty 38400 tty1"));
	assert_memory_equal(etch_inittab + e->start, "1:2345:respawn:", 15);

	e = &tab.entries[7];
	assert_true(e->commented);
	assert_int_equal(e->line, 13);
	assert_string_equal(e->id, "T0");
	assert_memory_equal(etch_inittab + e->start, "#T0:", 4);
	pw_inittab_free(&tab);
}

static void test_inittab_no_initdefault(void **state)
{
	static const char text[] = "1:2345:respawn:/sbin/getty 38400 tty1"; /* no newline */
	struct pw_inittab tab;

	(void)state;
	assert_int_equal(pw_inittab_parse(text, strlen(text), &tab), 0);
	assert_int_equal(tab.count, 1);
	assert_string_equal(tab.initdefault, "");
	assert_string_equal(pw_inittab_default_runlevel(&tab), "2");
	pw_inittab_free(&tab);
}

static enum pw_getty_state find(const char *text, const char *dev, unsigned int *line,
				struct pw_getty *g)
{
	struct pw_inittab tab;
	const struct pw_inittab_entry *e;
	enum pw_getty_state st;

	assert_int_equal(pw_inittab_parse(text, strlen(text), &tab), 0);
	e = pw_inittab_find_getty(&tab, dev, &st, g);
	*line = e ? e->line : 0;
	pw_inittab_free(&tab);
	return st;
}

static void test_inittab_find_getty(void **state)
{
	struct pw_getty g;
	unsigned int line;

	(void)state;
	assert_int_equal(find(etch_inittab, "hvc0", &line, &g), PW_GETTY_NONE);
	assert_int_equal(line, 0);
	assert_int_equal(find(etch_inittab, "xvc0", &line, &g), PW_GETTY_COMMENTED);
	assert_int_equal(line, 14);
	assert_string_equal(g.term, "vt100");
	assert_int_equal(find(etch_inittab, "tty1", &line, &g), PW_GETTY_ON);

	assert_int_equal(find("id:2:initdefault:\nco:2345:respawn:/sbin/getty 38400 hvc0 vt102\n",
			      "hvc0", &line, &g), PW_GETTY_ON);
	assert_int_equal(line, 2);
	assert_string_equal(g.program, "getty");
	assert_string_equal(g.term, "vt102");

	/* empty runlevels: every runlevel */
	assert_int_equal(find("co::respawn:/sbin/getty hvc0\n", "hvc0", &line, &g), PW_GETTY_ON);
	assert_int_equal(find("id:3:initdefault:\nco:2:respawn:/sbin/getty hvc0\n", "hvc0",
			      &line, &g), PW_GETTY_RUNLEVELS);
	assert_int_equal(find("co:2345:off:/sbin/getty hvc0\n", "hvc0", &line, &g),
			 PW_GETTY_NOT_RESPAWN);
	assert_int_equal(find("co:2345:once:+/sbin/getty hvc0\n", "hvc0", &line, &g),
			 PW_GETTY_NOT_RESPAWN);
	/* the best of several lines wins, whatever their order */
	assert_int_equal(find("co:2345:respawn:exec /sbin/getty 38400 /dev/hvc0\n"
			      "#c1:2345:respawn:/sbin/getty 38400 hvc0\n",
			      "hvc0", &line, &g), PW_GETTY_ON);
	assert_int_equal(line, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getty_forms),
		cmocka_unit_test(test_getty_others),
		cmocka_unit_test(test_inittab_parse),
		cmocka_unit_test(test_inittab_no_initdefault),
		cmocka_unit_test(test_inittab_find_getty),
	};

	return cmocka_run_group_tests_name("inittab", tests, NULL, NULL);
}
