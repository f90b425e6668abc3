// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_upstart_parse: Upstart 0.3 (/etc/event.d) and 0.6+ (/etc/init) jobs. */
#include "unit.h"

#include "pw-console.h"

static void parse(const char *text, struct pw_upstart_job *job)
{
	assert_int_equal(pw_upstart_parse(text, strlen(text), job), 0);
}

static void test_eventd_job(void **state)
{
	struct pw_upstart_job job;

	(void)state;
	/* hardy's form: one "start on" line per runlevel */
	parse("# xvc0 - getty\n"
	      "#\n"
	      "# This service keeps a getty running on xvc0\n"
	      "\n"
	      "start on runlevel 2\n"
	      "start on runlevel 3\n"
	      "\n"
	      "stop on runlevel 0\n"
	      "stop on runlevel 1\n"
	      "\n"
	      "respawn\n"
	      "exec /sbin/getty 38400 xvc0\n", &job);
	assert_true(job.start_on);
	assert_true(job.respawn);
	assert_false(job.manual);
	assert_true(job.has_getty);
	assert_int_equal(job.getty_line, 12);
	assert_string_equal(job.getty.tty, "xvc0");
	assert_string_equal(job.getty.term, "");
}

static void test_init_job(void **state)
{
	struct pw_upstart_job job;

	(void)state;
	parse("description \"getty on the Xen console\"\n"
	      "start on stopped rc RUNLEVEL=[2345]\n"
	      "stop on runlevel [!2345]\n"
	      "\n"
	      "respawn\n"
	      "exec /sbin/getty -8 38400 hvc0 vt102\n", &job);
	assert_true(job.start_on);
	assert_true(job.respawn);
	assert_string_equal(job.getty.tty, "hvc0");
	assert_string_equal(job.getty.term, "vt102");
}

static void test_commented_and_manual(void **state)
{
	struct pw_upstart_job job;

	(void)state;
	parse("#start on runlevel [2345]\n"
	      "  # start on stopped rc\n"
	      "respawn limit 10 5\n"
	      "exec /sbin/getty -8 38400 hvc0\n", &job);
	assert_false(job.start_on);
	assert_false(job.respawn);
	assert_true(job.has_getty);

	parse("manual\n", &job);
	assert_true(job.manual);
	assert_false(job.has_getty);
	assert_false(job.start_on);
}

static void test_script_block(void **state)
{
	struct pw_upstart_job job;

	(void)state;
	parse("start on runlevel [2345]\n"
	      "respawn\n"
	      "pre-start script\n"
	      "    /sbin/getty 38400 tty9\n"
	      "end script\n"
	      "script\n"
	      "    if [ -c /dev/hvc0 ]; then\n"
	      "        exec /sbin/getty -L hvc0 115200 vt220\n"
	      "    fi\n"
	      "end script\n", &job);
	assert_true(job.has_getty);
	assert_int_equal(job.getty_line, 8);
	assert_string_equal(job.getty.tty, "hvc0");
	assert_string_equal(job.getty.term, "vt220");
}

static void test_respawn_command(void **state)
{
	struct pw_upstart_job job;

	(void)state;
	/* Upstart 0.3 also took "respawn COMMAND" */
	parse("start on runlevel 2\nrespawn /sbin/getty 38400 xvc0\n", &job);
	assert_true(job.respawn);
	assert_true(job.has_getty);
	assert_string_equal(job.getty.tty, "xvc0");

	parse("start on startup\nexec /etc/init.d/rcS\n", &job);
	assert_false(job.has_getty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eventd_job),
		cmocka_unit_test(test_init_job),
		cmocka_unit_test(test_commented_and_manual),
		cmocka_unit_test(test_script_block),
		cmocka_unit_test(test_respawn_command),
	};

	return cmocka_run_group_tests_name("upstart", tests, NULL, NULL);
}
