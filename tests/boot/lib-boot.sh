# shellcheck shell=bash
# Shared by the boot tests in tests/boot: sourced, never run (bash).
#
# A boot test proves a conversion by booting the guest for real, in QEMU's
# software emulation (KVM hangs on these machines):
#   - as HVM: plain QEMU with what a Xen HVM guest sees (an IDE disk, an
#     e1000 NIC at PCI slot 3, serial and VGA consoles) on user-mode
#     networking set up as the hosting service's network (18.181.0.0/16,
#     gateway 18.181.0.1, DHCP handing out 18.181.1.23; nothing leaves
#     QEMU). QEMU boots the guest's kernel with pw.job=NAME, and the guest
#     runs tests/boot/hvm-job: the wizard, as root on /, as the owner would.
#   - as ParaVM: Xen 4.17 and a Debian dom0 (tests/boot/boot-cache) in QEMU
#     with the guest's disk attached; dom0 runs tests/boot/pv-job, which
#     boots it with xl and pygrub on a bridge holding the gateway address.
# Every wait is bounded; a QEMU still running at the end is killed, and the
# test runs in lib-e2e.sh's private namespaces, so no QEMU, mount or loop
# device outlives it. The logs of each boot are kept in build/boot/TEST/.
#
# Environment: PW_BOOT_SLOW (a factor for every limit; default 1),
# PW_BOOT_XEN_CPU (QEMU's CPU for Xen), PW_BOOT_KEEP_DISK (a folder to keep
# the converted disk in, to boot it again by hand); tests/run-all runs
# PW_BOOT_JOBS tests side by side.

# shellcheck source=../e2e/lib-e2e.sh
. "$(dirname "$0")/../e2e/lib-e2e.sh"

BOOT_TOOLS=$PW_TOP/tests/boot
BOOT_SLOW=${PW_BOOT_SLOW:-1}
BOOT_NAME=$(basename "$0" .sh)
BOOT_LOGS=$PW_TOP/build/boot/$BOOT_NAME
BOOT_QEMU_PID=
BOOT_STAGE=
BOOT_TIMELINE=
BOOT_T=$(date +%s)
GUEST_MAC=00:16:3e:12:34:56
# Xen's CPU. With SMAP and SMEP ("max") a PV dom0 crashes at once (a page
# fault in Xen's create_bounce_frame); without them, and even without AVX,
# a PV domU's processes were seen to crash at random here (segfaults in
# libc, ld.so's assertions: their memory or registers go bad), dom0's did
# not. A Westmere (no XSAVE, no SMEP) boots them cleanly.
# PW_BOOT_XEN_CPU gives another (debugging).
BOOT_XEN_CPU=${PW_BOOT_XEN_CPU:-Westmere}

rm -rf "$BOOT_LOGS"
mkdir -p "$BOOT_LOGS"

# boot_require: QEMU and the tools; a skip only where QEMU cannot run.
boot_require() {
	local c
	e2e_require
	for c in qemu-system-x86_64 dpkg-deb dpkg-scanpackages mkfs.ext4 flock; do
		command -v "$c" >/dev/null 2>&1 || bail_out "$c is missing: run 'make deps'"
	done
	if ! qemu-system-x86_64 -accel help 2>/dev/null | grep -qx tcg; then
		echo "1..0 # SKIP this QEMU has no software emulation (TCG)"
		exit 0
	fi
}

boot_kill_qemu() {
	[ -n "$BOOT_QEMU_PID" ] || return 0
	if kill -0 "$BOOT_QEMU_PID" 2>/dev/null; then
		kill "$BOOT_QEMU_PID" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$BOOT_QEMU_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$BOOT_QEMU_PID" 2>/dev/null
	fi
	wait "$BOOT_QEMU_PID" 2>/dev/null
	BOOT_QEMU_PID=
}
pw_at_exit boot_kill_qemu

# ---- the timeline -------------------------------------------------------------

# stage NAME: what the test does now (for the timeline and for a failure).
stage() {
	BOOT_STAGE=$1
	BOOT_STAGE_T=$(date +%s)
	say "$1"
}

# stage_done [NOTE]: the current stage took this long.
stage_done() {
	local s=$(($(date +%s) - BOOT_STAGE_T))
	BOOT_TIMELINE+="$(printf '%-44s %4ds%s' "$BOOT_STAGE" "$s" "${1:+  $1}")"$'\n'
}

# timeline_mark NAME SECONDS: a moment inside a boot (seconds from its start).
timeline_mark() {
	BOOT_TIMELINE+="$(printf '  %-42s %4ss' "$1" "${2:--}")"$'\n'
}

boot_timeline() {
	diag "timeline of $BOOT_NAME (logs in build/boot/$BOOT_NAME/):" "$BOOT_TIMELINE" \
		"$(printf '%-44s %4ds' total "$(($(date +%s) - BOOT_T))")" >&2
}

# boot_failed NAME LOGS...: not ok, with the stage, the logs' last lines
# and where they are.
boot_failed() {
	local name=$1 f lines=()
	shift
	lines+=("failed in the stage: $BOOT_STAGE")
	for f in "$@"; do
		[ -s "$f" ] || continue
		lines+=("last lines of ${f#"$PW_TOP"/}:" "$(tr -d '\r' <"$f" | grep -v '^$' | tail -n 12)")
	done
	lines+=("full logs: ${BOOT_LOGS#"$PW_TOP"/}/")
	not_ok "$name" "${lines[@]}"
}

# ---- the guest ------------------------------------------------------------------

# boot_guest_tree NAME DIR: the boot guest NAME (boot-cache), with the
# program under test installed in /usr/local as make install would put it,
# the shared libraries it needs that the guest lacks beside it, and the HVM
# job (hvm-job) installed; its conversion runs the wizard with PW_ARGS.
boot_guest_tree() {
	local name=$1 dir=$2 lib f
	shift 2
	"$BOOT_TOOLS/boot-cache" guest "$name" "$dir" 2>"$BOOT_LOGS/boot-cache-guest.log" ||
		bail_out "boot-cache guest $name failed: $(tail -n 8 "$BOOT_LOGS/boot-cache-guest.log")"
	# the image has one partition: no swap on sda5 to wait 90 s for
	sed -i '/^\/dev\/sda5[[:space:]]/d' "$dir/etc/fstab"
	install -D -m 0755 "$PW_BIN" "$dir/usr/local/sbin/paravm-wizard"
	install -D -m 0644 "$PW_TOP/data/profiles.ini" "$dir/usr/local/share/paravm-wizard/profiles.ini"
	install -D -m 0644 "$PW_TOP/data/site.ini" "$dir/usr/local/share/paravm-wizard/site.ini"
	# libnewt, libslang, libiniparser: from this machine (Debian 12 too)
	for lib in $(ldd "$PW_BIN" | awk '$3 ~ /^\// { print $3 }'); do
		f=$(basename "$lib")
		[ -e "$dir/usr/lib/x86_64-linux-gnu/$f" ] || [ -e "$dir/lib/x86_64-linux-gnu/$f" ] ||
			install -D -m 0644 "$(readlink -f "$lib")" "$dir/usr/local/lib/$f"
	done
	chroot "$dir" /sbin/ldconfig
	install -D -m 0755 "$BOOT_TOOLS/hvm-job" "$dir/usr/local/lib/pw-boot/hvm-job"
	printf 'PW_ARGS=%q\n' "${PW_ARGS:-}" >"$dir/usr/local/lib/pw-boot/params"
	cat >"$dir/etc/systemd/system/pw-boot-job.service" <<'EOF'
[Unit]
Description=paravm-wizard boot test job
ConditionKernelCommandLine=pw.job
After=network-online.target systemd-user-sessions.service
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=/usr/local/lib/pw-boot/hvm-job
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS1

[Install]
WantedBy=multi-user.target
EOF
	mkdir -p "$dir/etc/systemd/system/multi-user.target.wants"
	ln -sf /etc/systemd/system/pw-boot-job.service \
		"$dir/etc/systemd/system/multi-user.target.wants/pw-boot-job.service"
	# the kernel and initrd QEMU boots the HVM guest with (its boot sector
	# is not made: grub-pc has no disk to install to when the tree is made)
	# shellcheck disable=SC2012 # Debian's kernel names
	cp -L "$(ls "$dir"/boot/vmlinuz-* | sort -V | tail -n 1)" "$PW_TMP/hvm-vmlinuz"
	# shellcheck disable=SC2012 # Debian's kernel names
	cp -L "$(ls "$dir"/boot/initrd.img-* | sort -V | tail -n 1)" "$PW_TMP/hvm-initrd"
}

# boot_disk DIR IMAGE: the tree on a partitioned ext4 image, the tree removed.
boot_disk() {
	"$E2E_DISK" make --fs ext4 --size 2048 "$1" "$2" 2>"$BOOT_LOGS/disk-image.log" ||
		bail_out "disk-image make failed: $(cat "$BOOT_LOGS/disk-image.log")"
	rm -rf --one-file-system "$1"
}

# ---- QEMU -------------------------------------------------------------------------

# boot_qemu_wait LIMIT LOG MARK: wait until QEMU ends, or LOG holds MARK
# (then a few seconds more for it to end), or LIMIT seconds; QEMU is gone
# after. Returns 0 when MARK was seen.
boot_qemu_wait() {
	local limit=$(($1 * BOOT_SLOW)) log=$2 mark=$3 t0 seen=1
	t0=$(date +%s)
	while kill -0 "$BOOT_QEMU_PID" 2>/dev/null; do
		if grep -q "$mark" "$log" 2>/dev/null; then
			seen=0
			for _ in $(seq 1 20); do
				kill -0 "$BOOT_QEMU_PID" 2>/dev/null || break
				sleep 0.5
			done
			break
		fi
		if [ $(($(date +%s) - t0)) -ge "$limit" ]; then
			say "no '$mark' after ${limit}s: stopping QEMU"
			break
		fi
		sleep 1
	done
	grep -q "$mark" "$log" 2>/dev/null && seen=0
	boot_kill_qemu
	return "$seen"
}

# boot_hvm IMAGE LIMIT TAG JOB: boot IMAGE as a Xen HVM guest would, with
# the guest's JOB (hvm-job), until the job says it is done (or LIMIT
# seconds). Logs: hvm-TAG-console.log (ttyS0), hvm-TAG-job.log (ttyS1).
boot_hvm() {
	local img=$1 limit=$2 tag=$3 job=$4
	BOOT_HVM_CONSOLE=$BOOT_LOGS/hvm-$tag-console.log
	BOOT_HVM_JOB=$BOOT_LOGS/hvm-$tag-job.log
	: >"$BOOT_HVM_CONSOLE"
	: >"$BOOT_HVM_JOB"
	qemu-system-x86_64 -accel tcg -cpu max -m 1024 -smp 1 -no-reboot \
		-display none -vga std -monitor none \
		-kernel "$PW_TMP/hvm-vmlinuz" -initrd "$PW_TMP/hvm-initrd" \
		-append "root=/dev/sda1 ro console=tty0 console=ttyS0,115200 systemd.default_device_timeout_sec=600 pw.job=$job" \
		-drive "file=$img,format=raw,if=ide,index=0" \
		-netdev "user,id=n0,net=18.181.0.0/16,host=18.181.0.1,dhcpstart=18.181.1.23,restrict=on" \
		-device "e1000,netdev=n0,mac=$GUEST_MAC,addr=3" \
		-serial "file:$BOOT_HVM_CONSOLE" -serial "file:$BOOT_HVM_JOB" \
		>"$BOOT_LOGS/hvm-$tag-qemu.log" 2>&1 &
	BOOT_QEMU_PID=$!
	boot_qemu_wait "$limit" "$BOOT_HVM_JOB" PW-HVM-DONE
}

# hvm_get KEY: a result the HVM job printed (PW-HVM-KEY=VALUE).
hvm_get() {
	tr -d '\r' <"$BOOT_HVM_JOB" | sed -n "s/^PW-HVM-$1=//p" | tail -n 1
}

# boot_xen IMAGE LIMIT TAG [KEY=VALUE...]: boot Xen and dom0 with IMAGE as
# the guest's disk; dom0 runs pv-job with the KEY=VALUE parameters. The
# results land in $BOOT_PV (pv-TAG/); Xen's and dom0's console in
# pv-TAG-xen.log. Returns 0 when dom0 finished its job.
boot_xen() {
	local img=$1 limit=$2 tag=$3 job kv
	shift 3
	BOOT_PV=$BOOT_LOGS/pv-$tag
	BOOT_XEN_CONSOLE=$BOOT_LOGS/pv-$tag-xen.log
	mkdir -p "$BOOT_PV"
	: >"$BOOT_XEN_CONSOLE"
	"$BOOT_TOOLS/boot-cache" xen >"$PW_TMP/xen.paths" 2>"$BOOT_LOGS/boot-cache-xen.log" ||
		bail_out "boot-cache xen failed: $(tail -n 8 "$BOOT_LOGS/boot-cache-xen.log")"
	xen() { awk -v k="$1" '$1 == k { print $2 }' "$PW_TMP/xen.paths"; }
	job=$PW_TMP/job
	rm -rf "$job"
	mkdir -p "$job"
	install -m 0755 "$BOOT_TOOLS/dom0-init" "$job/init"
	install -m 0755 "$BOOT_TOOLS/pv-job" "$job/job"
	install -m 0755 "$BOOT_TOOLS/console-login" "$job/console-login"
	{
		echo "GUEST_MAC=$GUEST_MAC"
		echo "GUEST_ADDR=18.181.1.23"
		echo "ROOT_PASSWORD=paravm"
		echo "JOB_LIMIT=$((limit * BOOT_SLOW - 60))"
		for kv in "$@"; do echo "$kv"; done
	} >"$job/params"
	tar -cf "$PW_TMP/job.tar" -C "$job" .
	rm -f "$PW_TMP/result.img"
	truncate -s 64M "$PW_TMP/result.img"
	qemu-system-x86_64 -accel tcg -cpu "$BOOT_XEN_CPU" -m 1536 -smp 1 -no-reboot \
		-display none -vga none -monitor none \
		-kernel "$(xen xen)" \
		-append "console=com1 com1=115200,8n1 dom0_mem=768M,max:768M dom0_max_vcpus=1 loglvl=all guest_loglvl=all noreboot" \
		-initrd "$(xen vmlinuz) root=/dev/vda ro console=hvc0 init=/sbin/pw-dom0-init,$(xen initrd)" \
		-drive "file=$(xen image),format=raw,if=none,id=d0,snapshot=on" \
		-device virtio-blk-pci,drive=d0,serial=pwdom0 \
		-drive "file=$PW_TMP/job.tar,format=raw,if=none,id=d1,readonly=on" \
		-device virtio-blk-pci,drive=d1,serial=pwjob \
		-drive "file=$PW_TMP/result.img,format=raw,if=none,id=d2" \
		-device virtio-blk-pci,drive=d2,serial=pwresult \
		-drive "file=$img,format=raw,if=none,id=d3" \
		-device virtio-blk-pci,drive=d3,serial=pwguest \
		-serial "file:$BOOT_XEN_CONSOLE" \
		>"$BOOT_LOGS/pv-$tag-qemu.log" 2>&1 &
	BOOT_QEMU_PID=$!
	if ! boot_qemu_wait "$limit" "$BOOT_XEN_CONSOLE" PW-DOM0-DONE; then
		return 1
	fi
	tar -xf "$PW_TMP/result.img" -C "$BOOT_PV" 2>/dev/null || return 1
	# shellcheck disable=SC2034 # read by lib-pv.sh
	BOOT_PV_CONSOLE=$BOOT_PV/xen-logs/console/guest-pwguest.log
	return 0
}

# pv_get KEY: a finding of pv-job.
pv_get() {
	sed -n "s/^$1=//p" "$BOOT_PV/result" 2>/dev/null | tail -n 1
}
