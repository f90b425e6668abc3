# shellcheck shell=bash
# The steps of a boot test, shared by the tests in tests/boot (sourced
# after lib-boot.sh): prepare a guest, convert it inside its HVM boot, boot
# it as a ParaVM and judge that boot.

# boot_prepare NAME: the boot guest NAME on a disk image, $BOOT_IMG, with
# the wizard to run at its HVM boot given by PW_ARGS (see hvm-job).
boot_prepare() {
	stage "making the $1 guest's disk (boot-cache, disk-image)"
	BOOT_IMG=$PW_TMP/guest.img
	boot_guest_tree "$1" "$PW_TMP/tree"
	e2e_answers "$PW_TMP/tree/root/answers.ini" ens3
	boot_disk "$PW_TMP/tree" "$BOOT_IMG"
	stage_done
}

# boot_keep_disk TAG: with PW_BOOT_KEEP_DISK=DIR, a copy of the disk as it
# is now, DIR/NAME-TAG.img (to boot it again by hand).
boot_keep_disk() {
	[ -n "${PW_BOOT_KEEP_DISK:-}" ] || return 0
	mkdir -p "$PW_BOOT_KEEP_DISK"
	cp --sparse=always "$BOOT_IMG" "$PW_BOOT_KEEP_DISK/$BOOT_NAME-$1.img"
}

# boot_convert_hvm: boot the guest as HVM; it gets its DHCP address and runs
# the wizard as root on / (hvm-job). TAP lines for each.
boot_convert_hvm() {
	local addr
	stage "HVM boot: DHCP, then paravm-wizard ${PW_ARGS:-} inside"
	if ! boot_hvm "$BOOT_IMG" 600 convert convert; then
		boot_failed "the HVM guest boots and runs its job" "$BOOT_HVM_CONSOLE" "$BOOT_HVM_JOB"
		stage_done "failed"
		return 1
	fi
	stage_done
	timeline_mark "HVM: up (userspace job starts)" "$(hvm_get up | cut -d. -f1)"
	timeline_mark "HVM: DHCP address" "$(hvm_get dhcp_at | cut -d. -f1)"
	timeline_mark "HVM: converted" "$(hvm_get convert_at | cut -d. -f1)"
	hvm_expect_dhcp "HVM"
	if [ -n "${PW_ARGS:-}" ]; then
		if [ "$(hvm_get convert_rc)" = 0 ]; then
			ok "HVM: paravm-wizard $PW_ARGS, as root on /, succeeds"
		else
			boot_failed "HVM: paravm-wizard $PW_ARGS, as root on /, succeeds (exit status $(hvm_get convert_rc))" "$BOOT_HVM_JOB"
		fi
	fi
	boot_keep_disk converted
}

# hvm_expect_dhcp LABEL: the HVM boot's card had its address by DHCP.
hvm_expect_dhcp() {
	local addr
	addr=$(hvm_get dhcp)
	if [ "$addr" = "ens3 18.181.1.23/16" ]; then
		ok "$1: ens3 got 18.181.1.23/16 by DHCP"
	else
		boot_failed "$1: ens3 got 18.181.1.23/16 by DHCP (got: $addr)" "$BOOT_HVM_CONSOLE" "$BOOT_HVM_JOB"
	fi
}

# boot_back_to_hvm: the way back. The converted guest boots as HVM again:
# its DHCP address, a login prompt on its serial console; --undo inside it;
# then one more HVM boot: the DHCP address again.
boot_back_to_hvm() {
	stage "HVM again: the way back, then --undo inside"
	if ! boot_hvm "$BOOT_IMG" 400 again again; then
		boot_failed "HVM again: the converted guest boots as HVM" "$BOOT_HVM_CONSOLE" "$BOOT_HVM_JOB"
		stage_done "failed"
		return 1
	fi
	stage_done
	ok "HVM again: the converted guest boots as HVM"
	hvm_expect_dhcp "HVM again"
	if [ "$(hvm_get getty)" = yes ]; then
		ok "HVM again: a login prompt runs on the serial console"
	else
		boot_failed "HVM again: a login prompt runs on the serial console" "$BOOT_HVM_CONSOLE"
	fi
	if [ "$(hvm_get undo_rc)" = 0 ]; then
		ok "HVM again: paravm-wizard --undo inside succeeds"
	else
		boot_failed "HVM again: paravm-wizard --undo inside succeeds (exit status $(hvm_get undo_rc))" "$BOOT_HVM_JOB"
		return 1
	fi
	stage "HVM after --undo"
	if ! boot_hvm "$BOOT_IMG" 400 undone look; then
		boot_failed "HVM after --undo: the guest boots" "$BOOT_HVM_CONSOLE" "$BOOT_HVM_JOB"
		stage_done "failed"
		return 1
	fi
	stage_done
	hvm_expect_dhcp "HVM after --undo"
}

# boot_pv [KEY=VALUE...]: boot the disk as a ParaVM under Xen; sets
# BOOT_PV_FAILS to what went wrong (empty when the boot proves the
# conversion) and BOOT_PV_OKS to what went right, one per line.
boot_pv() {
	local v rc
	BOOT_PV_FAILS=
	BOOT_PV_OKS=
	stage "ParaVM boot: Xen and dom0 in QEMU, xl create with pygrub"
	if ! boot_xen "$BOOT_IMG" 720 paravm "$@"; then
		stage_done "failed"
		BOOT_PV_FAILS="Xen and dom0 ran the job to its end"$'\n'
		return
	fi
	stage_done
	pv_fail() { BOOT_PV_FAILS+="$1"$'\n'; }
	pv_ok() { BOOT_PV_OKS+="$1"$'\n'; }
	timeline_mark "Xen and dom0 up (from QEMU's start)" "$(sed -n 's/^dom0_ready=//p' "$BOOT_PV/times" | cut -d. -f1)"
	timeline_mark "ParaVM: pygrub and domain created" "$(pv_get create_s)"
	timeline_mark "ParaVM: ping answered" "$(pv_get ping_s)"
	timeline_mark "ParaVM: login prompt on hvc0" "$(pv_get prompt_s)"
	timeline_mark "ParaVM: root logged in, --check ran" "$(pv_get login_s)"
	if [ "$(pv_get create)" = ok ]; then
		pv_ok "pygrub found a kernel and xl created the domain"
	else
		pv_fail "pygrub found a kernel and xl created the domain: $(tail -n 3 "$BOOT_PV/xl-create.out" 2>/dev/null)"
		return
	fi
	v=$(grep -a -E -m1 'segfault at|Inconsistency detected' "$BOOT_PV_CONSOLE" 2>/dev/null | tr -d '\r')
	if [ -n "$v" ]; then
		pv_fail "no process crashes in the guest: $v"
	fi
	if [ -n "$(pv_get stuck)" ]; then
		pv_fail "the boot does not stop: $(pv_get stuck)"
	fi
	if [ "$(pv_get ping)" = ok ]; then
		pv_ok "dom0 pings the static address 18.181.1.23"
	else
		pv_fail "dom0 pings the static address 18.181.1.23"
	fi
	if [ -n "$(pv_get prompt)" ]; then
		pv_ok "a login prompt on hvc0: $(pv_get prompt)"
	else
		pv_fail "a login prompt on hvc0"
		return
	fi
	if [ "$(pv_get login_rc)" = 0 ] && grep -q '^/dev/hvc0' <(tr -d '\r' <"$BOOT_PV/login.txt"); then
		pv_ok "root logs in on hvc0"
	else
		pv_fail "root logs in on hvc0 ($(cat "$BOOT_PV/login.out" 2>/dev/null))"
		return
	fi
	v=$(login_get BANNER)
	case $v in
	*"Xen PV"*) pv_ok "the kernel's banner says: $v" ;;
	*) pv_fail "the kernel's banner says Xen PV (dmesg: ${v:-nothing})" ;;
	esac
	if login_get CMDLINE | grep -Eq '(^| )root=UUID=[0-9a-f-]+( |$)' &&
		login_get ROOT | grep -Eq '^/dev/xvda[0-9]* ext4'; then
		pv_ok "root is mounted by UUID, from $(login_get ROOT)"
	else
		pv_fail "root is mounted by UUID from xvda (command line: $(login_get CMDLINE); /: $(login_get ROOT))"
	fi
	v=$(login_get ADDR)
	if [ "$v" = "enX0 18.181.1.23/16" ]; then
		pv_ok "the card is enX0, with 18.181.1.23/16"
	else
		pv_fail "the card is enX0, with 18.181.1.23/16 (ip: ${v:-none})"
	fi
	rc=$(login_get CHECK-RC)
	if [ "$rc" = 0 ]; then
		pv_ok "paravm-wizard --check inside the ParaVM says ready"
	else
		pv_fail "paravm-wizard --check inside the ParaVM says ready (exit status ${rc:-none})"
	fi
	# Not a test yet (the network-stacks work makes them reach the
	# resolver): the name servers the answers gave, and those in use.
	diag "the answers' name servers: 18.70.0.160 18.71.0.151; /etc/resolv.conf in the ParaVM: $(
		tr -d '\r' <"$BOOT_PV/login.txt" | sed -n '/^PW-RESOLV/,/^PW-END/p' |
			sed -n 's/^nameserver[[:space:]]*//p' | tr '\n' ' ')" >&2
	if tr -d '\r' <"$BOOT_PV/login.txt" | grep -q 'no login prompt runs on hvc0 now'; then
		pv_fail "--check's live console test sees the getty running on hvc0"
	else
		pv_ok "--check's live console test sees the getty running on hvc0"
	fi
}

# login_get KEY: what the root login on hvc0 printed as PW-KEY=VALUE.
login_get() {
	tr -d '\r' <"$BOOT_PV/login.txt" 2>/dev/null | sed -n "s/^PW-$1=//p" | tail -n 1
}

# boot_pv_logs: the logs a failed ParaVM boot points at.
boot_pv_logs() {
	echo "$BOOT_PV_CONSOLE" "$BOOT_XEN_CONSOLE"
}

# boot_pv_report: a TAP line for each finding of boot_pv; the first failure
# shows the stage, the consoles' last lines and where the logs are.
boot_pv_report() {
	local l first=1
	while IFS= read -r l; do
		[ -n "$l" ] && ok "ParaVM: $l"
	done <<<"$BOOT_PV_OKS"
	while IFS= read -r l; do
		[ -n "$l" ] || continue
		if [ -n "$first" ]; then
			# shellcheck disable=SC2046 # two paths
			boot_failed "ParaVM: $l" $(boot_pv_logs)
			first=
		else
			not_ok "ParaVM: $l"
		fi
	done <<<"$BOOT_PV_FAILS"
}

# boot_pv_expect_failure WHY WANT [GOOD]: a test that must fail: ok when
# the harness finds the ParaVM boot bad, one of its failures matches the ERE
# WANT (what such a guest really does) and, given GOOD, one of the things
# that went right matches it (how far such a guest gets).
boot_pv_expect_failure() {
	local why=$1 want=$2 good=${3:-}
	if [ -n "$good" ] && ! grep -Eq -- "$good" <<<"$BOOT_PV_OKS"; then
		# shellcheck disable=SC2046 # two paths
		boot_failed "the harness fails the ParaVM boot of a guest $why, after /$good/" \
			$(boot_pv_logs)
		diag "what it found wrong:" "$BOOT_PV_FAILS"
		return
	fi
	if [ -z "$BOOT_PV_FAILS" ]; then
		not_ok "the harness fails the ParaVM boot of a guest $why" \
			"it found nothing wrong:" "$BOOT_PV_OKS"
		return
	fi
	if grep -Eq -- "$want" <<<"$BOOT_PV_FAILS"; then
		ok "the harness fails the ParaVM boot of a guest $why"
		diag "what it found wrong:" "$BOOT_PV_FAILS" >&2
	else
		# shellcheck disable=SC2046 # two paths
		boot_failed "the harness fails the ParaVM boot of a guest $why, for /$want/" \
			$(boot_pv_logs)
		diag "what it found wrong:" "$BOOT_PV_FAILS"
	fi
}
