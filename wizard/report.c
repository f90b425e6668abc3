// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The --check report: text for people (their language, one line a step),
 * JSON for scripts (English, schema 1, as DESIGN.md gives it).
 */
#include <stdio.h>
#include <string.h>

#include "pw-root.h"
#include "pw-steps.h"
#include "pw-text.h"

static const char *status_label(enum pw_status st)
{
	switch (st) {
	case PW_OK:
		return _("ok");
	case PW_WARN:
		return _("warning");
	case PW_TODO:
		return _("to do");
	default:
		return _("blocked");
	}
}

void pw_report_text(FILE *out, const struct pw_ctx *ctx, unsigned int mask)
{
	int label_width = 0, title_width = 0;
	unsigned int todo = 0, blocked = 0;

	/* Align columns in display cells: labels are translated. */
	for (enum pw_status st = PW_OK; st <= PW_BLOCKED; st++)
		label_width = pw_max(label_width, pw_text_width(status_label(st)));
	for (size_t i = 0; i < PW_STEP_COUNT; i++)
		if (mask & (1u << i))
			title_width = pw_max(title_width, pw_text_width(_(pw_steps[i].title)));

	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		const struct pw_result *r = &ctx->results[i];

		if (!(mask & (1u << i)))
			continue;
		pw_fput_padded(out, status_label(r->status), label_width + 2);
		pw_fput_padded(out, _(pw_steps[i].title), title_width + 2);
		fprintf(out, "%s\n", r->message);
		todo += r->status == PW_TODO;
		blocked += r->status == PW_BLOCKED;
	}
	if (blocked)
		fprintf(out, P_("%u step is blocked: this VM cannot be converted until it is solved.\n",
				"%u steps are blocked: this VM cannot be converted until they are solved.\n",
				blocked), blocked);
	else if (todo)
		fprintf(out, P_("%u step is left. Run paravm-wizard to do it.\n",
				"%u steps are left. Run paravm-wizard to do them.\n", todo), todo);
	else
		fprintf(out, _("Ready: shut the VM down, switch it to ParaVM on the web panel, and boot it.\n"));
}

void pw_report_json(FILE *out, const struct pw_ctx *ctx, unsigned int mask)
{
	bool first = true;

	fputs("{\"schema\":1,\"root\":", out);
	pw_fput_json_string(out, pw_root_path(ctx->root));
	fputs(",\"profile\":", out);
	pw_fput_json_string(out, ctx->have_profile ? ctx->profile.id : "");
	fprintf(out, ",\"ready\":%s,\"steps\":[",
		pw_steps_exit_status(ctx, mask) == PW_EXIT_READY ? "true" : "false");
	for (size_t i = 0; i < PW_STEP_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		fprintf(out, "%s{\"id\":\"%s\",\"status\":\"%s\",\"message\":", first ? "" : ",",
			pw_steps[i].name, pw_status_name(ctx->results[i].status));
		pw_fput_json_string(out, ctx->results[i].message_en);
		fputc('}', out);
		first = false;
	}
	fputs("]}\n", out);
}
