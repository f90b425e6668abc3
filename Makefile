# paravm-wizard
#
#   make            build build/paravm-wizard
#   make check      build and run every test (some need root: loop devices, chroot)
#   make demo       run the program on a throwaway guest (never this machine)
#   make bench      time --check against dpkg-query on a real-sized guest
#   make deps       install the Debian packages that build and tests need (root)

PREFIX ?= /usr/local
DATADIR ?= $(PREFIX)/share/paravm-wizard
LOCALEDIR ?= $(PREFIX)/share/locale

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS := libnewt tinfo blkid

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
CHECKS_SRC := $(wildcard checks/*.c)
WIZARD_SRC := $(wildcard wizard/*.c)
CHECKS_OBJ := $(CHECKS_SRC:%.c=$(B)/%.o)
WIZARD_OBJ := $(WIZARD_SRC:%.c=$(B)/%.o)
UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

all: $(B)/paravm-wizard

$(B)/%.o: %.c $(wildcard include/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libpw-checks.a: $(CHECKS_OBJ)
	$(AR) rcs $@ $^

$(B)/paravm-wizard: $(WIZARD_OBJ) $(B)/libpw-checks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libpw-checks.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(B)/libpw-checks.a \
		$(LDFLAGS) $(LDLIBS) -lcmocka

# Debian packages for building and for the tests; installed only if missing.
DEPS := build-essential pkg-config libnewt-dev libncurses-dev libblkid-dev \
	libiniparser-dev libcmocka-dev gettext debootstrap tmux diffutils \
	e2fsprogs fdisk util-linux python3 hyperfine time strace xen-utils-4.17
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

check: deps
	$(MAKE) all $(UNIT_BIN)
	tests/run-all $(UNIT_BIN)

demo: deps
	$(MAKE) all
	PW_BIN=$(B)/paravm-wizard tests/demo

bench: deps
	$(MAKE) all
	PW_BIN=$(B)/paravm-wizard tests/bench

clean:
	rm -rf $(B)

.PHONY: all deps check demo bench clean
.DELETE_ON_ERROR:
