// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Is a terminal type in the guest's terminfo database? Looked up where
 * ncurses on Debian looks (its compiled-in list), in both layouts: the
 * first letter ("v/vt102") and the hex form of it ("76/vt102") that some
 * systems use on case-insensitive file systems.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pw-console.h"
#include "pw-root.h"

static const char *const terminfo_dirs[] = {
	"/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
};

bool pw_terminfo_magic_ok(const unsigned char *head, size_t n)
{
	unsigned int magic;

	if (n < 2)
		return false;
	magic = head[0] | (unsigned int)head[1] << 8;
	return magic == 0432 || magic == 01036;
}

static bool valid_name(const char *term)
{
	if (!term[0] || strcmp(term, ".") == 0 || strcmp(term, "..") == 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)term; *p; p++)
		if (*p == '/' || *p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

int pw_terminfo_find(struct pw_root *root, const char *term, char *path, size_t size)
{
	int ret = 1;

	if (!valid_name(term))
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(terminfo_dirs); i++) {
		for (int hex = 0; hex <= 1; hex++) {
			char p[512];
			unsigned char head[2];
			ssize_t n;

			if (hex)
				snprintf(p, sizeof(p), "%s/%02x/%s", terminfo_dirs[i],
					 (unsigned char)term[0], term);
			else
				snprintf(p, sizeof(p), "%s/%c/%s", terminfo_dirs[i], term[0], term);
			n = pw_root_read_head(root, p, head, sizeof(head));
			if (n == -ENOENT || n == -ENOTDIR)
				continue;
			if (n >= 0 && pw_terminfo_magic_ok(head, (size_t)n)) {
				snprintf(path, size, "%s", p);
				return 0;
			}
			/* ncurses goes on to the next place; so do we, but
			 * remember the first bad one in case none is good */
			if (ret == 1) {
				snprintf(path, size, "%s", p);
				ret = n < 0 ? (int)n : PW_EFORMAT;
			}
		}
	}
	return ret;
}
