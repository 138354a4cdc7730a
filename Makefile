# SPDX-License-Identifier: MIT
# relgraph: plain GNU make + pkg-config.
#   make            build librelgraph.a, relgraph, relgraph-render
#   make run        build and run the main job on the sample corpus
#   make test       build and run every test (= make check)
#   make SANITIZE=address,undefined test
#   make PORTABLE=1 test   the plain C paths, without SSE2/AVX2 code
#   make test-cpu-levels   the tests again with the SSE2 and SSSE3 paths

# -- directories (all overridable; DESTDIR for staged installs)
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
DATADIR      ?= $(PREFIX)/share/relgraph
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL      ?= install
PKG_CONFIG   ?= pkg-config

# -- dependencies: one pkg-config module each (README, Licence, says why each)
DEPS        := igraph jansson libutf8proc
RENDER_DEPS := libcgraph libgvc jansson
TEST_DEPS   := cmocka
ALL_PKGS    := $(DEPS) $(RENDER_DEPS) $(TEST_DEPS)

# Missing dependencies: install them once through the project's own script.
ifeq ($(filter clean distclean help,$(MAKECMDGOALS)),)
DEPS_OK := $(shell $(PKG_CONFIG) --exists $(ALL_PKGS) 2>/dev/null && test -f /usr/include/libstemmer.h \
             && command -v dot >/dev/null && command -v xmllint >/dev/null \
             && command -v valgrind >/dev/null && command -v npm >/dev/null \
             && /usr/bin/python3 -c 'import networkx' 2>/dev/null && echo yes)
ifneq ($(DEPS_OK),yes)
$(info relgraph: dependencies missing; running scripts/install-deps.sh)
DEPS_RC := $(shell sh scripts/install-deps.sh >&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error scripts/install-deps.sh failed; install the packages it lists, then run make again)
endif
endif
endif

# -- flags: project flags first, user CFLAGS last so they win
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wcast-qual -Wformat=2 -Wundef
# IGRAPH_VERIFY_FINALLY_STACK=1 checks that our igraph-zone code balances
# igraph's FINALLY stack at every IGRAPH_CHECK (and keeps -Wundef quiet)
BASE     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -Iinclude -pthread \
            -DIGRAPH_VERIFY_FINALLY_STACK=1
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
LIB_CFLAGS := $(BASE) -Isrc/lib $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
CLI_CFLAGS := $(BASE) $(CPPFLAGS) $(CFLAGS)     # no -Isrc/lib: the CLI sees the public API only
RENDER_CFLAGS := $(BASE) $(shell $(PKG_CONFIG) --cflags $(RENDER_DEPS) 2>/dev/null) $(CPPFLAGS) $(CFLAGS)
TEST_CFLAGS := $(BASE) -Isrc/lib $(PKG_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_DEPS) 2>/dev/null) $(CPPFLAGS) $(CFLAGS)
LIBS        := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null) -lstemmer -lm -pthread
RENDER_LIBS := $(shell $(PKG_CONFIG) --libs $(RENDER_DEPS) 2>/dev/null) -lm
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_DEPS) 2>/dev/null)

# make PORTABLE=1 test: the plain C paths that CPUs without SSE2, SSSE3 or
# AVX2 run (every vector path is an alternative to one of them), in their
# own build folder; CI runs every test this way too
ifdef PORTABLE
PORT := -U__SSE2__ -DRG_FOLD_NO_SSE2 -DRG_NO_AVX2 -DRG_SENTENCE_NO_SIMD
LIB_CFLAGS  += $(PORT)
TEST_CFLAGS += $(PORT)
BUILD ?= build-portable
endif

ifdef SANITIZE
SAN := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LIB_CFLAGS    += $(SAN)
CLI_CFLAGS    += $(SAN)
RENDER_CFLAGS += $(SAN)
TEST_CFLAGS   += $(SAN)
LDFLAGS       += $(SAN)
BUILD ?= build-san
endif
BUILD ?= build

# relgraph-render under LeakSanitizer: Graphviz, Pango and fontconfig keep
# caches until exit; suppress frames inside those libraries only
# The shared folder (the official GEXF 1.3 schema the consumer tests validate
# against): ../shared beside the checkout, else beside the repository this
# one was cloned from.
RG_SHARED ?= $(or $(wildcard $(abspath ../shared)),$(shell d=$$(git config --get remote.origin.url 2>/dev/null) && [ -d "$$d/../shared" ] && cd "$$d/../shared" && pwd),$(abspath ../shared))
export RG_SHARED
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/render-lsan.supp:print_suppressions=0

# -- sources
LIB_SRC    := $(sort $(wildcard src/lib/*.c))
CLI_SRC    := $(sort $(wildcard src/cli/*.c))
RENDER_SRC := $(sort $(wildcard src/render/*.c))
TEST_SRC   := $(sort $(wildcard tests/unit/test_*.c))
TEST_HELPERS := $(filter-out $(TEST_SRC),$(sort $(wildcard tests/unit/*.c)))
DATA_FILES := data/actors.json data/lexicon.tsv data/boilerplate.txt

LIB_OBJ    := $(LIB_SRC:src/lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/gen/data.o
CLI_OBJ    := $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
RENDER_OBJ := $(RENDER_SRC:src/render/%.c=$(BUILD)/render/%.o)
TEST_HELPER_OBJ := $(TEST_HELPERS:tests/unit/%.c=$(BUILD)/tests/%.o)
TEST_BIN   := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

LIBRG   := $(BUILD)/librelgraph.a
RG      := $(BUILD)/relgraph
RENDER  := $(BUILD)/relgraph-render

## all: the library, relgraph, relgraph-render and relgraph.pc
all: $(RG) $(RENDER) $(BUILD)/relgraph.pc

$(BUILD)/lib/%.o: src/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(CLI_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/render/%.o: src/render/%.c
	@mkdir -p $(@D)
	$(CC) $(RENDER_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -MMD -MP -c $< -o $@

# data files embedded in the library as byte arrays
$(BUILD)/gen/data.c: $(DATA_FILES) scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $(DATA_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/data.o: $(BUILD)/gen/data.c
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(LIBRG): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(RG): $(CLI_OBJ) $(LIBRG)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBRG) $(LIBS)

# relgraph-render links Graphviz and never igraph (licences: see README)
$(RENDER): $(RENDER_OBJ) $(BUILD)/lib/alloc.o $(BUILD)/lib/errors.o $(BUILD)/lib/strbuf.o $(BUILD)/lib/io.o
	$(CC) $(LDFLAGS) -o $@ $^ $(RENDER_LIBS)

# the CLI's own unit test links the CLI objects but main.o and the commands
$(BUILD)/tests/test_cli.o: TEST_CFLAGS += -Isrc/cli
CLI_TEST_OBJ := $(filter-out $(BUILD)/cli/main.o $(BUILD)/cli/cmd_%.o,$(CLI_OBJ))
$(BUILD)/tests/test_cli: $(BUILD)/tests/test_cli.o $(CLI_TEST_OBJ) $(LIBRG)
	$(CC) $(LDFLAGS) -o $@ $< $(CLI_TEST_OBJ) $(LIBRG) $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_HELPER_OBJ) $(LIBRG)
	$(CC) $(LDFLAGS) -o $@ $< $(TEST_HELPER_OBJ) $(LIBRG) $(LIBS) $(TEST_LIBS)

$(BUILD)/relgraph.pc: relgraph.pc.in
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|0.1.0|' $< > $@

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

## run: build, then run the main job on the sample corpus into graphs/seeds/
run: all
	$(RG) build --manifest corpus/seeds/manifest.tsv --evidence --png -o graphs/seeds corpus/seeds

## check: unit tests, CLI tests, golden files, fuzz corpus replay, headers
check: all $(TEST_BIN) check-headers fuzz-replay
	@sh scripts/run_unit_tests.sh $(TEST_BIN)
	@RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER) sh scripts/run_cli_tests.sh
	@RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER) sh scripts/run_golden.sh
	@RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER) sh scripts/check_seeds.sh

## check-headers: each public header compiles alone with strict flags
check-headers:
	@for h in include/relgraph/*.h; do \
	    echo "#include <relgraph/$$(basename $$h)>" | $(CC) -std=c11 -pedantic -Wall -Wextra \
	        -Werror -Iinclude $(PKG_CFLAGS) -DIGRAPH_VERIFY_FINALLY_STACK=1 -x c -fsyntax-only - \
	        || { echo "FAILED: $$h is not self-contained"; exit 1; }; \
	done; echo "headers: $$(ls include/relgraph/*.h | wc -l) passed, 0 failed"

## test: same as check
test: check

## test-cpu-levels: the unit, CLI, golden and seed tests again, with the same
##   binaries, under each vector level an older CPU would give: RELGRAPH_CPU
##   (src/lib/cpu.h) caps it at SSE2, then at SSSE3 (no AVX2), so that every
##   run-time vector choice takes the path such a CPU takes
CPU_LEVELS ?= sse2 ssse3
test-cpu-levels: all $(TEST_BIN)
	@for c in $(CPU_LEVELS); do \
	    echo "test-cpu-levels: RELGRAPH_CPU=$$c"; \
	    export RELGRAPH_CPU=$$c RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER); \
	    sh scripts/run_unit_tests.sh $(TEST_BIN) && sh scripts/run_cli_tests.sh && \
	        sh scripts/run_golden.sh && sh scripts/check_seeds.sh || exit 1; \
	done

## eval: score extraction against ../shared/eval/seeds.gold.json
eval: all
	sh scripts/eval.sh $(RG)

## bench: throughput figures on a corpus (CORPUS=path/to/orangesum_parsed.jsonl)
CORPUS ?= ../shared/corpora/orangesum/orangesum_parsed.jsonl
bench: all
	RELGRAPH=$(RG) sh scripts/bench.sh $(CORPUS)

## update-golden: rewrite the expected outputs of the golden tests
update-golden: all
	RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER) UPDATE=1 sh scripts/run_golden.sh
	RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER) UPDATE=1 sh scripts/check_seeds.sh

## install: binaries, library, headers, pkg-config file, data
install: all
	$(INSTALL) -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCLUDEDIR)/relgraph $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)
	$(INSTALL) -m 755 $(RG) $(RENDER) $(DESTDIR)$(BINDIR)/
	$(INSTALL) -m 644 $(LIBRG) $(DESTDIR)$(LIBDIR)/
	$(INSTALL) -m 644 include/relgraph/*.h $(DESTDIR)$(INCLUDEDIR)/relgraph/
	$(INSTALL) -m 644 $(BUILD)/relgraph.pc $(DESTDIR)$(PKGCONFIGDIR)/
	$(INSTALL) -m 644 $(DATA_FILES) $(DESTDIR)$(DATADIR)/

## uninstall: remove what install put in place
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/relgraph $(DESTDIR)$(BINDIR)/relgraph-render
	rm -f $(DESTDIR)$(LIBDIR)/librelgraph.a $(DESTDIR)$(PKGCONFIGDIR)/relgraph.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/relgraph $(DESTDIR)$(DATADIR)

## clean: remove build outputs
clean:
	rm -rf build build-san build-portable

.PHONY: all run check check-headers test test-cpu-levels eval bench update-golden install uninstall clean

# -- fuzzing (tests/fuzz): libFuzzer binaries with clang, and a standalone
#    replay of the committed corpus with $(CC) that runs under `make check`
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := $(BASE) -Isrc/lib -Itests/fuzz $(PKG_CFLAGS) -O1 -g $(FUZZ_SAN)
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_LIB_OBJ := $(LIB_SRC:src/lib/%.c=$(BUILD)/fuzz/lib/%.o) $(BUILD)/fuzz/gen/data.o
FUZZ_BIN     := $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)
REPLAY_BIN   := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
FUZZ_TIME    ?= 120
RENDER_PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(RENDER_DEPS) 2>/dev/null)

$(BUILD)/fuzz/lib/%.o: src/lib/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(BUILD)/fuzz/gen/data.o: $(BUILD)/gen/data.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/fuzz_render_json: tests/fuzz/fuzz_render_json.c src/render/render_json.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE) -Isrc/render -Itests/fuzz $(RENDER_PKG_CFLAGS) -O1 -g $(FUZZ_SAN) \
	    -fsanitize=fuzzer -o $@ $^ $(RENDER_LIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(LIBS)

$(BUILD)/fuzz-replay/fuzz_render_json: tests/fuzz/fuzz_render_json.c tests/fuzz/standalone_driver.c src/render/render_json.c
	@mkdir -p $(@D)
	$(CC) $(RENDER_CFLAGS) -Isrc/render -Itests/fuzz $(LDFLAGS) -o $@ $^ $(RENDER_LIBS)

$(BUILD)/fuzz-replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/standalone_driver.c $(LIBRG)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $< tests/fuzz/standalone_driver.c $(LIBRG) $(LIBS)

## fuzz: build the libFuzzer targets into $(BUILD)/fuzz/ (clang); run one with
##   make fuzz-run FUZZ_TIME=120 (each target, scratch corpus in $(BUILD)/fuzz/corpus)
fuzz: $(FUZZ_BIN)

## fuzz-run: run every fuzz target for FUZZ_TIME seconds; crashes land in $(BUILD)/fuzz/artifacts/
fuzz-run: fuzz
	@for t in $(FUZZ_NAMES); do \
	    mkdir -p $(BUILD)/fuzz/corpus/$$t $(BUILD)/fuzz/artifacts/$$t; \
	    $(BUILD)/fuzz/$$t -max_total_time=$(FUZZ_TIME) -close_fd_mask=2 \
	        -artifact_prefix=$(BUILD)/fuzz/artifacts/$$t/ \
	        $(BUILD)/fuzz/corpus/$$t tests/fuzz/corpus/$${t#fuzz_} || exit 1; \
	done

## fuzz-replay: replay tests/fuzz/corpus/<target>/* through each target (gcc, no libFuzzer)
fuzz-replay: $(REPLAY_BIN)
	@for t in $(FUZZ_NAMES); do \
	    $(BUILD)/fuzz-replay/$$t tests/fuzz/corpus/$${t#fuzz_} || exit 1; \
	done

# keep the clang objects between runs (they are intermediate to make)
.SECONDARY: $(FUZZ_LIB_OBJ) $(TEST_BIN:%=%.o)

.PHONY: fuzz fuzz-run fuzz-replay

## valgrind-cli: the CLI tests with relgraph under valgrind memcheck (big inputs
##   scaled down: a 2 MB line, 2,000 tiny documents). relgraph-render is not
##   wrapped: Graphviz and Pango keep global caches that memcheck reports as
##   leaks; RELGRAPH_RENDER_WRAP="$(VALGRIND)" wraps it too.
VALGRIND ?= valgrind -q --error-exitcode=99 --leak-check=full
valgrind-cli: all
	@RELGRAPH=$(RG) RELGRAPH_RENDER=$(RENDER) RELGRAPH_WRAP="$(VALGRIND)" \
	    RG_TEST_BIG_MB=2 RG_TEST_MANY_DOCS=2000 sh scripts/run_cli_tests.sh

.PHONY: valgrind-cli
