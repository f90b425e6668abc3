// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The disks step's plan: /etc/fstab names / and /boot by UUID=, the one
 * name that stays when HVM's hda1 becomes ParaVM's xvda1. Only the spec
 * field of those entries changes; every other byte of the file is kept.
 * The kernel's root= is the grub step's.
 *
 * Other disks (swap on /dev/hda5) are renamed too when the wizard runs
 * inside the VM, where the names in fstab are this machine's and libblkid
 * can read them; under --root they name the guest's disks, which this
 * machine may not even have, so they are left and the note says so.
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

	if (fate == LEFT_NO_UUID)
		pw_plan_note(plan, _("%s (%s) keeps its device name: libblkid found no UUID on it."),
		     entry_name(e), e->spec);
	else if (pw_fstab_pv_name(e->spec, pv, sizeof(pv)) == 0)
		pw_plan_note(plan, _("%s (%s) keeps its device name, which becomes %s under ParaVM: from outside the VM the wizard cannot read the UUIDs of the guest's other disks (those names are the guest's, not this machine's). Run the wizard again inside the VM to name it by UUID too."),
		     entry_name(e), e->spec, pv);
	else
		pw_plan_note(plan, _("%s (%s) keeps its device name: from outside the VM the wizard cannot read the UUIDs of the guest's other disks (those names are the guest's, not this machine's). Run the wizard again inside the VM to name it by UUID too."),
		     entry_name(e), e->spec);
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

/* What becomes of each fstab line: its fate, its UUID, and the renames. */
struct fates {
	const struct pw_fstab *tab;
	const struct pw_fstab_entry *root, *boot;
	enum fate *fate;
	char (*uuid)[64];
	struct pw_fstab_rename *ren;
	size_t n;
};

/* The fate of every line whose device name changes under ParaVM: 0, or an error set. */
static int decide(struct dplan *dp, struct fates *fs)
{
	const struct pw_disks_probe *probe = dp->probe;
	struct pw_fsinfo info;
	int ret;

	for (size_t i = 0; i < fs->tab->count; i++) {
		const struct pw_fstab_entry *e = &fs->tab->entries[i];

		if (!unstable(e) || e->truncated)
			continue;
		if (e == fs->root || e == fs->boot) {
			ret = uuid_of_dir(dp, e == fs->root ? "/" : "/boot", e, &info);
			if (ret < 0)
				return ret;
		} else if (!fixed_disk(e)) {
			continue;
		} else if (!probe->device) {
			fs->fate[i] = LEFT_OUTSIDE;
			continue;
		} else if (probe->device(probe->data, e->spec, &info) < 0 || !info.uuid[0]) {
			fs->fate[i] = LEFT_NO_UUID;
			continue;
		}
		fs->fate[i] = RENAME;
		snprintf(fs->uuid[i], sizeof(fs->uuid[i]), "%s", info.uuid);
		add_rename(fs->ren, &fs->n, e, info.uuid);
	}
	/*
	 * An entry that shares a renamed device's name (a second mount of
	 * it) is renamed with it; its fate says so for the note.
	 */
	for (size_t i = 0; i < fs->tab->count; i++)
		for (size_t k = 0; k < fs->n && fs->fate[i] != RENAME; k++)
			if (strcmp(fs->tab->entries[i].spec, fs->ren[k].from) == 0) {
				fs->fate[i] = RENAME;
				snprintf(fs->uuid[i], sizeof(fs->uuid[i]), "%s", fs->ren[k].to + 5);
			}
	return 0;
}

/* The notes: / and /boot first, then the other disks in the file's order. */
static void note_fates(struct pw_plan *plan, const struct fates *fs)
{
	const struct pw_fstab_entry *root = fs->root, *boot = fs->boot;

	if (root && fs->fate[root - fs->tab->entries] == RENAME)
		note_renamed(plan, root, fs->uuid[root - fs->tab->entries]);
	if (boot && fs->fate[boot - fs->tab->entries] == RENAME)
		note_renamed(plan, boot, fs->uuid[boot - fs->tab->entries]);
	for (size_t i = 0; i < fs->tab->count; i++) {
		const struct pw_fstab_entry *e = &fs->tab->entries[i];

		if (e == root || e == boot || fs->fate[i] == KEEP)
			continue;
		if (fs->fate[i] == RENAME)
			note_renamed(plan, e, fs->uuid[i]);
		else
			note_left(plan, e, fs->fate[i]);
	}
	pw_plan_note(plan, "%s", _("Each old name is kept in a comment above its line."));
}

int pw_disks_plan_with(struct pw_ctx *ctx, const struct pw_disks_probe *probe,
		       struct pw_plan *plan, struct pw_error *err)
{
	struct dplan dp = { ctx, probe, plan, err };
	struct pw_fstab tab = { 0 };
	struct fates fs = { .tab = &tab };
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
	ret = pw_fstab_parse(text, len, &tab);
	if (ret == 0 && tab.count) {
		fs.ren = calloc(tab.count, sizeof(*fs.ren));
		fs.fate = calloc(tab.count, sizeof(*fs.fate));
		fs.uuid = calloc(tab.count, sizeof(*fs.uuid));
		if (!fs.ren || !fs.fate || !fs.uuid)
			ret = -ENOMEM;
	}
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, "%s", _("Out of memory."));
		goto out;
	}
	fs.root = pw_fstab_find(&tab, "/");
	fs.boot = pw_fstab_find(&tab, "/boot");
	ret = decide(&dp, &fs);
	if (ret < 0)
		goto out;

	ret = fs.n ? pw_fstab_rewrite(text, len, fs.ren, fs.n, &out, &out_len) : 1;
	if (ret == 1)
		goto out;
	if (ret == 0)
		ret = pw_plan_write(plan, FSTAB, text, len, true, out, out_len, 0644);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, "%s", _("Out of memory."));
		goto out;
	}
	note_fates(plan, &fs);
	ret = 0;
out:
	pw_fstab_free(&tab);
	free(fs.ren);
	free(fs.fate);
	free(fs.uuid);
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

/* Inside the VM only: fstab's device names are this machine's. */
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
		.data = ctx,
	};

	return pw_disks_plan_with(ctx, &probe, plan, err);
}
