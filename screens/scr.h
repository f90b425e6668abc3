/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside screens/ only: the page every screen is built on (a window sized
 * from its content, its text, the screen's own widgets, the Back / Next /
 * Cancel bar, F1 help, Esc for Back), from newt-util.c.
 */
#ifndef PW_SCR_H
#define PW_SCR_H

#include <newt.h>
#include <stdbool.h>
#include <stddef.h>

#include "pw-screens.h"

/* The page window: 72 cells wide, at most 19 rows, inside 80x24 with the help line. */
#define SCR_WIDTH 72
#define SCR_MAX_HEIGHT 19
#define SCR_BUTTON_ROWS 4

/* scr_page_run: another component than the bar's buttons ended the form. */
#define SCR_OTHER 100
/* scr_page_run: a hot key the page added (newtFormAddHotKey) was pressed, in key. */
#define SCR_HOTKEY 101

struct scr_page {
	/* given */
	const char *title;
	const char *help;	/* F1 text; NULL: the general help */
	const char *text;	/* wrapped; scrolls when it does not fit */
	int extra_rows;		/* rows of the screen's own widgets below the text */
	int min_text_rows;	/* keep this many rows for the text at least */
	const char *back_label, *next_label, *cancel_label; /* NULL: Back, Next, Cancel */
	bool no_back, no_next, no_cancel;
	newtComponent focus;	/* NULL: Next */
	/* filled by scr_page_open */
	newtComponent form, textbox, back, next, cancel;
	int width;		/* inner width of the window */
	int extra_top;		/* first row of the screen's own widgets */
	bool buttons_added;
	int key;		/* the hot key of SCR_HOTKEY */
};

int scr_page_open(struct scr_page *p);
/*
 * PW_NEXT, PW_BACK, PW_CANCEL, PW_ERROR, SCR_OTHER with *@other set, or
 * SCR_HOTKEY with p->key.
 */
int scr_page_run(struct scr_page *p, newtComponent *other);
void scr_page_close(struct scr_page *p);

/*
 * @text wrapped in lines of at most @width display cells, for a textbox
 * made without NEWT_FLAG_WRAP (newt breaks only at blanks, which Japanese
 * has none of): breaks at blanks and between CJK characters, never before
 * closing punctuation (。、」) nor after opening; a list item's next lines
 * indented under its text; tabs expanded. Its rows in *@rows. NULL: no memory.
 */
char *scr_wrap(const char *text, int width, int *rows);
/* Rows @text takes wrapped at @width cells. */
int scr_text_rows(const char *text, int width);
/* Set a textbox's text, wrapped at @width cells (the width it was made with). */
void scr_textbox_set(newtComponent tb, const char *text, int width);
/* A copy fit for a textbox: tabs to spaces, control characters to '?'. */
char *scr_expand(const char *text);
/* Copy @src cut to @cells display cells ("..." where it was cut). */
void scr_cut(char *dst, size_t size, const char *src, int cells);
/* A label's text padded with blanks to @cells display cells. */
void scr_pad(char *dst, size_t size, const char *src, int cells);
/* Help for the page being shown. */
void scr_help(const char *title, const char *text);
/* Two buttons: true for @yes. */
bool scr_confirm(const char *title, const char *text, const char *yes, const char *no);

#endif /* PW_SCR_H */
