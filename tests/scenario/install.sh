#!/bin/sh
# make install / make uninstall: with PREFIX in a temporary directory the
# installed program finds its data (profiles.ini) and its translations
# from that PREFIX and runs --check on a fixture; DESTDIR stages a /usr
# install; uninstall leaves no file behind. Built from a copy of the tree
# (so that a test translation can be added), in a build folder of its own.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

for tool in make cc msgfmt; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "make install" "$tool is not installed (make deps)"
		done_testing
		exit 0
	fi
done

src=$PW_TMP/src
mkdir -p "$src"
(cd "$PW_TOP" && tar -c -f - --exclude='./build*' --exclude=./.git \
	--exclude=./debian/paravm-wizard --exclude=./debian/.debhelper .) |
	tar -x -C "$src" -f - || bail_out "cannot copy the tree"

# A one-message German catalogue, to see the installed one being used.
mkdir -p "$src/po"
rm -f "$src"/po/*.po
cat >"$src/po/de.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "%s: no such file. Give the path of a site config file."
msgstr "%s: keine solche Datei (Testkatalog)."
PO

prefix=$PW_TMP/prefix
build=$PW_TMP/build
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$src" B="$build" "$@" \
		>"$PW_TMP/make.out" 2>&1
}

if mk PREFIX="$prefix" install; then
	ok "make install PREFIX=$prefix"
else
	not_ok "make install PREFIX=$prefix" "$(tail -20 "$PW_TMP/make.out")"
	done_testing
	exit 1
fi

expect_files() {
	label=$1
	top=$2
	want=$3
	got=$(cd "$top" && find . \( -type f -o -type l \) | sort)
	if [ "$got" = "$want" ]; then
		ok "$label"
	else
		not_ok "$label" "want:" "$want" "got:" "$got"
	fi
}

expect_files "the installed files, each in its place" "$prefix" "./sbin/paravm-wizard
./share/bash-completion/completions/paravm-wizard
./share/locale/de/LC_MESSAGES/paravm-wizard.mo
./share/man/man8/paravm-wizard.8
./share/paravm-wizard/profiles.ini
./share/paravm-wizard/site.ini"

if [ -x "$prefix/sbin/paravm-wizard" ] &&
   cmp -s "$prefix/share/paravm-wizard/profiles.ini" "$PW_TOP/data/profiles.ini"; then
	ok "the program is executable, profiles.ini is the tree's"
else
	not_ok "the program is executable, profiles.ini is the tree's" "$(ls -l "$prefix/sbin")"
fi

# The installed program, with nothing next to it to fall back on.
PW_BIN=$prefix/sbin/paravm-wizard
unset PARAVM_WIZARD_DATADIR PARAVM_WIZARD_LANG
fixture bookworm-converted
PW_CASE="installed program" expect_steps "$FIXTURE" "arch=ok distro=ok" 0

pw --check --root "$FIXTURE" --format text
if [ "$RUN_RC" -le 2 ] && printf '%s\n' "$RUN_OUT" | grep -q 'debian-bookworm'; then
	ok "installed program: --check finds profiles.ini under its PREFIX"
else
	not_ok "installed program: --check finds profiles.ini under its PREFIX" \
		"exit status $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR"
fi

LC_ALL=C.UTF-8
export LC_ALL
pw --check --lang de --root "$FIXTURE" --config "$PW_TMP/no-such-site.ini"
if [ "$RUN_RC" -eq 74 ] && printf '%s\n' "$RUN_ERR" | grep -q 'Testkatalog'; then
	ok "installed program: --lang de uses the catalogue under its PREFIX"
else
	not_ok "installed program: --lang de uses the catalogue under its PREFIX" \
		"exit status $(describe_rc "$RUN_RC")" "stderr: $RUN_ERR"
fi
unset LC_ALL

if mk PREFIX="$prefix" uninstall; then
	ok "make uninstall PREFIX=$prefix"
else
	not_ok "make uninstall PREFIX=$prefix" "$(tail -20 "$PW_TMP/make.out")"
fi
expect_files "uninstall leaves no file behind" "$prefix" ""
if [ ! -e "$prefix/share/paravm-wizard" ]; then
	ok "uninstall removes share/paravm-wizard"
else
	not_ok "uninstall removes share/paravm-wizard" "$(ls -la "$prefix/share/paravm-wizard")"
fi

# DESTDIR: a /usr install staged in a folder; the program is rebuilt
# with the new PREFIX's paths.
dest=$PW_TMP/dest
if mk DESTDIR="$dest" PREFIX=/usr install; then
	ok "make install DESTDIR=... PREFIX=/usr"
else
	not_ok "make install DESTDIR=... PREFIX=/usr" "$(tail -20 "$PW_TMP/make.out")"
fi
expect_files "DESTDIR holds the /usr files" "$dest" "./usr/sbin/paravm-wizard
./usr/share/bash-completion/completions/paravm-wizard
./usr/share/locale/de/LC_MESSAGES/paravm-wizard.mo
./usr/share/man/man8/paravm-wizard.8
./usr/share/paravm-wizard/profiles.ini
./usr/share/paravm-wizard/site.ini"
if grep -q "/usr/share/paravm-wizard" "$dest/usr/sbin/paravm-wizard" &&
   ! grep -q "$prefix" "$dest/usr/sbin/paravm-wizard"; then
	ok "the /usr program looks in /usr/share, not in the earlier PREFIX"
else
	not_ok "the /usr program looks in /usr/share, not in the earlier PREFIX"
fi
mk DESTDIR="$dest" PREFIX=/usr uninstall
expect_files "uninstall with DESTDIR leaves no file behind" "$dest" ""

done_testing
