// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A persistent-net rule made a comment, for the network step: the rule
 * that gives the card's name to the emulated card alone would leave the
 * Xen card to the generator, which calls it eth1. Every other byte kept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pw-net-edit.h"
#include "pw-text.h"

/*
 * The rule that starts at @start (the line [@start, @start + @n)): where
 * its last continued line ends, and whether any of its lines sets NAME.
 */
static const char *rule_end(struct pw_lines *it, const char *start, size_t n, bool *names)
{
	const char *l = start;

	*names = false;
	for (;;) {
		*names |= memmem(l, n, "NAME", 4) != NULL;
		if (!(n > 0 && l[n - 1] == '\\') || !pw_lines_next(it, &l, &n))
			return it->pos;
	}
}

/* The lines of [@start, @end) each made a comment, line ends kept. */
static void comment_out(struct pw_buf *b, const char *start, const char *end)
{
	struct pw_lines it;
	const char *l;
	size_t n;

	pw_lines_init(&it, start, (size_t)(end - start));
	while (pw_lines_next(&it, &l, &n)) {
		pw_buf_str(b, "# ");
		pw_buf_add(b, l, (size_t)(it.pos - l));
	}
}

int pw_udev_rule_disable(const char *text, size_t len, unsigned int line, const char *name,
			 char **out, size_t *out_len)
{
	struct pw_buf b = { 0 };
	struct pw_lines it;
	const char *l, *s, *end;
	size_t n;
	bool names, done = false;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &l, &n)) {
		if (it.number != line) {
			pw_buf_add(&b, l, (size_t)(it.pos - l));
			continue;
		}
		s = pw_skip_blanks(l, l + n);
		if (s == l + n || *s == '#')
			break;
		end = rule_end(&it, l, n, &names);
		if (!names)
			break; /* not the rule the probe saw */
		pw_buf_printf(&b, "# paravm-wizard disabled this rule for ParaVM: the Xen network "
			      "card would match no rule, so udev would not call it %s.", name);
		/* the rule's own line end: "\r\n", "\n", or one where the file has none */
		if (l + n < text + len && l[n] != '\n')
			pw_buf_str(&b, "\r\n");
		else
			pw_buf_str(&b, "\n");
		comment_out(&b, l, end);
		done = true;
	}
	if (!done || b.failed) {
		pw_buf_free(&b);
		return done ? -ENOMEM : -EAGAIN;
	}
	*out = b.data;
	*out_len = b.len;
	return 0;
}
