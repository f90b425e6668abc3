// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stop: a step that the wizard cannot get past (a 32-bit install). The
 * owner reads why and what can be done instead; the only way on is Quit.
 */
#include <stdio.h>

#include "scr.h"

enum pw_scr_result pw_scr_arch(const struct pw_ctx *ctx, enum pw_step_id step)
{
	struct scr_page p = { 0 };
	char text[PW_MSG_MAX * 2];
	int ret;

	if (step == PW_STEP_ARCH)
		snprintf(text, sizeof(text), "%s\n\n%s", ctx->results[step].message,
			 _("What you can do instead:\n"
			   " - Keep the VM as it is, as an HVM guest. It goes on working; "
			   "nothing has been changed.\n"
			   " - Or install it anew as a 64-bit (amd64) system, then run "
			   "paravm-wizard there."));
	else
		snprintf(text, sizeof(text), "%s\n\n%s", ctx->results[step].message,
			 _("Nothing has been changed. Do what the message says, then run "
			   "paravm-wizard again: it goes on from there."));
	p.title = step == PW_STEP_ARCH ? _("This VM cannot become a ParaVM")
				       : _("The conversion cannot go on");
	p.help = _("The wizard has stopped because of what it found in this VM. It has "
		   "changed nothing. Quit leaves the wizard; the VM keeps running as it does now.");
	p.text = text;
	p.next_label = _("Quit");
	p.no_back = p.no_cancel = true;
	if (scr_page_open(&p) != 0)
		return PW_ERROR;
	ret = scr_page_run(&p, NULL);
	scr_page_close(&p);
	return ret == PW_ERROR ? PW_ERROR : PW_CANCEL;
}
