// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * console: after the switch the VNC console is gone and the serial console
 * (xvc0 or hvc0) is the owner's only way in, so a login prompt must run
 * there, root must be allowed to log in, and TERM must be one the guest's
 * terminfo knows.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-console.h"
#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

#define INITTAB "/etc/inittab"
#define SECURETTY "/etc/securetty"
#define SYSTEMD_ETC "/etc/systemd/system"
#define GETTY_WANTS SYSTEMD_ETC "/getty.target.wants"
#define DIR_MAX_NAMES 4096

const char *pw_console_init_name(enum pw_init init)
{
	switch (init) {
	case PW_INIT_SYSVINIT:
		return "sysvinit";
	case PW_INIT_UPSTART_EVENTD:
	case PW_INIT_UPSTART:
		return "Upstart";
	case PW_INIT_SYSTEMD:
		return "systemd";
	}
	return "init";
}

static void copy_str(char *dst, size_t size, const char *s)
{
	pw_copy(dst, size, s, strlen(s));
}

static void note_error(struct pw_console_state *st, const char *path, int err)
{
	if (st->error)
		return;
	st->error = err;
	copy_str(st->error_file, sizeof(st->error_file), path);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The TERM a getty that was found sets. */
static void term_from_getty(struct pw_console_state *st, const struct pw_getty *g)
{
	const char *def = pw_getty_default_term(g->program);

	copy_str(st->getty_program, sizeof(st->getty_program), g->program);
	if (g->term[0]) {
		copy_str(st->term, sizeof(st->term), g->term);
		st->term_source = PW_TERM_NAMED;
	} else if (def) {
		copy_str(st->term, sizeof(st->term), def);
		st->term_source = PW_TERM_GETTY_DEFAULT;
	} else {
		st->term[0] = '\0';
		st->term_source = PW_TERM_GETTY_DEFAULT;
	}
}

static int read_text(struct pw_root *root, const char *path, char **text, size_t *len)
{
	return pw_root_read_text(root, path, PW_TEXT_MAX, text, len);
}

/* sysvinit: the getty line of /etc/inittab. */
static void sysvinit_getty(struct pw_ctx *ctx, struct pw_console_state *st, const char *dev)
{
	struct pw_inittab tab;
	const struct pw_inittab_entry *e;
	struct pw_getty g;
	char *text;
	size_t len;
	int ret;

	copy_str(st->getty_file, sizeof(st->getty_file), INITTAB);
	ret = read_text(ctx->root, INITTAB, &text, &len);
	if (ret < 0) {
		note_error(st, INITTAB, ret);
		st->getty_unknown = true;
		return;
	}
	ret = pw_inittab_parse(text, len, &tab);
	free(text);
	if (ret < 0) {
		pw_inittab_free(&tab);
		note_error(st, INITTAB, ret);
		st->getty_unknown = true;
		return;
	}
	copy_str(st->default_runlevel, sizeof(st->default_runlevel),
		 pw_inittab_default_runlevel(&tab));
	e = pw_inittab_find_getty(&tab, dev, &st->getty, &g);
	if (e) {
		st->getty_line = e->line;
		copy_str(st->action, sizeof(st->action), e->action);
		copy_str(st->runlevels, sizeof(st->runlevels), e->runlevels);
		term_from_getty(st, &g);
	}
	pw_inittab_free(&tab);
}

/* Upstart 0.3 reads every file of /etc/event.d; skip package leftovers. */
static bool eventd_job_name(const char *name)
{
	return name[0] != '.' && !has_suffix(name, "~") && !strstr(name, ".dpkg-") &&
	       !has_suffix(name, ".rpmsave") && !has_suffix(name, ".rpmnew");
}

static enum pw_getty_state upstart_job_state(struct pw_ctx *ctx, struct pw_console_state *st,
					     const char *dir, const char *name, bool overrides,
					     const struct pw_upstart_job *job, char *disabled_by,
					     size_t size)
{
	struct pw_upstart_job ov = { 0 };
	char path[512];
	bool start_on = job->start_on;
	char *text;
	size_t len;

	disabled_by[0] = '\0';
	if (job->manual)
		snprintf(disabled_by, size, "%s/%s", dir, name);
	if (overrides) {
		int ret;

		/* lucid's 0.6.5 knows no .override; reading one is harmless */
		snprintf(path, sizeof(path), "%s/%.*s.override", dir,
			 (int)(strlen(name) - strlen(".conf")), name);
		ret = read_text(ctx->root, path, &text, &len);
		if (ret == 0) {
			pw_upstart_parse(text, len, &ov);
			free(text);
			if (ov.start_on)
				start_on = true;
			if (ov.manual && !disabled_by[0])
				snprintf(disabled_by, size, "%s", path);
		} else if (ret != -ENOENT) {
			note_error(st, path, ret);
		}
	}
	if (disabled_by[0])
		return PW_GETTY_MANUAL;
	if (!start_on)
		return PW_GETTY_NO_START;
	if (!job->respawn)
		return PW_GETTY_NOT_RESPAWN;
	return PW_GETTY_ON;
}

/* Upstart: the job of /etc/event.d or /etc/init that runs a getty on @dev. */
static void upstart_getty(struct pw_ctx *ctx, struct pw_console_state *st, const char *dev,
			  bool init_d)
{
	const char *dir = init_d ? "/etc/init" : "/etc/event.d";
	char **names;
	size_t count;
	int ret;

	if (init_d)
		snprintf(st->getty_file, sizeof(st->getty_file), "%s/%s.conf", dir, dev);
	else
		snprintf(st->getty_file, sizeof(st->getty_file), "%s/%s", dir, dev);
	ret = pw_root_list(ctx->root, dir, NULL, NULL, DIR_MAX_NAMES, &names, &count);
	if (ret == -ENOENT)
		return; /* no jobs at all: the getty job belongs there */
	if (ret < 0) {
		note_error(st, dir, ret);
		st->getty_unknown = true;
		return;
	}
	for (size_t i = 0; i < count; i++) {
		struct pw_upstart_job job;
		enum pw_getty_state state;
		char path[512], disabled_by[512];
		char *text;
		size_t len;

		if (init_d ? !has_suffix(names[i], ".conf") : !eventd_job_name(names[i]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		ret = read_text(ctx->root, path, &text, &len);
		if (ret == -EISDIR || ret == PW_ENOTREG || ret == -ENOENT)
			continue;
		if (ret < 0) {
			note_error(st, path, ret);
			continue;
		}
		pw_upstart_parse(text, len, &job);
		free(text);
		if (!job.has_getty || strcmp(job.getty.tty, dev) != 0)
			continue;
		state = upstart_job_state(ctx, st, dir, names[i], init_d, &job, disabled_by,
					  sizeof(disabled_by));
		if (state <= st->getty)
			continue;
		st->getty = state;
		copy_str(st->getty_file, sizeof(st->getty_file), path);
		st->getty_line = job.getty_line;
		copy_str(st->disabled_by, sizeof(st->disabled_by), disabled_by);
		term_from_getty(st, &job.getty);
	}
	pw_names_free(names, count);
}

static bool is_mask(struct pw_root *root, const char *path)
{
	char target[256];

	return pw_root_readlink(root, path, target, sizeof(target)) == 0 &&
	       strcmp(target, "/dev/null") == 0;
}

/* A TERM= in the Environment= lines of a unit or drop-in file. */
static void unit_environment_term(const char *text, size_t len, char *term, size_t size)
{
	struct pw_lines it;
	const char *line;
	size_t n;

	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end), *p;
		char value[1024], arg[256];

		if (!pw_has_prefix(s, (size_t)(end - s), "Environment="))
			continue;
		s += strlen("Environment=");
		pw_copy(value, sizeof(value), s, (size_t)(end - s));
		p = value;
		while (pw_getty_next_arg(&p, arg, sizeof(arg)))
			if (strncmp(arg, "TERM=", 5) == 0)
				pw_copy(term, size, arg + 5, strlen(arg + 5));
	}
}

static void unit_file_term(struct pw_ctx *ctx, const char *path, char *term, size_t size)
{
	char *text;
	size_t len;

	if (read_text(ctx->root, path, &text, &len) == 0) {
		unit_environment_term(text, len, term, size);
		free(text);
	}
}

/*
 * The TERM that /etc sets for @unit ("serial-getty@hvc0.service"): in a
 * local copy of the unit or its template, or in their drop-ins, template
 * first as systemd reads them.
 */
static void systemd_unit_term(struct pw_ctx *ctx, const char *unit, char *term, size_t size)
{
	char tmpl[128], path[512];
	const char *units[] = { tmpl, unit };

	snprintf(tmpl, sizeof(tmpl), "%.*s.service", (int)strcspn(unit, "@") + 1, unit);

	for (size_t u = 0; u < ARRAY_SIZE(units); u++) {
		char **names;
		size_t count;

		snprintf(path, sizeof(path), SYSTEMD_ETC "/%s", units[u]);
		if (!is_mask(ctx->root, path))
			unit_file_term(ctx, path, term, size);
		snprintf(path, sizeof(path), SYSTEMD_ETC "/%s.d", units[u]);
		if (pw_root_list(ctx->root, path, NULL, NULL, DIR_MAX_NAMES, &names, &count) < 0)
			continue;
		for (size_t i = 0; i < count; i++) {
			char file[1024];

			if (!has_suffix(names[i], ".conf"))
				continue;
			snprintf(file, sizeof(file), "%s/%s", path, names[i]);
			unit_file_term(ctx, file, term, size);
		}
		pw_names_free(names, count);
	}
}

/* systemd: serial-getty@DEV.service (or getty@DEV.service) wanted by getty.target. */
static void systemd_getty(struct pw_ctx *ctx, struct pw_console_state *st, const char *dev)
{
	static const char *const templates[] = { "serial-getty@.service", "getty@.service" };

	snprintf(st->getty_file, sizeof(st->getty_file),
		 GETTY_WANTS "/serial-getty@%s.service", dev);
	for (size_t i = 0; i < ARRAY_SIZE(templates); i++) {
		const char *tmpl = templates[i];
		char unit[64], wants[256], unit_path[256], tmpl_path[256], target[256];
		enum pw_getty_state state = PW_GETTY_NONE;
		struct stat sb;
		const char *mask = NULL;

		snprintf(unit, sizeof(unit), "%.*s%s%s", (int)(strchr(tmpl, '@') + 1 - tmpl),
			 tmpl, dev, ".service");
		snprintf(wants, sizeof(wants), GETTY_WANTS "/%s", unit);
		snprintf(unit_path, sizeof(unit_path), SYSTEMD_ETC "/%s", unit);
		snprintf(tmpl_path, sizeof(tmpl_path), SYSTEMD_ETC "/%s", tmpl);
		target[0] = '\0';

		if (is_mask(ctx->root, unit_path))
			mask = unit_path;
		else if (is_mask(ctx->root, tmpl_path))
			mask = tmpl_path;
		else if (is_mask(ctx->root, wants))
			mask = wants;
		if (mask) {
			state = PW_GETTY_MASKED;
		} else if (pw_root_lstat(ctx->root, wants, &sb) == 0) {
			if (pw_root_stat(ctx->root, wants, &sb) == 0) {
				state = PW_GETTY_ON;
			} else {
				state = PW_GETTY_BROKEN_LINK;
				pw_root_readlink(ctx->root, wants, target, sizeof(target));
			}
		}
		if (state <= st->getty)
			continue;
		st->getty = state;
		copy_str(st->getty_file, sizeof(st->getty_file), wants);
		copy_str(st->disabled_by, sizeof(st->disabled_by), mask ? mask : "");
		copy_str(st->link_target, sizeof(st->link_target), target);
	}
	copy_str(st->getty_program, sizeof(st->getty_program), "agetty");
	/* serial-getty@.service passes systemd's TERM, unless /etc sets one */
	st->term[0] = '\0';
	systemd_unit_term(ctx, strrchr(st->getty_file, '/') + 1, st->term, sizeof(st->term));
	if (st->term[0]) {
		st->term_source = PW_TERM_NAMED;
	} else {
		copy_str(st->term, sizeof(st->term), ctx->profile.term);
		st->term_source = PW_TERM_SYSTEMD_DEFAULT;
	}
}

static void find_getty(struct pw_ctx *ctx, struct pw_console_state *st, const char *dev)
{
	switch (st->init) {
	case PW_INIT_SYSVINIT:
		sysvinit_getty(ctx, st, dev);
		break;
	case PW_INIT_UPSTART_EVENTD:
		upstart_getty(ctx, st, dev, false);
		break;
	case PW_INIT_UPSTART:
		upstart_getty(ctx, st, dev, true);
		break;
	case PW_INIT_SYSTEMD:
		systemd_getty(ctx, st, dev);
		break;
	}
}

/* The console's name under the other family of Xen kernels. */
static const char *other_console(const char *dev)
{
	if (strcmp(dev, "hvc0") == 0)
		return "xvc0";
	if (strcmp(dev, "xvc0") == 0)
		return "hvc0";
	return NULL;
}

int pw_console_state(struct pw_ctx *ctx, struct pw_console_state *out)
{
	const char *other;
	char *text;
	size_t len;
	int ret;

	memset(out, 0, sizeof(*out));
	out->term_found = 1;
	if (!ctx->have_profile)
		return 1;
	copy_str(out->device, sizeof(out->device), ctx->profile.console);
	out->init = pw_guess_init(ctx);
	out->term_source = PW_TERM_PROFILE;
	find_getty(ctx, out, out->device);

	other = other_console(out->device);
	if (out->getty == PW_GETTY_NONE && !out->getty_unknown && other) {
		struct pw_console_state *alt = calloc(1, sizeof(*alt));

		if (alt) {
			alt->init = out->init;
			find_getty(ctx, alt, other);
			if (alt->getty == PW_GETTY_ON)
				copy_str(out->other_device, sizeof(out->other_device), other);
			free(alt);
		}
	}
	if (out->term_source == PW_TERM_PROFILE)
		copy_str(out->term, sizeof(out->term), ctx->profile.term);
	if (out->term[0])
		out->term_found = pw_terminfo_find(ctx->root, out->term, out->term_path,
						   sizeof(out->term_path));

	ret = read_text(ctx->root, SECURETTY, &text, &len);
	if (ret == -ENOENT) {
		out->securetty = PW_SECURETTY_ABSENT;
	} else if (ret < 0) {
		out->securetty = PW_SECURETTY_ERROR;
		note_error(out, SECURETTY, ret);
	} else {
		out->securetty = pw_securetty_lists(text, len, out->device) ? PW_SECURETTY_LISTS
									    : PW_SECURETTY_MISSING;
		free(text);
	}
	return out->error ? out->error : 0;
}

/* What keeps the login prompt away, as one finding. */
static void report_getty(struct pw_result *r, const struct pw_console_state *st)
{
	const char *dev = st->device, *file = st->getty_file;
	bool upstart = st->init == PW_INIT_UPSTART || st->init == PW_INIT_UPSTART_EVENTD;

	switch (st->getty) {
	case PW_GETTY_ON:
		break;
	case PW_GETTY_NONE:
		if (st->init == PW_INIT_SYSVINIT)
			pw_result_add(r, PW_TODO,
				      N_("No login prompt on %s: /etc/inittab has no getty line for it."),
				      dev);
		else if (upstart)
			pw_result_add(r, PW_TODO,
				      N_("No login prompt on %s: no Upstart job in %s runs a getty on it."),
				      dev, st->init == PW_INIT_UPSTART ? "/etc/init" : "/etc/event.d");
		else
			pw_result_add(r, PW_TODO,
				      N_("No login prompt is enabled on %s: %s does not exist. systemd may start one there by itself, but the wizard enables it so that it can be checked."),
				      dev, file);
		if (st->other_device[0])
			pw_result_add(r, PW_TODO,
				      N_("There is one on %s, the console's name under other Xen kernels; this release's ParaVM kernel calls it %s."),
				      st->other_device, dev);
		break;
	case PW_GETTY_COMMENTED:
		pw_result_add(r, PW_TODO,
			      N_("No login prompt on %s: its getty line in %s (line %u) is commented out."),
			      dev, file, st->getty_line);
		break;
	case PW_GETTY_NOT_RESPAWN:
		if (upstart)
			pw_result_add(r, PW_TODO,
				      N_("No lasting login prompt on %s: the Upstart job %s has no \"respawn\" line, so after the first logout the prompt does not come back."),
				      dev, file);
		else
			pw_result_add(r, PW_TODO,
				      N_("No lasting login prompt on %s: its getty line in %s (line %u) has the action \"%s\" instead of \"respawn\"."),
				      dev, file, st->getty_line, st->action);
		break;
	case PW_GETTY_RUNLEVELS:
		pw_result_add(r, PW_TODO,
			      N_("No login prompt on %s: its getty line in %s (line %u) runs in runlevels %s, but the system starts in runlevel %s."),
			      dev, file, st->getty_line, st->runlevels, st->default_runlevel);
		break;
	case PW_GETTY_NO_START:
		pw_result_add(r, PW_TODO,
			      N_("No login prompt on %s: the Upstart job %s runs a getty on it but has no \"start on\" line, so it never starts."),
			      dev, file);
		break;
	case PW_GETTY_MANUAL:
		pw_result_add(r, PW_TODO,
			      N_("No login prompt on %s: the Upstart job %s is switched off by \"manual\" in %s."),
			      dev, file, st->disabled_by);
		break;
	case PW_GETTY_BROKEN_LINK:
		pw_result_add(r, PW_TODO,
			      N_("No login prompt on %s: %s links to %s, which does not exist in the guest."),
			      dev, file, st->link_target[0] ? st->link_target : "?");
		break;
	case PW_GETTY_MASKED:
		pw_result_add(r, PW_TODO,
			      N_("No login prompt on %s: the getty service is masked (%s links to /dev/null), so systemd never starts it."),
			      dev, st->disabled_by);
		break;
	}
}

static void report_term(struct pw_result *r, const struct pw_console_state *st)
{
	const char *dev = st->device, *term = st->term;

	if (!term[0] && st->term_source == PW_TERM_PROFILE)
		return; /* nothing to check until a getty is set up */
	if (!term[0]) {
		pw_result_add(r, PW_WARN,
			      N_("The getty on %s (%s) names no terminal type and its default is not known to this wizard, so TERM could not be checked."),
			      dev, st->getty_program);
		return;
	}
	if (st->term_found == 1) {
		switch (st->term_source) {
		case PW_TERM_NAMED:
			pw_result_add(r, PW_TODO,
				      N_("The terminal type %s set for %s is not in the guest's terminfo database (/etc/terminfo, /lib/terminfo, /usr/share/terminfo), so full-screen programs would not work there. Install the package that has it (ncurses-base or ncurses-term), or name another type."),
				      term, dev);
			break;
		case PW_TERM_GETTY_DEFAULT:
			pw_result_add(r, PW_TODO,
				      N_("The getty on %s names no terminal type; its default is taken to be %s, which is not in the guest's terminfo database, so full-screen programs would not work there. Name a type on the getty line."),
				      dev, term);
			break;
		case PW_TERM_SYSTEMD_DEFAULT:
			pw_result_add(r, PW_TODO,
				      N_("systemd sets the terminal type %s on %s, but it is not in the guest's terminfo database, so full-screen programs would not work there. Install the package that has it (ncurses-base or ncurses-term)."),
				      term, dev);
			break;
		case PW_TERM_PROFILE:
			pw_result_add(r, PW_TODO,
				      N_("The terminal type %s that the wizard would set on %s is not in the guest's terminfo database. Install the package that has it (ncurses-base or ncurses-term) first."),
				      term, dev);
			break;
		}
	} else if (st->term_found == PW_EFORMAT) {
		pw_result_add(r, PW_TODO,
			      N_("%s, where the terminal type %s should be described, is not a compiled terminfo entry. Reinstall the package that owns it."),
			      st->term_path, term);
	} else if (st->term_found == -EINVAL) {
		pw_result_add(r, PW_TODO,
			      N_("\"%s\", the terminal type named for %s, cannot be a terminal type's name."),
			      term, dev);
	} else if (st->term_found < 0) {
		pw_result_file_problem(r, PW_WARN, st->term_path, st->term_found);
	}
}

/* The getty that works, and where, as the ok findings. */
static void report_ok(struct pw_result *r, const struct pw_console_state *st)
{
	const char *init = pw_console_init_name(st->init);

	if (st->getty_line)
		pw_result_add(r, PW_OK,
			      N_("%s starts a login prompt on %s (%s, line %u)."),
			      init, st->device, st->getty_file, st->getty_line);
	else
		pw_result_add(r, PW_OK, N_("%s starts a login prompt on %s (%s)."),
			      init, st->device, st->getty_file);
	if (st->term_found == 0) {
		switch (st->term_source) {
		case PW_TERM_NAMED:
		case PW_TERM_PROFILE:
			pw_result_add(r, PW_OK, N_("Its terminal type is %s."), st->term);
			break;
		case PW_TERM_GETTY_DEFAULT:
			pw_result_add(r, PW_OK,
				      N_("The getty names no terminal type; %s, %s's default for such lines, is assumed."),
				      st->term, st->getty_program);
			break;
		case PW_TERM_SYSTEMD_DEFAULT:
			pw_result_add(r, PW_OK,
				      N_("Its terminal type is %s, systemd's default for serial lines."),
				      st->term);
			break;
		}
	}
	if (st->securetty == PW_SECURETTY_LISTS)
		pw_result_add(r, PW_OK, N_("Root may log in there (/etc/securetty lists it)."));
	else if (st->securetty == PW_SECURETTY_ABSENT)
		pw_result_add(r, PW_OK,
			      N_("Root may log in there (there is no /etc/securetty to forbid it)."));
}

void pw_inspect_console(struct pw_ctx *ctx, struct pw_result *r)
{
	struct pw_console_state st;

	if (!pw_need_profile(ctx, r))
		return;
	pw_console_state(ctx, &st);

	if (st.getty_unknown) {
		pw_result_file_problem(r, PW_BLOCKED, st.error_file, st.error);
		return;
	}
	if (st.error)
		pw_result_file_problem(r, PW_TODO, st.error_file, st.error);
	if (st.getty == PW_GETTY_ON && st.securetty != PW_SECURETTY_MISSING) {
		bool running;

		report_ok(r, &st);
		/* inside the converted VM, the live test too */
		if (pw_console_live_check(ctx, "/proc", &running) == 0) {
			if (running)
				pw_result_add(r, PW_OK, N_("A login prompt runs on %s now."),
					      st.device);
			else
				pw_result_add(r, PW_WARN,
					      N_("But no login prompt runs on %s now; it starts at the next boot."),
					      st.device);
		}
	} else {
		report_getty(r, &st);
		if (st.securetty == PW_SECURETTY_MISSING)
			pw_result_add(r, PW_TODO,
				      N_("Root cannot log in on %s: /etc/securetty does not list it."),
				      st.device);
	}
	report_term(r, &st);
}
