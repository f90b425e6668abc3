// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The locale as glibc would report it, for the static program, which has
 * no locale files and needs none.
 *
 * setlocale (wrapped: the link gives -Wl,--wrap=setlocale): musl names
 * LC_MESSAGES "C" after setlocale(LC_ALL, "C.UTF-8"), where glibc says
 * "C.UTF-8", and gettext translates in the one but not in the other. The
 * name asked for is kept, and given back for LC_MESSAGES and LC_CTYPE; in a
 * locale whose set is not UTF-8, musl's own LC_CTYPE is C, where a byte is
 * a character.
 *
 * nl_langinfo(CODESET). musl's says UTF-8 for
 * every locale but C, whose character set it calls ASCII; on a guest whose
 * locale is de_DE.ISO-8859-1 or ru_RU.KOI8-R that would put UTF-8 on a
 * terminal that shows Latin-1 or KOI8-R. This one reads the set from the
 * LC_CTYPE locale's name, as glibc's locale files would give it, with
 * glibc's names (ANSI_X3.4-1968 for C; a name without a set, de_DE, is
 * Latin-1 as in glibc's list), and needs no locale files. Every
 * other item is musl's (musl's nl_langinfo is weak; __nl_langinfo is it).
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <stdlib.h>

#include "pw-static.h"

char *__nl_langinfo(nl_item item);
char *__real_setlocale(int category, const char *name);
char *__wrap_setlocale(int category, const char *name);

static char messages[64] = "C", ctype[64] = "C";

static const char *codeset_of(const char *locale);

const char *pw_static_messages_locale(void)
{
	return messages;
}

/* The name setlocale(@category, "") takes, from the environment as POSIX says. */
static const char *from_environment(const char *category)
{
	const char *v = getenv("LC_ALL");

	if (!v || !*v)
		v = getenv(category);
	if (!v || !*v)
		v = getenv("LANG");
	return v && *v ? v : "C";
}

char *__wrap_setlocale(int category, const char *name)
{
	char *ret;

	if (!name) {
		if (category == LC_MESSAGES)
			return messages;
		if (category == LC_CTYPE)
			return ctype;
		return __real_setlocale(category, name);
	}
	ret = __real_setlocale(category, name);
	if (!ret)
		return ret;
	if (category == LC_ALL || category == LC_MESSAGES)
		snprintf(messages, sizeof(messages), "%s",
			 *name ? name : from_environment("LC_MESSAGES"));
	if (category == LC_ALL || category == LC_CTYPE) {
		snprintf(ctype, sizeof(ctype), "%s", *name ? name : from_environment("LC_CTYPE"));
		/*
		 * musl's multibyte functions know UTF-8 and bytes only: in a
		 * Latin-1 or KOI8-R locale, bytes, one column each, as there.
		 */
		if (strcmp(codeset_of(ctype), "UTF-8") != 0)
			__real_setlocale(LC_CTYPE, "C");
	}
	return ret;
}

/* @set without '-', '_' and case, for comparing: "iso88591", "koi8r". */
static void squeeze(const char *set, size_t len, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < size; i++)
		if (set[i] != '-' && set[i] != '_')
			out[n++] = (char)(set[i] >= 'A' && set[i] <= 'Z' ? set[i] + 32 : set[i]);
	out[n] = '\0';
}

static const char *codeset_of(const char *locale)
{
	static const struct {
		const char *squeezed, *name;
	} sets[] = {
		{ "utf8", "UTF-8" },
		{ "iso88591", "ISO-8859-1" }, { "iso885915", "ISO-8859-15" },
		{ "iso88592", "ISO-8859-2" }, { "iso88595", "ISO-8859-5" },
		{ "iso88597", "ISO-8859-7" }, { "iso88599", "ISO-8859-9" },
		{ "koi8r", "KOI8-R" }, { "koi8u", "KOI8-U" },
		{ "eucjp", "EUC-JP" }, { "ujis", "EUC-JP" }, { "sjis", "SHIFT_JIS" },
		{ "shiftjis", "SHIFT_JIS" }, { "cp1251", "CP1251" }, { "ansix3.41968", "ANSI_X3.4-1968" },
		{ "ascii", "ANSI_X3.4-1968" },
	};
	static char other[32];
	const char *dot, *end;
	char squeezed[32];

	if (!locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX"))
		return "ANSI_X3.4-1968";
	dot = strchr(locale, '.');
	/* no set named: the one glibc gives such a name (its SUPPORTED list) */
	if (!dot && strstr(locale, "@euro"))
		return "ISO-8859-15";
	if (!dot && !strncmp(locale, "ru", 2))
		return "ISO-8859-5";
	if (!dot && !strncmp(locale, "ja", 2))
		return "EUC-JP";
	if (!dot)
		return "ISO-8859-1";
	end = dot + 1 + strcspn(dot + 1, "@");
	squeeze(dot + 1, (size_t)(end - dot - 1), squeezed, sizeof(squeezed));
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		if (!strcmp(squeezed, sets[i].squeezed))
			return sets[i].name;
	snprintf(other, sizeof(other), "%.*s", (int)(end - dot - 1), dot + 1);
	return other;
}

char *nl_langinfo(nl_item item)
{
	if (item == CODESET)
		return (char *)codeset_of(ctype);
	return __nl_langinfo(item);
}
