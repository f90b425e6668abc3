/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running a command inside the guest (apt-get, update-grub): chroot into
 * the root, with /proc, /sys and /dev mounted for the run only. The mounts
 * are made in a private mount namespace of the child, so they end with it,
 * whatever way it ends: no mount is ever left behind.
 *
 * A guest whose filesystem sits on a loop device gets its own small /dev,
 * where the disk has a non-loop name (/dev/xvda), and is mounted again from
 * that name: grub-probe then finds a device it understands, instead of
 * following /dev/loopN to an image file outside the chroot. The name is a
 * whole disk's, not a partition's (xvda1): for a partition, grub-probe
 * (grub legacy's update-grub calls it) looks for its disk's partition table,
 * which a loop device of one filesystem does not have.
 */
#ifndef PW_RUN_H
#define PW_RUN_H

#include <stdbool.h>
#include <stddef.h>

struct pw_root;

struct pw_run {
	const char *const *argv;	/* inside the guest; argv[0] a full path */
	const char *const *env;		/* extra NAME=value, or NULL */
	/* fd number the child gets for a progress channel (APT::Status-Fd), or 0 */
	int status_fd;
	void (*on_status)(void *data, const char *line);
	void (*on_output)(void *data, const char *line); /* stdout and stderr */
	void *data;
	int exit_status;		/* the command's, or 128+signal */
	char last_error[512];		/* last "E: " line, else the last line */
};

/* 0 when the command ran (see exit_status), negative errno when it could not. */
int pw_run_in_guest(struct pw_root *root, struct pw_run *run);

#endif /* PW_RUN_H */
