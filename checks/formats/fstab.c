// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /etc/fstab: "spec file vfstype options freq passno", blank-separated,
 * '#' comments at the start of a line, octal escapes ("\040") in names.
 * Options, freq and passno may be left out, as util-linux's mount allows.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pw.h"
#include "pw-fstab.h"
#include "pw-text.h"

#define FIELDS_KEPT 6

static bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

bool pw_fstab_unescape(const char *s, size_t len, char *out, size_t size)
{
	size_t n = 0, i;

	if (size == 0)
		return len == 0;
	for (i = 0; i < len && n + 1 < size; i++) {
		if (s[i] == '\\' && len - i >= 4 && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
		    is_octal(s[i + 3])) {
			out[n++] = (char)((s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 |
					  (s[i + 3] - '0'));
			i += 3;
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	return i >= len;
}

/* Decode into a field of the entry; note when it did not fit. */
static void take(struct pw_fstab_entry *e, char *dst, size_t size, const char *s, size_t len)
{
	if (!pw_fstab_unescape(s, len, dst, size))
		e->truncated = true;
}

/* A dump or pass field: an optionally signed decimal number, as strtol takes. */
static bool parse_number(const char *s, size_t len, int *out)
{
	size_t i = 0;
	long v = 0;
	bool neg = false;

	if (len > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len || len - i > 9)
		return false;
	for (; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = (int)(neg ? -v : v);
	return true;
}

static int grow(void **array, size_t *cap, size_t count, size_t elem)
{
	void *p;
	size_t n;

	if (count < *cap)
		return 0;
	n = *cap ? *cap * 2 : 16;
	p = realloc(*array, n * elem);
	if (!p)
		return -ENOMEM;
	*array = p;
	*cap = n;
	return 0;
}

static int add_bad(struct pw_fstab *tab, size_t *cap, unsigned int line, unsigned int fields,
		   enum pw_fstab_bad_why why)
{
	if (grow((void **)&tab->bad, cap, tab->bad_count, sizeof(*tab->bad)) < 0)
		return -ENOMEM;
	tab->bad[tab->bad_count++] = (struct pw_fstab_bad_line){ line, fields, why };
	return 0;
}

int pw_fstab_parse(const char *text, size_t len, struct pw_fstab *out)
{
	struct pw_lines it;
	const char *line;
	size_t n, cap = 0, bad_cap = 0;

	memset(out, 0, sizeof(*out));
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end);
		const char *start[FIELDS_KEPT], *stop[FIELDS_KEPT];
		unsigned int fields = 0;
		struct pw_fstab_entry e;

		if (s == end || *s == '#')
			continue;
		while (s < end) {
			const char *f = s;

			while (s < end && *s != ' ' && *s != '\t')
				s++;
			if (fields < FIELDS_KEPT) {
				start[fields] = f;
				stop[fields] = s;
			}
			fields++;
			s = pw_skip_blanks(s, end);
		}
		if (fields < 3) {
			if (add_bad(out, &bad_cap, it.number, fields, PW_FSTAB_TOO_FEW_FIELDS) < 0)
				return -ENOMEM;
			continue;
		}

		memset(&e, 0, sizeof(e));
		e.line = it.number;
		e.line_start = (size_t)(line - text);
		e.line_len = n;
		e.spec_start = (size_t)(start[0] - text);
		e.spec_len = (size_t)(stop[0] - start[0]);
		take(&e, e.spec, sizeof(e.spec), start[0], e.spec_len);
		take(&e, e.file, sizeof(e.file), start[1], (size_t)(stop[1] - start[1]));
		take(&e, e.vfstype, sizeof(e.vfstype), start[2], (size_t)(stop[2] - start[2]));
		if (fields > 3)
			take(&e, e.options, sizeof(e.options), start[3],
			     (size_t)(stop[3] - start[3]));
		if ((fields > 4 && !parse_number(start[4], (size_t)(stop[4] - start[4]),
						 &e.freq)) ||
		    (fields > 5 && !parse_number(start[5], (size_t)(stop[5] - start[5]),
						 &e.passno))) {
			if (add_bad(out, &bad_cap, it.number, fields, PW_FSTAB_BAD_NUMBER) < 0)
				return -ENOMEM;
			continue;
		}
		if (grow((void **)&out->entries, &cap, out->count, sizeof(e)) < 0)
			return -ENOMEM;
		out->entries[out->count++] = e;
	}
	return 0;
}

void pw_fstab_free(struct pw_fstab *tab)
{
	free(tab->entries);
	free(tab->bad);
	memset(tab, 0, sizeof(*tab));
}

/* Length of @dir without trailing slashes ("/" stays "/"). */
static size_t dir_len(const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n;
}

const struct pw_fstab_entry *pw_fstab_find(const struct pw_fstab *tab, const char *dir)
{
	size_t want = dir_len(dir);

	for (size_t i = tab->count; i-- > 0;) {
		const char *file = tab->entries[i].file;

		if (dir_len(file) == want && memcmp(file, dir, want) == 0)
			return &tab->entries[i];
	}
	return NULL;
}

/* "/dev/" + @prefix + letters + optional digits, nothing else? */
static bool disk_name(const char *spec, const char *prefix)
{
	const char *p;
	size_t n = strlen(prefix);

	if (strncmp(spec, "/dev/", 5) != 0 || strncmp(spec + 5, prefix, n) != 0)
		return false;
	p = spec + 5 + n;
	if (!islower((unsigned char)*p))
		return false;
	while (islower((unsigned char)*p))
		p++;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

enum pw_fstab_spec pw_fstab_spec_kind(const char *spec)
{
	static const char *const tags[] = { "UUID=", "LABEL=", "PARTUUID=", "PARTLABEL=" };
	static const char *const by_tag[] = {
		"/dev/disk/by-uuid/", "/dev/disk/by-label/",
		"/dev/disk/by-partuuid/", "/dev/disk/by-partlabel/",
	};
	/* /dev/X/Y directories that are not volume groups */
	static const char *const not_vg[] = {
		"disk", "md", "mapper", "cciss", "ida", "rd", "ataraid", "i2o",
		"loop", "nbd", "block", "char", "fd", "pts", "shm", "net",
	};
	const char *slash;

	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (strncmp(spec, tags[i], strlen(tags[i])) == 0)
			return PW_FSTAB_SPEC_TAG;
	for (size_t i = 0; i < ARRAY_SIZE(by_tag); i++)
		if (strncmp(spec, by_tag[i], strlen(by_tag[i])) == 0)
			return PW_FSTAB_SPEC_BY_TAG;
	if (strncmp(spec, "/dev/disk/by-id/", 16) == 0 ||
	    strncmp(spec, "/dev/disk/by-path/", 18) == 0)
		return PW_FSTAB_SPEC_BY_DRIVER;
	if (strncmp(spec, "/dev/mapper/", 12) == 0 && spec[12])
		return PW_FSTAB_SPEC_LVM;
	if (disk_name(spec, "xvd"))
		return PW_FSTAB_SPEC_XEN;
	if (disk_name(spec, "hd") || disk_name(spec, "sd") || disk_name(spec, "vd"))
		return PW_FSTAB_SPEC_EMULATED;
	if (strncmp(spec, "/dev/md", 7) == 0)
		return PW_FSTAB_SPEC_MD;
	/* /dev/VG/LV: two components, the first not a kernel directory */
	if (strncmp(spec, "/dev/", 5) == 0 && (slash = strchr(spec + 5, '/')) &&
	    slash > spec + 5 && slash[1] && !strchr(slash + 1, '/')) {
		size_t n = (size_t)(slash - (spec + 5));

		for (size_t i = 0; i < ARRAY_SIZE(not_vg); i++)
			if (strlen(not_vg[i]) == n && memcmp(spec + 5, not_vg[i], n) == 0)
				return PW_FSTAB_SPEC_OTHER;
		return PW_FSTAB_SPEC_LVM;
	}
	return PW_FSTAB_SPEC_OTHER;
}

bool pw_fstab_spec_stable(enum pw_fstab_spec kind)
{
	return kind == PW_FSTAB_SPEC_TAG || kind == PW_FSTAB_SPEC_BY_TAG ||
	       kind == PW_FSTAB_SPEC_LVM || kind == PW_FSTAB_SPEC_MD;
}

int pw_fstab_pv_name(const char *spec, char *out, size_t size)
{
	if (pw_fstab_spec_kind(spec) != PW_FSTAB_SPEC_EMULATED)
		return 1;
	/* hd, sd and vd are all two letters: the rest is "a1" */
	pw_copy(out, size, "/dev/xvd", 8);
	pw_copy(out + strlen(out), size - strlen(out), spec + 7, strlen(spec + 7));
	return 0;
}

bool pw_fstab_pygrub_reads(const char *vfstype)
{
	/* Xen 4.17 libfsimage: ext2fs (ext2/3/4), fat, iso9660, reiserfs, ufs, xfs, zfs */
	static const char *const types[] = {
		"ext2", "ext3", "ext4", "ext4dev", "vfat", "msdos", "fat", "iso9660",
		"reiserfs", "ufs", "xfs", "zfs",
	};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (strcmp(vfstype, types[i]) == 0)
			return true;
	return false;
}
