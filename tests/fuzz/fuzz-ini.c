/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The INI files: profiles.ini, site.ini and an answers file, each loaded
 * from a file as the program loads it (iniparser, then the key checks and
 * the value checks). The first byte of the input chooses which.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[128];
	struct pw_error err;

	if (size < 1)
		return 0;
	snprintf(path, sizeof(path), "%s/input.ini", fuzz_guest_tree());
	fuzz_guest_put("/input.ini", (const char *)data + 1, size - 1);

	switch (data[0] % 3) {
	case 0: {
		struct pw_profiles *profiles = NULL;
		struct pw_profile p;

		if (pw_profiles_load(path, &profiles, &err) == 0) {
			pw_profiles_match(profiles, "debian", "4.0", "etch", true, &p);
			pw_profiles_match(profiles, "ubuntu", "22.04", "jammy", false, &p);
			pw_profiles_free(profiles);
		}
		break;
	}
	case 1: {
		struct pw_site site;

		pw_site_defaults(&site);
		pw_site_load(&site, NULL, path, &err);
		assert(memchr(site.panel_url, '\0', sizeof(site.panel_url)));
		break;
	}
	case 2: {
		struct pw_answers answers;

		memset(&answers, 0, sizeof(answers));
		pw_answers_load(path, &answers, &err);
		assert(memchr(answers.nameservers, '\0', sizeof(answers.nameservers)));
		break;
	}
	}
	return 0;
}
