// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * File I/O for the transaction: whole reads and writes, and the atomic
 * replace (temporary file beside the target, fsync, rename, fsync of the
 * directory) that every write, backup copy and restore goes through.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pw-root.h"
#include "pw-text.h"
#include "txn-private.h"

/* ---- small file helpers -------------------------------------------- */

int pw_fio_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read a whole regular file, any bytes. */
int pw_fio_read_all(struct pw_root *root, const char *path, char **data, size_t *len,
		    struct stat *st)
{
	int fd = pw_root_open(root, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
	size_t used = 0;
	char *buf;

	*data = NULL;
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	if (!S_ISREG(st->st_mode) || st->st_size > BACKUP_FILE_MAX) {
		close(fd);
		return S_ISREG(st->st_mode) ? PW_ETOOBIG : PW_ENOTREG;
	}
	buf = malloc((size_t)st->st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (used < (size_t)st->st_size) {
		ssize_t n = read(fd, buf + used, (size_t)st->st_size - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? -errno : -EIO;

			free(buf);
			close(fd);
			return e;
		}
		used += (size_t)n;
	}
	close(fd);
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}

/* Split a guest path into its directory (opened for fsync) and last name. */
int pw_fio_open_parent(struct pw_root *root, const char *path, const char **name)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (!slash || slash[1] == '\0')
		return -EINVAL;
	*name = slash + 1;
	pw_copy(dir, sizeof(dir), path, slash == path ? 1 : (size_t)(slash - path));
	return pw_root_open(root, dir, O_RDONLY | O_DIRECTORY, 0);
}

/*
 * Atomically make @path (already resolved, see pw_root_realpath) hold @data
 * with @mode, @uid, @gid: temporary file beside it, fsync, rename, fsync dir.
 */
int pw_fio_replace(struct pw_root *root, const char *path, const void *data, size_t len,
			  mode_t mode, uid_t uid, gid_t gid, const struct timespec *times)
{
	char tmp[NAME_MAX + 1];
	const char *name;
	int dirfd, fd, ret;

	dirfd = pw_fio_open_parent(root, path, &name);
	if (dirfd < 0)
		return dirfd;
	/* one writer at a time (the lock): a fixed name, so a killed run's is reused */
	snprintf(tmp, sizeof(tmp), ".%.200s" TMP_SUFFIX, name);
	unlinkat(dirfd, tmp, 0);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		ret = -errno;
		close(dirfd);
		return ret;
	}
	ret = pw_fio_write_all(fd, data, len);
	/* root keeps the owner; others can only own what they write */
	if (!ret && fchown(fd, uid, gid) < 0 && !(errno == EPERM && uid == getuid()))
		ret = -errno;
	if (!ret && fchmod(fd, mode & 07777) < 0)
		ret = -errno;
	/* a backup copy keeps the file's times, and a restored file gets them back */
	if (!ret && times && futimens(fd, times) < 0)
		ret = -errno;
	if (!ret && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && !ret)
		ret = -errno;
	if (!ret && renameat(dirfd, tmp, dirfd, name) < 0)
		ret = -errno;
	if (ret)
		unlinkat(dirfd, tmp, 0);
	else if (fsync(dirfd) < 0)
		ret = -errno;
	close(dirfd);
	return ret;
}

int pw_fio_sync_parent(struct pw_root *root, const char *path)
{
	const char *name;
	int dirfd = pw_fio_open_parent(root, path, &name), ret = 0;

	if (dirfd < 0)
		return dirfd;
	if (fsync(dirfd) < 0)
		ret = -errno;
	close(dirfd);
	return ret;
}

/* Atomically make @path (resolved) a symlink to @target. */
int pw_fio_symlink(struct pw_root *root, const char *path, const char *target)
{
	char tmp[NAME_MAX + 1];
	const char *name;
	int dirfd, ret = 0;

	dirfd = pw_fio_open_parent(root, path, &name);
	if (dirfd < 0)
		return dirfd;
	snprintf(tmp, sizeof(tmp), ".%.200s" TMP_SUFFIX, name);
	unlinkat(dirfd, tmp, 0);
	if (symlinkat(target, dirfd, tmp) < 0 || renameat(dirfd, tmp, dirfd, name) < 0) {
		ret = -errno;
		unlinkat(dirfd, tmp, 0);
	} else if (fsync(dirfd) < 0) {
		ret = -errno;
	}
	close(dirfd);
	return ret;
}

void pw_utc_stamp(char *buf, size_t size, const char *fmt)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, size, fmt, &tm);
}
