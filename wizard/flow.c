// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The full-screen wizard: the dashboard, then each step that is not done,
 * in order, through the screens its table entry names (wizard/steps.c):
 * its values, its plan shown as it will be applied, the apply (through the
 * same pw_apply_step as --yes), and what it shows after. A state machine as
 * netcfg's: every state names where Back goes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-root.h"
#include "pw-screens.h"
#include "pw-steps.h"

/* The finish screen's steps, kept in the guest (DESIGN.md, files written). */
#define NEXT_STEPS_DIR "/root"
#define NEXT_STEPS_NAME "paravm-wizard-next-steps.txt"
#define NEXT_STEPS_FILE NEXT_STEPS_DIR "/" NEXT_STEPS_NAME

enum state {
	ST_DASHBOARD,
	ST_BLOCKED,
	ST_STEP,	/* the next step not done: its values screen, or its plan */
	ST_VALUES,
	ST_PLAN,
	ST_REVIEW,
	ST_APPLY,
	ST_FINISH,
	ST_QUIT,
};

struct flow {
	struct pw_ctx *ctx;
	unsigned int mask;
	size_t step;		/* the step being done */
	enum pw_step_id blocked;
	struct pw_plan plan;
	bool have_plan;
	unsigned int total;	/* steps left when the owner chose Next */
	unsigned int done;	/* of those, applied since */
	char notice[PW_MSG_MAX]; /* above the next review: the step done, a file changed */
	char next_steps[PW_MSG_MAX * 4]; /* the finish screen's, for the terminal */
	enum pw_exit status;	/* when quitting: the exit status */
};

static bool left_to_do(const struct flow *f, size_t i)
{
	return (f->mask & (1u << i)) && pw_steps[i].plan && f->ctx->results[i].status > PW_WARN;
}

/* A step with a screen of its own before its plan (Back from the plan goes there). */
static bool has_values(size_t i)
{
	return pw_steps[i].values != NULL;
}

/* "Step 2 of 5: Kernel packages: what will change" */
static void step_title(const struct flow *f, char *buf, size_t size, const char *what)
{
	unsigned int n = f->done + 1;

	if (f->total > 1 && n <= f->total)
		/* TRANSLATORS: the step's number, how many there are, and the window's title */
		snprintf(buf, size, _("Step %u of %u: %s"), n, f->total, what);
	else
		snprintf(buf, size, "%s", what);
}

static unsigned int count_left(const struct flow *f)
{
	unsigned int n = 0;

	for (size_t i = 0; i < PW_STEP_COUNT; i++)
		n += left_to_do(f, i);
	return n;
}

static void drop_plan(struct flow *f)
{
	if (f->have_plan)
		pw_plan_free(&f->plan);
	f->have_plan = false;
}

static enum state first_left(struct flow *f)
{
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		if (!(f->mask & (1u << i)))
			continue;
		if (f->ctx->results[i].status == PW_BLOCKED) {
			f->blocked = (enum pw_step_id)i;
			return ST_BLOCKED;
		}
	}
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		if (left_to_do(f, i)) {
			f->step = i;
			return ST_STEP;
		}
	}
	/* left, but no step of the wizard can do it: the owner must */
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		if ((f->mask & (1u << i)) && f->ctx->results[i].status > PW_WARN) {
			f->blocked = (enum pw_step_id)i;
			return ST_BLOCKED;
		}
	}
	return ST_FINISH;
}

/* Cancel: ask, then quit with the state as it is. */
static enum state cancel(struct flow *f, enum state stay)
{
	if (!pw_scr_cancel())
		return stay;
	pw_steps_inspect(f->ctx, f->mask);
	f->status = pw_steps_exit_status(f->ctx, f->mask);
	return ST_QUIT;
}

static enum state error_quit(struct flow *f, const struct pw_error *err)
{
	pw_report_error(err);
	f->status = err->code ? err->code : PW_EXIT_CANTCREAT;
	return ST_QUIT;
}

static enum state values(struct flow *f)
{
	char title[256];

	step_title(f, title, sizeof(title), _(pw_steps[f->step].title));
	switch (pw_steps[f->step].values(f->ctx, title)) {
	case PW_NEXT:
		return ST_PLAN;
	case PW_BACK:
		return ST_DASHBOARD;
	case PW_CANCEL:
		return cancel(f, ST_VALUES);
	default:
		f->status = PW_EXIT_SOFTWARE; /* the screen could not be drawn */
		return ST_QUIT;
	}
}

static enum state plan(struct flow *f)
{
	const struct pw_step *step = &pw_steps[f->step];
	struct pw_error err = { 0 };
	int ret;

	drop_plan(f);
	pw_plan_init(&f->plan, step->id);
	ret = step->plan(f->ctx, &f->plan, &err);
	if (ret < 0) {
		/* a value the owner gave: show why, and let them correct it */
		if (has_values(f->step) && err.code == PW_EXIT_DATAERR) {
			pw_scr_message(_("This cannot be used"), err.message);
			return ST_VALUES;
		}
		return error_quit(f, &err);
	}
	f->have_plan = true;
	if (ret == 1 || pw_plan_empty(&f->plan))
		return ST_APPLY; /* nothing to write: only checked again */
	return ST_REVIEW;
}

static enum state review(struct flow *f)
{
	const struct pw_step *step = &pw_steps[f->step];
	char what[256], title[256];
	int ret;

	snprintf(what, sizeof(what), _("%s: what will change"), _(step->title));
	step_title(f, title, sizeof(title), what);
	ret = step->review(f->ctx, step, &f->plan, title, f->notice);
	f->notice[0] = '\0';
	switch (ret) {
	case PW_NEXT:
		return ST_APPLY;
	case PW_BACK:
		drop_plan(f);
		return has_values(f->step) ? ST_VALUES : ST_DASHBOARD;
	case PW_CANCEL:
		return cancel(f, ST_REVIEW);
	default:
		f->status = PW_EXIT_SOFTWARE; /* the screen could not be drawn */
		return ST_QUIT;
	}
}

static enum state apply(struct flow *f)
{
	const struct pw_step *step = &pw_steps[f->step];
	struct pw_progress progress = { 0 };
	struct pw_error err = { 0 };
	char what[256], title[256];
	int ret;

	snprintf(what, sizeof(what), _("%s: applying"), _(step->title));
	step_title(f, title, sizeof(title), what);
	pw_scr_progress_open(title, &progress);
	ret = pw_apply_one(f->ctx, step, &f->plan, &progress, &err);
	pw_scr_progress_close(&progress);
	drop_plan(f);
	if (ret == -ESTALE) {
		/*
		 * A file changed since the owner reviewed it (another console, a
		 * fleet tool): nothing was written. Plan again from what is there
		 * now and show that review, saying which file it was.
		 */
		snprintf(f->notice, sizeof(f->notice), "%s", err.message);
		pw_steps_inspect(f->ctx, f->mask);
		return ST_PLAN;
	}
	if (ret < 0)
		return error_quit(f, &err);
	if (f->ctx->results[f->step].status > PW_WARN) {
		char text[PW_MSG_MAX * 2];

		/* applied, yet not done: say what is left rather than loop */
		snprintf(text, sizeof(text), "%s\n\n%s", f->ctx->results[f->step].message,
			 _("The step was applied, but it is still not done. Read the message, "
			   "then run paravm-wizard again."));
		pw_scr_message(_(step->title), text);
		pw_steps_inspect(f->ctx, f->mask);
		f->status = pw_steps_exit_status(f->ctx, f->mask);
		return ST_QUIT;
	}
	if (step->after) {
		step_title(f, title, sizeof(title), _(step->after_title));
		step->after(f->ctx, title);
	}
	f->done++;
	/* said on top of the next review */
	snprintf(f->notice, sizeof(f->notice), _("%s: done."), _(step->title));
	/* the next step sees what this one changed */
	pw_steps_inspect(f->ctx, f->mask);
	return first_left(f);
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The steps of the finish screen, kept in the guest: the shutdown takes the
 * screen away, and after the switch the owner reads them again on the
 * serial console. Written whole or not at all (a temporary file, then a
 * rename), in a directory opened through the guest root, where a symlink
 * never leads out of it. 0, or negative errno.
 */
static int keep_next_steps(struct pw_ctx *ctx, const char *text)
{
	static const char tmp[] = "." NEXT_STEPS_NAME ".new";
	int dir, fd, ret;

	ret = pw_root_mkdirs(ctx->root, NEXT_STEPS_DIR, 0700);
	if (ret < 0)
		return ret;
	dir = pw_root_open(ctx->root, NEXT_STEPS_DIR, O_RDONLY | O_DIRECTORY, 0);
	if (dir < 0)
		return dir;
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = -errno;
		close(dir);
		return ret;
	}
	ret = write_all(fd, text, strlen(text));
	if (ret == 0)
		ret = write_all(fd, "\n", 1);
	if (ret == 0 && fsync(fd) != 0)
		ret = -errno;
	if (close(fd) != 0 && ret == 0)
		ret = -errno;
	if (ret == 0 && renameat(dir, tmp, dir, NEXT_STEPS_NAME) != 0)
		ret = -errno;
	if (ret < 0)
		unlinkat(dir, tmp, 0);
	close(dir);
	return ret;
}

/* The finish screen, once its steps are kept; Finish leaves them for the terminal. */
static enum state finish(struct flow *f)
{
	char *text = f->next_steps, *wrapped;
	size_t size = sizeof(f->next_steps);
	int ret;

	pw_scr_next_steps(f->ctx, NEXT_STEPS_FILE, text, size);
	/* for a console of 80 columns, as the owner will read it */
	wrapped = pw_scr_wrap(text, 78);
	ret = keep_next_steps(f->ctx, wrapped ? wrapped : text);
	if (wrapped)
		snprintf(text, size, "%s", wrapped);
	free(wrapped);
	if (ret < 0)
		snprintf(text + strlen(text), size - strlen(text),
			 _("\n\n(They could not be written there: %s. Write them down now.)"),
			 strerror(-ret));
	switch (pw_scr_finish(f->ctx, NEXT_STEPS_FILE)) {
	case PW_BACK:
		f->next_steps[0] = '\0';
		return ST_DASHBOARD;
	default:
		f->status = pw_steps_exit_status(f->ctx, f->mask);
		return ST_QUIT;
	}
}

enum pw_exit pw_wizard_run(struct pw_ctx *ctx, unsigned int mask, const char *note,
			   const char *langs)
{
	struct flow f = { .ctx = ctx, .mask = mask, .status = PW_EXIT_READY };
	enum state st = ST_DASHBOARD;

	if (pw_scr_start(note, langs) != 0) {
		pw_report_line("%s",
			       _("the screen cannot be used (it needs a terminal of at least 80x24); use --check, or --answers FILE --yes."));
		return PW_EXIT_USAGE;
	}
	pw_report_to_dialog(pw_scr_message);
	pw_steps_inspect(ctx, mask);
	while (st != ST_QUIT) {
		switch (st) {
		case ST_DASHBOARD:
			switch (pw_scr_dashboard(ctx, mask)) {
			case PW_NEXT:
				/* steps applied before a Back to here still count */
				f.total = f.done + count_left(&f);
				st = first_left(&f);
				break;
			case PW_CANCEL:
				st = cancel(&f, ST_DASHBOARD);
				break;
			default:
				f.status = PW_EXIT_SOFTWARE; /* the screen could not be drawn */
				st = ST_QUIT;
			}
			break;
		case ST_BLOCKED:
			pw_scr_arch(ctx, f.blocked);
			f.status = PW_EXIT_BLOCKED;
			st = ST_QUIT;
			break;
		case ST_STEP:
			st = has_values(f.step) ? ST_VALUES : ST_PLAN;
			break;
		case ST_VALUES:
			st = values(&f);
			break;
		case ST_PLAN:
			st = plan(&f);
			break;
		case ST_REVIEW:
			st = review(&f);
			break;
		case ST_APPLY:
			st = apply(&f);
			break;
		case ST_FINISH:
			st = finish(&f);
			break;
		case ST_QUIT:
			break;
		}
	}
	drop_plan(&f);
	pw_report_to_dialog(NULL);
	pw_scr_stop();
	/* what to do now stays on the console once the screens are gone */
	if (f.next_steps[0])
		printf("\n%s\n\n", f.next_steps);
	return f.status;
}
