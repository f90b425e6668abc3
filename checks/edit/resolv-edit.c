// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /etc/resolv.conf as the resolver of glibc reads it (resolv.conf(5)): a
 * line "nameserver ADDRESS" per server, the keyword first on its line; a
 * line starting with '#' or ';' is a comment. The editor changes only the
 * nameserver lines.
 */
#include <string.h>

#include "pw-resolv.h"
#include "pw-text.h"

/* Is [line, line+n) a nameserver line? Then its address is copied to @addr. */
static bool nameserver_line(const char *line, size_t n, char *addr, size_t size)
{
	const char *p = line, *end = line + n;
	char word[64];

	if (!pw_next_word(&p, end, word, sizeof(word)) || strcmp(word, "nameserver") != 0)
		return false;
	if (!pw_next_word(&p, end, addr, size))
		addr[0] = '\0';
	return true;
}

void pw_resolv_servers(const char *text, size_t len, char *out, size_t size)
{
	struct pw_lines it;
	const char *line;
	size_t n, used = 0;
	char addr[64];

	out[0] = '\0';
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		if (!nameserver_line(line, n, addr, sizeof(addr)) || !addr[0] ||
		    used + strlen(addr) + 2 > size)
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " " : "", addr);
	}
}

static void put_servers(struct pw_buf *b, const char *servers)
{
	const char *p = servers, *end = servers + strlen(servers);
	char word[64];

	while (pw_next_word(&p, end, word, sizeof(word)))
		pw_buf_printf(b, "nameserver %s\n", word);
}

void pw_resolv_edit(const char *text, size_t len, const char *servers, struct pw_buf *out)
{
	const char *p = text, *end = text + len;
	bool put = false;
	char addr[64];

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;

		if (nameserver_line(p, (size_t)((nl ? nl : end) - p), addr, sizeof(addr))) {
			if (!put)
				put_servers(out, servers);
			put = true;
		} else {
			pw_buf_add(out, p, (size_t)(next - p));
			if (!nl)
				pw_buf_str(out, "\n");
		}
		p = next;
	}
	if (!put)
		put_servers(out, servers);
}
