#!/bin/sh
# --check of every fixture tree, in text and in JSON, compared byte for
# byte with tests/expected/check/TREE.text and TREE.json (the guest's path
# written as @ROOT@), and the exit status with TREE.rc. A change of any
# message shows here as a diff. After a change meant to alter the report,
# write the files anew and read the diff before committing it:
#     PW_EXPECTED_UPDATE=1 sh tests/scenario/check-expected.sh
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin
expected=$PW_TOP/tests/expected/check
# English, whatever the machine's language
unset LANGUAGE PARAVM_WIZARD_LANG
LC_ALL=C.UTF-8
export LC_ALL

for tree in "$PW_FIXTURES"/*/; do
	tname=$(basename "$tree")
	fixture "$tname"
	for format in text json; do
		pw --root "$FIXTURE" --check --format "$format"
		got=$PW_TMP/$tname.$format
		# the guest's path, as the report gives it, in either quoting
		sed "s|$FIXTURE|@ROOT@|g" "$RUN_OUT_FILE" >"$got"
		if [ -n "${PW_EXPECTED_UPDATE:-}" ]; then
			cp "$got" "$expected/$tname.$format"
			echo "$RUN_RC" >"$expected/$tname.rc"
		fi
		if [ ! -e "$expected/$tname.$format" ]; then
			not_ok "$tname: --check --format $format as expected" \
				"no $expected/$tname.$format: write it with PW_EXPECTED_UPDATE=1"
		elif cmp -s "$expected/$tname.$format" "$got"; then
			ok "$tname: --check --format $format as expected"
		else
			not_ok "$tname: --check --format $format as expected" \
				"$(diff -u "$expected/$tname.$format" "$got" | head -30)"
		fi
		check "$tname: --check --format $format exits $(cat "$expected/$tname.rc" 2>/dev/null)" \
			test "$RUN_RC" = "$(cat "$expected/$tname.rc" 2>/dev/null)"
		check "$tname: --check --format $format says nothing on stderr" test ! -s "$RUN_ERR_FILE"
	done
done
done_testing
