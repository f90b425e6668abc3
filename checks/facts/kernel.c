// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Can a kernel of the guest boot as a ParaVM? Its build config says, kept
 * beside it as /boot/config-VERSION by every Debian and Ubuntu kernel
 * package: CONFIG_XEN_PV=y (Linux 4.14 and later split PV from HVM
 * support), or, from before that split, CONFIG_XEN=y -- the 2.6.18 Xen
 * flavour and the early pvops kernels, which had no CONFIG_XEN_PV at all.
 * Without the config, only a "-xen" flavour in the name tells.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-grub.h"
#include "pw-root.h"
#include "pw-text.h"

/* Kernel configs are a few hundred kB; ten times that is not one. */
#define CONFIG_MAX (8 * 1024 * 1024)

enum pw_kernel_cap pw_kernel_config_cap(const char *text, size_t len, enum pw_kernel_why *why)
{
	struct pw_lines it;
	const char *line;
	size_t n;
	bool any = false, xen = false, pv_line = false, pv = false;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		if (pw_has_prefix(line, n, "CONFIG_") || pw_has_prefix(line, n, "# CONFIG_"))
			any = true;
		if (pw_has_prefix(line, n, "CONFIG_XEN_PV=")) {
			pv_line = true;
			pv = n == 15 && line[14] == 'y';
		} else if (pw_has_prefix(line, n, "# CONFIG_XEN_PV is not set")) {
			pv_line = true;
			pv = false;
		} else if (pw_has_prefix(line, n, "CONFIG_XEN=")) {
			xen = n == 12 && line[11] == 'y';
		}
	}
	if (!any) {
		*why = PW_KERNEL_WHY_NONE;
		return PW_KERNEL_CAP_UNKNOWN;
	}
	if (pv_line) {
		*why = pv ? PW_KERNEL_WHY_XEN_PV : PW_KERNEL_WHY_CONFIG_NO;
		return pv ? PW_KERNEL_CAP_PV : PW_KERNEL_CAP_NOT_PV;
	}
	*why = xen ? PW_KERNEL_WHY_XEN : PW_KERNEL_WHY_CONFIG_NO;
	return xen ? PW_KERNEL_CAP_PV : PW_KERNEL_CAP_NOT_PV;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool pw_kernel_version(const char *path, char *version, size_t size)
{
	const char *base = base_name(path);

	version[0] = '\0';
	if (strncmp(base, "vmlinuz-", 8) != 0 && strncmp(base, "vmlinux-", 8) != 0)
		return false;
	if (!base[8])
		return false;
	pw_copy(version, size, base + 8, strlen(base + 8));
	return true;
}

/* xen.gz, xen-3.2-1-amd64.gz: what a Xen host boots, not a guest kernel. */
static bool is_hypervisor(const char *path)
{
	const char *base = base_name(path);
	size_t n = strlen(base);

	return strncmp(base, "xen", 3) == 0 && n > 3 && strcmp(base + n - 3, ".gz") == 0 &&
	       (base[3] == '.' || base[3] == '-');
}

/* The 2.6.18-style flavours: 2.6.18-6-xen-amd64, 2.6.24-19-xen. */
static bool xen_flavour(const char *version)
{
	for (const char *p = strstr(version, "-xen"); p; p = strstr(p + 1, "-xen"))
		if (p[4] == '\0' || p[4] == '-')
			return true;
	return false;
}

int pw_kernel_check(struct pw_root *root, const char *menu_path, struct pw_kernel_info *info)
{
	char config[sizeof(info->version) + 16], target[PW_GRUB_PATH_MAX];
	char *text;
	size_t len;
	int err;

	memset(info, 0, sizeof(*info));
	if (pw_grub_resolve(root, menu_path, info->file, sizeof(info->file)) != 0)
		return 1;
	if (is_hypervisor(info->file)) {
		info->cap = PW_KERNEL_CAP_NOT_PV;
		info->why = PW_KERNEL_WHY_HYPERVISOR;
		return 0;
	}
	/* /vmlinuz, /boot/vmlinuz: links to the versioned file */
	if (!pw_kernel_version(info->file, info->version, sizeof(info->version)) &&
	    pw_root_readlink(root, info->file, target, sizeof(target)) == 0)
		pw_kernel_version(target, info->version, sizeof(info->version));
	if (!info->version[0])
		return 0;

	snprintf(config, sizeof(config), "/boot/config-%s", info->version);
	err = pw_root_read_text(root, config, CONFIG_MAX, &text, &len);
	info->config_seen = err != -ENOENT;
	if (err == 0) {
		info->cap = pw_kernel_config_cap(text, len, &info->why);
		free(text);
		if (info->cap != PW_KERNEL_CAP_UNKNOWN)
			return 0;
	} else if (err != -ENOENT) {
		info->config_error = err; /* unreadable: judged as if absent */
	}
	if (xen_flavour(info->version)) {
		info->cap = PW_KERNEL_CAP_PV;
		info->why = PW_KERNEL_WHY_FLAVOUR;
	}
	return 0;
}
