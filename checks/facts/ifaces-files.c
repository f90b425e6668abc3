// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's side of reading /etc/network/interfaces: the files and
 * folders that "source" and "source-directory" lines name, globbed inside
 * the guest root (folders listed through pw_root_list, never by host
 * path), and the files read through pw_root_read_text. The parser in
 * checks/formats/interfaces.c asks for them through a pw_ifaces_reader.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "pw-interfaces.h"
#include "pw-root.h"
#include "pw-text.h"

/* Matches found by one glob at most: a bound on a hostile folder. */
#define GLOB_MAX 4096

/* @dir + "/" + @name, or NULL. */
static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *s = malloc(a + b + 2);

	if (!s)
		return NULL;
	memcpy(s, dir, a);
	s[a] = '/';
	memcpy(s + a + 1, name, b + 1);
	return s;
}

struct strlist {
	char **v;
	size_t n;
};

static void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Takes @s (may be NULL, for out of memory); 0 or -ENOMEM. */
static int strlist_take(struct strlist *l, char *s)
{
	char **bigger = s ? realloc(l->v, (l->n + 1) * sizeof(*l->v)) : NULL;

	if (!bigger) {
		free(s);
		return -ENOMEM;
	}
	l->v = bigger;
	l->v[l->n++] = s;
	return 0;
}

/* The names in folder @dir of the guest that @keep accepts, sorted. */
static int list_dir(struct pw_root *root, const char *dir, bool (*keep)(const char *, const void *),
		    const void *arg, struct strlist *out)
{
	char **names;
	size_t count;
	int ret = pw_root_list(root, dir, keep, arg, GLOB_MAX, &names, &count);

	if (ret < 0)
		return ret;
	strlist_free(out);
	out->v = names;
	out->n = count;
	return 0;
}

static bool keep_glob(const char *name, const void *pattern)
{
	/* FNM_PERIOD: "*" skips hidden files, as the shell's glob does */
	return fnmatch(pattern, name, FNM_PERIOD) == 0;
}

static bool has_glob(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	return false;
}

/* Expand the components of @rest below @prefix (already expanded). */
static int expand(struct pw_root *root, const char *prefix, const char *rest, struct strlist *out)
{
	struct strlist names = { 0 };
	char comp[256];
	size_t n;
	int ret = 0;

	while (*rest == '/')
		rest++;
	if (*rest == '\0')
		return out->n < GLOB_MAX ? strlist_take(out, strdup(*prefix ? prefix : "/")) : 0;
	n = strcspn(rest, "/");
	if (n >= sizeof(comp))
		return 0; /* no file has such a name */
	memcpy(comp, rest, n);
	comp[n] = '\0';
	if (!has_glob(comp, n)) {
		char *next = join(prefix, comp);

		if (!next)
			return -ENOMEM;
		ret = expand(root, next, rest + n, out);
		free(next);
		return ret;
	}
	/* A folder that cannot be listed matches nothing, as for glob(3). */
	if (list_dir(root, *prefix ? prefix : "/", keep_glob, comp, &names) == -ENOMEM)
		return -ENOMEM;
	for (size_t i = 0; i < names.n && ret == 0; i++) {
		char *next = join(prefix, names.v[i]);

		ret = next ? expand(root, next, rest + n, out) : -ENOMEM;
		free(next);
	}
	strlist_free(&names);
	return ret;
}

static int guest_expand(void *arg, const char *pattern, bool (*keep)(const char *, const void *),
			char ***paths, size_t *count)
{
	struct pw_root *root = arg;
	struct strlist matches = { 0 }, files = { 0 };
	int ret = expand(root, "", pattern, &matches);

	for (size_t i = 0; ret == 0 && keep && i < matches.n; i++) {
		struct strlist names = { 0 };

		if (list_dir(root, matches.v[i], keep, NULL, &names) == -ENOMEM)
			ret = -ENOMEM;
		for (size_t j = 0; j < names.n && ret == 0; j++)
			ret = strlist_take(&files, join(matches.v[i], names.v[j]));
		strlist_free(&names);
	}
	if (ret < 0) {
		strlist_free(&matches);
		strlist_free(&files);
		return ret;
	}
	if (keep) {
		strlist_free(&matches);
		matches = files;
	}
	*paths = matches.v;
	*count = matches.n;
	return 0;
}

static int guest_read(void *arg, const char *path, char **text, size_t *len)
{
	return pw_root_read_text(arg, path, PW_TEXT_MAX, text, len);
}

void pw_ifaces_init(struct pw_ifaces *ifs, struct pw_root *root)
{
	struct pw_ifaces_reader rd = { .expand = guest_expand, .read = guest_read, .arg = root };

	pw_ifaces_init_reader(ifs, root ? &rd : NULL);
}
