// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network step's inspect: the primary interface's stanza in
 * /etc/network/interfaces, and the name the network card will have under
 * ParaVM.
 *
 * Under ParaVM the card is a Xen "vif" (driver "vif", kernel name eth0)
 * with the same MAC address as the emulated card it replaces (both come
 * from the domain's vif= line). udev then names it, in this order:
 * a rule with NAME= that matches it (70-persistent-net.rules, written by
 * old udev for the emulated card), a systemd .link file that matches it,
 * or the default policy: from udev 250 on (naming scheme v250), a Xen card
 * gets the "slot" name enX0; before, it keeps eth0.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-netstack.h"
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
static char *read_guest(struct pw_root *root, const char *path, size_t *len)
{
	char *text;

	if (pw_root_read_text(root, path, PW_TEXT_MAX, &text, len) < 0)
		return NULL;
	return text;
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

/* A visible name that ends in the suffix @arg, and is more than that. */
static bool keep_suffix(const char *name, const void *arg)
{
	const char *suffix = arg;
	size_t len = strlen(name), sl = strlen(suffix);

	return name[0] != '.' && len > sl && strcmp(name + len - sl, suffix) == 0;
}

/* Names in folder @dir ending in @suffix, sorted; none if it cannot be read. */
static size_t list_names(struct pw_root *root, const char *dir, const char *suffix, char ***names)
{
	size_t n;

	if (pw_root_list(root, dir, keep_suffix, suffix, 64, names, &n) < 0)
		return 0;
	return n;
}

/* ---- udev rules --------------------------------------------------------- */

/* One KEY{attr}OP"value" of a rule; false at the end or on a syntax error. */
static bool rule_token(const char **s, char *key, size_t ksize, char *op, char *value,
		       size_t vsize)
{
	const char *p = *s, *k;
	size_t n = 0;

	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	if (*p == '\0')
		return false;
	k = p;
	while (*p && (*p == '_' || *p == '{' || *p == '}' || *p == '.' || *p == '-' ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9')))
		p++;
	if (p == k)
		return false;
	pw_copy(key, ksize, k, (size_t)(p - k));
	while (*p == ' ' || *p == '\t')
		p++;
	if ((p[0] == '=' || p[0] == '!' || p[0] == '+' || p[0] == '-' || p[0] == ':') &&
	    p[1] == '=') {
		op[0] = p[0];
		op[1] = '=';
		op[2] = '\0';
		p += 2;
	} else if (p[0] == '=') {
		strcpy(op, "=");
		p++;
	} else {
		return false;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '"')
		return false;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1])
			p++;
		if (n + 1 < vsize)
			value[n++] = *p;
		p++;
	}
	value[n] = '\0';
	if (*p != '"')
		return false;
	*s = p + 1;
	return true;
}

static void parse_rule(const char *line, unsigned int number, struct pw_net_rule *rule)
{
	char key[64], op[3], value[256];
	const char *p = line;

	memset(rule, 0, sizeof(*rule));
	rule->line = number;
	while (rule_token(&p, key, sizeof(key), op, value, sizeof(value))) {
		bool match = strcmp(op, "==") == 0 || strcmp(op, "!=") == 0;
		bool eq = strcmp(op, "==") == 0;

		if (strcmp(key, "NAME") == 0 && !match)
			pw_copy(rule->name, sizeof(rule->name), value, strlen(value));
		else if (eq && (strcmp(key, "ATTR{address}") == 0 ||
				strcmp(key, "SYSFS{address}") == 0))
			pw_copy(rule->mac, sizeof(rule->mac), value, strlen(value));
		else if (eq && (strcmp(key, "DRIVERS") == 0 || strcmp(key, "DRIVER") == 0))
			pw_copy(rule->driver, sizeof(rule->driver), value, strlen(value));
		else if (eq && strcmp(key, "KERNEL") == 0)
			pw_copy(rule->kernel, sizeof(rule->kernel), value, strlen(value));
		else if (eq && strcmp(key, "SUBSYSTEM") == 0)
			rule->other |= strcmp(value, "net") != 0;
		else if (eq && strcmp(key, "ACTION") == 0)
			rule->other |= strcmp(value, "add") != 0;
		else if (eq && (strcmp(key, "ATTR{type}") == 0 || strcmp(key, "ATTR{dev_id}") == 0 ||
				strcmp(key, "SYSFS{type}") == 0 || strcmp(key, "ATTR{dev_port}") == 0))
			continue; /* "1" and "0x0": true of every Ethernet card */
		else if (match)
			rule->other = true;
	}
	/* something left that is not KEY OP "value": not understood */
	if (*pw_skip_blanks(p, p + strlen(p)) != '\0')
		rule->other = true;
}

size_t pw_net_rules_parse(const char *text, size_t len, struct pw_net_rule *rules, size_t max)
{
	struct pw_lines it;
	const char *line;
	size_t n, count = 0;
	char buf[4096];

	pw_lines_init(&it, text, len);
	while (count < max && pw_lines_next(&it, &line, &n)) {
		const char *p = pw_skip_blanks(line, line + n);
		unsigned int number = it.number;
		size_t used = 0;
		bool fits = true;

		if (p == line + n || *p == '#')
			continue;
		n -= (size_t)(p - line);
		for (;;) {
			bool more = n > 0 && p[n - 1] == '\\';

			if (more)
				n--;
			if (used + n >= sizeof(buf)) {
				fits = false;
			} else {
				memcpy(buf + used, p, n);
				used += n;
			}
			if (!more || !pw_lines_next(&it, &p, &n))
				break;
		}
		if (!fits)
			continue;
		buf[used] = '\0';
		parse_rule(buf, number, &rules[count]);
		if (rules[count].name[0])
			count++;
	}
	return count;
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
		text = read_guest(root, generator_files[i], &len);
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
		char *text = read_guest(root, rule_files[f], &len);

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

/* ---- the kernel command line -------------------------------------------- */

struct cmdline_var {
	const char *name;
	bool off;
	char what[64];
	char file[128];
};

static void cmdline_words(struct cmdline_var *var, const char *value, const char *file)
{
	const char *end = value + strlen(value);
	char word[256];

	while (pw_next_word(&value, end, word, sizeof(word))) {
		bool off = strcmp(word, "net.ifnames=0") == 0;

		/* a naming scheme from before Xen cards had names */
		if (strncmp(word, "net.naming-scheme=v", 19) == 0 ||
		    strncmp(word, "net.naming_scheme=v", 19) == 0)
			off = pw_version_cmp(word + 19, "250") < 0;
		if (!off)
			continue;
		var->off = true;
		pw_copy(var->what, sizeof(var->what), word, strlen(word));
		pw_copy(var->file, sizeof(var->file), file, strlen(file));
	}
}

/* GRUB_CMDLINE_LINUX[_DEFAULT]="..." lines of a shell file; the last one wins. */
static void scan_grub_default(struct pw_root *root, const char *path, struct cmdline_var *vars,
			      size_t nvars)
{
	struct pw_lines it;
	const char *line;
	size_t n, len;
	char *text = read_guest(root, path, &len);

	if (!text)
		return;
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *p = pw_skip_blanks(line, line + n);
		char value[1024];

		for (size_t i = 0; i < nvars; i++) {
			size_t kl = strlen(vars[i].name);
			char self[64];

			if ((size_t)(line + n - p) <= kl || memcmp(p, vars[i].name, kl) != 0 ||
			    p[kl] != '=')
				continue;
			pw_copy(value, sizeof(value), p + kl + 1, (size_t)(line + n - p - kl - 1));
			for (char *q = value; *q; q++)
				if (*q == '"' || *q == '\'')
					*q = ' ';
			/* a new value replaces the old one unless it appends to it */
			snprintf(self, sizeof(self), "$%s", vars[i].name);
			if (!strstr(value, self)) {
				snprintf(self, sizeof(self), "${%s}", vars[i].name);
				if (!strstr(value, self))
					vars[i].off = false;
			}
			cmdline_words(&vars[i], value, path);
		}
	}
	free(text);
}

/* grub legacy: update-grub builds the kernel lines from "# kopt=". */
static void scan_menu_lst(struct pw_root *root, struct cmdline_var *var)
{
	struct pw_lines it;
	const char *line;
	size_t n, len;
	char *text = read_guest(root, "/boot/grub/menu.lst", &len);

	if (!text)
		return;
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		char value[1024];

		if (!pw_has_prefix(line, n, "# kopt="))
			continue;
		pw_copy(value, sizeof(value), line + 7, n - 7);
		var->off = false;
		cmdline_words(var, value, "/boot/grub/menu.lst");
	}
	free(text);
}

static void scan_cmdline(struct pw_root *root, struct pw_net_pv *pv)
{
	struct cmdline_var vars[] = {
		{ .name = "GRUB_CMDLINE_LINUX" },
		{ .name = "GRUB_CMDLINE_LINUX_DEFAULT" },
		{ .name = "kopt" },
	};
	char **names;
	size_t n;

	scan_grub_default(root, "/etc/default/grub", vars, 2);
	/* grub-mkconfig sources these after /etc/default/grub */
	n = list_names(root, "/etc/default/grub.d", ".cfg", &names);
	for (size_t i = 0; i < n; i++) {
		char path[256];

		snprintf(path, sizeof(path), "/etc/default/grub.d/%s", names[i]);
		scan_grub_default(root, path, vars, 2);
	}
	pw_names_free(names, n);
	scan_menu_lst(root, &vars[2]);
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		if (!vars[i].off || pv->names_off)
			continue;
		pv->names_off = PW_NAMES_OFF_CMDLINE;
		memcpy(pv->off_what, vars[i].what, sizeof(pv->off_what));
		memcpy(pv->off_file, vars[i].file, sizeof(pv->off_file));
	}
}

/* ---- systemd .link files ------------------------------------------------ */

struct link_file {
	char mac[32];		/* MACAddress= it matches, if any */
	bool any_match;
	bool applies;
	bool has_policy;
	char name[32];
	char policy[256];
};

/* Would the Xen card match "Key=value" of a [Match] section? */
static bool link_match(const char *key, const char *value)
{
	const char *end = value + strlen(value);
	char word[128];
	bool any = false;

	/* the card keeps its MAC address: a match on it was made for this card */
	if (strcmp(key, "MACAddress") == 0 || strcmp(key, "PermanentMACAddress") == 0)
		return true;
	if (strcmp(key, "Virtualization") == 0)
		return strcmp(value, "yes") == 0 || strcmp(value, "vm") == 0 ||
		       strcmp(value, "xen") == 0 || strcmp(value, "true") == 0 ||
		       strcmp(value, "1") == 0;
	if (strcmp(key, "OriginalName") != 0 && strcmp(key, "Driver") != 0 &&
	    strcmp(key, "Type") != 0)
		return false; /* Path=, Property=...: made for another card */
	while (pw_next_word(&value, end, word, sizeof(word))) {
		if (word[0] == '!')
			return false;
		if (strcmp(key, "OriginalName") == 0)
			any |= fnmatch(word, PV_KERNEL_NAME, 0) == 0;
		else if (strcmp(key, "Driver") == 0)
			any |= fnmatch(word, PV_DRIVER, 0) == 0;
		else
			any |= strcmp(word, "ether") == 0;
	}
	return any;
}

static void parse_link(const char *text, size_t len, struct link_file *lf)
{
	struct pw_lines it;
	const char *line;
	size_t n;
	char section[32] = "";

	memset(lf, 0, sizeof(*lf));
	lf->applies = true;
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *p = pw_skip_blanks(line, line + n), *eq;
		char key[64], value[256];

		if (p == line + n || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			const char *close = memchr(p, ']', (size_t)(line + n - p));

			pw_copy(section, sizeof(section), p + 1, close ? (size_t)(close - p - 1) : 0);
			continue;
		}
		eq = memchr(p, '=', (size_t)(line + n - p));
		if (!eq)
			continue;
		pw_copy(key, sizeof(key), p, (size_t)(eq - p));
		for (char *k = key + strlen(key); k > key && (k[-1] == ' ' || k[-1] == '\t');)
			*--k = '\0';
		eq = pw_skip_blanks(eq + 1, line + n);
		pw_copy(value, sizeof(value), eq, (size_t)(line + n - eq));
		if (strcmp(section, "Match") == 0) {
			if (strcmp(key, "MACAddress") == 0 || strcmp(key, "PermanentMACAddress") == 0)
				pw_copy(lf->mac, sizeof(lf->mac), value, strlen(value));
			lf->any_match = true;
			lf->applies &= link_match(key, value);
		} else if (strcmp(section, "Link") == 0 && strcmp(key, "Name") == 0) {
			pw_copy(lf->name, sizeof(lf->name), value, strlen(value));
		} else if (strcmp(section, "Link") == 0 && strcmp(key, "NamePolicy") == 0) {
			pw_copy(lf->policy, sizeof(lf->policy), value, strlen(value));
			lf->has_policy = true;
		}
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
	struct link_file lf = { 0 };
	char **names, path[256] = "";
	bool found = false, default_masked = false;
	size_t n = list_names(root, "/etc/systemd/network", ".link", &names);

	for (size_t i = 0; i < n && !found; i++) {
		size_t len;
		char *text;

		snprintf(path, sizeof(path), "/etc/systemd/network/%s", names[i]);
		if (masked(root, path)) {
			default_masked |= strcmp(names[i], "99-default.link") == 0;
			continue;
		}
		text = read_guest(root, path, &len);
		if (!text)
			continue;
		parse_link(text, len, &lf);
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
	return have_udev < 0 ? 1 : 0;
}

/* Say why the card gets the name it gets, as a finding of status @st. */
static void add_pv_why(struct pw_result *r, enum pw_status st, const struct pw_net_pv *pv)
{
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
	add_pv_why(&tmp, PW_OK, &pv);
	if (whysize)
		pw_copy(why, whysize, tmp.message, strlen(tmp.message));
	return ret;
}

/* ---- the inspect -------------------------------------------------------- */

/* What else configures the network, when there is no interfaces file. */
static void report_other_config(struct pw_ctx *ctx, struct pw_result *r,
				const struct pw_net_pv *pv)
{
	char **names, path[256];
	size_t n;

	n = list_names(ctx->root, "/etc/netplan", ".yaml", &names);
	if (n) {
		snprintf(path, sizeof(path), "/etc/netplan/%s", names[0]);
		pw_names_free(names, n);
		pw_result_add(r, PW_BLOCKED, N_("This guest configures its network with netplan "
						"(%s), not with /etc/network/interfaces, the only "
						"network configuration this wizard can change."),
			      path);
	} else if ((n = list_names(ctx->root, "/etc/systemd/network", ".network", &names))) {
		snprintf(path, sizeof(path), "/etc/systemd/network/%s", names[0]);
		pw_names_free(names, n);
		pw_result_add(r, PW_BLOCKED, N_("This guest configures its network with "
						"systemd-networkd (%s), not with "
						"/etc/network/interfaces, the only network "
						"configuration this wizard can change."), path);
	} else if (pw_root_exists(ctx->root, "/etc/NetworkManager/NetworkManager.conf") ||
		   pw_root_exists(ctx->root, "/usr/sbin/NetworkManager")) {
		pw_result_add(r, PW_BLOCKED, N_("This guest configures its network with "
						"NetworkManager, not with /etc/network/interfaces, "
						"the only network configuration this wizard can "
						"change."));
	} else {
		pw_result_add(r, PW_BLOCKED, N_("/etc/network/interfaces does not exist in the "
						"guest, and no other network configuration (netplan, "
						"systemd-networkd, NetworkManager) was found."));
	}
	pw_result_add(r, PW_BLOCKED, N_("Under ParaVM the network card will be called %s and "
					"needs a static address: configure that by hand, or "
					"install ifupdown and describe the card in "
					"/etc/network/interfaces."), pv->name);
}

/* A finding about one stanza's method and values; true if all is well. */
static bool check_stanza(const struct pw_ifaces *ifs, const struct pw_iface *ifc,
			 struct pw_result *r)
{
	const char *name = ifc->name, *file = ifs->files[ifc->file];
	struct pw_iface_static st;
	char addr[16], gw[16], net[16];

	if (strcmp(ifc->method, "dhcp") == 0) {
		pw_result_add(r, PW_TODO, N_("%s gets its address by DHCP, which does not work "
					     "under ParaVM; it needs a static address."), name);
		return false;
	}
	if (strcmp(ifc->method, "manual") == 0) {
		pw_result_add(r, PW_TODO, N_("%s is set to \"inet manual\": ifupdown gives it no "
					     "address and leaves it to some other program, which "
					     "this wizard cannot check; under ParaVM it needs a "
					     "static address."), name);
		return false;
	}
	if (strcmp(ifc->method, "static") != 0) {
		pw_result_add(r, PW_TODO, N_("%s is set to \"inet %s\", which this wizard cannot "
					     "use under ParaVM; it needs a static address."),
			      name, ifc->method);
		return false;
	}

	switch (pw_iface_check_static(ifc, &st)) {
	case PW_STATIC_OK:
		break;
	case PW_STATIC_NO_ADDRESS:
		pw_result_add(r, PW_TODO, N_("%s is set to a static address, but its stanza has "
					     "no address line."), name);
		break;
	case PW_STATIC_BAD_ADDRESS:
		pw_result_add(r, PW_TODO, N_("The address of %s, \"%s\", is not a valid IPv4 "
					     "address."), name, st.bad);
		break;
	case PW_STATIC_NO_NETMASK:
		pw_result_add(r, PW_TODO, N_("%s has no netmask: its stanza has no netmask line, "
					     "and its address no /prefix."), name);
		break;
	case PW_STATIC_BAD_NETMASK:
		pw_result_add(r, PW_TODO, N_("The netmask of %s, \"%s\", is not a valid netmask."),
			      name, st.bad);
		break;
	case PW_STATIC_ADDRESS_NOT_HOST:
		pw_result_add(r, PW_TODO, N_("The address of %s, %s, is the network or broadcast "
					     "address of its subnet, which no machine can have."),
			      name, st.bad);
		break;
	case PW_STATIC_NO_GATEWAY:
		pw_result_add(r, PW_TODO, N_("%s has no gateway, so the VM could reach nothing "
					     "outside its own subnet."), name);
		break;
	case PW_STATIC_BAD_GATEWAY:
		pw_result_add(r, PW_TODO, N_("The gateway of %s, \"%s\", is not a valid IPv4 "
					     "address."), name, st.bad);
		break;
	case PW_STATIC_GATEWAY_OUTSIDE:
		pw_ipv4_format((struct pw_ipv4){ st.address.addr & st.netmask.addr }, net);
		pw_result_add(r, PW_TODO, N_("The gateway of %s, %s, is outside its subnet, "
					     "%s/%d."), name, st.bad, net, st.prefix);
		break;
	case PW_STATIC_GATEWAY_NOT_HOST:
		pw_result_add(r, PW_TODO, N_("The gateway of %s, %s, cannot be used: it is the "
					     "address itself, or the network or broadcast address of "
					     "the subnet."), name, st.bad);
		break;
	case PW_STATIC_BAD_NAMESERVER:
		pw_result_add(r, PW_TODO, N_("The name server \"%s\" of %s is not a valid IP "
					     "address."), st.bad, name);
		break;
	}
	if (st.problem != PW_STATIC_OK) {
		pw_result_add(r, PW_TODO, N_("That stanza is in %s, line %u."), file,
			      ifc->first_line);
		return false;
	}
	pw_ipv4_format(st.address, addr);
	pw_ipv4_format(st.gateway, gw);
	if (!pw_ifaces_at_boot(ifs, name)) {
		pw_result_add(r, PW_TODO, N_("%s has the static address %s/%d, but nothing brings "
					     "it up at boot: it needs an \"auto %s\" line."),
			      name, addr, st.prefix, name);
		return false;
	}
	pw_result_add(r, PW_OK, N_("%s has the static address %s/%d with gateway %s."), name,
		      addr, st.prefix, gw);
	return true;
}

/* Is the static stanza of @ifc complete and valid (no finding added)? */
static bool static_ok(const struct pw_iface *ifc)
{
	struct pw_iface_static st;

	return strcmp(ifc->method, "static") == 0 && pw_iface_check_static(ifc, &st) == PW_STATIC_OK;
}

static void check_names(struct pw_result *r, const struct pw_ifaces *ifs,
			const struct pw_iface *primary, const struct pw_net_pv *pv, bool guessed)
{
	const struct pw_iface *target;

	if (guessed)
		pw_result_add(r, PW_WARN, N_("The version of udev could not be read from the dpkg "
					     "status, so the name of the network card under ParaVM "
					     "is a guess: %s."), pv->name);
	if (strcmp(primary->name, pv->name) == 0) {
		check_stanza(ifs, primary, r);
		if (pv->source == PW_PVNAME_KERNEL)
			pw_result_add(r, PW_OK, N_("Under ParaVM the network card keeps the name "
						   "%s."), pv->name);
		else
			add_pv_why(r, PW_OK, pv);
	} else if ((target = pw_ifaces_find(ifs, pv->name, "inet"))) {
		pw_result_add(r, PW_OK, N_("Under ParaVM the network card will be called %s, not "
					   "%s as now."), pv->name, primary->name);
		add_pv_why(r, PW_OK, pv);
		if (check_stanza(ifs, target, r))
			pw_result_add(r, PW_OK, N_("%s stays configured for the way back to HVM."),
				      primary->name);
	} else if (static_ok(primary)) {
		pw_result_add(r, PW_TODO, N_("Under ParaVM the network card will be called %s, but "
					     "only %s is configured: the VM would come up without "
					     "its address."), pv->name, primary->name);
		add_pv_why(r, PW_TODO, pv);
		pw_result_add(r, PW_TODO, N_("%s needs a stanza with the same static address."),
			      pv->name);
	} else {
		check_stanza(ifs, primary, r);
		pw_result_add(r, PW_TODO, N_("Under ParaVM the network card will be called %s, and "
					     "no stanza configures that name: the VM would come up "
					     "without an address."), pv->name);
		add_pv_why(r, PW_TODO, pv);
	}

	if (pv->conflict)
		pw_result_add(r, PW_TODO, N_("%s, line %u, gives the name %s only to the emulated "
					     "network card (driver %s, MAC address %s). Under ParaVM "
					     "the Xen network card matches no rule, and udev may "
					     "name it eth1, which has no address; that rule needs "
					     "DRIVERS==\"?*\" instead of its driver, or to go."),
			      pv->conflict_file, pv->conflict_line, pv->name, pv->conflict_driver,
			      pv->conflict_mac);
}

/* ifupdown reads the file; without it (and dpkg says so), nothing does. */
static void check_ifupdown(struct pw_ctx *ctx, struct pw_result *r)
{
	const struct pw_dpkg_pkg *p = pw_dpkg_find(&ctx->dpkg, "ifupdown");
	const struct pw_dpkg_pkg *p2 = pw_dpkg_find(&ctx->dpkg, "ifupdown2");

	if (ctx->dpkg.error || ctx->dpkg.packages == 0 || !p || p->installed ||
	    (p2 && p2->installed))
		return;
	pw_result_add(r, PW_WARN, N_("The dpkg status shows no ifupdown package, so nothing "
				     "may read /etc/network/interfaces at boot; install "
				     "ifupdown."));
}

void pw_inspect_network(struct pw_ctx *ctx, struct pw_result *r)
{
	struct pw_ifaces ifs;
	struct pw_net_pv pv;
	const struct pw_iface *primary;
	struct stat st;
	int guessed, ret;

	guessed = pw_net_pv_probe(ctx, &pv);
	if (pw_netstack_inspect(ctx, r, &pv))
		return; /* netplan, systemd-networkd, NetworkManager */
	pw_ifaces_init(&ifs, ctx->root);
	ret = pw_ifaces_load(&ifs, PW_IFACES_FILE);
	if (ret == -ENOENT && ifs.nfiles == 0) {
		char target[256];

		/* a link that leads nowhere inside the guest is not "no file" */
		if (pw_root_lstat(ctx->root, PW_IFACES_FILE, &st) == 0 &&
		    pw_root_readlink(ctx->root, PW_IFACES_FILE, target, sizeof(target)) == 0)
			pw_result_add(r, PW_BLOCKED, N_("%s is a symbolic link to %s, which does "
							"not exist in the guest."),
				      PW_IFACES_FILE, target);
		else if (pw_root_lstat(ctx->root, PW_IFACES_FILE, &st) == 0)
			pw_result_file_problem(r, PW_BLOCKED, PW_IFACES_FILE, ret);
		else
			report_other_config(ctx, r, &pv);
		goto out;
	}
	if (ret < 0) {
		pw_ifaces_report_error(&ifs.error, r, PW_BLOCKED);
		goto out;
	}
	check_ifupdown(ctx, r);
	primary = pw_ifaces_primary(&ifs);
	if (!primary) {
		pw_result_add(r, PW_TODO, N_("/etc/network/interfaces configures no network card "
					     "for IPv4 (only lo, if anything). Under ParaVM the "
					     "card will be called %s, and it needs a static "
					     "address."), pv.name);
		goto out;
	}
	check_names(r, &ifs, primary, &pv, guessed == 1);
out:
	pw_ifaces_free(&ifs);
}
