#!/bin/sh
# Every screen of the wizard in German, Spanish, French, Russian and
# Japanese, driven by keyboard in tmux at 80x24: the dashboard (steps left,
# a step blocked, every step done), a step's message, the Cancel question,
# the 32-bit stop, the network screen (and a value refused), the reviews of
# the network (its first page and its end), packages, grub, console and
# disks steps, the packages step's second question,
# the console test, the finish screen, and the F1 help of each kind of
# screen; then the network screen in an ISO-8859-1 and a KOI8-R locale.
#
# Each capture must fit (no line over 80 cells, every window and button
# closed with both side borders), show its title and every button whole,
# as the catalogue translates them, and be in that language (no English
# sentence; Cyrillic for ru, kana and kanji for ja). The captures are kept
# for a person to read: $PW_SCREENS_DIR, by default lang-screens/ next to
# the program.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

if ! pw_have_tmux; then
	skip "the screens in every language" "tmux is not installed (make deps installs it)"
	done_testing
	exit 0
fi
if ! command -v gettext >/dev/null 2>&1; then
	skip "the screens in every language" "gettext(1) is missing (package gettext-base)"
	done_testing
	exit 0
fi
pw_tmux_init
# newt drops keys typed while a button is drawn pressed: a person's pace
PW_KEY_DELAY=0.3

SHOTS=${PW_SCREENS_DIR:-$(dirname "$PW_BIN")/lang-screens}
rm -rf "$SHOTS"
mkdir -p "$SHOTS" || bail_out "cannot make $SHOTS"

# The catalogues the program reads: next to an uninstalled build, else the system's.
CATALOGUES=$(dirname "$PW_BIN")/locale
[ -d "$CATALOGUES" ] || CATALOGUES=

# tr_ MSGID: MSGID in the language $LL, as the program's catalogue has it.
tr_() {
	if [ -n "$CATALOGUES" ]; then
		LC_ALL=C.UTF-8 LANGUAGE=$LL TEXTDOMAINDIR=$CATALOGUES gettext -d paravm-wizard -- "$1"
	else
		LC_ALL=C.UTF-8 LANGUAGE=$LL gettext -d paravm-wizard -- "$1"
	fi
}
# trf FORMAT ARGS...: the translated FORMAT, filled in.
trf() {
	_fmt=$(tr_ "$1")
	shift
	# shellcheck disable=SC2059 # the format is the point
	printf "$_fmt" "$@"
}

# Is a capture in language $1, and wrapped well? Prints what is wrong.
# The lines of a diff and of the guest's files (indented, or starting with
# + - @ #) are left out: they are the guest's text, in whatever language.
LANG_PY=$PW_TMP/lang.py
cat >"$LANG_PY" <<'EOF'
import re, sys, unicodedata
lang, path = sys.argv[1], sys.argv[2]
body = []
for line in open(path, encoding="utf-8").read().split("\n"):
    i, j = line.find("\u2502"), line.rfind("\u2502")
    inner = line[i + 1:j] if 0 <= i < j else line
    if re.match(r" [ +\-@#]", inner) and not re.match(r" - \w", inner):
        continue
    body.append(inner)
text = " ".join(body)
english = re.findall(r"\b(the|and|is|are|will|which|with|this|your|you|not|can)\b", text)
bad = []
if english:
    bad.append("English words: " + " ".join(english))
def script(names):
    return sum(1 for c in text if any(n in unicodedata.name(c, "") for n in names))
if lang == "ru" and script(["CYRILLIC"]) < 10:
    bad.append("hardly any Cyrillic")
if lang == "ja" and script(["HIRAGANA", "KATAKANA", "CJK UNIFIED"]) < 5:
    bad.append("hardly any kana or kanji")

# The wrapping: in the first paragraph of the window on top (the one whose
# title is lowest), a line that breaks while the next line's first word
# (or, in Japanese, its first character and the punctuation after it)
# would still have fitted broke too early. 68 cells: a text that scrolls
# has a bar in the last two.
def wide(c):
    return unicodedata.east_asian_width(c) in "WF"
def cells(t):
    return sum(2 if wide(c) else 1 for c in t)
# what cannot start a line (as in screens/newt-util.c): closing punctuation,
# small kana, the length mark
CLOSING = set(")]},.:;!?%\u00bb\u3001\u3002\u300d\u300f\uff09\uff1f\uff01\u30fc\u3005"
              "\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e"
              "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6")
OPENING = set("([{\u00ab\u300c\u300e\uff08")
rows = open(path, encoding="utf-8").read().split("\n")
tops = [n for n, l in enumerate(rows) if "\u250c" in l and "\u2524" in l]
if tops:
    para = []
    for l in rows[tops[-1] + 1:]:
        i, j = l.find("\u2502"), l.rfind("\u2502")
        inner = l[i + 1:j].rstrip() if 0 <= i < j else ""
        if not inner.strip() or "\u250c" in l:
            break
        para.append(inner[1:] if inner.startswith(" ") else inner)
    for a, b in zip(para, para[1:]):
        if not b or b[0] == " ":
            continue
        # a diff's lines (marked, or indented as context) are the guest's
        if a[0] in "+-@ " or b[0] in "+-@":
            continue
        if wide(b[0]):
            unit = b[0]
            for c in b[1:]:
                if c not in CLOSING:
                    break
                unit += c
            join = 0 if wide(a[-1]) or a[-1] in CLOSING else 1
        else:
            words, k = b.split(" "), 1
            unit = words[0]
            while unit[-1:] in OPENING and k < len(words):
                unit += " " + words[k]
                k += 1
            while k < len(words) and words[k][:1] in CLOSING:
                unit += " " + words[k]
                k += 1
            join = 1
        # a line of its own in the text (a new sentence that is a label, as
        # "Gateway: ...", or starts with a capital) is no wrapping
        if a[-1] in ".)\u3002:" and (":" in b[:14] or b[0].isupper()):
            continue
        if cells(a) + join + cells(unit) <= 68:
            bad.append("the line %r breaks before %r, which fits" % (a, unit))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF

# shown_whole TEXT: the last capture shows TEXT, however it is wrapped
# (blanks and borders left out on both sides; sed, not tr, takes out a
# character of three bytes).
shown_whole() {
	LC_ALL=C.UTF-8 sed 's/[ │]//g' "$CAP" | tr -d '\n' |
		grep -Fq -- "$(printf '%s' "$1" | tr -d ' ')"
}

# screen NAME TITLE BUTTON...: the capture is kept as $LL/NN-NAME.txt, and
# checked: it fits, the window's title and each button's label are whole,
# it is in $LL. $ALSO: more texts (newline-separated) that must be shown
# whole on one line; $WHOLE: a text that must be shown whole, wrapped.
shot=0
screen() {
	name=$1
	title=$2
	shift 2
	shot=$((shot + 1))
	file=$SHOTS/$LL/$(printf '%02d' "$shot")-$name.txt
	mkdir -p "$SHOTS/$LL"
	cp "$CAP" "$file"
	why=$(pw_fit_problems "$CAP")
	grep -Fq -- "┤ $title ├" "$CAP" || why="$why
the title \"$title\" is not shown whole"
	for b in "$@"; do
		grep -Fq -- "│ $b │" "$CAP" || why="$why
the button \"$b\" is not shown whole"
	done
	if [ -n "${ALSO:-}" ]; then
		while IFS= read -r text; do
			[ -z "$text" ] || grep -Fq -- "$text" "$CAP" || why="$why
\"$text\" is not shown whole"
		done <<ALSO_END
$ALSO
ALSO_END
	fi
	ALSO=
	if [ -n "${WHOLE:-}" ] && ! shown_whole "$WHOLE"; then
		why="$why
not shown whole: $WHOLE"
	fi
	WHOLE=
	lang_why=$(python3 "$LANG_PY" "$LL" "$CAP" 2>&1) || why="$why
not in $LL: $lang_why"
	why=$(printf '%s\n' "$why" | sed '/^$/d')
	if [ -z "$why" ]; then
		ok "$LL $name: fits 80x24, title and buttons whole, in $LL"
	else
		not_ok "$LL $name: fits 80x24, title and buttons whole, in $LL" "$why" "$(cat "$CAP")"
	fi
}

# until_shown TEXT: wait for TEXT, then let the form settle, as a person would;
# a "not ok" (with the screen) if it does not come.
until_shown() {
	if wait_for "$1" 100; then
		sleep 0.3
		capture
		return 0
	fi
	not_ok "$LL: the screen shows \"$1\"" "$(cat "$CAP")"
	return 1
}

# until_gone TEXT: wait until TEXT has left the screen (a window closed).
until_gone() {
	_i=0
	while [ $_i -lt 50 ]; do
		capture
		grep -Fq -- "$1" "$CAP" || { sleep 0.3; capture; return 0; }
		sleep 0.1
		_i=$((_i + 1))
	done
	not_ok "$LL: \"$1\" goes away" "$(cat "$CAP")"
	return 1
}

# help_of TITLE NAME: F1 shows the help window of the page TITLE, OK closes it.
help_of() {
	h=$(trf 'Help: %s' "$1")
	keys F1
	until_shown "┤ $h ├" && screen "$2" "$h" "$(tr_ OK)"
	keys Enter
	until_gone "┤ $h ├"
}

# A tree the wizard may read as the user nobody (the packages step plans
# without apt as non-root): our directories must let it through.
as_nobody_ok() {
	[ "$(id -u)" -ne 0 ] && return 0
	command -v setpriv >/dev/null 2>&1 || { NOBODY_WHY="setpriv is missing"; return 1; }
	chmod 711 "$PW_TMP" "$1" 2>/dev/null
	setpriv --reuid=65534 --regid=65534 --clear-groups -- test -x "$PW_BIN" || {
		NOBODY_WHY="the user nobody cannot run $PW_BIN"
		return 1
	}
	PW_TMUX_PREFIX="setpriv --reuid=65534 --regid=65534 --clear-groups --"
}

if pw_mount_fixture etch-hvm; then
	GRUB_TREE=$MOUNTED
else
	GRUB_TREE=
	GRUB_WHY=$PW_MOUNT_WHY
fi

# $PW_SCREEN_LANGS: fewer languages, to look at one (empty: none)
for LL in ${PW_SCREEN_LANGS-de es fr ru ja}; do
	shot=0
	dash=$(tr_ 'The conversion, step by step')
	next=$(tr_ Next)
	back=$(tr_ Back)
	cancel=$(tr_ Cancel)
	apply=$(tr_ Apply)

	# ---- steps left: the dashboard, its help, a message, Cancel ------------
	fixture bookworm-systemd
	t=$FIXTURE
	start xterm --root "$t" --only network,console --lang "$LL"
	until_shown "┤ $dash ├" && screen dashboard "$dash" "$next" "$cancel"
	help_of "$dash" dashboard-help
	keys Escape
	quit_title=$(tr_ 'Quit?')
	until_shown "┤ $quit_title ├" && screen cancel "$quit_title" "$(tr_ Stay)" "$(tr_ Quit)"
	keys Escape
	until_gone "┤ $quit_title ├"
	# Shift-Tab from Next to the list of steps; Enter shows the first one's message
	keys BTab Enter
	net=$(tr_ Network)
	until_shown "┤ $net ├" && screen step-message "$net" "$(tr_ OK)"
	keys Enter
	until_gone "┤ $net ├"

	# ---- the network screen, a value refused, its review --------------------
	keys Tab Enter
	until_shown "$(tr_ 'Name servers:')"
	ALSO="$(tr_ 'Interface:')
$(tr_ 'Address:')
$(tr_ 'Netmask:')
$(tr_ 'Gateway:')
$(tr_ 'Name servers:')"
	# the text above the fields, whole: it must not have to scroll
	WHOLE=$(tr_ "Under ParaVM this VM cannot get its address by DHCP: it needs a fixed one. The values below are those the wizard found (the DHCP lease, the current settings, the site's defaults). Check them, then choose Next.")
	net_title=$(trf 'Step %u of %u: %s' 1 2 "$net")
	screen network "$net_title" "$back" "$next" "$cancel"
	cp "$CAP" "$PW_TMP/network-$LL.txt"
	help_of "$net_title" network-help
	# the netmask /31: the longest reason there is, which must show whole
	keys 18.181.1.23 Tab
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do keys BSpace; done
	keys /31 Tab Tab 8.8.8.8 Enter
	mark=$(tr_ '<- not right')
	if until_shown "$mark"; then
		ALSO=$mark
		screen network-refused "$net_title" "$back" "$next" "$cancel"
		reason="$(tr_ 'Netmask:') $(trf 'the netmask /%d leaves no room for a network with a gateway; it is usually between /8 and /30 (255.255.0.0 is /16).' 31)"
		if shown_whole "$reason"; then
			ok "$LL network-refused: the reason is shown whole"
		else
			not_ok "$LL network-refused: the reason is shown whole" "$reason" "$(cat "$CAP")"
		fi
	fi
	# the refused field has the cursor: the right netmask; then the name
	# servers refused, the field whose mark has the least room
	keys BSpace BSpace BSpace 255.255.0.0 Tab Tab .1 Enter
	if until_shown "$mark"; then
		ALSO=$mark
		screen network-refused-nameservers "$net_title" "$back" "$next" "$cancel"
		if grep -Fq "$(tr_ 'Name servers:')" "$CAP" && grep -q "8\.8\.8\.8\.1_* *$mark" "$CAP"; then
			ok "$LL network-refused-nameservers: the mark is beside the name servers"
		else
			not_ok "$LL network-refused-nameservers: the mark is beside the name servers" "$(cat "$CAP")"
		fi
	fi
	keys BSpace BSpace
	until_gone "$mark"
	keys Enter
	review=$(trf 'Step %u of %u: %s' 1 2 "$(trf '%s: what will change' "$net")")
	more=$(tr_ More)
	until_shown "┤ $review ├" && screen review-network "$review" "$back" "$more" "$cancel"
	help_of "$review" review-help
	# PgDn to the end of the diff, where Apply takes the place of More
	keys PageDown PageDown PageDown
	until_shown "│ $apply │" && screen review-network-end "$review" "$back" "$apply" "$cancel"
	keys Enter

	# ---- the console step, its test, the finish screen ----------------------
	review=$(trf 'Step %u of %u: %s' 2 2 "$(trf '%s: what will change' "$(tr_ 'Serial console')")")
	ALSO=$(trf '%s: done.' "$net")
	until_shown "┤ $review ├"
	# "Network: done." on top may push its end below: More, then Apply
	if grep -Fq "│ $apply │" "$CAP"; then b=$apply; else b=$more; fi
	screen review-console "$review" "$back" "$b" "$cancel"
	[ "$b" = "$apply" ] || { keys PageDown; until_shown "│ $apply │"; }
	keys Enter
	test_title=$(trf 'Step %u of %u: %s' 2 2 "$(tr_ 'Serial console: the test')")
	until_shown "┤ $test_title ├" && screen console-test "$test_title" "$(tr_ OK)"
	keys Enter
	finish=$(tr_ 'Ready: what to do now')
	# the text whole, to its last line: where the steps are kept
	ALSO=/root/paravm-wizard-next-steps.txt
	until_shown "┤ $finish ├" && screen finish "$finish" "$back" "$(tr_ Finish)"
	help_of "$finish" finish-help
	keys Enter
	exits "$LL: the network and console steps by keyboard" 0
	capture
	if grep -Fq "paravm-wizard --undo --all" "$CAP" && ! grep -Fq "┌" "$CAP" &&
	   [ -z "$(pw_fit_problems "$CAP")" ] &&
	   grep -Fq "paravm-wizard --undo --all" "$t/root/paravm-wizard-next-steps.txt"; then
		ok "$LL: after Finish the steps are on the terminal, within 80 cells, and in the guest"
	else
		not_ok "$LL: after Finish the steps are on the terminal, within 80 cells, and in the guest" \
			"$(cat "$CAP")"
	fi
	cp "$CAP" "$SHOTS/$LL/after-finish.txt"

	# ---- a step blocked: the dashboard, the 32-bit stop ---------------------
	fixture ubuntu-hardy-i386
	start xterm --root "$FIXTURE" --lang "$LL"
	until_shown "┤ $dash ├" && screen dashboard-blocked "$dash" "$(tr_ 'Why?')" "$cancel"
	keys Enter
	stop=$(tr_ 'This VM cannot become a ParaVM')
	until_shown "┤ $stop ├" && screen stop-32bit "$stop" "$(tr_ Quit)"
	help_of "$stop" stop-help
	keys Enter
	exits "$LL: the 32-bit stop" 2

	# ---- every step done -----------------------------------------------------
	fixture lenny-converted
	start xterm --root "$FIXTURE" --lang "$LL"
	until_shown "┤ $dash ├" && screen dashboard-done "$dash" "$(tr_ Finish)" "$cancel"
	keys Escape
	until_shown "┤ $quit_title ├"
	keys Enter
	exits "$LL: quit from the dashboard" 0

	# ---- the packages review: planned without apt, as a user other than root --
	fixture etch-hvm
	NOBODY_WHY=
	if as_nobody_ok "$FIXTURE_CASE"; then
		start xterm --root "$FIXTURE" --only packages --lang "$LL"
		PW_TMUX_PREFIX=
		until_shown "┤ $dash ├"
		keys Enter
		review=$(trf '%s: what will change' "$(tr_ 'Kernel packages')")
		until_shown "┤ $review ├" && screen review-packages "$review" "$back" "$apply" "$cancel"
		# the one step --undo cannot take back asks once more
		keys Enter
		ask=$(tr_ 'Apply?')
		until_shown "┤ $ask ├" && screen apply-question "$ask" "$(tr_ 'Not yet')" "$apply"
		keys Escape
		until_gone "┤ $ask ├"
		keys Escape
		until_shown "┤ $dash ├"
		keys Escape
		until_shown "┤ $quit_title ├"
		keys Enter
		exits "$LL: quit from the packages review" 1
	else
		skip "$LL review-packages" "$NOBODY_WHY"
	fi

	# ---- the grub and disks reviews: they need the guest's real UUID ---------
	for step in grub disks; do
		if [ -z "$GRUB_TREE" ]; then
			skip "$LL review-$step" "$GRUB_WHY"
			continue
		fi
		case $step in
		grub) stitle=$(tr_ 'Boot menu') ;;
		disks) stitle=$(tr_ 'Disks') ;;
		esac
		start xterm --root "$GRUB_TREE" --only "$step" --lang "$LL"
		until_shown "┤ $dash ├"
		keys Enter
		review=$(trf '%s: what will change' "$stitle")
		until_shown "┤ $review ├"
		# a review longer than its window has More until its end is shown
		if grep -Fq "│ $apply │" "$CAP"; then b=$apply; else b=$(tr_ More); fi
		screen "review-$step" "$review" "$back" "$b" "$cancel"
		keys Escape
		until_shown "┤ $dash ├"
		keys Escape
		until_shown "┤ $quit_title ├"
		keys Enter
		exits "$LL: quit from the $step review" 1
	done
done

for LL in ru ja; do
	[ -f "$PW_TMP/network-$LL.txt" ] && diag "the network screen, --lang $LL:" "$(cat "$PW_TMP/network-$LL.txt")"
done

# ---- a locale that is not UTF-8: the screens are converted too ----------------
# A terminal in that charset, as luit makes one: the program's output
# reaches tmux (UTF-8) converted, line drawing (ESC ( 0) as box characters,
# as a terminal draws them; the keys typed are ASCII in both.
CHARSET_TTY=$PW_TMP/charset-tty.py
cat >"$CHARSET_TTY" <<'EOF'
import codecs, fcntl, os, select, sys, termios, tty
charset, argv = sys.argv[1], sys.argv[2:]
ACS = dict(zip("jklmnqtuvwx", "\u2518\u2510\u250c\u2514\u253c\u2500\u251c\u2524\u2534\u252c\u2502"))
state = {"acs": False, "pending": ""}

def lines(text):
    # ESC ( 0 and ESC ( B switch line drawing on and off; other escape
    # sequences pass as they are; one cut between two reads waits for the rest
    text = state["pending"] + text
    state["pending"] = ""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\x1b":
            j = i + 1
            if j < len(text) and text[j] == "[":
                j += 1
                while j < len(text) and not "\x40" <= text[j] <= "\x7e":
                    j += 1
            elif j < len(text) and text[j] in "()":
                j += 1
            if j >= len(text):
                state["pending"] = text[i:]
                break
            seq = text[i:j + 1]
            if seq[1] == "(":
                state["acs"] = seq[2] == "0"
            else:
                out.append(seq)
            i = j + 1
            continue
        c = text[i]
        out.append(ACS.get(c, c) if state["acs"] else c)
        i += 1
    return "".join(out)

size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.execvp(argv[0], argv)
os.close(slave)
tty.setraw(0)
decode = codecs.getincrementaldecoder(charset)(errors="replace").decode
while True:
    ready = select.select([0, master], [], [])[0]
    if master in ready:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        os.write(1, lines(decode(data)).encode("utf-8"))
    if 0 in ready:
        os.write(master, os.read(0, 1024))
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
EOF
LOCDIR=$PW_TMP/locale
mkdir -p "$LOCDIR"
for spec in de:de_DE:ISO-8859-1 ru:ru_RU:KOI8-R; do
	LL=${spec%%:*}
	rest=${spec#*:}
	name=${rest%%:*}
	charset=${rest#*:}
	shot=50 # after the UTF-8 captures of $LL
	if ! command -v localedef >/dev/null 2>&1; then
		skip "$LL in $charset: the network screen" "localedef is missing (package libc-bin)"
		continue
	fi
	if ! localedef -i "$name" -f "$charset" "$LOCDIR/$name.$charset" >"$PW_TMP/localedef.err" 2>&1 &&
	   [ ! -d "$LOCDIR/$name.$charset" ]; then
		skip "$LL in $charset: the network screen" \
			"localedef cannot build $name.$charset: $(head -1 "$PW_TMP/localedef.err")"
		continue
	fi
	fixture bookworm-systemd
	PW_TMUX_PREFIX="python3 $CHARSET_TTY $charset"
	PW_TMUX_ENV="LOCPATH=$LOCDIR LANG=$name.$charset"
	start xterm --root "$FIXTURE" --only network,console
	PW_TMUX_PREFIX=
	PW_TMUX_ENV=
	dash=$(tr_ 'The conversion, step by step')
	until_shown "┤ $dash ├" &&
		screen "dashboard-$charset" "$dash" "$(tr_ Next)" "$(tr_ Cancel)"
	keys Enter
	until_shown "$(tr_ 'Name servers:')"
	ALSO="$(tr_ 'Interface:')
$(tr_ 'Name servers:')"
	screen "network-$charset" "$(trf 'Step %u of %u: %s' 1 2 "$(tr_ Network)")" "$(tr_ Back)" "$(tr_ Next)" "$(tr_ Cancel)"
	keys Escape
	until_shown "┤ $dash ├"
	keys Escape
	until_shown "┤ $(tr_ 'Quit?') ├"
	keys Enter
	exits "$LL in $charset: quit" 1
done

diag "the captures: $SHOTS"
done_testing
