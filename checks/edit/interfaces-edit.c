// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step's editor of /etc/network/interfaces (or a file it
 * sources): an old text to a new text in which a stanza becomes
 * "inet static" with the owner's values, in the stanza's own style (line
 * ends, indentation), an "auto" line may come before it, and a new stanza
 * for the name the card has under ParaVM may follow it. Every byte
 * outside the stanzas it changes is kept.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-interfaces.h"
#include "pw-net-edit.h"
#include "pw-text.h"

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

/* One physical line of a file: [start, next); its text without EOL ends at @end. */
struct line {
	const char *start, *end, *next;
};

static bool next_line(const char **p, const char *limit, struct line *ln)
{
	struct pw_lines it;
	size_t n;

	pw_lines_init(&it, *p, (size_t)(limit - *p));
	if (!pw_lines_next(&it, &ln->start, &n))
		return false;
	ln->end = ln->start + n;
	ln->next = it.pos;
	*p = it.pos;
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

/* Does the stanza still begin where the parser saw it? */
bool pw_ifaces_stanza_at(const char *text, size_t len, const struct pw_iface *ifc)
{
	const char *p, *end = text + len;
	char word[256];

	if (ifc->start > ifc->end || ifc->end > len)
		return false;
	p = text + ifc->start;
	return pw_next_word(&p, end, word, sizeof(word)) && strcmp(word, "iface") == 0 &&
	       pw_next_word(&p, end, word, sizeof(word)) && strcmp(word, ifc->name) == 0;
}

/* "auto NAME" (or another mark) as a line in the stanza's style. */
static void put_mark(struct pw_buf *b, const char *mark, const char *name, const struct style *sty)
{
	pw_buf_str(b, sty->lead);
	pw_buf_str(b, mark);
	pw_buf_str(b, " ");
	pw_buf_str(b, name);
	pw_buf_str(b, sty->eol);
}

/* After the stanza: a comment, maybe an allow-hotplug line, the new stanza. */
static void put_new_stanza(struct pw_buf *b, const char *text, size_t len,
			   const struct pw_ifaces_change *ch, const struct pw_net_config *c)
{
	const struct pw_iface *ifc = ch->ifc;
	const char *after = text + ifc->end, *end = text + len;
	const char *nl = memchr(after, '\n', (size_t)(end - after));
	struct style sty;

	stanza_style(text, ifc, &sty);
	if (b->len && b->data[b->len - 1] != '\n')
		pw_buf_str(b, sty.eol);
	pw_buf_str(b, sty.eol);
	pw_buf_str(b, sty.lead);
	pw_buf_printf(b, "# %s under ParaVM, where the card is called %s (" COMMENT_PV ")",
		      ifc->name, ch->new_name);
	pw_buf_str(b, sty.eol);
	if (ch->new_hotplug)
		put_mark(b, "allow-hotplug", ch->new_name, &sty);
	new_stanza(b, text, ifc, ch->new_name, c);
	/* a blank line before what came next, unless there is one */
	if (after < end && skip_ws(after, nl ? nl : end) != (nl ? nl : end))
		pw_buf_str(b, sty.eol);
}

/* What replaces the bytes of one stanza. */
static void put_change(struct pw_buf *b, const char *text, size_t len,
		       const struct pw_ifaces_change *ch, const struct pw_net_config *c)
{
	const struct pw_iface *ifc = ch->ifc;

	if (ch->add_auto) {
		struct style sty;

		stanza_style(text, ifc, &sty);
		put_mark(b, "auto", ifc->name, &sty);
	}
	if (ch->rewrite)
		rewrite_stanza(b, text, ifc, c);
	else
		pw_buf_add(b, text + ifc->start, ifc->end - ifc->start);
	if (ch->new_name)
		put_new_stanza(b, text, len, ch, c);
}

static int cmp_changes(const void *a, const void *b)
{
	const struct pw_ifaces_change *x = a, *y = b;

	return x->ifc->start < y->ifc->start ? -1 : x->ifc->start > y->ifc->start;
}

int pw_ifaces_edit(const char *text, size_t len, const struct pw_net_config *cfg,
		   struct pw_ifaces_change *changes, size_t n, char **out, size_t *out_len)
{
	struct pw_buf b = { 0 };
	size_t pos = 0;

	qsort(changes, n, sizeof(*changes), cmp_changes);
	for (size_t i = 0; i < n; i++) {
		const struct pw_iface *ifc = changes[i].ifc;

		if (!pw_ifaces_stanza_at(text, len, ifc) || ifc->start < pos) {
			pw_buf_free(&b);
			return -EAGAIN;
		}
		pw_buf_add(&b, text + pos, ifc->start - pos);
		put_change(&b, text, len, &changes[i], cfg);
		pos = ifc->end;
	}
	pw_buf_add(&b, text + pos, len - pos);
	if (b.failed) {
		pw_buf_free(&b);
		return -ENOMEM;
	}
	*out = b.data ? b.data : strdup("");
	*out_len = b.len;
	return *out ? 0 : -ENOMEM;
}
