// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pw_default_grub_parse: /etc/default/grub and grub.d files as the shell
 * sources them, on texts written for these tests.
 */
#include "unit.h"

#include "pw-default-grub.h"
#include "pw-root.h"

static int parse(struct pw_default_grub *dg, const char *file, const char *text)
{
	return pw_default_grub_parse(dg, file, text, strlen(text));
}

static void expect_var(const struct pw_default_grub *dg, enum pw_dg_var v, const char *value,
		       const char *file, unsigned int line)
{
	assert_true(dg->var[v].set);
	assert_string_equal(dg->var[v].value, value);
	assert_string_equal(dg->var[v].file, file);
	assert_int_equal(dg->var[v].line, line);
}

static void test_debian_file(void **state)
{
	struct pw_default_grub dg;

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "/etc/default/grub",
			       "# If you change this file, run 'update-grub' afterwards\n"
			       "GRUB_DEFAULT=0\n"
			       "GRUB_TIMEOUT=5\n"
			       "GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n"
			       "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
			       "GRUB_CMDLINE_LINUX=\"\"\n"
			       "#GRUB_DISABLE_LINUX_UUID=true\n"), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX_DEFAULT, "quiet", "/etc/default/grub", 5);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "", "/etc/default/grub", 6);
	expect_var(&dg, PW_DG_TIMEOUT, "5", "/etc/default/grub", 3);
	assert_false(dg.var[PW_DG_DISABLE_LINUX_UUID].set);
	assert_false(dg.var[PW_DG_CMDLINE_LINUX].uncertain);
	assert_int_equal(dg.assign_count, 3);
	pw_default_grub_free(&dg);
}

/* Later assignments win, across files; export, quotes and pieces as the shell joins them. */
static void test_later_wins(void **state)
{
	struct pw_default_grub dg;

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "/etc/default/grub",
			       "GRUB_CMDLINE_LINUX='net.ifnames=0'\n"
			       "  export GRUB_CMDLINE_LINUX=\"console=tty0\"   # a comment\n"
			       "GRUB_DISABLE_LINUX_UUID=tr\"u\"'e'\n"), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "console=tty0", "/etc/default/grub", 2);
	expect_var(&dg, PW_DG_DISABLE_LINUX_UUID, "true", "/etc/default/grub", 3);
	assert_int_equal(parse(&dg, "/etc/default/grub.d/50-xen.cfg",
			       "GRUB_CMDLINE_LINUX=\"console=hvc0\"; GRUB_DISABLE_LINUX_UUID=false\n"),
			 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "console=hvc0", "/etc/default/grub.d/50-xen.cfg", 1);
	expect_var(&dg, PW_DG_DISABLE_LINUX_UUID, "false", "/etc/default/grub.d/50-xen.cfg", 1);
	pw_default_grub_free(&dg);
}

/* A value built on an earlier one; $GRUB_CMDLINE_LINUX is a prefix of the other name. */
static void test_references(void **state)
{
	struct pw_default_grub dg;

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "f",
			       "GRUB_CMDLINE_LINUX=\"root=UUID=x\"\n"
			       "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX console=hvc0\"\n"
			       "GRUB_CMDLINE_LINUX_DEFAULT=quiet\n"
			       "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT splash\"\n"
			       "GRUB_CMDLINE_LINUX_DEFAULT=${GRUB_CMDLINE_LINUX_DEFAULT}\\ nomodeset\n"),
			 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "root=UUID=x console=hvc0", "f", 2);
	expect_var(&dg, PW_DG_CMDLINE_LINUX_DEFAULT, "quiet splash nomodeset", "f", 5);
	assert_false(dg.var[PW_DG_CMDLINE_LINUX_DEFAULT].uncertain);
	/* the other variable's value, not this one's */
	assert_int_equal(parse(&dg, "g", "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX ro\"\n"),
			 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX_DEFAULT, "root=UUID=x console=hvc0 ro", "g", 1);
	/* single quotes keep the $ */
	assert_int_equal(parse(&dg, "g", "GRUB_CMDLINE_LINUX='$GRUB_CMDLINE_LINUX'\n"), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "$GRUB_CMDLINE_LINUX", "g", 1);
	pw_default_grub_free(&dg);
}

/* What the files cannot tell: kept as far as known, and said to be uncertain. */
static void test_uncertain(void **state)
{
	struct pw_default_grub dg;

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "f", "GRUB_CMDLINE_LINUX=\"$EXTRA console=hvc0\"\n"), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, " console=hvc0", "f", 1);
	assert_true(dg.var[PW_DG_CMDLINE_LINUX].uncertain);
	assert_int_equal(parse(&dg, "f", "GRUB_CMDLINE_LINUX=\"$(cat /etc/x) a\"\n"), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, " a", "f", 1);
	assert_true(dg.var[PW_DG_CMDLINE_LINUX].uncertain);
	assert_int_equal(parse(&dg, "f",
			       "GRUB_CMDLINE_LINUX=plain\n"
			       "if [ -e /etc/x ]; then\n"
			       "\tGRUB_CMDLINE_LINUX=\"console=hvc0\"\n"
			       "fi\n"), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "console=hvc0", "f", 3);
	assert_true(dg.var[PW_DG_CMDLINE_LINUX].uncertain);
	/* after fi, known again */
	assert_int_equal(parse(&dg, "f", "if true; then :; fi\nGRUB_CMDLINE_LINUX=x\n"), 0);
	assert_false(dg.var[PW_DG_CMDLINE_LINUX].uncertain);
	pw_default_grub_free(&dg);
}

/* A=1 cmd sets A for cmd alone; unset; a '#' inside a word is no comment. */
static void test_commands(void **state)
{
	struct pw_default_grub dg;

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "f",
			       "GRUB_TIMEOUT=3\n"
			       "GRUB_TIMEOUT=9 GRUB_CMDLINE_LINUX=a true\n"
			       "GRUB_CMDLINE_LINUX_DEFAULT=a#b\n"
			       "GRUB_DISABLE_LINUX_UUID=true\n"
			       "unset GRUB_DISABLE_LINUX_UUID\n"
			       "echo GRUB_CMDLINE_LINUX=no\n"), 0);
	expect_var(&dg, PW_DG_TIMEOUT, "3", "f", 1);
	assert_false(dg.var[PW_DG_CMDLINE_LINUX].set);
	expect_var(&dg, PW_DG_CMDLINE_LINUX_DEFAULT, "a#b", "f", 3);
	assert_false(dg.var[PW_DG_DISABLE_LINUX_UUID].set);
	pw_default_grub_free(&dg);
}

/* A value over several lines; a quote never closed stops the shell there. */
static void test_lines(void **state)
{
	struct pw_default_grub dg;
	const char text[] = "GRUB_TIMEOUT=2\n"
			    "GRUB_CMDLINE_LINUX=\"a\n"
			    "b\" GRUB_CMDLINE_LINUX_DEFAULT=c\\\n"
			    "d\n";

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "f", text), 0);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "a\nb", "f", 2);
	expect_var(&dg, PW_DG_CMDLINE_LINUX_DEFAULT, "cd", "f", 3);
	assert_int_equal(dg.assign_count, 3);
	assert_int_equal(dg.assigns[1].line, 2);
	assert_int_equal(dg.assigns[1].end_line, 3);
	assert_true(dg.assigns[1].one_piece);
	assert_int_equal(dg.assigns[1].quote, '"');
	assert_false(dg.assigns[2].one_piece);
	/* a line ending in CRLF: the '\r' is no part of the value */
	assert_int_equal(parse(&dg, "f", "GRUB_TIMEOUT=7\r\nGRUB_CMDLINE_LINUX=\"a\"\r\n"), 0);
	expect_var(&dg, PW_DG_TIMEOUT, "7", "f", 1);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "a", "f", 2);
	assert_true(dg.assigns[1].one_piece);

	assert_int_equal(parse(&dg, "/etc/default/grub.d/x.cfg",
			       "GRUB_TIMEOUT=4\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\n\nx=1\n"),
			 PW_EFORMAT);
	assert_string_equal(dg.bad_file, "/etc/default/grub.d/x.cfg");
	assert_int_equal(dg.bad_line, 2);
	expect_var(&dg, PW_DG_TIMEOUT, "4", "/etc/default/grub.d/x.cfg", 1);
	assert_true(dg.assigns[dg.assign_count - 1].unclosed);
	pw_default_grub_free(&dg);
}

/* Where each value is, for the editor: its quotes, its inside. */
static void test_positions(void **state)
{
	struct pw_default_grub dg;
	const char text[] = "GRUB_CMDLINE_LINUX='a b'  \nexport GRUB_TIMEOUT=5\n"
			    "GRUB_CMDLINE_LINUX_DEFAULT=\nGRUB_DISABLE_LINUX_UUID=\"x\"y\n";
	const struct pw_dg_assign *a;

	(void)state;
	pw_default_grub_init(&dg);
	assert_int_equal(parse(&dg, "f", text), 0);
	assert_int_equal(dg.assign_count, 4);
	a = &dg.assigns[0];
	assert_int_equal(a->var, PW_DG_CMDLINE_LINUX);
	assert_int_equal(a->start - text, 19);
	assert_int_equal(a->end - text, 24);
	assert_int_equal(a->quote, '\'');
	assert_int_equal(a->inner_n, 3);
	assert_memory_equal(a->inner, "a b", 3);
	a = &dg.assigns[1];
	assert_int_equal(a->var, PW_DG_TIMEOUT);
	assert_int_equal(a->quote, 0);
	assert_int_equal(a->inner_n, 1);
	assert_true(a->one_piece);
	a = &dg.assigns[2];
	assert_int_equal(a->inner_n, 0);
	assert_true(a->one_piece);
	assert_false(dg.assigns[3].one_piece);
	pw_default_grub_free(&dg);
}

/* The files of a guest tree, in grub-mkconfig's order. */
static void test_load(void **state)
{
	char *tree = make_tree();
	struct pw_default_grub dg;
	struct pw_root *root;

	(void)state;
	put_file(tree, "etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\"\n");
	put_file(tree, "etc/default/grub.d/60-b.cfg",
		 "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX console=hvc0\"\n");
	put_file(tree, "etc/default/grub.d/10-a.cfg", "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX ro\"\n");
	put_file(tree, "etc/default/grub.d/.hidden.cfg", "GRUB_CMDLINE_LINUX=hidden\n");
	put_file(tree, "etc/default/grub.d/70-c.cfg.bak", "GRUB_CMDLINE_LINUX=backup\n");
	put_link(tree, "/nowhere", "etc/default/grub.d/80-gone.cfg");
	assert_int_equal(pw_root_open_dir(tree, &root), 0);
	assert_int_equal(pw_default_grub_load(root, &dg), 0);
	assert_true(dg.have_main);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, "quiet ro console=hvc0",
		   "/etc/default/grub.d/60-b.cfg", 1);
	pw_default_grub_free(&dg);

	/* no main file: grub.d is still read; a file the shell refuses stops it */
	remove_file(tree, "etc/default/grub");
	put_file(tree, "etc/default/grub.d/70-c.cfg", "GRUB_CMDLINE_LINUX='open\n");
	assert_int_equal(pw_default_grub_load(root, &dg), PW_EFORMAT);
	assert_false(dg.have_main);
	assert_string_equal(dg.bad_file, "/etc/default/grub.d/70-c.cfg");
	assert_int_equal(dg.bad_line, 1);
	expect_var(&dg, PW_DG_CMDLINE_LINUX, " ro console=hvc0", "/etc/default/grub.d/60-b.cfg", 1);
	pw_default_grub_free(&dg);

	/* a folder where the file is expected is said so */
	remove_file(tree, "etc/default/grub.d/70-c.cfg");
	{
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/etc/default/grub", tree);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	assert_int_equal(pw_default_grub_load(root, &dg), -EISDIR);
	assert_false(dg.have_main);
	assert_string_equal(dg.bad_file, "/etc/default/grub");
	pw_default_grub_free(&dg);
	pw_root_free(root);
	rm_tree(tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_file), cmocka_unit_test(test_later_wins),
		cmocka_unit_test(test_references),  cmocka_unit_test(test_uncertain),
		cmocka_unit_test(test_commands),    cmocka_unit_test(test_lines),
		cmocka_unit_test(test_positions),   cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
