// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dashboard: every step with its state, in words (never colour alone),
 * and the first part of its message; Enter on a step shows all of it.
 */
#include <stdio.h>
#include <string.h>

#include "pw-text.h"
#include "scr.h"

static const char *state_label(enum pw_status st)
{
	switch (st) {
	case PW_OK:
		return _("done");
	case PW_WARN:
		return _("warning");
	case PW_TODO:
		return _("to do");
	default:
		return _("blocked");
	}
}

static void details(const struct pw_ctx *ctx, size_t i)
{
	char text[PW_MSG_MAX + 128];

	snprintf(text, sizeof(text), "%s: %s\n\n%s", _(pw_steps[i].title),
		 state_label(ctx->results[i].status), ctx->results[i].message);
	pw_scr_message(_(pw_steps[i].title), text);
}

enum pw_scr_result pw_scr_dashboard(const struct pw_ctx *ctx, unsigned int mask)
{
	struct scr_page p = { 0 };
	unsigned int todo = 0, blocked = 0, rows = 0;
	int state_w = 0, title_w = 0, ret;
	char intro[1024], first[128] = "";
	newtComponent list, other;

	for (enum pw_status st = PW_OK; st <= PW_BLOCKED; st++)
		state_w = pw_max(state_w, pw_text_width(state_label(st)));
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		rows++;
		title_w = pw_max(title_w, pw_text_width(_(pw_steps[i].title)));
		if (ctx->results[i].status == PW_BLOCKED)
			blocked++;
		else if (ctx->results[i].status == PW_TODO && !todo++)
			snprintf(first, sizeof(first), "%s", _(pw_steps[i].title));
	}

	if (blocked)
		snprintf(intro, sizeof(intro), "%s",
			 /* TRANSLATORS: "Why?" is the button's label, translated the same */
			 _("This VM cannot be converted yet: a step is blocked. Choose Why? to read "
			   "the reason and what you can do. Nothing has been changed."));
	else if (todo)
		snprintf(intro, sizeof(intro),
			 P_("%u step is left; Next starts with it: %s. Each step shows what it will change and asks before it writes anything.",
			    "%u steps are left; Next starts with the first: %s. Each step shows what it will change and asks before it writes anything.",
			    todo),
			 todo, first);
	else
		snprintf(intro, sizeof(intro), "%s",
			 /* TRANSLATORS: "Finish" is the button's label, translated the same */
			 _("Every step is done: this VM is ready to boot as a ParaVM. Choose Finish "
			   "to read what to do now."));
	pw_result_append_text(intro, _("To read all of a step's message, choose it and press Enter."));

	p.title = _("The conversion, step by step");
	/* TRANSLATORS: the states and the buttons (Next, Finish, Why?, Cancel) as translated */
	p.help = _("This screen lists every step of the conversion with its state: \"done\" "
		   "needs nothing more, \"to do\" is what the wizard will do next, \"warning\" "
		   "works but deserves a look, \"blocked\" stops the conversion.\n\n"
		   "Choose a step with the arrow keys and press Enter to read its whole message. "
		   "Next goes on with the first step left. When every step is done, that button "
		   "is Finish and shows what to do now; when a step is blocked, it is Why? and "
		   "shows the reason. Cancel quits without changing anything.");
	p.text = intro;
	p.extra_rows = (int)rows;
	p.no_back = true;
	p.next_label = blocked ? _("Why?") : todo ? _("Next") : _("Finish");
	if (scr_page_open(&p) != 0)
		return PW_ERROR;

	list = newtListbox(1, p.extra_top, (int)rows, NEWT_FLAG_RETURNEXIT);
	newtListboxSetWidth(list, p.width - 2);
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		char state[64], title[128], line[1024], msg[512];
		int room;

		if (!(mask & (1u << i)))
			continue;
		scr_pad(state, sizeof(state), state_label(ctx->results[i].status), state_w + 1);
		scr_pad(title, sizeof(title), _(pw_steps[i].title), title_w + 1);
		/* the listbox is 2 cells narrower than the window, less a cell of margin */
		room = p.width - 2 - 1 - (state_w + 1) - (title_w + 1);
		scr_cut(msg, sizeof(msg), ctx->results[i].message, room);
		snprintf(line, sizeof(line), "%s%s%s", state, title, msg);
		newtListboxAppendEntry(list, line, (void *)(i + 1));
	}
	newtFormAddComponent(p.form, list);

	for (;;) {
		ret = scr_page_run(&p, &other);
		if (ret == SCR_OTHER && other == list) {
			size_t i = (size_t)newtListboxGetCurrent(list);

			if (i > 0)
				details(ctx, i - 1);
			continue;
		}
		break;
	}
	scr_page_close(&p);
	return ret == SCR_OTHER ? PW_NEXT : (enum pw_scr_result)ret;
}
