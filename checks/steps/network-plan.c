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

#include "pw-interfaces.h"
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

/* Options of other methods that mean nothing to "inet static". */
static const char *const dropped_options[] = {
	"address", "netmask", "gateway", "broadcast", "network",
	/* dhcp */
	"hostname", "leasetime", "vendor", "client",
	/* bootp, ppp, wvdial, tunnel */
	"bootfile", "server", "hwaddr", "provider", "unit", "mode", "endpoint", "local", "ttl",
	"dstaddr",
};

#define COMMENT_PV "added by paravm-wizard"

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

static bool all_ipv4(const char *list)
{
	const char *p = list, *end = list + strlen(list);
	char word[64];
	struct pw_ipv4 a;
	bool any = false;

	while (pw_next_word(&p, end, word, sizeof(word))) {
		if (pw_parse_ipv4(word, &a) < 0)
			return false;
		any = true;
	}
	return any;
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
	char addr[64], mask[16], *cidr;

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
	if (netmask && pw_parse_netmask(netmask, &a) == 0)
		take(c->netmask, sizeof(c->netmask), netmask, &v->src[PW_NET_NETMASK], SRC_STANZA);
	if (gateway && pw_parse_ipv4(gateway, &a) == 0)
		take(c->gateway, sizeof(c->gateway), gateway, &v->src[PW_NET_GATEWAY], SRC_STANZA);
	if (dns && all_ipv4(dns))
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

/* ---- the stanzas ------------------------------------------------------- */

/* One physical line of a file: [start, next); its text without EOL ends at @end. */
struct line {
	const char *start, *end, *next;
};

static bool next_line(const char **p, const char *limit, struct line *ln)
{
	const char *nl;

	if (*p >= limit)
		return false;
	nl = memchr(*p, '\n', (size_t)(limit - *p));
	ln->start = *p;
	ln->next = nl ? nl + 1 : limit;
	ln->end = nl ? nl : limit;
	if (ln->end > ln->start && ln->end[-1] == '\r')
		ln->end--;
	*p = ln->next;
	return true;
}

static const char *skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\v' || *s == '\f' || *s == '\r'))
		s++;
	return s;
}

/* How a stanza is written: its line ends, its indentation. */
struct style {
	char eol[3];
	char indent[64];	/* of the option lines */
	char lead[64];		/* of the iface line */
};

static void stanza_style(const char *text, const struct pw_iface *ifc, struct style *sty)
{
	const char *p = text + ifc->start, *limit = text + ifc->end;
	struct line ln;
	bool first = true;

	strcpy(sty->eol, "\n");
	strcpy(sty->indent, "\t");
	sty->lead[0] = '\0';
	while (next_line(&p, limit, &ln)) {
		const char *s = skip_ws(ln.start, ln.end);

		if (first) {
			if (ln.end < ln.next && *ln.end == '\r')
				strcpy(sty->eol, "\r\n");
			pw_copy(sty->lead, sizeof(sty->lead), ln.start, (size_t)(s - ln.start));
			first = false;
			/* a continued iface line: its other lines are no options */
			while (ln.end > ln.start && ln.end[-1] == '\\' && next_line(&p, limit, &ln))
				;
			continue;
		}
		if (s == ln.end || *s == '#')
			continue;
		pw_copy(sty->indent, sizeof(sty->indent), ln.start, (size_t)(s - ln.start));
		if (!sty->indent[0])
			strcpy(sty->indent, "\t");
		return;
	}
}

static void put_values(struct pw_buf *b, const struct pw_net_config *c, const struct style *sty)
{
	const char *keys[] = { "address", "netmask", "gateway", "dns-nameservers" };
	const char *vals[] = { c->address, c->netmask, c->gateway, c->nameservers };

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		if (!vals[i][0])
			continue;
		pw_buf_str(b, sty->indent);
		pw_buf_str(b, keys[i]);
		pw_buf_str(b, " ");
		pw_buf_str(b, vals[i]);
		pw_buf_str(b, sty->eol);
	}
}

static void put_iface_line(struct pw_buf *b, const char *name, const char *rest,
			   const struct style *sty)
{
	pw_buf_str(b, sty->lead);
	pw_buf_str(b, "iface ");
	pw_buf_str(b, name);
	pw_buf_str(b, " inet static");
	if (rest && rest[0]) {
		pw_buf_str(b, " ");
		pw_buf_str(b, rest);
	}
	pw_buf_str(b, sty->eol);
}

static bool dropped(const char *word, bool new_dns)
{
	for (size_t i = 0; i < ARRAY_SIZE(dropped_options); i++)
		if (strcmp(word, dropped_options[i]) == 0)
			return true;
	/* replaced by ours; dns-search and the like still make sense */
	return new_dns && (strcmp(word, "dns-nameservers") == 0 ||
			   strcmp(word, "dns-nameserver") == 0);
}

/*
 * What stays after "iface NAME inet static" of a joined iface line: an
 * "inherits OTHER". Other words are dropped: etch's ifup refuses the line
 * for them ("too many parameters"), later ones skip them, and one ending
 * in a backslash would join the next line to the new one.
 */
static void iface_rest(const char *s, const char *end, char *out, size_t size)
{
	char word[256], parent[256];

	out[0] = '\0';
	for (int i = 0; i < 4; i++)
		if (!pw_next_word(&s, end, word, sizeof(word)))
			return;
	if (pw_next_word(&s, end, word, sizeof(word)) && strcmp(word, "inherits") == 0 &&
	    pw_next_word(&s, end, parent, sizeof(parent)) && parent[strlen(parent) - 1] != '\\')
		snprintf(out, size, "inherits %s", parent);
}

/*
 * Stanza @ifc of @text made static with @c, in its own style: the iface
 * line rewritten, our value lines after it, its other lines kept as they
 * are but for the options static has no use for.
 */
static void rewrite_stanza(struct pw_buf *b, const char *text, const struct pw_iface *ifc,
			   const struct pw_net_config *c)
{
	const char *p = text + ifc->start, *limit = text + ifc->end;
	struct style sty;
	struct line ln;
	char joined[1024], rest[512], word[64];
	size_t used = 0;
	bool ends_eol = true;

	stanza_style(text, ifc, &sty);
	/* the iface line, continuations joined */
	while (next_line(&p, limit, &ln)) {
		size_t n = (size_t)(ln.end - ln.start);
		bool more = n > 0 && ln.start[n - 1] == '\\';

		if (more)
			n--;
		if (used + n < sizeof(joined)) {
			memcpy(joined + used, ln.start, n);
			used += n;
		}
		if (!more)
			break;
	}
	joined[used] = '\0';
	iface_rest(joined, joined + used, rest, sizeof(rest));
	put_iface_line(b, ifc->name, rest, &sty);
	put_values(b, c, &sty);

	while (next_line(&p, limit, &ln)) {
		const char *s = skip_ws(ln.start, ln.end), *q = s;
		const char *from = ln.start;
		bool drop;

		if (s == ln.end || *s == '#') {
			pw_buf_add(b, ln.start, (size_t)(ln.next - ln.start));
			ends_eol = ln.next > ln.end;
			continue;
		}
		drop = pw_next_word(&q, ln.end, word, sizeof(word)) &&
		       dropped(word, c->nameservers[0] != '\0');
		/* an option line goes on while it ends in a backslash */
		while (ln.end > ln.start && ln.end[-1] == '\\' && next_line(&p, limit, &ln))
			;
		if (!drop) {
			pw_buf_add(b, from, (size_t)(ln.next - from));
			ends_eol = ln.next > ln.end;
		}
	}
	if (!ends_eol)
		pw_buf_str(b, sty.eol); /* the file ended without a newline */
}

/* A new stanza for @name with @c, in the style of the stanza @like. */
static void new_stanza(struct pw_buf *b, const char *text, const struct pw_iface *like,
		       const char *name, const struct pw_net_config *c)
{
	struct style sty;

	stanza_style(text, like, &sty);
	put_iface_line(b, name, NULL, &sty);
	put_values(b, c, &sty);
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

/* ---- edits of files ------------------------------------------------------ */

struct edit {
	size_t file;		/* index in ifs->files */
	size_t start, end;	/* bytes replaced */
	const struct pw_iface *ifc; /* the stanza at start, checked before the edit */
	struct pw_buf text;
};

/* Does the stanza still begin where the parser saw it? */
static bool stanza_at(const char *text, size_t len, const struct pw_iface *ifc)
{
	const char *p, *end = text + len;
	char word[256];

	if (ifc->start > ifc->end || ifc->end > len)
		return false;
	p = text + ifc->start;
	return pw_next_word(&p, end, word, sizeof(word)) && strcmp(word, "iface") == 0 &&
	       pw_next_word(&p, end, word, sizeof(word)) && strcmp(word, ifc->name) == 0;
}

static int cmp_edits(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int plan_file(struct pw_plan *plan, const char *path, const char *text, size_t len,
		     struct edit *edits, size_t n, struct pw_error *err)
{
	struct pw_buf out = { 0 };
	size_t pos = 0;
	int ret;

	qsort(edits, n, sizeof(*edits), cmp_edits);
	for (size_t i = 0; i < n; i++) {
		if (!stanza_at(text, len, edits[i].ifc) || edits[i].start < pos) {
			free(out.data);
			pw_error_set(err, PW_EXIT_IOERR,
				     _("%s changed while it was being read. Try again."), path);
			return -EAGAIN;
		}
		pw_buf_add(&out, text + pos, edits[i].start - pos);
		pw_buf_add(&out, edits[i].text.data ? edits[i].text.data : "", edits[i].text.len);
		pos = edits[i].end;
	}
	pw_buf_add(&out, text + pos, len - pos);
	ret = out.failed ? -ENOMEM : pw_plan_write(plan, path, text, len, true, out.data ? out.data : "",
						  out.len, 0644);
	free(out.data);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
	return ret < 0 ? ret : 0;
}

/* The udev rule at @line of @path commented out, with a line saying why. */
static int plan_rule(struct pw_ctx *ctx, struct pw_plan *plan, const char *path,
		     unsigned int line, const char *name, struct pw_error *err)
{
	struct pw_buf out = { 0 };
	const char *p, *limit;
	struct line ln;
	unsigned int number = 0;
	bool done = false;
	char *text;
	size_t len;
	int ret = pw_root_read_text(ctx->root, path, PW_TEXT_MAX, &text, &len);

	if (ret < 0) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), path,
			     pw_root_strerror(ret));
		return ret;
	}
	p = text;
	limit = text + len;
	while (next_line(&p, limit, &ln)) {
		const char *s;
		const char *eol;

		number++;
		if (number != line) {
			pw_buf_add(&out, ln.start, (size_t)(ln.next - ln.start));
			continue;
		}
		s = skip_ws(ln.start, ln.end);
		if (s == ln.end || *s == '#' || !memmem(s, (size_t)(ln.end - s), "NAME", 4))
			break; /* not the rule the probe saw */
		eol = ln.next > ln.end ? ln.end : "\n";
		pw_buf_str(&out, "# paravm-wizard disabled this rule for ParaVM: the Xen network card "
			    "would match no rule, so udev would not call it ");
		pw_buf_str(&out, name);
		pw_buf_str(&out, ".");
		pw_buf_add(&out, eol, ln.next > ln.end ? (size_t)(ln.next - ln.end) : 1);
		for (;;) {
			pw_buf_str(&out, "# ");
			pw_buf_add(&out, ln.start, (size_t)(ln.next - ln.start));
			if (!(ln.end > ln.start && ln.end[-1] == '\\') || !next_line(&p, limit, &ln))
				break;
			number++;
		}
		done = true;
	}
	if (!done) {
		free(text);
		free(out.data);
		pw_error_set(err, PW_EXIT_IOERR, _("%s changed while it was being read. Try again."),
			     path);
		return -EAGAIN;
	}
	ret = out.failed ? -ENOMEM : pw_plan_write(plan, path, text, len, true, out.data, out.len, 0644);
	free(text);
	free(out.data);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
	return ret < 0 ? ret : 0;
}

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
	if (!stanza_at(texts[ifc->file], lens[ifc->file], ifc)) {
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
	int ret = 1;

	memset(cfg, 0, sizeof(*cfg));
	memset(&v, 0, sizeof(v));
	pw_net_pv_probe(ctx, &pv);
	pw_ifaces_init(&ifs, ctx->root);
	if (pw_ifaces_load(&ifs, PW_IFACES_FILE) < 0)
		goto out;
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

int pw_plan_network(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct pw_ifaces ifs;
	struct pw_net_pv pv;
	const struct pw_iface *hvm, *pvs = NULL;
	struct values v;
	struct edit edits[2];
	size_t nedits = 0;
	char names[256], *texts[PW_IFACES_MAX_FILES] = { 0 };
	size_t lens[PW_IFACES_MAX_FILES] = { 0 };
	struct pw_ipv4 mask;
	bool guessed, same, hvm_done, pv_done = false, pv_new = false, pv_auto = false;
	bool hvm_auto = false;
	int ret;

	ret = pw_netstack_plan(ctx, plan, err);
	if (ret != 2)
		return ret; /* netplan, systemd-networkd, NetworkManager */
	memset(&v, 0, sizeof(v));
	memset(edits, 0, sizeof(edits));
	guessed = pw_net_pv_probe(ctx, &pv) == 1;
	pw_ifaces_init(&ifs, ctx->root);
	ret = pw_ifaces_load(&ifs, PW_IFACES_FILE);
	if (ret < 0) {
		ret = ifaces_error(&ifs, err);
		goto out;
	}

	if (ctx->answers.interface[0]) {
		if (!pw_valid_ifname(ctx->answers.interface)) {
			enum pw_net_field field;
			char why[PW_MSG_MAX];

			/* the one validator says what is wrong with it */
			pw_copy(v.cfg.interface, sizeof(v.cfg.interface), ctx->answers.interface,
				strlen(ctx->answers.interface));
			pw_net_validate(&v.cfg, &field, why, sizeof(why));
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: [network] interface: %s Correct it, then try again."),
				     ctx->answers.path, why);
			ret = -EINVAL;
			goto out;
		}
		hvm = pw_ifaces_find(&ifs, ctx->answers.interface, "inet");
		/* a public address on lo would cut the guest off from itself */
		if (hvm && is_loopback(hvm)) {
			list_names(&ifs, names, sizeof(names));
			if (names[0])
				pw_error_set(err, PW_EXIT_DATAERR,
					     _("%s: [network] interface: %s is the loopback interface, not a network card; %s configures %s. Correct the answers file, then try again."),
					     ctx->answers.path, hvm->name, PW_IFACES_FILE, names);
			else
				pw_error_set(err, PW_EXIT_DATAERR,
					     _("%s: [network] interface: %s is the loopback interface, not a network card, and %s configures no other. Add a stanza for the card, then try again."),
					     ctx->answers.path, hvm->name, PW_IFACES_FILE);
			ret = -EINVAL;
			goto out;
		}
		if (!hvm) {
			list_names(&ifs, names, sizeof(names));
			if (names[0])
				pw_error_set(err, PW_EXIT_DATAERR,
					     _("%s: [network] interface: %s has no \"iface %s inet\" stanza; it configures %s. Correct the answers file, then try again."),
					     ctx->answers.path, PW_IFACES_FILE, ctx->answers.interface,
					     names);
			else
				pw_error_set(err, PW_EXIT_DATAERR,
					     _("%s: [network] interface: %s has no \"iface %s inet\" stanza; it configures no interface but lo. Correct the answers file, then try again."),
					     ctx->answers.path, PW_IFACES_FILE, ctx->answers.interface);
			ret = -EINVAL;
			goto out;
		}
	} else {
		hvm = pw_ifaces_primary(&ifs);
		if (!hvm) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s configures no network card for IPv4 (only lo, if anything), so there is no stanza to make static. Add one for the card (under ParaVM it will be called %s), then try again."),
				     PW_IFACES_FILE, pv.name);
			ret = -EINVAL;
			goto out;
		}
	}

	same = strcmp(hvm->name, pv.name) == 0;
	if (!same)
		pvs = pw_ifaces_find(&ifs, pv.name, "inet");
	ret = gather_values(ctx, &ifs, hvm, pvs, pv.name, &v, err);
	if (ret < 0)
		goto out;

	/* the stanza of the HVM name, and what follows it */
	{
		struct edit *e = &edits[nedits];
		const char *text;
		size_t len;

		ret = read_stanza_file(ctx, &ifs, hvm, texts, lens, err);
		if (ret < 0)
			goto out;
		text = texts[hvm->file];
		len = lens[hvm->file];
		e->file = hvm->file;
		e->start = hvm->start;
		e->end = hvm->end;
		e->ifc = hvm;
		hvm_auto = same && !pw_ifaces_at_boot(&ifs, hvm->name);
		if (hvm_auto) {
			struct style sty;

			stanza_style(text, hvm, &sty);
			pw_buf_str(&e->text, sty.lead);
			pw_buf_str(&e->text, "auto ");
			pw_buf_str(&e->text, hvm->name);
			pw_buf_str(&e->text, sty.eol);
		}
		hvm_done = equivalent(hvm, &v.cfg);
		if (hvm_done)
			pw_buf_add(&e->text, text + hvm->start, hvm->end - hvm->start);
		else
			rewrite_stanza(&e->text, text, hvm, &v.cfg);
		if (!same && !pvs) {
			struct style sty;
			const char *after = text + hvm->end, *end = text + len;
			const char *nl = memchr(after, '\n', (size_t)(end - after));

			stanza_style(text, hvm, &sty);
			if (e->text.len && e->text.data[e->text.len - 1] != '\n')
				pw_buf_str(&e->text, sty.eol);
			pw_buf_str(&e->text, sty.eol);
			pw_buf_str(&e->text, sty.lead);
			pw_buf_str(&e->text, "# ");
			pw_buf_str(&e->text, hvm->name);
			pw_buf_str(&e->text, " under ParaVM, where the card is called ");
			pw_buf_str(&e->text, pv.name);
			pw_buf_str(&e->text, " (" COMMENT_PV ")");
			pw_buf_str(&e->text, sty.eol);
			if (!pw_ifaces_at_boot(&ifs, pv.name)) {
				pw_buf_str(&e->text, sty.lead);
				pw_buf_str(&e->text, "allow-hotplug ");
				pw_buf_str(&e->text, pv.name);
				pw_buf_str(&e->text, sty.eol);
			}
			new_stanza(&e->text, text, hvm, pv.name, &v.cfg);
			/* a blank line before what came next, unless there is one */
			if (after < end && skip_ws(after, nl ? nl : end) != (nl ? nl : end))
				pw_buf_str(&e->text, sty.eol);
			pv_new = true;
		}
		if (e->text.failed) {
			ret = -ENOMEM;
			pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
			goto out;
		}
		if (e->text.len != e->end - e->start ||
		    memcmp(e->text.data, text + e->start, e->text.len) != 0)
			nedits++;
		else
			pw_buf_free(&e->text);
	}

	/* a stanza for the name under ParaVM that exists already */
	if (pvs) {
		struct edit *e = &edits[nedits];
		const char *text;

		ret = read_stanza_file(ctx, &ifs, pvs, texts, lens, err);
		if (ret < 0)
			goto out;
		text = texts[pvs->file];
		e->file = pvs->file;
		e->start = pvs->start;
		e->end = pvs->end;
		e->ifc = pvs;
		pv_auto = !pw_ifaces_at_boot(&ifs, pvs->name);
		pv_done = equivalent(pvs, &v.cfg);
		if (pv_auto) {
			struct style sty;

			stanza_style(text, pvs, &sty);
			pw_buf_str(&e->text, sty.lead);
			pw_buf_str(&e->text, "auto ");
			pw_buf_str(&e->text, pvs->name);
			pw_buf_str(&e->text, sty.eol);
		}
		if (pv_done)
			pw_buf_add(&e->text, text + pvs->start, pvs->end - pvs->start);
		else
			rewrite_stanza(&e->text, text, pvs, &v.cfg);
		if (e->text.failed) {
			ret = -ENOMEM;
			pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
			goto out;
		}
		if (!pv_done || pv_auto)
			nedits++;
		else
			pw_buf_free(&e->text);
	}

	/* every file's edits in one change */
	for (size_t f = 0; f < ifs.nfiles; f++) {
		struct edit mine[2];
		size_t n = 0;

		for (size_t i = 0; i < nedits; i++)
			if (edits[i].file == f)
				mine[n++] = edits[i];
		if (n == 0)
			continue;
		ret = plan_file(plan, ifs.files[f], texts[f], lens[f], mine, n, err);
		if (ret < 0)
			goto out;
	}
	if (pv.conflict) {
		ret = plan_rule(ctx, plan, pv.conflict_file, pv.conflict_line, pv.name, err);
		if (ret < 0)
			goto out;
	}
	if (plan->count == 0) {
		ret = 1;
		goto out;
	}

	/* what it does, in words */
	pw_parse_netmask(v.cfg.netmask, &mask);
	if (hvm_done)
		pw_plan_note(plan, _("%s keeps its static address %s/%d, gateway %s."), hvm->name,
			    v.cfg.address, pw_netmask_prefix(mask), v.cfg.gateway);
	else if (v.cfg.nameservers[0])
		pw_plan_note(plan, _("%s gets the static address %s/%d, gateway %s, name servers %s."),
			    hvm->name, v.cfg.address, pw_netmask_prefix(mask), v.cfg.gateway,
			    v.cfg.nameservers);
	else
		pw_plan_note(plan, _("%s gets the static address %s/%d, gateway %s."), hvm->name,
			    v.cfg.address, pw_netmask_prefix(mask), v.cfg.gateway);
	if (hvm_auto)
		pw_plan_note(plan, _("An \"auto %s\" line brings it up at boot."), hvm->name);
	if (!same && (pv_new || !pv_done))
		pw_plan_note(plan, _("Under ParaVM the card will be called %s, so %s gets the same settings."),
			    pv.name, pv.name);
	else if (!same)
		pw_plan_note(plan, _("Under ParaVM the card will be called %s, which is configured so already."),
			    pv.name);
	if (!same && pv_auto)
		pw_plan_note(plan, _("An \"auto %s\" line brings it up at boot."), pv.name);
	if (guessed)
		pw_plan_note(plan, _("(The name under ParaVM is a guess: udev's version could not be read from the dpkg status.)"));
	if (pv.conflict)
		pw_plan_note(plan, _("The udev rule in %s, line %u, which gives the name %s only to the emulated card, becomes a comment, so that the Xen card gets that name."),
			    pv.conflict_file, pv.conflict_line, pv.name);
	note_sources(plan, &v);
	ret = 0;
out:
	if (ret < 0)
		pw_plan_free(plan);
	for (size_t i = 0; i < ARRAY_SIZE(edits); i++)
		pw_buf_free(&edits[i].text);
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
		free(texts[i]);
	pw_ifaces_free(&ifs);
	return ret;
}
