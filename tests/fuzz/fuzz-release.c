/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What release the guest is: /etc/os-release, /etc/lsb-release and
 * /etc/debian_version (split at form feeds; a missing part, a missing
 * file), then the distro step's inspect with the shipped profiles.
 */
#include "fuzz.h"

static const char *const files[] = {
	"/etc/os-release", "/etc/lsb-release", "/etc/debian_version",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[3];
	size_t len[3], n = fuzz_split(data, size, part, len, 3);
	struct pw_ctx ctx;
	struct pw_result r = { 0 };
	char text[256];

	fuzz_guest_tree();
	fuzz_guest_put_parts(files, 3, part, len, n);
	fuzz_ctx_open(&ctx);
	pw_inspect_distro(&ctx, &r);
	pw_distro_describe(&ctx, text, sizeof(text));
	assert(memchr(ctx.distro.id, '\0', sizeof(ctx.distro.id)));
	fuzz_ctx_close(&ctx);
	return 0;
}
