# Other Lua hosts. `make LUA=lua5.3` (or lua5.1, luajit) builds the same sources into
# build/<lua>/pith/core.so, and `make test LUA=...` runs the specs under that
# interpreter, leaving out those tagged #lua54 (they need 5.4 syntax or semantics).
# The default (LUA=lua5.4) keeps build/pith/core.so and runs every spec.
HOST_LUAS = lua5.4 lua5.3 lua5.1 luajit

HOST_PACKAGES_lua5.3 = lua5.3 liblua5.3-dev
HOST_PACKAGES_lua5.1 = lua5.1 liblua5.1-0-dev
HOST_PACKAGES_luajit = luajit libluajit-5.1-dev
# host end-to-end specs (spec/hosts): Neovim runs LuaJIT, lighttpd's mod_magnet 5.4
HOST_PACKAGES_e2e = neovim lighttpd lighttpd-modules-lua $(HOST_PACKAGES_luajit)

ifneq ($(LUA),lua5.4)
BUILD := $(BUILD)/$(LUA)
DEBIAN_PACKAGES += $(HOST_PACKAGES_$(LUA))
BUSTED_ARGS += --lua=$(LUA) --cpath=./$(BUILD)/?.so --exclude-tags=lua54
endif

.DEFAULT_GOAL := all
.PHONY: hosts
# Every variant, built and tested one after the other (each in its own build dir).
hosts:
	@for l in $(HOST_LUAS); do $(MAKE) --no-print-directory test LUA=$$l || exit 1; done
