// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gettext for the static program, from the catalogues inside it: musl's
 * own reads .mo files from disk, ignores LANGUAGE and gives UTF-8 only.
 * This one behaves as glibc's does for the program: the languages of
 * LANGUAGE (a list, "de:fr"), else the LC_MESSAGES locale's, none in the C
 * locale; the translation converted with iconv to the character set that
 * bind_textdomain_codeset names (ISO-8859-1, KOI8-R, EUC-JP, ...); plural
 * forms by the catalogue's own Plural-Forms expression. It needs no locale
 * files. The program has one text domain: the domain arguments are kept
 * but not looked at.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <libintl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pw-static.h"

struct catalogue {
	char lang[8];			/* "de", from the blob's name */
	const unsigned char *data;
	size_t size;
	uint32_t count, orig, trans;	/* from the header */
	bool swapped;
	const char *plural;		/* the Plural-Forms expression, or NULL */
	unsigned long nplurals;
	char **converted;		/* per message, in @converted_to */
	char converted_to[32];
};

static struct catalogue catalogues[8];
static size_t n_catalogues;
static bool loaded;
static char codeset[32] = "UTF-8";
static char domain[64] = "messages";

static uint32_t word(const struct catalogue *c, size_t off)
{
	uint32_t v;

	memcpy(&v, c->data + off, 4);
	return c->swapped ? __builtin_bswap32(v) : v;
}

/* The string at table @table, entry @i: NULL if it lies outside the file. */
static const char *entry(const struct catalogue *c, uint32_t table, uint32_t i, size_t *len)
{
	size_t at = (size_t)table + 8 * (size_t)i;
	uint32_t l, off;

	if (at + 8 > c->size)
		return NULL;
	l = word(c, at);
	off = word(c, at + 4);
	if ((size_t)off + l + 1 > c->size || c->data[off + l] != '\0')
		return NULL;
	*len = l;
	return (const char *)c->data + off;
}

static void open_catalogue(const struct pw_blob *b)
{
	struct catalogue *c = &catalogues[n_catalogues];
	size_t n = strlen(b->name), len;
	const char *header, *p;

	if (n < 4 || strcmp(b->name + n - 3, ".mo") != 0 || n - 3 >= sizeof(c->lang) ||
	    n_catalogues == ARRAY_SIZE(catalogues))
		return;
	memset(c, 0, sizeof(*c));
	c->data = b->start;
	c->size = (size_t)(b->end - b->start);
	if (c->size < 28)
		return;
	c->swapped = word(c, 0) != 0x950412de;
	if (c->swapped && word(c, 0) != 0x950412de)
		return;
	c->count = word(c, 8);
	c->orig = word(c, 12);
	c->trans = word(c, 16);
	memcpy(c->lang, b->name, n - 3);
	/* the header: the translation of "" */
	header = c->count ? entry(c, c->trans, 0, &len) : NULL;
	p = header ? strstr(header, "Plural-Forms:") : NULL;
	if (p && (p = strstr(p, "nplurals=")))
		c->nplurals = strtoul(p + 9, NULL, 10);
	if (p && (p = strstr(p, "plural=")))
		c->plural = p + 7;
	n_catalogues++;
}

static void load(void)
{
	loaded = true;
	for (const struct pw_blob *b = pw_blobs; b->name; b++)
		open_catalogue(b);
}

/* ---- the Plural-Forms expression, a C expression of n ------------------ */

struct expr {
	const char *p;
	unsigned long n;
	bool bad;
};

static unsigned long ternary(struct expr *e);

static void blanks(struct expr *e)
{
	while (*e->p == ' ' || *e->p == '\t' || *e->p == '\n' || *e->p == '\\')
		e->p++;
}

static bool eat(struct expr *e, const char *op)
{
	size_t len = strlen(op);

	blanks(e);
	if (strncmp(e->p, op, len) != 0)
		return false;
	/* "<" is not the start of "<=", nor "!" of "!=" */
	if (len == 1 && (op[0] == '<' || op[0] == '>' || op[0] == '!' || op[0] == '=') &&
	    e->p[1] == '=')
		return false;
	e->p += len;
	return true;
}

static unsigned long primary(struct expr *e)
{
	unsigned long v;

	blanks(e);
	if (eat(e, "!"))
		return !primary(e);
	if (eat(e, "(")) {
		v = ternary(e);
		if (!eat(e, ")"))
			e->bad = true;
		return v;
	}
	if (*e->p == 'n') {
		e->p++;
		return e->n;
	}
	if (isdigit((unsigned char)*e->p)) {
		char *end;

		v = strtoul(e->p, &end, 10);
		e->p = end;
		return v;
	}
	e->bad = true;
	return 0;
}

static unsigned long product(struct expr *e)
{
	unsigned long v = primary(e), r;

	for (;;) {
		if (eat(e, "*")) {
			v *= primary(e);
		} else if (eat(e, "/") || eat(e, "%")) {
			bool mod = e->p[-1] == '%';

			r = primary(e);
			if (!r) {
				e->bad = true;
				return 0;
			}
			v = mod ? v % r : v / r;
		} else {
			return v;
		}
	}
}

static unsigned long sum(struct expr *e)
{
	unsigned long v = product(e);

	for (;;) {
		if (eat(e, "+"))
			v += product(e);
		else if (eat(e, "-"))
			v -= product(e);
		else
			return v;
	}
}

static unsigned long relation(struct expr *e)
{
	unsigned long v = sum(e);

	for (;;) {
		if (eat(e, "<="))
			v = v <= sum(e);
		else if (eat(e, ">="))
			v = v >= sum(e);
		else if (eat(e, "<"))
			v = v < sum(e);
		else if (eat(e, ">"))
			v = v > sum(e);
		else
			return v;
	}
}

static unsigned long equality(struct expr *e)
{
	unsigned long v = relation(e);

	for (;;) {
		if (eat(e, "=="))
			v = v == relation(e);
		else if (eat(e, "!="))
			v = v != relation(e);
		else
			return v;
	}
}

static unsigned long conjunction(struct expr *e)
{
	unsigned long v = equality(e);

	while (eat(e, "&&")) {
		unsigned long r = equality(e);

		v = v && r;
	}
	return v;
}

static unsigned long disjunction(struct expr *e)
{
	unsigned long v = conjunction(e);

	while (eat(e, "||")) {
		unsigned long r = conjunction(e);

		v = v || r;
	}
	return v;
}

static unsigned long ternary(struct expr *e)
{
	unsigned long c = disjunction(e), a, b;

	if (!eat(e, "?"))
		return c;
	a = ternary(e);
	if (!eat(e, ":"))
		e->bad = true;
	b = ternary(e);
	return c ? a : b;
}

/* The index of the plural form for @n; English's rule without an expression. */
static unsigned long plural_index(const struct catalogue *c, unsigned long n)
{
	struct expr e = { .p = c->plural, .n = n };
	unsigned long v;

	if (!c->plural)
		return n != 1;
	v = ternary(&e);
	return e.bad || v >= c->nplurals ? (n != 1) : v;
}

/* ---- lookup ------------------------------------------------------------- */

/* The catalogue for one language of a list: "de_DE.UTF-8@euro" tries de_DE, then de. */
static const struct catalogue *for_language(const char *name, size_t len)
{
	size_t full = strcspn(name, ".@:");
	size_t lang = strcspn(name, "_.@:");

	if (full > len)
		full = len;
	if (lang > len)
		lang = len;
	for (int pass = 0; pass < 2; pass++) {
		size_t l = pass ? lang : full;

		for (size_t i = 0; i < n_catalogues; i++)
			if (strlen(catalogues[i].lang) == l &&
			    strncmp(catalogues[i].lang, name, l) == 0)
				return &catalogues[i];
	}
	return NULL;
}

static struct catalogue *current(void)
{
	const char *messages = pw_static_messages_locale();
	const char *list = getenv("LANGUAGE");

	if (!loaded)
		load();
	/* as glibc: nothing is translated in the C locale, LANGUAGE or not */
	if (!messages || !strcmp(messages, "C") || !strcmp(messages, "POSIX"))
		return NULL;
	if (!list || !*list)
		list = messages;
	while (*list) {
		size_t len = strcspn(list, ":");
		const struct catalogue *c;

		if (len == 1 && list[0] == 'C')
			return NULL;
		c = len ? for_language(list, len) : NULL;
		if (c)
			return (struct catalogue *)c;
		list += len;
		if (*list == ':')
			list++;
	}
	return NULL;
}

/*
 * Characters the translations use that some sets lack, and what glibc's
 * transliteration puts instead (its de_DE rules first: „ and “ become
 * » and «, where the set has those).
 */
static const struct {
	const char *utf8;
	const char *instead[3];
} translit[] = {
	{ "\u201e", { "\u00bb", ",," } }, { "\u201c", { "\u00ab", "\"" } },
	{ "\u201d", { "\u00bb", "\"" } }, { "\u00ab", { "<<" } }, { "\u00bb", { ">>" } },
	{ "\u2014", { "--" } }, { "\u2013", { "-" } }, { "\u2026", { "..." } },
	{ "\u2018", { "'" } }, { "\u2019", { "'" } }, { "\u00a0", { " " } },
};

/*
 * One character of @in (@len bytes of UTF-8) in the set of @cd at @o; false
 * if the set has no such character. musl's iconv puts '*' for one and counts
 * it rather than failing, so a count above 0 is a miss too.
 */
static bool put_char(iconv_t cd, const char *in, size_t len, char **o, size_t *left)
{
	char *i = (char *)in, *start = *o;
	size_t in_left = len, before = *left, r;

	r = iconv(cd, &i, &in_left, o, left);
	if (r == 0 && in_left == 0)
		return true;
	*o = start;
	*left = before;
	return false;
}

/* @s (@len bytes, NULs between plural forms) in @cd's set, into @out. */
static bool convert(iconv_t cd, const char *s, size_t len, char *out, size_t out_size)
{
	char *o = out;
	size_t left = out_size;

	for (size_t at = 0; at <= len;) {
		unsigned char c = (unsigned char)s[at];
		size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		bool done = false;

		if (at + n > len + 1)
			n = len + 1 - at;
		if (c == '\0') {
			if (left < 1)
				return false;
			*o++ = '\0';
			left--;
			at++;
			continue;
		}
		done = put_char(cd, s + at, n, &o, &left);
		for (size_t t = 0; !done && t < ARRAY_SIZE(translit); t++) {
			if (strlen(translit[t].utf8) != n || memcmp(translit[t].utf8, s + at, n) != 0)
				continue;
			for (size_t k = 0; !done && k < 3 && translit[t].instead[k]; k++)
				done = put_char(cd, translit[t].instead[k],
						strlen(translit[t].instead[k]), &o, &left);
		}
		if (!done)
			done = put_char(cd, "?", 1, &o, &left);
		if (!done)
			return false;
		at += n;
	}
	return true;
}

/* Message @i's translation @s (@len bytes, NULs between plural forms) in the codeset. */
static const char *converted(struct catalogue *c, uint32_t i, const char *s, size_t len)
{
	size_t out_size = 4 * len + 16;
	iconv_t cd;
	char *out;
	bool ok;

	if (!strcasecmp(codeset, "UTF-8") || !strcasecmp(codeset, "UTF8"))
		return s;
	if (strcmp(c->converted_to, codeset) != 0) {
		/* a new codeset: the old strings stay valid, for whoever holds them */
		c->converted = calloc(c->count, sizeof(*c->converted));
		if (!c->converted)
			return s;
		snprintf(c->converted_to, sizeof(c->converted_to), "%s", codeset);
	}
	if (c->converted[i])
		return c->converted[i];
	cd = iconv_open(codeset, "UTF-8");
	if (cd == (iconv_t)-1)
		return s;
	out = malloc(out_size);
	ok = out && convert(cd, s, len, out, out_size);
	iconv_close(cd);
	if (!ok) {
		free(out);
		return s;
	}
	c->converted[i] = out;
	return out;
}

/* The translation of @msgid, form @form of it: NULL when there is none. */
static const char *lookup(const char *msgid, unsigned long n, bool plural)
{
	struct catalogue *c = current();
	uint32_t lo = 0, hi;

	if (!c || !*msgid)
		return NULL;
	hi = c->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		size_t len;
		const char *orig = entry(c, c->orig, mid, &len);
		int cmp;

		if (!orig)
			return NULL;
		cmp = strcmp(msgid, orig);
		if (cmp == 0) {
			const char *t = entry(c, c->trans, mid, &len), *form;
			unsigned long k = plural ? plural_index(c, n) : 0;

			if (!t || !len)
				return NULL;
			t = converted(c, mid, t, len);
			/* the forms follow each other, each ending in NUL */
			for (form = t; k > 0; k--) {
				form += strlen(form) + 1;
				if (form >= t + len)
					return NULL;
			}
			return form;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

char *gettext(const char *msgid)
{
	const char *t = lookup(msgid, 1, false);

	return (char *)(t ? t : msgid);
}

char *ngettext(const char *msgid, const char *plural, unsigned long n)
{
	const char *t = lookup(msgid, n, true);

	return (char *)(t ? t : n == 1 ? msgid : plural);
}

char *dgettext(const char *dom, const char *msgid)
{
	(void)dom;
	return gettext(msgid);
}

char *textdomain(const char *name)
{
	if (name)
		snprintf(domain, sizeof(domain), "%s", name);
	return domain;
}

/* The catalogues are inside: the folder is not looked at. */
char *bindtextdomain(const char *dom, const char *dir)
{
	(void)dom;
	return (char *)dir;
}

char *bind_textdomain_codeset(const char *dom, const char *set)
{
	(void)dom;
	if (set)
		snprintf(codeset, sizeof(codeset), "%s", set);
	return codeset;
}
