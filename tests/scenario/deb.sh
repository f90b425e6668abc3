#!/bin/sh
# The Debian package: dpkg-buildpackage -us -uc -b from a copy of the tree
# (as from a clean clone) builds paravm-wizard_*.deb, its unit tests run
# at build time, lintian finds no error and no warning, and the package
# holds the program, its data, the manual page and the bash completion.
# Runs as root with dpkg-dev, debhelper and lintian installed (make deps);
# skips otherwise. Then installs it with dpkg -i in a throwaway Debian 12
# guest (tests/guest/make-guest) and runs --check there. About 25 seconds.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" != 0 ]; then
	skip "the Debian package" "not root (the build dependencies are checked as installed)"
	done_testing
	exit 0
fi
for tool in dpkg-buildpackage dh lintian; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "the Debian package" "$tool is not installed (make deps)"
		done_testing
		exit 0
	fi
done

src=$PW_TMP/pkg/paravm-wizard
mkdir -p "$src"
(cd "$PW_TOP" && tar -c -f - --exclude='./build*' --exclude=./.git \
	--exclude=./debian/paravm-wizard --exclude=./debian/.debhelper \
	--exclude=./debian/files --exclude=./debian/debhelper-build-stamp \
	--exclude='./debian/*.substvars' --exclude='./debian/*.debhelper.log' .) |
	tar -x -C "$src" -f - || bail_out "cannot copy the tree"

if (cd "$src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	dpkg-buildpackage -us -uc -b) >"$PW_TMP/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b"
else
	not_ok "dpkg-buildpackage -us -uc -b" "$(tail -30 "$PW_TMP/build.log")"
	done_testing
	exit 1
fi

if grep -q 'override_dh_auto_test' "$PW_TMP/build.log" &&
   grep -q '^ok ' "$PW_TMP/build.log" && ! grep '^not ok' "$PW_TMP/build.log" | grep -qv '# SKIP'; then
	ok "the unit tests ran at build time and passed ($(grep -c '^ok ' "$PW_TMP/build.log") ok)"
else
	not_ok "the unit tests ran at build time and passed" \
		"$(grep -E 'dh_auto_test|not ok' "$PW_TMP/build.log" | head -10)"
fi

deb=
changes=
for f in "$PW_TMP"/pkg/paravm-wizard_*.deb; do deb=$f; done
for f in "$PW_TMP"/pkg/paravm-wizard_*.changes; do changes=$f; done
if [ -f "$deb" ] && [ -f "$changes" ]; then
	ok "paravm-wizard_*.deb and .changes exist"
else
	not_ok "paravm-wizard_*.deb and .changes exist" "$(ls "$PW_TMP/pkg")"
	done_testing
	exit 1
fi

dpkg-deb -c "$deb" | awk '{ print $6 }' >"$PW_TMP/contents"
missing=
for f in ./usr/sbin/paravm-wizard ./usr/share/paravm-wizard/profiles.ini \
	 ./usr/share/paravm-wizard/site.ini ./usr/share/man/man8/paravm-wizard.8.gz \
	 ./usr/share/bash-completion/completions/paravm-wizard \
	 ./usr/share/doc/paravm-wizard/copyright; do
	grep -qxF "$f" "$PW_TMP/contents" || missing="$missing $f"
done
if [ -z "$missing" ]; then
	ok "the package holds the program, data, manual page and completion"
else
	not_ok "the package holds the program, data, manual page and completion" \
		"missing:$missing"
fi

depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in
*apt*diffutils*libnewt*)
	ok "Depends: $depends"
	;;
*)
	not_ok "Depends names apt, diffutils and the libraries" "Depends: $depends"
	;;
esac

# lintian warns about itself when run as root; that line is not a finding.
lintian --fail-on error,warning "$changes" >"$PW_TMP/lintian.out" 2>&1
rc=$?
diag "lintian: $(grep -v 'running with root privileges' "$PW_TMP/lintian.out" | grep . || echo '(no finding)')"
if [ "$rc" -eq 0 ] && ! grep -q '^[EW]: ' "$PW_TMP/lintian.out"; then
	ok "lintian: no error, no warning"
else
	not_ok "lintian: no error, no warning" "exit status $rc"
fi

# ---- installed with dpkg -i in a throwaway guest --------------------------
# A Debian 12 guest from tests/guest/make-guest (cached after its first
# build); dpkg -i, then apt-get -f install brings the libraries from the
# guest's mirror. Its /proc is mounted in a private mount namespace only.
guest=$PW_TMP/guest
if ! "$PW_TOP/tests/guest/make-guest" "$guest" >"$PW_TMP/make-guest.log" 2>&1; then
	skip "dpkg -i in a throwaway guest" "make-guest failed: $(tail -n 3 "$PW_TMP/make-guest.log")"
	done_testing
	exit $?
fi
in_tmp "$guest/etc/resolv.conf"
cp /etc/resolv.conf "$guest/etc/resolv.conf" 2>/dev/null
cp "$deb" "$guest/tmp/"
in_guest() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount sh -c 'g=$1 && shift && mount -t proc proc "$g/proc" && exec chroot "$g" "$@"' \
		in-guest "$guest" "$@"
}
in_guest dpkg -i "/tmp/$(basename "$deb")" >"$PW_TMP/dpkg.log" 2>&1
if in_guest env DEBIAN_FRONTEND=noninteractive apt-get -f install -y --no-install-recommends \
	>>"$PW_TMP/dpkg.log" 2>&1 &&
   in_guest dpkg-query -W -f "\${Status}" paravm-wizard 2>/dev/null | grep -q 'install ok installed'; then
	ok "dpkg -i (then apt-get -f install) in a throwaway guest"
else
	if grep -q 'Could not resolve\|Temporary failure\|Unable to fetch' "$PW_TMP/dpkg.log"; then
		skip "dpkg -i (then apt-get -f install) in a throwaway guest" "no network for the libraries"
	else
		not_ok "dpkg -i (then apt-get -f install) in a throwaway guest" "$(tail -n 15 "$PW_TMP/dpkg.log")"
	fi
	done_testing
	exit $?
fi

in_guest paravm-wizard --check --lang de >"$PW_TMP/de.out" 2>&1
rc=$?
diag "$(cat "$PW_TMP/de.out")"
if [ "$rc" -le 2 ] && grep -q 'debian-bookworm' "$PW_TMP/de.out"; then
	ok "the installed paravm-wizard --check --lang de works (exit $rc)"
else
	not_ok "the installed paravm-wizard --check --lang de works" "exit status $(describe_rc "$rc")"
fi
in_guest paravm-wizard --check --lang en >"$PW_TMP/en.out" 2>&1
if grep -qxF ./usr/share/locale/de/LC_MESSAGES/paravm-wizard.mo "$PW_TMP/contents"; then
	if ! cmp -s "$PW_TMP/de.out" "$PW_TMP/en.out"; then
		ok "--lang de: the report is in German"
	else
		not_ok "--lang de: the report is in German" "it is the same as with --lang en"
	fi
else
	skip "--lang de: the report is in German" "the package has no German catalogue yet"
fi
in_guest paravm-wizard --check --format=json >"$PW_JSON" 2>"$PW_TMP/json.err"
if python3 "$PW_JSON_PY" steps "$PW_JSON" >/dev/null 2>>"$PW_TMP/json.err"; then
	ok "the installed paravm-wizard --check --format=json gives a valid report"
else
	not_ok "the installed paravm-wizard --check --format=json gives a valid report" \
		"$(cat "$PW_TMP/json.err")"
fi

done_testing
