// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The console's live test: a getty process on the PV console device, named
 * by its arguments or held as its standard input. Only meaningful inside the running VM; under HVM the
 * device does not exist, and the rerun after the switch tests it.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-console.h"
#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

/*
 * Does the NUL-separated command line run a getty on @dev? A getty named
 * by its arguments, or, given "-" for its line (systemd's
 * serial-getty@.service on Debian 12: "agetty ... - vt220" with
 * TTYPath=), one holding @dev as standard input: @stdin0 is where
 * /proc/PID/fd/0 leads ("" when unknown).
 */
static bool getty_on(const char *cmdline, size_t len, const char *dev, const char *stdin0)
{
	char devpath[32];
	bool is_getty = false, names_dev = false;

	snprintf(devpath, sizeof(devpath), "/dev/%s", dev);
	for (const char *arg = cmdline; arg < cmdline + len; arg += strlen(arg) + 1) {
		const char *base = strrchr(arg, '/');

		base = base ? base + 1 : arg;
		if (arg == cmdline && strstr(base, "getty"))
			is_getty = true;
		else if (strcmp(arg, dev) == 0 || strcmp(arg, devpath) == 0)
			names_dev = true;
	}
	if (strcmp(stdin0, devpath) == 0)
		names_dev = true;
	return is_getty && names_dev;
}

int pw_console_live_check(struct pw_ctx *ctx, const char *proc_dir, bool *running)
{
	char path[PATH_MAX], cmdline[4096], stdin0[64];
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
		ssize_t n, m;
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
		snprintf(path, sizeof(path), "%s/%s/fd/0", proc_dir, de->d_name);
		m = readlink(path, stdin0, sizeof(stdin0) - 1);
		stdin0[m > 0 ? m : 0] = '\0';
		*running = getty_on(cmdline, (size_t)n, ctx->profile.console, stdin0);
	}
	closedir(d);
	return 0;
}
