#!/bin/sh
# The static program (make static) as on etch's kernel, Linux 2.6.18:
# tests/guest/old-kernel answers ENOSYS to every system call newer than
# 2.6.18, setarch --uname-2.6 makes uname say 2.6, and
# PARAVM_WIZARD_OLD_KERNEL=1 makes the program treat O_PATH, O_CLOEXEC and
# F_DUPFD_CLOEXEC as such a kernel would (static/old-kernel.c). Under all three:
# - readelf: no interpreter, no dynamic section (nothing to load);
# - the etch end-to-end conversion (tests/e2e/etch-convert.sh: --check,
#   --dry-run, --yes, a second --yes, pygrub, --undo) with this program;
# - chrooted into the etch guest, where none of this machine's libraries
#   are: --check (text, JSON, German in Latin-1) and --dry-run --yes as the
#   owner would run them on the VM;
# - the full-screen wizard in tmux, chrooted (with the guest's terminfo)
#   and on a fixture.
# The program is $PW_STATIC_BIN, else build/static/paravm-wizard; skipped
# when it is not built. Root only; about two minutes once the guest is cached.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"

top=$(cd "$(dirname "$0")/../.." && pwd)
static=${PW_STATIC_BIN:-$top/build/static/paravm-wizard}
case $static in /*) ;; *) static=$top/$static ;; esac
if [ ! -x "$static" ]; then
	echo "1..0 # SKIP the static program is not built (make static)"
	exit 0
fi
if ! command -v setarch >/dev/null 2>&1 || ! command -v readelf >/dev/null 2>&1; then
	echo "1..0 # SKIP setarch or readelf is missing (packages util-linux, binutils)"
	exit 0
fi
export PW_STATIC_BIN=$static
PW_BIN=$static
export PW_BIN
# shellcheck source=../e2e/lib-e2e.sh
. "$top/tests/e2e/lib-e2e.sh"

# ---- what the file needs to start --------------------------------------------
if readelf -lW "$static" >"$PW_TMP/phdr" 2>&1 && ! grep -q INTERP "$PW_TMP/phdr" &&
   ! grep -qi 'Requesting program interpreter' "$PW_TMP/phdr"; then
	ok "readelf -l: no program interpreter"
else
	not_ok "readelf -l: no program interpreter" "$(cat "$PW_TMP/phdr")"
fi
readelf -dW "$static" >"$PW_TMP/dyn" 2>&1
if ! grep -q NEEDED "$PW_TMP/dyn"; then
	ok "readelf -d: no NEEDED library ($(grep -o 'no dynamic section' "$PW_TMP/dyn" || echo dynamic section))"
else
	not_ok "readelf -d: no NEEDED library" "$(cat "$PW_TMP/dyn")"
fi

# ---- the old kernel ------------------------------------------------------------
# (outside $PW_TMP: the end-to-end test below mounts its own tmpfs there)
kdir=$(mktemp -d /var/tmp/pw-old-kernel.XXXXXX)
remove_kdir() {
	rm -rf "$kdir"
}
pw_at_exit remove_kdir
helper=$kdir/old-kernel
if ! ${CC:-cc} -O2 -Wall -o "$helper" "$top/tests/guest/old-kernel.c" 2>"$kdir/cc.err"; then
	bail_out "tests/guest/old-kernel.c does not build: $(cat "$kdir/cc.err")"
fi
old() {
	setarch --uname-2.6 "$helper" "$@"
}
if [ "$(old /bin/uname -r | cut -c1-4)" = "2.6." ] && old "$static" --version >/dev/null; then
	ok "under the filter, uname says 2.6 and the program starts"
else
	not_ok "under the filter, uname says 2.6 and the program starts" "$(old /bin/uname -r 2>&1)"
fi
# a call newer than 2.6.18 (getrandom, 318) gets ENOSYS there (--all: in
# every process; without it, only in a static program's own code)
if old --all /usr/bin/python3 -c 'import os,errno
try:
    os.getrandom(1)
except OSError as e:
    raise SystemExit(0 if e.errno == errno.ENOSYS else 1)
raise SystemExit(1)' 2>/dev/null; then
	ok "under the filter, getrandom() fails with ENOSYS as on 2.6.18"
else
	not_ok "under the filter, getrandom() fails with ENOSYS as on 2.6.18"
fi

wrapper=$kdir/paravm-wizard
cat >"$wrapper" <<EOF
#!/bin/sh
PARAVM_WIZARD_OLD_KERNEL=1 exec setarch --uname-2.6 "$helper" "$static" "\$@"
EOF
chmod 755 "$wrapper"

# ---- the etch conversion, end to end ------------------------------------------------
say "tests/e2e/etch-convert.sh with the static program under the filter"
env -u PW_E2E_NS PW_BIN="$wrapper" bash "$top/tests/e2e/etch-convert.sh" \
	>"$kdir/etch.tap" 2>"$kdir/etch.err"
while IFS= read -r line; do
	case $line in
	"ok "*) ok "2.6.18: ${line#ok * - }" ;;
	"not ok "*) not_ok "2.6.18: ${line#not ok * - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$kdir/etch.tap"
grep -q '^1\.\.' "$kdir/etch.tap" ||
	not_ok "2.6.18: etch-convert.sh ran to its end" "$(tail -n 20 "$kdir/etch.err")"

# ---- chrooted into the guest -------------------------------------------------------------
e2e_guest etch-sysvinit ext3
found=
for pattern in 'ld-musl*' 'libnewt*' 'libiniparser*' 'libslang*'; do
	[ -n "$(find "$E2E_MNT" -xdev -name "$pattern" -print -quit)" ] && found="$found $pattern"
done
if [ -z "$found" ]; then
	ok "the etch guest has no musl, newt, slang or iniparser of its own"
else
	not_ok "the etch guest has no musl, newt, slang or iniparser of its own" "found:$found"
fi
mkdir -p "$E2E_MNT/root/pw"
cp "$static" "$E2E_MNT/root/pw/paravm-wizard"
e2e_answers "$E2E_MNT/root/pw/answers.ini" eth0
mount -t proc proc "$E2E_MNT/proc"
mount --rbind /dev "$E2E_MNT/dev"
in_guest() {
	run env PARAVM_WIZARD_OLD_KERNEL=1 timeout -k 5 "$E2E_TIMEOUT" \
		setarch --uname-2.6 "$helper" --chroot "$E2E_MNT" \
		/root/pw/paravm-wizard "$@"
}
in_guest --check
if [ "$RUN_RC" = 1 ] && grep -q 'Debian 4.0 (etch)' "$RUN_OUT_FILE"; then
	ok "chrooted, 2.6.18: --check sees Debian 4.0 (etch), steps left (exit status 1)"
else
	not_ok "chrooted, 2.6.18: --check sees Debian 4.0 (etch), steps left (exit status 1)" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
in_guest --check --format=json --lang de
if [ "$RUN_RC" = 1 ] && grep -q '"profile":"debian-etch"' "$RUN_OUT_FILE"; then
	ok "chrooted, 2.6.18: --check --format=json names the etch profile (from inside the program)"
else
	not_ok "chrooted, 2.6.18: --check --format=json names the etch profile" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
LANG=de_DE.ISO-8859-1 in_guest --check
if [ "$RUN_RC" = 1 ] && iconv -f ISO-8859-1 -t UTF-8 "$RUN_OUT_FILE" | grep -q 'Bootmenü'; then
	ok "chrooted, 2.6.18: in de_DE.ISO-8859-1 (no locale files), German in Latin-1"
else
	not_ok "chrooted, 2.6.18: in de_DE.ISO-8859-1 (no locale files), German in Latin-1" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi
# (not grub and disks: in a chroot, / is not the root of a mount, and
# root=UUID= cannot be found for it; the e2e run above does those)
in_guest --dry-run --answers /root/pw/answers.ini --yes --only network,packages,console
if { [ "$RUN_RC" = 0 ] || [ "$RUN_RC" = 1 ]; } && grep -q '^+.*inet static' "$RUN_OUT_FILE" &&
   grep -q 'linux-image-xen-amd64' "$RUN_OUT_FILE"; then
	ok "chrooted, 2.6.18: --dry-run --yes shows the static address and apt's plan"
else
	not_ok "chrooted, 2.6.18: --dry-run --yes shows the static address and apt's plan" \
		"exit status $(describe_rc "$RUN_RC")" "$(tail -n 20 "$RUN_OUT_FILE")" "$RUN_ERR"
fi
# the wizard's screens there, drawn from the guest's own terminfo
if pw_have_tmux; then
	pw_tmux_init
	PW_TMUX_PREFIX="env PARAVM_WIZARD_OLD_KERNEL=1 setarch --uname-2.6 $helper --chroot $E2E_MNT"
	PW_BIN=/root/pw/paravm-wizard
	start linux
	shows "chrooted, 2.6.18, TERM=linux: the wizard's dashboard opens (the guest's terminfo)" \
		"The conversion, step by step"
	keys Escape
	shows "chrooted, 2.6.18, TERM=linux: Esc asks before quitting" "Nothing half-done is left"
	keys Enter
	exits "chrooted, 2.6.18, TERM=linux: quit" 1
	PW_TMUX_PREFIX=
	PW_BIN=$static
	pw_tmux_kill
fi
umount -R "$E2E_MNT/dev"
umount "$E2E_MNT/proc"
e2e_umount
e2e_no_loop_left

# ---- the full-screen wizard ---------------------------------------------------------------
if pw_have_tmux; then
	pw_tmux_init
	fixture etch-hvm
	PW_TMUX_PREFIX="env PARAVM_WIZARD_OLD_KERNEL=1 setarch --uname-2.6 $helper"
	start xterm --root "$FIXTURE"
	shows "2.6.18, tmux: the wizard's dashboard opens" "The conversion, step by step"
	keys Escape
	shows "2.6.18, tmux: Esc asks before quitting" "Nothing half-done is left"
	keys Enter
	exits "2.6.18, tmux: quit" 1
	PW_TMUX_PREFIX=
	pw_tmux_kill
else
	skip "2.6.18, tmux: the wizard" "tmux is not installed"
fi
done_testing
