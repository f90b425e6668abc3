// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The full-screen wizard: the dashboard, then each step that is not done,
 * in order: its values (network), its plan shown as it will be applied,
 * and the apply, through the same pw_apply_step as --yes. A state machine
 * as netcfg's: every state names where Back goes.
 */
#include <stdio.h>
#include <string.h>

#include "pw-interfaces.h"
#include "pw-console.h"
#include "pw-screens.h"
#include "pw-steps.h"

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
	enum pw_exit status;	/* when quitting: the exit status */
};

static bool left_to_do(const struct flow *f, size_t i)
{
	return (f->mask & (1u << i)) && pw_steps[i].plan && f->ctx->results[i].status > PW_WARN;
}

/* A step with a screen of its own before its plan (Back from the plan goes there). */
static bool has_values(size_t i)
{
	return i == PW_STEP_NETWORK;
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
	struct pw_net_config cfg;

	pw_net_prefill(f->ctx, &cfg);
	switch (pw_scr_network(f->ctx, &cfg)) {
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
	switch (pw_scr_review(f->ctx, &pw_steps[f->step], &f->plan)) {
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

/*
 * The console's test, shown after its apply: the static check of what was
 * written (the re-inspect), and the live one where the device exists.
 */
static void console_test(struct pw_ctx *ctx)
{
	const char *dev = ctx->profile.console;
	char text[PW_MSG_MAX * 2];
	bool running;
	int live = pw_console_live_check(ctx, "/proc", &running);

	snprintf(text, sizeof(text), _("What was written: %s\n\n"), ctx->results[PW_STEP_CONSOLE].message);
	if (live == 1)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 _("Live test: not possible now, because %s exists only while the VM runs as a ParaVM. After the switch, log in on the serial console and run paravm-wizard again: it tests the login prompt there."),
			 dev);
	else if (live == 0 && running)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 _("Live test: a login prompt runs on %s now."), dev);
	else
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 _("Live test: no login prompt runs on %s yet; it starts at the next boot."), dev);
	pw_scr_message(_("Serial console: the test"), text);
}

static enum state apply(struct flow *f)
{
	const struct pw_step *step = &pw_steps[f->step];
	struct pw_progress progress = { 0 };
	struct pw_error err = { 0 };
	char title[256];
	int ret;

	snprintf(title, sizeof(title), _("%s: applying"), _(step->title));
	pw_scr_progress_open(title, &progress);
	ret = pw_apply_one(f->ctx, step, &f->plan, &progress, &err);
	pw_scr_progress_close(&progress);
	drop_plan(f);
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
	if (f->step == PW_STEP_CONSOLE)
		console_test(f->ctx);
	/* the next step sees what this one changed */
	pw_steps_inspect(f->ctx, f->mask);
	return first_left(f);
}

enum pw_exit pw_wizard_run(struct pw_ctx *ctx, unsigned int mask, const char *note)
{
	struct flow f = { .ctx = ctx, .mask = mask, .status = PW_EXIT_READY };
	enum state st = ST_DASHBOARD;

	if (pw_scr_start(note) != 0) {
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
			switch (pw_scr_finish(ctx)) {
			case PW_BACK:
				st = ST_DASHBOARD;
				break;
			default:
				f.status = pw_steps_exit_status(ctx, mask);
				st = ST_QUIT;
			}
			break;
		case ST_QUIT:
			break;
		}
	}
	drop_plan(&f);
	pw_report_to_dialog(NULL);
	pw_scr_stop();
	return f.status;
}
