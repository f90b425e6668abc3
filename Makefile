# paravm-wizard
#
#   make            build build/paravm-wizard
#   make check      build and run every test (some need root: loop devices, chroot)
#   make check-boot the boot tests only: guests converted and booted in QEMU, under Xen
#   make demo       run the program on a throwaway guest (never this machine)
#   make bench      time --check against dpkg-query on a real-sized guest, the first
#                   screen against whiptail's, and --check's cost as the guest grows
#   make deps       install the Debian packages that build and tests need (root)
#   make install    install under PREFIX (/usr/local), DESTDIR; make uninstall
#   make unit-check the cmocka unit tests only (no root, no network)
#   make deb        build the Debian package from a copy of the tree, lintian it
#   make static     build build/static/paravm-wizard: one static file (musl), data inside
#   make dist       the release file build/dist/paravm-wizard-VERSION-x86_64, SHA256SUMS

PREFIX ?= /usr/local
DATADIR ?= $(PREFIX)/share/paravm-wizard
LOCALEDIR ?= $(PREFIX)/share/locale
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS := libnewt tinfo blkid yaml-0.1

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wshadow -Wformat=2 -Wmissing-prototypes \
	-Wstrict-prototypes -Wno-format-nonliteral
CPPFLAGS += -D_GNU_SOURCE -Iinclude $(shell $(PKG_CONFIG) --cflags $(PKGS)) \
	-I/usr/include/iniparser \
	-DPW_DATADIR='"$(DATADIR)"' -DPW_LOCALEDIR='"$(LOCALEDIR)"'
# iniparser ships no .pc file on Debian
LDLIBS += -liniparser $(shell $(PKG_CONFIG) --libs $(PKGS))
LDFLAGS += -Wl,--as-needed

B := build
# checks/ in layers: core, facts, formats, edit, steps (see README)
CHECKS_SRC := $(wildcard checks/*/*.c)
WIZARD_SRC := $(wildcard wizard/*.c)
SCREENS_SRC := $(wildcard screens/*.c)
CHECKS_OBJ := $(CHECKS_SRC:%.c=$(B)/%.o)
WIZARD_OBJ := $(WIZARD_SRC:%.c=$(B)/%.o)
SCREENS_OBJ := $(SCREENS_SRC:%.c=$(B)/%.o)
UNIT_SRC := $(wildcard tests/unit/*/test-*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

all: $(B)/paravm-wizard

$(B)/%.o: %.c $(wildcard include/*.h screens/*.h checks/*/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libpw-checks.a: $(CHECKS_OBJ)
	$(AR) rcs $@ $^

# EXTRA_OBJ: what only the static build adds (static/*.c)
$(B)/paravm-wizard: $(WIZARD_OBJ) $(SCREENS_OBJ) $(EXTRA_OBJ) $(B)/libpw-checks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libpw-checks.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -Ichecks/core -o $@ $< $(B)/libpw-checks.a \
		$(LDFLAGS) $(LDLIBS) -lcmocka

# wizard/'s language choice is tested alone (tests/unit/wizard/)
$(B)/tests/wizard/%: tests/unit/wizard/%.c $(B)/wizard/lang.o $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -Iwizard -o $@ $< $(B)/wizard/lang.o \
		$(LDFLAGS) -lcmocka

# Debian packages for building and for the tests; installed only if missing.
DEPS := build-essential pkg-config libnewt-dev libncurses-dev libblkid-dev \
	libiniparser-dev libyaml-dev libcmocka-dev gettext debootstrap tmux diffutils \
	e2fsprogs fdisk util-linux python3 hyperfine time strace xen-utils-4.17
# the fuzzing harnesses (libFuzzer is in clang's runtime)
DEPS += clang libclang-rt-14-dev
# tests/scenario/valgrind.sh; make bench (callgrind), whose first screen is timed against whiptail's
DEPS += valgrind whiptail
# the manual page, the bash completion and the Debian package (make deb)
DEPS += groff-base man-db bash-completion dpkg-dev debhelper fakeroot lintian
# the fleet playbook's test (tests/scenario/ansible.sh)
DEPS += ansible-core
# make static: musl, and what tools/static-libs needs to build the libraries
DEPS += musl-tools dpkg-dev xz-utils
# the sources localedef builds ISO-8859-1 and KOI8-R locales from (tests/scenario/lang*.sh)
DEPS += locales
# tests/scenario/complexity.sh: no function in checks/ over its bounds
DEPS += pmccabe
# the boot tests (tests/boot): QEMU boots the guests, as HVM and under Xen
DEPS += qemu-system-x86
deps:
	@missing=$$(for p in $(DEPS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' \
			|| echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "Missing packages: $$missing"; echo "Install them as root: apt-get install $$missing"; exit 1; \
		fi; \
		echo "Installing: $$missing"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

# Every test on the normal build, the fuzzers' corpora, then the tests again
# on a build with AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer, where any report fails the test that caused it,
# and once more on the static program (make static). The last line counts
# them all. check-plain leaves out the second and third passes.
SAN_B := $(B)-sanitize
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
SAN_UNIT_BIN := $(UNIT_BIN:$(B)/%=$(SAN_B)/%)
sanitize-build: deps
	$(MAKE) B=$(SAN_B) CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		all $(SAN_UNIT_BIN)

check: deps sanitize-build fuzz-build static
	$(MAKE) all $(UNIT_BIN)
	PW_BIN=$(B)/paravm-wizard PW_FUZZ_BIN=$(FUZZ_B)/fuzz \
		PW_SAN_BIN=$(SAN_B)/paravm-wizard PW_SAN_UNITS="$(SAN_UNIT_BIN)" \
		PW_STATIC_BIN=$(B)/static/paravm-wizard tests/run-all $(UNIT_BIN)

check-plain: deps fuzz-build
	$(MAKE) all $(UNIT_BIN)
	PW_BIN=$(B)/paravm-wizard PW_FUZZ_BIN=$(FUZZ_B)/fuzz tests/run-all $(UNIT_BIN)

# The pass on the static program alone (make static).
check-static: deps static
	PW_BIN=$(B)/static/paravm-wizard PW_STATIC_BIN=$(B)/static/paravm-wizard \
		PW_STATIC_ONLY=1 tests/run-all

# The sanitized pass alone.
check-sanitize: deps sanitize-build
	PW_BIN=$(SAN_B)/paravm-wizard PW_SAN_BIN=$(SAN_B)/paravm-wizard \
		PW_SAN_ONLY=1 PW_SAN_UNITS="$(SAN_UNIT_BIN)" tests/run-all

# The boot tests alone (tests/boot): each test guest converted inside its
# running HVM boot, then booted as a ParaVM under Xen, in QEMU. make check
# runs them too (in its first pass).
check-boot: deps
	$(MAKE) all
	PW_BIN=$(B)/paravm-wizard PW_BOOT_ONLY=1 tests/run-all

# ---- fuzzing -----------------------------------------------------------------
# A libFuzzer harness for every parser (tests/fuzz/fuzz-*.c), built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer; their seed corpora are in
# tests/fuzz/corpus/NAME/. make fuzz runs each for FUZZ_TIME seconds (or
# only FUZZERS="interfaces fstab"); make check replays the corpora.
FUZZ_B := $(B)-fuzz
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_B)/fuzz/%)
FUZZ_TIME ?= 60
FUZZERS ?=

$(B)/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(B)/libpw-checks.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(B)/libpw-checks.a \
		$(LDFLAGS) $(LDLIBS)

fuzz-build: deps
	$(MAKE) B=$(FUZZ_B) CC=clang CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
		LDFLAGS="-fsanitize=address,undefined" $(FUZZ_BIN)

fuzz: fuzz-build
	tests/fuzz/run $(FUZZ_B)/fuzz $(FUZZ_TIME) $(FUZZERS)

demo: deps
	$(MAKE) all
	PW_BIN=$(B)/paravm-wizard tests/demo

bench: deps static
	$(MAKE) all
	PW_BIN=$(B)/paravm-wizard PW_STATIC_BIN=$(B)/static/paravm-wizard tests/bench

# ---- one static file for every guest ----------------------------------------
# build/static/paravm-wizard: linked statically against musl, with newt,
# slang, tinfo, libblkid and iniparser built for musl by tools/static-libs
# (from Debian's source packages, cached under /var/tmp/paravm-wizard/static)
# and profiles.ini and the catalogues inside (static/*.c).
STATIC_B := $(B)/static
STATIC_DEPS := $(STATIC_B)/deps
STATIC_SRC := $(wildcard static/*.c)
STATIC_OBJ := $(STATIC_SRC:%.c=$(STATIC_B)/%.o) $(STATIC_B)/static/blobs.o
MUSL_CC ?= musl-gcc
STATIC_CFLAGS := -Os -g -ffunction-sections -fdata-sections
STATIC_CPPFLAGS := -D_GNU_SOURCE -DPW_STATIC -include static/musl-compat.h -Iinclude -I$(STATIC_DEPS)/include \
	-I$(STATIC_DEPS)/include/iniparser -I$(STATIC_DEPS)/include/blkid
STATIC_LDFLAGS := -static -Wl,--gc-sections -Wl,--wrap=setlocale \
	-Wl,--wrap=open,--wrap=openat,--wrap=fcntl -L$(STATIC_DEPS)/lib
STATIC_LDLIBS := -lnewt -lslang -liniparser -lblkid -lyaml -ltinfo
static: deps
	PW_STATIC_JOBS=$${PW_STATIC_JOBS:-2} MUSL_CC=$(MUSL_CC) tools/static-libs $(STATIC_DEPS)
	$(MAKE) B=$(STATIC_B) CC=$(MUSL_CC) PKGS= CFLAGS="$(STATIC_CFLAGS) $(filter -W%,$(CFLAGS))" \
		CPPFLAGS="$(STATIC_CPPFLAGS)" LDFLAGS="$(STATIC_LDFLAGS)" LDLIBS="$(STATIC_LDLIBS)" \
		EXTRA_OBJ="$(STATIC_OBJ)" $(STATIC_B)/paravm-wizard \
		$(patsubst po/%.po,$(STATIC_B)/locale/%/LC_MESSAGES/paravm-wizard.mo,$(wildcard po/*.po))

# The release artifact: $(B)/dist/paravm-wizard-VERSION-x86_64 (the static
# program without its debugging symbols) and SHA256SUMS beside it.
VERSION := $(shell sed -n 's/^\#define PW_VERSION "\(.*\)"/\1/p' wizard/main.c)
DIST_B := $(B)/dist
dist: static
	rm -rf $(DIST_B)
	mkdir -p $(DIST_B)
	strip -o $(DIST_B)/paravm-wizard-$(VERSION)-x86_64 $(STATIC_B)/paravm-wizard
	cd $(DIST_B) && sha256sum paravm-wizard-$(VERSION)-* >SHA256SUMS
	@cat $(DIST_B)/SHA256SUMS

# The files built into it: profiles.ini and every catalogue, as the table
# pw_blobs (include/pw-static.h), each file taken whole by .incbin.
$(B)/static/blobs.S: data/profiles.ini $(patsubst po/%.po,$(B)/po/%.gmo,$(wildcard po/*.po)) Makefile
	@mkdir -p $(dir $@)
	@{ i=0; echo '	.section .rodata'; \
	for f in data/profiles.ini $(GMO_FILES); do \
		echo "pw_blob_$$i: .incbin \"$$f\""; echo "pw_blob_end_$$i: .byte 0"; \
		n=$$(basename $$f); case $$n in *.gmo) n=$${n%.gmo}.mo ;; esac; \
		echo "pw_blob_name_$$i: .asciz \"$$n\""; i=$$((i + 1)); \
	done; \
	echo '	.section .data.rel.ro,"aw"'; echo '	.balign 16'; \
	echo '	.globl pw_blobs'; echo 'pw_blobs:'; \
	i=0; for f in data/profiles.ini $(GMO_FILES); do \
		echo "	.dc.a pw_blob_name_$$i, pw_blob_$$i, pw_blob_end_$$i"; i=$$((i + 1)); \
	done; echo '	.dc.a 0, 0, 0'; \
	echo '	.section .note.GNU-stack,"",@progbits'; } >$@

$(B)/static/blobs.o: $(B)/static/blobs.S
	$(CC) -c -o $@ $<

# ---- translations, install, the Debian package --------------------------
# po/LL.po is compiled to $(B)/po/LL.gmo and installed as
# $(LOCALEDIR)/LL/LC_MESSAGES/paravm-wizard.mo; no .po yet is no error.
PO_FILES := $(wildcard po/*.po)
# The catalogue of every translatable string, from the sources (make pot).
POT := po/paravm-wizard.pot
pot:
	xgettext --from-code=UTF-8 --language=C -k_ -kN_ -kP_:1,2 \
		--add-comments=TRANSLATORS --package-name=paravm-wizard \
		--msgid-bugs-address=paravm-wizard@example.org --no-location --sort-output \
		-o $(POT) $(sort $(wildcard checks/*/*.c wizard/*.c screens/*.c))
	@for po in $(PO_FILES); do msgmerge -q --update --backup=none $$po $(POT); done
GMO_FILES := $(PO_FILES:po/%.po=$(B)/po/%.gmo)
# the same catalogues laid out as a locale directory, for the uninstalled program
BUILD_MO := $(PO_FILES:po/%.po=$(B)/locale/%/LC_MESSAGES/paravm-wizard.mo)
all: $(GMO_FILES) $(BUILD_MO)

$(B)/locale/%/LC_MESSAGES/paravm-wizard.mo: $(B)/po/%.gmo
	@mkdir -p $(dir $@)
	cp $< $@

$(B)/po/%.gmo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The paths compiled into the program: another PREFIX rebuilds main.o.
$(B)/paths: FORCE
	@mkdir -p $(B)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || echo '$(DATADIR) $(LOCALEDIR)' >$@
$(B)/wizard/main.o: $(B)/paths

install: all
	install -d "$(DESTDIR)$(SBINDIR)" "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(MANDIR)/man8" \
		"$(DESTDIR)$(BASHCOMPDIR)"
	install -m 755 $(B)/paravm-wizard "$(DESTDIR)$(SBINDIR)/paravm-wizard"
	install -m 644 data/profiles.ini data/site.ini "$(DESTDIR)$(DATADIR)/"
	install -m 644 man/paravm-wizard.8 "$(DESTDIR)$(MANDIR)/man8/paravm-wizard.8"
	install -m 644 contrib/bash-completion/paravm-wizard "$(DESTDIR)$(BASHCOMPDIR)/paravm-wizard"
	@for g in $(GMO_FILES); do \
		d="$(DESTDIR)$(LOCALEDIR)/$$(basename $$g .gmo)/LC_MESSAGES"; \
		echo "install -m 644 $$g $$d/paravm-wizard.mo"; \
		install -d "$$d" && install -m 644 $$g "$$d/paravm-wizard.mo" || exit 1; \
	done

uninstall:
	rm -f "$(DESTDIR)$(SBINDIR)/paravm-wizard" "$(DESTDIR)$(DATADIR)/profiles.ini" \
		"$(DESTDIR)$(DATADIR)/site.ini" "$(DESTDIR)$(MANDIR)/man8/paravm-wizard.8" \
		"$(DESTDIR)$(BASHCOMPDIR)/paravm-wizard" \
		"$(DESTDIR)$(LOCALEDIR)"/*/LC_MESSAGES/paravm-wizard.mo
	-rmdir "$(DESTDIR)$(DATADIR)"

# The cmocka unit tests only: no root, no network (run when the package builds).
unit-check: $(UNIT_BIN)
	@failed=0; for t in $(UNIT_BIN); do \
		CMOCKA_MESSAGE_OUTPUT=TAP $$t || { echo "not ok - $$t exited with status $$?"; failed=1; }; \
	done; exit $$failed

# The Debian package, from a copy of the tree (the package's clean step
# removes build/): $(B)/deb/paravm-wizard_*.deb, then lintian on it.
deb:
	rm -rf $(B)/deb
	mkdir -p $(B)/deb/src
	tar -c -f - --exclude='./build*' --exclude='./$(B)' --exclude=./.git . | tar -x -C $(B)/deb/src -f -
	cd $(B)/deb/src && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL dpkg-buildpackage -us -uc -b
	lintian --fail-on error,warning $(B)/deb/paravm-wizard_*.changes

clean:
	rm -rf $(B) $(SAN_B) $(FUZZ_B)

.PHONY: all deps static dist check-static check check-plain check-sanitize check-boot sanitize-build demo bench clean fuzz fuzz-build
.PHONY: install uninstall unit-check deb pot FORCE
.DELETE_ON_ERROR:
