#!/bin/sh
# A file changed between the plan and the write is never overwritten.
# --yes plans each step under the lock and writes it at once; another
# program (an editor, which takes no lock) may still write in between. The
# run compares each file with the text its plan was made from: changed
# once, it plans again and applies that; changed again, it writes nothing,
# names the file and exits 75.
#
# The window is held open with strace: every write(2) of the run is held
# 1 s, among them its log's "network: applying" (the plan is made, nothing
# checked yet), "network: not applied" and "network: planning again"
# (after a change was seen), and the second "network: applying". The test
# changes the file while the run waits after the first of those, or after
# the first and the second "applying". (Which write is which differs by
# build, so none is picked by its number.)
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin
if ! command -v strace >/dev/null 2>&1 || ! strace -o /dev/null -e inject=write:delay_exit=1 true 2>/dev/null; then
	skip "strace with fault injection is not available (Debian's strace package)"
	done_testing
	exit 0
fi

answers=$PW_TMP/answers.ini
printf '[network]\naddress = 18.181.1.23\nnetmask = 255.255.0.0\ngateway = 18.181.0.1\nnameservers = 18.70.0.160\n' >"$answers"

# wait_log FILE TEXT [N]: until the guest's log holds TEXT N times (at most 20 s)
wait_log() {
	i=0
	while :; do
		n=$(grep -c "$2" "$1" 2>/dev/null)
		[ "${n:-0}" -ge "${3:-1}" ] && return 0
		[ $i -ge 200 ] && return 1
		sleep 0.1
		i=$((i + 1))
	done
}

# start_slowed TREE: --yes --only network, every write held 1 s
start_slowed() {
	# LeakSanitizer cannot run under ptrace: the sanitized pass checks leaks elsewhere
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -o /dev/null -e trace=write -e inject=write:delay_exit=1000000 \
		"$PW_BIN" --root "$1" --answers "$answers" --yes --only network \
		>"$PW_TMP/out" 2>"$PW_TMP/err" &
	slowed=$!
}

# ---- changed once: planned again, the other program's text kept -----------
fixture etch-hvm
t=$FIXTURE
ifaces=$t/etc/network/interfaces
start_slowed "$t"
if wait_log "$t/var/log/paravm-wizard.log" 'network: applying'; then
	printf '# added by another program\n' >>"$ifaces"
	ok "the run is held between its plan and its write"
else
	not_ok "the run is held between its plan and its write" "$(cat "$PW_TMP/err")"
fi
wait "$slowed"
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'changed while this run was planning' "$PW_TMP/out" &&
   grep -q 'planning again' "$PW_TMP/out"; then
	ok "changed once: the run says so, plans again and applies (exit 0)"
else
	not_ok "changed once: the run says so, plans again and applies (exit 0)" \
		"exit $rc" "$(cat "$PW_TMP/out" "$PW_TMP/err")"
fi
check "the other program's line is kept" grep -qx '# added by another program' "$ifaces"
check "the new plan was applied on top of it" grep -q 'address 18.181.1.23' "$ifaces"

# ---- changed twice: nothing written, the file named, exit 75 ---------------
fixture etch-hvm
t=$FIXTURE
ifaces=$t/etc/network/interfaces
start_slowed "$t"
wait_log "$t/var/log/paravm-wizard.log" 'network: applying' &&
	printf '# first edit of another program\n' >>"$ifaces"
wait_log "$t/var/log/paravm-wizard.log" 'network: applying' 2 &&
	printf '# second edit of another program\n' >>"$ifaces"
theirs=$(sha256sum <"$ifaces")
wait "$slowed"
rc=$?
if [ "$rc" -eq 75 ] &&
   grep -q '/etc/network/interfaces changed while this run was planning its change' "$PW_TMP/err"; then
	ok "changed twice: exit 75, naming the file"
else
	not_ok "changed twice: exit 75, naming the file" "exit $rc" "$(cat "$PW_TMP/out" "$PW_TMP/err")"
fi
check "the file holds the other program's text, not the wizard's" \
	test "$theirs" = "$(sha256sum <"$ifaces")"
check "no static address was written" sh -c "! grep -q 'address 18.181.1.23' '$ifaces'"
done_testing
