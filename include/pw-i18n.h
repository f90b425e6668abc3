/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PW_I18N_H
#define PW_I18N_H

#include <libintl.h>

#define PW_TEXTDOMAIN "paravm-wizard"

#define _(s) gettext(s)
/* Marks a string for xgettext without translating it here. */
#define N_(s) (s)
#define P_(s, p, n) ngettext(s, p, n)

#endif /* PW_I18N_H */
