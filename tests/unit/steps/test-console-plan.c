// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The console step's plan on small guest trees of each init system: the
 * exact new text, every other byte kept; applied, the inspect says ok and
 * a second plan finds nothing to do; --undo puts every byte back. And the
 * inputs it must refuse, with the file or value named and nothing changed.
 */
#include "unit-guest.h"

#include "pw-console.h"
#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-txn.h"

#define TERMINFO "\032\001rest of the entry"

static void expect_link(const char *rel, const char *target)
{
	char path[PATH_MAX], buf[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (!target) {
		assert_true(n < 0);
		return;
	}
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, target);
}

static int plan(struct pw_plan *p, struct pw_error *err)
{
	pw_ctx_gather(&ctx);
	pw_plan_init(p, PW_STEP_CONSOLE);
	memset(err, 0, sizeof(*err));
	return pw_plan_console(&ctx, p, err);
}

static void inspect(struct pw_result *r)
{
	pw_ctx_gather(&ctx);
	pw_result_init(r);
	pw_inspect_console(&ctx, r);
}

static void apply(const struct pw_plan *p)
{
	struct pw_error err = { 0 };
	struct pw_txn *txn;

	assert_int_equal(pw_txn_begin(ctx.root, &txn, &err), 0);
	if (pw_plan_apply_files(p, txn, &err) != 0)
		fail_msg("apply: %s", err.message);
	pw_txn_end(txn);
}

static void undo(void)
{
	struct pw_error err = { 0 };
	struct pw_txn *txn;
	char backup[PATH_MAX];

	assert_int_equal(pw_txn_begin(ctx.root, &txn, &err), 0);
	assert_int_equal(pw_undo_latest(txn, backup, sizeof(backup), &err), 0);
	pw_txn_end(txn);
}

/* The change of @path in the plan, which must be there. */
static const struct pw_change *change(const struct pw_plan *p, const char *path)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->changes[i].path, path) == 0)
			return &p->changes[i];
	fail_msg("no change of %s in the plan", path);
	return NULL;
}

/* Apply, then: ok, nothing left to plan; undo: @files as they were. */
static void apply_check_undo(struct pw_plan *p, const char *const *files, size_t n)
{
	struct pw_plan again;
	struct pw_error err;
	struct pw_result r;
	char *before[8];

	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++)
		before[i] = read_tree_file(tree, files[i]);
	apply(p);
	pw_plan_free(p);
	inspect(&r);
	if (r.status != PW_OK)
		fail_msg("after the apply: %s", r.message_en);
	assert_int_equal(plan(&again, &err), 1);
	assert_true(pw_plan_empty(&again));
	pw_plan_free(&again);
	undo();
	for (size_t i = 0; i < n; i++) {
		expect_tree_file(tree, files[i], before[i]);
		free(before[i]);
	}
}

/* A failed plan: the code, the words, and nothing planned. */
static void expect_error(enum pw_exit code, const char *words)
{
	struct pw_plan p;
	struct pw_error err;
	int ret = plan(&p, &err);

	assert_true(ret < 0);
	assert_int_equal(err.code, code);
	if (!strstr(err.message, words))
		fail_msg("\"%s\" not in \"%s\"", words, err.message);
	pw_plan_free(&p);
}

/* --- sysvinit ------------------------------------------------------------ */

static const char etch_inittab[] =
	"# /etc/inittab\n"
	"id:2:initdefault:\n"
	"si::sysinit:/etc/init.d/rcS\n"
	"l2:2:wait:/etc/init.d/rc 2\n"
	"\n"
	"# Login prompts\n"
	"1:2345:respawn:/sbin/getty 38400 tty1\n"
	"2:23:respawn:/sbin/getty 38400 tty2\n"
	"\n"
	"#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n";

static void etch(void)
{
	put_file(tree, "etc/debian_version", "4.0\n");
	put_file(tree, "etc/inittab", etch_inittab);
	put_file(tree, "etc/securetty", "console\ntty1\n\n# serial\nttyS0\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO);
	put_file(tree, "lib/terminfo/v/vt100", TERMINFO);
	put_file(tree, "sbin/getty", "#!/bin/sh\n");
}

static void test_etch_new_line(void **state)
{
	static const char *const files[] = { "etc/inittab", "etc/securetty" };
	struct pw_plan p;
	struct pw_error err;
	const struct pw_change *c;
	char *diff;

	(void)state;
	etch();
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(p.note,
			    "A login prompt on xvc0 (TERM vt102) is added to /etc/inittab. "
			    "/etc/securetty gets xvc0, so that root may log in there.");
	assert_int_equal(p.count, 2);
	c = change(&p, "/etc/inittab");
	assert_string_equal(c->new_text,
			    "# /etc/inittab\n"
			    "id:2:initdefault:\n"
			    "si::sysinit:/etc/init.d/rcS\n"
			    "l2:2:wait:/etc/init.d/rc 2\n"
			    "\n"
			    "# Login prompts\n"
			    "1:2345:respawn:/sbin/getty 38400 tty1\n"
			    "2:23:respawn:/sbin/getty 38400 tty2\n"
			    "# Login prompt on the Xen ParaVM console (added by paravm-wizard)\n"
			    "co:2345:respawn:/sbin/getty 38400 xvc0 vt102\n"
			    "\n"
			    "#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n");
	assert_int_equal(pw_change_diff(c, &diff), 0);
	assert_non_null(strstr(diff, "+co:2345:respawn:/sbin/getty 38400 xvc0 vt102\n"));
	free(diff);
	c = change(&p, "/etc/securetty");
	assert_string_equal(c->new_text, "console\ntty1\n\n# serial\nttyS0\nxvc0\n");
	apply_check_undo(&p, files, 2);
}

static void test_etch_commented_line_repaired(void **state)
{
	static const char *const files[] = { "etc/inittab" };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch();
	put_file(tree, "etc/securetty", "console\nxvc0");
	put_file(tree, "etc/inittab",
		 "id:2:initdefault:\n"
		 "1:2345:respawn:/sbin/getty 38400 tty1\n"
		 "# x0:2345:respawn:/sbin/getty 38400 xvc0 vt100   \n"
		 "l6:6:wait:/etc/init.d/rc 6\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1); /* securetty lists it, no final newline needed */
	assert_string_equal(change(&p, "/etc/inittab")->new_text,
			    "id:2:initdefault:\n"
			    "1:2345:respawn:/sbin/getty 38400 tty1\n"
			    "x0:2345:respawn:/sbin/getty 38400 xvc0 vt100\n"
			    "l6:6:wait:/etc/init.d/rc 6\n");
	assert_string_equal(p.note,
			    "The getty line for xvc0 in /etc/inittab (line 3) is switched on, so that a login prompt runs there after every boot and logout.");
	apply_check_undo(&p, files, 1);
}

static void test_etch_commented_line_bad_term(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch();
	/* its TERM does not exist, and its id is taken meanwhile */
	put_file(tree, "etc/inittab",
		 "#T0:23:respawn:/sbin/getty -L xvc0 9600 vt999\n"
		 "T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/inittab")->new_text,
			    "co:23:respawn:/sbin/getty 38400 xvc0 vt102\n"
			    "T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n");
	assert_non_null(strstr(p.note, "(line 1) is replaced by one that runs a login prompt there after every boot and logout (TERM vt102)."));
	pw_plan_free(&p);
}

static void test_etch_runlevels_and_action(void **state)
{
	static const char *const files[] = { "etc/inittab", "etc/securetty" };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch();
	put_file(tree, "etc/inittab", "id:3:initdefault:\nx0:2:respawn:/sbin/getty 38400 xvc0\n");
	assert_int_equal(plan(&p, &err), 0);
	/* getty's default TERM (vt102) is in the guest: the command is kept */
	assert_string_equal(change(&p, "/etc/inittab")->new_text,
			    "id:3:initdefault:\nx0:2345:respawn:/sbin/getty 38400 xvc0\n");
	pw_plan_free(&p);

	put_file(tree, "etc/inittab", "id:4:initdefault:\nx0:4:once:/sbin/getty 38400 xvc0 vt100\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/inittab")->new_text,
			    "id:4:initdefault:\nx0:4:respawn:/sbin/getty 38400 xvc0 vt100\n");
	apply_check_undo(&p, files, 2);
}

static void test_etch_odd_default_runlevel(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch();
	/* the default runlevel outside 2-5 joins them; "co" is taken */
	put_file(tree, "etc/inittab", "id:1:initdefault:\nco:S:wait:/bin/true\n"
				      "1:2345:respawn:/sbin/getty 38400 tty1");
	put_file(tree, "etc/securetty", "console\ntty1");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/inittab")->new_text,
			    "id:1:initdefault:\nco:S:wait:/bin/true\n"
			    "1:2345:respawn:/sbin/getty 38400 tty1\n"
			    "# Login prompt on the Xen ParaVM console (added by paravm-wizard)\n"
			    "x0:23451:respawn:/sbin/getty 38400 xvc0 vt102\n");
	/* a file without a final newline gets one before the device */
	assert_string_equal(change(&p, "/etc/securetty")->new_text, "console\ntty1\nxvc0\n");
	pw_plan_free(&p);
}

static void test_etch_no_getty_lines(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch();
	put_file(tree, "etc/inittab", "id:2:initdefault:\n# no gettys here\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/inittab")->new_text,
			    "id:2:initdefault:\n# no gettys here\n"
			    "# Login prompt on the Xen ParaVM console (added by paravm-wizard)\n"
			    "co:2345:respawn:/sbin/getty 38400 xvc0 vt102\n");
	pw_plan_free(&p);
}

static void test_etch_term_fallback(void **state)
{
	static const char *const files[] = { "etc/inittab", "etc/securetty" };
	struct pw_plan p;
	struct pw_error err;
	char path[PATH_MAX];

	(void)state;
	etch();
	snprintf(path, sizeof(path), "%s/lib/terminfo/v/vt102", tree);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(plan(&p, &err), 0);
	assert_non_null(strstr(change(&p, "/etc/inittab")->new_text,
			       "co:2345:respawn:/sbin/getty 38400 xvc0 vt100\n"));
	assert_string_equal(p.note,
			    "A login prompt on xvc0 (TERM vt100) is added to /etc/inittab. "
			    "/etc/securetty gets xvc0, so that root may log in there. "
			    "The guest's terminfo has no entry for vt102, the terminal type this release's profile names, so vt100 is used instead.");
	apply_check_undo(&p, files, 2);
}

static void test_etch_already_done(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch();
	put_file(tree, "etc/inittab", "co:2345:respawn:/sbin/getty 38400 xvc0 vt102\n");
	put_file(tree, "etc/securetty", "xvc0\n");
	assert_int_equal(plan(&p, &err), 1);
	assert_true(pw_plan_empty(&p));
	pw_plan_free(&p);
}

static void test_etch_bad_input(void **state)
{
	char path[PATH_MAX];

	(void)state;
	etch();
	/* no terminfo entry the console could use */
	snprintf(path, sizeof(path), "rm -r '%s/lib/terminfo'", tree);
	assert_int_equal(system(path), 0);
	expect_error(PW_EXIT_DATAERR, "The guest's terminfo database (/etc/terminfo, /lib/terminfo, /usr/share/terminfo) has none of the terminal types a login prompt on xvc0 could use (vt102, vt100, vt220, linux). Install ncurses-base in the guest");
	expect_tree_file(tree, "etc/inittab", etch_inittab);

	put_file(tree, "lib/terminfo/v/vt102", TERMINFO);
	snprintf(path, sizeof(path), "%s/sbin/getty", tree);
	assert_int_equal(unlink(path), 0);
	expect_error(PW_EXIT_DATAERR, "No getty program was found in the guest (/sbin/getty, /sbin/agetty), so no login prompt can be set up on xvc0.");

	/* an inittab that is not text */
	put_file(tree, "sbin/getty", "#!/bin/sh\n");
	snprintf(path, sizeof(path), "%s/etc/inittab", tree);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		assert_int_equal(fwrite("id\0:2", 1, 5, f), 5);
		fclose(f);
	}
	expect_error(PW_EXIT_DATAERR, "/etc/inittab cannot be read: it holds binary data, not text.");
	/* a securetty that cannot be read: a directory */
	put_file(tree, "etc/inittab", etch_inittab);
	snprintf(path, sizeof(path), "%s/etc/securetty", tree);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	expect_error(PW_EXIT_IOERR, "/etc/securetty cannot be read: it is a directory, not a file.");
	expect_tree_file(tree, "etc/inittab", etch_inittab);
}

/* --- Upstart ------------------------------------------------------------- */

static void hardy(void)
{
	put_file(tree, "etc/lsb-release",
		 "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=8.04\nDISTRIB_CODENAME=hardy\n");
	put_file(tree, "etc/event.d/tty1",
		 "# tty1 - getty\nstart on runlevel 2\nstop on runlevel 0\n"
		 "respawn\nexec /sbin/getty 38400 tty1\n");
	put_file(tree, "etc/securetty", "console\ntty1\nxvc0\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO);
	put_file(tree, "sbin/getty", "#!/bin/sh\n");
}

static void test_hardy_new_job(void **state)
{
	static const char *const files[] = { "etc/event.d/xvc0", "etc/securetty" };
	struct pw_plan p;
	struct pw_error err;
	const struct pw_change *c;

	(void)state;
	hardy();
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1);
	c = change(&p, "/etc/event.d/xvc0");
	assert_false(c->existed);
	assert_int_equal(c->mode, 0644);
	assert_string_equal(c->new_text,
			    "# xvc0 - getty\n#\n"
			    "# This service maintains a getty on xvc0, the Xen ParaVM console, from\n"
			    "# the point the system is started until it is shut down again.\n"
			    "# Added by paravm-wizard.\n\n"
			    "start on runlevel 2\nstart on runlevel 3\n"
			    "start on runlevel 4\nstart on runlevel 5\n\n"
			    "stop on runlevel 0\nstop on runlevel 1\nstop on runlevel 6\n\n"
			    "respawn\nexec /sbin/getty 38400 xvc0 vt102\n");
	assert_string_equal(p.note,
			    "A login prompt on xvc0 (TERM vt102) is added as the Upstart job /etc/event.d/xvc0.");
	apply_check_undo(&p, files, 2);
}

static void test_hardy_without_event_d(void **state)
{
	static const char *const files[] = { "etc/event.d/xvc0" };
	struct pw_plan p;
	struct pw_error err;
	char path[PATH_MAX];

	(void)state;
	hardy();
	snprintf(path, sizeof(path), "rm -r '%s/etc/event.d'", tree);
	assert_int_equal(system(path), 0);
	assert_int_equal(plan(&p, &err), 0);
	/* the directory is made by the apply */
	apply_check_undo(&p, files, 1);
}

static void test_hardy_job_repaired(void **state)
{
	static const char *const files[] = { "etc/event.d/xvc0" };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	hardy();
	put_file(tree, "etc/event.d/xvc0",
		 "# my console\n#start on runlevel 2\n\n  exec /sbin/getty 38400 xvc0 vt999   # old\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/event.d/xvc0")->new_text,
			    "# my console\n#start on runlevel 2\n\n  exec /sbin/getty 38400 xvc0 vt102\n"
			    "\n# Added by paravm-wizard: a login prompt after every boot and logout.\n"
			    "start on runlevel 2\nstart on runlevel 3\n"
			    "start on runlevel 4\nstart on runlevel 5\n\n"
			    "stop on runlevel 0\nstop on runlevel 1\nstop on runlevel 6\n"
			    "respawn\n");
	assert_string_equal(p.note,
			    "The Upstart job /etc/event.d/xvc0 is changed so that it runs a login prompt on xvc0 after every boot and logout (TERM vt102).");
	apply_check_undo(&p, files, 1);
}

static void lucid(void)
{
	put_file(tree, "etc/lsb-release",
		 "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=10.04\nDISTRIB_CODENAME=lucid\n");
	put_file(tree, "etc/init/tty1.conf",
		 "start on runlevel [23]\nstop on runlevel [!23]\n\nrespawn\n"
		 "exec /sbin/getty -8 38400 tty1\n");
	put_file(tree, "lib/terminfo/v/vt102", TERMINFO);
	put_file(tree, "sbin/getty", "#!/bin/sh\n");
	put_file(tree, "etc/securetty", "console\nhvc0\n");
}

static void test_lucid_new_job_like_tty1(void **state)
{
	static const char *const files[] = { "etc/init/hvc0.conf" };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	lucid();
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/init/hvc0.conf")->new_text,
			    "# hvc0 - getty\n#\n"
			    "# This service maintains a getty on hvc0, the Xen ParaVM console, from\n"
			    "# the point the system is started until it is shut down again.\n"
			    "# Added by paravm-wizard.\n\n"
			    "start on runlevel [2345]\nstop on runlevel [!2345]\n\n"
			    "respawn\nexec /sbin/getty -8 38400 hvc0 vt102\n");
	apply_check_undo(&p, files, 1);
}

static void test_lucid_override_manual(void **state)
{
	static const char *const files[] = { "etc/init/hvc0.conf", "etc/init/hvc0.override",
					     "etc/init/tty1.override" };
	static const char job[] = "start on stopped rc RUNLEVEL=[2345]\nstop on runlevel [!2345]\n\n"
				  "respawn\nexec /sbin/getty -8 38400 hvc0\n";
	struct pw_plan p;
	struct pw_error err;
	const struct pw_change *c;

	(void)state;
	lucid();
	put_file(tree, "etc/init/hvc0.conf", job);
	put_file(tree, "etc/init/hvc0.override", "manual\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1);
	c = change(&p, "/etc/init/hvc0.override");
	assert_int_equal(c->kind, PW_CHANGE_REMOVE);
	assert_string_equal(p.note,
			    "/etc/init/hvc0.override no longer says \"manual\", which kept the job from starting.");
	apply_check_undo(&p, files, 3);
	expect_tree_file(tree, "etc/init/hvc0.conf", job);

	/* an override that says more keeps the rest */
	put_file(tree, "etc/init/hvc0.override", "# mine\nmanual\nenv LANG=C\n");
	assert_int_equal(plan(&p, &err), 0);
	c = change(&p, "/etc/init/hvc0.override");
	assert_int_equal(c->kind, PW_CHANGE_WRITE);
	assert_string_equal(c->new_text, "# mine\nenv LANG=C\n");
	pw_plan_free(&p);
}

static void test_lucid_job_manual_no_respawn(void **state)
{
	static const char *const files[] = { "etc/init/hvc0.conf" };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	lucid();
	put_file(tree, "etc/init/hvc0.conf",
		 "start on runlevel [2345]\nmanual   # off for now\nexec /sbin/getty 38400 hvc0");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/init/hvc0.conf")->new_text,
			    "start on runlevel [2345]\nexec /sbin/getty 38400 hvc0\n"
			    "\n# Added by paravm-wizard: a login prompt after every boot and logout.\n"
			    "respawn\n");
	apply_check_undo(&p, files, 1);
}

/* --- systemd ------------------------------------------------------------- */

#define WANTS "etc/systemd/system/getty.target.wants/serial-getty@hvc0.service"

static void bookworm(const char *unit_dir)
{
	char path[128];

	put_file(tree, "etc/debian_version", "12.5\n");
	put_file(tree, "usr/lib/os-release",
		 "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
	snprintf(path, sizeof(path), "%s/serial-getty@.service", unit_dir);
	put_file(tree, path, "[Service]\nExecStart=-/sbin/agetty - $TERM\n");
	put_file(tree, "usr/share/terminfo/v/vt220", TERMINFO);
	put_file(tree, "usr/share/terminfo/v/vt102", TERMINFO);
	put_link(tree, "/lib/systemd/systemd", "sbin/init");
}

static void test_bookworm_link(void **state)
{
	static const char *const files[] = { WANTS };
	struct pw_plan p;
	struct pw_error err;
	const struct pw_change *c;

	(void)state;
	bookworm("lib/systemd/system");
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1);
	c = change(&p, "/" WANTS);
	assert_int_equal(c->kind, PW_CHANGE_SYMLINK);
	assert_string_equal(c->target, "/lib/systemd/system/serial-getty@.service");
	assert_string_equal(p.note,
			    "A login prompt on hvc0 is enabled for systemd: /" WANTS
			    " links to /lib/systemd/system/serial-getty@.service.");
	/* getty.target.wants does not exist yet: the apply makes it */
	apply_check_undo(&p, files, 1);
	expect_link(WANTS, NULL);
}

static void test_bookworm_usr_lib(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	bookworm("usr/lib/systemd/system");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/" WANTS)->target,
			    "/usr/lib/systemd/system/serial-getty@.service");
	apply(&p);
	pw_plan_free(&p);
	expect_link(WANTS, "/usr/lib/systemd/system/serial-getty@.service");
}

static void test_bookworm_like_tty1(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	/* merged /usr: both names reach the unit; the guest's own link decides */
	bookworm("usr/lib/systemd/system");
	put_file(tree, "usr/lib/systemd/system/getty@.service", "[Service]\n");
	put_link(tree, "usr/lib", "lib");
	put_link(tree, "/usr/lib/systemd/system/getty@.service",
		     "etc/systemd/system/getty.target.wants/getty@tty1.service");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/" WANTS)->target,
			    "/usr/lib/systemd/system/serial-getty@.service");
	pw_plan_free(&p);
}

static void test_bookworm_masked(void **state)
{
	static const char *const files[] = { WANTS };
	struct pw_plan p;
	struct pw_error err;
	char path[PATH_MAX];

	(void)state;
	bookworm("lib/systemd/system");
	put_link(tree, "/dev/null", "etc/systemd/system/serial-getty@hvc0.service");
	put_link(tree, "/lib/systemd/system/serial-getty@.service", WANTS);
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1);
	assert_int_equal(change(&p, "/etc/systemd/system/serial-getty@hvc0.service")->kind,
			 PW_CHANGE_REMOVE);
	assert_string_equal(p.note,
			    "The mask /etc/systemd/system/serial-getty@hvc0.service (a link to /dev/null) is removed.");
	apply_check_undo(&p, files, 1);
	expect_link("etc/systemd/system/serial-getty@hvc0.service", "/dev/null");

	/* the wants link itself leads to /dev/null: it is made again */
	snprintf(path, sizeof(path), "%s/etc/systemd/system/serial-getty@hvc0.service", tree);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/" WANTS, tree);
	assert_int_equal(unlink(path), 0);
	put_link(tree, "/dev/null", WANTS);
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 1);
	assert_string_equal(change(&p, "/" WANTS)->target,
			    "/lib/systemd/system/serial-getty@.service");
	apply(&p);
	pw_plan_free(&p);
	expect_link(WANTS, "/lib/systemd/system/serial-getty@.service");
}

static void test_bookworm_term_drop_in(void **state)
{
	static const char *const files[] = {
		WANTS, "etc/systemd/system/serial-getty@hvc0.service.d/paravm-wizard.conf"
	};
	struct pw_plan p;
	struct pw_error err;
	struct pw_result r;
	char path[PATH_MAX];

	(void)state;
	bookworm("lib/systemd/system");
	snprintf(path, sizeof(path), "%s/usr/share/terminfo/v/vt220", tree);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(plan(&p, &err), 0);
	assert_int_equal(p.count, 2);
	assert_string_equal(change(&p, "/etc/systemd/system/serial-getty@hvc0.service.d/paravm-wizard.conf")->new_text,
			    "# Added by paravm-wizard: the terminal type for the console.\n"
			    "[Service]\nEnvironment=TERM=vt102\n");
	assert_non_null(strstr(p.note, "so vt102 is used instead."));
	apply(&p);
	inspect(&r);
	if (!strstr(r.message_en, "Its terminal type is vt102."))
		fail_msg("%s", r.message_en);
	pw_plan_free(&p);
	assert_int_equal(plan(&p, &err), 1);
	pw_plan_free(&p);
	undo();
	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		expect_tree_file(tree, files[i], NULL);
}

static void test_bookworm_securetty(void **state)
{
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	bookworm("lib/systemd/system");
	put_link(tree, "/lib/systemd/system/serial-getty@.service", WANTS);
	/* no /etc/securetty: nothing to do */
	assert_int_equal(plan(&p, &err), 1);
	pw_plan_free(&p);
	put_file(tree, "etc/securetty", "console\n");
	assert_int_equal(plan(&p, &err), 0);
	assert_string_equal(change(&p, "/etc/securetty")->new_text, "console\nhvc0\n");
	assert_string_equal(p.note, "/etc/securetty gets hvc0, so that root may log in there.");
	pw_plan_free(&p);
}

static void test_bookworm_no_template(void **state)
{
	char path[PATH_MAX];

	(void)state;
	bookworm("lib/systemd/system");
	snprintf(path, sizeof(path), "%s/lib/systemd/system/serial-getty@.service", tree);
	assert_int_equal(unlink(path), 0);
	expect_error(PW_EXIT_DATAERR, "systemd's serial-getty@.service is in neither /lib/systemd/system nor /usr/lib/systemd/system of the guest");
	expect_link(WANTS, NULL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, guest_setup, guest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_etch_new_line),
		T(test_etch_commented_line_repaired),
		T(test_etch_commented_line_bad_term),
		T(test_etch_runlevels_and_action),
		T(test_etch_odd_default_runlevel),
		T(test_etch_no_getty_lines),
		T(test_etch_term_fallback),
		T(test_etch_already_done),
		T(test_etch_bad_input),
		T(test_hardy_new_job),
		T(test_hardy_without_event_d),
		T(test_hardy_job_repaired),
		T(test_lucid_new_job_like_tty1),
		T(test_lucid_override_manual),
		T(test_lucid_job_manual_no_respawn),
		T(test_bookworm_link),
		T(test_bookworm_usr_lib),
		T(test_bookworm_like_tty1),
		T(test_bookworm_masked),
		T(test_bookworm_term_drop_in),
		T(test_bookworm_securetty),
		T(test_bookworm_no_template),
	};

	return cmocka_run_group_tests_name("console plan", tests, NULL, NULL);
}
