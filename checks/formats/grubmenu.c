// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What pygrub's two menu parsers share (GrubConf.py): how it splits a line,
 * reads a device name, a path, the default and the timeout, and which
 * entry it boots in the end. Python semantics matter here: str.strip()
 * drops Unicode spaces too, int() takes " +1_0 ", and a failed int() on a
 * default is "entry 0" while on a device name it is a failed boot.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pw-grub.h"
#include "pw-root.h"
#include "pw-text.h"

void pw_grub_menu_init(struct pw_grub_menu *menu, enum pw_grub_kind kind)
{
	memset(menu, 0, sizeof(*menu));
	menu->kind = kind;
	menu->default_index = 0;
	menu->default_named_index = -1;
}

void pw_grub_menu_free(struct pw_grub_menu *menu)
{
	free(menu->entries);
	free(menu->opts);
	menu->entries = NULL;
	menu->opts = NULL;
	menu->count = 0;
	menu->opt_count = 0;
}

bool pw_grub_utf8_valid(const char *text, size_t len, unsigned int *bad_line)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned int line = 1;
	size_t i = 0;

	while (i < len) {
		size_t n = pw_utf8_length(p + i, len - i);

		if (n == 0) {
			*bad_line = line;
			return false;
		}
		if (p[i] == '\n')
			line++;
		i += n;
	}
	return true;
}

/* Bytes of the Python whitespace character (str.isspace()) at @p, 0 if none. */
static size_t space_at(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *)s;

	if (left == 0)
		return 0;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r') || (u[0] >= 0x1c && u[0] <= 0x1f))
		return 1;
	if (left >= 2 && u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0))
		return 2;
	if (left >= 3) {
		if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80)
			return 3; /* U+1680 */
		if (u[0] == 0xe2 && u[1] == 0x80 &&
		    ((u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xa8 || u[2] == 0xa9 ||
		     u[2] == 0xaf))
			return 3; /* U+2000..200A, 2028, 2029, 202F */
		if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)
			return 3; /* U+205F */
		if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
			return 3; /* U+3000 */
	}
	return 0;
}

/* Bytes of a whitespace character ending at s[n-1], 0 if none. */
static size_t space_before(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++)
		if (space_at(s + n - k, k) == k)
			return k;
	return 0;
}

struct pw_span pw_grub_strip(struct pw_span s)
{
	size_t k;

	while ((k = space_at(s.p, s.n)) > 0) {
		s.p += k;
		s.n -= k;
	}
	while ((k = space_before(s.p, s.n)) > 0)
		s.n -= k;
	return s;
}

bool pw_grub_starts(struct pw_span s, const char *prefix)
{
	return pw_has_prefix(s.p, s.n, prefix);
}

static const char *span_chr(struct pw_span s, char c)
{
	return memchr(s.p, c, s.n);
}

/* Python's s.split(None, 1): at most two words, the second the rest. */
static size_t split_ws1(struct pw_span s, struct pw_span out[2])
{
	size_t i = 0, k, start;

	while ((k = space_at(s.p + i, s.n - i)) > 0)
		i += k;
	if (i == s.n)
		return 0;
	start = i;
	while (i < s.n && space_at(s.p + i, s.n - i) == 0)
		i++;
	out[0] = (struct pw_span){ s.p + start, i - start };
	while ((k = space_at(s.p + i, s.n - i)) > 0)
		i += k;
	if (i == s.n)
		return 1;
	out[1] = (struct pw_span){ s.p + i, s.n - i };
	return 2;
}

size_t pw_grub_words(struct pw_span s, struct pw_span *w, size_t max)
{
	size_t i = 0, k, count = 0;

	for (;;) {
		size_t start;

		while ((k = space_at(s.p + i, s.n - i)) > 0)
			i += k;
		if (i == s.n)
			return count;
		start = i;
		while (i < s.n && space_at(s.p + i, s.n - i) == 0)
			i++;
		if (count < max)
			w[count] = (struct pw_span){ s.p + start, i - start };
		count++;
	}
}

/* grub_split's choice: split at '=' when it comes before the first blank. */
static bool split_at_equals(struct pw_span s)
{
	const char *eq = span_chr(s, '='), *sp = span_chr(s, ' '), *tab = span_chr(s, '\t');

	if (!eq)
		return false;
	if (tab && (!sp || tab < sp))
		sp = tab;
	return !sp || eq < sp;
}

void pw_grub_split2(struct pw_span s, struct pw_span *com, struct pw_span *arg)
{
	struct pw_span w[2];
	size_t n;

	*com = (struct pw_span){ s.p, 0 };
	*arg = (struct pw_span){ s.p + s.n, 0 };
	if (split_at_equals(s)) {
		const char *eq = span_chr(s, '=');

		*com = (struct pw_span){ s.p, (size_t)(eq - s.p) };
		*arg = (struct pw_span){ eq + 1, s.n - (size_t)(eq - s.p) - 1 };
		return;
	}
	n = split_ws1(s, w);
	if (n >= 1)
		*com = w[0];
	if (n == 2)
		*arg = w[1];
}

/* Would Python's int() take it? The value, saturated, in @out. */
static bool py_int(struct pw_span s, long long *out)
{
	size_t i = 0;
	bool neg = false, digit = false;
	long long v = 0;

	s = pw_grub_strip(s);
	if (i < s.n && (s.p[i] == '+' || s.p[i] == '-'))
		neg = s.p[i++] == '-';
	for (; i < s.n; i++) {
		char c = s.p[i];

		if (c == '_' && digit && i + 1 < s.n && s.p[i + 1] >= '0' && s.p[i + 1] <= '9')
			continue;
		if (c < '0' || c > '9')
			return false;
		digit = true;
		v = v > (LLONG_MAX - 9) / 10 ? LLONG_MAX : v * 10 + (c - '0');
	}
	if (!digit)
		return false;
	*out = neg ? -v : v;
	return true;
}

/* Python's s.replace("(", "").replace(")", "") into @buf. */
static struct pw_span drop_parens(struct pw_span s, char *buf, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < s.n && n + 1 < size; i++)
		if (s.p[i] != '(' && s.p[i] != ')')
			buf[n++] = s.p[i];
	buf[n] = '\0';
	return (struct pw_span){ buf, n };
}

bool pw_grub_device_ok(struct pw_span s)
{
	const char *comma = span_chr(s, ',');
	struct pw_span disk = s, part = { NULL, 0 };
	char buf[PW_GRUB_PATH_MAX];
	long long v;

	/* (self.disk, self.part) = str.split(",", 2): one comma at most */
	if (comma) {
		struct pw_span rest = { comma + 1, s.n - (size_t)(comma + 1 - s.p) };

		if (span_chr(rest, ','))
			return false;
		disk.n = (size_t)(comma - s.p);
		part = rest;
	}
	disk = drop_parens(disk, buf, sizeof(buf));
	if (pw_grub_starts(disk, "/dev/xvd")) {
		if (disk.n <= 8)
			return false;
	} else {
		/* int(val[2:]): "hd" and "sd" are skipped as two characters */
		size_t skip = 0;

		for (int c = 0; c < 2 && skip < disk.n; c++)
			skip += pw_utf8_length((const unsigned char *)disk.p + skip, disk.n - skip) ?: 1;
		if (skip > disk.n || !py_int((struct pw_span){ disk.p + skip, disk.n - skip }, &v))
			return false;
	}
	if (!comma)
		return true;
	part = drop_parens(part, buf, sizeof(buf));
	if (pw_grub_starts(part, "msdos")) {
		part.p += 5;
		part.n -= 5;
	}
	if (pw_grub_starts(part, "gpt")) {
		part.p += 3;
		part.n -= 3;
	}
	return py_int(part, &v);
}

enum pw_grub_problem pw_grub_get_path(struct pw_span s, struct pw_span *path)
{
	const char *close;

	*path = s;
	if (!pw_grub_starts(s, "("))
		return PW_GRUB_FINE;
	close = span_chr(s, ')');
	if (!close)
		return PW_GRUB_BAD_PATH;
	if (!pw_grub_device_ok((struct pw_span){ s.p, (size_t)(close - s.p) }))
		return PW_GRUB_BAD_DEVICE;
	*path = (struct pw_span){ close + 1, s.n - (size_t)(close + 1 - s.p) };
	return PW_GRUB_FINE;
}

int pw_grub_fail(struct pw_grub_menu *menu, enum pw_grub_problem problem, unsigned int line)
{
	if (menu->problem == PW_GRUB_FINE) {
		menu->problem = problem;
		menu->problem_line = line;
	}
	return PW_EFORMAT;
}

enum pw_grub_problem pw_grub_set_default(struct pw_grub_menu *menu, struct pw_span val,
					 unsigned int line)
{
	long long n;

	val = pw_grub_strip(val);
	pw_copy(menu->default_value, sizeof(menu->default_value), val.p, val.n);
	menu->default_line = line;
	menu->default_by_name = false;
	if (val.n == 5 && memcmp(val.p, "saved", 5) == 0) {
		menu->default_index = 0;
	} else if (py_int(val, &n)) {
		if (n < 0)
			return PW_GRUB_BAD_DEFAULT;
		menu->default_index = n > INT_MAX ? INT_MAX : (int)n;
	} else {
		/* pygrub logs "Invalid value" and takes 0: it never looks names up */
		menu->default_index = 0;
		menu->default_by_name = true;
	}
	return PW_GRUB_FINE;
}

void pw_grub_set_timeout(struct pw_grub_menu *menu, struct pw_span val, unsigned int line)
{
	val = pw_grub_strip(val);
	pw_copy(menu->timeout, sizeof(menu->timeout), val.p, val.n);
	if (val.n >= sizeof(menu->timeout))
		memcpy(menu->timeout, "?", 2); /* too long to be a number pygrub takes */
	menu->timeout_line = line;
}

/* Copy a span into a field, noting when it does not fit. */
static void put_field(struct pw_grub_image *img, char *dst, size_t size, struct pw_span s)
{
	if (s.n >= size)
		img->e.truncated = true;
	pw_copy(dst, size, s.p, s.n);
}

void pw_grub_image_start(struct pw_grub_image *img, struct pw_span title, unsigned int line)
{
	memset(img, 0, sizeof(*img));
	put_field(img, img->e.title, sizeof(img->e.title), pw_grub_strip(title));
	img->e.line = line;
	img->open = true;
}

enum pw_grub_problem pw_grub_image_kernel(struct pw_grub_image *img, struct pw_span val,
					  unsigned int line)
{
	struct pw_span path, kpath, args, w[2];
	enum pw_grub_problem pb;

	val = pw_grub_strip(val);
	kpath = val;
	args = (struct pw_span){ val.p + val.n, 0 };
	/* set_kernel: only a space, not a tab, makes it look for arguments */
	if (memchr(val.p, ' ', val.n) && split_ws1(val, w) == 2) {
		kpath = w[0];
		args = w[1];
	}
	pb = pw_grub_get_path(kpath, &path);
	if (pb != PW_GRUB_FINE)
		return pb;
	put_field(img, img->e.kernel, sizeof(img->e.kernel), path);
	put_field(img, img->e.args, sizeof(img->e.args), args);
	img->e.kernel_line = line;
	return PW_GRUB_FINE;
}

enum pw_grub_problem pw_grub_image_initrd(struct pw_grub_image *img, struct pw_span val,
					  unsigned int line)
{
	struct pw_span path;
	enum pw_grub_problem pb = pw_grub_get_path(pw_grub_strip(val), &path);

	if (pb != PW_GRUB_FINE)
		return pb;
	put_field(img, img->e.initrd, sizeof(img->e.initrd), path);
	img->e.initrd_line = line;
	return PW_GRUB_FINE;
}

int pw_grub_menu_add(struct pw_grub_menu *menu, const struct pw_grub_image *img)
{
	menu->total++;
	if (menu->count >= PW_GRUB_ENTRIES_MAX)
		return 0;
	if (menu->count % 16 == 0) {
		struct pw_grub_entry *e = realloc(menu->entries,
						  (menu->count + 16) * sizeof(*e));

		if (!e)
			return -ENOMEM;
		menu->entries = e;
	}
	menu->entries[menu->count++] = img->e;
	return 0;
}

/*
 * image_index() would map "a>b>c" to its last part and look that title up,
 * but _set_default() has already turned every name into 0; the lookup is
 * kept only to tell the owner which entry grub itself would boot.
 */
static int named_index(const struct pw_grub_menu *menu)
{
	const char *t = menu->default_value;

	for (;;) {
		const char *gt = NULL;

		/* re.search('(\S)>(\S.+$)'): the first '>' between two non-blanks */
		for (const char *p = t + 1; *p; p++) {
			if (*p == '>' && p[-1] != ' ' && p[-1] != '\t' && p[1] && p[1] != ' ' &&
			    p[1] != '\t' && p[2]) {
				gt = p;
				break;
			}
		}
		if (!gt)
			break;
		t = gt + 1;
	}
	for (size_t i = 0; i < menu->count; i++)
		if (strcmp(menu->entries[i].title, t) == 0)
			return (int)i;
	return -1;
}

void pw_grub_menu_finish(struct pw_grub_menu *menu)
{
	long long t;

	/*
	 * Grub.run() does int(timeout) when pygrub shows its menu, as Xen runs
	 * it, and a failed int() fails the boot. Then run_main() loops on
	 * getch() with curses' one-second timeout, counting the seconds up to
	 * the timeout; the loop is the same in every pygrub read for this (an
	 * early Xen 3 tree's and 3.4.4's tools/pygrub/src/pygrub, 4.17's
	 * bin/pygrub, the one Debian 12 ships). The first
	 * second without a key ends a timeout of -1, the default when the file
	 * has none (mytime 1 >= -1); with 0 or below -1 the loop does not run,
	 * run() calls run_main(-1) and the same second ends it. So only a
	 * timeout of 2 or more waits longer: pygrub never waits for Enter.
	 */
	menu->wait_seconds = 1;
	if (menu->timeout_line) {
		if (!py_int((struct pw_span){ menu->timeout, strlen(menu->timeout) }, &t))
			pw_grub_fail(menu, PW_GRUB_BAD_TIMEOUT, menu->timeout_line);
		else if (t > 1)
			menu->wait_seconds = t > 3600 ? 3600 : (unsigned int)t;
	}
	if (menu->total == 0) {
		menu->default_index = -1;
		return;
	}
	if (menu->default_by_name)
		menu->default_named_index = named_index(menu);
	/* image_index() and run_grub(): a default past the end boots entry 0 */
	if ((size_t)menu->default_index >= menu->total) {
		menu->default_out_of_range = true;
		menu->default_index = 0;
	}
}

const struct pw_grub_entry *pw_grub_default(const struct pw_grub_menu *menu)
{
	if (menu->default_index < 0 || (size_t)menu->default_index >= menu->count)
		return NULL;
	return &menu->entries[menu->default_index];
}

const char *pw_grub_problem_text(enum pw_grub_problem problem)
{
	switch (problem) {
	case PW_GRUB_FINE:
		break;
	case PW_GRUB_NOT_UTF8:
		return N_("it is not UTF-8 text");
	case PW_GRUB_NESTED_ENTRY:
		return N_("a menuentry starts inside another one");
	case PW_GRUB_STRAY_BRACE:
		return N_("a closing brace has no menuentry to close");
	case PW_GRUB_UNCLOSED_ENTRY:
		return N_("the last menuentry is never closed");
	case PW_GRUB_BAD_SET:
		return N_("a set line does not split into one name and one value");
	case PW_GRUB_BAD_DEVICE:
		return N_("a device name is not of the (hd0,1) or /dev/xvda form pygrub reads");
	case PW_GRUB_BAD_PATH:
		return N_("a device name lacks its closing parenthesis");
	case PW_GRUB_BAD_DEFAULT:
		return N_("the default entry number is negative");
	case PW_GRUB_BAD_TIMEOUT:
		return N_("the timeout is not a whole number");
	}
	return N_("it is not in a form pygrub reads");
}
