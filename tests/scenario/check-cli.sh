#!/bin/sh
# The --check command line: usage errors, --only, the JSON contract
# (DESIGN.md), English JSON whatever the locale, running as a user other
# than root, and that --check changes nothing.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

fixture lenny-converted
t=$FIXTURE
real_t=$(cd "$t" && pwd -P)

# ---- usage errors: exit 64, a message naming the culprit and a hint -------

# usage_error NAME CULPRIT ARGS...
usage_error() {
	name=$1
	culprit=$2
	shift 2
	pw "$@"
	first=$(printf '%s\n' "$RUN_ERR" | head -n 1)
	last=$(printf '%s\n' "$RUN_ERR" | tail -n 1)
	lines=$(printf '%s\n' "$RUN_ERR" | grep -c .)
	if [ "$RUN_RC" -eq 64 ] && [ -z "$RUN_OUT" ] && [ "$lines" -le 2 ] &&
	   printf '%s\n' "$first" | grep -Fq -- "$culprit" &&
	   printf '%s\n' "$last" | grep -Fq -- '--help'; then
		ok "usage: $name: exit 64, names $culprit, hints at --help"
	else
		not_ok "usage: $name: exit 64, names $culprit, hints at --help" \
			"exit status $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR" "stdout: $RUN_OUT"
	fi
}

usage_error "unknown long option" --bogus --check --bogus --root "$t"
usage_error "unknown short option" -x -x --check --root "$t"
usage_error "--format xml" xml --check --format xml --root "$t"
usage_error "--format without its value" --format --check --root "$t" --format
usage_error "--only with an unknown step" nosuchstep --check --only arch,nosuchstep --root "$t"
usage_error "--only with an empty list" --only --check --only "" --root "$t"
usage_error "--root without its value" --root --check --root
usage_error "an extra argument" extra --check --root "$t" extra
usage_error "--format without --check" --format --format json --root "$t"

pw --help
if [ "$RUN_RC" -eq 0 ] && printf '%s\n' "$RUN_OUT" | grep -q -- '--check'; then
	ok "--help: exit 0, lists --check"
else
	not_ok "--help: exit 0, lists --check" "exit status $(describe_rc "$RUN_RC")" "$RUN_OUT"
fi
pw --version
if [ "$RUN_RC" -eq 0 ] && printf '%s\n' "$RUN_OUT" | grep -q '^paravm-wizard [0-9]'; then
	ok "--version: exit 0, prints the version"
else
	not_ok "--version: exit 0, prints the version" "exit status $(describe_rc "$RUN_RC")" "$RUN_OUT"
fi

# ---- the JSON report ----------------------------------------------------------

PW_LABEL=json
tree_sum "$FIXTURE_CASE" >"$PW_TMP/sum.before"
pw --check --format json --root "$t"
cp "$RUN_OUT_FILE" "$PW_JSON"
if python3 -m json.tool "$PW_JSON" >/dev/null 2>"$PW_TMP/tool.err"; then
	ok "json: python3 -m json.tool accepts the report"
else
	not_ok "json: python3 -m json.tool accepts the report" "$(cat "$PW_TMP/tool.err")" "$RUN_OUT"
fi
if python3 "$PW_JSON_PY" steps "$PW_JSON" >"$PW_STEPS" 2>"$PW_TMP/json.err"; then
	ok "json: schema 1, root, profile, ready, steps with id, status, message"
else
	not_ok "json: schema 1, root, profile, ready, steps with id, status, message" \
		"$(cat "$PW_TMP/json.err")"
fi
if [ "$(json ids 2>/dev/null)" = arch,distro,network,packages,grub,console,disks ]; then
	ok "json: every step, in the fixed order"
else
	not_ok "json: every step, in the fixed order" "got: $(json ids 2>&1)"
fi
if [ "$(json get root 2>/dev/null)" = "$real_t" ]; then
	ok "json: root is the guest's directory"
else
	not_ok "json: root is the guest's directory" "got: $(json get root 2>&1), want $real_t"
fi
if [ "$(json get profile 2>/dev/null)" = debian-lenny ]; then
	ok "json: profile is debian-lenny"
else
	not_ok "json: profile is debian-lenny" "got: $(json get profile 2>&1)"
fi
if [ "$(json get schema 2>/dev/null)" = 1 ]; then
	ok "json: schema is the number 1"
else
	not_ok "json: schema is the number 1" "got: $(json get schema 2>&1)"
fi
expect_unchanged "$FIXTURE_CASE" "$PW_TMP/sum.before"
cp "$PW_JSON" "$PW_TMP/english.json"

# Scripts parse the JSON: it stays English whatever the owner's language.
for how in env --lang; do
	if [ "$how" = env ]; then
		run env LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 \
			"$PW_BIN" --check --format json --root "$t"
		name="json: the same, in English, with LANGUAGE=de LANG=de_DE.UTF-8"
	else
		run env LC_ALL=de_DE.UTF-8 "$PW_BIN" --check --format json --root "$t" --lang de
		name="json: the same, in English, with --lang de"
	fi
	if cmp -s "$RUN_OUT_FILE" "$PW_TMP/english.json"; then
		ok "$name"
	else
		not_ok "$name" "$(diff "$PW_TMP/english.json" "$RUN_OUT_FILE" | head -10)"
	fi
done

# A root whose name needs escaping stays valid JSON, and is given back.
odd_case=$(mktemp -d "$PW_TMP/case.XXXXXX")
odd='guest "quoted" \ back	tab'
cp -RPp "$t" "$odd_case/$odd"
pw --check --format json --root "$odd_case/$odd"
cp "$RUN_OUT_FILE" "$PW_JSON"
real_odd=$(cd "$odd_case/$odd" && pwd -P)
if [ "$(json get root 2>/dev/null)" = "$real_odd" ]; then
	ok "json: a root with quotes, a backslash and a tab is escaped"
else
	not_ok "json: a root with quotes, a backslash and a tab is escaped" "$RUN_OUT" \
		"$(json get root 2>&1)"
fi
# A name that is not UTF-8 (Latin-1 "é"): still valid UTF-8 JSON.
latin=$(printf 'guest-\351')
cp -RPp "$t" "$odd_case/$latin"
pw --check --format json --root "$odd_case/$latin"
cp "$RUN_OUT_FILE" "$PW_JSON"
if json get root >/dev/null 2>"$PW_TMP/json.err"; then
	ok "json: a root that is not UTF-8 still gives valid UTF-8 JSON"
else
	not_ok "json: a root that is not UTF-8 still gives valid UTF-8 JSON" \
		"$(cat "$PW_TMP/json.err")"
fi

# ---- --only -----------------------------------------------------------------

PW_LABEL=only
pw --check --format json --only arch,distro --root "$t"
cp "$RUN_OUT_FILE" "$PW_JSON"
if [ "$(json ids 2>/dev/null)" = arch,distro ] && [ "$RUN_RC" -eq 0 ]; then
	ok "--only arch,distro: the report holds those two steps, exit 0"
else
	not_ok "--only arch,distro: the report holds those two steps, exit 0" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT"
fi
pw --check --format json --only distro,arch --root "$t"
cp "$RUN_OUT_FILE" "$PW_JSON"
if [ "$(json ids 2>/dev/null)" = arch,distro ]; then
	ok "--only distro,arch: still in the fixed order"
else
	not_ok "--only distro,arch: still in the fixed order" "$RUN_OUT"
fi
pw --check --only arch,distro --root "$t"
if [ "$(printf '%s\n' "$RUN_OUT" | wc -l)" -eq 3 ] &&
   [ "$(printf '%s\n' "$RUN_OUT" | grep -c 'Debian 5.0.10')" -eq 1 ]; then
	ok "--only arch,distro: the text report has two steps and a summary"
else
	not_ok "--only arch,distro: the text report has two steps and a summary" "$RUN_OUT"
fi
# A step left out does not count: a 32-bit guest is ready as far as distro goes.
fixture ubuntu-hardy-i386
pw --check --format json --only distro --root "$FIXTURE"
cp "$RUN_OUT_FILE" "$PW_JSON"
if [ "$RUN_RC" -eq 0 ] && [ "$(json ids 2>/dev/null)" = distro ]; then
	ok "--only distro: the blocked arch step of a 32-bit guest is not reported"
else
	not_ok "--only distro: the blocked arch step of a 32-bit guest is not reported" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT"
fi

# ---- changes nothing, writes nothing on the host ------------------------------

host_state() {
	for f in /var/log/paravm-wizard.log /var/backups/paravm-wizard; do
		if [ -e "$f" ]; then
			ls -ld --time-style=+%s "$f"
		else
			echo "absent $f"
		fi
	done
}
host_state >"$PW_TMP/host.before"
tree_sum "$(dirname "$t")" >"$PW_TMP/sum.before"
pw --check --root "$t"
pw --check --format json --root "$t"
host_state >"$PW_TMP/host.after"
PW_LABEL="--check"
expect_unchanged "$(dirname "$t")" "$PW_TMP/sum.before"
if cmp -s "$PW_TMP/host.before" "$PW_TMP/host.after"; then
	ok "--check: no log or backup written on the host"
else
	not_ok "--check: no log or backup written on the host" \
		"$(diff "$PW_TMP/host.before" "$PW_TMP/host.after")"
fi

# A report that cannot be written is an error, not a silent success.
if [ -w /dev/full ]; then
	run sh -c '"$0" --check --root "$1" >/dev/full' "$PW_BIN" "$t"
	if [ "$RUN_RC" -eq 73 ]; then
		ok "--check: a report that cannot be written exits 73"
	else
		not_ok "--check: a report that cannot be written exits 73" \
			"exit status $(describe_rc "$RUN_RC")" "$RUN_ERR"
	fi
else
	skip "--check: a report that cannot be written exits 73" "no /dev/full here"
fi

# ---- as a user other than root --------------------------------------------------

if [ "$(id -u)" -ne 0 ]; then
	pw --check --format json --root "$t"
	if [ "$RUN_RC" -lt 64 ] && python3 "$PW_JSON_PY" steps "$RUN_OUT_FILE" >/dev/null 2>&1; then
		ok "non-root: --check works as uid $(id -u)"
	else
		not_ok "non-root: --check works as uid $(id -u)" \
			"exit status $(describe_rc "$RUN_RC")" "$RUN_ERR"
	fi
elif ! command -v setpriv >/dev/null 2>&1; then
	skip "non-root: --check works as nobody (uid 65534)" "setpriv is missing"
else
	# A readable copy of the program, its data and the guest, under a
	# directory that others may cross but not list.
	nr=$(mktemp -d "$PW_TMP/nonroot.XXXXXX")
	mkdir "$nr/bin"
	cp "$PW_BIN" "$nr/bin/paravm-wizard"
	cp -R "$PW_TOP/data" "$nr/data"
	cp -RPp "$t" "$nr/guest"
	chmod 711 "$PW_TMP"
	chmod -R a+rX "$nr"
	tree_sum "$nr" >"$PW_TMP/sum.before"
	run "$nr/bin/paravm-wizard" --check --format json --root "$nr/guest"
	cp "$RUN_OUT_FILE" "$PW_TMP/root.json"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$nr/bin/paravm-wizard" --check --format json --root "$nr/guest"
	if [ "$RUN_RC" -lt 64 ] && cmp -s "$RUN_OUT_FILE" "$PW_TMP/root.json"; then
		ok "non-root: --check as nobody (uid 65534) reports what root sees"
	else
		not_ok "non-root: --check as nobody (uid 65534) reports what root sees" \
			"exit status $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR" \
			"$(diff "$PW_TMP/root.json" "$RUN_OUT_FILE")"
	fi
	PW_LABEL=non-root
	expect_unchanged "$nr" "$PW_TMP/sum.before"
	chmod 700 "$PW_TMP"
fi

done_testing
