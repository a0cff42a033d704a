# nianbao - build, test and benchmark. `make` builds build/nianbao and build/libnianbao.a.
# Sources are picked up by folder, in the order of the flow: core -> extract -> layout -> tables -> cli.
PKGS     := poppler-glib cairo libzip libxml-2.0 libpcre2-8 opencc sqlite3 libpq
BUILD    ?= build
CC       ?= cc
OPT      ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -Werror $(OPT) -D_GNU_SOURCE \
            -Icore -Iextract -Ilayout -Itables -Icli $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq: headers only; cli/db_pg.c opens it with dlopen when --pg is used (start-up cost)
LDLIBS   += $(shell pkg-config --libs $(filter-out libpq,$(PKGS)) 2>/dev/null) -lm -lpthread -ldl

LIB_SRC  := $(wildcard core/*.c extract/*.c layout/*.c tables/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check unit golden accuracy hostile asan fuzz valgrind bench golden-update clean
all: $(BUILD)/nianbao $(UNIT_BIN)

deps:
	@sh tools/install-deps.sh

$(BUILD)/obj/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libnianbao.a: $(LIB_OBJ)
	@rm -f $@
	@echo "AR $@"; ar rcs $@ $^

$(BUILD)/nianbao: $(BUILD)/obj/cli/main.o $(BUILD)/libnianbao.a
	@echo "LD $@"; $(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(BUILD)/libnianbao.a
	@mkdir -p $(dir $@)
	@echo "LD $@"; $(CC) $(CFLAGS) -Itests/unit $< $(BUILD)/libnianbao.a -o $@ $(LDFLAGS) $(LDLIBS)

# The main job: extract every corpus file and print a summary table.
# deps runs first and the build is a sub-make: pkg-config is read after the packages are installed
# (the flags above are evaluated when make starts, before a fresh machine has the -dev packages).
demo: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/nianbao extract --summary -r corpus

# The whole test suite: unit tests, golden JSON, ground-truth accuracy, hostile files.
check: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(BUILD)

unit: all
	@sh tests/run.sh $(BUILD) unit

golden-update: all
	@sh tests/golden/update.sh $(BUILD)

# Address + undefined-behaviour sanitizers; the same suite must pass.
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined" all
	@NB_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build-asan

# libFuzzer targets tests/fuzz/fuzz_*.c into build-fuzz/, then FUZZ_SECONDS (default 60) of each.
fuzz:
	@sh tests/fuzz/build.sh
	@sh tests/fuzz/run.sh

# Unit tests and a sample of inputs under valgrind memcheck.
valgrind: all
	@sh tests/valgrind.sh $(BUILD)

bench: all
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz
