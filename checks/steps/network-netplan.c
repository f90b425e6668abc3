// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step where netplan is in charge: its files read as netplan
 * reads them, and the change written as a file of the wizard's own that
 * netplan merges over the owner's, which stay as they are.
 *
 * The files: every *.yaml of /lib/netplan, /etc/netplan and /run/netplan;
 * a name in /run hides the same name in /etc and /lib, one in /etc hides
 * /lib; what is left is merged in lexical order of the names, whatever the
 * directory (netplan-generate(8)). So 90-paravm-wizard.yaml comes after the
 * usual 50-cloud-init.yaml and 01-netcfg.yaml, and its "dhcp4: false"
 * replaces their "dhcp4: true" (a scalar of a later file wins; checked
 * with netplan generate 1.1.2 in tests/e2e/trixie-netplan-convert.sh).
 * Addresses, though, add up across files: a definition that has IPv4
 * addresses of its own already cannot be corrected by a later file, and
 * the wizard says what to change by hand instead.
 *
 * The card under ParaVM: the Xen vif keeps the MAC address of the
 * emulated card (both come from the domain's vif= line), so a definition
 * that matches by "macaddress" already covers it (networkd matches the
 * permanent address, which netfront reports as that same one). Otherwise
 * the wizard adds a definition that matches the vif by its driver:
 * "match: driver:" exists in every netplan release and becomes networkd's
 * [Match] Driver= (systemd 2xx, every release netplan runs on); the
 * kernel calls the netfront driver "vif". That holds whatever name udev
 * gives the card. NetworkManager's renderer cannot match on a driver in
 * older netplan, so there the definition is the card's name under ParaVM.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-netstack.h"
#include "pw-plan.h"
#include "pw-resolv.h"
#include "pw-root.h"
#include "pw-text.h"
#include "network.h"

#define OWN_FILE "/etc/netplan/90-paravm-wizard.yaml"
#define OWN_NAME "90-paravm-wizard.yaml"
#define PV_ID "paravm-vif"
#define PV_DRIVER "vif"

static const char *const netplan_dirs[] = { "/lib/netplan", "/etc/netplan", "/run/netplan" };

static int cmp_names(const void *a, const void *b)
{
	return strcmp(strrchr(a, '/') + 1, strrchr(b, '/') + 1);
}

/* The files netplan reads, in its order, with the later directory's copy of a name. */
static size_t netplan_files(struct pw_root *root, char files[][160], size_t max)
{
	size_t count = 0;

	for (size_t d = 0; d < ARRAY_SIZE(netplan_dirs); d++) {
		char **names = NULL;
		size_t n;

		n = pw_net_list_names(root, netplan_dirs[d], ".yaml", &names);
		for (size_t i = 0; i < n; i++) {
			size_t j;

			for (j = 0; j < count; j++)
				if (strcmp(strrchr(files[j], '/') + 1, names[i]) == 0)
					break;
			if (j == count && count == max)
				continue;
			snprintf(files[j], 160, "%s/%s", netplan_dirs[d], names[i]);
			count += j == count;
		}
		pw_names_free(names, n);
	}
	qsort(files, count, sizeof(files[0]), cmp_names);
	return count;
}

/* As pw_netplan_load, leaving out the file named @skip (NULL: none). */
static int load_files(struct pw_root *root, struct pw_netplan *np, char files[][160],
		      size_t *nfiles, size_t max, const char *skip)
{
	pw_netplan_init(np);
	*nfiles = netplan_files(root, files, max);
	for (size_t i = 0; i < *nfiles; i++) {
		char *text;
		size_t len;
		int ret;

		if (skip && strcmp(files[i], skip) == 0)
			continue;
		ret = pw_root_read_text(root, files[i], PW_TEXT_MAX, &text, &len);
		if (ret < 0) {
			pw_copy(np->error.file, sizeof(np->error.file), files[i], strlen(files[i]));
			return ret == -EINVAL ? -EIO : ret;
		}
		ret = pw_netplan_parse(np, files[i], text, len);
		free(text);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int pw_netplan_load(struct pw_root *root, struct pw_netplan *np, char files[][160],
		    size_t *nfiles, size_t max)
{
	return load_files(root, np, files, nfiles, max, NULL);
}

/* Why a file was refused, as a sentence: for findings and for errors alike. */
static void load_problem(const struct pw_netplan *np, int ret, bool english, char *out,
			 size_t size)
{
	const struct pw_np_error *e = &np->error;
	const char *fmt;
	char what[128];

	pw_copy(what, sizeof(what), e->what, strlen(e->what));
	pw_text_printable(what);
	if (ret != -EINVAL || e->problem == PW_NP_OK) {
		fmt = N_("%s cannot be used: %s. Check that file, then run the wizard again.");
		snprintf(out, size, english ? fmt : _(fmt), e->file,
			 english ? pw_root_strerror_en(ret) : pw_root_strerror(ret));
		return;
	}
	switch (e->problem) {
	case PW_NP_SYNTAX:
		fmt = N_("%s, line %u, column %u: netplan cannot read this YAML (%s). Correct it (\"netplan generate\" shows the same), then run the wizard again.");
		break;
	case PW_NP_NOT_MAPPING:
		fmt = what[0] ? N_("%s, line %u, column %u: netplan wants a mapping (\"key: value\" lines) under \"%s\". Correct it, then run the wizard again.")
			      : N_("%s, line %u, column %u: netplan wants a mapping (\"key: value\" lines) at the top of the file%s. Correct it, then run the wizard again.");
		break;
	case PW_NP_DUPLICATE:
		fmt = N_("%s, line %u, column %u: the key \"%s\" is given twice in one place; which one counts is not clear. Remove one, then run the wizard again.");
		break;
	case PW_NP_RENDERER:
		fmt = N_("%s, line %u, column %u: netplan knows no renderer \"%s\" (only networkd and NetworkManager). Correct it, then run the wizard again.");
		break;
	case PW_NP_UNKNOWN_KEY:
		fmt = N_("%s, line %u, column %u: netplan knows no key \"%s\" here. Correct it, then run the wizard again.");
		break;
	default:
		fmt = N_("%s, line %u, column %u: there is more here (%s) than this wizard can read. Configure a static address by hand.");
		break;
	}
	snprintf(out, size, english ? fmt : _(fmt), e->file, e->line, e->column, what);
}

static void report_load(struct pw_result *r, const struct pw_netplan *np, int ret)
{
	char en[PW_MSG_MAX], local[PW_MSG_MAX];

	load_problem(np, ret, true, en, sizeof(en));
	load_problem(np, ret, false, local, sizeof(local));
	if (r->status < PW_BLOCKED)
		r->status = PW_BLOCKED;
	pw_result_append_text(r->message_en, en);
	pw_result_append_text(r->message, local);
}

/* ---- the definitions ------------------------------------------------------ */

static bool names_card(const struct pw_np_def *d, const char *name)
{
	if (strcmp(d->set_name, name) == 0 || strcmp(d->match_name, name) == 0)
		return true;
	return !d->has_match && strcmp(d->id, name) == 0;
}

/*
 * The definition of the primary card: the first Ethernet one, or (@answers)
 * the answers file's interface. The inspect goes by the guest alone, as
 * ifupdown's does; the plan says what is wrong with the answers.
 */
static const struct pw_np_def *primary_def(const struct pw_ctx *ctx, const struct pw_netplan *np,
					   bool answers)
{
	const struct pw_np_def *first = NULL;

	for (size_t i = 0; i < np->ndefs; i++) {
		const struct pw_np_def *d = &np->defs[i];

		if (strcmp(d->kind, "ethernets") != 0 || strcmp(d->id, PV_ID) == 0)
			continue;
		if (answers && ctx->answers.interface[0]) {
			if (names_card(d, ctx->answers.interface) ||
			    strcmp(d->id, ctx->answers.interface) == 0)
				return d;
			continue;
		}
		if (!first)
			first = d;
	}
	return first;
}

/* The first IPv4 address of @d, split: false if it has none. */
static bool ipv4_address(const struct pw_np_def *d, char *addr, size_t size, int *prefix)
{
	for (size_t i = 0; i < d->naddrs; i++) {
		const char *slash = strchr(d->addrs[i], '/');

		if (strchr(d->addrs[i], ':') || !slash)
			continue;
		pw_copy(addr, size, d->addrs[i], (size_t)(slash - d->addrs[i]));
		*prefix = atoi(slash + 1);
		return true;
	}
	return false;
}

static const char *gateway_of(const struct pw_np_def *d)
{
	return d->route_via[0] ? d->route_via : d->gateway4[0] ? d->gateway4 : NULL;
}

/* @d static with exactly @c? */
static bool def_has(const struct pw_np_def *d, const struct pw_net_config *c)
{
	char addr[48], mask[16];
	const char *gw = gateway_of(d);
	struct pw_ipv4 m;
	int prefix;

	if (d->dhcp4 == 1 || !ipv4_address(d, addr, sizeof(addr), &prefix) || !gw)
		return false;
	snprintf(mask, sizeof(mask), "%d", prefix);
	if (pw_parse_netmask(mask, &m) < 0)
		return false;
	pw_ipv4_format(m, mask);
	return strcmp(addr, c->address) == 0 && strcmp(mask, c->netmask) == 0 &&
	       strcmp(gw, c->gateway) == 0 &&
	       (!c->nameservers[0] || strcmp(d->nameservers, c->nameservers) == 0);
}

/* The definition that configures the Xen card, if any: by MAC, by driver, by name. */
static const struct pw_np_def *pv_def(const struct pw_netplan *np, const struct pw_np_def *hvm,
				      const char *pvname, const char **how)
{
	if (hvm && hvm->match_mac[0]) {
		*how = N_("by its MAC address, which the Xen card keeps");
		return hvm;
	}
	for (size_t i = 0; i < np->ndefs; i++) {
		const struct pw_np_def *d = &np->defs[i];

		if (d->match_driver[0] && fnmatch(d->match_driver, PV_DRIVER, 0) == 0 &&
		    !d->match_mac[0] && !d->match_name[0]) {
			*how = N_("by the Xen card's driver, vif");
			return d;
		}
	}
	for (size_t i = 0; i < np->ndefs; i++) {
		if (names_card(&np->defs[i], pvname)) {
			*how = N_("by the name the card has under ParaVM");
			return &np->defs[i];
		}
	}
	return NULL;
}

/* The values a static definition has now, as the answers file would give them. */
static void def_values(const struct pw_np_def *d, struct pw_net_config *c)
{
	char addr[48], pfx[8];
	const char *gw = d ? gateway_of(d) : NULL;
	struct pw_ipv4 m;
	int prefix;

	if (!d || d->dhcp4 == 1 || !ipv4_address(d, addr, sizeof(addr), &prefix))
		return;
	if (!c->address[0])
		pw_copy(c->address, sizeof(c->address), addr, strlen(addr));
	snprintf(pfx, sizeof(pfx), "%d", prefix);
	if (!c->netmask[0] && pw_parse_netmask(pfx, &m) == 0)
		pw_ipv4_format(m, c->netmask);
	if (!c->gateway[0] && gw)
		pw_copy(c->gateway, sizeof(c->gateway), gw, strlen(gw));
	if (!c->nameservers[0])
		pw_copy(c->nameservers, sizeof(c->nameservers), d->nameservers,
			strlen(d->nameservers));
}

static void fill(char *dst, size_t size, const char *value)
{
	if (!dst[0] && value && value[0])
		pw_copy(dst, size, value, strlen(value));
}

/* ---- the name servers ---------------------------------------------------- */

/*
 * Who hands netplan's name servers to the resolver: NetworkManager (it
 * writes /etc/resolv.conf) for its definitions; for networkd's, only
 * systemd-resolved reads them (networkd calls no resolvconf); without it
 * /etc/resolv.conf is a plain file that nothing rewrites.
 */
enum resolver { RES_NM, RES_RESOLVED, RES_FILE, RES_LINK };

#define RESOLV_CONF "/etc/resolv.conf"

static enum resolver resolver_of(struct pw_ctx *ctx, const struct pw_netplan *np,
				 const struct pw_np_def *hvm, char *target, size_t size)
{
	if (pw_netplan_renderer(np, hvm) == PW_NP_NM)
		return RES_NM;
	if (pw_unit_enabled(ctx->root, "systemd-resolved.service"))
		return RES_RESOLVED;
	if (pw_root_readlink(ctx->root, RESOLV_CONF, target, size) == 0)
		return RES_LINK;
	return RES_FILE;
}

static void inspect_resolver(struct pw_ctx *ctx, struct pw_result *r,
			     const struct pw_netplan *np, const struct pw_np_def *hvm)
{
	char target[256], have[256] = "", *text;
	size_t len;

	if (hvm->dhcp4 == 1 || !hvm->nameservers[0])
		return;
	switch (resolver_of(ctx, np, hvm, target, sizeof(target))) {
	case RES_NM:
		pw_result_add(r, PW_OK, N_("NetworkManager passes the name servers %s on to the "
					   "resolver."), hvm->nameservers);
		return;
	case RES_RESOLVED:
		pw_result_add(r, PW_OK, N_("systemd-resolved takes the name servers %s from "
					   "systemd-networkd."), hvm->nameservers);
		return;
	case RES_LINK:
		pw_result_add(r, PW_TODO, N_("%s is a link to %s, and nothing here (no "
					     "systemd-resolved) writes it: the name servers %s "
					     "would not reach the resolver. Make it a plain file "
					     "with those name servers."),
			      RESOLV_CONF, target, hvm->nameservers);
		return;
	case RES_FILE:
		break;
	}
	if (pw_root_read_text(ctx->root, RESOLV_CONF, PW_TEXT_MAX, &text, &len) == 0) {
		pw_resolv_servers(text, len, have, sizeof(have));
		free(text);
	}
	if (strcmp(have, hvm->nameservers) == 0)
		pw_result_add(r, PW_OK, N_("%s lists the name servers %s (nothing manages that "
					   "file here)."), RESOLV_CONF, have);
	else
		pw_result_add(r, PW_TODO, N_("Nothing here passes netplan's name servers on to the "
					     "resolver (there is no systemd-resolved): %s lists "
					     "\"%s\", not %s."),
			      RESOLV_CONF, have, hvm->nameservers);
}

/* /etc/resolv.conf given the servers, where nothing else would; 0 or negative. */
static int plan_resolver(struct pw_ctx *ctx, struct pw_plan *plan, const struct pw_netplan *np,
			 const struct pw_np_def *hvm, const char *servers, struct pw_error *err)
{
	struct pw_buf b = { 0 };
	char target[256], *old = NULL;
	size_t oldlen = 0;
	enum resolver res = resolver_of(ctx, np, hvm, target, sizeof(target));
	int ret;

	if (!servers[0])
		return 0;
	if (res == RES_NM || res == RES_RESOLVED) {
		pw_plan_note(plan, res == RES_NM ? _("NetworkManager passes the name servers on to the resolver.")
						 : _("systemd-resolved takes the name servers from systemd-networkd."));
		return 0;
	}
	if (res == RES_LINK) {
		pw_plan_note(plan, _("%s is a link to %s, which nothing here writes: make it a plain file with the name servers %s by hand."),
			     RESOLV_CONF, target, servers);
		return 0;
	}
	ret = pw_root_read_text(ctx->root, RESOLV_CONF, PW_TEXT_MAX, &old, &oldlen);
	if (ret < 0 && ret != -ENOENT) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), RESOLV_CONF,
			     pw_root_strerror(ret));
		return ret;
	}
	pw_resolv_edit(old ? old : "", oldlen, servers, &b);
	ret = b.failed ? -ENOMEM : pw_plan_write(plan, RESOLV_CONF, old ? old : "", oldlen,
						 old != NULL, b.data, b.len, 0644);
	free(old);
	pw_buf_free(&b);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
		return ret;
	}
	pw_plan_note(plan, _("Nothing here passes netplan's name servers on to the resolver (there is no systemd-resolved), so %s lists them."),
		     RESOLV_CONF);
	return 0;
}

/* ---- the inspect ------------------------------------------------------------ */

void pw_inspect_netplan(struct pw_ctx *ctx, struct pw_result *r, const struct pw_netstack *ns,
			const struct pw_net_pv *pv)
{
	struct pw_netplan *np = malloc(sizeof(*np));
	char files[64][160], why[PW_MSG_MAX];
	const struct pw_np_def *hvm, *pvd;
	struct pw_net_config c = { 0 };
	enum pw_net_field field;
	const char *how = "";
	size_t nfiles;
	int ret;

	(void)ns;
	if (!np) {
		pw_result_add(r, PW_BLOCKED, N_("Out of memory."));
		return;
	}
	ret = load_files(ctx->root, np, files, &nfiles, ARRAY_SIZE(files), NULL);
	if (ret < 0) {
		report_load(r, np, ret);
		goto out;
	}
	hvm = primary_def(ctx, np, false);
	if (!hvm) {
		pw_result_add(r, PW_BLOCKED, N_("netplan configures no Ethernet card. Under ParaVM "
						"the network card will be called %s and needs a "
						"static address: describe it in /etc/netplan by "
						"hand."), pv->name);
		goto out;
	}
	pw_copy(c.interface, sizeof(c.interface), hvm->id, strlen(hvm->id));
	if (hvm->dhcp4 == 1) {
		pw_result_add(r, PW_TODO, N_("%s gets its address by DHCP (%s, line %u), which does "
					     "not work under ParaVM; it needs a static address."),
			      hvm->id, hvm->file, hvm->line);
	} else {
		def_values(hvm, &c);
		if (!c.address[0] || !c.gateway[0]) {
			pw_result_add(r, PW_TODO, N_("%s (%s, line %u) has no static IPv4 address "
						     "with a gateway; under ParaVM it needs one."),
				      hvm->id, hvm->file, hvm->line);
		} else if (pw_net_validate(&c, &field, why, sizeof(why)) < 0) {
			pw_result_add(r, PW_TODO, N_("The static address of %s (%s, line %u) cannot "
						     "be used:"), hvm->id, hvm->file, hvm->line);
			pw_result_append_text(r->message_en, why);
			pw_result_append_text(r->message, why);
		} else {
			pw_result_add(r, PW_OK, N_("%s has the static address %s, netmask %s, with "
						   "gateway %s."),
				      hvm->id, c.address, c.netmask, c.gateway);
		}
	}
	pvd = pv_def(np, hvm, pv->name, &how);
	if (!pvd)
		pw_result_add(r, PW_TODO, N_("Under ParaVM the network card will be called %s, and "
					     "no netplan definition matches it: the VM would come "
					     "up without an address."), pv->name);
	else if (pvd != hvm && !def_has(pvd, &c))
		pw_result_add(r, PW_TODO, N_("Under ParaVM the network card matches %s (%s), which "
					     "does not have the same static address."),
			      pvd->id, pvd->file);
	else
		pw_result_add_phrase(r, PW_OK, N_("Under ParaVM the network card is matched %s (%s)."),
				     how, pvd->file);
	inspect_resolver(ctx, r, np, hvm);
out:
	free(np);
}

/* ---- the plan ------------------------------------------------------------- */

static void put_static(struct pw_buf *b, const struct pw_net_config *c, int prefix)
{
	pw_buf_str(b, "      dhcp4: false\n");
	pw_buf_printf(b, "      addresses: [%s/%d]\n", c->address, prefix);
	/* "to: default" is netplan 0.103 on; 0.0.0.0/0 is read by every release */
	pw_buf_printf(b, "      routes:\n        - to: 0.0.0.0/0\n          via: %s\n", c->gateway);
	if (c->nameservers[0]) {
		const char *p = c->nameservers, *end = p + strlen(p);
		char word[64];
		bool first = true;

		pw_buf_str(b, "      nameservers:\n        addresses: [");
		while (pw_next_word(&p, end, word, sizeof(word))) {
			pw_buf_printf(b, "%s%s", first ? "" : ", ", word);
			first = false;
		}
		pw_buf_str(b, "]\n");
	}
}

static int no_value(const struct pw_ctx *ctx, const char *key, const char *id,
		    struct pw_error *err)
{
	pw_error_set(err, PW_EXIT_DATAERR,
		     _("No %s is known for %s: netplan gives it none, nor does a DHCP lease or the site configuration. Put \"%s = ...\" in the [network] section of %s, then try again."),
		     key, id, key,
		     ctx->answers.path[0] ? ctx->answers.path : _("an answers file (given with --answers FILE)"));
	return -EINVAL;
}

/* The values: the answers file, the static definition now in force, a DHCP lease, the site. */
static int gather(struct pw_ctx *ctx, const struct pw_np_def *hvm, const struct pw_np_def *now,
		  const char *pvname, struct pw_net_config *c, struct pw_lease_found *lease,
		  struct pw_error *err)
{
	const struct pw_answers *a = &ctx->answers;
	enum pw_net_field field;
	char why[PW_MSG_MAX];
	struct pw_ipv4 m;

	memset(c, 0, sizeof(*c));
	memset(lease, 0, sizeof(*lease));
	pw_copy(c->interface, sizeof(c->interface), hvm->set_name[0] ? hvm->set_name : hvm->id,
		strlen(hvm->set_name[0] ? hvm->set_name : hvm->id));
	fill(c->address, sizeof(c->address), a->address);
	fill(c->netmask, sizeof(c->netmask), a->netmask);
	fill(c->gateway, sizeof(c->gateway), a->gateway);
	fill(c->nameservers, sizeof(c->nameservers), a->nameservers);
	def_values(now, c); /* with the wizard's file of an earlier run */
	if (!c->address[0] || !c->gateway[0]) {
		long long t = (long long)time(NULL);

		if (pw_lease_find(ctx->root, c->interface, t, lease) != 0)
			pw_lease_find(ctx->root, pvname, t, lease);
		if (lease->found) {
			fill(c->address, sizeof(c->address), lease->lease.address);
			fill(c->netmask, sizeof(c->netmask), lease->lease.netmask);
			fill(c->gateway, sizeof(c->gateway), lease->lease.gateway);
			fill(c->nameservers, sizeof(c->nameservers), lease->lease.nameservers);
		}
	}
	fill(c->netmask, sizeof(c->netmask), ctx->site.netmask);
	fill(c->gateway, sizeof(c->gateway), ctx->site.gateway);
	fill(c->nameservers, sizeof(c->nameservers), ctx->site.nameservers);
	if (!c->address[0])
		return no_value(ctx, "address", hvm->id, err);
	if (!c->netmask[0])
		return no_value(ctx, "netmask", hvm->id, err);
	if (!c->gateway[0])
		return no_value(ctx, "gateway", hvm->id, err);
	if (pw_net_validate(c, &field, why, sizeof(why)) < 0) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("The static settings for %s cannot be used: %s Put the right values in the [network] section of the answers file, then try again."),
			     hvm->id, why);
		return -EINVAL;
	}
	/* one blank between servers; the netmask dotted */
	for (char *p = c->nameservers; *p; p++)
		if (*p == ',' || *p == '\t')
			*p = ' ';
	pw_parse_netmask(c->netmask, &m);
	pw_ipv4_format(m, c->netmask);
	return 0;
}

/* The wizard's own file: the HVM card's definition, and the ParaVM card's where it is another. */
static void own_file_text(struct pw_buf *b, struct pw_netplan *np, const struct pw_np_def *hvm,
			  const struct pw_np_def *pvd, const char *pv_name,
			  const struct pw_net_config *c, int prefix)
{
	pw_buf_str(b, "# Written by paravm-wizard: static addresses for ParaVM, where DHCP does\n"
		       "# not work. netplan merges this file over the ones before it, which stay\n"
		       "# as they were; \"paravm-wizard --undo\" or removing this file goes back.\n");
	pw_buf_str(b, "network:\n  version: 2\n  ethernets:\n");
	pw_buf_printf(b, "    %s:\n", hvm->id);
	put_static(b, c, prefix);
	if (!pvd || pvd != hvm) {
		if (pw_netplan_renderer(np, hvm) == PW_NP_NM) {
			pw_buf_printf(b, "    %s:\n", pv_name);
		} else {
			pw_buf_str(b, "    " PV_ID ":\n      match:\n        driver: " PV_DRIVER "\n");
		}
		put_static(b, c, prefix);
	}
}

/* What the plan does, in words. */
static void note_netplan(struct pw_plan *plan, const struct pw_netstack *ns, struct pw_netplan *np,
			 const struct pw_np_def *hvm, const struct pw_np_def *pvd, const char *how,
			 const char *pv_name, const struct pw_net_config *c, int prefix,
			 const struct pw_lease_found *lease)
{
	pw_plan_note(plan, _("%s configures the network. %s gets the static address %s/%d, gateway %s%s%s, in a file of the wizard's own, %s, which netplan reads after %s; that file is left as it is."),
		     _(pw_stack_name(ns->stack, ns->renderer)), hvm->id, c->address, prefix,
		     c->gateway, c->nameservers[0] ? _(", name servers ") : "", c->nameservers,
		     OWN_FILE, hvm->file);
	if (pvd == hvm)
		pw_plan_note(plan, _("The definition matches the card %s, so it configures the card under ParaVM too."),
			     _(how));
	else if (pw_netplan_renderer(np, hvm) == PW_NP_NM)
		pw_plan_note(plan, _("Under ParaVM the card will be called %s: a definition of that name gets the same settings."),
			     pv_name);
	else
		pw_plan_note(plan, _("Under ParaVM the card (driver vif, called %s) gets the same settings through a definition that matches its driver."),
			     pv_name);
	if (lease->found)
		pw_plan_note(plan, _("Taken from the DHCP lease in %s where the answers file gave nothing."),
			     lease->file);
}

/* Plan the wizard's file to hold @b (mode 0600, as netplan wants). */
static int plan_own_file(struct pw_ctx *ctx, struct pw_plan *plan, const struct pw_buf *b,
			 struct pw_error *err)
{
	char *old = NULL;
	size_t oldlen = 0;
	bool existed;
	int ret = pw_root_read_text(ctx->root, OWN_FILE, PW_TEXT_MAX, &old, &oldlen);

	existed = ret == 0;
	if (ret < 0 && ret != -ENOENT) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), OWN_FILE,
			     pw_root_strerror(ret));
		return ret;
	}
	ret = pw_plan_write(plan, OWN_FILE, existed ? old : "", existed ? oldlen : 0, existed,
			    b->data, b->len, 0600);
	free(old);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
	return ret;
}

int pw_plan_netplan(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct pw_netplan *np = malloc(sizeof(*np)), *all = malloc(sizeof(*all));
	struct pw_netstack ns;
	struct pw_net_pv pv;
	struct pw_net_config c;
	struct pw_lease_found lease;
	struct pw_buf b = { 0 };
	char files[64][160], msg[PW_MSG_MAX], addr[48];
	const struct pw_np_def *hvm, *pvd = NULL;
	const char *how = "";
	struct pw_ipv4 m;
	size_t nfiles;
	int ret, prefix;

	if (!np || !all) {
		free(np);
		free(all);
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
		return -ENOMEM;
	}
	pw_net_pv_probe(ctx, &pv);
	pw_netstack_probe(ctx, &ns);
	/* the owner's files alone: what the wizard's file is merged over */
	ret = load_files(ctx->root, np, files, &nfiles, ARRAY_SIZE(files), OWN_FILE);
	if (ret < 0) {
		load_problem(np, ret, false, msg, sizeof(msg));
		pw_error_set(err, ret == -EINVAL ? PW_EXIT_DATAERR : PW_EXIT_IOERR, "%s", msg);
		goto out;
	}
	hvm = primary_def(ctx, np, true);
	if (!hvm) {
		if (ctx->answers.interface[0])
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: [network] interface: netplan has no definition for %s. Correct the answers file, then try again."),
				     ctx->answers.path, ctx->answers.interface);
		else
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("netplan configures no Ethernet card, so there is nothing to make static. Describe the card in /etc/netplan by hand, then try again."));
		ret = -EINVAL;
		goto out;
	}
	ret = load_files(ctx->root, all, files, &nfiles, ARRAY_SIZE(files), NULL);
	if (ret < 0) {
		load_problem(all, ret, false, msg, sizeof(msg));
		pw_error_set(err, ret == -EINVAL ? PW_EXIT_DATAERR : PW_EXIT_IOERR, "%s", msg);
		goto out;
	}
	ret = gather(ctx, hvm, pw_netplan_find(all, hvm->id), pv.name, &c, &lease, err);
	if (ret < 0)
		goto out;
	if (ipv4_address(hvm, addr, sizeof(addr), &prefix) && !def_has(hvm, &c)) {
		/* netplan adds addresses up across files: a later file cannot replace one */
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s, line %u: %s has the address %s already, and netplan would add a second one from another file rather than replace it. Change the addresses, routes and nameservers of %s in that file by hand, then run the wizard again."),
			     hvm->file, hvm->line, hvm->id, hvm->addrs[0], hvm->id);
		ret = -EINVAL;
		goto out;
	}
	pvd = pv_def(np, hvm, pv.name, &how);

	pw_parse_netmask(c.netmask, &m);
	prefix = pw_netmask_prefix(m);
	own_file_text(&b, np, hvm, pvd, pv.name, &c, prefix);
	if (b.failed) {
		ret = -ENOMEM;
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
		goto out;
	}
	ret = plan_own_file(ctx, plan, &b, err);
	if (ret < 0)
		goto out;
	if (plan->count == 0) {
		/* the wizard's file is there already: the resolver, cloud-init may be left */
		ret = plan_resolver(ctx, plan, np, hvm, c.nameservers, err);
		if (ret == 0 && plan->count == 0) {
			/* its note alone (the resolver needs nothing) is no plan */
			pw_plan_free(plan);
			pw_plan_init(plan, PW_STEP_NETWORK);
		}
		if (ret == 0)
			ret = pw_cloudinit_plan(ctx, plan, plan->count ? 0 : 1, err);
		goto out;
	}
	note_netplan(plan, &ns, np, hvm, pvd, how, pv.name, &c, prefix, &lease);
	ret = plan_resolver(ctx, plan, np, hvm, c.nameservers, err);
	if (ret == 0)
		ret = pw_cloudinit_plan(ctx, plan, 0, err);
out:
	if (ret < 0)
		pw_plan_free(plan);
	pw_buf_free(&b);
	free(np);
	free(all);
	return ret;
}

int pw_netplan_prefill(struct pw_ctx *ctx, struct pw_net_config *cfg)
{
	struct pw_netplan *np = malloc(sizeof(*np));
	struct pw_lease_found lease;
	struct pw_error err = { 0 };
	struct pw_net_pv pv;
	char files[64][160];
	const struct pw_np_def *hvm;
	size_t nfiles;
	int ret = 1;

	memset(cfg, 0, sizeof(*cfg));
	if (!np)
		return 1;
	pw_net_pv_probe(ctx, &pv);
	if (load_files(ctx->root, np, files, &nfiles, ARRAY_SIZE(files), NULL) == 0 &&
	    (hvm = primary_def(ctx, np, true))) {
		/* every source is read before a missing or wrong value stops it */
		ret = gather(ctx, hvm, hvm, pv.name, cfg, &lease, &err) < 0 ? 1 : 0;
		/* the definition's ID: what the plan looks the answers' interface up by */
		pw_copy(cfg->interface, sizeof(cfg->interface), hvm->id, strlen(hvm->id));
	}
	free(np);
	return ret;
}
