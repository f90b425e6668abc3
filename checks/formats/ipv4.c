// SPDX-License-Identifier: GPL-2.0-or-later
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-i18n.h"
#include "pw-net.h"

int pw_parse_ipv4(const char *s, struct pw_ipv4 *out)
{
	uint32_t addr = 0;

	for (int i = 0; i < 4; i++) {
		unsigned int octet = 0, digits = 0;

		while (*s >= '0' && *s <= '9') {
			/* "010" could be read as octal elsewhere: refuse it here */
			if (digits == 1 && octet == 0)
				return -EINVAL;
			octet = octet * 10 + (unsigned int)(*s++ - '0');
			if (++digits > 3 || octet > 255)
				return -EINVAL;
		}
		if (digits == 0)
			return -EINVAL;
		addr = addr << 8 | octet;
		if (i < 3 && *s++ != '.')
			return -EINVAL;
	}
	if (*s != '\0')
		return -EINVAL;
	out->addr = addr;
	return 0;
}

int pw_netmask_prefix(struct pw_ipv4 mask)
{
	return __builtin_popcount(mask.addr);
}

int pw_parse_netmask(const char *s, struct pw_ipv4 *out)
{
	struct pw_ipv4 mask;
	const char *p = *s == '/' ? s + 1 : s;

	if (*p >= '0' && *p <= '9' && strchr(p, '.') == NULL) {
		char *end;
		unsigned long bits = strtoul(p, &end, 10);

		if (*end || end - p > 2 || bits > 32 || (end - p == 2 && *p == '0'))
			return -EINVAL;
		out->addr = bits ? ~0u << (32 - bits) : 0;
		return 0;
	}
	if (p != s || pw_parse_ipv4(s, &mask) < 0)
		return -EINVAL;
	/* contiguous: the ones, inverted, plus one is a power of two */
	if ((~mask.addr & (~mask.addr + 1)) != 0)
		return -EINVAL;
	*out = mask;
	return 0;
}

void pw_ipv4_format(struct pw_ipv4 a, char buf[16])
{
	snprintf(buf, 16, "%u.%u.%u.%u", a.addr >> 24, (a.addr >> 16) & 0xff,
		 (a.addr >> 8) & 0xff, a.addr & 0xff);
}

bool pw_valid_ifname(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > 15 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("-_.:@", *p)))
			return false;
	return true;
}

/* ---- the one validator --------------------------------------------------- */

static enum pw_net_problem fail(struct pw_net_verdict *out, enum pw_net_problem p,
				enum pw_net_field f)
{
	out->problem = p;
	out->field = f;
	return p;
}

enum pw_net_problem pw_net_check_nameservers(const char *list, char *bad, size_t size)
{
	const char *p = list;
	bool any = false, ipv4 = false;

	while (*p) {
		unsigned char in6[16];
		struct pw_ipv4 ns;
		char word[64];
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len == 0)
			break;
		snprintf(word, sizeof(word), "%.*s", (int)(len < 63 ? len : 63), p);
		snprintf(bad, size, "%s", word);
		if (len < sizeof(word) && pw_parse_ipv4(word, &ns) == 0)
			ipv4 = true;
		/* inet_pton takes no zone ("%eth0"), which resolv.conf could not use here */
		else if (len >= sizeof(word) || inet_pton(AF_INET6, word, in6) != 1)
			return PW_NETP_NAMESERVER;
		any = true;
		p += len;
	}
	if (any && !ipv4) {
		snprintf(bad, size, "%s", list);
		return PW_NETP_NO_IPV4_NAMESERVER;
	}
	if (size)
		bad[0] = '\0';
	return PW_NETP_OK;
}

/* The address's place on its network, once address and netmask are known. */
static enum pw_net_problem check_host(struct pw_net_verdict *out)
{
	uint32_t host_bits = ~out->netmask.addr;

	out->prefix = pw_netmask_prefix(out->netmask);
	if (out->prefix < PW_NET_PREFIX_MIN || out->prefix > PW_NET_PREFIX_MAX)
		return fail(out, PW_NETP_PREFIX, PW_NET_NETMASK);
	if ((out->address.addr & host_bits) == 0)
		return fail(out, PW_NETP_NETWORK_ADDRESS, PW_NET_ADDRESS);
	if ((out->address.addr & host_bits) == host_bits)
		return fail(out, PW_NETP_BROADCAST_ADDRESS, PW_NET_ADDRESS);
	return PW_NETP_OK;
}

static enum pw_net_problem check_gateway(const char *gateway, struct pw_net_verdict *out)
{
	uint32_t host_bits = ~out->netmask.addr;
	struct pw_ipv4 gw;

	if (pw_parse_ipv4(gateway, &gw) < 0)
		return fail(out, PW_NETP_GATEWAY, PW_NET_GATEWAY);
	out->gateway = gw;
	if ((gw.addr & out->netmask.addr) != (out->address.addr & out->netmask.addr))
		return fail(out, PW_NETP_GATEWAY_OUTSIDE, PW_NET_GATEWAY);
	if (gw.addr == out->address.addr)
		return fail(out, PW_NETP_GATEWAY_SELF, PW_NET_GATEWAY);
	if ((gw.addr & host_bits) == 0 || (gw.addr & host_bits) == host_bits)
		return fail(out, PW_NETP_GATEWAY_NOT_HOST, PW_NET_GATEWAY);
	return PW_NETP_OK;
}

enum pw_net_problem pw_net_check(const struct pw_net_values *v, struct pw_net_verdict *out)
{
	memset(out, 0, sizeof(*out));
	if (v->interface && !pw_valid_ifname(v->interface))
		return fail(out, PW_NETP_INTERFACE, PW_NET_INTERFACE);
	if (v->address && pw_parse_ipv4(v->address, &out->address) < 0)
		return fail(out, PW_NETP_ADDRESS, PW_NET_ADDRESS);
	if (v->netmask && pw_parse_netmask(v->netmask, &out->netmask) < 0)
		return fail(out, PW_NETP_NETMASK, PW_NET_NETMASK);
	if (v->address && v->netmask && check_host(out) != PW_NETP_OK)
		return out->problem;
	if (v->address && v->netmask && v->gateway && check_gateway(v->gateway, out) != PW_NETP_OK)
		return out->problem;
	if (v->nameservers) {
		enum pw_net_problem p = pw_net_check_nameservers(v->nameservers, out->bad,
								 sizeof(out->bad));

		if (p != PW_NETP_OK)
			return fail(out, p, PW_NET_NAMESERVERS);
	}
	return PW_NETP_OK;
}

#define FAIL(f, ...)                                  \
	do {                                          \
		*field = (f);                         \
		snprintf(why, size, __VA_ARGS__);     \
		return -EINVAL;                       \
	} while (0)

int pw_net_validate(const struct pw_net_config *cfg, enum pw_net_field *field, char *why,
		    size_t size)
{
	const struct pw_net_values v = { cfg->interface, cfg->address, cfg->netmask, cfg->gateway,
					 cfg->nameservers };
	struct pw_net_verdict out;
	char net[16];

	*field = PW_NET_NONE;
	why[0] = '\0';
	pw_net_check(&v, &out);
	pw_ipv4_format((struct pw_ipv4){ out.address.addr & out.netmask.addr }, net);
	switch (out.problem) {
	case PW_NETP_OK:
		return 0;
	case PW_NETP_INTERFACE:
		FAIL(PW_NET_INTERFACE, _("\"%s\" is not a network interface name such as eth0."),
		     cfg->interface);
	case PW_NETP_ADDRESS:
		FAIL(PW_NET_ADDRESS, _("\"%s\" is not an IPv4 address; write four numbers from 0 to 255 with dots, such as 18.181.1.23."),
		     cfg->address);
	case PW_NETP_NETMASK:
		FAIL(PW_NET_NETMASK, _("\"%s\" is not a netmask; write it as 255.255.0.0 or /16."),
		     cfg->netmask);
	case PW_NETP_PREFIX:
		FAIL(PW_NET_NETMASK, _("the netmask /%d leaves no room for a network with a gateway; it is usually between /8 and /30 (255.255.0.0 is /16)."),
		     out.prefix);
	case PW_NETP_NETWORK_ADDRESS:
		FAIL(PW_NET_ADDRESS, _("%s is the address of the network %s/%d itself, not of a machine on it."),
		     cfg->address, net, out.prefix);
	case PW_NETP_BROADCAST_ADDRESS:
		FAIL(PW_NET_ADDRESS, _("%s is the broadcast address of the network %s/%d, not of a machine on it."),
		     cfg->address, net, out.prefix);
	case PW_NETP_GATEWAY:
		FAIL(PW_NET_GATEWAY, _("\"%s\" is not an IPv4 address; write four numbers from 0 to 255 with dots, such as 18.181.0.1."),
		     cfg->gateway);
	case PW_NETP_GATEWAY_OUTSIDE:
		FAIL(PW_NET_GATEWAY, _("the gateway %s is not on the network %s/%d."), cfg->gateway,
		     net, out.prefix);
	case PW_NETP_GATEWAY_SELF:
		FAIL(PW_NET_GATEWAY, _("the gateway %s is this machine's own address; it must be the router's."),
		     cfg->gateway);
	case PW_NETP_GATEWAY_NOT_HOST:
		FAIL(PW_NET_GATEWAY, _("%s is the network's own or broadcast address, not a router's."),
		     cfg->gateway);
	case PW_NETP_NAMESERVER:
		FAIL(PW_NET_NAMESERVERS, _("\"%s\" is not an IPv4 address of a name server."),
		     out.bad);
	case PW_NETP_NO_IPV4_NAMESERVER:
		FAIL(PW_NET_NAMESERVERS, _("the name servers \"%s\" are all IPv6; the VM gets an IPv4 address only, so give at least one IPv4 name server."),
		     cfg->nameservers);
	}
	return -EINVAL;
}
