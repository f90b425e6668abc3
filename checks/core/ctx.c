// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Facts that several steps share, read once: the release and its profile,
 * and the dpkg status of every package any step asks about.
 */
#include <string.h>

#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

/* Packages whose presence tells the init system, boot loader, naming and network stack. */
static const char *const facts_packages[] = {
	"dpkg", "systemd", "systemd-sysv", "upstart", "sysvinit", "sysvinit-core",
	"udev", "ifupdown", "ifupdown2", "grub", "grub-legacy", "grub-pc", "grub-common",
	"netplan.io", "network-manager", "cloud-init", "resolvconf", "systemd-resolved",
};

static void want_list(struct pw_dpkg *dpkg, const char *list)
{
	const char *end = list + strlen(list);
	char word[64];

	while (pw_next_word(&list, end, word, sizeof(word)))
		pw_dpkg_want(dpkg, word);
}

void pw_ctx_gather(struct pw_ctx *ctx)
{
	ctx->distro_error = pw_distro_detect(ctx->root, &ctx->distro);
	ctx->have_profile = false;
	ctx->profile_guessed = false;
	if (!ctx->distro_error && ctx->profiles) {
		if (pw_profiles_match(ctx->profiles, ctx->distro.id, ctx->distro.version,
				      ctx->distro.codename, false, &ctx->profile) == 0) {
			ctx->have_profile = true;
		} else if (pw_profiles_match(ctx->profiles, ctx->distro.id, ctx->distro.version,
					     ctx->distro.codename, true, &ctx->profile) == 0) {
			ctx->have_profile = true;
			ctx->profile_guessed = true;
		}
	}

	memset(&ctx->dpkg, 0, sizeof(ctx->dpkg));
	for (size_t i = 0; i < ARRAY_SIZE(facts_packages); i++)
		pw_dpkg_want(&ctx->dpkg, facts_packages[i]);
	if (ctx->have_profile) {
		want_list(&ctx->dpkg, ctx->profile.kernel_packages);
		want_list(&ctx->dpkg, ctx->profile.optional_packages);
	}
	pw_dpkg_scan(ctx->root, &ctx->dpkg);
}

enum pw_init pw_guess_init(const struct pw_ctx *ctx)
{
	char target[256];

	/* What /sbin/init is decides; packages tell when it is not a link. */
	if (pw_root_readlink(ctx->root, "/sbin/init", target, sizeof(target)) == 0) {
		if (strstr(target, "systemd"))
			return PW_INIT_SYSTEMD;
		if (strstr(target, "upstart"))
			return PW_INIT_UPSTART;
	}
	if (pw_dpkg_installed(&ctx->dpkg, "systemd-sysv"))
		return PW_INIT_SYSTEMD;
	if (pw_dpkg_installed(&ctx->dpkg, "upstart"))
		return pw_root_exists(ctx->root, "/etc/init") ? PW_INIT_UPSTART
							       : PW_INIT_UPSTART_EVENTD;
	if (pw_dpkg_installed(&ctx->dpkg, "sysvinit-core") ||
	    pw_dpkg_installed(&ctx->dpkg, "sysvinit"))
		return PW_INIT_SYSVINIT;
	return ctx->have_profile ? ctx->profile.init : PW_INIT_SYSVINIT;
}

bool pw_need_profile(const struct pw_ctx *ctx, struct pw_result *r)
{
	if (ctx->have_profile)
		return true;
	pw_result_add(r, PW_BLOCKED,
		      N_("This cannot be checked until the release is known (see the distro step)."));
	return false;
}
