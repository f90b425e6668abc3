// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which release the guest runs, from its own files. Ubuntu ships a
 * debian_version too ("lenny/sid" on hardy), so Ubuntu's own files are
 * asked first; etch has neither os-release nor lsb-release, only
 * debian_version ("4.0").
 */
#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

/* Value of KEY=value in a shell-style file, quotes removed. */
static bool get_var(const char *text, size_t len, const char *key, char *dst, size_t size)
{
	struct pw_lines it;
	const char *line;
	size_t n, klen = strlen(key);

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *v, *end = line + n;

		if (n <= klen || memcmp(line, key, klen) != 0 || line[klen] != '=')
			continue;
		v = line + klen + 1;
		if (v < end && (*v == '"' || *v == '\'') && end - v >= 2 && end[-1] == *v) {
			v++;
			end--;
		}
		pw_copy(dst, size, v, (size_t)(end - v));
		return true;
	}
	return false;
}

static void lowercase(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Keep only a release number's leading digits and dots ("12.5\n" -> "12.5"). */
static bool take_version(char *dst, size_t size, const char *text)
{
	size_t n = strspn(text, "0123456789.");

	if (n == 0 || !isdigit((unsigned char)text[0]))
		return false;
	pw_copy(dst, size, text, n);
	return true;
}

static int read_small(struct pw_root *root, const char *path, char **text, size_t *len)
{
	return pw_root_read_text(root, path, 64 * 1024, text, len);
}

/* A release file that exists but cannot be used: note the first such. */
static void note_broken(struct pw_distro *d, const char *path, int err)
{
	if (d->broken_error)
		return;
	d->broken_error = err;
	pw_copy(d->broken_file, sizeof(d->broken_file), path, strlen(path));
}

/* Does dpkg's default origin (base-files) say "Vendor: @vendor"? */
static bool vendor_is(struct pw_root *root, const char *vendor)
{
	char *text = NULL, value[64];
	size_t len;
	bool is = false;

	if (read_small(root, "/etc/dpkg/origins/default", &text, &len) != 0)
		return false;
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncasecmp(p, "Vendor:", 7) == 0) {
			const char *v = pw_skip_blanks(p + 7, text + len);

			pw_copy(value, sizeof(value), v, strcspn(v, " \t\r\n"));
			is = strcasecmp(value, vendor) == 0;
			break;
		}
	}
	free(text);
	return is;
}

int pw_distro_detect(struct pw_root *root, struct pw_distro *d)
{
	char *text = NULL, value[64];
	size_t len;
	int ret;
	const char *os_release = "/etc/os-release";

	memset(d, 0, sizeof(*d));

	/* os-release(5): /etc first, /usr/lib only when /etc has none */
	ret = read_small(root, os_release, &text, &len);
	if (ret == -ENOENT) {
		os_release = "/usr/lib/os-release";
		ret = read_small(root, os_release, &text, &len);
	}
	if (ret == 0) {
		if (get_var(text, len, "ID", d->id, sizeof(d->id)))
			lowercase(d->id);
		if (get_var(text, len, "VERSION_ID", value, sizeof(value)))
			take_version(d->version, sizeof(d->version), value);
		get_var(text, len, "VERSION_CODENAME", d->codename, sizeof(d->codename));
		snprintf(d->source, sizeof(d->source), "%s", os_release);
		free(text);
		text = NULL;
	} else if (ret != -ENOENT) {
		note_broken(d, os_release, ret);
	}

	if (!d->id[0] || strcmp(d->id, "ubuntu") == 0) {
		ret = read_small(root, "/etc/lsb-release", &text, &len);
		if (ret == 0 && get_var(text, len, "DISTRIB_ID", value, sizeof(value)) &&
		    strcasecmp(value, "ubuntu") == 0) {
			snprintf(d->id, sizeof(d->id), "ubuntu");
			if (get_var(text, len, "DISTRIB_RELEASE", value, sizeof(value)))
				take_version(d->version, sizeof(d->version), value);
			if (get_var(text, len, "DISTRIB_CODENAME", value, sizeof(value)))
				pw_copy(d->codename, sizeof(d->codename), value, strlen(value));
			snprintf(d->source, sizeof(d->source), "/etc/lsb-release");
		} else if (ret != 0 && ret != -ENOENT) {
			note_broken(d, "/etc/lsb-release", ret);
		}
		free(text);
		text = NULL;
	}

	/* debian_version is more precise than os-release ("12.5" vs "12"). */
	if (!d->id[0] || strcmp(d->id, "debian") == 0) {
		ret = read_small(root, "/etc/debian_version", &text, &len);
		if (ret == 0) {
			snprintf(d->id, sizeof(d->id), "debian");
			if (!take_version(d->version, sizeof(d->version), text) && !d->codename[0]) {
				/* testing and unstable say "trixie/sid" */
				pw_copy(d->codename, sizeof(d->codename), text, strcspn(text, "/\n"));
			}
			if (!d->source[0])
				snprintf(d->source, sizeof(d->source), "/etc/debian_version");
			free(text);
		} else if (ret != -ENOENT) {
			note_broken(d, "/etc/debian_version", ret);
		}
	}
	/*
	 * Ubuntu's debian_version names a Debian codename ("lenny/sid" on
	 * hardy): without lsb-release it would pass for Debian, and get
	 * Debian's console and init. dpkg's vendor tells them apart.
	 */
	if (strcmp(d->id, "debian") == 0 && !d->version[0] && vendor_is(root, "ubuntu")) {
		snprintf(d->id, sizeof(d->id), "ubuntu");
		d->codename[0] = '\0';
		snprintf(d->source, sizeof(d->source), "/etc/dpkg/origins/default");
	}
	if (d->id[0])
		return 0;
	return d->broken_error ? d->broken_error : -ENOENT;
}

void pw_distro_describe(const struct pw_ctx *ctx, char *buf, size_t size)
{
	const struct pw_distro *d = &ctx->distro;
	const char *name = strcmp(d->id, "debian") == 0 ? "Debian"
			 : strcmp(d->id, "ubuntu") == 0 ? "Ubuntu" : d->id;
	char codename[32] = "", second[32];
	const char *p, *end;

	if (d->codename[0]) {
		snprintf(codename, sizeof(codename), "%s", d->codename);
	} else if (ctx->have_profile && !ctx->profile_guessed) {
		/* etch says only "4.0": name it from its profile, if one release */
		p = ctx->profile.codenames;
		end = p + strlen(p);
		if (pw_next_word(&p, end, codename, sizeof(codename)) &&
		    pw_next_word(&p, end, second, sizeof(second)))
			codename[0] = '\0'; /* several releases: no one name */
	}
	if (d->version[0] && codename[0])
		snprintf(buf, size, "%s %s (%s)", name, d->version, codename);
	else if (d->version[0] || codename[0])
		snprintf(buf, size, "%s %s", name, d->version[0] ? d->version : codename);
	else
		snprintf(buf, size, "%s", name);
}
