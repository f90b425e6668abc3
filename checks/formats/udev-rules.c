// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * udev rules files, as far as they name network cards: the rules with
 * NAME= that 70-persistent-net.rules (and etch's z25_persistent-net.rules)
 * hold, and what each matches. A rule udev could read in another way, or
 * that matches on anything more than the card's MAC, driver and kernel
 * name, is marked "other": the network step then takes it to match nothing.
 */
#include <stdbool.h>
#include <string.h>

#include "pw-netname.h"
#include "pw-text.h"

/* A byte of a key such as ATTR{address}, ENV{ID_NET_NAME}, SYSFS{dev.id}. */
static bool key_char(char c)
{
	return c == '_' || c == '{' || c == '}' || c == '.' || c == '-' ||
	       (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* One KEY{attr}OP"value" of a rule; false at the end or on a syntax error. */
static bool rule_token(const char **s, char *key, size_t ksize, char *op, char *value,
		       size_t vsize)
{
	const char *p = *s, *k;
	size_t n = 0;

	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	if (*p == '\0')
		return false;
	k = p;
	while (key_char(*p))
		p++;
	if (p == k)
		return false;
	pw_copy(key, ksize, k, (size_t)(p - k));
	while (*p == ' ' || *p == '\t')
		p++;
	if ((p[0] == '=' || p[0] == '!' || p[0] == '+' || p[0] == '-' || p[0] == ':') &&
	    p[1] == '=') {
		op[0] = p[0];
		op[1] = '=';
		op[2] = '\0';
		p += 2;
	} else if (p[0] == '=') {
		strcpy(op, "=");
		p++;
	} else {
		return false;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '"')
		return false;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1])
			p++;
		if (n + 1 < vsize)
			value[n++] = *p;
		p++;
	}
	value[n] = '\0';
	if (*p != '"')
		return false;
	*s = p + 1;
	return true;
}

static void parse_rule(const char *line, unsigned int number, struct pw_net_rule *rule)
{
	char key[64], op[3], value[256];
	const char *p = line;

	memset(rule, 0, sizeof(*rule));
	rule->line = number;
	while (rule_token(&p, key, sizeof(key), op, value, sizeof(value))) {
		bool match = strcmp(op, "==") == 0 || strcmp(op, "!=") == 0;
		bool eq = strcmp(op, "==") == 0;

		if (strcmp(key, "NAME") == 0 && !match)
			pw_copy(rule->name, sizeof(rule->name), value, strlen(value));
		else if (eq && (strcmp(key, "ATTR{address}") == 0 ||
				strcmp(key, "SYSFS{address}") == 0))
			pw_copy(rule->mac, sizeof(rule->mac), value, strlen(value));
		else if (eq && (strcmp(key, "DRIVERS") == 0 || strcmp(key, "DRIVER") == 0))
			pw_copy(rule->driver, sizeof(rule->driver), value, strlen(value));
		else if (eq && strcmp(key, "KERNEL") == 0)
			pw_copy(rule->kernel, sizeof(rule->kernel), value, strlen(value));
		else if (eq && strcmp(key, "SUBSYSTEM") == 0)
			rule->other |= strcmp(value, "net") != 0;
		else if (eq && strcmp(key, "ACTION") == 0)
			rule->other |= strcmp(value, "add") != 0;
		else if (eq && (strcmp(key, "ATTR{type}") == 0 || strcmp(key, "ATTR{dev_id}") == 0 ||
				strcmp(key, "SYSFS{type}") == 0 || strcmp(key, "ATTR{dev_port}") == 0))
			continue; /* "1" and "0x0": true of every Ethernet card */
		else if (match)
			rule->other = true;
	}
	/* something left that is not KEY OP "value": not understood */
	if (*pw_skip_blanks(p, p + strlen(p)) != '\0')
		rule->other = true;
}

size_t pw_net_rules_parse(const char *text, size_t len, struct pw_net_rule *rules, size_t max)
{
	struct pw_lines it;
	const char *line;
	size_t n, count = 0;
	char buf[4096];

	pw_lines_init(&it, text, len);
	while (count < max && pw_lines_next(&it, &line, &n)) {
		const char *p = pw_skip_blanks(line, line + n);
		unsigned int number = it.number;
		size_t used = 0;
		bool fits = true;

		if (p == line + n || *p == '#')
			continue;
		n -= (size_t)(p - line);
		for (;;) {
			bool more = n > 0 && p[n - 1] == '\\';

			if (more)
				n--;
			if (used + n >= sizeof(buf)) {
				fits = false;
			} else {
				memcpy(buf + used, p, n);
				used += n;
			}
			if (!more || !pw_lines_next(&it, &p, &n))
				break;
		}
		if (!fits)
			continue;
		buf[used] = '\0';
		parse_rule(buf, number, &rules[count]);
		if (rules[count].name[0])
			count++;
	}
	return count;
}
