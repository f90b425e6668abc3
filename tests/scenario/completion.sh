#!/bin/sh
# Bash completion (contrib/bash-completion/paravm-wizard), loaded with
# bash-completion's helpers: the options, the step ids of --only (also
# after a comma), the values of --format and --lang, folders for --root.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

helpers=/usr/share/bash-completion/bash_completion
script=$PW_TOP/contrib/bash-completion/paravm-wizard

if ! command -v bash >/dev/null 2>&1 || [ ! -r "$helpers" ]; then
	skip "bash completion" "bash-completion is not installed"
	done_testing
	exit 0
fi

mkdir -p "$PW_TMP/dirs/guest-one" "$PW_TMP/dirs/guest-two"
: >"$PW_TMP/dirs/guest-file"

# complete LINE: the completions bash offers at the end of LINE, sorted,
# blank-separated.
complete_line() {
	bash --norc --noprofile -c '
		. "$1" && . "$2" || exit 3
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		COMP_WORDS=($COMP_LINE)
		[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_paravm_wizard paravm-wizard "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
	' complete "$helpers" "$script" "$1" 2>"$PW_TMP/bash.err"
}

# expect LINE WANT
expect() {
	got=$(complete_line "$1")
	got=${got% }
	if [ "$got" = "$2" ]; then
		ok "[$1<TAB>] offers: $2"
	else
		not_ok "[$1<TAB>] offers: $2" "got: $got" "$(cat "$PW_TMP/bash.err")"
	fi
}

expect "paravm-wizard --on" "--only"
expect "paravm-wizard --d" "--dry-run"
expect "paravm-wizard --only ar" "arch"
expect "paravm-wizard --only arch,d" "arch,disks arch,distro"
expect "paravm-wizard --only arch,distro,network,packages,grub,c" "arch,distro,network,packages,grub,console"
expect "paravm-wizard --format " "json text"
expect "paravm-wizard --check --format j" "json"
expect "paravm-wizard --lang " "de en es fr ja ru"
expect "paravm-wizard --root $PW_TMP/dirs/gu" "$PW_TMP/dirs/guest-one $PW_TMP/dirs/guest-two"
expect "paravm-wizard --answers $PW_TMP/dirs/guest-f" "$PW_TMP/dirs/guest-file"
expect "paravm-wizard --help " ""

# The whole thing as bash runs it on a real <TAB>: complete -p names it.
if bash --norc --noprofile -c '. "$1" && . "$2" && complete -p paravm-wizard' x "$helpers" "$script" \
	>"$PW_TMP/complete.out" 2>&1 && grep -q _paravm_wizard "$PW_TMP/complete.out"; then
	ok "complete -p paravm-wizard uses _paravm_wizard"
else
	not_ok "complete -p paravm-wizard uses _paravm_wizard" "$(cat "$PW_TMP/complete.out")"
fi

done_testing
