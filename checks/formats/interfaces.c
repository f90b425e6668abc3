// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /etc/network/interfaces, read the way ifup (ifupdown 0.6 to 0.8) reads
 * it, so that a file ifup refuses is refused here too, naming the line:
 *
 * - a line whose first non-blank is '#' is a comment (no end-of-line
 *   comments); a line ending in '\' goes on with the next one;
 * - "iface", "mapping", "auto", "allow-*", "no-auto-down", "no-scripts",
 *   "source" and "source-dir[ectory]" start a stanza; any other line is an
 *   option of the iface or mapping stanza above it, an error elsewhere;
 * - sourced paths are globs, relative to the including file's folder; a
 *   file is read once however often it is sourced, and a missing one is
 *   skipped, as ifup does.
 *
 * The parser opens no file: it is given a buffer, and follows source lines
 * through a pw_ifaces_reader (for the guest: checks/facts/ifaces-files.c).
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "pw-interfaces.h"
#include "pw-model.h"
#include "pw-root.h" /* PW_EFORMAT, PW_EBINARY */
#include "pw-text.h"

/* Address families and their methods, as ifupdown 0.8 defines them. */
static const struct {
	const char *family;
	const char *methods;
} families[] = {
	{ "inet", "bootp dhcp ipv4ll loopback manual ppp static tunnel wvdial" },
	{ "inet6", "6to4 auto dhcp loopback manual static tunnel v4tunnel" },
	{ "ipx", "dynamic static" },
	{ "can", "static" },
	{ "meta", "none" },
};

void pw_ifaces_init_reader(struct pw_ifaces *ifs, const struct pw_ifaces_reader *rd)
{
	memset(ifs, 0, sizeof(*ifs));
	if (rd)
		ifs->reader = *rd;
}

void pw_ifaces_set_version(struct pw_ifaces *ifs, const char *version)
{
	const char *colon = strchr(version, ':');

	/* "1:0.8.41" -> "0.8.41"; ifupdown is a native package, with no revision */
	version = colon ? colon + 1 : version;
	pw_copy(ifs->version, sizeof(ifs->version), version, strlen(version));
}

void pw_ifaces_free(struct pw_ifaces *ifs)
{
	for (size_t i = 0; i < ifs->nfiles; i++)
		free(ifs->files[i]);
	free(ifs->files);
	for (size_t i = 0; i < ifs->count; i++) {
		struct pw_iface *ifc = &ifs->ifaces[i];

		for (size_t j = 0; j < ifc->nopts; j++) {
			free(ifc->opts[j].name);
			free(ifc->opts[j].value);
		}
		free(ifc->opts);
		free(ifc->name);
	}
	free(ifs->ifaces);
	for (size_t i = 0; i < ifs->nmarks; i++)
		free(ifs->marks[i].name);
	free(ifs->marks);
	for (size_t i = 0; i < ifs->nrenames; i++) {
		free(ifs->renames[i].from);
		free(ifs->renames[i].to);
	}
	free(ifs->renames);
	{
		struct pw_ifaces_reader rd = ifs->reader;
		char version[sizeof(ifs->version)];

		memcpy(version, ifs->version, sizeof(version));
		pw_ifaces_init_reader(ifs, &rd);
		memcpy(ifs->version, version, sizeof(version));
	}
}

static int set_error(struct pw_ifaces *ifs, enum pw_ifaces_problem problem, const char *file,
		     unsigned int line, const char *word)
{
	struct pw_ifaces_error *e = &ifs->error;

	e->problem = problem;
	pw_copy(e->file, sizeof(e->file), file ? file : "", file ? strlen(file) : 0);
	e->line = line;
	pw_copy(e->word, sizeof(e->word), word ? word : "", word ? strlen(word) : 0);
	/* the version errors name the version */
	if (problem == PW_IFP_IFACE_EXTRA || problem == PW_IFP_DUPLICATE_MARK ||
	    problem == PW_IFP_DUPLICATE_IFACE)
		pw_copy(e->family, sizeof(e->family), ifs->version, strlen(ifs->version));
	return problem == PW_IFP_NOMEM ? -ENOMEM : PW_EFORMAT;
}

/* Grow an array of @size-byte items to hold one more; false if out of memory. */
static bool grow(void *arrayp, size_t count, size_t size)
{
	void **array = arrayp;
	void *bigger;

	if (count & (count - 1)) /* only at powers of two: 0, 1, 2, 4, ... */
		return true;
	bigger = realloc(*array, (count ? count * 2 : 1) * size);
	if (!bigger)
		return false;
	*array = bigger;
	return true;
}

/* ---- paths and globs inside the root ------------------------------------ */

/* "/a/./b//../c" -> "/a/c"; ".." never climbs above "/". */
static char *normalize(const char *path)
{
	size_t len = strlen(path);
	char *out = malloc(len + 2);
	size_t used = 0;
	const char *p = path;

	if (!out)
		return NULL;
	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (used > 0 && out[--used] != '/')
				;
		} else {
			out[used++] = '/';
			memcpy(out + used, p, n);
			used += n;
		}
		p += n;
	}
	if (used == 0)
		out[used++] = '/';
	out[used] = '\0';
	return out;
}

/* ---- the parser --------------------------------------------------------- */

struct parser {
	struct pw_ifaces *ifs;
	size_t file;		/* index of the file in ifs->files */
	const char *path;	/* ifs->files[file] */
	unsigned int depth;
	enum { IN_NONE, IN_IFACE, IN_MAPPING } in;
	size_t cur;		/* the iface being read, when IN_IFACE */
	/* the logical line being handled */
	unsigned int first, last;
	size_t start, end;
};

static int load_file(struct pw_ifaces *ifs, const char *path, unsigned int depth,
		     const char *from, unsigned int from_line);

/* The next word of @s (blanks as isspace() says, as ifup); NULL if none. */
static const char *next_word(const char *s, char *word, size_t size)
{
	size_t n = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NULL;
	while (*s && !isspace((unsigned char)*s)) {
		if (n + 1 < size)
			word[n++] = *s;
		s++;
	}
	word[n] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* Does the guest's ifupdown have what came in @version? Unknown: the newest. */
static bool since(const struct pw_ifaces *ifs, const char *version)
{
	return !ifs->version[0] || pw_version_cmp(ifs->version, version) >= 0;
}

static const char *family_methods(const char *family)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++)
		if (strcmp(families[i].family, family) == 0)
			return families[i].methods;
	return NULL;
}

static int add_opt(struct pw_iface *ifc, const char *name, const char *value, unsigned int line)
{
	struct pw_iface_opt *o;

	if (!grow(&ifc->opts, ifc->nopts, sizeof(*ifc->opts)))
		return -ENOMEM;
	o = &ifc->opts[ifc->nopts];
	o->name = strdup(name);
	o->value = strdup(value);
	o->line = line;
	if (!o->name || !o->value) {
		free(o->name);
		free(o->value);
		return -ENOMEM;
	}
	ifc->nopts++;
	return 0;
}

static const struct pw_iface *find_iface(const struct pw_ifaces *ifs, const char *name,
					 const char *family)
{
	for (size_t i = 0; i < ifs->count; i++)
		if (strcmp(ifs->ifaces[i].name, name) == 0 &&
		    (!family || strcmp(ifs->ifaces[i].family, family) == 0))
			return &ifs->ifaces[i];
	return NULL;
}

/* "iface NAME FAMILY METHOD [inherits OTHER]", or "iface NAME inherits OTHER". */
static int parse_iface(struct parser *ps, const char *rest)
{
	struct pw_ifaces *ifs = ps->ifs;
	char name[256], family[32] = "", method[32] = "", word[256], parent[256] = "";
	const struct pw_iface *from = NULL;
	const char *methods;
	struct pw_iface *ifc;
	bool inherits = false;

	rest = next_word(rest, name, sizeof(name));
	if (!rest || !(rest = next_word(rest, word, sizeof(word))))
		return set_error(ifs, PW_IFP_IFACE_WORDS, ps->path, ps->first, NULL);
	/* "inherits" came in 0.8: 0.6 and 0.7 take it for an address family */
	if (strcmp(word, "inherits") == 0 && since(ifs, "0.8")) {
		inherits = true;
	} else {
		methods = family_methods(word);
		if (!methods)
			return set_error(ifs, PW_IFP_FAMILY, ps->path, ps->first, word);
		pw_copy(family, sizeof(family), word, strlen(word));
		rest = next_word(rest, word, sizeof(word));
		if (!rest)
			return set_error(ifs, PW_IFP_IFACE_WORDS, ps->path, ps->first, NULL);
		if (strcmp(word, "inherits") == 0 && since(ifs, "0.8")) {
			inherits = true;
		} else if (!pw_word_in_list(methods, word)) {
			set_error(ifs, PW_IFP_METHOD, ps->path, ps->first, word);
			pw_copy(ifs->error.family, sizeof(ifs->error.family), family, strlen(family));
			return PW_EFORMAT;
		} else {
			pw_copy(method, sizeof(method), word, strlen(word));
			rest = next_word(rest, word, sizeof(word));
			/* before 0.8 (no "inherits" yet), ifup refuses the file for more words */
			if (rest && !since(ifs, "0.8"))
				return set_error(ifs, PW_IFP_IFACE_EXTRA, ps->path, ps->first, word);
			/* 0.8 and later skip other extra words, with a warning */
			inherits = rest && strcmp(word, "inherits") == 0;
		}
	}
	if (inherits) {
		if (!rest || !next_word(rest, parent, sizeof(parent)))
			return set_error(ifs, PW_IFP_IFACE_WORDS, ps->path, ps->first, NULL);
		from = find_iface(ifs, parent, family[0] ? family : NULL);
		if (!from)
			return set_error(ifs, PW_IFP_INHERITS, ps->path, ps->first, parent);
		if (!family[0])
			memcpy(family, from->family, sizeof(from->family));
		if (!method[0])
			memcpy(method, from->method, sizeof(from->method));
	}

	/* 0.6 refuses a second stanza for one name and family ("duplicate interface") */
	if (!since(ifs, "0.7") && find_iface(ifs, name, family))
		return set_error(ifs, PW_IFP_DUPLICATE_IFACE, ps->path, ps->first, name);
	if (!grow(&ifs->ifaces, ifs->count, sizeof(*ifs->ifaces)))
		return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
	/* @from points into the array, which grow() may have moved */
	if (from)
		from = find_iface(ifs, parent, family);
	ifc = &ifs->ifaces[ifs->count];
	memset(ifc, 0, sizeof(*ifc));
	ifc->name = strdup(name);
	if (!ifc->name)
		return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
	ifs->count++;
	pw_copy(ifc->family, sizeof(ifc->family), family, strlen(family));
	pw_copy(ifc->method, sizeof(ifc->method), method, strlen(method));
	ifc->file = ps->file;
	/* since 0.7 a static stanza without netmask gets its address's class's */
	ifc->classful = since(ifs, "0.7");
	ifc->first_line = ps->first;
	ifc->last_line = ps->last;
	ifc->start = ps->start;
	ifc->end = ps->end;
	for (size_t i = 0; from && i < from->nopts; i++)
		if (add_opt(ifc, from->opts[i].name, from->opts[i].value, 0) < 0)
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
	ps->cur = ifs->count - 1;
	ps->in = IN_IFACE;
	return 0;
}

static const struct pw_iface_mark *find_mark(const struct pw_ifaces *ifs, const char *class,
					     const char *name)
{
	for (size_t i = 0; i < ifs->nmarks; i++)
		if (strcmp(ifs->marks[i].class, class) == 0 && strcmp(ifs->marks[i].name, name) == 0)
			return &ifs->marks[i];
	return NULL;
}

static int add_marks(struct parser *ps, const char *class, const char *rest)
{
	struct pw_ifaces *ifs = ps->ifs;
	char name[256];

	while ((rest = next_word(rest, name, sizeof(name)))) {
		struct pw_iface_mark *m;

		/* 0.6 refuses a name marked twice alike; 0.7 and later skip it */
		if (!since(ifs, "0.7") && find_mark(ifs, class, name))
			return set_error(ifs, PW_IFP_DUPLICATE_MARK, ps->path, ps->first, name);
		if (!grow(&ifs->marks, ifs->nmarks, sizeof(*ifs->marks)))
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
		m = &ifs->marks[ifs->nmarks];
		m->name = strdup(name);
		if (!m->name)
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
		pw_copy(m->class, sizeof(m->class), class, strlen(class));
		m->file = ps->file;
		m->line = ps->first;
		ifs->nmarks++;
	}
	return 0;
}

/* source-directory reads only names of letters, digits, '_' and '-'. */
static bool keep_parts_name(const char *name, const void *unused)
{
	(void)unused;
	for (const char *p = name; *p; p++)
		if (!(isascii((unsigned char)*p) && isalnum((unsigned char)*p)) && *p != '_' &&
		    *p != '-')
			return false;
	return *name != '\0';
}

/* @word of a source line in @path: absolute, or relative to @path's folder. */
static char *source_pattern(const char *path, const char *word)
{
	const char *slash = strrchr(path, '/');
	char *pattern;

	if (word[0] == '/' || !slash)
		return strdup(word);
	if (asprintf(&pattern, "%.*s/%s", (int)(slash - path), path, word) < 0)
		return NULL;
	return pattern;
}

/* "source PATTERN..." or "source-directory PATTERN...". */
static int parse_source(struct parser *ps, const char *keyword, const char *rest, bool dir)
{
	struct pw_ifaces *ifs = ps->ifs;
	char word[1024];
	int ret = 0;

	if (!next_word(rest, word, sizeof(word)))
		return set_error(ifs, PW_IFP_NO_ARGUMENT, ps->path, ps->first, keyword);
	if (!ifs->reader.expand) {
		ifs->unfollowed++;
		return 0;
	}
	while (ret == 0 && (rest = next_word(rest, word, sizeof(word)))) {
		char *pattern = source_pattern(ps->path, word), **paths = NULL;
		size_t n = 0;

		if (!pattern || ifs->reader.expand(ifs->reader.arg, pattern,
						   dir ? keep_parts_name : NULL, &paths, &n) < 0) {
			free(pattern);
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
		}
		free(pattern);
		for (size_t i = 0; i < n && ret == 0; i++)
			ret = load_file(ifs, paths[i], ps->depth + 1, ps->path, ps->first);
		for (size_t i = 0; i < n; i++)
			free(paths[i]);
		free(paths);
	}
	return ret;
}

/* The line being handled is part of the stanza above it. */
static void stanza_goes_on(struct parser *ps)
{
	struct pw_iface *ifc = &ps->ifs->ifaces[ps->cur];

	ifc->last_line = ps->last;
	ifc->end = ps->end;
}

/* "CUR=NEW" words of a rename line. */
static int add_renames(struct parser *ps, const char *rest)
{
	struct pw_ifaces *ifs = ps->ifs;
	char word[256];

	while ((rest = next_word(rest, word, sizeof(word)))) {
		char *eq = strchr(word, '=');
		struct pw_iface_rename *rn;

		if (!eq || eq == word || !eq[1])
			continue; /* ifup says it cannot parse it, and goes on */
		if (!grow(&ifs->renames, ifs->nrenames, sizeof(*ifs->renames)))
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
		rn = &ifs->renames[ifs->nrenames];
		rn->from = strndup(word, (size_t)(eq - word));
		rn->to = strdup(eq + 1);
		if (!rn->from || !rn->to) {
			free(rn->from);
			free(rn->to);
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
		}
		rn->file = ps->file;
		rn->line = ps->first;
		ifs->nrenames++;
	}
	return 0;
}


/*
 * "auto", "allow-CLASS", "no-auto-down" or "no-scripts" with no name after
 * it, inside a stanza: since ifupdown 0.8.35 it is said of the stanza's
 * own interface, and the stanza goes on (interfaces(5) of 0.8.35). Before,
 * it names nothing and ends the stanza.
 */
static bool lone_mark(struct parser *ps, const char *rest)
{
	return *rest == '\0' && ps->in == IN_IFACE && since(ps->ifs, "0.8.35");
}

/* "auto", "allow-CLASS", "no-auto-down", "no-scripts": 1 if @first is none. */
static int handle_mark(struct parser *ps, const char *first, const char *rest)
{
	const char *class = NULL;

	if (strcmp(first, "auto") == 0)
		class = "auto";
	else if (strncmp(first, "allow-", 6) == 0 && first[6])
		class = first + 6; /* "allow-auto" and "auto" are synonyms */
	else if ((strcmp(first, "no-auto-down") != 0 && strcmp(first, "no-scripts") != 0) ||
		 !since(ps->ifs, "0.8.9")) /* these two came in 0.8.9 */
		return 1;
	if (lone_mark(ps, rest)) {
		stanza_goes_on(ps);
		return class ? add_marks(ps, class, ps->ifs->ifaces[ps->cur].name) : 0;
	}
	ps->in = IN_NONE;
	return class ? add_marks(ps, class, rest) : 0;
}

/*
 * "rename CUR=NEW...": since ifupdown 0.8.35 (interfaces(5): "rename foo=bar",
 * then "auto bar" and "iface bar"). Inside a stanza, as a lone word or
 * with a name, 0.8.35 and later take it as that stanza's; before, it is
 * an option there and misplaced elsewhere. 1 if not a rename line.
 */
static int handle_rename(struct parser *ps, const char *first, const char *rest)
{
	if (strcmp(first, "rename") != 0 || !since(ps->ifs, "0.8.35"))
		return 1;
	if (ps->in == IN_IFACE && !strchr(rest, '=')) {
		stanza_goes_on(ps);
		return 0;
	}
	ps->in = IN_NONE;
	return add_renames(ps, rest);
}

/* "source", "source-directory": 1 if @first is neither for this ifupdown. */
static int handle_source(struct parser *ps, const char *first, const char *rest)
{
	/* 0.6 (etch to squeeze) knows neither: "misplaced option" */
	if (strcmp(first, "source") == 0 && since(ps->ifs, "0.7")) {
		ps->in = IN_NONE;
		return parse_source(ps, first, rest, false);
	}
	/* source-directory came in 0.7.44 */
	if ((strcmp(first, "source-directory") == 0 || strcmp(first, "source-dir") == 0) &&
	    since(ps->ifs, "0.7.44")) {
		ps->in = IN_NONE;
		return parse_source(ps, first, rest, true);
	}
	return 1;
}

/* One logical line, continuations joined, blanks trimmed at both ends. */
static int handle_line(struct parser *ps, const char *line)
{
	struct pw_ifaces *ifs = ps->ifs;
	char first[256];
	const char *rest = next_word(line, first, sizeof(first));
	int ret;

	if (!rest)
		return 0;
	if (strcmp(first, "iface") == 0)
		return parse_iface(ps, rest);
	if (strcmp(first, "mapping") == 0) {
		ps->in = IN_MAPPING;
		return 0;
	}
	if ((ret = handle_mark(ps, first, rest)) != 1 || (ret = handle_rename(ps, first, rest)) != 1 ||
	    (ret = handle_source(ps, first, rest)) != 1)
		return ret;

	switch (ps->in) {
	case IN_IFACE: {
		struct pw_iface *ifc = &ifs->ifaces[ps->cur];

		if (*rest == '\0')
			return set_error(ifs, PW_IFP_EMPTY_OPTION, ps->path, ps->first, first);
		if (add_opt(ifc, first, rest, ps->first) < 0)
			return set_error(ifs, PW_IFP_NOMEM, ps->path, ps->first, NULL);
		ifc->last_line = ps->last;
		ifc->end = ps->end;
		return 0;
	}
	case IN_MAPPING:
		if (strcmp(first, "script") == 0 || strcmp(first, "map") == 0)
			return 0;
		/* fall through */
	default:
		return set_error(ifs, PW_IFP_MISPLACED, ps->path, ps->first, first);
	}
}

/* Did the line [line, line + n), which pw_lines gave, end in "\r\n"? */
static bool crlf(const char *line, size_t n, const char *next)
{
	return line + n < next && line[n] == '\r';
}

/* Append [s, s+n) to the line buffer; false if it would be too long. */
static bool append(char *buf, size_t *used, const char *s, size_t n)
{
	if (n >= PW_IFACES_MAX_LINE - *used)
		return false;
	memcpy(buf + *used, s, n);
	*used += n;
	return true;
}

static int parse_text(struct pw_ifaces *ifs, size_t file, const char *text, size_t len,
		      unsigned int depth)
{
	struct parser ps = { .ifs = ifs, .file = file, .depth = depth, .in = IN_NONE };
	const char *nul = memchr(text, '\0', len);
	struct pw_lines it;
	const char *line;
	size_t n;
	char *buf;
	int ret = 0;

	ps.path = ifs->files[file];
	if (nul) {
		unsigned int number = 1;

		for (const char *p = text; p < nul; p++)
			number += *p == '\n';
		return set_error(ifs, PW_IFP_BINARY, ps.path, number, NULL);
	}
	buf = malloc(PW_IFACES_MAX_LINE);
	if (!buf)
		return set_error(ifs, PW_IFP_NOMEM, ps.path, 0, NULL);
	pw_lines_init(&it, text, len);
	while (ret == 0 && pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *p = line;
		size_t used = 0;

		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p == end || *p == '#')
			continue;
		ps.first = it.number;
		ps.start = (size_t)(line - text);
		if (!append(buf, &used, p, (size_t)(end - p))) {
			ret = set_error(ifs, PW_IFP_LONG_LINE, ps.path, ps.first, NULL);
			break;
		}
		/*
		 * ifup (0.6 to 0.8.41 alike) drops only the '\n' before it looks
		 * for the backslash: before "\r\n" the line does not go on, and
		 * the '\r' goes with the trailing blanks.
		 */
		while (used > 0 && buf[used - 1] == '\\' && !crlf(line, n, it.pos)) {
			used--;
			if (!pw_lines_next(&it, &line, &n))
				break;
			if (!append(buf, &used, line, n)) {
				ret = set_error(ifs, PW_IFP_LONG_LINE, ps.path, ps.first, NULL);
				break;
			}
		}
		if (ret)
			break;
		while (used > 0 && isspace((unsigned char)buf[used - 1]))
			used--;
		buf[used] = '\0';
		ps.last = it.number;
		ps.end = (size_t)(it.pos - text);
		ret = handle_line(&ps, buf);
	}
	free(buf);
	return ret;
}

static bool already_read(const struct pw_ifaces *ifs, const char *path)
{
	for (size_t i = 0; i < ifs->nfiles; i++)
		if (strcmp(ifs->files[i], path) == 0)
			return true;
	return false;
}

/* Record @path as read; its index, or -ENOMEM. */
static long add_file(struct pw_ifaces *ifs, const char *path)
{
	char *copy = normalize(path);

	if (!copy || !grow(&ifs->files, ifs->nfiles, sizeof(*ifs->files))) {
		free(copy);
		return -ENOMEM;
	}
	ifs->files[ifs->nfiles] = copy;
	return (long)ifs->nfiles++;
}

int pw_ifaces_parse(struct pw_ifaces *ifs, const char *path, const char *text, size_t len)
{
	long file = add_file(ifs, path);

	if (file < 0)
		return set_error(ifs, PW_IFP_NOMEM, path, 0, NULL);
	return parse_text(ifs, (size_t)file, text, len, 0);
}

static int load_file(struct pw_ifaces *ifs, const char *path, unsigned int depth,
		     const char *from, unsigned int from_line)
{
	char *norm = normalize(path), *text;
	size_t len;
	long file;
	int ret;

	if (!norm)
		return set_error(ifs, PW_IFP_NOMEM, path, 0, NULL);
	/* ifup reads a file once, however many times it is sourced */
	if (already_read(ifs, norm)) {
		free(norm);
		return 0;
	}
	/* a link loop gives new names to the same file: depth stops it */
	if (depth > PW_IFACES_MAX_DEPTH || ifs->nfiles >= PW_IFACES_MAX_FILES) {
		free(norm);
		return set_error(ifs, depth > PW_IFACES_MAX_DEPTH ? PW_IFP_DEPTH : PW_IFP_FILES,
				 from, from_line, NULL);
	}
	ret = ifs->reader.read(ifs->reader.arg, norm, &text, &len);
	if (ret == -ENOENT && depth > 0) {
		free(norm);
		return 0; /* a sourced file that is not there: ifup skips it */
	}
	if (ret < 0) {
		set_error(ifs, ret == PW_EBINARY ? PW_IFP_BINARY : PW_IFP_READ, norm, 0, NULL);
		ifs->error.err = ret;
		free(norm);
		return ret == -ENOMEM ? -ENOMEM : ret;
	}
	file = add_file(ifs, norm);
	free(norm);
	if (file < 0) {
		free(text);
		return set_error(ifs, PW_IFP_NOMEM, path, 0, NULL);
	}
	ret = parse_text(ifs, (size_t)file, text, len, depth);
	free(text);
	return ret;
}

int pw_ifaces_load(struct pw_ifaces *ifs, const char *path)
{
	if (!ifs->reader.read)
		return -EINVAL;
	return load_file(ifs, path, 0, NULL, 0);
}

/* ---- queries ------------------------------------------------------------ */

const char *pw_iface_opt(const struct pw_iface *ifc, const char *name)
{
	for (size_t i = 0; i < ifc->nopts; i++)
		if (strcmp(ifc->opts[i].name, name) == 0)
			return ifc->opts[i].value;
	return NULL;
}

bool pw_ifaces_at_boot(const struct pw_ifaces *ifs, const char *name)
{
	for (size_t i = 0; i < ifs->nmarks; i++)
		if (strcmp(ifs->marks[i].name, name) == 0 &&
		    (strcmp(ifs->marks[i].class, "auto") == 0 ||
		     strcmp(ifs->marks[i].class, "hotplug") == 0))
			return true;
	return false;
}

const struct pw_iface_rename *pw_ifaces_rename_of(const struct pw_ifaces *ifs, const char *name)
{
	for (size_t i = 0; i < ifs->nrenames; i++) {
		const char *from = ifs->renames[i].from;

		/* a plain name or glob; "VARIABLE/VALUE" patterns match on what sysfs says */
		if (!strchr(from, '/') && fnmatch(from, name, 0) == 0)
			return &ifs->renames[i];
	}
	return NULL;
}

const struct pw_iface *pw_ifaces_find(const struct pw_ifaces *ifs, const char *name,
				      const char *family)
{
	return find_iface(ifs, name, family);
}

const struct pw_iface *pw_ifaces_primary(const struct pw_ifaces *ifs)
{
	const struct pw_iface *first = NULL;

	for (size_t i = 0; i < ifs->count; i++) {
		const struct pw_iface *ifc = &ifs->ifaces[i];

		if (strcmp(ifc->family, "inet") != 0 || strcmp(ifc->name, "lo") == 0 ||
		    strchr(ifc->name, ':'))
			continue;
		if (pw_ifaces_at_boot(ifs, ifc->name))
			return ifc;
		if (!first)
			first = ifc;
	}
	return first;
}

void pw_ifaces_report_error(const struct pw_ifaces_error *e, struct pw_result *r,
			    enum pw_status st)
{
	switch (e->problem) {
	case PW_IFP_NONE:
		return;
	case PW_IFP_READ:
		pw_result_file_problem(r, st, e->file, e->err);
		return;
	case PW_IFP_BINARY:
		pw_result_file_problem(r, st, e->file, PW_EBINARY);
		return;
	case PW_IFP_NOMEM:
		pw_result_file_problem(r, st, e->file, -ENOMEM);
		return;
	case PW_IFP_LONG_LINE:
		pw_result_add(r, st, N_("%s, line %u: this line is far longer than any line of "
					"a network configuration can be."), e->file, e->line);
		break;
	case PW_IFP_IFACE_WORDS:
		pw_result_add(r, st, N_("%s, line %u: this iface line is incomplete: it needs a "
					"name, an address family and a method, as in "
					"\"iface eth0 inet static\"."), e->file, e->line);
		break;
	case PW_IFP_FAMILY:
		pw_result_add(r, st, N_("%s, line %u: \"%s\" is not an address family that "
					"ifupdown knows (it knows inet, inet6, ipx and can)."),
			      e->file, e->line, e->word);
		break;
	case PW_IFP_METHOD:
		pw_result_add(r, st, N_("%s, line %u: \"%s\" is not a method that ifupdown knows "
					"for the %s family."), e->file, e->line, e->word, e->family);
		break;
	case PW_IFP_INHERITS:
		pw_result_add(r, st, N_("%s, line %u: this stanza inherits from \"%s\", which is "
					"not defined above it."), e->file, e->line, e->word);
		break;
	case PW_IFP_MISPLACED:
		pw_result_add(r, st, N_("%s, line %u: the option \"%s\" is not inside an iface "
					"stanza, so ifupdown refuses the whole file."),
			      e->file, e->line, e->word);
		break;
	case PW_IFP_EMPTY_OPTION:
		pw_result_add(r, st, N_("%s, line %u: the option \"%s\" has no value, so ifupdown "
					"refuses the whole file."), e->file, e->line, e->word);
		break;
	case PW_IFP_IFACE_EXTRA:
		pw_result_add(r, st, N_("%s, line %u: this iface line has words after its method "
					"(\"%s\"), which the guest's ifupdown (%s) refuses; only "
					"0.8 and later skip them."), e->file, e->line, e->word,
			      e->family);
		break;
	case PW_IFP_DUPLICATE_MARK:
		pw_result_add(r, st, N_("%s, line %u: %s is marked a second time alike, which the "
					"guest's ifupdown (%s) refuses; 0.7 and later accept it."),
			      e->file, e->line, e->word, e->family);
		break;
	case PW_IFP_DUPLICATE_IFACE:
		pw_result_add(r, st, N_("%s, line %u: a second stanza for %s in the same address "
					"family, which the guest's ifupdown (%s) refuses; 0.7 and "
					"later accept it."), e->file, e->line, e->word, e->family);
		break;
	case PW_IFP_NO_ARGUMENT:
		pw_result_add(r, st, N_("%s, line %u: \"%s\" needs the name of a file or folder "
					"after it."), e->file, e->line, e->word);
		break;
	case PW_IFP_DEPTH:
		pw_result_add(r, st, N_("%s, line %u: the files of the network configuration "
					"include each other more than %d levels deep, probably in "
					"a loop."), e->file, e->line, PW_IFACES_MAX_DEPTH);
		break;
	case PW_IFP_FILES:
		pw_result_add(r, st, N_("%s, line %u: the network configuration includes more "
					"than %d files, more than this program reads."),
			      e->file, e->line, PW_IFACES_MAX_FILES);
		break;
	}
	pw_result_add(r, st, N_("Correct that line, then run the check again."));
}

/* ---- static addresses --------------------------------------------------- */

static enum pw_static_problem bad(struct pw_iface_static *st, enum pw_static_problem p,
				  const char *value)
{
	st->problem = p;
	if (value)
		pw_copy(st->bad, sizeof(st->bad), value, strlen(value));
	return p;
}

bool pw_iface_classful_netmask(const struct pw_iface *ifc, struct pw_ipv4 *mask)
{
	const char *address = pw_iface_opt(ifc, "address");
	struct pw_ipv4 a;

	if (!ifc->classful || !address || pw_iface_opt(ifc, "netmask") || strchr(address, '/') ||
	    pw_parse_ipv4(address, &a) < 0)
		return false;
	/* class A, B, C; D and E (224 and up) have none, and ifup fails */
	if (a.addr >> 24 >= 224)
		return false;
	mask->addr = a.addr >> 24 < 128 ? 0xff000000u : a.addr >> 24 < 192 ? 0xffff0000u : 0xffffff00u;
	return true;
}

/* The stanza's problem for the validator's, with the value at fault as written. */
static enum pw_static_problem from_verdict(struct pw_iface_static *st,
					   const struct pw_net_verdict *v, const char *address,
					   const char *netmask, const char *gateway)
{
	static const enum pw_static_problem map[] = {
		[PW_NETP_OK] = PW_STATIC_OK,
		[PW_NETP_INTERFACE] = PW_STATIC_OK, /* not asked */
		[PW_NETP_ADDRESS] = PW_STATIC_BAD_ADDRESS,
		[PW_NETP_NETMASK] = PW_STATIC_BAD_NETMASK,
		[PW_NETP_PREFIX] = PW_STATIC_PREFIX,
		[PW_NETP_NETWORK_ADDRESS] = PW_STATIC_ADDRESS_NOT_HOST,
		[PW_NETP_BROADCAST_ADDRESS] = PW_STATIC_ADDRESS_NOT_HOST,
		[PW_NETP_GATEWAY] = PW_STATIC_BAD_GATEWAY,
		[PW_NETP_GATEWAY_OUTSIDE] = PW_STATIC_GATEWAY_OUTSIDE,
		[PW_NETP_GATEWAY_SELF] = PW_STATIC_GATEWAY_NOT_HOST,
		[PW_NETP_GATEWAY_NOT_HOST] = PW_STATIC_GATEWAY_NOT_HOST,
		[PW_NETP_NAMESERVER] = PW_STATIC_BAD_NAMESERVER,
		[PW_NETP_NO_IPV4_NAMESERVER] = PW_STATIC_NO_IPV4_NAMESERVER,
	};
	const char *value = NULL;

	st->address = v->address;
	st->netmask = v->netmask;
	st->gateway = v->gateway;
	st->prefix = v->prefix;
	switch (v->field) {
	case PW_NET_ADDRESS:
		value = address;
		break;
	case PW_NET_NETMASK:
		value = netmask ? netmask : address; /* the /prefix of the address */
		break;
	case PW_NET_GATEWAY:
		value = gateway;
		break;
	case PW_NET_NAMESERVERS:
		value = v->bad;
		break;
	default:
		break;
	}
	return bad(st, map[v->problem], value);
}

enum pw_static_problem pw_iface_check_static(const struct pw_iface *ifc,
					     struct pw_iface_static *st)
{
	const char *address = pw_iface_opt(ifc, "address");
	const char *netmask = pw_iface_opt(ifc, "netmask");
	const char *gateway = pw_iface_opt(ifc, "gateway");
	struct pw_net_values v = { .nameservers = pw_iface_opt(ifc, "dns-nameservers") };
	struct pw_net_verdict verdict;
	char addr[64], classful[16], *cidr = NULL;
	enum pw_static_problem p;

	memset(st, 0, sizeof(*st));
	if (!address)
		return bad(st, PW_STATIC_NO_ADDRESS, NULL);
	/* "address a.b.c.d/nn" gives the netmask; a netmask line wins, as in ifup */
	if (strlen(address) < sizeof(addr)) {
		strcpy(addr, address);
		cidr = strchr(addr, '/');
		if (cidr)
			*cidr++ = '\0';
		v.address = addr;
	} else {
		v.address = address; /* too long to be one: the validator says so */
	}
	if (cidr && pw_parse_netmask(cidr, &st->netmask) < 0 && pw_parse_ipv4(addr, &st->address) == 0)
		return bad(st, PW_STATIC_BAD_NETMASK, address);
	v.netmask = netmask ? netmask : cidr;
	if (!v.netmask && pw_iface_classful_netmask(ifc, &st->netmask)) {
		pw_ipv4_format(st->netmask, classful);
		v.netmask = classful;
	}
	if (!v.netmask) {
		/* the address alone, so that a bad one is said before the missing netmask */
		if (pw_net_check(&v, &verdict) == PW_NETP_ADDRESS)
			return from_verdict(st, &verdict, address, netmask, gateway);
		return bad(st, PW_STATIC_NO_NETMASK, NULL);
	}
	v.gateway = gateway;
	pw_net_check(&v, &verdict);
	p = from_verdict(st, &verdict, address, netmask, gateway);
	if (p == PW_STATIC_OK && !gateway)
		return bad(st, PW_STATIC_NO_GATEWAY, NULL);
	return p;
}
