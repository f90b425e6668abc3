/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The console step: a login prompt on the ParaVM console (xvc0 or hvc0)
 * under the guest's init system, root allowed to log in there, and a TERM
 * the guest's terminfo knows.
 *
 * The parsers take a text buffer (from pw_root_read_text) so that tests
 * feed them strings; pw_console_state() reads the guest and puts the facts
 * together for the inspect, the apply step and the screen.
 */
#ifndef PW_CONSOLE_H
#define PW_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "pw-config.h"

struct pw_root;
struct pw_ctx;

/* A getty command line: "/sbin/getty 38400 hvc0 vt102". */
struct pw_getty {
	char program[64]; /* its base name: "getty", "agetty", "mingetty" */
	char tty[32];	  /* the line, without "/dev/"; "" if none, "-" for stdin */
	char term[32];	  /* the TERM it names; "" if none */
};

/*
 * Parse a command that may run a getty (blank-separated, with shell quotes;
 * options of agetty and mingetty skipped). The port and the TERM are the
 * first and second arguments that are not baud rates, so both orders of
 * agetty ("38400 hvc0" and "hvc0 38400") read the same.
 * 0 a getty, 1 another program.
 */
int pw_getty_parse(const char *cmd, struct pw_getty *out);

/*
 * The TERM a getty sets when its line names none, or NULL if unknown.
 * agetty (Debian's /sbin/getty) sets vt102 on a line that is not a virtual
 * terminal since util-linux 2.20; older ones set none and login keeps the
 * "linux" that init inherits from the kernel, as mingetty always does.
 * This is an assumption and the callers say so.
 */
const char *pw_getty_default_term(const char *program);

/* /etc/inittab: "id:runlevels:action:process". */
struct pw_inittab_entry {
	unsigned int line;	/* 1-based */
	size_t start, len;	/* the line's bytes in the buffer, without '\n' */
	bool commented;		/* "#T0:23:respawn:..." */
	char id[8];
	char runlevels[16];	/* "" means every runlevel */
	char action[24];
	char process[512];
};

struct pw_inittab {
	struct pw_inittab_entry *entries;
	size_t count;
	unsigned int bad_lines;	/* uncommented lines that are not entries */
	char initdefault[4];	/* runlevel of the initdefault entry, "" if none */
};

/* 0, or -ENOMEM. Free with pw_inittab_free() in either case. */
int pw_inittab_parse(const char *text, size_t len, struct pw_inittab *out);
void pw_inittab_free(struct pw_inittab *tab);
/* The runlevel init enters: initdefault's, else "2" (Debian's default). */
const char *pw_inittab_default_runlevel(const struct pw_inittab *tab);

/* What keeps (or fails to keep) a login prompt on the console. */
enum pw_getty_state {
	PW_GETTY_NONE,		/* nothing runs a getty on the device */
	PW_GETTY_COMMENTED,	/* inittab: its line is commented out */
	PW_GETTY_NOT_RESPAWN,	/* inittab: action off, once...; Upstart: no respawn */
	PW_GETTY_RUNLEVELS,	/* inittab: not in the default runlevel */
	PW_GETTY_NO_START,	/* Upstart: no "start on" */
	PW_GETTY_MANUAL,	/* Upstart: "manual" in the job or its .override */
	PW_GETTY_BROKEN_LINK,	/* systemd: the wants link leads nowhere */
	PW_GETTY_MASKED,	/* systemd: the unit is linked to /dev/null */
	PW_GETTY_ON,		/* a login prompt after every boot and logout */
};

/*
 * The inittab entry that runs a getty on @dev ("hvc0"): the one in the best
 * state, with @state and @getty set; NULL and PW_GETTY_NONE if none.
 */
const struct pw_inittab_entry *pw_inittab_find_getty(const struct pw_inittab *tab,
						     const char *dev,
						     enum pw_getty_state *state,
						     struct pw_getty *getty);

/* An Upstart job: /etc/event.d/<job> (0.3) or /etc/init/<job>.conf (0.6+). */
struct pw_upstart_job {
	bool start_on;		/* an uncommented "start on" stanza */
	bool manual;		/* a "manual" stanza */
	bool respawn;
	bool has_getty;
	unsigned int getty_line; /* where the getty is run */
	struct pw_getty getty;	/* the first getty the job runs */
};

/*
 * Parse a job or .override file. A getty is found in "exec" and in the
 * lines of a "script" block. 0 always (nothing to allocate).
 */
int pw_upstart_parse(const char *text, size_t len, struct pw_upstart_job *job);

/* The next argument of a command line, shell quotes removed; false at the end. */
bool pw_getty_next_arg(const char **pos, char *out, size_t size);

/* Does /etc/securetty list @dev ("hvc0" or "/dev/hvc0" on a line)? */
bool pw_securetty_lists(const char *text, size_t len, const char *dev);

/* The compiled terminfo magic numbers: 0432 and (ncurses 6) 01036, little-endian. */
bool pw_terminfo_magic_ok(const unsigned char *head, size_t n);
/*
 * Find @term in the guest's terminfo (/etc/terminfo, /lib/terminfo,
 * /usr/share/terminfo; "v/vt102" and the hex form "76/vt102").
 * 0 found (@path set), 1 not there, PW_EFORMAT found but not compiled
 * terminfo (@path set), -EINVAL a name that cannot be a terminal type.
 */
int pw_terminfo_find(struct pw_root *root, const char *term, char *path, size_t size);

/* Where the TERM of the console comes from. */
enum pw_term_source {
	PW_TERM_NAMED,		/* on the getty's command line, or a unit's Environment= */
	PW_TERM_GETTY_DEFAULT,	/* the getty's own default (assumed) */
	PW_TERM_SYSTEMD_DEFAULT, /* systemd's default for serial lines, as the profile gives it */
	PW_TERM_PROFILE,	/* no getty yet: what the wizard would write */
};

enum pw_securetty_state {
	PW_SECURETTY_ABSENT,	/* no /etc/securetty: root may log in anywhere */
	PW_SECURETTY_LISTS,
	PW_SECURETTY_MISSING,	/* the file exists and does not list the device */
	PW_SECURETTY_ERROR,	/* it could not be read (see error) */
};

struct pw_console_state {
	char device[16];	/* the profile's console: "xvc0", "hvc0" */
	enum pw_init init;	/* pw_guess_init() */

	enum pw_getty_state getty;
	char getty_file[256];	/* the file with the getty (or where one belongs) */
	unsigned int getty_line; /* its line there; 0 when not a line (systemd) */
	char getty_program[64];
	char action[24];	/* inittab action, for PW_GETTY_NOT_RESPAWN */
	char runlevels[16];	/* inittab runlevels, for PW_GETTY_RUNLEVELS */
	char default_runlevel[4];
	char disabled_by[256];	/* the Upstart file saying "manual", the systemd mask */
	char link_target[256];	/* systemd: where a broken wants link leads */
	char other_device[16];	/* no getty on device, but one on the other name */
	bool getty_unknown;	/* the file that tells could not be read (see error) */

	char term[32];
	enum pw_term_source term_source;
	int term_found;		/* as pw_terminfo_find(); 1 when there is no term */
	char term_path[256];

	enum pw_securetty_state securetty;

	int error;		/* the first guest file that could not be read */
	char error_file[256];
};

/*
 * Gather the facts. 0 done; 1 no profile (the device is unknown); a
 * negative errno when a file could not be read (@out->error_file names it,
 * and what could be read is filled in).
 */
int pw_console_state(struct pw_ctx *ctx, struct pw_console_state *out);

/*
 * The console step's live test, for a wizard running inside the VM (root
 * "/"): does the console device exist, and does a getty run on it now?
 * 1 when it cannot be tested here (a guest under --root, or the device is
 * absent, as under HVM); 0 tested, @running set.
 */
int pw_console_live_check(struct pw_ctx *ctx, const char *proc_dir, bool *running);

/* "sysvinit", "Upstart", "systemd": for messages (not translated: names). */
const char *pw_console_init_name(enum pw_init init);

struct pw_plan;
struct pw_progress;
struct pw_txn;

/*
 * The step's plan (checks/steps/console-plan.c): the getty for the init system
 * (an /etc/inittab line after the other getty lines, or the commented-out
 * one repaired; an Upstart job and its .override; systemd's wants link,
 * its masks removed), /etc/securetty, and a TERM the guest's terminfo has.
 * 0 planned, 1 nothing to do, negative errno with @err filled.
 */
int pw_plan_console(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);

#endif /* PW_CONSOLE_H */
