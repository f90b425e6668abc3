/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the cmocka unit tests: includes in the order cmocka needs. */
#ifndef PW_UNIT_H
#define PW_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where the fixture trees are: tests/fixtures, from the top of the tree. */
#define PW_FIXTURES "tests/fixtures"

/* The directories of @path below @dir (which exists), made as needed. */
static inline void make_parents(const char *dir, char *path)
{
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
}

/* Write @text to @dir/@rel, making the directories on the way. */
static inline void put_file(const char *dir, const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	make_parents(dir, path);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A symbolic link @dir/@rel to @target, making the directories on the way. */
static inline void put_link(const char *dir, const char *target, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	make_parents(dir, path);
	assert_int_equal(symlink(target, path), 0);
}

/* The bytes of @dir/@rel, NUL-terminated (the caller frees), or NULL if it does not exist. */
static inline char *read_tree_file(const char *dir, const char *rel)
{
	char path[PATH_MAX], *buf;
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	assert_int_equal(fstat(fileno(f), &st), 0);
	buf = calloc(1, (size_t)st.st_size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)st.st_size, f), (size_t)st.st_size);
	fclose(f);
	return buf;
}

/* @dir/@rel holds exactly @want; with @want NULL, it does not exist. */
static inline void expect_tree_file(const char *dir, const char *rel, const char *want)
{
	char *got = read_tree_file(dir, rel);

	if (!want) {
		if (got)
			fail_msg("%s exists: \"%s\"", rel, got);
		return;
	}
	if (!got)
		fail_msg("%s does not exist", rel);
	assert_string_equal(got, want);
	free(got);
}

/* Remove @dir/@rel, which must be there. */
static inline void remove_file(const char *dir, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_int_equal(unlink(path), 0);
}

/* A fresh, empty directory under /tmp; removed by rm_tree(). */
static inline char *make_tree(void)
{
	char *dir = strdup("/tmp/pw-unit-XXXXXX");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static inline void rm_tree(char *dir)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

#endif
