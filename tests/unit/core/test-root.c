// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pw_root: every path stays inside the guest, with openat2() and with the
 * component walk alike. Each test runs once per implementation.
 */
#include "unit.h"

#include "pw-root.h"

struct fixture {
	char *dir;      /* the guest */
	char *outside;  /* a file beside the guest that must never be read */
	struct pw_root *root;
};

static int setup(void **state, bool walk)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char path[PATH_MAX];

	f->dir = make_tree();
	put_file(f->dir, "guest/etc/hostname", "inside\n");
	put_file(f->dir, "guest/etc/binary", "");
	put_file(f->dir, "secret", "outside\n");
	snprintf(path, sizeof(path), "%s/guest/etc/binary", f->dir);
	{
		FILE *b = fopen(path, "w");

		fwrite("a\0b", 1, 3, b);
		fclose(b);
	}
#define LINK(target, name)                                                   \
	do {                                                                 \
		snprintf(path, sizeof(path), "%s/guest/%s", f->dir, name);   \
		assert_int_equal(symlink(target, path), 0);                  \
	} while (0)
	LINK("/etc/hostname", "abs-link");
	LINK("../../../../../../etc/hostname", "dotdot-link");
	LINK("../secret", "escape-rel");
	LINK("/../secret", "escape-abs");
	LINK("/etc", "etc-link");
	LINK("loop-b", "loop-a");
	LINK("loop-a", "loop-b");
	LINK("/proc/self/root/secret", "magic");
#undef LINK
	snprintf(path, sizeof(path), "%s/guest", f->dir);
	assert_int_equal(pw_root_open_dir(path, &f->root), 0);
	pw_root_force_walk(f->root, walk);
	*state = f;
	return 0;
}

static int setup_kernel(void **state) { return setup(state, false); }
static int setup_walk(void **state) { return setup(state, true); }

static int teardown(void **state)
{
	struct fixture *f = *state;

	pw_root_free(f->root);
	rm_tree(f->dir);
	free(f);
	return 0;
}

static void expect_text(struct pw_root *root, const char *path, const char *want)
{
	char *text;
	size_t len;

	assert_int_equal(pw_root_read_text(root, path, 4096, &text, &len), 0);
	assert_string_equal(text, want);
	free(text);
}

static void expect_error(struct pw_root *root, const char *path, int want)
{
	char *text = NULL;
	size_t len;

	assert_int_equal(pw_root_read_text(root, path, 4096, &text, &len), want);
	assert_null(text);
}

static void test_plain_and_absolute_links(void **state)
{
	struct fixture *f = *state;

	expect_text(f->root, "/etc/hostname", "inside\n");
	expect_text(f->root, "etc/hostname", "inside\n");
	expect_text(f->root, "/abs-link", "inside\n");
	expect_text(f->root, "/etc-link/hostname", "inside\n");
	expect_text(f->root, "/etc/../etc/./hostname", "inside\n");
}

static void test_dotdot_stops_at_root(void **state)
{
	struct fixture *f = *state;

	expect_text(f->root, "/../../etc/hostname", "inside\n");
	expect_text(f->root, "/dotdot-link", "inside\n");
}

static void test_links_out_of_the_guest_stay_in(void **state)
{
	struct fixture *f = *state;

	/* ../secret resolves to the guest's /secret, which does not exist */
	expect_error(f->root, "/escape-rel", -ENOENT);
	expect_error(f->root, "/escape-abs", -ENOENT);
	expect_error(f->root, "/../secret", -ENOENT);
}

static void test_magic_links_refused(void **state)
{
	struct fixture *f = *state;
	char *text = NULL;
	size_t len;

	/* the guest's /proc does not exist: nothing there can be opened */
	assert_true(pw_root_read_text(f->root, "/magic", 4096, &text, &len) < 0);
	assert_null(text);
}

static void test_loops(void **state)
{
	struct fixture *f = *state;

	expect_error(f->root, "/loop-a", -ELOOP);
}

static void test_content_checks(void **state)
{
	struct fixture *f = *state;
	char *text = NULL;
	size_t len;

	expect_error(f->root, "/etc/binary", PW_EBINARY);
	expect_error(f->root, "/etc", -EISDIR);
	assert_int_equal(pw_root_read_text(f->root, "/etc/hostname", 3, &text, &len), PW_ETOOBIG);
	expect_error(f->root, "/etc/hostname/x", -ENOTDIR);
}

static void test_lstat_and_readlink(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	char buf[64];

	assert_int_equal(pw_root_lstat(f->root, "/abs-link", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(pw_root_stat(f->root, "/abs-link", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(pw_root_readlink(f->root, "/escape-abs", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/../secret");
	assert_int_equal(pw_root_readlink(f->root, "/etc/hostname", buf, sizeof(buf)), -EINVAL);
	assert_true(pw_root_exists(f->root, "/etc-link"));
	assert_false(pw_root_exists(f->root, "/nothing"));
}

static void test_create_inside(void **state)
{
	struct fixture *f = *state;
	char path[PATH_MAX];
	struct stat st;
	int fd;

	/* created through an absolute link: lands in the guest's /etc */
	fd = pw_root_open(f->root, "/etc-link/new", O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	snprintf(path, sizeof(path), "%s/guest/etc/new", f->dir);
	assert_int_equal(stat(path, &st), 0);
}

/* A folder with more entries than asked for is refused, not cut short. */
static void test_list_refuses_more_than_max(void **state)
{
	struct fixture *f = *state;
	char **names;
	size_t count;

	/* the fresh tree's /etc holds two files: binary and hostname */
	assert_int_equal(pw_root_list(f->root, "/etc", NULL, NULL, 2, &names, &count), 0);
	assert_int_equal(count, 2);
	assert_string_equal(names[0], "binary");
	assert_string_equal(names[1], "hostname");
	pw_names_free(names, count);
	assert_int_equal(pw_root_list(f->root, "/etc", NULL, NULL, 1, &names, &count),
			 PW_ETOOMANY);
	assert_null(names);
	assert_int_equal(count, 0);
	assert_string_equal(pw_root_strerror_en(PW_ETOOMANY),
			    "it holds more entries than this program reads");
}

/* Each case once through openat2() and once through the walk. */
#define BOTH(fn)                                                          \
	{ #fn " (openat2)", fn, setup_kernel, teardown, NULL },           \
	{ #fn " (walk)", fn, setup_walk, teardown, NULL }

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_plain_and_absolute_links),
		BOTH(test_dotdot_stops_at_root),
		BOTH(test_links_out_of_the_guest_stay_in),
		BOTH(test_magic_links_refused),
		BOTH(test_loops),
		BOTH(test_content_checks),
		BOTH(test_lstat_and_readlink),
		BOTH(test_create_inside),
		BOTH(test_list_refuses_more_than_max),
	};

	return cmocka_run_group_tests_name("pw_root", tests, NULL, NULL);
}
