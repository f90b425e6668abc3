/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/network/interfaces with the files it sources: the parser alone (as
 * several ifupdown versions read it), then
 * the network step's inspect and plan on a guest holding the files (the
 * plan rewrites one stanza by the parser's offsets). Input: up to four
 * files split at form feeds: interfaces, interfaces.d/eth0, interfaces.d/lo,
 * and /etc/network/extra (for "source extra").
 */
#include "fuzz.h"
#include "pw-interfaces.h"
#include "pw-plan.h"

static const char *const files[] = {
	PW_IFACES_FILE, "/etc/network/interfaces.d/eth0", "/etc/network/interfaces.d/lo",
	"/etc/network/extra",
};

static void parse_alone(const char *text, size_t len, const char *version)
{
	struct pw_ifaces ifs;
	struct pw_result r = { 0 };

	pw_ifaces_init(&ifs, NULL);
	pw_ifaces_set_version(&ifs, version);
	if (pw_ifaces_parse(&ifs, PW_IFACES_FILE, text, len) != 0) {
		pw_ifaces_report_error(&ifs.error, &r, PW_BLOCKED);
	} else {
		for (size_t i = 0; i < ifs.count; i++) {
			struct pw_iface_static st;
			const struct pw_iface *ifc = &ifs.ifaces[i];

			assert(ifc->start <= ifc->end && ifc->end <= len);
			pw_iface_check_static(ifc, &st);
			pw_ifaces_at_boot(&ifs, ifc->name);
			pw_iface_opt(ifc, "address");
		}
		pw_ifaces_primary(&ifs);
		pw_ifaces_rename_of(&ifs, "eth0");
	}
	pw_ifaces_free(&ifs);
}

static void network_answers(struct pw_ctx *ctx)
{
	struct pw_answers *a = &ctx->answers;

	snprintf(a->path, sizeof(a->path), "answers.ini");
	a->have_network = true;
	snprintf(a->address, sizeof(a->address), "18.181.1.23");
	snprintf(a->netmask, sizeof(a->netmask), "255.255.0.0");
	snprintf(a->gateway, sizeof(a->gateway), "18.181.0.1");
	snprintf(a->nameservers, sizeof(a->nameservers), "18.70.0.160");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[4];
	size_t len[4], n = fuzz_split(data, size, part, len, 4);

	/* as the newest ifupdown reads it, and as etch's, stretch's and buster's */
	parse_alone(part[0], len[0], "");
	parse_alone(part[0], len[0], "0.6.8");
	parse_alone(part[0], len[0], "0.8.19");
	parse_alone(part[0], len[0], "0.8.35");

	fuzz_guest_tree();
	fuzz_guest_puts("/etc/debian_version", "4.0\n");
	fuzz_guest_put_parts(files, 4, part, len, n);

	fuzz_step(PW_STEP_NETWORK, pw_inspect_network, pw_plan_network, network_answers);
	return 0;
}
