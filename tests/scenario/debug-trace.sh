#!/bin/sh
# PARAVM_WIZARD_DEBUG: the trace names what the program resolved and did,
# on stderr only, and only the areas asked for; unset, nothing is traced.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

fixture etch-hvm
t=$FIXTURE
# a link in the guest, absolute: resolved inside the guest, not on the host
mv "$t/etc/network/interfaces" "$t/etc/network/interfaces.real"
ln -s /etc/network/interfaces.real "$t/etc/network/interfaces"
answers=$PW_TMP/answers.ini
printf '[network]\naddress = 18.181.1.23\nnetmask = 255.255.0.0\ngateway = 18.181.0.1\nnameservers = 18.70.0.160\n' >"$answers"

pw --root "$t" --check --only network
check "unset: no trace on stderr" sh -c "! printf '%s\n' \"\$1\" | grep -q 'paravm-wizard\[[0-9]*\]:'" - "$RUN_ERR"

PARAVM_WIZARD_DEBUG=root pw --root "$t" --check --only network
check "root: the link is traced to where it leads in the guest" \
	sh -c "printf '%s\n' \"\$1\" | grep -q 'root: /etc/network/interfaces -> /etc/network/interfaces.real'" - "$RUN_ERR"
check "root: a missing file is traced as missing" \
	sh -c "printf '%s\n' \"\$1\" | grep -q 'root: /etc/os-release: it does not exist in the guest'" - "$RUN_ERR"
check "root: stdout is the report, untouched" \
	sh -c "! printf '%s\n' \"\$1\" | grep -q 'paravm-wizard\['" - "$RUN_OUT"
check "root only: no txn lines" sh -c "! printf '%s\n' \"\$1\" | grep -q ': txn: '" - "$RUN_ERR"

PARAVM_WIZARD_DEBUG=txn pw --root "$t" --answers "$answers" --yes --only network
check "txn: the lock is traced" sh -c "printf '%s\n' \"\$1\" | grep -q 'txn: /var/lib/paravm-wizard/lock locked; the run before finished'" - "$RUN_ERR"
check "txn: the write is traced with the file it really changed" \
	sh -c "printf '%s\n' \"\$1\" | grep -q 'txn: wrote /etc/network/interfaces.real'" - "$RUN_ERR"

PARAVM_WIZARD_DEBUG=root,nosuch pw --root "$t" --check --only network
check "an unknown area is named once, with the known ones" \
	sh -c "printf '%s\n' \"\$1\" | grep -c 'no area \"nosuch\" (root, net, grub, txn, all)' | grep -qx 1" - "$RUN_ERR"
check "the known areas of the list still trace" sh -c "printf '%s\n' \"\$1\" | grep -q ': root: '" - "$RUN_ERR"
fixture bookworm-systemd
PARAVM_WIZARD_DEBUG=net pw --root "$FIXTURE" --check --only network
check "net: what names the card under ParaVM, with udev's version" \
	sh -c "printf '%s\n' \"\$1\" | grep -q 'net: the card is enX0 under ParaVM, named by udev.s predictable naming (udev 252'" - "$RUN_ERR"
done_testing
