#!/bin/sh
# --check on the releases after bookworm and jammy, one fixture guest tree
# each (data/profiles.ini has their profiles): the profile matched, the
# kernel package, the console. Their network is left out (--only): the
# Ubuntu ones configure it with netplan, which the network step's stacks
# handle, and the Debian ones are the same as bookworm-systemd there.
#
#   trixie-systemd     Debian 13: grub and console to do
#   forky-systemd      Debian 14, testing: os-release gives no number, only the codename
#   noble-netplan      Ubuntu 24.04 LTS, linux-image-virtual
#   resolute-netplan   Ubuntu 26.04 LTS
#
# Then the interim Ubuntu releases, by changing the release files of a
# copy, and releases newer than every profile: each is served by its
# distribution's newest profile, with a warning.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

pw_require_bin

STEPS=arch,distro,packages,grub,console,disks

# profile ID: the report's profile is ID.
profile() {
	got=$(json get profile 2>/dev/null)
	if [ "$got" = "$1" ]; then
		ok "$PW_LABEL: profile $1"
	else
		not_ok "$PW_LABEL: profile $1" "got: $got"
	fi
}

# release TREE ID VERSION CODENAME: os-release (a link to /usr/lib/os-release in
# these trees) and lsb-release (Ubuntu) or debian_version (Debian) say so.
release() {
	in_tmp "$1"
	{
		if [ "$2" = ubuntu ]; then
			echo "NAME=\"Ubuntu\""
			echo "ID=ubuntu"
			echo "ID_LIKE=debian"
			echo "UBUNTU_CODENAME=$4"
		else
			echo "NAME=\"Debian GNU/Linux\""
			echo "ID=debian"
		fi
		[ -z "$3" ] || echo "VERSION_ID=\"$3\""
		echo "VERSION_CODENAME=$4"
	} >"$1/etc/os-release"
	if [ "$2" = ubuntu ]; then
		printf 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=%s\nDISTRIB_CODENAME=%s\n' "$3" "$4" \
			>"$1/etc/lsb-release"
	else
		echo "${3:-$4/sid}" >"$1/etc/debian_version"
	fi
}

for case in "trixie-systemd debian-trixie Debian.13 linux-image-amd64" \
	"forky-systemd debian-forky Debian.forky linux-image-amd64" \
	"noble-netplan ubuntu-noble Ubuntu.24\.04 linux-image-virtual" \
	"resolute-netplan ubuntu-resolute Ubuntu.26\.04 linux-image-virtual"; do
	set -- $case
	fixture "$1"
	expect_steps "$FIXTURE" "arch=ok distro=ok packages=ok grub=todo console=todo disks=ok" 1 \
		--only "$STEPS"
	profile "$2"
	expect_msg distro "$3" "names the release"
	expect_msg packages "$4" "names $4"
	expect_msg grub 'console=hvc0' "asks for console=hvc0"
	expect_msg console 'hvc0' "names the console hvc0"
done

# The interim Ubuntu releases between jammy and resolute; kinetic is jammy's.
for case in "22.10 kinetic ubuntu-xenial-jammy" "23.04 lunar ubuntu-noble" \
	"23.10 mantic ubuntu-noble" "24.10 oracular ubuntu-noble" "25.04 plucky ubuntu-noble" \
	"25.10 questing ubuntu-noble"; do
	set -- $case
	fixture noble-netplan
	release "$FIXTURE" ubuntu "$1" "$2"
	PW_CASE="ubuntu $1 ($2)"
	expect_steps "$FIXTURE" "distro=ok packages=ok" 0 --only distro,packages
	profile "$3"
done

# Newer than every profile: the newest of the distribution, with a warning.
# "-": no number at all, as Debian's testing ("duke/sid").
for case in "debian 15 duke debian-forky" "debian - duke debian-forky" \
	"ubuntu 26.10 stonking ubuntu-resolute" "ubuntu 28.04 unknown ubuntu-resolute"; do
	set -- $case
	fixture "$([ "$1" = debian ] && echo forky-systemd || echo resolute-netplan)"
	release "$FIXTURE" "$1" "$([ "$2" = - ] || echo "$2")" "$3"
	PW_CASE="$1 $2 ($3)"
	expect_steps "$FIXTURE" "distro=warn packages=ok" 0 --only distro,packages
	profile "$4"
	expect_msg distro "newer than any release this wizard knows.*profile $4" \
		"says it is newer, and which profile serves it"
done

# Releases older than the profiles' are not taken for newer ones.
fixture resolute-netplan
release "$FIXTURE" ubuntu 6.06 dapper
PW_CASE="ubuntu 6.06 (dapper)"
expect_steps "$FIXTURE" "distro=warn" 0 --only distro
profile ""
fixture forky-systemd
release "$FIXTURE" debian "" sarge
PW_CASE="debian sarge/sid"
expect_steps "$FIXTURE" "distro=ok packages=blocked" 2 --only distro,packages
profile debian-before-etch

done_testing
