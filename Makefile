# pith — build, test and tooling. Every path and flag can be overridden:
#   make CC=clang LUA=lua5.4
LUA        ?= lua5.4
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build
SHARED     ?= ../shared
DEBIAN_PACKAGES = lua5.4 liblua5.4-dev libxml2-dev libpcre2-dev zlib1g-dev lua-busted luarocks \
                  lua-check lua-cjson lua-filesystem parallel clang-format pkg-config gcc make

LUA_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags $(LUA) 2>/dev/null)
XML_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null)
XML_LIBS    ?= $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null)
PCRE_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE_LIBS   ?= $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null)
Z_LIBS      ?= $(shell $(PKG_CONFIG) --libs zlib 2>/dev/null)
include mk/hosts.mk

WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wundef -Wcast-qual -Wwrite-strings \
          -Wmissing-prototypes -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c99 -fPIC -fvisibility=hidden $(WARN) $(CFLAGS) -Iinclude -Iplugin \
             $(LUA_CFLAGS) $(XML_CFLAGS) $(PCRE_CFLAGS) -DPCRE2_CODE_UNIT_WIDTH=8
LIBS    = $(XML_LIBS) $(PCRE_LIBS) $(Z_LIBS)

SOURCES = $(wildcard plugin/*.c)
HEADERS = $(wildcard plugin/*.h include/*.h)
MODULE  = $(BUILD)/pith/core.so

.PHONY: all deps test lint asan fuzz bench demo install clean
all: $(MODULE)

$(MODULE): $(SOURCES) $(HEADERS) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $(SOURCES) $(LIBS)

# Installs the Debian packages pith needs, only when one is missing (root or sudo).
deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test: deps
	@$(MAKE) --no-print-directory all
	busted --run=ci $(BUSTED_ARGS)

demo: deps
	@$(MAKE) --no-print-directory all
	bin/pith -f json -u https://sg.news.yahoo.com/mcdonald-pore-launches-chilli-crab-064000706.html spec/fixtures/pages/yahoo-straits-times.html.gz

lint: deps
	luacheck -q --formatter plain .
	clang-format --dry-run -Werror plugin/*.c plugin/*.h include/*.h fuzz/*.c

ASAN_FLAGS = -g -O1 -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# Every spec but the host ones: those run gcc, nvim and lighttpd, which the sanitizer
# preload would instrument (and report on) too.
ASAN_SPECS = $(sort $(filter-out spec/hosts/%,$(wildcard spec/*_spec.lua spec/*/*_spec.lua)))
asan: deps
	@mkdir -p $(BUILD)/asan/pith
	$(CC) -std=c99 -fPIC $(WARN) $(ASAN_FLAGS) -Iinclude -Iplugin $(LUA_CFLAGS) $(XML_CFLAGS) \
	  $(PCRE_CFLAGS) -DPCRE2_CODE_UNIT_WIDTH=8 -shared -o $(BUILD)/asan/pith/core.so $(SOURCES) $(LIBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/spec/support/lsan.supp \
	LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	  busted --run=asan $(ASAN_SPECS)

# libFuzzer targets (fuzz/fuzz_*.c, each with fuzz/harness.c): extract (parse+extract+serialise),
# css (selector compiler + select), warc (WARC reader), rules (rule loaders). Seeds from
# $(SHARED)/corpus via fuzz/seeds.lua; findings land in $(BUILD)/fuzz/<target>-crash-*.
# Runs every target for FUZZ_SECONDS each, then fails if any target found something.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_TARGETS ?= extract css warc rules
FUZZ_FLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
             -Iinclude -Iplugin $(LUA_CFLAGS) $(XML_CFLAGS) $(PCRE_CFLAGS) -DPCRE2_CODE_UNIT_WIDTH=8
FUZZ_OPTIONS ?= -max_len=65536 -rss_limit_mb=4096 -timeout=20
fuzz:
	@mkdir -p $(BUILD)/fuzz/obj
	@for f in $(SOURCES); do \
	  o=$(BUILD)/fuzz/obj/$$(basename $$f .c).o; \
	  [ -f $$o ] && [ $$o -nt $$f ] && [ $$o -nt Makefile ] && [ -z "$$(find $(HEADERS) -newer $$o)" ] \
	    || { echo "  CC $$f"; $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $$o $$f; } || exit 1; \
	done
	@for t in $(FUZZ_TARGETS); do \
	  echo "  LINK $(BUILD)/fuzz/fuzz_$$t"; \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $(BUILD)/fuzz/fuzz_$$t fuzz/harness.c fuzz/fuzz_$$t.c \
	    $(patsubst plugin/%.c,$(BUILD)/fuzz/obj/%.o,$(SOURCES)) $(LIBS) $$($(PKG_CONFIG) --libs $(LUA)) || exit 1; \
	done
	$(LUA) fuzz/seeds.lua $(SHARED) $(BUILD)/fuzz/seeds
	@failed=; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(BUILD)/fuzz/corpus/$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  PITH_FUZZ_TMP=$(BUILD)/fuzz $(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_OPTIONS) \
	    -artifact_prefix=$(BUILD)/fuzz/$$t- -print_final_stats=1 \
	    $(BUILD)/fuzz/corpus/$$t $(BUILD)/fuzz/seeds/$$t 2>$(BUILD)/fuzz/$$t.log \
	    || { failed="$$failed $$t"; tail -n 40 $(BUILD)/fuzz/$$t.log; }; \
	  grep -E '^(stat::number_of_executed_units|Done)' $(BUILD)/fuzz/$$t.log || true; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz findings in:$$failed (see $(BUILD)/fuzz/*-crash-*)"; exit 1; fi

bench: all
	$(LUA) bench/bench.lua $(SHARED)
	$(LUA) bench/rules.lua $(SHARED)

INST_LIBDIR ?= /usr/local/lib/lua/5.4
INST_LUADIR ?= /usr/local/share/lua/5.4
install: all
	install -d $(INST_LIBDIR)/pith $(INST_LUADIR)/pith
	install -m 755 $(MODULE) $(INST_LIBDIR)/pith/core.so
	cd lua && find pith -name '*.lua' -exec install -D -m 644 {} $(INST_LUADIR)/{} \;

clean:
	rm -rf $(BUILD)
