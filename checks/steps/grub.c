// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * grub: will pygrub, Xen's ParaVM boot loader, boot a kernel that can run
 * as a ParaVM, with the PV console on its command line?
 *
 * pygrub reads the first file of its list that exists, whatever grub the
 * guest runs, so a grub.cfg left behind by an old grub 2 hides a menu.lst
 * that grub legacy keeps up to date. And grub legacy's update-grub of 2008
 * leaves Xen kernels out of menu.lst outside a Xen guest: a menu fixed by
 * hand loses its Xen kernel at the next kernel update unless update-grub
 * is patched too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-default-grub.h"
#include "pw-grub.h"
#include "pw-root.h"
#include "pw-text.h"

/*
 * pygrub's list (read_config) in its order, as paths of the guest tree. Its
 * "/grub/grub.cfg" forms are the same files seen from a separate /boot
 * partition, which the guest tree has under /boot.
 */
const struct pw_grub_file pw_grub_files[] = {
	{ "/boot/grub/grub.cfg", PW_GRUB_KIND_GRUB2 },
	{ "/boot/grub2/grub.cfg", PW_GRUB_KIND_GRUB2 },
	{ "/boot/isolinux/isolinux.cfg", PW_GRUB_KIND_EXTLINUX },
	{ "/boot/extlinux/extlinux.conf", PW_GRUB_KIND_EXTLINUX },
	{ "/boot/extlinux.conf", PW_GRUB_KIND_EXTLINUX },
	{ "/boot/grub/menu.lst", PW_GRUB_KIND_LEGACY },
	{ "/boot/grub/grub.conf", PW_GRUB_KIND_LEGACY },
};
const size_t pw_grub_file_count = ARRAY_SIZE(pw_grub_files);

#define MENU_LST "/boot/grub/menu.lst"
#define GRUB_CFG "/boot/grub/grub.cfg"

/*
 * The update-grub scripts: where grub legacy and grub 2 put it, and grub
 * legacy's other name beside grub 2 (grub-legacy's update-grub-legacy).
 * The inspect reads and the plan patches each of them.
 */
const char *const pw_update_grub_paths[3] = {
	"/usr/sbin/update-grub", "/sbin/update-grub", "/usr/sbin/update-grub-legacy",
};
const size_t pw_update_grub_path_count = ARRAY_SIZE(pw_update_grub_paths);

bool pw_grub_seen_file(const struct stat *seen, size_t n, const struct stat *st)
{
	for (size_t i = 0; i < n; i++)
		if (seen[i].st_ino == st->st_ino && seen[i].st_dev == st->st_dev)
			return true;
	return false;
}

int pw_grub_find_config(struct pw_root *root, char *path, size_t size, enum pw_grub_kind *kind)
{
	for (size_t i = 0; i < pw_grub_file_count; i++) {
		struct stat st;
		int err = pw_root_stat(root, pw_grub_files[i].path, &st);

		/* unreadable is still there: the read says why */
		if (err == 0 || (err != -ENOENT && err != -ENOTDIR)) {
			pw_copy(path, size, pw_grub_files[i].path, strlen(pw_grub_files[i].path));
			*kind = pw_grub_files[i].kind;
			return 0;
		}
	}
	return 1;
}

int pw_grub_read_menu(struct pw_root *root, const char *path, enum pw_grub_kind kind,
		      struct pw_grub_menu *menu)
{
	char *text;
	size_t len;
	int err;

	pw_grub_menu_init(menu, kind);
	if (kind == PW_GRUB_KIND_EXTLINUX)
		return -EOPNOTSUPP;
	/* pygrub reads at most 1 MiB (FS_READ_MAX), as PW_TEXT_MAX */
	err = pw_root_read_text(root, path, PW_TEXT_MAX, &text, &len);
	if (err < 0)
		return err;
	err = kind == PW_GRUB_KIND_GRUB2 ? pw_grub_cfg_parse(text, len, menu)
					 : pw_menulst_parse(text, len, menu);
	free(text);
	return err;
}

int pw_grub_default_entry(struct pw_ctx *ctx, struct pw_grub_entry *out,
			  char *cfgpath, size_t size)
{
	struct pw_grub_menu menu;
	const struct pw_grub_entry *def;
	enum pw_grub_kind kind;
	char path[64];
	int err;

	if (pw_grub_find_config(ctx->root, path, sizeof(path), &kind) != 0)
		return 1;
	if (cfgpath)
		pw_copy(cfgpath, size, path, strlen(path));
	if (kind == PW_GRUB_KIND_EXTLINUX)
		return PW_EFORMAT;
	err = pw_grub_read_menu(ctx->root, path, kind, &menu);
	def = err == 0 ? pw_grub_default(&menu) : NULL;
	if (def)
		*out = *def;
	pw_grub_menu_free(&menu);
	return err < 0 ? err : def ? 0 : 1;
}

int pw_grub_resolve(struct pw_root *root, const char *path, char *out, size_t size)
{
	char cand[2][PW_GRUB_PATH_MAX + 8];
	const char *slash = path[0] == '/' ? "" : "/";

	if (!path[0])
		return 1;
	/* A menu on the root filesystem says /boot/X; one on /boot says /X. */
	if (strncmp(path, "/boot/", 6) == 0) {
		snprintf(cand[0], sizeof(cand[0]), "%s", path);
		snprintf(cand[1], sizeof(cand[1]), "/boot%s", path);
	} else {
		snprintf(cand[0], sizeof(cand[0]), "/boot%s%s", slash, path);
		snprintf(cand[1], sizeof(cand[1]), "%s%s", slash, path);
	}
	for (size_t i = 0; i < 2; i++) {
		struct stat st;

		if (pw_root_stat(root, cand[i], &st) == 0 && S_ISREG(st.st_mode)) {
			pw_copy(out, size, cand[i], strlen(cand[i]));
			return 0;
		}
	}
	return 1;
}

/* Is @word "console=@dev", or "console=@dev,options"? */
static bool is_console(const char *word, const char *dev)
{
	size_t n = strlen(dev);

	return strncmp(word, "console=", 8) == 0 && strncmp(word + 8, dev, n) == 0 &&
	       (word[8 + n] == '\0' || word[8 + n] == ',');
}

bool pw_grub_has_console(const char *args, const char *dev)
{
	const char *end = args + strlen(args);
	char word[256];

	while (pw_next_word(&args, end, word, sizeof(word)))
		if (is_console(word, dev))
			return true;
	return false;
}

/* The device of the last console= (the one /dev/console becomes), or "". */
static void last_console(const char *args, char *dev, size_t size)
{
	const char *end = args + strlen(args);
	char word[256];

	dev[0] = '\0';
	while (pw_next_word(&args, end, word, sizeof(word)))
		if (strncmp(word, "console=", 8) == 0)
			pw_copy(dev, size, word + 8, strcspn(word + 8, ","));
}

/* A finding with a N_() reason in it: each language gets its own reason. */
static void add_reason(struct pw_result *r, enum pw_status st, const char *fmt,
		       const char *path, const char *reason, unsigned int line)
{
	char en[PW_MSG_MAX], local[PW_MSG_MAX];

	snprintf(en, sizeof(en), fmt, path, reason, line);
	snprintf(local, sizeof(local), gettext(fmt), path, gettext(reason), line);
	if (st > r->status)
		r->status = st;
	pw_result_append_text(r->message_en, en);
	pw_result_append_text(r->message, local);
}

/* What the guest's grub keeps up to date: the installed package, else the profile. */
enum pw_grub pw_grub_flavour(const struct pw_ctx *ctx)
{
	if (pw_dpkg_installed(&ctx->dpkg, "grub-pc"))
		return PW_GRUB2;
	if (pw_dpkg_installed(&ctx->dpkg, "grub-legacy"))
		return PW_GRUB_LEGACY;
	return ctx->profile.grub;
}

/* "Linux 2.6.18-6-xen-amd64", or the path when the name has no version. */
static void kernel_name(const struct pw_kernel_info *k, const char *menu_path, char *buf,
			size_t size)
{
	if (k->version[0])
		snprintf(buf, size, "Linux %s", k->version);
	else
		snprintf(buf, size, "%s", k->file[0] ? k->file : menu_path);
}

static bool in_menu(const struct pw_grub_menu *menu, const char *name)
{
	for (size_t i = 0; i < menu->count; i++) {
		const char *base = strrchr(menu->entries[i].kernel, '/');

		if (strcmp(base ? base + 1 : menu->entries[i].kernel, name) == 0)
			return true;
	}
	return false;
}

/* The newest kernel in /boot that can run as a ParaVM and is not in the menu. */
static bool pv_kernel_not_in_menu(struct pw_root *root, const struct pw_grub_menu *menu,
				  char *version, size_t size)
{
	int fd = pw_root_open(root, "/boot", O_RDONLY | O_DIRECTORY, 0);
	DIR *dir;
	struct dirent *d;
	bool found = false;

	if (fd < 0)
		return false;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return false;
	}
	while ((d = readdir(dir))) {
		struct pw_kernel_info k;
		char path[300];

		if (strncmp(d->d_name, "vmlinuz-", 8) != 0 || in_menu(menu, d->d_name))
			continue;
		snprintf(path, sizeof(path), "/boot/%s", d->d_name);
		if (pw_kernel_check(root, path, &k) != 0 || k.cap != PW_KERNEL_CAP_PV)
			continue;
		if (!found || strverscmp(k.version, version) > 0) {
			pw_copy(version, size, k.version, strlen(k.version));
			found = true;
		}
	}
	closedir(dir);
	return found;
}

/* A single-user or recovery entry: a last choice for a default. */
static bool is_rescue(const struct pw_grub_entry *e)
{
	return pw_word_in_list(e->args, "single") || strstr(e->title, "recovery") ||
	       strstr(e->title, "single-user");
}

/* The first entry whose kernel can run as a ParaVM, rescue ones last; -1 if none. */
static int pv_entry(struct pw_root *root, const struct pw_grub_menu *menu,
		    struct pw_kernel_info *k)
{
	int rescue = -1;

	for (size_t i = 0; i < menu->count; i++) {
		if (!menu->entries[i].kernel[0] ||
		    pw_kernel_check(root, menu->entries[i].kernel, k) != 0 ||
		    k->cap != PW_KERNEL_CAP_PV)
			continue;
		if (!is_rescue(&menu->entries[i]))
			return (int)i;
		if (rescue < 0)
			rescue = (int)i;
	}
	if (rescue >= 0)
		pw_kernel_check(root, menu->entries[rescue].kernel, k);
	return rescue;
}

/*
 * Would update-grub keep console= on the line? It rebuilds the automagic
 * entries from `# kopt=` (or the kernel's own `# kopt_2_6_18...=`) and
 * `# defoptions=`.
 */
static void check_kopt(struct pw_ctx *ctx, struct pw_result *r, const struct pw_grub_menu *menu,
		       const struct pw_grub_entry *def, const struct pw_kernel_info *k)
{
	const char *dev = ctx->profile.console;
	const char *kopt = pw_menulst_kopt_for(menu, k->version);
	const struct pw_menulst_opt *defopt = pw_menulst_opt(menu, "defoptions");
	const struct pw_menulst_opt *kline = pw_menulst_opt(menu, "kopt");

	if (!menu->options_begin || !pw_menulst_in_automagic(menu, def->line))
		return;
	if ((kopt && pw_grub_has_console(kopt, dev)) ||
	    (defopt && pw_grub_has_console(defopt->value, dev)))
		return;
	pw_result_add(r, PW_WARN,
		      N_("console=%s is on the kernel line, but not in the \"# kopt=\" line of %s (line %u), so update-grub would drop it at the next kernel update; the grub step will add it there."),
		      dev, MENU_LST, kline ? kline->line : menu->options_end);
}

/* grub-mkconfig's settings: /etc/default/grub, then the .cfg files of /etc/default/grub.d. */
static void check_default_grub(struct pw_ctx *ctx, struct pw_result *r, const char *cfg)
{
	const char *dev = ctx->profile.console;
	struct pw_default_grub dg;
	int err = pw_default_grub_load(ctx->root, &dg);
	/* without it, grub-mkconfig's own defaults give no console= at all */
	bool have_main = dg.have_main;

	pw_default_grub_free(&dg);
	/* what cannot be read is said so, not taken for a missing console= */
	if (err == PW_EFORMAT) {
		pw_result_add(r, PW_WARN,
			      N_("%s has a quote that is never closed (line %u), so the shell cannot read it and update-grub would fail. Close that quote."),
			      dg.bad_file, dg.bad_line);
		return;
	}
	if (err < 0) {
		pw_result_file_problem(r, PW_WARN, dg.bad_file, err);
		return;
	}
	if (pw_grub_has_console(dg.var[PW_DG_CMDLINE_LINUX].value, dev) ||
	    pw_grub_has_console(dg.var[PW_DG_CMDLINE_LINUX_DEFAULT].value, dev))
		return;
	if (!have_main) {
		pw_result_add(r, PW_WARN,
			      N_("console=%s is in %s, but there is no /etc/default/grub to keep it, so update-grub would drop it the next time it runs; the grub step will write that file."),
			      dev, cfg);
		return;
	}
	pw_result_add(r, PW_WARN,
		      N_("console=%s is in %s, but not in GRUB_CMDLINE_LINUX of /etc/default/grub, so update-grub would drop it the next time it runs; the grub step will add it there."),
		      dev, cfg);
}

/* The default entry's kernel: can it run as a ParaVM, and with the console? */
static void check_default(struct pw_ctx *ctx, struct pw_result *r, const char *cfg,
			  const struct pw_grub_menu *menu, const struct pw_grub_entry *def)
{
	const char *dev = ctx->profile.console;
	struct pw_kernel_info k, alt;
	char name[PW_GRUB_PATH_MAX + 16], other[PW_GRUB_PATH_MAX + 16];
	char version[128], last[32];
	bool console;
	int i;

	if (!def->kernel[0]) {
		pw_result_add(r, PW_TODO,
			      N_("The default entry of %s, \"%s\", has no kernel line, so pygrub cannot boot it; the grub step will rewrite the menu."),
			      cfg, def->title);
		return;
	}
	if (pw_kernel_check(ctx->root, def->kernel, &k) != 0) {
		pw_result_add(r, PW_TODO,
			      N_("The default entry of %s, \"%s\", boots %s, which is not in the guest; the grub step will rewrite the menu."),
			      cfg, def->title, def->kernel);
		return;
	}
	kernel_name(&k, def->kernel, name, sizeof(name));

	if (k.cap == PW_KERNEL_CAP_NOT_PV) {
		if (k.why == PW_KERNEL_WHY_HYPERVISOR)
			pw_result_add(r, PW_TODO,
				      N_("The default entry of %s, \"%s\", starts the Xen hypervisor %s, which is for a Xen host, not for a ParaVM."),
				      cfg, def->title, k.file);
		else
			pw_result_add(r, PW_TODO,
				      N_("The default entry of %s, \"%s\", boots %s, which cannot boot as a ParaVM."),
				      cfg, def->title, name);
		i = pv_entry(ctx->root, menu, &alt);
		if (i >= 0) {
			kernel_name(&alt, menu->entries[i].kernel, other, sizeof(other));
			pw_result_add(r, PW_TODO,
				      N_("%s, which can, is in the menu as entry %d, \"%s\"; the grub step will make it the default."),
				      other, i, menu->entries[i].title);
		} else if (pv_kernel_not_in_menu(ctx->root, menu, version, sizeof(version))) {
			pw_result_add(r, PW_TODO,
				      N_("Linux %s, which can, is installed in /boot but not in the menu; the grub step will add it and make it the default."),
				      version);
		} else {
			pw_result_add(r, PW_TODO,
				      N_("No other kernel in the menu or in /boot can: install one first (the packages step), then the grub step adds it to the menu."));
		}
		return;
	}

	console = pw_grub_has_console(def->args, dev);
	if (k.cap == PW_KERNEL_CAP_PV && console)
		pw_result_add(r, PW_OK,
			      N_("pygrub will read %s and boot its default entry, \"%s\": %s, which can run as a ParaVM, with console=%s."),
			      cfg, def->title, name, dev);
	else if (k.cap == PW_KERNEL_CAP_PV)
		pw_result_add(r, PW_TODO,
			      N_("pygrub will read %s and boot its default entry, \"%s\": %s, which can run as a ParaVM, but without console=%s on its command line, so the serial console would stay blank. The grub step will add it."),
			      cfg, def->title, name, dev);
	else if (console)
		pw_result_add(r, PW_WARN,
			      N_("pygrub will read %s and boot its default entry, \"%s\": %s, with console=%s."),
			      cfg, def->title, name, dev);
	else
		pw_result_add(r, PW_TODO,
			      N_("pygrub will read %s and boot its default entry, \"%s\": %s, but without console=%s on its command line, so the serial console would stay blank. The grub step will add it."),
			      cfg, def->title, name, dev);

	/* unknown is said to be unknown: never guessed */
	if (k.cap == PW_KERNEL_CAP_UNKNOWN) {
		char config[160];

		snprintf(config, sizeof(config), "/boot/config-%s", k.version);
		if (k.config_error)
			pw_result_file_problem(r, PW_WARN, config, k.config_error);
		if (k.config_seen)
			pw_result_add(r, PW_WARN,
				      N_("Whether that kernel can run as a ParaVM is unknown: %s does not say, and neither does its name. Check that it is a Xen-capable kernel (CONFIG_XEN_PV or CONFIG_XEN)."),
				      config);
		else if (k.version[0])
			pw_result_add(r, PW_WARN,
				      N_("Whether that kernel can run as a ParaVM is unknown: %s is missing and its name does not say. Check that it is a Xen-capable kernel (CONFIG_XEN_PV or CONFIG_XEN)."),
				      config);
		else
			pw_result_add(r, PW_WARN,
				      N_("Whether that kernel can run as a ParaVM is unknown: its file name gives no version to find its config by. Check that it is a Xen-capable kernel (CONFIG_XEN_PV or CONFIG_XEN)."));
	}

	if (def->initrd[0]) {
		char initrd[PW_GRUB_PATH_MAX + 8];

		if (pw_grub_resolve(ctx->root, def->initrd, initrd, sizeof(initrd)) != 0)
			pw_result_add(r, PW_TODO,
				      N_("The default entry's initial RAM disk, %s, is not in the guest, so pygrub would fail to load it; the grub step will rewrite the menu."),
				      def->initrd);
	}
	if (!console)
		return;
	last_console(def->args, last, sizeof(last));
	if (strcmp(last, dev) != 0)
		pw_result_add(r, PW_WARN,
			      N_("A later console=%s on that line makes it /dev/console, where the boot scripts write, instead of %s; the grub step will remove it."),
			      last, dev);
	if (menu->kind == PW_GRUB_KIND_LEGACY)
		check_kopt(ctx, r, menu, def, &k);
	else
		check_default_grub(ctx, r, cfg);
}

/* The menu pygrub reads: can it parse it, and what will it boot? */
static void check_menu(struct pw_ctx *ctx, struct pw_result *r, const char *cfg,
		       enum pw_grub_kind kind)
{
	struct pw_grub_menu menu;
	const struct pw_grub_entry *def;
	int err = pw_grub_read_menu(ctx->root, cfg, kind, &menu);

	if (err == PW_EFORMAT) {
		add_reason(r, PW_TODO,
			   N_("pygrub would refuse %s: %s (line %u), and the ParaVM would not boot. The grub step will write the menu anew; correct that line by hand if you wrote it yourself."),
			   cfg, pw_grub_problem_text(menu.problem), menu.problem_line);
		goto out;
	}
	if (err < 0) {
		pw_result_file_problem(r, PW_TODO, cfg, err);
		goto out;
	}
	if (menu.total == 0) {
		pw_result_add(r, PW_TODO,
			      N_("%s has no boot entries, so pygrub has nothing to boot; the grub step will add one."),
			      cfg);
		goto out;
	}
	def = pw_grub_default(&menu);
	if (!def) {
		pw_result_add(r, PW_WARN,
			      N_("%s has more entries (%zu) than this wizard reads, so its default entry was not checked."),
			      cfg, menu.total);
		goto out;
	}
	check_default(ctx, r, cfg, &menu, def);

	if (menu.default_out_of_range)
		pw_result_add(r, PW_WARN,
			      N_("Its default line asks for entry %s, which does not exist: pygrub falls back to the first entry (or, when its menu waits two seconds or more, to the last). The grub step will set the default explicitly."),
			      menu.default_value);
	if (menu.default_by_name && menu.default_named_index > 0)
		pw_result_add(r, PW_WARN,
			      N_("Its default names \"%s\" (entry %d), but pygrub does not look defaults up by name and boots the first entry instead. The grub step will set the default by number."),
			      menu.default_value, menu.default_named_index);
out:
	pw_grub_menu_free(&menu);
}

/* update-grub: does it still leave Xen kernels (or, in a ParaVM, the others) out? */
static void check_update_grub(struct pw_ctx *ctx, struct pw_result *r)
{
	struct stat seen[ARRAY_SIZE(pw_update_grub_paths)];
	size_t nseen = 0;

	for (size_t i = 0; i < pw_update_grub_path_count; i++) {
		const char *path = pw_update_grub_paths[i];
		struct pw_updategrub ug;
		struct stat st;
		char *text;
		size_t len;
		int err;

		/* /usr/sbin/update-grub is often a link to /sbin/update-grub */
		if (pw_root_stat(ctx->root, path, &st) != 0 || pw_grub_seen_file(seen, nseen, &st))
			continue;
		seen[nseen++] = st;
		err = pw_root_read_text(ctx->root, path, PW_TEXT_MAX, &text, &len);
		if (err < 0) {
			pw_result_file_problem(r, PW_WARN, path, err);
			continue;
		}
		pw_updategrub_scan(text, len, &ug);
		free(text);
		if (ug.skip_xen.active)
			pw_result_add(r, PW_TODO,
				      N_("%s (line %u) still leaves Xen kernels out of the menu outside a ParaVM, so the next kernel update would drop the Xen kernel again; the grub step will patch it as the conversion guide shows."),
				      path, ug.skip_xen.continue_line);
		if (ug.skip_nonxen.active)
			pw_result_add(r, PW_WARN,
				      N_("%s (line %u) leaves the other kernels out inside a ParaVM, so after a kernel update there no kernel would be left to go back to HVM with; the grub step will patch that too."),
				      path, ug.skip_nonxen.continue_line);
	}
}

void pw_inspect_grub(struct pw_ctx *ctx, struct pw_result *r)
{
	enum pw_grub flavour;
	enum pw_grub_kind kind;
	char cfg[64];

	if (!pw_need_profile(ctx, r))
		return;
	flavour = pw_grub_flavour(ctx);

	if (pw_grub_find_config(ctx->root, cfg, sizeof(cfg), &kind) != 0) {
		/* a link that leads nowhere inside the guest is not "no file" */
		for (size_t i = 0; i < pw_grub_file_count; i++) {
			char target[256];

			if (pw_root_readlink(ctx->root, pw_grub_files[i].path, target,
					     sizeof(target)) == 0)
				pw_result_add(r, PW_TODO,
					      N_("%s is a symbolic link to %s, which does not exist in the guest."),
					      pw_grub_files[i].path, target);
		}
		pw_result_add(r, PW_TODO,
			      N_("There is no boot menu that pygrub, Xen's ParaVM boot loader, can read; the grub step will create one."));
	} else if (kind == PW_GRUB_KIND_EXTLINUX) {
		pw_result_add(r, PW_TODO,
			      N_("pygrub will read the extlinux menu %s, which this wizard does not check. Make sure its default entry boots a Xen-capable kernel with console=%s, or remove it so that pygrub reads the grub menu."),
			      cfg, ctx->profile.console);
	} else {
		check_menu(ctx, r, cfg, kind);
		if (flavour == PW_GRUB_LEGACY && kind == PW_GRUB_KIND_GRUB2) {
			if (pw_root_exists(ctx->root, MENU_LST))
				pw_result_add(r, PW_TODO,
					      N_("pygrub reads %s before %s, but this guest's grub (grub legacy) only keeps %s up to date: the grub.cfg is left over from another grub, and kernel updates will not reach it. The grub step will move it aside."),
					      cfg, MENU_LST, MENU_LST);
			else
				pw_result_add(r, PW_TODO,
					      N_("pygrub reads %s, but this guest's grub (grub legacy) keeps %s, which does not exist: kernel updates will not reach the menu pygrub reads. The grub step will create %s and move the grub.cfg aside."),
					      cfg, MENU_LST, MENU_LST);
		} else if (flavour == PW_GRUB2 && kind == PW_GRUB_KIND_LEGACY) {
			pw_result_add(r, PW_TODO,
				      N_("There is no %s, the boot menu this guest's grub (grub 2) keeps up to date, so pygrub reads %s, which kernel updates will not reach; the grub step will create %s."),
				      GRUB_CFG, cfg, GRUB_CFG);
		}
	}
	check_update_grub(ctx, r);
}
