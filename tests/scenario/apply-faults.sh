#!/bin/sh
# Fault injection on the apply (--answers --yes) of the file-only steps:
# the run is killed (SIGKILL, by strace's syscall tampering) at the Nth
# rename and at the Nth fsync, for every N the run reaches. After each kill
# every file the apply writes is whole: as before or as after, never cut;
# a rerun finishes the job; --undo puts back every byte of the state from
# before the killed run. Needs strace; runs as any user.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

if ! command -v strace >/dev/null 2>&1; then
	skip "fault injection" "strace is not installed"
	done_testing
	exit $?
fi

STEPS=network,console
WATCHED="etc/network/interfaces etc/inittab etc/securetty"

answers=$PW_TMP/answers.ini
cat >"$answers" <<'INI'
[network]
address = 18.181.1.23
netmask = 255.255.0.0
gateway = 18.181.0.1
nameservers = 18.70.0.160
INI

# sums TREE: the sha256 of each watched file ("-" for absent)
sums() {
	for f in $WATCHED; do
		if [ -f "$1/$f" ]; then
			sha256sum <"$1/$f" | cut -d' ' -f1
		else
			echo -
		fi
	done
}

# The state before, and after an apply that is not disturbed.
fixture etch-hvm
reference=$FIXTURE
sums "$reference" >"$PW_TMP/before"
pw --root "$reference" --only "$STEPS" --answers "$answers" --yes
if [ "$RUN_RC" -ne 0 ]; then
	not_ok "an undisturbed apply succeeds" "exit $(describe_rc "$RUN_RC")" "$RUN_ERR"
	done_testing
	exit $?
fi
ok "an undisturbed apply succeeds"
sums "$reference" >"$PW_TMP/after"

# whole TREE: every watched file is as before or as after
whole() {
	sums "$1" >"$PW_TMP/now"
	i=0
	for f in $WATCHED; do
		i=$((i + 1))
		now=$(sed -n "${i}p" "$PW_TMP/now")
		[ "$now" = "$(sed -n "${i}p" "$PW_TMP/before")" ] && continue
		[ "$now" = "$(sed -n "${i}p" "$PW_TMP/after")" ] && continue
		echo "$f is neither the old nor the new file"
		return 1
	done
}

for call in renameat fsync; do
	n=1
	while [ "$n" -le 60 ]; do
		fixture etch-hvm
		t=$FIXTURE
		# LeakSanitizer cannot work under ptrace: off for a sanitizer build
		run env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			timeout 60 strace -f -o /dev/null \
			-e inject="$call:signal=KILL:when=$n" \
			"$PW_BIN" --root "$t" --only "$STEPS" --answers "$answers" --yes
		# not killed: N is past the last such call, and this run is complete
		if [ "$RUN_RC" -ne 137 ] && [ "$RUN_RC" -ne 128 ]; then
			check "killed at no $call $n: the run completed" [ "$RUN_RC" -eq 0 ]
			break
		fi
		label="killed at $call $n"
		if why=$(whole "$t"); then
			ok "$label: every file is whole, old or new"
		else
			not_ok "$label: every file is whole, old or new" "$why"
		fi
		pw --root "$t" --only "$STEPS" --answers "$answers" --yes
		sums "$t" >"$PW_TMP/rerun"
		if [ "$RUN_RC" -eq 0 ] && cmp -s "$PW_TMP/rerun" "$PW_TMP/after"; then
			ok "$label: a rerun finishes the job"
		else
			not_ok "$label: a rerun finishes the job" "exit $(describe_rc "$RUN_RC")" \
				"$RUN_OUT" "$RUN_ERR"
		fi
		pw --root "$t" --undo
		sums "$t" >"$PW_TMP/undone"
		if [ "$RUN_RC" -eq 0 ] && cmp -s "$PW_TMP/undone" "$PW_TMP/before"; then
			ok "$label: --undo restores the state before the killed run"
		else
			not_ok "$label: --undo restores the state before the killed run" \
				"exit $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR" \
				"$(diff "$PW_TMP/before" "$PW_TMP/undone")"
		fi
		n=$((n + 1))
	done
done

done_testing
