// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * disks: the switch renames the disk (/dev/hda1 is xvda1 under ParaVM), so
 * / and /boot must be found by a name that does not depend on the driver,
 * in /etc/fstab and in the kernel's root= alike; and pygrub, the ParaVM
 * boot loader, must be able to read the filesystem that holds the kernels.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-default-grub.h"
#include "pw-fstab.h"
#include "pw-grub.h"
#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

#define FSTAB "/etc/fstab"
#define MENU_LST "/boot/grub/menu.lst"
#define DEFAULT_GRUB "/etc/default/grub"
#define BAD_LINES_SHOWN 5

/* What the boot configuration gives the kernel as root=. */
enum kroot_how {
	KROOT_UNKNOWN,		/* no boot loader configuration found */
	KROOT_NO_KOPT,		/* menu.lst without "# kopt=" */
	KROOT_KOPT_NO_ROOT,	/* "# kopt=" without root= */
	KROOT_NAMED,		/* root= written out (value) */
	KROOT_GRUB2_UUID,	/* update-grub writes root=UUID= by itself */
	KROOT_GRUB2_DEVICE,	/* GRUB_DISABLE_LINUX_UUID=true: it writes the device name */
	KROOT_ENTRY_NO_ROOT,	/* the boot entry has no root= */
};

struct kroot {
	enum kroot_how how;
	char value[PW_FSTAB_FIELD_MAX];	/* the root= value, for KROOT_NAMED */
	char source[64];		/* the file that told */
};

/* The value of the last root= word of a kernel command line, if any. */
static bool find_root_arg(const char *args, char *value, size_t size)
{
	const char *p = args, *end = args + strlen(args);
	char word[PW_FSTAB_FIELD_MAX + 8];
	bool found = false;

	while (pw_next_word(&p, end, word, sizeof(word))) {
		if (strncmp(word, "root=", 5) == 0) {
			pw_copy(value, size, word + 5, strlen(word + 5));
			found = true;
		}
	}
	return found;
}

/* grub legacy: update-grub puts "# kopt=" on every kernel line it writes. */
static int kroot_menulst(struct pw_root *root, struct kroot *kr)
{
	struct pw_grub_menu menu;
	const char *kopt;
	char *text;
	size_t len;
	int ret;

	snprintf(kr->source, sizeof(kr->source), MENU_LST);
	ret = pw_root_read_text(root, MENU_LST, PW_TEXT_MAX, &text, &len);
	if (ret < 0)
		return ret;
	/* a menu pygrub refuses is the grub step's to report: its options still count */
	ret = pw_menulst_parse(text, len, &menu);
	kopt = ret == -ENOMEM ? NULL : pw_menulst_kopt(&menu);
	if (!kopt)
		kr->how = KROOT_NO_KOPT;
	else if (find_root_arg(kopt, kr->value, sizeof(kr->value)))
		kr->how = KROOT_NAMED;
	else
		kr->how = KROOT_KOPT_NO_ROOT;
	pw_grub_menu_free(&menu);
	free(text);
	return ret == -ENOMEM ? ret : 0;
}

/*
 * grub 2: grub-mkconfig writes root=UUID= unless GRUB_DISABLE_LINUX_UUID
 * is true; a root= in GRUB_CMDLINE_LINUX(_DEFAULT) comes after its own and
 * wins, since the kernel takes the last.
 */
static int kroot_default_grub(struct pw_root *root, struct kroot *kr)
{
	struct pw_default_grub *dg = malloc(sizeof(*dg));
	const struct pw_dg_value *found = NULL;
	int ret;

	snprintf(kr->source, sizeof(kr->source), DEFAULT_GRUB);
	if (!dg)
		return -ENOMEM;
	ret = pw_default_grub_load(root, dg);
	pw_default_grub_free(dg);
	/* a quote never closed is the grub step's to report: the values up to it */
	if (ret < 0 && ret != PW_EFORMAT) {
		pw_copy(kr->source, sizeof(kr->source), dg->bad_file, strlen(dg->bad_file));
		free(dg);
		return ret;
	}
	if (find_root_arg(dg->var[PW_DG_CMDLINE_LINUX_DEFAULT].value, kr->value, sizeof(kr->value)))
		found = &dg->var[PW_DG_CMDLINE_LINUX_DEFAULT];
	else if (find_root_arg(dg->var[PW_DG_CMDLINE_LINUX].value, kr->value, sizeof(kr->value)))
		found = &dg->var[PW_DG_CMDLINE_LINUX];
	else if (strcmp(dg->var[PW_DG_DISABLE_LINUX_UUID].value, "true") == 0)
		found = &dg->var[PW_DG_DISABLE_LINUX_UUID];
	kr->how = !found ? KROOT_GRUB2_UUID
		: found->value == dg->var[PW_DG_DISABLE_LINUX_UUID].value ? KROOT_GRUB2_DEVICE
		: KROOT_NAMED;
	if (found)
		pw_copy(kr->source, sizeof(kr->source), found->file, strlen(found->file));
	free(dg);
	return 0;
}

/*
 * The kernel's root= as the boot loader's configuration will write it the
 * next time update-grub runs (the grub step runs it): "# kopt=" of
 * menu.lst, or /etc/default/grub. 0 (kr->how says what was found), or a
 * read error.
 */
static int kernel_root_from_boot_config(struct pw_ctx *ctx, struct kroot *kr)
{
	bool menu = pw_root_exists(ctx->root, MENU_LST);
	bool dflt = pw_root_exists(ctx->root, DEFAULT_GRUB);
	bool legacy;

	memset(kr, 0, sizeof(*kr));
	if (menu && dflt) {
		/* a grub 2 upgraded from legacy keeps the old menu.lst */
		if (pw_dpkg_installed(&ctx->dpkg, "grub-pc"))
			legacy = false;
		else if (pw_dpkg_installed(&ctx->dpkg, "grub") ||
			 pw_dpkg_installed(&ctx->dpkg, "grub-legacy"))
			legacy = true;
		else
			legacy = ctx->have_profile && ctx->profile.grub == PW_GRUB_LEGACY;
	} else if (menu || dflt) {
		legacy = menu;
	} else {
		kr->how = KROOT_UNKNOWN;
		return 0;
	}
	return legacy ? kroot_menulst(ctx->root, kr) : kroot_default_grub(ctx->root, kr);
}

/*
 * The root= of the entry pygrub boots now (pw-grub.h): 0 found (kr->how is
 * KROOT_NAMED or KROOT_ENTRY_NO_ROOT), 1 no menu or entry to judge; the
 * grub step says why.
 */
static int kernel_root_from_boot_entry(struct pw_ctx *ctx, struct kroot *kr)
{
	struct pw_grub_entry *e = malloc(sizeof(*e));
	int ret;

	memset(kr, 0, sizeof(*kr));
	if (!e)
		return 1;
	ret = pw_grub_default_entry(ctx, e, kr->source, sizeof(kr->source));
	if (ret == 0 && find_root_arg(e->args, kr->value, sizeof(kr->value)))
		kr->how = KROOT_NAMED;
	else if (ret == 0)
		kr->how = KROOT_ENTRY_NO_ROOT;
	free(e);
	return ret == 0 ? 0 : 1;
}

static void report_bad_lines(struct pw_result *r, const struct pw_fstab *tab)
{
	for (size_t i = 0; i < tab->bad_count && i < BAD_LINES_SHOWN; i++) {
		const struct pw_fstab_bad_line *b = &tab->bad[i];

		if (b->why == PW_FSTAB_TOO_FEW_FIELDS)
			pw_result_add(r, PW_WARN,
				      N_("Line %u of /etc/fstab has %u field(s), fewer than the three needed (device, mount point, type); mount skips it."),
				      b->line, b->fields);
		else
			pw_result_add(r, PW_WARN,
				      N_("Line %u of /etc/fstab has a dump or pass field (the 5th or 6th) that is not a number; mount skips it."),
				      b->line);
	}
	if (tab->bad_count > BAD_LINES_SHOWN)
		pw_result_add(r, PW_WARN, N_("%u more lines of /etc/fstab are skipped likewise."),
			      (unsigned int)(tab->bad_count - BAD_LINES_SHOWN));
}

/* A name in /etc/fstab that will not survive the switch; true if so. */
static bool report_spec(struct pw_result *r, const struct pw_fstab_entry *e)
{
	char pv[PW_FSTAB_FIELD_MAX];

	switch (pw_fstab_spec_kind(e->spec)) {
	case PW_FSTAB_SPEC_EMULATED:
		pw_fstab_pv_name(e->spec, pv, sizeof(pv));
		pw_result_add(r, PW_TODO,
			      N_("%s is mounted from %s, a name that changes under ParaVM (there it usually becomes %s); it should be named by UUID= instead, which the wizard can do."),
			      e->file, e->spec, pv);
		return true;
	case PW_FSTAB_SPEC_XEN:
		pw_result_add(r, PW_TODO,
			      N_("%s is mounted from %s, the disk's ParaVM name; under HVM the same disk is hda or sda, so the way back to HVM would not boot. It should be named by UUID= instead, which the wizard can do."),
			      e->file, e->spec);
		return true;
	case PW_FSTAB_SPEC_BY_DRIVER:
		pw_result_add(r, PW_TODO,
			      N_("%s is mounted from %s, a name made from the disk's driver, which changes under ParaVM; it should be named by UUID= instead, which the wizard can do."),
			      e->file, e->spec);
		return true;
	case PW_FSTAB_SPEC_OTHER:
		pw_result_add(r, PW_WARN,
			      N_("%s is mounted from %s, a name this wizard does not know; check that it stays the same under ParaVM."),
			      e->file, e->spec);
		return true;
	default:
		return false;
	}
}

/* The filesystem that holds the kernels, as pygrub must read it. */
static bool report_boot_fs(struct pw_result *r, const struct pw_fstab_entry *root,
			   const struct pw_fstab_entry *boot)
{
	const struct pw_fstab_entry *e = boot ? boot : root;
	bool bad = false;

	if (pw_fstab_spec_kind(e->spec) == PW_FSTAB_SPEC_LVM) {
		if (boot)
			pw_result_add(r, PW_TODO,
				      N_("/boot is on LVM (%s); pygrub, the ParaVM boot loader, cannot read LVM, so it would not find the kernel. /boot has to be a plain partition."),
				      e->spec);
		else
			pw_result_add(r, PW_TODO,
				      N_("/ is on LVM (%s) and there is no separate /boot; pygrub, the ParaVM boot loader, cannot read LVM, so it would not find the kernel. A /boot partition outside LVM is needed."),
				      e->spec);
		bad = true;
	}
	if (strcmp(e->vfstype, "auto") == 0) {
		pw_result_add(r, PW_WARN,
			      N_("%s has the type \"auto\" in /etc/fstab, so whether pygrub, the ParaVM boot loader, can read it is not known. pygrub reads ext2, ext3, ext4, FAT, ISO 9660, ReiserFS, UFS, XFS and ZFS."),
			      e->file);
		bad = true;
	} else if (!pw_fstab_pygrub_reads(e->vfstype)) {
		if (boot)
			pw_result_add(r, PW_BLOCKED,
				      N_("/boot is a %s filesystem, which pygrub, the ParaVM boot loader, cannot read (it reads ext2, ext3, ext4, FAT, ISO 9660, ReiserFS, UFS, XFS and ZFS). Move /boot to an ext4 or ext3 partition before the switch."),
				      e->vfstype);
		else
			pw_result_add(r, PW_BLOCKED,
				      N_("There is no separate /boot and / is a %s filesystem, which pygrub, the ParaVM boot loader, cannot read (it reads ext2, ext3, ext4, FAT, ISO 9660, ReiserFS, UFS, XFS and ZFS). Make a separate ext4 or ext3 /boot partition before the switch."),
				      e->vfstype);
		bad = true;
	}
	return bad;
}

/* The kernel's root=; true if it will not find / under ParaVM. */
static bool report_kernel_root(struct pw_result *r, const struct kroot *kr)
{
	char pv[PW_FSTAB_FIELD_MAX];

	switch (kr->how) {
	case KROOT_UNKNOWN:
		pw_result_add(r, PW_WARN,
			      N_("The kernel's root= could not be checked: there is neither /boot/grub/menu.lst nor /etc/default/grub."));
		return true;
	case KROOT_NO_KOPT:
		pw_result_add(r, PW_WARN,
			      N_("The kernel's root= could not be checked: %s has no \"# kopt=\" line."),
			      kr->source);
		return true;
	case KROOT_KOPT_NO_ROOT:
		pw_result_add(r, PW_WARN,
			      N_("The kernel's root= could not be checked: the \"# kopt=\" line of %s names none."),
			      kr->source);
		return true;
	case KROOT_GRUB2_DEVICE:
		pw_result_add(r, PW_TODO,
			      N_("GRUB_DISABLE_LINUX_UUID=true in %s makes update-grub give the kernel the root partition's device name, which changes under ParaVM; the kernel should get root=UUID= instead, which the wizard can do."),
			      kr->source);
		return true;
	case KROOT_ENTRY_NO_ROOT:
		pw_result_add(r, PW_WARN,
			      N_("The kernel's root= could not be checked: the default boot entry in %s names none."),
			      kr->source);
		return true;
	case KROOT_GRUB2_UUID:
		return false;
	case KROOT_NAMED:
		break;
	}
	switch (pw_fstab_spec_kind(kr->value)) {
	case PW_FSTAB_SPEC_EMULATED:
		pw_fstab_pv_name(kr->value, pv, sizeof(pv));
		pw_result_add(r, PW_TODO,
			      N_("The kernel is given root=%s (in %s), a name that changes under ParaVM (there it usually becomes %s); it should be root=UUID= instead, which the wizard can do."),
			      kr->value, kr->source, pv);
		return true;
	case PW_FSTAB_SPEC_XEN:
	case PW_FSTAB_SPEC_BY_DRIVER:
		pw_result_add(r, PW_TODO,
			      N_("The kernel is given root=%s (in %s), a name that depends on the disk's driver; it should be root=UUID= instead, which the wizard can do."),
			      kr->value, kr->source);
		return true;
	case PW_FSTAB_SPEC_OTHER:
		pw_result_add(r, PW_WARN,
			      N_("The kernel is given root=%s (in %s), a name this wizard does not know; check that it stays the same under ParaVM."),
			      kr->value, kr->source);
		return true;
	default:
		return false;
	}
}

static void report_ok(struct pw_result *r, const struct pw_fstab_entry *root,
		      const struct pw_fstab_entry *boot, const struct kroot *kr)
{
	if (boot)
		pw_result_add(r, PW_OK,
			      N_("/ is mounted by %s and /boot by %s, names that stay the same under ParaVM; /boot is %s, which pygrub can read."),
			      root->spec, boot->spec, boot->vfstype);
	else
		pw_result_add(r, PW_OK,
			      N_("/ is mounted by %s, a name that stays the same under ParaVM; it is %s, which pygrub can read."),
			      root->spec, root->vfstype);
	if (kr->how == KROOT_NAMED)
		pw_result_add(r, PW_OK, N_("The kernel is given root=%s (in %s)."), kr->value,
			      kr->source);
	else
		pw_result_add(r, PW_OK,
			      N_("update-grub gives the kernel root=UUID= by itself (%s does not turn that off)."),
			      kr->source);
}

void pw_inspect_disks(struct pw_ctx *ctx, struct pw_result *r)
{
	const struct pw_fstab_entry *root, *boot;
	struct pw_fstab tab;
	struct kroot entry, conf;
	char *text;
	size_t len;
	bool problem = false, have_entry;
	int ret;

	ret = pw_root_read_text(ctx->root, FSTAB, PW_TEXT_MAX, &text, &len);
	if (ret < 0) {
		pw_result_file_problem(r, PW_BLOCKED, FSTAB, ret);
		return;
	}
	ret = pw_fstab_parse(text, len, &tab);
	free(text);
	if (ret < 0) {
		pw_fstab_free(&tab);
		pw_result_file_problem(r, PW_BLOCKED, FSTAB, ret);
		return;
	}
	report_bad_lines(r, &tab);

	root = pw_fstab_find(&tab, "/");
	boot = pw_fstab_find(&tab, "/boot");
	if (!root) {
		pw_result_add(r, PW_TODO,
			      N_("/etc/fstab has no entry for /, the root filesystem; add one that names it by UUID=."));
		problem = true;
	} else {
		problem |= report_spec(r, root);
	}
	if (boot)
		problem |= report_spec(r, boot);
	if (root || boot)
		problem |= report_boot_fs(r, root, boot);

	/*
	 * Both the entry that boots now and what update-grub will write
	 * matter; the configuration is judged alone when there is no entry,
	 * and only for a definite problem (once per name) when there is.
	 */
	have_entry = kernel_root_from_boot_entry(ctx, &entry) == 0;
	if (have_entry)
		problem |= report_kernel_root(r, &entry);
	ret = kernel_root_from_boot_config(ctx, &conf);
	if (ret < 0) {
		if (!have_entry) {
			pw_result_file_problem(r, PW_WARN, conf.source, ret);
			problem = true;
		}
	} else if (!have_entry || conf.how == KROOT_GRUB2_DEVICE ||
		   (conf.how == KROOT_NAMED &&
		    !pw_fstab_spec_stable(pw_fstab_spec_kind(conf.value)) &&
		    !(entry.how == KROOT_NAMED && strcmp(entry.value, conf.value) == 0))) {
		problem |= report_kernel_root(r, &conf);
	}
	if (!problem)
		report_ok(r, root, boot, have_entry ? &entry : &conf);
	pw_fstab_free(&tab);
}
