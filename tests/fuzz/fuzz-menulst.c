/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grub legacy's /boot/grub/menu.lst as pygrub reads it, and the grub
 * step's edits of it (default options, timeout, default entry).
 */
#include "fuzz-grub.h"

static void reparse(const char *text, size_t len)
{
	fuzz_menu_check(pw_menulst_parse, text, len, "xvc0");
}

static int edit_options(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	return pw_menulst_edit_options(text, len, "dbf19b1d-c061-49a7-aa2a-42f0141889db", arg,
				       out, out_len);
}

static int fix_timeout(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	(void)arg;
	return pw_menulst_fix_timeout(text, len, out, out_len);
}

static int set_default(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	return pw_menulst_set_default(text, len, *(unsigned int *)arg, out, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	unsigned int last = fuzz_menu_check(pw_menulst_parse, text, size, "xvc0");
	struct pw_grub_menu menu;

	/* what only menu.lst has: update-grub's options and sections */
	pw_menulst_parse(text, size, &menu);
	pw_menulst_opt(&menu, "kopt");
	pw_menulst_kopt_for(&menu, "2.6.18-6-xen-amd64");
	pw_menulst_in_automagic(&menu, 1);
	pw_grub_menu_free(&menu);

	fuzz_edit_twice(edit_options, "xvc0", text, size, reparse);
	fuzz_edit_twice(fix_timeout, NULL, text, size, reparse);
	fuzz_edit_twice(set_default, &last, text, size, reparse);
	free(text);
	return 0;
}
