/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the libFuzzer harnesses (tests/fuzz/fuzz-*.c): splitting one input
 * into several files, and a throwaway guest tree that a harness fills and
 * runs a step's inspect or plan on. Each harness is built with
 * -fsanitize=fuzzer,address,undefined (make fuzz); a crash, a leak, an
 * assertion or undefined behaviour is a finding.
 */
#ifndef PW_FUZZ_H
#define PW_FUZZ_H

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * One input holds several files, separated by a form feed (a byte no file
 * of these formats needs): parts[i] and lens[i], at most @max of them.
 * Returns how many; the bytes are not copied.
 */
#define FUZZ_SEPARATOR '\f'
static inline size_t fuzz_split(const uint8_t *data, size_t size, const char **parts,
				size_t *lens, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= size && n < max; i++) {
		if (i == size || (data[i] == FUZZ_SEPARATOR && n + 1 < max)) {
			parts[n] = (const char *)data + start;
			lens[n++] = i - start;
			start = i + 1;
		}
	}
	return n;
}

/* A NUL-terminated copy: the parsers take (text, len), some helpers strings. */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	assert(s);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Call @line_fn with each line of the input, as a string (no newline). */
static inline void fuzz_each_line(const uint8_t *data, size_t size, void (*line_fn)(const char *))
{
	const uint8_t *p = data, *end = data + size;

	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *s = fuzz_strndup(p, len);

		line_fn(s);
		free(s);
		p += len + 1;
	}
}

/* ---- a guest tree, made once per fuzzing process --------------------- */

static char fuzz_tree[64];

static int fuzz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static void fuzz_tree_remove(void)
{
	if (fuzz_tree[0])
		nftw(fuzz_tree, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void fuzz_mkdirs(const char *path)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
}

/* Write (or, with @data NULL, remove) the guest file @path. */
static inline void fuzz_guest_put(const char *path, const char *data, size_t len)
{
	char full[512];
	int fd;

	snprintf(full, sizeof(full), "%s%s", fuzz_tree, path);
	unlink(full);
	if (!data)
		return;
	fuzz_mkdirs(full);
	fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert(fd >= 0);
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		assert(n > 0);
		data += n;
		len -= (size_t)n;
	}
	close(fd);
}

static inline void fuzz_guest_puts(const char *path, const char *text)
{
	fuzz_guest_put(path, text, strlen(text));
}

/* The parts of a split input as the guest files @paths; a missing part removes its file. */
static inline void fuzz_guest_put_parts(const char *const *paths, size_t count,
					const char *const *parts, const size_t *lens, size_t n)
{
	for (size_t i = 0; i < count; i++)
		fuzz_guest_put(paths[i], i < n ? parts[i] : NULL, i < n ? lens[i] : 0);
}

/* The guest tree, made on the first call; removed when the process exits. */
static inline const char *fuzz_guest_tree(void)
{
	if (!fuzz_tree[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(fuzz_tree, sizeof(fuzz_tree), "%s/pw-fuzz.XXXXXX",
			 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
		assert(mkdtemp(fuzz_tree));
		atexit(fuzz_tree_remove);
	}
	return fuzz_tree;
}

/*
 * A model on the guest tree with the shipped profiles (the harnesses run
 * from the top of the source tree). The caller has written the guest's
 * files; pw_ctx_gather() reads the release and dpkg status as a run does.
 */
static inline void fuzz_ctx_open(struct pw_ctx *ctx)
{
	struct pw_error err;
	static struct pw_profiles *profiles;

	if (!profiles) {
		const char *dir = getenv("PW_FUZZ_DATADIR");
		char path[512];

		snprintf(path, sizeof(path), "%s/profiles.ini", dir ? dir : "data");
		if (pw_profiles_load(path, &profiles, &err) != 0) {
			fprintf(stderr, "fuzz: cannot load %s: %s\n", path, err.message);
			abort();
		}
	}
	memset(ctx, 0, sizeof(*ctx));
	assert(pw_root_open_dir(fuzz_guest_tree(), &ctx->root) == 0);
	ctx->profiles = profiles;
	pw_site_defaults(&ctx->site);
	pw_ctx_gather(ctx);
}

static inline void fuzz_ctx_close(struct pw_ctx *ctx)
{
	pw_root_free(ctx->root);
}

/*
 * A step planned on the guest, its file changes made as the apply would
 * make them, then planned again: the second plan must be empty, or a rerun
 * would keep rewriting the files (a rerun "changes nothing" is a promise).
 * @plan_step is the step's planner; the model is gathered anew each time.
 */
typedef int (*fuzz_planner)(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);

static inline void fuzz_apply_files(const struct pw_plan *plan)
{
	char full[PATH_MAX + 64];

	for (size_t i = 0; i < plan->count; i++) {
		const struct pw_change *c = &plan->changes[i];

		snprintf(full, sizeof(full), "%s%s", fuzz_tree, c->path);
		switch (c->kind) {
		case PW_CHANGE_WRITE:
			fuzz_guest_put(c->path, c->new_text, c->new_len);
			break;
		case PW_CHANGE_REMOVE:
			unlink(full);
			break;
		case PW_CHANGE_SYMLINK:
			fuzz_mkdirs(full);
			unlink(full);
			assert(symlink(c->target, full) == 0);
			break;
		}
	}
}

static inline void fuzz_plan_twice(enum pw_step_id step, fuzz_planner plan_step,
				   void (*setup)(struct pw_ctx *ctx))
{
	struct pw_ctx ctx;
	struct pw_plan plan;
	struct pw_error err;
	int ret;

	fuzz_ctx_open(&ctx);
	if (setup)
		setup(&ctx);
	pw_plan_init(&plan, step);
	ret = plan_step(&ctx, &plan, &err);
	fuzz_ctx_close(&ctx);
	if (ret != 0 || pw_plan_empty(&plan)) {
		pw_plan_free(&plan);
		return;
	}
	fuzz_apply_files(&plan);
	pw_plan_free(&plan);

	fuzz_ctx_open(&ctx);
	if (setup)
		setup(&ctx);
	pw_plan_init(&plan, step);
	ret = plan_step(&ctx, &plan, &err);
	if (ret == 0 && !pw_plan_empty(&plan)) {
		fprintf(stderr, "fuzz: the second plan is not empty; it changes %s\n",
			plan.count ? plan.changes[0].path : "(packages or commands)");
		abort();
	}
	pw_plan_free(&plan);
	fuzz_ctx_close(&ctx);
}

/* A step on the guest as it is now: its inspect, then its plan twice. */
typedef void (*fuzz_inspector)(struct pw_ctx *ctx, struct pw_result *r);

static inline void fuzz_step(enum pw_step_id step, fuzz_inspector inspect, fuzz_planner plan_step,
			     void (*setup)(struct pw_ctx *ctx))
{
	struct pw_ctx ctx;
	struct pw_result r = { 0 };

	fuzz_ctx_open(&ctx);
	inspect(&ctx, &r);
	assert(memchr(r.message, '\0', sizeof(r.message)));
	fuzz_ctx_close(&ctx);
	if (plan_step)
		fuzz_plan_twice(step, plan_step, setup);
}

/* A terminfo entry as the console step looks for: only its magic is read. */
static inline void fuzz_guest_terminfo(const char *path)
{
	fuzz_guest_put(path, "\032\001\0\0\0\0\0\0\0\0\0\0", 12);
}

#endif /* PW_FUZZ_H */
