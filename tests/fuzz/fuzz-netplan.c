/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netplan YAML: up to three files (split at form feeds) fed to libyaml and
 * merged in order, as the guest's /etc/netplan would be. Every string of
 * the result must be terminated, and a refused file must name itself.
 * Each part is also read as a cloud-init config file (YAML too).
 */
#include "fuzz.h"
#include "pw-netplan.h"

#define TERMINATED(s) assert(memchr((s), '\0', sizeof(s)))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = { "/lib/netplan/a.yaml", "/etc/netplan/b.yaml",
					     "/run/netplan/c.yaml" };
	const char *parts[3];
	size_t lens[3], n = fuzz_split(data, size, parts, lens, 3);
	struct pw_netplan *np = malloc(sizeof(*np));

	assert(np);
	pw_netplan_init(np);
	for (size_t i = 0; i < n; i++) {
		int disabled;

		if (pw_cloudcfg_network(parts[i], lens[i], &disabled) == 0)
			assert(disabled >= -1 && disabled <= 1);
		if (pw_netplan_parse(np, files[i], parts[i], lens[i]) < 0) {
			assert(np->error.problem != PW_NP_OK);
			assert(strcmp(np->error.file, files[i]) == 0);
			TERMINATED(np->error.what);
		}
	}
	assert(np->ndefs <= PW_NP_MAX_DEFS);
	for (size_t i = 0; i < np->ndefs; i++) {
		const struct pw_np_def *d = &np->defs[i];

		TERMINATED(d->id);
		TERMINATED(d->match_mac);
		TERMINATED(d->match_driver);
		TERMINATED(d->set_name);
		TERMINATED(d->route_via);
		TERMINATED(d->nameservers);
		assert(d->naddrs <= PW_NP_MAX_ADDRS);
		for (size_t a = 0; a < d->naddrs; a++)
			TERMINATED(d->addrs[a]);
		assert(pw_netplan_find(np, d->id) == d);
	}
	free(np);
	return 0;
}
