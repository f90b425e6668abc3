/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/fstab: the entries, their spec kinds, and the disks step's rewrite
 * of specs to UUID= (every entry's spec renamed in turn, as the plan does
 * for / and /boot): the rewrite must parse again, name the new spec, and
 * a second rewrite must change nothing.
 */
#include "fuzz-edit.h"
#include "pw-fstab.h"

static void reparse(const char *text, size_t len)
{
	struct pw_fstab tab;

	pw_fstab_parse(text, len, &tab);
	pw_fstab_free(&tab);
}

static int rewrite(const char *text, size_t len, void *arg, char **out, size_t *out_len)
{
	return pw_fstab_rewrite(text, len, arg, 1, out, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct pw_fstab tab;
	struct pw_fstab_rename ren;
	char pv[PW_FSTAB_FIELD_MAX];

	if (pw_fstab_parse(text, size, &tab) == 0) {
		pw_fstab_find(&tab, "/");
		pw_fstab_find(&tab, "/boot");
		for (size_t i = 0; i < tab.count && i < 8; i++) {
			const char *spec = tab.entries[i].spec;

			pw_fstab_spec_stable(pw_fstab_spec_kind(spec));
			pw_fstab_pv_name(spec, pv, sizeof(pv));
			pw_fstab_pygrub_reads(tab.entries[i].vfstype);
			snprintf(ren.from, sizeof(ren.from), "%s", spec);
			snprintf(ren.to, sizeof(ren.to), "UUID=dbf19b1d-c061-49a7-aa2a-42f0141889db");
			fuzz_edit_twice(rewrite, &ren, text, size, reparse);
		}
	}
	pw_fstab_free(&tab);
	free(text);
	return 0;
}
