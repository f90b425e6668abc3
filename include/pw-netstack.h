/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which network stack configures the primary card at the next boot, and
 * the network step's inspect and plan for the stacks other than ifupdown.
 */
#ifndef PW_NETSTACK_H
#define PW_NETSTACK_H

#include "pw-model.h"
#include "pw-netplan.h"

struct pw_net_config;
struct pw_net_pv;
struct pw_plan;

enum pw_stack {
	PW_STACK_NONE = 0,
	PW_STACK_IFUPDOWN,
	PW_STACK_NETPLAN,
	PW_STACK_NETWORKD,
	PW_STACK_NM,
};

struct pw_netstack {
	enum pw_stack stack;		/* in charge of the primary card */
	enum pw_np_renderer renderer;	/* netplan's, for that card */
	char file[160];			/* the file that says so */
	/* a second stack that will configure the same card */
	enum pw_stack rival;
	char rival_file[160];
	/* what the guest has: installed (dpkg) and enabled (systemd links) */
	bool have_ifupdown, have_netplan, have_networkd, have_nm;
	bool networkd_enabled, nm_enabled;
	bool nm_leaves_ifupdown;	/* NetworkManager.conf [ifupdown] managed=false */
	bool ifupdown_iface;		/* /etc/network/interfaces configures a card */
};

void pw_netstack_probe(struct pw_ctx *ctx, struct pw_netstack *ns);
/* Is @unit enabled by a link in some /etc/systemd/system/X.wants, and not masked? */
bool pw_unit_enabled(struct pw_root *root, const char *unit);
/* "netplan (rendered by systemd-networkd)": for messages, in English (N_()). */
const char *pw_stack_name(enum pw_stack stack, enum pw_np_renderer renderer);

/*
 * The network step's hooks: the stack in charge named, a rival warned of;
 * for a stack other than ifupdown, the whole inspect (true: done; false:
 * ifupdown's inspect goes on).
 */
bool pw_netstack_inspect(struct pw_ctx *ctx, struct pw_result *r, const struct pw_net_pv *pv);
/* The plan for a stack other than ifupdown: 0, 1 nothing to do, negative; 2: not ours. */
int pw_netstack_plan(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);

/* The network screen's values, as pw_net_prefill: 0, 1 incomplete, 2 not ours. */
int pw_netstack_prefill(struct pw_ctx *ctx, struct pw_net_config *cfg);
int pw_netplan_prefill(struct pw_ctx *ctx, struct pw_net_config *cfg);

/* netplan's files, every one netplan reads, merged: 0, or negative with @r told why. */
int pw_netplan_load(struct pw_root *root, struct pw_netplan *np, char files[][160],
		    size_t *nfiles, size_t max);
void pw_inspect_netplan(struct pw_ctx *ctx, struct pw_result *r, const struct pw_netstack *ns,
			const struct pw_net_pv *pv);
int pw_plan_netplan(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);

/*
 * cloud-init rendering the network at boot: a finding; and the file that
 * turns that off added to @plan. @ret is the plan's result so far (1:
 * nothing to do); the new result is returned.
 */
void pw_cloudinit_inspect(struct pw_ctx *ctx, struct pw_result *r);
int pw_cloudinit_plan(struct pw_ctx *ctx, struct pw_plan *plan, int ret, struct pw_error *err);

#endif /* PW_NETSTACK_H */
