#!/bin/bash
# End to end: apt-get cannot install the Xen kernel (the guest's repository
# does not have it). The run exits 69 with apt's own error line, names the
# log, and leaves every file as it was. Root only; seconds once cached.
# shellcheck source=lib-e2e.sh
. "$(dirname "$0")/lib-e2e.sh"

e2e_require
e2e_guest etch-sysvinit ext3
ok "the etch guest is on a loop-mounted ext3 filesystem"
answers=$PW_TMP/answers.ini
e2e_answers "$answers" eth0
# an archive that does not have the Xen kernel any more
rm -rf "$E2E_MNT"/var/lib/apt/lists/*Packages*
e2e_snap before

say "--answers --yes with apt unable to find the kernel"
e2e_pw "$E2E_TIMEOUT" --answers "$answers" --yes
e2e_expect_rc "the run fails with 69 (a needed command failed)" 69
if printf '%s\n' "$RUN_ERR" | grep -q "E: .*linux-image-xen-amd64"; then
	ok "the message carries apt's own error line"
else
	not_ok "the message carries apt's own error line" "stderr: $RUN_ERR"
fi
if printf '%s\n' "$RUN_ERR" | grep -Eq "/etc/apt/sources.list|/var/log/paravm-wizard.log"; then
	ok "the message says where to look (sources.list, or the log)"
else
	not_ok "the message says where to look (sources.list, or the log)" "stderr: $RUN_ERR"
fi
e2e_snap after
e2e_same "every file is as it was (the run put back what it had changed)" before after \
	"${E2E_UNDO_EXCLUDES[@]}"
e2e_umount
e2e_no_loop_left
done_testing
