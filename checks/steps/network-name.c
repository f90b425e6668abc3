// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The name the guest's network card will have under ParaVM.
 *
 * Under ParaVM the card is a Xen "vif" (driver "vif", kernel name eth0)
 * with the same MAC address as the emulated card it replaces (both come
 * from the domain's vif= line). udev then names it, in this order:
 * a rule with NAME= that matches it (70-persistent-net.rules, written by
 * old udev for the emulated card), a systemd .link file that matches it,
 * or the default policy: from udev 250 on (naming scheme v250), a Xen card
 * gets the "slot" name enX0; before, it keeps eth0.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-default-grub.h"
#include "pw-grub.h"
#include "pw-debug.h"
#include "network.h"
#include "pw-model.h"
#include "pw-netname.h"
#include "pw-root.h"
#include "pw-text.h"

#define PV_KERNEL_NAME "eth0" /* what the kernel calls the first vif */
#define PV_DRIVER "vif"	      /* the Xen netfront driver, as sysfs says */

/* Persistent-net rules as udev reads them, in its (file name) order. */
static const char *const rule_files[] = {
	"/etc/udev/rules.d/70-persistent-net.rules",
	"/etc/udev/rules.d/z25_persistent-net.rules", /* etch */
};

/* What writes those rules for new cards; the first found is in force. */
static const char *const generator_files[] = {
	"/etc/udev/rules.d/75-persistent-net-generator.rules",
	"/etc/udev/rules.d/z45_persistent-net-generator.rules", /* etch */
	"/lib/udev/rules.d/75-persistent-net-generator.rules",
	"/usr/lib/udev/rules.d/75-persistent-net-generator.rules",
};

/* A guest text file, or NULL (absent, unreadable: the caller goes on). */
char *pw_net_read_guest(struct pw_root *root, const char *path, size_t *len)
{
	char *text;

	if (pw_root_read_text(root, path, PW_TEXT_MAX, &text, len) < 0)
		return NULL;
	return text;
}

/* A visible name that ends in the suffix @arg, and is more than that. */
static bool keep_suffix(const char *name, const void *arg)
{
	const char *suffix = arg;
	size_t len = strlen(name), sl = strlen(suffix);

	return name[0] != '.' && len > sl && strcmp(name + len - sl, suffix) == 0;
}

/* Names in folder @dir ending in @suffix, sorted; none if it cannot be read. */
size_t pw_net_list_names(struct pw_root *root, const char *dir, const char *suffix, char ***names)
{
	size_t n;

	if (pw_root_list(root, dir, keep_suffix, suffix, 64, names, &n) < 0)
		return 0;
	return n;
}

/* A file replaced by a link to /dev/null, or emptied: "masked". */
static bool masked(struct pw_root *root, const char *path)
{
	char target[64];
	struct stat st;

	if (pw_root_lstat(root, path, &st) < 0)
		return false;
	if (S_ISLNK(st.st_mode))
		return pw_root_readlink(root, path, target, sizeof(target)) == 0 &&
		       strcmp(target, "/dev/null") == 0;
	return S_ISREG(st.st_mode) && st.st_size == 0;
}

/* Does the Xen card (driver vif, kernel name eth0, same MAC) match @rule? */
static bool rule_matches_vif(const struct pw_net_rule *rule)
{
	if (rule->other)
		return false;
	if (rule->driver[0] && fnmatch(rule->driver, PV_DRIVER, 0) != 0)
		return false;
	return !rule->kernel[0] || fnmatch(rule->kernel, PV_KERNEL_NAME, 0) == 0;
}

/* Is there a persistent-net generator that would write a rule for a vif? */
static bool generator_renames_vif(struct pw_root *root)
{
	for (size_t i = 0; i < ARRAY_SIZE(generator_files); i++) {
		size_t len;
		char *text;
		bool skips_xen;

		if (masked(root, generator_files[i]))
			return false; /* turned off here, whatever the others say */
		if (!pw_root_exists(root, generator_files[i]))
			continue;
		text = pw_net_read_guest(root, generator_files[i], &len);
		if (!text)
			return false; /* unreadable: nothing says it runs */
		/* later generators skip Xen cards: SUBSYSTEMS=="xen", GOTO=... */
		skips_xen = strstr(text, "\"xen\"") != NULL;
		free(text);
		return !skips_xen;
	}
	return false;
}

static void scan_rules(struct pw_root *root, struct pw_net_pv *pv, struct pw_net_rule *conflict,
		       const char **conflict_file)
{
	struct pw_net_rule rules[64];

	for (size_t f = 0; f < ARRAY_SIZE(rule_files); f++) {
		size_t len, n;
		char *text = pw_net_read_guest(root, rule_files[f], &len);

		if (!text)
			continue;
		n = pw_net_rules_parse(text, len, rules, ARRAY_SIZE(rules));
		free(text);
		for (size_t i = 0; i < n; i++) {
			if (rule_matches_vif(&rules[i])) {
				if (pv->source != PW_PVNAME_RULE) {
					pv->source = PW_PVNAME_RULE;
					pw_copy(pv->name, sizeof(pv->name), rules[i].name,
						strlen(rules[i].name));
					pw_copy(pv->file, sizeof(pv->file), rule_files[f],
						strlen(rule_files[f]));
					pv->line = rules[i].line;
					memcpy(pv->mac, rules[i].mac, sizeof(pv->mac));
				}
			} else if (rules[i].mac[0] && rules[i].driver[0] && !rules[i].other &&
				   !*conflict_file) {
				*conflict = rules[i];
				*conflict_file = rule_files[f];
			}
		}
	}
}

static void scan_cmdline(struct pw_root *root, struct pw_net_pv *pv)
{
	struct pw_cmdline_var vars[] = {
		{ .name = "GRUB_CMDLINE_LINUX" },
		{ .name = "GRUB_CMDLINE_LINUX_DEFAULT" },
		{ .name = "kopt" },
	};
	struct pw_default_grub *dg = malloc(sizeof(*dg));
	struct pw_grub_menu menu;
	size_t len;
	char *text;

	/* the values as grub-mkconfig's shell leaves them, grub.d included */
	if (dg) {
		pw_default_grub_load(root, dg);
		for (size_t i = 0; i < 2; i++)
			if (dg->var[i].set)
				pw_cmdline_words(&vars[i], dg->var[i].value, dg->var[i].file);
		pw_default_grub_free(dg);
		free(dg);
	}
	/* grub legacy: update-grub builds the kernel lines from "# kopt=" */
	text = pw_net_read_guest(root, "/boot/grub/menu.lst", &len);
	if (text) {
		if (pw_menulst_parse(text, len, &menu) != -ENOMEM && pw_menulst_kopt(&menu))
			pw_cmdline_words(&vars[2], pw_menulst_kopt(&menu), "/boot/grub/menu.lst");
		pw_grub_menu_free(&menu);
		free(text);
	}
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		if (!vars[i].off || pv->names_off)
			continue;
		pv->names_off = PW_NAMES_OFF_CMDLINE;
		memcpy(pv->off_what, vars[i].what, sizeof(pv->off_what));
		memcpy(pv->off_file, vars[i].file, sizeof(pv->off_file));
	}
}

/*
 * The .link file that udev applies to the Xen card: the first .link file
 * of /etc/systemd/network (in name order) that matches it, else the
 * shipped 99-default.link unless /etc masks it. Then its NamePolicy (the
 * "slot" policy gives enX0 from udev 250 on), then its Name=.
 */
static void scan_links(struct pw_root *root, struct pw_net_pv *pv)
{
	static const struct pw_link_card vif = {
		.kernel_name = PV_KERNEL_NAME, .driver = PV_DRIVER, .virtualization = "xen",
	};
	struct pw_link lf = { 0 };
	char **names, path[256] = "";
	bool found = false, default_masked = false;
	size_t n = pw_net_list_names(root, "/etc/systemd/network", ".link", &names);

	for (size_t i = 0; i < n && !found; i++) {
		size_t len;
		char *text;

		snprintf(path, sizeof(path), "/etc/systemd/network/%s", names[i]);
		if (masked(root, path)) {
			default_masked |= strcmp(names[i], "99-default.link") == 0;
			continue;
		}
		text = pw_net_read_guest(root, path, &len);
		if (!text)
			continue;
		pw_link_parse(text, len, &vif, &lf);
		free(text);
		/* udev ignores a file with an empty [Match] section */
		found = lf.any_match && lf.applies;
	}
	pw_names_free(names, n);
	if (!found) {
		if (default_masked) {
			if (!pv->names_off) {
				pv->names_off = PW_NAMES_OFF_MASKED;
				strcpy(pv->off_file, "/etc/systemd/network/99-default.link");
			}
			return;
		}
		/* as systemd ships it: keep kernel database onboard slot path */
		memset(&lf, 0, sizeof(lf));
		strcpy(lf.policy, "slot");
		path[0] = '\0';
	}
	if (!pv->names_off && pw_word_in_list(lf.policy, "slot") && pv->new_naming) {
		pv->source = PW_PVNAME_SLOT;
		strcpy(pv->name, "enX0");
		pw_copy(pv->file, sizeof(pv->file), path, strlen(path));
		return;
	}
	if (lf.name[0]) {
		pv->source = PW_PVNAME_LINK;
		pw_copy(pv->name, sizeof(pv->name), lf.name, strlen(lf.name));
		memcpy(pv->mac, lf.mac, sizeof(pv->mac));
		pw_copy(pv->file, sizeof(pv->file), path, strlen(path));
		return;
	}
	if (found && pv->new_naming && !pv->names_off) {
		/* a copy of 99-default.link whose policy has no "slot" */
		pv->names_off = PW_NAMES_OFF_POLICY;
		pw_copy(pv->off_file, sizeof(pv->off_file), path, strlen(path));
	}
}

/* ---- the name ----------------------------------------------------------- */

/* "1:252.30-1~deb12u2" -> "252.30": what pw_version_cmp can compare. */
static void upstream_version(const char *version, char *out, size_t size)
{
	const char *colon = strchr(version, ':'), *dash;

	if (colon)
		version = colon + 1;
	dash = strrchr(version, '-');
	pw_copy(out, size, version, dash ? (size_t)(dash - version) : strlen(version));
	out[strcspn(out, "~+")] = '\0';
}

/* udev's version: 1 known, 0 no udev at all, -1 unknown. */
static int udev_version(const struct pw_ctx *ctx, struct pw_net_pv *pv, bool *link_files)
{
	static const char *const packages[] = { "udev", "systemd" };
	char up[64];

	*link_files = true;
	if (ctx->dpkg.error || ctx->dpkg.packages == 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(packages); i++) {
		const struct pw_dpkg_pkg *p = pw_dpkg_find(&ctx->dpkg, packages[i]);

		if (!p || !p->installed || !p->version[0])
			continue;
		pv->version_known = true;
		strcpy(pv->package, packages[i]);
		memcpy(pv->version, p->version, sizeof(pv->version));
		upstream_version(p->version, up, sizeof(up));
		pv->new_naming = pw_version_cmp(up, "250") >= 0;
		*link_files = pw_version_cmp(up, "209") >= 0; /* .link files came in 209 */
		return 1;
	}
	pv->version_known = true; /* no udev: the kernel's names stay */
	*link_files = false;
	return 0;
}

/* PARAVM_WIZARD_DEBUG=net: what decided the name. */
static const char *source_words(enum pw_pvname_source source)
{
	switch (source) {
	case PW_PVNAME_SLOT:
		return "udev's predictable naming";
	case PW_PVNAME_RULE:
		return "the udev rule in ";
	case PW_PVNAME_LINK:
		return "the .link file ";
	default:
		return "the kernel";
	}
}

int pw_net_pv_probe(struct pw_ctx *ctx, struct pw_net_pv *pv)
{
	struct pw_net_rule conflict;
	const char *conflict_file = NULL;
	bool link_files;
	int have_udev;

	memset(pv, 0, sizeof(*pv));
	strcpy(pv->name, PV_KERNEL_NAME);
	pv->source = PW_PVNAME_KERNEL;
	have_udev = udev_version(ctx, pv, &link_files);
	if (have_udev == 0)
		return 0;

	scan_cmdline(ctx->root, pv);
	if (masked(ctx->root, "/etc/udev/rules.d/80-net-setup-link.rules")) {
		/* nothing applies .link names at all, Name= included */
		link_files = false;
		if (!pv->names_off) {
			pv->names_off = PW_NAMES_OFF_MASKED;
			strcpy(pv->off_file, "/etc/udev/rules.d/80-net-setup-link.rules");
		}
	}
	scan_rules(ctx->root, pv, &conflict, &conflict_file);
	if (pv->source != PW_PVNAME_RULE && link_files)
		scan_links(ctx->root, pv);

	/*
	 * A rule giving the kernel's name to the emulated card alone: the vif
	 * matches no rule, and a generator that sees the name taken writes a
	 * new rule calling the vif eth1.
	 */
	if (conflict_file && pv->source == PW_PVNAME_KERNEL &&
	    strcmp(conflict.name, pv->name) == 0 && generator_renames_vif(ctx->root)) {
		pv->conflict = true;
		pw_copy(pv->conflict_file, sizeof(pv->conflict_file), conflict_file,
			strlen(conflict_file));
		pv->conflict_line = conflict.line;
		memcpy(pv->conflict_driver, conflict.driver, sizeof(pv->conflict_driver));
		memcpy(pv->conflict_mac, conflict.mac, sizeof(pv->conflict_mac));
	}
	PW_DBG(NET, "the card is %s under ParaVM, named by %s%s (%s %s)%s%s%s", pv->name,
	       source_words(pv->source), pv->file, pv->package[0] ? pv->package : "udev",
	       pv->version[0] ? pv->version : "of unknown version",
	       pv->names_off ? "; predictable names off by " : "",
	       pv->names_off ? (pv->off_what[0] ? pv->off_what : pv->off_file) : "",
	       pv->conflict ? "; a rule for the HVM card may rename it" : "");
	return have_udev < 0 ? 1 : 0;
}

void pw_net_pv_explain(struct pw_result *r, enum pw_status st, const struct pw_net_pv *pv)
{
	struct pw_net_pv named = *pv;
	const char *to = pv->name;

	/* what names the card, then what ifup renames it to */
	if (pv->renamed)
		memcpy(named.name, pv->renamed_from, sizeof(named.name));
	pv = &named;
	switch (pv->source) {
	case PW_PVNAME_SLOT:
		if (pv->file[0])
			pw_result_add(r, st, N_("%s gives a Xen network card a predictable name, "
						"%s."), pv->file, pv->name);
		else
			pw_result_add(r, st, N_("From version 250 on, udev gives a Xen network card "
						"a predictable name, %s (this guest has %s %s)."),
				      pv->name, pv->package, pv->version);
		break;
	case PW_PVNAME_RULE:
		if (pv->mac[0])
			pw_result_add(r, st, N_("The udev rule in %s, line %u, gives the card with "
						"the MAC address %s the name %s, and the Xen card "
						"keeps that address."),
				      pv->file, pv->line, pv->mac, pv->name);
		else
			pw_result_add(r, st, N_("The udev rule in %s, line %u, gives the card the "
						"name %s."), pv->file, pv->line, pv->name);
		break;
	case PW_PVNAME_LINK:
		if (pv->mac[0])
			pw_result_add(r, st, N_("%s gives the card with the MAC address %s the name "
						"%s, and the Xen card keeps that address."),
				      pv->file, pv->mac, pv->name);
		else
			pw_result_add(r, st, N_("%s gives the card the name %s."), pv->file,
				      pv->name);
		break;
	case PW_PVNAME_KERNEL:
		if (pv->names_off == PW_NAMES_OFF_CMDLINE)
			pw_result_add(r, st, N_("Predictable names for Xen network cards are turned "
						"off by %s in %s, so the card keeps the kernel's "
						"name, %s."), pv->off_what, pv->off_file, pv->name);
		else if (pv->names_off == PW_NAMES_OFF_MASKED)
			pw_result_add(r, st, N_("Predictable network names are turned off: %s is "
						"masked (a link to /dev/null, or empty), so the card "
						"keeps the kernel's name, %s."),
				      pv->off_file, pv->name);
		else if (pv->names_off == PW_NAMES_OFF_POLICY)
			pw_result_add(r, st, N_("Predictable names for Xen network cards are turned "
						"off: the NamePolicy in %s has no \"slot\", so the "
						"card keeps the kernel's name, %s."),
				      pv->off_file, pv->name);
		else if (pv->version_known && pv->package[0])
			pw_result_add(r, st, N_("Before version 250, udev gives a Xen network card "
						"no predictable name (this guest has %s %s), so it "
						"keeps the kernel's name, %s."),
				      pv->package, pv->version, pv->name);
		else if (pv->version_known)
			pw_result_add(r, st, N_("Without udev, the card keeps the kernel's name, "
						"%s."), pv->name);
		else
			pw_result_add(r, st, N_("The card would keep the kernel's name, %s."),
				      pv->name);
		break;
	}
	if (pv->renamed)
		pw_result_add(r, st, N_("ifupdown then renames it from %s to %s (%s, line %u)."),
			      pv->renamed_from, to, pv->rename_file, pv->rename_line);
}

int pw_net_pv_name(struct pw_ctx *ctx, char *name, size_t size, char *why, size_t whysize)
{
	struct pw_net_pv pv;
	struct pw_result tmp;
	int ret = pw_net_pv_probe(ctx, &pv);

	if (ret < 0)
		return ret;
	pw_copy(name, size, pv.name, strlen(pv.name));
	pw_result_init(&tmp);
	pw_net_pv_explain(&tmp, PW_OK, &pv);
	if (whysize)
		pw_copy(why, whysize, tmp.message, strlen(tmp.message));
	return ret;
}

