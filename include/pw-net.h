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
/* The prefixes that leave room for a network with a gateway (policy: see pw_net_check). */
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
 * The one validator of static IPv4 settings. The inspect (a stanza's
 * values), the plan (the values it will write) and the network screen
 * (through pw_net_validate) all call it, so that a value refused in one
 * is refused in all. The policy:
 *
 * - the address and the gateway are dotted quads (pw_parse_ipv4);
 * - the netmask is contiguous (dotted, or a /prefix) and between /8 and
 *   /30. A /31 (RFC 3021) and a /32 are refused: ifupdown's "gateway"
 *   line needs the gateway inside the network and distinct from its
 *   broadcast address, and 0.6's ifconfig (etch to squeeze) makes the
 *   other address of a /31 the broadcast address; a /32 holds no gateway
 *   at all. The hosting service's networks are /16. Wider than /8 is
 *   refused as a typing error;
 * - the address is neither the network's own address nor its broadcast
 *   address;
 * - the gateway is on the network, and is neither the address itself nor
 *   the network's own or broadcast address;
 * - the name servers, separated by blanks, are each an IPv4 address or an
 *   IPv6 address (without a zone: resolvconf, systemd-resolved and
 *   /etc/resolv.conf all take both); as the VM is given IPv4 only, at
 *   least one of them is IPv4, so that names resolve whether or not the
 *   network also gives it IPv6. An empty list is fine (none written).
 *
 * A value given as NULL is not checked (a stanza without a gateway line,
 * for instance: the caller says what is missing).
 */
struct pw_net_values {
	const char *interface;
	const char *address;
	const char *netmask;
	const char *gateway;
	const char *nameservers;
};

enum pw_net_problem {
	PW_NETP_OK = 0,
	PW_NETP_INTERFACE,		/* not a name the kernel allows */
	PW_NETP_ADDRESS,		/* not a dotted quad */
	PW_NETP_NETMASK,		/* not a contiguous netmask */
	PW_NETP_PREFIX,			/* contiguous, but outside /8 to /30 */
	PW_NETP_NETWORK_ADDRESS,	/* the address is the network's own */
	PW_NETP_BROADCAST_ADDRESS,	/* the address is the broadcast address */
	PW_NETP_GATEWAY,		/* not a dotted quad */
	PW_NETP_GATEWAY_OUTSIDE,	/* not on the network */
	PW_NETP_GATEWAY_SELF,		/* the address itself */
	PW_NETP_GATEWAY_NOT_HOST,	/* the network's own or broadcast address */
	PW_NETP_NAMESERVER,		/* a word that is no IPv4 or IPv6 address */
	PW_NETP_NO_IPV4_NAMESERVER,	/* only IPv6 name servers */
};

struct pw_net_verdict {
	enum pw_net_problem problem;
	enum pw_net_field field;	/* the value at fault */
	char bad[64];			/* the word at fault (a name server), as given */
	struct pw_ipv4 address, netmask, gateway;	/* as parsed, so far */
	int prefix;
};

/* Check @v by the policy above: the problem (PW_NETP_OK), filled in @out. */
enum pw_net_problem pw_net_check(const struct pw_net_values *v, struct pw_net_verdict *out);
/* The name servers alone: PW_NETP_OK, NAMESERVER or NO_IPV4_NAMESERVER. */
enum pw_net_problem pw_net_check_nameservers(const char *list, char *bad, size_t size);

/*
 * pw_net_check on a configuration the owner gives, every value checked:
 * 0 valid; -EINVAL with the field at fault and a sentence for the owner
 * (in their language) in @why. Every place that takes these values calls
 * this.
 */
int pw_net_validate(const struct pw_net_config *cfg, enum pw_net_field *field, char *why,
		    size_t size);
/* An interface name as the kernel allows it (at most 15 bytes, no blank or '/'). */
bool pw_valid_ifname(const char *name);

#endif /* PW_NET_H */
