/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IPv4 values as the owner types them. One set of parsers, used by the
 * site config, the answers file, the screens' validators and the network
 * step alike, so that a value refused in one place is refused in all.
 */
#ifndef PW_NET_H
#define PW_NET_H

#include <stdbool.h>
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
/* The prefixes that leave room for a network with a gateway, as services use. */
#define PW_NET_PREFIX_MIN 8
#define PW_NET_PREFIX_MAX 30
void pw_ipv4_format(struct pw_ipv4 a, char buf[16]);

/* The static configuration the owner gives (answers file, network screen). */
struct pw_net_config {
	char interface[16];
	char address[16];
	char netmask[16];	/* as given: dotted or /NN */
	char gateway[16];
	char nameservers[256];	/* blank-separated, may be empty */
};

enum pw_net_field {
	PW_NET_NONE = 0,
	PW_NET_INTERFACE,
	PW_NET_ADDRESS,
	PW_NET_NETMASK,
	PW_NET_GATEWAY,
	PW_NET_NAMESERVERS,
};

/*
 * Check a configuration as a whole: each value well formed, the netmask
 * contiguous and leaving room for hosts, the address neither the network
 * nor the broadcast address, the gateway on the same network. 0 valid;
 * -EINVAL with the field at fault and a sentence for the owner (in their
 * language) in @why. Every place that takes these values calls this.
 */
int pw_net_validate(const struct pw_net_config *cfg, enum pw_net_field *field, char *why,
		    size_t size);
/* An interface name as the kernel allows it (at most 15 bytes, no blank or '/'). */
bool pw_valid_ifname(const char *name);

#endif /* PW_NET_H */
