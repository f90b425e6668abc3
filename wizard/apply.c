// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The unattended run (--answers FILE --yes), --dry-run and --undo: the same
 * plans the screens show, carried out without them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-root.h"
#include "pw-text.h"
#include "pw-steps.h"
#include "pw-txn.h"

/* Print a plan as --dry-run shows it: as the review screen does. */
static int print_plan(FILE *out, const struct pw_step *step, const struct pw_plan *plan)
{
	struct pw_buf text = { 0 };
	int ret;

	fprintf(out, "== %s (%s) ==\n", _(step->title), step->name);
	ret = pw_plan_render(plan, &text);
	if (text.data)
		fputs(text.data, out);
	if (ret < 0)
		fprintf(out, _("(the rest of the plan cannot be shown: out of memory)\n"));
	pw_buf_free(&text);
	fputc('\n', out);
	return ret;
}

struct progress_line {
	const char *step;
	unsigned int shown; /* last percentage printed */
};

/* A line per tenth: enough to follow in a log, not a flood. */
static void print_progress(void *data, unsigned int percent, const char *what)
{
	struct progress_line *p = data;

	if (percent < p->shown + 10 && percent != 100)
		return;
	p->shown = percent;
	fprintf(stderr, "%s: %3u%% %s\n", p->step, percent, what);
}

static bool wanted(unsigned int mask, size_t i)
{
	return mask & (1u << i);
}

/* Plan every step that is not done, and keep nothing but the verdict. */
static int preflight(struct pw_ctx *ctx, unsigned int mask, struct pw_error *err)
{
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		const struct pw_step *step = &pw_steps[i];
		struct pw_plan plan;
		int ret;

		if (!wanted(mask, i) || !step->plan || ctx->results[i].status <= PW_WARN)
			continue;
		pw_plan_init(&plan, step->id);
		ret = step->plan(ctx, &plan, err);
		pw_plan_free(&plan);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int pw_apply_step(struct pw_ctx *ctx, const struct pw_step *step, const struct pw_plan *plan,
		  struct pw_txn *txn, bool reviewed, const struct pw_progress *progress,
		  struct pw_error *err)
{
	struct pw_result *r = &ctx->results[step->id];
	int ret = 1;

	if (!pw_plan_empty(plan)) {
		pw_txn_log(txn, "%s: applying", step->name);
		ret = pw_plan_check_current(plan, ctx->root, reviewed, err);
		if (ret < 0) {
			pw_txn_log(txn, "%s: not applied: %s", step->name, err->message);
			return ret;
		}
		ret = step->apply ? step->apply(ctx, plan, txn, progress, err)
				  : pw_plan_apply_files(plan, txn, err);
		if (ret < 0)
			return ret;
		ret = 0;
	}
	/* What this step changed (a kernel installed) is what the next reads. */
	pw_ctx_gather(ctx);
	pw_result_init(r);
	step->inspect(ctx, r);
	pw_txn_log(txn, "%s: now %s: %s", step->name, pw_status_name(r->status), r->message_en);
	return ret;
}

int pw_apply_one(struct pw_ctx *ctx, const struct pw_step *step, const struct pw_plan *plan,
		 const struct pw_progress *progress, struct pw_error *err)
{
	struct pw_error rollback_err = { 0 };
	struct pw_txn *txn;
	int ret;

	ret = pw_txn_begin(ctx->root, &txn, err);
	if (ret < 0)
		return ret;
	ret = pw_apply_step(ctx, step, plan, txn, true, progress, err);
	if (ret < 0) {
		pw_txn_log(txn, "failed: %s", err->message);
		if (pw_txn_changes(txn) > 0) {
			if (pw_txn_rollback(txn, &rollback_err) < 0)
				pw_result_append_text(err->message, rollback_err.message);
			else
				pw_result_append_text(err->message,
						      _("Every file this step changed was put back as it was."));
		}
	}
	pw_txn_end(txn);
	return ret;
}

/*
 * A file changed between the plan and the apply (another program wrote it,
 * lock or no lock): plan once more from what is there now, and apply that;
 * a second change in between fails the run (-ESTALE, exit 75).
 */
static int apply_replanned(struct pw_ctx *ctx, const struct pw_step *step, struct pw_txn *txn,
			   const struct pw_progress *progress, struct pw_error *err, FILE *out)
{
	struct pw_plan plan;
	int ret;

	fprintf(out, "%s\n", err->message);
	fprintf(out, _("%s: planning again from the files as they are now...\n"), step->name);
	pw_txn_log(txn, "%s: planning again", step->name);
	pw_ctx_gather(ctx);
	pw_result_init(&ctx->results[step->id]);
	step->inspect(ctx, &ctx->results[step->id]);
	pw_plan_init(&plan, step->id);
	ret = step->plan(ctx, &plan, err);
	if (ret >= 0)
		ret = pw_apply_step(ctx, step, &plan, txn, false, progress, err);
	pw_plan_free(&plan);
	return ret;
}

enum pw_exit pw_apply_all(struct pw_ctx *ctx, unsigned int mask, bool dry_run, FILE *out)
{
	struct pw_txn *txn = NULL;
	struct pw_error err = { 0 };
	unsigned int applied = 0;
	enum pw_exit status;

	pw_steps_inspect(ctx, mask);
	if (pw_steps_exit_status(ctx, mask) == PW_EXIT_BLOCKED) {
		pw_report_text(out, ctx, mask);
		fprintf(out, _("Nothing was changed.\n"));
		return PW_EXIT_BLOCKED;
	}
	/*
	 * Every plan first, before the lock is taken or anything is written:
	 * a bad value in the answers stops the run here, with the guest as it
	 * was. Each step is planned again just before it is applied, since
	 * the steps before it may have changed what it sees.
	 */
	if (!dry_run && preflight(ctx, mask, &err) < 0)
		goto failed;
	if (!dry_run && pw_txn_begin(ctx->root, &txn, &err) < 0)
		goto failed;
	if (txn && pw_txn_resumed(txn))
		fprintf(out, _("The previous run did not finish; this run completes it.\n"));

	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		const struct pw_step *step = &pw_steps[i];
		struct progress_line line = { step->name, 0 };
		struct pw_progress progress = { print_progress, &line };
		struct pw_plan plan;
		int ret;

		if (!wanted(mask, i) || !step->plan || ctx->results[i].status <= PW_WARN)
			continue;
		pw_plan_init(&plan, step->id);
		ret = step->plan(ctx, &plan, &err);
		if (ret < 0) {
			pw_plan_free(&plan);
			goto failed;
		}
		if (dry_run) {
			print_plan(out, step, &plan);
			pw_plan_free(&plan);
			continue;
		}
		if (!pw_plan_empty(&plan)) {
			fprintf(out, _("%s: applying...\n"), step->name);
			applied++;
		}
		ret = pw_apply_step(ctx, step, &plan, txn, false, &progress, &err);
		pw_plan_free(&plan);
		if (ret == -ESTALE)
			ret = apply_replanned(ctx, step, txn, &progress, &err, out);
		if (ret < 0)
			goto failed;
	}

	if (dry_run) {
		fprintf(out, _("Nothing was changed (--dry-run).\n"));
		return PW_EXIT_READY;
	}
	if (pw_txn_changes(txn) > 0)
		fprintf(out, _("Changed files were saved first in %s; \"paravm-wizard --undo\" puts them back.\n"),
			pw_txn_backup_dir(txn));
	else if (applied == 0)
		fprintf(out, _("Nothing needed to be changed.\n"));
	pw_txn_end(txn);

	pw_steps_inspect(ctx, mask);
	pw_report_text(out, ctx, mask);
	status = pw_steps_exit_status(ctx, mask);
	return status;

failed:
	pw_report_error(&err);
	if (txn) {
		struct pw_error rollback_err = { 0 };

		if (pw_txn_changes(txn) > 0 && pw_txn_rollback(txn, &rollback_err) < 0)
			pw_report_error(&rollback_err);
		else if (pw_txn_changes(txn) > 0)
			pw_report_line("%s", _("every file this run changed was put back as it was."));
		pw_txn_log(txn, "failed: %s", err.message);
		pw_txn_end(txn);
	}
	return err.code ? err.code : PW_EXIT_CANTCREAT;
}

enum pw_exit pw_undo(struct pw_ctx *ctx, bool all, FILE *out)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	char backup[4096];
	unsigned int count = 1;
	int ret;

	if (pw_txn_begin(ctx->root, &txn, &err) < 0) {
		pw_report_error(&err);
		return err.code;
	}
	ret = all ? pw_undo_all(txn, &count, backup, sizeof(backup), &err)
		  : pw_undo_latest(txn, backup, sizeof(backup), &err);
	pw_txn_end(txn);
	if (ret < 0) {
		pw_report_error(&err);
		return err.code;
	}
	if (ret == 1)
		fprintf(out, _("There is nothing to undo: no earlier run changed a file.\n"));
	else if (all)
		fprintf(out, _("Every file is back as it was before the first run of the conversion (%u runs undone, the first saved in %s). Installed packages stay installed.\n"),
			count, backup);
	else
		fprintf(out, _("The files saved in %s are back in place. Installed packages stay installed.\n"),
			backup);
	return PW_EXIT_READY;
}
