/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/default/grub and /etc/default/grub.d/NAME.cfg, read as grub-mkconfig
 * reads them: it sources /etc/default/grub, then each grub.d file in the
 * shell's glob order, so a later assignment wins and a value may build on
 * an earlier one ("$GRUB_CMDLINE_LINUX console=hvc0"). The reader
 * (checks/formats/default-grub.c) takes one file's text at a time and
 * carries the variables over; checks/facts/default-grub-files.c finds the
 * files and feeds them in that order. Every step asks this one reader.
 */
#ifndef PW_DEFAULT_GRUB_H
#define PW_DEFAULT_GRUB_H

#include <stdbool.h>
#include <stddef.h>

struct pw_root;

/* The variables the steps ask about. */
enum pw_dg_var {
	PW_DG_CMDLINE_LINUX,		/* GRUB_CMDLINE_LINUX */
	PW_DG_CMDLINE_LINUX_DEFAULT,	/* GRUB_CMDLINE_LINUX_DEFAULT */
	PW_DG_DISABLE_LINUX_UUID,	/* GRUB_DISABLE_LINUX_UUID */
	PW_DG_TIMEOUT,			/* GRUB_TIMEOUT */
	PW_DG_VARS,
};

#define PW_DG_VALUE_MAX 2048
#define PW_DG_FILE_MAX 256

/* A variable as the shell leaves it once every file is sourced. */
struct pw_dg_value {
	char value[PW_DG_VALUE_MAX];	/* quotes removed, $NAME expanded */
	bool set;
	/* made of what the reader cannot know: another variable, $(...), an if */
	bool uncertain;
	bool truncated;			/* longer than PW_DG_VALUE_MAX - 1 */
	char file[PW_DG_FILE_MAX];	/* the assignment that gave the value */
	unsigned int line;
};

/* One assignment to a variable of enum pw_dg_var, where it is in the text. */
struct pw_dg_assign {
	enum pw_dg_var var;
	const char *start;		/* the value as written, quotes included */
	const char *end;
	/* one piece (a bare word without quotes or '\', or one quoted string): */
	bool one_piece;
	char quote;			/* '"', '\'' or 0 */
	const char *inner;		/* the text between the quotes, or the word */
	size_t inner_n;
	unsigned int line, end_line;	/* end_line > line: over several lines */
	bool unclosed;			/* its quote is never closed */
};

struct pw_default_grub {
	struct pw_dg_value var[PW_DG_VARS];
	bool have_main;			/* /etc/default/grub is there (load only) */
	/*
	 * What stops grub-mkconfig: a quote never closed (bad_line is its
	 * line), or a file that cannot be read (bad_line 0, bad_error).
	 */
	char bad_file[PW_DG_FILE_MAX];
	unsigned int bad_line;
	int bad_error;
	/* the assignments of the text parsed last, in order (for the editor) */
	struct pw_dg_assign *assigns;
	size_t assign_count;
};

void pw_default_grub_init(struct pw_default_grub *dg);
void pw_default_grub_free(struct pw_default_grub *dg);
/* The shell's name of @var: "GRUB_CMDLINE_LINUX", ... */
const char *pw_default_grub_name(enum pw_dg_var var);

/*
 * Source one file's text (@file names it in what is recorded): 0;
 * PW_EFORMAT a quote never closed (the shell refuses the file; what came
 * before it is kept, as the shell has run it); -ENOMEM.
 */
int pw_default_grub_parse(struct pw_default_grub *dg, const char *file, const char *text,
			  size_t len);

/*
 * The files of /etc/default/grub.d that grub-mkconfig sources, as guest
 * paths in its order (*.cfg, not hidden, sorted); free with
 * pw_names_free(). 0, or a negative errno (-ENOENT: no such folder).
 */
int pw_default_grub_dropins(struct pw_root *root, char ***paths, size_t *count);
/*
 * Read /etc/default/grub (when it is there) and the grub.d files into
 * @dg, initialised here: 0; PW_EFORMAT or a read error, with bad_file set
 * (the files after it are not read: grub-mkconfig stops there too).
 */
int pw_default_grub_load(struct pw_root *root, struct pw_default_grub *dg);

#endif /* PW_DEFAULT_GRUB_H */
