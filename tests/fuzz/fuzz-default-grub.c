/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/default/grub (and a file of /etc/default/grub.d), the shell
 * assignments every step reads (checks/formats/default-grub.c) and the grub
 * step edits: console= in GRUB_CMDLINE_LINUX, UUIDs, the timeout. Then the
 * disks step's inspect reads the root= it gives.
 */
#include "fuzz-edit.h"
#include "pw-default-grub.h"
#include "pw-grub.h"

/* The reader: every assignment it records lies inside the text, in order. */
static void read_twice(const char *text, size_t len)
{
	struct pw_default_grub dg;

	pw_default_grub_init(&dg);
	for (int pass = 0; pass < 2; pass++) {
		int ret = pw_default_grub_parse(&dg, "/etc/default/grub", text, len);
		const char *last = text;

		assert(ret == 0 || ret == PW_EFORMAT || ret == -ENOMEM);
		for (size_t i = 0; i < dg.assign_count; i++) {
			const struct pw_dg_assign *a = &dg.assigns[i];

			assert(a->start >= last && a->start <= a->end && a->end <= text + len);
			assert(a->inner >= a->start && a->inner + a->inner_n <= a->end);
			assert(a->line <= a->end_line && a->var < PW_DG_VARS);
			last = a->start;
		}
		for (int v = 0; v < PW_DG_VARS; v++)
			assert(strlen(dg.var[v].value) < PW_DG_VALUE_MAX);
	}
	pw_default_grub_free(&dg);
}

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

	read_twice(text, size);
	fuzz_edit_twice(edit_main, "hvc0", text, size, NULL);
	fuzz_edit_twice(edit_dropin, "hvc0", text, size, NULL);

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "12.5\n");
	fuzz_guest_put("/etc/default/grub", text, size);
	fuzz_step(PW_STEP_DISKS, pw_inspect_disks, NULL, NULL);
	free(text);
	return 0;
}
