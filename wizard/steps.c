// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "pw-steps.h"
#include "pw-text.h"

const struct pw_step pw_steps[PW_STEP_COUNT] = {
	{ PW_STEP_ARCH, "arch", N_("Architecture"), pw_inspect_arch },
	{ PW_STEP_DISTRO, "distro", N_("Release"), pw_inspect_distro },
	{ PW_STEP_NETWORK, "network", N_("Network"), pw_inspect_network },
	{ PW_STEP_PACKAGES, "packages", N_("Kernel packages"), pw_inspect_packages },
	{ PW_STEP_GRUB, "grub", N_("Boot menu"), pw_inspect_grub },
	{ PW_STEP_CONSOLE, "console", N_("Serial console"), pw_inspect_console },
	{ PW_STEP_DISKS, "disks", N_("Disks"), pw_inspect_disks },
};

int pw_steps_parse(const char *list, unsigned int *mask, char *bad, size_t size)
{
	const char *p = list;

	*mask = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		size_t i;

		for (i = 0; i < PW_STEP_COUNT; i++)
			if (strlen(pw_steps[i].name) == len && memcmp(pw_steps[i].name, p, len) == 0)
				break;
		if (i == PW_STEP_COUNT) {
			pw_copy(bad, size, p, len);
			return -EINVAL;
		}
		*mask |= 1u << i;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

void pw_steps_inspect(struct pw_ctx *ctx, unsigned int mask)
{
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		pw_result_init(&ctx->results[i]);
		if (mask & (1u << i))
			pw_steps[i].inspect(ctx, &ctx->results[i]);
	}
}

enum pw_exit pw_steps_exit_status(const struct pw_ctx *ctx, unsigned int mask)
{
	enum pw_status worst = PW_OK;

	for (size_t i = 0; i < PW_STEP_COUNT; i++)
		if ((mask & (1u << i)) && ctx->results[i].status > worst)
			worst = ctx->results[i].status;
	return worst == PW_BLOCKED ? PW_EXIT_BLOCKED
	     : worst == PW_TODO    ? PW_EXIT_TODO
				   : PW_EXIT_READY;
}
