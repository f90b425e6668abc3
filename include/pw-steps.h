/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The steps of the conversion, in order: one table that wizard/ walks. */
#ifndef PW_STEPS_H
#define PW_STEPS_H

#include <stdio.h>

#include "pw-model.h"

struct pw_step {
	enum pw_step_id id;
	const char *name;  /* stable id, as on the command line and in JSON */
	const char *title; /* N_(), for people */
	void (*inspect)(struct pw_ctx *ctx, struct pw_result *r);
};

extern const struct pw_step pw_steps[PW_STEP_COUNT];

/* "arch,grub" -> a mask of (1 << id); 0, or -EINVAL with @bad the unknown id. */
int pw_steps_parse(const char *list, unsigned int *mask, char *bad, size_t size);
void pw_steps_inspect(struct pw_ctx *ctx, unsigned int mask);
enum pw_exit pw_steps_exit_status(const struct pw_ctx *ctx, unsigned int mask);

void pw_report_text(FILE *out, const struct pw_ctx *ctx, unsigned int mask);
void pw_report_json(FILE *out, const struct pw_ctx *ctx, unsigned int mask);

#endif /* PW_STEPS_H */
