/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the network step's files share among themselves (checks/steps/network*.c). */
#ifndef PW_STEPS_NETWORK_H
#define PW_STEPS_NETWORK_H

#include <stddef.h>

struct pw_root;

/* A guest text file, or NULL (absent, unreadable: the caller goes on). */
char *pw_net_read_guest(struct pw_root *root, const char *path, size_t *len);
/* Names in folder @dir ending in @suffix, sorted; none if it cannot be read. */
size_t pw_net_list_names(struct pw_root *root, const char *dir, const char *suffix,
			 char ***names);

#endif /* PW_STEPS_NETWORK_H */
