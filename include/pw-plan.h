/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A step's plan: everything it would do, computed before anything is
 * written. The same plan is printed by --dry-run, shown by the screens and
 * carried out by the apply; nothing is computed twice.
 */
#ifndef PW_PLAN_H
#define PW_PLAN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "pw.h"
#include "pw-config.h"

struct pw_buf;
struct pw_root;
struct pw_txn;

enum pw_change_kind { PW_CHANGE_WRITE, PW_CHANGE_REMOVE, PW_CHANGE_SYMLINK };

struct pw_change {
	enum pw_change_kind kind;
	char path[PATH_MAX];	/* in the guest */
	bool existed;
	char *old_text;		/* WRITE, REMOVE: the current content ("" if none) */
	size_t old_len;
	char *new_text;		/* WRITE: the content to write */
	size_t new_len;
	mode_t mode;		/* WRITE of a new file */
	char target[PATH_MAX];	/* SYMLINK */
};

struct pw_plan {
	enum pw_step_id step;
	size_t count;
	struct pw_change *changes;
	char packages[512];	/* to install, blank-separated */
	char commands[256];	/* to run in the guest, as shown ("update-grub") */
	char note[PW_MSG_MAX];	/* what the step will do, in words (owner's language) */
};

/* How a long apply (apt) says how far it is; screens draw it as a bar. */
struct pw_progress {
	void (*report)(void *data, unsigned int percent, const char *what);
	void *data;
};

void pw_plan_init(struct pw_plan *plan, enum pw_step_id step);
void pw_plan_free(struct pw_plan *plan);
bool pw_plan_empty(const struct pw_plan *plan);
/* Add a sentence (owner's language) to the plan's note. */
void pw_plan_note(struct pw_plan *plan, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Plan to make @path hold @text; copies both. Unchanged content plans nothing. */
int pw_plan_write(struct pw_plan *plan, const char *path, const char *old_text, size_t old_len,
		  bool existed, const char *new_text, size_t new_len, mode_t mode);
int pw_plan_symlink(struct pw_plan *plan, const char *path, const char *target);
int pw_plan_remove(struct pw_plan *plan, const char *path, const char *old_text, size_t old_len);

/*
 * The change as a unified diff (the system's diff -u, labelled with the
 * guest path), in a buffer the caller frees. 0, or negative errno.
 */
int pw_change_diff(const struct pw_change *change, char **out);

/*
 * The plan as the owner reads it, the same in --dry-run and on the review
 * screen: the note, the packages and commands, then every file change as
 * a diff, appended to @out. 0, or -ENOMEM.
 */
int pw_plan_render(const struct pw_plan *plan, struct pw_buf *out);

/*
 * Under the lock, before anything is written: does every file the plan
 * changes still hold what its diff was made from (or still not exist)?
 * 0, or -ESTALE with @err naming the first file that changed (exit 75);
 * @reviewed says whether the owner saw the diff (the screens) or not (--yes).
 */
int pw_plan_check_current(const struct pw_plan *plan, struct pw_root *root, bool reviewed,
			  struct pw_error *err);

/* Carry out the file changes through @txn, in order; stops at the first error. */
int pw_plan_apply_files(const struct pw_plan *plan, struct pw_txn *txn, struct pw_error *err);

#endif /* PW_PLAN_H */
