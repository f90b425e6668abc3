// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pw-apt.h"
#include "pw-grub.h"
#include "pw-console.h"
#include "pw-fstab.h"
#include "pw-interfaces.h"
#include "pw-screens.h"
#include "pw-steps.h"
#include "pw-text.h"

/* The network's values screen, prefilled with what the plan would use. */
static enum pw_scr_result network_values(struct pw_ctx *ctx, const char *title)
{
	struct pw_net_config cfg;

	pw_net_prefill(ctx, &cfg);
	return pw_scr_network(ctx, &cfg, title);
}

/*
 * The console's test, shown after its apply: the static check of what was
 * written (the re-inspect), and the live one where the device exists.
 */
static void console_after(struct pw_ctx *ctx, const char *title)
{
	const char *dev = ctx->profile.console;
	char text[PW_MSG_MAX * 2];
	bool running;
	int live = pw_console_live_check(ctx, "/proc", &running);

	snprintf(text, sizeof(text), _("What was written: %s\n\n"), ctx->results[PW_STEP_CONSOLE].message);
	if (live == 1)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 _("Live test: not possible now, because %s exists only while the VM runs as a ParaVM. After the switch, log in on the serial console and run paravm-wizard again: it tests the login prompt there."),
			 dev);
	else if (live == 0 && running)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 _("Live test: a login prompt runs on %s now."), dev);
	else
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 _("Live test: no login prompt runs on %s yet; it starts at the next boot."), dev);
	pw_scr_message(title, text);
}

const struct pw_step pw_steps[PW_STEP_COUNT] = {
	{ .id = PW_STEP_ARCH, .name = "arch", .title = N_("Architecture"),
	  .inspect = pw_inspect_arch },
	{ .id = PW_STEP_DISTRO, .name = "distro", .title = N_("Release"),
	  .inspect = pw_inspect_distro },
	{ .id = PW_STEP_NETWORK, .name = "network", .title = N_("Network"),
	  .inspect = pw_inspect_network, .plan = pw_plan_network,
	  .values = network_values, .review = pw_scr_review,
	  .purpose = N_("Under ParaVM this VM cannot get its address by DHCP (the automatic set-up it uses now): its network card gets fixed settings."),
	  .help = N_("Apply writes these settings to /etc/network/interfaces. They take effect at the next boot: the VM keeps its network as it is until then. A wrong address or gateway would leave the VM unreachable over the network, but the text console on the hosting service's page still works. The old file is saved first.") },
	{ .id = PW_STEP_PACKAGES, .name = "packages", .title = N_("Kernel packages"),
	  .inspect = pw_inspect_packages, .plan = pw_plan_packages, .apply = pw_apply_packages,
	  .review = pw_scr_review,
	  .purpose = N_("A Linux kernel that can start under Xen as a ParaVM is installed with apt-get, Debian's package tool."),
	  .help = N_("Apply runs apt-get in the VM, which downloads the kernel from the VM's own package sources and installs it; this can take a few minutes. The kernel the VM runs now stays installed, so that it can still boot as an HVM."),
	  .confirm = N_("apt-get installs %s now. \"paravm-wizard --undo\" puts back the files the wizard changed, but it does not remove installed packages (apt-get remove does that).\n\nInstall now?") },
	{ .id = PW_STEP_GRUB, .name = "grub", .title = N_("Boot menu"),
	  .inspect = pw_inspect_grub, .plan = pw_plan_grub, .apply = pw_apply_grub,
	  .review = pw_scr_review,
	  .purpose = N_("The boot menu (grub) is set up so that Xen starts the new kernel and shows its messages on the text console of the hosting service's page."),
	  .help = N_("The boot menu is the list of kernels the VM can start. Under ParaVM, Xen reads it itself (with pygrub) and starts the entry it names first. Apply changes the files shown, each saved first, and runs the command that writes the menu anew.") },
	{ .id = PW_STEP_CONSOLE, .name = "console", .title = N_("Serial console"),
	  .inspect = pw_inspect_console, .plan = pw_plan_console,
	  .review = pw_scr_review,
	  .after = console_after, .after_title = N_("Serial console: the test"),
	  .purpose = N_("A login prompt is set up on the serial console, the text console of the hosting service's page, so that you can log in there after the switch."),
	  .help = N_("A ParaVM has no screen: its text console is the serial console on the hosting service's page. Without a login prompt there, you could not log in if the network did not come up. Apply adds the prompt; each file it changes is saved first.") },
	{ .id = PW_STEP_DISKS, .name = "disks", .title = N_("Disks"),
	  .inspect = pw_inspect_disks, .plan = pw_plan_disks, .review = pw_scr_review,
	  .purpose = N_("The list of disks mounted at boot (/etc/fstab) names each disk by its UUID, a number written in the filesystem that stays the same when ParaVM gives the disks new names."),
	  .help = N_("Under ParaVM the disks are named /dev/xvda, /dev/xvdb, ... instead of /dev/sda: a line of /etc/fstab that names /dev/sda1 would find no disk. A UUID does not change. Apply rewrites /etc/fstab, saved first, and keeps each old name in a comment.") },
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
