// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * apt-get's own output, line by line: "Inst" lines of a simulation (-s),
 * the URIs and sizes of --print-uris, and the status-fd lines
 * (pmstatus:, dlstatus:, pmerror:) it writes while it runs.
 */
#include <stdlib.h>
#include <string.h>

#include "pw-apt.h"
#include "pw-text.h"

bool pw_apt_parse_inst(const char *line, char *name, size_t nsize, char *version, size_t vsize)
{
	const char *p, *q;

	if (strncmp(line, "Inst ", 5) != 0)
		return false;
	p = line + 5;
	q = p + strcspn(p, " ");
	if (q == p)
		return false;
	pw_copy(name, nsize, p, (size_t)(q - p));
	version[0] = '\0';
	/* "Inst a [old] (new repo [arch])": the new version follows '(' */
	p = strchr(q, '(');
	if (p) {
		p++;
		pw_copy(version, vsize, p, strcspn(p, " )"));
	}
	return true;
}

long long pw_apt_parse_uri_size(const char *line)
{
	const char *p;
	char *end;
	long long size;

	if (line[0] != '\'')
		return -1;
	p = strchr(line + 1, '\''); /* end of the URI, then a blank */
	if (!p || p[1] != ' ')
		return -1;
	p = strchr(p + 2, ' '); /* after the file name */
	if (!p)
		return -1;
	size = strtoll(p + 1, &end, 10);
	return end > p + 1 && (*end == ' ' || *end == '\0') && size >= 0 ? size : -1;
}

bool pw_apt_parse_status(const char *line, unsigned int *percent, char *what, size_t size,
			 bool *is_error)
{
	const char *p, *q;
	double value;
	char *end;

	*is_error = strncmp(line, "pmerror:", 8) == 0;
	if (strncmp(line, "pmstatus:", 9) != 0 && strncmp(line, "dlstatus:", 9) != 0 && !*is_error)
		return false;
	p = strchr(line, ':') + 1;
	q = strchr(p, ':'); /* end of the package name */
	if (!q)
		return false;
	value = strtod(q + 1, &end);
	if (end == q + 1 || *end != ':')
		return false;
	*percent = value < 0 ? 0 : value > 100 ? 100 : (unsigned int)value;
	pw_copy(what, size, end + 1, strlen(end + 1));
	return true;
}
