/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the wizard knows about one guest: the root it reads, the site and
 * profile in force, facts read once and shared by several steps (release,
 * dpkg status), and each step's result. checks/ fills it; screens/ and the
 * reports in wizard/ only read it.
 */
#ifndef PW_MODEL_H
#define PW_MODEL_H

#include "pw.h"
#include "pw-config.h"

struct pw_root;

/* The release, as the guest's own files say. */
struct pw_distro {
	char id[16];		/* "debian", "ubuntu", or another os-release ID */
	char version[32];	/* "4.0", "12.5", "22.04"; may be empty */
	char codename[32];	/* "etch", "bookworm"; may be empty */
	char source[64];	/* the file that told */
	/* a release file that exists but could not be used, and why */
	char broken_file[64];
	int broken_error;
};

/* One package's entry in the dpkg status file. */
struct pw_dpkg_pkg {
	char name[64];
	bool found;
	bool installed;		/* "install ok installed" */
	char status[64];	/* the Status: field as written */
	char version[64];
	char arch[24];
};

#define PW_DPKG_MAX 40

struct pw_dpkg {
	int error;		/* 0, or why the status file could not be read */
	unsigned long packages; /* paragraphs read */
	size_t count;
	struct pw_dpkg_pkg pkgs[PW_DPKG_MAX];
};

struct pw_ctx {
	struct pw_root *root;
	struct pw_site site;
	struct pw_profiles *profiles;

	struct pw_distro distro;
	int distro_error;	/* 0, or why the release could not be read */
	bool have_profile;
	bool profile_guessed;	/* newer release, newest profile used */
	struct pw_profile profile;

	struct pw_dpkg dpkg;

	struct pw_answers answers;	/* --answers, or all empty */

	struct pw_result results[PW_STEP_COUNT];
};

/* Read the release, match the profile, scan dpkg status: once per run. */
void pw_ctx_gather(struct pw_ctx *ctx);

/* The distribution's name for display ("Debian 4.0 (etch)"). */
void pw_distro_describe(const struct pw_ctx *ctx, char *buf, size_t size);
int pw_distro_detect(struct pw_root *root, struct pw_distro *distro);

/* dpkg status: look up @names in one pass; 0, or negative errno. */
void pw_dpkg_want(struct pw_dpkg *dpkg, const char *name);
int pw_dpkg_scan(struct pw_root *root, struct pw_dpkg *dpkg);
const struct pw_dpkg_pkg *pw_dpkg_find(const struct pw_dpkg *dpkg, const char *name);
bool pw_dpkg_installed(const struct pw_dpkg *dpkg, const char *name);

/* A step that depends on the release: blocked (and false) without a profile. */
bool pw_need_profile(const struct pw_ctx *ctx, struct pw_result *r);

/* The init system the guest will boot (dpkg status, then /sbin/init). */
enum pw_init pw_guess_init(const struct pw_ctx *ctx);

/*
 * Each step's inspect: read only, never prints, fills @r with a status and
 * a message that says what was found and what is left to do.
 */
void pw_inspect_arch(struct pw_ctx *ctx, struct pw_result *r);
void pw_inspect_distro(struct pw_ctx *ctx, struct pw_result *r);
void pw_inspect_network(struct pw_ctx *ctx, struct pw_result *r);
void pw_inspect_packages(struct pw_ctx *ctx, struct pw_result *r);
void pw_inspect_grub(struct pw_ctx *ctx, struct pw_result *r);
void pw_inspect_console(struct pw_ctx *ctx, struct pw_result *r);
void pw_inspect_disks(struct pw_ctx *ctx, struct pw_result *r);

/*
 * A guest file that could not be used: the finding names the file, says
 * why, and what to do. @st is the status it earns for the step.
 */
void pw_result_file_problem(struct pw_result *r, enum pw_status st, const char *path, int err);
/* Append a finished sentence to one message of a result. */
void pw_result_append_text(char *msg, const char *text);

#endif /* PW_MODEL_H */
