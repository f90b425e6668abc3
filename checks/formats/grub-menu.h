/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the two menu parsers of this folder (menulst.c, grubcfg.c) share,
 * from grubmenu.c: pygrub's ways of reading a device, a path, the default
 * and the timeout, and of building an entry. Nothing outside
 * checks/formats/ uses it; include/pw-grub.h has what others need.
 */
#ifndef PW_FORMATS_GRUB_MENU_H
#define PW_FORMATS_GRUB_MENU_H

#include "pw-grub.h"

bool pw_grub_utf8_valid(const char *text, size_t len, unsigned int *bad_line);
/* Python's s.split(): the number of words; the first @max in @w. */
size_t pw_grub_words(struct pw_span s, struct pw_span *w, size_t max);
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

#endif /* PW_FORMATS_GRUB_MENU_H */
