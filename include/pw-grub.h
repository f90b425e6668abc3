/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The boot menu as Xen's ParaVM boot loader, pygrub, sees it.
 *
 * pygrub (Xen 4.17: bin/pygrub, lib/python/grub/GrubConf.py) reads the first
 * of its list of menu files that exists and parses it with rules of its own,
 * which are not grub's: a default given by name counts as entry 0, a
 * default past the last entry as entry 0, a `set` line with two '=' makes it
 * fail. The parsers here follow pygrub, not grub, so that what they report
 * is what a ParaVM boot will do. They take a buffer and fill a pw_grub_menu;
 * checks/steps/grub.c reads the files and judges.
 */
#ifndef PW_GRUB_H
#define PW_GRUB_H

#include <stdbool.h>
#include <stddef.h>

#include "pw-model.h"

struct pw_root;
struct stat;

/* Which parser pygrub uses for a file. */
enum pw_grub_kind {
	PW_GRUB_KIND_GRUB2,	/* grub.cfg */
	PW_GRUB_KIND_EXTLINUX,	/* extlinux.conf, isolinux.cfg: not parsed here */
	PW_GRUB_KIND_LEGACY,	/* menu.lst, grub.conf */
};

#define PW_GRUB_TITLE_MAX 256
#define PW_GRUB_PATH_MAX 256
#define PW_GRUB_ARGS_MAX 1024
/* Entries kept; pygrub's count goes on past it (menu->total). */
#define PW_GRUB_ENTRIES_MAX 512

struct pw_grub_entry {
	char title[PW_GRUB_TITLE_MAX];
	/* As pygrub takes them: a "(hd0,0)" device in front is dropped. */
	char kernel[PW_GRUB_PATH_MAX];	/* "" if the entry has none */
	char args[PW_GRUB_ARGS_MAX];	/* the kernel's command line; "" if none */
	char initrd[PW_GRUB_PATH_MAX];	/* "" if none */
	unsigned int line;		/* its title or menuentry line */
	unsigned int kernel_line;	/* its kernel or linux line; 0 if none */
	unsigned int initrd_line;	/* 0 if none */
	bool truncated;			/* a field did not fit: read, never edit */
};

/* Why pygrub would refuse a menu file (it raises, and the boot fails). */
enum pw_grub_problem {
	PW_GRUB_FINE = 0,
	PW_GRUB_NOT_UTF8,	/* pygrub decodes the file as UTF-8 */
	PW_GRUB_NESTED_ENTRY,	/* a menuentry inside a menuentry */
	PW_GRUB_STRAY_BRACE,	/* a '}' with no menuentry or submenu to close */
	PW_GRUB_UNCLOSED_ENTRY,	/* the file ends inside a menuentry */
	PW_GRUB_BAD_SET,	/* `set` not splitting into one name and one value */
	PW_GRUB_BAD_DEVICE,	/* a root or (device) it cannot read: (hdN,M), /dev/xvdX */
	PW_GRUB_BAD_PATH,	/* "(hd0,0/vmlinuz": no ')' */
	PW_GRUB_BAD_DEFAULT,	/* a negative default */
	PW_GRUB_BAD_TIMEOUT,	/* not a whole number: pygrub's menu fails on it */
};

/* One "# name=value" line of update-grub's default options (menu.lst). */
struct pw_menulst_opt {
	char name[48];
	char value[PW_GRUB_ARGS_MAX];
	unsigned int line;
};

struct pw_grub_menu {
	enum pw_grub_kind kind;

	struct pw_grub_entry *entries;	/* the first PW_GRUB_ENTRIES_MAX */
	size_t count;			/* entries kept */
	size_t total;			/* entries pygrub sees */

	/* The default: the last default line, as written, and as pygrub reads it. */
	char default_value[PW_GRUB_TITLE_MAX];	/* "" without one */
	unsigned int default_line;
	int default_index;		/* the entry pygrub boots; -1 if there is none */
	bool default_out_of_range;	/* a number past the last entry: pygrub takes 0 */
	bool default_by_name;		/* a name (grub 2): pygrub takes 0 */
	int default_named_index;	/* the entry that name is the title of, or -1 */

	char timeout[32];		/* as written */
	unsigned int timeout_line;	/* 0: no timeout line */
	/*
	 * How long pygrub's menu stays before it boots the default: the
	 * timeout when it is 2 or more (at most 3600 kept), else 1 second
	 * (none, -1, 0: see pw_grub_menu_finish()). It never waits for a key.
	 */
	unsigned int wait_seconds;

	enum pw_grub_problem problem;	/* PW_GRUB_FINE, or why pygrub refuses */
	unsigned int problem_line;

	/*
	 * menu.lst: update-grub's "automagic" section and its default options
	 * (`# kopt=...` between "## ## Start/End Default Options ##"), which it
	 * reads back each time it rewrites the entries. 0: no such line.
	 */
	unsigned int automagic_begin, automagic_end;
	unsigned int options_begin, options_end;
	struct pw_menulst_opt *opts;
	size_t opt_count;
	bool have_kopt;			/* a `# kopt=` line is there */
	char kopt[PW_GRUB_ARGS_MAX];	/* their values, as update-grub joins them */
};

/*
 * Parse a menu file: 0 pygrub accepts it; PW_EFORMAT it would refuse it
 * (menu->problem and problem_line say why, entries up to there are kept);
 * -ENOMEM. Free with pw_grub_menu_free() in every case.
 */
int pw_menulst_parse(const char *text, size_t len, struct pw_grub_menu *menu);
int pw_grub_cfg_parse(const char *text, size_t len, struct pw_grub_menu *menu);
void pw_grub_menu_free(struct pw_grub_menu *menu);

/* The entry pygrub boots, or NULL (no entries, or past those kept). */
const struct pw_grub_entry *pw_grub_default(const struct pw_grub_menu *menu);
/* A problem in words: an English N_() string, to be passed through gettext(). */
const char *pw_grub_problem_text(enum pw_grub_problem problem);

/* menu.lst: the first `# name=` option line, or NULL. */
const struct pw_menulst_opt *pw_menulst_opt(const struct pw_grub_menu *menu, const char *name);
/*
 * The one reader of `# kopt=`, for every step: what update-grub takes from
 * the Default Options (every such line there, joined); NULL without one.
 */
const char *pw_menulst_kopt(const struct pw_grub_menu *menu);
/*
 * The options update-grub puts on a kernel's line: the most specific
 * `# kopt_2_6_18...=` for @version, else `# kopt=`; NULL when the menu has
 * neither (update-grub then makes its own).
 */
const char *pw_menulst_kopt_for(const struct pw_grub_menu *menu, const char *version);
/* Is line @line inside the automagic section (update-grub rewrites it)? */
bool pw_menulst_in_automagic(const struct pw_grub_menu *menu, unsigned int line);

/* pygrub's list, as paths in the guest tree (see checks/steps/grub.c). */
struct pw_grub_file {
	const char *path;
	enum pw_grub_kind kind;
};
extern const struct pw_grub_file pw_grub_files[];
extern const size_t pw_grub_file_count;

/* The update-grub scripts, for the inspect and the plan alike (checks/steps/grub.c). */
extern const char *const pw_update_grub_paths[3];
extern const size_t pw_update_grub_path_count;
/* Is @st the file of one of the @n in @seen (the same file by another path)? */
bool pw_grub_seen_file(const struct stat *seen, size_t n, const struct stat *st);

/* The file pygrub reads: 0 found (@path, @kind set), 1 none. */
int pw_grub_find_config(struct pw_root *root, char *path, size_t size, enum pw_grub_kind *kind);
/* Read @path and parse it: as the parsers, a read error, -EOPNOTSUPP for extlinux. */
int pw_grub_read_menu(struct pw_root *root, const char *path, enum pw_grub_kind kind,
		      struct pw_grub_menu *menu);
/*
 * The entry a ParaVM boot takes (kernel, its whole command line with
 * root=, initrd), for the grub apply step and the disks step: 0 found,
 * 1 no menu or no entry, PW_EFORMAT pygrub would refuse the menu (or it is
 * an extlinux one), or a read error. @cfgpath gets the file (may be NULL).
 */
/* The grub the guest keeps up to date: the installed package, else the profile's. */
enum pw_grub pw_grub_flavour(const struct pw_ctx *ctx);

int pw_grub_default_entry(struct pw_ctx *ctx, struct pw_grub_entry *out,
			  char *cfgpath, size_t size);
/*
 * The guest file a menu path names. A separate /boot partition holds its
 * kernels at "/vmlinuz-..." for pygrub, which is /boot/vmlinuz-... in the
 * guest tree, so both /boot/X and X are tried. 0 found, 1 neither exists.
 */
int pw_grub_resolve(struct pw_root *root, const char *path, char *out, size_t size);
/* Is "console=@dev" on @args (a word of its own)? */
bool pw_grub_has_console(const char *args, const char *dev);

/* --- Kernels (checks/facts/kernel.c) ------------------------------------------- */

enum pw_kernel_cap {
	PW_KERNEL_CAP_UNKNOWN = 0,
	PW_KERNEL_CAP_PV,	/* can boot as a ParaVM */
	PW_KERNEL_CAP_NOT_PV,
};

enum pw_kernel_why {
	PW_KERNEL_WHY_NONE = 0,		/* nothing tells: unknown */
	PW_KERNEL_WHY_XEN_PV,		/* config: CONFIG_XEN_PV=y */
	PW_KERNEL_WHY_XEN,		/* config: CONFIG_XEN=y, no CONFIG_XEN_PV (before 4.14) */
	PW_KERNEL_WHY_CONFIG_NO,	/* config without them */
	PW_KERNEL_WHY_FLAVOUR,		/* no config, a "-xen" flavour in the name */
	PW_KERNEL_WHY_HYPERVISOR,	/* xen*.gz: the hypervisor of a Xen host, not a kernel */
};

struct pw_kernel_info {
	char file[PW_GRUB_PATH_MAX + 8];	/* the guest file */
	char version[128];			/* from vmlinuz-VERSION; may be "" */
	enum pw_kernel_cap cap;
	enum pw_kernel_why why;
	bool config_seen;			/* /boot/config-VERSION exists */
	int config_error;			/* ... but cannot be read */
};

/* From a kernel config's text: what CONFIG_XEN_PV / CONFIG_XEN say. */
enum pw_kernel_cap pw_kernel_config_cap(const char *text, size_t len, enum pw_kernel_why *why);
/* "vmlinuz-2.6.18-6-xen-amd64" (any directory) -> "2.6.18-6-xen-amd64"; false if not that form. */
bool pw_kernel_version(const char *path, char *version, size_t size);
/*
 * Judge the kernel a menu names (@menu_path as in the menu: resolved by
 * pw_grub_resolve()): 0 judged (@info->cap may be UNKNOWN), 1 the file is
 * not in the guest.
 */
int pw_kernel_check(struct pw_root *root, const char *menu_path, struct pw_kernel_info *info);

/* --- update-grub (checks/formats/updategrub.c) ----------------------------------- */

/*
 * grub legacy's update-grub of 2008 leaves kernels out of menu.lst by where
 * it runs: Xen kernels when not inside a Xen guest (so an HVM guest never
 * gets one), other kernels when inside one. The conversion guide comments
 * out the `continue` of both. Found by content, not line number.
 */
struct pw_updategrub_block {
	bool found;			/* the if/elif is there */
	bool active;			/* its `continue` still runs */
	unsigned int if_line;
	unsigned int continue_line;	/* the active continue; 0 if none */
};

struct pw_updategrub {
	struct pw_updategrub_block skip_xen;	/* `[ ! "$in_domU" ] && [ "$is_xen" ]` */
	struct pw_updategrub_block skip_nonxen;	/* `[ "$in_domU" ] && ! [ "$is_xen" ]` */
};

/* 0 one block or both found, 1 neither. */
int pw_updategrub_scan(const char *text, size_t len, struct pw_updategrub *out);

/* --- Shared by the two menu parsers (checks/formats/grubmenu.c) ------------------ */

/* A piece of a buffer: pygrub's strings are slices of a line. */
struct pw_span {
	const char *p;
	size_t n;
};

void pw_grub_menu_init(struct pw_grub_menu *menu, enum pw_grub_kind kind);
bool pw_grub_utf8_valid(const char *text, size_t len, unsigned int *bad_line);
/* Python's str.strip(): Python's whitespace, Unicode spaces included. */
struct pw_span pw_grub_strip(struct pw_span s);
bool pw_grub_starts(struct pw_span s, const char *prefix);
/* Python's s.split(): the number of words; the first @max in @w. */
size_t pw_grub_words(struct pw_span s, struct pw_span *w, size_t max);
/* grub_exact_split(s, 2): command and argument, as pygrub splits a line. */
void pw_grub_split2(struct pw_span s, struct pw_span *com, struct pw_span *arg);
/* Would pygrub's GrubDiskPart() accept this device name? */
bool pw_grub_device_ok(struct pw_span s);
/* get_path(): the path after an optional "(device)"; a problem, or FINE. */
enum pw_grub_problem pw_grub_get_path(struct pw_span s, struct pw_span *path);
/* Record the problem that stops the parse (the first one). */
int pw_grub_fail(struct pw_grub_menu *menu, enum pw_grub_problem problem, unsigned int line);
/* _set_default(): a problem for a negative number, else FINE. */
enum pw_grub_problem pw_grub_set_default(struct pw_grub_menu *menu, struct pw_span val,
					 unsigned int line);
void pw_grub_set_timeout(struct pw_grub_menu *menu, struct pw_span val, unsigned int line);

/* An entry being read: its lines are parsed when it is complete, as pygrub does. */
struct pw_grub_image {
	struct pw_grub_entry e;
	bool open;
	size_t lines;
};

void pw_grub_image_start(struct pw_grub_image *img, struct pw_span title, unsigned int line);
/* pygrub's set_kernel / set_initrd on an entry: FINE or a problem. */
enum pw_grub_problem pw_grub_image_kernel(struct pw_grub_image *img, struct pw_span val,
					  unsigned int line);
enum pw_grub_problem pw_grub_image_initrd(struct pw_grub_image *img, struct pw_span val,
					  unsigned int line);
/* Add the entry (kept if there is room); 0 or -ENOMEM. */
int pw_grub_menu_add(struct pw_grub_menu *menu, const struct pw_grub_image *img);
/* After the parse: work out default_index and the rest as pygrub does. */
void pw_grub_menu_finish(struct pw_grub_menu *menu);

/* --- The grub step's edits (checks/edit/grub-edit.c) -------------------------- */

/*
 * Each edit takes a file's whole text and builds the whole new text, every
 * byte outside the change kept, in a buffer the caller frees: 0 changed,
 * 1 nothing to change (*out is NULL), negative errno (-ENOMEM; -EINVAL
 * when the text is not in a form the edit can change safely).
 */

/*
 * update-grub: the active `continue` of each skip block becomes
 * `# continue` followed by a `:` line with the same indentation, as the
 * conversion guide's patch; a `continue` sharing its line with other
 * commands (`then continue; fi`) becomes `:` in place.
 */
int pw_updategrub_patch(const char *text, size_t len, char **out, size_t *out_len);

/*
 * menu.lst's default options: every `# kopt=` and `# kopt_VERSION=` gets
 * root=UUID=@uuid (in place of any root=) and console=@dev (in place of any
 * other console=), `# xenkopt=` gets console=@dev, `# defoptions=` loses
 * any other console=. Without a `# kopt=` line one is added; without the
 * Default Options section, the section (and the automagic markers around
 * it, if missing) is added, so that update-grub reads the options.
 */
int pw_menulst_edit_options(const char *text, size_t len, const char *uuid, const char *dev,
			    char **out, size_t *out_len);
/* A `timeout` line pygrub can read: 5 in place of one that is not a whole number. */
int pw_menulst_fix_timeout(const char *text, size_t len, char **out, size_t *out_len);
/* The global `default` line set to @index (added when missing). */
int pw_menulst_set_default(const char *text, size_t len, unsigned int index, char **out,
			   size_t *out_len);

/*
 * /etc/default/grub (@main_file) or a file of /etc/default/grub.d:
 * console=@dev in GRUB_CMDLINE_LINUX (its quoting kept; the variable added
 * to the main file when missing), other console= dropped from it and from
 * GRUB_CMDLINE_LINUX_DEFAULT, GRUB_DISABLE_LINUX_UUID=true made false, a
 * GRUB_TIMEOUT that is not a whole number (pygrub fails on it in grub.cfg)
 * made 5.
 * -EINVAL: a value of those over several lines or in pieces; -EILSEQ: a
 * quote never closed (the shell cannot read the file).
 */
int pw_default_grub_edit(const char *text, size_t len, const char *dev, bool main_file,
			 char **out, size_t *out_len);

/*
 * grub.cfg: on each linux line whose kernel @ours accepts (NULL: every
 * one), a root= naming a device (/dev/...) becomes root=UUID=@uuid, and
 * console=@dev replaces any other console=. grub-mkconfig writes the
 * device name where /dev/disk/by-uuid is missing, as in a chroot.
 */
int pw_grub_cfg_edit_args(const char *text, size_t len, const char *uuid, const char *dev,
			  bool (*ours)(const char *kernel, void *data), void *data,
			  char **out, size_t *out_len);

/*
 * The entry of @menu to boot as a ParaVM: one whose kernel can run as one;
 * among those, not a rescue entry, then with console=@dev, then one of
 * update-grub's own (hand-written ones are not kept up to date), then the
 * newest kernel, then the first. Its index, or -1 if none; @k gets the
 * kernel.
 */
int pw_grub_pick_default(struct pw_root *root, const struct pw_grub_menu *menu,
			 const char *dev, struct pw_kernel_info *k);

/* --- The grub step's plan and apply (checks/steps/grub-plan.c) ----------------- */

struct pw_plan;
struct pw_txn;
struct pw_progress;

/* Where a grub.cfg that hides menu.lst from pygrub is moved to. */
#define PW_GRUB_DISABLED_SUFFIX ".paravm-wizard-disabled"

int pw_plan_grub(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);
int pw_apply_grub(struct pw_ctx *ctx, const struct pw_plan *plan, struct pw_txn *txn,
		  const struct pw_progress *progress, struct pw_error *err);

#endif /* PW_GRUB_H */
