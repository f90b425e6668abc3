#!/bin/bash
# End to end: the network step on a Debian 13 (trixie) guest whose network
# is netplan's, rendered by systemd-networkd, converted unattended; the
# guest's own netplan (1.1) then generates the networkd files from the
# result, and they must give the ParaVM card the static address.
#
# The guest (make-guest --variant trixie-netplan): no ifupdown, netplan.io
# installed, 50-cloud-init.yaml matching the card by MAC with set-name ens3
# and DHCP. Round two replaces that file with a definition by name only,
# so the Xen card needs a definition of its own (matched by its driver).
# Root only; a few seconds once the guest is cached.
# shellcheck source=lib-e2e.sh
. "$(dirname "$0")/lib-e2e.sh"
# shellcheck source=lib-stack.sh
. "$(dirname "$0")/lib-stack.sh"

e2e_require
e2e_guest trixie-netplan ext4
ok "the trixie guest is on a loop-mounted ext4 filesystem"
answers=$PW_TMP/answers.ini
e2e_answers "$answers" ens3
own=/etc/netplan/90-paravm-wizard.yaml

# generate NAME: the guest's netplan generate on a copy of its /etc/netplan
# (--root-dir inside the guest, so that the guest's /run stays as it is);
# the .network files it writes are left in $PW_TMP/NAME.
generate() {
	local name=$1 gen=/tmp/pw-netplan-root
	rm -rf "$E2E_MNT$gen" "$PW_TMP/$name"
	mkdir -p "$E2E_MNT$gen/etc" "$PW_TMP/$name"
	cp -a "$E2E_MNT/etc/netplan" "$E2E_MNT$gen/etc/"
	if chroot "$E2E_MNT" /usr/sbin/netplan generate --root-dir "$gen" >"$PW_TMP/$name.log" 2>&1; then
		ok "$name: netplan generate accepts the guest's files"
	else
		not_ok "$name: netplan generate accepts the guest's files" "$(cat "$PW_TMP/$name.log")"
	fi
	cp "$E2E_MNT$gen"/run/systemd/network/*.network "$PW_TMP/$name/" 2>/dev/null
	rm -rf "$E2E_MNT$gen"
}

# network_has NAME MATCH DESC: a generated .network whose [Match] has the
# line MATCH carries the static address, gateway, DNS and no DHCP.
network_has() {
	local name=$1 match=$2 desc=$3 f found=
	for f in "$PW_TMP/$name"/*.network; do
		[ -f "$f" ] && grep -qx "$match" "$f" && found=$f
	done
	if [ -n "$found" ] && grep -qx 'Address=18.181.1.23/16' "$found" &&
		grep -qx 'Gateway=18.181.0.1' "$found" && grep -qx 'DNS=18.70.0.160' "$found" &&
		! grep -q '^DHCP=' "$found"; then
		ok "$name: $desc gets 18.181.1.23/16, gateway 18.181.0.1, no DHCP"
	else
		not_ok "$name: $desc gets 18.181.1.23/16, gateway 18.181.0.1, no DHCP" \
			"$(head -n 40 "$PW_TMP/$name"/*.network 2>&1)"
	fi
}

# ---- round one: the card matched by its MAC address ------------------------------
e2e_pw 30 --check --format=json --only network
e2e_expect_rc "--check: the network step is left to do" 1
out_has "--check names netplan through systemd-networkd, and is todo, not blocked" \
	'"status":"todo"' 'netplan \(through systemd-networkd\)' '50-cloud-init\.yaml'


e2e_snap before
e2e_pw 30 --dry-run --answers "$answers" --yes --only network
e2e_expect_rc "--dry-run runs" 0
out_has "--dry-run shows the wizard's netplan file as a diff" \
	"^\\+\\+\\+ b$own" '^\+      dhcp4: false' '^\+      addresses: \[18\.181\.1\.23/16\]'
e2e_snap after-dry-run
e2e_same "--dry-run changed nothing in the guest" before after-dry-run --mtime

e2e_pw 30 --answers "$answers" --yes --only network
e2e_expect_rc "--yes makes the network static" 0
if [ "$(stat -c %a "$E2E_MNT$own" 2>/dev/null)" = 600 ]; then
	ok "the wizard's netplan file is mode 0600, as netplan wants"
else
	not_ok "the wizard's netplan file is mode 0600, as netplan wants" "$(ls -la "$E2E_MNT$own" 2>&1)"
fi
if [ "$(grep '^nameserver' "$E2E_MNT/etc/resolv.conf")" = "$(printf 'nameserver 18.70.0.160\nnameserver 18.71.0.151')" ]; then
	ok "/etc/resolv.conf has the name servers (no systemd-resolved to take networkd's)"
else
	not_ok "/etc/resolv.conf has the name servers (no systemd-resolved to take networkd's)" \
		"$(cat "$E2E_MNT/etc/resolv.conf")"
fi
e2e_snap after-apply
e2e_same "the owner's netplan file is left as it was" before after-apply \
	--exclude "$own" --exclude /var/log/paravm-wizard.log \
	--exclude /var/backups/paravm-wizard --exclude '/var/backups/paravm-wizard/*' \
	--exclude /var/lib/paravm-wizard --exclude '/var/lib/paravm-wizard/*' --exclude /etc/netplan \
	--exclude /etc/resolv.conf
e2e_pw 30 --check --only network
e2e_expect_rc "--check after the apply: ready" 0
generate mac
network_has mac 'PermanentMACAddress=52:54:00:12:34:56' "the card matched by its MAC address (the Xen card keeps it)"

stack_again_and_undo "$answers"

# ---- round two: the card named, not matched ------------------------------------------
cat >"$E2E_MNT/etc/netplan/50-cloud-init.yaml" <<'YAML'
network:
  version: 2
  ethernets:
    ens3:
      dhcp4: true
YAML
e2e_pw 30 --answers "$answers" --yes --only network
e2e_expect_rc "--yes on a definition by name" 0
generate name
network_has name 'Name=ens3' "ens3 (the card under HVM)"
network_has name 'Driver=vif' "the Xen card, matched by its driver"

# ---- what netplan refuses, the wizard refuses, changing nothing -------------------------
e2e_pw 30 --undo
printf 'network:\n  ethernets:\n\tens3:\n      dhcp4: true\n' >"$E2E_MNT/etc/netplan/50-cloud-init.yaml"
e2e_snap bad
e2e_pw 30 --answers "$answers" --yes --only network
e2e_expect_rc "a file with a tab blocks the step" 2
out_has "the refusal names the file and line" '50-cloud-init\.yaml, line 3, column 1: netplan cannot read'
e2e_snap bad-after
e2e_same "nothing was written" bad bad-after --exclude /var/log/paravm-wizard.log \
	--exclude /var/lib/paravm-wizard/lock

e2e_umount
e2e_no_loop_left
done_testing
