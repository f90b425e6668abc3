// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The disks step's plan: the fstab rewrite on strings (only the spec field
 * changes), then the plan on small guest trees with stub UUIDs (no device
 * needed): applied, the inspect says ok, a second plan finds nothing to do,
 * --undo puts every byte back. The real libblkid part runs on a loop
 * device in tests/scenario/disks-loop.sh.
 */
#include "unit-guest.h"

#include "pw-blkid.h"
#include "pw-fstab.h"
#include "pw-model.h"
#include "pw-plan.h"
#include "pw-root.h"
#include "pw-txn.h"

#define UUID_ROOT "6f1d0a4e-2c3b-4d5e-8f90-a1b2c3d4e5f6"
#define UUID_BOOT "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
#define UUID_SWAP "5c4b3a29-1807-4f6e-a5d4-c3b2a1908f7e"

/* --- the rewrite, on strings ---------------------------------------------- */

static const char etch_fstab[] =
	"# /etc/fstab: static file system information.\n"
	"#\n"
	"# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n"
	"proc            /proc           proc    defaults        0       0\n"
	"/dev/hda1       /               ext3    defaults,errors=remount-ro 0       1\n"
	"/dev/hda5       none            swap    sw              0       0\n"
	"/dev/hdc        /media/cdrom0   udf,iso9660 user,noauto     0       0\n";

static char *rewrite(const char *text, const struct pw_fstab_rename *ren, size_t n, int want)
{
	char *out;
	size_t len;

	assert_int_equal(pw_fstab_rewrite(text, strlen(text), ren, n, &out, &len), want);
	if (want == 0)
		assert_int_equal(len, strlen(out));
	else
		assert_null(out);
	return out;
}

static void test_rewrite(void **state)
{
	const struct pw_fstab_rename root = { "/dev/hda1", "UUID=" UUID_ROOT };
	const struct pw_fstab_rename both[] = {
		{ "/dev/hda1", "UUID=" UUID_ROOT }, { "/dev/hda5", "UUID=" UUID_SWAP },
	};
	char *out, *again;

	(void)state;
	out = rewrite(etch_fstab, &root, 1, 0);
	assert_string_equal(out,
		"# /etc/fstab: static file system information.\n"
		"#\n"
		"# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n"
		"proc            /proc           proc    defaults        0       0\n"
		"# was /dev/hda1 (paravm-wizard)\n"
		"UUID=" UUID_ROOT "       /               ext3    defaults,errors=remount-ro 0       1\n"
		"/dev/hda5       none            swap    sw              0       0\n"
		"/dev/hdc        /media/cdrom0   udf,iso9660 user,noauto     0       0\n");
	/* renamed already: nothing left to match */
	rewrite(out, &root, 1, 1);
	free(out);

	out = rewrite(etch_fstab, both, 2, 0);
	assert_non_null(strstr(out, "# was /dev/hda5 (paravm-wizard)\n"
				    "UUID=" UUID_SWAP "       none            swap"));

	/* the comment is there already (the name put back by hand): not twice */
	again = rewrite("# was /dev/hda1 (paravm-wizard)\n/dev/hda1 / ext3 defaults 0 1\n",
			&root, 1, 0);
	assert_string_equal(again, "# was /dev/hda1 (paravm-wizard)\nUUID=" UUID_ROOT
				   " / ext3 defaults 0 1\n");
	free(again);
	free(out);
}

static void test_rewrite_odd_files(void **state)
{
	const struct pw_fstab_rename blank = { "/dev/disk/by-id/ata-QEMU disk-part1",
					       "LABEL=my root" };
	const struct pw_fstab_rename root = { "/dev/hda1", "UUID=" UUID_ROOT };
	char *out, spec[400], text[600];

	(void)state;
	/* escapes in and out, tabs and a missing final newline kept */
	out = rewrite("\t/dev/disk/by-id/ata-QEMU\\040disk-part1\t/\text3\tdefaults", &blank, 1, 0);
	assert_string_equal(out, "# was /dev/disk/by-id/ata-QEMU\\040disk-part1 (paravm-wizard)\n"
				 "\tLABEL=my\\040root\t/\text3\tdefaults");
	free(out);

	/* CRLF lines */
	out = rewrite("/dev/hda1 / ext3 defaults 0 1\r\n", &root, 1, 0);
	assert_string_equal(out, "# was /dev/hda1 (paravm-wizard)\nUUID=" UUID_ROOT
				 " / ext3 defaults 0 1\r\n");
	free(out);

	/* a spec too long to read whole is never edited */
	memset(spec, 'a', sizeof(spec) - 1);
	spec[sizeof(spec) - 1] = '\0';
	memcpy(spec, "/dev/hda1", 9);
	snprintf(text, sizeof(text), "%s / ext3 defaults 0 1\n", spec);
	rewrite(text, &root, 1, 1);

	/* comments, bad lines and other entries do not match */
	rewrite("#/dev/hda1 / ext3 defaults 0 1\n/dev/hda1\n/dev/hda10 / ext3\n", &root, 1, 1);
	rewrite("", &root, 1, 1);
}

/* --- the plan, with stub UUIDs -------------------------------------------- */

struct stub {
	const char *root_uuid, *boot_uuid;
	int dir_error;			/* returned for every directory, if set */
	const char *device_uuid;	/* for every device asked */
	const char *dir_device;		/* where "/" is mounted from; /dev/loop7 if NULL */
	const char *partition_type;	/* what a partition probe finds, with device_uuid */
	char asked[512];		/* what was probed, blank-separated */
};

static void remember(struct stub *s, const char *what)
{
	size_t used = strlen(s->asked);

	snprintf(s->asked + used, sizeof(s->asked) - used, "%s%s", used ? " " : "", what);
}

static int stub_dir(void *data, const char *dir, struct pw_fsinfo *info)
{
	struct stub *s = data;
	const char *uuid = strcmp(dir, "/") == 0 ? s->root_uuid : s->boot_uuid;

	remember(s, dir);
	memset(info, 0, sizeof(*info));
	snprintf(info->device, sizeof(info->device), "%s", s->dir_device ? s->dir_device : "/dev/loop7");
	if (s->dir_error)
		return s->dir_error;
	if (!uuid)
		return -ENOTBLK;
	snprintf(info->uuid, sizeof(info->uuid), "%s", uuid);
	return 0;
}

static int stub_device(void *data, const char *dev, struct pw_fsinfo *info)
{
	struct stub *s = data;

	remember(s, dev);
	memset(info, 0, sizeof(*info));
	if (!s->device_uuid)
		return -ENODATA;
	snprintf(info->uuid, sizeof(info->uuid), "%s", s->device_uuid);
	return 0;
}

static int stub_partition(void *data, const char *dev, struct pw_fsinfo *info)
{
	struct stub *s = data;
	int ret = stub_device(data, dev, info);

	if (ret == 0 && s->partition_type)
		snprintf(info->type, sizeof(info->type), "%s", s->partition_type);
	return ret;
}

/* An etch guest whose boot menu already gives root=UUID= (the grub step's). */
static void etch(const char *fstab)
{
	put_file(tree, "etc/debian_version", "4.0\n");
	put_file(tree, "etc/fstab", fstab);
	put_file(tree, "boot/grub/menu.lst",
		 "default 0\ntimeout 5\n"
		 "### BEGIN AUTOMAGIC KERNELS LIST\n"
		 "# kopt=root=UUID=" UUID_ROOT " ro\n"
		 "### END DEBIAN AUTOMAGIC KERNELS LIST\n"
		 "title Debian\nroot (hd0,0)\n"
		 "kernel /boot/vmlinuz-2.6.18-6-amd64 root=UUID=" UUID_ROOT " ro\n");
}

static int plan_with(struct stub *s, bool inside, struct pw_plan *p, struct pw_error *err)
{
	struct pw_disks_probe probe = { .dir = stub_dir, .device = inside ? stub_device : NULL, .data = s };

	pw_ctx_gather(&ctx);
	pw_plan_init(p, PW_STEP_DISKS);
	memset(err, 0, sizeof(*err));
	return pw_disks_plan_with(&ctx, &probe, p, err);
}

static void inspect(struct pw_result *r)
{
	pw_ctx_gather(&ctx);
	pw_result_init(r);
	pw_inspect_disks(&ctx, r);
}

/* Apply; ok; the real plan finds nothing (and probes nothing); undo. */
static void apply_check_undo(struct pw_plan *p, const char *before)
{
	struct pw_error err = { 0 };
	struct pw_result r;
	struct pw_txn *txn;
	struct pw_plan again;
	char backup[PATH_MAX];

	assert_int_equal(pw_txn_begin(ctx.root, &txn, &err), 0);
	assert_int_equal(pw_plan_apply_files(p, txn, &err), 0);
	pw_txn_end(txn);
	inspect(&r);
	if (r.status != PW_OK)
		fail_msg("after the apply: %s", r.message_en);
	pw_plan_init(&again, PW_STEP_DISKS);
	assert_int_equal(pw_plan_disks(&ctx, &again, &err), 1);
	assert_true(pw_plan_empty(&again));

	assert_int_equal(pw_txn_begin(ctx.root, &txn, &err), 0);
	assert_int_equal(pw_undo_latest(txn, backup, sizeof(backup), &err), 0);
	pw_txn_end(txn);
	expect_tree_file(tree, "etc/fstab", before);
}

static void test_plan_under_root(void **state)
{
	struct stub s = { .root_uuid = UUID_ROOT };
	struct pw_plan p;
	struct pw_error err;
	struct pw_result r;

	(void)state;
	etch(etch_fstab);
	inspect(&r);
	assert_int_equal(r.status, PW_TODO);
	assert_int_equal(plan_with(&s, false, &p, &err), 0);
	/* only / is probed: the swap's name is the guest's, not this machine's */
	assert_string_equal(s.asked, "/");
	assert_int_equal(p.count, 1);
	assert_string_equal(p.changes[0].path, "/etc/fstab");
	assert_string_equal(p.changes[0].new_text,
		"# /etc/fstab: static file system information.\n"
		"#\n"
		"# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n"
		"proc            /proc           proc    defaults        0       0\n"
		"# was /dev/hda1 (paravm-wizard)\n"
		"UUID=" UUID_ROOT "       /               ext3    defaults,errors=remount-ro 0       1\n"
		"/dev/hda5       none            swap    sw              0       0\n"
		"/dev/hdc        /media/cdrom0   udf,iso9660 user,noauto     0       0\n");
	assert_string_equal(p.note,
		"/ is on UUID=" UUID_ROOT "; /etc/fstab will name it so, as /dev/hda1 becomes /dev/xvda1 under ParaVM. "
		"Swap (/dev/hda5) keeps its device name: from outside the VM the wizard cannot find that partition. Under ParaVM the name becomes /dev/xvda5, so at every boot the VM waits for a /dev/hda5 that never comes (about 90 seconds), then starts without swap. Run the wizard again inside the VM to name it by UUID. "
		"Each old name is kept in a comment above its line.");
	apply_check_undo(&p, etch_fstab);
	pw_plan_free(&p);
}

/*
 * Under --root, root mounted from a partition of this machine: the swap
 * on the guest's hda5, beside its hda1, is this machine's loop7p5, taken
 * once libblkid finds swap there.
 */
static int plan_partitioned(struct stub *s, struct pw_plan *p, struct pw_error *err)
{
	struct pw_disks_probe probe = { .dir = stub_dir, .partition = stub_partition, .data = s };

	pw_ctx_gather(&ctx);
	pw_plan_init(p, PW_STEP_DISKS);
	memset(err, 0, sizeof(*err));
	return pw_disks_plan_with(&ctx, &probe, p, err);
}

static void test_plan_under_root_partitioned(void **state)
{
	struct stub s = { .root_uuid = UUID_ROOT, .dir_device = "/dev/loop7p1",
			  .device_uuid = UUID_SWAP, .partition_type = "swap" };
	struct stub wrong = s, whole = s;
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch(etch_fstab);
	assert_int_equal(plan_partitioned(&s, &p, &err), 0);
	assert_string_equal(s.asked, "/ /dev/loop7p5");
	assert_non_null(strstr(p.changes[0].new_text,
			       "# was /dev/hda5 (paravm-wizard)\nUUID=" UUID_SWAP "       none            swap"));
	assert_non_null(strstr(p.note, "Swap is on UUID=" UUID_SWAP "; /etc/fstab will name it so, as /dev/hda5 becomes /dev/xvda5 under ParaVM."));
	apply_check_undo(&p, etch_fstab);
	pw_plan_free(&p);

	/* the number alone is no proof: another filesystem there is left alone */
	wrong.partition_type = "ext3";
	wrong.asked[0] = '\0';
	assert_int_equal(plan_partitioned(&wrong, &p, &err), 0);
	assert_null(strstr(p.changes[0].new_text, UUID_SWAP));
	assert_non_null(strstr(p.note, "Swap (/dev/hda5) keeps its device name"));
	pw_plan_free(&p);

	/* root on a whole disk (loop7): no partition numbers to go by */
	whole.dir_device = "/dev/loop7";
	whole.asked[0] = '\0';
	assert_int_equal(plan_partitioned(&whole, &p, &err), 0);
	assert_string_equal(whole.asked, "/");
	pw_plan_free(&p);
}

static void test_plan_inside_vm(void **state)
{
	struct stub s = { .root_uuid = UUID_ROOT, .device_uuid = UUID_SWAP };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch(etch_fstab);
	assert_int_equal(plan_with(&s, true, &p, &err), 0);
	/* the CD drive is never probed: a UUID would name one disc */
	assert_string_equal(s.asked, "/ /dev/hda5");
	assert_non_null(strstr(p.changes[0].new_text,
			       "# was /dev/hda5 (paravm-wizard)\n"
			       "UUID=" UUID_SWAP "       none            swap    sw"));
	assert_non_null(strstr(p.changes[0].new_text,
			       "/dev/hdc        /media/cdrom0   udf,iso9660"));
	assert_non_null(strstr(p.note, "Swap is on UUID=" UUID_SWAP "; /etc/fstab will name it so, as /dev/hda5 becomes /dev/xvda5 under ParaVM."));
	apply_check_undo(&p, etch_fstab);
	pw_plan_free(&p);

	/* a disk without a UUID keeps its name, and the note says so */
	s.device_uuid = NULL;
	s.asked[0] = '\0';
	assert_int_equal(plan_with(&s, true, &p, &err), 0);
	assert_non_null(strstr(p.note, "Swap (/dev/hda5) keeps its device name: libblkid found no UUID on it."));
	assert_non_null(strstr(p.changes[0].new_text, "\n/dev/hda5       none"));
	pw_plan_free(&p);
}

static void test_plan_separate_boot(void **state)
{
	static const char fstab[] = "/dev/sda2 / ext4 errors=remount-ro 0 1\n"
				    "/dev/sda1 /boot ext2 defaults 0 2\n"
				    "/dev/sda2 /srv/again ext4 defaults 0 0\n";
	struct stub s = { .root_uuid = UUID_ROOT, .boot_uuid = UUID_BOOT };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch(fstab);
	assert_int_equal(plan_with(&s, false, &p, &err), 0);
	assert_string_equal(s.asked, "/ /boot");
	assert_string_equal(p.changes[0].new_text,
			    "# was /dev/sda2 (paravm-wizard)\n"
			    "UUID=" UUID_ROOT " / ext4 errors=remount-ro 0 1\n"
			    "# was /dev/sda1 (paravm-wizard)\n"
			    "UUID=" UUID_BOOT " /boot ext2 defaults 0 2\n"
			    "# was /dev/sda2 (paravm-wizard)\n"
			    "UUID=" UUID_ROOT " /srv/again ext4 defaults 0 0\n");
	assert_string_equal(p.note,
		"/ is on UUID=" UUID_ROOT "; /etc/fstab will name it so, as /dev/sda2 becomes /dev/xvda2 under ParaVM. "
		"/boot is on UUID=" UUID_BOOT "; /etc/fstab will name it so, as /dev/sda1 becomes /dev/xvda1 under ParaVM. "
		"/srv/again is on UUID=" UUID_ROOT "; /etc/fstab will name it so, as /dev/sda2 becomes /dev/xvda2 under ParaVM. "
		"Each old name is kept in a comment above its line.");
	apply_check_undo(&p, fstab);
	pw_plan_free(&p);
}

static void test_plan_xen_and_driver_names(void **state)
{
	static const char fstab[] = "/dev/xvda1 / ext3 defaults 0 1\n"
				    "/dev/disk/by-path/pci-0000:00:01.1-ata-1-part1 /boot ext3 defaults 0 2\n";
	struct stub s = { .root_uuid = UUID_ROOT, .boot_uuid = UUID_BOOT };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch(fstab);
	assert_int_equal(plan_with(&s, false, &p, &err), 0);
	assert_string_equal(p.note,
		"/ is on UUID=" UUID_ROOT "; /etc/fstab will name it so instead of /dev/xvda1, the disk's name under ParaVM only, so that the way back to HVM boots too. "
		"/boot is on UUID=" UUID_BOOT "; /etc/fstab will name it so instead of /dev/disk/by-path/pci-0000:00:01.1-ata-1-part1, a name made from the disk's driver, which changes under ParaVM. "
		"Each old name is kept in a comment above its line.");
	apply_check_undo(&p, fstab);
	pw_plan_free(&p);
}

static void test_nothing_to_do(void **state)
{
	struct stub s = { .root_uuid = UUID_ROOT };
	struct pw_plan p;
	struct pw_error err;

	(void)state;
	etch("UUID=" UUID_ROOT " / ext3 defaults 0 1\nLABEL=boot /boot ext3 defaults 0 2\n"
	     "/dev/mapper/vg-home /home ext3 defaults 0 2\n");
	assert_int_equal(plan_with(&s, true, &p, &err), 1);
	assert_string_equal(s.asked, "");
	assert_true(pw_plan_empty(&p));
	pw_plan_free(&p);
}

/* A failed plan: the code, the words, nothing planned, fstab as it was. */
static void expect_error(struct stub *s, enum pw_exit code, const char *words)
{
	struct pw_plan p;
	struct pw_error err;
	char *before = read_tree_file(tree, "etc/fstab");

	assert_true(plan_with(s, false, &p, &err) < 0);
	assert_int_equal(err.code, code);
	if (!strstr(err.message, words))
		fail_msg("\"%s\" not in \"%s\"", words, err.message);
	assert_true(pw_plan_empty(&p));
	pw_plan_free(&p);
	if (before) {
		expect_tree_file(tree, "etc/fstab", before);
		free(before);
	}
}

static void test_plain_folder(void **state)
{
	struct pw_plan p;
	struct pw_error err = { 0 };
	char words[PATH_MAX + 128];

	(void)state;
	etch(etch_fstab);
	/* the real probe: a folder under /tmp is no filesystem of its own */
	pw_ctx_gather(&ctx);
	pw_plan_init(&p, PW_STEP_DISKS);
	assert_true(pw_plan_disks(&ctx, &p, &err) < 0);
	assert_int_equal(err.code, PW_EXIT_DATAERR);
	snprintf(words, sizeof(words),
		 "The guest at %s is a plain folder of this machine, not a filesystem of its own, so the wizard cannot know the UUID of the guest's disk, which /etc/fstab should name instead of /dev/hda1. Mount the guest from its disk",
		 tree);
	if (!strstr(err.message, words))
		fail_msg("\"%s\" not in \"%s\"", words, err.message);
	assert_true(pw_plan_empty(&p));
	pw_plan_free(&p);
	expect_tree_file(tree, "etc/fstab", etch_fstab);
}

static void test_probe_errors(void **state)
{
	struct stub s = { .root_uuid = UUID_ROOT };
	char words[PATH_MAX + 128];

	(void)state;
	etch("/dev/hda2 / ext3 defaults 0 1\n/dev/hda1 /boot ext3 defaults 0 2\n");
	snprintf(words, sizeof(words),
		 "/etc/fstab mounts /boot from /dev/hda1, a filesystem of its own, but %s/boot is not a mount point here, so the wizard cannot know that filesystem's UUID.",
		 tree);
	expect_error(&s, PW_EXIT_DATAERR, words);

	s.dir_error = -ENODATA;
	expect_error(&s, PW_EXIT_DATAERR,
		     "The filesystem of / (/dev/loop7) has no UUID that libblkid can read, so /etc/fstab cannot name it by UUID. Give it one (for ext2, ext3 and ext4: tune2fs -U random /dev/loop7)");
	s.dir_error = -EACCES;
	expect_error(&s, PW_EXIT_IOERR,
		     "The UUID of the filesystem of / cannot be read from /dev/loop7: Permission denied. Run the wizard as root.");
	s.dir_error = -EIO;
	expect_error(&s, PW_EXIT_IOERR,
		     "The UUID of the filesystem of / cannot be read from /dev/loop7: Input/output error.");
}

static void test_bad_fstab(void **state)
{
	struct stub s = { .root_uuid = UUID_ROOT };
	char path[PATH_MAX];
	FILE *f;

	(void)state;
	etch(etch_fstab);
	snprintf(path, sizeof(path), "%s/etc/fstab", tree);
	assert_int_equal(unlink(path), 0);
	expect_error(&s, PW_EXIT_IOERR,
		     "/etc/fstab cannot be read: it does not exist in the guest. Check that file, then run the wizard again.");
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite("/dev/hda1\0/", 1, 11, f), 11);
	fclose(f);
	expect_error(&s, PW_EXIT_DATAERR, "/etc/fstab cannot be read: it holds binary data, not text.");
	assert_string_equal(s.asked, "");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, guest_setup, guest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite),
		cmocka_unit_test(test_rewrite_odd_files),
		T(test_plan_under_root),
		T(test_plan_under_root_partitioned),
		T(test_plan_inside_vm),
		T(test_plan_separate_boot),
		T(test_plan_xen_and_driver_names),
		T(test_nothing_to_do),
		T(test_plain_folder),
		T(test_probe_errors),
		T(test_bad_fstab),
	};

	return cmocka_run_group_tests_name("disks plan", tests, NULL, NULL);
}
