#!/bin/bash
# End to end: the network step on a Debian 13 (trixie) cloud guest, where
# cloud-init (25.1) is installed and would write the network again at
# boot over netplan's files. Converted unattended, the wizard's netplan
# file makes the card static and a cloud.cfg.d file of its own turns
# cloud-init's network configuration off; cloud-init's own code (its
# Init stage, reading /etc/cloud as at boot) must then say the network
# config is disabled by the system config, where before it would fall
# back to DHCP. Then a rerun changes nothing and --undo restores it all.
# Root only; a few seconds once the guest is cached.
# shellcheck source=lib-e2e.sh
. "$(dirname "$0")/lib-e2e.sh"
# shellcheck source=lib-stack.sh
. "$(dirname "$0")/lib-stack.sh"

e2e_require
e2e_guest trixie-cloud ext4
ok "the trixie cloud guest is on a loop-mounted ext4 filesystem"
answers=$PW_TMP/answers.ini
e2e_answers "$answers" ens3

# cloud_network: what cloud-init's Init stage decides about the network
# config, as at boot ("(None, <NetworkConfigSource.X: ...>)").
cloud_network() {
	cat >"$E2E_MNT/tmp/pw-cloud.py" <<'PY'
from cloudinit.stages import Init
init = Init()
init.read_cfg()
print(init._find_networking_config())
PY
	chroot "$E2E_MNT" /usr/bin/python3 /tmp/pw-cloud.py 2>"$PW_TMP/cloud.err" | tail -n 1
	rm -f "$E2E_MNT/tmp/pw-cloud.py"
}

e2e_pw 30 --check --only network
e2e_expect_rc "--check: the network step is left to do" 1
out_has "--check says cloud-init would write the network again" \
	'cloud-init is installed and writes the network configuration again at boot'
before=$(cloud_network)
case $before in
*SYSTEM_CFG* | "") not_ok "before: cloud-init's network config is not disabled" \
	"$before $(tail -n 5 "$PW_TMP/cloud.err")" ;;
*NetworkConfigSource*) ok "before: cloud-init's network config is not disabled ($before)" ;;
*) not_ok "before: cloud-init's network config is not disabled" "$before" ;;
esac

e2e_snap before
e2e_pw 30 --answers "$answers" --yes --only network
e2e_expect_rc "--yes converts the network" 0
after=$(cloud_network)
case $after in
"(None, <NetworkConfigSource.SYSTEM_CFG: 'system_cfg'>)") ok "cloud-init now finds its network config disabled by the system config" ;;
*) not_ok "cloud-init now finds its network config disabled by the system config" "$after $(tail -n 5 "$PW_TMP/cloud.err")" ;;
esac
e2e_pw 30 --check --only network
e2e_expect_rc "--check after the apply: ready" 0
e2e_snap after-apply
stack_again_and_undo "$answers"

e2e_umount
e2e_no_loop_left
done_testing
