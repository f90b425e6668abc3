#!/bin/sh
# --check and --dry-run agree on /etc/network/interfaces: what one refuses,
# the other refuses too, for the same value; what one finds in order, the
# other leaves as it is. Both take the stanza's values through the one
# validator (pw_net_check, its policy in include/pw-net.h).
#
# First, stanzas (with no "auto" line, as a new user writes them) whose
# values are refused, /31 and /32 among them: --check says "to do" naming
# the value, --dry-run without answers exits 65 naming the same value.
# Then every row of tests/bad-input.tsv that breaks the interfaces file is
# run again in the other mode (a --check row with --dry-run, a --yes or
# --dry-run row with --check), expecting the same message.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

# agree LABEL ERE STANZA-LINES: the stanza for eth0 of etch-hvm, refused alike.
agree() {
	label=$1 ere=$2
	shift 2
	fixture etch-hvm
	PW_LABEL="agree: $label"
	{
		printf 'auto lo\niface lo inet loopback\n\niface eth0 inet static\n'
		printf '\t%s\n' "$@"
	} >"$FIXTURE/etc/network/interfaces"
	if pw_check_json "$FIXTURE" --only network; then
		if [ "$(step_status network)" = todo ] && [ "$RUN_RC" = 1 ]; then
			ok "$PW_LABEL: --check says to do"
		else
			not_ok "$PW_LABEL: --check says to do" "got $(step_status network)," \
				"exit status $(describe_rc "$RUN_RC")"
		fi
		check_msg=$(step_message network)
		if printf '%s\n' "$check_msg" | grep -Eq -- "$ere"; then
			ok "$PW_LABEL: --check names it"
		else
			not_ok "$PW_LABEL: --check names it" "no /$ere/ in: $check_msg"
		fi
	fi
	pw --dry-run --only network --root "$FIXTURE" --lang en
	if [ "$RUN_RC" = 65 ] && [ -z "$RUN_OUT" ] && printf '%s\n' "$RUN_ERR" | grep -Eq -- "$ere"
	then
		ok "$PW_LABEL: --dry-run refuses it (65), naming it"
	else
		not_ok "$PW_LABEL: --dry-run refuses it (65), naming it" \
			"exit status $(describe_rc "$RUN_RC"), want 65 and /$ere/" \
			"stdout: $RUN_OUT" "stderr: $RUN_ERR"
	fi
}

# The issue's case: a /31 and no auto line.
agree "/31 as a prefix" '/31,? leaves no room' 'address 18.181.1.4/31'
agree "/31 with its other address as gateway" '/31,? leaves no room' \
	'address 18.181.1.4/31' 'gateway 18.181.1.5'
agree "/31 as a netmask" '/31,? leaves no room' 'address 18.181.1.4' \
	'netmask 255.255.255.254' 'gateway 18.181.1.5'
agree "/32 as a prefix" '/32,? leaves no room' 'address 18.181.1.4/32' 'gateway 18.181.0.1'
agree "/32 as a netmask" '/32,? leaves no room' 'address 18.181.1.4' \
	'netmask 255.255.255.255' 'gateway 18.181.1.4'
agree "/7" '/7,? leaves no room' 'address 18.181.1.4/7' 'gateway 18.181.0.1'
agree "the network's own address" '18\.181\.0\.0' 'address 18.181.0.0/16' 'gateway 18.181.0.1'
agree "the broadcast address" '18\.181\.255\.255' 'address 18.181.255.255/16' \
	'gateway 18.181.0.1'
agree "a gateway off the network" '18\.182\.0\.1' 'address 18.181.1.4/16' 'gateway 18.182.0.1'
agree "the address as gateway" 'gateway (of eth0, )?18\.181\.1\.4' 'address 18.181.1.4/16' \
	'gateway 18.181.1.4'

# A /30 is fine: --check asks only for the auto line, which --dry-run adds.
fixture etch-hvm
PW_LABEL="agree: /30"
printf 'iface eth0 inet static\n\taddress 18.181.1.21/30\n\tgateway 18.181.1.22\n' \
	>"$FIXTURE/etc/network/interfaces"
if pw_check_json "$FIXTURE" --only network; then
	expect_step network todo
	expect_msg network 'needs an "auto eth0" line' "asks for an auto line"
fi
pw --dry-run --only network --root "$FIXTURE" --lang en
if [ "$RUN_RC" = 0 ] && printf '%s\n' "$RUN_OUT" | grep -q '^+auto eth0$' &&
	! printf '%s\n' "$RUN_OUT" | grep -q '^[-+][[:space:]]*address'; then
	ok "$PW_LABEL: --dry-run adds the auto line and keeps the address"
else
	not_ok "$PW_LABEL: --dry-run adds the auto line and keeps the address" \
		"exit status $(describe_rc "$RUN_RC")" "stdout: $RUN_OUT" "stderr: $RUN_ERR"
fi
printf 'auto eth0\n' >>"$FIXTURE/etc/network/interfaces"
if pw_check_json "$FIXTURE" --only network; then
	expect_step network ok
fi
pw --dry-run --only network --root "$FIXTURE" --lang en
if [ "$RUN_RC" = 0 ] && ! printf '%s\n' "$RUN_OUT" | grep -q '^+++ '; then
	ok "$PW_LABEL: with it, --dry-run changes nothing"
else
	not_ok "$PW_LABEL: with it, --dry-run changes nothing" \
		"exit status $(describe_rc "$RUN_RC")" "stdout: $RUN_OUT" "stderr: $RUN_ERR"
fi

# The bad-input table's broken interfaces files, in the other mode.
table=$PW_TMP/agree.tsv
python3 - "$PW_TOP/tests/bad-input.tsv" >"$table" <<'PY'
import sys

# the other mode's exit status: blocked stays blocked; what --check leaves
# to do, --dry-run cannot plan (65), and the reverse
OTHER = {"--check": ("--dry-run --only network", {"2": "2", "1": "65"}),
         "--yes": ("--check", {"2": "2", "65": "1"}),
         "--dry-run": ("--check", {"2": "2", "65": "1"})}
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    fields = line.rstrip("\n").split("\t")
    if line.startswith("#") or len(fields) != 6 or \
            not fields[0].startswith("file:/etc/network/interfaces"):
        continue
    rows.append(fields)
seen = {(r[0], r[1], r[2].split()[0], r[3]) for r in rows}
for where, value, mode, fixture, code, ere in rows:
    other, codes = OTHER[mode.split()[0]]
    key = (where, value, other.split()[0], fixture)
    if key in seen or code not in codes:
        continue
    seen.add(key)
    print("\t".join([where, value, other, fixture, codes[code], ere]))
PY
rows=$(grep -c . "$table")
if [ "$rows" -ge 10 ]; then
	ok "agree: $rows rows of the bad-input table to run in the other mode"
else
	not_ok "agree: $rows rows of the bad-input table to run in the other mode" \
		"the table has fewer interfaces rows than expected"
fi
{
	grep '^#' "$PW_TOP/tests/bad-input.tsv"
	cat "$table"
} >"$table.full"
done_testing
status=$?
# the table's own runner, on those rows (it prints its own TAP lines)
PW_BAD_INPUT_TABLE=$table.full sh "$PW_TOP/tests/scenario/bad-input-table.sh" || status=1
exit $status
