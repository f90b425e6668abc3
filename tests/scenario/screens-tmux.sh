#!/bin/sh
# The full-screen wizard, driven by keyboard in tmux at 80x24 on copies of
# the fixture trees: the dashboard, a wrong gateway refused, Back, Cancel
# that changes nothing, the 32-bit stop, a rerun with everything done, and
# a whole network + console conversion by keyboard, with a file changed by
# another program between a review and its Apply. Every capture is
# checked for lines wider than 80 cells and for text over a window's edge.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

if ! command -v tmux >/dev/null 2>&1; then
	skip "screens: the wizard in tmux" "tmux is not installed (make deps installs it)"
	done_testing
	exit 0
fi

# A tmux server of our own, and start, keys, shows, fits, exits (tests/lib.sh).
pw_tmux_init

# ---- without a terminal: a usage error, not a hang -------------------------

fixture bookworm-systemd
pw --root "$FIXTURE" </dev/null
if [ "$RUN_RC" -eq 64 ] && printf '%s\n' "$RUN_ERR" | grep -q terminal; then
	ok "no mode and no terminal: exit 64, says it needs a terminal"
else
	not_ok "no mode and no terminal: exit 64, says it needs a terminal" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_ERR"
fi

# ---- the dashboard on every terminal type ------------------------------------

for term in linux vt100 vt102 xterm; do
	start "$term" --root "$FIXTURE"
	shows "dashboard ($term): opens" "The conversion, step by step"
	missing=
	for title in Architecture Release Network "Kernel packages" "Boot menu" \
		"Serial console" Disks; do
		grep -Fq "$title" "$CAP" || missing="$missing $title"
	done
	if [ -z "$missing" ]; then
		ok "dashboard ($term): every step is listed with its state"
	else
		not_ok "dashboard ($term): every step is listed with its state" \
			"missing:$missing" "$(cat "$CAP")"
	fi
	fits "dashboard ($term)"
	[ "$term" = vt100 ] && cp "$CAP" "$PW_TMP/dashboard.txt"
	keys Escape
	shows "dashboard ($term): Esc asks before quitting" "Nothing half-done is left"
	keys Enter
	exits "dashboard ($term): quit" 1
done

# ---- the network screen: a wrong gateway, Back, Cancel -----------------------

fixture bookworm-systemd
t=$FIXTURE
tree_sum "$t" >"$PW_TMP/before"
start vt102 --root "$t" --only network,console
shows "network: the dashboard leads to it" "The conversion, step by step"
keys Enter
shows "network: the screen opens, prefilled" "255.255.0.0"
fits "network screen"
keys 18.181.1.23 Tab Tab
for _ in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys 10.0.0.1x Tab 8.8.8.8 Enter
shows "network: a gateway off the network is refused, with the reason on screen" \
	"the gateway 10.0.0.1 is not on the network 18.181.0.0/16"
if grep -q "Gateway: .*10\.0\.0\.1_* <- not right" "$CAP"; then
	ok "network: the refused field is marked next to it; a letter is not taken"
else
	not_ok "network: the refused field is marked next to it; a letter is not taken" "$(cat "$CAP")"
fi
fits "network screen with an error"
cp "$CAP" "$PW_TMP/network-error.txt"
# the refused field has the cursor: the first key that corrects it takes
# its mark and the reason away, not the last field left
keys BSpace
sleep 0.3
capture
if ! grep -Fq -- "<- not right" "$CAP" && ! grep -Fq "is not on the network" "$CAP"; then
	ok "network: correcting the refused field takes its mark and reason away at once"
else
	not_ok "network: correcting the refused field takes its mark and reason away at once" "$(cat "$CAP")"
fi
keys Escape
shows "network: Back (Esc) returns to the dashboard" "The conversion, step by step"
keys Enter
shows "network: Next opens it again" "Name servers:"
# Tab past the four fields and Back, Next to Cancel
keys Tab Tab Tab Tab Tab Tab Enter
shows "cancel: asks first" "Nothing half-done is left"
fits "cancel question"
keys Enter
exits "cancel: quits" 1
tree_sum "$t" >"$PW_TMP/after"
if cmp -s "$PW_TMP/before" "$PW_TMP/after"; then
	ok "cancel: nothing in the guest changed"
else
	not_ok "cancel: nothing in the guest changed" "$(diff "$PW_TMP/before" "$PW_TMP/after")"
fi

# ---- the 32-bit stop ----------------------------------------------------------

fixture ubuntu-hardy-i386
t=$FIXTURE
tree_sum "$t" >"$PW_TMP/before"
start linux --root "$t"
shows "32-bit: the dashboard says a step is blocked" "a step is blocked"
keys Enter
shows "32-bit: the stop explains it" "This VM cannot become a ParaVM"
if grep -Fq "32-bit" "$CAP" && grep -Fq "64-bit (amd64)" "$CAP" && ! grep -Fq "Next" "$CAP"; then
	ok "32-bit: says why and what to do instead; no way on but Quit"
else
	not_ok "32-bit: says why and what to do instead; no way on but Quit" "$(cat "$CAP")"
fi
fits "32-bit stop"
cp "$CAP" "$PW_TMP/arch.txt"
keys Enter
exits "32-bit: Quit" 2
tree_sum "$t" >"$PW_TMP/after"
if cmp -s "$PW_TMP/before" "$PW_TMP/after"; then
	ok "32-bit: nothing in the guest changed"
else
	not_ok "32-bit: nothing in the guest changed" "$(diff "$PW_TMP/before" "$PW_TMP/after")"
fi

# ---- a rerun with everything done -----------------------------------------------

fixture lenny-converted
t=$FIXTURE
start xterm --root "$t"
shows "rerun: the dashboard says every step is done" "Every step is done"
fits "rerun dashboard"
keys Enter
shows "rerun: Finish goes to the instructions" "Ready: what to do now"
if grep -Fq "https://sipb-xen-dev.mit.edu/" "$CAP" && grep -Fq "hvc0" "$CAP" &&
   grep -Fq -- "--undo --all" "$CAP" && grep -Fq "run paravm-wizard again" "$CAP"; then
	ok "finish: the panel's address, the console, logging in again, and the way back"
else
	not_ok "finish: the panel's address, the console, and the way back" "$(cat "$CAP")"
fi
fits "finish screen"
keys Escape
shows "finish: Back returns to the dashboard" "Every step is done"
keys Enter
shows "finish: again" "Ready: what to do now"
cp "$CAP" "$PW_TMP/finish.txt"
keys Enter
exits "rerun: Finish" 0
# the pane outlives the program: what it left on the terminal
capture
if grep -Fq "1. Shut the VM down" "$CAP" && grep -Fq "https://sipb-xen-dev.mit.edu/" "$CAP" &&
   grep -Fq "run paravm-wizard again" "$CAP" && grep -Fq "paravm-wizard --undo --all" "$CAP" &&
   ! grep -Fq "┌" "$CAP"; then
	ok "finish: the steps stay on the terminal once the screens are gone"
else
	not_ok "finish: the steps stay on the terminal once the screens are gone" "$(cat "$CAP")"
fi
cp "$CAP" "$PW_TMP/after-finish.txt"
kept=$t/root/paravm-wizard-next-steps.txt
if [ -f "$kept" ] && grep -Fq "https://sipb-xen-dev.mit.edu/" "$kept" &&
   grep -Fq "/root/paravm-wizard-next-steps.txt" "$kept" &&
   grep -Fq "Advanced options" "$kept" && [ ! -e "$t/root/.paravm-wizard-next-steps.txt.new" ]; then
	ok "finish: the same steps are kept in the guest, /root/paravm-wizard-next-steps.txt"
else
	not_ok "finish: the same steps are kept in the guest, /root/paravm-wizard-next-steps.txt" \
		"$(ls -la "$t/root" 2>&1; cat "$kept" 2>&1)"
fi

# ---- a whole conversion by keyboard ----------------------------------------------

fixture bookworm-systemd
t=$FIXTURE
start vt100 --root "$t" --only network,console
shows "convert: dashboard" "2 steps are left"
keys Enter
shows "convert: network screen" "Name servers:"
keys 18.181.1.23 Enter Enter Enter 8.8.8.8 Enter
shows "convert: the review says first, in words, what will change" "its network card gets fixed settings"
if grep -Fq "Step 1 of 2: Network: what will change" "$CAP" && grep -Fq "More below: PgDn" "$CAP" &&
   grep -Fq "│ More │" "$CAP" && ! grep -Fq "│ Apply │" "$CAP"; then
	ok "convert: a review longer than its window says so, with its step number; no Apply yet"
else
	not_ok "convert: a review longer than its window says so, with its step number; no Apply yet" "$(cat "$CAP")"
fi
fits "network review"
keys Escape
shows "convert: Back from the review returns to the network screen" "Name servers:"
if grep -Fq "18.181.1.23" "$CAP" && grep -Fq "8.8.8.8" "$CAP"; then
	ok "convert: the values typed are kept going back"
else
	not_ok "convert: the values typed are kept going back" "$(cat "$CAP")"
fi
keys Enter Enter Enter Enter
shows "convert: the review again" "More below: PgDn"
# PgDn from the focused button, then More (Enter) until the end is shown
keys PageDown
shows "convert: PgDn scrolls the text from the buttons" "+iface ens3 inet static"
for _ in 1 2 3; do
	grep -Fq "the end. PgUp goes back" "$CAP" && break
	keys Enter
	capture
done
shows "convert: at the end, Apply takes the place of More" "│ Apply │"
if grep -Fq "the end. PgUp goes back" "$CAP" && grep -Fq "dns-nameservers 8.8.8.8" "$CAP"; then
	ok "convert: Apply only once the end of the diff is on the screen"
else
	not_ok "convert: Apply only once the end of the diff is on the screen" "$(cat "$CAP")"
fi
fits "network review, its end"
keys PageUp
shows "convert: PgUp goes back up" "More below: PgDn"
keys PageDown PageDown
shows "convert: the end again" "│ Apply │"
# another program writes the file between the review and Apply: nothing of
# the wizard's is written over it, and the review comes back with the diff
# made from the file as it is now
in_tmp "$t/etc/network/interfaces"
printf '# written by another program\n' >>"$t/etc/network/interfaces"
keys Enter
shows "convert: a file changed since the review: the review again, saying which" \
	"/etc/network/interfaces changed since you reviewed it"
cp "$CAP" "$PW_TMP/stale-review.txt"
if grep -Fq "Step 1 of 2: Network: what will change" "$CAP" &&
   grep -Fxq "# written by another program" "$t/etc/network/interfaces" &&
   ! grep -q "enX0" "$t/etc/network/interfaces"; then
	ok "convert: the other program's text is kept, nothing of the plan written; the same step again"
else
	not_ok "convert: the other program's text is kept, nothing of the plan written; the same step again" \
		"$(cat "$CAP")" "$(cat "$t/etc/network/interfaces")"
fi
for _ in 1 2 3 4; do
	grep -Fq "│ Apply │" "$CAP" && break
	keys PageDown
	capture
done
shows "convert: the new review read to its end" "│ Apply │"
if grep -Fq "# written by another program" "$CAP"; then
	ok "convert: the new diff is made from the file as the other program left it"
else
	not_ok "convert: the new diff is made from the file as the other program left it" "$(cat "$CAP")"
fi
keys Enter
shows "convert: Apply is the confirmation; then the console step" "Step 2 of 2: Serial console: what will change"
if grep -Fq "Network: done." "$CAP" && ! grep -Fq "Apply?" "$CAP"; then
	ok "convert: no second question; under the window, \"Network: done.\""
else
	not_ok "convert: no second question; under the window, \"Network: done.\"" "$(cat "$CAP")"
fi
cp "$CAP" "$PW_TMP/console-review.txt"
# newt drops keys typed while a button is drawn pressed: wait, as a person would
keys Enter
shows "convert: the console test is shown" "Step 2 of 2: Serial console: the test"
shows "convert: the console test says what was written and the live test" "Live test:"
keys Enter
shows "convert: ends on the finish screen" "Ready: what to do now"
keys Enter
exits "convert: Finish" 0
pw_check_json "$t" --only network,console
if [ "$(step_status network)" = ok ] && [ "$(step_status console)" = ok ] && [ "$RUN_RC" -eq 0 ]; then
	ok "convert: --check then says network and console are ok"
else
	not_ok "convert: --check then says network and console are ok" "$(cat "$PW_STEPS")"
fi
if grep -q "^iface enX0 inet static" "$t/etc/network/interfaces" &&
   grep -q "dns-nameservers 8.8.8.8" "$t/etc/network/interfaces" &&
   grep -Fxq "# written by another program" "$t/etc/network/interfaces"; then
	ok "convert: the values typed are the ones written"
else
	not_ok "convert: the values typed are the ones written" "$(cat "$t/etc/network/interfaces")"
fi

if [ -n "${PW_SCREENS_KEEP:-}" ]; then
	mkdir -p "$PW_SCREENS_KEEP"
	cp "$PW_TMP"/dashboard.txt "$PW_TMP"/network-error.txt "$PW_TMP"/arch.txt \
		"$PW_TMP"/console-review.txt "$PW_TMP"/finish.txt "$PW_TMP"/after-finish.txt "$PW_TMP"/stale-review.txt \
		"$PW_SCREENS_KEEP"/ 2>/dev/null
fi

done_testing
