// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /etc/securetty: the terminals root may log in on, one name a line
 * ("hvc0"; "/dev/hvc0" is accepted too), '#' comments. The file is
 * optional: where it is absent (Debian 12), root may log in anywhere.
 */
#include <string.h>

#include "pw-console.h"
#include "pw-text.h"

bool pw_securetty_lists(const char *text, size_t len, const char *dev)
{
	struct pw_lines it;
	const char *line;
	size_t n, dlen = strlen(dev);

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end);

		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (s == end || *s == '#')
			continue;
		if (pw_has_prefix(s, (size_t)(end - s), "/dev/"))
			s += 5;
		if ((size_t)(end - s) == dlen && memcmp(s, dev, dlen) == 0)
			return true;
	}
	return false;
}
