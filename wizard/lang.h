/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside wizard/ only: which language the owner wants, and whether the
 * Linux console's font can draw it (wizard/lang.c). Pure functions, fed by
 * main.c with the environment and the kernel's tables, so that the unit
 * tests can give them any.
 */
#ifndef PW_WIZARD_LANG_H
#define PW_WIZARD_LANG_H

#include <linux/kd.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/*
 * The language of the messages as gettext would choose it, with @get
 * (getenv) for the environment: a locale named "C" or "POSIX" by LC_ALL,
 * else LC_MESSAGES, else LANG, is English (LANGUAGE is then ignored, as
 * gettext does; not so in C.UTF-8); otherwise LANGUAGE, then that
 * locale's name. It does not
 * matter whether that locale is generated: the catalogues are the
 * program's own. NULL: English.
 */
const char *pw_lang_wanted(const char *(*get)(const char *name));
/*
 * Does the console font, whose Unicode map is @map (@count pairs, as
 * GIO_UNIMAP gives it), draw every letter of the UTF-8 @text? Letters
 * only: a missing dash or quotation mark shows as a box, a missing letter
 * makes the language unreadable. false with *@missing the first one.
 */
bool pw_font_draws(const struct unipair *map, size_t count, const char *text, wchar_t *missing);

#endif /* PW_WIZARD_LANG_H */
