// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The grub step's text edits: update-grub's skip blocks, menu.lst's default
 * options and global lines, /etc/default/grub, grub.cfg's kernel lines.
 *
 * Each builds the whole new text from the old one, copying every byte it
 * does not change (line endings included), so that the diff the owner is
 * shown holds only the wizard's change. No file is read here:
 * checks/steps/grub-plan.c reads them through pw_root and writes through the txn.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-default-grub.h"
#include "pw-grub.h"
#include "pw-root.h"
#include "pw-text.h"

/* update-grub's markers, whole lines (as checks/formats/menulst.c reads them). */
#define AUTOMAGIC_BEGIN "### BEGIN AUTOMAGIC KERNELS LIST"
#define AUTOMAGIC_END "### END DEBIAN AUTOMAGIC KERNELS LIST"
#define OPTIONS_BEGIN "## ## Start Default Options ##"
#define OPTIONS_END "## ## End Default Options ##"

/*
 * In place of a timeout pygrub fails on (not a whole number): update-grub's
 * template's. None, -1 or 0 is left alone: pygrub boots after a second
 * then (see pw_grub_menu_finish()).
 */
#define TIMEOUT_VALUE "5"

/* Hand the result over: 0 changed, 1 the same as @old, -ENOMEM. */
static int sb_finish(struct pw_buf *b, const char *old, size_t old_len, char **out,
		     size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	if (b->failed) {
		free(b->data);
		return -ENOMEM;
	}
	if (!b->data)
		pw_buf_add(b, "", 0); /* an empty result is still a string */
	if (b->failed) {
		free(b->data);
		return -ENOMEM;
	}
	if (b->len == old_len && memcmp(b->data, old, old_len) == 0) {
		free(b->data);
		return 1;
	}
	*out = b->data;
	*out_len = b->len;
	return 0;
}

/* ---- lines with their endings ------------------------------------------ */

/* A line of the text being edited, with its ending: pw_lines (checks/core/text.c). */
struct line {
	struct pw_lines it;
	const char *p;		/* the content, without its ending (it.eol) */
	size_t n;
};

static void lines_init(struct line *l, const char *text, size_t len)
{
	pw_lines_init(&l->it, text, len);
}

static bool next_line(struct line *l)
{
	return pw_lines_next(&l->it, &l->p, &l->n);
}

static void add_line(struct pw_buf *b, const struct line *l)
{
	pw_buf_add(b, l->p, l->n + l->it.eol_len);
}

/* The ending new lines get: the file's own ("\r\n" if its first line has it). */
static const char *eol_of(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);

	return nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Before appending lines: end the last one, if the text does not. */
static void end_last_line(struct pw_buf *b, const char *eol)
{
	if (b->len > 0 && b->data[b->len - 1] != '\n')
		pw_buf_str(b, eol);
}

static bool line_is(const struct line *l, const char *marker)
{
	return l->n == strlen(marker) && memcmp(l->p, marker, l->n) == 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* ---- kernel arguments --------------------------------------------------- */

enum root_edit {
	ROOT_KEEP,
	ROOT_DEVICES,	/* root=/dev/... becomes root=UUID= */
	ROOT_ENSURE,	/* exactly one root=, root=UUID= */
};

enum console_edit {
	CONSOLE_KEEP,
	CONSOLE_DROP_OTHERS,	/* console= of another device goes */
	CONSOLE_ENSURE,		/* ... and console=DEV is there */
};

struct args_edit {
	const char *uuid;
	const char *dev;
	enum root_edit root;
	enum console_edit console;
};

static bool word_starts(const char *w, size_t n, const char *prefix)
{
	return pw_has_prefix(w, n, prefix);
}

/* "console=DEV" or "console=DEV,options". */
static bool is_console_of(const char *w, size_t n, const char *dev)
{
	size_t d = strlen(dev);

	return n >= 8 + d && memcmp(w, "console=", 8) == 0 && memcmp(w + 8, dev, d) == 0 &&
	       (n == 8 + d || w[8 + d] == ',');
}

static void scan_args(const char *s, const char *end, const struct args_edit *e, bool *has_root,
		      bool *has_dev)
{
	*has_root = false;
	*has_dev = false;
	while (s < end) {
		const char *w = pw_skip_blanks(s, end), *we = w;

		while (we < end && !is_blank(*we))
			we++;
		if (w == we)
			break;
		if (word_starts(w, (size_t)(we - w), "root="))
			*has_root = true;
		if (is_console_of(w, (size_t)(we - w), e->dev))
			*has_dev = true;
		s = we;
	}
}

/*
 * Rebuild the words of [s, s+n) into @b: a word kept keeps the blanks
 * before it, a word dropped takes them along, a word replaced takes the
 * place of the old one.
 */
static void edit_args(struct pw_buf *b, const char *s, size_t n, const struct args_edit *e)
{
	const char *end = s + n, *p;
	char root_word[128], console_word[64];
	bool has_root, has_dev, root_done = false, console_placed = false, first = true;

	snprintf(root_word, sizeof(root_word), "root=UUID=%s", e->uuid ? e->uuid : "");
	snprintf(console_word, sizeof(console_word), "console=%s", e->dev ? e->dev : "");
	scan_args(s, end, e, &has_root, &has_dev);

	p = pw_skip_blanks(s, end);
	pw_buf_add(b, s, (size_t)(p - s));
	if (p == end && e->root == ROOT_ENSURE) {
		/* an empty kopt: what update-grub would have made, by UUID */
		pw_buf_str(b, root_word);
		pw_buf_str(b, " ro");
		first = false;
		root_done = true;
	} else if (e->root == ROOT_ENSURE && !has_root) {
		pw_buf_str(b, root_word);
		first = false;
		root_done = true;
	}
	for (;;) {
		const char *w = pw_skip_blanks(p, end), *we = w;
		const char *replace = NULL;
		bool drop = false;
		size_t wn;

		if (w == end) {
			if (e->console == CONSOLE_ENSURE && !has_dev && !console_placed) {
				if (!first)
					pw_buf_str(b, " ");
				pw_buf_str(b, console_word);
			}
			pw_buf_add(b, p, (size_t)(end - p)); /* trailing blanks */
			return;
		}
		while (we < end && !is_blank(*we))
			we++;
		wn = (size_t)(we - w);

		if (e->root != ROOT_KEEP && word_starts(w, wn, "root=")) {
			if (e->root == ROOT_ENSURE) {
				if (root_done)
					drop = true;
				else
					replace = root_word;
				root_done = true;
			} else if (word_starts(w, wn, "root=/dev/")) {
				replace = root_word;
			}
		} else if (e->console != CONSOLE_KEEP && word_starts(w, wn, "console=") &&
			   !is_console_of(w, wn, e->dev)) {
			if (e->console == CONSOLE_ENSURE && !has_dev && !console_placed) {
				replace = console_word;
				console_placed = true;
			} else {
				drop = true;
			}
		}
		if (!drop) {
			if (!first)
				pw_buf_add(b, p, w > p ? (size_t)(w - p) : 0);
			if (!first && w == p)
				pw_buf_str(b, " ");
			if (replace)
				pw_buf_str(b, replace);
			else
				pw_buf_add(b, w, wn);
			first = false;
		}
		p = we;
	}
}

/* ---- update-grub ---------------------------------------------------------- */

/* The `continue` word of a line, outside a comment; NULL if none. */
static const char *find_continue(const char *s, size_t n)
{
	char quote = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			continue;
		}
		if (c == '#' && (i == 0 || is_blank(s[i - 1]) || s[i - 1] == ';'))
			return NULL;
		if (n - i >= 8 && memcmp(s + i, "continue", 8) == 0 &&
		    (i == 0 || !is_word_char(s[i - 1])) && (n - i == 8 || !is_word_char(s[i + 8])))
			return s + i;
	}
	return NULL;
}

/* Patch line @number of @text: the guide's two lines, or `:` in place. */
static int patch_continue(const char *text, size_t len, unsigned int number, struct pw_buf *b)
{
	struct line l;
	bool done = false;

	lines_init(&l, text, len);
	while (next_line(&l)) {
		const char *c, *after, *rest;

		if (l.it.number != number || done) {
			add_line(b, &l);
			continue;
		}
		c = find_continue(l.p, l.n);
		if (!c)
			return -EINVAL;
		after = c + 8;
		rest = pw_skip_blanks(after, l.p + l.n);
		if (pw_skip_blanks(l.p, c) == c && (rest == l.p + l.n || *rest == '#')) {
			/* alone on its line: "# continue", then ":" */
			pw_buf_add(b, l.p, (size_t)(c - l.p));
			pw_buf_str(b, "# ");
			pw_buf_add(b, c, (size_t)(l.p + l.n - c));
			pw_buf_str(b, l.it.eol_len ? "" : "\n");
			pw_buf_add(b, l.it.eol, l.it.eol_len);
			pw_buf_add(b, l.p, (size_t)(c - l.p));
			pw_buf_str(b, ":");
			pw_buf_add(b, l.it.eol, l.it.eol_len);
		} else {
			pw_buf_add(b, l.p, (size_t)(c - l.p));
			pw_buf_str(b, ":");
			pw_buf_add(b, after, (size_t)(l.p + l.n - after) + l.it.eol_len);
		}
		done = true;
	}
	return done ? 0 : -EINVAL;
}

int pw_updategrub_patch(const char *text, size_t len, char **out, size_t *out_len)
{
	char *cur = NULL;
	size_t cur_len = len;
	int ret;

	*out = NULL;
	*out_len = 0;
	/* each pass patches one continue; a block has one, a script two blocks */
	for (int pass = 0; pass < 16; pass++) {
		const char *t = cur ? cur : text;
		struct pw_updategrub ug;
		struct pw_buf b = { 0 };
		unsigned int line;
		char *next;
		size_t next_len;

		pw_updategrub_scan(t, cur_len, &ug);
		line = ug.skip_xen.active ? ug.skip_xen.continue_line
		     : ug.skip_nonxen.active ? ug.skip_nonxen.continue_line : 0;
		if (!line) {
			if (!cur)
				return 1;
			*out = cur;
			*out_len = cur_len;
			return 0;
		}
		ret = patch_continue(t, cur_len, line, &b);
		if (ret == 0)
			ret = sb_finish(&b, t, cur_len, &next, &next_len);
		else
			free(b.data);
		if (ret != 0) {
			free(cur);
			return ret < 0 ? ret : -EINVAL; /* 1: the patch changed nothing */
		}
		free(cur);
		cur = next;
		cur_len = next_len;
	}
	free(cur);
	return -EINVAL;
}

/* ---- menu.lst ------------------------------------------------------------- */

/* Where update-grub's sections are; 0: not there. */
struct sections {
	unsigned int begin, end;		/* automagic markers */
	unsigned int opt_begin, opt_end;	/* Default Options markers */
};

static void find_sections(const char *text, size_t len, struct sections *s)
{
	struct line l;

	memset(s, 0, sizeof(*s));
	lines_init(&l, text, len);
	while (next_line(&l)) {
		if (!s->begin && line_is(&l, AUTOMAGIC_BEGIN))
			s->begin = l.it.number;
		else if (s->begin && !s->end && line_is(&l, AUTOMAGIC_END))
			s->end = l.it.number;
		else if (s->begin && !s->end && !s->opt_begin && line_is(&l, OPTIONS_BEGIN))
			s->opt_begin = l.it.number;
		else if (s->opt_begin && !s->opt_end && !s->end && line_is(&l, OPTIONS_END))
			s->opt_end = l.it.number;
	}
}

/* "# name=value": the name's length, 0 if the line is not an option. */
static size_t option_name(const struct line *l)
{
	size_t k = 0;

	if (l->n < 3 || l->p[0] != '#' || l->p[1] != ' ')
		return 0;
	while (2 + k < l->n && is_word_char(l->p[2 + k]))
		k++;
	return k && 2 + k < l->n && l->p[2 + k] == '=' ? k : 0;
}

static bool name_is(const struct line *l, size_t k, const char *name)
{
	return k == strlen(name) && memcmp(l->p + 2, name, k) == 0;
}

static void add_kopt_line(struct pw_buf *b, const char *uuid, const char *dev, const char *eol)
{
	pw_buf_str(b, "# kopt=root=UUID=");
	pw_buf_str(b, uuid);
	pw_buf_str(b, " ro console=");
	pw_buf_str(b, dev);
	pw_buf_str(b, eol);
}

static void add_options_section(struct pw_buf *b, const char *uuid, const char *dev,
				const char *eol)
{
	pw_buf_str(b, OPTIONS_BEGIN);
	pw_buf_str(b, eol);
	add_kopt_line(b, uuid, dev, eol);
	pw_buf_str(b, OPTIONS_END);
	pw_buf_str(b, eol);
}

int pw_menulst_edit_options(const char *text, size_t len, const char *uuid, const char *dev,
			    char **out, size_t *out_len)
{
	const char *eol = eol_of(text, len);
	struct args_edit kopt = { uuid, dev, ROOT_ENSURE, CONSOLE_ENSURE };
	struct args_edit xenkopt = { uuid, dev, ROOT_KEEP, CONSOLE_ENSURE };
	struct args_edit defoptions = { uuid, dev, ROOT_KEEP, CONSOLE_DROP_OTHERS };
	struct pw_buf b = { 0 };
	struct sections s;
	struct line l;
	bool have_kopt = false;

	find_sections(text, len, &s);
	/*
	 * update-grub replaces everything from the BEGIN marker to the END
	 * one: without an END it would take the rest of the file. Not ours
	 * to guess where the owner meant the list to end.
	 */
	if (s.begin && !s.end)
		return -EINVAL;
	lines_init(&l, text, len);
	while (next_line(&l)) {
		size_t k = option_name(&l);
		const struct args_edit *e = NULL;

		if (s.opt_end && l.it.number > s.opt_begin && l.it.number < s.opt_end && k) {
			if (name_is(&l, k, "kopt") || (k > 5 && memcmp(l.p + 2, "kopt_", 5) == 0))
				e = &kopt;
			else if (name_is(&l, k, "xenkopt"))
				e = &xenkopt;
			else if (name_is(&l, k, "defoptions"))
				e = &defoptions;
			if (name_is(&l, k, "kopt"))
				have_kopt = true;
		}
		if (s.opt_end && l.it.number == s.opt_end && !have_kopt)
			add_kopt_line(&b, uuid, dev, eol);
		if (e) {
			pw_buf_add(&b, l.p, 3 + k);
			edit_args(&b, l.p + 3 + k, l.n - 3 - k, e);
			pw_buf_add(&b, l.it.eol, l.it.eol_len);
		} else {
			add_line(&b, &l);
		}
		/* markers with no options between them: update-grub reads none */
		if (!s.opt_end && s.begin && s.end && l.it.number == s.begin)
			add_options_section(&b, uuid, dev, eol);
	}
	if (!s.opt_end && !(s.begin && s.end)) {
		end_last_line(&b, eol);
		if (b.len > 0)
			pw_buf_str(&b, eol);
		pw_buf_str(&b, AUTOMAGIC_BEGIN);
		pw_buf_str(&b, eol);
		add_options_section(&b, uuid, dev, eol);
		pw_buf_str(&b, AUTOMAGIC_END);
		pw_buf_str(&b, eol);
	}
	return sb_finish(&b, text, len, out, out_len);
}

/* The global lines pygrub reads: before the first title. */
struct globals {
	unsigned int default_line, timeout_line;
	struct pw_span default_arg, timeout_arg;
	unsigned int insert_before;	/* where a missing line goes; 0: at the end */
};

static void find_globals(const char *text, size_t len, struct globals *g)
{
	struct line l;

	memset(g, 0, sizeof(*g));
	lines_init(&l, text, len);
	while (next_line(&l)) {
		struct pw_span s = pw_grub_strip((struct pw_span){ l.p, l.n }), com, arg;

		/* not inside the automagic list: update-grub would drop it */
		if (!g->insert_before && line_is(&l, AUTOMAGIC_BEGIN))
			g->insert_before = l.it.number;
		if (s.n == 0 || s.p[0] == '#')
			continue;
		if (!g->insert_before)
			g->insert_before = l.it.number;
		if (pw_grub_starts(s, "title"))
			break;
		pw_grub_split2(s, &com, &arg);
		if (com.n == 7 && memcmp(com.p, "default", 7) == 0) {
			g->default_line = l.it.number;
			g->default_arg = arg;
		} else if (com.n == 7 && memcmp(com.p, "timeout", 7) == 0) {
			g->timeout_line = l.it.number;
			g->timeout_arg = arg;
		}
	}
}

/* A whole number as written (an optional sign, digits), and its value. */
static bool whole_number(struct pw_span s, long *value)
{
	char buf[32], *endp;

	s = pw_grub_strip(s);
	if (s.n == 0 || s.n >= sizeof(buf))
		return false;
	pw_copy(buf, sizeof(buf), s.p, s.n);
	for (size_t i = (buf[0] == '-' || buf[0] == '+') ? 1 : 0; i < s.n; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return false;
	*value = strtol(buf, &endp, 10);
	return *endp == '\0' && endp != buf;
}

/*
 * Give global line @number (0: none yet) the value @value: the argument is
 * replaced, the rest of the line kept; a missing line is added where
 * find_globals() says, in update-grub's layout.
 */
static int set_global(const char *text, size_t len, const char *command, unsigned int number,
		      struct pw_span arg, unsigned int insert_before, const char *value,
		      char **out, size_t *out_len)
{
	const char *eol = eol_of(text, len);
	struct pw_buf b = { 0 };
	struct line l;

	lines_init(&l, text, len);
	while (next_line(&l)) {
		if (!number && l.it.number == insert_before) {
			pw_buf_str(&b, command);
			pw_buf_str(&b, "\t\t");
			pw_buf_str(&b, value);
			pw_buf_str(&b, eol);
		}
		if (l.it.number != number) {
			add_line(&b, &l);
			continue;
		}
		pw_buf_add(&b, l.p, (size_t)(arg.p - l.p));
		/* "timeout" alone: a separator before the value */
		if (arg.n == 0 && arg.p > l.p && arg.p[-1] != '=' && !is_blank(arg.p[-1]))
			pw_buf_str(&b, "\t\t");
		pw_buf_str(&b, value);
		pw_buf_add(&b, arg.p + arg.n, (size_t)(l.p + l.n - arg.p - arg.n) + l.it.eol_len);
	}
	if (!number && !insert_before) {
		end_last_line(&b, eol);
		pw_buf_str(&b, command);
		pw_buf_str(&b, "\t\t");
		pw_buf_str(&b, value);
		pw_buf_str(&b, eol);
	}
	return sb_finish(&b, text, len, out, out_len);
}

int pw_menulst_fix_timeout(const char *text, size_t len, char **out, size_t *out_len)
{
	struct globals g;
	long t;

	find_globals(text, len, &g);
	if (!g.timeout_line || whole_number(g.timeout_arg, &t)) {
		*out = NULL;
		*out_len = 0;
		return 1;
	}
	return set_global(text, len, "timeout", g.timeout_line, g.timeout_arg, g.insert_before,
			  TIMEOUT_VALUE, out, out_len);
}

int pw_menulst_set_default(const char *text, size_t len, unsigned int index, char **out,
			   size_t *out_len)
{
	struct globals g;
	char value[16];

	find_globals(text, len, &g);
	snprintf(value, sizeof(value), "%u", index);
	return set_global(text, len, "default", g.default_line, g.default_arg, g.insert_before,
			  value, out, out_len);
}

/* ---- /etc/default/grub ---------------------------------------------------- */

/* Does the value use the variable's own earlier value ("$GRUB_CMDLINE_LINUX ...")? */
static bool refers_to(const char *value, size_t value_n, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i + 1 + n <= value_n; i++) {
		const char *v = value + i;

		if (v[0] != '$')
			continue;
		if (v[1] == '{' && i + 3 + n <= value_n && memcmp(v + 2, name, n) == 0 &&
		    v[2 + n] == '}')
			return true;
		if (memcmp(v + 1, name, n) == 0 &&
		    (i + 1 + n == value_n || !is_word_char(v[1 + n])))
			return true;
	}
	return false;
}

static bool has_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_blank(s[i]))
			return true;
	return false;
}

/* The new value of one assignment into @v; nothing added: it stays. */
static void default_grub_value(const struct pw_dg_assign *a, const char *dev, struct pw_buf *v)
{
	struct args_edit e = { NULL, dev, ROOT_KEEP, CONSOLE_DROP_OTHERS };
	char buf[32];
	long t;

	switch (a->var) {
	case PW_DG_CMDLINE_LINUX:
		/*
		 * Built on the earlier value, it has console= from there.
		 * Asked of the value as it will be: a reference inside a
		 * console= word that goes does not count.
		 */
		edit_args(v, a->inner, a->inner_n, &e);
		if (!v->failed && !refers_to(v->data, v->len, "GRUB_CMDLINE_LINUX")) {
			free(v->data);
			*v = (struct pw_buf){ 0 };
			e.console = CONSOLE_ENSURE;
			edit_args(v, a->inner, a->inner_n, &e);
		}
		break;
	case PW_DG_CMDLINE_LINUX_DEFAULT:
		edit_args(v, a->inner, a->inner_n, &e);
		break;
	case PW_DG_DISABLE_LINUX_UUID:
		if (a->inner_n == 4 && memcmp(a->inner, "true", 4) == 0)
			pw_buf_str(v, "false");
		break;
	case PW_DG_TIMEOUT:
		/* grub-mkconfig writes it into grub.cfg's `set timeout=` */
		pw_copy(buf, sizeof(buf), a->inner, a->inner_n);
		if (a->inner_n >= sizeof(buf) ||
		    !whole_number((struct pw_span){ buf, strlen(buf) }, &t))
			pw_buf_str(v, TIMEOUT_VALUE);
		break;
	default:
		break;
	}
}

/*
 * Before appending lines to a shell file: end the last line, and when it
 * ends in a '\' (which would join the next line to it), add an empty line.
 */
static void end_shell_line(struct pw_buf *b, const char *eol)
{
	size_t n, slashes = 0;

	end_last_line(b, eol);
	n = b->len;
	while (n > 0 && (b->data[n - 1] == '\n' || b->data[n - 1] == '\r'))
		n--;
	if (b->len - n > strlen(eol))
		return; /* an empty line already ends it */
	while (n > slashes && b->data[n - 1 - slashes] == '\\')
		slashes++;
	if (slashes % 2)
		pw_buf_str(b, eol);
}

/* Does the command end after the value: blanks, then a comment, ';' or the line's end? */
static bool ends_command(const char *p, const char *end)
{
	p = pw_skip_blanks(p, end);
	return p == end || *p == '\n' || *p == '\r' || *p == '#' || *p == ';';
}

/* Is every assignment of the variables edited one the edit can rewrite? */
static int default_grub_editable(const struct pw_default_grub *dg, const char *end, int parsed)
{
	for (size_t i = 0; i < dg->assign_count; i++) {
		const struct pw_dg_assign *a = &dg->assigns[i];

		if (a->unclosed || a->end_line != a->line || !a->one_piece ||
		    !ends_command(a->end, end))
			return -EINVAL;
	}
	/* a quote left open: the shell refuses the file (and would read
	 * anything added as part of that string) */
	return parsed == PW_EFORMAT ? -EILSEQ : parsed;
}

int pw_default_grub_edit(const char *text, size_t len, const char *dev, bool main_file,
			 char **out, size_t *out_len)
{
	const char *pos = text, *eol = eol_of(text, len);
	struct pw_default_grub dg;
	struct pw_buf b = { 0 };
	bool have_cmdline = false;
	int ret;

	*out = NULL;
	*out_len = 0;
	pw_default_grub_init(&dg);
	ret = default_grub_editable(&dg, text + len, pw_default_grub_parse(&dg, "", text, len));
	for (size_t i = 0; i < dg.assign_count && ret == 0; i++) {
		const struct pw_dg_assign *a = &dg.assigns[i];
		struct pw_buf v = { 0 };
		char quote[2] = { a->quote, '\0' };

		have_cmdline |= a->var == PW_DG_CMDLINE_LINUX;
		default_grub_value(a, dev, &v);
		if (v.failed)
			ret = -ENOMEM;
		if (v.data && (v.len != a->inner_n || memcmp(v.data, a->inner, v.len) != 0)) {
			/* a bare word that became several needs quotes */
			if (!quote[0] && has_blank(v.data, v.len))
				quote[0] = '"';
			pw_buf_add(&b, pos, (size_t)(a->start - pos));
			pw_buf_str(&b, quote);
			pw_buf_add(&b, v.data, v.len);
			pw_buf_str(&b, quote);
			pos = a->end;
		}
		free(v.data);
	}
	pw_default_grub_free(&dg);
	if (ret < 0) {
		free(b.data);
		return ret;
	}
	pw_buf_add(&b, pos, (size_t)(text + len - pos));
	if (main_file && !have_cmdline) {
		end_shell_line(&b, eol);
		pw_buf_str(&b, "GRUB_CMDLINE_LINUX=\"console=");
		pw_buf_str(&b, dev);
		pw_buf_str(&b, "\"");
		pw_buf_str(&b, eol);
	}
	return sb_finish(&b, text, len, out, out_len);
}

/* ---- grub.cfg ---------------------------------------------------------- */

int pw_grub_cfg_edit_args(const char *text, size_t len, const char *uuid, const char *dev,
			  bool (*ours)(const char *kernel, void *data), void *data,
			  char **out, size_t *out_len)
{
	static const char *const commands[] = { "linux", "linux16", "linuxefi" };
	struct args_edit e = { uuid, dev, uuid ? ROOT_DEVICES : ROOT_KEEP, CONSOLE_ENSURE };
	struct pw_buf b = { 0 }, args = { 0 };
	struct line l;

	lines_init(&l, text, len);
	while (next_line(&l)) {
		const char *le = l.p + l.n, *p = pw_skip_blanks(l.p, le), *w = p, *k, *ke;
		char kernel[PW_GRUB_PATH_MAX];
		bool match = false;

		while (w < le && !is_blank(*w))
			w++;
		for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
			if ((size_t)(w - p) == strlen(commands[i]) &&
			    memcmp(p, commands[i], (size_t)(w - p)) == 0)
				match = true;
		k = pw_skip_blanks(w, le);
		ke = k;
		while (ke < le && !is_blank(*ke))
			ke++;
		pw_copy(kernel, sizeof(kernel), k, (size_t)(ke - k));
		if (!match || w == le || k == ke || (ours && !ours(kernel, data))) {
			add_line(&b, &l);
			continue;
		}
		pw_buf_add(&b, l.p, (size_t)(ke - l.p));
		edit_args(&args, ke, (size_t)(le - ke), &e);
		/* a line that ends at the kernel: the first argument needs a blank */
		if (args.len > 0 && !is_blank(args.data[0]))
			pw_buf_str(&b, " ");
		pw_buf_add(&b, args.data, args.len);
		b.failed |= args.failed;
		free(args.data);
		args = (struct pw_buf){ 0 };
		pw_buf_add(&b, l.it.eol, l.it.eol_len);
	}
	return sb_finish(&b, text, len, out, out_len);
}

/* ---- the entry to boot ------------------------------------------------------ */

static bool is_rescue(const struct pw_grub_entry *e)
{
	return pw_word_in_list(e->args, "single") || strstr(e->title, "recovery") ||
	       strstr(e->title, "single-user");
}

struct candidate {
	int index;
	bool rescue, console, automagic;
	struct pw_kernel_info k;
};

/* Is @a a better default than @b? */
static bool better(const struct candidate *a, const struct candidate *b)
{
	int v;

	if (a->rescue != b->rescue)
		return !a->rescue;
	if (a->console != b->console)
		return a->console;
	if (a->automagic != b->automagic)
		return a->automagic;
	v = strverscmp(a->k.version, b->k.version);
	if (v != 0)
		return v > 0;
	return a->index < b->index;
}

int pw_grub_pick_default(struct pw_root *root, const struct pw_grub_menu *menu,
			 const char *dev, struct pw_kernel_info *k)
{
	struct candidate best = { .index = -1 };

	for (size_t i = 0; i < menu->count; i++) {
		const struct pw_grub_entry *e = &menu->entries[i];
		struct candidate c = { .index = (int)i };

		if (!e->kernel[0] || e->truncated || pw_kernel_check(root, e->kernel, &c.k) != 0 ||
		    c.k.cap != PW_KERNEL_CAP_PV)
			continue;
		c.rescue = is_rescue(e);
		c.console = pw_grub_has_console(e->args, dev);
		c.automagic = menu->kind == PW_GRUB_KIND_GRUB2 ||
			      pw_menulst_in_automagic(menu, e->line);
		if (best.index < 0 || better(&c, &best))
			best = c;
	}
	if (best.index >= 0 && k)
		*k = best.k;
	return best.index;
}
