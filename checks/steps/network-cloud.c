// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cloud-init, where it is installed, writes the network configuration of
 * the instance at boot (50-cloud-init.yaml for netplan, interfaces.d's
 * 50-cloud-init for ifupdown, ...) over whatever was set by hand. Its
 * documented way out is "network: {config: disabled}" in a file of
 * /etc/cloud/cloud.cfg.d: the wizard writes one of its own.
 *
 * What cloud-init reads: /etc/cloud/cloud.cfg, then cloud.cfg.d/ *.cfg in
 * lexical order, a later file's value replacing an earlier one; a file
 * it cannot parse it skips with a warning, and so does the wizard. The
 * file /etc/cloud/cloud-init.disabled turns cloud-init off altogether.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-model.h"
#include "pw-netplan.h"
#include "pw-netstack.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "network.h"

#define CLOUD_DIR "/etc/cloud/cloud.cfg.d"
#define CLOUD_OWN CLOUD_DIR "/99-paravm-wizard.cfg"

/* Files cloud-init's network renderers write, for the message. */
static const char *const rendered[] = {
	"/etc/netplan/50-cloud-init.yaml",
	"/etc/network/interfaces.d/50-cloud-init",
	"/etc/network/interfaces.d/50-cloud-init.cfg",
};

/* @path's say on the network config, over *@disabled; a file it cannot read says nothing. */
static void read_cfg(struct pw_root *root, const char *path, int *disabled)
{
	char *text;
	size_t len;
	int said;

	if (pw_root_read_text(root, path, PW_TEXT_MAX, &text, &len) < 0)
		return;
	if (pw_cloudcfg_network(text, len, &said) == 0 && said >= 0)
		*disabled = said;
	free(text);
}

/* Will cloud-init write the network at boot? Then @file names what it writes. */
static bool cloud_renders(struct pw_ctx *ctx, char *file, size_t size)
{
	char **names = NULL, path[512];
	size_t n = 0;
	int disabled = 0;

	if (!ctx->dpkg.error && ctx->dpkg.packages > 0
		    ? !pw_dpkg_installed(&ctx->dpkg, "cloud-init")
		    : !pw_root_exists(ctx->root, "/usr/bin/cloud-init"))
		return false;
	if (pw_root_exists(ctx->root, "/etc/cloud/cloud-init.disabled"))
		return false;
	read_cfg(ctx->root, "/etc/cloud/cloud.cfg", &disabled);
	n = pw_net_list_names(ctx->root, CLOUD_DIR, ".cfg", &names);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", CLOUD_DIR, names[i]);
		read_cfg(ctx->root, path, &disabled);
	}
	pw_names_free(names, n);
	if (disabled == 1)
		return false;
	snprintf(file, size, "%s", "/etc/cloud/cloud.cfg");
	for (size_t i = 0; i < ARRAY_SIZE(rendered); i++) {
		if (pw_root_exists(ctx->root, rendered[i])) {
			snprintf(file, size, "%s", rendered[i]);
			break;
		}
	}
	return true;
}

void pw_cloudinit_inspect(struct pw_ctx *ctx, struct pw_result *r)
{
	char file[160];

	if (cloud_renders(ctx, file, sizeof(file)))
		pw_result_add(r, PW_TODO, N_("cloud-init is installed and writes the network "
					     "configuration again at boot (%s), over a static "
					     "address set by hand: its network configuration "
					     "needs to be turned off."), file);
	else if (pw_root_exists(ctx->root, CLOUD_OWN))
		pw_result_add(r, PW_OK, N_("cloud-init's network configuration is turned off (%s)."),
			      CLOUD_OWN);
}

int pw_cloudinit_plan(struct pw_ctx *ctx, struct pw_plan *plan, int ret, struct pw_error *err)
{
	static const char text[] =
		"# Written by paravm-wizard: cloud-init would otherwise write its own\n"
		"# network configuration at boot over the static one ParaVM needs.\n"
		"network: {config: disabled}\n";
	char file[160], *old = NULL;
	size_t oldlen = 0;
	int rr;

	if (ret < 0 || !cloud_renders(ctx, file, sizeof(file)))
		return ret;
	rr = pw_root_read_text(ctx->root, CLOUD_OWN, PW_TEXT_MAX, &old, &oldlen);
	if (rr < 0 && rr != -ENOENT) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), CLOUD_OWN,
			     pw_root_strerror(rr));
		return rr;
	}
	rr = pw_plan_write(plan, CLOUD_OWN, old ? old : "", oldlen, old != NULL, text,
			   strlen(text), 0644);
	free(old);
	if (rr < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
		return rr;
	}
	pw_plan_note(plan, _("cloud-init would write the network configuration again at boot (%s): %s turns its network configuration off, as cloud-init documents."),
		     file, CLOUD_OWN);
	return 0;
}
