/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * apt in the guest: the plan (apt-get -s, sizes from --print-uris) and the
 * install, with progress from apt's status descriptor (APT::Status-Fd).
 */
#ifndef PW_APT_H
#define PW_APT_H

#include <stdbool.h>
#include <stddef.h>

#include "pw-model.h"
#include "pw-plan.h"

struct pw_txn;

/* One "Inst NAME (VERSION ...)" line of apt-get -s. */
bool pw_apt_parse_inst(const char *line, char *name, size_t nsize, char *version, size_t vsize);
/* One "'URI' FILE SIZE HASH" line of --print-uris: the size, or -1. */
long long pw_apt_parse_uri_size(const char *line);
/*
 * One line of APT::Status-Fd ("pmstatus:PKG:PERCENT:WHAT", "dlstatus:...",
 * "pmerror:PKG:PERCENT:MESSAGE"): false if it is none of those.
 */
bool pw_apt_parse_status(const char *line, unsigned int *percent, char *what, size_t size,
			 bool *is_error);

int pw_plan_packages(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);
int pw_apply_packages(struct pw_ctx *ctx, const struct pw_plan *plan, struct pw_txn *txn,
		      const struct pw_progress *progress, struct pw_error *err);

#endif /* PW_APT_H */
