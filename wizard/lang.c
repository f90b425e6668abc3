// SPDX-License-Identifier: GPL-2.0-or-later
/* The owner's language from the environment, and the console font's letters. */
#include <string.h>
#include <wctype.h>

#include "lang.h"

static bool is_c_locale(const char *name)
{
	/* C.UTF-8 is a locale of its own, in which gettext reads LANGUAGE */
	return !strcmp(name, "C") || !strcmp(name, "POSIX");
}

const char *pw_lang_wanted(const char *(*get)(const char *name))
{
	static const char *const order[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *locale = NULL, *language;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && !locale; i++) {
		const char *v = get(order[i]);

		if (v && *v)
			locale = v;
	}
	if (locale && is_c_locale(locale))
		return NULL;
	language = get("LANGUAGE");
	if (language && *language)
		return language;
	return locale;
}

static bool in_map(const struct unipair *map, size_t count, wchar_t c)
{
	for (size_t i = 0; i < count; i++)
		if (map[i].unicode == (unsigned int)c)
			return true;
	return false;
}

bool pw_font_draws(const struct unipair *map, size_t count, const char *text, wchar_t *missing)
{
	size_t left = strlen(text);
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	while (left > 0) {
		wchar_t c;
		size_t n = mbrtowc(&c, text, left, &st);

		if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
			/* not UTF-8 here: a byte at a time, and nothing to ask of the font */
			memset(&st, 0, sizeof(st));
			n = 1;
			c = 0;
		}
		/* ASCII is in every console font; beyond it, the kernel knows */
		if (c >= 0x80 && iswalpha((wint_t)c) && !in_map(map, count, c)) {
			if (missing)
				*missing = c;
			return false;
		}
		text += n;
		left -= n;
	}
	return true;
}
