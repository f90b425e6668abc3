/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the unit tests of the steps: an empty guest tree under /tmp and a
 * model on it, with the shipped profiles; the test fills the tree.
 */
#ifndef PW_UNIT_GUEST_H
#define PW_UNIT_GUEST_H

#include "unit.h"

#include "pw-model.h"
#include "pw-root.h"

static inline char *guest_open(struct pw_ctx *ctx)
{
	struct pw_error err;
	char *tree = make_tree();

	memset(ctx, 0, sizeof(*ctx));
	assert_int_equal(pw_root_open_dir(tree, &ctx->root), 0);
	assert_int_equal(pw_profiles_load("data/profiles.ini", &ctx->profiles, &err), 0);
	return tree;
}

static inline void guest_close(struct pw_ctx *ctx, char *tree)
{
	pw_profiles_free(ctx->profiles);
	pw_root_free(ctx->root);
	rm_tree(tree);
}

/*
 * The guest of a test file and its model, made before each test and
 * removed after it: cmocka_unit_test_setup_teardown(t, guest_setup,
 * guest_teardown).
 */
static char *tree;
static struct pw_ctx ctx;

static inline int guest_setup(void **state)
{
	(void)state;
	tree = guest_open(&ctx);
	return 0;
}

static inline int guest_teardown(void **state)
{
	(void)state;
	guest_close(&ctx, tree);
	return 0;
}

#endif
