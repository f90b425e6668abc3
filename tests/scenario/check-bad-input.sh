#!/bin/sh
# --check on broken guests and bad site configs: each gets a clear message
# that names the file, the right status or exit code, no crash or hang, and
# nothing changes anywhere (a checksum listing of the case before and after).
#
# The trees are broken at run time, in a copy of a fixture that is ready
# (lenny-converted, bookworm-converted), so that the broken file is the
# only thing wrong with it.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

# no_crash: the last run ended by itself, neither killed nor hung.
no_crash() {
	if [ "$RUN_RC" -lt 124 ] || { [ "$RUN_RC" -gt 124 ] && [ "$RUN_RC" -lt 128 ]; }; then
		ok "$PW_LABEL: no crash or hang (exit status $RUN_RC)"
	else
		not_ok "$PW_LABEL: no crash or hang" "exit status $(describe_rc "$RUN_RC")" \
			"stderr: $RUN_ERR"
	fi
}

# expect_problem CASE TREE STEP STATUSES FILE [ARGS...]
# --check (JSON, then text) on a broken TREE: STEP has one of STATUSES and
# its message names FILE; the exit status agrees with the steps; nothing
# changed.
expect_problem() {
	PW_LABEL=$1
	tree=$2
	step=$3
	statuses=$4
	file=$5
	shift 5
	tree_sum "$(dirname "$tree")" >"$PW_TMP/sum.before"
	if pw_check_json "$tree" "$@"; then
		no_crash
		expect_step "$step" "$statuses"
		if step_message "$step" | grep -Fq -- "$file"; then
			ok "$PW_LABEL: the $step message names $file"
		else
			not_ok "$PW_LABEL: the $step message names $file" \
				"message: $(step_message "$step")"
		fi
		expect_rc_consistent
		json_rc=$RUN_RC
		pw --check --root "$tree" "$@"
		if [ "$RUN_RC" = "$json_rc" ] && printf '%s\n' "$RUN_OUT" | grep -Fq -- "$file"; then
			ok "$PW_LABEL: the text report says the same (exit status $RUN_RC, names $file)"
		else
			not_ok "$PW_LABEL: the text report says the same" \
				"exit status $(describe_rc "$RUN_RC") (JSON: $json_rc); $file named: $(
				printf '%s\n' "$RUN_OUT" | grep -Fq -- "$file" && echo yes || echo no)" \
				"$RUN_OUT" "$RUN_ERR"
		fi
	else
		no_crash
	fi
	expect_unchanged "$(dirname "$tree")" "$PW_TMP/sum.before"
}

# expect_fatal CASE CODE STRING... -- ARGS...
# The program stops before any report: exit status CODE, nothing on stdout,
# a short message on stderr that holds every STRING; nothing changed in
# the case directory $FIXTURE_CASE.
expect_fatal() {
	PW_LABEL=$1
	code=$2
	shift 2
	strings=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		strings="$strings$1
"
		shift
	done
	[ $# -gt 0 ] && shift
	tree_sum "$FIXTURE_CASE" >"$PW_TMP/sum.before"
	pw "$@"
	no_crash
	if [ "$RUN_RC" = "$code" ]; then
		ok "$PW_LABEL: exit status $code"
	else
		not_ok "$PW_LABEL: exit status $code" "got $(describe_rc "$RUN_RC")" \
			"stderr: $RUN_ERR" "stdout: $RUN_OUT"
	fi
	missing=
	while IFS= read -r s; do
		[ -n "$s" ] || continue
		printf '%s\n' "$RUN_ERR" | grep -Fq -- "$s" || missing="$missing \"$s\""
	done <<EOF
$strings
EOF
	lines=$(printf '%s\n' "$RUN_ERR" | grep -c .)
	if [ -z "$missing" ] && [ -z "$RUN_OUT" ] && [ "$lines" -ge 1 ] && [ "$lines" -le 2 ]; then
		ok "$PW_LABEL: a short message on stderr names what is wrong, no report"
	else
		not_ok "$PW_LABEL: a short message on stderr names what is wrong, no report" \
			"missing:${missing:- nothing}" "stderr ($lines lines): $RUN_ERR" "stdout: $RUN_OUT"
	fi
	expect_unchanged "$FIXTURE_CASE" "$PW_TMP/sum.before"
}

# ---- broken guest files ---------------------------------------------------

# /etc/network/interfaces holds binary data
fixture lenny-converted
t=$FIXTURE
in_tmp "$t/etc/network/interfaces"
printf 'auto lo\niface lo inet loopback\n\000\001\002\377 not text\n' >"$t/etc/network/interfaces"
expect_problem "interfaces is binary" "$t" network "todo|blocked" /etc/network/interfaces

# /etc/network/interfaces is a symlink that climbs out of the guest: it
# must resolve inside it (where there is no /etc/passwd), never to the host
fixture bookworm-converted
t=$FIXTURE
in_tmp "$t/etc/network/interfaces"
rm -f "$t/etc/network/interfaces" "$t/etc/passwd"
ln -s /../../../etc/passwd "$t/etc/network/interfaces"
expect_problem "interfaces links out of the guest" "$t" network "todo|blocked" \
	/etc/network/interfaces
expect_msg network 'does not exist in the guest' "says it does not exist in the guest"
expect_no_msg network 'root:|/bin/(ba)?sh|nologin' "shows nothing of the host's /etc/passwd"

# an empty dpkg status file
fixture lenny-converted
t=$FIXTURE
in_tmp "$t/var/lib/dpkg/status"
: >"$t/var/lib/dpkg/status"
expect_problem "empty dpkg status" "$t" packages "todo|blocked" /var/lib/dpkg/status
expect_step arch "warn|blocked"

# a dpkg status file cut in the middle of a paragraph (a full disk, a
# crash): in the middle of the Status line of the kernel package, so that
# what is left must not be taken as the whole truth
fixture bookworm-converted
t=$FIXTURE
st=$t/var/lib/dpkg/status
in_tmp "$st"
off=$(grep -b -m 1 '^Package: linux-image-amd64$' "$st" | cut -d: -f1)
if [ -n "$off" ]; then
	head -c $((off + 45)) "$st" >"$st.cut"
	mv "$st.cut" "$st"
	expect_problem "dpkg status cut short" "$t" packages "warn|todo|blocked" /var/lib/dpkg/status
else
	not_ok "dpkg status cut short: the fixture has linux-image-amd64"
fi

# a 10 MB /etc/fstab of one line
fixture bookworm-converted
t=$FIXTURE
in_tmp "$t/etc/fstab"
{
	printf 'UUID='
	head -c 10485760 /dev/zero | tr '\000' 'x'
} >"$t/etc/fstab"
expect_problem "fstab is 10 MB on one line" "$t" disks "todo|blocked" /etc/fstab

# /etc/os-release is a directory: the release still comes from
# debian_version, but the owner hears about the broken file
fixture bookworm-converted
t=$FIXTURE
in_tmp "$t/etc/os-release"
rm -f "$t/etc/os-release"
mkdir "$t/etc/os-release"
expect_problem "os-release is a directory" "$t" distro "warn|blocked" /etc/os-release

# /boot/grub/menu.lst is a FIFO: opening it for reading would wait for a
# writer forever
fixture lenny-converted
t=$FIXTURE
in_tmp "$t/boot/grub/menu.lst"
rm -f "$t/boot/grub/menu.lst"
if [ -z "$PW_HAVE_TIMEOUT" ]; then
	skip "menu.lst is a FIFO" "no timeout(1) here to stop a hang"
elif mkfifo "$t/boot/grub/menu.lst"; then
	saved_timeout=$PW_TIMEOUT
	PW_TIMEOUT=10
	expect_problem "menu.lst is a FIFO" "$t" grub "todo|blocked" /boot/grub/menu.lst
	PW_TIMEOUT=$saved_timeout
else
	skip "menu.lst is a FIFO" "mkfifo failed"
fi

# ---- the guest root itself ------------------------------------------------

fixture lenny-converted
t=$FIXTURE
expect_fatal "--root that does not exist" 74 "$FIXTURE_CASE/no-such-guest" -- \
	--check --root "$FIXTURE_CASE/no-such-guest"
expect_fatal "--root that is a file" 74 "$t/etc/hostname" -- \
	--check --root "$t/etc/hostname"

# Bad site configs (--config and the guest's own) are rows of the table in
# tests/bad-input.tsv, run by bad-input-table.sh.

done_testing
