#!/bin/sh
# The grub step for real: an etch guest (tests/guest/make-guest, grub legacy
# with the 2008 update-grub) with a Xen kernel installed by hand, on a disk
# image mounted from its partition, converted with --only grub --yes; then
# pygrub, Xen's own ParaVM boot loader, reads the image and must pick the
# Xen kernel with root=UUID= and console=xvc0. A later update-grub (the next
# kernel upgrade) must keep it so, and --undo must put every byte back.
#
# Needs root (loop devices, mounts, chroot) and make-guest's cached etch
# guest (/var/tmp/paravm-wizard, made once with the network); skips without
# them, saying why. About half a minute with the cache.
#
# The image is attached whole (losetup -P) and the guest mounted from its
# partition, so that the chroot sees a partitioned disk: grub legacy's
# update-grub asks grub-probe for the BIOS drive of /, and grub-probe finds
# it only through device.map and the disk's partition table. The guest's
# device.map is made to name that disk, as a rescue system's would.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

UUID=0b5e7c1a-6d2f-4e3b-9a81-2c4d6e8f0a13
XEN=2.6.18-6-xen-amd64
CACHE=${PW_CACHE:-/var/tmp/paravm-wizard}
PYGRUB=${PYGRUB:-/usr/lib/xen-4.17/bin/pygrub}

skip_all() {
	skip "grub-real: pygrub boots the Xen kernel of a converted etch guest" "$1"
	done_testing
	exit 0
}

[ "$(id -u)" -eq 0 ] || skip_all "not root: loop devices, mounts and chroot need root"
ls "$CACHE"/tree-etch-sysvinit-*.tar >/dev/null 2>&1 ||
	skip_all "no cached etch-sysvinit guest in $CACHE (make one, with the network: tests/guest/make-guest --variant etch-sysvinit DIR)"
for cmd in losetup partx mount umount sfdisk mkfs.ext3 chroot unshare; do
	command -v "$cmd" >/dev/null 2>&1 || skip_all "$cmd is missing"
done

LOOP=
MNT=$PW_TMP/mnt
real_cleanup() {
	if mountpoint -q "$MNT" 2>/dev/null; then
		umount "$MNT" 2>/dev/null || umount -l "$MNT"
	fi
	[ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
	pw_cleanup
}
trap real_cleanup EXIT

GUEST=$PW_TMP/guest
IMG=$PW_TMP/disk.img
if ! "$PW_TOP/tests/guest/make-guest" --variant etch-sysvinit "$GUEST" >"$PW_TMP/make.log" 2>&1; then
	not_ok "the etch guest is made" "$(tail -n 5 "$PW_TMP/make.log")"
	done_testing
	exit 1
fi
ok "the etch guest is made"

# The guest has no udev (make-guest's minbase), and grub-probe asks
# `udevadm info --query path --name DEV` for the partition it probes; an etch
# guest of 2008 had udev. This stand-in answers from sysfs.
mkdir -p "$GUEST/usr/local/sbin"
cat >"$GUEST/usr/local/sbin/udevadm" <<'EOF'
#!/bin/sh
# Stand-in udevadm of tests/scenario/grub-real.sh: only what grub-probe asks.
[ "$1" = info ] || exit 1
name= query=
while [ $# -gt 0 ]; do
	case $1 in
	--name | -n) name=$2; shift 2 ;;
	--name=*) name=${1#--name=}; shift ;;
	--query | -q) query=$2; shift 2 ;;
	--query=*) query=${1#--query=}; shift ;;
	*) shift ;;
	esac
done
[ "$query" = path ] && [ -b "$name" ] || exit 1
rdev=$(stat -L -c '%t:%T' "$name") || exit 1
p=$(readlink -f "/sys/dev/block/$((0x${rdev%:*})):$((0x${rdev#*:}))") || exit 1
echo "${p#/sys}"
EOF
chmod 0755 "$GUEST/usr/local/sbin/udevadm"

# The Xen kernel as the packages step would leave it, but by hand: its
# postinst (update-grub) would have left it out of the menu anyway.
printf 'PW-FAKE-KERNEL %s\n' "$XEN" >"$GUEST/boot/vmlinuz-$XEN"
printf 'PW-FAKE-INITRD %s\n' "$XEN" >"$GUEST/boot/initrd.img-$XEN"
printf 'CONFIG_X86_64=y\nCONFIG_XEN=y\nCONFIG_XEN_PRIVILEGED_GUEST=y\n' >"$GUEST/boot/config-$XEN"

if ! "$PW_TOP/tests/guest/disk-image" make --fs ext3 --uuid "$UUID" "$GUEST" "$IMG" \
	>"$PW_TMP/image.log" 2>&1; then
	not_ok "the guest is put on a disk image" "$(cat "$PW_TMP/image.log")"
	done_testing
	exit 1
fi
rm -rf "$GUEST"

attach() {
	LOOP=$(losetup -P -f --show "$IMG") || return 1
	# the partition's node comes with the partition scan (devtmpfs); where
	# the kernel skipped the scan, partx adds the partition
	for _ in 1 2 3 4 5; do
		[ -b "${LOOP}p1" ] && break
		sleep 0.2
	done
	[ -b "${LOOP}p1" ] || partx -a "$LOOP" 2>/dev/null
	mkdir -p "$MNT" && mount "${LOOP}p1" "$MNT"
}
detach() {
	umount "$MNT" && losetup -d "$LOOP" && LOOP=
}

if ! attach; then
	not_ok "the image is attached and mounted" "loop device: ${LOOP:-none}"
	done_testing
	exit 1
fi
ok "the image is attached ($LOOP) and its partition mounted"
printf '(hd0)\t%s\n' "$LOOP" >"$MNT/boot/grub/device.map"
for f in boot/grub/menu.lst usr/sbin/update-grub boot/grub/default; do
	mkdir -p "$PW_TMP/before/$(dirname "$f")"
	cp -p "$MNT/$f" "$PW_TMP/before/$f"
done

# ---- before: todo, and the dry run shows the plan ---------------------------

PW_LABEL="etch guest on a disk"
pw --check --only grub --root "$MNT"
if [ "$RUN_RC" -eq 1 ]; then
	ok "$PW_LABEL: --check: grub is to do"
else
	not_ok "$PW_LABEL: --check: grub is to do" "exit $(describe_rc "$RUN_RC")" "$RUN_OUT"
fi

pw --only grub --dry-run --root "$MNT"
want_dry="+		# continue
+		:
+# kopt=root=UUID=$UUID ro console=xvc0
the default becomes Linux $XEN"
missing=
while IFS= read -r w; do
	printf '%s\n' "$RUN_OUT" | grep -Fq -- "$w" || missing="$missing
$w"
done <<EOF
$want_dry
EOF
if [ "$RUN_RC" -eq 0 ] && [ -z "$missing" ]; then
	ok "$PW_LABEL: --dry-run shows the patch, the kopt line and the default to be"
else
	not_ok "$PW_LABEL: --dry-run shows the patch, the kopt line and the default to be" \
		"exit $(describe_rc "$RUN_RC"), missing:$missing" "$RUN_OUT" "$RUN_ERR"
fi
if cmp -s "$PW_TMP/before/boot/grub/menu.lst" "$MNT/boot/grub/menu.lst" &&
   cmp -s "$PW_TMP/before/usr/sbin/update-grub" "$MNT/usr/sbin/update-grub"; then
	ok "$PW_LABEL: --dry-run changed nothing"
else
	not_ok "$PW_LABEL: --dry-run changed nothing"
fi

# ---- the apply ---------------------------------------------------------------

# menu_check: the default entry of menu.lst boots the Xen kernel with
# root=UUID= and console=xvc0; prints what it found.
menu_check() {
	awk -v xen="$XEN" -v uuid="$UUID" '
		/^[ \t]*#/ { next }
		n < 0 && $1 == "default" { def = $2 }
		$1 == "title" { n++; next }
		BEGIN { n = -1 }
		n >= 0 && $1 == "kernel" { kernel[n] = $0 }
		END {
			k = kernel[def + 0]
			print "default " def ": " k
			ok = index(k, "/boot/vmlinuz-" xen " ") && index(k, " root=UUID=" uuid " ") &&
			     k ~ / console=xvc0( |$)/ && k !~ / single( |$)/
			exit ok ? 0 : 1
		}' "$MNT/boot/grub/menu.lst"
}

pw --only grub --yes --root "$MNT"
if [ "$RUN_RC" -eq 0 ]; then
	ok "$PW_LABEL: --yes: exit 0"
else
	not_ok "$PW_LABEL: --yes: exit 0" "exit $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
if found=$(menu_check); then
	ok "$PW_LABEL: menu.lst's default boots $XEN with root=UUID= and console=xvc0"
else
	not_ok "$PW_LABEL: menu.lst's default boots $XEN with root=UUID= and console=xvc0" \
		"$found" "$(grep -v '^#' "$MNT/boot/grub/menu.lst" | grep .)"
fi
if grep -q "^# kopt=root=UUID=$UUID ro console=xvc0\$" "$MNT/boot/grub/menu.lst" &&
   grep -q '^## ## End Default Options ##$' "$MNT/boot/grub/menu.lst"; then
	ok "$PW_LABEL: kopt has root=UUID= and console=xvc0, the options section stays"
else
	not_ok "$PW_LABEL: kopt has root=UUID= and console=xvc0, the options section stays" \
		"$(grep -n 'kopt\|Default Options' "$MNT/boot/grub/menu.lst")"
fi

pw --check --only grub --root "$MNT"
if [ "$RUN_RC" -eq 0 ]; then
	ok "$PW_LABEL: --check afterwards: grub is ok"
else
	not_ok "$PW_LABEL: --check afterwards: grub is ok" "$RUN_OUT"
fi
cp -p "$MNT/boot/grub/menu.lst" "$PW_TMP/menu.after"
pw --only grub --yes --root "$MNT"
if [ "$RUN_RC" -eq 0 ] && cmp -s "$PW_TMP/menu.after" "$MNT/boot/grub/menu.lst" &&
   printf '%s\n' "$RUN_OUT" | grep -q 'Nothing needed to be changed'; then
	ok "$PW_LABEL: a second --yes changes nothing"
else
	not_ok "$PW_LABEL: a second --yes changes nothing" "exit $(describe_rc "$RUN_RC")" "$RUN_OUT"
fi

# The next kernel upgrade runs update-grub: the menu must stay right.
# shellcheck disable=SC2016 # $1 is the inner shell's
if unshare --mount --propagation private -- sh -c '
	mount -t proc proc "$1/proc" && mount -t sysfs sysfs "$1/sys" &&
	mount --rbind /dev "$1/dev" &&
	exec chroot "$1" /usr/bin/env -i PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
		/usr/sbin/update-grub
' sh "$MNT" >"$PW_TMP/ug.log" 2>&1 && found=$(menu_check); then
	ok "$PW_LABEL: a later update-grub keeps the Xen kernel the default ($found)"
else
	not_ok "$PW_LABEL: a later update-grub keeps the Xen kernel the default" \
		"$(tail -n 5 "$PW_TMP/ug.log")" "${found:-}"
fi

# ---- pygrub reads the image --------------------------------------------------

sync
detach
if [ ! -x "$PYGRUB" ]; then
	skip "pygrub picks the Xen kernel" "no pygrub at $PYGRUB (xen-utils-4.17)"
else
	"$PYGRUB" --list-entries "$IMG" >"$PW_TMP/pygrub.list" 2>&1
	diag "pygrub --list-entries:" "$(cat "$PW_TMP/pygrub.list")"
	mkdir -p "$PW_TMP/pyg"
	if "$PYGRUB" -q --output-format=simple --output-directory="$PW_TMP/pyg" "$IMG" \
		>"$PW_TMP/pygrub.out" 2>&1; then
		diag "pygrub -q:" "$(cat "$PW_TMP/pygrub.out")"
		kernel=$(sed -n 's/^kernel //p' "$PW_TMP/pygrub.out")
		args=$(sed -n 's/^args //p' "$PW_TMP/pygrub.out")
		if [ -n "$kernel" ] && grep -q "^PW-FAKE-KERNEL $XEN\$" "$kernel" &&
		   printf '%s\n' " $args " | grep -q " root=UUID=$UUID " &&
		   printf '%s\n' " $args " | grep -q ' console=xvc0 '; then
			ok "pygrub boots $XEN with root=UUID=$UUID and console=xvc0"
		else
			not_ok "pygrub boots $XEN with root=UUID=$UUID and console=xvc0" \
				"$(cat "$PW_TMP/pygrub.out")"
		fi
	else
		not_ok "pygrub boots $XEN with root=UUID=$UUID and console=xvc0" \
			"$(cat "$PW_TMP/pygrub.out")"
	fi
fi

# ---- --undo puts every byte back --------------------------------------------

if ! attach; then
	not_ok "the image is mounted again"
	done_testing
	exit 1
fi
pw --undo --root "$MNT"
same=true
for f in boot/grub/menu.lst usr/sbin/update-grub boot/grub/default; do
	cmp -s "$PW_TMP/before/$f" "$MNT/$f" || same=false
done
if [ "$RUN_RC" -eq 0 ] && $same && [ ! -e "$MNT/boot/grub/menu.lst~" ]; then
	ok "--undo restores menu.lst, update-grub and default byte for byte"
else
	not_ok "--undo restores menu.lst, update-grub and default byte for byte" \
		"exit $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR" \
		"$(diff "$PW_TMP/before/boot/grub/menu.lst" "$MNT/boot/grub/menu.lst" | head -20)"
fi
detach

done_testing
