// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The grub step's inspect on small guest trees, and what it stands on:
 * which kernels can run as a ParaVM (pw_kernel_*), where a menu's paths
 * lead (pw_grub_resolve), the entry a ParaVM boot takes.
 */
#include "unit-guest.h"

#include "pw-grub.h"
#include "pw-model.h"
#include "pw-root.h"

static struct pw_result r;

static int setup(void **state)
{
	guest_setup(state);
	pw_result_init(&r);
	return 0;
}

static void link_in(const char *target, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	assert_int_equal(symlink(target, path), 0);
}

#define CONFIG_XEN_PV "CONFIG_X86_64=y\nCONFIG_XEN=y\nCONFIG_XEN_PV=y\nCONFIG_XEN_PVHVM=y\n"
#define CONFIG_XEN_2618 "CONFIG_X86_64=y\nCONFIG_X86_64_XEN=y\nCONFIG_XEN=y\n"
#define CONFIG_PLAIN "CONFIG_X86_64=y\n# CONFIG_XEN is not set\n"

/* --- kernels --------------------------------------------------------- */

static void test_config_cap(void **state)
{
	enum pw_kernel_why why;
	const char *t;

	(void)state;
	t = CONFIG_XEN_PV;
	assert_int_equal(pw_kernel_config_cap(t, strlen(t), &why), PW_KERNEL_CAP_PV);
	assert_int_equal(why, PW_KERNEL_WHY_XEN_PV);
	t = CONFIG_XEN_2618;
	assert_int_equal(pw_kernel_config_cap(t, strlen(t), &why), PW_KERNEL_CAP_PV);
	assert_int_equal(why, PW_KERNEL_WHY_XEN);
	/* Xen HVM support only: CONFIG_XEN without CONFIG_XEN_PV, since 4.14 */
	t = "CONFIG_XEN=y\n# CONFIG_XEN_PV is not set\nCONFIG_XEN_PVHVM=y\n";
	assert_int_equal(pw_kernel_config_cap(t, strlen(t), &why), PW_KERNEL_CAP_NOT_PV);
	assert_int_equal(why, PW_KERNEL_WHY_CONFIG_NO);
	t = CONFIG_PLAIN;
	assert_int_equal(pw_kernel_config_cap(t, strlen(t), &why), PW_KERNEL_CAP_NOT_PV);
	/* not a kernel config at all */
	t = "hello\n";
	assert_int_equal(pw_kernel_config_cap(t, strlen(t), &why), PW_KERNEL_CAP_UNKNOWN);
	assert_int_equal(why, PW_KERNEL_WHY_NONE);
}

static void test_kernel_version(void **state)
{
	char v[64];

	(void)state;
	assert_true(pw_kernel_version("/boot/vmlinuz-2.6.18-6-xen-amd64", v, sizeof(v)));
	assert_string_equal(v, "2.6.18-6-xen-amd64");
	assert_true(pw_kernel_version("vmlinux-6.1.0-18-amd64", v, sizeof(v)));
	assert_string_equal(v, "6.1.0-18-amd64");
	assert_false(pw_kernel_version("/vmlinuz", v, sizeof(v)));
	assert_false(pw_kernel_version("/boot/vmlinuz-", v, sizeof(v)));
	assert_false(pw_kernel_version("/boot/memtest86+.bin", v, sizeof(v)));
}

static void test_kernel_check(void **state)
{
	struct pw_kernel_info k;

	(void)state;
	put_file(tree, "boot/vmlinuz-6.1.0-18-amd64", "k");
	put_file(tree, "boot/config-6.1.0-18-amd64", CONFIG_XEN_PV);
	put_file(tree, "boot/vmlinuz-2.6.26-2-xen-amd64", "k");
	put_file(tree, "boot/config-2.6.26-2-xen-amd64", CONFIG_XEN_2618);
	put_file(tree, "boot/vmlinuz-4.19.0-6-amd64", "k");
	put_file(tree, "boot/config-4.19.0-6-amd64", "CONFIG_XEN=y\n# CONFIG_XEN_PV is not set\n");
	put_file(tree, "boot/vmlinuz-2.6.18-6-xen-amd64", "k");
	put_file(tree, "boot/vmlinuz-2.6.18-6-amd64", "k");
	put_file(tree, "boot/xen-3.0.3-1-amd64.gz", "x");
	put_file(tree, "boot/vmlinuz-2.6.24-19-xen", "k");
	put_file(tree, "boot/config-2.6.24-19-xen", "");
	{
		char path[PATH_MAX];
		FILE *f;

		snprintf(path, sizeof(path), "%s/boot/config-2.6.24-19-xen", tree);
		f = fopen(path, "w");
		fwrite("CONFIG_\0XEN", 1, 11, f);
		fclose(f);
	}

	assert_int_equal(pw_kernel_check(ctx.root, "/boot/vmlinuz-6.1.0-18-amd64", &k), 0);
	assert_int_equal(k.cap, PW_KERNEL_CAP_PV);
	assert_int_equal(k.why, PW_KERNEL_WHY_XEN_PV);
	assert_string_equal(k.file, "/boot/vmlinuz-6.1.0-18-amd64");
	assert_string_equal(k.version, "6.1.0-18-amd64");

	/* a menu on a separate /boot names it /vmlinuz-...: found under /boot */
	assert_int_equal(pw_kernel_check(ctx.root, "/vmlinuz-2.6.26-2-xen-amd64", &k), 0);
	assert_int_equal(k.cap, PW_KERNEL_CAP_PV);
	assert_int_equal(k.why, PW_KERNEL_WHY_XEN);
	assert_string_equal(k.file, "/boot/vmlinuz-2.6.26-2-xen-amd64");

	assert_int_equal(pw_kernel_check(ctx.root, "/boot/vmlinuz-4.19.0-6-amd64", &k), 0);
	assert_int_equal(k.cap, PW_KERNEL_CAP_NOT_PV);

	/* no config: the name's "-xen" flavour tells, else nothing does */
	assert_int_equal(pw_kernel_check(ctx.root, "/boot/vmlinuz-2.6.18-6-xen-amd64", &k), 0);
	assert_int_equal(k.cap, PW_KERNEL_CAP_PV);
	assert_int_equal(k.why, PW_KERNEL_WHY_FLAVOUR);
	assert_int_equal(pw_kernel_check(ctx.root, "/boot/vmlinuz-2.6.18-6-amd64", &k), 0);
	assert_int_equal(k.cap, PW_KERNEL_CAP_UNKNOWN);
	assert_false(k.config_seen);

	/* an unusable config: noted, and judged as if absent */
	assert_int_equal(pw_kernel_check(ctx.root, "/boot/vmlinuz-2.6.24-19-xen", &k), 0);
	assert_true(k.config_seen);
	assert_int_equal(k.config_error, PW_EBINARY);
	assert_int_equal(k.cap, PW_KERNEL_CAP_PV);
	assert_int_equal(k.why, PW_KERNEL_WHY_FLAVOUR);

	assert_int_equal(pw_kernel_check(ctx.root, "/boot/xen-3.0.3-1-amd64.gz", &k), 0);
	assert_int_equal(k.cap, PW_KERNEL_CAP_NOT_PV);
	assert_int_equal(k.why, PW_KERNEL_WHY_HYPERVISOR);

	/* a kernel that is not there is no kernel */
	assert_int_equal(pw_kernel_check(ctx.root, "/boot/vmlinuz-9.9", &k), 1);
	assert_int_equal(pw_kernel_check(ctx.root, "", &k), 1);
}

static void test_resolve_and_links(void **state)
{
	struct pw_kernel_info k;
	char out[300];

	(void)state;
	put_file(tree, "boot/vmlinuz-6.1.0-18-amd64", "k");
	put_file(tree, "boot/config-6.1.0-18-amd64", CONFIG_XEN_PV);
	link_in("boot/vmlinuz-6.1.0-18-amd64", "vmlinuz");
	/* a link that leaves the guest leads to the guest's own / instead */
	link_in("/../../../../../../../bin/sh", "boot/vmlinuz-evil");

	assert_int_equal(pw_grub_resolve(ctx.root, "/vmlinuz-6.1.0-18-amd64", out, sizeof(out)), 0);
	assert_string_equal(out, "/boot/vmlinuz-6.1.0-18-amd64");
	assert_int_equal(pw_grub_resolve(ctx.root, "vmlinuz-6.1.0-18-amd64", out, sizeof(out)), 0);
	assert_string_equal(out, "/boot/vmlinuz-6.1.0-18-amd64");
	assert_int_equal(pw_grub_resolve(ctx.root, "/boot", out, sizeof(out)), 1);
	assert_int_equal(pw_grub_resolve(ctx.root, "/boot/vmlinuz-evil", out, sizeof(out)), 1);

	/* /vmlinuz, a link: its target gives the version */
	assert_int_equal(pw_kernel_check(ctx.root, "/vmlinuz", &k), 0);
	assert_string_equal(k.file, "/vmlinuz");
	assert_string_equal(k.version, "6.1.0-18-amd64");
	assert_int_equal(k.cap, PW_KERNEL_CAP_PV);

	assert_true(pw_grub_has_console("root=/dev/xvda1 ro console=hvc0", "hvc0"));
	assert_true(pw_grub_has_console("console=xvc0,115200 ro", "xvc0"));
	assert_false(pw_grub_has_console("console=hvc01 ro", "hvc0"));
	assert_false(pw_grub_has_console("xconsole=hvc0", "hvc0"));
	assert_false(pw_grub_has_console("", "hvc0"));
}

/* --- the inspect ----------------------------------------------------- */

static void etch(void)
{
	put_file(tree, "etc/debian_version", "4.0\n");
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
}

static void bookworm(void)
{
	put_file(tree, "etc/debian_version", "12.5\n");
	put_file(tree, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
	pw_ctx_gather(&ctx);
	assert_true(ctx.have_profile);
}

static void inspect(void)
{
	pw_result_init(&r);
	pw_inspect_grub(&ctx, &r);
}

static void expect_in_message(const char *text)
{
	if (!strstr(r.message_en, text))
		fail_msg("\"%s\" not in: %s", text, r.message_en);
}

/* Inspect: the status is @st and the message says @text. */
static void expect_inspect(enum pw_status st, const char *text)
{
	inspect();
	assert_int_equal(r.status, st);
	expect_in_message(text);
}

#define ETCH_HEAD                                             \
	"default 0\n"                                         \
	"timeout 5\n"                                         \
	"### BEGIN AUTOMAGIC KERNELS LIST\n"                  \
	"## ## Start Default Options ##\n"                    \
	"# kopt=root=/dev/hda1 ro console=xvc0\n"             \
	"# defoptions=\n"                                     \
	"# xenhopt=\n"                                        \
	"# xenkopt=console=tty0\n"                            \
	"## ## End Default Options ##\n"

#define ETCH_ENTRY(v, extra)                                              \
	"\ntitle Debian GNU/Linux, kernel " v "\n"                        \
	"root (hd0,0)\n"                                                  \
	"kernel /boot/vmlinuz-" v " root=/dev/hda1 ro" extra "\n"          \
	"initrd /boot/initrd.img-" v "\n"

static void etch_boot(bool xen)
{
	put_file(tree, "boot/vmlinuz-2.6.18-6-amd64", "k");
	put_file(tree, "boot/initrd.img-2.6.18-6-amd64", "i");
	put_file(tree, "boot/config-2.6.18-6-amd64", CONFIG_PLAIN);
	if (xen) {
		put_file(tree, "boot/vmlinuz-2.6.18-6-xen-amd64", "k");
		put_file(tree, "boot/initrd.img-2.6.18-6-xen-amd64", "i");
		put_file(tree, "boot/config-2.6.18-6-xen-amd64", CONFIG_XEN_2618);
	}
}

static void test_etch_hvm_only(void **state)
{
	(void)state;
	etch();
	etch_boot(false);
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-amd64", "")
		 ETCH_ENTRY("2.6.18-6-amd64", " single")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	expect_inspect(PW_TODO, "The default entry of /boot/grub/menu.lst, \"Debian GNU/Linux, kernel 2.6.18-6-amd64\", boots Linux 2.6.18-6-amd64, which cannot boot as a ParaVM.");
	expect_in_message("install one first (the packages step)");
}

static void test_etch_xen_default_ok(void **state)
{
	struct pw_grub_entry e;
	char cfg[64];

	(void)state;
	etch();
	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-xen-amd64", " console=xvc0")
		 ETCH_ENTRY("2.6.18-6-amd64", "")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	inspect();
	assert_int_equal(r.status, PW_OK);
	assert_string_equal(r.message_en,
			    "pygrub will read /boot/grub/menu.lst and boot its default entry, \"Debian GNU/Linux, kernel 2.6.18-6-xen-amd64\": Linux 2.6.18-6-xen-amd64, which can run as a ParaVM, with console=xvc0.");

	/* what the apply and disks steps get */
	assert_int_equal(pw_grub_default_entry(&ctx, &e, cfg, sizeof(cfg)), 0);
	assert_string_equal(cfg, "/boot/grub/menu.lst");
	assert_string_equal(e.kernel, "/boot/vmlinuz-2.6.18-6-xen-amd64");
	assert_string_equal(e.args, "root=/dev/hda1 ro console=xvc0");
	assert_int_equal(e.kernel_line, 13);
}

static void test_etch_xen_not_default(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-amd64", "")
		 ETCH_ENTRY("2.6.18-6-amd64", " single")
		 ETCH_ENTRY("2.6.18-6-xen-amd64", " console=xvc0")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	expect_inspect(PW_TODO, "boots Linux 2.6.18-6-amd64, which cannot boot as a ParaVM.");
	expect_in_message("Linux 2.6.18-6-xen-amd64, which can, is in the menu as entry 2, \"Debian GNU/Linux, kernel 2.6.18-6-xen-amd64\"; the grub step will make it the default.");
}

/* update-grub of 2008, as a small text with its kernel loop's skip block */
static const char update_grub_2008[] =
	"#!/bin/sh\n"
	"for kern in $(ls /boot | grep ^vmlinuz-); do\n"
	"\tif [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n"
	"\t\t# skip xen kernels\n"
	"\t\tcontinue\n"
	"\telif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n"
	"\t\t# skip non-xen kernels\n"
	"\t\tcontinue\n"
	"\tfi\n"
	"done\n";

static void test_etch_update_grub_skips(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	/* the Xen kernel is installed, but update-grub left it out */
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-amd64", "")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	put_file(tree, "sbin/update-grub", update_grub_2008);
	put_file(tree, "usr/sbin/README", "");
	link_in("../../sbin/update-grub", "usr/sbin/update-grub");
	expect_inspect(PW_TODO, "Linux 2.6.18-6-xen-amd64, which can, is installed in /boot but not in the menu");
	/* the link and its target are one file: said once */
	expect_in_message("/usr/sbin/update-grub (line 5) still leaves Xen kernels out of the menu outside a ParaVM");
	assert_null(strstr(r.message_en, " /sbin/update-grub (line"));
	expect_in_message("/usr/sbin/update-grub (line 8) leaves the other kernels out inside a ParaVM");
	/* grub legacy's update-grub-legacy beside grub 2's: read too, as the plan patches it */
	put_file(tree, "usr/sbin/update-grub-legacy", update_grub_2008);
	inspect();
	expect_in_message("/usr/sbin/update-grub-legacy (line 5) still leaves Xen kernels out");
}

static void test_etch_menu_fine_but_update_grub_skips(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-xen-amd64", " console=xvc0")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	put_file(tree, "usr/sbin/update-grub", update_grub_2008);
	inspect();
	/* the menu boots today; the next kernel update would undo it */
	assert_int_equal(r.status, PW_TODO);
	expect_in_message("with console=xvc0.");
	expect_in_message("the next kernel update would drop the Xen kernel again");

	/* patched as the guide shows: nothing left */
	put_file(tree, "usr/sbin/update-grub",
		 "if [ ! \"$in_domU\" ] && [ \"$is_xen\" ]; then\n\t# continue\n\t:\n"
		 "elif [ \"$in_domU\" ] && ! [ \"$is_xen\" ]; then\n\t# continue\n\t:\nfi\n");
	inspect();
	assert_int_equal(r.status, PW_OK);
}

static void test_etch_console_missing_and_kopt(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-xen-amd64", "")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	expect_inspect(PW_TODO, "Linux 2.6.18-6-xen-amd64, which can run as a ParaVM, but without console=xvc0 on its command line");

	/* console= added by hand, not in # kopt: update-grub would drop it */
	put_file(tree, "boot/grub/menu.lst",
		 "default 0\ntimeout 5\n### BEGIN AUTOMAGIC KERNELS LIST\n"
		 "## ## Start Default Options ##\n# kopt=root=/dev/hda1 ro\n"
		 "## ## End Default Options ##\n"
		 ETCH_ENTRY("2.6.18-6-xen-amd64", " console=xvc0")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	expect_inspect(PW_WARN, "not in the \"# kopt=\" line of /boot/grub/menu.lst (line 5)");
}

static void test_missing_files(void **state)
{
	(void)state;
	etch();
	put_file(tree, "boot/grub/menu.lst",
		 "timeout 5\ntitle gone\nkernel /boot/vmlinuz-2.6.18-6-xen-amd64 console=xvc0\n");
	expect_inspect(PW_TODO, "The default entry of /boot/grub/menu.lst, \"gone\", boots /boot/vmlinuz-2.6.18-6-xen-amd64, which is not in the guest");

	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 "timeout 5\ntitle xen\nkernel /boot/vmlinuz-2.6.18-6-xen-amd64 console=xvc0\n"
		 "initrd /boot/initrd.img-2.6.18-6-xen-amd64.gone\n");
	expect_inspect(PW_TODO, "The default entry's initial RAM disk, /boot/initrd.img-2.6.18-6-xen-amd64.gone, is not in the guest");

	put_file(tree, "boot/grub/menu.lst", "timeout 5\ntitle empty\ntitle other\nkernel /x\n");
	expect_inspect(PW_TODO, "\"empty\", has no kernel line");

	put_file(tree, "boot/grub/menu.lst", "timeout 5\n# nothing\n");
	expect_inspect(PW_TODO, "/boot/grub/menu.lst has no boot entries");
}

static void test_extlinux_and_later_console(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 "timeout 5\ntitle xen\nkernel /boot/vmlinuz-2.6.18-6-xen-amd64 console=xvc0 console=tty0\n");
	expect_inspect(PW_WARN, "A later console=tty0 on that line makes it /dev/console");

	/* extlinux comes before menu.lst in pygrub's list */
	put_file(tree, "boot/extlinux/extlinux.conf", "default linux\n");
	expect_inspect(PW_TODO, "pygrub will read the extlinux menu /boot/extlinux/extlinux.conf, which this wizard does not check.");
	assert_int_equal(pw_grub_default_entry(&ctx, &(struct pw_grub_entry){ 0 }, NULL, 0),
			 PW_EFORMAT);
}

static void test_separate_boot_paths(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	/* a menu.lst on a separate /boot partition names /vmlinuz-... */
	put_file(tree, "boot/grub/menu.lst",
		 "default 0\ntimeout 5\n"
		 "title Xen\nroot (hd0,0)\n"
		 "kernel (hd0,0)/vmlinuz-2.6.18-6-xen-amd64 root=/dev/hda2 ro console=xvc0\n"
		 "initrd /initrd.img-2.6.18-6-xen-amd64\n");
	expect_inspect(PW_OK, "Linux 2.6.18-6-xen-amd64, which can run as a ParaVM");
}

static void test_bookworm_ok(void **state)
{
	struct pw_grub_entry e;

	(void)state;
	bookworm();
	put_file(tree, "boot/vmlinuz-6.1.0-18-amd64", "k");
	put_file(tree, "boot/initrd.img-6.1.0-18-amd64", "i");
	put_file(tree, "boot/config-6.1.0-18-amd64", CONFIG_XEN_PV);
	put_file(tree, "etc/default/grub",
		 "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
		 "GRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	put_file(tree, "boot/grub/grub.cfg",
		 "if [ \"${next_entry}\" ] ; then\n   set default=\"${next_entry}\"\nelse\n"
		 "   set default=\"0\"\nfi\nset timeout=5\n"
		 "menuentry 'Debian GNU/Linux' --class debian $menuentry_id_option 'gnulinux-simple-1' {\n"
		 "\tset root='hd0,msdos1'\n"
		 "\tlinux\t/boot/vmlinuz-6.1.0-18-amd64 root=UUID=1234 ro  quiet console=hvc0\n"
		 "\tinitrd\t/boot/initrd.img-6.1.0-18-amd64\n"
		 "}\n");
	inspect();
	assert_int_equal(r.status, PW_OK);
	assert_string_equal(r.message_en,
			    "pygrub will read /boot/grub/grub.cfg and boot its default entry, \"Debian GNU/Linux\": Linux 6.1.0-18-amd64, which can run as a ParaVM, with console=hvc0.");
	assert_int_equal(pw_grub_default_entry(&ctx, &e, NULL, 0), 0);
	assert_string_equal(e.args, "root=UUID=1234 ro  quiet console=hvc0");

	/* the console only in grub.cfg: the next update-grub loses it */
	put_file(tree, "etc/default/grub", "GRUB_CMDLINE_LINUX=\"\"\n");
	expect_inspect(PW_WARN, "not in GRUB_CMDLINE_LINUX of /etc/default/grub");
	/* ...unless a grub.d file sets it, as cloud images do */
	put_file(tree, "etc/default/grub.d/50-console.cfg",
		 "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT console=hvc0\"\n");
	inspect();
	assert_int_equal(r.status, PW_OK);
	/* ...and a later file that sets it anew, without */
	put_file(tree, "etc/default/grub.d/60-quiet.cfg", "GRUB_CMDLINE_LINUX_DEFAULT='quiet'\n");
	inspect();
	assert_int_equal(r.status, PW_WARN);
	/* no /etc/default/grub: grub-mkconfig's defaults have no console= either */
	remove_file(tree, "etc/default/grub.d/60-quiet.cfg");
	remove_file(tree, "etc/default/grub.d/50-console.cfg");
	remove_file(tree, "etc/default/grub");
	expect_inspect(PW_WARN, "there is no /etc/default/grub to keep it");
	/* ...a grub.d file alone keeps it */
	put_file(tree, "etc/default/grub.d/50-console.cfg", "GRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	inspect();
	assert_int_equal(r.status, PW_OK);
	put_file(tree, "etc/default/grub.d/60-quiet.cfg", "GRUB_CMDLINE_LINUX_DEFAULT='quiet'\n");

	/* no console at all */
	put_file(tree, "boot/grub/grub.cfg",
		 "set timeout=5\nmenuentry 'Debian GNU/Linux' {\n"
		 "\tlinux\t/boot/vmlinuz-6.1.0-18-amd64 root=UUID=1234 ro quiet\n}\n");
	expect_inspect(PW_TODO, "without console=hvc0");
}

static void test_bookworm_no_grub_cfg(void **state)
{
	(void)state;
	bookworm();
	put_file(tree, "boot/vmlinuz-6.1.0-18-amd64", "k");
	put_file(tree, "boot/config-6.1.0-18-amd64", CONFIG_XEN_PV);
	inspect();
	assert_int_equal(r.status, PW_TODO);
	assert_string_equal(r.message_en,
			    "There is no boot menu that pygrub, Xen's ParaVM boot loader, can read; the grub step will create one.");

	/* a menu.lst that grub 2 does not keep up to date */
	put_file(tree, "boot/grub/menu.lst",
		 "timeout 5\ntitle Debian\nkernel /boot/vmlinuz-6.1.0-18-amd64 root=/dev/xvda1 console=hvc0\n");
	expect_inspect(PW_TODO, "which can run as a ParaVM, with console=hvc0.");
	expect_in_message("There is no /boot/grub/grub.cfg, the boot menu this guest's grub (grub 2) keeps up to date");
}

static void test_stale_grub_cfg_shadows_menu_lst(void **state)
{
	(void)state;
	etch();
	etch_boot(true);
	put_file(tree, "boot/grub/menu.lst",
		 ETCH_HEAD ETCH_ENTRY("2.6.18-6-xen-amd64", " console=xvc0")
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n");
	put_file(tree, "boot/grub/grub.cfg",
		 "set timeout=5\nmenuentry 'old' {\n\tlinux /boot/vmlinuz-2.6.18-6-amd64 root=/dev/hda1\n}\n");
	expect_inspect(PW_TODO, "The default entry of /boot/grub/grub.cfg, \"old\", boots Linux 2.6.18-6-amd64, which cannot boot as a ParaVM.");
	expect_in_message("pygrub reads /boot/grub/grub.cfg before /boot/grub/menu.lst, but this guest's grub (grub legacy) only keeps /boot/grub/menu.lst up to date");
}

static void test_nothing_at_all(void **state)
{
	(void)state;
	etch();
	inspect();
	assert_int_equal(r.status, PW_TODO);
	assert_string_equal(r.message_en,
			    "There is no boot menu that pygrub, Xen's ParaVM boot loader, can read; the grub step will create one.");
	assert_int_equal(pw_grub_default_entry(&ctx, &(struct pw_grub_entry){ 0 }, NULL, 0), 1);
}

static void test_no_profile(void **state)
{
	(void)state;
	pw_ctx_gather(&ctx);
	inspect();
	assert_int_equal(r.status, PW_BLOCKED);
}

static void test_unusable_files(void **state)
{
	char path[PATH_MAX];
	FILE *f;

	(void)state;
	etch();
	/* a menu.lst far over pygrub's 1 MiB */
	snprintf(path, sizeof(path), "%s/boot/grub/menu.lst", tree);
	put_file(tree, "boot/grub/menu.lst", "");
	assert_int_equal(truncate(path, 2 * 1024 * 1024), 0);
	expect_inspect(PW_TODO, "/boot/grub/menu.lst cannot be used: it is far larger than such a file can be.");

	/* binary */
	f = fopen(path, "w");
	fwrite("title a\0\x01\x02", 1, 10, f);
	fclose(f);
	expect_inspect(PW_TODO, "it holds binary data");

	/* a directory where the file should be */
	unlink(path);
	mkdir(path, 0755);
	expect_inspect(PW_TODO, "/boot/grub/menu.lst cannot be used: it is a directory");
}

static void test_refused_menu(void **state)
{
	(void)state;
	bookworm();
	put_file(tree, "boot/grub/grub.cfg",
		 "set timeout=5\nmenuentry 'a' {\n\tlinux /boot/vmlinuz-6.1 console=hvc0\n"
		 "menuentry 'b' {\n}\n");
	expect_inspect(PW_TODO, "pygrub would refuse /boot/grub/grub.cfg: a menuentry starts inside another one (line 4)");
	assert_int_equal(pw_grub_default_entry(&ctx, &(struct pw_grub_entry){ 0 }, NULL, 0),
			 PW_EFORMAT);
}

static void test_default_quirks(void **state)
{
	(void)state;
	bookworm();
	put_file(tree, "boot/vmlinuz-6.1.0-18-amd64", "k");
	put_file(tree, "boot/config-6.1.0-18-amd64", CONFIG_XEN_PV);
	/* a default by name: pygrub boots entry 0; and no timeout, which is fine */
	put_file(tree, "boot/grub/grub.cfg",
		 "set default=\"Xen\"\n"
		 "menuentry 'Plain' {\n\tlinux /boot/vmlinuz-6.1.0-18-amd64 console=hvc0\n}\n"
		 "menuentry 'Xen' {\n\tlinux /boot/vmlinuz-6.1.0-18-amd64 console=hvc0\n}\n");
	expect_inspect(PW_WARN, "Its default names \"Xen\" (entry 1), but pygrub does not look defaults up by name");
	/* no timeout: pygrub boots after a second, nothing to say (pygrub 3.x to 4.17) */
	assert_null(strstr(r.message_en, "timeout"));

	put_file(tree, "boot/grub/grub.cfg",
		 "set default=3\nset timeout=5\n"
		 "menuentry 'Plain' {\n\tlinux /boot/vmlinuz-6.1.0-18-amd64 console=hvc0\n}\n");
	expect_inspect(PW_WARN, "Its default line asks for entry 3, which does not exist");
}

static void test_unknown_and_hypervisor(void **state)
{
	(void)state;
	etch();
	put_file(tree, "boot/vmlinuz-2.6.18-custom", "k");
	put_file(tree, "boot/xen-3.0.3-1-amd64.gz", "x");
	put_file(tree, "boot/grub/menu.lst",
		 "timeout 5\ntitle custom\nkernel /boot/vmlinuz-2.6.18-custom ro console=xvc0\n"
		 "title Xen host\nkernel /boot/xen-3.0.3-1-amd64.gz\nmodule /boot/vmlinuz-2.6.18-custom\n");
	inspect();
	/* unknown is said to be unknown, never guessed */
	assert_int_equal(r.status, PW_WARN);
	expect_in_message("pygrub will read /boot/grub/menu.lst and boot its default entry, \"custom\": Linux 2.6.18-custom, with console=xvc0. Whether that kernel can run as a ParaVM is unknown: /boot/config-2.6.18-custom is missing");
	put_file(tree, "boot/config-2.6.18-custom", "not a config\n");
	expect_inspect(PW_WARN, "unknown: /boot/config-2.6.18-custom does not say, and neither does its name.");

	put_file(tree, "boot/grub/menu.lst",
		 "default 1\ntimeout 5\ntitle custom\nkernel /boot/vmlinuz-2.6.18-custom ro console=xvc0\n"
		 "title Xen host\nkernel /boot/xen-3.0.3-1-amd64.gz\nmodule /boot/vmlinuz-2.6.18-custom\n");
	expect_inspect(PW_TODO, "starts the Xen hypervisor /boot/xen-3.0.3-1-amd64.gz, which is for a Xen host, not for a ParaVM.");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, guest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_config_cap),
		T(test_kernel_version),
		T(test_kernel_check),
		T(test_resolve_and_links),
		T(test_etch_hvm_only),
		T(test_etch_xen_default_ok),
		T(test_etch_xen_not_default),
		T(test_etch_update_grub_skips),
		T(test_etch_menu_fine_but_update_grub_skips),
		T(test_etch_console_missing_and_kopt),
		T(test_missing_files),
		T(test_extlinux_and_later_console),
		T(test_separate_boot_paths),
		T(test_bookworm_ok),
		T(test_bookworm_no_grub_cfg),
		T(test_stale_grub_cfg_shadows_menu_lst),
		T(test_nothing_at_all),
		T(test_no_profile),
		T(test_unusable_files),
		T(test_refused_menu),
		T(test_default_quirks),
		T(test_unknown_and_hypervisor),
	};

	return cmocka_run_group_tests_name("grub", tests, NULL, NULL);
}
