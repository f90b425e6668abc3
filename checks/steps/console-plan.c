// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The console step's plan: a login prompt on the ParaVM console for the
 * guest's init system (an /etc/inittab line, an Upstart job, a systemd
 * wants link), root allowed there by /etc/securetty, and a TERM that the
 * guest's terminfo knows. Every file is rebuilt from its current bytes:
 * only the lines that change are touched.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-console.h"
#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-text.h"
#include "pw-txn.h"

#define INITTAB "/etc/inittab"
#define SECURETTY "/etc/securetty"
#define SYSTEMD_ETC "/etc/systemd/system"
#define GETTY_WANTS SYSTEMD_ETC "/getty.target.wants"
#define DROP_IN "paravm-wizard.conf"
/* Above every line or file the wizard adds: who put it there, and why. */
#define WIZARD_COMMENT "# Login prompt on the Xen ParaVM console (added by paravm-wizard)"
#define BAUD "38400"

struct cplan {
	struct pw_ctx *ctx;
	struct pw_plan *plan;
	struct pw_error *err;
	struct pw_console_state st;
	const char *dev;
	char term[32];		/* the TERM the wizard names; "" until needed */
	bool term_fallback;	/* not the profile's: it has no terminfo entry */
};

/* The getty the guest has: "/sbin/getty", with "-8" where tty1's has it. */
struct getty_cmd {
	char program[256];
	bool eight;
};

/* A guest file that cannot be read: 65 for its content, 74 for the rest. */
static int read_error(struct pw_error *err, const char *path, int ret)
{
	pw_error_set(err, ret <= -1000 ? PW_EXIT_DATAERR : PW_EXIT_IOERR,
		     _("%s cannot be read: %s. Check that file, then run the wizard again."),
		     path, pw_root_strerror(ret));
	return ret;
}

static int read_guest(struct cplan *cp, const char *path, char **text, size_t *len)
{
	int ret = pw_root_read_text(cp->ctx->root, path, PW_TEXT_MAX, text, len);

	return ret < 0 ? read_error(cp->err, path, ret) : 0;
}

static int no_memory(struct cplan *cp)
{
	pw_error_set(cp->err, PW_EXIT_CANTCREAT, "%s", _("Out of memory."));
	return -ENOMEM;
}

/* The profile's TERM, or the first of the usual ones that the guest has. */
static int choose_term(struct cplan *cp)
{
	static const char *const fallbacks[] = { "vt102", "vt100", "vt220", "linux" };
	const char *want = cp->ctx->profile.term;
	char path[256];

	if (cp->term[0])
		return 0;
	if (want[0] && pw_terminfo_find(cp->ctx->root, want, path, sizeof(path)) == 0) {
		pw_copy(cp->term, sizeof(cp->term), want, strlen(want));
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(fallbacks); i++) {
		if (pw_terminfo_find(cp->ctx->root, fallbacks[i], path, sizeof(path)) == 0) {
			pw_copy(cp->term, sizeof(cp->term), fallbacks[i], strlen(fallbacks[i]));
			cp->term_fallback = true;
			return 0;
		}
	}
	/* the list the owner reads: the profile's first, each name once */
	snprintf(path, sizeof(path), "%s", want);
	for (size_t i = 0; i < ARRAY_SIZE(fallbacks); i++)
		if (strcmp(fallbacks[i], want) != 0)
			snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s%s",
				 path[0] ? ", " : "", fallbacks[i]);
	pw_error_set(cp->err, PW_EXIT_DATAERR,
		     _("The guest's terminfo database (/etc/terminfo, /lib/terminfo, /usr/share/terminfo) has none of the terminal types a login prompt on %s could use (%s). Install ncurses-base in the guest, then run the wizard again."),
		     cp->dev, path);
	return -ENOENT;
}

/*
 * Does the TERM a getty sets (named, else its default) exist in the guest?
 * A default this wizard does not know counts as fine: the inspect only
 * warns about it, and there is nothing to repair.
 */
static bool getty_term_ok(struct cplan *cp, const struct pw_getty *g)
{
	const char *term = g->term[0] ? g->term : pw_getty_default_term(g->program);
	char path[256];

	return !term || pw_terminfo_find(cp->ctx->root, term, path, sizeof(path)) == 0;
}

/* The program of a getty command line, if the guest has it; and its "-8". */
static bool getty_from_command(struct cplan *cp, const char *cmd, struct getty_cmd *out)
{
	const char *p = cmd, *base;
	char arg[256];
	bool have = false;

	memset(out, 0, sizeof(*out));
	while (*p == ' ' || *p == '\t' || *p == '+')
		p++;
	while (pw_getty_next_arg(&p, arg, sizeof(arg))) {
		if (have) {
			if (strcmp(arg, "-8") == 0)
				out->eight = true;
			continue;
		}
		if (strcmp(arg, "exec") == 0 || (strchr(arg, '=') && !strchr(arg, '/')))
			continue;
		base = strrchr(arg, '/');
		/* mingetty takes no TERM argument: not a model */
		if (arg[0] != '/' || (strcmp(base + 1, "getty") != 0 &&
				      strcmp(base + 1, "agetty") != 0) ||
		    !pw_root_exists(cp->ctx->root, arg))
			return false;
		pw_copy(out->program, sizeof(out->program), arg, strlen(arg));
		have = true;
	}
	return have;
}

/* The getty to run: tty1's, else the first the guest has. */
static int choose_getty(struct cplan *cp, const char *tty1_cmd, struct getty_cmd *out)
{
	static const char *const programs[] = { "/sbin/getty", "/sbin/agetty", "/usr/sbin/agetty" };

	if (tty1_cmd && getty_from_command(cp, tty1_cmd, out))
		return 0;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < ARRAY_SIZE(programs); i++) {
		if (pw_root_exists(cp->ctx->root, programs[i])) {
			pw_copy(out->program, sizeof(out->program), programs[i], strlen(programs[i]));
			return 0;
		}
	}
	pw_error_set(cp->err, PW_EXIT_DATAERR,
		     _("No getty program was found in the guest (/sbin/getty, /sbin/agetty), so no login prompt can be set up on %s. Install util-linux in the guest, then run the wizard again."),
		     cp->dev);
	return -ENOENT;
}

/* The TERM and the getty for a new or replaced command line. */
static int getty_command(struct cplan *cp, const char *tty1_cmd, char *out, size_t size)
{
	struct getty_cmd g;
	int ret;

	ret = choose_term(cp);
	if (ret == 0)
		ret = choose_getty(cp, tty1_cmd, &g);
	if (ret < 0)
		return ret;
	snprintf(out, size, "%s%s " BAUD " %s %s", g.program, g.eight ? " -8" : "", cp->dev,
		 cp->term);
	return 0;
}

/* ---- sysvinit ---------------------------------------------------------- */

/* The command of an inittab entry, as pw_inittab_find_getty reads it. */
static const char *entry_command(const struct pw_inittab_entry *e)
{
	const char *cmd = e->process;

	if (*cmd == '+')
		cmd++;
	cmd = pw_skip_blanks(cmd, cmd + strlen(cmd));
	if (strncmp(cmd, "exec ", 5) == 0)
		cmd += 5;
	return cmd;
}

/* Is @id taken by an entry other than @self? Commented ones count, so
 * that uncommenting one later cannot make two entries with one id. */
static bool id_used(const struct pw_inittab *tab, const char *id,
		    const struct pw_inittab_entry *self)
{
	for (size_t i = 0; i < tab->count; i++)
		if (&tab->entries[i] != self && strcmp(tab->entries[i].id, id) == 0)
			return true;
	return false;
}

/* A free id of at most four characters: "co" as Debian's Xen guides use. */
static void free_id(const struct pw_inittab *tab, const char *dev, char *out, size_t size)
{
	char cand[8];

	if (!id_used(tab, "co", NULL)) {
		snprintf(out, size, "co");
		return;
	}
	snprintf(cand, sizeof(cand), "%c%c", dev[0], dev[strlen(dev) - 1]);
	if (!id_used(tab, cand, NULL)) {
		snprintf(out, size, "%s", cand);
		return;
	}
	for (unsigned int i = 0; i < 1000; i++) {
		snprintf(cand, sizeof(cand), "p%u", i);
		if (!id_used(tab, cand, NULL))
			break;
	}
	snprintf(out, size, "%s", cand);
}

/* Runlevels 2-5, and the default one if it is none of them. */
static void new_runlevels(const char *level, char *out, size_t size)
{
	snprintf(out, size, "2345%s", strchr("2345", level[0]) ? "" : level);
}

/* Where a new getty line goes: after the last getty line, else at the end. */
static size_t insert_position(const char *text, size_t len, const struct pw_inittab *tab)
{
	const struct pw_inittab_entry *last = NULL;
	size_t pos;

	for (size_t i = 0; i < tab->count; i++) {
		const struct pw_inittab_entry *e = &tab->entries[i];
		struct pw_getty g;

		if (!e->commented && pw_getty_parse(entry_command(e), &g) == 0)
			last = e;
	}
	if (!last)
		return len;
	pos = last->start + last->len;
	if (pos < len && text[pos] == '\r')
		pos++;
	if (pos < len && text[pos] == '\n')
		pos++;
	return pos;
}

static int plan_inittab(struct cplan *cp)
{
	const struct pw_inittab_entry *e, *tty1;
	enum pw_getty_state state, tty1_state;
	struct pw_getty g, tty1_getty;
	struct pw_inittab tab;
	struct pw_buf out = { 0 };
	const char *level, *tty1_cmd;
	char cmd[512], id[8], runlevels[16];
	char *text;
	size_t len;
	int ret;

	ret = read_guest(cp, INITTAB, &text, &len);
	if (ret < 0)
		return ret;
	ret = pw_inittab_parse(text, len, &tab);
	if (ret < 0) {
		ret = no_memory(cp);
		goto out;
	}
	level = pw_inittab_default_runlevel(&tab);
	e = pw_inittab_find_getty(&tab, cp->dev, &state, &g);
	if (e && state == PW_GETTY_ON && getty_term_ok(cp, &g)) {
		ret = 1;
		goto out;
	}
	tty1 = pw_inittab_find_getty(&tab, "tty1", &tty1_state, &tty1_getty);
	tty1_cmd = tty1 && !tty1->commented ? entry_command(tty1) : NULL;

	if (e) {
		/* its own line, repaired in place: no second getty on the device */
		struct getty_cmd own;
		bool keep = getty_term_ok(cp, &g) && getty_from_command(cp, e->process, &own);
		const char *process = e->process;

		if (!keep) {
			ret = getty_command(cp, tty1_cmd, cmd, sizeof(cmd));
			if (ret < 0)
				goto out;
			process = cmd;
		}
		if (id_used(&tab, e->id, e) || !e->id[0])
			free_id(&tab, cp->dev, id, sizeof(id));
		else
			snprintf(id, sizeof(id), "%s", e->id);
		if (!e->runlevels[0] || strchr(e->runlevels, level[0]))
			snprintf(runlevels, sizeof(runlevels), "%s", e->runlevels);
		else
			new_runlevels(level, runlevels, sizeof(runlevels));
		pw_buf_add(&out, text, e->start);
		pw_buf_printf(&out, "%s:%s:respawn:%s", id, runlevels, process);
		pw_buf_add(&out, text + e->start + e->len, len - e->start - e->len);
		if (keep)
			pw_plan_note(cp->plan,
			     _("The getty line for %s in /etc/inittab (line %u) is switched on, so that a login prompt runs there after every boot and logout."),
			     cp->dev, e->line);
		else
			pw_plan_note(cp->plan,
			     _("The getty line for %s in /etc/inittab (line %u) is replaced by one that runs a login prompt there after every boot and logout (TERM %s)."),
			     cp->dev, e->line, cp->term);
	} else {
		size_t pos = insert_position(text, len, &tab);

		ret = getty_command(cp, tty1_cmd, cmd, sizeof(cmd));
		if (ret < 0)
			goto out;
		free_id(&tab, cp->dev, id, sizeof(id));
		new_runlevels(level, runlevels, sizeof(runlevels));
		pw_buf_add(&out, text, pos);
		if (pos > 0 && text[pos - 1] != '\n')
			pw_buf_str(&out, "\n");
		pw_buf_printf(&out, WIZARD_COMMENT "\n%s:%s:respawn:%s\n", id, runlevels, cmd);
		pw_buf_add(&out, text + pos, len - pos);
		pw_plan_note(cp->plan, _("A login prompt on %s (TERM %s) is added to /etc/inittab."),
		     cp->dev, cp->term);
	}
	if (out.failed) {
		ret = no_memory(cp);
		goto out;
	}
	ret = pw_plan_write(cp->plan, INITTAB, text, len, true, out.data, out.len, 0644);
	if (ret < 0)
		ret = no_memory(cp);
out:
	pw_inittab_free(&tab);
	free(out.data);
	free(text);
	return ret;
}

/* ---- Upstart ----------------------------------------------------------- */

/* The command of line @number, without "exec"/"respawn" and leading blanks. */
static bool command_at_line(const char *text, size_t len, unsigned int number, char *out,
			    size_t size, size_t *prefix_len, size_t *line_start, size_t *line_end)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *s, *end = line + n;

		if (it.number != number)
			continue;
		s = pw_skip_blanks(line, end);
		if (pw_has_prefix(s, (size_t)(end - s), "exec ") ||
		    pw_has_prefix(s, (size_t)(end - s), "exec\t"))
			s = pw_skip_blanks(s + 5, end);
		else if (pw_has_prefix(s, (size_t)(end - s), "respawn ") ||
			 pw_has_prefix(s, (size_t)(end - s), "respawn\t"))
			s = pw_skip_blanks(s + 8, end);
		pw_copy(out, size, s, (size_t)(end - s));
		*prefix_len = (size_t)(s - line);
		*line_start = (size_t)(line - text);
		*line_end = (size_t)(end - text);
		return true;
	}
	return false;
}

/* tty1's job: the model of the getty command, if it runs one. */
static bool upstart_tty1_command(struct cplan *cp, bool init_d, char *cmd, size_t size)
{
	const char *path = init_d ? "/etc/init/tty1.conf" : "/etc/event.d/tty1";
	struct pw_upstart_job job;
	size_t prefix, start, end;
	bool found = false;
	char *text;
	size_t len;

	if (pw_root_read_text(cp->ctx->root, path, PW_TEXT_MAX, &text, &len) < 0)
		return false;
	pw_upstart_parse(text, len, &job);
	if (job.has_getty)
		found = command_at_line(text, len, job.getty_line, cmd, size, &prefix, &start,
					&end);
	free(text);
	return found;
}

static void upstart_start_stop(struct pw_buf *b, bool init_d, bool stop)
{
	if (init_d) {
		pw_buf_str(b, "start on runlevel [2345]\n");
		if (stop)
			pw_buf_str(b, "stop on runlevel [!2345]\n");
		return;
	}
	/* Upstart 0.3 knows one runlevel an event */
	pw_buf_str(b, "start on runlevel 2\nstart on runlevel 3\n"
		   "start on runlevel 4\nstart on runlevel 5\n");
	if (stop)
		pw_buf_str(b, "\nstop on runlevel 0\nstop on runlevel 1\nstop on runlevel 6\n");
}

/* Is [s, end) the stanza @word alone (a comment may follow)? */
static bool is_stanza(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);

	s = pw_skip_blanks(s, end);
	if ((size_t)(end - s) < n || memcmp(s, word, n) != 0)
		return false;
	s = pw_skip_blanks(s + n, end);
	return s == end || *s == '#' || *s == '\r' || *s == '\n';
}

/* Does the job have a "stop on" stanza? */
static bool has_stop_on(const char *text, size_t len)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end);
		char w1[16], w2[16];

		if (pw_next_word(&s, end, w1, sizeof(w1)) && strcmp(w1, "stop") == 0 &&
		    pw_next_word(&s, end, w2, sizeof(w2)) && strcmp(w2, "on") == 0)
			return true;
	}
	return false;
}

/* @text without its "manual" lines. */
static void without_manual(const char *text, size_t len, struct pw_buf *out)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n))
		if (!is_stanza(line, line + n, "manual"))
			pw_buf_add(out, line, n + it.eol_len);
}

/* Nothing but blank lines and comments? */
static bool only_comments(const char *text, size_t len)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end);

		if (s < end && *s != '#')
			return false;
	}
	return true;
}

static int upstart_new_job(struct cplan *cp, bool init_d)
{
	const char *path = cp->st.getty_file;
	struct pw_buf out = { 0 };
	char cmd[512], tty1[512];
	char *old = NULL;
	size_t old_len = 0;
	bool existed;
	int ret;

	ret = pw_root_read_text(cp->ctx->root, path, PW_TEXT_MAX, &old, &old_len);
	existed = ret == 0;
	if (ret < 0 && ret != -ENOENT)
		return read_error(cp->err, path, ret);
	ret = getty_command(cp, upstart_tty1_command(cp, init_d, tty1, sizeof(tty1)) ? tty1 : NULL,
			    cmd, sizeof(cmd));
	if (ret < 0)
		goto out;
	pw_buf_printf(&out,
		   "# %s - getty\n#\n"
		   "# This service maintains a getty on %s, the Xen ParaVM console, from\n"
		   "# the point the system is started until it is shut down again.\n"
		   "# Added by paravm-wizard.\n\n",
		   cp->dev, cp->dev);
	upstart_start_stop(&out, init_d, true);
	pw_buf_printf(&out, "\nrespawn\nexec %s\n", cmd);
	if (out.failed) {
		ret = no_memory(cp);
		goto out;
	}
	ret = pw_plan_write(cp->plan, path, old, old_len, existed, out.data, out.len, 0644);
	if (ret < 0) {
		ret = no_memory(cp);
		goto out;
	}
	pw_plan_note(cp->plan, _("A login prompt on %s (TERM %s) is added as the Upstart job %s."),
	     cp->dev, cp->term, path);
out:
	free(out.data);
	free(old);
	return ret;
}

/* "/etc/init/hvc0.conf" -> "/etc/init/hvc0.override" */
static void override_path(const char *job, char *out, size_t size)
{
	size_t n = strlen(job);

	if (n > 5 && strcmp(job + n - 5, ".conf") == 0)
		n -= 5;
	snprintf(out, size, "%.*s.override", (int)n, job);
}

/* An override without "manual": written back, or removed if nothing is left. */
static int upstart_override(struct cplan *cp, const char *path, const char *text, size_t len)
{
	struct pw_buf out = { 0 };
	int ret;

	without_manual(text, len, &out);
	if (out.failed)
		return no_memory(cp);
	if (!out.data || only_comments(out.data, out.len))
		ret = pw_plan_remove(cp->plan, path, text, len);
	else
		ret = pw_plan_write(cp->plan, path, text, len, true, out.data, out.len, 0644);
	free(out.data);
	if (ret < 0)
		return no_memory(cp);
	pw_plan_note(cp->plan, _("%s no longer says \"manual\", which kept the job from starting."), path);
	return 0;
}

/* A job that runs a getty on the device but is off, or names a bad TERM. */
static int upstart_repair_job(struct cplan *cp, bool init_d)
{
	const char *path = cp->st.getty_file;
	struct pw_upstart_job job, ov = { 0 };
	struct pw_buf out = { 0 };
	char ov_path[512], tty1[512], cmd[512], old_cmd[512];
	char *text = NULL, *ov_text = NULL;
	size_t len, ov_len = 0, prefix, gstart = 0, gend = 0;
	bool have_ov = false, fix_term, start_on;
	int ret;

	ret = read_guest(cp, path, &text, &len);
	if (ret < 0)
		return ret;
	pw_upstart_parse(text, len, &job);
	if (init_d) {
		override_path(path, ov_path, sizeof(ov_path));
		ret = pw_root_read_text(cp->ctx->root, ov_path, PW_TEXT_MAX, &ov_text, &ov_len);
		if (ret < 0 && ret != -ENOENT) {
			read_error(cp->err, ov_path, ret);
			goto out;
		}
		have_ov = ret == 0;
		if (have_ov)
			pw_upstart_parse(ov_text, ov_len, &ov);
	}
	start_on = job.start_on || ov.start_on;
	fix_term = job.has_getty && !getty_term_ok(cp, &job.getty) &&
		   command_at_line(text, len, job.getty_line, old_cmd, sizeof(old_cmd), &prefix,
				   &gstart, &gend);
	if (fix_term) {
		ret = getty_command(cp,
				    upstart_tty1_command(cp, init_d, tty1, sizeof(tty1)) ? tty1 : NULL,
				    cmd, sizeof(cmd));
		if (ret < 0)
			goto out;
		/* the line keeps its indentation and "exec" */
		pw_buf_add(&out, text, gstart + prefix);
		pw_buf_str(&out, cmd);
		pw_buf_add(&out, text + gend, len - gend);
	} else {
		pw_buf_add(&out, text, len);
	}
	if (job.manual && !out.failed) {
		struct pw_buf rest = { 0 };

		without_manual(out.data, out.len, &rest);
		free(out.data);
		out = rest;
		if (!out.data)
			pw_buf_add(&out, "", 0);
	}
	if (!start_on || !job.respawn) {
		if (out.len && out.data[out.len - 1] != '\n')
			pw_buf_str(&out, "\n");
		pw_buf_str(&out, "\n# Added by paravm-wizard: a login prompt after every boot and logout.\n");
		if (!start_on)
			upstart_start_stop(&out, init_d, !has_stop_on(text, len));
		if (!job.respawn)
			pw_buf_str(&out, "respawn\n");
	}
	if (out.failed) {
		ret = no_memory(cp);
		goto out;
	}
	ret = pw_plan_write(cp->plan, path, text, len, true, out.data, out.len, 0644);
	if (ret < 0) {
		ret = no_memory(cp);
		goto out;
	}
	if (ret == 0) {
		if (fix_term)
			pw_plan_note(cp->plan,
			     _("The Upstart job %s is changed so that it runs a login prompt on %s after every boot and logout (TERM %s)."),
			     path, cp->dev, cp->term);
		else
			pw_plan_note(cp->plan,
			     _("The Upstart job %s is changed so that it runs a login prompt on %s after every boot and logout."),
			     path, cp->dev);
	}
	ret = 0;
	if (have_ov && ov.manual)
		ret = upstart_override(cp, ov_path, ov_text, ov_len);
out:
	free(out.data);
	free(text);
	free(ov_text);
	return ret;
}

static int plan_upstart(struct cplan *cp, bool init_d)
{
	switch (cp->st.getty) {
	case PW_GETTY_NONE:
		return upstart_new_job(cp, init_d);
	case PW_GETTY_ON:
		/* only a TERM the guest lacks is left to repair */
		if (cp->st.term_found == 0 || !cp->st.term[0])
			return 1;
		return upstart_repair_job(cp, init_d);
	default:
		return upstart_repair_job(cp, init_d);
	}
}

/* ---- systemd ----------------------------------------------------------- */

static bool is_mask(struct pw_root *root, const char *path)
{
	char target[256];

	return pw_root_readlink(root, path, target, sizeof(target)) == 0 &&
	       strcmp(target, "/dev/null") == 0;
}

/*
 * The serial-getty@.service the wants link names: in the directory the
 * guest's own getty@tty1 link points into, else /lib, else /usr/lib.
 */
static int systemd_template(struct cplan *cp, char *out, size_t size)
{
	const char *dirs[3] = { NULL, "/lib/systemd/system", "/usr/lib/systemd/system" };
	char tty1[256], path[512];
	struct stat sb;
	char *slash;

	if (pw_root_readlink(cp->ctx->root, GETTY_WANTS "/getty@tty1.service", tty1,
			     sizeof(tty1)) == 0 &&
	    tty1[0] == '/' && (slash = strrchr(tty1, '/')) && strcmp(slash, "/getty@.service") == 0) {
		*slash = '\0';
		dirs[0] = tty1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		if (!dirs[i])
			continue;
		snprintf(path, sizeof(path), "%s/serial-getty@.service", dirs[i]);
		if (pw_root_stat(cp->ctx->root, path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			snprintf(out, size, "%s", path);
			return 0;
		}
	}
	pw_error_set(cp->err, PW_EXIT_DATAERR,
		     _("systemd's serial-getty@.service is in neither /lib/systemd/system nor /usr/lib/systemd/system of the guest, so no login prompt can be enabled on %s. Reinstall systemd in the guest, then run the wizard again."),
		     cp->dev);
	return -ENOENT;
}

static int plan_systemd(struct cplan *cp)
{
	struct pw_root *root = cp->ctx->root;
	char wants[256], unit[256], tmpl[256], target[512];
	const char *masks[2] = { unit, tmpl };
	struct stat sb;
	bool link_ok;
	int ret;

	snprintf(wants, sizeof(wants), GETTY_WANTS "/serial-getty@%s.service", cp->dev);
	snprintf(unit, sizeof(unit), SYSTEMD_ETC "/serial-getty@%s.service", cp->dev);
	snprintf(tmpl, sizeof(tmpl), SYSTEMD_ETC "/serial-getty@.service");

	for (size_t i = 0; i < ARRAY_SIZE(masks); i++) {
		if (!is_mask(root, masks[i]))
			continue;
		if (pw_plan_remove(cp->plan, masks[i], "", 0) < 0)
			return no_memory(cp);
		pw_plan_note(cp->plan, _("The mask %s (a link to /dev/null) is removed."), masks[i]);
	}
	link_ok = pw_root_lstat(root, wants, &sb) == 0 && !is_mask(root, wants) &&
		  pw_root_stat(root, wants, &sb) == 0;
	if (!link_ok) {
		ret = systemd_template(cp, target, sizeof(target));
		if (ret < 0)
			return ret;
		if (pw_plan_symlink(cp->plan, wants, target) < 0)
			return no_memory(cp);
		pw_plan_note(cp->plan, _("A login prompt on %s is enabled for systemd: %s links to %s."), cp->dev,
		     wants, target);
	}
	/* systemd's own TERM for the line is missing: name one in a drop-in */
	if (cp->st.term_source == PW_TERM_SYSTEMD_DEFAULT && cp->st.term_found != 0) {
		struct pw_buf out = { 0 };
		char path[512];

		ret = choose_term(cp);
		if (ret < 0)
			return ret;
		snprintf(path, sizeof(path), SYSTEMD_ETC "/serial-getty@%s.service.d/" DROP_IN,
			 cp->dev);
		pw_buf_printf(&out, "# Added by paravm-wizard: the terminal type for the console.\n"
				 "[Service]\nEnvironment=TERM=%s\n", cp->term);
		ret = out.failed ? -ENOMEM
				 : pw_plan_write(cp->plan, path, "", 0, false, out.data, out.len, 0644);
		free(out.data);
		if (ret < 0)
			return no_memory(cp);
		pw_plan_note(cp->plan, _("%s sets TERM=%s for the login prompt on %s."), path, cp->term,
		     cp->dev);
	}
	return 0;
}

/* ---- /etc/securetty ---------------------------------------------------- */

static int plan_securetty(struct cplan *cp)
{
	struct pw_buf out = { 0 };
	char *text;
	size_t len;
	int ret;

	ret = read_guest(cp, SECURETTY, &text, &len);
	if (ret < 0)
		return ret;
	pw_buf_add(&out, text, len);
	if (len && text[len - 1] != '\n')
		pw_buf_str(&out, "\n");
	pw_buf_printf(&out, "%s\n", cp->dev);
	ret = out.failed ? -ENOMEM
			 : pw_plan_write(cp->plan, SECURETTY, text, len, true, out.data, out.len, 0644);
	free(out.data);
	free(text);
	if (ret < 0)
		return no_memory(cp);
	pw_plan_note(cp->plan, _("/etc/securetty gets %s, so that root may log in there."), cp->dev);
	return 0;
}

int pw_plan_console(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	struct cplan *cp = calloc(1, sizeof(*cp));
	int ret;

	if (!cp) {
		pw_error_set(err, PW_EXIT_CANTCREAT, "%s", _("Out of memory."));
		return -ENOMEM;
	}
	cp->ctx = ctx;
	cp->plan = plan;
	cp->err = err;
	ret = pw_console_state(ctx, &cp->st);
	if (ret == 1)
		goto out; /* no profile: the inspect says the step is blocked */
	if (ret < 0) {
		read_error(err, cp->st.error_file, ret);
		goto out;
	}
	cp->dev = cp->st.device;

	switch (cp->st.init) {
	case PW_INIT_SYSVINIT:
		ret = plan_inittab(cp);
		break;
	case PW_INIT_UPSTART_EVENTD:
		ret = plan_upstart(cp, false);
		break;
	case PW_INIT_UPSTART:
		ret = plan_upstart(cp, true);
		break;
	case PW_INIT_SYSTEMD:
		ret = plan_systemd(cp);
		break;
	}
	if (ret < 0)
		goto out;
	if (cp->st.securetty == PW_SECURETTY_MISSING) {
		ret = plan_securetty(cp);
		if (ret < 0)
			goto out;
	}
	if (cp->term_fallback)
		pw_plan_note(plan,
		     _("The guest's terminfo has no entry for %s, the terminal type this release's profile names, so %s is used instead."),
		     ctx->profile.term, cp->term);
	ret = pw_plan_empty(plan) ? 1 : 0;
out:
	free(cp);
	return ret;
}

