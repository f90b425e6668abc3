// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ISC dhclient's lease files (dhclient.leases(5)): a sequence of
 *
 *	lease {
 *	  interface "eth0";
 *	  fixed-address 18.181.1.23;
 *	  option subnet-mask 255.255.0.0;
 *	  option routers 18.181.0.1;
 *	  option domain-name-servers 18.70.0.160,18.71.0.151;
 *	  expire 4 2008/04/24 21:00:00;
 *	}
 *
 * blocks, appended as leases come, so the newest is the last. Other blocks
 * (lease6, with blocks inside) and statements are skipped. The file is the
 * DHCP client's, not the owner's: any bytes are taken without complaint,
 * and only well-formed values are kept.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pw-interfaces.h"
#include "pw-text.h"

enum tok { T_END, T_WORD, T_STRING, T_LBRACE, T_RBRACE, T_SEMI, T_COMMA };

struct lexer {
	const char *p, *end;
};

struct token {
	enum tok kind;
	const char *s;	/* T_WORD, T_STRING: the text (a string without quotes) */
	size_t len;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Word characters: anything but blanks and the punctuation (NUL too). */
static bool is_word(char c)
{
	return c == '\0' || (!is_blank(c) && !strchr("{};,\"#", c));
}

static struct token next_token(struct lexer *lx)
{
	struct token t = { T_END, NULL, 0 };

	for (;;) {
		while (lx->p < lx->end && is_blank(*lx->p))
			lx->p++;
		if (lx->p < lx->end && *lx->p == '#') {
			const char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));

			lx->p = nl ? nl : lx->end;
			continue;
		}
		break;
	}
	if (lx->p >= lx->end)
		return t;
	switch (*lx->p) {
	case '{':
		t.kind = T_LBRACE;
		lx->p++;
		return t;
	case '}':
		t.kind = T_RBRACE;
		lx->p++;
		return t;
	case ';':
		t.kind = T_SEMI;
		lx->p++;
		return t;
	case ',':
		t.kind = T_COMMA;
		lx->p++;
		return t;
	case '"': {
		const char *q = ++lx->p;

		while (q < lx->end && *q != '"')
			q += *q == '\\' && q + 1 < lx->end ? 2 : 1;
		if (q >= lx->end) {
			/* unterminated: nothing after it can be trusted */
			lx->p = lx->end;
			return t;
		}
		t.kind = T_STRING;
		t.s = lx->p;
		t.len = (size_t)(q - lx->p);
		lx->p = q + 1;
		return t;
	}
	default:
		t.kind = T_WORD;
		t.s = lx->p;
		while (lx->p < lx->end && is_word(*lx->p))
			lx->p++;
		t.len = (size_t)(lx->p - t.s);
		return t;
	}
}

static bool tok_is(const struct token *t, const char *word)
{
	return t->kind == T_WORD && t->len == strlen(word) && memcmp(t->s, word, t->len) == 0;
}

/* Copy a token's text if it fits and holds no NUL byte; false otherwise. */
static bool tok_copy(const struct token *t, char *buf, size_t size)
{
	if ((t->kind != T_WORD && t->kind != T_STRING) || t->len >= size ||
	    memchr(t->s, '\0', t->len))
		return false;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	return true;
}

static bool tok_ipv4(const struct token *t, char out[16])
{
	char buf[16];
	struct pw_ipv4 a;

	if (!tok_copy(t, buf, sizeof(buf)) || pw_parse_ipv4(buf, &a) < 0)
		return false;
	memcpy(out, buf, sizeof(buf));
	return true;
}

/* Skip a block whose "{" was just read; false if the text ends first. */
static bool skip_block(struct lexer *lx)
{
	unsigned long depth = 1;

	for (;;) {
		struct token t = next_token(lx);

		if (t.kind == T_END)
			return false;
		if (t.kind == T_LBRACE)
			depth++;
		else if (t.kind == T_RBRACE && --depth == 0)
			return true;
	}
}

/* "expire 4 2008/04/24 21:00:00", "expire epoch 1209070800", "expire never". */
static void take_expire(struct pw_lease *l, const struct token *w, size_t n)
{
	char date[16], clock[16];
	struct tm tm = { 0 };
	char *end;
	long long v;
	time_t t;

	l->expires = false;
	l->expire_text[0] = '\0';
	if (n == 3 && tok_is(&w[1], "epoch") && tok_copy(&w[2], date, sizeof(date))) {
		v = strtoll(date, &end, 10);
		if (*end || end == date || v < 0)
			return;
		l->expires = true;
		l->expire = v;
		snprintf(l->expire_text, sizeof(l->expire_text), "@%lld", v);
		return;
	}
	if (n != 4 || !tok_copy(&w[2], date, sizeof(date)) || !tok_copy(&w[3], clock, sizeof(clock)))
		return; /* "never", or not understood: no expiry known */
	end = strptime(date, "%Y/%m/%d", &tm);
	if (!end || *end)
		return;
	end = strptime(clock, "%H:%M:%S", &tm);
	if (!end || *end)
		return;
	t = timegm(&tm); /* dhclient writes UTC */
	if (t == (time_t)-1)
		return;
	l->expires = true;
	l->expire = (long long)t;
	snprintf(l->expire_text, sizeof(l->expire_text), "%s %s", date, clock);
}

#define STMT_MAX 40

/* One statement of a lease block, its words in @w. */
static void take_statement(struct pw_lease *l, const struct token *w, size_t n)
{
	if (n == 0)
		return;
	if (n == 2 && tok_is(&w[0], "interface")) {
		if (!tok_copy(&w[1], l->interface, sizeof(l->interface)))
			strcpy(l->interface, "?"); /* matches no interface */
	} else if (n == 2 && tok_is(&w[0], "fixed-address")) {
		if (!tok_ipv4(&w[1], l->address))
			l->address[0] = '\0';
	} else if (tok_is(&w[0], "expire")) {
		take_expire(l, w, n);
	} else if (n >= 3 && tok_is(&w[0], "option") && tok_is(&w[1], "subnet-mask")) {
		char mask[16];
		struct pw_ipv4 m;

		l->netmask[0] = '\0';
		if (n == 3 && tok_copy(&w[2], mask, sizeof(mask)) && pw_parse_ipv4(mask, &m) == 0 &&
		    pw_parse_netmask(mask, &m) == 0)
			strcpy(l->netmask, mask);
	} else if (n >= 3 && tok_is(&w[0], "option") && tok_is(&w[1], "routers")) {
		if (!tok_ipv4(&w[2], l->gateway))
			l->gateway[0] = '\0';
	} else if (n >= 3 && tok_is(&w[0], "option") && tok_is(&w[1], "domain-name-servers")) {
		l->nameservers[0] = '\0';
		for (size_t i = 2; i < n; i++) {
			char ns[16];
			size_t used = strlen(l->nameservers);

			if (w[i].kind == T_COMMA || !tok_ipv4(&w[i], ns))
				continue; /* a malformed one is left out, not the rest */
			if (used + strlen(ns) + 2 > sizeof(l->nameservers))
				break;
			snprintf(l->nameservers + used, sizeof(l->nameservers) - used, "%s%s",
				 used ? " " : "", ns);
		}
	}
}

/* The body of a lease block; true if it ends with its "}". */
static bool parse_lease(struct lexer *lx, struct pw_lease *l)
{
	struct token w[STMT_MAX];
	size_t n = 0;

	memset(l, 0, sizeof(*l));
	for (;;) {
		struct token t = next_token(lx);

		switch (t.kind) {
		case T_END:
			return false;
		case T_RBRACE:
			return true;
		case T_SEMI:
			take_statement(l, w, n);
			n = 0;
			break;
		case T_LBRACE:
			/* a block inside: not a statement we know */
			if (!skip_block(lx))
				return false;
			n = 0;
			break;
		default:
			if (n < STMT_MAX)
				w[n++] = t;
			break;
		}
	}
}

int pw_lease_parse(const char *text, size_t len, const char *ifname, long long now,
		   struct pw_lease *lease, struct pw_lease *expired)
{
	struct lexer lx = { text, text + len };
	bool found = false;
	bool at_start = true; /* the token is the first of a statement */
	struct pw_lease l;

	if (expired)
		memset(expired, 0, sizeof(*expired));
	memset(lease, 0, sizeof(*lease));
	for (;;) {
		struct token t = next_token(&lx);

		if (t.kind == T_END)
			break;
		if (t.kind == T_LBRACE) {
			/* a block we do not read (lease6, or one that starts oddly) */
			if (!skip_block(&lx))
				break;
			at_start = true;
			continue;
		}
		if (t.kind == T_SEMI || t.kind == T_RBRACE) {
			at_start = true;
			continue;
		}
		if (!at_start || !tok_is(&t, "lease")) {
			at_start = false;
			continue;
		}
		at_start = false;
		t = next_token(&lx);
		if (t.kind != T_LBRACE) {
			if (t.kind == T_SEMI || t.kind == T_END)
				at_start = true;
			continue;
		}
		at_start = true;
		if (!parse_lease(&lx, &l))
			break; /* cut short: the file was being written */
		if (!l.address[0] || (l.interface[0] && strcmp(l.interface, ifname) != 0))
			continue;
		if (l.expires && l.expire <= now) {
			if (expired)
				*expired = l;
		} else {
			*lease = l;
			found = true;
		}
	}
	return found ? 0 : 1;
}
