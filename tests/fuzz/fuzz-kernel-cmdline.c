/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel command line words, then the name the card will have under
 * ParaVM on a bookworm guest whose /etc/default/grub is the input (read by
 * the one /etc/default/grub reader).
 */
#include "fuzz.h"
#include "pw-netname.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_cmdline_var vars[] = {
		{ .name = "GRUB_CMDLINE_LINUX" },
		{ .name = "GRUB_CMDLINE_LINUX_DEFAULT" },
		{ .name = "kopt" },
	};
	char *text = fuzz_strndup(data, size);
	struct pw_ctx ctx;
	struct pw_net_pv pv;

	pw_cmdline_words(&vars[0], text, "/proc/cmdline");
	for (size_t i = 0; i < 3; i++)
		assert(memchr(vars[i].what, '\0', sizeof(vars[i].what)));

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "12.5\n");
	fuzz_guest_puts("/var/lib/dpkg/status", "Package: udev\nStatus: install ok installed\n"
						"Architecture: amd64\nVersion: 252.30-1~deb12u2\n\n");
	fuzz_guest_put("/etc/default/grub", text, size);
	fuzz_ctx_open(&ctx);
	pw_net_pv_probe(&ctx, &pv);
	fuzz_ctx_close(&ctx);
	free(text);
	return 0;
}
