// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * packages: the profile's Xen-capable kernel packages, as dpkg's status file
 * records them.
 */
#include <stdio.h>
#include <string.h>

#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

/* Append @word to a blank-separated list held in @buf. */
static void list_add(char *buf, size_t size, const char *word)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "%s%s", used ? ", " : "", word);
}

/* "want flag state": is the package gone (or never there)? */
static bool status_is_absent(const char *status)
{
	const char *state = strrchr(status, ' ');

	state = state ? state + 1 : status;
	return strcmp(state, "not-installed") == 0 || strcmp(state, "config-files") == 0;
}

void pw_inspect_packages(struct pw_ctx *ctx, struct pw_result *r)
{
	const char *p, *end;
	char word[64], missing[512] = "", broken[512] = "", optional[512] = "";

	if (!pw_need_profile(ctx, r))
		return;
	if (ctx->profile.kernel == PW_KERNEL_NONE) {
		pw_result_add(r, PW_BLOCKED,
			      N_("This release has no kernel that boots as a ParaVM. Upgrade the release first (see the profile %s)."),
			      ctx->profile.id);
		return;
	}
	if (ctx->dpkg.error) {
		pw_result_file_problem(r, PW_BLOCKED, "/var/lib/dpkg/status", ctx->dpkg.error);
		return;
	}

	p = ctx->profile.kernel_packages;
	end = p + strlen(p);
	while (pw_next_word(&p, end, word, sizeof(word))) {
		const struct pw_dpkg_pkg *pkg = pw_dpkg_find(&ctx->dpkg, word);

		if (pkg && pkg->installed)
			continue;
		if (pkg && pkg->found && !status_is_absent(pkg->status)) {
			list_add(broken, sizeof(broken), word);
			continue;
		}
		list_add(missing, sizeof(missing), word);
	}
	p = ctx->profile.optional_packages;
	end = p + strlen(p);
	while (pw_next_word(&p, end, word, sizeof(word)))
		if (!pw_dpkg_installed(&ctx->dpkg, word))
			list_add(optional, sizeof(optional), word);

	if (broken[0])
		pw_result_add(r, PW_TODO,
			      N_("Half installed: %s. Finish with \"dpkg --configure -a\" or let the wizard reinstall them."),
			      broken);
	if (missing[0])
		pw_result_add(r, PW_TODO, N_("Not installed yet: %s."), missing);
	if (!broken[0] && !missing[0])
		pw_result_add(r, PW_OK, N_("The Xen-capable kernel packages are installed (%s)."),
			      ctx->profile.kernel_packages);
	if (optional[0])
		pw_result_add(r, PW_OK, N_("Optional, not installed: %s."), optional);
}
