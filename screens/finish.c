// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The last screen: exactly what to do now, and the way back if the VM does
 * not boot as a ParaVM. The same text outlives the screen: wizard/flow.c
 * prints it to the terminal once newt has ended and writes it to a file
 * in the guest (pw_scr_next_steps).
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "pw-root.h"
#include "scr.h"

void pw_scr_next_steps(const struct pw_ctx *ctx, const char *file, char *text, size_t size)
{
	char panel[300], console[64], kernel[128] = "";
	struct utsname u;

	if (ctx->site.panel_url[0])
		snprintf(panel, sizeof(panel), "%s", ctx->site.panel_url);
	else
		snprintf(panel, sizeof(panel), "%s", _("the hosting service's web panel"));
	if (ctx->have_profile && ctx->profile.console[0])
		snprintf(console, sizeof(console), "%s", ctx->profile.console);
	else
		snprintf(console, sizeof(console), "%s", "hvc0");
	/* the kernel running now is the guest's only when the wizard runs inside it */
	if (ctx->root && pw_root_is_host(ctx->root) && uname(&u) == 0)
		/* TRANSLATORS: the kernel's version, as "6.1.0-18-amd64" */
		snprintf(kernel, sizeof(kernel), _(", Linux %s"), u.release);
	snprintf(text, size,
		 /*
		  * TRANSLATORS: %1$s the hosting service's page, %2$s the serial
		  * console's device (hvc0), %3$s ", Linux VERSION" or nothing, %4$s
		  * the file these steps are kept in. "HVM" and "ParaVM" are the
		  * labels of the hosting page's radio button.
		  */
		 _("This VM is ready to boot as a ParaVM. Now:\n"
		   " 1. Shut the VM down: \"shutdown -h now\".\n"
		   " 2. On its page at %1$s, switch it from HVM to ParaVM.\n"
		   " 3. Boot it, and open its serial console (%2$s) on that page.\n"
		   " 4. Log in there and run paravm-wizard again: it checks that all is well.\n"
		   "\n"
		   "If it does not boot: switch back to HVM and boot. In the boot menu, pick "
		   "the first entry (if that fails too: \"Advanced options\", then the kernel "
		   "the VM ran before%3$s). Then \"paravm-wizard --undo --all\" puts back "
		   "every file the conversion changed (installed packages stay).\n"
		   "These steps are also in %4$s."),
		 panel, console, kernel, file);
}

enum pw_scr_result pw_scr_finish(const struct pw_ctx *ctx, const char *file)
{
	struct scr_page p = { 0 };
	char text[4096], help[1024];
	int ret;

	pw_scr_next_steps(ctx, file, text, sizeof(text));
	p.title = _("Ready: what to do now");
	snprintf(help, sizeof(help),
		 _("The wizard has done its part. The switch to ParaVM is made on the hosting "
		   "service's page, with the VM shut down. Finish quits and leaves these steps "
		   "on this console; they are also kept in %s, to read again after the "
		   "switch. Back shows the steps of the conversion again."), file);
	p.help = help;
	p.text = text;
	p.next_label = _("Finish");
	p.no_cancel = true;
	if (scr_page_open(&p) != 0)
		return PW_ERROR;
	do
		ret = scr_page_run(&p, NULL);
	while (ret == SCR_OTHER);
	scr_page_close(&p);
	return (enum pw_scr_result)ret;
}
