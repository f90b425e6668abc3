/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysvinit's /etc/inittab and the getty command lines in it, then the
 * console step's inspect and plan (an etch guest) on a guest whose inittab
 * and securetty are the input: files split at a form feed.
 */
#include "fuzz.h"
#include "pw-console.h"

static const char *const files[] = { "/etc/inittab", "/etc/securetty" };

static void parse_alone(const char *text, size_t len)
{
	struct pw_inittab tab;
	enum pw_getty_state state;
	struct pw_getty getty;

	if (pw_inittab_parse(text, len, &tab) == 0) {
		pw_inittab_default_runlevel(&tab);
		pw_inittab_find_getty(&tab, "xvc0", &state, &getty);
		pw_inittab_find_getty(&tab, "hvc0", &state, &getty);
		for (size_t i = 0; i < tab.count; i++) {
			assert(tab.entries[i].start + tab.entries[i].len <= len);
			if (pw_getty_parse(tab.entries[i].process, &getty) == 0)
				pw_getty_default_term(getty.program);
		}
	}
	pw_inittab_free(&tab);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[2];
	size_t len[2], n = fuzz_split(data, size, part, len, 2);
	char *text = fuzz_strndup((const uint8_t *)part[0], len[0]);

	parse_alone(text, len[0]);
	free(text);

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "4.0\n");
	fuzz_guest_terminfo("/usr/share/terminfo/v/vt102");
	fuzz_guest_put_parts(files, 2, part, len, n);
	fuzz_step(PW_STEP_CONSOLE, pw_inspect_console, pw_plan_console, NULL);
	return 0;
}
