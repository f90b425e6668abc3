// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A step's plan before it is carried out: what it does in words, the
 * packages and commands, then every file change as a unified diff, all in
 * one scrolling text. Next asks once more before anything is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr.h"

struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (!t->s && t->cap == (size_t)-1)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *bigger = realloc(t->s, cap);

		if (!bigger) {
			free(t->s);
			t->s = NULL;
			t->cap = (size_t)-1; /* out of memory: the rest is left out */
			return;
		}
		t->s = bigger;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

enum pw_scr_result pw_scr_review(const struct pw_ctx *ctx, const struct pw_step *step,
				 const struct pw_plan *plan)
{
	struct scr_page p = { 0 };
	struct text t = { 0 };
	char line[1024], title[256], ask[1024];
	int ret;

	(void)ctx;
	if (plan->note[0]) {
		add(&t, plan->note);
		add(&t, "\n");
	}
	if (plan->packages[0]) {
		snprintf(line, sizeof(line), _("Packages to install: %s\n"), plan->packages);
		add(&t, line);
	}
	if (plan->commands[0]) {
		snprintf(line, sizeof(line), _("Commands to run in the guest: %s\n"), plan->commands);
		add(&t, line);
	}
	if (plan->count) {
		snprintf(line, sizeof(line),
			 P_("\nThe file change (lines with - go, lines with + come):\n",
			    "\nThe %zu file changes (lines with - go, lines with + come):\n",
			    plan->count), plan->count);
		add(&t, line);
	}
	for (size_t i = 0; i < plan->count; i++) {
		char *diff;

		if (pw_change_diff(&plan->changes[i], &diff) < 0) {
			snprintf(line, sizeof(line), _("(the change of %s cannot be shown)\n"),
				 plan->changes[i].path);
			add(&t, line);
			continue;
		}
		add(&t, diff);
		free(diff);
	}
	if (!t.s) {
		pw_scr_message(_("Out of memory"), _("The changes cannot be shown: out of memory."));
		return PW_ERROR;
	}

	snprintf(title, sizeof(title), _("%s: what will change"), _(step->title));
	p.title = title;
	p.help = _("This is everything the step will do: first in words, then each file "
		   "change as a diff (a line starting with - is taken out, one with + is put "
		   "in; the other lines are there to show where). Move to the text with Tab "
		   "or the up arrow, then scroll with the arrow keys and PgUp/PgDn.\n\n"
		   "Apply asks once more, then saves every file it changes in "
		   "/var/backups/paravm-wizard before writing it.");
	p.text = t.s;
	p.min_text_rows = 8;
	p.next_label = _("Apply");
	if (scr_page_open(&p) != 0) {
		free(t.s);
		return PW_ERROR;
	}
	snprintf(ask, sizeof(ask),
		 _("Apply the step \"%s\" now?\n\nEvery file it changes is saved first; "
		   "\"paravm-wizard --undo\" puts them back."), _(step->title));
	for (;;) {
		ret = scr_page_run(&p, NULL);
		if (ret == SCR_OTHER)
			continue;
		if (ret != PW_NEXT || scr_confirm(_("Apply?"), ask, _("Apply"), _("Not yet")))
			break;
	}
	scr_page_close(&p);
	free(t.s);
	return (enum pw_scr_result)ret;
}
