# Vigil - GNU Makefile. `make` builds build/vigil and build/libvigil.a; `make check` runs
# every test; `make demo` installs what is missing, builds and runs the synthetic force.
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
BUILD  ?= build
CC     ?= cc
SAN    ?= 0
WERROR ?= 0
OPT    ?= -O2
VIGIL_SHARED_DATA ?= $(abspath ../shared/data)
export VIGIL_SHARED_DATA

PKGS      := sqlite3 libpq jansson libsodium libutf8proc proj libmicrohttpd
TEST_PKGS := cmocka libcurl

PKG_CFLAGS  := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla -Wundef
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SAN),1)
OPT := -O1
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ifeq ($(SAN),fuzz)
OPT := -O1
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

CPPFLAGS += -Isrc -I$(BUILD)/gen -D_DEFAULT_SOURCE -DVG_VERSION='"$(VERSION)"'
CFLAGS   += -std=c17 $(OPT) -g $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += $(SANFLAGS)
LDLIBS   += $(PKG_LIBS) -lm -lpthread


LIB_SRC  := $(filter-out src/cli/main.c,$(sort $(wildcard src/*/*.c)))
CLI_SRC  := src/cli/main.c
SCHEMA   := $(sort $(wildcard src/store/schema/sqlite/*.sql))
SCHEMA_PG := $(sort $(wildcard src/store/schema/postgres/*.sql))
GEN_SRC  := $(BUILD)/gen/schema_sqlite.c $(BUILD)/gen/schema_pg.c $(BUILD)/gen/web_assets.c
# The web UI's assets: Vigil's own (web/src) and the npm packages' (web/node_modules,
# exact versions from web/package-lock.json), embedded into the binary.
WEB_NPM  := web/node_modules/.package-lock.json
WEB_VENDOR := web/node_modules/htmx.org/dist/htmx.min.js web/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
              web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css
WEB_OWN  := web/src/app.js
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:%.c=%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzzers/%)
FUZZ_SECONDS ?= 10

.PHONY: api all check unit cli pg asan fuzz fuzz-bin demo deps clean bench browser screenshots

all: $(BUILD)/vigil $(BUILD)/libvigil.a

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/schema_sqlite.c: $(SCHEMA) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ vg_sqlite_schema $(SCHEMA)

$(BUILD)/gen/schema_pg.c: $(SCHEMA_PG) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ vg_pg_schema $(SCHEMA_PG)

$(WEB_NPM): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

$(WEB_VENDOR): $(WEB_NPM)

$(BUILD)/gen/vigil.css: web/src/vigil.scss $(WEB_NPM)
	@mkdir -p $(@D)
	cd web && node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules --quiet-deps \
	  --silence-deprecation=import src/vigil.scss $(abspath $@)

$(BUILD)/gen/web_assets.c: $(BUILD)/gen/vigil.css $(WEB_OWN) $(WEB_VENDOR) $(BUILD)/tools/embed
	$(BUILD)/tools/embed $@ vg_web_assets $(BUILD)/gen/vigil.css $(WEB_OWN) $(WEB_VENDOR)

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/libvigil.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/vigil: $(BUILD)/obj/src/cli/main.o $(BUILD)/libvigil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h tests/unit/testutil_service.h $(BUILD)/libvigil.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(TEST_CFLAGS) -o $@ $< $(LDFLAGS) $(BUILD)/libvigil.a $(TEST_LIBS) $(LDLIBS)

$(BUILD)/fuzzers/%: tests/fuzz/%.c $(BUILD)/libvigil.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libvigil.a $(LDLIBS)

fuzz-bin: $(FUZZ_BIN)

# libFuzzer harnesses (clang, ASan+UBSan): replay the seed corpus, then fuzz each for
# FUZZ_SECONDS from it. New inputs go to build/fuzz/corpus-NAME, never into the tree.
fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SAN=fuzz fuzz-bin
	@tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/fuzzers/%)

# Unit tests (cmocka), one process per file.
unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
	  echo "== $$t"; $$t || fail=1; \
	done; exit $$fail

# Data-driven CLI tests against the real binary.
cli: $(BUILD)/vigil
	@tests/cli/run.sh $(abspath $(BUILD)/vigil)
	@tests/cli/calibration.sh $(abspath $(BUILD)/vigil)
	@tests/export/facts.sh $(abspath $(BUILD)/vigil)

# Black-box API tests: the real `vigil serve` on a free port, talked to over HTTP, one
# program per tests/api/test_*.c (each with the shared harness).
API_SRC := $(sort $(wildcard tests/api/test_*.c))
API_BIN := $(API_SRC:tests/api/%.c=$(BUILD)/tests/api/%)
$(BUILD)/tests/api/%: tests/api/%.c tests/api/harness.c tests/api/harness.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(TEST_CFLAGS) -o $@ $< tests/api/harness.c $(LDFLAGS) $(TEST_LIBS) $(LDLIBS)

api: $(BUILD)/vigil $(API_BIN)
	@fail=0; for t in $(API_BIN); do $$t $(abspath $(BUILD)/vigil) || fail=1; done; exit $$fail

# The suites against PostgreSQL 15: a throwaway cluster, the two dialects' schemas
# compared, the CLI and API tests (tests/pg/run.sh).
pg: $(BUILD)/vigil $(API_BIN)
	@tests/pg/run.sh $(abspath $(BUILD)/vigil) $(abspath $(API_BIN))

# Browser tests: Debian's Chromium through playwright-core against the real server.
browser: $(BUILD)/vigil $(WEB_NPM)
	@VIGIL=$(abspath $(BUILD)/vigil) node --test tests/browser/

# The README's screenshots, taken by the browser tests.
screenshots: $(BUILD)/vigil $(WEB_NPM)
	@VIGIL=$(abspath $(BUILD)/vigil) VIGIL_SCREENSHOTS=$(abspath docs/img) node --test tests/browser/

# ASan + UBSan build of the library, running the unit tests.
asan:
	@VIGIL_OOM_STRIDE=3 $(MAKE) --no-print-directory BUILD=build/asan SAN=1 unit
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 build/asan/vigil
	@tests/cli/run.sh $(abspath build/asan/vigil)
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 api

check: deps all unit cli api pg browser asan fuzz
	@echo "make check: all tests passed"

deps:
	@tools/deps.sh

DEMO_DB ?= demo.db
demo: deps
	@$(MAKE) --no-print-directory all
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/vigil demo --db $(DEMO_DB) --seed 1
	@echo "vigil: serving the synthetic force: open http://127.0.0.1:8080/ and sign in as one of the users above (Ctrl-C stops it)"
	$(BUILD)/vigil serve --db $(DEMO_DB) --listen 127.0.0.1:8080

bench: all $(BUILD)/bench/csv_throughput $(BUILD)/bench/match_eval $(BUILD)/bench/repeat_eval $(BUILD)/bench/match_speed $(BUILD)/bench/epoll_ceiling
	@if command -v node >/dev/null && [ ! -d bench/duckdb/node_modules ]; then (cd bench/duckdb && npm ci --no-audit --no-fund); fi
	bench/csv.sh $(BUILD)
	bench/import.sh $(BUILD)/vigil
	bench/report.sh $(BUILD)/vigil
	bench/synth.sh $(BUILD)/vigil
	bench/first_contact.sh $(BUILD)
	bench/match.sh $(BUILD)
	bench/serve.sh $(BUILD)
	bench/control_room.sh $(BUILD)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/src/cli/main.d

# The first-contact speed benchmark talks to PostgreSQL through libpq.
$(BUILD)/bench/match_speed: CFLAGS += $(shell pkg-config --cflags libpq 2>/dev/null)
$(BUILD)/bench/match_speed: LDLIBS += $(shell pkg-config --libs libpq 2>/dev/null)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libvigil.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LDFLAGS) $(BUILD)/libvigil.a $(LDLIBS)
