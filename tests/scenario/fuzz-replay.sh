#!/bin/sh
# The fuzzers' corpora, replayed: every input in tests/fuzz/corpus/NAME/
# (seeds from the fixtures, and what fuzzing found that reaches new code)
# runs once through its harness, built with AddressSanitizer and
# UndefinedBehaviorSanitizer. A crash, a leak, a failed check of a harness
# or undefined behaviour fails it. make check builds the harnesses
# (make fuzz-build) and gives their folder as PW_FUZZ_BIN.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

fuzz_bin=${PW_FUZZ_BIN:-build-fuzz/fuzz}
case $fuzz_bin in /*) ;; *) fuzz_bin=$PW_TOP/$fuzz_bin ;; esac

cd "$PW_TOP" || exit 1
for corpus in tests/fuzz/corpus/*/; do
	name=$(basename "$corpus")
	harness=$fuzz_bin/fuzz-$name
	inputs=$(ls "$corpus" | wc -l)
	if [ ! -x "$harness" ]; then
		skip "fuzz corpus $name replayed" "no harness $harness: run make fuzz-build"
		continue
	fi
	# -runs=0: read and run the corpus once, then stop (no fuzzing)
	if out=$("$harness" -runs=0 -artifact_prefix="$PW_TMP/" "$corpus" 2>&1); then
		ok "fuzz corpus $name: $inputs inputs replayed, no finding"
	else
		not_ok "fuzz corpus $name: $inputs inputs replayed, no finding" \
			"$(printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|runtime error|fuzz:|Test unit written' | head -n 8)"
	fi
done
# every harness has a corpus, every corpus a harness
for src in tests/fuzz/fuzz-*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz-}
	check "harness $name has a seed corpus" test -n "$(ls "tests/fuzz/corpus/$name" 2>/dev/null)"
done
done_testing
