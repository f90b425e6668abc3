// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_fstab_parse and the name rules of the disks step, on strings. */
#include "unit.h"

#include "pw-fstab.h"

static const char etch_fstab[] =
	"# /etc/fstab: static file system information.\n"
	"#\n"
	"# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n"
	"proc            /proc           proc    defaults        0       0\n"
	"/dev/hda1       /               ext3    defaults,errors=remount-ro 0       1\n"
	"/dev/hda5       none            swap    sw              0       0\n"
	"/dev/hdc        /media/cdrom0   udf,iso9660 user,noauto     0       0\n";

static void test_parse_etch(void **state)
{
	struct pw_fstab tab;
	const struct pw_fstab_entry *e;

	(void)state;
	assert_int_equal(pw_fstab_parse(etch_fstab, strlen(etch_fstab), &tab), 0);
	assert_int_equal(tab.count, 4);
	assert_int_equal(tab.bad_count, 0);

	e = pw_fstab_find(&tab, "/");
	assert_non_null(e);
	assert_int_equal(e->line, 5);
	assert_string_equal(e->spec, "/dev/hda1");
	assert_string_equal(e->vfstype, "ext3");
	assert_string_equal(e->options, "defaults,errors=remount-ro");
	assert_int_equal(e->freq, 0);
	assert_int_equal(e->passno, 1);
	/* the offsets point at the spec as written, for an in-place rewrite */
	assert_int_equal(e->spec_len, 9);
	assert_memory_equal(etch_fstab + e->spec_start, "/dev/hda1", 9);
	assert_int_equal(e->line_start, e->spec_start);
	assert_int_equal(etch_fstab[e->line_start + e->line_len], '\n');
	assert_false(e->truncated);

	assert_null(pw_fstab_find(&tab, "/boot"));
	pw_fstab_free(&tab);
}

static void test_parse_forms(void **state)
{
	static const char text[] =
		"UUID=0b1c2d3e-aaaa-bbbb-cccc-112233445566 / ext4 errors=remount-ro 0 1\r\n"
		"  LABEL=boot\t/boot/\text3\tdefaults\t0\t2\n"
		"/dev/mapper/vg0-home /home ext4 defaults\n"      /* no dump, no pass */
		"/dev/sdb1 /mnt/My\\040Disk vfat\n"               /* no options */
		"/dev/sdc1\n"                                     /* too few fields */
		"/dev/sdd1 /srv\n"
		"/dev/sde1 /data xfs defaults zero 2\n"           /* not a number */
		"# /dev/sdf1 / ext3 defaults 0 1\n"
		"   # indented comment\n"
		"\n"
		"/dev/hda1 / ext3 defaults 0 1"; /* a later / wins; no final newline */
	struct pw_fstab tab;
	const struct pw_fstab_entry *e;

	(void)state;
	assert_int_equal(pw_fstab_parse(text, strlen(text), &tab), 0);
	assert_int_equal(tab.count, 5);
	assert_int_equal(tab.bad_count, 3);
	assert_int_equal(tab.bad[0].line, 5);
	assert_int_equal(tab.bad[0].fields, 1);
	assert_int_equal(tab.bad[0].why, PW_FSTAB_TOO_FEW_FIELDS);
	assert_int_equal(tab.bad[1].line, 6);
	assert_int_equal(tab.bad[1].fields, 2);
	assert_int_equal(tab.bad[2].line, 7);
	assert_int_equal(tab.bad[2].why, PW_FSTAB_BAD_NUMBER);

	e = &tab.entries[0];
	assert_string_equal(e->spec, "UUID=0b1c2d3e-aaaa-bbbb-cccc-112233445566");
	assert_string_equal(e->options, "errors=remount-ro");
	assert_int_equal(e->passno, 1); /* "\r" dropped with the newline */

	e = pw_fstab_find(&tab, "/boot");
	assert_non_null(e);
	assert_string_equal(e->spec, "LABEL=boot");
	assert_string_equal(e->file, "/boot/");
	assert_int_equal(e->passno, 2);
	assert_memory_equal(text + e->spec_start, "LABEL=boot\t", 11);

	e = pw_fstab_find(&tab, "/home");
	assert_string_equal(e->spec, "/dev/mapper/vg0-home");
	assert_int_equal(e->freq, 0);

	e = pw_fstab_find(&tab, "/mnt/My Disk");
	assert_non_null(e);
	assert_string_equal(e->options, "");
	assert_string_equal(e->vfstype, "vfat");

	e = pw_fstab_find(&tab, "/");
	assert_string_equal(e->spec, "/dev/hda1");
	assert_int_equal(e->line, 11);
	pw_fstab_free(&tab);
}

static void test_unescape(void **state)
{
	char out[16];

	(void)state;
	assert_true(pw_fstab_unescape("a\\040b\\011c", 11, out, sizeof(out)));
	assert_string_equal(out, "a b\tc");
	/* not three octal digits: kept as is */
	assert_true(pw_fstab_unescape("x\\04", 4, out, sizeof(out)));
	assert_string_equal(out, "x\\04");
	assert_true(pw_fstab_unescape("\\09x", 4, out, sizeof(out)));
	assert_string_equal(out, "\\09x");
	assert_false(pw_fstab_unescape("0123456789abcdefgh", 18, out, sizeof(out)));
	assert_string_equal(out, "0123456789abcde");
}

static void test_spec_kinds(void **state)
{
	(void)state;
	assert_int_equal(pw_fstab_spec_kind("UUID=abcd"), PW_FSTAB_SPEC_TAG);
	assert_int_equal(pw_fstab_spec_kind("LABEL=root"), PW_FSTAB_SPEC_TAG);
	assert_int_equal(pw_fstab_spec_kind("PARTUUID=1234-01"), PW_FSTAB_SPEC_TAG);
	assert_int_equal(pw_fstab_spec_kind("/dev/disk/by-uuid/abcd"), PW_FSTAB_SPEC_BY_TAG);
	assert_int_equal(pw_fstab_spec_kind("/dev/disk/by-label/root"), PW_FSTAB_SPEC_BY_TAG);
	assert_int_equal(pw_fstab_spec_kind("/dev/disk/by-id/ata-QEMU_HARDDISK_QM00001-part1"),
			 PW_FSTAB_SPEC_BY_DRIVER);
	assert_int_equal(pw_fstab_spec_kind("/dev/mapper/vg0-root"), PW_FSTAB_SPEC_LVM);
	assert_int_equal(pw_fstab_spec_kind("/dev/vg0/root"), PW_FSTAB_SPEC_LVM);
	assert_int_equal(pw_fstab_spec_kind("/dev/md0"), PW_FSTAB_SPEC_MD);
	assert_int_equal(pw_fstab_spec_kind("/dev/md/root"), PW_FSTAB_SPEC_MD);
	assert_int_equal(pw_fstab_spec_kind("/dev/hda1"), PW_FSTAB_SPEC_EMULATED);
	assert_int_equal(pw_fstab_spec_kind("/dev/sda"), PW_FSTAB_SPEC_EMULATED);
	assert_int_equal(pw_fstab_spec_kind("/dev/sdab12"), PW_FSTAB_SPEC_EMULATED);
	assert_int_equal(pw_fstab_spec_kind("/dev/vda2"), PW_FSTAB_SPEC_EMULATED);
	assert_int_equal(pw_fstab_spec_kind("/dev/xvda1"), PW_FSTAB_SPEC_XEN);
	assert_int_equal(pw_fstab_spec_kind("/dev/cciss/c0d0p1"), PW_FSTAB_SPEC_OTHER);
	assert_int_equal(pw_fstab_spec_kind("/dev/root"), PW_FSTAB_SPEC_OTHER);
	assert_int_equal(pw_fstab_spec_kind("/dev/sd"), PW_FSTAB_SPEC_OTHER);
	assert_int_equal(pw_fstab_spec_kind("server:/export"), PW_FSTAB_SPEC_OTHER);
	assert_true(pw_fstab_spec_stable(PW_FSTAB_SPEC_TAG));
	assert_true(pw_fstab_spec_stable(PW_FSTAB_SPEC_LVM));
	assert_false(pw_fstab_spec_stable(PW_FSTAB_SPEC_EMULATED));
	assert_false(pw_fstab_spec_stable(PW_FSTAB_SPEC_XEN));
}

static void test_pv_name_and_pygrub(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(pw_fstab_pv_name("/dev/hda1", out, sizeof(out)), 0);
	assert_string_equal(out, "/dev/xvda1");
	assert_int_equal(pw_fstab_pv_name("/dev/sdb12", out, sizeof(out)), 0);
	assert_string_equal(out, "/dev/xvdb12");
	assert_int_equal(pw_fstab_pv_name("/dev/xvda1", out, sizeof(out)), 1);
	assert_int_equal(pw_fstab_pv_name("UUID=x", out, sizeof(out)), 1);

	assert_true(pw_fstab_pygrub_reads("ext3"));
	assert_true(pw_fstab_pygrub_reads("ext4"));
	assert_true(pw_fstab_pygrub_reads("xfs"));
	assert_true(pw_fstab_pygrub_reads("reiserfs"));
	assert_false(pw_fstab_pygrub_reads("btrfs"));
	assert_false(pw_fstab_pygrub_reads("jfs"));
	assert_false(pw_fstab_pygrub_reads("auto"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_etch),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_spec_kinds),
		cmocka_unit_test(test_pv_name_and_pygrub),
	};

	return cmocka_run_group_tests_name("fstab", tests, NULL, NULL);
}
