// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A step's plan before it is carried out: one plain sentence of what the
 * step is for, what it does in words, the packages and commands, then
 * every file change as a unified diff. The text is paged here rather than
 * in a newt textbox, whose scrolling shows no position: a line under it
 * says how far the owner has read, PgDn/PgUp and the arrows scroll from
 * anywhere, and Apply takes the place of "More" only once the end has been
 * on the screen. Apply is the confirmation; a second question only where
 * the step cannot be undone (its table entry says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "pw-text.h"
#include "scr.h"

/* the review's text, in display lines of at most the box's width */
struct body {
	struct pw_buf text;
	size_t *start;		/* offset of each line in text */
	size_t lines, cap;
	bool failed;
};

static void add_line(struct body *b, const char *s, size_t len)
{
	if (b->lines == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		size_t *bigger = realloc(b->start, cap * sizeof(*bigger));

		if (!bigger) {
			b->failed = true;
			return;
		}
		b->start = bigger;
		b->cap = cap;
	}
	b->start[b->lines++] = b->text.len;
	pw_buf_add(&b->text, s, len);
	pw_buf_add(&b->text, "\n", 1);
}

/* Prose: wrapped at blanks (scr_wrap), one display line at a time. */
static void add_prose(struct body *b, const char *s, int width)
{
	char *wrapped = scr_wrap(s, width, NULL);
	const char *p;

	if (!wrapped) {
		b->failed = true;
		return;
	}
	for (p = wrapped;;) {
		const char *nl = strchr(p, '\n');

		add_line(b, p, nl ? (size_t)(nl - p) : strlen(p));
		if (!nl)
			break;
		p = nl + 1;
	}
	free(wrapped);
}

/*
 * One line of a diff: cut at @width cells, not at blanks (its blanks are
 * part of the file), and every part after the first starts with the
 * line's own mark, so that a wrapped "+" line still reads as added.
 */
static void add_diff_line(struct body *b, const char *line, size_t len, int width)
{
	char *expanded, *s, mark[2] = "";
	size_t left;
	mbstate_t st;
	char part[1024];

	pw_copy(part, sizeof(part), line, len);
	expanded = scr_expand(part);
	if (!expanded) {
		b->failed = true;
		return;
	}
	if (*expanded == '+' || *expanded == '-' || *expanded == ' ')
		mark[0] = *expanded;
	memset(&st, 0, sizeof(st));
	s = expanded;
	left = strlen(s);
	do {
		struct pw_buf out = { 0 };
		int cells = 0;

		if (s != expanded) {
			pw_buf_str(&out, mark);
			cells = (int)strlen(mark);
		}
		while (left > 0) {
			int w;
			size_t n = pw_next_char(s, left, &st, &w);

			if (cells + w > width)
				break;
			pw_buf_add(&out, s, n);
			cells += w;
			s += n;
			left -= n;
		}
		add_line(b, out.data ? out.data : "", out.len);
		if (out.failed)
			b->failed = true;
		pw_buf_free(&out);
	} while (left > 0 && !b->failed);
	free(expanded);
}

/*
 * The text of the review: the notice, what the step is for, then the plan
 * as --dry-run prints it (pw_plan_render, the one renderer): its words
 * wrapped, then, from the line after the blank one (the heading of the
 * changes), the diffs, cut rather than wrapped.
 */
static void build(struct body *b, const struct pw_step *step, const struct pw_plan *plan,
		  const char *notice, int width)
{
	struct pw_buf rendered = { 0 };
	struct pw_lines it;
	const char *line;
	size_t len;
	bool heading = false, diffs = false;

	if (notice && *notice) {
		add_prose(b, notice, width);
		add_line(b, "", 0);
	}
	if (step->purpose) {
		add_prose(b, _(step->purpose), width);
		add_line(b, "", 0);
	}
	if (pw_plan_render(plan, &rendered) < 0 || !rendered.data) {
		b->failed = true;
		pw_buf_free(&rendered);
		return;
	}
	pw_lines_init(&it, rendered.data, rendered.len);
	while (pw_lines_next(&it, &line, &len)) {
		if (diffs) {
			add_diff_line(b, line, len, width);
		} else if (!len) {
			add_line(b, "", 0);
			heading = true;
		} else {
			diffs = heading;
			char *para = strndup(line, len);

			if (!para) {
				b->failed = true;
				break;
			}
			add_prose(b, para, width);
			free(para);
		}
	}
	pw_buf_free(&rendered);
	if (b->text.failed)
		b->failed = true;
}

/* The review's page: the text box, the line that says where the owner is. */
struct view {
	struct scr_page p;
	newtComponent box, where;
	int rows;
	size_t top;
	bool seen_end;
};

static int view_open(struct view *v, const char *title, const char *help, bool at_end)
{
	memset(&v->p, 0, sizeof(v->p));
	v->p.title = title;
	v->p.help = help;
	v->p.extra_rows = v->rows + 1;
	/* until the end has been shown, the middle button reads on */
	v->p.next_label = at_end ? _("Apply") : _("More");
	if (scr_page_open(&v->p) != 0)
		return -1;
	v->box = newtTextbox(1, v->p.extra_top, v->p.width - 2, v->rows, 0);
	v->where = newtLabel(1, v->p.extra_top + v->rows, "");
	newtFormAddComponents(v->p.form, v->box, v->where, NULL);
	newtFormAddHotKey(v->p.form, NEWT_KEY_PGDN);
	newtFormAddHotKey(v->p.form, NEWT_KEY_PGUP);
	newtFormAddHotKey(v->p.form, NEWT_KEY_DOWN);
	newtFormAddHotKey(v->p.form, NEWT_KEY_UP);
	newtFormAddHotKey(v->p.form, ' ');
	return 0;
}

static void view_show(struct view *v, const struct body *b)
{
	size_t last = v->top + (size_t)v->rows;
	char where[256], cut[256];
	struct pw_buf shown = { 0 };

	if (last >= b->lines) {
		last = b->lines;
		v->seen_end = true;
	}
	for (size_t i = v->top; i < last; i++) {
		size_t end = i + 1 < b->lines ? b->start[i + 1] : b->text.len;

		pw_buf_add(&shown, b->text.data + b->start[i], end - b->start[i]);
	}
	newtTextboxSetText(v->box, shown.data ? shown.data : "");
	pw_buf_free(&shown);
	if (last < b->lines)
		snprintf(where, sizeof(where),
			 /* TRANSLATORS: the first line shown, the last, and how many there are */
			 _("Lines %zu-%zu of %zu. More below: PgDn"), v->top + 1, last, b->lines);
	else if (v->top > 0)
		snprintf(where, sizeof(where),
			 /* TRANSLATORS: the first line shown, the last, and how many there are */
			 _("Lines %zu-%zu of %zu: the end. PgUp goes back"), v->top + 1, last,
			 b->lines);
	else
		where[0] = '\0';
	scr_pad(cut, sizeof(cut), where, v->p.width - 2);
	newtLabelSetText(v->where, cut);
}

/* Scroll by @by lines (negative: up), kept within the text. */
static void view_scroll(struct view *v, const struct body *b, long by)
{
	long top = (long)v->top + by;
	long max = (long)b->lines - v->rows;

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	v->top = (size_t)top;
	view_show(v, b);
}

enum pw_scr_result pw_scr_review(const struct pw_ctx *ctx, const struct pw_step *step,
				 const struct pw_plan *plan, const char *title,
				 const char *notice)
{
	struct body b = { 0 };
	struct view v = { 0 };
	char ask[1024];
	char help[4096];
	int fixed, ret;
	long page;

	(void)ctx;
	snprintf(help, sizeof(help), "%s%s%s",
		 _("This is everything the step will do: first in words, then each file change "
		   "as a diff (a line starting with - is taken out, one with + is put in; the "
		   "other lines show where). PgDn, PgUp and the up and down arrows scroll the "
		   "text from anywhere on the screen; More shows the next page, and once the "
		   "end has been shown, Apply takes its place. Back goes back without writing "
		   "anything."),
		 step->help ? "\n\n" : "", step->help ? _(step->help) : "");
	build(&b, step, plan, notice, SCR_WIDTH - 2);
	if (b.failed || !b.lines) {
		pw_buf_free(&b.text);
		free(b.start);
		pw_scr_message(_("Out of memory"), _("The changes cannot be shown: out of memory."));
		return PW_ERROR;
	}
	/* the window's rows less the buttons, the line under the text and a blank */
	fixed = SCR_BUTTON_ROWS + 1 + 1;
	v.rows = (int)b.lines < SCR_MAX_HEIGHT - fixed ? (int)b.lines : SCR_MAX_HEIGHT - fixed;
	page = v.rows > 2 ? v.rows - 1 : 1; /* a line of the last page stays, for the eye */
	if (view_open(&v, title, help, (int)b.lines <= v.rows) != 0)
		goto fail;
	view_show(&v, &b);
	for (;;) {
		bool was_end = v.seen_end;

		ret = scr_page_run(&v.p, NULL);
		if (ret == SCR_OTHER)
			continue;
		if (ret == SCR_HOTKEY) {
			switch (v.p.key) {
			case NEWT_KEY_PGUP:
				view_scroll(&v, &b, -page);
				break;
			case NEWT_KEY_UP:
				view_scroll(&v, &b, -1);
				break;
			case NEWT_KEY_DOWN:
				view_scroll(&v, &b, 1);
				break;
			default: /* PgDn, the space bar */
				view_scroll(&v, &b, page);
			}
		} else if (ret == PW_NEXT && !v.seen_end) {
			view_scroll(&v, &b, page); /* More */
		} else if (ret == PW_NEXT && step->confirm) {
			/* a step that --undo cannot take back: asked once more */
			snprintf(ask, sizeof(ask), _(step->confirm), plan->packages);
			if (scr_confirm(_("Apply?"), ask, _("Apply"), _("Not yet")))
				break;
		} else {
			break;
		}
		if (v.seen_end && !was_end) {
			/* the end is on the screen: Apply in the place of More */
			size_t top = v.top;

			scr_page_close(&v.p);
			if (view_open(&v, title, help, true) != 0)
				goto fail;
			v.top = top;
			view_show(&v, &b);
		}
	}
	scr_page_close(&v.p);
	pw_buf_free(&b.text);
	free(b.start);
	return (enum pw_scr_result)ret;
fail:
	pw_buf_free(&b.text);
	free(b.start);
	return PW_ERROR;
}
