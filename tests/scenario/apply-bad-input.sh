#!/bin/sh
# A filesystem that fails an unattended apply (--answers FILE --yes): full,
# read-only, a file that cannot be replaced. Each gets a clear message
# naming the file, exit status 73, and no file of the guest changes (or
# what changed is put back). The file-only steps (network, console) are
# applied, so that no apt or block device is needed; the filesystems are
# made (tmpfs, bind mount, chattr), so these skip as non-root. Bad values
# and files are in the table tests/bad-input.tsv (bad-input-table.sh).
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

# Bad values, bad answers files and broken guest files are rows of the
# table in tests/bad-input.tsv, run by bad-input-table.sh; here are the
# faults of the filesystem under an apply.

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
