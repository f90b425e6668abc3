#!/bin/bash
# Proven by booting: the bookworm guest (systemd, grub 2, ifupdown with DHCP
# on ens3, Debian's real 6.1 kernel) boots as a Xen HVM guest and gets its
# address by DHCP; paravm-wizard --answers --yes converts it from inside, as
# root on /; then Xen boots it as a ParaVM: the banner says Xen PV, root is
# mounted by UUID, dom0 pings the static address on enX0, hvc0 offers a
# login, root logs in and --check there says ready. Then the way back: it
# boots as HVM again (DHCP, a login prompt on the serial console), --undo
# inside it, and a last HVM boot has its DHCP address again. Root only;
# QEMU's software emulation; 12 minutes with warm caches on a busy
# 2-core machine, beside the other two boot tests (the first run builds
# dom0 and the guest: about 3 minutes more).
# shellcheck source=lib-boot.sh
. "$(dirname "$0")/lib-boot.sh"
# shellcheck source=lib-pv.sh
. "$(dirname "$0")/lib-pv.sh"

boot_require
PW_ARGS="--answers /root/answers.ini --yes"
boot_prepare bookworm
if boot_convert_hvm; then
	# shellcheck disable=SC2119 # no parameters: pv-job's defaults
	boot_pv
	boot_pv_report
	boot_back_to_hvm
fi
boot_timeline
done_testing
