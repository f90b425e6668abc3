// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The data files built into the static program, handed to code that
 * reads files by name: written once to a temporary file that is removed at
 * once, and named by /proc/self/fd/N, as pw_ini_load names files to
 * iniparser. Works on every kernel (no memfd, no O_TMPFILE).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-static.h"

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int unlinked_copy(const struct pw_blob *b)
{
	const char *dirs[] = { getenv("TMPDIR"), "/tmp", "/var/tmp", "/dev/shm", "/run" };
	int ret = -ENOENT;

	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		char tmpl[4096];
		int fd;

		if (!dirs[i] || !*dirs[i])
			continue;
		snprintf(tmpl, sizeof(tmpl), "%s/.paravm-wizard-XXXXXX", dirs[i]);
		fd = mkstemp(tmpl);
		if (fd < 0) {
			ret = -errno;
			continue;
		}
		unlink(tmpl);
		/* O_CLOEXEC may be ignored by an old kernel: the flag itself, then */
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		ret = write_all(fd, b->start, (size_t)(b->end - b->start));
		if (!ret)
			return fd;
		close(fd);
	}
	return ret;
}

int pw_static_file(const char *name, char *path, size_t size)
{
	for (const struct pw_blob *b = pw_blobs; b->name; b++) {
		int fd;

		if (strcmp(b->name, name) != 0)
			continue;
		fd = unlinked_copy(b);
		if (fd < 0)
			return fd;
		snprintf(path, size, "/proc/self/fd/%d", fd);
		return 0;
	}
	return -ENOENT;
}
