// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step's plan: the primary interface's stanza in
 * /etc/network/interfaces (or the file it sources that holds it) becomes
 * "inet static"; the name the card will have under ParaVM gets a stanza
 * with the same values when it differs (the HVM one stays, for the way
 * back); a persistent-net rule that would push the Xen card off its name is
 * commented out. Every byte outside the stanzas it rewrites is kept.
 *
 * The values: the answers file's [network], else the stanza's own static
 * values, else the guest's DHCP lease, else the site config; checked as a
 * whole by pw_net_validate.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "network.h"
#include "pw-interfaces.h"
#include "pw-net-edit.h"
#include "pw-model.h"
#include "pw-netstack.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-text.h"

/* Where a value came from, for the note and for messages. */
enum source { SRC_NONE, SRC_ANSWERS, SRC_STANZA, SRC_LEASE, SRC_SITE };

struct values {
	struct pw_net_config cfg;
	enum source src[PW_NET_NAMESERVERS + 1];
	const struct pw_iface *from[PW_NET_NAMESERVERS + 1]; /* SRC_STANZA: which */
	struct pw_lease_found lease;
};

static const char *const field_names[] = {
	[PW_NET_NONE] = "",
	[PW_NET_INTERFACE] = "interface",
	[PW_NET_ADDRESS] = "address",
	[PW_NET_NETMASK] = "netmask",
	[PW_NET_GATEWAY] = "gateway",
	[PW_NET_NAMESERVERS] = "nameservers",
};

/* ---- the values ---------------------------------------------------------- */

/* "a  b,c" -> "a b c" (what dns-nameservers takes). */
static void normalize_list(char *dst, size_t size, const char *src)
{
	const char *p = src;
	size_t used = 0;

	dst[0] = '\0';
	while (*p) {
		size_t n;

		p += strspn(p, " \t,");
		n = strcspn(p, " \t,");
		if (n == 0)
			break;
		if (used + n + 2 > size)
			break;
		if (used)
			dst[used++] = ' ';
		memcpy(dst + used, p, n);
		used += n;
		dst[used] = '\0';
		p += n;
	}
}

static void take(char *dst, size_t size, const char *value, enum source *src, enum source from)
{
	if (dst[0] || !value || !value[0])
		return;
	pw_copy(dst, size, value, strlen(value));
	*src = from;
}

/* The well-formed values a static stanza has now. */
static void take_from_stanza(struct values *v, const struct pw_iface *ifc)
{
	struct pw_net_config *c = &v->cfg;
	const char *address = pw_iface_opt(ifc, "address");
	const char *netmask = pw_iface_opt(ifc, "netmask");
	const char *gateway = pw_iface_opt(ifc, "gateway");
	const char *dns = pw_iface_opt(ifc, "dns-nameservers");
	struct pw_ipv4 a;
	char addr[64], mask[16], bad[64], *cidr;

	if (strcmp(ifc->method, "static") != 0)
		return;
	if (address) {
		pw_copy(addr, sizeof(addr), address, strlen(address));
		cidr = strchr(addr, '/');
		if (cidr)
			*cidr++ = '\0';
		if (pw_parse_ipv4(addr, &a) == 0)
			take(c->address, sizeof(c->address), addr, &v->src[PW_NET_ADDRESS], SRC_STANZA);
		if (cidr && !netmask && pw_parse_netmask(cidr, &a) == 0) {
			pw_ipv4_format(a, mask);
			take(c->netmask, sizeof(c->netmask), mask, &v->src[PW_NET_NETMASK], SRC_STANZA);
		}
	}
	if (pw_iface_classful_netmask(ifc, &a)) {
		pw_ipv4_format(a, mask);
		take(c->netmask, sizeof(c->netmask), mask, &v->src[PW_NET_NETMASK], SRC_STANZA);
	}
	if (netmask && pw_parse_netmask(netmask, &a) == 0)
		take(c->netmask, sizeof(c->netmask), netmask, &v->src[PW_NET_NETMASK], SRC_STANZA);
	if (gateway && pw_parse_ipv4(gateway, &a) == 0)
		take(c->gateway, sizeof(c->gateway), gateway, &v->src[PW_NET_GATEWAY], SRC_STANZA);
	if (dns && dns[0] && pw_net_check_nameservers(dns, bad, sizeof(bad)) == PW_NETP_OK)
		take(c->nameservers, sizeof(c->nameservers), dns, &v->src[PW_NET_NAMESERVERS],
		     SRC_STANZA);
	for (size_t f = 0; f < ARRAY_SIZE(v->from); f++)
		if (v->src[f] == SRC_STANZA && !v->from[f])
			v->from[f] = ifc;
}

/* Where a value came from, in words, for a message. */
static void describe_source(const struct values *v, enum pw_net_field f,
			    const struct pw_iface *hvm, const struct pw_ifaces *ifs, char *out,
			    size_t size)
{
	const struct pw_iface *ifc = v->from[f] ? v->from[f] : hvm;

	switch (v->src[f]) {
	case SRC_LEASE:
		snprintf(out, size, _("the DHCP lease in %s"), v->lease.file);
		break;
	case SRC_SITE:
		snprintf(out, size, "%s", _("the site configuration"));
		break;
	case SRC_STANZA:
		snprintf(out, size, _("%s, line %u"), ifs->files[ifc->file], ifc->first_line);
		break;
	default:
		snprintf(out, size, "%s", _("nowhere"));
		break;
	}
}

/* "the answers file /x/a.ini" or how to give one: for "put ... in the [network] section of %s". */
static void answers_place(const struct pw_ctx *ctx, char *out, size_t size)
{
	if (ctx->answers.path[0])
		snprintf(out, size, _("the answers file %s"), ctx->answers.path);
	else
		snprintf(out, size, "%s", _("an answers file (given with --answers FILE)"));
}

static int no_value(const struct pw_ctx *ctx, const struct values *v, const char *key,
		    struct pw_error *err)
{
	char place[PATH_MAX + 64];

	answers_place(ctx, place, sizeof(place));
	if (strcmp(key, "address") != 0) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("No %s is known for %s: the answers file, the DHCP lease and the site configuration give none. Put \"%s = ...\" in the [network] section of %s, then try again."),
			     key, v->cfg.interface, key, place);
	} else if (v->lease.found_expired) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("No address is known for %s: its newest DHCP lease, for %s in %s, expired on %s (UTC), and that address may belong to another machine now. Put \"address = ...\" in the [network] section of %s, then try again."),
			     v->cfg.interface, v->lease.expired.address, v->lease.expired_file,
			     v->lease.expired.expire_text, place);
	} else {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("No address is known for %s: it has no static address and the guest has no DHCP lease for it. Put \"address = ...\" in the [network] section of %s, then try again."),
			     v->cfg.interface, place);
	}
	return -EINVAL;
}

static int gather_values(struct pw_ctx *ctx, const struct pw_ifaces *ifs,
			 const struct pw_iface *hvm, const struct pw_iface *pvs,
			 const char *pvname, struct values *v, struct pw_error *err)
{
	const struct pw_answers *a = &ctx->answers;
	struct pw_net_config *c = &v->cfg;
	const struct pw_lease *l = &v->lease.lease;
	enum pw_net_field field;
	char why[PW_MSG_MAX], where[PATH_MAX + 64], place[PATH_MAX + 64], list[256];
	struct pw_ipv4 mask;

	pw_copy(c->interface, sizeof(c->interface), hvm->name, strlen(hvm->name));
	v->src[PW_NET_INTERFACE] = a->interface[0] ? SRC_ANSWERS : SRC_STANZA;
	take(c->address, sizeof(c->address), a->address, &v->src[PW_NET_ADDRESS], SRC_ANSWERS);
	take(c->netmask, sizeof(c->netmask), a->netmask, &v->src[PW_NET_NETMASK], SRC_ANSWERS);
	take(c->gateway, sizeof(c->gateway), a->gateway, &v->src[PW_NET_GATEWAY], SRC_ANSWERS);
	take(c->nameservers, sizeof(c->nameservers), a->nameservers,
	     &v->src[PW_NET_NAMESERVERS], SRC_ANSWERS);
	take_from_stanza(v, hvm);
	if (pvs)
		take_from_stanza(v, pvs);

	if (!c->address[0] || !c->netmask[0] || !c->gateway[0] || !c->nameservers[0]) {
		long long now = (long long)time(NULL);

		/* the Xen card has the emulated card's MAC: either name's lease will do */
		if (pw_lease_find(ctx->root, hvm->name, now, &v->lease) != 0 &&
		    strcmp(pvname, hvm->name) != 0) {
			struct pw_lease_found other;

			if (pw_lease_find(ctx->root, pvname, now, &other) == 0 ||
			    (other.found_expired && !v->lease.found_expired))
				v->lease = other;
		}
		if (v->lease.found) {
			take(c->address, sizeof(c->address), l->address, &v->src[PW_NET_ADDRESS],
			     SRC_LEASE);
			take(c->netmask, sizeof(c->netmask), l->netmask, &v->src[PW_NET_NETMASK],
			     SRC_LEASE);
			take(c->gateway, sizeof(c->gateway), l->gateway, &v->src[PW_NET_GATEWAY],
			     SRC_LEASE);
			take(c->nameservers, sizeof(c->nameservers), l->nameservers,
			     &v->src[PW_NET_NAMESERVERS], SRC_LEASE);
		}
	}
	take(c->netmask, sizeof(c->netmask), ctx->site.netmask, &v->src[PW_NET_NETMASK], SRC_SITE);
	take(c->gateway, sizeof(c->gateway), ctx->site.gateway, &v->src[PW_NET_GATEWAY], SRC_SITE);
	take(c->nameservers, sizeof(c->nameservers), ctx->site.nameservers,
	     &v->src[PW_NET_NAMESERVERS], SRC_SITE);

	if (!c->address[0])
		return no_value(ctx, v, "address", err);
	if (!c->netmask[0])
		return no_value(ctx, v, "netmask", err);
	if (!c->gateway[0])
		return no_value(ctx, v, "gateway", err);

	if (pw_net_validate(c, &field, why, sizeof(why)) < 0) {
		if (field == PW_NET_NONE)
			field = PW_NET_ADDRESS;
		if (v->src[field] == SRC_ANSWERS) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: [network] %s: %s Correct it, then try again."),
				     a->path, field_names[field], why);
		} else {
			describe_source(v, field, hvm, ifs, where, sizeof(where));
			answers_place(ctx, place, sizeof(place));
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("The %s for %s, from %s, cannot be used: %s Put the right value as \"%s = ...\" in the [network] section of %s, then try again."),
				     field_names[field], c->interface, where, why, field_names[field],
				     place);
		}
		return -EINVAL;
	}
	/* the form written to the file: a dotted netmask, one blank between servers */
	pw_parse_netmask(c->netmask, &mask);
	pw_ipv4_format(mask, c->netmask);
	normalize_list(list, sizeof(list), c->nameservers);
	memcpy(c->nameservers, list, sizeof(list));
	return 0;
}

static bool same_list(const char *a, const char *b)
{
	char x[256], y[256];

	normalize_list(x, sizeof(x), a ? a : "");
	normalize_list(y, sizeof(y), b ? b : "");
	return strcmp(x, y) == 0;
}

/* Is @ifc static with exactly the values of @c already? */
static bool equivalent(const struct pw_iface *ifc, const struct pw_net_config *c)
{
	struct pw_iface_static st;
	struct pw_ipv4 addr, mask, gw;

	if (strcmp(ifc->method, "static") != 0 || pw_iface_check_static(ifc, &st) != PW_STATIC_OK)
		return false;
	if (pw_parse_ipv4(c->address, &addr) < 0 || pw_parse_netmask(c->netmask, &mask) < 0 ||
	    pw_parse_ipv4(c->gateway, &gw) < 0)
		return false;
	if (st.address.addr != addr.addr || st.netmask.addr != mask.addr ||
	    st.gateway.addr != gw.addr)
		return false;
	return !c->nameservers[0] || same_list(pw_iface_opt(ifc, "dns-nameservers"), c->nameservers);
}

/* ---- the files ----------------------------------------------------------- */

/* The file that holds @ifc, read once, with the stanza where the parser saw it. */
static int read_stanza_file(struct pw_ctx *ctx, const struct pw_ifaces *ifs,
			    const struct pw_iface *ifc, char **texts, size_t *lens,
			    struct pw_error *err)
{
	const char *path = ifs->files[ifc->file];
	int ret;

	if (!texts[ifc->file]) {
		ret = pw_root_read_text(ctx->root, path, PW_TEXT_MAX, &texts[ifc->file],
					&lens[ifc->file]);
		if (ret < 0) {
			pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), path,
				     pw_root_strerror(ret));
			return ret;
		}
	}
	if (!pw_ifaces_stanza_at(texts[ifc->file], lens[ifc->file], ifc)) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s changed while it was being read. Try again."),
			     path);
		return -EAGAIN;
	}
	return 0;
}

/* ---- messages -------------------------------------------------------- */

static int ifaces_error(const struct pw_ifaces *ifs, struct pw_error *err)
{
	struct pw_result r;
	const struct pw_ifaces_error *e = &ifs->error;
	bool read_error = e->problem == PW_IFP_READ && e->err != -ENOENT;

	pw_result_init(&r);
	pw_ifaces_report_error(e, &r, PW_BLOCKED);
	pw_error_set(err, read_error ? PW_EXIT_IOERR : PW_EXIT_DATAERR, "%s", r.message);
	return read_error ? e->err : -EINVAL;
}

/* "eth0, eth1": the names the file configures, lo left out. */
static bool is_loopback(const struct pw_iface *ifc)
{
	return strcmp(ifc->name, "lo") == 0 || strcmp(ifc->method, "loopback") == 0;
}

static void list_names(const struct pw_ifaces *ifs, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < ifs->count; i++) {
		const char *name = ifs->ifaces[i].name;
		bool seen = strcmp(name, "lo") == 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(ifs->ifaces[j].name, name) == 0;
		if (seen)
			continue;
		snprintf(out + used, size - used, "%s%s", used ? ", " : "", name);
		used = strlen(out);
	}
}


/* "Taken from the DHCP lease in F: address, gateway." */
static void note_sources(struct pw_plan *plan, const struct values *v)
{
	char lease[128] = "", site[128] = "";

	for (int f = PW_NET_ADDRESS; f <= PW_NET_NAMESERVERS; f++) {
		char *list = v->src[f] == SRC_LEASE ? lease : v->src[f] == SRC_SITE ? site : NULL;

		if (list)
			snprintf(list + strlen(list), 128 - strlen(list), "%s%s",
				 list[0] ? ", " : "", field_names[f]);
	}
	if (lease[0])
		pw_plan_note(plan, _("Taken from the DHCP lease in %s: %s."), v->lease.file, lease);
	if (site[0])
		pw_plan_note(plan, _("Taken from the site configuration: %s."), site);
}

/* ---- the plan ------------------------------------------------------------ */

int pw_net_prefill(struct pw_ctx *ctx, struct pw_net_config *cfg)
{
	struct pw_ifaces ifs;
	struct pw_net_pv pv;
	const struct pw_iface *hvm, *pvs = NULL;
	struct pw_error err = { 0 };
	struct values v;
	int ret = pw_netstack_prefill(ctx, cfg);

	if (ret != 2)
		return ret; /* netplan */
	ret = 1;
	memset(cfg, 0, sizeof(*cfg));
	memset(&v, 0, sizeof(v));
	pw_net_pv_probe(ctx, &pv);
	pw_net_ifaces_init(ctx, &ifs);
	if (pw_ifaces_load(&ifs, PW_IFACES_FILE) < 0)
		goto out;
	pw_net_follow_rename(&ifs, &pv);
	hvm = ctx->answers.interface[0] ? pw_ifaces_find(&ifs, ctx->answers.interface, "inet")
					: pw_ifaces_primary(&ifs);
	if (!hvm || is_loopback(hvm))
		goto out;
	if (strcmp(hvm->name, pv.name) != 0)
		pvs = pw_ifaces_find(&ifs, pv.name, "inet");
	/* every source is read before a missing or wrong value stops it */
	ret = gather_values(ctx, &ifs, hvm, pvs, pv.name, &v, &err) < 0 ? 1 : 0;
	*cfg = v.cfg;
out:
	pw_ifaces_free(&ifs);
	return ret;
}

/* What the plan is made of, as it is worked out. */
struct net_plan {
	struct pw_ctx *ctx;
	struct pw_plan *plan;
	struct pw_error *err;
	struct pw_ifaces ifs;
	struct pw_net_pv pv;
	bool guessed;			/* the name under ParaVM is a guess */
	const struct pw_iface *hvm;	/* the stanza made static */
	const struct pw_iface *pvs;	/* the stanza of the ParaVM name, if another */
	bool same;			/* the card keeps its name under ParaVM */
	struct values v;
	struct pw_ifaces_change changes[2];
	size_t nchanges;
	bool hvm_done, hvm_auto, pv_done, pv_auto, pv_new;
	char *texts[PW_IFACES_MAX_FILES];
	size_t lens[PW_IFACES_MAX_FILES];
};

/* The [network] interface of the answers file, checked against the stanzas. */
static int answered_interface(struct net_plan *np)
{
	const struct pw_answers *a = &np->ctx->answers;
	char names[256];

	if (!pw_valid_ifname(a->interface)) {
		enum pw_net_field field;
		char why[PW_MSG_MAX];

		/* the one validator says what is wrong with it */
		pw_copy(np->v.cfg.interface, sizeof(np->v.cfg.interface), a->interface,
			strlen(a->interface));
		pw_net_validate(&np->v.cfg, &field, why, sizeof(why));
		pw_error_set(np->err, PW_EXIT_DATAERR,
			     _("%s: [network] interface: %s Correct it, then try again."), a->path,
			     why);
		return -EINVAL;
	}
	np->hvm = pw_ifaces_find(&np->ifs, a->interface, "inet");
	list_names(&np->ifs, names, sizeof(names));
	/* a public address on lo would cut the guest off from itself */
	if (np->hvm && is_loopback(np->hvm)) {
		if (names[0])
			pw_error_set(np->err, PW_EXIT_DATAERR,
				     _("%s: [network] interface: %s is the loopback interface, not a network card; %s configures %s. Correct the answers file, then try again."),
				     a->path, np->hvm->name, PW_IFACES_FILE, names);
		else
			pw_error_set(np->err, PW_EXIT_DATAERR,
				     _("%s: [network] interface: %s is the loopback interface, not a network card, and %s configures no other. Add a stanza for the card, then try again."),
				     a->path, np->hvm->name, PW_IFACES_FILE);
		return -EINVAL;
	}
	if (!np->hvm) {
		if (names[0])
			pw_error_set(np->err, PW_EXIT_DATAERR,
				     _("%s: [network] interface: %s has no \"iface %s inet\" stanza; it configures %s. Correct the answers file, then try again."),
				     a->path, PW_IFACES_FILE, a->interface, names);
		else
			pw_error_set(np->err, PW_EXIT_DATAERR,
				     _("%s: [network] interface: %s has no \"iface %s inet\" stanza; it configures no interface but lo. Correct the answers file, then try again."),
				     a->path, PW_IFACES_FILE, a->interface);
		return -EINVAL;
	}
	return 0;
}

/* The stanza to make static: the answers file's, else the primary one. */
static int choose_stanzas(struct net_plan *np)
{
	int ret;

	if (np->ctx->answers.interface[0]) {
		ret = answered_interface(np);
		if (ret < 0)
			return ret;
	} else {
		np->hvm = pw_ifaces_primary(&np->ifs);
		if (!np->hvm) {
			pw_error_set(np->err, PW_EXIT_DATAERR,
				     _("%s configures no network card for IPv4 (only lo, if anything), so there is no stanza to make static. Add one for the card (under ParaVM it will be called %s), then try again."),
				     PW_IFACES_FILE, np->pv.name);
			return -EINVAL;
		}
	}
	np->same = strcmp(np->hvm->name, np->pv.name) == 0;
	if (!np->same)
		np->pvs = pw_ifaces_find(&np->ifs, np->pv.name, "inet");
	return 0;
}

/*
 * What becomes of the stanza of the HVM name (made static, "auto" where
 * nothing brings it up, a stanza for the ParaVM name after it when there
 * is none) and of the ParaVM name's own stanza.
 */
static void plan_changes(struct net_plan *np)
{
	const struct pw_ifaces *ifs = &np->ifs;
	struct pw_ifaces_change *ch = &np->changes[0];

	np->hvm_auto = np->same && !pw_ifaces_at_boot(ifs, np->hvm->name);
	np->hvm_done = equivalent(np->hvm, &np->v.cfg);
	*ch = (struct pw_ifaces_change){ .ifc = np->hvm, .add_auto = np->hvm_auto,
					 .rewrite = !np->hvm_done };
	if (!np->same && !np->pvs) {
		ch->new_name = np->pv.name;
		ch->new_hotplug = !pw_ifaces_at_boot(ifs, np->pv.name);
		np->pv_new = true;
	}
	if (ch->add_auto || ch->rewrite || ch->new_name)
		np->nchanges++;
	if (!np->pvs)
		return;
	ch = &np->changes[np->nchanges];
	np->pv_auto = !pw_ifaces_at_boot(ifs, np->pvs->name);
	np->pv_done = equivalent(np->pvs, &np->v.cfg);
	*ch = (struct pw_ifaces_change){ .ifc = np->pvs, .add_auto = np->pv_auto,
					 .rewrite = !np->pv_done };
	if (ch->add_auto || ch->rewrite)
		np->nchanges++;
}

/* Every file's changes in one edit, each planned as one change of that file. */
static int plan_files(struct net_plan *np)
{
	for (size_t f = 0; f < np->ifs.nfiles; f++) {
		struct pw_ifaces_change mine[2];
		size_t n = 0, len;
		char *out;
		int ret;

		for (size_t i = 0; i < np->nchanges; i++)
			if (np->changes[i].ifc->file == f)
				mine[n++] = np->changes[i];
		if (n == 0)
			continue;
		ret = read_stanza_file(np->ctx, &np->ifs, mine[0].ifc, np->texts, np->lens, np->err);
		if (ret < 0)
			return ret;
		ret = pw_ifaces_edit(np->texts[f], np->lens[f], &np->v.cfg, mine, n, &out, &len);
		if (ret == 0) {
			ret = pw_plan_write(np->plan, np->ifs.files[f], np->texts[f], np->lens[f], true,
					    out, len, 0644);
			free(out);
		}
		if (ret == -EAGAIN)
			pw_error_set(np->err, PW_EXIT_IOERR,
				     _("%s changed while it was being read. Try again."),
				     np->ifs.files[f]);
		else if (ret < 0)
			pw_error_set(np->err, PW_EXIT_CANTCREAT, _("Out of memory."));
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* The udev rule that would push the Xen card off its name, made a comment. */
static int plan_rule(struct net_plan *np)
{
	const struct pw_net_pv *pv = &np->pv;
	char *text, *out;
	size_t len, out_len;
	int ret = pw_root_read_text(np->ctx->root, pv->conflict_file, PW_TEXT_MAX, &text, &len);

	if (ret < 0) {
		pw_error_set(np->err, PW_EXIT_IOERR, _("%s cannot be read: %s."), pv->conflict_file,
			     pw_root_strerror(ret));
		return ret;
	}
	ret = pw_udev_rule_disable(text, len, pv->conflict_line, pv->name, &out, &out_len);
	if (ret == 0) {
		ret = pw_plan_write(np->plan, pv->conflict_file, text, len, true, out, out_len, 0644);
		free(out);
	}
	free(text);
	if (ret == -EAGAIN)
		pw_error_set(np->err, PW_EXIT_IOERR,
			     _("%s changed while it was being read. Try again."), pv->conflict_file);
	else if (ret < 0)
		pw_error_set(np->err, PW_EXIT_CANTCREAT, _("Out of memory."));
	return ret < 0 ? ret : 0;
}

/* What the plan does, in words. */
static void plan_notes(const struct net_plan *np)
{
	const struct pw_net_config *c = &np->v.cfg;
	const char *hvm = np->hvm->name, *pvname = np->pv.name;
	struct pw_plan *plan = np->plan;
	struct pw_ipv4 mask;
	int prefix;

	pw_parse_netmask(c->netmask, &mask);
	prefix = pw_netmask_prefix(mask);
	if (np->hvm_done)
		pw_plan_note(plan, _("%s keeps its static address %s/%d, gateway %s."), hvm,
			     c->address, prefix, c->gateway);
	else if (c->nameservers[0])
		pw_plan_note(plan, _("%s gets the static address %s/%d, gateway %s, name servers %s."),
			     hvm, c->address, prefix, c->gateway, c->nameservers);
	else
		pw_plan_note(plan, _("%s gets the static address %s/%d, gateway %s."), hvm,
			     c->address, prefix, c->gateway);
	if (np->hvm_auto)
		pw_plan_note(plan, _("An \"auto %s\" line brings it up at boot."), hvm);
	if (!np->same && (np->pv_new || !np->pv_done))
		pw_plan_note(plan, _("Under ParaVM the card will be called %s, so %s gets the same settings."),
			     pvname, pvname);
	else if (!np->same)
		pw_plan_note(plan, _("Under ParaVM the card will be called %s, which is configured so already."),
			     pvname);
	if (!np->same && np->pv_auto)
		pw_plan_note(plan, _("An \"auto %s\" line brings it up at boot."), pvname);
	if (np->guessed)
		pw_plan_note(plan, _("(The name under ParaVM is a guess: udev's version could not be read from the dpkg status.)"));
	if (np->pv.conflict)
		pw_plan_note(plan, _("The udev rule in %s, line %u, which gives the name %s only to the emulated card, becomes a comment, so that the Xen card gets that name."),
			     np->pv.conflict_file, np->pv.conflict_line, pvname);
	note_sources(plan, &np->v);
}

/* The plan, once the files are read: 0 planned, 1 nothing to do, negative. */
static int make_plan(struct net_plan *np)
{
	int ret = choose_stanzas(np);

	if (ret < 0)
		return ret;
	ret = gather_values(np->ctx, &np->ifs, np->hvm, np->pvs, np->pv.name, &np->v, np->err);
	if (ret < 0)
		return ret;
	plan_changes(np);
	ret = plan_files(np);
	if (ret == 0 && np->pv.conflict)
		ret = plan_rule(np);
	if (ret < 0)
		return ret;
	if (np->plan->count == 0)
		return 1;
	plan_notes(np);
	return 0;
}

int pw_plan_network(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct net_plan *np;
	int ret = pw_netstack_plan(ctx, plan, err);

	if (ret != 2)
		return ret; /* netplan, systemd-networkd, NetworkManager */
	np = calloc(1, sizeof(*np));
	if (!np) {
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
		return -ENOMEM;
	}
	np->ctx = ctx;
	np->plan = plan;
	np->err = err;
	np->guessed = pw_net_pv_probe(ctx, &np->pv) == 1;
	pw_net_ifaces_init(ctx, &np->ifs);
	ret = pw_ifaces_load(&np->ifs, PW_IFACES_FILE);
	if (ret == 0)
		pw_net_follow_rename(&np->ifs, &np->pv);
	ret = ret < 0 ? ifaces_error(&np->ifs, err) : make_plan(np);
	ret = pw_cloudinit_plan(ctx, plan, ret, err);
	if (ret < 0)
		pw_plan_free(plan);
	for (size_t i = 0; i < ARRAY_SIZE(np->texts); i++)
		free(np->texts[i]);
	pw_ifaces_free(&np->ifs);
	free(np);
	return ret;
}
