/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The steps of the conversion, in order: one table that wizard/ walks. */
#ifndef PW_STEPS_H
#define PW_STEPS_H

#include <stdio.h>

#include "pw-model.h"
#include "pw-plan.h"

struct pw_step {
	enum pw_step_id id;
	const char *name;  /* stable id, as on the command line and in JSON */
	const char *title; /* N_(), for people */
	void (*inspect)(struct pw_ctx *ctx, struct pw_result *r);
	/* What the step would change (NULL: it only checks, as arch does). */
	int (*plan)(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);
	/* Carry the plan out; NULL: its file changes are all there is. */
	int (*apply)(struct pw_ctx *ctx, const struct pw_plan *plan, struct pw_txn *txn,
		     const struct pw_progress *progress, struct pw_error *err);
};

extern const struct pw_step pw_steps[PW_STEP_COUNT];

/* "arch,grub" -> a mask of (1 << id); 0, or -EINVAL with @bad the unknown id. */
int pw_steps_parse(const char *list, unsigned int *mask, char *bad, size_t size);
void pw_steps_inspect(struct pw_ctx *ctx, unsigned int mask);
enum pw_exit pw_steps_exit_status(const struct pw_ctx *ctx, unsigned int mask);

/*
 * The unattended run (--yes), or with @dry_run only the plans printed:
 * every step in @mask that is not done is planned and applied in order,
 * under one transaction; a failure puts back every file the run changed.
 * Returns the exit status.
 */
enum pw_exit pw_apply_all(struct pw_ctx *ctx, unsigned int mask, bool dry_run, FILE *out);
/*
 * Carry out one step's @plan under @txn, then gather and inspect again, so
 * that the next step sees what this one changed: the one path of --yes and
 * the screens. First, under the lock, every file the plan changes must
 * still hold what the plan was made from (@reviewed: the owner saw it).
 * 0 applied, 1 nothing to apply, -ESTALE nothing written because a file
 * changed (plan again), other negative errno; @err filled.
 */
int pw_apply_step(struct pw_ctx *ctx, const struct pw_step *step, const struct pw_plan *plan,
		  struct pw_txn *txn, bool reviewed, const struct pw_progress *progress,
		  struct pw_error *err);
/*
 * The same under a transaction of its own (the screens apply a step at a
 * time, after the owner reviewed @plan): on failure every file the step
 * changed is put back and @err says so; -ESTALE: review a new plan.
 */
int pw_apply_one(struct pw_ctx *ctx, const struct pw_step *step, const struct pw_plan *plan,
		 const struct pw_progress *progress, struct pw_error *err);
/* The full-screen wizard (no mode given). Returns the exit status. */
/* @note: shown at the top of every screen (pw_scr_start), or NULL. */
enum pw_exit pw_wizard_run(struct pw_ctx *ctx, unsigned int mask, const char *note);
/* --undo: restore the files of the latest apply; with @all, of every apply. Returns the exit status. */
enum pw_exit pw_undo(struct pw_ctx *ctx, bool all, FILE *out);

void pw_report_text(FILE *out, const struct pw_ctx *ctx, unsigned int mask);
void pw_report_json(FILE *out, const struct pw_ctx *ctx, unsigned int mask);

/*
 * Errors for the owner (wizard/errors.c): "paravm-wizard: MESSAGE" on
 * stderr, or a dialog once the screens have said how to show one (NULL
 * again when they end).
 */
void pw_report_to_dialog(void (*show)(const char *title, const char *text));
void pw_report_error(const struct pw_error *err);
void pw_report_line(const char *fmt, ...) PW_PRINTF(1, 2);

#endif /* PW_STEPS_H */
