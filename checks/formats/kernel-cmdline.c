// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The words of the kernel command line that turn predictable network
 * names off, as the boot loader's configuration gives them: grub 2's
 * GRUB_CMDLINE_LINUX[_DEFAULT] in /etc/default/grub and grub.d/, grub
 * legacy's "# kopt=" in menu.lst, each read by its one reader
 * (formats/default-grub.c, formats/menulst.c) and given here as a value.
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
