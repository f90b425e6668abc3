#!/bin/bash
# A test that expects failure: the bookworm guest converted inside its HVM
# boot with every step but the network one (--only), booted as a ParaVM. It
# boots and offers a login, but its card, enX0 under Xen, has no
# configuration: the static address never answers. The harness must say
# that boot failed. About 9 minutes with warm caches on a busy machine.
# shellcheck source=lib-boot.sh
. "$(dirname "$0")/lib-boot.sh"
# shellcheck source=lib-pv.sh
. "$(dirname "$0")/lib-pv.sh"

boot_require
# shellcheck disable=SC2034 # read by lib-pv.sh
PW_ARGS="--answers /root/answers.ini --yes --only arch,distro,packages,grub,console,disks"
boot_prepare bookworm
if boot_convert_hvm; then
	boot_pv WAIT_PING=150
	boot_pv_expect_failure "converted without the network step" 'dom0 pings the static address' \
		'root logs in on hvc0'
fi
boot_timeline
done_testing
