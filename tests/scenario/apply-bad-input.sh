#!/bin/sh
# Bad input to an unattended apply (--answers FILE --yes): each one gets a
# clear message naming the value or file, the exit status DESIGN.md gives
# (65 bad data, 73/74 cannot write/read, 2 blocked), and no file of the
# guest changes. The file-only steps (network, console) are applied, so
# that no apt or block device is needed; the cases that need a full or
# read-only filesystem make one (tmpfs, bind mount) and skip as non-root.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

STEPS=network,console
GOOD='[network]
address = 18.181.1.23
netmask = 255.255.0.0
gateway = 18.181.0.1
nameservers = 18.70.0.160'

# The guest's own state files may appear where a run got as far as its lock
# (the lock, the log, and so the times of their folders): they are not the
# guest's configuration. Everything else must be exactly as before.
guest_sum() {
	tree_sum "$1" | grep -v -e '/var/lib/paravm-wizard' -e '/var/log/paravm-wizard.log' \
		-e '/var/backups/paravm-wizard' -e '^\./var/lib	d' -e '^\./var/log	d' \
		-e '^\./var	d' -e '^\./var/backups	d'
}

# Where the run got as far as changing files and then put them back, the
# files' bytes, modes and times are as before; their folders' times are not
# (a rename changes its folder).
restored_sum() {
	tree_sum "$1" | grep -v -e '/var/lib/paravm-wizard' -e '/var/log/paravm-wizard.log' \
		-e '/var/backups/paravm-wizard' | awk -F '\t' 'NF < 6 || $2 != "d"'
}

# expect_refused NAME EXIT MESSAGE-ERE ANSWERS-TEXT [TREE [SUM-FUNCTION]]
expect_refused() {
	name=$1
	want=$2
	ere=$3
	printf '%s\n' "$4" >"$PW_TMP/answers.ini"
	if [ $# -ge 5 ]; then
		t=$5
	else
		fixture etch-hvm
		t=$FIXTURE
	fi
	sum=${6:-guest_sum}
	$sum "$t" >"$PW_TMP/before"
	pw --root "$t" --only "$STEPS" --answers "$PW_TMP/answers.ini" --yes
	$sum "$t" >"$PW_TMP/after"
	if [ "$RUN_RC" -eq "$want" ]; then
		ok "$name: exit status $want"
	else
		not_ok "$name: exit status $want" "got $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR" \
			"stdout: $RUN_OUT"
	fi
	if printf '%s\n%s\n' "$RUN_ERR" "$RUN_OUT" | grep -Eq -- "$ere"; then
		ok "$name: the message names it"
	else
		not_ok "$name: the message names it (/$ere/)" "stderr: $RUN_ERR" "stdout: $RUN_OUT"
	fi
	if cmp -s "$PW_TMP/before" "$PW_TMP/after"; then
		ok "$name: no file of the guest changed"
	else
		not_ok "$name: no file of the guest changed" \
			"$(diff "$PW_TMP/before" "$PW_TMP/after" | head -20)"
	fi
}

answers_with() {
	printf '%s\n' "$GOOD" | sed -e "s|^$1 = .*|$1 = $2|"
}

# ---- values ----------------------------------------------------------------
expect_refused "address 18.181.1.300" 65 '18\.181\.1\.300' "$(answers_with address 18.181.1.300)"
expect_refused "address with a shell command" 65 'address' "$(answers_with address '$(reboot)')"
expect_refused "address is the network's own" 65 'network' "$(answers_with address 18.181.0.0)"
expect_refused "address is the broadcast address" 65 'broadcast' "$(answers_with address 18.181.255.255)"
expect_refused "netmask not contiguous" 65 '255\.0\.255\.0' "$(answers_with netmask 255.0.255.0)"
expect_refused "netmask /33" 65 '/33' "$(answers_with netmask /33)"
expect_refused "gateway off the subnet" 65 'gateway 10\.0\.0\.1 is not on the network 18\.181\.0\.0/16' \
	"$(answers_with gateway 10.0.0.1)"
expect_refused "name server not an address" 65 'name server' "$(answers_with nameservers '18.70.0.160 dns.example')"
expect_refused "interface not in the file" 65 'eth9' "$(printf '%s\ninterface = eth9' "$GOOD")"
expect_refused "unknown key" 65 'adress' "$(printf '[network]\nadress = 18.181.1.23')"
expect_refused "unknown section" 65 'netwrok' "$(printf '[netwrok]\naddress = 18.181.1.23')"
expect_refused "garbage answers file" 65 'line 1' 'this is not an INI file at all'
expect_refused "value over 15 characters" 65 'too long' "$(answers_with address 18.181.1.23.18.181.1.23)"

# a binary answers file
fixture etch-hvm
t=$FIXTURE
printf '[network]\000\001\002address=1\n' >"$PW_TMP/binary.ini"
guest_sum "$t" >"$PW_TMP/before"
pw --root "$t" --only "$STEPS" --answers "$PW_TMP/binary.ini" --yes
guest_sum "$t" >"$PW_TMP/after"
check "binary answers file: exit 65" [ "$RUN_RC" -eq 65 ]
check "binary answers file: the message says binary" \
	sh -c 'printf "%s\n" "$1" | grep -q "binary"' sh "$RUN_ERR"
check "binary answers file: no file of the guest changed" cmp -s "$PW_TMP/before" "$PW_TMP/after"

# a missing answers file
pw --root "$t" --only "$STEPS" --answers "$PW_TMP/none.ini" --yes
check "missing answers file: exit 74" [ "$RUN_RC" -eq 74 ]

# ---- the guest -------------------------------------------------------------------
# interfaces is a link out of the guest: the step is blocked, nothing applied
fixture etch-hvm
t=$FIXTURE
in_tmp "$t/etc/network/interfaces"
rm -f "$t/etc/network/interfaces"
ln -s /../../../../../../../etc/paravm-wizard-host-only "$t/etc/network/interfaces"
expect_refused "interfaces links out of the guest" 2 'does not exist in the guest' "$GOOD" "$t"

if [ "$(id -u)" != 0 ]; then
	skip "a full disk" "needs root (tmpfs)"
	skip "a read-only filesystem" "needs root (bind mount)"
	skip "an immutable file" "needs root (chattr)"
	done_testing
	exit $?
fi

# a full disk: the guest on a small tmpfs, filled up
fixture etch-hvm
full=$PW_TMP/full
mkdir -p "$full"
if mount -t tmpfs -o size=2m tmpfs "$full" 2>/dev/null; then
	cp -a "$FIXTURE/." "$full/"
	dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
	expect_refused "full disk" 73 'No space left|space' "$GOOD" "$full"
	umount "$full"
else
	skip "a full disk" "tmpfs cannot be mounted here"
fi

# a read-only filesystem: a read-only bind mount of the guest
fixture etch-hvm
ro=$PW_TMP/ro
mkdir -p "$ro"
if mount --bind "$FIXTURE" "$ro" 2>/dev/null && mount -o remount,bind,ro "$ro" 2>/dev/null; then
	expect_refused "read-only filesystem" 73 'Read-only|read-only' "$GOOD" "$ro"
	umount "$ro"
else
	umount "$ro" 2>/dev/null
	skip "a read-only filesystem" "bind mounts are not allowed here"
fi

# a file that cannot be replaced (immutable): the run puts back what it changed
fixture etch-hvm
t=$FIXTURE
if chattr +i "$t/etc/securetty" 2>/dev/null; then
	expect_refused "immutable /etc/securetty" 73 'securetty' "$GOOD" "$t" restored_sum
	chattr -i "$t/etc/securetty"
else
	skip "an immutable file" "chattr +i is not supported here"
fi

done_testing
