/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * apt-get's output as the packages plan reads it, line by line: the
 * "Inst NAME (VERSION ...)" lines of -s and the "'URI' FILE SIZE HASH"
 * lines of --print-uris.
 */
#include "fuzz.h"
#include "pw-apt.h"

static void one_line(const char *line)
{
	char name[128], version[128];

	if (pw_apt_parse_inst(line, name, sizeof(name), version, sizeof(version))) {
		assert(memchr(name, '\0', sizeof(name)) && name[0]);
		assert(memchr(version, '\0', sizeof(version)));
	}
	assert(pw_apt_parse_uri_size(line) >= -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_each_line(data, size, one_line);
	return 0;
}
