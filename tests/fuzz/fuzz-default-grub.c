/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/default/grub (and a file of /etc/default/grub.d), the shell
 * assignments the grub step edits: console= in GRUB_CMDLINE_LINUX, UUIDs,
 * the timeout. Then the disks step's inspect reads the root= it gives.
 */
#include "fuzz-edit.h"
#include "pw-grub.h"

static int edit_main(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	return pw_default_grub_edit(text, len, arg, true, out, out_len);
}

static int edit_dropin(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	return pw_default_grub_edit(text, len, arg, false, out, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);

	fuzz_edit_twice(edit_main, "hvc0", text, size, NULL);
	fuzz_edit_twice(edit_dropin, "hvc0", text, size, NULL);

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "12.5\n");
	fuzz_guest_put("/etc/default/grub", text, size);
	fuzz_step(PW_STEP_DISKS, pw_inspect_disks, NULL, NULL);
	free(text);
	return 0;
}
