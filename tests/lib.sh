# Shared by the scenario scripts in tests/scenario: sourced, never run.
#
# TAP output (ok N - name / not ok N - name, "#" lines of diagnosis, the
# plan "1..N" at the end), a runner that keeps exit status, stdout and
# stderr, fixture guest trees copied to a private temporary directory that
# is removed on exit, and checks of the --check report (parsed by python3).
#
# Fixture trees under tests/fixtures hold text only. A file whose first line
# is "PW-FIXTURE-GENERATE KIND [ARG]" stands for a binary file, written into
# the copy by pw_materialize:
#   elf64-x86_64     the 64-byte ELF header of an x86-64 program
#   elf32-i386       the ELF header of an i386 program (padded to 64 bytes)
#   terminfo NAME    a small compiled terminfo entry (magic 0432) for NAME
#
# Plain POSIX sh; works as root and as any other user.

# Variables set here are read by the scripts that source this file.
# shellcheck disable=SC2034

set -u

PW_TOP=${PW_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
PW_FIXTURES=$PW_TOP/tests/fixtures

# The program under test: $PW_BIN as given (relative to the current
# directory, else to the top of the tree), build/paravm-wizard by default.
pw_find_bin() {
	b=${PW_BIN:-build/paravm-wizard}
	case $b in
	/*) ;;
	*)
		if [ -e "$b" ]; then
			b=$(pwd)/$b
		else
			b=$PW_TOP/$b
		fi
		;;
	esac
	echo "$b"
}
PW_BIN=$(pw_find_bin)

# ---- temporary directory, removed on every way out ----------------------

PW_TMP=$(mktemp -d "${TMPDIR:-/tmp}/pw-scenario.XXXXXX") || {
	echo "not ok 1 - a temporary directory can be made"
	exit 1
}

# pw_at_exit FUNCTION: run FUNCTION on the way out, before the temporary
# directory goes (a tmux server, a mount); the last registered runs first.
PW_EXIT_HOOKS=
pw_at_exit() {
	PW_EXIT_HOOKS="$1 $PW_EXIT_HOOKS"
}

pw_cleanup() {
	for _hook in $PW_EXIT_HOOKS; do
		"$_hook"
	done
	PW_EXIT_HOOKS=
	# A test may leave a directory unwritable or a FIFO behind: rm needs +w.
	chmod -R u+rwX "$PW_TMP" 2>/dev/null
	rm -rf "$PW_TMP"
}
trap pw_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE

# ---- TAP ----------------------------------------------------------------

pw_n=0
pw_failed=0

# Each argument after the first is printed as a "#" line (may be multi-line).
diag() {
	for d in "$@"; do
		printf '%s\n' "$d" | sed -e 's/^/#   /'
	done
}

ok() {
	pw_n=$((pw_n + 1))
	echo "ok $pw_n - $1"
}

not_ok() {
	pw_n=$((pw_n + 1))
	pw_failed=$((pw_failed + 1))
	echo "not ok $pw_n - $1"
	shift
	diag "$@"
}

skip() {
	pw_n=$((pw_n + 1))
	echo "ok $pw_n - $1 # SKIP $2"
}

# check NAME COMMAND...: ok if the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then
		ok "$name"
	else
		not_ok "$name" "failed: $*"
	fi
}

# The plan, and the script's exit status: 0 when nothing failed.
done_testing() {
	echo "1..$pw_n"
	[ "$pw_failed" -eq 0 ]
}

# ---- running the program ------------------------------------------------

# run COMMAND...: RUN_RC, RUN_OUT, RUN_ERR (and the files $RUN_OUT_FILE,
# $RUN_ERR_FILE, which keep every byte).
RUN_OUT_FILE=$PW_TMP/run.out
RUN_ERR_FILE=$PW_TMP/run.err
run() {
	"$@" >"$RUN_OUT_FILE" 2>"$RUN_ERR_FILE"
	RUN_RC=$?
	RUN_OUT=$(cat "$RUN_OUT_FILE")
	RUN_ERR=$(cat "$RUN_ERR_FILE")
}

# pw ARGS...: run the program, killed after $PW_TIMEOUT seconds (exit 124)
# so that a hang fails the test instead of stopping the run.
PW_TIMEOUT=${PW_TIMEOUT:-20}
if command -v timeout >/dev/null 2>&1; then
	PW_HAVE_TIMEOUT=1
	pw() {
		run timeout -k 5 "$PW_TIMEOUT" "$PW_BIN" "$@"
	}
else
	PW_HAVE_TIMEOUT=
	pw() {
		run "$PW_BIN" "$@"
	}
fi

# How an exit status reads in a diagnosis.
describe_rc() {
	if [ "$1" -eq 124 ]; then
		echo "124 (killed after ${PW_TIMEOUT}s: it hung)"
	elif [ "$1" -ge 128 ]; then
		echo "$1 (killed by signal $(($1 - 128)): it crashed)"
	else
		echo "$1"
	fi
}

# The program must exist before anything else makes sense.
pw_require_bin() {
	if [ ! -x "$PW_BIN" ]; then
		not_ok "the program $PW_BIN exists" "build it first: make, or set PW_BIN"
		done_testing
		exit 1
	fi
}

# ---- fixture trees ---------------------------------------------------------

# Little-endian 16-bit value as printf escapes (-1 gives ff ff).
le16() {
	v=$1
	[ "$v" -lt 0 ] && v=$((65536 + v))
	printf '\\%03o\\%03o' $((v % 256)) $((v / 256))
}

gen_elf64_x86_64() {
	# e_ident: magic, ELFCLASS64, little-endian, version 1, System V ABI
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000'
	# e_type ET_DYN, e_machine EM_X86_64 (62), e_version 1
	printf '\003\000\076\000\001\000\000\000'
	# e_entry 0x1040, e_phoff 64, e_shoff 0
	printf '\100\020\000\000\000\000\000\000'
	printf '\100\000\000\000\000\000\000\000'
	printf '\000\000\000\000\000\000\000\000'
	# e_flags, e_ehsize 64, e_phentsize 56, e_phnum 0, e_shentsize 64,
	# e_shnum 0, e_shstrndx 0
	printf '\000\000\000\000\100\000\070\000\000\000\100\000\000\000\000\000'
}

gen_elf32_i386() {
	# e_ident: magic, ELFCLASS32, little-endian, version 1, System V ABI
	printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000'
	# e_type ET_EXEC, e_machine EM_386 (3), e_version 1
	printf '\002\000\003\000\001\000\000\000'
	# e_entry 0x08048000, e_phoff 52, e_shoff 0, e_flags 0
	printf '\000\200\004\010\064\000\000\000\000\000\000\000\000\000\000\000'
	# e_ehsize 52, e_phentsize 32, e_phnum 0, e_shentsize 40, e_shnum 0,
	# e_shstrndx 0; then zeros up to 64 bytes, where a program header
	# table would start
	printf '\064\000\040\000\000\000\050\000\000\000\000\000'
	printf '\000\000\000\000\000\000\000\000\000\000\000\000'
}

# A compiled terminfo entry in the legacy format (magic 0432): header of six
# shorts, names, booleans, numbers, string offsets, string table. A few
# capabilities of a VT100-like terminal, enough for ncurses to load it.
gen_terminfo() (
	LC_ALL=C
	export LC_ALL
	names="$1|$1 terminal (paravm-wizard test fixture)"
	table=$PW_TMP/terminfo.table
	: >"$table"
	offsets=
	off=0
	# String capabilities 0-19 in terminfo order; "-" is absent:
	# cbt bel cr csr tbc clear el ed hpa cmdch cup cud1 home civis cub1
	# mrcup cnorm cuf1 ll cuu1
	for s in - '\007' '\r' - - '\033[H\033[J' '\033[K' '\033[J' - - - '\n' \
		 '\033[H' - '\010' - - '\033[C' - '\033[A'; do
		if [ "$s" = - ]; then
			offsets="$offsets$(le16 -1)"
			continue
		fi
		# shellcheck disable=SC2059 # the escapes are the point
		len=$(printf "$s" | wc -c)
		offsets="$offsets$(le16 "$off")"
		# shellcheck disable=SC2059
		printf "$s"'\000' >>"$table"
		off=$((off + len + 1))
	done
	nsize=$((${#names} + 1))
	# shellcheck disable=SC2059
	printf "$(le16 282)$(le16 "$nsize")$(le16 2)$(le16 3)$(le16 20)$(le16 "$off")"
	printf '%s\000' "$names"
	printf '\000\001' # bw, am
	[ $(((nsize + 2) % 2)) -eq 1 ] && printf '\000'
	# shellcheck disable=SC2059
	printf "$(le16 80)$(le16 8)$(le16 24)" # cols, it, lines
	# shellcheck disable=SC2059
	printf "$offsets"
	cat "$table"
	rm -f "$table"
)

# Replace every marker file of a tree by the binary it stands for.
pw_materialize() {
	find "$1" -type f -exec grep -l '^PW-FIXTURE-GENERATE ' {} + 2>/dev/null |
	while IFS= read -r f; do
		read -r tag kind arg <"$f" || continue
		[ "$tag" = PW-FIXTURE-GENERATE ] || continue
		case $kind in
		elf64-x86_64) gen_elf64_x86_64 >"$f" ;;
		elf32-i386) gen_elf32_i386 >"$f" ;;
		terminfo) gen_terminfo "$arg" >"$f" ;;
		*) echo "lib.sh: $f: unknown marker $kind" >&2 ;;
		esac
	done
}

# bail_out REASON: stop the whole script (TAP "Bail out!").
bail_out() {
	echo "Bail out! $*"
	exit 1
}

# fixture NAME: a fresh copy of tests/fixtures/NAME with its binaries
# generated, in $FIXTURE ($PW_TMP/case.XXXXXX/NAME). The case directory
# ($FIXTURE_CASE) is the place for the test's own files (site configs), so
# that a tree_sum of it sees every file the test gave the program. Called
# without $(...), so that a failure stops the script here, before a test
# could write to a path that is not in the copy.
fixture() {
	FIXTURE=
	[ -d "$PW_FIXTURES/$1" ] || bail_out "no fixture tree $PW_FIXTURES/$1"
	FIXTURE_CASE=$(mktemp -d "$PW_TMP/case.XXXXXX") || bail_out "mktemp failed"
	cp -RPp "$PW_FIXTURES/$1" "$FIXTURE_CASE/$1" || bail_out "cannot copy fixture $1"
	pw_materialize "$FIXTURE_CASE/$1"
	FIXTURE=$FIXTURE_CASE/$1
}

# in_tmp PATH: is PATH inside our temporary directory? Tests that break a
# tree check this first: a slip must never change the host.
in_tmp() {
	case $1 in
	"$PW_TMP"/*) return 0 ;;
	esac
	bail_out "refusing to change $1: it is not in $PW_TMP"
}

# tree_sum DIR: a listing of every entry (type, mode, size, mtime, link
# target) and the checksum of every regular file; two equal listings mean
# nothing was changed, added or removed. FIFOs are listed, never read.
tree_sum() (
	cd "$1" || exit 1
	LC_ALL=C
	export LC_ALL
	find . -printf '%p\t%y\t%m\t%s\t%T@\t%l\n' | sort
	find . -type f -exec sha256sum {} + | sort
)

# ---- the JSON report --------------------------------------------------------

PW_JSON_PY=$PW_TMP/pwjson.py
cat >"$PW_JSON_PY" <<'EOF'
# Check a --check --format json report against DESIGN.md's contract.
import json
import sys

ORDER = ["arch", "distro", "network", "packages", "grub", "console", "disks"]
STATUSES = ("ok", "warn", "todo", "blocked")


def problems(d):
    errs = []
    if not isinstance(d, dict):
        return ["the report is not a JSON object"]
    if type(d.get("schema")) is not int or d.get("schema") != 1:
        errs.append("schema is %r, not 1" % (d.get("schema"),))
    for k in ("root", "profile"):
        if not isinstance(d.get(k), str):
            errs.append("%s is %r, not a string" % (k, d.get(k)))
    if not isinstance(d.get("ready"), bool):
        errs.append("ready is %r, not true or false" % (d.get("ready"),))
    steps = d.get("steps")
    if not isinstance(steps, list):
        return errs + ["steps is not a list"]
    ids = []
    for s in steps:
        if not isinstance(s, dict) or sorted(s) != ["id", "message", "status"]:
            errs.append("step %r does not have exactly id, status, message" % (s,))
            continue
        if s["id"] not in ORDER:
            errs.append("unknown step id %r" % (s["id"],))
            continue
        if s["status"] not in STATUSES:
            errs.append("%s: unknown status %r" % (s["id"], s["status"]))
        if not isinstance(s["message"], str) or not s["message"].strip():
            errs.append("%s: empty message" % s["id"])
        ids.append(s["id"])
    if len(set(ids)) != len(ids) or ids != sorted(ids, key=ORDER.index):
        errs.append("step ids %s are not in the order %s" % (",".join(ids), ",".join(ORDER)))
    if isinstance(d.get("ready"), bool) and all(isinstance(s, dict) for s in steps):
        ready = all(s.get("status") in ("ok", "warn") for s in steps)
        if d["ready"] != ready:
            errs.append("ready is %s, but the steps say %s"
                        % (str(d["ready"]).lower(), str(ready).lower()))
    return errs


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit("the report is not UTF-8: %s" % e)
    try:
        return json.loads(text)
    except ValueError as e:
        sys.exit("the report is not JSON: %s\n%s" % (e, text[:400]))


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    d = load(path)
    errs = problems(d)
    if errs:
        sys.exit("\n".join(errs))
    if cmd == "steps":
        # id, status, message: one line each, for the shell
        for s in d["steps"]:
            msg = " ".join(s["message"].split())
            print("%s\t%s\t%s" % (s["id"], s["status"], msg))
    elif cmd == "get":
        v = d.get(sys.argv[3])
        print(v if isinstance(v, str) else json.dumps(v))
    elif cmd == "ids":
        print(",".join(s["id"] for s in d["steps"]))
    elif cmd == "exit":
        # the exit status the steps call for
        st = [s["status"] for s in d["steps"]]
        print(2 if "blocked" in st else 1 if "todo" in st else 0)


main()
EOF

# json CMD [ARG]: run the helper on the last report ($PW_JSON).
PW_JSON=$PW_TMP/last.json
PW_STEPS=$PW_TMP/last.tsv
json() {
	python3 "$PW_JSON_PY" "$1" "$PW_JSON" ${2+"$2"}
}

# The status and the message of one step in the last report.
step_status() {
	awk -F '\t' -v id="$1" '$1 == id { print $2 }' "$PW_STEPS"
}
step_message() {
	awk -F '\t' -v id="$1" '$1 == id { print $3 }' "$PW_STEPS"
}

# pw_check_json TREE [ARGS...]: run --check --format json on TREE; keep the
# report in $PW_JSON and its steps in $PW_STEPS. Returns 1 (after a
# "not ok") when the report is not a valid one.
pw_check_json() {
	_tree=$1
	shift
	: >"$PW_STEPS"
	pw --check --format json --root "$_tree" "$@"
	cp "$RUN_OUT_FILE" "$PW_JSON"
	if ! python3 "$PW_JSON_PY" steps "$PW_JSON" >"$PW_STEPS" 2>"$PW_TMP/json.err"; then
		not_ok "$PW_LABEL: the JSON report is valid" "$(cat "$PW_TMP/json.err")" \
			"exit status $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR"
		return 1
	fi
	return 0
}

# expect_rc_consistent: the exit status is the one the worst step calls
# for (2 blocked, 1 todo, else 0).
expect_rc_consistent() {
	want=$(json exit)
	if [ "$RUN_RC" = "$want" ]; then
		ok "$PW_LABEL: exit status $RUN_RC matches the worst step"
	else
		not_ok "$PW_LABEL: exit status matches the worst step" \
			"got $(describe_rc "$RUN_RC"), the steps call for $want"
	fi
}

# expect_step ID STATUSES: STATUSES is one status or several, "todo|blocked".
expect_step() {
	got=$(step_status "$1")
	case "|$2|" in
	*"|$got|"*)
		if [ -n "$got" ]; then
			ok "$PW_LABEL: $1 is $2"
			return 0
		fi
		;;
	esac
	not_ok "$PW_LABEL: $1 is $2" "got ${got:-no such step}: $(step_message "$1")"
	return 1
}

# expect_msg ID ERE [WHAT]: the step's English message matches ERE
# (case-insensitive).
expect_msg() {
	what=${3:-matches /$2/}
	msg=$(step_message "$1")
	if printf '%s\n' "$msg" | grep -Eiq -- "$2"; then
		ok "$PW_LABEL: $1 message $what"
	else
		not_ok "$PW_LABEL: $1 message $what" "message: $msg"
	fi
}

# expect_no_msg ID ERE [WHAT]: the step's message does not match ERE.
expect_no_msg() {
	what=${3:-does not match /$2/}
	msg=$(step_message "$1")
	if printf '%s\n' "$msg" | grep -Eiq -- "$2"; then
		not_ok "$PW_LABEL: $1 message $what" "message: $msg"
	else
		ok "$PW_LABEL: $1 message $what"
	fi
}

# expect_unchanged DIR BEFORE-FILE: DIR's tree_sum is still BEFORE-FILE's.
expect_unchanged() {
	tree_sum "$1" >"$PW_TMP/sum.after"
	if cmp -s "$2" "$PW_TMP/sum.after"; then
		ok "$PW_LABEL: nothing changed in the guest"
	else
		not_ok "$PW_LABEL: nothing changed in the guest" \
			"$(diff "$2" "$PW_TMP/sum.after" | head -20)"
	fi
}

# expect_steps TREE "id=status id=status|status ..." EXIT [ARGS...]
# Runs --check --format json (with ARGS) on TREE, then checks: the exit
# status, a valid report, each listed step's status, that the exit status
# agrees with the steps, and that nothing in TREE's case directory changed.
# The TAP lines are labelled $PW_CASE, else the tree's name.
expect_steps() {
	tree=$1
	spec=$2
	want_rc=$3
	shift 3
	PW_LABEL=${PW_CASE:-$(basename "$tree")}
	case_dir=$(dirname "$tree")
	tree_sum "$case_dir" >"$PW_TMP/sum.before"
	if pw_check_json "$tree" "$@"; then
		if [ "$RUN_RC" = "$want_rc" ]; then
			ok "$PW_LABEL: exit status $want_rc"
		else
			not_ok "$PW_LABEL: exit status $want_rc" "got $(describe_rc "$RUN_RC")" \
				"stderr: $RUN_ERR"
		fi
		for item in $spec; do
			expect_step "${item%%=*}" "${item#*=}"
		done
		expect_rc_consistent
	fi
	expect_unchanged "$case_dir" "$PW_TMP/sum.before"
}

# ---- the full-screen wizard in tmux, at 80x24 -------------------------------
#
# pw_tmux_init: a tmux server of our own (never the user's sessions), killed
# on the way out. Then:
#   start TERM ARGS...   the program in a fresh 80x24 session ($PW_TMUX_ROWS
#                        rows, if set); its exit status goes to $RCFILE. $PW_TMUX_ENV is the rest of its
#                        environment (default LANG=C.UTF-8); $PW_TMUX_PREFIX a
#                        command it runs under (another user, a charset).
#   keys KEY...          tmux send-keys, one at a time, at $PW_KEY_DELAY
#   capture              the screen into $CAP
#   wait_for TEXT [N]    until the screen shows TEXT (N tenths of a second, 50)
#   wait_exit            the program's exit status (empty if still running)
#   shows NAME TEXT [N]  TAP: the screen shows TEXT (within N tenths,
#                        $PW_WAIT or 50);
#                        then $PW_SETTLE seconds, if set
#   fits NAME            TAP: the last capture fits (pw_fit_problems)
#   exits NAME STATUS    TAP: the program exits with STATUS

pw_have_tmux() {
	command -v tmux >/dev/null 2>&1
}

pw_tmux_init() {
	TSOCK=pw-$(basename "$0" .sh)-$$
	CAP=$PW_TMP/capture.txt
	RCFILE=$PW_TMP/rc
	pw_at_exit pw_tmux_kill
}

tm() {
	tmux -L "$TSOCK" -f /dev/null "$@"
}

pw_tmux_kill() {
	tm kill-server 2>/dev/null
}

start() {
	term=$1
	shift
	tm kill-session -t pw 2>/dev/null
	rm -f "$RCFILE"
	# The pane stays after the program ends, for the last capture. A server
	# left without a session is on its way out: a new one is tried again.
	for _try in 1 2 3 4 5; do
		tm new-session -d -s pw -x 80 -y "${PW_TMUX_ROWS:-24}" \
			"${PW_TMUX_PREFIX:-} env TERM=$term ${PW_TMUX_ENV:-LANG=C.UTF-8} $PW_BIN $*; echo \$? >$RCFILE; sleep 60" \
			2>"$PW_TMP/tmux.err" && return 0
		sleep 0.2
		tm has-session -t pw 2>/dev/null && return 0
	done
	cat "$PW_TMP/tmux.err" >&2
	return 1
}

capture() {
	tm capture-pane -t pw -p >"$CAP" 2>/dev/null
}

wait_for() {
	_i=0
	while [ $_i -lt "${2:-50}" ]; do
		capture
		grep -Fq -- "$1" "$CAP" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

wait_exit() {
	_i=0
	while [ $_i -lt 100 ]; do
		[ -s "$RCFILE" ] && { cat "$RCFILE"; return 0; }
		sleep 0.1
		_i=$((_i + 1))
	done
	echo
}

keys() {
	for _k in "$@"; do
		tm send-keys -t pw "$_k"
		sleep "${PW_KEY_DELAY:-0.15}"
	done
}

# pw_fit_problems FILE: what in a capture does not fit, one line each (none:
# exit 0). No line wider than 80 cells, at most 25 lines; every box (windows
# and buttons, found by their top-left corner) has both side borders on each
# of its rows down to its bottom corner, as text running over an edge erases
# a border or pushes it away.
PW_FIT_PY=$PW_TMP/fit.py
cat >"$PW_FIT_PY" <<'EOF'
import sys, unicodedata

def wide(c):
    return unicodedata.east_asian_width(c) in "WF"

def cells(s):
    return sum(2 if wide(c) else 1 for c in s)

def grid(line):
    # one entry per cell; the second cell of a wide character is ""
    g = []
    for c in line:
        g.append(c)
        if wide(c):
            g.append("")
    return g

EDGE = set("\u2502\u251c\u2524\u250c\u2510\u2514\u2518\u252c\u2534\u253c")
bad = []
lines = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\n")
for n, l in enumerate(lines, 1):
    if cells(l) > 80:
        bad.append("line %d is %d cells wide" % (n, cells(l)))
if len(lines) > 25:
    bad.append("%d lines" % len(lines))
g = [grid(l) for l in lines]

def at(r, c):
    return g[r][c] if 0 <= r < len(g) and 0 <= c < len(g[r]) else " "

for r in range(len(g)):
    for c, ch in enumerate(g[r]):
        if ch != "\u250c":
            continue
        right = c + 1
        while right < len(g[r]) and g[r][right] not in ("\u2510", "\u250c"):
            right += 1
        if at(r, right) != "\u2510":
            bad.append("line %d: the box at column %d has no top right corner: %r"
                       % (r + 1, c + 1, lines[r]))
            continue
        b = r + 1
        while at(b, c) in EDGE and at(b, c) != "\u2514":
            if at(b, right) not in EDGE:
                bad.append("line %d: no right border at column %d (box from line %d): %r"
                           % (b + 1, right + 1, r + 1, lines[b]))
                break
            b += 1
        else:
            if at(b, c) != "\u2514" or at(b, right) != "\u2518":
                bad.append("line %d: the box from line %d, columns %d-%d, is not closed: %r"
                           % (b + 1, r + 1, c + 1, right + 1, lines[b] if b < len(lines) else ""))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
pw_fit_problems() {
	python3 "$PW_FIT_PY" "$1" 2>&1
}

shows() {
	if wait_for "$2" "${3:-${PW_WAIT:-50}}"; then
		# a person's pace: let the form settle before the next key
		[ -z "${PW_SETTLE:-}" ] || sleep "$PW_SETTLE"
		ok "$1"
	else
		not_ok "$1" "the screen does not show \"$2\":" "$(cat "$CAP")"
	fi
}

fits() {
	if _out=$(pw_fit_problems "$CAP"); then
		ok "$1: the screen fits 80x24, no text over a window's edge"
	else
		not_ok "$1: the screen fits 80x24, no text over a window's edge" "$_out" "$(cat "$CAP")"
	fi
}

exits() {
	_rc=$(wait_exit)
	if [ "$_rc" = "$2" ]; then
		ok "$1: exit status $2"
	else
		not_ok "$1: exit status $2" "exit status: ${_rc:-none, still running}" "$(cat "$CAP")"
	fi
}

# ---- a fixture on a filesystem of its own ------------------------------------

# pw_mount_fixture NAME: a copy of the fixture tree NAME on an ext3 image,
# attached to a loop device and mounted at $MOUNTED, for what needs a real
# filesystem (the UUID that the grub and disks steps write). Root only:
# false, with the reason in $PW_MOUNT_WHY, where it cannot be done.
# Unmounted and detached on the way out, failures included.
PW_MOUNTS=
PW_LOOPS=
pw_mount_fixture() {
	PW_MOUNT_WHY=
	MOUNTED=
	if [ "$(id -u)" -ne 0 ]; then
		PW_MOUNT_WHY="needs root (loop devices and mount)"
		return 1
	fi
	for _c in truncate mkfs.ext3 losetup mount umount; do
		if ! command -v "$_c" >/dev/null 2>&1; then
			PW_MOUNT_WHY="no $_c here"
			return 1
		fi
	done
	[ -n "$PW_MOUNTS$PW_LOOPS" ] || pw_at_exit pw_unmount_fixtures
	fixture "$1"
	_img=$FIXTURE_CASE/disk.img
	if ! truncate -s 64M "$_img" ||
	   ! mkfs.ext3 -q -F -d "$FIXTURE" "$_img" >"$PW_TMP/mkfs.err" 2>&1; then
		PW_MOUNT_WHY="mkfs.ext3 -d failed: $(head -1 "$PW_TMP/mkfs.err")"
		return 1
	fi
	if ! _loop=$(losetup --find --show "$_img" 2>"$PW_TMP/losetup.err"); then
		PW_MOUNT_WHY="no loop device: $(head -1 "$PW_TMP/losetup.err")"
		return 1
	fi
	PW_LOOPS="$_loop $PW_LOOPS"
	mkdir -p "$FIXTURE_CASE/mnt"
	if ! mount "$_loop" "$FIXTURE_CASE/mnt" 2>"$PW_TMP/mount.err"; then
		PW_MOUNT_WHY="mount failed: $(head -1 "$PW_TMP/mount.err")"
		return 1
	fi
	PW_MOUNTS="$FIXTURE_CASE/mnt $PW_MOUNTS"
	MOUNTED=$FIXTURE_CASE/mnt
}

pw_unmount_fixtures() {
	for _m in $PW_MOUNTS; do
		umount "$_m" 2>/dev/null || umount -l "$_m" 2>/dev/null
	done
	for _l in $PW_LOOPS; do
		losetup -d "$_l" 2>/dev/null
	done
	PW_MOUNTS=
	PW_LOOPS=
}
