// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The grub step's plan and apply: the text edits on their own (update-grub's
 * patch, menu.lst's options and global lines, /etc/default/grub, grub.cfg),
 * then plan -> apply -> inspect -> plan again -> undo on small guest trees.
 *
 * Two functions of the library are replaced here (the archive's own are
 * then not linked in): pw_blkid_probe_dir, since a tree under /tmp has no
 * filesystem of its own to read a UUID from, and pw_run_in_guest, which
 * plays update-grub and grub-mkconfig on the tree (a real chroot needs root
 * and a real guest: tests/scenario/grub-real.sh does that).
 */
#include "unit-guest.h"

#include "pw-blkid.h"
#include "pw-grub.h"
#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-run.h"
#include "pw-txn.h"

#define UUID "6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6"
#define XEN "2.6.18-6-xen-amd64"
#define HVM "2.6.18-6-amd64"

/* ---- the two stand-ins ----------------------------------------------------- */

static int probe_result; /* 0: UUID; else the error */

int pw_blkid_probe_dir(struct pw_root *root, const char *dir, struct pw_fsinfo *info)
{
	(void)root;
	(void)dir;
	memset(info, 0, sizeof(*info));
	snprintf(info->device, sizeof(info->device), "/dev/xvdb1");
	if (probe_result)
		return probe_result;
	snprintf(info->uuid, sizeof(info->uuid), UUID);
	snprintf(info->type, sizeof(info->type), "ext3");
	return 0;
}

static unsigned int runs;	/* commands run */
static int run_exit;		/* the exit status they give */
static char last_argv[256];

static void rm_rel(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	assert_int_equal(unlink(path), 0);
}

static bool exists(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	return access(path, F_OK) == 0;
}

static void entry(FILE *f, const char *v, const char *kopt, const char *extra, const char *title)
{
	fprintf(f, "title\t\tDebian GNU/Linux, kernel %s%s\nroot\t\t(hd0,0)\n", v, title);
	fprintf(f, "kernel\t\t/boot/vmlinuz-%s %s%s\ninitrd\t\t/boot/initrd.img-%s\n\n", v, kopt,
		extra, v);
}

/*
 * update-grub, as far as the step relies on it: the entries between the
 * markers rebuilt from /boot (the HVM kernel first here, so that the Xen
 * one is not entry 0) with the menu's kopt, Xen kernels left out while the
 * script still skips them; everything else kept.
 */
static int fake_update_grub(bool create)
{
	char *menu = read_tree_file(tree, "boot/grub/menu.lst"), *script = read_tree_file(tree, "usr/sbin/update-grub");
	char path[PATH_MAX], kopt[1024] = "root=/dev/xvda1 ro";
	const char *end_opts, *end_list, *rest = "";
	struct pw_grub_menu m;
	struct pw_updategrub ug;
	const char *kernels[] = { HVM, XEN };
	FILE *f;

	assert_non_null(script);
	pw_updategrub_scan(script, strlen(script), &ug);
	if (!menu) {
		if (!create)
			return 1;
		menu = strdup("default 0\n");
	}
	pw_menulst_parse(menu, strlen(menu), &m);
	if (pw_menulst_opt(&m, "kopt"))
		snprintf(kopt, sizeof(kopt), "%s", pw_menulst_opt(&m, "kopt")->value);
	pw_grub_menu_free(&m);

	snprintf(path, sizeof(path), "%s/boot/grub/menu.lst", tree);
	f = fopen(path, "w");
	assert_non_null(f);
	end_opts = strstr(menu, "## ## End Default Options ##\n");
	end_list = strstr(menu, "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	if (end_opts) {
		fwrite(menu, 1, (size_t)(end_opts - menu) + 29, f);
		rest = end_list ? end_list + 38 : "";
	} else {
		fputs(menu, f);
		fprintf(f, "### BEGIN AUTOMAGIC KERNELS LIST\n## ## Start Default Options ##\n");
		fprintf(f, "# kopt=%s\n## ## End Default Options ##\n", kopt);
	}
	fputs("\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(kernels); i++) {
		char vmlinuz[128];

		snprintf(vmlinuz, sizeof(vmlinuz), "boot/vmlinuz-%s", kernels[i]);
		if (!exists(vmlinuz) || (strstr(kernels[i], "-xen") && ug.skip_xen.active))
			continue;
		entry(f, kernels[i], kopt, "", "");
		entry(f, kernels[i], kopt, " single", " (single-user mode)");
	}
	fprintf(f, "### END DEBIAN AUTOMAGIC KERNELS LIST\n%s", rest);
	fclose(f);
	free(menu);
	free(script);
	return 0;
}

/* grub-mkconfig: grub.cfg from /boot and GRUB_CMDLINE_LINUX, root by device name. */
static void fake_mkconfig(void)
{
	char *def = read_tree_file(tree, "etc/default/grub"), path[PATH_MAX];
	const char *console = def && strstr(def, "console=hvc0") ? " console=hvc0" : "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/boot/grub/grub.cfg", tree);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "set default=\"0\"\nset timeout=5\n"
		   "menuentry 'Debian GNU/Linux' --class debian {\n"
		   "\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=/dev/xvda1 ro %s quiet\n"
		   "\tinitrd\t/boot/initrd.img-6.1.0-99-amd64\n}\n", console);
	fclose(f);
	free(def);
}

int pw_run_in_guest(struct pw_root *root, struct pw_run *run)
{
	const char *name = strrchr(run->argv[0], '/') + 1;

	(void)root;
	runs++;
	last_argv[0] = '\0';
	for (size_t i = 0; run->argv[i]; i++)
		snprintf(last_argv + strlen(last_argv), sizeof(last_argv) - strlen(last_argv),
			 "%s%s", i ? " " : "", run->argv[i]);
	run->exit_status = run_exit;
	if (run_exit) {
		snprintf(run->last_error, sizeof(run->last_error), "grub-probe: error: no drive");
		if (run->on_output)
			run->on_output(run->data, run->last_error);
		return 0;
	}
	if (strcmp(name, "update-grub") == 0)
		fake_update_grub(run->argv[1] && strcmp(run->argv[1], "-y") == 0);
	else if (strcmp(name, "grub-mkconfig") == 0)
		fake_mkconfig();
	return 0;
}

/* ---- fixtures -------------------------------------------------------------- */

static int setup(void **state)
{
	guest_setup(state);
	probe_result = 0;
	runs = 0;
	run_exit = 0;
	return 0;
}

static void put_exec(const char *rel, const char *text)
{
	char path[PATH_MAX];

	put_file(tree, rel, text);
	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	assert_int_equal(chmod(path, 0755), 0);
}

/* Apply one edit and return the new text (or NULL when it changed nothing). */
typedef int (*edit_fn)(const char *, size_t, char **, size_t *);

static char *edited(edit_fn fn, const char *text)
{
	char *out = NULL;
	size_t len = 0;
	int ret = fn(text, strlen(text), &out, &len);

	assert_true(ret == 0 || ret == 1);
	if (ret == 1) {
		assert_null(out);
		return NULL;
	}
	assert_int_equal(strlen(out), len);
	return out;
}

static void expect_edit(edit_fn fn, const char *text, const char *want)
{
	char *out = edited(fn, text);

	if (!want) {
		if (out)
			fail_msg("expected no change, got:\n%s", out);
		return;
	}
	assert_non_null(out);
	assert_string_equal(out, want);
	/* done is done: a second pass changes nothing */
	assert_null(edited(fn, out));
	free(out);
}

/* The edit refuses @text with @code and hands back nothing. */
static void expect_refused(edit_fn fn, const char *text, int code)
{
	char *out = NULL;
	size_t len;

	assert_int_equal(fn(text, strlen(text), &out, &len), code);
	assert_null(out);
}

/* ---- update-grub ------------------------------------------------------------- */

#define LOOP_HEAD "for kern in $(ls /boot | grep vmlinuz-); do\n"

static void test_patch_seed(void **state)
{
	(void)state;
	/* the block as the 2008 script has it, and the guide's patch */
	expect_edit(pw_updategrub_patch,
		    LOOP_HEAD
		    "\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
		    "\t\t# skip xen kernels\n"
		    "\t\tcontinue\n"
		    "\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"
		    "\t\t# skip non-xen kernels\n"
		    "\t\tcontinue\n"
		    "\tfi\n"
		    "        kern=\"/boot/$kern\"\n"
		    "done\n",
		    LOOP_HEAD
		    "\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
		    "\t\t# skip xen kernels\n"
		    "\t\t# continue\n"
		    "\t\t:\n"
		    "\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"
		    "\t\t# skip non-xen kernels\n"
		    "\t\t# continue\n"
		    "\t\t:\n"
		    "\tfi\n"
		    "        kern=\"/boot/$kern\"\n"
		    "done\n");
}

static void test_patch_spellings(void **state)
{
	(void)state;
	/* spaces, ${} and test order, `then` on its own line, a comment after */
	expect_edit(pw_updategrub_patch,
		    LOOP_HEAD
		    "    if [ \"${is_xen}\" ] && [ ! \"${in_domU}\" ]\n"
		    "    then\n"
		    "        continue   # not in a domU\n"
		    "    fi\n"
		    "done\n",
		    LOOP_HEAD
		    "    if [ \"${is_xen}\" ] && [ ! \"${in_domU}\" ]\n"
		    "    then\n"
		    "        # continue   # not in a domU\n"
		    "        :\n"
		    "    fi\n"
		    "done\n");
	/* on one line with the test: `:` in place, the rest kept */
	expect_edit(pw_updategrub_patch,
		    LOOP_HEAD
		    "  if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then continue; fi\n"
		    "done\n",
		    LOOP_HEAD
		    "  if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then :; fi\n"
		    "done\n");
	/* CRLF endings, and a last line without one */
	expect_edit(pw_updategrub_patch,
		    "if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\r\n"
		    "\tcontinue\r\n"
		    "fi",
		    "if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\r\n"
		    "\t# continue\r\n"
		    "\t:\r\n"
		    "fi");
	expect_edit(pw_updategrub_patch,
		    "if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n\tcontinue",
		    "if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n\t# continue\n\t:");
}

static void test_patch_nothing(void **state)
{
	(void)state;
	/* patched already, as the guide does it */
	expect_edit(pw_updategrub_patch,
		    "if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
		    "\t# continue\n\t:\nfi\n", NULL);
	/* today's update-grub: no such block */
	expect_edit(pw_updategrub_patch, "#!/bin/sh\nfor k in a b; do\n\tcontinue\ndone\n", NULL);
	expect_edit(pw_updategrub_patch, "", NULL);
}

/* ---- menu.lst ----------------------------------------------------------------- */

#define OPTS_BEGIN "### BEGIN AUTOMAGIC KERNELS LIST\n## ## Start Default Options ##\n"
#define OPTS_END "## ## End Default Options ##\n"
#define LIST_END "### END DEBIAN AUTOMAGIC KERNELS LIST\n"

static int edit_opts(const char *t, size_t n, char **out, size_t *len)
{
	return pw_menulst_edit_options(t, n, UUID, "xvc0", out, len);
}

static void test_kopt(void **state)
{
	(void)state;
	expect_edit(edit_opts,
		    "default 0\n" OPTS_BEGIN
		    "## e.g. kopt=root=/dev/hda1 ro\n"
		    "# kopt=root=/dev/hda1 ro\n"
		    "# kopt_2_6_18=root=/dev/hda2   ro console=tty0 quiet\n"
		    "# defoptions=\n"
		    "# xenhopt=\n"
		    "# xenkopt=console=tty0\n"
		    OPTS_END "\ntitle x\nkernel /boot/vmlinuz-x root=/dev/hda1 ro\n" LIST_END,
		    "default 0\n" OPTS_BEGIN
		    "## e.g. kopt=root=/dev/hda1 ro\n"
		    "# kopt=root=UUID=" UUID " ro console=xvc0\n"
		    "# kopt_2_6_18=root=UUID=" UUID "   ro console=xvc0 quiet\n"
		    "# defoptions=\n"
		    "# xenhopt=\n"
		    "# xenkopt=console=xvc0\n"
		    OPTS_END "\ntitle x\nkernel /boot/vmlinuz-x root=/dev/hda1 ro\n" LIST_END);
	/* other consoles go, one of ours stays where it is; a later tty0 too */
	expect_edit(edit_opts,
		    OPTS_BEGIN
		    "# kopt=console=tty0 root=LABEL=/ ro console=ttyS0,9600n8 root=/dev/hda1\n"
		    "# defoptions=quiet console=tty0 vga=791\n"
		    OPTS_END LIST_END,
		    OPTS_BEGIN
		    "# kopt=console=xvc0 root=UUID=" UUID " ro\n"
		    "# defoptions=quiet vga=791\n"
		    OPTS_END LIST_END);
	expect_edit(edit_opts,
		    OPTS_BEGIN "# kopt=root=UUID=" UUID " console=xvc0,115200 console=tty0 ro\n"
		    OPTS_END LIST_END,
		    OPTS_BEGIN "# kopt=root=UUID=" UUID " console=xvc0,115200 ro\n"
		    OPTS_END LIST_END);
	/* an empty kopt: what update-grub would make, by UUID */
	expect_edit(edit_opts, OPTS_BEGIN "# kopt=\n" OPTS_END LIST_END,
		    OPTS_BEGIN "# kopt=root=UUID=" UUID " ro console=xvc0\n" OPTS_END LIST_END);
	/* in place already: nothing */
	expect_edit(edit_opts,
		    OPTS_BEGIN "# kopt=root=UUID=" UUID " ro console=xvc0\n# defoptions=\n"
		    OPTS_END LIST_END, NULL);
}

static void test_kopt_missing(void **state)
{
	(void)state;
	/* no kopt line: one before the end of the options */
	expect_edit(edit_opts, OPTS_BEGIN "# groot=(hd0,0)\n" OPTS_END LIST_END,
		    OPTS_BEGIN "# groot=(hd0,0)\n# kopt=root=UUID=" UUID " ro console=xvc0\n"
		    OPTS_END LIST_END);
	/* a kopt outside the options is not read by update-grub, nor edited */
	expect_edit(edit_opts,
		    "# kopt=root=/dev/hda1 ro\n### BEGIN AUTOMAGIC KERNELS LIST\ntitle a\n" LIST_END,
		    "# kopt=root=/dev/hda1 ro\n### BEGIN AUTOMAGIC KERNELS LIST\n"
		    "## ## Start Default Options ##\n# kopt=root=UUID=" UUID " ro console=xvc0\n"
		    OPTS_END "title a\n" LIST_END);
	/* no markers at all: the section at the end */
	expect_edit(edit_opts, "default 0\ntitle mine\nkernel /vmlinuz",
		    "default 0\ntitle mine\nkernel /vmlinuz\n\n" OPTS_BEGIN
		    "# kopt=root=UUID=" UUID " ro console=xvc0\n" OPTS_END LIST_END);
	expect_edit(edit_opts, "",
		    OPTS_BEGIN "# kopt=root=UUID=" UUID " ro console=xvc0\n" OPTS_END LIST_END);
	/* a BEGIN marker with no END: update-grub would eat the rest; refused (fuzzing) */
	expect_refused(edit_opts,
		       OPTS_BEGIN "# kopt=ro\n" OPTS_END "title a\n### END DIAN AUTOMAGIC KERNELS LIST\n",
		       -EINVAL);
}

static int set_default_2(const char *t, size_t n, char **out, size_t *len)
{
	return pw_menulst_set_default(t, n, 2, out, len);
}

static void test_globals(void **state)
{
	(void)state;
	/* none, -1, 0: pygrub boots after a second (pw_grub_menu_finish): kept */
	expect_edit(pw_menulst_fix_timeout, "default\t\t0\ntimeout\t\t-1\n", NULL);
	expect_edit(pw_menulst_fix_timeout, "timeout=-1  \ntitle a\n", NULL);
	expect_edit(pw_menulst_fix_timeout, "timeout 10\n", NULL);
	expect_edit(pw_menulst_fix_timeout, "timeout 0\n", NULL);
	/* not a number: pygrub's menu would fail on it */
	expect_edit(pw_menulst_fix_timeout, "timeout five\n", "timeout 5\n");
	expect_edit(pw_menulst_fix_timeout, "timeout=x  \ntitle a\n", "timeout=5  \ntitle a\n");
	expect_edit(pw_menulst_fix_timeout, "timeout\ntitle a\n", "timeout\t\t5\ntitle a\n");
	expect_edit(pw_menulst_fix_timeout, "# menu\n\ndefault 0\ntitle a\n", NULL);
	/* a timeout inside an entry is not pygrub's */
	expect_edit(pw_menulst_fix_timeout, "title a\ntimeout x\n", NULL);
	expect_edit(pw_menulst_fix_timeout, "", NULL);

	expect_edit(set_default_2, "default\t\t0\ntimeout\t\t5\n", "default\t\t2\ntimeout\t\t5\n");
	expect_edit(set_default_2, "default saved   \n", "default 2   \n");
	expect_edit(set_default_2, "default=1\n", "default=2\n");
	expect_edit(set_default_2, "default 2\n", NULL);
	/* the last global default is the one pygrub takes */
	expect_edit(set_default_2, "default 0\ndefault 1\ntitle a\ndefault 0\n",
		    "default 0\ndefault 2\ntitle a\ndefault 0\n");
	expect_edit(set_default_2, "# x\r\ntimeout 5\r\n", "# x\r\ndefault\t\t2\r\ntimeout 5\r\n");
}

/* ---- grub 2 --------------------------------------------------------------------- */

static int edit_default_main(const char *t, size_t n, char **out, size_t *len)
{
	return pw_default_grub_edit(t, n, "hvc0", true, out, len);
}

static int edit_default_d(const char *t, size_t n, char **out, size_t *len)
{
	return pw_default_grub_edit(t, n, "hvc0", false, out, len);
}

static void test_default_grub(void **state)
{
	(void)state;
	expect_edit(edit_default_main,
		    "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
		    "GRUB_CMDLINE_LINUX=\"\"\n#GRUB_DISABLE_LINUX_UUID=true\n",
		    "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
		    "GRUB_CMDLINE_LINUX=\"console=hvc0\"\n#GRUB_DISABLE_LINUX_UUID=true\n");
	/* single quotes kept; a comment after the value kept */
	expect_edit(edit_default_main,
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX='quiet splash'  # mine\n",
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX='quiet splash console=hvc0'  # mine\n");
	/* a bare word becomes a quoted list */
	expect_edit(edit_default_main, "GRUB_TIMEOUT=5\nexport GRUB_CMDLINE_LINUX=quiet\n",
		    "GRUB_TIMEOUT=5\nexport GRUB_CMDLINE_LINUX=\"quiet console=hvc0\"\n");
	/* other consoles go: in place of the first, and from _DEFAULT */
	expect_edit(edit_default_main,
		    "GRUB_TIMEOUT=-1\nGRUB_CMDLINE_LINUX=\"console=ttyS0,115200 net.ifnames=0 console=tty0\"\n"
		    "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet console=tty1\"\nGRUB_DISABLE_LINUX_UUID=\"true\"\n",
		    "GRUB_TIMEOUT=-1\nGRUB_CMDLINE_LINUX=\"console=hvc0 net.ifnames=0\"\n"
		    "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_DISABLE_LINUX_UUID=\"false\"\n");
	/* no variable at all: added; no timeout is fine for pygrub */
	expect_edit(edit_default_main, "GRUB_DEFAULT=0",
		    "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	/* a timeout grub.cfg would carry and pygrub fail on */
	expect_edit(edit_default_main, "GRUB_TIMEOUT=soon\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n",
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	/* a last line ending in '\\' would swallow the line added after it */
	expect_edit(edit_default_main, "GRUB_DEFAULT=0 \\\n",
		    "GRUB_DEFAULT=0 \\\n\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	/* a value built on the earlier one gets no second console=hvc0 */
	expect_edit(edit_default_main,
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n"
		    "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX console=tty0 nomodeset\"\n",
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n"
		    "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX nomodeset\"\n");
	/* ...but a reference inside a console= that goes is no reference (fuzzing) */
	expect_edit(edit_default_main,
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=tty0$GRUB_CMDLINE_LINUX\"\n",
		    "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	/* a value over several lines: another variable's is kept, ours refused */
	expect_edit(edit_default_main,
		    "GRUB_TIMEOUT=5\nGRUB_BADRAM=\"0x01,\n  GRUB_CMDLINE_LINUX=x\"\nGRUB_CMDLINE_LINUX=\"\"\n",
		    "GRUB_TIMEOUT=5\nGRUB_BADRAM=\"0x01,\n  GRUB_CMDLINE_LINUX=x\"\n"
		    "GRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	{
		const char *t = "GRUB_CMDLINE_LINUX=\"quiet\n  console=tty0\"\n";
		char *out = NULL;
		size_t len;

		assert_int_equal(pw_default_grub_edit(t, strlen(t), "hvc0", true, &out, &len),
				 -EINVAL);
		assert_null(out);
	}
	/* a value in pieces: shell joins them, an edit cannot keep them apart (fuzzing) */
	{
		static const char *const pieces[] = {
			"GRUB_CMDLINE_LINUX=\"quiet\" console=tty0\" \"\n",
			"GRUB_CMDLINE_LINUX=\"quiet\"\"splash\"\n",
			"GRUB_CMDLINE_LINUX=quiet\\ splash\n",
			"GRUB_TIMEOUT=5'0'\n",
		};

		for (size_t i = 0; i < ARRAY_SIZE(pieces); i++)
			expect_refused(edit_default_main, pieces[i], -EINVAL);
	}
	/* a quote never closed: what is added would be part of that string (fuzzing) */
	expect_refused(edit_default_main, "GRUB_TIMEOUT=5\nGRUB_DISTRIBUTOR=\"Debian\n", -EILSEQ);
	/* a file of grub.d gets nothing added, loses other consoles */
	expect_edit(edit_default_d, "GRUB_CMDLINE_LINUX_DEFAULT=\"console=tty1 console=ttyS0\"\n",
		    "GRUB_CMDLINE_LINUX_DEFAULT=\"\"\n");
	expect_edit(edit_default_d, "GRUB_TERMINAL=console\n", NULL);
}

static bool not_other(const char *kernel, void *data)
{
	(void)data;
	return strstr(kernel, "other") == NULL;
}

static int edit_cfg(const char *t, size_t n, char **out, size_t *len)
{
	return pw_grub_cfg_edit_args(t, n, UUID, "hvc0", not_other, NULL, out, len);
}

static void test_grub_cfg(void **state)
{
	(void)state;
	expect_edit(edit_cfg,
		    "menuentry 'Debian' {\n"
		    "\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=/dev/xvda1 ro  quiet\n"
		    "\techo 'linux /x root=/dev/sda1'\n"
		    "}\nmenuentry 'recovery' {\n"
		    "\t\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=UUID=" UUID " ro single console=tty0 \n"
		    "}\nmenuentry 'other' {\n\tlinux /other/vmlinuz root=/dev/sdb1\n}\n",
		    "menuentry 'Debian' {\n"
		    "\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=UUID=" UUID " ro  quiet console=hvc0\n"
		    "\techo 'linux /x root=/dev/sda1'\n"
		    "}\nmenuentry 'recovery' {\n"
		    "\t\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=UUID=" UUID " ro single console=hvc0 \n"
		    "}\nmenuentry 'other' {\n\tlinux /other/vmlinuz root=/dev/sdb1\n}\n");
	/* a linux line with no arguments: console= after a blank, not glued on (fuzzing) */
	expect_edit(edit_cfg, "\tlinux /boot/vmlinuz-6.1.0-99-amd64\n",
		    "\tlinux /boot/vmlinuz-6.1.0-99-amd64 console=hvc0\n");
}

/* ---- the entry to boot ---------------------------------------------------------- */

#define CONFIG_XEN_2618 "CONFIG_X86_64=y\nCONFIG_XEN=y\n"
#define CONFIG_PLAIN "CONFIG_X86_64=y\n# CONFIG_XEN is not set\n"

static void boot_kernels(bool xen)
{
	put_file(tree, "boot/vmlinuz-" HVM, "k");
	put_file(tree, "boot/initrd.img-" HVM, "i");
	put_file(tree, "boot/config-" HVM, CONFIG_PLAIN);
	if (xen) {
		put_file(tree, "boot/vmlinuz-" XEN, "k");
		put_file(tree, "boot/initrd.img-" XEN, "i");
		put_file(tree, "boot/config-" XEN, CONFIG_XEN_2618);
	}
}

static void test_pick(void **state)
{
	struct pw_grub_menu m;
	struct pw_kernel_info k;
	const char *t =
		"default 0\n" OPTS_BEGIN OPTS_END
		"title hvm\nkernel /boot/vmlinuz-" HVM " ro console=xvc0\n"
		"title xen single\nkernel /boot/vmlinuz-" XEN " ro console=xvc0 single\n"
		"title xen old\nkernel /boot/vmlinuz-2.6.18-5-xen-amd64 ro console=xvc0\n"
		"title xen no console\nkernel /boot/vmlinuz-" XEN " ro\n"
		"title xen\nkernel /boot/vmlinuz-" XEN " ro console=xvc0\n"
		"title last\nkernel /boot/vmlinuz-" XEN " ro console=xvc0\n" LIST_END;

	(void)state;
	boot_kernels(true);
	put_file(tree, "boot/vmlinuz-2.6.18-5-xen-amd64", "k");
	put_file(tree, "boot/config-2.6.18-5-xen-amd64", CONFIG_XEN_2618);
	assert_int_equal(pw_menulst_parse(t, strlen(t), &m), 0);
	assert_int_equal(pw_grub_pick_default(ctx.root, &m, "xvc0", &k), 4);
	assert_string_equal(k.version, XEN);
	pw_grub_menu_free(&m);

	t = "title hvm\nkernel /boot/vmlinuz-" HVM " ro\n";
	assert_int_equal(pw_menulst_parse(t, strlen(t), &m), 0);
	assert_int_equal(pw_grub_pick_default(ctx.root, &m, "xvc0", &k), -1);
	pw_grub_menu_free(&m);
}

/* ---- plan and apply on trees ------------------------------------------------------ */

#define UPDATE_GRUB                                                        \
	"#!/bin/sh\n# writes /boot/grub/menu.lst\n" LOOP_HEAD              \
	"\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"              \
	"\t\t# skip xen kernels\n"                                         \
	"\t\tcontinue\n"                                                   \
	"\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"            \
	"\t\t# skip non-xen kernels\n"                                     \
	"\t\tcontinue\n"                                                   \
	"\tfi\n"                                                           \
	"done\n"

#define UPDATE_GRUB_PATCHED                                                \
	"#!/bin/sh\n# writes /boot/grub/menu.lst\n" LOOP_HEAD              \
	"\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"              \
	"\t\t# skip xen kernels\n"                                         \
	"\t\t# continue\n"                                                 \
	"\t\t:\n"                                                          \
	"\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"            \
	"\t\t# skip non-xen kernels\n"                                     \
	"\t\t# continue\n"                                                 \
	"\t\t:\n"                                                          \
	"\tfi\n"                                                           \
	"done\n"

#define ETCH_MENU_HEAD(kopt, xenkopt)                         \
	"# menu.lst\n"                                         \
	"default\t\t0\n"                                       \
	"timeout\t\t5\n"                                       \
	"\n"                                                   \
	"### BEGIN AUTOMAGIC KERNELS LIST\n"                   \
	"## ## Start Default Options ##\n"                     \
	"## e.g. kopt=root=/dev/hda1 ro\n"                     \
	"# kopt=" kopt "\n"                                    \
	"# groot=(hd0,0)\n"                                    \
	"# defoptions=\n"                                      \
	"# xenkopt=" xenkopt "\n"                              \
	"## ## End Default Options ##\n"                       \
	"\n"

#define ENTRY(v, kopt, extra, title)                                        \
	"title\t\tDebian GNU/Linux, kernel " v title "\nroot\t\t(hd0,0)\n"  \
	"kernel\t\t/boot/vmlinuz-" v " " kopt extra "\n"                   \
	"initrd\t\t/boot/initrd.img-" v "\n\n"

#define ETCH_MENU                                                         \
	ETCH_MENU_HEAD("root=/dev/hda1 ro", "console=tty0")               \
	ENTRY(HVM, "root=/dev/hda1 ro", "", "")                           \
	ENTRY(HVM, "root=/dev/hda1 ro", " single", " (single-user mode)") \
	"### END DEBIAN AUTOMAGIC KERNELS LIST\n"                         \
	"\n# my own entries\n"

static void etch_tree(bool xen)
{
	put_file(tree, "etc/debian_version", "4.0\n");
	put_file(tree, "var/lib/dpkg/status",
		 "Package: grub\nStatus: install ok installed\nVersion: 0.97-27\n\n");
	put_exec("usr/sbin/update-grub", UPDATE_GRUB);
	put_file(tree, "boot/grub/menu.lst", ETCH_MENU);
	boot_kernels(xen);
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
}

static enum pw_status inspect(void)
{
	pw_ctx_gather(&ctx);
	pw_result_init(&ctx.results[PW_STEP_GRUB]);
	pw_inspect_grub(&ctx, &ctx.results[PW_STEP_GRUB]);
	return ctx.results[PW_STEP_GRUB].status;
}

static const struct pw_change *change_of(const struct pw_plan *plan, const char *path)
{
	for (size_t i = 0; i < plan->count; i++)
		if (strcmp(plan->changes[i].path, path) == 0)
			return &plan->changes[i];
	return NULL;
}

/* What the engine does: a txn, the apply, the end. */
static int apply(struct pw_plan *plan, struct pw_error *err)
{
	struct pw_txn *txn;
	int ret;

	assert_int_equal(pw_txn_begin(ctx.root, &txn, err), 0);
	ret = pw_apply_grub(&ctx, plan, txn, NULL, err);
	if (ret < 0)
		assert_int_equal(pw_txn_rollback(txn, err), 0);
	pw_txn_end(txn);
	return ret;
}

static void undo(void)
{
	struct pw_txn *txn;
	struct pw_error err = { 0 };
	char backup[PATH_MAX];

	assert_int_equal(pw_txn_begin(ctx.root, &txn, &err), 0);
	assert_int_equal(pw_undo_latest(txn, backup, sizeof(backup), &err), 0);
	pw_txn_end(txn);
}

static void plan_nothing_more(void)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };

	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 1);
	assert_int_equal(plan.count, 0);
	pw_plan_free(&plan);
}

static void test_etch_plan_apply_undo(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };
	const struct pw_change *c;

	(void)state;
	etch_tree(true);
	assert_int_equal(inspect(), PW_TODO);

	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	assert_int_equal(plan.count, 2);
	c = change_of(&plan, "/usr/sbin/update-grub");
	assert_non_null(c);
	assert_string_equal(c->new_text, UPDATE_GRUB_PATCHED);
	c = change_of(&plan, "/boot/grub/menu.lst");
	assert_non_null(c);
	assert_string_equal(c->new_text,
			    ETCH_MENU_HEAD("root=UUID=" UUID " ro console=xvc0", "console=xvc0")
			    ENTRY(HVM, "root=/dev/hda1 ro", "", "")
			    ENTRY(HVM, "root=/dev/hda1 ro", " single", " (single-user mode)")
			    "### END DEBIAN AUTOMAGIC KERNELS LIST\n"
			    "\n# my own entries\n");
	assert_non_null(strstr(plan.note, "the default becomes Linux " XEN));
	assert_int_equal(runs, 0); /* planning runs nothing */

	assert_int_equal(apply(&plan, &err), 0);
	pw_plan_free(&plan);
	assert_int_equal(runs, 1);
	assert_string_equal(last_argv, "/usr/sbin/update-grub");
	/* update-grub listed the Xen kernel third; the default follows it */
	expect_tree_file(tree, "boot/grub/menu.lst",
		    "# menu.lst\n"
		    "default\t\t2\n"
		    "timeout\t\t5\n"
		    "\n"
		    "### BEGIN AUTOMAGIC KERNELS LIST\n"
		    "## ## Start Default Options ##\n"
		    "## e.g. kopt=root=/dev/hda1 ro\n"
		    "# kopt=root=UUID=" UUID " ro console=xvc0\n"
		    "# groot=(hd0,0)\n"
		    "# defoptions=\n"
		    "# xenkopt=console=xvc0\n"
		    "## ## End Default Options ##\n"
		    "\n"
		    ENTRY(HVM, "root=UUID=" UUID " ro console=xvc0", "", "")
		    ENTRY(HVM, "root=UUID=" UUID " ro console=xvc0", " single", " (single-user mode)")
		    ENTRY(XEN, "root=UUID=" UUID " ro console=xvc0", "", "")
		    ENTRY(XEN, "root=UUID=" UUID " ro console=xvc0", " single", " (single-user mode)")
		    "### END DEBIAN AUTOMAGIC KERNELS LIST\n"
		    "\n# my own entries\n");
	expect_tree_file(tree, "usr/sbin/update-grub", UPDATE_GRUB_PATCHED);

	if (inspect() != PW_OK)
		fail_msg("after the apply: %s", ctx.results[PW_STEP_GRUB].message_en);
	plan_nothing_more();
	assert_int_equal(runs, 1);

	undo();
	expect_tree_file(tree, "boot/grub/menu.lst", ETCH_MENU);
	expect_tree_file(tree, "usr/sbin/update-grub", UPDATE_GRUB);
	expect_tree_file(tree, "boot/grub/menu.lst~", NULL);
	expect_tree_file(tree, "boot/grub/default", NULL);
}

/* Everything in place but the default: set now, nothing run. */
static void test_etch_default_only(void **state)
{
	const char *menu =
		"# menu.lst\n"
		"default\t\t0\n"
		"timeout\t\t5\n"
		"\n"
		"### BEGIN AUTOMAGIC KERNELS LIST\n"
		"## ## Start Default Options ##\n"
		"# kopt=root=UUID=" UUID " ro console=xvc0\n"
		"## ## End Default Options ##\n"
		"\n"
		ENTRY(HVM, "root=UUID=" UUID " ro console=xvc0", "", "")
		ENTRY(XEN, "root=UUID=" UUID " ro console=xvc0", "", "")
		"### END DEBIAN AUTOMAGIC KERNELS LIST\n";
	struct pw_plan plan;
	struct pw_error err = { 0 };
	char *want = strdup(menu);

	(void)state;
	etch_tree(true);
	put_exec("usr/sbin/update-grub", UPDATE_GRUB_PATCHED);
	put_file(tree, "boot/grub/menu.lst", menu);
	assert_int_equal(inspect(), PW_TODO);

	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	assert_int_equal(plan.count, 1);
	want[strlen("# menu.lst\ndefault\t\t")] = '1';
	assert_string_equal(plan.changes[0].new_text, want);
	assert_non_null(strstr(plan.note, "The default becomes entry 1, Linux " XEN "."));
	assert_int_equal(apply(&plan, &err), 0);
	pw_plan_free(&plan);
	assert_int_equal(runs, 0);
	expect_tree_file(tree, "boot/grub/menu.lst", want);
	assert_int_equal(inspect(), PW_OK);
	plan_nothing_more();
	free(want);
}

/* No menu.lst: one is made for update-grub to fill in. */
static void test_etch_no_menu(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };
	const struct pw_change *c;

	(void)state;
	etch_tree(true);
	put_exec("usr/sbin/update-grub", UPDATE_GRUB_PATCHED);
	rm_rel("boot/grub/menu.lst");
	assert_int_equal(inspect(), PW_TODO);
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	c = change_of(&plan, "/boot/grub/menu.lst");
	assert_non_null(c);
	assert_false(c->existed);
	assert_non_null(strstr(c->new_text, "\ndefault\t\t0\ntimeout\t\t5\n\n" OPTS_BEGIN
					    "# kopt=root=UUID=" UUID " ro console=xvc0\n"
					    OPTS_END LIST_END));
	assert_int_equal(apply(&plan, &err), 0);
	pw_plan_free(&plan);
	assert_int_equal(runs, 1);
	if (inspect() != PW_OK)
		fail_msg("after the apply: %s", ctx.results[PW_STEP_GRUB].message_en);
	plan_nothing_more();
	undo();
	expect_tree_file(tree, "boot/grub/menu.lst", NULL);
}

/* A grub.cfg left over from grub 2 hides menu.lst: moved aside. */
static void test_etch_stale_grub_cfg(void **state)
{
	const char *cfg = "menuentry 'old' {\n\tlinux /boot/vmlinuz-" HVM "\n}\n";
	struct pw_plan plan;
	struct pw_error err = { 0 };
	const struct pw_change *c;

	(void)state;
	etch_tree(true);
	put_file(tree, "boot/grub/grub.cfg", cfg);
	assert_int_equal(inspect(), PW_TODO);
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	c = change_of(&plan, "/boot/grub/grub.cfg" PW_GRUB_DISABLED_SUFFIX);
	assert_non_null(c);
	assert_int_equal(c->kind, PW_CHANGE_WRITE);
	assert_string_equal(c->new_text, cfg);
	c = change_of(&plan, "/boot/grub/grub.cfg");
	assert_non_null(c);
	assert_int_equal(c->kind, PW_CHANGE_REMOVE);
	assert_non_null(strstr(plan.note, "moved aside to /boot/grub/grub.cfg.paravm-wizard-disabled"));
	assert_int_equal(apply(&plan, &err), 0);
	pw_plan_free(&plan);
	expect_tree_file(tree, "boot/grub/grub.cfg", NULL);
	expect_tree_file(tree, "boot/grub/grub.cfg" PW_GRUB_DISABLED_SUFFIX, cfg);
	if (inspect() != PW_OK)
		fail_msg("after the apply: %s", ctx.results[PW_STEP_GRUB].message_en);
	plan_nothing_more();
	undo();
	expect_tree_file(tree, "boot/grub/grub.cfg", cfg);
	expect_tree_file(tree, "boot/grub/grub.cfg" PW_GRUB_DISABLED_SUFFIX, NULL);
}

/* Before the packages step: the plan says the kernel comes first. */
static void test_etch_no_xen_kernel_yet(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };

	(void)state;
	etch_tree(false);
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	assert_int_equal(plan.count, 2);
	assert_non_null(strstr(plan.note, "the packages step installs one first (linux-image-xen-amd64)"));
	/* applied anyway (--only grub): no default to set, no failure */
	assert_int_equal(apply(&plan, &err), 0);
	pw_plan_free(&plan);
	assert_int_equal(runs, 1);
	assert_int_equal(inspect(), PW_TODO);
	assert_non_null(strstr(ctx.results[PW_STEP_GRUB].message_en, "install one first"));
}

/* ---- bad input: a clear error, the right code, nothing changed ------------------- */

static void expect_plan_error(enum pw_exit code, const char *text)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };

	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_true(pw_plan_grub(&ctx, &plan, &err) < 0);
	assert_int_equal(err.code, code);
	if (!strstr(err.message, text))
		fail_msg("\"%s\" not in: %s", text, err.message);
	pw_plan_free(&plan);
	assert_int_equal(runs, 0);
}

static void test_bad_input(void **state)
{
	(void)state;
	etch_tree(true);

	probe_result = -ENOTBLK;
	expect_plan_error(PW_EXIT_DATAERR, "not a filesystem of its own");
	expect_plan_error(PW_EXIT_DATAERR, "--root");
	probe_result = -ENODATA;
	expect_plan_error(PW_EXIT_DATAERR, "has no UUID");
	probe_result = 0;

	/* a line pygrub refuses, outside what update-grub rewrites */
	put_file(tree, "boot/grub/menu.lst", "default 0\ntimeout 5\ntitle mine\nroot (hd0,a)\n"
		 "kernel /boot/vmlinuz-" XEN "\n" OPTS_BEGIN OPTS_END LIST_END);
	expect_plan_error(PW_EXIT_DATAERR, "pygrub would refuse /boot/grub/menu.lst");
	expect_plan_error(PW_EXIT_DATAERR, "(line 4)");
	put_file(tree, "boot/grub/menu.lst", ETCH_MENU);

	/* an extlinux menu that pygrub would read first */
	put_file(tree, "boot/extlinux/extlinux.conf", "DEFAULT linux\n");
	expect_plan_error(PW_EXIT_DATAERR, "/boot/extlinux/extlinux.conf");
	rm_rel("boot/extlinux/extlinux.conf");

	/* update-grub needed but not there */
	rm_rel("usr/sbin/update-grub");
	expect_plan_error(PW_EXIT_UNAVAILABLE, "update-grub, which writes /boot/grub/menu.lst, is not in the guest");
	put_exec("usr/sbin/update-grub", UPDATE_GRUB);

	/* a menu.lst that is no text */
	{
		char path[PATH_MAX];
		FILE *f;

		snprintf(path, sizeof(path), "%s/boot/grub/menu.lst", tree);
		f = fopen(path, "w");
		fwrite("default 0\0\n", 1, 11, f);
		fclose(f);
		expect_plan_error(PW_EXIT_DATAERR, "/boot/grub/menu.lst cannot be used");
	}
	put_file(tree, "boot/grub/menu.lst", ETCH_MENU);
	expect_tree_file(tree, "usr/sbin/update-grub", UPDATE_GRUB);
}

/* update-grub fails: 69 with its message, and every file back as it was. */
static void test_update_grub_fails(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };

	(void)state;
	etch_tree(true);
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	run_exit = 1;
	assert_true(apply(&plan, &err) < 0);
	pw_plan_free(&plan);
	assert_int_equal(err.code, PW_EXIT_UNAVAILABLE);
	assert_non_null(strstr(err.message, "/usr/sbin/update-grub failed in the guest"));
	assert_non_null(strstr(err.message, "grub-probe: error: no drive"));
	expect_tree_file(tree, "boot/grub/menu.lst", ETCH_MENU);
	expect_tree_file(tree, "usr/sbin/update-grub", UPDATE_GRUB);
}

/* ---- grub 2 --------------------------------------------------------------------- */

#define DEFAULT_GRUB                                                    \
	"# If you change this file, run 'update-grub' afterwards\n"     \
	"GRUB_DEFAULT=0\n"                                              \
	"GRUB_TIMEOUT=5\n"                                              \
	"GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"                        \
	"GRUB_CMDLINE_LINUX=\"\"\n"

#define GRUB_CFG_OLD                                                     \
	"set default=\"0\"\nset timeout=5\n"                              \
	"menuentry 'Debian GNU/Linux' --class debian {\n"                \
	"\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=/dev/sda1 ro  quiet\n" \
	"\tinitrd\t/boot/initrd.img-6.1.0-99-amd64\n}\n"

static void bookworm_tree(void)
{
	put_file(tree, "etc/debian_version", "12.5\n");
	put_file(tree, "etc/os-release",
		 "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
	put_file(tree, "var/lib/dpkg/status",
		 "Package: grub-pc\nStatus: install ok installed\nVersion: 2.06-13\n\n");
	put_exec("usr/sbin/grub-mkconfig", "#!/bin/sh\n");
	put_exec("usr/sbin/update-grub", "#!/bin/sh\nexec grub-mkconfig -o /boot/grub/grub.cfg\n");
	put_file(tree, "etc/default/grub", DEFAULT_GRUB);
	put_file(tree, "boot/grub/grub.cfg", GRUB_CFG_OLD);
	put_file(tree, "boot/vmlinuz-6.1.0-99-amd64", "k");
	put_file(tree, "boot/initrd.img-6.1.0-99-amd64", "i");
	put_file(tree, "boot/config-6.1.0-99-amd64", "CONFIG_XEN=y\nCONFIG_XEN_PV=y\n");
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
}

static void test_grub2_plan_apply_undo(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };
	const struct pw_change *c;

	(void)state;
	bookworm_tree();
	assert_int_equal(inspect(), PW_TODO);
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	c = change_of(&plan, "/etc/default/grub");
	assert_non_null(c);
	assert_non_null(strstr(c->new_text, "\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n"));
	c = change_of(&plan, "/boot/grub/grub.cfg");
	assert_non_null(c);
	assert_non_null(strstr(c->new_text, "vmlinuz-6.1.0-99-amd64 root=UUID=" UUID
					    " ro  quiet console=hvc0\n"));
	assert_non_null(strstr(plan.note, "grub-mkconfig writes /boot/grub/grub.cfg anew"));
	assert_int_equal(apply(&plan, &err), 0);
	pw_plan_free(&plan);
	assert_int_equal(runs, 1);
	assert_string_equal(last_argv, "/usr/sbin/grub-mkconfig -o /boot/grub/grub.cfg");
	/* grub-mkconfig wrote root=/dev/xvda1; the wizard put the UUID back */
	expect_tree_file(tree, "boot/grub/grub.cfg",
		    "set default=\"0\"\nset timeout=5\n"
		    "menuentry 'Debian GNU/Linux' --class debian {\n"
		    "\tlinux\t/boot/vmlinuz-6.1.0-99-amd64 root=UUID=" UUID " ro  console=hvc0 quiet\n"
		    "\tinitrd\t/boot/initrd.img-6.1.0-99-amd64\n}\n");
	if (inspect() != PW_OK)
		fail_msg("after the apply: %s", ctx.results[PW_STEP_GRUB].message_en);
	plan_nothing_more();
	undo();
	expect_tree_file(tree, "etc/default/grub", DEFAULT_GRUB);
	expect_tree_file(tree, "boot/grub/grub.cfg", GRUB_CFG_OLD);
}

/* grub-mkconfig gives pygrub a default it cannot use: 69, naming it. */
/* No /etc/default/grub: the plan writes one, or update-grub drops console= again. */
static void test_grub2_no_default_file(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };
	const struct pw_change *c;

	(void)state;
	bookworm_tree();
	remove_file(tree, "etc/default/grub");
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	c = change_of(&plan, "/etc/default/grub");
	assert_non_null(c);
	assert_false(c->existed);
	assert_non_null(strstr(c->new_text, "\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n"));
	pw_plan_free(&plan);
}

static void test_grub2_bad_default(void **state)
{
	struct pw_plan plan;
	struct pw_error err = { 0 };

	(void)state;
	bookworm_tree();
	/* the newest kernel, entry 0, is one without PV support */
	put_file(tree, "boot/config-6.1.0-99-amd64", "CONFIG_XEN=y\n# CONFIG_XEN_PV is not set\n");
	put_file(tree, "boot/vmlinuz-5.10.0-9-amd64", "k");
	put_file(tree, "boot/config-5.10.0-9-amd64", "CONFIG_XEN=y\nCONFIG_XEN_PV=y\n");
	pw_ctx_gather(&ctx);
	pw_plan_init(&plan, PW_STEP_GRUB);
	assert_int_equal(pw_plan_grub(&ctx, &plan, &err), 0);
	assert_true(apply(&plan, &err) < 0);
	pw_plan_free(&plan);
	assert_int_equal(err.code, PW_EXIT_UNAVAILABLE);
	assert_non_null(strstr(err.message, "\"Debian GNU/Linux\", boots /boot/vmlinuz-6.1.0-99-amd64, which cannot boot as a ParaVM"));
	expect_tree_file(tree, "etc/default/grub", DEFAULT_GRUB);
	expect_tree_file(tree, "boot/grub/grub.cfg", GRUB_CFG_OLD);
}

static void test_grub2_bad_input(void **state)
{
	(void)state;
	bookworm_tree();
	put_file(tree, "etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\n  splash\"\n");
	expect_plan_error(PW_EXIT_DATAERR, "/etc/default/grub gives GRUB_CMDLINE_LINUX");
	expect_tree_file(tree, "etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\n  splash\"\n");
	put_file(tree, "etc/default/grub", DEFAULT_GRUB);

	/* grub-mkconfig needed, and not there */
	rm_rel("usr/sbin/grub-mkconfig");
	rm_rel("usr/sbin/update-grub");
	expect_plan_error(PW_EXIT_UNAVAILABLE, "grub-mkconfig, which writes /boot/grub/grub.cfg, is not in the guest");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patch_seed),
		cmocka_unit_test(test_patch_spellings),
		cmocka_unit_test(test_patch_nothing),
		cmocka_unit_test(test_kopt),
		cmocka_unit_test(test_kopt_missing),
		cmocka_unit_test(test_globals),
		cmocka_unit_test(test_default_grub),
		cmocka_unit_test(test_grub_cfg),
		cmocka_unit_test_setup_teardown(test_pick, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_etch_plan_apply_undo, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_etch_default_only, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_etch_no_menu, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_etch_stale_grub_cfg, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_etch_no_xen_kernel_yet, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_update_grub_fails, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_grub2_plan_apply_undo, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_grub2_no_default_file, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_grub2_bad_default, setup, guest_teardown),
		cmocka_unit_test_setup_teardown(test_grub2_bad_input, setup, guest_teardown),
	};

	return cmocka_run_group_tests_name("pw_grub_plan", tests, NULL, NULL);
}
