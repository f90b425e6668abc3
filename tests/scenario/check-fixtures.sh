#!/bin/sh
# --check on each fixture guest tree: every step's status, the exit status,
# the facts a message must name, and that nothing in the guest changes.
#
#   etch-hvm            Debian 4.0 as installed: everything but arch and distro to do
#   ubuntu-hardy-i386   a 32-bit install: blocked
#   lenny-converted     Debian 5.0.10, converted: ready
#   bookworm-systemd    Debian 12 with systemd: network, grub, console to do
#   bookworm-converted  the same, converted: ready
#   bookworm-netplan    Debian 12 whose network is netplan's: network to do, not blocked
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

# The copies lib.sh makes are what the tests rely on: check them first.
fixture etch-hvm
t=$FIXTURE
PW_LABEL=fixtures
if [ "$(od -An -N5 -c "$t/bin/sh" | tr -d ' ')" = '177ELF002' ]; then
	ok "fixtures: etch-hvm's /bin/sh is generated as a 64-bit ELF header"
else
	not_ok "fixtures: etch-hvm's /bin/sh is generated as a 64-bit ELF header" \
		"$(od -An -N16 -c "$t/bin/sh")"
fi
if command -v infocmp >/dev/null 2>&1; then
	if infocmp -A "$t/lib/terminfo" vt102 >/dev/null 2>&1; then
		ok "fixtures: the generated terminfo entries load in ncurses"
	else
		not_ok "fixtures: the generated terminfo entries load in ncurses" \
			"$(infocmp -A "$t/lib/terminfo" vt102 2>&1)"
	fi
else
	skip "fixtures: the generated terminfo entries load in ncurses" "no infocmp here"
fi

# Binary files are generated, never committed (see tests/lib.sh).
binaries=$(grep -rIL '' "$PW_FIXTURES" 2>/dev/null)
if [ -z "$binaries" ]; then
	ok "fixtures: the committed trees hold text files only"
else
	not_ok "fixtures: the committed trees hold text files only" "$binaries"
fi

# ---- etch-hvm ----------------------------------------------------------------
expect_steps "$t" \
	"arch=ok distro=ok network=todo packages=todo grub=todo console=todo disks=todo" 1
if [ "$(json get profile 2>/dev/null)" = debian-etch ]; then
	ok "etch-hvm: profile debian-etch"
else
	not_ok "etch-hvm: profile debian-etch" "got: $(json get profile 2>&1)"
fi
expect_msg distro 'Debian 4\.0' "names Debian 4.0"
expect_msg network 'eth0' "names eth0"
expect_msg network 'dhcp' "says DHCP is in use"
expect_msg packages 'linux-image-xen-amd64' "names linux-image-xen-amd64"
expect_msg grub 'menu\.lst' "names /boot/grub/menu.lst"
expect_msg grub 'update-grub' "says update-grub leaves Xen kernels out"
expect_msg console 'xvc0' "names the console xvc0"
expect_msg disks 'hda1' "names /dev/hda1"

# the text report agrees with the JSON one
PW_LABEL=etch-hvm
pw --check --root "$t"
if [ "$RUN_RC" -eq 1 ] && [ "$(printf '%s\n' "$RUN_OUT" | wc -l)" -eq 8 ]; then
	ok "etch-hvm: text report: exit status 1, a line per step and a summary"
else
	not_ok "etch-hvm: text report: exit status 1, a line per step and a summary" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi

# ---- ubuntu-hardy-i386 ------------------------------------------------------
fixture ubuntu-hardy-i386
t=$FIXTURE
expect_steps "$t" "arch=blocked distro=ok" 2
expect_msg arch '32-bit' "explains that 32-bit cannot be converted"
expect_msg arch '64-bit' "says what would work (64-bit)"
expect_msg distro 'Ubuntu 8\.04' "names Ubuntu 8.04"
pw --check --root "$t" --only arch
if [ "$RUN_RC" -eq 2 ] && printf '%s\n' "$RUN_OUT" | grep -q '32-bit'; then
	ok "ubuntu-hardy-i386: text report: blocked (exit 2), with the reason"
else
	not_ok "ubuntu-hardy-i386: text report: blocked (exit 2), with the reason" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi

# ---- lenny-converted --------------------------------------------------------
fixture lenny-converted
t=$FIXTURE
expect_steps "$t" \
	"arch=ok distro=ok network=ok packages=ok grub=ok console=ok disks=ok" 0
if [ "$(json get ready 2>/dev/null)" = true ] && [ "$(json get profile 2>/dev/null)" = debian-lenny ]; then
	ok "lenny-converted: ready true, profile debian-lenny"
else
	not_ok "lenny-converted: ready true, profile debian-lenny" "$(cat "$PW_JSON")"
fi
expect_msg distro 'Debian 5\.0\.10' "names Debian 5.0.10"
expect_no_msg network 'dhcp' "does not call the static stanza DHCP"
pw --check --root "$t"
if [ "$RUN_RC" -eq 0 ] && printf '%s\n' "$RUN_OUT" | tail -n 1 | grep -q '^Ready'; then
	ok "lenny-converted: text report ends with Ready"
else
	not_ok "lenny-converted: text report ends with Ready" \
		"exit status $(describe_rc "$RUN_RC")" "$RUN_OUT" "$RUN_ERR"
fi

# ---- bookworm-systemd -------------------------------------------------------
fixture bookworm-systemd
t=$FIXTURE
expect_steps "$t" \
	"arch=ok distro=ok network=todo packages=ok grub=todo console=todo disks=ok" 1
if [ "$(json get profile 2>/dev/null)" = debian-bookworm ]; then
	ok "bookworm-systemd: profile debian-bookworm"
else
	not_ok "bookworm-systemd: profile debian-bookworm" "got: $(json get profile 2>&1)"
fi
expect_msg distro 'Debian 12' "names Debian 12"
expect_msg network 'dhcp' "says DHCP is in use"
expect_msg network 'enX0' "says the NIC will be enX0 under ParaVM"
expect_msg network 'ens3' "names the current interface ens3"
expect_msg grub 'console' "says the console argument is missing"
expect_msg console 'hvc0' "names the console hvc0"

# ---- bookworm-converted -----------------------------------------------------
fixture bookworm-converted
t=$FIXTURE
expect_steps "$t" \
	"arch=ok distro=ok network=ok packages=ok grub=ok console=ok disks=ok" 0
if [ "$(json get ready 2>/dev/null)" = true ]; then
	ok "bookworm-converted: ready true"
else
	not_ok "bookworm-converted: ready true" "$(cat "$PW_JSON")"
fi
expect_msg network 'enX0' "names enX0"

# ---- bookworm-netplan ---------------------------------------------------------
fixture bookworm-netplan
t=$FIXTURE
expect_steps "$t" \
	"arch=ok distro=ok network=todo packages=ok grub=todo console=todo disks=ok" 1
expect_msg network 'in charge at boot is netplan \(through systemd-networkd\)' "names netplan through networkd"
expect_msg network 'ens3 gets its address by DHCP \(/etc/netplan/50-cloud-init\.yaml' "says DHCP is in use, and where"
expect_msg network 'matched by its MAC address' "says the card under ParaVM is matched by its MAC address"

done_testing
