// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one way an error reaches the owner: a line on stderr, named after
 * the program, or, while the screens are up, a dialog (stderr would be
 * drawn over, or lost when newt gives the terminal back).
 */
#include <stdarg.h>
#include <stdio.h>

#include "pw-steps.h"

static void (*dialog)(const char *title, const char *text);

void pw_report_to_dialog(void (*show)(const char *title, const char *text))
{
	dialog = show;
}

void pw_report_line(const char *fmt, ...)
{
	va_list ap;

	fputs("paravm-wizard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void pw_report_error(const struct pw_error *err)
{
	if (dialog)
		dialog(_("The wizard has to stop"), err->message);
	else
		pw_report_line("%s", err->message);
}
