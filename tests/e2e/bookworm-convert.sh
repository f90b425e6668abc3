#!/bin/bash
# End to end: convert a Debian 12 (bookworm) HVM guest with grub 2 on a real
# block device to ParaVM with an unattended run, and prove with Xen's pygrub
# that it would boot the 6.1 kernel with the hvc0 console; then undo it.
#
# The guest (make-guest --variant bookworm-grub2): systemd, DHCP on ens3
# (allow-hotplug), /dev/sda1 in fstab, grub 2's grub.cfg with no kernel yet;
# its apt finds linux-image-amd64 (6.1.0-99-amd64, CONFIG_XEN_PV=y) in a
# local repository. Root only; about a minute once the guest is cached.
# shellcheck source=lib-e2e.sh
. "$(dirname "$0")/lib-e2e.sh"

e2e_require
e2e_guest bookworm-grub2 ext4
ok "the bookworm guest is on a loop-mounted ext4 filesystem"
answers=$PW_TMP/answers.ini
e2e_answers "$answers" ens3

# e2e_link NAME PATH: the guest's PATH is a symbolic link.
e2e_link() {
	if [ -L "$E2E_MNT$2" ]; then
		ok "$1"
	else
		not_ok "$1" "$2 is not a symbolic link: $(ls -la "$E2E_MNT$2" 2>&1)"
	fi
}

# ---- the check, before -----------------------------------------------------
say "--check before the conversion"
e2e_pw 30 --check
e2e_expect_rc "--check on the HVM guest says steps remain" 1

# ---- the dry run: every diff shown, nothing written -----------------------------
e2e_snap before
say "--dry-run --answers --yes"
e2e_pw "$E2E_TIMEOUT" --dry-run --answers "$answers" --yes
e2e_expect_rc "--dry-run runs" 0 1
if grep -q '^+++ ' "$RUN_OUT_FILE" && grep -q '^@@ ' "$RUN_OUT_FILE"; then
	ok "--dry-run shows unified diffs on stdout"
else
	not_ok "--dry-run shows unified diffs on stdout" "stdout: $(head -n 30 "$RUN_OUT_FILE")"
fi
if grep -q '^+.*inet static' "$RUN_OUT_FILE" && grep -q '^+.*18\.181\.1\.23' "$RUN_OUT_FILE"; then
	ok "--dry-run shows the static address"
else
	not_ok "--dry-run shows the static address" "stdout: $(head -n 40 "$RUN_OUT_FILE")"
fi
e2e_snap after-dry-run
e2e_same "--dry-run changed nothing in the guest (not even a file's time)" before after-dry-run --mtime

# ---- the apply ------------------------------------------------------------------
cp "$E2E_MNT/var/lib/dpkg/status" "$PW_TMP/status.before"
say "--answers --yes: the conversion (installs linux-image-amd64 with apt)"
e2e_pw "$E2E_TIMEOUT" --answers "$answers" --yes
if ! e2e_expect_rc "--answers --yes converts the guest" 0; then
	say "the apply failed; the rest depends on it"
	done_testing
	exit
fi
e2e_snap after-apply

say "--check --format=json after the conversion"
e2e_expect_ready "after the apply" all

# What a ParaVM bookworm needs, file by file. Under PV, systemd 252 names
# the NIC enX0: a stanza for ens3 alone would leave the VM offline.
e2e_grep "enX0 is static" /etc/network/interfaces '^[[:space:]]*iface[[:space:]]+enX0[[:space:]]+inet[[:space:]]+static'
e2e_grep "the static address is set" /etc/network/interfaces '^[[:space:]]*address[[:space:]]+18\.181\.1\.23'
e2e_grep "the gateway is set" /etc/network/interfaces '^[[:space:]]*gateway[[:space:]]+18\.181\.0\.1'
e2e_link "serial-getty@hvc0 is enabled" /etc/systemd/system/getty.target.wants/serial-getty@hvc0.service
e2e_grep "the root filesystem is mounted by UUID" /etc/fstab '^UUID=[0-9a-f-]+[[:space:]]+/[[:space:]]'
e2e_grep "grub.cfg lists the 6.1 kernel" /boot/grub/grub.cfg '^[[:space:]]*linux[[:space:]]+/boot/vmlinuz-6\.1\.0-99-amd64 '

# ---- a second apply changes nothing ------------------------------------------------
say "--answers --yes again"
e2e_pw "$E2E_TIMEOUT" --answers "$answers" --yes
e2e_expect_rc "a second --answers --yes succeeds" 0
e2e_snap after-second
e2e_same "the second apply changed no file's content, owner or mode" after-apply after-second \
	--exclude /var/log/paravm-wizard.log
# (the lock file names the run that holds it: each run writes it)
e2e_same "the second apply rewrote no file (times unchanged)" after-apply after-second \
	--exclude /var/log/paravm-wizard.log --exclude /var/lib/paravm-wizard/lock --mtime

# ---- what Xen would boot ----------------------------------------------------------
e2e_umount
say "pygrub on the unmounted image"
e2e_pygrub "pygrub boots 6.1.0-99-amd64 with root=UUID= and console=hvc0" \
	--kernel '/vmlinuz-6\.1\.0-99-amd64$' --arg '(^| )root=UUID=[0-9a-f-]+( |$)' \
	--arg '(^| )console=hvc0( |$)'

# ---- and back -------------------------------------------------------------------------
e2e_mount
say "--undo"
e2e_pw "$E2E_TIMEOUT" --undo
e2e_expect_rc "--undo succeeds" 0
e2e_snap after-undo
e2e_same "--undo restored every file byte for byte (packages stay)" before after-undo \
	"${E2E_UNDO_EXCLUDES[@]}" --new-packages-of "$E2E_MNT" "$PW_TMP/status.before"
if grep -A2 -x 'Package: linux-image-amd64' "$E2E_MNT/var/lib/dpkg/status" |
	grep -q '^Status: install ok installed'; then
	ok "linux-image-amd64 is still installed after --undo"
else
	not_ok "linux-image-amd64 is still installed after --undo"
fi
e2e_umount
e2e_no_loop_left
say "done"
done_testing
