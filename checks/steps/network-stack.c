// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which network stack will configure the primary card at the next boot.
 *
 * What decides is what runs at boot, not what is on the disk: a package
 * installed (dpkg status) and, under systemd, its unit enabled by the
 * owner (a link in /etc/systemd/system/ *.wants; the presets under
 * /lib/systemd/system only say what a fresh install would enable), then
 * the configuration it reads:
 *
 * - netplan has no daemon: its systemd generator turns the YAML into the
 *   renderer's files at every boot, and starts networkd itself for the
 *   definitions it renders there. YAML with definitions puts netplan in
 *   charge, through networkd or NetworkManager.
 * - ifupdown brings up what /etc/network/interfaces names (networking
 *   service, or udev for allow-hotplug).
 * - systemd-networkd, enabled, configures what a .network file matches.
 * - NetworkManager, enabled, takes every card, but with Debian's
 *   ifupdown plugin set to "managed=false" (its default) it leaves the
 *   cards of /etc/network/interfaces to ifupdown.
 */
#include <errno.h>
#include <iniparser.h>
#include <stdio.h>
#include <string.h>

#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-netstack.h"
#include "pw-root.h"
#include "pw-text.h"
#include "network.h"

/* The first name of @dir ending in @suffix, as "dir/name"; false if none. */
static bool first_file(struct pw_root *root, const char *dir, const char *suffix, char *out,
		       size_t size)
{
	char **names = NULL;
	size_t n = 0;

	n = pw_net_list_names(root, dir, suffix, &names);
	if (n == 0)
		return false;
	snprintf(out, size, "%s/%s", dir, names[0]);
	pw_names_free(names, n);
	return true;
}

bool pw_unit_enabled(struct pw_root *root, const char *unit)
{
	char **names = NULL, path[512], target[64];
	size_t n = 0;
	bool found = false;
	struct stat st;

	snprintf(path, sizeof(path), "/etc/systemd/system/%s", unit);
	if (pw_root_readlink(root, path, target, sizeof(target)) == 0 &&
	    strcmp(target, "/dev/null") == 0)
		return false;
	n = pw_net_list_names(root, "/etc/systemd/system", ".wants", &names);
	for (size_t i = 0; i < n && !found; i++) {
		snprintf(path, sizeof(path), "/etc/systemd/system/%s/%s", names[i], unit);
		found = pw_root_lstat(root, path, &st) == 0;
	}
	pw_names_free(names, n);
	return found;
}

/* Installed, by dpkg; where dpkg's status cannot tell, by the program's file. */
static bool installed(const struct pw_ctx *ctx, const char *package, const char *program)
{
	if (!ctx->dpkg.error && ctx->dpkg.packages > 0)
		return pw_dpkg_installed(&ctx->dpkg, package);
	return pw_root_exists(ctx->root, program);
}

/* NetworkManager.conf, then conf.d in name order: the last [ifupdown] managed= wins. */
static bool nm_leaves_ifupdown(struct pw_root *root)
{
	static const char *const dirs[] = { "/usr/lib/NetworkManager/conf.d",
					    "/etc/NetworkManager/conf.d" };
	bool leaves = true; /* NetworkManager's default: managed=false */
	char path[512];

	for (size_t d = 0; d <= ARRAY_SIZE(dirs); d++) {
		char **names = NULL;
		size_t n = 1;

		if (d > 0)
			n = pw_net_list_names(root, dirs[d - 1], ".conf", &names);
		for (size_t i = 0; i < n; i++) {
			struct pw_error err = { 0 };
			dictionary *dict;

			if (d == 0)
				snprintf(path, sizeof(path), "/etc/NetworkManager/NetworkManager.conf");
			else
				snprintf(path, sizeof(path), "%s/%s", dirs[d - 1], names[i]);
			if (pw_ini_load(root, path, &dict, &err) != 0)
				continue;
			if (iniparser_find_entry(dict, "ifupdown:managed"))
				leaves = !iniparser_getboolean(dict, "ifupdown:managed", 0);
			pw_ini_free(dict);
		}
		if (d > 0)
			pw_names_free(names, n);
	}
	return leaves;
}

/* A .network file in the directories networkd reads that the owner (or a tool) wrote. */
static bool networkd_file(struct pw_root *root, char *out, size_t size)
{
	/* /lib's are systemd's own examples and container files */
	return first_file(root, "/etc/systemd/network", ".network", out, size) ||
	       first_file(root, "/run/systemd/network", ".network", out, size);
}

/* What is installed and enabled, and whether ifupdown configures a card. */
static void probe_installed(struct pw_ctx *ctx, struct pw_netstack *ns)
{
	struct pw_ifaces ifs;
	const struct pw_iface *primary = NULL;

	memset(ns, 0, sizeof(*ns));
	ns->have_ifupdown = installed(ctx, "ifupdown", "/sbin/ifup") ||
			    pw_dpkg_installed(&ctx->dpkg, "ifupdown2");
	ns->have_netplan = installed(ctx, "netplan.io", "/usr/sbin/netplan");
	/* networkd is part of the systemd package, before and after Debian 13 */
	ns->have_networkd = installed(ctx, "systemd", "/lib/systemd/systemd-networkd");
	ns->have_nm = installed(ctx, "network-manager", "/usr/sbin/NetworkManager");
	ns->networkd_enabled = ns->have_networkd &&
			       (pw_unit_enabled(ctx->root, "systemd-networkd.service") ||
				pw_unit_enabled(ctx->root, "systemd-networkd.socket"));
	ns->nm_enabled = ns->have_nm && pw_unit_enabled(ctx->root, "NetworkManager.service");
	ns->nm_leaves_ifupdown = nm_leaves_ifupdown(ctx->root);

	pw_net_ifaces_init(ctx, &ifs);
	if (pw_ifaces_load(&ifs, PW_IFACES_FILE) == 0)
		primary = pw_ifaces_primary(&ifs);
	ns->ifupdown_iface = primary != NULL;
	pw_ifaces_free(&ifs);
}

/* The stack that configures the primary card at the next boot. */
static void decide_stack(struct pw_ctx *ctx, struct pw_netstack *ns)
{
	struct pw_netplan np;
	char files[64][160], nd[160] = "";
	size_t nfiles = 0;

	/* netplan with files but no definition leaves a card of ifupdown's to it */
	if (ns->have_netplan &&
	    pw_netplan_load(ctx->root, &np, files, &nfiles, ARRAY_SIZE(files)) <= 0 &&
	    nfiles > 0 && (np.ndefs > 0 || np.error.file[0] || !ns->ifupdown_iface)) {
		const struct pw_np_def *def = np.ndefs ? &np.defs[0] : NULL;

		ns->stack = PW_STACK_NETPLAN;
		ns->renderer = np.error.problem ? PW_NP_NETWORKD : pw_netplan_renderer(&np, def);
		pw_copy(ns->file, sizeof(ns->file), def ? def->file : files[0],
			strlen(def ? def->file : files[0]));
	} else if (ns->have_ifupdown && ns->ifupdown_iface) {
		ns->stack = PW_STACK_IFUPDOWN;
		strcpy(ns->file, PW_IFACES_FILE);
	} else if (ns->networkd_enabled && networkd_file(ctx->root, nd, sizeof(nd))) {
		ns->stack = PW_STACK_NETWORKD;
		pw_copy(ns->file, sizeof(ns->file), nd, strlen(nd));
	} else if (ns->nm_enabled) {
		ns->stack = PW_STACK_NM;
		if (!first_file(ctx->root, "/etc/NetworkManager/system-connections",
				".nmconnection", ns->file, sizeof(ns->file)))
			strcpy(ns->file, "/etc/NetworkManager/NetworkManager.conf");
	}
}

/* A second stack that would take the same card. */
static void find_rival(struct pw_ctx *ctx, struct pw_netstack *ns)
{
	char nd[160] = "";

	if (ns->stack != PW_STACK_IFUPDOWN && ns->have_ifupdown && ns->ifupdown_iface &&
	    !(ns->stack == PW_STACK_NM && ns->nm_leaves_ifupdown)) {
		ns->rival = PW_STACK_IFUPDOWN;
		strcpy(ns->rival_file, PW_IFACES_FILE);
	} else if (ns->stack == PW_STACK_IFUPDOWN && ns->nm_enabled && !ns->nm_leaves_ifupdown) {
		ns->rival = PW_STACK_NM;
		strcpy(ns->rival_file, "/etc/NetworkManager/NetworkManager.conf");
	} else if ((ns->stack == PW_STACK_IFUPDOWN || ns->stack == PW_STACK_NM ||
		    (ns->stack == PW_STACK_NETPLAN && ns->renderer == PW_NP_NM)) &&
		   ns->networkd_enabled && networkd_file(ctx->root, nd, sizeof(nd))) {
		ns->rival = PW_STACK_NETWORKD;
		pw_copy(ns->rival_file, sizeof(ns->rival_file), nd, strlen(nd));
	} else if (ns->stack == PW_STACK_NETWORKD && ns->nm_enabled) {
		/*
		 * NetworkManager takes every card it is not told to leave
		 * (netplan tells it so for what it renders to networkd).
		 */
		ns->rival = PW_STACK_NM;
		strcpy(ns->rival_file, "/etc/NetworkManager/NetworkManager.conf");
	}
}

void pw_netstack_probe(struct pw_ctx *ctx, struct pw_netstack *ns)
{
	probe_installed(ctx, ns);
	decide_stack(ctx, ns);
	find_rival(ctx, ns);
}

const char *pw_stack_name(enum pw_stack stack, enum pw_np_renderer renderer)
{
	switch (stack) {
	case PW_STACK_IFUPDOWN:
		return N_("ifupdown");
	case PW_STACK_NETPLAN:
		return renderer == PW_NP_NM ? N_("netplan (through NetworkManager)")
					    : N_("netplan (through systemd-networkd)");
	case PW_STACK_NETWORKD:
		return N_("systemd-networkd");
	case PW_STACK_NM:
		return N_("NetworkManager");
	case PW_STACK_NONE:
		break;
	}
	return N_("nothing");
}

/* "X configures the network at boot (F)." and a rival, if any. */
static void say_stack(struct pw_result *r, const struct pw_netstack *ns)
{
	if (ns->stack == PW_STACK_NONE)
		return;
	pw_result_add_phrase(r, PW_OK, N_("The network stack in charge at boot is %s (%s)."),
			     pw_stack_name(ns->stack, ns->renderer), ns->file);
	if (ns->rival == PW_STACK_IFUPDOWN)
		pw_result_add(r, PW_WARN, N_("ifupdown is installed too and %s configures a card: "
					     "two stacks would fight over it at boot. Remove that "
					     "card's stanza from %s (or remove ifupdown)."),
			      ns->rival_file, ns->rival_file);
	else if (ns->rival == PW_STACK_NM)
		pw_result_add(r, PW_WARN, N_("NetworkManager is enabled too and may take the same "
					     "card at boot: two stacks would fight over it. Set "
					     "\"managed=false\" in the [ifupdown] section of %s, or "
					     "list the card under unmanaged-devices, or disable "
					     "NetworkManager."), ns->rival_file);
	else if (ns->rival == PW_STACK_NETWORKD)
		pw_result_add(r, PW_WARN, N_("systemd-networkd is enabled too, and %s may match the "
					     "same card: two stacks would fight over it at boot. "
					     "Remove that file, or disable systemd-networkd."),
			      ns->rival_file);
}

bool pw_netstack_inspect(struct pw_ctx *ctx, struct pw_result *r, const struct pw_net_pv *pv)
{
	struct pw_netstack ns;

	pw_netstack_probe(ctx, &ns);
	say_stack(r, &ns);
	if (ns.stack == PW_STACK_IFUPDOWN || ns.stack == PW_STACK_NETPLAN)
		pw_cloudinit_inspect(ctx, r);
	switch (ns.stack) {
	case PW_STACK_NETPLAN:
		pw_inspect_netplan(ctx, r, &ns, pv);
		return true;
	case PW_STACK_NETWORKD:
	case PW_STACK_NM:
		pw_result_add_phrase(r, PW_BLOCKED, N_("This wizard cannot yet change the configuration "
						       "of %s. Under ParaVM the network card will be "
						       "called %s and needs a static address: configure "
						       "that by hand."),
				     pw_stack_name(ns.stack, ns.renderer), pv->name);
		return true;
	case PW_STACK_IFUPDOWN:
	case PW_STACK_NONE:
		break;
	}
	return false;
}

int pw_netstack_plan(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct pw_netstack ns;

	pw_netstack_probe(ctx, &ns);
	if (ns.stack == PW_STACK_NETPLAN)
		return pw_plan_netplan(ctx, plan, err);
	if (ns.stack == PW_STACK_NETWORKD || ns.stack == PW_STACK_NM) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("This wizard cannot yet change the configuration of %s (%s): configure a static address by hand."),
			     _(pw_stack_name(ns.stack, ns.renderer)), ns.file);
		return -EINVAL;
	}
	return 2;
}

int pw_netstack_prefill(struct pw_ctx *ctx, struct pw_net_config *cfg)
{
	struct pw_netstack ns;

	pw_netstack_probe(ctx, &ns);
	return ns.stack == PW_STACK_NETPLAN ? pw_netplan_prefill(ctx, cfg) : 2;
}
