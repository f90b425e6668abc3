// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pw.h"
#include "pw-text.h"
#include "pw-model.h"
#include "pw-root.h"

const char *pw_status_name(enum pw_status st)
{
	static const char *const names[] = {
		[PW_OK] = "ok",
		[PW_WARN] = "warn",
		[PW_TODO] = "todo",
		[PW_BLOCKED] = "blocked",
	};

	return (size_t)st < ARRAY_SIZE(names) ? names[st] : "blocked";
}

void pw_result_init(struct pw_result *r)
{
	r->status = PW_OK;
	r->message[0] = '\0';
	r->message_en[0] = '\0';
}

/* Append a sentence, separated by a space; cut with "..." if full. */
static void PW_PRINTF(2, 0) append(char *msg, const char *fmt, va_list ap)
{
	size_t used = strlen(msg);
	int n;

	if (used + 4 >= PW_MSG_MAX)
		return;
	if (used > 0 && !pw_ends_cjk(msg, used))
		msg[used++] = ' ';
	n = vsnprintf(msg + used, PW_MSG_MAX - used, fmt, ap);
	if (n >= 0 && (size_t)n >= PW_MSG_MAX - used) {
		size_t cut = PW_MSG_MAX - 4;

		/* not inside a character: a torn UTF-8 sequence shows as garbage */
		while (cut > used && ((unsigned char)msg[cut] & 0xc0) == 0x80)
			cut--;
		memcpy(msg + cut, "...", 4);
	}
}

static void PW_PRINTF(2, 3) append_fmt(char *msg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(msg, fmt, ap);
	va_end(ap);
}

void pw_result_append_text(char *msg, const char *text)
{
	append_fmt(msg, "%s", text);
}

void pw_result_add(struct pw_result *r, enum pw_status st, const char *fmt, ...)
{
	va_list ap;

	if (st > r->status)
		r->status = st;
	va_start(ap, fmt);
	append(r->message_en, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	append(r->message, gettext(fmt), ap);
	va_end(ap);
}

void pw_result_add_phrase(struct pw_result *r, enum pw_status st, const char *fmt,
			  const char *phrase, const char *arg)
{
	if (st > r->status)
		r->status = st;
	append_fmt(r->message_en, fmt, phrase, arg);
	append_fmt(r->message, gettext(fmt), gettext(phrase), arg);
}

void pw_result_file_problem(struct pw_result *r, enum pw_status st, const char *path, int err)
{
	static const char fmt[] =
		N_("%s cannot be used: %s. Check that file, then run the check again.");
	char en[PW_MSG_MAX], local[PW_MSG_MAX];

	/* The reason differs by language too, so each message is built whole. */
	snprintf(en, sizeof(en), fmt, path, pw_root_strerror_en(err));
	snprintf(local, sizeof(local), gettext(fmt), path, pw_root_strerror(err));
	if (st > r->status)
		r->status = st;
	pw_result_append_text(r->message_en, en);
	pw_result_append_text(r->message, local);
}

void pw_error_set(struct pw_error *err, enum pw_exit code, const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	pw_text_printable(err->message);
}
