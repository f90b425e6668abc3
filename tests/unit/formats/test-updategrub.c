// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pw_updategrub_scan: the blocks of 2008's update-grub that leave kernels
 * out of menu.lst, found by content. The inputs are small shell texts
 * written for these tests, shaped like the kernel loop of that script.
 */
#include "unit.h"

#include "pw-grub.h"

static int scan(const char *text, struct pw_updategrub *u)
{
	return pw_updategrub_scan(text, strlen(text), u);
}

/* The loop as the 2008 script had it (tabs), unpatched. */
static const char loop_2008[] =
	"#!/bin/sh\n"						/* 1 */
	"in_domU=\n"
	"if [ -e /proc/xen/capabilities ] && ! grep -q control_d /proc/xen/capabilities; then\n"
	"\tin_domU=1\n"
	"fi\n"							/* 5 */
	"for kern in $(ls /boot | grep ^vmlinuz-) ; do\n"
	"\tis_xen=\n"
	"\tif grep -q CONFIG_XEN=y /boot/config-${kern#vmlinuz-}; then\n"
	"\t\tis_xen=1\n"
	"\tfi\n"						/* 10 */
	"\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
	"\t\t# skip xen kernels\n"
	"\t\tcontinue\n"
	"\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"
	"\t\t# skip non-xen kernels\n"				/* 15 */
	"\t\tcontinue\n"
	"\tfi\n"
	"\tkern=\"/boot/$kern\"\n"
	"done\n";

static void test_skip_active(void **state)
{
	struct pw_updategrub u;

	(void)state;
	assert_int_equal(scan(loop_2008, &u), 0);
	assert_true(u.skip_xen.found);
	assert_true(u.skip_xen.active);
	assert_int_equal(u.skip_xen.if_line, 11);
	assert_int_equal(u.skip_xen.continue_line, 13);
	assert_true(u.skip_nonxen.found);
	assert_true(u.skip_nonxen.active);
	assert_int_equal(u.skip_nonxen.if_line, 14);
	assert_int_equal(u.skip_nonxen.continue_line, 16);
}

static void test_patched_as_the_guide_shows(void **state)
{
	struct pw_updategrub u;

	(void)state;
	assert_int_equal(scan("for kern in a b; do\n"
			      "\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
			      "\t\t# skip xen kernels\n"
			      "\t\t# continue\n"
			      "\t\t:\n"
			      "\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"
			      "\t\t# skip non-xen kernels\n"
			      "\t\t# continue\n"
			      "\t\t:\n"
			      "\tfi\n"
			      "done\n", &u), 0);
	assert_true(u.skip_xen.found);
	assert_false(u.skip_xen.active);
	assert_int_equal(u.skip_xen.if_line, 2);
	assert_int_equal(u.skip_xen.continue_line, 0);
	assert_true(u.skip_nonxen.found);
	assert_false(u.skip_nonxen.active);

	/* only the first block patched */
	assert_int_equal(scan("if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
			      "  #continue\n"
			      "elif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"
			      "  continue\n"
			      "fi\n", &u), 0);
	assert_false(u.skip_xen.active);
	assert_true(u.skip_nonxen.active);
	assert_int_equal(u.skip_nonxen.continue_line, 4);
}

static void test_other_spellings(void **state)
{
	struct pw_updategrub u;

	(void)state;
	/* `! [ ... ]`, ${}, no quotes, extra blanks, `then` on its own line */
	assert_int_equal(scan("    if   !  [   \"${in_domU}\"  ]   &&  [ $is_xen ]\n"
			      "    then\n"
			      "        echo skipping >&2 ; continue\n"
			      "    fi\n", &u), 0);
	assert_true(u.skip_xen.active);
	assert_int_equal(u.skip_xen.if_line, 1);
	assert_int_equal(u.skip_xen.continue_line, 3);
	assert_false(u.skip_nonxen.found);

	/* the tests the other way round, -z and -n, all on one line */
	assert_int_equal(scan("if [ -n \"$is_xen\" ] && [ -z \"$in_domU\" ]; then continue; fi\n", &u), 0);
	assert_true(u.skip_xen.active);
	assert_int_equal(u.skip_xen.continue_line, 1);

	/* a continue in a nested if still skips */
	assert_int_equal(scan("if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
			      "  if [ \"$force\" ]; then\n"
			      "    :\n"
			      "  else\n"
			      "    continue\n"
			      "  fi\n"
			      "fi\n", &u), 0);
	assert_true(u.skip_xen.active);
	assert_int_equal(u.skip_xen.continue_line, 5);
}

static void test_absent(void **state)
{
	struct pw_updategrub u;

	(void)state;
	assert_int_equal(scan("", &u), 1);
	assert_false(u.skip_xen.found);
	/* grub 2's update-grub */
	assert_int_equal(scan("#!/bin/sh\nset -e\nexec grub-mkconfig -o /boot/grub/grub.cfg \"$@\"\n",
			      &u), 1);
	/* the whole block commented out */
	assert_int_equal(scan("#\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
			      "#\t\tcontinue\n"
			      "#\tfi\n", &u), 1);
}

static void test_similar_but_different(void **state)
{
	struct pw_updategrub u;

	(void)state;
	/* today's script skips kernels without dom0 support: not our block */
	assert_int_equal(scan("for ver in $(grep -l CONFIG_XEN=y /boot/config*); do\n"
			      "  if ! grep -q CONFIG_XEN_PRIVILEGED_GUEST=y /boot/config-$ver ; then\n"
			      "      continue\n"
			      "  fi\n"
			      "done\n", &u), 1);
	/* both tests positive, or about other variables */
	assert_int_equal(scan("if [ \"$in_domU\" ] && [ \"$is_xen\" ]; then\n\tcontinue\nfi\n"
			      "if [ ! \"$in_dom0\" ] && [ \"$is_xen\" ]; then\n\tcontinue\nfi\n"
			      "if [ ! \"$in_domU\" ] || [ \"$is_xen\" ]; then\n\tcontinue\nfi\n", &u), 1);
	/* the block is there, but the continue comes after its fi */
	assert_int_equal(scan("if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
			      "\techo xen kernel\n"
			      "fi\n"
			      "continue\n", &u), 0);
	assert_true(u.skip_xen.found);
	assert_false(u.skip_xen.active);
	/* "continued" in a comment or a word is no continue */
	assert_int_equal(scan("if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
			      "\techo continue # continue\n"
			      "\tcontinued=1\n"
			      "fi\n", &u), 0);
	assert_false(u.skip_xen.active);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skip_active),
		cmocka_unit_test(test_patched_as_the_guide_shows),
		cmocka_unit_test(test_other_spellings),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_similar_but_different),
	};

	return cmocka_run_group_tests_name("pw_updategrub", tests, NULL, NULL);
}
