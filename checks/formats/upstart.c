// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Upstart job files: /etc/event.d/<job> (Upstart 0.3, Ubuntu gutsy and
 * hardy) and /etc/init/<job>.conf with its <job>.override (0.6 and later,
 * lucid to trusty). Only the stanzas that decide whether a getty runs are
 * read: start on, exec (or the main script), respawn, manual.
 */
#include <string.h>

#include "pw-console.h"
#include "pw-text.h"

enum block { BLOCK_NONE, BLOCK_MAIN_SCRIPT, BLOCK_OTHER_SCRIPT };

static void look_for_getty(struct pw_upstart_job *job, const char *cmd, unsigned int line)
{
	struct pw_getty g;

	if (job->has_getty)
		return;
	cmd = pw_skip_blanks(cmd, cmd + strlen(cmd));
	if (strncmp(cmd, "exec ", 5) == 0 || strncmp(cmd, "exec\t", 5) == 0)
		cmd += 5;
	if (pw_getty_parse(cmd, &g) == 0) {
		job->has_getty = true;
		job->getty_line = line;
		job->getty = g;
	}
}

int pw_upstart_parse(const char *text, size_t len, struct pw_upstart_job *job)
{
	struct pw_lines it;
	const char *line;
	size_t n;
	enum block block = BLOCK_NONE;

	memset(job, 0, sizeof(*job));
	pw_lines_init(&it, text, len);
	while (pw_lines_next(&it, &line, &n)) {
		const char *end = line + n, *s = pw_skip_blanks(line, end), *rest;
		char buf[512], word[32], second[32];

		if (s == end || *s == '#')
			continue;
		pw_copy(buf, sizeof(buf), s, (size_t)(end - s));
		if (block != BLOCK_NONE) {
			rest = buf;
			if (pw_next_word(&rest, buf + strlen(buf), word, sizeof(word)) &&
			    strcmp(word, "end") == 0 &&
			    pw_next_word(&rest, buf + strlen(buf), second, sizeof(second)) &&
			    strcmp(second, "script") == 0)
				block = BLOCK_NONE;
			else if (block == BLOCK_MAIN_SCRIPT)
				look_for_getty(job, buf, it.number);
			continue;
		}

		rest = buf;
		if (!pw_next_word(&rest, buf + strlen(buf), word, sizeof(word)))
			continue;
		if (strcmp(word, "start") == 0) {
			if (pw_next_word(&rest, buf + strlen(buf), second, sizeof(second)) &&
			    strcmp(second, "on") == 0)
				job->start_on = true;
		} else if (strcmp(word, "exec") == 0) {
			look_for_getty(job, rest, it.number);
		} else if (strcmp(word, "script") == 0) {
			block = BLOCK_MAIN_SCRIPT;
		} else if (strcmp(word, "respawn") == 0) {
			const char *cmd = pw_skip_blanks(rest, buf + strlen(buf));

			/* "respawn limit N T" only sets limits; Upstart 0.3's
			 * "respawn COMMAND" is exec and respawn in one */
			if (strncmp(cmd, "limit", 5) == 0 && (cmd[5] == ' ' || cmd[5] == '\t' || !cmd[5]))
				continue;
			job->respawn = true;
			if (*cmd)
				look_for_getty(job, cmd, it.number);
		} else if (strcmp(word, "manual") == 0) {
			job->manual = true;
		} else if (pw_next_word(&rest, buf + strlen(buf), second, sizeof(second)) &&
			   strcmp(second, "script") == 0) {
			block = BLOCK_OTHER_SCRIPT; /* pre-start script, post-stop script... */
		}
	}
	return 0;
}
