// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * distro: a Debian or Ubuntu release with a profile, which says what every
 * later step installs and writes. The release itself is read by
 * facts/distro.c.
 */
#include <errno.h>
#include <string.h>

#include "pw-model.h"

void pw_inspect_distro(struct pw_ctx *ctx, struct pw_result *r)
{
	const struct pw_distro *d = &ctx->distro;
	char name[128];

	if (ctx->distro_error == -ENOENT) {
		pw_result_add(r, PW_BLOCKED,
			      N_("Neither /etc/os-release, /etc/lsb-release nor /etc/debian_version exists: this is not a Debian or Ubuntu system. If you gave --root, check that it is the guest's root directory."));
		return;
	}
	if (ctx->distro_error) {
		pw_result_file_problem(r, PW_BLOCKED, d->broken_file, ctx->distro_error);
		return;
	}
	/* Known from another file, but the owner should hear of the broken one. */
	if (d->broken_error)
		pw_result_file_problem(r, PW_WARN, d->broken_file, d->broken_error);
	pw_distro_describe(ctx, name, sizeof(name));
	if (strcmp(d->id, "debian") != 0 && strcmp(d->id, "ubuntu") != 0) {
		pw_result_add(r, PW_BLOCKED,
			      N_("This is %s; the wizard converts only Debian and Ubuntu."), name);
		return;
	}
	if (!ctx->have_profile && strcmp(d->id, "ubuntu") == 0 && !d->version[0] &&
	    !d->codename[0]) {
		/* Ubuntu known from dpkg's vendor only: lsb-release is gone */
		pw_result_add(r, PW_WARN,
			      N_("This is %s, but /etc/lsb-release, which names the release, is missing or does not say it, so the steps that depend on the release cannot be checked. Restore that file (it comes with the base-files package), then run again."),
			      name);
		return;
	}
	if (!ctx->have_profile) {
		pw_result_add(r, PW_WARN,
			      N_("%s is not a release this wizard knows (none of its profiles matches), so the steps that depend on it cannot be checked."),
			      name);
		return;
	}
	if (ctx->profile_guessed) {
		pw_result_add(r, PW_WARN,
			      N_("%s is newer than any release this wizard knows; it is treated like the newest one (profile %s). Check each step with care."),
			      name, ctx->profile.id);
		return;
	}
	pw_result_add(r, PW_OK, N_("%s (profile %s)."), name, ctx->profile.id);
}
