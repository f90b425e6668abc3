#!/bin/sh
# The owner's language: --check in German, Spanish, French, Russian and
# Japanese is in that language, the environment chooses it in gettext's
# order even where its locale is not generated, LC_ALL=C is English, the
# JSON report stays English, Japanese falls back to English on the Linux
# console (and says so), the first screen names --lang; in a locale
# that is not UTF-8 (ISO-8859-1, KOI8-R) the text is converted, and a
# language the charset cannot show falls back to English, saying so. The
# screens in every language: lang-screens.sh.
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
# a locale that is not generated (a minimal guest has none): its language all the same
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	skip "LANG=de_DE.UTF-8 where it is not generated" "de_DE.UTF-8 is generated on this machine"
else
	run env -u LANGUAGE -u LC_ALL -u LC_MESSAGES TERM=xterm LANG=de_DE.UTF-8 "$PW_BIN" --root "$t" --check
	check "LANG=de_DE.UTF-8, not generated: German" \
		sh -c 'printf "%s\n" "$1" | grep -q "Netzwerk.*DHCP"' sh "$RUN_OUT"
fi
run env -u LANGUAGE -u LC_ALL TERM=xterm LC_MESSAGES=es_ES.UTF-8 LANG=de_DE.UTF-8 "$PW_BIN" \
	--root "$t" --check
check "LC_MESSAGES before LANG: Spanish" sh -c 'printf "%s\n" "$1" | grep -q "Red .*DHCP"' sh "$RUN_OUT"

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

# Japanese runs sentences together, without a space after "。"
run env TERM=xterm LANG=C "$PW_BIN" --root "$t" --check --lang ja
if printf '%s\n' "$RUN_OUT" | grep -q '。 '; then
	not_ok "ja: no space between sentences" "$(printf '%s\n' "$RUN_OUT" | grep '。 ')"
else
	ok "ja: no space between sentences"
fi

# ---- a locale that is not UTF-8: converted text, never mojibake ---------------
# The locales are built into a directory of our own (LOCPATH): nothing on
# the system changes.
LOCDIR=$PW_TMP/locale
mkdir -p "$LOCDIR"
# locale_ok NAME CHARSET: build the locale NAME.CHARSET from the sources of
# the package "locales"; false (after a skip) where that cannot be done.
locale_ok() {
	if ! command -v localedef >/dev/null 2>&1 || ! command -v iconv >/dev/null 2>&1; then
		skip "the $1.$2 locale" "localedef or iconv is missing (package locales, libc-bin)"
		return 1
	fi
	[ -d "$LOCDIR/$1.$2" ] && return 0
	if ! localedef -i "$1" -f "$2" "$LOCDIR/$1.$2" >"$PW_TMP/localedef.err" 2>&1 &&
	   [ ! -d "$LOCDIR/$1.$2" ]; then
		skip "the $1.$2 locale" "localedef cannot build it: $(head -1 "$PW_TMP/localedef.err")"
		return 1
	fi
	return 0
}

# charset_check LL LOCALE CHARSET: --check in LOCALE, read as CHARSET, is
# the UTF-8 text of LL, with nothing on stderr. The few characters that
# CHARSET lacks (KOI8-R has no « ») are transliterated, by gettext as by
# iconv: never a question mark.
charset_check() {
	locale_ok "${2%.*}" "$3" || return 0
	run env TERM=xterm LANG=C.UTF-8 "$PW_BIN" --root "$t" --check --lang "$1"
	LOCPATH="$LOCDIR" LC_ALL="$2" iconv -f UTF-8 -t "$3//TRANSLIT" <"$RUN_OUT_FILE" |
		iconv -f "$3" -t UTF-8 >"$PW_TMP/utf8.out"
	if [ "$(grep -o '?' "$PW_TMP/utf8.out" | wc -l)" -ne "$(grep -o '?' "$RUN_OUT_FILE" | wc -l)" ]; then
		not_ok "$1 can be written in $3" "$(grep '?' "$PW_TMP/utf8.out" | head -5)"
	fi
	run env TERM=xterm LOCPATH="$LOCDIR" LANG="$2" "$PW_BIN" --root "$t" --check
	if ! iconv -f "$3" -t UTF-8 <"$RUN_OUT_FILE" >"$PW_TMP/converted.out" 2>"$PW_TMP/iconv.err"; then
		not_ok "$2: --check is in $3" "$(cat "$PW_TMP/iconv.err")"
	elif cmp -s "$PW_TMP/utf8.out" "$PW_TMP/converted.out" && [ -z "$RUN_ERR" ]; then
		ok "$2: --check is in $3, the same text as in UTF-8"
	else
		not_ok "$2: --check is in $3, the same text as in UTF-8" \
			"$(diff "$PW_TMP/utf8.out" "$PW_TMP/converted.out" | head -20)" "stderr: $RUN_ERR"
	fi
}
charset_check de de_DE.ISO-8859-1 ISO-8859-1
charset_check ru ru_RU.KOI8-R KOI8-R

# english_fallback NAME ENV...: --check in that environment is the English
# text, with one line on stderr saying why.
run env TERM=xterm LANG=C.UTF-8 LANGUAGE=en "$PW_BIN" --root "$t" --check
cp "$RUN_OUT_FILE" "$PW_TMP/english.out"
english_fallback() {
	name=$1
	shift
	run env -u LANGUAGE -u LC_ALL -u LC_MESSAGES TERM=xterm "$@" "$PW_BIN" --root "$t" --check
	if cmp -s "$PW_TMP/english.out" "$RUN_OUT_FILE" &&
	   [ "$(printf '%s\n' "$RUN_ERR" | grep -c 'cannot show this language; messages are in English')" -eq 1 ] &&
	   [ "$(printf '%s\n' "$RUN_ERR" | wc -l)" -eq 1 ]; then
		ok "$name: English, saying so in one line"
	else
		not_ok "$name: English, saying so in one line" \
			"$(diff "$PW_TMP/english.out" "$RUN_OUT_FILE" | head -10)" "stderr: $RUN_ERR"
	fi
}
if locale_ok de_DE ISO-8859-1; then
	english_fallback "ja in an ISO-8859-1 locale" LOCPATH="$LOCDIR" LANG=de_DE.ISO-8859-1 LANGUAGE=ja
	english_fallback "--lang ja in an ISO-8859-1 locale" LOCPATH="$LOCDIR" LANG=de_DE.ISO-8859-1 \
		PARAVM_WIZARD_LANG=ja
fi
locale_ok ru_RU KOI8-R &&
	english_fallback "--lang de in a KOI8-R locale" LOCPATH="$LOCDIR" LANG=ru_RU.KOI8-R \
		PARAVM_WIZARD_LANG=de
english_fallback "LANGUAGE=ja in the POSIX locale" LC_ALL=POSIX LANGUAGE=ja
english_fallback "LC_ALL=C over LANGUAGE=ru and LANG=ru_RU.UTF-8" LC_ALL=C LANGUAGE=ru LANG=ru_RU.UTF-8

# ---- the full-screen wizard on the Linux console ------------------------------
# Japanese: English, and the top line says why (a line on stderr would be
# drawn over); Russian: Russian, as a UTF-8 console font has Cyrillic.
if pw_have_tmux; then
	pw_tmux_init
	PW_TMUX_ENV=LANG=C.UTF-8
	start linux --root "$t" --lang ja
	shows "TERM=linux, --lang ja: the wizard's screens are in English" "The conversion, step by step"
	if head -n 1 "$CAP" | grep -q 'In English: no Japanese on this console' &&
	   ! LC_ALL=C.UTF-8 grep -Pq '[\p{Han}\p{Hiragana}\p{Katakana}]' "$CAP"; then
		ok "TERM=linux, --lang ja: the top line says why, no kana or kanji anywhere"
	else
		not_ok "TERM=linux, --lang ja: the top line says why, no kana or kanji anywhere" "$(cat "$CAP")"
	fi
	pw_tmux_kill
	start linux --root "$t" --lang ru
	title_ru=$(LANGUAGE=ru TEXTDOMAINDIR="$(dirname "$PW_BIN")/locale" \
		gettext -d paravm-wizard 'The conversion, step by step')
	if [ "$title_ru" != 'The conversion, step by step' ] && wait_for "$title_ru" &&
	   ! grep -q 'In English' "$CAP"; then
		ok "TERM=linux, --lang ru: the wizard's screens are in Russian"
	else
		not_ok "TERM=linux, --lang ru: the wizard's screens are in Russian" "$(cat "$CAP")"
	fi
	pw_tmux_kill
	# LC_ALL=C: the screens are English too, as the report is
	PW_TMUX_ENV="LC_ALL=C LANGUAGE=ru LANG=ru_RU.UTF-8"
	start xterm --root "$t"
	shows "LC_ALL=C: the screens are English" "The conversion, step by step"
	# the first screen says how to switch, each language in its own words
	PW_TMUX_ENV=LANG=C.UTF-8
	start xterm --root "$t"
	shows "English: the first screen names --lang with every other language" \
		"--lang de Deutsch, es español, fr français, ru русский, ja 日本語"
	start xterm --root "$t" --lang de
	shows "German: the first screen names --lang with every other language" \
		"--lang es español, fr français, ru русский, ja 日本語, en English"
	# the Linux console, its font not known (no VT here): no kana or kanji offered
	start linux --root "$t"
	shows "TERM=linux: the first screen offers ja by its code alone" \
		"--lang de Deutsch, es español, fr français, ru русский, ja"
	if ! LC_ALL=C.UTF-8 grep -Pq '[\p{Han}\p{Hiragana}\p{Katakana}]' "$CAP"; then
		ok "TERM=linux: no kana or kanji on the first screen"
	else
		not_ok "TERM=linux: no kana or kanji on the first screen" "$(cat "$CAP")"
	fi
else
	skip "the wizard on TERM=linux in ja and ru" "tmux is not installed (make deps)"
fi

done_testing
