#!/bin/bash
# End to end, by keyboard: the full-screen wizard converts the bookworm guest
# (on a loop-mounted ext4 image, kernel from its local repository), every
# step through its screens, in tmux at 80x24 on TERM=linux; then --check
# says ready and Xen's pygrub boots the kernel with the console. Root and
# tmux only; about half a minute once the guest is cached.
# shellcheck source=lib-e2e.sh
. "$(dirname "$0")/lib-e2e.sh"

e2e_require
if ! command -v tmux >/dev/null 2>&1; then
	skip "the wizard by keyboard" "tmux is not installed (make deps installs it)"
	done_testing
	exit 0
fi
e2e_guest bookworm-grub2 ext4
ok "the bookworm guest is on a loop-mounted ext4 filesystem"

# tmux at 80x24 (tests/lib.sh); newt drops keys typed while a button is
# drawn pressed, so keys go at a person's pace and the form settles first
pw_tmux_init
PW_TMUX_ENV=LANG=C.UTF-8 PW_KEY_DELAY=0.3 PW_SETTLE=0.5 PW_WAIT=100
start linux --root "$E2E_MNT"
say "the wizard runs in tmux; the conversion goes screen by screen"
shows "the dashboard lists what is left" "steps are left"
keys Enter
shows "the network screen" "Name servers:"
keys 18.181.1.23 Enter Enter Enter 18.70.0.160 Enter
shows "network: the change as a diff" "+iface ens3 inet static"
keys Enter
shows "network: asked before it is written" "Apply the step \"Network\" now?"
keys Enter
shows "packages: apt's plan" "Kernel packages: what will change" 300
keys Escape
shows "Back from the packages review returns to the dashboard" "steps are left"
keys Enter
shows "Next goes on with the packages again" "Kernel packages: what will change" 300
keys Enter
shows "packages: asked first" "Apply the step \"Kernel packages\" now?"
keys Enter
shows "grub: its changes, after the kernel is installed" "Boot menu: what will change" 600
keys Enter
shows "grub: asked first" "Apply the step \"Boot menu\" now?"
keys Enter
shows "console: its changes" "Serial console: what will change" 600
keys Enter
shows "console: asked first" "Apply the step \"Serial console\" now?"
keys Enter
shows "console: the test" "Live test:" 300
keys Enter
shows "disks: fstab by UUID" "Disks: what will change" 300
keys F1
shows "F1 shows the step's help" "Help" 50
keys Enter
shows "after the help, the same screen" "Disks: what will change" 50
keys Enter
shows "disks: asked first" "Apply the step \"Disks\" now?"
keys Enter
shows "the finish screen" "Ready: what to do now" 300
if grep -Fq "hvc0" "$CAP" && grep -Fq -- "--undo" "$CAP"; then
	ok "the finish screen names the console and the way back"
else
	not_ok "the finish screen names the console and the way back" "$(cat "$CAP")"
fi
keys Enter
exits "the wizard" 0
pw_tmux_kill

e2e_expect_ready "after the wizard"
e2e_umount
e2e_pygrub "pygrub boots 6.1.0-99-amd64 with root=UUID= and console=hvc0" \
	--kernel '/vmlinuz-6\.1\.0-99-amd64$' --arg '(^| )root=UUID=[0-9a-f-]+( |$)' \
	--arg '(^| )console=hvc0( |$)'
e2e_no_loop_left
say "done"
done_testing
