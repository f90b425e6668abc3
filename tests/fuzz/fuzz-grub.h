/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the two grub menu harnesses: a menu parsed as pygrub reads it, and
 * what the grub step asks of it, with the parser's promises checked.
 */
#ifndef PW_FUZZ_GRUB_H
#define PW_FUZZ_GRUB_H

#include "fuzz-edit.h"
#include "pw-grub.h"

typedef int (*fuzz_menu_parser)(const char *text, size_t len, struct pw_grub_menu *menu);

/* Parse; the last entry's index (0 without entries), for the default edit. */
static inline unsigned int fuzz_menu_check(fuzz_menu_parser parse, const char *text, size_t len,
					   const char *dev)
{
	struct pw_grub_menu menu;
	unsigned int last;

	parse(text, len, &menu);
	assert(menu.count <= menu.total);
	assert(menu.default_index < (int)menu.total || menu.default_index == -1 ||
	       menu.total == 0);
	pw_grub_default(&menu);
	for (size_t i = 0; i < menu.count; i++)
		pw_grub_has_console(menu.entries[i].args, dev);
	if (menu.problem != PW_GRUB_FINE)
		assert(pw_grub_problem_text(menu.problem));
	last = menu.count ? (unsigned int)(menu.count - 1) : 0;
	pw_grub_menu_free(&menu);
	return last;
}

#endif /* PW_FUZZ_GRUB_H */
