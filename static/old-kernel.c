// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Flags older kernels do not know, for the static program, which runs on
 * Linux 2.6.18 (etch): open, openat and fcntl are wrapped (the link gives
 * -Wl,--wrap=open,--wrap=openat,--wrap=fcntl).
 *
 * - O_PATH (2.6.39) is ignored there: the file would be opened for reading,
 *   and a FIFO would block. Where the kernel does not keep O_PATH (probed
 *   once), it is opened O_RDONLY | O_NONBLOCK | O_NOCTTY instead: the fd is
 *   only ever used as a directory or for fstat, as an O_PATH fd can be.
 * - O_CLOEXEC (2.6.23) is ignored there: FD_CLOEXEC is set after the open.
 *   (musl's own open does so; its openat does not.)
 * - F_DUPFD_CLOEXEC (2.6.24) fails with EINVAL there: F_DUPFD, then
 *   FD_CLOEXEC.
 *
 * PARAVM_WIZARD_OLD_KERNEL=1 takes these ways on any kernel, for the tests
 * (tests/guest/old-kernel answers ENOSYS for the newer calls, but cannot
 * make a new kernel ignore a flag).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __real_open(const char *path, int flags, ...);
int __real_openat(int dirfd, const char *path, int flags, ...);
int __real_fcntl(int fd, int cmd, ...);
int __wrap_open(const char *path, int flags, ...);
int __wrap_openat(int dirfd, const char *path, int flags, ...);
int __wrap_fcntl(int fd, int cmd, ...);

static int old = -1;

/* Does the kernel ignore O_PATH? Then it is older than 2.6.39. */
static bool old_kernel(void)
{
	const char *forced;
	int fd, fl;

	if (old >= 0)
		return old;
	forced = getenv("PARAVM_WIZARD_OLD_KERNEL");
	if (forced && strcmp(forced, "1") == 0)
		return (old = 1);
	fd = __real_open("/", O_PATH | O_DIRECTORY);
	fl = fd >= 0 ? __real_fcntl(fd, F_GETFL) : -1;
	if (fd >= 0)
		close(fd);
	old = fl >= 0 && !(fl & O_PATH);
	return old;
}

static int flags_for_kernel(int flags)
{
	if ((flags & O_PATH) && old_kernel())
		flags = (flags & ~(O_PATH | O_ACCMODE)) | O_RDONLY | O_NONBLOCK | O_NOCTTY;
	return flags;
}

static int after_open(int fd, int flags)
{
	if (fd >= 0 && (flags & O_CLOEXEC) && old_kernel())
		__real_fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* open's third argument, which is there only with O_CREAT or O_TMPFILE */
static mode_t mode_of(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return (mode_t)va_arg(ap, int);
	return 0;
}

int __wrap_open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_of(flags, ap);
	va_end(ap);
	flags = flags_for_kernel(flags);
	return after_open(__real_open(path, flags, mode), flags);
}

int __wrap_openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_of(flags, ap);
	va_end(ap);
	return after_open(__real_openat(dirfd, path, flags_for_kernel(flags), mode),
			  flags_for_kernel(flags));
}

int __wrap_fcntl(int fd, int cmd, ...)
{
	unsigned long arg;
	va_list ap;
	int ret;

	va_start(ap, cmd);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	if (cmd != F_DUPFD_CLOEXEC)
		return __real_fcntl(fd, cmd, arg);
	if (!old_kernel()) {
		ret = __real_fcntl(fd, cmd, arg);
		if (ret >= 0 || errno != EINVAL)
			return ret;
	}
	ret = __real_fcntl(fd, F_DUPFD, arg);
	if (ret >= 0)
		__real_fcntl(ret, F_SETFD, FD_CLOEXEC);
	return ret;
}
