// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pw-plan.h"
#include "pw-root.h"
#include "pw-text.h"
#include "pw-txn.h"

void pw_plan_init(struct pw_plan *plan, enum pw_step_id step)
{
	memset(plan, 0, sizeof(*plan));
	plan->step = step;
}

void pw_plan_free(struct pw_plan *plan)
{
	for (size_t i = 0; i < plan->count; i++) {
		free(plan->changes[i].old_text);
		free(plan->changes[i].new_text);
	}
	free(plan->changes);
	pw_plan_init(plan, plan->step);
}

bool pw_plan_empty(const struct pw_plan *plan)
{
	return plan->count == 0 && plan->packages[0] == '\0' && plan->commands[0] == '\0';
}

void pw_plan_note(struct pw_plan *plan, const char *fmt, ...)
{
	size_t used = strlen(plan->note);
	va_list ap;

	if (used && used + 1 < sizeof(plan->note) && !pw_ends_cjk(plan->note, used)) {
		plan->note[used++] = ' ';
		plan->note[used] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(plan->note + used, sizeof(plan->note) - used, fmt, ap);
	va_end(ap);
}

static char *dup_bytes(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s ? s : "", len);
		d[len] = '\0';
	}
	return d;
}

static struct pw_change *add(struct pw_plan *plan, enum pw_change_kind kind, const char *path)
{
	struct pw_change *grown = realloc(plan->changes, (plan->count + 1) * sizeof(*grown));
	struct pw_change *c;

	if (!grown)
		return NULL;
	plan->changes = grown;
	c = &plan->changes[plan->count++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	pw_copy(c->path, sizeof(c->path), path, strlen(path));
	return c;
}

int pw_plan_write(struct pw_plan *plan, const char *path, const char *old_text, size_t old_len,
		  bool existed, const char *new_text, size_t new_len, mode_t mode)
{
	struct pw_change *c;

	if (existed && old_len == new_len && memcmp(old_text, new_text, new_len) == 0)
		return 1;
	c = add(plan, PW_CHANGE_WRITE, path);
	if (!c)
		return -ENOMEM;
	c->existed = existed;
	c->mode = mode;
	c->old_text = dup_bytes(existed ? old_text : "", existed ? old_len : 0);
	c->old_len = existed ? old_len : 0;
	c->new_text = dup_bytes(new_text, new_len);
	c->new_len = new_len;
	if (!c->old_text || !c->new_text)
		return -ENOMEM;
	return 0;
}

int pw_plan_symlink(struct pw_plan *plan, const char *path, const char *target)
{
	struct pw_change *c = add(plan, PW_CHANGE_SYMLINK, path);

	if (!c)
		return -ENOMEM;
	pw_copy(c->target, sizeof(c->target), target, strlen(target));
	return 0;
}

int pw_plan_remove(struct pw_plan *plan, const char *path, const char *old_text, size_t old_len)
{
	struct pw_change *c = add(plan, PW_CHANGE_REMOVE, path);

	if (!c)
		return -ENOMEM;
	c->existed = true;
	c->old_text = dup_bytes(old_text, old_len);
	c->old_len = old_len;
	c->new_text = dup_bytes("", 0);
	return c->old_text && c->new_text ? 0 : -ENOMEM;
}

static int temp_with(const char *text, size_t len, char *path)
{
	int fd;
	ssize_t n;

	strcpy(path, "/tmp/paravm-wizard-diff-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	while (len > 0) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = -errno;

			close(fd);
			unlink(path);
			return e;
		}
		text += n;
		len -= (size_t)n;
	}
	close(fd);
	return 0;
}

/* Run diff -u and collect what it prints. */
static int run_diff(const char *old_path, const char *new_path, const char *old_label,
		    const char *new_label, char **out)
{
	int pipefd[2], status;
	char *buf = NULL;
	size_t used = 0, size = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -errno;
	}
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		execlp("diff", "diff", "-u", "--label", old_label, "--label", new_label,
		       old_path, new_path, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		ssize_t n;

		if (size - used < 4096) {
			char *grown = realloc(buf, size + 65536);

			if (!grown)
				break;
			buf = grown;
			size += 65536;
		}
		n = read(pipefd[0], buf + used, size - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* diff: 0 same, 1 different, 2 trouble */
	if (!buf || !WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		free(buf);
		return -EIO;
	}
	buf[used] = '\0';
	*out = buf;
	return 0;
}

int pw_change_diff(const struct pw_change *c, char **out)
{
	char old_path[64], new_path[64], old_label[PATH_MAX + 8], new_label[PATH_MAX + 8];
	int ret;

	*out = NULL;
	if (c->kind == PW_CHANGE_SYMLINK) {
		if (asprintf(out, _("new link %s -> %s\n"), c->path, c->target) < 0)
			return -ENOMEM;
		return 0;
	}
	snprintf(old_label, sizeof(old_label), "%s%s", c->existed ? "a" : "", c->existed ? c->path : "/dev/null");
	snprintf(new_label, sizeof(new_label), "%s%s", c->kind == PW_CHANGE_REMOVE ? "" : "b",
		 c->kind == PW_CHANGE_REMOVE ? "/dev/null" : c->path);
	ret = temp_with(c->old_text, c->old_len, old_path);
	if (ret < 0)
		return ret;
	ret = temp_with(c->new_text, c->new_len, new_path);
	if (ret == 0) {
		ret = run_diff(old_path, new_path, old_label, new_label, out);
		unlink(new_path);
	}
	unlink(old_path);
	return ret;
}

int pw_plan_apply_files(const struct pw_plan *plan, struct pw_txn *txn, struct pw_error *err)
{
	for (size_t i = 0; i < plan->count; i++) {
		const struct pw_change *c = &plan->changes[i];
		int ret;

		switch (c->kind) {
		case PW_CHANGE_WRITE:
			ret = pw_txn_write(txn, c->path, c->new_text, c->new_len, c->mode, err);
			break;
		case PW_CHANGE_REMOVE:
			ret = pw_txn_remove(txn, c->path, err);
			break;
		default:
			ret = pw_txn_symlink(txn, c->path, c->target, err);
			break;
		}
		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * Does @c's file still hold what the change was computed from? Read the
 * way the writer will find it (links followed, as pw_txn_write does).
 */
static bool change_current(struct pw_root *root, const struct pw_change *c)
{
	struct stat st;
	char *now;
	ssize_t got;
	bool same;

	if (c->kind == PW_CHANGE_SYMLINK)
		return true; /* a link's whole content is its target: nothing of anyone's is lost */
	if (pw_root_lstat(root, c->path, &st) == -ENOENT)
		return c->kind == PW_CHANGE_REMOVE || !c->existed;
	if (c->kind == PW_CHANGE_WRITE && !c->existed)
		return false; /* made by someone else meanwhile */
	if (c->kind == PW_CHANGE_REMOVE && S_ISLNK(st.st_mode))
		return c->old_len == 0; /* a mask (link to /dev/null) planned away */
	now = malloc(c->old_len + 1);
	if (!now)
		return false;
	got = pw_root_read_head(root, c->path, now, c->old_len + 1);
	same = got >= 0 && (size_t)got == c->old_len && memcmp(now, c->old_text, c->old_len) == 0;
	free(now);
	return same;
}

int pw_plan_check_current(const struct pw_plan *plan, struct pw_root *root, bool reviewed,
			  struct pw_error *err)
{
	for (size_t i = 0; i < plan->count; i++) {
		if (change_current(root, &plan->changes[i]))
			continue;
		if (reviewed)
			pw_error_set(err, PW_EXIT_TEMPFAIL,
				     _("%s changed since you reviewed it (another program or person wrote it). Nothing was written; look at the change again."),
				     plan->changes[i].path);
		else
			pw_error_set(err, PW_EXIT_TEMPFAIL,
				     _("%s changed while this run was planning its change (another program is writing it). Nothing was written; run again when nothing else changes it."),
				     plan->changes[i].path);
		return -ESTALE;
	}
	return 0;
}

int pw_plan_render(const struct pw_plan *plan, struct pw_buf *out)
{
	if (plan->note[0])
		pw_buf_printf(out, "%s\n", plan->note);
	if (plan->packages[0])
		pw_buf_printf(out, _("Packages to install: %s\n"), plan->packages);
	if (plan->commands[0])
		pw_buf_printf(out, _("Commands to run in the guest: %s\n"), plan->commands);
	if (plan->count)
		pw_buf_printf(out,
			      P_("\nThe file change (lines with - go, lines with + come):\n",
				 "\nThe %zu file changes (lines with - go, lines with + come):\n",
				 plan->count), plan->count);
	for (size_t i = 0; i < plan->count; i++) {
		char *diff;
		int ret = pw_change_diff(&plan->changes[i], &diff);

		if (ret < 0) {
			pw_buf_printf(out, _("(the change of %s cannot be shown: %s)\n"),
				      plan->changes[i].path, strerror(-ret));
			continue;
		}
		pw_buf_str(out, diff);
		free(diff);
	}
	return out->failed ? -ENOMEM : 0;
}
