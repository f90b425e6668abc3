/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The filesystem that holds a directory of the guest, as libblkid reads it
 * from its block device: the UUID that root=UUID= and fstab's UUID= name.
 */
#ifndef PW_BLKID_H
#define PW_BLKID_H

#include <stddef.h>

struct pw_root;

struct pw_fsinfo {
	char device[64];	/* the block device, as the host names it */
	char uuid[64];
	char label[64];
	char type[32];		/* ext3, ext4, xfs ... */
};

/*
 * Probe the filesystem mounted at guest directory @dir ("/", "/boot").
 * 0 found; -ENOTBLK when @dir is no filesystem of its own (a guest that is
 * just a folder of the host: its UUID would be the host's); -ENODATA when
 * the filesystem has no UUID; other negative errno on failure.
 */
int pw_blkid_probe_dir(struct pw_root *root, const char *dir, struct pw_fsinfo *info);

#endif /* PW_BLKID_H */
