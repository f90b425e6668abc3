// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The disks step's plan: /etc/fstab names / and /boot by UUID=, the one
 * name that stays when HVM's hda1 becomes ParaVM's xvda1. Only the spec
 * field of those entries changes; every other byte of the file is kept.
 * The kernel's root= is the grub step's.
 *
 * Other disks (swap on /dev/hda5) are renamed too when the wizard runs
 * inside the VM, where the names in fstab are this machine's and libblkid
 * can read them. Under --root they name the guest's disks, which this
 * machine calls otherwise; one kind is still found: a partition of the
 * disk root is on (hda5 beside hda1) is the partition with that number on
 * the disk this machine mounted root from (/dev/loop0p5 beside
 * /dev/loop0p1), taken only if libblkid finds the filesystem type fstab
 * names there. The rest are left, and the note says what that means.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blkid.h>

#include "pw-blkid.h"
#include "pw-fstab.h"
#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-text.h"

#define FSTAB "/etc/fstab"

/* ---- the rewrite: text in, text out ------------------------------------ */

/* A spec as fstab writes it: blanks, newlines and backslashes in octal. */
static void add_escaped(struct pw_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\') {
			char oct[5];

			snprintf(oct, sizeof(oct), "\\%03o", (unsigned char)*s);
			pw_buf_str(b, oct);
		} else {
			pw_buf_add(b, s, 1);
		}
	}
}

/* Is the line before @line_start exactly @comment? */
static bool line_before_is(const char *text, size_t line_start, const char *comment, size_t n)
{
	size_t end, start;

	if (line_start == 0)
		return false;
	end = line_start - 1; /* its '\n' */
	if (end > 0 && text[end - 1] == '\r')
		end--;
	start = end;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	return end - start == n && memcmp(text + start, comment, n) == 0;
}

int pw_fstab_rewrite(const char *text, size_t len, const struct pw_fstab_rename *ren, size_t n,
		     char **out, size_t *out_len)
{
	struct pw_fstab tab;
	struct pw_buf b = { 0 };
	size_t pos = 0;
	unsigned int changed = 0;
	int ret;

	*out = NULL;
	*out_len = 0;
	ret = pw_fstab_parse(text, len, &tab);
	if (ret < 0) {
		pw_fstab_free(&tab);
		return ret;
	}
	for (size_t i = 0; i < tab.count; i++) {
		const struct pw_fstab_entry *e = &tab.entries[i];
		const struct pw_fstab_rename *r = NULL;
		char comment[PW_FSTAB_FIELD_MAX + 64];
		int cn;

		if (e->truncated)
			continue; /* a field that did not fit: never edit what was not read whole */
		for (size_t k = 0; k < n && !r; k++)
			if (strcmp(e->spec, ren[k].from) == 0 && strcmp(ren[k].from, ren[k].to) != 0)
				r = &ren[k];
		if (!r)
			continue;
		/* the old name stays in the file, for the owner and the way back */
		cn = snprintf(comment, sizeof(comment), "# was %.*s (paravm-wizard)",
			      (int)e->spec_len, text + e->spec_start);
		if (cn > 0 && (size_t)cn < sizeof(comment) &&
		    !line_before_is(text, e->line_start, comment, (size_t)cn)) {
			pw_buf_add(&b, text + pos, e->line_start - pos);
			pw_buf_add(&b, comment, (size_t)cn);
			pw_buf_str(&b, "\n");
			pos = e->line_start;
		}
		pw_buf_add(&b, text + pos, e->spec_start - pos);
		add_escaped(&b, r->to);
		pos = e->spec_start + e->spec_len;
		changed++;
	}
	pw_fstab_free(&tab);
	if (!changed) {
		free(b.data);
		return 1;
	}
	pw_buf_add(&b, text + pos, len - pos);
	if (b.failed) {
		free(b.data);
		return -ENOMEM;
	}
	*out = b.data;
	*out_len = b.len;
	return 0;
}

/* ---- the plan ----------------------------------------------------------- */

/* A name the switch changes, which UUID= would replace. */
static bool unstable(const struct pw_fstab_entry *e)
{
	switch (pw_fstab_spec_kind(e->spec)) {
	case PW_FSTAB_SPEC_EMULATED:
	case PW_FSTAB_SPEC_XEN:
	case PW_FSTAB_SPEC_BY_DRIVER:
		return true;
	default:
		return false;
	}
}

static bool in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");

		if (len == n && memcmp(p, word, n) == 0)
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

/*
 * A disk that is always there: a CD drive's UUID would name one disc, and
 * a noauto entry may be any removable disk. Those keep their names.
 */
static bool fixed_disk(const struct pw_fstab_entry *e)
{
	return !in_list(e->options, "noauto") && !in_list(e->vfstype, "iso9660") &&
	       !in_list(e->vfstype, "udf");
}

/* What an entry is, for the note: its mount point, or "Swap". */
static const char *entry_name(const struct pw_fstab_entry *e)
{
	if (e->file[0] == '/')
		return e->file;
	if (strcmp(e->vfstype, "swap") == 0)
		return _("Swap");
	return e->spec;
}

enum fate { KEEP, RENAME, LEFT_OUTSIDE, LEFT_NO_UUID };

struct dplan {
	struct pw_ctx *ctx;
	const struct pw_disks_probe *probe;
	struct pw_plan *plan;
	struct pw_error *err;
};

/* The UUID of the filesystem at @dir, which fstab mounts from @e->spec. */
static int uuid_of_dir(struct dplan *dp, const char *dir, const struct pw_fstab_entry *e,
		       struct pw_fsinfo *info)
{
	const char *top = pw_root_path(dp->ctx->root);
	bool host = pw_root_is_host(dp->ctx->root);
	const char *dev;
	int ret;

	ret = dp->probe->dir(dp->probe->data, dir, info);
	if (ret == 0 && info->uuid[0])
		return 0;
	if (ret == 0)
		ret = -ENODATA;
	dev = info->device[0] ? info->device : e->spec;
	switch (ret) {
	case -ENOTBLK:
		if (strcmp(dir, "/") == 0)
			pw_error_set(dp->err, PW_EXIT_DATAERR,
				     _("The guest at %s is a plain folder of this machine, not a filesystem of its own, so the wizard cannot know the UUID of the guest's disk, which /etc/fstab should name instead of %s. Mount the guest from its disk (for example: mount /dev/xvdb1 %s) and run the wizard on that, or run it inside the VM."),
				     top, e->spec, top);
		else
			pw_error_set(dp->err, PW_EXIT_DATAERR,
				     _("/etc/fstab mounts %s from %s, a filesystem of its own, but %s%s is not a mount point here, so the wizard cannot know that filesystem's UUID. Mount it there too, or run the wizard inside the VM."),
				     dir, e->spec, host ? "" : top, dir);
		break;
	case -ENODATA:
		pw_error_set(dp->err, PW_EXIT_DATAERR,
			     _("The filesystem of %s (%s) has no UUID that libblkid can read, so /etc/fstab cannot name it by UUID. Give it one (for ext2, ext3 and ext4: tune2fs -U random %s), then run the wizard again."),
			     dir, dev, dev);
		break;
	case -EACCES:
	case -EPERM:
		pw_error_set(dp->err, PW_EXIT_IOERR,
			     _("The UUID of the filesystem of %s cannot be read from %s: %s. Run the wizard as root."),
			     dir, dev, strerror(-ret));
		break;
	default:
		pw_error_set(dp->err, PW_EXIT_IOERR,
			     _("The UUID of the filesystem of %s cannot be read from %s: %s."), dir,
			     dev, strerror(-ret));
		break;
	}
	return ret;
}

/* Say what happens to a renamed entry, in the words the switch calls for. */
static void note_renamed(struct pw_plan *plan, const struct pw_fstab_entry *e, const char *uuid)
{
	char pv[PW_FSTAB_FIELD_MAX];

	switch (pw_fstab_spec_kind(e->spec)) {
	case PW_FSTAB_SPEC_EMULATED:
		pw_fstab_pv_name(e->spec, pv, sizeof(pv));
		pw_plan_note(plan, _("%s is on UUID=%s; /etc/fstab will name it so, as %s becomes %s under ParaVM."),
		     entry_name(e), uuid, e->spec, pv);
		break;
	case PW_FSTAB_SPEC_XEN:
		pw_plan_note(plan, _("%s is on UUID=%s; /etc/fstab will name it so instead of %s, the disk's name under ParaVM only, so that the way back to HVM boots too."),
		     entry_name(e), uuid, e->spec);
		break;
	default:
		pw_plan_note(plan, _("%s is on UUID=%s; /etc/fstab will name it so instead of %s, a name made from the disk's driver, which changes under ParaVM."),
		     entry_name(e), uuid, e->spec);
		break;
	}
}

static void note_left(struct pw_plan *plan, const struct pw_fstab_entry *e, enum fate fate)
{
	char pv[PW_FSTAB_FIELD_MAX];

	if (fate == LEFT_OUTSIDE && strcmp(e->vfstype, "swap") == 0 &&
	    pw_fstab_pv_name(e->spec, pv, sizeof(pv)) == 0)
		pw_plan_note(plan, _("Swap (%s) keeps its device name: from outside the VM the wizard cannot find that partition. Under ParaVM the name becomes %s, so at every boot the VM waits for a %s that never comes (about 90 seconds), then starts without swap. Run the wizard again inside the VM to name it by UUID."),
		     e->spec, pv, e->spec);
	else if (fate == LEFT_NO_UUID)
		pw_plan_note(plan, _("%s (%s) keeps its device name: libblkid found no UUID on it."),
		     entry_name(e), e->spec);
	else if (pw_fstab_pv_name(e->spec, pv, sizeof(pv)) == 0)
		pw_plan_note(plan, _("%s (%s) keeps its device name, which becomes %s under ParaVM: from outside the VM the wizard cannot read the UUIDs of the guest's other disks (those names are the guest's, not this machine's). Run the wizard again inside the VM to name it by UUID too."),
		     entry_name(e), e->spec, pv);
	else
		pw_plan_note(plan, _("%s (%s) keeps its device name: from outside the VM the wizard cannot read the UUIDs of the guest's other disks (those names are the guest's, not this machine's). Run the wizard again inside the VM to name it by UUID too."),
		     entry_name(e), e->spec);
}

/* "/dev/hda5" -> "/dev/hda" and 5; false for a name without a number. */
static bool split_partition(const char *dev, char *disk, size_t size, unsigned long *number)
{
	size_t len = strlen(dev), digits = 0;

	while (digits < len && dev[len - digits - 1] >= '0' && dev[len - digits - 1] <= '9')
		digits++;
	if (digits == 0 || digits == len || len - digits >= size)
		return false;
	pw_copy(disk, size, dev, len - digits);
	*number = strtoul(dev + len - digits, NULL, 10);
	return true;
}

/*
 * Under --root: the partition of this machine that the guest calls
 * @e->spec, when it is on the disk root is on (see the top of this file).
 * 0 found, with @info; negative when it cannot be told.
 */
static int probe_beside_root(struct dplan *dp, const struct pw_fstab_entry *root,
			     const struct pw_fsinfo *root_info, const struct pw_fstab_entry *e,
			     struct pw_fsinfo *info)
{
	char guest_disk[PW_FSTAB_FIELD_MAX], disk[PW_FSTAB_FIELD_MAX], host_disk[64], dev[96];
	unsigned long guest_root_n, n, host_root_n;
	size_t len;

	if (!dp->probe->partition || !root || !root_info->device[0] ||
	    !split_partition(root->spec, guest_disk, sizeof(guest_disk), &guest_root_n) ||
	    !split_partition(e->spec, disk, sizeof(disk), &n) || strcmp(disk, guest_disk) != 0 ||
	    !split_partition(root_info->device, host_disk, sizeof(host_disk), &host_root_n) ||
	    host_root_n != guest_root_n)
		return -ENODEV;
	/* loop0p1, nvme0n1p1: the disk's name ends in a digit, then 'p' */
	len = strlen(host_disk);
	if (len >= 2 && host_disk[len - 1] == 'p' && host_disk[len - 2] >= '0' &&
	    host_disk[len - 2] <= '9')
		snprintf(dev, sizeof(dev), "%s%lu", host_disk, n);
	else if (len >= 1 && (host_disk[len - 1] < '0' || host_disk[len - 1] > '9'))
		snprintf(dev, sizeof(dev), "%s%lu", host_disk, n);
	else
		return -ENODEV;
	if (dp->probe->partition(dp->probe->data, dev, info) < 0 || !info->uuid[0])
		return -ENODATA;
	/* the number alone is a guess: the filesystem must be what fstab says */
	if (strcmp(e->vfstype, "auto") != 0 && strcmp(info->type, e->vfstype) != 0)
		return -EMEDIUMTYPE;
	return 0;
}

/* Add @e's spec to the renames (once per name: one device, one UUID). */
static bool add_rename(struct pw_fstab_rename *ren, size_t *n, const struct pw_fstab_entry *e,
		       const char *uuid)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(ren[i].from, e->spec) == 0)
			return false;
	snprintf(ren[*n].from, sizeof(ren[*n].from), "%s", e->spec);
	snprintf(ren[*n].to, sizeof(ren[*n].to), "UUID=%s", uuid);
	(*n)++;
	return true;
}

/* What becomes of each entry of the file: its fate, and the UUID it gets. */
struct fates {
	struct pw_fstab tab;
	const struct pw_fstab_entry *root, *boot;
	struct pw_fsinfo root_info;
	enum fate *fate;
	char (*uuid)[64];
	struct pw_fstab_rename *ren;
	size_t n; /* renames */
};

static void take(struct fates *f, size_t i, const char *uuid)
{
	f->fate[i] = RENAME;
	snprintf(f->uuid[i], sizeof(f->uuid[i]), "%s", uuid);
	add_rename(f->ren, &f->n, &f->tab.entries[i], uuid);
}

/* Probe what each entry is on; 0, or negative with the error set (/ or /boot unknown). */
static int decide_fates(struct dplan *dp, struct fates *f)
{
	const struct pw_disks_probe *probe = dp->probe;
	struct pw_fsinfo info;
	int ret;

	for (size_t i = 0; i < f->tab.count; i++) {
		const struct pw_fstab_entry *e = &f->tab.entries[i];

		if (!unstable(e) || e->truncated)
			continue;
		if (e == f->root || e == f->boot) {
			ret = uuid_of_dir(dp, e == f->root ? "/" : "/boot", e, &info);
			if (ret < 0)
				return ret;
			if (e == f->root)
				f->root_info = info;
		} else if (!fixed_disk(e)) {
			continue;
		} else if (!probe->device) {
			f->fate[i] = LEFT_OUTSIDE; /* unless found beside root, below */
			continue;
		} else if (probe->device(probe->data, e->spec, &info) < 0 || !info.uuid[0]) {
			f->fate[i] = LEFT_NO_UUID;
			continue;
		}
		take(f, i, info.uuid);
	}
	/* root is probed by now, wherever fstab lists it */
	for (size_t i = 0; i < f->tab.count; i++)
		if (f->fate[i] == LEFT_OUTSIDE &&
		    probe_beside_root(dp, f->root, &f->root_info, &f->tab.entries[i], &info) == 0)
			take(f, i, info.uuid);
	/*
	 * An entry that shares a renamed device's name (a second mount of
	 * it) is renamed with it; its fate says so for the note.
	 */
	for (size_t i = 0; i < f->tab.count; i++)
		for (size_t k = 0; k < f->n && f->fate[i] != RENAME; k++)
			if (strcmp(f->tab.entries[i].spec, f->ren[k].from) == 0) {
				f->fate[i] = RENAME;
				snprintf(f->uuid[i], sizeof(f->uuid[i]), "%s", f->ren[k].to + 5);
			}
	return 0;
}

/* / and /boot first, then the other disks in the file's order. */
static void note_fates(struct pw_plan *plan, const struct fates *f)
{
	const struct pw_fstab_entry *first[2] = { f->root, f->boot };

	for (size_t k = 0; k < 2; k++)
		if (first[k] && f->fate[first[k] - f->tab.entries] == RENAME)
			note_renamed(plan, first[k], f->uuid[first[k] - f->tab.entries]);
	for (size_t i = 0; i < f->tab.count; i++) {
		const struct pw_fstab_entry *e = &f->tab.entries[i];

		if (e == f->root || e == f->boot || f->fate[i] == KEEP)
			continue;
		if (f->fate[i] == RENAME)
			note_renamed(plan, e, f->uuid[i]);
		else
			note_left(plan, e, f->fate[i]);
	}
	pw_plan_note(plan, "%s", _("Each old name is kept in a comment above its line."));
}

int pw_disks_plan_with(struct pw_ctx *ctx, const struct pw_disks_probe *probe,
		       struct pw_plan *plan, struct pw_error *err)
{
	struct dplan dp = { ctx, probe, plan, err };
	struct fates f = { 0 };
	char *text, *out = NULL;
	size_t len, out_len;
	int ret;

	ret = pw_root_read_text(ctx->root, FSTAB, PW_TEXT_MAX, &text, &len);
	if (ret < 0) {
		pw_error_set(err, ret <= -1000 ? PW_EXIT_DATAERR : PW_EXIT_IOERR,
			     _("%s cannot be read: %s. Check that file, then run the wizard again."),
			     FSTAB, pw_root_strerror(ret));
		return ret;
	}
	ret = pw_fstab_parse(text, len, &f.tab);
	if (ret == 0 && f.tab.count) {
		f.ren = calloc(f.tab.count, sizeof(*f.ren));
		f.fate = calloc(f.tab.count, sizeof(*f.fate));
		f.uuid = calloc(f.tab.count, sizeof(*f.uuid));
		if (!f.ren || !f.fate || !f.uuid)
			ret = -ENOMEM;
	}
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, "%s", _("Out of memory."));
		goto out;
	}
	f.root = pw_fstab_find(&f.tab, "/");
	f.boot = pw_fstab_find(&f.tab, "/boot");
	ret = decide_fates(&dp, &f);
	if (ret < 0)
		goto out;

	ret = f.n ? pw_fstab_rewrite(text, len, f.ren, f.n, &out, &out_len) : 1;
	if (ret == 0)
		ret = pw_plan_write(plan, FSTAB, text, len, true, out, out_len, 0644);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, "%s", _("Out of memory."));
		goto out;
	}
	if (ret == 0)
		note_fates(plan, &f);
out:
	pw_fstab_free(&f.tab);
	free(f.ren);
	free(f.fate);
	free(f.uuid);
	free(out);
	free(text);
	return ret;
}

/* ---- libblkid ------------------------------------------------------------ */

static int probe_dir(void *data, const char *dir, struct pw_fsinfo *info)
{
	struct pw_ctx *ctx = data;

	return pw_blkid_probe_dir(ctx->root, dir, info);
}

/* A device of this machine: fstab's own names inside the VM, or a partition beside root's. */
static int probe_device(void *data, const char *dev, struct pw_fsinfo *info)
{
	const char *value;
	blkid_probe pr;
	int ret;

	(void)data;
	memset(info, 0, sizeof(*info));
	pw_copy(info->device, sizeof(info->device), dev, strlen(dev));
	errno = 0;
	pr = blkid_new_probe_from_filename(dev);
	if (!pr)
		return errno ? -errno : -EIO;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_UUID | BLKID_SUBLKS_TYPE);
	ret = blkid_do_safeprobe(pr);
	if (ret == 0 && blkid_probe_lookup_value(pr, "UUID", &value, NULL) == 0 && value)
		pw_copy(info->uuid, sizeof(info->uuid), value, strlen(value));
	if (ret == 0 && blkid_probe_lookup_value(pr, "TYPE", &value, NULL) == 0 && value)
		pw_copy(info->type, sizeof(info->type), value, strlen(value));
	blkid_free_probe(pr);
	return info->uuid[0] ? 0 : -ENODATA;
}

int pw_plan_disks(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct pw_disks_probe probe = {
		.dir = probe_dir,
		.device = pw_root_is_host(ctx->root) ? probe_device : NULL,
		.partition = pw_root_is_host(ctx->root) ? NULL : probe_device,
		.data = ctx,
	};

	return pw_disks_plan_with(ctx, &probe, plan, err);
}
