/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * apt's status descriptor (APT::Status-Fd) as the progress screen reads it,
 * line by line: pmstatus, dlstatus and pmerror lines.
 */
#include "fuzz.h"
#include "pw-apt.h"

static void one_line(const char *line)
{
	char what[256];
	unsigned int percent;
	bool is_error;

	if (pw_apt_parse_status(line, &percent, what, sizeof(what), &is_error)) {
		assert(percent <= 100);
		assert(memchr(what, '\0', sizeof(what)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_each_line(data, size, one_line);
	return 0;
}
