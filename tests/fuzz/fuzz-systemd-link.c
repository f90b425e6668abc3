/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A systemd .link file, then the name the card will have under ParaVM on
 * a bookworm guest holding it in /etc/systemd/network.
 */
#include "fuzz.h"
#include "pw-netname.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct pw_link_card vif = {
		.kernel_name = "eth0", .driver = "vif", .virtualization = "xen",
	};
	struct pw_link lf;
	struct pw_ctx ctx;
	struct pw_net_pv pv;

	pw_link_parse((const char *)data, size, &vif, &lf);
	assert(memchr(lf.name, '\0', sizeof(lf.name)));
	assert(memchr(lf.policy, '\0', sizeof(lf.policy)));
	assert(memchr(lf.mac, '\0', sizeof(lf.mac)));

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "12.5\n");
	fuzz_guest_puts("/var/lib/dpkg/status", "Package: udev\nStatus: install ok installed\n"
						"Architecture: amd64\nVersion: 252.30-1~deb12u2\n\n");
	fuzz_guest_put("/etc/systemd/network/10-lan.link", (const char *)data, size);
	fuzz_ctx_open(&ctx);
	pw_net_pv_probe(&ctx, &pv);
	assert(memchr(pv.name, '\0', sizeof(pv.name)));
	fuzz_ctx_close(&ctx);
	return 0;
}
