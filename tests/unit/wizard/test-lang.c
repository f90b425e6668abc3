// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The owner's language from the environment, in gettext's order, and the
 * console font's test, driven by made-up environments and Unicode maps as
 * the kernel's GIO_UNIMAP gives them.
 */
#include "unit.h"

#include <locale.h>

#include "lang.h"

/* A made-up environment: "NAME=value" pairs. */
static const char *const *env;

static const char *fake_getenv(const char *name)
{
	size_t len = strlen(name);

	for (const char *const *e = env; *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}

static const char *wanted(const char *const *e)
{
	env = e;
	return pw_lang_wanted(fake_getenv);
}

static void test_wanted(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const lang_only[] = { "LANG=de_DE.UTF-8", NULL };
	static const char *const language[] = { "LANGUAGE=es", "LANG=de_DE.UTF-8", NULL };
	static const char *const c_all[] = { "LC_ALL=C", "LANGUAGE=ru", "LANG=ru_RU.UTF-8", NULL };
	static const char *const c_utf8[] = { "LANG=C.UTF-8", "LANGUAGE=fr", NULL };
	static const char *const language_alone[] = { "LANGUAGE=fr:de", NULL };
	static const char *const messages[] = { "LC_MESSAGES=ja_JP.UTF-8", "LANG=de_DE.UTF-8", NULL };
	static const char *const all_over[] = { "LC_ALL=ru_RU.UTF-8", "LC_MESSAGES=de_DE", NULL };
	static const char *const empty[] = { "LC_ALL=", "LANGUAGE=", "LANG=fr_FR.UTF-8", NULL };

	(void)state;
	assert_null(wanted(none));
	/* a locale that need not be generated: its name is enough */
	assert_string_equal(wanted(lang_only), "de_DE.UTF-8");
	assert_string_equal(wanted(language), "es");
	/* LC_ALL=C is English, whatever LANGUAGE says */
	assert_null(wanted(c_all));
	/* C.UTF-8 is no C locale: gettext reads LANGUAGE there */
	assert_string_equal(wanted(c_utf8), "fr");
	assert_string_equal(wanted(language_alone), "fr:de");
	assert_string_equal(wanted(messages), "ja_JP.UTF-8");
	assert_string_equal(wanted(all_over), "ru_RU.UTF-8");
	/* an empty variable counts as unset */
	assert_string_equal(wanted(empty), "fr_FR.UTF-8");
}

/* A Latin-only console font (as lat1-16): ASCII and Latin-1. */
static struct unipair latin[256];
/* The same with the Cyrillic letters (as Cyr_a8x16). */
static struct unipair cyrillic[256 + 96];

static void fill_maps(void)
{
	for (unsigned int i = 0; i < 256; i++) {
		latin[i] = (struct unipair){ .unicode = (unsigned short)i, .fontpos = (unsigned short)i };
		cyrillic[i] = latin[i];
	}
	for (unsigned int i = 0; i < 96; i++)
		cyrillic[256 + i] = (struct unipair){ .unicode = (unsigned short)(0x400 + i),
						      .fontpos = (unsigned short)(128 + i % 128) };
}

static void test_font(void **state)
{
	wchar_t missing = 0;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	fill_maps();
	assert_true(pw_font_draws(latin, 256, "Netzmaske: Größe des Netzes", &missing));
	assert_true(pw_font_draws(latin, 256, "Máscara de red, «pasarela»", &missing));
	/* Cyrillic on a Latin-only font: the first letter it lacks */
	assert_false(pw_font_draws(latin, 256, "Маска подсети", &missing));
	assert_int_equal(missing, L'М');
	assert_true(pw_font_draws(cyrillic, 256 + 96, "Маска подсети", &missing));
	/* kana are in no 512-glyph console font of these */
	assert_false(pw_font_draws(cyrillic, 256 + 96, "ネットマスク", &missing));
	assert_int_equal(missing, L'ネ');
	/* punctuation it lacks is no reason to leave the language: a box at worst */
	assert_true(pw_font_draws(latin, 256, "Netzmaske \u2014 \u201eGröße\u201c", &missing));
	/* an empty map (no font loaded) draws ASCII only */
	assert_true(pw_font_draws(NULL, 0, "netmask", &missing));
	assert_false(pw_font_draws(NULL, 0, "é", &missing));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_font),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
