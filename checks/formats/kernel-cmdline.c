// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The words of the kernel command line that turn predictable network
 * names off, as the boot loader's configuration gives them: grub 2's
 * GRUB_CMDLINE_LINUX[_DEFAULT] in /etc/default/grub and grub.d/, grub
 * legacy's "# kopt=" in menu.lst. Each file is given as a buffer.
 */
#include <stdio.h>
#include <string.h>

#include "pw-config.h" /* pw_version_cmp */
#include "pw-netname.h"
#include "pw-text.h"

void pw_cmdline_words(struct pw_cmdline_var *var, const char *value, const char *file)
{
	const char *end = value + strlen(value);
	char word[256];

	while (pw_next_word(&value, end, word, sizeof(word))) {
		bool off = strcmp(word, "net.ifnames=0") == 0;

		/* a naming scheme from before Xen cards had names */
		if (strncmp(word, "net.naming-scheme=v", 19) == 0 ||
		    strncmp(word, "net.naming_scheme=v", 19) == 0)
			off = pw_version_cmp(word + 19, "250") < 0;
		if (!off)
			continue;
		var->off = true;
		pw_copy(var->what, sizeof(var->what), word, strlen(word));
		pw_copy(var->file, sizeof(var->file), file, strlen(file));
	}
}

/* Does @value hold $NAME or ${NAME}: an assignment that appends? */
static bool appends(const char *value, const char *name)
{
	char self[64];

	snprintf(self, sizeof(self), "$%s", name);
	if (strstr(value, self))
		return true;
	snprintf(self, sizeof(self), "${%s}", name);
	return strstr(value, self) != NULL;
}

void pw_cmdline_scan_shell(const char *text, size_t len, const char *file,
			   struct pw_cmdline_var *vars, size_t nvars)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *p = pw_skip_blanks(line, line + n);
		char value[1024];

		for (size_t i = 0; i < nvars; i++) {
			size_t kl = strlen(vars[i].name);

			if ((size_t)(line + n - p) <= kl || memcmp(p, vars[i].name, kl) != 0 ||
			    p[kl] != '=')
				continue;
			pw_copy(value, sizeof(value), p + kl + 1, (size_t)(line + n - p - kl - 1));
			for (char *q = value; *q; q++)
				if (*q == '"' || *q == '\'')
					*q = ' ';
			/* a new value replaces the old one unless it appends to it */
			if (!appends(value, vars[i].name))
				vars[i].off = false;
			pw_cmdline_words(&vars[i], value, file);
		}
	}
}

void pw_cmdline_scan_kopt(const char *text, size_t len, const char *file,
			  struct pw_cmdline_var *var)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		char value[1024];

		if (!pw_has_prefix(line, n, "# kopt="))
			continue;
		pw_copy(value, sizeof(value), line + 7, n - 7);
		var->off = false;
		pw_cmdline_words(var, value, file);
	}
}
