# coccidrive: a Coccinelle-driven conversion of sock_create_kern() callers.
#
#   make run     install what is missing, build, convert the sample tree
#   make test    lint, unit tests, golden tests, end-to-end tests
#   make convert TREE=...   make check TREE=...   make bench   make fuzz
#   make bench-series       (check --git-range on all of Linux 6.1)
#   make install [PREFIX=/usr/local] [DESTDIR=...]   make uninstall

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
            -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wvla
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

# The driver's layers, bottom up: plain libraries (lib), C source (c), the
# rule and spatch (rule), the stages (pipeline), the commands (cmd).  A
# file includes headers of its own layer and the layers below only.
LAYERS      := lib c rule pipeline cmd
DRIVER_SRC  := $(sort $(foreach l,$(LAYERS),$(wildcard driver/$(l)/*.c)))
LIB_SRC     := $(filter-out driver/cmd/main.c,$(DRIVER_SRC))
HEADERS     := $(foreach l,$(LAYERS),$(wildcard driver/$(l)/*.h))
INCLUDES    := $(foreach l,$(LAYERS),-Idriver/$(l))
UNIT_SRC    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN    := $(patsubst tests/unit/%.c,build/asan/%,$(UNIT_SRC))

DEFS = -DCOCCIDRIVE_VERSION='"$(VERSION)"'

# Where "make install" puts things.  DATADIR (the rule and its macro
# file) is baked into the program, as git bakes in its paths; DESTDIR is
# only where the files are staged (a package build), never baked in.
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/coccidrive
MAN1DIR  = $(PREFIX)/share/man/man1
INSTALL ?= install
RULE_FILES := semantic-patches/sock_create_kern.cocci \
	      semantic-patches/sock_create_kern_backport.cocci \
	      semantic-patches/kernel-macros.h \
	      semantic-patches/sk_change_net.cocci
MAN_PAGES  := man/coccidrive.1 man/coccidrive-convert.1 \
	      man/coccidrive-check.1 man/coccidrive-test.1 \
	      man/coccidrive-merge.1 man/coccidrive-compat-header.1
# Quoted for the shell (and DATADIR for C too): a PREFIX may hold blanks.
sq = $(subst ','\'',$(1))
DATADIR_C = $(subst ",\",$(subst \,\\,$(DATADIR)))
# jansson: Debian's well-kept JSON library, for --report FILE.json.
# -pthread: the scan reads files in threads (readq.c).
LIBS = -ljansson -lgit2 -pthread

.PHONY: all run test lint unit golden e2e convert check bench bench-series eval-infer fuzz deps clean \
	format kernel-check build-all install uninstall FORCE

all: build/coccidrive

# Every driver source is compiled once per flavour into a static library
# that the program, the unit tests link; -MMD keeps the header
# dependencies, so an incremental build recompiles only what changed.
LIB_OBJ      := $(patsubst driver/%.c,build/obj/%.o,$(LIB_SRC))
ASAN_LIB_OBJ := $(patsubst driver/%.c,build/asan/obj/%.o,$(LIB_SRC))

build/obj/%.o: driver/%.c Makefile VERSION
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEFS) $(INCLUDES) -MMD -MP -c -o $@ $<

# The same code with AddressSanitizer and UBSan: what the tests run.
build/asan/obj/%.o: driver/%.c Makefile VERSION
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SANITIZE) $(DEFS) $(INCLUDES) -MMD -MP -c -o $@ $<

# Only cocci.c uses DATADIR.  build/DATADIR holds the value it was built
# with and changes (so cocci.o is rebuilt) only when DATADIR does: a
# "make install PREFIX=/opt" after a plain "make" installs a program that
# looks in /opt.
COCCI_OBJ := build/obj/rule/cocci.o build/asan/obj/rule/cocci.o
$(COCCI_OBJ): build/DATADIR
$(COCCI_OBJ): DEFS += -DCOCCIDRIVE_DATADIR='"$(call sq,$(DATADIR_C))"'

build/DATADIR: FORCE
	@mkdir -p build
	@printf '%s\n' '$(call sq,$(DATADIR))' | cmp -s - $@ || \
		printf '%s\n' '$(call sq,$(DATADIR))' >$@

FORCE:

build/libcoccidrive.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

build/asan/libcoccidrive.a: $(ASAN_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

build/coccidrive: build/obj/cmd/main.o build/libcoccidrive.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/asan/coccidrive: build/asan/obj/cmd/main.o build/asan/libcoccidrive.a
	$(CC) -O1 -g $(SANITIZE) -o $@ $^ $(LIBS)

build/asan/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) \
		build/asan/libcoccidrive.a Makefile
	$(CC) $(WARN) -O1 -g $(SANITIZE) $(DEFS) $(INCLUDES) -o $@ $< \
		build/asan/libcoccidrive.a $(LIBS)

-include $(wildcard build/obj/*/*.d build/asan/obj/*/*.d)

# Install what README's two commands need, only where it is missing.
deps:
	@sh tests/install-deps.sh

# The dependencies come first, in their own make run, so that the build
# below finds the compiler they may have installed.
run: deps
	@$(MAKE) --no-print-directory build/coccidrive
	./build/coccidrive convert testdata/sample-tree

build-all: build/coccidrive build/asan/coccidrive $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory build-all
	@sh tests/run.sh

# libFuzzer: the tokenizer, layout, scanner and spatch-output reader.
FUZZ_SECONDS ?= 20
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

# Linux 6.1 is converted already: the conversion must be empty and the
# check clean, and spatch itself must find nothing in the files that
# mention sock_create_kern.
kernel-check: deps build/coccidrive
	@sh bench/kernel-check.sh

bench: deps build/coccidrive
	@sh bench/bench.sh

# check --git-range / --patch on a 10-commit series over all of Linux 6.1
# (after "make bench", which prepares the unconverted tree).
bench-series: deps build/coccidrive
	@sh bench/series.sh

# --net=infer against what Linux 6.1 really passes at each call (after
# turning its calls back into the 4.1 form): a table and the totals.
eval-infer: deps build/coccidrive
	@sh bench/eval-infer.sh

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do $$t || exit 1; done

golden: build/asan/coccidrive
	./build/asan/coccidrive test

e2e: build/coccidrive build/asan/coccidrive
	@for t in tests/e2e/*.sh; do sh $$t || exit 1; done

lint:
	@sh tests/lint.sh

format:
	clang-format -i driver/*/*.c driver/*/*.h tests/unit/*.c tests/unit/*.h

# convert and check run from the directory make was started in, so that
# TREE is relative to it also under "make -C coccidrive": GNU make leaves
# the environment's PWD alone when -C changes directory (CURDIR when make
# was not started from a shell).  No command is echoed and the build goes
# to stderr: the patch on stdout is the patch and nothing else.  make
# exits 2 whenever coccidrive exits non-zero, so the line on stderr gives
# coccidrive's own status (check: 1 something left, 2 error).  ROOT=DIR
# is --root DIR: paths relative to it, for a tree outside any git work
# tree and outside the directory make was started in.
CALLER_DIR := $(or $(PWD),$(CURDIR))
convert check:
	@test -n "$(TREE)" || { echo "usage: make $@ TREE=path/to/linux" >&2; exit 2; }
	@$(MAKE) --no-print-directory build/coccidrive >&2
	@cd '$(call sq,$(CALLER_DIR))' && \
		'$(call sq,$(CURDIR))/build/coccidrive' $@ \
		$(if $(ROOT),--root '$(call sq,$(ROOT))') $(TREE) || { \
		rc=$$?; echo "make $@: coccidrive $@ exited with status $$rc" >&2; \
		exit $$rc; }

install: build/coccidrive
	$(INSTALL) -d -m 755 '$(call sq,$(DESTDIR)$(BINDIR))' \
		'$(call sq,$(DESTDIR)$(DATADIR))' '$(call sq,$(DESTDIR)$(MAN1DIR))'
	$(INSTALL) -m 755 build/coccidrive '$(call sq,$(DESTDIR)$(BINDIR))/coccidrive'
	$(INSTALL) -m 644 $(RULE_FILES) '$(call sq,$(DESTDIR)$(DATADIR))'
	$(INSTALL) -m 644 $(MAN_PAGES) '$(call sq,$(DESTDIR)$(MAN1DIR))'

# Exactly what install put there; DATADIR too once it is empty.
uninstall:
	rm -f '$(call sq,$(DESTDIR)$(BINDIR))/coccidrive'
	rm -f $(foreach f,$(notdir $(RULE_FILES)),'$(call sq,$(DESTDIR)$(DATADIR))/$(f)')
	rm -f $(foreach f,$(notdir $(MAN_PAGES)),'$(call sq,$(DESTDIR)$(MAN1DIR))/$(f)')
	@if [ -d '$(call sq,$(DESTDIR)$(DATADIR))' ]; then \
		rmdir '$(call sq,$(DESTDIR)$(DATADIR))' 2>/dev/null || \
		echo "make uninstall: $(call sq,$(DESTDIR)$(DATADIR)) is not empty, left in place" >&2; \
	fi

clean:
	rm -rf build
