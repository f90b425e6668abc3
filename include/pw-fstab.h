/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/fstab, for the disks step: how / and /boot are named, and whether
 * those names survive the switch (under ParaVM /dev/hda1 becomes xvda1).
 *
 * The parser takes a buffer (from pw_root_read_text) and keeps the byte
 * offsets of each entry's line and spec field, so that the apply step can
 * rewrite a spec in place and leave every other byte of the file alone.
 */
#ifndef PW_FSTAB_H
#define PW_FSTAB_H

#include <stdbool.h>
#include <stddef.h>

#define PW_FSTAB_FIELD_MAX 256

struct pw_fstab_entry {
	unsigned int line;		/* 1-based */
	size_t line_start, line_len;	/* the line in the buffer, without '\n' */
	size_t spec_start, spec_len;	/* the first field as written (still escaped) */
	char spec[PW_FSTAB_FIELD_MAX];	/* "UUID=...", "/dev/hda1"; \040 decoded */
	char file[PW_FSTAB_FIELD_MAX];	/* the mount point, decoded */
	char vfstype[32];
	char options[PW_FSTAB_FIELD_MAX]; /* "" when the field is left out */
	int freq, passno;		/* 0 when left out */
	bool truncated;			/* a field did not fit: read it, never edit it */
};

/* A line mount would not accept; it is skipped. */
enum pw_fstab_bad_why {
	PW_FSTAB_TOO_FEW_FIELDS,	/* fewer than spec, mount point, type */
	PW_FSTAB_BAD_NUMBER,		/* dump or pass field not a number */
};

struct pw_fstab_bad_line {
	unsigned int line;
	unsigned int fields;		/* how many fields it has */
	enum pw_fstab_bad_why why;
};

struct pw_fstab {
	struct pw_fstab_entry *entries;
	size_t count;
	struct pw_fstab_bad_line *bad;
	size_t bad_count;
};

/* 0, or -ENOMEM. Free with pw_fstab_free() in either case. */
int pw_fstab_parse(const char *text, size_t len, struct pw_fstab *out);
void pw_fstab_free(struct pw_fstab *tab);

/* Decode fstab's octal escapes ("\040" is a blank) of [s, s+len); false if cut. */
bool pw_fstab_unescape(const char *s, size_t len, char *out, size_t size);

/*
 * The entry mounted at @dir ("/", "/boot"; a trailing '/' does not count),
 * the last one if several (mount takes the last), or NULL.
 */
const struct pw_fstab_entry *pw_fstab_find(const struct pw_fstab *tab, const char *dir);

/* How a spec (or a kernel's root=) names a filesystem. */
enum pw_fstab_spec {
	PW_FSTAB_SPEC_TAG,	/* UUID=, LABEL=, PARTUUID=, PARTLABEL= */
	PW_FSTAB_SPEC_BY_TAG,	/* /dev/disk/by-uuid/..., by-label, by-part{uuid,label} */
	PW_FSTAB_SPEC_LVM,	/* /dev/mapper/..., /dev/VG/LV: stable; pygrub cannot read it */
	PW_FSTAB_SPEC_MD,	/* /dev/md0, /dev/md/name: stable */
	PW_FSTAB_SPEC_EMULATED,	/* /dev/hd*, /dev/sd*, /dev/vd*: renamed by the switch */
	PW_FSTAB_SPEC_XEN,	/* /dev/xvd*: the ParaVM name, not the HVM one */
	PW_FSTAB_SPEC_BY_DRIVER, /* /dev/disk/by-id/..., by-path: made from the driver */
	PW_FSTAB_SPEC_OTHER,	/* anything else (nfs, /dev/root, /dev/dm-0 ...) */
};

enum pw_fstab_spec pw_fstab_spec_kind(const char *spec);
/* Does a name of this kind stay the same after the switch? */
bool pw_fstab_spec_stable(enum pw_fstab_spec kind);
/*
 * The name an emulated disk's partition usually has under ParaVM:
 * "/dev/hda1" -> "/dev/xvda1". 0, or 1 if @spec is not such a name.
 */
int pw_fstab_pv_name(const char *spec, char *out, size_t size);

/* Can pygrub (Xen 4.17's libfsimage) read a filesystem of this fstab type? */
bool pw_fstab_pygrub_reads(const char *vfstype);

/* A spec to replace: every entry whose spec is @from gets @to. */
struct pw_fstab_rename {
	char from[PW_FSTAB_FIELD_MAX];	/* as parsed (decoded): "/dev/hda1" */
	char to[PW_FSTAB_FIELD_MAX];	/* "UUID=..." (escaped on the way out) */
};

/*
 * Rewrite the spec field of the entries @ren names, and put
 * "# was OLD (paravm-wizard)" above each, unless it is there already;
 * every other byte is kept. *@out (NUL-terminated, the caller frees) and
 * *@out_len: 0 something renamed, 1 nothing (*@out NULL), or -ENOMEM.
 */
int pw_fstab_rewrite(const char *text, size_t len, const struct pw_fstab_rename *ren, size_t n,
		     char **out, size_t *out_len);

struct pw_ctx;
struct pw_plan;
struct pw_error;
struct pw_fsinfo;

/* Where the disks plan gets UUIDs from; the tests pass stubs. */
struct pw_disks_probe {
	/* the filesystem at a guest directory ("/", "/boot"), as pw_blkid_probe_dir() */
	int (*dir)(void *data, const char *dir, struct pw_fsinfo *info);
	/* a device by name ("/dev/hda5"); NULL when the names are not this machine's */
	int (*device)(void *data, const char *dev, struct pw_fsinfo *info);
	void *data;
	/*
	 * A partition of this machine by name ("/dev/loop0p5"), for a guest
	 * mounted here: the partition of root's disk that has the number the
	 * guest's fstab gives (hda5 beside hda1). NULL: not tried.
	 */
	int (*partition)(void *data, const char *dev, struct pw_fsinfo *info);
};

/*
 * The disks step's plan (checks/steps/disks-plan.c): /etc/fstab names / and
 * /boot by UUID=, and other fixed disks too where @probe->device can read
 * them. 0 planned, 1 nothing to do, negative errno with @err filled.
 */
int pw_disks_plan_with(struct pw_ctx *ctx, const struct pw_disks_probe *probe,
		       struct pw_plan *plan, struct pw_error *err);
/* The same with libblkid; other disks only when the wizard runs in the VM. */
int pw_plan_disks(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);

#endif /* PW_FSTAB_H */
