/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IPv4 values as the owner types them. One set of parsers, used by the
 * site config, the answers file, the screens' validators and the network
 * step alike, so that a value refused in one place is refused in all.
 */
#ifndef PW_NET_H
#define PW_NET_H

#include <stddef.h>
#include <stdint.h>

struct pw_ipv4 {
	uint32_t addr; /* host byte order */
};

/* A dotted quad, four decimal octets 0-255, nothing else: 0, or -EINVAL. */
int pw_parse_ipv4(const char *s, struct pw_ipv4 *out);
/* A contiguous netmask, dotted ("255.255.0.0") or as a prefix ("/16", "16"). */
int pw_parse_netmask(const char *s, struct pw_ipv4 *out);
int pw_netmask_prefix(struct pw_ipv4 mask);
void pw_ipv4_format(struct pw_ipv4 a, char buf[16]);

#endif /* PW_NET_H */
