// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysvinit's /etc/inittab: "id:runlevels:action:process" a line, '#'
 * comments. Commented-out entries are kept too (marked so), since a getty
 * line for the console that is commented out is what 2008 installs ship
 * ("#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100") and the apply step
 * edits it in place, by the byte offsets kept here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pw-console.h"
#include "pw-text.h"

static const char *const actions[] = {
	"respawn", "wait", "once", "boot", "bootwait", "off", "ondemand",
	"initdefault", "sysinit", "powerwait", "powerfail", "powerokwait",
	"powerfailnow", "ctrlaltdel", "kbrequest",
};

static bool known_action(const char *action)
{
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (strcmp(action, actions[i]) == 0)
			return true;
	return false;
}

/* Split [s, end) at the next ':' into @dst; false if there is none. */
static bool take_field(const char **s, const char *end, char *dst, size_t size)
{
	const char *colon = memchr(*s, ':', (size_t)(end - *s));

	if (!colon)
		return false;
	pw_copy(dst, size, *s, (size_t)(colon - *s));
	*s = colon + 1;
	return true;
}

/* Parse one entry from [s, end): true if it is one. */
static bool parse_entry(const char *s, const char *end, struct pw_inittab_entry *e)
{
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (!take_field(&s, end, e->id, sizeof(e->id)) ||
	    !take_field(&s, end, e->runlevels, sizeof(e->runlevels)) ||
	    !take_field(&s, end, e->action, sizeof(e->action)))
		return false;
	if (!known_action(e->action))
		return false;
	pw_copy(e->process, sizeof(e->process), s, (size_t)(end - s));
	return true;
}

static int add_entry(struct pw_inittab *tab, const struct pw_inittab_entry *e, size_t *cap)
{
	if (tab->count == *cap) {
		size_t n = *cap ? *cap * 2 : 32;
		struct pw_inittab_entry *p = realloc(tab->entries, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		tab->entries = p;
		*cap = n;
	}
	tab->entries[tab->count++] = *e;
	return 0;
}

int pw_inittab_parse(const char *text, size_t len, struct pw_inittab *out)
{
	struct pw_lines it;
	const char *line;
	size_t n, cap = 0;

	memset(out, 0, sizeof(*out));
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end);
		struct pw_inittab_entry e;
		bool ok;

		if (s == end)
			continue;
		memset(&e, 0, sizeof(e));
		e.line = it.number;
		e.start = (size_t)(line - text);
		e.len = n;
		if (*s == '#') {
			e.commented = true;
			s = pw_skip_blanks(s + 1, end);
		}
		ok = parse_entry(s, end, &e);
		if (!ok) {
			if (!e.commented)
				out->bad_lines++;
			continue;
		}
		if (!e.commented && strcmp(e.action, "initdefault") == 0)
			pw_copy(out->initdefault, sizeof(out->initdefault), e.runlevels, 1);
		if (add_entry(out, &e, &cap) < 0)
			return -ENOMEM;
	}
	return 0;
}

void pw_inittab_free(struct pw_inittab *tab)
{
	free(tab->entries);
	tab->entries = NULL;
	tab->count = 0;
}

const char *pw_inittab_default_runlevel(const struct pw_inittab *tab)
{
	return tab->initdefault[0] ? tab->initdefault : "2";
}

static enum pw_getty_state entry_state(const struct pw_inittab_entry *e, const char *level)
{
	if (e->commented)
		return PW_GETTY_COMMENTED;
	if (strcmp(e->action, "respawn") != 0)
		return PW_GETTY_NOT_RESPAWN;
	/* an empty runlevels field means every runlevel */
	if (e->runlevels[0] && !strchr(e->runlevels, level[0]))
		return PW_GETTY_RUNLEVELS;
	return PW_GETTY_ON;
}

const struct pw_inittab_entry *pw_inittab_find_getty(const struct pw_inittab *tab,
						     const char *dev,
						     enum pw_getty_state *state,
						     struct pw_getty *getty)
{
	const struct pw_inittab_entry *best = NULL;
	const char *level = pw_inittab_default_runlevel(tab);

	*state = PW_GETTY_NONE;
	memset(getty, 0, sizeof(*getty));
	for (size_t i = 0; i < tab->count; i++) {
		const struct pw_inittab_entry *e = &tab->entries[i];
		const char *cmd = e->process;
		struct pw_getty g;
		enum pw_getty_state st;

		/* "+" asks init to leave utmp alone; "exec" is the shell's */
		if (*cmd == '+')
			cmd++;
		cmd = pw_skip_blanks(cmd, cmd + strlen(cmd));
		if (strncmp(cmd, "exec ", 5) == 0)
			cmd += 5;
		if (pw_getty_parse(cmd, &g) != 0 || strcmp(g.tty, dev) != 0)
			continue;
		st = entry_state(e, level);
		if (st > *state) {
			*state = st;
			*getty = g;
			best = e;
		}
	}
	return best;
}
