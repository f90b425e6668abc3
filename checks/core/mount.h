/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mounts on a guest directory with mount(2), for kernels older than 5.2
 * that have no fsopen/open_tree/move_mount (checks/core/run.c falls back to
 * these on ENOSYS). The directory is found inside the root and named to
 * the kernel by /proc/self/fd/N, so no link in the guest can redirect it.
 */
#ifndef PW_MOUNT_H
#define PW_MOUNT_H

#include <stdbool.h>

struct pw_root;

/* A new @type filesystem on @dir; @attrs are MOUNT_ATTR_* bits, @options key, value pairs. */
int pw_mount_classic_new(struct pw_root *root, const char *dir, const char *type,
			 unsigned int attrs, const char *const *options);
/* The host's @host_dir bound on @dir (with what is mounted below it if @recursive). */
int pw_mount_classic_bind(struct pw_root *root, const char *dir, const char *host_dir,
			  bool recursive);

#endif /* PW_MOUNT_H */
