/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * paravm-wizard: the model shared by checks/, screens/ and wizard/.
 *
 * A step's state is a pw_result: a status and one message, kept both in the
 * owner's language (for screens and --check text) and in English (for the
 * JSON report, which scripts parse and which must not change with LANG).
 */
#ifndef PW_H
#define PW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pw-i18n.h"

#define PW_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit status, as DESIGN.md gives them (sysexits.h values where they exist). */
enum pw_exit {
	PW_EXIT_READY = 0,
	PW_EXIT_TODO = 1,
	PW_EXIT_BLOCKED = 2,
	PW_EXIT_USAGE = 64,
	PW_EXIT_DATAERR = 65,
	PW_EXIT_UNAVAILABLE = 69,
	PW_EXIT_SOFTWARE = 70,	/* internal error: a screen could not be drawn */
	PW_EXIT_CANTCREAT = 73,
	PW_EXIT_IOERR = 74,
	PW_EXIT_TEMPFAIL = 75,	/* a file changed since its change was shown */
};

/* Ordered by severity: a step's status is the worst of its findings. */
enum pw_status {
	PW_OK = 0,
	PW_WARN,
	PW_TODO,
	PW_BLOCKED,
};

enum pw_step_id {
	PW_STEP_ARCH = 0,
	PW_STEP_DISTRO,
	PW_STEP_NETWORK,
	PW_STEP_PACKAGES,
	PW_STEP_GRUB,
	PW_STEP_CONSOLE,
	PW_STEP_DISKS,
	PW_STEP_COUNT
};

/* bytes: room for a long message in Russian or Japanese (2-3 bytes a character) */
#define PW_MSG_MAX 2048

/*
 * An error for the owner: what went wrong (in the owner's language, naming
 * the file or value and what to do), and the exit status it earns.
 */
struct pw_error {
	enum pw_exit code;
	char message[PW_MSG_MAX];
};

void pw_error_set(struct pw_error *err, enum pw_exit code, const char *fmt, ...)
	PW_PRINTF(3, 4);

struct pw_result {
	enum pw_status status;
	char message[PW_MSG_MAX];    /* owner's language */
	char message_en[PW_MSG_MAX]; /* English, for the JSON report */
};

const char *pw_status_name(enum pw_status st); /* "ok", "todo", ... (stable) */

void pw_result_init(struct pw_result *r);
/*
 * Add one finding: the status becomes the worse of the two, and the
 * sentence is appended to both messages. @fmt must be a N_() string: it is
 * formatted once as is (English) and once translated.
 */
void pw_result_add(struct pw_result *r, enum pw_status st, const char *fmt, ...)
	PW_PRINTF(3, 4);
/*
 * The same for a message whose first argument is a phrase of its own
 * (N_(), "netplan (through systemd-networkd)") and whose second is a
 * plain string: the phrase is translated on screen and stays English in
 * the JSON report, as the rest of the message does.
 */
void pw_result_add_phrase(struct pw_result *r, enum pw_status st, const char *fmt,
			  const char *phrase, const char *arg);

#endif /* PW_H */
