# pith — build, test and tooling. Every path and flag can be overridden:
#   make CC=clang LUA=lua5.4
LUA        ?= lua5.4
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build
SHARED     ?= ../shared
DEBIAN_PACKAGES = lua5.4 liblua5.4-dev libxml2-dev libpcre2-dev zlib1g-dev lua-busted luarocks \
                  lua-check lua-cjson clang-format pkg-config gcc make

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
	bin/pith -f markdown -u https://sg.news.yahoo.com/mcdonald-pore-launches-chilli-crab-064000706.html spec/fixtures/pages/yahoo-straits-times.html.gz

lint: deps
	luacheck -q --formatter plain .
	clang-format --dry-run -Werror plugin/*.c plugin/*.h include/*.h fuzz/*.c

ASAN_FLAGS = -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan: deps
	@mkdir -p $(BUILD)/asan/pith
	$(CC) -std=c99 -fPIC $(WARN) $(ASAN_FLAGS) -Iinclude -Iplugin $(LUA_CFLAGS) $(XML_CFLAGS) \
	  $(PCRE_CFLAGS) -DPCRE2_CODE_UNIT_WIDTH=8 -shared -o $(BUILD)/asan/pith/core.so $(SOURCES) $(LIBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/spec/support/lsan.supp \
	LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	  busted --run=asan

FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
fuzz:
	@mkdir -p $(BUILD)/fuzz $(BUILD)/fuzz/corpus
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Iplugin $(LUA_CFLAGS) \
	  $(XML_CFLAGS) $(PCRE_CFLAGS) -DPCRE2_CODE_UNIT_WIDTH=8 -o $(BUILD)/fuzz/fuzz_extract \
	  fuzz/fuzz_extract.c $(SOURCES) $(LIBS) $$($(PKG_CONFIG) --libs $(LUA))
	@for f in $(SHARED)/corpus/readability/*/source.html; do \
	  cp "$$f" $(BUILD)/fuzz/corpus/$$(basename $$(dirname "$$f")).html; done 2>/dev/null || true
	$(BUILD)/fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 \
	  -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus

bench: all
	$(LUA) bench/bench.lua $(SHARED)

INST_LIBDIR ?= /usr/local/lib/lua/5.4
INST_LUADIR ?= /usr/local/share/lua/5.4
install: all
	install -d $(INST_LIBDIR)/pith $(INST_LUADIR)/pith
	install -m 755 $(MODULE) $(INST_LIBDIR)/pith/core.so
	cd lua && find pith -name '*.lua' -exec install -D -m 644 {} $(INST_LUADIR)/{} \;

clean:
	rm -rf $(BUILD)
