/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the network step's files share among themselves (checks/steps/network*.c). */
#ifndef PW_STEPS_NETWORK_H
#define PW_STEPS_NETWORK_H

#include <stddef.h>

struct pw_ctx;
struct pw_ifaces;
struct pw_net_pv;
struct pw_root;

/* Start reading the guest's interfaces as its own ifupdown version does. */
void pw_net_ifaces_init(struct pw_ctx *ctx, struct pw_ifaces *ifs);

/* Follow a "rename" line of @ifs for the card's name under ParaVM, if one applies. */
void pw_net_follow_rename(const struct pw_ifaces *ifs, struct pw_net_pv *pv);

/* A guest text file, or NULL (absent, unreadable: the caller goes on). */
char *pw_net_read_guest(struct pw_root *root, const char *path, size_t *len);
/* Names in folder @dir ending in @suffix, sorted; none if it cannot be read. */
size_t pw_net_list_names(struct pw_root *root, const char *dir, const char *suffix,
			 char ***names);

#endif /* PW_STEPS_NETWORK_H */
