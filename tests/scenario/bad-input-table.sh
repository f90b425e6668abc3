#!/bin/sh
# The bad-input table, tests/bad-input.tsv: every row puts one bad value (or
# one broken file) into a fresh copy of a fixture guest, runs the program in
# the row's mode, and checks the exit status, the message (an ERE found in
# stderr or stdout), and that nothing changed: every file of the case
# (guest, answers, site config, the files a link points out to), with its
# bytes, mode and time, is as before, so no lock, log or backup was left
# behind either. A 1 GB file must also be refused unread (strace counts the
# bytes). The table's head says what its columns hold.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

TABLE=${PW_BAD_INPUT_TABLE:-$PW_TOP/tests/bad-input.tsv}
ROWS=$PW_TMP/rows
mkdir -p "$ROWS"

# Good files, each row changes one thing in one of them.
cat >"$PW_TMP/good-answers.ini" <<'EOF'
[network]
address = 18.181.1.23
netmask = 255.255.0.0
gateway = 18.181.0.1
nameservers = 18.70.0.160
EOF
cat >"$PW_TMP/good-site.ini" <<'EOF'
[site]
name = test-site
panel_url = https://panel.example.org/
netmask = 255.255.0.0
gateway = 18.181.0.1
nameservers = 18.70.0.160
EOF

# The table, read once: each row's file (a good INI file with the row's
# value put in, escapes decoded) in $ROWS/LINE, and the row itself on
# stdout, fields checked, for the shell to loop over.
cat >"$PW_TMP/table.py" <<'EOF'
import re
import sys

table, rows, good_answers, good_site = sys.argv[1:5]
WHERE = re.compile(r"^(answers|config|guest-site)(:[A-Za-z_-]+\.[A-Za-z_-]+)?$|^file:/\S+$")
KINDS = ("@missing", "@symlink-out", "@symlink-out-abs", "@1G", "@binary", "@dir", "@fifo",
         "@empty-file", "@garbage")


def unescape(s):
    """\\n \\t \\r \\\\ \\xNN, and "@repeat N TEXT"; "@empty" is ""."""
    if s == "@empty":
        return b""
    m = re.match(r"^@repeat (\d+) (.*)$", s)
    if m:
        return unescape(m.group(2)) * int(m.group(1))
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in "ntr\\":
                out += {"n": b"\n", "t": b"\t", "r": b"\r", "\\": b"\\"}[n]
                i += 2
                continue
            if n == "x" and re.match(r"[0-9a-fA-F]{2}", s[i + 2:i + 4]):
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
                continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


def put(base, section, key, value):
    """@base with [section] key = value: replaced where the key is, else added."""
    lines = base.split(b"\n")
    cur = None
    last_of_section = None
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s.startswith(b"[") and s.endswith(b"]"):
            cur = s[1:-1].decode()
            continue
        if cur == section and s:
            last_of_section = i
            if s.split(b"=")[0].strip().decode() == key:
                lines[i] = key.encode() + b" = " + value
                return b"\n".join(lines)
    if last_of_section is not None:
        lines.insert(last_of_section + 1, key.encode() + b" = " + value)
        return b"\n".join(lines)
    return base.rstrip(b"\n") + b"\n[" + section.encode() + b"]\n" + key.encode() + \
        b" = " + value + b"\n"


bad = 0
with open(table, encoding="utf-8") as f:
    for lineno, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            print("table line %d: %d fields, not 6" % (lineno, len(fields)), file=sys.stderr)
            bad += 1
            continue
        where, value, mode, fixture, code, ere = fields
        if not WHERE.match(where) or not re.match(r"^\d+$", code) or \
                not re.match(r"^--(check|dry-run|yes)\b", mode) or \
                (where.startswith("file:") and value not in KINDS):
            print("table line %d: a field is not of the form the head describes" % lineno,
                  file=sys.stderr)
            bad += 1
            continue
        if not where.startswith("file:"):
            base = open(good_site if where.split(":")[0] != "answers" else good_answers,
                        "rb").read()
            if ":" in where:
                section, key = where.split(":")[1].split(".")
                if value not in KINDS:
                    base = put(base, section, key, unescape(value))
            elif value not in KINDS:
                base = unescape(value)
            with open("%s/%d" % (rows, lineno), "wb") as out:
                out.write(base)
        # the value as a TAP label: no backslash (echo may read it), short
        label = re.sub(r"\\(x[0-9a-fA-F]{2}|[ntr\\])",
                       lambda m: "<%s>" % {"n": "nl", "t": "tab", "r": "cr",
                                           "\\": "bs"}.get(m.group(1), m.group(1)),
                       value).replace("\\", "<bs>")
        if len(label) > 40:
            label = label[:37] + "..."
        print("\t".join([str(lineno), where, value, label, mode, fixture, code, ere]))
sys.exit(1 if bad else 0)
EOF

# case_sum DIR: tree_sum, but a file over 64 MiB (the 1 GB ones) is known by
# its size and time alone: hashing gigabytes for every row would take minutes.
case_sum() (
	cd "$1" || exit 1
	LC_ALL=C
	export LC_ALL
	find . -printf '%p\t%y\t%m\t%s\t%T@\t%l\n' | sort
	find . -type f -size -65537k -exec sha256sum {} + | sort
)

# A fixture, its binaries made once; each row gets a copy of that.
master() {
	if [ ! -d "$PW_TMP/master/$1" ]; then
		fixture "$1"
		mkdir -p "$PW_TMP/master"
		mv "$FIXTURE" "$PW_TMP/master/$1" || bail_out "cannot keep fixture $1"
		rmdir "$FIXTURE_CASE"
	fi
}

# break_file PATH KIND: make the file at PATH (in the case directory) what
# the row's KIND says. A file there already is the content a kind builds on.
break_file() {
	f=$1
	in_tmp "$f"
	case $2 in
	@missing)
		rm -f "$f"
		;;
	@symlink-out | @symlink-out-abs)
		# The good file is moved out of the guest, and the link points at
		# it by climbing above the root: resolved inside the guest (as
		# DESIGN.md requires), it leads nowhere; followed on the host, the
		# program would find the file, and the row's message would differ.
		mkdir -p "$CASE/outside"
		out=$CASE/outside/$(basename "$f")
		mv "$f" "$out"
		up=
		for _ in $(dirname "$f" | tr / ' '); do up=$up../; done
		[ "$2" = @symlink-out ] || up=/$up
		ln -s "$up${out#/}" "$f"
		;;
	@1G)
		# The good text first, then a hole up to 1 GiB: only its size
		# tells it apart, and reading it would take seconds and memory.
		[ -e "$f" ] || : >"$f"
		truncate -s 1G "$f"
		;;
	@binary)
		{
			head -n 1 "$f" 2>/dev/null
			printf '\000\001\002\377 not text\n'
			tail -n +2 "$f" 2>/dev/null
		} >"$f.new"
		mv "$f.new" "$f"
		;;
	@dir)
		rm -f "$f"
		mkdir "$f"
		;;
	@fifo)
		rm -f "$f"
		mkfifo "$f"
		;;
	@empty-file)
		: >"$f"
		;;
	@garbage)
		printf '%s\n' '<?xml version="1.0"?>' '{ "not": [ "this", "format" ] }' \
			'=== = ===' '[[[' 'Package' ':' '	 ' >"$f"
		;;
	*)
		bail_out "unknown kind $2"
		;;
	esac
}

# strace counts what a run reads: a 1 GB file must be refused unread.
PW_STRACE=
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	PW_STRACE=1
fi

# Every row's file is written, or the table is wrong: stop.
if ! python3 "$PW_TMP/table.py" "$TABLE" "$ROWS" "$PW_TMP/good-answers.ini" \
	"$PW_TMP/good-site.ini" >"$PW_TMP/rows.tsv" 2>"$PW_TMP/table.err"; then
	not_ok "the table $TABLE is well formed" "$(cat "$PW_TMP/table.err")"
	done_testing
	exit 1
fi

# The checks can fail: the good answers, applied, do change the guest.
master etch-hvm
CASE=$(mktemp -d "$PW_TMP/case.XXXXXX")
cp -a "$PW_TMP/master/etch-hvm" "$CASE/guest"
cp "$PW_TMP/good-answers.ini" "$CASE/answers.ini"
case_sum "$CASE" >"$PW_TMP/before"
pw --root "$CASE/guest" --only network,console --answers "$CASE/answers.ini" --yes
case_sum "$CASE" >"$PW_TMP/after"
if [ "$RUN_RC" -eq 0 ] && ! cmp -s "$PW_TMP/before" "$PW_TMP/after"; then
	ok "control: the good answers are applied (exit 0) and the listing sees the change"
else
	not_ok "control: the good answers are applied (exit 0) and the listing sees the change" \
		"exit status $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR"
fi
chmod -R u+rwX "$CASE"
rm -rf "$CASE"

rows=0
while IFS='	' read -r line where value label mode fixture want ere; do
	rows=$((rows + 1))
	label="line $line: $where = $label ($mode, $fixture)"
	master "$fixture"
	CASE=$(mktemp -d "$PW_TMP/case.XXXXXX")
	cp -a "$PW_TMP/master/$fixture" "$CASE/guest"
	g=$CASE/guest
	# shellcheck disable=SC2086 # the mode is options, split on purpose
	set -- $mode --root "$g"

	kind=
	case $value in
	@missing | @symlink-out | @symlink-out-abs | @1G | @binary | @dir | @fifo | @empty-file | \
		@garbage)
		kind=$value
		;;
	esac
	case $where in
	answers*)
		cp "$ROWS/$line" "$CASE/answers.ini"
		[ -z "$kind" ] || break_file "$CASE/answers.ini" "$kind"
		set -- "$@" --answers "$CASE/answers.ini"
		;;
	config*)
		cp "$ROWS/$line" "$CASE/site.ini"
		[ -z "$kind" ] || break_file "$CASE/site.ini" "$kind"
		set -- "$@" --config "$CASE/site.ini"
		;;
	guest-site*)
		mkdir -p "$g/etc/paravm-wizard"
		cp "$ROWS/$line" "$g/etc/paravm-wizard/site.ini"
		# absent is fine here: out of the guest goes one that would not be
		case $kind in
		@symlink-out*) break_file "$g/etc/paravm-wizard/site.ini" @garbage ;;
		esac
		[ -z "$kind" ] || break_file "$g/etc/paravm-wizard/site.ini" "$kind"
		;;
	file:*)
		break_file "$g${where#file:}" "$kind"
		;;
	esac
	# --yes and --dry-run need answers: the good ones, unless the row gives its own
	case " $* " in
	*" --answers "*) ;;
	*" --yes "* | *" --dry-run "*)
		cp "$PW_TMP/good-answers.ini" "$CASE/answers.ini"
		set -- "$@" --answers "$CASE/answers.ini"
		;;
	esac

	case_sum "$CASE" >"$PW_TMP/before"
	pw "$@"
	case_sum "$CASE" >"$PW_TMP/after"

	if [ "$RUN_RC" = "$want" ]; then
		ok "$label: exit status $want"
	else
		not_ok "$label: exit status $want" "got $(describe_rc "$RUN_RC")" \
			"stderr: $(printf '%.600s' "$RUN_ERR")" "stdout: $(printf '%.600s' "$RUN_OUT")"
	fi
	# "!ERE": the message must not say that
	case $ere in
	!*) what="says nothing matching /${ere#!}/" ;;
	*) what="matches /$ere/" ;;
	esac
	if printf '%s\n%s\n' "$RUN_ERR" "$RUN_OUT" | grep -Eq -- "${ere#!}"; then
		said=1
	else
		said=0
	fi
	case $ere in !*) said=$((1 - said)) ;; esac
	# a refusal is a short message on stderr, and no report
	if [ "$want" -ge 64 ]; then
		what="$what, stderr only, 1 or 2 lines"
		lines=$(printf '%s\n' "$RUN_ERR" | grep -c .)
		if [ -n "$RUN_OUT" ] || [ "$lines" -lt 1 ] || [ "$lines" -gt 2 ]; then
			said=0
		fi
	fi
	if [ "$said" -eq 1 ]; then
		ok "$label: the message $what"
	else
		not_ok "$label: the message $what" \
			"stderr: $(printf '%.600s' "$RUN_ERR")" "stdout: $(printf '%.600s' "$RUN_OUT")"
	fi
	if cmp -s "$PW_TMP/before" "$PW_TMP/after"; then
		ok "$label: nothing changed (no lock, log or backup either)"
	else
		not_ok "$label: nothing changed (no lock, log or backup either)" \
			"$(diff "$PW_TMP/before" "$PW_TMP/after" | grep '^[<>]' | cut -f 1 | head -10)"
	fi
	if [ "$value" = @1G ] && [ -z "$PW_STRACE" ]; then
		skip "$label: refused by its size, unread" "strace cannot run here"
	elif [ "$value" = @1G ]; then
		strace -f -qq -e trace=read,pread64,readv -e signal=none -o "$PW_TMP/strace" \
			"$PW_BIN" "$@" >/dev/null 2>&1
		bytes=$(sed -n 's/.*= \([0-9][0-9]*\)$/\1/p' "$PW_TMP/strace" |
			awk '{ s += $1 } END { print s + 0 }')
		if [ "$bytes" -lt 16777216 ]; then
			ok "$label: refused by its size, unread ($bytes bytes read in all)"
		else
			not_ok "$label: refused by its size, unread" "$bytes bytes read in all"
		fi
	fi
	chmod -R u+rwX "$CASE"
	rm -rf "$CASE"
done <"$PW_TMP/rows.tsv"

check "the table has rows ($rows)" [ "$rows" -gt 0 ]
done_testing
