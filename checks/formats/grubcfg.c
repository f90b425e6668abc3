// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * grub 2's grub.cfg, read as pygrub's Grub2ConfigFile.parse() reads it. It
 * is no shell: every line is taken alone, `if` and `fi` are skipped, so
 * both branches of an if count and the last `set default=` wins;
 * `function` blocks are skipped whole; a `menuentry 'title' ... {` opens
 * an entry that the next line starting with '}' closes; `submenu` only
 * counts braces, so the entries inside it are numbered on from the ones
 * before. pygrub raises (the ParaVM does not boot) on a menuentry inside a
 * menuentry, a '}' that closes nothing, a file that ends inside an entry,
 * and on a `set` that does not split into exactly one name and one value.
 */
#include <errno.h>
#include <string.h>

#include "grub-menu.h"
#include "pw-grub.h"
#include "pw-root.h"
#include "pw-text.h"

static bool span_is(struct pw_span s, const char *word)
{
	return s.n == strlen(word) && memcmp(s.p, word, s.n) == 0;
}

/*
 * re.match('^menuentry ["\'](.*?)["\'] (.*){', l): the title ends at the
 * first quote that a space follows, provided a '{' comes after that.
 */
static bool menuentry_title(struct pw_span l, struct pw_span *title)
{
	const char *brace;

	if (!pw_grub_starts(l, "menuentry ") || l.n < 11 || (l.p[10] != '"' && l.p[10] != '\''))
		return false;
	brace = memrchr(l.p, '{', l.n);
	if (!brace)
		return false;
	for (size_t i = 11; i + 1 < l.n && l.p + i + 2 <= brace; i++) {
		if ((l.p[i] == '"' || l.p[i] == '\'') && l.p[i + 1] == ' ') {
			*title = (struct pw_span){ l.p + 11, i - 11 };
			return true;
		}
	}
	return false;
}

/*
 * grub2_handle_set(): grub_split(arg, 2) must give exactly a name and a
 * value (two '=' or three words make pygrub fail), then one pair of quotes
 * around the value goes.
 */
static bool handle_set(struct pw_span arg, struct pw_span *name, struct pw_span *value)
{
	const char *eq = memchr(arg.p, '=', arg.n);
	const char *sp = memchr(arg.p, ' ', arg.n), *tab = memchr(arg.p, '\t', arg.n);
	const char *last;

	if (tab && (!sp || tab < sp))
		sp = tab;
	if (eq && (!sp || eq < sp)) {
		struct pw_span rest = { eq + 1, arg.n - (size_t)(eq + 1 - arg.p) };

		if (memchr(rest.p, '=', rest.n))
			return false;
		*name = (struct pw_span){ arg.p, (size_t)(eq - arg.p) };
		*value = rest;
	} else {
		struct pw_span w[2];

		/* split(None, 2): two words exactly */
		if (pw_grub_words(arg, w, 2) != 2)
			return false;
		*name = w[0];
		*value = w[1];
	}
	if (value->n >= 2 && (value->p[0] == '"' || value->p[0] == '\'')) {
		last = memrchr(value->p + 1, value->p[0], value->n - 1);
		if (last)
			*value = (struct pw_span){ value->p + 1, (size_t)(last - value->p - 1) };
	}
	return true;
}

/* A line of an entry: Grub2Image.set_from_line(). */
static enum pw_grub_problem image_line(struct pw_grub_image *img, struct pw_span l,
				       unsigned int number)
{
	struct pw_span com, arg, name;

	pw_grub_split2(l, &com, &arg);
	if (span_is(com, "set")) {
		if (!handle_set(arg, &name, &arg))
			return PW_GRUB_BAD_SET;
		if (span_is(name, "root"))
			return pw_grub_device_ok(pw_grub_strip(arg)) ? PW_GRUB_FINE
								      : PW_GRUB_BAD_DEVICE;
		return PW_GRUB_FINE;
	}
	if (span_is(com, "linux") || span_is(com, "linux16"))
		return pw_grub_image_kernel(img, arg, number);
	if (span_is(com, "initrd") || span_is(com, "initrd16"))
		return pw_grub_image_initrd(img, arg, number);
	return PW_GRUB_FINE;
}

/* A line outside entries: Grub2ConfigFile's own commands. */
static enum pw_grub_problem global_line(struct pw_grub_menu *menu, struct pw_span l,
					unsigned int number)
{
	struct pw_span com, arg, name;

	pw_grub_split2(l, &com, &arg);
	if (!span_is(com, "set"))
		return PW_GRUB_FINE;
	if (!handle_set(arg, &name, &arg))
		return PW_GRUB_BAD_SET;
	if (span_is(name, "default")) {
		struct pw_span v = pw_grub_strip(arg);

		/* "grub2's saved_entry/next_entry not supported": entry 0 */
		if (span_is(v, "${saved_entry}") || span_is(v, "${next_entry}"))
			v = (struct pw_span){ "0", 1 };
		return pw_grub_set_default(menu, v, number);
	}
	if (span_is(name, "timeout"))
		pw_grub_set_timeout(menu, arg, number);
	return PW_GRUB_FINE;
}

int pw_grub_cfg_parse(const char *text, size_t len, struct pw_grub_menu *menu)
{
	struct pw_grub_image img = { .open = false };
	struct pw_lines it;
	const char *line;
	size_t n;
	unsigned int bad, level = 0;
	bool in_function = false;
	int ret = 0;

	pw_grub_menu_init(menu, PW_GRUB_KIND_GRUB2);
	if (!pw_grub_utf8_valid(text, len, &bad))
		return pw_grub_fail(menu, PW_GRUB_NOT_UTF8, bad);

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		struct pw_span l = pw_grub_strip((struct pw_span){ line, n }), title;
		enum pw_grub_problem pb;

		if (l.n == 0 || l.p[0] == '#')
			continue;
		if (pw_grub_starts(l, "function")) {
			in_function = true;
			continue;
		}
		if (in_function) {
			if (pw_grub_starts(l, "}"))
				in_function = false;
			continue;
		}
		if (menuentry_title(l, &title)) {
			if (img.open) {
				ret = pw_grub_fail(menu, PW_GRUB_NESTED_ENTRY, it.number);
				break;
			}
			pw_grub_image_start(&img, title, it.number);
			continue;
		}
		if (pw_grub_starts(l, "submenu")) {
			level++;
			continue;
		}
		if (pw_grub_starts(l, "}")) {
			if (img.open) {
				ret = pw_grub_menu_add(menu, &img);
				if (ret < 0)
					break;
				img.open = false;
			} else if (level > 0) {
				level--;
			} else {
				ret = pw_grub_fail(menu, PW_GRUB_STRAY_BRACE, it.number);
				break;
			}
			continue;
		}
		if (img.open) {
			img.lines++;
			pb = image_line(&img, l, it.number);
		} else {
			pb = global_line(menu, l, it.number);
		}
		if (pb != PW_GRUB_FINE) {
			ret = pw_grub_fail(menu, pb, it.number);
			break;
		}
	}
	if (ret == 0 && img.open)
		ret = pw_grub_fail(menu, PW_GRUB_UNCLOSED_ENTRY, img.e.line);
	if (ret == -ENOMEM)
		return ret;
	pw_grub_menu_finish(menu);
	return menu->problem == PW_GRUB_FINE ? 0 : PW_EFORMAT;
}
