/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dpkg's status file, read as every run reads it (pw_ctx_gather: the
 * release's profile, then the packages the steps ask about), then the
 * packages step's inspect on it.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_ctx ctx;
	struct pw_result r = { 0 };

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "4.0\n");
	fuzz_guest_put("/var/lib/dpkg/status", (const char *)data, size);
	fuzz_ctx_open(&ctx);
	assert(ctx.dpkg.count <= PW_DPKG_MAX);
	for (size_t i = 0; i < ctx.dpkg.count; i++) {
		const struct pw_dpkg_pkg *p = &ctx.dpkg.pkgs[i];

		assert(memchr(p->name, '\0', sizeof(p->name)));
		assert(memchr(p->version, '\0', sizeof(p->version)));
		pw_dpkg_installed(&ctx.dpkg, p->name);
	}
	pw_inspect_packages(&ctx, &r);
	fuzz_ctx_close(&ctx);
	return 0;
}
