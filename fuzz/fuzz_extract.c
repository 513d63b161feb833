/* libFuzzer target: arbitrary bytes through parse, selection, serialisation and
 * the whole Lua extraction pipeline, in one long-lived Lua state. */
#include <stddef.h>
#include <stdint.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "pith.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static lua_State *fuzz_state(void) {
  static lua_State *L; /* the harness's only state: libFuzzer calls us in one thread */
  return L ? L : (L = luaL_newstate());
}

static const char driver[] =
    "package.path = './lua/?.lua;./lua/?/init.lua;' .. package.path\n"
    "local core = require 'pith.core'\n"
    "local ok_pith, pith = pcall(require, 'pith')\n"
    "return function(bytes)\n"
    "  local doc = core.parse(bytes)\n"
    "  if doc then\n"
    "    for _, css in ipairs { 'p', 'div > p', 'a[href^=http]', ':not(script)', "
    "'li:nth-child(2n+1)' } do\n"
    "      local ok, nodes = pcall(doc.select, doc, css)\n"
    "      if ok then for i = 1, math.min(#nodes, 5) do nodes[i]:text(); nodes[i]:html() "
    "end end\n"
    "    end\n"
    "    local body = doc:body()\n"
    "    if body then body:text(); body:markdown(); body:clean_html() end\n"
    "    doc:close()\n"
    "  end\n"
    "  if ok_pith then pith.extract(bytes, { format = 'markdown' }) end\n"
    "end\n";

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  lua_State *L = fuzz_state();
  (void)argc;
  (void)argv;
  luaL_openlibs(L);
  luaL_requiref(L, "pith.core", luaopen_pith_core, 0);
  lua_pop(L, 1);
  if (luaL_loadstring(L, driver) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) return 1;
  lua_setfield(L, LUA_REGISTRYINDEX, "pith.fuzz");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lua_State *L = fuzz_state();
  lua_getfield(L, LUA_REGISTRYINDEX, "pith.fuzz");
  lua_pushlstring(L, (const char *)data, size);
  /* Lua errors are expected results (e.g. odd input); crashes and leaks are the findings
   */
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
  lua_gc(L, LUA_GCCOLLECT, 0);
  return 0;
}
