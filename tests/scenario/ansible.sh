#!/bin/sh
# contrib/ansible/paravm-wizard.yml run by ansible-playbook against three
# throwaway guests: copies of fixture trees, each an inventory host with
# ansible_connection=local and pw_root=<the copy> (so the program runs with
# --root on it), limited to the network and console steps (the others need
# a block device or apt in a real guest). lenny-converted is ready already,
# etch-hvm is to be converted, ubuntu-hardy-i386 is blocked (32-bit).
# A check-mode run changes nothing; the first real run converts etch-hvm
# only; the converted guest then reports those steps ok; the blocked guest
# is never touched; a second run changes nothing anywhere.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

for tool in ansible-playbook python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "the Ansible playbook" "$tool is not installed (apt-get install ansible-core)"
		done_testing
		exit 0
	fi
done
pw_require_bin

PLAYBOOK=$PW_TOP/contrib/ansible/paravm-wizard.yml

fixture lenny-converted
LENNY=$FIXTURE
fixture etch-hvm
ETCH=$FIXTURE
fixture ubuntu-hardy-i386
HARDY=$FIXTURE
# sum_file GUEST: where the guest's listing before the runs is kept.
mkdir -p "$PW_TMP/sums"
sum_file() {
	echo "$PW_TMP/sums/$(basename "$1")"
}
for g in "$LENNY" "$ETCH" "$HARDY"; do
	in_tmp "$g"
	tree_sum "$(dirname "$g")" >"$(sum_file "$g")"
done

# Ansible keeps everything it writes (its home, temporary files, the
# answers file the playbook makes with tempfile) in our directory, and reads
# no ansible.cfg of the machine or of the current folder.
mkdir -p "$PW_TMP/ansible/home" "$PW_TMP/ansible/tmp"
: >"$PW_TMP/ansible/ansible.cfg"
ANSIBLE_CONFIG=$PW_TMP/ansible/ansible.cfg
ANSIBLE_HOME=$PW_TMP/ansible/home
ANSIBLE_LOCAL_TEMP=$PW_TMP/ansible/tmp
ANSIBLE_REMOTE_TEMP=$PW_TMP/ansible/tmp
ANSIBLE_NOCOLOR=1
ANSIBLE_RETRY_FILES_ENABLED=0
ANSIBLE_STDOUT_CALLBACK=default
TMPDIR=$PW_TMP/ansible/tmp
export ANSIBLE_CONFIG ANSIBLE_HOME ANSIBLE_LOCAL_TEMP ANSIBLE_REMOTE_TEMP \
	ANSIBLE_NOCOLOR ANSIBLE_RETRY_FILES_ENABLED ANSIBLE_STDOUT_CALLBACK TMPDIR

INVENTORY=$PW_TMP/ansible/hosts.ini
cat >"$INVENTORY" <<EOF
[guests]
lenny-converted pw_root=$LENNY
etch-hvm pw_root=$ETCH pw_interface=eth0 pw_address=18.181.1.30
ubuntu-hardy-i386 pw_root=$HARDY pw_address=18.181.1.31

[guests:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python3)
pw_bin=$PW_BIN
pw_only=network,console
pw_netmask=255.255.0.0
pw_gateway=18.181.0.1
pw_nameservers=['18.70.0.160', '18.70.0.161']
EOF

# play LABEL ARGS...: run the playbook; its output in $PW_TMP/LABEL.out.
PLAY_TIMEOUT=${PW_ANSIBLE_TIMEOUT:-120}
play() {
	label=$1
	shift
	if [ -n "$PW_HAVE_TIMEOUT" ]; then
		timeout -k 5 "$PLAY_TIMEOUT" ansible-playbook -i "$INVENTORY" "$@" "$PLAYBOOK" \
			>"$PW_TMP/$label.out" 2>&1
	else
		ansible-playbook -i "$INVENTORY" "$@" "$PLAYBOOK" >"$PW_TMP/$label.out" 2>&1
	fi
	PLAY_RC=$?
	PLAY_OUT=$PW_TMP/$label.out
}

# recap HOST: "changed=N failed=N" from the PLAY RECAP of the last run.
recap() {
	awk -v h="$1" '
		/^PLAY RECAP/ { on = 1; next }
		on && $1 == h {
			c = f = "?"
			for (i = 2; i <= NF; i++) {
				if ($i ~ /^changed=/) c = $i
				if ($i ~ /^failed=/) f = $i
			}
			print c, f
		}' "$PLAY_OUT"
}

# expect_recap LABEL HOST CHANGED FAILED
expect_recap() {
	got=$(recap "$2")
	if [ "$got" = "changed=$3 failed=$4" ]; then
		ok "$1: $2 has changed=$3 failed=$4"
	else
		not_ok "$1: $2 has changed=$3 failed=$4" "got: ${got:-no recap line}" \
			"$(sed -n '/^PLAY RECAP/,$p' "$PLAY_OUT")"
	fi
}

# expect_play LABEL: the playbook succeeded.
expect_play() {
	if [ "$PLAY_RC" -eq 0 ]; then
		ok "$1: ansible-playbook succeeds"
	else
		not_ok "$1: ansible-playbook succeeds" "exit status $(describe_rc "$PLAY_RC")" \
			"$(grep -E 'fatal|FAILED|ERROR' "$PLAY_OUT" | head -10)" \
			"$(tail -8 "$PLAY_OUT")"
	fi
}

# expect_line LABEL ERE: the output of the last run has a matching line.
expect_line() {
	if grep -Eq -- "$2" "$PLAY_OUT"; then
		ok "$1: the output says /$2/"
	else
		not_ok "$1: the output says /$2/" "$(sed -n '/TASK \[Report\]/,$p' "$PLAY_OUT")"
	fi
}

# guest_unchanged LABEL GUEST: the guest's case folder is as it was.
guest_unchanged() {
	PW_LABEL="$1: $(basename "$2")"
	expect_unchanged "$(dirname "$2")" "$(sum_file "$2")"
}

# ---- check mode: --dry-run, nothing written ---------------------------

play check --check
expect_play "check mode"
expect_recap "check mode" lenny-converted 0 0
expect_recap "check mode" etch-hvm 1 0
expect_recap "check mode" ubuntu-hardy-i386 0 0
expect_line "check mode" '"etch-hvm: steps left: network, console"'
expect_line "check mode" '"lenny-converted: ready"'
expect_line "check mode" '"ubuntu-hardy-i386: blocked, will not be changed \(arch: '
for g in "$LENNY" "$ETCH" "$HARDY"; do
	guest_unchanged "check mode" "$g"
done

# ---- the first run converts etch-hvm -----------------------------------

play first
expect_play "first run"
expect_recap "first run" lenny-converted 0 0
expect_recap "first run" etch-hvm 1 0
expect_recap "first run" ubuntu-hardy-i386 0 0
expect_line "first run" '"etch-hvm: network, console done; .*\(converted by this run\)"'
expect_line "first run" '"ubuntu-hardy-i386: blocked, not changed \(arch: '
diag "$(sed -n '/^PLAY RECAP/,$p' "$PLAY_OUT")"
guest_unchanged "first run" "$LENNY"
guest_unchanged "first run" "$HARDY"

PW_CASE="etch-hvm after the playbook"
expect_steps "$ETCH" "network=ok console=ok" 0 --only network,console
PW_CASE=
if grep -q '^iface eth0 inet static' "$ETCH/etc/network/interfaces" &&
	grep -q 'dns-nameservers 18.70.0.160 18.70.0.161' "$ETCH/etc/network/interfaces"; then
	ok "etch-hvm: the stanza has the inventory's address and name servers"
else
	not_ok "etch-hvm: the stanza has the inventory's address and name servers" \
		"$(cat "$ETCH/etc/network/interfaces")"
fi

left=$(find "$PW_TMP/ansible/tmp" -name '*.ini' 2>/dev/null)
if [ -z "$left" ]; then
	ok "the answers file was removed"
else
	not_ok "the answers file was removed" "$left"
fi

# ---- the second run changes nothing -------------------------------------

tree_sum "$(dirname "$ETCH")" >"$(sum_file "$ETCH")"
play second
expect_play "second run"
expect_recap "second run" lenny-converted 0 0
expect_recap "second run" etch-hvm 0 0
expect_recap "second run" ubuntu-hardy-i386 0 0
diag "$(sed -n '/^PLAY RECAP/,$p' "$PLAY_OUT")"
for g in "$LENNY" "$ETCH" "$HARDY"; do
	guest_unchanged "second run" "$g"
done

# ---- a program that cannot be run fails the host ---------------------------

play missing -l lenny-converted -e "pw_bin=$PW_TMP/no-such-program"
if [ "$PLAY_RC" -ne 0 ]; then
	ok "a missing program: ansible-playbook fails"
else
	not_ok "a missing program: ansible-playbook fails" "$(tail -8 "$PLAY_OUT")"
fi
expect_recap "a missing program" lenny-converted 0 1

done_testing
