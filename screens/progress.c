// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The progress of an apply: a bar (newtScale) and the package or action
 * being worked on, redrawn each time the apply reports (apt's status).
 */
#include <stdio.h>

#include "scr.h"

struct progress_win {
	bool open;
	newtComponent form, scale, what;
	int width;
};

static struct progress_win win; /* one apply at a time */

static void report(void *data, unsigned int percent, const char *what)
{
	struct progress_win *w = data;
	char line[256];

	if (!w->open)
		return;
	if (percent > 100)
		percent = 100;
	newtScaleSet(w->scale, percent);
	scr_cut(line, sizeof(line), what ? what : "", w->width - 2);
	newtLabelSetText(w->what, line);
	newtRefresh();
}

void pw_scr_progress_open(const char *title, struct pw_progress *progress)
{
	char blank[80];

	progress->report = report;
	progress->data = &win;
	if (win.open)
		return;
	win.width = SCR_WIDTH;
	if (newtOpenWindow((80 - win.width) / 2, 8, win.width, 5, title) != 0)
		return;
	win.form = newtForm(NULL, NULL, NEWT_FLAG_NOF12);
	newtFormAddComponent(win.form, newtLabel(1, 0, _("Please wait; this can take a few minutes.")));
	win.scale = newtScale(1, 2, win.width - 2, 100);
	snprintf(blank, sizeof(blank), "%*s", win.width - 2, "");
	win.what = newtLabel(1, 4, blank);
	newtFormAddComponents(win.form, win.scale, win.what, NULL);
	newtDrawForm(win.form);
	newtRefresh();
	win.open = true;
}

void pw_scr_progress_close(struct pw_progress *progress)
{
	progress->report = NULL;
	progress->data = NULL;
	if (!win.open)
		return;
	win.open = false;
	newtFormDestroy(win.form);
	newtPopWindow();
	newtRefresh();
}
