// SPDX-License-Identifier: GPL-2.0-or-later
/* The disks inspect on small guest trees: fstab, kernel root=, pygrub. */
#include "unit-guest.h"

#include "pw-model.h"
#include "pw-root.h"

static void inspect(struct pw_result *r)
{
	pw_ctx_gather(&ctx);
	pw_result_init(r);
	pw_inspect_disks(&ctx, r);
}

static void expect(const struct pw_result *r, enum pw_status st, const char *text)
{
	if (!strstr(r->message_en, text))
		fail_msg("\"%s\" not in \"%s\"", text, r->message_en);
	assert_int_equal(r->status, st);
}

static void etch(const char *root_spec)
{
	char fstab[512];

	snprintf(fstab, sizeof(fstab),
		 "proc /proc proc defaults 0 0\n"
		 "%s / ext3 defaults,errors=remount-ro 0 1\n"
		 "/dev/hda5 none swap sw 0 0\n", root_spec);
	put_file(tree, "etc/debian_version", "4.0\n");
	put_file(tree, "etc/fstab", fstab);
}

/* A menu.lst as update-grub writes it; @entry_root "" for no entries. */
static void menu_lst(const char *kopt, const char *entry_root)
{
	char text[1024], entry[256] = "";

	if (entry_root[0])
		snprintf(entry, sizeof(entry),
			 "title Debian\nroot (hd0,0)\n"
			 "kernel /boot/vmlinuz-2.6.18-6-amd64 root=%s ro\n", entry_root);
	snprintf(text, sizeof(text),
		 "default 0\ntimeout 5\n"
		 "### BEGIN AUTOMAGIC KERNELS LIST\n"
		 "## ## Start Default Options ##\n"
		 "# kopt=%s\n"
		 "## ## End Default Options ##\n"
		 "%s"
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n", kopt, entry);
	put_file(tree, "boot/grub/menu.lst", text);
}

static void test_etch_device_names(void **state)
{
	struct pw_result r;

	(void)state;
	etch("/dev/hda1");
	menu_lst("root=/dev/hda1 ro", "/dev/hda1");
	inspect(&r);
	expect(&r, PW_TODO, "/ is mounted from /dev/hda1, a name that changes under ParaVM (there it usually becomes /dev/xvda1); it should be named by UUID= instead");
	expect(&r, PW_TODO, "The kernel is given root=/dev/hda1 (in /boot/grub/menu.lst), a name that changes under ParaVM");
	/* the entry and kopt say the same: one sentence */
	assert_null(strstr(strstr(r.message_en, "root=/dev/hda1") + 1, "root=/dev/hda1"));
}

static void test_entry_and_kopt_disagree(void **state)
{
	struct pw_result r;

	(void)state;
	/* kopt fixed, update-grub not run yet: the entry still boots hda1 */
	etch("UUID=1111");
	menu_lst("root=UUID=1111 ro", "/dev/hda1");
	inspect(&r);
	expect(&r, PW_TODO, "The kernel is given root=/dev/hda1 (in /boot/grub/menu.lst)");
	assert_null(strstr(r.message_en, "UUID=1111"));

	/* the entry fixed by hand, kopt not: update-grub would undo it */
	menu_lst("root=/dev/hda1 ro", "UUID=1111");
	inspect(&r);
	expect(&r, PW_TODO, "The kernel is given root=/dev/hda1 (in /boot/grub/menu.lst)");
}

static void test_lenny_converted(void **state)
{
	struct pw_result r;

	(void)state;
	etch("UUID=6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6");
	put_file(tree, "etc/debian_version", "5.0.10\n");
	menu_lst("root=UUID=6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6 ro console=hvc0",
		 "UUID=6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6");
	inspect(&r);
	expect(&r, PW_OK, "/ is mounted by UUID=6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6, a name that stays the same under ParaVM; it is ext3, which pygrub can read.");
	expect(&r, PW_OK, "The kernel is given root=UUID=6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6 (in /boot/grub/menu.lst).");
}

static void test_kopt_missing(void **state)
{
	struct pw_result r;

	(void)state;
	etch("LABEL=root");
	/* no entries yet: what update-grub will write is all there is */
	put_file(tree, "boot/grub/menu.lst", "default 0\ntimeout 5\n");
	inspect(&r);
	expect(&r, PW_WARN, "/boot/grub/menu.lst has no \"# kopt=\" line.");
	/* the fstab part is fine and says nothing */
	assert_null(strstr(r.message_en, "mounted"));

	menu_lst("ro quiet", "");
	inspect(&r);
	expect(&r, PW_WARN, "the \"# kopt=\" line of /boot/grub/menu.lst names none.");

	/* an entry that boots: that is what counts */
	put_file(tree, "boot/grub/menu.lst", "default 0\ntitle Debian\nkernel /vmlinuz root=LABEL=root\n");
	inspect(&r);
	expect(&r, PW_OK, "The kernel is given root=LABEL=root (in /boot/grub/menu.lst).");

	put_file(tree, "boot/grub/menu.lst", "default 0\ntitle Debian\nkernel /vmlinuz ro\n");
	inspect(&r);
	expect(&r, PW_WARN, "the default boot entry in /boot/grub/menu.lst names none.");
}

static void bookworm(const char *fstab)
{
	put_file(tree, "etc/debian_version", "12.5\n");
	put_file(tree, "etc/fstab", fstab);
	put_file(tree, "etc/default/grub",
		 "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\n"
		 "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n");
}

static void test_bookworm_grub2(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("UUID=1111-2222 / ext4 errors=remount-ro 0 1\n"
		 "LABEL=boot /boot ext2 defaults 0 2\n");
	inspect(&r);
	expect(&r, PW_OK, "/ is mounted by UUID=1111-2222 and /boot by LABEL=boot, names that stay the same under ParaVM; /boot is ext2, which pygrub can read.");
	expect(&r, PW_OK, "update-grub gives the kernel root=UUID= by itself (/etc/default/grub does not turn that off).");

	put_file(tree, "etc/default/grub",
		 "GRUB_CMDLINE_LINUX=\"console=hvc0\"\n#GRUB_DISABLE_LINUX_UUID=false\n"
		 "GRUB_DISABLE_LINUX_UUID=true\n");
	inspect(&r);
	expect(&r, PW_TODO, "GRUB_DISABLE_LINUX_UUID=true in /etc/default/grub makes update-grub give the kernel the root partition's device name");

	put_file(tree, "etc/default/grub",
		 "GRUB_CMDLINE_LINUX='root=/dev/sda1 console=hvc0'\n");
	inspect(&r);
	expect(&r, PW_TODO, "The kernel is given root=/dev/sda1 (in /etc/default/grub), a name that changes under ParaVM (there it usually becomes /dev/xvda1)");

	/* grub-mkconfig sources grub.d after it: the file that says so is named */
	put_file(tree, "etc/default/grub", "GRUB_CMDLINE_LINUX=\"console=hvc0\"\n");
	put_file(tree, "etc/default/grub.d/50-old.cfg", "export GRUB_DISABLE_LINUX_UUID=true\n");
	inspect(&r);
	expect(&r, PW_TODO, "GRUB_DISABLE_LINUX_UUID=true in /etc/default/grub.d/50-old.cfg makes update-grub give the kernel the root partition's device name");
	put_file(tree, "etc/default/grub.d/60-new.cfg", "GRUB_DISABLE_LINUX_UUID=false\n");
	inspect(&r);
	expect(&r, PW_OK, "update-grub gives the kernel root=UUID= by itself");
	remove_file(tree, "etc/default/grub.d/60-new.cfg");
	remove_file(tree, "etc/default/grub.d/50-old.cfg");
}

static void test_bookworm_grub_cfg_entry(void **state)
{
	static const char cfg[] =
		"set default=\"0\"\n"
		"menuentry 'Debian GNU/Linux' --class debian {\n"
		"\tlinux\t/boot/vmlinuz-6.1.0-18-amd64 root=%s ro quiet\n"
		"\tinitrd\t/boot/initrd.img-6.1.0-18-amd64\n"
		"}\n";
	char text[512];
	struct pw_result r;

	(void)state;
	bookworm("UUID=1111-2222 / ext4 errors=remount-ro 0 1\n");
	/* made in a chroot without /dev/disk/by-uuid: grub-mkconfig fell back */
	snprintf(text, sizeof(text), cfg, "/dev/sda1");
	put_file(tree, "boot/grub/grub.cfg", text);
	inspect(&r);
	expect(&r, PW_TODO, "The kernel is given root=/dev/sda1 (in /boot/grub/grub.cfg)");

	snprintf(text, sizeof(text), cfg, "UUID=1111-2222");
	put_file(tree, "boot/grub/grub.cfg", text);
	inspect(&r);
	expect(&r, PW_OK, "The kernel is given root=UUID=1111-2222 (in /boot/grub/grub.cfg).");
}

static void test_lvm_root(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("/dev/mapper/vg0-root / ext4 errors=remount-ro 0 1\n");
	inspect(&r);
	expect(&r, PW_TODO, "/ is on LVM (/dev/mapper/vg0-root) and there is no separate /boot; pygrub, the ParaVM boot loader, cannot read LVM");

	bookworm("/dev/mapper/vg0-root / ext4 errors=remount-ro 0 1\n"
		 "UUID=abcd /boot ext3 defaults 0 2\n");
	inspect(&r);
	expect(&r, PW_OK, "/ is mounted by /dev/mapper/vg0-root and /boot by UUID=abcd");
}

static void test_btrfs_boot(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("UUID=1111 / ext4 defaults 0 1\nUUID=2222 /boot btrfs defaults 0 2\n");
	inspect(&r);
	expect(&r, PW_BLOCKED, "/boot is a btrfs filesystem, which pygrub, the ParaVM boot loader, cannot read");

	bookworm("UUID=1111 / btrfs defaults 0 1\n");
	inspect(&r);
	expect(&r, PW_BLOCKED, "There is no separate /boot and / is a btrfs filesystem");
}

static void test_escapes_and_bad_lines(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("UUID=1111 / ext4 defaults 0 1\n"
		 "/dev/sdb1 /srv/My\\040Files ext4 defaults 0 2\n"
		 "/dev/sdc1\n"
		 "LABEL=boot /boot ext3 defaults 0 2\n");
	inspect(&r);
	expect(&r, PW_WARN, "Line 3 of /etc/fstab has 1 field(s), fewer than the three needed (device, mount point, type); mount skips it.");
	expect(&r, PW_WARN, "/ is mounted by UUID=1111 and /boot by LABEL=boot");
}

static void test_boot_device_name_and_xvd(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("UUID=1111 / ext4 defaults 0 1\n/dev/sda1 /boot ext2 defaults 0 2\n");
	inspect(&r);
	expect(&r, PW_TODO, "/boot is mounted from /dev/sda1, a name that changes under ParaVM (there it usually becomes /dev/xvda1)");
	assert_null(strstr(r.message_en, "/ is mounted"));

	bookworm("/dev/xvda1 / ext4 defaults 0 1\n");
	inspect(&r);
	expect(&r, PW_TODO, "/ is mounted from /dev/xvda1, the disk's ParaVM name; under HVM the same disk is hda or sda");
}

static void test_no_root_entry(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("# nothing yet\nproc /proc proc defaults 0 0\n");
	inspect(&r);
	expect(&r, PW_TODO, "/etc/fstab has no entry for /, the root filesystem");
}

static void test_no_fstab(void **state)
{
	struct pw_result r;

	(void)state;
	put_file(tree, "etc/debian_version", "12.5\n");
	inspect(&r);
	expect(&r, PW_BLOCKED, "/etc/fstab cannot be used: it does not exist in the guest.");
}

static void test_no_boot_config(void **state)
{
	struct pw_result r;

	(void)state;
	etch("UUID=1111");
	inspect(&r);
	expect(&r, PW_WARN, "there is neither /boot/grub/menu.lst nor /etc/default/grub.");
}

static void test_auto_type(void **state)
{
	struct pw_result r;

	(void)state;
	bookworm("LABEL=root / auto defaults 0 1\n");
	inspect(&r);
	expect(&r, PW_WARN, "/ has the type \"auto\" in /etc/fstab");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, guest_setup, guest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_etch_device_names),
		T(test_lenny_converted),
		T(test_entry_and_kopt_disagree),
		T(test_kopt_missing),
		T(test_bookworm_grub2),
		T(test_bookworm_grub_cfg_entry),
		T(test_lvm_root),
		T(test_btrfs_boot),
		T(test_escapes_and_bad_lines),
		T(test_boot_device_name_and_xvd),
		T(test_no_root_entry),
		T(test_no_fstab),
		T(test_no_boot_config),
		T(test_auto_type),
	};

	return cmocka_run_group_tests_name("disks", tests, NULL, NULL);
}
