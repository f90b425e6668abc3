# Shared by the end-to-end tests in tests/e2e: sourced, never run.
#
# An end-to-end test converts a real Debian guest (tests/guest/make-guest)
# lying on a real block device: the guest tree is put on a disk image
# (tests/guest/disk-image), the image's filesystem is mounted from a loop
# device, and paravm-wizard runs with --root on that mount, as it would on a
# rescue system converting a VM's disk. The proof of the conversion is Xen's
# own PV bootloader run on the unmounted image (tests/guest/pygrub-check).
#
# The script runs in a private mount and PID namespace of its own (it starts
# itself again in one, first thing): whatever it mounts, and the loop devices
# behind, are gone when it ends, however it ends. Its temporary directory
# (tests/lib.sh) is removed too.
#
# TAP on stdout (tests/lib.sh); what the script is doing on stderr.
#
# Environment: PW_BIN (the program), PW_CACHE (make-guest's cache),
# PW_E2E_TIMEOUT (seconds an apply or an undo may take; default 300).

# Variables set here are read by the scripts that source this file.
# shellcheck disable=SC2034

# ---- into a namespace of our own (plain sh up to here) ----------------------

PW_TOP=${PW_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
PW_GUEST_TOOLS=$PW_TOP/tests/guest

if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP the end-to-end tests need root (loop devices, mounts, chroot)"
	exit 0
fi
if [ -z "${PW_E2E_NS:-}" ]; then
	PW_E2E_NS=1
	export PW_E2E_NS PW_TOP
	exec "$PW_GUEST_TOOLS/disk-image" ns -- bash "$0" "$@"
fi
if [ -z "${BASH_VERSION:-}" ]; then
	echo "Bail out! lib-e2e.sh needs bash"
	exit 1
fi
# The temporary files (the guest tree, its disk image) go to a tmpfs of this
# namespace: even a kill -9 of the test leaves nothing behind.
E2E_TMPFS=/run/paravm-wizard-e2e
if ! mkdir -p "$E2E_TMPFS" || ! mount -t tmpfs -o mode=0700,size=8g pw-e2e "$E2E_TMPFS"; then
	echo "Bail out! cannot mount a tmpfs on $E2E_TMPFS"
	exit 1
fi
TMPDIR=$E2E_TMPFS
export TMPDIR

# shellcheck source=../lib.sh
. "$PW_TOP/tests/lib.sh"

E2E_TIMEOUT=${PW_E2E_TIMEOUT:-300}
E2E_PYGRUB_CHECK=$PW_GUEST_TOOLS/pygrub-check
E2E_DISK=$PW_GUEST_TOOLS/disk-image
E2E_TREE=
E2E_IMG=
E2E_MNT=
E2E_T0=$(date +%s)

# What the test is doing, for whoever waits for it: stderr, with the time.
say() {
	printf '# [%3ds] %s\n' "$(($(date +%s) - E2E_T0))" "$*" >&2
}

e2e_cleanup() {
	local rc=$?
	if [ -n "$E2E_MNT" ] && mountpoint -q "$E2E_MNT" 2>/dev/null; then
		"$E2E_DISK" umount "$E2E_MNT" 2>/dev/null || umount -l "$E2E_MNT" 2>/dev/null
	fi
	if [ -n "$E2E_IMG" ] && [ -f "$E2E_IMG" ]; then
		"$E2E_DISK" release "$E2E_IMG" 2>/dev/null
	fi
	pw_cleanup
	exit "$rc"
}
trap e2e_cleanup EXIT

# e2e_require: what an end-to-end test needs; a "Bail out!" names what is
# missing.
e2e_require() {
	local c
	pw_require_bin
	for c in debootstrap sfdisk mkfs.ext3 mkfs.ext4 debugfs losetup unshare python3; do
		command -v "$c" >/dev/null 2>&1 || bail_out "$c is missing: run 'make deps'"
	done
	if ! ls /usr/lib/xen-*/bin/pygrub >/dev/null 2>&1 && [ -z "${PW_PYGRUB:-}" ]; then
		bail_out "pygrub is missing: run 'make deps' (package xen-utils-4.17)"
	fi
}

# ---- the guest on a disk ----------------------------------------------------

# e2e_guest VARIANT FS: a fresh guest of make-guest's VARIANT (from its
# cache once built), on a disk image with a FS filesystem, mounted on
# $E2E_MNT from a loop device. $E2E_IMG is the image.
e2e_guest() {
	local variant=$1 fs=$2
	E2E_TREE=$PW_TMP/tree
	E2E_IMG=$PW_TMP/disk.img
	E2E_MNT=$PW_TMP/mnt
	say "building the $variant guest (make-guest; cached after the first time)"
	if ! "$PW_GUEST_TOOLS/make-guest" --variant "$variant" "$E2E_TREE" >"$PW_TMP/make-guest.log" 2>&1; then
		bail_out "make-guest --variant $variant failed: $(tail -n 5 "$PW_TMP/make-guest.log")"
	fi
	say "making a $fs disk image of it (disk-image make)"
	if ! "$E2E_DISK" make --fs "$fs" "$E2E_TREE" "$E2E_IMG" 2>"$PW_TMP/disk.log"; then
		bail_out "disk-image make failed: $(cat "$PW_TMP/disk.log")"
	fi
	rm -rf --one-file-system "$E2E_TREE"
	mkdir -p "$E2E_MNT"
	e2e_mount
}

e2e_mount() {
	local dev
	dev=$("$E2E_DISK" mount "$E2E_IMG" "$E2E_MNT" 2>"$PW_TMP/disk.log") ||
		bail_out "disk-image mount failed: $(cat "$PW_TMP/disk.log")"
	say "the guest is mounted on $E2E_MNT from $dev"
}

e2e_umount() {
	"$E2E_DISK" umount "$E2E_MNT" 2>"$PW_TMP/disk.log" ||
		bail_out "disk-image umount failed: $(cat "$PW_TMP/disk.log")"
}

# e2e_answers FILE IFACE: the answers of an unattended run (DESIGN.md),
# with the sipb-xen addresses of the seed.
e2e_answers() {
	cat >"$1" <<EOF
[network]
interface = $2
address = 18.181.1.23
netmask = 255.255.0.0
gateway = 18.181.0.1
nameservers = 18.70.0.160 18.71.0.151
EOF
}

# ---- running the program on it -----------------------------------------------

# e2e_pw TIMEOUT ARGS...: run the program on the mounted guest.
e2e_pw() {
	local t=$1
	shift
	PW_TIMEOUT=$t pw --root "$E2E_MNT" "$@"
}

# e2e_expect_rc NAME WANT...: the last run's exit status is one of WANT.
e2e_expect_rc() {
	local name=$1 w
	shift
	for w in "$@"; do
		if [ "$RUN_RC" = "$w" ]; then
			ok "$name (exit status $RUN_RC)"
			return 0
		fi
	done
	not_ok "$name" "exit status $(describe_rc "$RUN_RC"), wanted $*" \
		"stderr: $(printf '%s\n' "$RUN_ERR" | tail -n 15)" \
		"stdout: $(printf '%s\n' "$RUN_OUT" | tail -n 15)"
	return 1
}

# ---- the guest's files, before and after ---------------------------------------

E2E_TREE_PY=$PW_TMP/e2e-tree.py
cat >"$E2E_TREE_PY" <<'EOF'
# snap ROOT OUT: every entry under ROOT (type, mode, owner, size, mtime,
# link target, sha256 of a regular file's content), as JSON.
# diff A B [--mtime] [--exclude GLOB]... [--new-packages-of ROOT STATUS]:
# what differs between two snaps; exit 1 when anything does. GLOBs match
# guest paths ("/var/lib/dpkg/*"). --new-packages-of leaves out the files
# of the packages installed in ROOT now that STATUS (a copy of an earlier
# /var/lib/dpkg/status) did not list as installed.
import fnmatch
import hashlib
import json
import os
import stat
import sys


def snap(root, out):
    entries = {}
    root = os.path.abspath(root)
    dev = os.lstat(root).st_dev
    for d, dirs, files in os.walk(root):
        # never into another filesystem mounted below the guest
        dirs[:] = [x for x in dirs if os.lstat(os.path.join(d, x)).st_dev == dev]
        for name in dirs + files:
            p = os.path.join(d, name)
            st = os.lstat(p)
            rel = "/" + os.path.relpath(p, root)
            e = {"mode": "%o" % st.st_mode, "owner": "%d:%d" % (st.st_uid, st.st_gid),
                 "mtime": st.st_mtime_ns}
            if stat.S_ISREG(st.st_mode):
                h = hashlib.sha256()
                with open(p, "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        h.update(chunk)
                e["size"] = st.st_size
                e["sha256"] = h.hexdigest()
            elif stat.S_ISLNK(st.st_mode):
                e["target"] = os.readlink(p)
            elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                e["rdev"] = "%d:%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
            entries[rel] = e
    with open(out, "w") as f:
        json.dump(entries, f)


def installed(status_text):
    pkgs, name = set(), None
    for line in status_text.splitlines():
        if line.startswith("Package: "):
            name = line[9:].strip()
        elif line.startswith("Status: ") and line.split()[-1] == "installed" and name:
            pkgs.add(name.split(":")[0])
    return pkgs


def new_package_files(root, status_before):
    with open(status_before) as f:
        before = installed(f.read())
    with open(os.path.join(root, "var/lib/dpkg/status")) as f:
        now = installed(f.read())
    paths = set()
    info = os.path.join(root, "var/lib/dpkg/info")
    for pkg in sorted(now - before):
        for cand in (pkg + ".list", pkg + ":amd64.list"):
            lst = os.path.join(info, cand)
            if not os.path.exists(lst):
                continue
            with open(lst) as f:
                for p in f.read().splitlines():
                    if not p.startswith("/") or p == "/.":
                        continue
                    paths.add(p)
                    # merged /usr: /lib/x is /usr/lib/x in the guest
                    first = p.split("/")[1]
                    link = os.path.join(root, first)
                    if os.path.islink(link):
                        t = os.readlink(link).rstrip("/")
                        paths.add("/" + t.lstrip("/") + p[len(first) + 1:])
    return now - before, paths


def diff(args):
    a, b = args[0], args[1]
    use_mtime, globs, skip = False, [], set()
    i = 2
    while i < len(args):
        if args[i] == "--mtime":
            use_mtime = True
            i += 1
        elif args[i] == "--exclude":
            globs.append(args[i + 1])
            i += 2
        elif args[i] == "--new-packages-of":
            pkgs, skip = new_package_files(args[i + 1], args[i + 2])
            if pkgs:
                print("# left out: the files of the packages installed since: %s"
                      % " ".join(sorted(pkgs)))
            i += 3
        else:
            sys.exit("e2e-tree diff: unknown argument %s" % args[i])
    with open(a) as f:
        A = json.load(f)
    with open(b) as f:
        B = json.load(f)

    def wanted(p):
        return p not in skip and not any(fnmatch.fnmatchcase(p, g) for g in globs)

    out = []
    for p in sorted(set(A) | set(B)):
        if not wanted(p):
            continue
        if p not in B:
            out.append("removed: %s" % p)
        elif p not in A:
            out.append("added:   %s" % p)
        else:
            ea, eb = dict(A[p]), dict(B[p])
            if not use_mtime or stat.S_ISDIR(int(ea["mode"], 8)):
                # a directory's mtime moves whenever an entry in it comes
                # and goes; the entries themselves are compared
                ea.pop("mtime")
                eb.pop("mtime")
            what = [k for k in sorted(set(ea) | set(eb)) if ea.get(k) != eb.get(k)]
            if what:
                out.append("changed: %s (%s)" % (p, ", ".join(what)))
    for line in out:
        print(line)
    sys.exit(1 if out else 0)


if sys.argv[1] == "snap":
    snap(sys.argv[2], sys.argv[3])
else:
    diff(sys.argv[2:])
EOF

# e2e_snap NAME: a snap of the mounted guest, kept as $PW_TMP/snap.NAME.
e2e_snap() {
	python3 "$E2E_TREE_PY" snap "$E2E_MNT" "$PW_TMP/snap.$1"
}

# e2e_same NAME A B [diff options...]: ok when the snaps A and B agree.
e2e_same() {
	local name=$1 a=$2 b=$3
	shift 3
	if python3 "$E2E_TREE_PY" diff "$PW_TMP/snap.$a" "$PW_TMP/snap.$b" "$@" \
		>"$PW_TMP/snapdiff" 2>&1; then
		ok "$name"
	else
		not_ok "$name" "$(grep -v '^# left out' "$PW_TMP/snapdiff" | head -n 25)" \
			"($(grep -vc '^# left out' "$PW_TMP/snapdiff") differences in all)"
	fi
}

# What an apply and an undo leave that the undo does not restore, by the
# contract: the log, the backups, the wizard's own state, and what installing
# the packages changed (their files, dpkg's and apt's state and logs, and
# update-grub's copy of the menu it replaced).
E2E_UNDO_EXCLUDES=(
	--exclude /var/log/paravm-wizard.log
	--exclude /var/backups/paravm-wizard --exclude '/var/backups/paravm-wizard/*'
	--exclude /var/lib/paravm-wizard --exclude '/var/lib/paravm-wizard/*'
	--exclude '/var/lib/dpkg/*' --exclude '/var/lib/apt/*' --exclude '/var/cache/*'
	--exclude /var/log/dpkg.log --exclude /var/log/alternatives.log
	--exclude /var/log/apt --exclude '/var/log/apt/*'
	--exclude /etc/ld.so.cache --exclude /boot/grub/menu.lst~
)

# e2e_expect_ready LABEL [all]: --check --format=json on the guest says
# ready; with "all", every step is ok (or a warning) too.
e2e_expect_ready() {
	local id
	# shellcheck disable=SC2034 # read by lib.sh's checks
	PW_LABEL=$1
	PW_TIMEOUT=60 pw_check_json "$E2E_MNT" || return
	if [ "$(json get ready)" = true ]; then
		ok "--check --format=json says ready"
	else
		not_ok "--check --format=json says ready" "$(cat "$PW_STEPS")"
	fi
	[ "${2:-}" = all ] || return 0
	for id in arch distro network packages grub console disks; do
		expect_step "$id" "ok|warn"
	done
}

# e2e_grep NAME FILE ERE: ok when a line of the guest's FILE matches ERE.
e2e_grep() {
	if grep -Eq -- "$3" "$E2E_MNT$2" 2>/dev/null; then
		ok "$1"
	else
		not_ok "$1" "no line of $2 matches /$3/" \
			"$(sed -n '1,40p' "$E2E_MNT$2" 2>&1)"
	fi
}

# e2e_pygrub NAME ARGS...: pygrub-check on the (unmounted) image.
e2e_pygrub() {
	local name=$1
	shift
	if "$E2E_PYGRUB_CHECK" "$@" "$E2E_IMG" >"$PW_TMP/pygrub.out" 2>&1; then
		ok "$name"
		diag "$(cat "$PW_TMP/pygrub.out")" >&2
	else
		not_ok "$name" "$(cat "$PW_TMP/pygrub.out")"
	fi
}

# e2e_no_loop_left: after the last unmount, no loop device of the image.
e2e_no_loop_left() {
	local left
	sleep 0.3
	left=$(losetup -n -O NAME -j "$E2E_IMG" 2>/dev/null)
	if [ -z "$left" ]; then
		ok "no loop device is left attached to the image"
	else
		not_ok "no loop device is left attached to the image" "$left"
	fi
}
