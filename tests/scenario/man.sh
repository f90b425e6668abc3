#!/bin/sh
# The manual page: groff and man render it without a warning (the check
# lintian makes), and it documents every option of --help and every step.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

page=$PW_TOP/man/paravm-wizard.8

if [ ! -f "$page" ]; then
	not_ok "man/paravm-wizard.8 exists"
	done_testing
	exit 1
fi

if command -v groff >/dev/null 2>&1; then
	if groff -man -ww -z "$page" >"$PW_TMP/groff.out" 2>&1 && [ ! -s "$PW_TMP/groff.out" ]; then
		ok "groff -man -ww: no warning"
	else
		not_ok "groff -man -ww: no warning" "$(head -20 "$PW_TMP/groff.out")"
	fi
else
	skip "groff -man -ww: no warning" "groff is not installed (groff-base)"
fi

if command -v man >/dev/null 2>&1; then
	# As lintian runs it.
	if LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
	   man --warnings -E UTF-8 -l -Tutf8 -Z "$page" >/dev/null 2>"$PW_TMP/man.err" &&
	   [ ! -s "$PW_TMP/man.err" ]; then
		ok "man --warnings: no warning"
	else
		not_ok "man --warnings: no warning" "$(head -20 "$PW_TMP/man.err")"
	fi
	LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null | col -b >"$PW_TMP/man.txt"
	if grep -q '^NAME' "$PW_TMP/man.txt" && grep -q '^THE WAY BACK' "$PW_TMP/man.txt"; then
		ok "man -l renders it"
	else
		not_ok "man -l renders it" "$(head -20 "$PW_TMP/man.txt")"
	fi
else
	skip "man --warnings: no warning" "man is not installed (man-db)"
	skip "man -l renders it" "man is not installed (man-db)"
fi

# Every long option of --help, every step id and every exit status is in
# the page's source (hyphens there are written \-).
text=$(sed -e 's/\\-/-/g' "$page")
missing=
if [ -x "$PW_BIN" ]; then
	opts=$("$PW_BIN" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
else
	opts="--check --format --answers --yes --dry-run --undo --only --root --config --lang --help --version"
fi
for o in $opts; do
	printf '%s\n' "$text" | grep -q -- "^\.B[IR]* .*$o" || missing="$missing $o"
done
for s in arch distro network packages grub console disks; do
	printf '%s\n' "$text" | grep -q "^\.B $s\$" || missing="$missing step:$s"
done
for c in 0 1 2 64 65 69 73 74; do
	printf '%s\n' "$text" | grep -q "^\.B $c\$" || missing="$missing exit:$c"
done
for f in /var/backups/paravm-wizard /var/log/paravm-wizard.log \
	 /var/lib/paravm-wizard/lock /etc/paravm-wizard/site.ini profiles.ini MANIFEST; do
	printf '%s\n' "$text" | grep -qF "$f" || missing="$missing file:$f"
done
if [ -z "$missing" ]; then
	ok "every option, step, exit status and file is documented"
else
	not_ok "every option, step, exit status and file is documented" "missing:$missing"
fi

done_testing
