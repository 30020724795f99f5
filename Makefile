# coccidrive: a Coccinelle-driven conversion of sock_create_kern() callers.
#
#   make run     install what is missing, build, convert the sample tree
#   make test    lint, unit tests, golden tests, end-to-end tests
#   make convert TREE=...   make check TREE=...   make bench   make fuzz

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
# jansson: Debian's well-kept JSON library, for --report FILE.json.
LIBS = -ljansson

.PHONY: all run test lint unit golden e2e convert check bench fuzz deps clean \
	format kernel-check build-all

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

convert: build/coccidrive
	@test -n "$(TREE)" || { echo "usage: make convert TREE=path/to/linux" >&2; exit 2; }
	./build/coccidrive convert $(TREE)

check: build/coccidrive
	@test -n "$(TREE)" || { echo "usage: make check TREE=path/to/linux" >&2; exit 2; }
	./build/coccidrive check $(TREE)

clean:
	rm -rf build
