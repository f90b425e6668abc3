// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * INI files through iniparser: loading with errors that name file and line,
 * the site config, and the release profiles.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "pw-config.h"
#include "pw-net.h"
#include "pw-root.h"
#include "pw-text.h"

/*
 * iniparser reports a bad line through a printf-like callback, naming the
 * file as we opened it (/proc/self/fd/N); keep its line number and text.
 */
static struct {
	int line;
	bool too_long;
	char text[160];
} ini_fault;

static int ini_fault_callback(const char *fmt, ...)
{
	char msg[2048];
	const char *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (ini_fault.line)
		return 0; /* the first fault is the one to fix */
	p = strrchr(msg, '(');
	ini_fault.line = p ? atoi(p + 1) : -1;
	if (ini_fault.line == 0)
		ini_fault.line = -1;
	ini_fault.too_long = strstr(msg, "too long") != NULL;
	p = strstr(msg, "-> ");
	if (p) {
		p += 3;
		pw_copy(ini_fault.text, sizeof(ini_fault.text), p, strcspn(p, "\n"));
	}
	return 0;
}

/* Open @path in the guest (or on the host) as a regular, readable text file. */
static int open_ini(struct pw_root *root, const char *path)
{
	struct stat st;
	char head[4096];
	ssize_t n;
	int fd;

	fd = root ? pw_root_open(root, path, O_RDONLY | O_NONBLOCK, 0)
		  : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return root ? fd : -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : PW_ENOTREG;
	}
	if (st.st_size > PW_TEXT_MAX) {
		close(fd);
		return PW_ETOOBIG;
	}
	/* iniparser would stop at a NUL byte without a word: refuse binaries. */
	while ((n = read(fd, head, sizeof(head))) > 0)
		if (memchr(head, '\0', (size_t)n)) {
			close(fd);
			return PW_EBINARY;
		}
	if (n < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	return fd;
}

/*
 * What iniparser would drop without a word from one line: the part of an
 * unquoted value from the first ';' or '#' on ("18.70.0.160;18.70.0.161"
 * would lose a server), what follows a quoted value, and a key before any
 * [section]. A comment after a blank is a comment; the rest is refused.
 * 0, or -EINVAL with @err filled.
 */
static int check_line(const char *line, size_t len, bool *in_section, const char *path,
		      unsigned long number, struct pw_error *err)
{
	const char *end = line + len, *p = pw_skip_blanks(line, end), *eq, *v, *stop;
	char key[64];

	if (p < end && *p == '[')
		*in_section = true;
	if (p == end || *p == ';' || *p == '#' || *p == '[')
		return 0;
	eq = memchr(p, '=', (size_t)(end - p));
	if (!eq)
		return 0; /* iniparser has refused such a line already */
	for (stop = eq; stop > p && (stop[-1] == ' ' || stop[-1] == '\t'); stop--)
		;
	pw_copy(key, sizeof(key), p, (size_t)(stop - p));
	if (!*in_section) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s, line %lu: \"%s\" comes before any [section], so it would be ignored. Move it into its section, then try again."),
			     path, number, key);
		return -EINVAL;
	}
	v = pw_skip_blanks(eq + 1, end);
	if (v < end && (*v == '"' || *v == '\'')) {
		const char *close = memchr(v + 1, *v, (size_t)(end - v - 1));

		if (!close)
			return 0; /* an unclosed quote stays in the value */
		stop = pw_skip_blanks(close + 1, end);
		if (stop == end || *stop == ';' || *stop == '#')
			return 0;
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s, line %lu: the value of \"%s\" goes on after its closing quote, and that part would be lost. Remove it, then try again."),
			     path, number, key);
		return -EINVAL;
	}
	for (stop = v; stop < end && *stop != ';' && *stop != '#'; stop++)
		;
	if (stop == end || stop == v || stop[-1] == ' ' || stop[-1] == '\t')
		return 0;
	pw_error_set(err, PW_EXIT_DATAERR,
		     _("%s, line %lu: the value of \"%s\" holds \"%c\", which starts a comment in this file, so the rest of the value would be lost. Remove it, or put the whole value in double quotes, then try again."),
		     path, number, key, *stop);
	return -EINVAL;
}

/* Every line of the file through check_line, before iniparser reads it. */
static int check_lost_values(int fd, const char *path, struct pw_error *err)
{
	struct pw_linereader *lr;
	const char *line;
	size_t len;
	bool cut, in_section = false;
	int ret;

	lr = malloc(sizeof(*lr));
	if (!lr) {
		pw_error_set(err, PW_EXIT_IOERR, _("out of memory"));
		return -ENOMEM;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		ret = -errno;
		pw_error_set(err, PW_EXIT_IOERR,
			     _("%s cannot be read: %s. Fix or remove that file, then try again."),
			     path, pw_root_strerror(ret));
		free(lr);
		return ret;
	}
	pw_linereader_init(lr, fd);
	while ((ret = pw_linereader_next(lr, &line, &len, &cut)) > 0) {
		ret = check_line(line, len, &in_section, path, lr->number, err);
		if (ret < 0)
			break;
	}
	free(lr);
	if (ret < 0 && ret != -EINVAL)
		pw_error_set(err, PW_EXIT_IOERR,
			     _("%s cannot be read: %s. Fix or remove that file, then try again."),
			     path, pw_root_strerror(ret));
	return ret < 0 ? ret : 0;
}

int pw_ini_load(struct pw_root *root, const char *path, dictionary **dict,
		struct pw_error *err)
{
	char procpath[64];
	int fd;

	*dict = NULL;
	fd = open_ini(root, path);
	if (fd == -ENOENT)
		return 1;
	if (fd < 0) {
		pw_error_set(err, fd == -EACCES || fd <= -1000 ? PW_EXIT_DATAERR : PW_EXIT_IOERR,
			     _("%s cannot be read: %s. Fix or remove that file, then try again."),
			     path, pw_root_strerror(fd));
		return fd;
	}
	/* iniparser opens by name: give it this very file, already checked. */
	snprintf(procpath, sizeof(procpath), "/proc/self/fd/%d", fd);
	memset(&ini_fault, 0, sizeof(ini_fault));
	iniparser_set_error_callback(ini_fault_callback);
	*dict = iniparser_load(procpath);
	iniparser_set_error_callback(NULL);
	if (*dict && !ini_fault.line && check_lost_values(fd, path, err) < 0) {
		iniparser_freedict(*dict);
		*dict = NULL;
		close(fd);
		return -EINVAL;
	}
	close(fd);

	if (!*dict || ini_fault.line) {
		if (*dict)
			iniparser_freedict(*dict);
		*dict = NULL;
		if (ini_fault.too_long)
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s, line %d: the line is too long. Shorten it, then try again."),
				     path, ini_fault.line);
		else if (ini_fault.line > 0)
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s, line %d: \"%s\" is not a [section], a \"key = value\" line or a comment. Correct that line, then try again."),
				     path, ini_fault.line, ini_fault.text);
		else
			pw_error_set(err, PW_EXIT_IOERR,
				     _("%s cannot be read as an INI file. Check that file, then try again."),
				     path);
		return -EINVAL;
	}
	return 0;
}

void pw_ini_free(dictionary *dict)
{
	if (dict)
		iniparser_freedict(dict);
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

int pw_ini_check_keys(dictionary *dict, const char *path, const char *const *sections,
		      const char *const *keys, struct pw_error *err)
{
	/*
	 * One pass over the entries, in the file's order: "sec" for a section,
	 * "sec:key" for its keys (iniparser's per-section calls each walk all
	 * of them, which made this quadratic).
	 */
	for (ssize_t i = 0; i < dict->size; i++) {
		const char *name = dict->key[i], *key;
		char sec[128];

		if (!name)
			continue;
		key = strchr(name, ':');
		if (!key) {
			if (sections && !in_list(sections, name)) {
				pw_error_set(err, PW_EXIT_DATAERR,
					     _("%s: unknown section [%s]. Remove it or correct its name, then try again."),
					     path, name);
				return -EINVAL;
			}
			continue;
		}
		/* a key before any section: refused when the file is read */
		if (key == name || in_list(keys, key + 1))
			continue;
		pw_copy(sec, sizeof(sec), name, (size_t)(key - name));
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: unknown key \"%s\" in [%s]. Remove it or correct its name, then try again."),
			     path, key + 1, sec);
		return -EINVAL;
	}
	return 0;
}

/* ---- [site] ------------------------------------------------------------ */

void pw_site_defaults(struct pw_site *site)
{
	/* The values of the service the procedure was written for. */
	memset(site, 0, sizeof(*site));
	snprintf(site->name, sizeof(site->name), "sipb-xen");
	snprintf(site->panel_url, sizeof(site->panel_url), "https://sipb-xen-dev.mit.edu/");
	snprintf(site->netmask, sizeof(site->netmask), "255.255.0.0");
	snprintf(site->gateway, sizeof(site->gateway), "18.181.0.1");
}

/* A value (of the key @name) that is one line of printable text, no longer than @size - 1. */
static int put_value(const char *v, const char *path, const char *name,
		     char *dst, size_t size, struct pw_error *err)
{
	if (!v)
		return 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: the value of \"%s\" holds a control character. Correct it, then try again."),
				     path, name);
			return -EINVAL;
		}
	if (strlen(v) >= size) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: the value of \"%s\" is too long (at most %zu characters). Correct it, then try again."),
			     path, name, size - 1);
		return -EINVAL;
	}
	snprintf(dst, size, "%s", v);
	return 0;
}

static int take_value(dictionary *dict, const char *path, const char *key,
		      char *dst, size_t size, struct pw_error *err)
{
	return put_value(iniparser_getstring(dict, key, NULL), path, strchr(key, ':') + 1,
			 dst, size, err);
}

static int check_site(const struct pw_site *site, const char *path, struct pw_error *err)
{
	struct pw_ipv4 addr, mask;
	char word[64];
	const char *p, *end;

	if (strncmp(site->panel_url, "http://", 7) && strncmp(site->panel_url, "https://", 8)) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: panel_url \"%s\" is not a web address (http:// or https://). Correct it, then try again."),
			     path, site->panel_url);
		return -EINVAL;
	}
	/* the owner is told to open it: blanks and these cannot be in a URL */
	if (site->panel_url[strcspn(site->panel_url, " \"<>\\^`{|}")]) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: panel_url \"%s\" is not a web address: it holds a blank or one of the characters \" < > \\ ^ ` { | }. Correct it, then try again."),
			     path, site->panel_url);
		return -EINVAL;
	}
	if (pw_parse_netmask(site->netmask, &mask) < 0) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: netmask \"%s\" is not a netmask such as 255.255.0.0 or /16. Correct it, then try again."),
			     path, site->netmask);
		return -EINVAL;
	}
	/* refused here as pw_net_validate would refuse it later, in a step */
	if (pw_netmask_prefix(mask) < PW_NET_PREFIX_MIN || pw_netmask_prefix(mask) > PW_NET_PREFIX_MAX) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: netmask \"%s\" leaves no room for a network with a gateway; it is usually between /8 and /30 (255.255.0.0 is /16). Correct it, then try again."),
			     path, site->netmask);
		return -EINVAL;
	}
	if (site->gateway[0] && pw_parse_ipv4(site->gateway, &addr) < 0) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: gateway \"%s\" is not an IPv4 address such as 18.181.0.1. Correct it, then try again."),
			     path, site->gateway);
		return -EINVAL;
	}
	if (site->gateway[0] && ((addr.addr & ~mask.addr) == 0 ||
				 (addr.addr & ~mask.addr) == ~mask.addr)) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: gateway %s is the network's own or broadcast address under the netmask %s, not a router's. Correct it, then try again."),
			     path, site->gateway, site->netmask);
		return -EINVAL;
	}
	p = site->nameservers;
	end = p + strlen(p);
	while (pw_next_word(&p, end, word, sizeof(word)))
		if (pw_parse_ipv4(word, &addr) < 0) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: name server \"%s\" is not an IPv4 address. Correct it, then try again."),
				     path, word);
			return -EINVAL;
		}
	return 0;
}

int pw_site_load(struct pw_site *site, struct pw_root *root, const char *path,
		 struct pw_error *err)
{
	static const char *const sections[] = { "site", NULL };
	static const char *const keys[] = { "name", "panel_url", "netmask", "gateway",
					    "nameservers", NULL };
	struct pw_site next = *site;
	dictionary *dict;
	int ret;

	ret = pw_ini_load(root, path, &dict, err);
	if (ret != 0)
		return ret;
	ret = pw_ini_check_keys(dict, path, sections, keys, err);
	if (!ret)
		ret = take_value(dict, path, "site:name", next.name, sizeof(next.name), err);
	if (!ret)
		ret = take_value(dict, path, "site:panel_url", next.panel_url,
				 sizeof(next.panel_url), err);
	if (!ret)
		ret = take_value(dict, path, "site:netmask", next.netmask, sizeof(next.netmask), err);
	if (!ret)
		ret = take_value(dict, path, "site:gateway", next.gateway, sizeof(next.gateway), err);
	if (!ret)
		ret = take_value(dict, path, "site:nameservers", next.nameservers,
				 sizeof(next.nameservers), err);
	if (!ret)
		ret = check_site(&next, path, err);
	iniparser_freedict(dict);
	if (!ret)
		*site = next; /* all or nothing */
	return ret;
}

/* ---- profiles.ini ------------------------------------------------------ */

struct pw_profiles {
	size_t count;
	struct pw_profile *list;
};

int pw_version_cmp(const char *a, const char *b)
{
	for (;;) {
		char *ea, *eb;
		unsigned long na, nb;

		if (!*a || !*b) /* "12" comes before "12.5" */
			return (*a != '\0') - (*b != '\0');
		na = strtoul(a, &ea, 10);
		nb = strtoul(b, &eb, 10);
		if (ea == a || eb == b)
			return strcmp(a, b);
		if (na != nb)
			return na < nb ? -1 : 1;
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
	}
}

static bool is_version(const char *s)
{
	if (!isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && *s != '.')
			return false;
	return true;
}

struct enum_name {
	const char *name;
	int value;
};

static const char *const profile_keys[] = { "distro", "from", "to", "codenames", "kernel",
					   "kernel_packages", "optional_packages", "console",
					   "term", "init", "grub", NULL };

/*
 * The values of section @sec's keys, in the order of profile_keys, in one
 * pass over the entries: the program's start waits for every profile, and
 * iniparser_getstring walks all entries for each key.
 */
static void profile_values(dictionary *dict, const char *sec, const char **vals)
{
	size_t len = strlen(sec);

	for (size_t k = 0; k < ARRAY_SIZE(profile_keys); k++)
		vals[k] = NULL;
	for (ssize_t i = 0; i < dict->size; i++) {
		const char *name = dict->key[i];

		if (!name || strncmp(name, sec, len) != 0 || name[len] != ':')
			continue;
		for (size_t k = 0; profile_keys[k]; k++)
			if (strcmp(name + len + 1, profile_keys[k]) == 0) {
				vals[k] = dict->val[i];
				break;
			}
	}
}

static const char *profile_value(const char *const *vals, const char *key)
{
	for (size_t k = 0; profile_keys[k]; k++)
		if (strcmp(profile_keys[k], key) == 0)
			return vals[k];
	return NULL;
}

static int take_enum(const char *const *vals, const char *path, const char *sec, const char *key,
		     const struct enum_name *names, int *out, struct pw_error *err)
{
	const char *v = profile_value(vals, key);

	for (const struct enum_name *n = names; v && n->name; n++)
		if (strcmp(v, n->name) == 0) {
			*out = n->value;
			return 0;
		}
	pw_error_set(err, PW_EXIT_DATAERR,
		     _("%s: [%s] %s is \"%s\", which is not one this program knows. Correct it, then try again."),
		     path, sec, key, v ? v : "");
	return -EINVAL;
}

static int take_string(const char *const *vals, const char *path, const char *sec, const char *key,
		       bool required, char *dst, size_t size, struct pw_error *err)
{
	const char *v = profile_value(vals, key);

	if (required && !v) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: [%s] has no \"%s\". Add it, then try again."), path, sec, key);
		return -EINVAL;
	}
	return put_value(v, path, key, dst, size, err);
}

static int read_profile(dictionary *dict, const char *path, const char *sec,
			struct pw_profile *p, struct pw_error *err)
{
	static const struct enum_name inits[] = {
		{ "sysvinit", PW_INIT_SYSVINIT }, { "upstart-event.d", PW_INIT_UPSTART_EVENTD },
		{ "upstart", PW_INIT_UPSTART }, { "systemd", PW_INIT_SYSTEMD }, { NULL, 0 } };
	static const struct enum_name grubs[] = {
		{ "legacy", PW_GRUB_LEGACY }, { "grub2", PW_GRUB2 }, { NULL, 0 } };
	static const struct enum_name kernels[] = {
		{ "xen", PW_KERNEL_XEN }, { "pvops", PW_KERNEL_PVOPS }, { "none", PW_KERNEL_NONE },
		{ NULL, 0 } };
	const char *vals[ARRAY_SIZE(profile_keys)];
	int init = 0, grub = 0, kernel = 0, ret;

	memset(p, 0, sizeof(*p));
	pw_copy(p->id, sizeof(p->id), sec, strlen(sec));
	profile_values(dict, sec, vals);
	ret = take_string(vals, path, sec, "distro", true, p->distro, sizeof(p->distro), err);
	if (!ret)
		ret = take_string(vals, path, sec, "from", true, p->from, sizeof(p->from), err);
	if (!ret)
		ret = take_string(vals, path, sec, "to", true, p->to, sizeof(p->to), err);
	if (!ret)
		ret = take_string(vals, path, sec, "codenames", false, p->codenames,
				  sizeof(p->codenames), err);
	if (!ret)
		ret = take_enum(vals, path, sec, "kernel", kernels, &kernel, err);
	if (!ret)
		ret = take_string(vals, path, sec, "kernel_packages", kernel != PW_KERNEL_NONE,
				  p->kernel_packages, sizeof(p->kernel_packages), err);
	if (!ret)
		ret = take_string(vals, path, sec, "optional_packages", false,
				  p->optional_packages, sizeof(p->optional_packages), err);
	if (!ret)
		ret = take_string(vals, path, sec, "console", true, p->console,
				  sizeof(p->console), err);
	if (!ret)
		ret = take_string(vals, path, sec, "term", true, p->term, sizeof(p->term), err);
	if (!ret)
		ret = take_enum(vals, path, sec, "init", inits, &init, err);
	if (!ret)
		ret = take_enum(vals, path, sec, "grub", grubs, &grub, err);
	if (ret)
		return ret;
	if (!is_version(p->from) || !is_version(p->to) || pw_version_cmp(p->from, p->to) > 0) {
		pw_error_set(err, PW_EXIT_DATAERR,
			     _("%s: [%s] from = %s, to = %s is not a range of release numbers. Correct it, then try again."),
			     path, sec, p->from, p->to);
		return -EINVAL;
	}
	p->init = (enum pw_init)init;
	p->grub = (enum pw_grub)grub;
	p->kernel = (enum pw_kernel)kernel;
	return 0;
}

int pw_profiles_load(const char *path, struct pw_profiles **out, struct pw_error *err)
{
	struct pw_profiles *profiles;
	dictionary *dict;
	int ret, nsec;

	*out = NULL;
	ret = pw_ini_load(NULL, path, &dict, err);
	if (ret == 1) {
		pw_error_set(err, PW_EXIT_IOERR,
			     _("%s is missing: the program is not installed completely. Reinstall it."),
			     path);
		return -ENOENT;
	}
	if (ret < 0)
		return ret;
	ret = pw_ini_check_keys(dict, path, NULL, profile_keys, err);
	nsec = iniparser_getnsec(dict);
	profiles = calloc(1, sizeof(*profiles));
	if (profiles && nsec > 0)
		profiles->list = calloc((size_t)nsec, sizeof(*profiles->list));
	if (!profiles || (nsec > 0 && !profiles->list)) {
		pw_error_set(err, PW_EXIT_IOERR, _("out of memory"));
		ret = -ENOMEM;
	}
	for (int i = 0; !ret && i < nsec; i++)
		ret = read_profile(dict, path, iniparser_getsecname(dict, i),
				   &profiles->list[profiles->count++], err);
	if (!ret && nsec <= 0) {
		pw_error_set(err, PW_EXIT_DATAERR, _("%s holds no profile. Reinstall the program."),
			     path);
		ret = -EINVAL;
	}
	iniparser_freedict(dict);
	if (ret) {
		pw_profiles_free(profiles);
		return ret;
	}
	*out = profiles;
	return 0;
}

void pw_profiles_free(struct pw_profiles *profiles)
{
	if (!profiles)
		return;
	free(profiles->list);
	free(profiles);
}

static bool in_range(const struct pw_profile *p, const char *version)
{
	return pw_version_cmp(p->from, version) <= 0 && pw_version_cmp(version, p->to) <= 0;
}

int pw_profiles_match(const struct pw_profiles *profiles, const char *distro,
		      const char *version, const char *codename, bool newest,
		      struct pw_profile *out)
{
	const struct pw_profile *best = NULL;
	bool numeric = is_version(version);

	for (size_t i = 0; i < profiles->count; i++) {
		const struct pw_profile *p = &profiles->list[i];

		if (strcmp(p->distro, distro) != 0)
			continue;
		if ((numeric && in_range(p, version)) ||
		    (*codename && pw_word_in_list(p->codenames, codename))) {
			*out = *p;
			return 0;
		}
		if (!best || pw_version_cmp(p->to, best->to) > 0)
			best = p;
	}
	if (newest && best && numeric && pw_version_cmp(version, best->to) > 0) {
		*out = *best;
		return 0;
	}
	/*
	 * A codename alone is Debian's testing or unstable ("duke/sid"); every
	 * older codename is in a profile (those before etch in one that says
	 * no kernel boots), so an unknown one is a release still to come.
	 */
	if (newest && best && !*version && *codename) {
		*out = *best;
		return 0;
	}
	return 1;
}

/* ---- answers ----------------------------------------------------------- */

int pw_answers_load(const char *path, struct pw_answers *answers, struct pw_error *err)
{
	static const char *const sections[] = { "network", NULL };
	static const char *const keys[] = { "interface", "address", "netmask", "gateway",
					    "nameservers", NULL };
	struct pw_answers next = { 0 };
	dictionary *dict;
	int ret;

	ret = pw_ini_load(NULL, path, &dict, err);
	if (ret == 1) {
		pw_error_set(err, PW_EXIT_IOERR,
			     _("%s: no such file. Give the path of an answers file."), path);
		return -ENOENT;
	}
	if (ret < 0)
		return ret;
	ret = pw_ini_check_keys(dict, path, sections, keys, err);
	/* "address =" is a blank left in a template, not "use the default" */
	for (const char *const *key = keys; !ret && *key; key++) {
		char full[64];
		const char *v;

		snprintf(full, sizeof(full), "network:%s", *key);
		v = iniparser_getstring(dict, full, NULL);
		if (v && !v[0]) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: [network] %s is empty. Give it a value, or remove the line to use the default, then try again."),
				     path, *key);
			ret = -EINVAL;
		}
	}
	snprintf(next.path, sizeof(next.path), "%s", path);
	next.have_network = iniparser_find_entry(dict, "network") != 0;
	if (!ret)
		ret = take_value(dict, path, "network:interface", next.interface,
				 sizeof(next.interface), err);
	if (!ret)
		ret = take_value(dict, path, "network:address", next.address,
				 sizeof(next.address), err);
	if (!ret)
		ret = take_value(dict, path, "network:netmask", next.netmask,
				 sizeof(next.netmask), err);
	if (!ret)
		ret = take_value(dict, path, "network:gateway", next.gateway,
				 sizeof(next.gateway), err);
	if (!ret)
		ret = take_value(dict, path, "network:nameservers", next.nameservers,
				 sizeof(next.nameservers), err);
	iniparser_freedict(dict);
	if (!ret)
		*answers = next;
	return ret;
}
