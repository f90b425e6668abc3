// SPDX-License-Identifier: GPL-2.0-or-later
/* Commands inside the guest: see include/pw-run.h. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pw-root.h"
#include "pw-run.h"
#include "pw-text.h"

#define LOOP_MAJOR 7
#define PRIVATE_ROOT "/dev/.paravm-wizard-root"
#define NOEXEC_ATTRS (MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC)

/*
 * Attach a mount (an fd from fsmount or open_tree) on a guest directory,
 * found inside the root: move_mount takes the directory as an fd, so no
 * link in the guest can redirect it.
 */
static int attach(struct pw_root *root, const char *dir, int mnt)
{
	int target = pw_root_open(root, dir, O_PATH | O_DIRECTORY, 0);
	int ret = 0;

	if (target < 0)
		return target;
	if (move_mount(mnt, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		ret = -errno;
	close(target);
	return ret;
}

/* A new filesystem instance (proc, sysfs, tmpfs) on a guest directory. */
static int mount_new(struct pw_root *root, const char *dir, const char *type,
		     unsigned int attrs, const char *const *options)
{
	int fs, mnt, ret = 0;

	fs = fsopen(type, FSOPEN_CLOEXEC);
	if (fs < 0)
		return -errno;
	for (size_t i = 0; options && options[i]; i += 2)
		if (fsconfig(fs, FSCONFIG_SET_STRING, options[i], options[i + 1], 0) < 0)
			ret = -errno;
	if (!ret && fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		ret = -errno;
	mnt = ret ? -1 : fsmount(fs, FSMOUNT_CLOEXEC, attrs);
	if (!ret && mnt < 0)
		ret = -errno;
	close(fs);
	if (ret)
		return ret;
	ret = attach(root, dir, mnt);
	close(mnt);
	return ret;
}

/* A bind mount of a host directory on a guest directory. */
static int mount_bind(struct pw_root *root, const char *dir, const char *host_dir, bool recursive)
{
	int mnt = open_tree(AT_FDCWD, host_dir,
			    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0));
	int ret;

	if (mnt < 0)
		return -errno;
	ret = attach(root, dir, mnt);
	close(mnt);
	return ret;
}

static int enter_root(struct pw_root *root)
{
	if (fchdir(pw_root_fd(root)) < 0 || chroot(".") < 0 || chdir("/") < 0)
		return -errno;
	return 0;
}

/* A guest that is a directory, or a filesystem on a real disk. */
static int enter_plain(struct pw_root *root)
{
	int ret;

	ret = mount_new(root, "/proc", "proc", NOEXEC_ATTRS, NULL);
	if (!ret)
		ret = mount_new(root, "/sys", "sysfs", NOEXEC_ATTRS | MOUNT_ATTR_RDONLY, NULL);
	if (!ret)
		ret = mount_bind(root, "/dev", "/dev", true);
	return ret ? ret : enter_root(root);
}

/* The type of the filesystem on @dev, from the kernel's mount table. */
static int fs_type_of(dev_t dev, char *type, size_t size)
{
	char line[4096], want[32];
	FILE *f = fopen("/proc/self/mountinfo", "re");

	if (!f)
		return -errno;
	snprintf(want, sizeof(want), " %u:%u ", major(dev), minor(dev));
	while (fgets(line, sizeof(line), f)) {
		char *dash = strstr(line, " - ");

		if (!strstr(line, want) || !dash)
			continue;
		if (sscanf(dash + 3, "%31s", want) == 1) {
			pw_copy(type, size, want, strlen(want));
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -ENOENT;
}

/*
 * A guest on a loop device: a private /dev where the disk is /dev/xvda,
 * the filesystem mounted again from that name, then chroot into that mount.
 */
static int enter_loop(struct pw_root *root, dev_t dev)
{
	static const struct {
		const char *name;
		unsigned int major, minor;
	} nodes[] = {
		{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
		{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
	};
	static const char *const tmpfs_options[] = { "mode", "0755", "size", "1m", NULL };
	char type[32];
	int devfd, ret;

	ret = fs_type_of(dev, type, sizeof(type));
	if (!ret)
		ret = mount_new(root, "/dev", "tmpfs", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC,
				tmpfs_options);
	if (ret)
		return ret;
	devfd = pw_root_open(root, "/dev", O_RDONLY | O_DIRECTORY, 0);
	if (devfd < 0)
		return devfd;
	if (mknodat(devfd, "xvda", S_IFBLK | 0600, dev) < 0)
		ret = -errno;
	/* fchmodat: mknod's mode is cut by the umask, and these are for everyone */
	for (size_t i = 0; !ret && i < sizeof(nodes) / sizeof(nodes[0]); i++)
		if (mknodat(devfd, nodes[i].name, S_IFCHR | 0666,
			    makedev(nodes[i].major, nodes[i].minor)) < 0 ||
		    fchmodat(devfd, nodes[i].name, 0666, 0) < 0)
			ret = -errno;
	if (!ret && (mkdirat(devfd, "pts", 0755) < 0 || symlinkat("pts/ptmx", devfd, "ptmx") < 0 ||
		     mkdirat(devfd, strrchr(PRIVATE_ROOT, '/') + 1, 0700) < 0))
		ret = -errno;
	close(devfd);
	if (!ret)
		ret = mount_bind(root, "/dev/pts", "/dev/pts", false);
	if (!ret)
		ret = enter_root(root);
	/* From here on, paths are the guest's. */
	if (!ret && mount("/dev/xvda", PRIVATE_ROOT, type, 0, NULL) < 0)
		ret = -errno;
	if (!ret && (mount("/dev", PRIVATE_ROOT "/dev", NULL, MS_BIND, NULL) < 0 ||
		     mount("/dev/pts", PRIVATE_ROOT "/dev/pts", NULL, MS_BIND, NULL) < 0 ||
		     mount("proc", PRIVATE_ROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0 ||
		     mount("sysfs", PRIVATE_ROOT "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL) < 0))
		ret = -errno;
	if (!ret && (chroot(PRIVATE_ROOT) < 0 || chdir("/") < 0))
		ret = -errno;
	return ret;
}

/* Is the guest the root of a filesystem on a loop device? */
static bool on_loop_device(struct pw_root *root, dev_t *dev)
{
	struct stat self, parent;

	if (fstat(pw_root_fd(root), &self) < 0 ||
	    fstatat(pw_root_fd(root), "..", &parent, 0) < 0)
		return false;
	/* openat2 clamps ".." at the root, but fstatat does not: it is the host's */
	*dev = self.st_dev;
	return major(self.st_dev) == LOOP_MAJOR && self.st_dev != parent.st_dev;
}

/*
 * Mounts can only be made on directories of the caller's own namespace: the
 * root's fd, opened before unshare(), belongs to the old one. Open it again
 * by name, and check that it is still the same directory.
 */
static int reopen_in_namespace(struct pw_root **root)
{
	struct pw_root *again;
	struct stat before, after;
	int ret;

	if (fstat(pw_root_fd(*root), &before) < 0)
		return -errno;
	ret = pw_root_open_dir(pw_root_path(*root), &again);
	if (ret < 0)
		return ret;
	if (fstat(pw_root_fd(again), &after) < 0 || before.st_dev != after.st_dev ||
	    before.st_ino != after.st_ino) {
		pw_root_free(again);
		return -ESTALE;
	}
	*root = again; /* the child execs or exits: the old one needs no freeing */
	return 0;
}

static void __attribute__((noreturn)) child(struct pw_root *root, struct pw_run *run, int out_w,
					   int status_w, int err_w)
{
	static const char *const base_env[] = {
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=/root", "LANG=C", "LC_ALL=C", "DEBIAN_FRONTEND=noninteractive",
		"DEBCONF_NONINTERACTIVE_SEEN=true", "TERM=dumb",
	};
	const char *env[64];
	size_t n = 0;
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int ret = 0;
	dev_t dev;

	if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(out_w, STDOUT_FILENO) < 0 ||
	    dup2(out_w, STDERR_FILENO) < 0)
		ret = -errno;
	/*
	 * The status channel gets its number (3 for apt) only at the end: until
	 * the root is entered, that number may still be the root's own fd.
	 */
	if (!ret && run->status_fd > 2) {
		status_w = fcntl(status_w, F_DUPFD_CLOEXEC, run->status_fd + 1);
		if (status_w < 0)
			ret = -errno;
	}
	if (!ret && !pw_root_is_host(root)) {
		if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			ret = -errno;
		else
			ret = reopen_in_namespace(&root);
		if (!ret && on_loop_device(root, &dev))
			ret = enter_loop(root, dev);
		else if (!ret)
			ret = enter_plain(root);
	}
	for (size_t i = 0; i < sizeof(base_env) / sizeof(base_env[0]); i++)
		env[n++] = base_env[i];
	for (size_t i = 0; run->env && run->env[i] && n < 63; i++)
		env[n++] = run->env[i];
	env[n] = NULL;
	/* dup2 leaves the new fd open across exec */
	if (!ret && run->status_fd > 2 && dup2(status_w, run->status_fd) < 0)
		ret = -errno;
	if (!ret) {
		execve(run->argv[0], (char *const *)run->argv, (char *const *)env);
		ret = -errno;
	}
	(void)!write(err_w, &ret, sizeof(ret));
	_exit(127);
}

/* Split what arrived into lines and hand each one on. */
struct line_buf {
	char buf[4096];
	size_t used;
};

static void feed(struct line_buf *lb, const char *data, size_t len, struct pw_run *run,
		 void (*cb)(void *, const char *))
{
	for (size_t i = 0; i < len; i++) {
		char c = data[i];

		if (c != '\n' && lb->used < sizeof(lb->buf) - 1) {
			lb->buf[lb->used++] = c;
			continue;
		}
		if (c != '\n')
			continue; /* over-long line: the rest is dropped */
		lb->buf[lb->used] = '\0';
		if (cb)
			cb(run->data, lb->buf);
		if (cb == run->on_output && lb->used > 0) {
			/* apt's own error lines say what went wrong; keep the last */
			bool is_error = strncmp(lb->buf, "E: ", 3) == 0;

			if (is_error || strncmp(run->last_error, "E: ", 3) != 0)
				pw_copy(run->last_error, sizeof(run->last_error), lb->buf, lb->used);
		}
		lb->used = 0;
	}
}

static void close_pair(int fds[2])
{
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

int pw_run_in_guest(struct pw_root *root, struct pw_run *run)
{
	int out[2], status[2] = { -1, -1 }, errp[2], wstatus, child_err = 0;
	struct line_buf *out_lb, *status_lb;
	struct pollfd pfd[2];
	pid_t pid;

	run->exit_status = -1;
	run->last_error[0] = '\0';
	if (pipe2(out, O_CLOEXEC) < 0)
		return -errno;
	if (run->status_fd > 2 && pipe2(status, O_CLOEXEC) < 0) {
		int e = -errno;

		close_pair(out);
		return e;
	}
	if (pipe2(errp, O_CLOEXEC) < 0) {
		int e = -errno;

		close_pair(out);
		close_pair(status);
		return e;
	}
	out_lb = calloc(1, sizeof(*out_lb));
	status_lb = calloc(1, sizeof(*status_lb));
	if (!out_lb || !status_lb) {
		free(out_lb);
		free(status_lb);
		close_pair(out);
		close_pair(status);
		close_pair(errp);
		return -ENOMEM;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		child(root, run, out[1], status[1], errp[1]);
	close(out[1]);
	close(errp[1]);
	if (status[1] >= 0)
		close(status[1]);

	pfd[0] = (struct pollfd){ .fd = out[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = status[0], .events = POLLIN };
	while (pid > 0 && (pfd[0].fd >= 0 || pfd[1].fd >= 0)) {
		char data[4096];

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			ssize_t n;

			if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(pfd[i].fd, data, sizeof(data));
			if (n > 0) {
				if (i == 0)
					feed(out_lb, data, (size_t)n, run, run->on_output);
				else
					feed(status_lb, data, (size_t)n, run, run->on_status);
			} else if (n == 0 || errno != EINTR) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
			}
		}
	}
	if (pfd[0].fd >= 0)
		close(pfd[0].fd);
	if (pfd[1].fd >= 0)
		close(pfd[1].fd);
	free(out_lb);
	free(status_lb);
	if (pid < 0) {
		close(errp[0]);
		return -errno;
	}
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (read(errp[0], &child_err, sizeof(child_err)) != sizeof(child_err))
		child_err = 0;
	close(errp[0]);
	if (child_err < 0)
		return child_err;
	run->exit_status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	return 0;
}
