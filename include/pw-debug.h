/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A debug trace, as libblkid's LIBBLKID_DEBUG: PARAVM_WIZARD_DEBUG names
 * the areas to trace, comma-separated (root,net,grub,txn, or all), and
 * each PW_DBG line goes to stderr, "paravm-wizard[PID]: AREA: ...". Off,
 * a trace point costs one test of a mask. With the screens up, send
 * stderr to a file (2>trace.txt).
 */
#ifndef PW_DEBUG_H
#define PW_DEBUG_H

#include <stdbool.h>

#include "pw.h"

enum pw_debug_area {
	PW_DEBUG_ROOT = 1u << 0, /* which guest path was resolved to what */
	PW_DEBUG_NET = 1u << 1,	 /* which rule, .link file or word names the card */
	PW_DEBUG_GRUB = 1u << 2, /* which config and entry pygrub will use */
	PW_DEBUG_TXN = 1u << 3,	 /* lock, backups, writes, restores */
};

/* Is @area traced? The variable is read the first time this is asked. */
bool pw_debug_on(unsigned int area);
void pw_debug_print(unsigned int area, const char *fmt, ...) PW_PRINTF(2, 3);

#define PW_DBG(area, ...)                                        \
	do {                                                     \
		if (pw_debug_on(PW_DEBUG_##area))                \
			pw_debug_print(PW_DEBUG_##area, __VA_ARGS__); \
	} while (0)

#endif /* PW_DEBUG_H */
