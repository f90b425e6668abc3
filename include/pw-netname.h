/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What names a network card: udev persistent-net rules, systemd .link
 * files and the kernel command line (each read from a buffer, in
 * checks/formats/), and the name the guest's card will have under ParaVM
 * that the network step decides from them (checks/steps/network-name.c).
 */
#ifndef PW_NETNAME_H
#define PW_NETNAME_H

#include <stdbool.h>
#include <stddef.h>

#include "pw.h"

struct pw_ctx;

/* ---- udev rules (checks/formats/udev-rules.c) ---------------------------- */

/* One rule of a udev rules file that sets NAME=, with what it matches. */
struct pw_net_rule {
	unsigned int line;
	char name[32];
	char mac[32];		/* ATTR{address}== or SYSFS{address}== */
	char driver[64];	/* DRIVERS== or DRIVER== */
	char kernel[32];	/* KERNEL== */
	bool other;		/* matches on something else too */
};

/* Rules that set NAME= in @text; returns how many were found (up to @max). */
size_t pw_net_rules_parse(const char *text, size_t len, struct pw_net_rule *rules, size_t max);

/* ---- systemd .link files (checks/formats/systemd-link.c) ----------------- */

/* The card a .link file's [Match] section is held against. */
struct pw_link_card {
	const char *kernel_name;	/* "eth0" */
	const char *driver;		/* "vif" */
	const char *virtualization;	/* "xen": what systemd-detect-virt says */
};

struct pw_link {
	char mac[32];		/* MACAddress= it matches, if any */
	bool any_match;		/* a [Match] key at all (udev skips a file without) */
	bool applies;		/* every [Match] key matches the card */
	bool has_policy;
	char name[32];		/* [Link] Name= */
	char policy[256];	/* [Link] NamePolicy= */
};

/* Read a .link file's @text, its [Match] held against @card. */
void pw_link_parse(const char *text, size_t len, const struct pw_link_card *card,
		   struct pw_link *out);

/* ---- the kernel command line (checks/formats/kernel-cmdline.c) ----------- */

/*
 * Whether a variable holding kernel command line words turns predictable
 * network names off (net.ifnames=0, or a net.naming-scheme= older than
 * v250, which gave Xen cards no name), and by what word in which file.
 */
struct pw_cmdline_var {
	const char *name;	/* "GRUB_CMDLINE_LINUX", or "kopt" for menu.lst */
	bool off;
	char what[64];
	char file[128];
};

/* Scan the words of one value of @var, found in @file; the last word wins. */
void pw_cmdline_words(struct pw_cmdline_var *var, const char *value, const char *file);

/* ---- the name under ParaVM (checks/steps/network-name.c) ----------------- */

/*
 * The name the guest's network card will have under ParaVM. A Xen PV card
 * is "eth0" for the kernel; udev may rename it: a persistent-net rule or a
 * systemd .link file that matches it, or, with systemd/udev 250 and later
 * and predictable names on, "enX0".
 */
enum pw_pvname_source {
	PW_PVNAME_KERNEL,	/* the kernel's own name, eth0 */
	PW_PVNAME_SLOT,		/* predictable name of a Xen card, enX0 */
	PW_PVNAME_RULE,		/* a udev rule's NAME= (file, line) */
	PW_PVNAME_LINK,		/* a systemd .link file's Name= (file) */
};

struct pw_net_pv {
	char name[32];
	enum pw_pvname_source source;
	bool version_known;	/* udev's version read from dpkg status */
	char package[16];	/* "udev" or "systemd", whose version told */
	char version[64];	/* its dpkg version */
	bool new_naming;	/* udev 250 or later: Xen cards get enX names */
	/* predictable names turned off: how, where (file), by what word */
	enum pw_names_off {
		PW_NAMES_ON = 0,
		PW_NAMES_OFF_CMDLINE,	/* net.ifnames=0 or an old net.naming-scheme= */
		PW_NAMES_OFF_MASKED,	/* a link to /dev/null, or an empty file */
		PW_NAMES_OFF_POLICY,	/* a .link NamePolicy= without "slot" */
	} names_off;
	char off_file[128];
	char off_what[64];	/* PW_NAMES_OFF_CMDLINE: the word, "net.ifnames=0" */
	/* the rule or .link file that names the card (RULE, LINK) */
	char file[128];
	unsigned int line;
	char mac[32];		/* the MAC address it matches, if it says */
	/*
	 * A persistent-net rule that gives the card's name to the emulated
	 * card only (its MAC plus its driver): the Xen card matches no rule
	 * and old udev writes one naming it eth1.
	 */
	/* ifupdown 0.8.35's "rename" (set by the network step once it has read the file) */
	bool renamed;
	char renamed_from[32];	/* what udev calls it, before ifup renames it */
	char rename_file[128];
	unsigned int rename_line;
	bool conflict;
	char conflict_file[128];
	unsigned int conflict_line;
	char conflict_driver[64];
	char conflict_mac[32];
};

/* 0: @pv filled; 1: filled, but udev's version is unknown (a best guess). */
int pw_net_pv_probe(struct pw_ctx *ctx, struct pw_net_pv *pv);
/* Say why the card gets the name it gets, as a finding of status @st. */
void pw_net_pv_explain(struct pw_result *r, enum pw_status st, const struct pw_net_pv *pv);
/*
 * The same, for the apply step: the name, and why (a sentence in the
 * owner's language). 0 known, 1 a best guess, negative errno.
 */
int pw_net_pv_name(struct pw_ctx *ctx, char *name, size_t size, char *why, size_t whysize);

#endif /* PW_NETNAME_H */
