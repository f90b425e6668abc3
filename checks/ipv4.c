// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
