// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * systemd .link files (systemd.link(5)), as udev's net_setup_link reads
 * them: a [Match] section, every key of which must match the card, and the
 * [Link] section's Name= and NamePolicy=. Held against one card: its
 * kernel name, its driver and the virtualization it runs under.
 */
#include <fnmatch.h>
#include <string.h>

#include "pw-netname.h"
#include "pw-text.h"

/* Would @card match "Key=value" of a [Match] section? */
static bool link_match(const char *key, const char *value, const struct pw_link_card *card)
{
	const char *end = value + strlen(value);
	char word[128];
	bool any = false;

	/* the card keeps its MAC address: a match on it was made for this card */
	if (strcmp(key, "MACAddress") == 0 || strcmp(key, "PermanentMACAddress") == 0)
		return true;
	if (strcmp(key, "Virtualization") == 0)
		return strcmp(value, "yes") == 0 || strcmp(value, "vm") == 0 ||
		       strcmp(value, card->virtualization) == 0 || strcmp(value, "true") == 0 ||
		       strcmp(value, "1") == 0;
	if (strcmp(key, "OriginalName") != 0 && strcmp(key, "Driver") != 0 &&
	    strcmp(key, "Type") != 0)
		return false; /* Path=, Property=...: made for another card */
	while (pw_next_word(&value, end, word, sizeof(word))) {
		if (word[0] == '!')
			return false;
		if (strcmp(key, "OriginalName") == 0)
			any |= fnmatch(word, card->kernel_name, 0) == 0;
		else if (strcmp(key, "Driver") == 0)
			any |= fnmatch(word, card->driver, 0) == 0;
		else
			any |= strcmp(word, "ether") == 0;
	}
	return any;
}

/* "Key = value" of one line: false if it has no '='. */
static bool key_value(const char *p, const char *end, char *key, size_t ksize, char *value,
		      size_t vsize)
{
	const char *eq = memchr(p, '=', (size_t)(end - p));

	if (!eq)
		return false;
	pw_copy(key, ksize, p, (size_t)(eq - p));
	for (char *k = key + strlen(key); k > key && (k[-1] == ' ' || k[-1] == '\t');)
		*--k = '\0';
	eq = pw_skip_blanks(eq + 1, end);
	pw_copy(value, vsize, eq, (size_t)(end - eq));
	return true;
}

void pw_link_parse(const char *text, size_t len, const struct pw_link_card *card,
		   struct pw_link *lf)
{
	struct pw_lines it;
	const char *line;
	size_t n;
	char section[32] = "";

	memset(lf, 0, sizeof(*lf));
	lf->applies = true;
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *p = pw_skip_blanks(line, line + n);
		char key[64], value[256];

		if (p == line + n || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			const char *close = memchr(p, ']', (size_t)(line + n - p));

			pw_copy(section, sizeof(section), p + 1, close ? (size_t)(close - p - 1) : 0);
			continue;
		}
		if (!key_value(p, line + n, key, sizeof(key), value, sizeof(value)))
			continue;
		if (strcmp(section, "Match") == 0) {
			if (strcmp(key, "MACAddress") == 0 || strcmp(key, "PermanentMACAddress") == 0)
				pw_copy(lf->mac, sizeof(lf->mac), value, strlen(value));
			lf->any_match = true;
			lf->applies &= link_match(key, value, card);
		} else if (strcmp(section, "Link") == 0 && strcmp(key, "Name") == 0) {
			pw_copy(lf->name, sizeof(lf->name), value, strlen(value));
		} else if (strcmp(section, "Link") == 0 && strcmp(key, "NamePolicy") == 0) {
			pw_copy(lf->policy, sizeof(lf->policy), value, strlen(value));
			lf->has_policy = true;
		}
	}
}
