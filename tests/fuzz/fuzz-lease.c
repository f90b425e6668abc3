/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ISC dhclient's lease files: the newest current lease of an interface
 * (and the newest expired one), for the network step's defaults. Every
 * field it returns must be a valid string of its size.
 */
#include "fuzz.h"
#include "pw-interfaces.h"

static void check_lease(const struct pw_lease *l)
{
	assert(memchr(l->interface, '\0', sizeof(l->interface)));
	assert(memchr(l->address, '\0', sizeof(l->address)));
	assert(memchr(l->netmask, '\0', sizeof(l->netmask)));
	assert(memchr(l->gateway, '\0', sizeof(l->gateway)));
	assert(memchr(l->nameservers, '\0', sizeof(l->nameservers)));
	assert(memchr(l->expire_text, '\0', sizeof(l->expire_text)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "eth0", "ens3", "" };
	/* 2008-04-24: leases of the etch fixtures are current then */
	const long long now = 1209070000LL;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct pw_lease lease, expired;

		memset(&expired, 0, sizeof(expired));
		if (pw_lease_parse((const char *)data, size, names[i], now, &lease, &expired) == 0)
			check_lease(&lease);
		check_lease(&expired);
	}
	return 0;
}
