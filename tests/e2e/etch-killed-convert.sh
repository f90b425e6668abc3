#!/bin/bash
# End to end: the unattended conversion of the etch guest is killed
# (SIGKILL) while apt installs the Xen kernel. A rerun must finish the job,
# and --undo must still put back every file as it was before the killed run.
#
# apt is held in its DPkg::Pre-Invoke hook (a test setting in the guest) so
# that the kill lands while apt is at work; the kill goes to paravm-wizard,
# and apt, cut from its pipes, goes on or dies as it may. Root only.
# shellcheck source=lib-e2e.sh
. "$(dirname "$0")/lib-e2e.sh"

e2e_require
e2e_guest etch-sysvinit ext3
ok "the etch guest is on a loop-mounted ext3 filesystem"
answers=$PW_TMP/answers.ini
e2e_answers "$answers" eth0
echo 'DPkg::Pre-Invoke { "sleep 3.1416"; };' >"$E2E_MNT/etc/apt/apt.conf.d/99paravm-wizard-test-hold"
e2e_snap before
cp "$E2E_MNT/var/lib/dpkg/status" "$PW_TMP/status.before"

say "--answers --yes, killed while apt runs"
"$PW_BIN" --root "$E2E_MNT" --answers "$answers" --yes >"$PW_TMP/killed.out" 2>&1 &
wizard=$!
held=
for _ in $(seq 1 300); do
	if pgrep -f 'sleep 3.1416' >/dev/null && pgrep -f "apt-get .*install" >/dev/null; then
		held=1
		break
	fi
	sleep 0.1
done
kill -KILL "$wizard" 2>/dev/null
wait "$wizard" 2>/dev/null
rc=$?
if [ -n "$held" ] && [ "$rc" -eq 137 ]; then
	ok "paravm-wizard was killed while apt-get install ran"
else
	not_ok "paravm-wizard was killed while apt-get install ran" "exit $rc" \
		"$(cat "$PW_TMP/killed.out")"
fi
# apt goes on without it, or dies of a broken pipe: wait until it is gone
for _ in $(seq 1 300); do
	pgrep -f "apt-get .*install" >/dev/null || break
	sleep 0.1
done

say "--answers --yes again: it must finish the job"
e2e_pw "$E2E_TIMEOUT" --answers "$answers" --yes
e2e_expect_rc "the rerun completes the conversion" 0
e2e_expect_ready "after the rerun"

say "--undo"
e2e_pw "$E2E_TIMEOUT" --undo
e2e_expect_rc "--undo succeeds" 0
e2e_snap after-undo
e2e_same "--undo restored every file as it was before the killed run" before after-undo \
	"${E2E_UNDO_EXCLUDES[@]}" --new-packages-of "$E2E_MNT" "$PW_TMP/status.before"
e2e_umount
e2e_no_loop_left
say "done"
done_testing
