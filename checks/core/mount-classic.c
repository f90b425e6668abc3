// SPDX-License-Identifier: GPL-2.0-or-later
/* Mounts with mount(2), for kernels without the mount API: see mount.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mount.h"
#include "pw-root.h"

static unsigned long ms_flags(unsigned int attrs)
{
	return ((attrs & MOUNT_ATTR_RDONLY) ? MS_RDONLY : 0) |
	       ((attrs & MOUNT_ATTR_NOSUID) ? MS_NOSUID : 0) |
	       ((attrs & MOUNT_ATTR_NODEV) ? MS_NODEV : 0) |
	       ((attrs & MOUNT_ATTR_NOEXEC) ? MS_NOEXEC : 0);
}

/* mount(2) on the guest's @dir, as /proc/self/fd/N of it. */
static int mount_on(struct pw_root *root, const char *dir, const char *source, const char *type,
		    unsigned long flags, const char *data)
{
	char target[64];
	int fd = pw_root_open(root, dir, O_RDONLY | O_DIRECTORY, 0);
	int ret = 0;

	if (fd < 0)
		return fd;
	snprintf(target, sizeof(target), "/proc/self/fd/%d", fd);
	if (mount(source, target, type, flags, data) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

int pw_mount_classic_new(struct pw_root *root, const char *dir, const char *type,
			 unsigned int attrs, const char *const *options)
{
	char data[256] = "";
	size_t len = 0;

	for (size_t i = 0; options && options[i]; i += 2) {
		int n = snprintf(data + len, sizeof(data) - len, "%s%s=%s", len ? "," : "",
				 options[i], options[i + 1]);

		if (n < 0 || (size_t)n >= sizeof(data) - len)
			return -E2BIG;
		len += (size_t)n;
	}
	return mount_on(root, dir, type, type, ms_flags(attrs), len ? data : NULL);
}

int pw_mount_classic_bind(struct pw_root *root, const char *dir, const char *host_dir,
			  bool recursive)
{
	return mount_on(root, dir, host_dir, NULL, MS_BIND | (recursive ? MS_REC : 0), NULL);
}
