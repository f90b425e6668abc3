// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * From a guest directory to its filesystem's UUID: the directory's st_dev
 * names the block device (/sys/dev/block/MAJ:MIN), libblkid reads it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <blkid.h>

#include "pw-blkid.h"
#include "pw-root.h"
#include "pw-text.h"

/* DEVNAME= of /sys/dev/block/MAJ:MIN/uevent: "loop0", "xvda1". */
static int device_name(dev_t dev, char *out, size_t size)
{
	char path[96], line[256];
	FILE *f;
	int ret = -ENODEV;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/uevent", major(dev), minor(dev));
	f = fopen(path, "re");
	if (!f)
		return -ENOTBLK; /* no block device: tmpfs, overlay, a network fs */
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "DEVNAME=", 8) == 0) {
			size_t len = strcspn(line + 8, "\n");

			if (len + 6 > size)
				break; /* no device name is that long */
			memcpy(out, "/dev/", 5);
			pw_copy(out + 5, size - 5, line + 8, len);
			ret = 0;
			break;
		}
	fclose(f);
	return ret;
}

static void copy_tag(blkid_probe pr, const char *tag, char *out, size_t size)
{
	const char *value = NULL;

	out[0] = '\0';
	if (blkid_probe_lookup_value(pr, tag, &value, NULL) == 0 && value)
		pw_copy(out, size, value, strlen(value));
}

int pw_blkid_probe_dir(struct pw_root *root, const char *dir, struct pw_fsinfo *info)
{
	struct stat self, parent;
	char parent_path[4096];
	blkid_probe pr;
	int fd, ret;

	memset(info, 0, sizeof(*info));
	fd = pw_root_open(root, dir, O_PATH | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	ret = fstat(fd, &self) < 0 ? -errno : 0;
	close(fd);
	if (ret)
		return ret;
	/*
	 * A mount point has another st_dev than its parent. The guest's "/"
	 * is compared with the host directory above it; a guest that is a
	 * plain folder shares the host's device, whose UUID is no answer.
	 */
	if (strcmp(dir, "/") == 0) {
		if (!pw_root_is_host(root)) {
			snprintf(parent_path, sizeof(parent_path), "%s/..", pw_root_path(root));
			if (stat(parent_path, &parent) == 0 && parent.st_dev == self.st_dev)
				return -ENOTBLK;
		}
	} else if (pw_root_stat(root, "/", &parent) == 0 && parent.st_dev == self.st_dev) {
		return -ENOTBLK; /* not a filesystem of its own */
	}
	ret = device_name(self.st_dev, info->device, sizeof(info->device));
	if (ret < 0)
		return ret;
	pr = blkid_new_probe_from_filename(info->device);
	if (!pr)
		return errno ? -errno : -EIO;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_UUID | BLKID_SUBLKS_LABEL |
						  BLKID_SUBLKS_TYPE);
	ret = blkid_do_safeprobe(pr);
	if (ret == 0) {
		copy_tag(pr, "UUID", info->uuid, sizeof(info->uuid));
		copy_tag(pr, "LABEL", info->label, sizeof(info->label));
		copy_tag(pr, "TYPE", info->type, sizeof(info->type));
	}
	blkid_free_probe(pr);
	if (ret != 0)
		return -ENODATA; /* nothing recognised, or ambivalent */
	return info->uuid[0] ? 0 : -ENODATA;
}
