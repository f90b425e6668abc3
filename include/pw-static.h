/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What only the static program has (static/): the data files and the
 * catalogues inside it.
 */
#ifndef PW_STATIC_H
#define PW_STATIC_H

#include <stddef.h>

#include "pw.h"

/* A file built into the program: "profiles.ini", "de.mo", ... */
struct pw_blob {
	const char *name;
	const unsigned char *start, *end;
};

/* Every one, ended by an entry whose name is NULL (static/blobs.S). */
extern const struct pw_blob pw_blobs[];

/*
 * A path at which the built-in file @name can be opened and read (an
 * unlinked copy, by /proc/self/fd/N): 0, or a negative errno.
 */
int pw_static_file(const char *name, char *path, size_t size);

/* The LC_MESSAGES locale's name as glibc would give it ("C.UTF-8", "de_DE"). */
const char *pw_static_messages_locale(void);

#endif /* PW_STATIC_H */
