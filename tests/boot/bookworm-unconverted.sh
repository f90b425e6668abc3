#!/bin/bash
# A test that expects failure: the bookworm guest, not converted, booted as
# a ParaVM. Its grub.cfg says root=/dev/sda1, which a ParaVM does not have:
# the initramfs stops ("ALERT! /dev/sda1 does not exist"). The harness must
# say that boot failed. About 6 minutes with warm caches on a busy machine.
# shellcheck source=lib-boot.sh
. "$(dirname "$0")/lib-boot.sh"
# shellcheck source=lib-pv.sh
. "$(dirname "$0")/lib-pv.sh"

boot_require
boot_prepare bookworm
boot_pv WAIT_PING=200 WAIT_PROMPT=200
boot_pv_expect_failure "that was not converted" 'does not stop: ALERT!'
boot_timeline
done_testing
