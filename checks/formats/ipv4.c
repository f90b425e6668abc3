// SPDX-License-Identifier: GPL-2.0-or-later
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

#define FAIL(f, ...)                                  \
	do {                                          \
		*field = (f);                         \
		snprintf(why, size, __VA_ARGS__);     \
		return -EINVAL;                       \
	} while (0)

int pw_net_validate(const struct pw_net_config *cfg, enum pw_net_field *field, char *why,
		    size_t size)
{
	struct pw_ipv4 addr, mask, gw, ns;
	char net[16], text[64];
	const char *p;
	uint32_t host_bits;
	int prefix;

	*field = PW_NET_NONE;
	why[0] = '\0';
	if (!pw_valid_ifname(cfg->interface))
		FAIL(PW_NET_INTERFACE, _("\"%s\" is not a network interface name such as eth0."),
		     cfg->interface);
	if (pw_parse_ipv4(cfg->address, &addr) < 0)
		FAIL(PW_NET_ADDRESS, _("\"%s\" is not an IPv4 address; write four numbers from 0 to 255 with dots, such as 18.181.1.23."),
		     cfg->address);
	if (pw_parse_netmask(cfg->netmask, &mask) < 0)
		FAIL(PW_NET_NETMASK, _("\"%s\" is not a netmask; write it as 255.255.0.0 or /16."),
		     cfg->netmask);
	prefix = pw_netmask_prefix(mask);
	if (prefix < PW_NET_PREFIX_MIN || prefix > PW_NET_PREFIX_MAX)
		FAIL(PW_NET_NETMASK, _("the netmask /%d leaves no room for a network with a gateway; it is usually between /8 and /30 (255.255.0.0 is /16)."),
		     prefix);
	host_bits = ~mask.addr;
	pw_ipv4_format((struct pw_ipv4){ addr.addr & mask.addr }, net);
	if ((addr.addr & host_bits) == 0)
		FAIL(PW_NET_ADDRESS, _("%s is the address of the network %s/%d itself, not of a machine on it."),
		     cfg->address, net, prefix);
	if ((addr.addr & host_bits) == host_bits)
		FAIL(PW_NET_ADDRESS, _("%s is the broadcast address of the network %s/%d, not of a machine on it."),
		     cfg->address, net, prefix);
	if (pw_parse_ipv4(cfg->gateway, &gw) < 0)
		FAIL(PW_NET_GATEWAY, _("\"%s\" is not an IPv4 address; write four numbers from 0 to 255 with dots, such as 18.181.0.1."),
		     cfg->gateway);
	if ((gw.addr & mask.addr) != (addr.addr & mask.addr))
		FAIL(PW_NET_GATEWAY, _("the gateway %s is not on the network %s/%d."), cfg->gateway,
		     net, prefix);
	if (gw.addr == addr.addr)
		FAIL(PW_NET_GATEWAY, _("the gateway %s is this machine's own address; it must be the router's."),
		     cfg->gateway);
	if ((gw.addr & host_bits) == 0 || (gw.addr & host_bits) == host_bits)
		FAIL(PW_NET_GATEWAY, _("%s is the network's own or broadcast address, not a router's."),
		     cfg->gateway);
	for (p = cfg->nameservers; *p;) {
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len == 0)
			break;
		snprintf(text, sizeof(text), "%.*s", (int)(len < 63 ? len : 63), p);
		if (len >= sizeof(text) || pw_parse_ipv4(text, &ns) < 0)
			FAIL(PW_NET_NAMESERVERS, _("\"%s\" is not an IPv4 address of a name server."),
			     text);
		p += len;
	}
	return 0;
}
