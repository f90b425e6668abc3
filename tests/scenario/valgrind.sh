#!/bin/sh
# --check, --dry-run, an apply and --undo under valgrind's memcheck: no
# invalid read or write, no use of an uninitialised value, no definite
# leak. (The sanitizer pass of make check runs the same program built with
# AddressSanitizer; valgrind checks the build that ships.)
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

if ! command -v valgrind >/dev/null 2>&1; then
	skip "valgrind runs" "valgrind is not installed (make deps)"
	done_testing
	exit 0
fi

# the grub and disks steps need the UUID of a real filesystem: a loop
# device where there can be one, else a folder and only network, console
if pw_mount_fixture etch-hvm; then
	t=$MOUNTED steps=network,grub,console,disks
else
	fixture etch-hvm
	t=$FIXTURE steps=network,console
	skip "valgrind: grub and disks on a loop-mounted guest" "$PW_MOUNT_WHY"
fi
answers=$FIXTURE_CASE/answers.ini
printf '[network]\naddress = 18.181.1.23\nnetmask = 255.255.0.0\ngateway = 18.181.0.1\nnameservers = 18.70.0.160\n' >"$answers"

# memcheck NAME EXPECTED-EXIT ARGS...: exit 99 is valgrind's own verdict
memcheck() {
	name=$1 want=$2
	shift 2
	# the children (commands run in the guest) exec at once: only the program counts
	run timeout 300 valgrind -q --error-exitcode=99 --leak-check=full --child-silent-after-fork=yes \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		"$PW_BIN" "$@"
	if [ "$RUN_RC" -eq "$want" ]; then
		ok "valgrind: $name: exit $want, no error, no definite leak"
	else
		not_ok "valgrind: $name: exit $want, no error, no definite leak" \
			"exit $(describe_rc "$RUN_RC")" "$(printf '%s\n' "$RUN_ERR" | head -n 40)"
	fi
}

memcheck "--check" 1 --root "$t" --check
memcheck "--check --format json --lang de" 1 --root "$t" --check --format json --lang de
# (the fixture has no apt: the packages step runs under valgrind nowhere,
# under AddressSanitizer in the end-to-end tests)
memcheck "--dry-run --only $steps" 0 --root "$t" --answers "$answers" --dry-run --only "$steps"
case $steps in
*disks*)
	check "the dry run planned grub and disks too" sh -c \
		'printf "%s\n" "$1" | grep -q "^+++ b/boot/grub/menu.lst" &&
		 printf "%s\n" "$1" | grep -q "^+++ b/etc/fstab"' sh "$RUN_OUT" ;;
esac
memcheck "--yes --only network,console" 0 --root "$t" --answers "$answers" --yes --only network,console
memcheck "--undo" 0 --root "$t" --undo
check "--undo put the network configuration back" \
	cmp -s "$t/etc/network/interfaces" "$PW_FIXTURES/etch-hvm/etc/network/interfaces"
memcheck "a bad answers file" 65 --root "$t" --answers /dev/null --yes --only network
done_testing
