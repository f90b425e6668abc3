/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/securetty: does it list the console (root may log in there)? Then
 * the console step's plan on a bookworm guest with the input as securetty.
 */
#include "fuzz.h"
#include "pw-console.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	pw_securetty_lists(text, size, "hvc0");
	pw_securetty_lists(text, size, "xvc0");

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "12.5\n");
	fuzz_guest_terminfo("/usr/share/terminfo/v/vt220");
	fuzz_guest_put("/etc/securetty", text, size);
	fuzz_step(PW_STEP_CONSOLE, pw_inspect_console, pw_plan_console, NULL);
	return 0;
}
