/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /etc/resolv.conf where nothing manages it: its name servers, read and set. */
#ifndef PW_RESOLV_H
#define PW_RESOLV_H

#include <stddef.h>

struct pw_buf;

/* The "nameserver" addresses of @text, blank-separated, in order. */
void pw_resolv_servers(const char *text, size_t len, char *out, size_t size);
/*
 * @text with its nameserver lines replaced by one for each of @servers
 * (blank-separated), where the first of them was (else at the end); every
 * other line (search, options, comments) kept byte for byte.
 */
void pw_resolv_edit(const char *text, size_t len, const char *servers, struct pw_buf *out);

#endif /* PW_RESOLV_H */
