// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_txn: backups, atomic writes, no-op writes, undo byte for byte, the lock. */
#include "unit.h"

#include <sys/file.h>
#include <signal.h>
#include <sys/wait.h>

#include "pw-root.h"
#include "pw-txn.h"

static char *tree;
static struct pw_root *root;

static int setup(void **state)
{
	char path[PATH_MAX];

	(void)state;
	tree = make_tree();
	put_file(tree, "etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n");
	put_file(tree, "etc/real-resolv.conf", "nameserver 1.1.1.1\n");
	snprintf(path, sizeof(path), "%s/etc/resolv.conf", tree);
	assert_int_equal(symlink("/etc/real-resolv.conf", path), 0);
	snprintf(path, sizeof(path), "%s/etc/network/interfaces", tree);
	assert_int_equal(chmod(path, 0640), 0);
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

static unsigned int count_backups(void)
{
	char cmd[PATH_MAX + 64];
	unsigned int n = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls %s/var/backups/paravm-wizard 2>/dev/null", tree);
	p = popen(cmd, "r");
	while (fgets(cmd, sizeof(cmd), p))
		n++;
	pclose(p);
	return n;
}

static void test_write_backup_undo(void **state)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	char backup[PATH_MAX], path[PATH_MAX];
	struct stat st;
	static const char new_ifaces[] = "auto eth0\niface eth0 inet static\n\taddress 18.181.1.2\n";

	(void)state;
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_false(pw_txn_resumed(txn));
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", new_ifaces,
				      strlen(new_ifaces), 0644, &err), 0);
	/* the same content again: nothing to do */
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", new_ifaces,
				      strlen(new_ifaces), 0644, &err), 1);
	/* through a symlink: the file behind it changes, the link stays */
	assert_int_equal(pw_txn_write(txn, "/etc/resolv.conf", "nameserver 2.2.2.2\n", 19, 0644,
				      &err), 0);
	/* missing directories are made, and recorded so that undo removes them */
	assert_int_equal(pw_txn_write(txn, "/etc/new/sub/file", "created\n", 8, 0600, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/created", "created\n", 8, 0600, &err), 0);
	assert_int_equal(pw_txn_symlink(txn, "/etc/wants-link", "/lib/x.service", &err), 0);
	assert_int_equal(pw_txn_symlink(txn, "/etc/wants-link", "/lib/x.service", &err), 1);
	assert_int_equal(pw_txn_changes(txn), 7);
	assert_string_not_equal(pw_txn_backup_dir(txn), "");
	pw_txn_end(txn);

	expect_tree_file(tree, "etc/network/interfaces", new_ifaces);
	snprintf(path, sizeof(path), "%s/etc/network/interfaces", tree);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640); /* mode kept */
	expect_tree_file(tree, "etc/real-resolv.conf", "nameserver 2.2.2.2\n");
	snprintf(path, sizeof(path), "%s/etc/resolv.conf", tree);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(count_backups(), 1);

	/* undo: everything back, created files gone */
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_int_equal(pw_undo_latest(txn, backup, sizeof(backup), &err), 0);
	pw_txn_end(txn);
	expect_tree_file(tree, "etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n");
	expect_tree_file(tree, "etc/real-resolv.conf", "nameserver 1.1.1.1\n");
	expect_tree_file(tree, "etc/created", NULL);
	snprintf(path, sizeof(path), "%s/etc/new", tree);
	assert_int_equal(lstat(path, &st), -1);
	snprintf(path, sizeof(path), "%s/etc/wants-link", tree);
	assert_int_equal(lstat(path, &st), -1);
	snprintf(path, sizeof(path), "%s/etc/network/interfaces", tree);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);

	/* a second undo finds nothing left */
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_int_equal(pw_undo_latest(txn, backup, sizeof(backup), &err), 1);
	pw_txn_end(txn);
}

static void test_no_change_records_nothing(void **state)
{
	static const char same[] = "auto eth0\niface eth0 inet dhcp\n";
	struct pw_txn *txn;
	struct pw_error err = { 0 };

	(void)state;
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", same, strlen(same), 0644,
				      &err), 1);
	assert_int_equal(pw_txn_remove(txn, "/etc/absent", &err), 1);
	assert_int_equal(pw_txn_changes(txn), 0);
	pw_txn_end(txn);
	assert_int_equal(count_backups(), 0);
}

static void test_rollback(void **state)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };

	(void)state;
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", "x\n", 2, 0644, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", "y\n", 2, 0644, &err), 0);
	assert_int_equal(pw_txn_remove(txn, "/etc/real-resolv.conf", &err), 0);
	assert_int_equal(pw_txn_rollback(txn, &err), 0);
	pw_txn_end(txn);
	expect_tree_file(tree, "etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n");
	expect_tree_file(tree, "etc/real-resolv.conf", "nameserver 1.1.1.1\n");
}

static void test_damaged_backup_restores_nothing(void **state)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	char backup[PATH_MAX], cmd[2 * PATH_MAX];

	(void)state;
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", "x\n", 2, 0644, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/real-resolv.conf", "y\n", 2, 0644, &err), 0);
	snprintf(cmd, sizeof(cmd), "echo tampered >> '%s%s/files/etc/real-resolv.conf'", tree,
		 pw_txn_backup_dir(txn));
	pw_txn_end(txn);
	assert_int_equal(system(cmd), 0);

	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_true(pw_undo_latest(txn, backup, sizeof(backup), &err) < 0);
	pw_txn_end(txn);
	assert_non_null(strstr(err.message, "checksum"));
	expect_tree_file(tree, "etc/network/interfaces", "x\n"); /* untouched: all or nothing */
}

static void test_lock(void **state)
{
	struct pw_txn *txn, *second;
	struct pw_error err = { 0 };
	int pipefd[2], status;
	pid_t pid;
	char c;

	(void)state;
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	/* a second run (another process: flock is per open file) is refused */
	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	if (pid == 0) {
		struct pw_root *r2;
		int ret;

		pw_root_open_dir(tree, &r2);
		ret = pw_txn_begin(r2, &second, &err);
		_exit(ret == -EBUSY && strstr(err.message, "pid") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	pw_txn_end(txn);

	/* a run killed while holding the lock: the next one says so */
	pid = fork();
	if (pid == 0) {
		struct pw_root *r2;

		pw_root_open_dir(tree, &r2);
		pw_txn_begin(r2, &second, &err);
		(void)!write(pipefd[1], "x", 1);
		pause();
		_exit(0);
	}
	assert_int_equal(read(pipefd[0], &c, 1), 1);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_true(pw_txn_resumed(txn));
	pw_txn_end(txn);
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_false(pw_txn_resumed(txn));
	pw_txn_end(txn);
	close(pipefd[0]);
	close(pipefd[1]);
}

/* A run killed half-way, then a rerun, then --undo: back to before the first. */
static void test_killed_run_resumed_then_undone(void **state)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	char backup[PATH_MAX];
	int status;
	pid_t pid;

	(void)state;
	pid = fork();
	if (pid == 0) {
		struct pw_root *r2;
		struct pw_txn *t2;

		pw_root_open_dir(tree, &r2);
		pw_txn_begin(r2, &t2, &err);
		pw_txn_write(t2, "/etc/network/interfaces", "half\n", 5, 0644, &err);
		raise(SIGKILL);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	assert_true(WIFSIGNALED(status));
	expect_tree_file(tree, "etc/network/interfaces", "half\n");

	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	assert_true(pw_txn_resumed(txn));
	assert_int_equal(pw_txn_write(txn, "/etc/network/interfaces", "done\n", 5, 0644, &err), 0);
	assert_int_equal(pw_txn_write(txn, "/etc/real-resolv.conf", "x\n", 2, 0644, &err), 0);
	pw_txn_end(txn);
	assert_int_equal(count_backups(), 1); /* the killed run's, gone on with */

	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	if (pw_undo_latest(txn, backup, sizeof(backup), &err) != 0)
		fail_msg("%s", err.message);
	pw_txn_end(txn);
	expect_tree_file(tree, "etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n");
	expect_tree_file(tree, "etc/real-resolv.conf", "nameserver 1.1.1.1\n");
}

static void test_log(void **state)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	char *log;

	(void)state;
	assert_int_equal(pw_txn_begin(root, &txn, &err), 0);
	pw_txn_write(txn, "/etc/network/interfaces", "x\n", 2, 0644, &err);
	pw_txn_end(txn);
	log = read_tree_file(tree, "var/log/paravm-wizard.log");
	assert_non_null(log);
	assert_non_null(strstr(log, "wrote /etc/network/interfaces"));
	free(log);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_write_backup_undo),
		T(test_no_change_records_nothing),
		T(test_rollback),
		T(test_damaged_backup_restores_nothing),
		T(test_lock),
		T(test_killed_run_resumed_then_undone),
		T(test_log),
	};

	return cmocka_run_group_tests_name("pw_txn", tests, NULL, NULL);
}
