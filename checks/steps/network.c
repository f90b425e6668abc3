// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step's inspect: the primary interface's stanza in
 * /etc/network/interfaces, and the name the network card will have under
 * ParaVM (network-name.c decides it).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "network.h"
#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-netstack.h"
#include "pw-root.h"
#include "pw-text.h"

/* ---- the inspect -------------------------------------------------------- */

void pw_net_ifaces_init(struct pw_ctx *ctx, struct pw_ifaces *ifs)
{
	const struct pw_dpkg_pkg *p = pw_dpkg_find(&ctx->dpkg, "ifupdown");

	pw_ifaces_init(ifs, ctx->root);
	/* ifupdown2 and no package at all: read as the newest ifupdown does */
	if (p && p->installed && p->version[0])
		pw_ifaces_set_version(ifs, p->version);
}

void pw_net_follow_rename(const struct pw_ifaces *ifs, struct pw_net_pv *pv)
{
	const struct pw_iface_rename *rn = pw_ifaces_rename_of(ifs, pv->name);

	if (!rn || pv->renamed)
		return;
	pv->renamed = true;
	memcpy(pv->renamed_from, pv->name, sizeof(pv->renamed_from));
	pw_copy(pv->name, sizeof(pv->name), rn->to, strlen(rn->to));
	pw_copy(pv->rename_file, sizeof(pv->rename_file), ifs->files[rn->file],
		strlen(ifs->files[rn->file]));
	pv->rename_line = rn->line;
}

/* What else configures the network, when there is no interfaces file. */
static void report_other_config(struct pw_ctx *ctx, struct pw_result *r,
				const struct pw_net_pv *pv)
{
	char **names, path[256];
	size_t n;

	n = pw_net_list_names(ctx->root, "/etc/netplan", ".yaml", &names);
	if (n) {
		snprintf(path, sizeof(path), "/etc/netplan/%s", names[0]);
		pw_names_free(names, n);
		pw_result_add(r, PW_BLOCKED, N_("This guest configures its network with netplan "
						"(%s), not with /etc/network/interfaces, the only "
						"network configuration this wizard can change."),
			      path);
	} else if ((n = pw_net_list_names(ctx->root, "/etc/systemd/network", ".network", &names))) {
		snprintf(path, sizeof(path), "/etc/systemd/network/%s", names[0]);
		pw_names_free(names, n);
		pw_result_add(r, PW_BLOCKED, N_("This guest configures its network with "
						"systemd-networkd (%s), not with "
						"/etc/network/interfaces, the only network "
						"configuration this wizard can change."), path);
	} else if (pw_root_exists(ctx->root, "/etc/NetworkManager/NetworkManager.conf") ||
		   pw_root_exists(ctx->root, "/usr/sbin/NetworkManager")) {
		pw_result_add(r, PW_BLOCKED, N_("This guest configures its network with "
						"NetworkManager, not with /etc/network/interfaces, "
						"the only network configuration this wizard can "
						"change."));
	} else {
		pw_result_add(r, PW_BLOCKED, N_("/etc/network/interfaces does not exist in the "
						"guest, and no other network configuration (netplan, "
						"systemd-networkd, NetworkManager) was found."));
	}
	pw_result_add(r, PW_BLOCKED, N_("Under ParaVM the network card will be called %s and "
					"needs a static address: configure that by hand, or "
					"install ifupdown and describe the card in "
					"/etc/network/interfaces."), pv->name);
}

/* A finding about one stanza's method and values; true if all is well. */
static bool check_stanza(const struct pw_ifaces *ifs, const struct pw_iface *ifc,
			 struct pw_result *r)
{
	const char *name = ifc->name, *file = ifs->files[ifc->file];
	struct pw_iface_static st;
	char addr[16], gw[16], net[16];

	if (strcmp(ifc->method, "dhcp") == 0) {
		pw_result_add(r, PW_TODO, N_("%s gets its address by DHCP, which does not work "
					     "under ParaVM; it needs a static address."), name);
		return false;
	}
	if (strcmp(ifc->method, "manual") == 0) {
		pw_result_add(r, PW_TODO, N_("%s is set to \"inet manual\": ifupdown gives it no "
					     "address and leaves it to some other program, which "
					     "this wizard cannot check; under ParaVM it needs a "
					     "static address."), name);
		return false;
	}
	if (strcmp(ifc->method, "static") != 0) {
		pw_result_add(r, PW_TODO, N_("%s is set to \"inet %s\", which this wizard cannot "
					     "use under ParaVM; it needs a static address."),
			      name, ifc->method);
		return false;
	}

	switch (pw_iface_check_static(ifc, &st)) {
	case PW_STATIC_OK:
		break;
	case PW_STATIC_NO_ADDRESS:
		pw_result_add(r, PW_TODO, N_("%s is set to a static address, but its stanza has "
					     "no address line."), name);
		break;
	case PW_STATIC_BAD_ADDRESS:
		pw_result_add(r, PW_TODO, N_("The address of %s, \"%s\", is not a valid IPv4 "
					     "address."), name, st.bad);
		break;
	case PW_STATIC_NO_NETMASK:
		pw_result_add(r, PW_TODO, N_("%s has no netmask: its stanza has no netmask line, "
					     "and its address no /prefix."), name);
		break;
	case PW_STATIC_BAD_NETMASK:
		pw_result_add(r, PW_TODO, N_("The netmask of %s, \"%s\", is not a valid netmask."),
			      name, st.bad);
		break;
	case PW_STATIC_ADDRESS_NOT_HOST:
		pw_result_add(r, PW_TODO, N_("The address of %s, %s, is the network or broadcast "
					     "address of its subnet, which no machine can have."),
			      name, st.bad);
		break;
	case PW_STATIC_NO_GATEWAY:
		pw_result_add(r, PW_TODO, N_("%s has no gateway, so the VM could reach nothing "
					     "outside its own subnet."), name);
		break;
	case PW_STATIC_BAD_GATEWAY:
		pw_result_add(r, PW_TODO, N_("The gateway of %s, \"%s\", is not a valid IPv4 "
					     "address."), name, st.bad);
		break;
	case PW_STATIC_GATEWAY_OUTSIDE:
		pw_ipv4_format((struct pw_ipv4){ st.address.addr & st.netmask.addr }, net);
		pw_result_add(r, PW_TODO, N_("The gateway of %s, %s, is outside its subnet, "
					     "%s/%d."), name, st.bad, net, st.prefix);
		break;
	case PW_STATIC_GATEWAY_NOT_HOST:
		pw_result_add(r, PW_TODO, N_("The gateway of %s, %s, cannot be used: it is the "
					     "address itself, or the network or broadcast address of "
					     "the subnet."), name, st.bad);
		break;
	case PW_STATIC_PREFIX:
		pw_result_add(r, PW_TODO, N_("The netmask of %s, /%d, leaves no room for a network "
					     "with a gateway; it is usually between /8 and /30 "
					     "(255.255.0.0 is /16)."), name, st.prefix);
		break;
	case PW_STATIC_NO_IPV4_NAMESERVER:
		pw_result_add(r, PW_TODO, N_("The name servers of %s, \"%s\", are all IPv6; the VM "
					     "gets an IPv4 address only, so it needs at least one "
					     "IPv4 name server."), name, st.bad);
		break;
	case PW_STATIC_BAD_NAMESERVER:
		pw_result_add(r, PW_TODO, N_("The name server \"%s\" of %s is not a valid IP "
					     "address."), st.bad, name);
		break;
	}
	if (st.problem != PW_STATIC_OK) {
		pw_result_add(r, PW_TODO, N_("That stanza is in %s, line %u."), file,
			      ifc->first_line);
		return false;
	}
	pw_ipv4_format(st.address, addr);
	pw_ipv4_format(st.gateway, gw);
	if (!pw_ifaces_at_boot(ifs, name)) {
		pw_result_add(r, PW_TODO, N_("%s has the static address %s/%d, but nothing brings "
					     "it up at boot: it needs an \"auto %s\" line."),
			      name, addr, st.prefix, name);
		return false;
	}
	pw_result_add(r, PW_OK, N_("%s has the static address %s/%d with gateway %s."), name,
		      addr, st.prefix, gw);
	return true;
}

/* Is the static stanza of @ifc complete and valid (no finding added)? */
static bool static_ok(const struct pw_iface *ifc)
{
	struct pw_iface_static st;

	return strcmp(ifc->method, "static") == 0 && pw_iface_check_static(ifc, &st) == PW_STATIC_OK;
}

static void check_names(struct pw_result *r, const struct pw_ifaces *ifs,
			const struct pw_iface *primary, const struct pw_net_pv *pv, bool guessed)
{
	const struct pw_iface *target;

	if (guessed)
		pw_result_add(r, PW_WARN, N_("The version of udev could not be read from the dpkg "
					     "status, so the name of the network card under ParaVM "
					     "is a guess: %s."), pv->name);
	if (strcmp(primary->name, pv->name) == 0) {
		check_stanza(ifs, primary, r);
		if (pv->source == PW_PVNAME_KERNEL && !pv->renamed)
			pw_result_add(r, PW_OK, N_("Under ParaVM the network card keeps the name "
						   "%s."), pv->name);
		else
			pw_net_pv_explain(r, PW_OK, pv);
	} else if ((target = pw_ifaces_find(ifs, pv->name, "inet"))) {
		pw_result_add(r, PW_OK, N_("Under ParaVM the network card will be called %s, not "
					   "%s as now."), pv->name, primary->name);
		pw_net_pv_explain(r, PW_OK, pv);
		if (check_stanza(ifs, target, r))
			pw_result_add(r, PW_OK, N_("%s stays configured for the way back to HVM."),
				      primary->name);
	} else if (static_ok(primary)) {
		pw_result_add(r, PW_TODO, N_("Under ParaVM the network card will be called %s, but "
					     "only %s is configured: the VM would come up without "
					     "its address."), pv->name, primary->name);
		pw_net_pv_explain(r, PW_TODO, pv);
		pw_result_add(r, PW_TODO, N_("%s needs a stanza with the same static address."),
			      pv->name);
	} else {
		check_stanza(ifs, primary, r);
		pw_result_add(r, PW_TODO, N_("Under ParaVM the network card will be called %s, and "
					     "no stanza configures that name: the VM would come up "
					     "without an address."), pv->name);
		pw_net_pv_explain(r, PW_TODO, pv);
	}

	if (pv->conflict)
		pw_result_add(r, PW_TODO, N_("%s, line %u, gives the name %s only to the emulated "
					     "network card (driver %s, MAC address %s). Under ParaVM "
					     "the Xen network card matches no rule, and udev may "
					     "name it eth1, which has no address; that rule needs "
					     "DRIVERS==\"?*\" instead of its driver, or to go."),
			      pv->conflict_file, pv->conflict_line, pv->name, pv->conflict_driver,
			      pv->conflict_mac);
}

/* ifupdown reads the file; without it (and dpkg says so), nothing does. */
static void check_ifupdown(struct pw_ctx *ctx, struct pw_result *r)
{
	const struct pw_dpkg_pkg *p = pw_dpkg_find(&ctx->dpkg, "ifupdown");
	const struct pw_dpkg_pkg *p2 = pw_dpkg_find(&ctx->dpkg, "ifupdown2");

	if (ctx->dpkg.error || ctx->dpkg.packages == 0 || !p || p->installed ||
	    (p2 && p2->installed))
		return;
	pw_result_add(r, PW_WARN, N_("The dpkg status shows no ifupdown package, so nothing "
				     "may read /etc/network/interfaces at boot; install "
				     "ifupdown."));
}

void pw_inspect_network(struct pw_ctx *ctx, struct pw_result *r)
{
	struct pw_ifaces ifs;
	struct pw_net_pv pv;
	const struct pw_iface *primary;
	struct stat st;
	int guessed, ret;

	guessed = pw_net_pv_probe(ctx, &pv);
	if (pw_netstack_inspect(ctx, r, &pv))
		return; /* netplan, systemd-networkd, NetworkManager */
	pw_net_ifaces_init(ctx, &ifs);
	ret = pw_ifaces_load(&ifs, PW_IFACES_FILE);
	if (ret == -ENOENT && ifs.nfiles == 0) {
		char target[256];

		/* a link that leads nowhere inside the guest is not "no file" */
		if (pw_root_lstat(ctx->root, PW_IFACES_FILE, &st) == 0 &&
		    pw_root_readlink(ctx->root, PW_IFACES_FILE, target, sizeof(target)) == 0)
			pw_result_add(r, PW_BLOCKED, N_("%s is a symbolic link to %s, which does "
							"not exist in the guest."),
				      PW_IFACES_FILE, target);
		else if (pw_root_lstat(ctx->root, PW_IFACES_FILE, &st) == 0)
			pw_result_file_problem(r, PW_BLOCKED, PW_IFACES_FILE, ret);
		else
			report_other_config(ctx, r, &pv);
		goto out;
	}
	if (ret < 0) {
		pw_ifaces_report_error(&ifs.error, r, PW_BLOCKED);
		goto out;
	}
	check_ifupdown(ctx, r);
	pw_net_follow_rename(&ifs, &pv);
	primary = pw_ifaces_primary(&ifs);
	if (!primary) {
		pw_result_add(r, PW_TODO, N_("/etc/network/interfaces configures no network card "
					     "for IPv4 (only lo, if anything). Under ParaVM the "
					     "card will be called %s, and it needs a static "
					     "address."), pv.name);
		goto out;
	}
	check_names(r, &ifs, primary, &pv, guessed == 1);
out:
	pw_ifaces_free(&ifs);
}
