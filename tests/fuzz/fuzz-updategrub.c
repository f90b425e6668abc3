/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grub legacy's update-grub script: the two blocks that skip kernels by
 * where the script runs, found by content, and the patch of their
 * `continue`; the patched script must scan as patched.
 */
#include "fuzz-edit.h"
#include "pw-grub.h"

static void rescan(const char *text, size_t len)
{
	struct pw_updategrub ug;

	if (pw_updategrub_scan(text, len, &ug) == 0) {
		assert(!ug.skip_xen.active);
		assert(!ug.skip_nonxen.active);
	}
}

static int patch(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	(void)arg;
	return pw_updategrub_patch(text, len, out, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct pw_updategrub ug;

	pw_updategrub_scan(text, size, &ug);
	fuzz_edit_twice(patch, NULL, text, size, rescan);
	free(text);
	return 0;
}
