#!/bin/sh
# The owner's language: --check in German, Spanish, French, Russian and
# Japanese is in that language, the JSON report stays English, Japanese
# falls back to English on the Linux console (and says so), and the network
# screen in Russian and Japanese fits 80x24 (tmux).
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

fixture etch-hvm
t=$FIXTURE

# lang_check LL ERE NAME: the --check text in LL matches ERE
lang_check() {
	run env TERM=xterm LANG=C "$PW_BIN" --root "$t" --check --lang "$1"
	if printf '%s\n' "$RUN_OUT" | LC_ALL=C.UTF-8 grep -Pq -- "$2"; then
		ok "--check --lang $1 is in $3"
	else
		not_ok "--check --lang $1 is in $3" "$RUN_OUT" "$RUN_ERR"
	fi
}
# (grep -P: Unicode scripts by name, as ranges of letters are not portable)
lang_check de 'Netzwerk.*DHCP' German
lang_check es 'Red .*DHCP' Spanish
lang_check fr 'Réseau.*DHCP' French
lang_check ru '\p{Cyrillic}{4}' Russian
lang_check ja '[\p{Han}\p{Hiragana}\p{Katakana}]' Japanese
# the environment chooses it too
run env TERM=xterm LANG=C.UTF-8 LANGUAGE=de "$PW_BIN" --root "$t" --check
check "LANGUAGE=de gives German" sh -c 'printf "%s\n" "$1" | grep -q Netzwerk' sh "$RUN_OUT"

for l in de ru ja; do
	run env TERM=xterm LANG=C "$PW_BIN" --root "$t" --check --format json --lang "$l"
	if printf '%s\n' "$RUN_OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
sys.exit(0 if all(m["message"].isascii() for m in r["steps"]) else 1)'; then
		ok "--format json --lang $l stays English"
	else
		not_ok "--format json --lang $l stays English" "$RUN_OUT"
	fi
done

# Japanese on the Linux console: English, with one line saying why
run env TERM=linux LANG=C "$PW_BIN" --root "$t" --check --lang ja
if printf '%s\n' "$RUN_OUT" | grep -q 'Network' &&
   ! printf '%s\n' "$RUN_OUT" | LC_ALL=C.UTF-8 grep -Pq '[\p{Han}\p{Hiragana}\p{Katakana}]' &&
   [ "$(printf '%s\n' "$RUN_ERR" | grep -c 'cannot show Japanese')" -eq 1 ]; then
	ok "TERM=linux: Japanese falls back to English, saying so in one line"
else
	not_ok "TERM=linux: Japanese falls back to English, saying so in one line" \
		"stdout: $RUN_OUT" "stderr: $RUN_ERR"
fi
run env TERM=linux LANG=C "$PW_BIN" --root "$t" --check --lang ru
check "TERM=linux: Russian stays Russian" \
	sh -c 'printf "%s\n" "$1" | LC_ALL=C.UTF-8 grep -Pq "\\p{Cyrillic}{4}"' sh "$RUN_OUT"

# ---- the network screen in Russian and Japanese, at 80x24 --------------------------
if ! command -v tmux >/dev/null 2>&1; then
	skip "the network screen in ru and ja" "tmux is not installed"
	done_testing
	exit $?
fi
TSOCK=pw-lang-$$
tm() { tmux -L "$TSOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; pw_cleanup' EXIT
CAP=$PW_TMP/capture.txt
for l in ru ja; do
	fixture bookworm-systemd
	tm kill-session -t pw 2>/dev/null
	tm new-session -d -s pw -x 80 -y 24 \
		"env TERM=xterm LANG=C.UTF-8 $PW_BIN --root $FIXTURE --only network,console --lang $l; sleep 30"
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -t pw -p >"$CAP"
		grep -q '┌' "$CAP" && break
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5
	tm send-keys -t pw Enter
	sleep 1
	tm capture-pane -t pw -p >"$CAP"
	cp "$CAP" "$PW_TMP/network-$l.txt"
	diag "the network screen, --lang $l:" "$(cat "$CAP")"
	if python3 - "$CAP" <<'PY'
import sys, unicodedata
def cells(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
bad = [n for n, l in enumerate(lines, 1) if cells(l.rstrip()) > 80]
for n, l in enumerate(lines, 1):
    i = l.find("\u2502")
    if i >= 0 and l[i + 1:].strip() and l.rfind("\u2502") == i:
        bad.append(n)
sys.exit(1 if bad or len(lines) > 25 else 0)
PY
	then
		ok "the network screen in $l fits 80x24, nothing over a window's edge"
	else
		not_ok "the network screen in $l fits 80x24, nothing over a window's edge" "$(cat "$CAP")"
	fi
	tm kill-session -t pw 2>/dev/null
done

done_testing
