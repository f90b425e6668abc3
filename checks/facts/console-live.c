// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The console's live test: a getty process on the PV console device, named
 * by its arguments or held (standard input, controlling terminal). Only meaningful inside the running VM; under HVM the
 * device does not exist, and the rerun after the switch tests it.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "pw-console.h"
#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

/*
 * Does the NUL-separated command line run a getty on @dev? A getty named
 * by its arguments, or, given "-" for its line (systemd's
 * serial-getty@.service on Debian 12: "agetty ... - vt220" with
 * TTYPath=), one that holds @dev (@held: its standard input or its
 * controlling terminal). Once someone logs in there, the getty has become
 * login, which keeps the terminal as its controlling one: that counts too.
 */
static bool getty_on(const char *cmdline, size_t len, const char *dev, bool held)
{
	char devpath[32];
	bool is_getty = false, names_dev = held;

	snprintf(devpath, sizeof(devpath), "/dev/%s", dev);
	for (const char *arg = cmdline; arg < cmdline + len; arg += strlen(arg) + 1) {
		const char *base = strrchr(arg, '/');

		base = base ? base + 1 : arg;
		/* a getty, or the login it became (--check run on the console) */
		if (arg == cmdline && (strstr(base, "getty") || strcmp(base, "login") == 0))
			is_getty = true;
		else if (strcmp(arg, dev) == 0 || strcmp(arg, devpath) == 0)
			names_dev = true;
	}
	return is_getty && names_dev;
}

/* Does process @pid hold the terminal @devpath, number @rdev? */
static bool holds_tty(const char *proc_dir, const char *pid, const char *devpath, dev_t rdev)
{
	char path[PATH_MAX], buf[512];
	unsigned int tty_nr;
	const char *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/fd/0", proc_dir, pid);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		if (strcmp(buf, devpath) == 0)
			return true;
	}
	/* /proc/PID/stat: "pid (comm) state ppid pgrp session tty_nr ..." */
	snprintf(path, sizeof(path), "%s/%s/stat", proc_dir, pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %u", &tty_nr) != 1 || tty_nr == 0)
		return false;
	return ((tty_nr >> 8) & 0xfff) == major(rdev) &&
	       ((tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00)) == minor(rdev);
}

int pw_console_live_check(struct pw_ctx *ctx, const char *proc_dir, bool *running)
{
	char path[PATH_MAX], cmdline[4096];
	struct dirent *de;
	struct stat st;
	DIR *d;

	*running = false;
	if (!pw_root_is_host(ctx->root) || !ctx->have_profile)
		return 1;
	if (pw_root_stat(ctx->root, "/dev", &st) < 0)
		return 1;
	snprintf(path, sizeof(path), "/dev/%s", ctx->profile.console);
	if (pw_root_stat(ctx->root, path, &st) < 0 || !S_ISCHR(st.st_mode))
		return 1;
	d = opendir(proc_dir);
	if (!d)
		return -errno;
	while (!*running && (de = readdir(d))) {
		ssize_t n;
		int fd;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "%s/%s/cmdline", proc_dir, de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue; /* gone meanwhile */
		n = read(fd, cmdline, sizeof(cmdline) - 1);
		close(fd);
		if (n <= 0)
			continue;
		cmdline[n] = '\0';
		snprintf(path, sizeof(path), "/dev/%s", ctx->profile.console);
		*running = getty_on(cmdline, (size_t)n, ctx->profile.console,
				    holds_tty(proc_dir, de->d_name, path, st.st_rdev));
	}
	closedir(d);
	return 0;
}
