# gairx - a plain Makefile.  `make` builds ./gairx; `make check` sets up,
# builds and runs every test; `make demo` runs gairx on samples/.
#   V=1            show commands
#   SANITIZE=address,undefined   sanitizer build
#   WERROR=        drop -Werror
#   PREFIX=/usr/local DESTDIR=   install paths (make install, uninstall)

VERSION  := 0.1.0
PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/gairx
MANDIR   ?= $(PREFIX)/share/man
CC       ?= cc
WERROR   ?= -Werror
CFLAGS   ?= -O2 -g
PKGS     := libxml-2.0 xlsxwriter minizip zlib
CPPFLAGS += -iquote src -DGX_VERSION='"$(VERSION)"' -DGX_DATADIR='"$(DATADIR)"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
WARN     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

BUILD    := build
LIB_SRC  := $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check unit valgrind hostile fuzz install uninstall clean man

all: gairx

# The man page is made from `gairx --help`, the one source of both.
man: $(BUILD)/gairx.1
$(BUILD)/gairx.1: gairx scripts/gen-man | $(BUILD)
	@$(if $(Q),echo "  MAN     $@")
	$(Q)scripts/gen-man ./gairx >$@.tmp && mv $@.tmp $@

$(BUILD)/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(BUILD):
	$(Q)mkdir -p $(BUILD)/tests

$(BUILD)/libgairx.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

gairx: $(BUILD)/main.o $(BUILD)/libgairx.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgairx.a $(wildcard src/*.h tests/unit/*.h) | $(BUILD)
	@$(if $(Q),echo "  TEST-CC $<")
	$(Q)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< \
		$(BUILD)/libgairx.a $(LDLIBS) -lcmocka

# Set up: install the Debian packages the build and the tests need.
deps:
	$(Q)scripts/install-deps

demo: deps
	$(Q)$(MAKE) --no-print-directory gairx
	./gairx samples -o samples.xlsx --csv samples-out

check: deps
	$(Q)$(MAKE) --no-print-directory gairx $(BUILD)/gairx.1 $(TEST_BIN)
	$(Q)scripts/run-tests $(TEST_BIN)

unit: gairx $(TEST_BIN)
	$(Q)scripts/run-tests --unit-only $(TEST_BIN)

valgrind: gairx $(TEST_BIN)
	$(Q)scripts/install-deps valgrind
	$(Q)GX_VALGRIND=1 scripts/run-tests $(TEST_BIN)

# Each hostile input alone, under a time limit (see docs/FUZZING.md).
hostile: gairx
	$(Q)scripts/hostile-tests

# The libFuzzer targets of tests/fuzz, built with clang, FUZZ_SECONDS each.
FUZZ_SECONDS ?= 30
fuzz:
	$(Q)scripts/fuzz $(FUZZ_SECONDS)

# The binary finds the templates at <its dir>/../share/gairx/templates, so
# a tree staged under DESTDIR runs as it is.
install: gairx $(BUILD)/gairx.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 gairx $(DESTDIR)$(PREFIX)/bin/gairx
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 $(BUILD)/gairx.1 $(DESTDIR)$(MANDIR)/man1/gairx.1
	install -m 755 scripts/monthly-cron.sh $(DESTDIR)$(DATADIR)/monthly-cron.sh

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gairx $(DESTDIR)$(MANDIR)/man1/gairx.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD) gairx samples.xlsx samples-out
