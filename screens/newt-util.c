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

int pw_scr_start(const char *note, const char *langs)
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
	if (note)
		newtDrawRootText(-(int)pw_text_width(note) - 1, 0, note);
	/* on the row the dashboard leaves free, where taller windows cover it whole */
	if (langs)
		newtDrawRootText((80 - SCR_WIDTH) / 2, 1, langs);
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

/*
 * Where a line may not break, after UAX #14 and the Japanese rules
 * (kinsoku): before closing punctuation, small kana and the length mark,
 * and after opening brackets.
 */
static bool no_break_before(wchar_t c)
{
	static const wchar_t closing[] =
		L")]},.:;!?%\u00bb\u3001\u3002\u300d\u300f\u3011\u3015\u3009\u300b\u3017\u3019"
		L"\u301f\uff09\uff3d\uff5d\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff05"
		L"\u30fb\u30fc\u3005\u309d\u309e\u30fd\u30fe\u2019\u201d\u2026\u2025"
		L"\u301c\uff5e\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087"
		L"\u308e\u3095\u3096\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5"
		L"\u30e7\u30ee\u30f5\u30f6";

	return c && wcschr(closing, c);
}

static bool no_break_after(wchar_t c)
{
	static const wchar_t opening[] =
		L"([{\u00ab\u300c\u300e\u3010\u3014\u3008\u300a\u3016\u3018\u301d\uff08\uff3b"
		L"\uff5b\u2018\u201c";

	return c && wcschr(opening, c);
}

/* A character of @len bytes at @s, as a wide character (0 if it does not decode). */
static wchar_t char_at(const char *s, size_t len)
{
	mbstate_t st;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	return mbrtowc(&wc, s, len, &st) == len ? wc : 0;
}

/*
 * The indent of a list item's next lines: under its text for " - item",
 * " * item" and " 1. item", else none.
 */
static int hanging_indent(const char *s, const char *end, int width)
{
	const char *p = s;
	int indent;

	while (p < end && *p == ' ')
		p++;
	if (p + 1 < end && (*p == '-' || *p == '*') && p[1] == ' ') {
		p += 2;
	} else if (p < end && *p >= '0' && *p <= '9') {
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p + 1 >= end || (*p != '.' && *p != ')') || p[1] != ' ')
			return 0;
		p += 2;
	} else {
		return 0;
	}
	while (p < end && *p == ' ')
		p++;
	indent = (int)(p - s);
	return indent < width / 2 ? indent : 0;
}

struct wrap_out {
	struct pw_buf text;
	int rows;
};

static void wrap_line(struct wrap_out *o, int indent, const char *s, const char *end)
{
	while (end > s && end[-1] == ' ')
		end--;
	if (o->rows++)
		pw_buf_add(&o->text, "\n", 1);
	for (int i = 0; i < indent; i++)
		pw_buf_add(&o->text, " ", 1);
	pw_buf_add(&o->text, s, (size_t)(end - s));
}

/* Cells of [s, end). */
static int span_cells(const char *s, const char *end)
{
	mbstate_t st;
	int cells = 0;

	memset(&st, 0, sizeof(st));
	while (s < end) {
		int w;

		s += pw_next_char(s, (size_t)(end - s), &st, &w);
		cells += w;
	}
	return cells;
}

/* One paragraph (no '\n') into lines of @width cells. */
static void wrap_paragraph(struct wrap_out *o, const char *s, const char *end, int width)
{
	const char *line = s, *pos = s, *brk_end = NULL, *brk_next = NULL;
	int hang = hanging_indent(s, end, width), indent = 0, cells = 0;
	bool content = false;	/* a non-blank on this line yet */
	wchar_t prev = 0, last = 0;	/* the character before; the last non-blank */
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	while (pos < end) {
		int w;
		size_t n = pw_next_char(pos, (size_t)(end - pos), &st, &w);
		wchar_t c = char_at(pos, n);

		if (*pos == ' ') {
			pos += n;
			cells += w;
			prev = L' ';
			continue;
		}
		/*
		 * May the line break before this character? At blanks, but not
		 * before French " :" or " »", nor after "« ", nor before an
		 * option ("--undo --all" is copied as one command).
		 */
		if (content && prev == L' ' && !no_break_before(c) && !no_break_after(last) &&
		    !(pos + 1 < end && pos[0] == '-' && pos[1] == '-')) {
			brk_end = pos;
			brk_next = pos;
		} else if (content && (w == 2 || wcwidth(prev) == 2) && !no_break_before(c) &&
			   !no_break_after(prev)) {
			brk_end = pos;
			brk_next = pos;
		}
		if (cells + w > width && content) {
			if (brk_end && brk_end > line) {
				wrap_line(o, indent, line, brk_end);
				line = brk_next;
			} else {
				/* a word wider than the line: cut it */
				wrap_line(o, indent, line, pos);
				line = pos;
			}
			indent = hang;
			while (*line == ' ' && line < pos)
				line++;
			cells = indent + span_cells(line, pos);
			brk_end = brk_next = NULL;
			content = line < pos;
			continue; /* this character again, on the new line */
		}
		pos += n;
		cells += w;
		content = true;
		prev = last = c ? c : L'?';
	}
	wrap_line(o, indent, line, end);
}

char *scr_wrap(const char *text, int width, int *rows)
{
	struct wrap_out o = { 0 };
	char *expanded = scr_expand(text);
	const char *s;

	if (width < 2)
		width = 2;
	if (!expanded)
		return NULL;
	for (s = expanded;;) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);

		wrap_paragraph(&o, s, end, width);
		/* as newt: a last '\n' ends the line, it starts no empty one */
		if (!nl || !nl[1])
			break;
		s = nl + 1;
	}
	free(expanded);
	if (o.text.failed || !o.text.data) {
		free(o.text.data);
		return NULL;
	}
	if (rows)
		*rows = o.rows;
	return o.text.data;
}

char *pw_scr_wrap(const char *text, int width)
{
	return scr_wrap(text, width, NULL);
}

int scr_text_rows(const char *text, int width)
{
	int rows = 1;
	char *wrapped = scr_wrap(text, width, &rows);

	free(wrapped);
	return rows > 0 ? rows : 1;
}

void scr_textbox_set(newtComponent tb, const char *text, int width)
{
	char *wrapped = scr_wrap(text, width, NULL);

	newtTextboxSetText(tb, wrapped ? wrapped : text);
	free(wrapped);
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
	int flags = 0; /* wrapped here (scr_wrap), not by newt: it breaks only at blanks */

	p->width = SCR_WIDTH;
	text_w = p->width - 2;
	if (p->text && *p->text)
		text_rows = pw_max(scr_text_rows(p->text, text_w), p->min_text_rows);
	/* the text, a blank, the screen's own widgets, a blank, the buttons */
	fixed = (p->extra_rows ? p->extra_rows + 1 : 0) + (text_rows ? 1 : 0) + SCR_BUTTON_ROWS;
	room = SCR_MAX_HEIGHT - fixed;
	if (text_rows > room) {
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
		/* newt puts the scroll bar to the right of the given width */
		int box_w = flags & NEWT_FLAG_SCROLL ? text_w - 2 : text_w;

		p->textbox = newtTextbox(1, 0, box_w, text_rows, flags);
		scr_textbox_set(p->textbox, p->text, box_w);
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
			p->key = es.u.key;
			return SCR_HOTKEY;
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
