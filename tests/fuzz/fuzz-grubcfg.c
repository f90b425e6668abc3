/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grub 2's /boot/grub/grub.cfg as pygrub reads it, and the grub step's
 * edit of its linux lines (root=UUID=, console=).
 */
#include "fuzz-grub.h"

static void reparse(const char *text, size_t len)
{
	fuzz_menu_check(pw_grub_cfg_parse, text, len, "hvc0");
}

static int edit_args(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	return pw_grub_cfg_edit_args(text, len, "78866a0b-cebd-44b3-a090-074b18b6814e", arg, NULL,
				     NULL, out, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);

	reparse(text, size);
	fuzz_edit_twice(edit_args, "hvc0", text, size, reparse);
	free(text);
	return 0;
}
