// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /etc/default/grub as grub-mkconfig's shell sources it (see
 * include/pw-default-grub.h), from a buffer.
 *
 * The part of the shell's grammar these files use is followed: commands
 * split at newlines, ';', '&', '|' and parentheses; comments; assignments,
 * several to a command, with `export` or `readonly` in front, and undone
 * after a command they are the prefix of (`A=1 cmd`); `unset`; quotes
 * ('...' literal, "..." with '\' escapes and $ expansions); '\' before a
 * newline; $NAME and ${NAME}. What cannot be known from the files
 * ($(...), `...`, ${NAME:-x}, $1, a variable not kept here, an assignment
 * inside if, case, for, while) makes the value uncertain: it is kept as
 * far as it is known, never guessed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pw.h"
#include "pw-default-grub.h"
#include "pw-root.h"
#include "pw-text.h"

static const char *const var_names[PW_DG_VARS] = {
	"GRUB_CMDLINE_LINUX",
	"GRUB_CMDLINE_LINUX_DEFAULT",
	"GRUB_DISABLE_LINUX_UUID",
	"GRUB_TIMEOUT",
};

/* Reserved words that open a compound command, and those that close one. */
static const char *const opening_words[] = { "if", "case", "for", "while", "until" };
static const char *const closing_words[] = { "fi", "esac", "done" };
/* Reserved words after which a new command starts. */
static const char *const other_words[] = { "then", "else", "elif", "do", "{", "}", "!" };

const char *pw_default_grub_name(enum pw_dg_var var)
{
	return var < PW_DG_VARS ? var_names[var] : "";
}

void pw_default_grub_init(struct pw_default_grub *dg)
{
	memset(dg, 0, sizeof(*dg));
}

void pw_default_grub_free(struct pw_default_grub *dg)
{
	free(dg->assigns);
	dg->assigns = NULL;
	dg->assign_count = 0;
}

/* Where the scan is. */
struct scan {
	struct pw_default_grub *dg;
	const char *file;
	const char *p, *end;
	unsigned int line;
	int depth;		/* inside compound commands: what runs is not known */
	bool unclosed;		/* a quote, `, $( or ${ never closed */
	unsigned int unclosed_line;
};

/* One word, expanded. */
struct word {
	char val[PW_DG_VALUE_MAX];
	size_t n;
	bool truncated, uncertain;
	unsigned int pieces;	/* runs of bare text and quoted strings */
	bool escaped;		/* a '\' outside single quotes */
	char last_quote;	/* the quote of the last piece; 0 if it was bare */
	const char *inner;	/* the last piece, without its quotes */
	size_t inner_n;
};

static bool is_name_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/*
 * What ends a word outside quotes. A '\r' before a newline is taken as
 * part of the line's end, as the wizard's other readers take it (dash
 * would keep it in the value; the edits keep it in place either way).
 */
static bool is_break(const char *p, const char *end)
{
	char c = *p;

	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
	       c == '<' || c == '>' || c == '(' || c == ')' ||
	       (c == '\r' && p + 1 < end && p[1] == '\n');
}

static int var_of(const char *name, size_t n)
{
	for (int i = 0; i < PW_DG_VARS; i++)
		if (strlen(var_names[i]) == n && memcmp(var_names[i], name, n) == 0)
			return i;
	return -1;
}

static bool word_in(const struct word *w, const char *const *list, size_t count)
{
	if (w->pieces != 1 || w->last_quote || w->escaped)
		return false;
	for (size_t i = 0; i < count; i++)
		if (strcmp(w->val, list[i]) == 0)
			return true;
	return false;
}

static void put(struct word *w, const char *s, size_t n)
{
	size_t room = sizeof(w->val) - 1 - w->n;

	if (n > room) {
		n = room;
		w->truncated = true;
	}
	memcpy(w->val + w->n, s, n);
	w->n += n;
	w->val[w->n] = '\0';
}

/* Move to @to, counting the lines passed. */
static void advance(struct scan *s, const char *to)
{
	for (const char *q = s->p; q < to; q++)
		if (*q == '\n')
			s->line++;
	s->p = to;
}

static void set_unclosed(struct scan *s, unsigned int line)
{
	if (!s->unclosed) {
		s->unclosed = true;
		s->unclosed_line = line;
	}
	advance(s, s->end);
}

/* The value of variable @name, as far as it is known here. */
static void lookup(const struct scan *s, struct word *w, const char *name, size_t n)
{
	int v = var_of(name, n);

	if (v < 0) {
		w->uncertain = true; /* set in the environment, or in a file: unknown */
		return;
	}
	if (s->dg->var[v].set) {
		put(w, s->dg->var[v].value, strlen(s->dg->var[v].value));
		w->uncertain |= s->dg->var[v].uncertain;
	}
}

/* From s->p to the ')' that closes a "$(" just passed, nested ones skipped. */
static void skip_command(struct scan *s, unsigned int line)
{
	int open = 1;

	for (const char *q = s->p; q < s->end; q++) {
		if (*q == '(')
			open++;
		else if (*q == ')' && --open == 0) {
			advance(s, q + 1);
			return;
		}
	}
	set_unclosed(s, line);
}

/* After a '$' (s->p just past it): the expansion into @w. */
static void expand(struct scan *s, struct word *w)
{
	const char *p = s->p, *e = s->end, *q;
	unsigned int line = s->line;

	if (p < e && is_name_start(*p)) {
		for (q = p; q < e && is_name_char(*q); q++)
			;
		lookup(s, w, p, (size_t)(q - p));
		s->p = q;
	} else if (p < e && *p == '{') {
		const char *close = memchr(p, '}', (size_t)(e - p));

		if (!close) {
			set_unclosed(s, line);
			return;
		}
		for (q = p + 1; q < close && is_name_char(*q); q++)
			;
		if (q == close && q > p + 1 && is_name_start(p[1]))
			lookup(s, w, p + 1, (size_t)(q - p - 1));
		else
			w->uncertain = true; /* ${NAME:-x}, ${#NAME}, ... */
		advance(s, close + 1);
	} else if (p < e && *p == '(') {
		w->uncertain = true;
		s->p = p + 1;
		skip_command(s, line);
	} else if (p < e && ((*p >= '0' && *p <= '9') || memchr("@*#?$!-", *p, 7))) {
		w->uncertain = true;
		s->p = p + 1;
	} else {
		put(w, "$", 1);
	}
}

/* After a '`' (s->p just past it): a command's output, not known. */
static void backquote(struct scan *s, struct word *w)
{
	unsigned int line = s->line;

	w->uncertain = true;
	for (const char *q = s->p; q < s->end; q++) {
		if (*q == '\\' && q + 1 < s->end)
			q++;
		else if (*q == '`') {
			advance(s, q + 1);
			return;
		}
	}
	set_unclosed(s, line);
}

/* A '$' or '`' at s->p: expanded, true; any other character: false. */
static bool substitution(struct scan *s, struct word *w, char c)
{
	if (c != '$' && c != '`')
		return false;
	s->p++;
	if (c == '$')
		expand(s, w);
	else
		backquote(s, w);
	return true;
}

/* A "..." string, s->p at its opening quote. */
static void double_quoted(struct scan *s, struct word *w)
{
	unsigned int line = s->line;

	w->inner = ++s->p;
	while (s->p < s->end) {
		char c = *s->p;

		if (c == '"') {
			w->inner_n = (size_t)(s->p - w->inner);
			s->p++;
			return;
		}
		if (c == '\\' && s->p + 1 < s->end && memchr("$`\"\\\n", s->p[1], 5)) {
			w->escaped = true;
			if (s->p[1] == '\n')
				s->line++;
			else
				put(w, s->p + 1, 1);
			s->p += 2;
		} else if (!substitution(s, w, c)) {
			if (c == '\n')
				s->line++;
			put(w, &c, 1);
			s->p++;
		}
	}
	w->inner_n = (size_t)(s->end - w->inner);
	set_unclosed(s, line);
}

/* A '...' string, s->p at its opening quote. */
static void single_quoted(struct scan *s, struct word *w)
{
	const char *close = memchr(s->p + 1, '\'', (size_t)(s->end - s->p - 1));

	w->inner = s->p + 1;
	if (!close) {
		w->inner_n = (size_t)(s->end - w->inner);
		set_unclosed(s, s->line);
		return;
	}
	w->inner_n = (size_t)(close - w->inner);
	put(w, w->inner, w->inner_n);
	advance(s, close + 1);
}

/* One word from s->p, expanded as the shell does, into @w. */
static void read_word(struct scan *s, struct word *w)
{
	bool bare = false;	/* inside a run of bare text */

	w->val[0] = '\0';
	w->n = 0;
	w->truncated = w->uncertain = w->escaped = false;
	w->pieces = 0;
	w->last_quote = 0;
	w->inner = s->p;
	w->inner_n = 0;
	while (s->p < s->end && !s->unclosed) {
		char c = *s->p;

		if (c == '\'' || c == '"') {
			bare = false;
			w->pieces++;
			w->last_quote = c;
			if (c == '"')
				double_quoted(s, w);
			else
				single_quoted(s, w);
			continue;
		}
		if (is_break(s->p, s->end))
			break;
		if (!bare) {
			bare = true;
			w->pieces++;
			w->last_quote = 0;
			w->inner = s->p;
		}
		if (c == '\\') {
			w->escaped = true;
			if (s->p + 1 < s->end && s->p[1] == '\n')
				s->line++;
			else if (s->p + 1 < s->end)
				put(w, s->p + 1, 1);
			s->p += s->p + 1 < s->end ? 2 : 1;
		} else if (!substitution(s, w, c)) {
			put(w, &c, 1);
			s->p++;
		}
		if (bare)
			w->inner_n = (size_t)(s->p - w->inner);
	}
}

static int record(struct scan *s, enum pw_dg_var var, const char *start, const struct word *w,
		  unsigned int line)
{
	struct pw_default_grub *dg = s->dg;
	struct pw_dg_assign *a;

	if (dg->assign_count % 16 == 0) {
		a = realloc(dg->assigns, (dg->assign_count + 16) * sizeof(*a));
		if (!a)
			return -ENOMEM;
		dg->assigns = a;
	}
	a = &dg->assigns[dg->assign_count++];
	a->var = var;
	a->start = start;
	a->end = s->p;
	a->one_piece = w->pieces == 0 || (w->pieces == 1 && (w->last_quote || !w->escaped));
	a->quote = w->pieces == 1 ? w->last_quote : 0;
	a->inner = w->pieces == 0 ? start : w->inner;
	a->inner_n = w->pieces == 0 ? 0 : w->inner_n;
	a->line = line;
	a->end_line = s->line;
	a->unclosed = s->unclosed;
	return 0;
}

/* What a command is, as far as its words have come. */
enum cmd_state {
	CMD_START,	/* no word yet */
	CMD_ASSIGNS,	/* assignments only, so far */
	CMD_EXPORT,	/* after export or readonly: NAME=value words assign */
	CMD_UNSET,	/* after unset: the names */
	CMD_ARGS,	/* a command's arguments */
};

struct command {
	enum cmd_state state;
	/* before the first assignment: put back if a command follows them */
	struct pw_dg_value saved[PW_DG_VARS];
};

/* NAME=value at s->p (@eq at its '='). */
static int assignment(struct scan *s, struct command *cmd, struct word *w, const char *eq)
{
	int v = var_of(s->p, (size_t)(eq - s->p));
	unsigned int line = s->line;
	const char *start = eq + 1;
	struct pw_dg_value *val;

	if (cmd->state == CMD_START) {
		memcpy(cmd->saved, s->dg->var, sizeof(cmd->saved));
		cmd->state = CMD_ASSIGNS;
	}
	s->p = start;
	read_word(s, w);
	if (v < 0)
		return 0;
	/* the shell refuses the file there: the assignment never runs */
	if (s->unclosed)
		return record(s, (enum pw_dg_var)v, start, w, line);
	val = &s->dg->var[v];
	memcpy(val->value, w->val, w->n + 1);
	val->set = true;
	val->uncertain = w->uncertain || s->depth > 0;
	val->truncated = w->truncated;
	pw_copy(val->file, sizeof(val->file), s->file, strlen(s->file));
	val->line = line;
	return record(s, (enum pw_dg_var)v, start, w, line);
}

/* A word that is not an assignment: what it makes of the command. */
static void plain_word(struct scan *s, struct command *cmd, const struct word *w)
{
	int v;

	switch (cmd->state) {
	case CMD_START:
		if (word_in(w, opening_words, ARRAY_SIZE(opening_words))) {
			s->depth++;
		} else if (word_in(w, closing_words, ARRAY_SIZE(closing_words))) {
			if (s->depth > 0)
				s->depth--;
		} else if (word_in(w, other_words, ARRAY_SIZE(other_words))) {
			/* a command starts after it */
		} else if (strcmp(w->val, "export") == 0 || strcmp(w->val, "readonly") == 0) {
			cmd->state = CMD_EXPORT;
		} else if (strcmp(w->val, "unset") == 0) {
			cmd->state = CMD_UNSET;
		} else {
			cmd->state = CMD_ARGS;
		}
		break;
	case CMD_ASSIGNS:
		/* A=1 cmd: the assignments hold for cmd only */
		memcpy(s->dg->var, cmd->saved, sizeof(cmd->saved));
		cmd->state = CMD_ARGS;
		break;
	case CMD_UNSET:
		v = var_of(w->val, w->n);
		if (v >= 0) {
			memset(&s->dg->var[v], 0, sizeof(s->dg->var[v]));
			s->dg->var[v].uncertain = s->depth > 0;
		}
		break;
	default:
		break;
	}
}

/* The next word of a command, s->p at its first character. */
static int next_word(struct scan *s, struct command *cmd, struct word *w)
{
	const char *q = s->p;

	while (q < s->end && is_name_char(*q))
		q++;
	if (q > s->p && is_name_start(*s->p) && q < s->end && *q == '=' &&
	    (cmd->state == CMD_START || cmd->state == CMD_ASSIGNS || cmd->state == CMD_EXPORT))
		return assignment(s, cmd, w, q);
	read_word(s, w);
	plain_word(s, cmd, w);
	return 0;
}

int pw_default_grub_parse(struct pw_default_grub *dg, const char *file, const char *text,
			  size_t len)
{
	struct scan s = { .dg = dg, .file = file, .p = text, .end = text + len, .line = 1 };
	struct command *cmd = malloc(sizeof(*cmd));
	struct word *w = malloc(sizeof(*w));
	int ret = 0;

	dg->assign_count = 0;
	if (!cmd || !w) {
		free(cmd);
		free(w);
		return -ENOMEM;
	}
	cmd->state = CMD_START;
	while (s.p < s.end && !s.unclosed && ret == 0) {
		char c = *s.p;

		if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == '\r') {
			s.p++;
		} else if (c == '\\' && s.p + 1 < s.end && s.p[1] == '\n') {
			s.p += 2;
			s.line++;
		} else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
			/* the end of a command */
			if (c == '\n')
				s.line++;
			cmd->state = CMD_START;
			s.p++;
		} else if (c == '#') {
			const char *nl = memchr(s.p, '\n', (size_t)(s.end - s.p));

			s.p = nl ? nl : s.end;
		} else {
			ret = next_word(&s, cmd, w);
		}
	}
	free(cmd);
	free(w);
	if (ret < 0)
		return ret;
	if (s.unclosed) {
		pw_copy(dg->bad_file, sizeof(dg->bad_file), file, strlen(file));
		dg->bad_line = s.unclosed_line;
		return PW_EFORMAT;
	}
	return 0;
}
