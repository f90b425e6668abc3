/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The full-screen wizard's screens (newt). They draw the model and ask;
 * they never read a guest file and never write anything but the answers
 * the owner gave (ctx->answers), and only on Next. wizard/flow.c wires them.
 */
#ifndef PW_SCREENS_H
#define PW_SCREENS_H

#include <stdbool.h>

#include "pw-model.h"
#include "pw-net.h"
#include "pw-plan.h"
#include "pw-steps.h"

/*
 * Start newt (0, or -1 when the terminal cannot take it); end it (always).
 * @note (or NULL): one short line shown at the top right all along, such as
 * why the messages are in English. @langs (or NULL): a line under it, on
 * the first screen, such as "--lang de Deutsch, es español".
 */
int pw_scr_start(const char *note, const char *langs);
void pw_scr_stop(void);
bool pw_scr_active(void);

/* A message box with one OK button; the text is wrapped and may scroll. */
void pw_scr_message(const char *title, const char *text);
/* "Quit? Nothing half-done is left...": true to quit. */
bool pw_scr_cancel(void);

/* The first screen: every step of @mask with its state and its message. */
enum pw_scr_result pw_scr_dashboard(const struct pw_ctx *ctx, unsigned int mask);
/* A step that stops the conversion (a 32-bit install): explanation, Quit. */
enum pw_scr_result pw_scr_arch(const struct pw_ctx *ctx, enum pw_step_id step);
/*
 * The network values, prefilled from @prefill; checked with
 * pw_net_validate on Next, and only then written to ctx->answers.
 */
enum pw_scr_result pw_scr_network(struct pw_ctx *ctx, const struct pw_net_config *prefill,
				  const char *title);
/*
 * A step's plan: what it is for, its note, packages, commands, every change
 * as a diff, paged; Apply once its end has been shown (and, where the step
 * has a .confirm, once more). @notice (or NULL): a line above it all, such
 * as the step just done, or which file changed since the last review.
 */
enum pw_scr_result pw_scr_review(const struct pw_ctx *ctx, const struct pw_step *step,
				 const struct pw_plan *plan, const char *title,
				 const char *notice);
/* The progress window of an apply: open it, feed @progress, close it. */
void pw_scr_progress_open(const char *title, struct pw_progress *progress);
void pw_scr_progress_close(struct pw_progress *progress);
/*
 * What to do now: shut down, switch to ParaVM, boot, log in and check; and
 * the way back. @file: where in the guest the same text is kept.
 */
enum pw_scr_result pw_scr_finish(const struct pw_ctx *ctx, const char *file);
/* That text, for the terminal and the file, in @text. */
void pw_scr_next_steps(const struct pw_ctx *ctx, const char *file, char *text, size_t size);
/*
 * @text wrapped in lines of @width display cells, as the screens wrap it,
 * for a terminal without newt; to free. NULL: no memory.
 */
char *pw_scr_wrap(const char *text, int width);

#endif /* PW_SCREENS_H */
