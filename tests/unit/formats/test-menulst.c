// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pw_menulst_parse: grub legacy's menu.lst as pygrub reads it, and the
 * default options of update-grub's automagic section.
 */
#include "unit.h"

#include "pw-grub.h"
#include "pw-root.h"

static int parse(const char *text, struct pw_grub_menu *m)
{
	return pw_menulst_parse(text, strlen(text), m);
}

/* An etch menu.lst as update-grub writes it, cut short. */
static const char etch_menu[] =
	"# menu.lst - See: grub(8), info grub, update-grub(8)\n"	/* 1 */
	"default\t\t2\n"
	"timeout\t\t5\n"
	"color cyan/blue white/blue\n"
	"\n"								/* 5 */
	"### BEGIN AUTOMAGIC KERNELS LIST\n"
	"## ## Start Default Options ##\n"
	"## e.g. kopt=root=/dev/hda1 ro\n"
	"# kopt=root=/dev/hda1 ro\n"
	"# kopt_2_6_18_6_xen=root=/dev/hda1 ro console=xvc0\n"		/* 10 */
	"# groot=(hd0,0)\n"
	"# defoptions=\n"
	"# xenhopt=\n"
	"# xenkopt=console=tty0\n"
	"## ## End Default Options ##\n"				/* 15 */
	"\n"
	"title\t\tDebian GNU/Linux, kernel 2.6.18-6-amd64\n"
	"root\t\t(hd0,0)\n"
	"kernel\t\t/boot/vmlinuz-2.6.18-6-amd64 root=/dev/hda1 ro\n"
	"initrd\t\t/boot/initrd.img-2.6.18-6-amd64\n"			/* 20 */
	"savedefault\n"
	"\n"
	"title\t\tDebian GNU/Linux, kernel 2.6.18-6-amd64 (single-user mode)\n"
	"root\t\t(hd0,0)\n"
	"kernel\t\t/boot/vmlinuz-2.6.18-6-amd64 root=/dev/hda1 ro single\n" /* 25 */
	"initrd\t\t/boot/initrd.img-2.6.18-6-amd64\n"
	"\n"
	"title   Debian GNU/Linux, kernel 2.6.18-6-xen-amd64\n"
	"root    (hd0,0)\n"
	"kernel  (hd0,0)/vmlinuz-2.6.18-6-xen-amd64 root=/dev/hda1 ro console=xvc0\n" /* 30 */
	"initrd  (hd0,0)/initrd.img-2.6.18-6-xen-amd64\n"
	"\n"
	"### END DEBIAN AUTOMAGIC KERNELS LIST\n";

static void test_etch_menu(void **state)
{
	struct pw_grub_menu m;
	const struct pw_grub_entry *e;

	(void)state;
	assert_int_equal(parse(etch_menu, &m), 0);
	assert_int_equal(m.kind, PW_GRUB_KIND_LEGACY);
	assert_int_equal(m.total, 3);
	assert_int_equal(m.count, 3);
	assert_string_equal(m.entries[0].title, "Debian GNU/Linux, kernel 2.6.18-6-amd64");
	assert_string_equal(m.entries[0].kernel, "/boot/vmlinuz-2.6.18-6-amd64");
	assert_string_equal(m.entries[0].args, "root=/dev/hda1 ro");
	assert_string_equal(m.entries[0].initrd, "/boot/initrd.img-2.6.18-6-amd64");
	assert_int_equal(m.entries[0].line, 17);
	assert_int_equal(m.entries[0].kernel_line, 19);
	assert_int_equal(m.entries[0].initrd_line, 20);
	assert_string_equal(m.entries[1].args, "root=/dev/hda1 ro single");

	/* the (hd0,0) device goes: pygrub reads the partition it is looking at */
	e = pw_grub_default(&m);
	assert_non_null(e);
	assert_int_equal(m.default_index, 2);
	assert_string_equal(m.default_value, "2");
	assert_int_equal(m.default_line, 2);
	assert_string_equal(e->kernel, "/vmlinuz-2.6.18-6-xen-amd64");
	assert_string_equal(e->args, "root=/dev/hda1 ro console=xvc0");
	assert_string_equal(e->initrd, "/initrd.img-2.6.18-6-xen-amd64");
	assert_string_equal(m.timeout, "5");
	assert_int_equal(m.timeout_line, 3);
	assert_int_equal(m.wait_seconds, 5);
	pw_grub_menu_free(&m);
}

static void test_automagic_options(void **state)
{
	struct pw_grub_menu m;
	const struct pw_menulst_opt *o;

	(void)state;
	assert_int_equal(parse(etch_menu, &m), 0);
	assert_int_equal(m.automagic_begin, 6);
	assert_int_equal(m.automagic_end, 33);
	assert_int_equal(m.options_begin, 7);
	assert_int_equal(m.options_end, 15);

	o = pw_menulst_opt(&m, "kopt");
	assert_non_null(o);
	assert_string_equal(o->value, "root=/dev/hda1 ro");
	assert_int_equal(o->line, 9);
	o = pw_menulst_opt(&m, "defoptions");
	assert_non_null(o);
	assert_string_equal(o->value, "");
	assert_int_equal(o->line, 12);
	assert_int_equal(pw_menulst_opt(&m, "xenhopt")->line, 13);
	o = pw_menulst_opt(&m, "xenkopt");
	assert_string_equal(o->value, "console=tty0");
	assert_int_equal(o->line, 14);
	/* "## e.g. kopt=..." is an example, not an option */
	assert_int_equal(m.opt_count, 6);

	/* update-grub's get_kernel_opt: the most specific kopt_ that is set */
	assert_string_equal(pw_menulst_kopt_for(&m, "2.6.18-6-xen-amd64"),
			    "root=/dev/hda1 ro console=xvc0");
	assert_string_equal(pw_menulst_kopt_for(&m, "2.6.18-6-amd64"), "root=/dev/hda1 ro");

	assert_true(pw_menulst_in_automagic(&m, 17));
	assert_false(pw_menulst_in_automagic(&m, 3));
	pw_grub_menu_free(&m);
}

static void test_default_saved_and_missing(void **state)
{
	struct pw_grub_menu m;

	(void)state;
	/* pygrub has no saved default: "saved" is entry 0 */
	assert_int_equal(parse("default saved\ntitle a\nkernel /a\ntitle b\nkernel /b\n", &m), 0);
	assert_int_equal(m.default_index, 0);
	assert_false(m.default_out_of_range);
	pw_grub_menu_free(&m);

	assert_int_equal(parse("title a\nkernel /a\n", &m), 0);
	assert_int_equal(m.default_index, 0);
	assert_string_equal(m.default_value, "");
	assert_int_equal(m.timeout_line, 0);
	/*
	 * pygrub's menu then boots after its first second without a key, as
	 * with -1, 0 and other negatives: it never waits for Enter
	 */
	assert_int_equal(m.wait_seconds, 1);
	pw_grub_menu_free(&m);
	assert_int_equal(parse("timeout -1\ntitle a\nkernel /a\n", &m), 0);
	assert_int_equal(m.wait_seconds, 1);
	pw_grub_menu_free(&m);
	assert_int_equal(parse("timeout -2\ntitle a\nkernel /a\n", &m), 0);
	assert_int_equal(m.wait_seconds, 1);
	pw_grub_menu_free(&m);
	assert_int_equal(parse("timeout 0\ntitle a\nkernel /a\n", &m), 0);
	assert_int_equal(m.wait_seconds, 1);
	pw_grub_menu_free(&m);
	assert_int_equal(parse("timeout 2\ntitle a\nkernel /a\n", &m), 0);
	assert_int_equal(m.wait_seconds, 2);
	pw_grub_menu_free(&m);

	/* "default=1" splits at '=' as well */
	assert_int_equal(parse("default=1\ntitle a\nkernel /a\ntitle b\nkernel /b\n", &m), 0);
	assert_int_equal(m.default_index, 1);
	pw_grub_menu_free(&m);
}

static void test_default_out_of_range(void **state)
{
	struct pw_grub_menu m;

	(void)state;
	assert_int_equal(parse("default 7\ntitle a\nkernel /a\ntitle b\nkernel /b\n", &m), 0);
	assert_int_equal(m.default_index, 0);
	assert_true(m.default_out_of_range);
	pw_grub_menu_free(&m);

	/* one past the end: pygrub's image_index lets it through, run_grub takes 0 */
	assert_int_equal(parse("default 2\ntitle a\nkernel /a\ntitle b\nkernel /b\n", &m), 0);
	assert_int_equal(m.default_index, 0);
	assert_true(m.default_out_of_range);
	pw_grub_menu_free(&m);

	/* not a number: pygrub says "Invalid value" and takes 0 */
	assert_int_equal(parse("default two\ntitle a\nkernel /a\ntitle b\nkernel /b\n", &m), 0);
	assert_int_equal(m.default_index, 0);
	pw_grub_menu_free(&m);
}

static void test_entries_as_pygrub_sees_them(void **state)
{
	struct pw_grub_menu m;

	(void)state;
	assert_int_equal(parse("title first\n"
			       "title  spaced   title  \n"
			       "kernel /vmlinuz\tro\n"
			       "default 1\n"
			       "title last, with nothing after it\n", &m), 0);
	/* an empty entry counts, except the last one (`if img:`) */
	assert_int_equal(m.total, 2);
	assert_string_equal(m.entries[0].title, "first");
	assert_string_equal(m.entries[0].kernel, "");
	assert_string_equal(m.entries[1].title, "spaced   title");
	/* no space: pygrub takes it all as the path, tab and arguments too */
	assert_string_equal(m.entries[1].kernel, "/vmlinuz\tro");
	assert_string_equal(m.entries[1].args, "");
	/* a default after a title belongs to that entry and is ignored */
	assert_int_equal(m.default_index, 0);
	pw_grub_menu_free(&m);

	/* CRLF, indentation and a kernel without arguments */
	assert_int_equal(parse("timeout 3\r\n  title dos\r\n\tkernel /boot/vmlinuz-x\r\n", &m), 0);
	assert_string_equal(m.timeout, "3");
	assert_string_equal(m.entries[0].title, "dos");
	assert_string_equal(m.entries[0].kernel, "/boot/vmlinuz-x");
	assert_string_equal(m.entries[0].args, "");
	pw_grub_menu_free(&m);
}

static void expect_refused(const char *text, enum pw_grub_problem problem, unsigned int line)
{
	struct pw_grub_menu m;

	assert_int_equal(pw_menulst_parse(text, strlen(text), &m), PW_EFORMAT);
	assert_int_equal(m.problem, problem);
	assert_int_equal(m.problem_line, line);
	assert_non_null(pw_grub_problem_text(m.problem));
	pw_grub_menu_free(&m);
}

static void test_refused(void **state)
{
	(void)state;
	/* update-grub's "Chainload into GRUB 2" separators have a bare `root` */
	expect_refused("title a\nkernel /a\ntitle ----\nroot\n", PW_GRUB_BAD_DEVICE, 4);
	expect_refused("title a\nroot (cd)\nkernel /a\n", PW_GRUB_BAD_DEVICE, 2);
	expect_refused("title a\nroot (hd0,1,2)\n", PW_GRUB_BAD_DEVICE, 2);
	expect_refused("title a\nroot (hd0, gpt2)\n", PW_GRUB_BAD_DEVICE, 2);
	expect_refused("title a\nkernel (hd0,0/vmlinuz ro\n", PW_GRUB_BAD_PATH, 2);
	expect_refused("title a\ninitrd (hdX,0)/initrd\n", PW_GRUB_BAD_DEVICE, 2);
	expect_refused("splashimage (hd0,0\ntitle a\nkernel /a\n", PW_GRUB_BAD_PATH, 1);
	expect_refused("default -1\ntitle a\nkernel /a\n", PW_GRUB_BAD_DEFAULT, 1);
	expect_refused("timeout five\ntitle a\nkernel /a\n", PW_GRUB_BAD_TIMEOUT, 1);
	expect_refused("timeout\ntitle a\nkernel /a\n", PW_GRUB_BAD_TIMEOUT, 1);
	/* pygrub decodes the file as UTF-8: a Latin-1 title makes it fail */
	expect_refused("title a\nkernel /a\n# caf\xe9\n", PW_GRUB_NOT_UTF8, 3);
}

static void test_accepted_oddities(void **state)
{
	struct pw_grub_menu m;

	(void)state;
	/* devices pygrub reads: partitions by number, msdos/gpt names, xvd */
	assert_int_equal(parse("title a\nroot (hd0,msdos1)\nkernel /a\n"
			       "title b\nroot (hd1)\nkernel /dev/xvda\n"
			       "title c\nrootnoverify (/dev/xvdb,2)\nkernel /c\n"
			       "title d\nroot (hd0,gpt2)\nkernel /d\n", &m), 0);
	assert_int_equal(m.total, 4);
	pw_grub_menu_free(&m);

	/* UTF-8 is fine, and Unicode blanks are stripped as Python does */
	assert_int_equal(parse("title caf\xc3\xa9\n\xe3\x80\x80kernel /a ro\xc2\xa0\n", &m), 0);
	assert_string_equal(m.entries[0].title, "caf\xc3\xa9");
	assert_string_equal(m.entries[0].args, "ro");
	pw_grub_menu_free(&m);

	/* an empty file: no entries, nothing refused */
	assert_int_equal(parse("", &m), 0);
	assert_int_equal(m.total, 0);
	assert_int_equal(m.default_index, -1);
	assert_null(pw_grub_default(&m));
	pw_grub_menu_free(&m);
}

static void test_many_entries(void **state)
{
	struct pw_grub_menu m;
	size_t n = PW_GRUB_ENTRIES_MAX + 10, used = 0, size = n * 40 + 32;
	char *text = malloc(size);

	(void)state;
	used += (size_t)snprintf(text, size, "default %zu\n", n - 1);
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(text + used, size - used, "title t%zu\nkernel /k%zu\n", i, i);
	assert_int_equal(pw_menulst_parse(text, used, &m), 0);
	assert_int_equal(m.total, n);
	assert_int_equal(m.count, PW_GRUB_ENTRIES_MAX);
	assert_int_equal(m.default_index, (int)(n - 1));
	/* past those kept: no default to hand out, rather than a wrong one */
	assert_null(pw_grub_default(&m));
	pw_grub_menu_free(&m);
	free(text);
}

/* The one `# kopt=` reader: update-grub's GetMenuOpt, every line of the section joined. */
static void test_kopt(void **state)
{
	struct pw_grub_menu m;

	(void)state;
	assert_int_equal(parse("# kopt=root=/dev/sda1 ro\n"
			       "### BEGIN AUTOMAGIC KERNELS LIST\n"
			       "# kopt=outside the options\n"
			       "## ## Start Default Options ##\n"
			       "# kopt=root=/dev/hda1   ro\n"
			       "# kopt_2_6=first\n"
			       "# kopt= console=xvc0\n"
			       "# kopt_2_6=second\n"
			       "## ## End Default Options ##\n"
			       "### END DEBIAN AUTOMAGIC KERNELS LIST\n", &m), 0);
	assert_string_equal(pw_menulst_kopt(&m), "root=/dev/hda1 ro console=xvc0");
	/* kopt_VERSION lines are eval'd one after the other: the last wins */
	assert_string_equal(pw_menulst_kopt_for(&m, "2.6.32-5-xen-amd64"), "second");
	pw_grub_menu_free(&m);
	/* outside the Default Options, update-grub reads none */
	assert_int_equal(parse("# kopt=root=/dev/sda1 ro\ntitle a\nkernel /a\n", &m), 0);
	assert_null(pw_menulst_kopt(&m));
	pw_grub_menu_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_etch_menu),
		cmocka_unit_test(test_automagic_options),
		cmocka_unit_test(test_default_saved_and_missing),
		cmocka_unit_test(test_default_out_of_range),
		cmocka_unit_test(test_entries_as_pygrub_sees_them),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_accepted_oddities),
		cmocka_unit_test(test_many_entries),
		cmocka_unit_test(test_kopt),
	};

	return cmocka_run_group_tests_name("pw_menulst", tests, NULL, NULL);
}
