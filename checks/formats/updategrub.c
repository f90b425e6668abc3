// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Find, by content, the two blocks of grub legacy's update-grub (2008)
 * that leave kernels out of menu.lst:
 *
 *	if [ ! "$in_domU" ] && [ "$is_xen" ]; then
 *		# skip xen kernels
 *		continue
 *	elif [ "$in_domU" ] && ! [ "$is_xen" ]; then
 *
 * A line is cut into shell words (quotes and ${} dropped, ';' '&&' '||' on
 * their own, a '#' word ends it), so blanks, quoting and where `then`
 * stands do not matter. A block's body runs to its elif, else or fi; it
 * is active while a `continue` in it is not commented out. The conversion
 * guide's patch (`# continue` then `:`) leaves none, so it counts as fixed.
 */
#include <string.h>

#include "pw-grub.h"
#include "pw-text.h"

#define WORD_MAX 64
#define WORDS_MAX 48

struct words {
	size_t n;
	char w[WORDS_MAX][WORD_MAX];
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_separator(const char *w)
{
	return strcmp(w, ";") == 0 || strcmp(w, "&&") == 0 || strcmp(w, "||") == 0 ||
	       strcmp(w, "|") == 0 || strcmp(w, "&") == 0;
}

static void push(struct words *ws, const char *s, size_t n)
{
	char *w;

	if (ws->n >= WORDS_MAX)
		return;
	w = ws->w[ws->n++];
	pw_copy(w, WORD_MAX, s, n);
	/* "${in_domU}" -> "$in_domU" */
	n = strlen(w);
	if (n > 3 && w[0] == '$' && w[1] == '{' && w[n - 1] == '}') {
		memmove(w + 1, w + 2, n - 3);
		w[n - 2] = '\0';
	}
}

static void split_words(const char *line, size_t len, struct words *ws)
{
	const char *p = line, *end = line + len;
	char buf[WORD_MAX];

	ws->n = 0;
	while (p < end) {
		size_t n = 0;
		char quote = 0;

		p = pw_skip_blanks(p, end);
		if (p >= end || *p == '#')
			break;
		if (*p == ';' || *p == '&' || *p == '|') {
			const char *q = p + 1;

			if (*p != ';' && q < end && *q == *p)
				q++;
			push(ws, p, (size_t)(q - p));
			p = q;
			continue;
		}
		while (p < end &&
		       (quote || (!is_blank(*p) && *p != ';' && *p != '&' && *p != '|'))) {
			if (quote && *p == quote)
				quote = 0;
			else if (!quote && (*p == '"' || *p == '\''))
				quote = *p;
			else if (n + 1 < sizeof(buf))
				buf[n++] = *p;
			p++;
		}
		push(ws, buf, n);
	}
}

/* One test: `[ $v ]`, `[ -n $v ]`, `[ ! $v ]`, `[ -z $v ]`, each maybe after `!`. */
static bool parse_test(const struct words *ws, size_t *i, char *var, bool *negated)
{
	size_t k = *i;
	bool neg = false;

	if (k < ws->n && strcmp(ws->w[k], "!") == 0) {
		neg = true;
		k++;
	}
	if (k >= ws->n || strcmp(ws->w[k], "[") != 0)
		return false;
	k++;
	if (k < ws->n && (strcmp(ws->w[k], "!") == 0 || strcmp(ws->w[k], "-z") == 0)) {
		neg = !neg;
		k++;
	} else if (k < ws->n && strcmp(ws->w[k], "-n") == 0) {
		k++;
	}
	if (k + 1 >= ws->n || ws->w[k][0] != '$' || strcmp(ws->w[k + 1], "]") != 0)
		return false;
	pw_copy(var, WORD_MAX, ws->w[k] + 1, strlen(ws->w[k] + 1));
	*negated = neg;
	*i = k + 2;
	return true;
}

enum which { NEITHER, SKIP_XEN, SKIP_NONXEN };

/* `if|elif TEST && TEST` naming in_domU and is_xen; @i moves past it. */
static enum which parse_condition(const struct words *ws, size_t *i)
{
	char v1[WORD_MAX], v2[WORD_MAX];
	bool n1, n2, domu_neg, xen_neg;
	size_t k = *i + 1;

	if (!parse_test(ws, &k, v1, &n1) || k >= ws->n || strcmp(ws->w[k], "&&") != 0)
		return NEITHER;
	k++;
	if (!parse_test(ws, &k, v2, &n2))
		return NEITHER;
	if (strcmp(v1, "in_domU") == 0 && strcmp(v2, "is_xen") == 0) {
		domu_neg = n1;
		xen_neg = n2;
	} else if (strcmp(v1, "is_xen") == 0 && strcmp(v2, "in_domU") == 0) {
		domu_neg = n2;
		xen_neg = n1;
	} else {
		return NEITHER;
	}
	*i = k;
	if (domu_neg && !xen_neg)
		return SKIP_XEN;
	if (!domu_neg && xen_neg)
		return SKIP_NONXEN;
	return NEITHER;
}

struct scan {
	struct pw_updategrub *out;
	enum which in;		/* the block being read */
	unsigned int depth;	/* ifs opened inside it */
	struct pw_updategrub_block cur;
};

static void close_block(struct scan *s)
{
	struct pw_updategrub_block *b = s->in == SKIP_XEN ? &s->out->skip_xen
							  : &s->out->skip_nonxen;

	/* keep the first block, unless a later one still skips */
	if (!b->found || (!b->active && s->cur.active))
		*b = s->cur;
	s->in = NEITHER;
}

/* The statement starting at word @i; returns where the next one starts. */
static size_t statement(struct scan *s, const struct words *ws, size_t i, unsigned int line)
{
	/* keywords that only lead into the real command */
	while (i < ws->n && (strcmp(ws->w[i], "then") == 0 || strcmp(ws->w[i], "do") == 0 ||
			     (strcmp(ws->w[i], "else") == 0 && s->depth > 0)))
		i++;
	if (i >= ws->n)
		return i;

	if (s->in != NEITHER) {
		const char *w = ws->w[i];

		if ((strcmp(w, "elif") == 0 || strcmp(w, "else") == 0) && s->depth == 0) {
			close_block(s);
		} else if (strcmp(w, "fi") == 0 || strcmp(w, "done") == 0 || strcmp(w, "esac") == 0) {
			if (s->depth == 0)
				close_block(s);
			else
				s->depth--;
		} else if (strcmp(w, "if") == 0 || strcmp(w, "for") == 0 || strcmp(w, "while") == 0 ||
			   strcmp(w, "until") == 0 || strcmp(w, "case") == 0) {
			s->depth++;
		} else if (strcmp(w, "continue") == 0 && !s->cur.active) {
			s->cur.active = true;
			s->cur.continue_line = line;
		}
	}
	if (s->in == NEITHER && (strcmp(ws->w[i], "if") == 0 || strcmp(ws->w[i], "elif") == 0)) {
		enum which w = parse_condition(ws, &i);

		if (w != NEITHER) {
			s->in = w;
			s->depth = 0;
			memset(&s->cur, 0, sizeof(s->cur));
			s->cur.found = true;
			s->cur.if_line = line;
			return i; /* the `; then` after it starts the body */
		}
	}
	while (i < ws->n && !is_separator(ws->w[i]))
		i++;
	return i < ws->n ? i + 1 : i;
}

int pw_updategrub_scan(const char *text, size_t len, struct pw_updategrub *out)
{
	struct scan s = { .out = out, .in = NEITHER };
	struct words ws;
	struct pw_lines it;
	const char *line;
	size_t n;

	memset(out, 0, sizeof(*out));
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		split_words(line, n, &ws);
		for (size_t i = 0; i < ws.n;) {
			if (is_separator(ws.w[i])) {
				i++;
				continue;
			}
			i = statement(&s, &ws, i, it.number);
		}
	}
	if (s.in != NEITHER)
		close_block(&s);
	return out->skip_xen.found || out->skip_nonxen.found ? 0 : 1;
}
