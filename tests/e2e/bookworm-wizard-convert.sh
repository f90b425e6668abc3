#!/bin/bash
# End to end, by keyboard: the full-screen wizard converts the bookworm guest
# (on a loop-mounted ext4 image, kernel from its local repository), every
# step through its screens, every review read to its end, in tmux at 80x25
# on TERM=linux; then --check says ready and Xen's pygrub boots the kernel
# with the console, and the steps of the finish screen stay on the terminal
# and in the guest. Root and tmux only; about a minute once the guest is
# cached.
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

# tmux at 80x25 on TERM=linux, as the VM's VNC console is (tests/lib.sh);
# newt drops keys typed while a button is drawn pressed, so keys go at a
# person's pace and the form settles first. Every key pressed is counted.
pw_tmux_init
PW_TMUX_ENV=LANG=C.UTF-8 PW_KEY_DELAY=0.3 PW_SETTLE=0.5 PW_WAIT=100 PW_TMUX_ROWS=25
PRESSED=0
press() {
	PRESSED=$((PRESSED + $#))
	keys "$@"
}
# to_the_end NAME: a review is read page by page (PgDn) until its end is on
# the screen; only then is Apply there, where More was
to_the_end() {
	_n=0
	while ! grep -Fq "│ Apply │" "$CAP" && [ $_n -lt 40 ]; do
		grep -Fq "More below: PgDn" "$CAP" || break
		press PageDown
		sleep 0.5
		capture
		_n=$((_n + 1))
	done
	if grep -Fq "│ Apply │" "$CAP" && ! grep -Fq "More below" "$CAP"; then
		ok "$1: read to its end ($_n pages more), then Apply"
	else
		not_ok "$1: read to its end ($_n pages more), then Apply" "$(cat "$CAP")"
	fi
}
start linux --root "$E2E_MNT"
say "the wizard runs in tmux; the conversion goes screen by screen"
shows "the dashboard lists what is left" "steps are left"
press Enter
shows "the network screen" "Name servers:"
press 18.181.1.23 Enter Enter Enter 18.70.0.160 Enter
shows "network: the review, with the step's number" "Step 1 of 5: Network: what will change"
if grep -Fq "More below: PgDn" "$CAP" && ! grep -Fq "│ Apply │" "$CAP"; then
	ok "network: more below is said, and Apply is not there yet"
else
	not_ok "network: more below is said, and Apply is not there yet" "$(cat "$CAP")"
fi
to_the_end "network"
press Enter
shows "packages: apt's plan" "Step 2 of 5: Kernel packages: what will change" 300
grep -Fq "Network: done." "$CAP" && ok "after the apply, the screen says \"Network: done.\"" ||
	not_ok "after the apply, the screen says \"Network: done.\"" "$(cat "$CAP")"
press Escape
shows "Back from the packages review returns to the dashboard" "steps are left"
press Enter
shows "Next goes on with the packages again, numbered as before" "Step 2 of 5: Kernel packages: what will change" 300
to_the_end "packages"
press Enter
shows "packages: asked once more, as --undo does not remove packages" "does not remove installed"
press Enter
shows "grub: its changes, after the kernel is installed" "Step 3 of 5: Boot menu: what will change" 600
grep -Fq "The boot menu (grub) is set up" "$CAP" && ok "grub: the review starts with what the step is for" ||
	not_ok "grub: the review starts with what the step is for" "$(cat "$CAP")"
fits "grub review at 80x25"
to_the_end "grub"
press Enter
shows "console: its changes" "Step 4 of 5: Serial console: what will change" 600
to_the_end "console"
press Enter
shows "console: the test" "Live test:" 300
press Enter
shows "disks: fstab by UUID" "Step 5 of 5: Disks: what will change" 300
press F1
shows "F1 shows the step's help" "Help" 50
grep -Fq "/dev/xvda" "$CAP" && ok "the disks review's help is its own" ||
	not_ok "the disks review's help is its own" "$(cat "$CAP")"
press Enter
# the help's title names the review too: wait until the help has gone
_i=0
while [ $_i -lt 50 ]; do
	capture
	grep -Fq "Help: " "$CAP" || break
	sleep 0.1
	_i=$((_i + 1))
done
shows "after the help, the same screen" "Disks: what will change" 50
to_the_end "disks"
press Enter
shows "the finish screen" "Ready: what to do now" 300
if grep -Fq "hvc0" "$CAP" && grep -Fq -- "--undo --all" "$CAP" &&
   grep -Fq "run paravm-wizard again" "$CAP"; then
	ok "the finish screen names the console, logging in again and the way back"
else
	not_ok "the finish screen names the console, logging in again and the way back" "$(cat "$CAP")"
fi
press Enter
exits "the wizard" 0
# the pane stays after the program: the terminal as the owner sees it then
capture
if grep -Fq "1. Shut the VM down" "$CAP" && grep -Fq -- "--undo --all" "$CAP" &&
   ! grep -Fq "┌" "$CAP"; then
	ok "after Finish, the steps are on the terminal"
else
	not_ok "after Finish, the steps are on the terminal" "$(cat "$CAP")"
fi
diag "the terminal after Finish:" "$(cat "$CAP")"
if grep -Fq "serial console (hvc0)" "$E2E_MNT/root/paravm-wizard-next-steps.txt" 2>/dev/null; then
	ok "the steps are kept in the guest, /root/paravm-wizard-next-steps.txt"
else
	not_ok "the steps are kept in the guest, /root/paravm-wizard-next-steps.txt" \
		"$(ls -la "$E2E_MNT/root" 2>&1)"
fi
diag "keys pressed for the whole conversion, every review read to its end, with one F1 and one Back: $PRESSED"
pw_tmux_kill

e2e_expect_ready "after the wizard"
e2e_umount
e2e_pygrub "pygrub boots 6.1.0-99-amd64 with root=UUID= and console=hvc0" \
	--kernel '/vmlinuz-6\.1\.0-99-amd64$' --arg '(^| )root=UUID=[0-9a-f-]+( |$)' \
	--arg '(^| )console=hvc0( |$)'
e2e_no_loop_left
say "done"
done_testing
