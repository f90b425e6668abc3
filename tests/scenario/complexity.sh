#!/bin/sh
# No function in checks/ over 100 lines or over a cyclomatic complexity of
# 30, as pmccabe counts them (its modified complexity, which counts a
# switch once, and the lines of the function's body): a function that
# grows past that is split before it lands.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

if ! command -v pmccabe >/dev/null 2>&1; then
	skip "functions in checks/ stay small" "pmccabe is not installed (Debian's pmccabe package)"
	done_testing
	exit 0
fi
# columns: modified complexity, traditional, statements, first line, lines, file(line): name
over=$(cd "$PW_TOP" && pmccabe checks/*/*.c | awk '$1 > 30 || $5 > 100 { print }')
if [ -z "$over" ]; then
	ok "no function in checks/ has more than 100 lines or a complexity over 30"
else
	not_ok "no function in checks/ has more than 100 lines or a complexity over 30" \
		"complexity, -, statements, line, lines, where:" "$over"
fi
done_testing
