// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The grub step's plan and apply: make pygrub boot a kernel that can run as
 * a ParaVM, with console= and root=UUID=, and make the next update-grub
 * (which the next kernel upgrade runs) keep it so.
 *
 * grub legacy: update-grub rebuilds menu.lst's kernel entries from /boot
 * and from the "# kopt=" options in menu.lst, so the options are what is
 * edited; the 2008 update-grub is patched not to leave Xen kernels out;
 * update-grub runs; then the default is set to the Xen kernel's entry,
 * whose number only that run decides.
 * grub 2: grub-mkconfig builds grub.cfg from /etc/default/grub, which gets
 * the console; grub-mkconfig runs; root=UUID= is then put on the kernel
 * lines where it wrote a device name (it does outside the booted guest,
 * where /dev/disk/by-uuid is missing).
 *
 * The plan reads everything and decides everything that can be decided
 * before a command runs; the apply makes the same decisions again from the
 * same files before writing anything, so the two never disagree.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-blkid.h"
#include "pw-default-grub.h"
#include "pw-grub.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-run.h"
#include "pw-text.h"
#include "pw-txn.h"

#define MENU_LST "/boot/grub/menu.lst"
#define GRUB_CFG "/boot/grub/grub.cfg"
#define DEFAULT_GRUB "/etc/default/grub"

/* Files grub legacy's update-grub writes besides menu.lst, saved for --undo. */
static const char *const legacy_outputs[] = {
	MENU_LST, MENU_LST "~", "/boot/grub/default", "/boot/grub/device.map",
};

/* What the plan and the apply both start from. */
struct facts {
	enum pw_grub flavour;
	char uuid[64];		/* of the guest's / */
	char updategrub[64];	/* legacy: the script that writes menu.lst; "" if none */
	char mkconfig[64];	/* grub 2: grub-mkconfig, else update-grub; "" if none */
	bool mkconfig_is_update_grub;
	char newest[128];	/* the newest kernel of /boot that can run as a ParaVM; "" */
};

/* What the plan decided beyond its file changes. */
struct decision {
	bool run;		/* update-grub (grub-mkconfig) must run */
	bool menu_created;	/* legacy: menu.lst is new */
	int default_index;	/* set without a run; -1 if not */
	char default_version[128];
};

/* ---- small helpers ------------------------------------------------------ */

/* Read a guest text file: 0, 1 absent, negative errno with @err filled. */
static int read_guest(struct pw_root *root, const char *path, char **text, size_t *len,
		      mode_t *mode, struct pw_error *err)
{
	struct stat st;
	int ret;

	*text = NULL;
	*len = 0;
	ret = pw_root_read_text(root, path, PW_TEXT_MAX, text, len);
	if (ret == -ENOENT)
		return 1;
	if (ret < 0) {
		bool content = ret == PW_EBINARY || ret == PW_ETOOBIG || ret == PW_ENOTREG ||
			       ret == PW_EFORMAT;

		pw_error_set(err, content ? PW_EXIT_DATAERR : PW_EXIT_IOERR,
			     _("%s cannot be used: %s. Correct or remove it, then run again."),
			     path, pw_root_strerror(ret));
		return ret;
	}
	if (mode)
		*mode = pw_root_stat(root, path, &st) == 0 ? st.st_mode & 07777 : 0644;
	return 0;
}

static int root_uuid(struct pw_ctx *ctx, char *uuid, size_t size, struct pw_error *err)
{
	struct pw_fsinfo fs;
	int ret = pw_blkid_probe_dir(ctx->root, "/", &fs);

	if (ret == 0) {
		pw_copy(uuid, size, fs.uuid, strlen(fs.uuid));
		return 0;
	}
	if (ret == -ENOTBLK)
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("The guest at %s is a folder of this machine, not a filesystem of its own, so the UUID that root=UUID= must name cannot be read. Mount the guest's root filesystem from its disk or disk image, and give that mount point to --root."),
			     pw_root_path(ctx->root));
	else if (ret == -ENODATA)
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("The filesystem of the guest's / (%s) has no UUID for root=UUID= to name. Give it one (ext2, ext3, ext4: tune2fs -U random %s, while it is not mounted), then run again."),
			     fs.device, fs.device);
	else
		pw_error_set(err, PW_EXIT_IOERR,
			     _("The filesystem of the guest's / cannot be identified, so root=UUID= cannot be written: %s."),
			     pw_root_strerror(ret));
	return ret;
}

static bool executable(struct pw_root *root, const char *path)
{
	struct stat st;

	return pw_root_stat(root, path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

/* An executable script of the guest whose text mentions @word. */
static bool script_with(struct pw_root *root, const char *path, const char *word)
{
	char *text;
	size_t len;
	bool found;

	if (!executable(root, path) || pw_root_read_text(root, path, PW_TEXT_MAX, &text, &len) < 0)
		return false;
	found = strstr(text, word) != NULL;
	free(text);
	return found;
}

static bool is_vmlinuz(const char *name, const void *arg)
{
	(void)arg;
	return strncmp(name, "vmlinuz-", 8) == 0;
}

/* The newest kernel in /boot that can run as a ParaVM, or "". */
static void newest_pv_kernel(struct pw_root *root, char *version, size_t size)
{
	char **names;
	size_t count;

	version[0] = '\0';
	if (pw_root_list(root, "/boot", is_vmlinuz, NULL, 512, &names, &count) < 0)
		return;
	for (size_t i = 0; i < count; i++) {
		struct pw_kernel_info k;
		char path[300];

		snprintf(path, sizeof(path), "/boot/%s", names[i]);
		if (pw_kernel_check(root, path, &k) != 0 || k.cap != PW_KERNEL_CAP_PV ||
		    !k.version[0])
			continue;
		if (!version[0] || strverscmp(k.version, version) > 0)
			pw_copy(version, size, k.version, strlen(k.version));
	}
	pw_names_free(names, count);
}

/* Has @menu an entry for kernel @version? */
static bool menu_lists(const struct pw_grub_menu *menu, const char *version)
{
	char name[160];

	snprintf(name, sizeof(name), "vmlinuz-%s", version);
	for (size_t i = 0; i < menu->count; i++) {
		const char *base = strrchr(menu->entries[i].kernel, '/');

		if (strcmp(base ? base + 1 : menu->entries[i].kernel, name) == 0)
			return true;
	}
	return false;
}

static int gather(struct pw_ctx *ctx, struct facts *f, struct pw_error *err)
{
	int ret;

	memset(f, 0, sizeof(*f));
	f->flavour = pw_grub_flavour(ctx);
	ret = root_uuid(ctx, f->uuid, sizeof(f->uuid), err);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < pw_update_grub_path_count && !f->updategrub[0]; i++)
		if (script_with(ctx->root, pw_update_grub_paths[i], "menu.lst"))
			pw_copy(f->updategrub, sizeof(f->updategrub), pw_update_grub_paths[i],
				strlen(pw_update_grub_paths[i]));
	if (executable(ctx->root, "/usr/sbin/grub-mkconfig")) {
		snprintf(f->mkconfig, sizeof(f->mkconfig), "/usr/sbin/grub-mkconfig");
	} else if (script_with(ctx->root, "/usr/sbin/update-grub", "grub-mkconfig")) {
		snprintf(f->mkconfig, sizeof(f->mkconfig), "/usr/sbin/update-grub");
		f->mkconfig_is_update_grub = true;
	}
	newest_pv_kernel(ctx->root, f->newest, sizeof(f->newest));
	return 0;
}

/* ---- both flavours: update-grub's skip blocks ----------------------------- */

static int plan_update_grub(struct pw_ctx *ctx, struct pw_plan *plan, bool *changed,
			    struct pw_error *err)
{
	struct stat seen[ARRAY_SIZE(pw_update_grub_paths)];
	size_t nseen = 0;

	*changed = false;
	for (size_t i = 0; i < pw_update_grub_path_count; i++) {
		const char *path = pw_update_grub_paths[i];
		struct pw_updategrub ug;
		struct stat st;
		char *text, *patched;
		size_t len, plen;
		mode_t mode;
		int ret;

		/* /sbin is often /usr/sbin: one file, one change */
		if (pw_root_stat(ctx->root, path, &st) != 0 || !S_ISREG(st.st_mode) ||
		    pw_grub_seen_file(seen, nseen, &st))
			continue;
		seen[nseen++] = st;
		ret = read_guest(ctx->root, path, &text, &len, &mode, err);
		if (ret < 0)
			return ret;
		if (ret == 1)
			continue;
		ret = pw_updategrub_patch(text, len, &patched, &plen);
		if (ret == -EINVAL) {
			pw_updategrub_scan(text, len, &ug);
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s leaves Xen kernels out of the menu (line %u) in a form this wizard cannot patch safely. Comment out that `continue` by hand, as the conversion guide shows, then run again."),
				     path, ug.skip_xen.active ? ug.skip_xen.continue_line
							      : ug.skip_nonxen.continue_line);
		} else if (ret == 0) {
			ret = pw_plan_write(plan, path, text, len, true, patched, plen, mode);
			*changed = true;
			free(patched);
		}
		free(text);
		if (ret < 0) {
			if (ret == -ENOMEM)
				pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
			return ret;
		}
	}
	return 0;
}

/* ---- grub legacy ------------------------------------------------------------ */

/* Can the step fix what makes pygrub refuse menu.lst? */
static bool fixable(const struct pw_grub_menu *menu, bool *needs_run)
{
	*needs_run = false;
	if (menu->problem == PW_GRUB_BAD_TIMEOUT || menu->problem == PW_GRUB_BAD_DEFAULT)
		return true;
	/* update-grub writes the automagic list anew */
	if (menu->problem != PW_GRUB_NOT_UTF8 &&
	    pw_menulst_in_automagic(menu, menu->problem_line)) {
		*needs_run = true;
		return true;
	}
	return false;
}

/* Chain one edit: @text (owned) is replaced when the edit changed it. */
static int chain(char **text, size_t *len, int ret, char *out, size_t out_len)
{
	if (ret == 0) {
		free(*text);
		*text = out;
		*len = out_len;
	}
	return ret < 0 ? ret : 0;
}

/* menu.lst with its options and timeout as they must be. */
static int edit_menu(const char *text, size_t len, const struct facts *f, const char *dev,
		     char **out, size_t *out_len)
{
	char *cur = malloc(len + 1), *next;
	size_t cur_len = len, next_len;
	int ret;

	if (!cur)
		return -ENOMEM;
	memcpy(cur, text, len);
	cur[len] = '\0';
	ret = pw_menulst_edit_options(cur, cur_len, f->uuid, dev, &next, &next_len);
	ret = chain(&cur, &cur_len, ret, next, next_len);
	if (ret == 0) {
		ret = pw_menulst_fix_timeout(cur, cur_len, &next, &next_len);
		ret = chain(&cur, &cur_len, ret, next, next_len);
	}
	if (ret < 0) {
		free(cur);
		return ret;
	}
	*out = cur;
	*out_len = cur_len;
	return 0;
}

/* A menu.lst for update-grub to fill in, when there is none. */
static const char menu_header[] =
	"# menu.lst: the boot menu of grub legacy, which pygrub (Xen's ParaVM boot\n"
	"# loader) reads too. Written by paravm-wizard; update-grub writes the kernel\n"
	"# entries between the AUTOMAGIC markers, from the options there.\n"
	"\n"
	"default\t\t0\n"
	"timeout\t\t5\n";

/* The grub.cfg files pygrub reads before menu.lst: moved aside. */
static int plan_shadows(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	for (size_t i = 0; i < pw_grub_file_count; i++) {
		const struct pw_grub_file *g = &pw_grub_files[i];
		char aside[PATH_MAX], *text, *old;
		size_t len, old_len;
		mode_t mode;
		int ret;

		if (g->kind == PW_GRUB_KIND_LEGACY)
			break;
		if (!pw_root_exists(ctx->root, g->path))
			continue;
		if (g->kind == PW_GRUB_KIND_EXTLINUX) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("pygrub reads %s before %s, and this wizard does not edit extlinux menus. If the guest does not boot with extlinux, remove %s; if it does, make its default entry boot a Xen-capable kernel with console=%s. Then run again."),
				     g->path, MENU_LST, g->path, ctx->profile.console);
			return -EOPNOTSUPP;
		}
		ret = read_guest(ctx->root, g->path, &text, &len, &mode, err);
		if (ret < 0)
			return ret;
		if (ret == 1)
			continue;
		snprintf(aside, sizeof(aside), "%s%s", g->path, PW_GRUB_DISABLED_SUFFIX);
		ret = read_guest(ctx->root, aside, &old, &old_len, NULL, err);
		if (ret >= 0)
			ret = pw_plan_write(plan, aside, old ? old : "", old_len, ret == 0, text, len,
					    mode);
		if (ret >= 0)
			ret = pw_plan_remove(plan, g->path, text, len);
		free(old);
		free(text);
		if (ret < 0)
			return ret;
		pw_plan_note(plan,
			 _("%s, left over from grub 2, hides %s from pygrub, and kernel updates no longer reach it: it is moved aside to %s."),
			 g->path, MENU_LST, aside);
	}
	return 0;
}

static int plan_legacy(struct pw_ctx *ctx, const struct facts *f, struct pw_plan *plan,
		       struct decision *d, bool patched, struct pw_error *err)
{
	const char *dev = ctx->profile.console;
	struct pw_grub_menu menu;
	char *text = NULL, *edited = NULL;
	size_t len = 0, edited_len = 0;
	mode_t mode = 0644;
	bool force_run = false;
	int ret;

	ret = plan_shadows(ctx, plan, err);
	if (ret < 0)
		return ret;
	ret = read_guest(ctx->root, MENU_LST, &text, &len, &mode, err);
	if (ret < 0)
		return ret;
	d->menu_created = ret == 1;
	if (d->menu_created) {
		text = strdup(menu_header);
		len = strlen(menu_header);
		if (!text)
			return -ENOMEM;
	}

	ret = pw_menulst_parse(text, len, &menu);
	if (ret == PW_EFORMAT && !d->menu_created && !fixable(&menu, &force_run)) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("pygrub would refuse %s: %s (line %u). That line is not one update-grub writes: correct it by hand, then run again."),
			     MENU_LST, gettext(pw_grub_problem_text(menu.problem)),
			     menu.problem_line);
		ret = -EINVAL;
		goto out;
	}
	if (ret == -ENOMEM)
		goto out;

	ret = edit_menu(text, len, f, dev, &edited, &edited_len);
	if (ret == -EINVAL)
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s has the line \"### BEGIN AUTOMAGIC KERNELS LIST\" but no \"### END DEBIAN AUTOMAGIC KERNELS LIST\" after it: update-grub would replace every line after the first. Add the END line where the kernel entries end, then run again."),
			     MENU_LST);
	if (ret < 0)
		goto out;
	d->run = patched || d->menu_created || force_run ||
		 edited_len != len || memcmp(edited, text, len) != 0 ||
		 (f->newest[0] && !menu_lists(&menu, f->newest));
	if (d->run && !f->updategrub[0]) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("update-grub, which writes %s, is not in the guest (looked in /usr/sbin and /sbin). Install grub legacy in the guest (the grub-legacy package, \"grub\" before Debian 6), then run again."),
			     MENU_LST);
		ret = -ENOENT;
		goto out;
	}

	/* Nothing for update-grub to do: the default can be set now. */
	if (!d->run) {
		struct pw_grub_menu after;
		struct pw_kernel_info k;
		int idx;

		ret = pw_menulst_parse(edited, edited_len, &after);
		idx = -1;
		if (ret == 0 || ret == PW_EFORMAT)
			idx = pw_grub_pick_default(ctx->root, &after, dev, &k);
		if (idx >= 0 && (!after.default_line || after.default_by_name ||
				 after.default_out_of_range || after.default_index != idx)) {
			char *out;
			size_t out_len;

			ret = pw_menulst_set_default(edited, edited_len, (unsigned int)idx, &out,
						     &out_len);
			chain(&edited, &edited_len, ret, out, out_len);
			d->default_index = idx;
			pw_copy(d->default_version, sizeof(d->default_version), k.version,
				strlen(k.version));
		}
		pw_grub_menu_free(&after);
		if (ret == -ENOMEM)
			goto out;
	}

	ret = pw_plan_write(plan, MENU_LST, text, len, !d->menu_created, edited, edited_len,
			    mode);
	if (ret < 0)
		goto out;
	ret = 0;

	if (d->menu_created)
		pw_plan_note(plan,
			 _("There is no %s yet: it is created with the options update-grub reads."),
			 MENU_LST);
	if (d->run && f->newest[0])
		pw_plan_note(plan,
			 _("Then update-grub runs in the guest, so that %s lists the kernels of /boot with these options, and the default becomes Linux %s (its entry's number is known only after that run)."),
			 MENU_LST, f->newest);
	else if (d->run)
		pw_plan_note(plan,
			 _("Then update-grub runs in the guest, so that %s lists the kernels of /boot with these options."),
			 MENU_LST);
	else if (d->default_index >= 0)
		pw_plan_note(plan, _("The default becomes entry %d, Linux %s."), d->default_index,
			 d->default_version);
out:
	pw_grub_menu_free(&menu);
	free(text);
	free(edited);
	return ret;
}

/* ---- grub 2 --------------------------------------------------------------- */

static bool in_guest(const char *kernel, void *data)
{
	char file[PW_GRUB_PATH_MAX + 8];

	return pw_grub_resolve(data, kernel, file, sizeof(file)) == 0;
}

static int plan_default_grub_file(struct pw_ctx *ctx, struct pw_plan *plan, const char *path,
				  bool main_file, bool *changed, struct pw_error *err)
{
	char *text, *out;
	size_t len, out_len;
	mode_t mode = 0644;
	int ret, absent;

	absent = read_guest(ctx->root, path, &text, &len, &mode, err);
	if (absent < 0)
		return absent;
	if (absent) {
		if (!main_file)
			return 0;
		text = strdup("# Settings of grub-mkconfig (update-grub); see info -f grub -n 'Simple configuration'.\n");
		if (!text)
			return -ENOMEM;
		len = strlen(text);
	}
	ret = pw_default_grub_edit(text, len, ctx->profile.console, main_file, &out, &out_len);
	if (ret == -EINVAL)
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s gives GRUB_CMDLINE_LINUX, GRUB_CMDLINE_LINUX_DEFAULT, GRUB_TIMEOUT or GRUB_DISABLE_LINUX_UUID a value that goes over several lines or is made of several quoted pieces, which this wizard does not edit. Write that value on one line, in one pair of quotes, then run again."),
			     path);
	else if (ret == -EILSEQ)
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s has a quote that is never closed, so the shell cannot read it and update-grub would fail. Close that quote, then run again."),
			     path);
	if (ret < 0) {
		free(text);
		return ret;
	}
	if (ret == 0 || absent) {
		ret = pw_plan_write(plan, path, text, len, !absent, ret == 0 ? out : text,
				    ret == 0 ? out_len : len, mode);
		*changed = true;
		free(out);
	}
	free(text);
	return ret < 0 ? ret : 0;
}

static int plan_grub2(struct pw_ctx *ctx, const struct facts *f, struct pw_plan *plan,
		      struct decision *d, struct pw_error *err)
{
	const char *dev = ctx->profile.console;
	struct pw_grub_menu menu;
	char **paths = NULL;
	size_t count = 0;
	char *text, *out;
	size_t len, out_len;
	mode_t mode;
	bool changed = false;
	int ret;

	ret = plan_default_grub_file(ctx, plan, DEFAULT_GRUB, true, &changed, err);
	/* the files grub-mkconfig sources after it, as the inspect reads them */
	if (ret == 0 && pw_default_grub_dropins(ctx->root, &paths, &count) == 0) {
		for (size_t i = 0; i < count && ret == 0; i++)
			ret = plan_default_grub_file(ctx, plan, paths[i], false, &changed, err);
		pw_names_free(paths, count);
	}
	if (ret < 0)
		return ret;
	d->run = changed;

	ret = read_guest(ctx->root, GRUB_CFG, &text, &len, &mode, err);
	if (ret < 0)
		return ret;
	if (ret == 1) {
		d->run = true;
	} else {
		ret = pw_grub_cfg_parse(text, len, &menu);
		if (ret == PW_EFORMAT || (f->newest[0] && !menu_lists(&menu, f->newest)))
			d->run = true; /* grub-mkconfig writes it anew */
		pw_grub_menu_free(&menu);
		ret = ret == -ENOMEM ? ret : 0;
		/* what pygrub will be given, as the owner is shown it */
		if (ret == 0)
			ret = pw_grub_cfg_edit_args(text, len, f->uuid, dev, in_guest, ctx->root,
						    &out, &out_len);
		if (ret == 0) {
			ret = pw_plan_write(plan, GRUB_CFG, text, len, true, out, out_len, mode);
			free(out);
		}
		free(text);
		if (ret < 0)
			return ret;
	}
	if (d->run && !f->mkconfig[0]) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("grub-mkconfig, which writes %s, is not in the guest. Install grub 2 in the guest (the grub-pc package), then run again."),
			     GRUB_CFG);
		return -ENOENT;
	}
	if (d->run && f->newest[0])
		pw_plan_note(plan,
			 _("Then %s writes %s anew in the guest, with console=%s from %s; pygrub boots its first entry, the newest kernel (Linux %s). Where grub-mkconfig names the root filesystem by its device (outside the booted guest it cannot see /dev/disk/by-uuid), the wizard puts root=UUID=%s in its place."),
			 f->mkconfig, GRUB_CFG, dev, DEFAULT_GRUB, f->newest, f->uuid);
	else if (d->run)
		pw_plan_note(plan,
			 _("Then %s writes %s anew in the guest, with console=%s from %s. Where grub-mkconfig names the root filesystem by its device (outside the booted guest it cannot see /dev/disk/by-uuid), the wizard puts root=UUID=%s in its place."),
			 f->mkconfig, GRUB_CFG, dev, DEFAULT_GRUB, f->uuid);
	return 0;
}

/* ---- the plan --------------------------------------------------------------- */

static int build(struct pw_ctx *ctx, const struct facts *f, struct pw_plan *plan,
		 struct decision *d, struct pw_error *err)
{
	bool patched;
	int ret;

	memset(d, 0, sizeof(*d));
	d->default_index = -1;
	ret = plan_update_grub(ctx, plan, &patched, err);
	if (ret < 0)
		return ret;
	if (patched)
		pw_plan_note(plan,
			 _("update-grub is patched as the conversion guide shows, so that it lists Xen kernels outside a ParaVM (and the others inside one)."));
	ret = f->flavour == PW_GRUB2 ? plan_grub2(ctx, f, plan, d, err)
				     : plan_legacy(ctx, f, plan, d, patched, err);
	if (ret == -ENOMEM)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
	if (ret < 0)
		return ret;
	if (!f->newest[0] && f->flavour == PW_GRUB2)
		pw_plan_note(plan,
			 _("No kernel that can boot as a ParaVM is installed yet: the packages step installs one first (%s), and grub-mkconfig lists it first, as the default."),
			 ctx->profile.kernel_packages);
	else if (!f->newest[0])
		pw_plan_note(plan,
			 _("No kernel that can boot as a ParaVM is installed yet: the packages step installs one first (%s); once the menu lists it, the grub step makes it the default."),
			 ctx->profile.kernel_packages);
	return 0;
}

int pw_plan_grub(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct facts f;
	struct decision d;
	int ret;

	if (!ctx->have_profile || !ctx->profile.console[0])
		return 1;
	ret = gather(ctx, &f, err);
	if (ret < 0)
		return ret;
	ret = build(ctx, &f, plan, &d, err);
	if (ret < 0)
		return ret;
	/* a plan with only a command to run is a plan too (the engine asks) */
	if (d.run)
		pw_copy(plan->commands, sizeof(plan->commands),
			f.flavour == PW_GRUB2 ? f.mkconfig : f.updategrub,
			strlen(f.flavour == PW_GRUB2 ? f.mkconfig : f.updategrub));
	return plan->count > 0 || d.run ? 0 : 1;
}

/* ---- the apply ---------------------------------------------------------------- */

struct cmd_log {
	struct pw_txn *txn;
	const char *name;
};

static void log_output(void *data, const char *line)
{
	const struct cmd_log *log = data;

	pw_txn_log(log->txn, "%s: %s", log->name, line);
}

static int run_command(struct pw_ctx *ctx, struct pw_txn *txn, const char *const *argv,
		       const struct pw_progress *progress, struct pw_error *err)
{
	const char *name = strrchr(argv[0], '/') + 1;
	struct cmd_log log = { txn, name };
	struct pw_run run = { 0 };
	int ret;

	if (progress && progress->report)
		progress->report(progress->data, 0, name);
	pw_txn_log(txn, "running %s in the guest", argv[0]);
	run.argv = argv;
	run.on_output = log_output;
	run.data = &log;
	ret = pw_run_in_guest(ctx->root, &run);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE, _("%s could not be started in the guest: %s."),
			     argv[0], pw_root_strerror(ret));
		return ret;
	}
	if (run.exit_status != 0) {
		size_t n = strlen(run.last_error);

		/* the sentence ends here, not in the command's message */
		while (n > 0 && (run.last_error[n - 1] == '.' || run.last_error[n - 1] == ' '))
			run.last_error[--n] = '\0';
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("%s failed in the guest (exit status %d): %s. The details are in %s in the guest."),
			     argv[0], run.exit_status,
			     run.last_error[0] ? run.last_error : _("it printed nothing"), PW_LOG_PATH);
		return -EIO;
	}
	if (progress && progress->report)
		progress->report(progress->data, 100, name);
	return 0;
}

/* Write @path through the txn when @ret says the edit changed it: 0 written, 1 not. */
static int write_edit(struct pw_txn *txn, const char *path, int ret, char *out, size_t out_len,
		      struct pw_error *err)
{
	if (ret == -ENOMEM)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("Out of memory."));
	if (ret == 0)
		ret = pw_txn_write(txn, path, out, out_len, 0644, err);
	free(out);
	return ret;
}

/* What is wrong with the entry pygrub boots now; "" if nothing. */
static void judge_default(struct pw_ctx *ctx, const struct pw_grub_entry *e, char *what,
			  size_t size)
{
	struct pw_kernel_info k;

	what[0] = '\0';
	if (!e->kernel[0] || pw_kernel_check(ctx->root, e->kernel, &k) != 0)
		snprintf(what, size, _("boots %s, which is not in the guest"), e->kernel);
	else if (k.cap != PW_KERNEL_CAP_PV)
		snprintf(what, size, _("boots %s, which cannot boot as a ParaVM"), e->kernel);
	else if (!pw_grub_has_console(e->args, ctx->profile.console))
		snprintf(what, size, _("has no console=%s on its kernel line"),
			 ctx->profile.console);
}

static int verify(struct pw_ctx *ctx, const struct facts *f, const char *tool,
		  struct pw_error *err)
{
	struct pw_grub_entry e;
	char cfg[64] = "", what[512];
	int ret;

	if (!f->newest[0])
		return 0; /* no kernel to boot yet: the inspect says so */
	ret = pw_grub_default_entry(ctx, &e, cfg, sizeof(cfg));
	if (ret != 0) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("After %s ran, pygrub would find no entry to boot in %s. Look at it and at the log %s in the guest."),
			     tool, cfg[0] ? cfg : MENU_LST, PW_LOG_PATH);
		return -EIO;
	}
	judge_default(ctx, &e, what, sizeof(what));
	if (what[0]) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("After %s ran, the entry pygrub boots in %s, \"%s\", %s. Look at it and at the log %s in the guest."),
			     tool, cfg, e.title, what, PW_LOG_PATH);
		return -EIO;
	}
	return 0;
}

static int apply_legacy(struct pw_ctx *ctx, const struct facts *f, const struct decision *d,
			struct pw_txn *txn, const struct pw_progress *progress,
			struct pw_error *err)
{
	const char *dev = ctx->profile.console;
	struct pw_grub_menu menu;
	struct pw_kernel_info k;
	char *text, *out;
	size_t len, out_len;
	int ret, idx;

	for (int pass = 0; d->run && pass < 2; pass++) {
		bool have = pw_root_exists(ctx->root, MENU_LST);
		const char *argv[] = { f->updategrub, have ? NULL : "-y", NULL };

		for (size_t i = 0; i < ARRAY_SIZE(legacy_outputs); i++) {
			ret = pw_txn_protect(txn, legacy_outputs[i], err);
			if (ret < 0)
				return ret;
		}
		ret = run_command(ctx, txn, argv, progress, err);
		if (ret < 0)
			return ret;
		/* update-grub may have made menu.lst or its options itself */
		ret = read_guest(ctx->root, MENU_LST, &text, &len, NULL, err);
		if (ret == 1) {
			pw_error_set(err, PW_EXIT_UNAVAILABLE,
				     _("%s ran, but wrote no %s. Look at the log %s in the guest."),
				     f->updategrub, MENU_LST, PW_LOG_PATH);
			return -EIO;
		}
		if (ret < 0)
			return ret;
		ret = edit_menu(text, len, f, dev, &out, &out_len);
		if (ret == 0 && out_len == len && memcmp(out, text, len) == 0)
			ret = 1;
		free(text);
		ret = write_edit(txn, MENU_LST, ret, out, out_len, err);
		if (ret < 0)
			return ret;
		if (ret == 1)
			break; /* the options were in place: no second run */
	}

	ret = read_guest(ctx->root, MENU_LST, &text, &len, NULL, err);
	if (ret != 0)
		return ret < 0 ? ret : 0;
	ret = pw_menulst_parse(text, len, &menu);
	if (ret == PW_EFORMAT) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("After update-grub ran, pygrub would refuse %s: %s (line %u). Look at that line and at the log %s in the guest."),
			     MENU_LST, gettext(pw_grub_problem_text(menu.problem)),
			     menu.problem_line, PW_LOG_PATH);
		ret = -EIO;
		goto out;
	}
	if (ret < 0)
		goto out;
	idx = pw_grub_pick_default(ctx->root, &menu, dev, &k);
	if (idx < 0 && f->newest[0]) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("update-grub ran, but %s has no entry for Linux %s, the kernel that can boot as a ParaVM. Check that %s no longer leaves Xen kernels out, and look at the log %s in the guest."),
			     MENU_LST, f->newest, f->updategrub[0] ? f->updategrub : "update-grub",
			     PW_LOG_PATH);
		ret = -EIO;
		goto out;
	}
	if (idx >= 0) {
		pw_txn_log(txn, "grub: the default becomes entry %d, %s", idx,
			   menu.entries[idx].title);
		ret = pw_menulst_set_default(text, len, (unsigned int)idx, &out, &out_len);
		ret = write_edit(txn, MENU_LST, ret, out, out_len, err);
		if (ret < 0)
			goto out;
	}
	ret = verify(ctx, f, "update-grub", err);
out:
	pw_grub_menu_free(&menu);
	free(text);
	return ret < 0 ? ret : 0;
}

static int apply_grub2(struct pw_ctx *ctx, const struct facts *f, const struct decision *d,
		       struct pw_txn *txn, const struct pw_progress *progress,
		       struct pw_error *err)
{
	const char *tool = strrchr(f->mkconfig[0] ? f->mkconfig : "/grub-mkconfig", '/') + 1;
	char *text, *out;
	size_t len, out_len;
	int ret;

	if (d->run) {
		const char *mkconfig[] = { f->mkconfig, "-o", GRUB_CFG, NULL };
		const char *update[] = { f->mkconfig, NULL };

		ret = pw_txn_protect(txn, GRUB_CFG, err);
		if (ret < 0)
			return ret;
		ret = run_command(ctx, txn, f->mkconfig_is_update_grub ? update : mkconfig,
				  progress, err);
		if (ret < 0)
			return ret;
	}
	ret = read_guest(ctx->root, GRUB_CFG, &text, &len, NULL, err);
	if (ret == 1) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("%s ran, but wrote no %s. Look at the log %s in the guest."), tool,
			     GRUB_CFG, PW_LOG_PATH);
		return -EIO;
	}
	if (ret < 0)
		return ret;
	ret = pw_grub_cfg_edit_args(text, len, f->uuid, ctx->profile.console, in_guest, ctx->root,
				    &out, &out_len);
	free(text);
	ret = write_edit(txn, GRUB_CFG, ret, out, out_len, err);
	if (ret < 0)
		return ret;
	return verify(ctx, f, tool, err);
}

int pw_apply_grub(struct pw_ctx *ctx, const struct pw_plan *plan, struct pw_txn *txn,
		  const struct pw_progress *progress, struct pw_error *err)
{
	struct pw_plan again;
	struct facts f;
	struct decision d;
	int ret;

	if (!ctx->have_profile || !ctx->profile.console[0])
		return 0;
	ret = gather(ctx, &f, err);
	if (ret < 0)
		return ret;
	/* the plan's decisions, from the files as they still are */
	pw_plan_init(&again, PW_STEP_GRUB);
	ret = build(ctx, &f, &again, &d, err);
	pw_plan_free(&again);
	if (ret < 0)
		return ret;
	ret = pw_plan_apply_files(plan, txn, err);
	if (ret < 0)
		return ret;
	if (f.flavour == PW_GRUB2)
		return apply_grub2(ctx, &f, &d, txn, progress, err);
	return apply_legacy(ctx, &f, &d, txn, progress, err);
}
