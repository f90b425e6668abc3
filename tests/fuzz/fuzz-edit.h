/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The text edits of the planners share one contract (checks/edit/grub-edit.c,
 * fstab): 0 changed (*out, *out_len), 1 nothing to change, negative
 * refused. Edited once, the text must parse again (@reparse, may be NULL)
 * and a second edit must find nothing to change: a rerun changes nothing.
 */
#ifndef PW_FUZZ_EDIT_H
#define PW_FUZZ_EDIT_H

#include "fuzz.h"

typedef int (*fuzz_edit)(const char *text, size_t len, void *arg, char **out, size_t *out_len);

static inline void fuzz_edit_twice(fuzz_edit edit, void *arg, const char *text, size_t len,
				   void (*reparse)(const char *text, size_t len))
{
	char *out = NULL, *again = NULL;
	size_t out_len = 0, again_len = 0;

	if (edit(text, len, arg, &out, &out_len) != 0)
		return;
	assert(out && out[out_len] == '\0');
	if (reparse)
		reparse(out, out_len);
	if (edit(out, out_len, arg, &again, &again_len) == 0) {
		fprintf(stderr, "fuzz: a second edit changed the text again:\n%.*s\n---\n%.*s\n",
			(int)out_len, out, (int)again_len, again);
		abort();
	}
	free(out);
}

#endif /* PW_FUZZ_EDIT_H */
