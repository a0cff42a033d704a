# nianbao - build, test and benchmark. `make` builds build/nianbao, build/libnianbao.a, the shared
# library build/libnianbao.so (public API: include/nianbao.h), nianbao.pc and the man page.
# Sources are picked up by folder, in the order of the flow: core -> extract -> layout -> tables -> cli.
PKGS     := poppler-glib cairo libzip libxml-2.0 libpcre2-8 opencc sqlite3 libpq xlsxwriter tesseract lept
BUILD    ?= build
CC       ?= cc
OPT      ?= -O2 -g
# -fPIC: the same objects make the static library, the command and libnianbao.so
CFLAGS   += -std=c11 -Wall -Wextra -Werror $(OPT) -D_GNU_SOURCE -fPIC \
            -Iinclude -Icore -Iextract -Ilayout -Itables -Icli $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq, tesseract, lept: headers only; cli/db_pg.c and extract/ocr.c open them with dlopen when
# --pg is used or a scanned page is met (start-up cost)
LDLIBS   += $(shell pkg-config --libs $(filter-out libpq tesseract lept,$(PKGS)) 2>/dev/null) -lm -lpthread -ldl
# extract/*.cc: the PDF path pass (extract/pdf_paths.cc) is C++ on poppler's core (libpoppler-private-dev:
# poppler-glib has no access to a page's drawing operations); its types stay in extract/
CXX      ?= g++
# (poppler's headers as system headers: they do not build warning-free under -Wextra)
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror $(OPT) -D_GNU_SOURCE -fPIC -Iextract \
            $(patsubst -I%,-isystem %,$(shell pkg-config --cflags poppler cairo 2>/dev/null))
CXX_LIBS := $(shell pkg-config --libs poppler 2>/dev/null) -lstdc++
LDLIBS   += $(CXX_LIBS)

# extract/pdf_module.c is the command's own (it stands in for pdf.c there; see below)
LIB_SRC  := $(wildcard core/*.c) $(filter-out extract/pdf_module.c,$(wildcard extract/*.c)) \
            $(wildcard layout/*.c tables/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c)) $(wildcard api/*.c)
LIB_CXX  := $(wildcard extract/*.cc)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(LIB_CXX:%.cc=$(BUILD)/obj/%.o)
SOVER    := 0.1.0
SONAME   := libnianbao.so.0
PREFIX   ?= /usr/local
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check unit golden accuracy hostile asan fuzz valgrind bench golden-update clean \
        install uninstall
all: $(BUILD)/nianbao $(UNIT_BIN) $(BUILD)/$(SONAME) $(BUILD)/nianbao.pc $(BUILD)/nianbao.1

deps:
	@sh tools/install-deps.sh

$(BUILD)/obj/%.o: %.c $(wildcard */*.h) include/nianbao.h
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.cc $(wildcard extract/*.h)
	@mkdir -p $(dir $@)
	@echo "CXX $<"; $(CXX) $(CXXFLAGS) -c $< -o $@

$(BUILD)/libnianbao.a: $(LIB_OBJ)
	@rm -f $@
	@echo "AR $@"; ar rcs $@ $^

# The command loads poppler only when a PDF is met (start-up: see extract/pdf_module.c): it links
# the stub pdf_module.o (so the archive's pdf.o is never pulled in) and not poppler-glib; the
# reader is the module nianbao-pdf.so, whose nb_ calls resolve to the command's exports.
# The module is every extract/ file that includes poppler's or cairo's header, and the C++ files (on
# poppler's core); PDF_PKGS are the packages only they use (left out of the command's link).
PDF_SRC  := $(shell grep -l '^\#include <\(poppler\|cairo\)' extract/*.c)
PDF_OBJ  := $(PDF_SRC:%.c=$(BUILD)/obj/pdfmod/%.o) $(LIB_CXX:%.cc=$(BUILD)/obj/pdfmod/%.o)
PDF_PKGS := $(filter poppler-glib cairo,$(PKGS))
CLI_LIBS := $(shell pkg-config --libs $(filter-out libpq tesseract lept $(PDF_PKGS),$(PKGS)) 2>/dev/null) -lm -lpthread -ldl
$(BUILD)/obj/pdfmod/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	@echo "CC $< (module)"; $(CC) $(CFLAGS) -Dnb_pdf_read=nb_pdf_module_read \
	    -Dnb_pdf_draw_pages=nb_pdf_module_draw_pages -c $< -o $@

$(BUILD)/obj/pdfmod/%.o: %.cc $(wildcard extract/*.h)
	@mkdir -p $(dir $@)
	@echo "CXX $< (module)"; $(CXX) $(CXXFLAGS) -c $< -o $@

$(BUILD)/nianbao-pdf.so: $(PDF_OBJ)
	@echo "LD $@"; $(CC) -shared $^ -o $@ $(LDFLAGS) $(shell pkg-config --libs $(PDF_PKGS)) $(CXX_LIBS)

# the nb_ symbols the module takes from the command (not those one module file takes from another,
# as pdf.c calls ocr.c): exported and kept by the linker
$(BUILD)/pdf-module.ld: $(PDF_OBJ)
	@nm -u $^ | awk '$$2 ~ /^nb_/ {print $$2}' | sort -u > $(BUILD)/pdf-module.undef
	@nm --defined-only $^ | awk '$$3 ~ /^nb_/ {print $$3}' | sort -u > $(BUILD)/pdf-module.def
	@comm -23 $(BUILD)/pdf-module.undef $(BUILD)/pdf-module.def > $(BUILD)/pdf-module.syms
	@{ printf '{\n'; sed 's/.*/  &;/' $(BUILD)/pdf-module.syms; printf '};\n'; } > $(BUILD)/pdf-module.list
	@{ echo "-Wl,--dynamic-list=$(BUILD)/pdf-module.list"; sed 's/^/-Wl,-u,/' $(BUILD)/pdf-module.syms; } > $@

$(BUILD)/nianbao: $(BUILD)/obj/cli/main.o $(BUILD)/obj/extract/pdf_module.o $(BUILD)/libnianbao.a \
                  $(BUILD)/pdf-module.ld $(BUILD)/nianbao-pdf.so
	@echo "LD $@"; $(CC) $(CFLAGS) $(filter %.o %.a,$^) @$(BUILD)/pdf-module.ld -o $@ $(LDFLAGS) $(CLI_LIBS)

# The shared library: soname libnianbao.so.0 (bumped when the ABI breaks), file .0.MINOR.PATCH;
# only nianbao_* is exported (api/nianbao.map).
$(BUILD)/$(SONAME): $(LIB_OBJ) api/nianbao.map
	@echo "LD $(BUILD)/libnianbao.so.$(SOVER)"
	@$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=api/nianbao.map -Wl,--as-needed \
	    $(LIB_OBJ) -o $(BUILD)/libnianbao.so.$(SOVER) $(LDFLAGS) $(LDLIBS)
	@ln -sf libnianbao.so.$(SOVER) $(BUILD)/$(SONAME)
	@ln -sf $(SONAME) $(BUILD)/libnianbao.so

# pkg-config file for the given PREFIX (make install writes its own)
$(BUILD)/nianbao.pc: api/nianbao.pc.in Makefile
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(SOVER)|' $< > $@

# The man page, generated from the option table (cli/options.c) like --help
$(BUILD)/nianbao.1: $(BUILD)/nianbao
	@echo "MAN $@"; $(BUILD)/nianbao --man > $@

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

# make install PREFIX=/usr/local DESTDIR=: the command and its PDF module (PREFIX/lib/nianbao), the
# library (soname links), the header, nianbao.pc for this PREFIX, the man page and the Python package
# (which finds the library at PREFIX/lib, three levels above itself). make uninstall removes these.
LIBDIR   := $(DESTDIR)$(PREFIX)/lib
PYDIR    := $(LIBDIR)/python3/dist-packages/nianbao
INSTALLED := bin/nianbao lib/nianbao/nianbao-pdf.so lib/libnianbao.so lib/$(SONAME) lib/libnianbao.so.$(SOVER) \
             include/nianbao.h lib/pkgconfig/nianbao.pc share/man/man1/nianbao.1 \
             $(patsubst python/%,lib/python3/dist-packages/%,$(wildcard python/nianbao/*.py))
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(LIBDIR)/nianbao $(LIBDIR)/pkgconfig $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(PYDIR)
	install -m 755 $(BUILD)/nianbao $(DESTDIR)$(PREFIX)/bin/nianbao
	install -m 755 $(BUILD)/nianbao-pdf.so $(LIBDIR)/nianbao/
	install -m 755 $(BUILD)/libnianbao.so.$(SOVER) $(LIBDIR)/
	ln -sf libnianbao.so.$(SOVER) $(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(LIBDIR)/libnianbao.so
	install -m 644 include/nianbao.h $(DESTDIR)$(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(SOVER)|' api/nianbao.pc.in > $(LIBDIR)/pkgconfig/nianbao.pc
	install -m 644 $(BUILD)/nianbao.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 python/nianbao/*.py $(PYDIR)/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(INSTALLED))
	rm -rf $(PYDIR)/__pycache__
	rmdir $(PYDIR) $(LIBDIR)/nianbao 2>/dev/null || true

bench: all
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz
