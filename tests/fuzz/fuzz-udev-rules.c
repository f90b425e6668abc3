/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * udev rules that name network cards (70-persistent-net.rules), then the
 * name the card will have under ParaVM, on an etch guest holding them.
 */
#include "fuzz.h"
#include "pw-interfaces.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_net_rule rules[16];
	size_t n = pw_net_rules_parse((const char *)data, size, rules, 16);
	struct pw_ctx ctx;
	struct pw_net_pv pv;

	assert(n <= 16);
	for (size_t i = 0; i < n; i++)
		assert(memchr(rules[i].name, '\0', sizeof(rules[i].name)));

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "4.0\n");
	fuzz_guest_put("/etc/udev/rules.d/z25_persistent-net.rules", (const char *)data, size);
	fuzz_ctx_open(&ctx);
	pw_net_pv_probe(&ctx, &pv);
	fuzz_ctx_close(&ctx);
	return 0;
}
