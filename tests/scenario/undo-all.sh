#!/bin/sh
# --undo --all: the way back in one command. A conversion done in several
# runs (a step at a time, as the screens do; here network, then console) is undone whole: every file
# the runs changed is as it was before the first, byte for byte; the
# backups stay, marked undone, and a second --undo --all has nothing to do.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

answers=$PW_TMP/answers.ini
printf '[network]\naddress = 18.181.1.23\nnetmask = 255.255.0.0\ngateway = 18.181.0.1\nnameservers = 18.70.0.160\n' >"$answers"

# the content of every file outside the wizard's own (backups, log, lock)
config_sum() (
	cd "$1" && find . -path ./var/backups/paravm-wizard -prune -o -path ./var/lib/paravm-wizard -prune \
		-o -path ./var/log/paravm-wizard.log -prune -o -type f -print | LC_ALL=C sort |
		xargs sha256sum
)

fixture etch-hvm
t=$FIXTURE
config_sum "$t" >"$PW_TMP/before"
for step in network console; do
	pw --root "$t" --answers "$answers" --yes --only "$step"
	check "run $step applies (exit 0 or steps left)" test "$RUN_RC" -le 1
done
runs=$(find "$t/var/backups/paravm-wizard" -mindepth 1 -maxdepth 1 -type d | wc -l)
check "two runs made two backups" test "$runs" -eq 2
config_sum "$t" >"$PW_TMP/converted"
check "the runs changed files" sh -c "! cmp -s '$PW_TMP/before' '$PW_TMP/converted'"
pw --root "$t" --undo --all
if [ "$RUN_RC" -eq 0 ] && printf '%s\n' "$RUN_OUT" | grep -q '2 runs undone'; then
	ok "--undo --all undoes both runs"
else
	not_ok "--undo --all undoes both runs" "exit $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
config_sum "$t" >"$PW_TMP/after"
if cmp -s "$PW_TMP/before" "$PW_TMP/after"; then
	ok "every file is as it was before the first run"
else
	not_ok "every file is as it was before the first run" "$(diff "$PW_TMP/before" "$PW_TMP/after")"
fi
undone=$(find "$t/var/backups/paravm-wizard" -name UNDONE | wc -l)
check "each backup is kept and marked undone" test "$undone" -eq 2
pw --root "$t" --undo --all
if [ "$RUN_RC" -eq 0 ] && printf '%s\n' "$RUN_OUT" | grep -q 'There is nothing to undo'; then
	ok "a second --undo --all has nothing to do"
else
	not_ok "a second --undo --all has nothing to do" "$RUN_OUT" "$RUN_ERR"
fi
pw --root "$t" --all
check "--all without --undo is a usage error (64)" test "$RUN_RC" -eq 64
done_testing
