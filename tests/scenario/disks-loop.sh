#!/bin/sh
# The disks step for real: the etch-hvm guest on an ext3 image, attached to
# a loop device and mounted, so that libblkid reads the UUID the wizard
# writes into /etc/fstab. --dry-run, --yes, a second --yes, --undo.
#
# Needs root (loop devices, mount); skips itself otherwise, saying why. The
# mount and the loop device are undone on every way out, failures included.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

NAME="disks-loop"

skip_all() {
	skip "$NAME: /etc/fstab names / by the UUID libblkid reads" "$1"
	done_testing
	exit 0
}

pw_require_bin
pw_mount_fixture etch-hvm || skip_all "$PW_MOUNT_WHY"
MNT=$MOUNTED
IMG=$FIXTURE_CASE/disk.img
LOOP=$(findmnt -n -o SOURCE "$MNT")
UUID=$(blkid -p -s UUID -o value "$LOOP")
if [ -n "$UUID" ]; then
	ok "$NAME: the image has a UUID ($UUID)"
else
	not_ok "$NAME: the image has a UUID" "blkid -p $LOOP printed none"
	done_testing
	exit 1
fi

FSTAB=$MNT/etc/fstab
cp -p "$FSTAB" "$PW_TMP/fstab.before"
# What the apply must write: the spec of / replaced, its old name above it.
awk -v uuid="$UUID" '
	$1 == "/dev/hda1" && $2 == "/" {
		print "# was /dev/hda1 (paravm-wizard)"
		sub(/^\/dev\/hda1/, "UUID=" uuid)
	}
	{ print }' "$PW_TMP/fstab.before" >"$PW_TMP/fstab.want"

# ---- --dry-run: the diff and the note, nothing written --------------------
pw --root "$MNT" --only disks --dry-run
if [ "$RUN_RC" -eq 0 ] &&
	printf '%s\n' "$RUN_OUT" | grep -qxF -- "+UUID=$UUID       /               ext3    defaults,errors=remount-ro 0       1" &&
	printf '%s\n' "$RUN_OUT" | grep -qxF -- "-/dev/hda1       /               ext3    defaults,errors=remount-ro 0       1"; then
	ok "$NAME: --dry-run shows / renamed to UUID=$UUID"
else
	not_ok "$NAME: --dry-run shows / renamed to UUID=$UUID" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
if printf '%s\n' "$RUN_OUT" | grep -qF "/ is on UUID=$UUID; /etc/fstab will name it so, as /dev/hda1 becomes /dev/xvda1 under ParaVM." &&
	printf '%s\n' "$RUN_OUT" | grep -qF "Swap (/dev/hda5) keeps its device name"; then
	ok "$NAME: the note names the UUID and the swap left alone"
else
	not_ok "$NAME: the note names the UUID and the swap left alone" "$RUN_OUT"
fi
check "$NAME: --dry-run changes nothing" cmp -s "$FSTAB" "$PW_TMP/fstab.before"

# ---- --yes: fstab rewritten; root= is the grub step's, so still to do -------
pw --root "$MNT" --only disks --yes
if [ "$RUN_RC" -eq 1 ] && cmp -s "$FSTAB" "$PW_TMP/fstab.want"; then
	ok "$NAME: --yes writes exactly the new spec, every other byte kept"
else
	not_ok "$NAME: --yes writes exactly the new spec, every other byte kept" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_ERR" \
		"$(diff -u "$PW_TMP/fstab.want" "$FSTAB")"
fi
PW_LABEL=$NAME
if pw_check_json "$MNT" --only disks; then
	expect_step disks todo
	expect_no_msg disks 'mounted from /dev/hda1' "no longer names fstab's /dev/hda1"
	expect_msg disks 'root=/dev/hda1' "still names the kernel's root= (the grub step's)"
fi

# ---- a second run plans nothing for fstab ----------------------------------
cp -p "$FSTAB" "$PW_TMP/fstab.after"
pw --root "$MNT" --only disks --dry-run
if [ "$RUN_RC" -eq 0 ] && ! printf '%s\n' "$RUN_OUT" | grep -q 'etc/fstab'; then
	ok "$NAME: a second plan has nothing to change in /etc/fstab"
else
	not_ok "$NAME: a second plan has nothing to change in /etc/fstab" "$RUN_OUT" "$RUN_ERR"
fi
pw --root "$MNT" --only disks --yes
check "$NAME: a second --yes changes nothing" cmp -s "$FSTAB" "$PW_TMP/fstab.after"

# ---- --undo: every byte back -------------------------------------------------
pw --root "$MNT" --undo
if [ "$RUN_RC" -eq 0 ] && cmp -s "$FSTAB" "$PW_TMP/fstab.before"; then
	ok "$NAME: --undo puts /etc/fstab back byte for byte"
else
	not_ok "$NAME: --undo puts /etc/fstab back byte for byte" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_ERR" \
		"$(diff -u "$PW_TMP/fstab.before" "$FSTAB")"
fi

# ---- a partitioned disk: swap found beside root ------------------------------
# The guest's hda1 and hda5 on one image with a partition table, attached
# with its partitions (loopNp1, loopNp5): from outside the VM, the swap
# that the guest calls hda5 is the image's fifth partition, and its UUID
# is the one libblkid reads there.
if command -v sfdisk >/dev/null 2>&1 && command -v mkswap >/dev/null 2>&1; then
	fixture etch-hvm
	PIMG=$FIXTURE_CASE/parted.img
	truncate -s 96M "$PIMG"
	printf 'label: dos\nstart=2048, size=120832, type=83\nstart=124928, type=5\nstart=126976, type=82\n' |
		sfdisk -q "$PIMG" >/dev/null 2>&1
	if PLOOP=$(losetup --find --show --partscan "$PIMG" 2>/dev/null); then
		PW_LOOPS="$PLOOP $PW_LOOPS"
		# the kernel does not always scan at once; partx asks it to
		[ -b "${PLOOP}p5" ] || partx -a "$PLOOP" 2>/dev/null
		i=0
		while [ ! -b "${PLOOP}p5" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		mkfs.ext3 -q -F -d "$FIXTURE" "${PLOOP}p1" >/dev/null 2>&1
		mkswap -q "${PLOOP}p5" >/dev/null 2>&1
		SWAP_UUID=$(blkid -p -s UUID -o value "${PLOOP}p5")
		PMNT=$FIXTURE_CASE/pmnt
		mkdir -p "$PMNT"
		if [ -n "$SWAP_UUID" ] && mount "${PLOOP}p1" "$PMNT"; then
			PW_MOUNTS="$PMNT $PW_MOUNTS"
			pw --root "$PMNT" --only disks --dry-run
			if [ "$RUN_RC" -eq 0 ] &&
			   printf '%s\n' "$RUN_OUT" | grep -qxF -- "+UUID=$SWAP_UUID       none            swap    sw              0       0" &&
			   printf '%s\n' "$RUN_OUT" | grep -qF "Swap is on UUID=$SWAP_UUID; /etc/fstab will name it so, as /dev/hda5 becomes /dev/xvda5 under ParaVM."; then
				ok "$NAME: on a partitioned disk the swap beside root is named by its UUID"
			else
				not_ok "$NAME: on a partitioned disk the swap beside root is named by its UUID" \
					"swap ${PLOOP}p5 is UUID=$SWAP_UUID" "exit $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
			fi
			pw --root "$PMNT" --only disks --yes
			check "$NAME: fstab names the swap by UUID" grep -q "^UUID=$SWAP_UUID[[:space:]]*none[[:space:]]*swap" "$PMNT/etc/fstab"
		else
			not_ok "$NAME: a partitioned image can be made and mounted" "swap UUID: '$SWAP_UUID'"
		fi
	else
		skip "$NAME: the swap beside root" "losetup --partscan failed"
	fi
else
	skip "$NAME: the swap beside root" "no sfdisk or mkswap here"
fi

pw_unmount_fixtures
if losetup -a | grep -qF -e "$IMG" -e "${PIMG:-$IMG}"; then
	not_ok "$NAME: no loop device of the image is left" "$(losetup -a | grep -F -e "$IMG" -e "${PIMG:-$IMG}")"
else
	ok "$NAME: no loop device of the image is left"
fi
done_testing
