// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * grub legacy's menu.lst, read as pygrub's GrubConfigFile.parse() reads it:
 * each line stripped, '#' lines skipped, `title` starts an entry and every
 * line after it belongs to that entry (a `default` there is ignored), and
 * the last entry is dropped when no line follows its title.
 *
 * Besides, the "automagic" section that Debian's update-grub rewrites: its
 * default options (`# kopt=root=/dev/hda1 ro`, `# xenkopt=...`) live in
 * comments between "## ## Start Default Options ##" and "## ## End Default
 * Options ##", and are what the next kernel update builds the entries from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-grub.h"
#include "pw-root.h"
#include "pw-text.h"

/* update-grub's markers: whole lines, as its sed matches them. */
#define AUTOMAGIC_BEGIN "### BEGIN AUTOMAGIC KERNELS LIST"
#define AUTOMAGIC_END "### END DEBIAN AUTOMAGIC KERNELS LIST"
#define OPTIONS_BEGIN "## ## Start Default Options ##"
#define OPTIONS_END "## ## End Default Options ##"

static bool line_is(const char *line, size_t n, const char *marker)
{
	return n == strlen(marker) && memcmp(line, marker, n) == 0;
}

/* "# name=value" (update-grub's `^# $opt=`); false for "## e.g. kopt=...". */
static int add_option(struct pw_grub_menu *menu, const char *line, size_t n, unsigned int number)
{
	struct pw_menulst_opt *opt;
	size_t name_len = 0;

	if (n < 3 || line[0] != '#' || line[1] != ' ')
		return 0;
	while (2 + name_len < n && (line[2 + name_len] == '_' ||
				    (line[2 + name_len] >= 'a' && line[2 + name_len] <= 'z') ||
				    (line[2 + name_len] >= 'A' && line[2 + name_len] <= 'Z') ||
				    (line[2 + name_len] >= '0' && line[2 + name_len] <= '9')))
		name_len++;
	if (name_len == 0 || 2 + name_len >= n || line[2 + name_len] != '=')
		return 0;
	if (menu->opt_count % 16 == 0) {
		opt = realloc(menu->opts, (menu->opt_count + 16) * sizeof(*opt));
		if (!opt)
			return -ENOMEM;
		menu->opts = opt;
	}
	opt = &menu->opts[menu->opt_count++];
	pw_copy(opt->name, sizeof(opt->name), line + 2, name_len);
	pw_copy(opt->value, sizeof(opt->value), line + 3 + name_len, n - 3 - name_len);
	opt->line = number;
	return 0;
}

/* Skip "title" and one character after it, as pygrub's l[6:] does. */
static struct pw_span title_of(struct pw_span l)
{
	size_t skip = 5;

	if (l.n > 5) {
		unsigned char c = (unsigned char)l.p[5];

		skip += c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (skip > l.n)
			skip = l.n;
	}
	return (struct pw_span){ l.p + skip, l.n - skip };
}

/* A line of an entry: GrubImage.set_from_line(). */
static enum pw_grub_problem image_line(struct pw_grub_image *img, struct pw_span l,
				       unsigned int number)
{
	struct pw_span com, arg;

	pw_grub_split2(l, &com, &arg);
	if ((com.n == 4 && memcmp(com.p, "root", 4) == 0) ||
	    (com.n == 12 && memcmp(com.p, "rootnoverify", 12) == 0))
		return pw_grub_device_ok(pw_grub_strip(arg)) ? PW_GRUB_FINE : PW_GRUB_BAD_DEVICE;
	if (com.n == 6 && memcmp(com.p, "kernel", 6) == 0)
		return pw_grub_image_kernel(img, arg, number);
	if (com.n == 6 && memcmp(com.p, "initrd", 6) == 0)
		return pw_grub_image_initrd(img, arg, number);
	return PW_GRUB_FINE;
}

/* A line before the first title: _GrubConfigFile's commands. */
static enum pw_grub_problem global_line(struct pw_grub_menu *menu, struct pw_span l,
					unsigned int number)
{
	struct pw_span com, arg, path;

	pw_grub_split2(l, &com, &arg);
	if (com.n == 7 && memcmp(com.p, "default", 7) == 0)
		return pw_grub_set_default(menu, arg, number);
	if (com.n == 7 && memcmp(com.p, "timeout", 7) == 0)
		pw_grub_set_timeout(menu, arg, number);
	else if (com.n == 11 && memcmp(com.p, "splashimage", 11) == 0)
		return pw_grub_get_path(pw_grub_strip(arg), &path);
	return PW_GRUB_FINE;
}

/*
 * update-grub's GetMenuOpt: its sed prints the value of every `# kopt=`
 * line of the section, and `echo $value` joins them, one blank between
 * words. Worked out once, after the parse.
 */
static void join_kopt(struct pw_grub_menu *menu)
{
	struct pw_buf b = { 0 };

	menu->have_kopt = false;
	menu->kopt[0] = '\0';
	for (size_t i = 0; i < menu->opt_count; i++) {
		const char *v = menu->opts[i].value, *end = v + strlen(v);
		char word[PW_GRUB_ARGS_MAX];

		if (strcmp(menu->opts[i].name, "kopt") != 0)
			continue;
		menu->have_kopt = true;
		while (pw_next_word(&v, end, word, sizeof(word))) {
			if (b.len)
				pw_buf_str(&b, " ");
			pw_buf_str(&b, word);
		}
	}
	if (b.data)
		pw_copy(menu->kopt, sizeof(menu->kopt), b.data, b.len);
	pw_buf_free(&b);
}

int pw_menulst_parse(const char *text, size_t len, struct pw_grub_menu *menu)
{
	struct pw_grub_image img = { .open = false };
	struct pw_lines it;
	const char *line;
	size_t n;
	unsigned int bad;
	bool in_automagic = false, in_options = false;
	int ret = 0;

	pw_grub_menu_init(menu, PW_GRUB_KIND_LEGACY);
	if (!pw_grub_utf8_valid(text, len, &bad))
		return pw_grub_fail(menu, PW_GRUB_NOT_UTF8, bad);

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		struct pw_span l = pw_grub_strip((struct pw_span){ line, n });
		enum pw_grub_problem pb;

		if (!in_automagic && line_is(line, n, AUTOMAGIC_BEGIN) && !menu->automagic_begin) {
			in_automagic = true;
			menu->automagic_begin = it.number;
		} else if (in_automagic && line_is(line, n, AUTOMAGIC_END)) {
			in_automagic = false;
			menu->automagic_end = it.number;
		} else if (in_automagic && !menu->options_begin &&
			   line_is(line, n, OPTIONS_BEGIN)) {
			in_options = true;
			menu->options_begin = it.number;
		} else if (in_options && line_is(line, n, OPTIONS_END)) {
			in_options = false;
			menu->options_end = it.number;
		} else if (in_automagic && in_options) {
			ret = add_option(menu, line, n, it.number);
			if (ret < 0)
				break;
		}

		if (l.n == 0 || l.p[0] == '#')
			continue;
		if (pw_grub_starts(l, "title")) {
			if (img.open) {
				ret = pw_grub_menu_add(menu, &img);
				if (ret < 0)
					break;
			}
			pw_grub_image_start(&img, title_of(l), it.number);
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
	/* `if img:` -- a last title with no line after it is no entry */
	if (ret == 0 && img.open && img.lines > 0)
		ret = pw_grub_menu_add(menu, &img);
	if (ret == -ENOMEM)
		return ret;
	join_kopt(menu);
	pw_grub_menu_finish(menu);
	return menu->problem == PW_GRUB_FINE ? 0 : PW_EFORMAT;
}

const struct pw_menulst_opt *pw_menulst_opt(const struct pw_grub_menu *menu, const char *name)
{
	for (size_t i = 0; i < menu->opt_count; i++)
		if (strcmp(menu->opts[i].name, name) == 0)
			return &menu->opts[i];
	return NULL;
}

/* The last `# name=` line: update-grub evals its kopt_VERSION lines in order. */
static const struct pw_menulst_opt *last_opt(const struct pw_grub_menu *menu, const char *name)
{
	for (size_t i = menu->opt_count; i > 0; i--)
		if (strcmp(menu->opts[i - 1].name, name) == 0)
			return &menu->opts[i - 1];
	return NULL;
}

const char *pw_menulst_kopt(const struct pw_grub_menu *menu)
{
	return menu->have_kopt ? menu->kopt : NULL;
}

/*
 * update-grub's get_kernel_opt: the version without its leading non-digits,
 * "-+." turned to '_', then `kopt_<version>` tried while dropping one
 * "_part" from the end at a time ("2_6_18_6_xen_amd64", "2_6_18_6_xen", ...).
 * An empty option counts as unset, as the script's `-n` test does.
 */
const char *pw_menulst_kopt_for(const struct pw_grub_menu *menu, const char *version)
{
	char v[128], name[160];
	const struct pw_menulst_opt *opt;
	size_t n;

	while (*version && (*version < '0' || *version > '9'))
		version++;
	pw_copy(v, sizeof(v), version, strlen(version));
	for (char *p = v; *p; p++)
		if (*p == '-' || *p == '+' || *p == '.')
			*p = '_';
	while ((n = strlen(v)) > 0) {
		char *us;

		snprintf(name, sizeof(name), "kopt_%s", v);
		opt = last_opt(menu, name);
		if (opt && opt->value[0])
			return opt->value;
		/* sed 's/_\?[^_]*$//' */
		us = strrchr(v, '_');
		if (us)
			*us = '\0';
		else
			v[0] = '\0';
	}
	return pw_menulst_kopt(menu);
}

bool pw_menulst_in_automagic(const struct pw_grub_menu *menu, unsigned int line)
{
	return menu->automagic_begin && line > menu->automagic_begin &&
	       (!menu->automagic_end || line < menu->automagic_end);
}
