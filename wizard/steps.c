// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "pw-apt.h"
#include "pw-grub.h"
#include "pw-console.h"
#include "pw-fstab.h"
#include "pw-interfaces.h"
#include "pw-steps.h"
#include "pw-text.h"

const struct pw_step pw_steps[PW_STEP_COUNT] = {
	{ .id = PW_STEP_ARCH, .name = "arch", .title = N_("Architecture"),
	  .inspect = pw_inspect_arch },
	{ .id = PW_STEP_DISTRO, .name = "distro", .title = N_("Release"),
	  .inspect = pw_inspect_distro },
	{ .id = PW_STEP_NETWORK, .name = "network", .title = N_("Network"),
	  .inspect = pw_inspect_network, .plan = pw_plan_network },
	{ .id = PW_STEP_PACKAGES, .name = "packages", .title = N_("Kernel packages"),
	  .inspect = pw_inspect_packages, .plan = pw_plan_packages, .apply = pw_apply_packages },
	{ .id = PW_STEP_GRUB, .name = "grub", .title = N_("Boot menu"),
	  .inspect = pw_inspect_grub, .plan = pw_plan_grub, .apply = pw_apply_grub },
	{ .id = PW_STEP_CONSOLE, .name = "console", .title = N_("Serial console"),
	  .inspect = pw_inspect_console, .plan = pw_plan_console },
	{ .id = PW_STEP_DISKS, .name = "disks", .title = N_("Disks"),
	  .inspect = pw_inspect_disks, .plan = pw_plan_disks },
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
