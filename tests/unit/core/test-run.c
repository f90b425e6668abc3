// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pw_run_in_guest for real: a tiny guest (the host's dash and its
 * libraries), as a folder and as an ext3 filesystem on a loop device.
 * Needs root (chroot, mounts); skipped otherwise.
 */
#include "unit.h"

#include "pw-root.h"
#include "pw-run.h"

static char *tree;

struct output {
	char text[4096];
};

static void collect(void *data, const char *line)
{
	struct output *o = data;
	size_t used = strlen(o->text);

	snprintf(o->text + used, sizeof(o->text) - used, "%s\n", line);
}

static int sh(const char *fmt, const char *arg)
{
	char cmd[2 * PATH_MAX];

	snprintf(cmd, sizeof(cmd), fmt, arg, arg, arg, arg);
	return system(cmd);
}

static int setup(void **state)
{
	(void)state;
	if (geteuid() != 0)
		return 0;
	tree = make_tree();
	/* dash and the libraries it links, and the empty mount points */
	assert_int_equal(sh("set -e; cd '%s'; mkdir -p bin proc sys dev etc; cp /bin/dash bin/sh; "
			    "for l in $(ldd /bin/dash | grep -o '/[^ ]*'); do "
			    "mkdir -p \".$(dirname $l)\"; cp \"$l\" \".$l\"; done", tree), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (tree)
		rm_tree(tree);
	tree = NULL;
	return 0;
}

/* No mount of ours may outlive the command. */
static void expect_no_mounts_under(const char *dir)
{
	char line[4096];
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (fgets(line, sizeof(line), f))
		if (strstr(line, dir))
			fail_msg("left behind: %s", line);
	fclose(f);
}

static void run_sh(const char *root_dir, const char *script, struct output *out, int *status)
{
	const char *argv[] = { "/bin/sh", "-c", script, NULL };
	struct pw_run run = { .argv = argv, .on_output = collect, .data = out };
	struct pw_root *root;

	memset(out, 0, sizeof(*out));
	assert_int_equal(pw_root_open_dir(root_dir, &root), 0);
	assert_int_equal(pw_run_in_guest(root, &run), 0);
	*status = run.exit_status;
	pw_root_free(root);
}

static void test_folder_guest(void **state)
{
	struct output out;
	int status;

	(void)state;
	if (geteuid() != 0)
		skip();
	run_sh(tree, "echo hello; test -r /proc/self/status && echo proc; "
		     "test -c /dev/null && echo dev; echo E: last words >&2; exit 3", &out, &status);
	assert_int_equal(status, 3);
	assert_non_null(strstr(out.text, "hello\nproc\ndev\n"));
	expect_no_mounts_under(tree);
}

static void test_missing_program(void **state)
{
	const char *argv[] = { "/usr/bin/apt-get", "update", NULL };
	struct pw_run run = { .argv = argv };
	struct pw_root *root;

	(void)state;
	if (geteuid() != 0)
		skip();
	assert_int_equal(pw_root_open_dir(tree, &root), 0);
	assert_int_equal(pw_run_in_guest(root, &run), -ENOENT);
	pw_root_free(root);
	expect_no_mounts_under(tree);
}

static void test_loop_guest(void **state)
{
	char image[PATH_MAX], mnt[PATH_MAX], loop[64] = "", cmd[2 * PATH_MAX + 32];
	struct output out;
	FILE *p;
	int status;

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(image, sizeof(image), "%s.img", tree);
	snprintf(mnt, sizeof(mnt), "%s.mnt", tree);
	if (sh("truncate -s 64M '%s.img' && mkfs.ext3 -q -d '%s' '%s.img' && mkdir -p '%s.mnt'",
	       tree) != 0)
		skip(); /* no mkfs.ext3 -d here */
	snprintf(cmd, sizeof(cmd), "losetup --find --show '%s'", image);
	p = popen(cmd, "r");
	if (!p || !fgets(loop, sizeof(loop), p) || pclose(p) != 0) {
		sh("rm -rf '%s.img' '%s.mnt'", tree);
		skip(); /* no loop devices in this sandbox */
	}
	loop[strcspn(loop, "\n")] = '\0';
	snprintf(cmd, sizeof(cmd), "mount %s '%s'", loop, mnt);
	if (system(cmd) == 0) {
		run_sh(mnt, "while read -r l; do case \"$l\" in *' / / '*) echo \"$l\";; esac; "
			    "done </proc/self/mountinfo; test -b /dev/xvda && echo xvda",
		       &out, &status);
		sh("umount '%s.mnt'", tree);
	} else {
		status = -1;
	}
	sh("losetup -d '%s'", loop);
	snprintf(mnt, sizeof(mnt), "%s.mnt", tree);
	sh("rm -rf '%s.img' '%s.mnt'", tree);
	/* the guest sees its disk under a name grub-probe understands */
	if (status != 0 || !strstr(out.text, " /dev/xvda ") || !strstr(out.text, "xvda\n"))
		fail_msg("exit %d, output:\n%s", status, out.text);
	expect_no_mounts_under(mnt);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_folder_guest),
		T(test_missing_program),
		T(test_loop_guest),
	};

	return cmocka_run_group_tests_name("pw_run", tests, NULL, NULL);
}
