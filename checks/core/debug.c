// SPDX-License-Identifier: GPL-2.0-or-later
/* The debug trace: see include/pw-debug.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-debug.h"

static const struct {
	const char *name;
	unsigned int area;
} areas[] = {
	{ "root", PW_DEBUG_ROOT },
	{ "net", PW_DEBUG_NET },
	{ "grub", PW_DEBUG_GRUB },
	{ "txn", PW_DEBUG_TXN },
	{ "all", ~0u },
};

static unsigned int mask;
static bool mask_read;

/* "root,txn" -> its mask; an unknown name is said once, and skipped. */
static unsigned int parse_mask(const char *list)
{
	unsigned int m = 0;
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ",");
		size_t i;

		for (i = 0; i < ARRAY_SIZE(areas); i++)
			if (strlen(areas[i].name) == len && strncmp(p, areas[i].name, len) == 0)
				break;
		if (i < ARRAY_SIZE(areas))
			m |= areas[i].area;
		else if (len > 0)
			fprintf(stderr,
				"paravm-wizard: PARAVM_WIZARD_DEBUG: no area \"%.*s\" (root, net, grub, txn, all)\n",
				(int)len, p);
		p += len;
		if (*p == ',')
			p++;
	}
	return m;
}

bool pw_debug_on(unsigned int area)
{
	if (!mask_read) {
		const char *env = getenv("PARAVM_WIZARD_DEBUG");

		mask = env ? parse_mask(env) : 0;
		mask_read = true;
	}
	return mask & area;
}

void pw_debug_print(unsigned int area, const char *fmt, ...)
{
	const char *name = "?";
	va_list ap;

	for (size_t i = 0; i < ARRAY_SIZE(areas); i++)
		if (areas[i].area == area)
			name = areas[i].name;
	fprintf(stderr, "paravm-wizard[%ld]: %s: ", (long)getpid(), name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
