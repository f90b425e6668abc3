// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * getty command lines, as inittab and Upstart jobs write them: which
 * program, on which line, with which TERM.
 */
#include <stdbool.h>
#include <string.h>

#include "pw-console.h"
#include "pw-text.h"

/* Too long an argument is cut to @size. */
bool pw_getty_next_arg(const char **pos, char *out, size_t size)
{
	const char *p = *pos;
	size_t n = 0;
	char quote = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return false;
	for (; *p; p++) {
		char c = *p;

		if (quote) {
			if (c == quote) {
				quote = 0;
				continue;
			}
			if (c == '\\' && quote == '"' && p[1])
				c = *++p;
		} else if (c == ' ' || c == '\t') {
			break;
		} else if (c == '\'' || c == '"') {
			quote = c;
			continue;
		} else if (c == '\\' && p[1]) {
			c = *++p;
		}
		if (n + 1 < size)
			out[n++] = c;
	}
	out[n] = '\0';
	*pos = p;
	return true;
}

static bool is_baud(const char *s)
{
	return s[0] && strspn(s, "0123456789,") == strlen(s);
}

/* agetty's and mingetty's long options that take the next argument. */
static bool long_takes_arg(const char *opt)
{
	static const char *const with_arg[] = {
		"--autologin", "--issue-file", "--host", "--init-string",
		"--login-program", "--login-options", "--chroot", "--timeout",
		"--erase-chars", "--kill-chars", "--chdir", "--delay", "--nice",
		"--loginprog",
	};

	for (size_t i = 0; i < ARRAY_SIZE(with_arg); i++)
		if (strcmp(opt, with_arg[i]) == 0)
			return true;
	return false;
}

/* agetty's short options that take an argument (-L takes it attached). */
#define SHORT_WITH_ARG "afHIlort"

static bool is_getty_program(const char *base)
{
	return strstr(base, "getty") != NULL;
}

int pw_getty_parse(const char *cmd, struct pw_getty *out)
{
	char arg[256];
	const char *base, *p = cmd;
	bool options = true, skip_next = false;

	memset(out, 0, sizeof(*out));
	/* "VAR=value" before the program is the environment, not the program */
	do {
		if (!pw_getty_next_arg(&p, arg, sizeof(arg)))
			return 1;
	} while (strchr(arg, '=') && !strchr(arg, '/'));
	base = strrchr(arg, '/');
	base = base ? base + 1 : arg;
	if (!is_getty_program(base))
		return 1;
	pw_copy(out->program, sizeof(out->program), base, strlen(base));

	while (pw_getty_next_arg(&p, arg, sizeof(arg))) {
		if (skip_next) {
			skip_next = false;
			continue;
		}
		if (options && strcmp(arg, "--") == 0) {
			options = false;
			continue;
		}
		if (options && arg[0] == '-' && arg[1] == '-') {
			skip_next = !strchr(arg, '=') && long_takes_arg(arg);
			continue;
		}
		if (options && arg[0] == '-' && arg[1]) {
			for (const char *c = arg + 1; *c; c++) {
				if (*c == 'L')
					break; /* -L[=mode]: the rest is its value */
				if (strchr(SHORT_WITH_ARG, *c)) {
					skip_next = c[1] == '\0';
					break;
				}
			}
			continue;
		}
		if (is_baud(arg))
			continue;
		if (!out->tty[0]) {
			const char *tty = strncmp(arg, "/dev/", 5) == 0 ? arg + 5 : arg;

			pw_copy(out->tty, sizeof(out->tty), tty, strlen(tty));
		} else if (!out->term[0]) {
			pw_copy(out->term, sizeof(out->term), arg, strlen(arg));
		}
	}
	return 0;
}

const char *pw_getty_default_term(const char *program)
{
	if (strcmp(program, "getty") == 0 || strcmp(program, "agetty") == 0)
		return "vt102";
	if (strcmp(program, "mingetty") == 0)
		return "linux";
	return NULL;
}
