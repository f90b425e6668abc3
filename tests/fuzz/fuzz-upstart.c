/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Upstart jobs (/etc/event.d/JOB of 0.3, /etc/init/JOB.conf and its
 * .override of 0.6+), then the console step's inspect and plan on a lucid
 * guest whose hvc0 job and override are the input (split at a form feed).
 */
#include "fuzz.h"
#include "pw-console.h"

static const char *const files[] = { "/etc/init/hvc0.conf", "/etc/init/hvc0.override" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[2];
	size_t len[2], n = fuzz_split(data, size, part, len, 2);
	struct pw_upstart_job job;

	pw_upstart_parse(part[0], len[0], &job);
	if (job.has_getty)
		pw_getty_default_term(job.getty.program);

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/lsb-release",
			"DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=10.04\nDISTRIB_CODENAME=lucid\n");
	fuzz_guest_puts("/etc/securetty", "console\ntty1\n");
	fuzz_guest_terminfo("/usr/share/terminfo/l/linux");
	fuzz_guest_put_parts(files, 2, part, len, n);
	fuzz_step(PW_STEP_CONSOLE, pw_inspect_console, pw_plan_console, NULL);
	return 0;
}
