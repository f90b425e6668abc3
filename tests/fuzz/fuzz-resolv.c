/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/resolv.conf: its name servers read, then replaced. The edit keeps
 * every line that is not a nameserver line, so the new text is at least
 * that long, and read again it names exactly the new servers.
 */
#include "fuzz.h"
#include "pw-resolv.h"
#include "pw-text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_buf b = { 0 };
	char servers[256], again[256];
	char *text = malloc(size + 1);

	assert(text);
	memcpy(text, data, size);
	text[size] = '\0';
	/* as read from the guest: a NUL-terminated text without NUL bytes */
	if (memchr(text, '\0', size) == NULL) {
		pw_resolv_servers(text, size, servers, sizeof(servers));
		assert(memchr(servers, '\0', sizeof(servers)));
		pw_resolv_edit(text, size, "18.70.0.160 18.71.0.151", &b);
		assert(!b.failed);
		pw_resolv_servers(b.data, b.len, again, sizeof(again));
		assert(strcmp(again, "18.70.0.160 18.71.0.151") == 0);
		pw_buf_free(&b);
	}
	free(text);
	return 0;
}
