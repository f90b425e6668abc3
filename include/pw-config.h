/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * INI files, read with iniparser: the site config ([site]), the shipped
 * release profiles (profiles.ini) and, later, answers files. A file that
 * does not parse is refused whole, with its name, the line and what is wrong.
 */
#ifndef PW_CONFIG_H
#define PW_CONFIG_H

#include <limits.h>
#include <stdbool.h>

#include "pw.h"

struct pw_root;
struct _dictionary_;

/*
 * Load an INI file: from the guest when @root is given, else from the host.
 * 0 loaded, 1 the file does not exist, negative on error (@err filled).
 */
int pw_ini_load(struct pw_root *root, const char *path, struct _dictionary_ **dict,
		struct pw_error *err);
/* Refuse sections and keys not in the lists (a typo must not pass silently). */
int pw_ini_check_keys(struct _dictionary_ *dict, const char *path,
		      const char *const *sections, const char *const *keys,
		      struct pw_error *err);
void pw_ini_free(struct _dictionary_ *dict);

/* [site]: where the VM is hosted. */
struct pw_site {
	char name[64];
	char panel_url[256];
	char netmask[16];
	char gateway[16];
	char nameservers[256];
};

void pw_site_defaults(struct pw_site *site);
/* Override @site with the keys of @path's [site]; 1 if the file is absent. */
int pw_site_load(struct pw_site *site, struct pw_root *root, const char *path,
		 struct pw_error *err);

/* The answers file (INI) of an unattended run: what the screens would ask. */
struct pw_answers {
	char path[PATH_MAX];	/* for messages; "" when there is none */
	bool have_network;	/* a [network] section was given */
	/* [network]; empty strings for keys not given (defaults fill them) */
	char interface[16];
	char address[16];
	char netmask[16];
	char gateway[16];
	char nameservers[256];
};

/* Load an answers file from the host; every key checked for form. */
int pw_answers_load(const char *path, struct pw_answers *answers, struct pw_error *err);

/* A release range of profiles.ini. */
enum pw_init { PW_INIT_SYSVINIT, PW_INIT_UPSTART_EVENTD, PW_INIT_UPSTART, PW_INIT_SYSTEMD };
enum pw_grub { PW_GRUB_LEGACY, PW_GRUB2 };
enum pw_kernel { PW_KERNEL_XEN, PW_KERNEL_PVOPS, PW_KERNEL_NONE };

struct pw_profile {
	char id[64];		/* the section name */
	char distro[16];	/* "debian", "ubuntu" */
	char from[16], to[16];	/* release numbers, inclusive */
	char codenames[128];
	char kernel_packages[256];
	char optional_packages[256];
	char console[16];	/* "xvc0", "hvc0" */
	char term[32];		/* TERM for the console's getty */
	enum pw_init init;
	enum pw_grub grub;
	enum pw_kernel kernel;	/* how a PV-capable kernel is recognised */
};

struct pw_profiles;

int pw_profiles_load(const char *path, struct pw_profiles **out, struct pw_error *err);
void pw_profiles_free(struct pw_profiles *profiles);
/*
 * The profile for a release: 0 matched, 1 none. With @newest, a release
 * newer than every profile of its distribution gets the newest one (the
 * caller says so with a warning), since new releases keep booting as old.
 */
int pw_profiles_match(const struct pw_profiles *profiles, const char *distro,
		      const char *version, const char *codename, bool newest,
		      struct pw_profile *out);

/* Compare dotted release numbers ("4.0" < "5.0.10" < "12"): <0, 0, >0. */
int pw_version_cmp(const char *a, const char *b);

#endif /* PW_CONFIG_H */
