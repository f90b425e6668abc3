// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The last screen: exactly what to do now, and the way back if the VM does
 * not boot as a ParaVM.
 */
#include <stdio.h>

#include "scr.h"

enum pw_scr_result pw_scr_finish(const struct pw_ctx *ctx)
{
	struct scr_page p = { 0 };
	char text[2048], panel[300], console[64];
	int ret;

	if (ctx->site.panel_url[0])
		snprintf(panel, sizeof(panel), "%s", ctx->site.panel_url);
	else
		snprintf(panel, sizeof(panel), "%s", _("the hosting service's web panel"));
	if (ctx->have_profile && ctx->profile.console[0])
		snprintf(console, sizeof(console), "%s", ctx->profile.console);
	else
		snprintf(console, sizeof(console), "%s", _("the serial console"));

	snprintf(text, sizeof(text),
		 _("This VM is ready to boot as a ParaVM. Now:\n"
		   " 1. Shut the VM down (\"shutdown -h now\").\n"
		   " 2. Open the VM's page at %s.\n"
		   " 3. Change the radio button from HVM to ParaVM.\n"
		   " 4. Boot the VM.\n"
		   " 5. Log in on the serial console (%s) from that page.\n"
		   "\n"
		   "If it does not boot: switch the radio button back to HVM, boot, and pick "
		   "the old kernel in the boot menu. Then \"paravm-wizard --undo\" puts back "
		   "the files of the last step applied; run it again for each step before."),
		 panel, console);
	p.title = _("Ready: what to do now");
	p.help = _("The wizard has done its part. The switch to ParaVM is made on the "
		   "hosting service's page, with the VM shut down. Write these steps down or "
		   "keep this screen open on another console. Back shows the steps again; "
		   "Finish quits.");
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
