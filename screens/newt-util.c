// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one place that drives newt for what every screen shares: start and
 * end, the page (window sized from its content and kept inside 80x24, the
 * button bar, F1 help, Esc for Back, newtFormRun and its exit reasons),
 * message and confirm boxes, and text measured in display cells.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "pw-text.h"
#include "scr.h"

static bool started;

static void stop_at_exit(void)
{
	pw_scr_stop();
}

/*
 * TERM or HUP (the console closed, a shutdown) while a screen is up: give
 * the terminal back before going. An apply cut short this way is like a
 * kill: every file is whole, and the next run goes on with it.
 */
static void stop_on_signal(int sig)
{
	if (started)
		newtFinished();
	_exit(128 + sig);
}

int pw_scr_start(void)
{
	static bool registered;
	int cols, rows;

	if (started)
		return 0;
	if (newtInit() != 0)
		return -1;
	started = true;
	/* an exit() from anywhere must not leave the terminal in raw mode */
	if (!registered) {
		struct sigaction sa = { .sa_handler = stop_on_signal };

		atexit(stop_at_exit);
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		registered = true;
	}
	newtCls();
	newtGetScreenSize(&cols, &rows);
	if (cols < 80 || rows < 24) {
		pw_scr_stop();
		return -2;
	}
	newtDrawRootText(1, 0, _("paravm-wizard: from HVM to ParaVM"));
	newtPushHelpLine(_(" F1 help | Tab, arrows: move | Enter: choose | Esc: back"));
	newtRefresh();
	return 0;
}

void pw_scr_stop(void)
{
	if (!started)
		return;
	started = false;
	newtFinished();
}

bool pw_scr_active(void)
{
	return started;
}

/* ---- text in display cells ---------------------------------------------- */

int scr_text_rows(const char *text, int width)
{
	newtComponent tb = newtTextbox(0, 0, width, 1, NEWT_FLAG_WRAP);
	int rows;

	newtTextboxSetText(tb, text);
	rows = newtTextboxGetNumLines(tb);
	newtComponentDestroy(tb);
	return rows > 0 ? rows : 1;
}

char *scr_expand(const char *text)
{
	size_t len = strlen(text), cap = len * 2 + 64, n = 0;
	char *out = malloc(cap);
	int col = 0;

	if (!out)
		return NULL;
	for (const char *s = text; *s; s++) {
		if (n + 9 >= cap) {
			char *bigger = realloc(out, cap * 2);

			if (!bigger) {
				free(out);
				return NULL;
			}
			out = bigger;
			cap *= 2;
		}
		if (*s == '\t') {
			do
				out[n++] = ' ';
			while (++col % 8);
		} else if (*s == '\n') {
			out[n++] = '\n';
			col = 0;
		} else if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			out[n++] = '?';
			col++;
		} else {
			out[n++] = *s;
			col++;
		}
	}
	out[n] = '\0';
	return out;
}

void scr_cut(char *dst, size_t size, const char *src, int cells)
{
	mbstate_t st;
	size_t left = strlen(src), n = 0, fit = 0;
	int used = 0;
	const char *s = src;

	memset(&st, 0, sizeof(st));
	if (pw_text_width(src) <= cells && strlen(src) < size && !strchr(src, '\n')) {
		snprintf(dst, size, "%s", src);
		return;
	}
	/* keep what fits in @cells - 3, then "..." */
	while (left > 0) {
		int w;
		size_t k = pw_next_char(s, left, &st, &w);

		if (*s == '\n' || used + w > cells - 3 || n + k + 4 > size)
			break;
		used += w;
		n += k;
		s += k;
		left -= k;
		fit = n;
	}
	memcpy(dst, src, fit);
	snprintf(dst + fit, size - fit, "...");
}

void scr_pad(char *dst, size_t size, const char *src, int cells)
{
	size_t n;

	snprintf(dst, size, "%s", src);
	n = strlen(dst);
	for (int w = pw_text_width(dst); w < cells && n + 1 < size; w++)
		dst[n++] = ' ';
	dst[n] = '\0';
}

/* ---- the page ------------------------------------------------------------ */

static int button_width(const char *label)
{
	return pw_text_width(label) + 5; /* newt's frame around a button's label */
}

int scr_page_open(struct scr_page *p)
{
	int text_w, text_rows = 0, height, top, left, fixed, room;
	int flags = NEWT_FLAG_WRAP;

	p->width = SCR_WIDTH;
	text_w = p->width - 2;
	if (p->text && *p->text)
		text_rows = pw_max(scr_text_rows(p->text, text_w), p->min_text_rows);
	fixed = (p->extra_rows ? p->extra_rows + 1 : 0) + 1 + SCR_BUTTON_ROWS;
	room = SCR_MAX_HEIGHT - fixed;
	if (text_rows > room || (text_rows == room && scr_text_rows(p->text, text_w - 2) > room)) {
		/* too long: it scrolls, with the arrow keys and PgUp/PgDn */
		text_rows = room;
		flags |= NEWT_FLAG_SCROLL;
	}
	height = text_rows + fixed;
	left = (80 - p->width) / 2;
	top = 2 + (SCR_MAX_HEIGHT - height) / 2;
	if (newtOpenWindow(left, top, p->width, height, p->title) != 0)
		return -1;
	p->form = newtForm(NULL, NULL, NEWT_FLAG_NOF12);
	newtFormAddHotKey(p->form, NEWT_KEY_F1);
	newtFormAddHotKey(p->form, NEWT_KEY_ESCAPE);
	p->textbox = NULL;
	if (text_rows) {
		char *shown = scr_expand(p->text);

		/* newt puts the scroll bar to the right of the given width */
		p->textbox = newtTextbox(1, 0, flags & NEWT_FLAG_SCROLL ? text_w - 2 : text_w,
					 text_rows, flags);
		newtTextboxSetText(p->textbox, shown ? shown : p->text);
		free(shown);
		newtFormAddComponent(p->form, p->textbox);
	}
	p->extra_top = text_rows ? text_rows + 1 : 0;
	p->back = p->next = p->cancel = NULL;
	p->buttons_added = false;
	return 0;
}

static void add_buttons(struct scr_page *p)
{
	const char *back = p->back_label ? p->back_label : _("Back");
	const char *next = p->next_label ? p->next_label : _("Next");
	const char *cancel = p->cancel_label ? p->cancel_label : _("Cancel");
	int x = 2, row;

	row = p->extra_top + (p->extra_rows ? p->extra_rows + 1 : 0);
	if (!p->no_back) {
		p->back = newtButton(x, row, back);
		x += button_width(back) + 2;
	}
	if (!p->no_next)
		p->next = newtButton(x, row, next);
	if (!p->no_cancel)
		p->cancel = newtButton(p->width - button_width(cancel) - 1, row, cancel);
	/* Tab goes as the eye does: Back, Next, Cancel */
	if (p->back)
		newtFormAddComponent(p->form, p->back);
	if (p->next)
		newtFormAddComponent(p->form, p->next);
	if (p->cancel)
		newtFormAddComponent(p->form, p->cancel);
	p->buttons_added = true;
}

int scr_page_run(struct scr_page *p, newtComponent *other)
{
	struct newtExitStruct es;

	if (!p->buttons_added) {
		add_buttons(p);
		if (p->focus)
			newtFormSetCurrent(p->form, p->focus);
		else if (p->next)
			newtFormSetCurrent(p->form, p->next);
	}
	for (;;) {
		newtFormRun(p->form, &es);
		switch (es.reason) {
		case NEWT_EXIT_HOTKEY:
			if (es.u.key == NEWT_KEY_F1) {
				scr_help(p->title, p->help);
				continue;
			}
			if (es.u.key == NEWT_KEY_ESCAPE)
				return p->no_back ? (p->no_cancel ? PW_NEXT : PW_CANCEL) : PW_BACK;
			continue;
		case NEWT_EXIT_COMPONENT:
			if (es.u.co == p->back)
				return PW_BACK;
			if (es.u.co == p->next)
				return PW_NEXT;
			if (es.u.co == p->cancel)
				return PW_CANCEL;
			if (other)
				*other = es.u.co;
			return SCR_OTHER;
		case NEWT_EXIT_ERROR:
			return PW_ERROR;
		default:
			continue;
		}
	}
}

void scr_page_close(struct scr_page *p)
{
	if (p->form)
		newtFormDestroy(p->form);
	p->form = NULL;
	newtPopWindow();
}

/* ---- boxes ---------------------------------------------------------------- */

static const char *general_help(void)
{
	return _("paravm-wizard prepares this VM to boot as a ParaVM, one step at a time. "
		 "Each step shows what it will change before anything is written, and asks.\n\n"
		 "Keys: Tab and the arrow keys move between fields and buttons; Enter presses "
		 "the button that is lit; Esc goes back one screen; F1 shows this help. "
		 "In long texts the arrow keys and PgUp/PgDn scroll.\n\n"
		 "Cancel asks first, then quits. Every step is either applied whole or not "
		 "started, so quitting never leaves the VM half-changed. "
		 "\"paravm-wizard --undo\" puts back the files of the latest step.");
}

void scr_help(const char *title, const char *text)
{
	static bool showing; /* F1 inside the help window: stay */
	char heading[256];
	struct scr_page p = { 0 };

	if (showing)
		return;
	showing = true;
	snprintf(heading, sizeof(heading), _("Help: %s"), title ? title : "");
	p.title = heading;
	p.text = text ? text : general_help();
	p.next_label = _("OK");
	p.no_back = p.no_cancel = true;
	if (scr_page_open(&p) == 0) {
		scr_page_run(&p, NULL);
		scr_page_close(&p);
	}
	showing = false;
}

void pw_scr_message(const char *title, const char *text)
{
	struct scr_page p = { 0 };

	p.title = title;
	p.text = text;
	p.next_label = _("OK");
	p.no_back = p.no_cancel = true;
	if (scr_page_open(&p) == 0) {
		scr_page_run(&p, NULL);
		scr_page_close(&p);
	}
}

bool scr_confirm(const char *title, const char *text, const char *yes, const char *no)
{
	struct scr_page p = { 0 };
	int ret;

	p.title = title;
	p.text = text;
	p.next_label = yes;
	p.back_label = no;
	p.no_cancel = true;
	if (scr_page_open(&p) != 0)
		return false;
	ret = scr_page_run(&p, NULL);
	scr_page_close(&p);
	return ret == PW_NEXT;
}

bool pw_scr_cancel(void)
{
	return scr_confirm(_("Quit?"),
			   _("Quit the wizard now?\n\nNothing half-done is left: every step is "
			     "either applied or not started. The steps applied so far stay applied; "
			     "run paravm-wizard again to go on where you stopped."),
			   _("Quit"), _("Stay"));
}
