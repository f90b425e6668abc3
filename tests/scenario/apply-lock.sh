#!/bin/sh
# Two runs at once, and a run killed while it held the lock, through the
# program itself: while another process holds the guest's lock, an apply
# is refused (exit 73) naming who holds it, and changes nothing; once that
# holder is killed, the next apply recognises the unfinished run, says so,
# and completes. The lock is flock(2) on /var/lib/paravm-wizard/lock; the
# holder here is a small python3 process that takes it as a run does.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

fixture etch-hvm
t=$FIXTURE
answers=$FIXTURE_CASE/answers.ini
printf '[network]\naddress = 18.181.1.23\nnetmask = 255.255.0.0\ngateway = 18.181.0.1\nnameservers = 18.70.0.160\n' >"$answers"
mkdir -p "$t/var/lib/paravm-wizard"
lock=$t/var/lib/paravm-wizard/lock
ready=$FIXTURE_CASE/holding

# hold_lock LOCK READY [FINISH]: a holder that writes what a run writes
# ("pid N, started T") and touches READY; it then waits (60 s at most), or
# with FINISH, waits for that file and ends as a run ends: it empties the
# lock file and lets go. Its pid is $holder.
hold_lock() {
	python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, b"pid %d, started 2026-11-25T10:00:00Z\n" % os.getpid())
open(sys.argv[2], "w").close()
for _ in range(600):
    if len(sys.argv) > 3 and os.path.exists(sys.argv[3]):
        break
    time.sleep(0.1)
os.ftruncate(fd, 0)
os.fsync(fd)
os.close(fd)' "$@" &
	holder=$!
	i=0
	while [ ! -e "$2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}

hold_lock "$lock" "$ready"

config_sum() { sha256sum "$t/etc/network/interfaces" "$t/etc/inittab" "$t/etc/securetty"; }
before=$(config_sum)
pw --root "$t" --answers "$answers" --yes --only network,console
if [ "$RUN_RC" -eq 73 ] &&
   printf '%s\n' "$RUN_ERR" | grep -q "another paravm-wizard is changing this guest (pid $holder, started 2026-11-25T10:00:00Z)"; then
	ok "a second run is refused (73), naming the run that holds the lock"
else
	not_ok "a second run is refused (73), naming the run that holds the lock" \
		"exit $(describe_rc "$RUN_RC")" "$RUN_ERR"
fi
check "the refused run changed nothing" test "$before" = "$(config_sum)"

# killed while holding it: its line stays in the file, the lock goes with it
kill -KILL "$holder"
wait "$holder" 2>/dev/null
pw --root "$t" --answers "$answers" --yes --only network,console
if [ "$RUN_RC" -eq 0 ] &&
   printf '%s\n' "$RUN_OUT" | grep -q 'The previous run did not finish; this run completes it.'; then
	ok "after the holder was killed, the next run recognises it and completes"
else
	not_ok "after the holder was killed, the next run recognises it and completes" \
		"exit $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
check "the log names the run that did not finish" \
	grep -q "the previous run (pid $holder, started 2026-11-25T10:00:00Z) did not finish" \
	"$t/var/log/paravm-wizard.log"
pw --root "$t" --check --only network,console
check "--check: network and console are done" test "$RUN_RC" -eq 0
# a run that ended well leaves no holder: the next says nothing of it
pw --root "$t" --answers "$answers" --yes --only network,console
if [ "$RUN_RC" -eq 0 ] && ! printf '%s\n' "$RUN_OUT" | grep -q 'did not finish'; then
	ok "a finished run leaves no stale lock behind"
else
	not_ok "a finished run leaves no stale lock behind" "$RUN_OUT" "$RUN_ERR"
fi
# ---- a run that ends while this one waits for the lock ---------------------
# This run opens the lock file, then waits in flock(2) (strace holds the
# call 3 s) while the holder finishes as a run does: it empties the file
# and lets go. What this run then reads must be the finished state: it is
# not taken for a killed run, and nothing is "completed".
if command -v strace >/dev/null 2>&1 && strace -o /dev/null -e inject=flock:delay_enter=1 true 2>/dev/null; then
	fixture etch-hvm
	t=$FIXTURE
	mkdir -p "$t/var/lib/paravm-wizard"
	lock=$t/var/lib/paravm-wizard/lock
	ready=$FIXTURE_CASE/holding
	go=$FIXTURE_CASE/finish
	hold_lock "$lock" "$ready" "$go"
	# LeakSanitizer cannot run under ptrace: the sanitized pass checks leaks elsewhere
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -o /dev/null -e trace=flock -e inject=flock:delay_enter=3000000 \
		"$PW_BIN" --root "$t" --answers "$answers" --yes --only network,console \
		>"$FIXTURE_CASE/out" 2>"$FIXTURE_CASE/err" &
	slowed=$!
	# the run is inside flock (x86-64 call 73) once its /proc says so
	in_flock=no
	i=0
	while [ $i -lt 200 ]; do
		child=$(pgrep -P "$slowed" | head -n 1)
		if [ -n "$child" ] && cut -d' ' -f1 "/proc/$child/syscall" 2>/dev/null | grep -qx 73; then
			in_flock=yes
			break
		fi
		sleep 0.05
		i=$((i + 1))
	done
	check "the second run waits in flock while the first still holds the lock" test "$in_flock" = yes
	: >"$go"
	wait "$holder" 2>/dev/null
	wait "$slowed"
	rc=$?
	if [ "$rc" -eq 0 ] && ! grep -q 'did not finish' "$FIXTURE_CASE/out"; then
		ok "a run that ended meanwhile is not taken for a killed one"
	else
		not_ok "a run that ended meanwhile is not taken for a killed one" \
			"exit $rc" "$(cat "$FIXTURE_CASE/out" "$FIXTURE_CASE/err")"
	fi
	check "the log does not say it went on with an unfinished run" \
		sh -c "! grep -q 'did not finish' '$t/var/log/paravm-wizard.log'"
else
	skip "strace with fault injection is not available: the lock's read-after-flock is not tested"
fi
done_testing
