# Other Lua hosts. `make LUA=lua5.3` (or lua5.1, luajit) builds the same sources into
# build/<lua>/pith/core.so, and `make test LUA=...` runs the specs under that
# interpreter, leaving out those tagged #lua54 (they need 5.4 syntax or semantics).
# The default (LUA=lua5.4) keeps build/pith/core.so and runs every spec.
HOST_LUAS = lua5.4 lua5.3 lua5.1 luajit

HOST_PACKAGES_lua5.3 = lua5.3 liblua5.3-dev
HOST_PACKAGES_lua5.1 = lua5.1 liblua5.1-0-dev
HOST_PACKAGES_luajit = luajit libluajit-5.1-dev
# host end-to-end specs (spec/hosts): Neovim runs LuaJIT, lighttpd's mod_magnet 5.4
HOST_PACKAGES_e2e = neovim lighttpd lighttpd-modules-lua curl $(HOST_PACKAGES_luajit)
# the default run includes spec/hosts, which start those hosts
DEBIAN_PACKAGES += $(HOST_PACKAGES_e2e)

ifneq ($(LUA),lua5.4)
BUILD := $(BUILD)/$(LUA)
DEBIAN_PACKAGES += $(HOST_PACKAGES_$(LUA))
# Which specs run under LUA: every spec file it can compile (mk/host-specs.sh names the others),
# but those listed below. pith's Lua modules load in all four (lua/pith/compat.lua).
HOST_SPEC_DIRS = spec
ifneq ($(filter lua5.1 luajit,$(LUA)),)
# tests that compare with the host's own string.gmatch/gsub (5.4 empty-match rule);
# a pattern without spaces: busted re-executes itself under --lua without quoting
BUSTED_ARGS += --filter-out=empty.matches
endif
# Listed here, not skipped silently:
#  - packaging: the rockspec and README examples target lua5.4
#  - spec/hosts start their own hosts (nvim, lighttpd, lua5.4): run once, by 5.4
#  - spec/hostile_spec.lua runs its children with lua5.4 itself
HOST_54_ONLY_SPECS = spec/rockspec_spec.lua spec/readme_spec.lua spec/hostile_spec.lua \
  $(filter-out spec/hosts/builds_spec.lua,$(wildcard spec/hosts/*_spec.lua))
#  - the CLI specs run bin/pith, a lua5.4 program (lua5.3, whose build they do not use either,
#    keeps running them as before)
ifneq ($(filter lua5.1 luajit,$(LUA)),)
HOST_54_ONLY_SPECS += spec/cli_spec.lua spec/cli_rules_spec.lua spec/cli_parallel_spec.lua
endif
BUSTED_ARGS += --lua=$(LUA) --cpath=./$(BUILD)/?.so --exclude-tags=lua54 \
  $(filter-out $(HOST_54_ONLY_SPECS),$(shell sh mk/host-specs.sh $(LUA) $(HOST_SPEC_DIRS)))
endif

.DEFAULT_GOAL := all
.PHONY: hosts
# Every variant, built and tested one after the other (each in its own build dir).
hosts:
	@for l in $(HOST_LUAS); do $(MAKE) --no-print-directory test LUA=$$l || exit 1; done
