/* libFuzzer glue shared by every pith target: one long-lived Lua 5.4 state, the
 * target's Lua driver (pith_fuzz_driver, defined by each fuzz_*.c) compiled once,
 * then each input passed to it as a string. Lua errors are expected results of odd
 * input; crashes, leaks, sanitizer reports and hangs are the findings. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "pith.h"

extern const char pith_fuzz_driver[];
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static lua_State *fuzz_state(void) {
  static lua_State *L; /* the harness's only state: libFuzzer calls us in one thread */
  return L ? L : (L = luaL_newstate());
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  lua_State *L = fuzz_state();
  (void)argc;
  (void)argv;
  luaL_openlibs(L);
  luaL_requiref(L, "pith.core", luaopen_pith_core, 0);
  lua_pop(L, 1);
  if (luaL_loadstring(L,
                      "package.path = './lua/?.lua;./lua/?/init.lua;' .. package.path") !=
          LUA_OK ||
      lua_pcall(L, 0, 0, 0) != LUA_OK)
    return 1;
  if (luaL_loadstring(L, pith_fuzz_driver) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
    /* a broken driver must stop the run, not fuzz nothing */
    lua_writestringerror("fuzz driver: %s\n", lua_tostring(L, -1));
    __builtin_trap();
  }
  lua_setfield(L, LUA_REGISTRYINDEX, "pith.fuzz");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lua_State *L = fuzz_state();
  lua_getfield(L, LUA_REGISTRYINDEX, "pith.fuzz");
  lua_pushlstring(L, (const char *)data, size);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    /* a driver flags a broken contract (not just odd input) with "FINDING: ..." */
    const char *msg = lua_tostring(L, -1);
    if (msg && strncmp(msg, "FINDING: ", 9) == 0) {
      lua_writestringerror("%s\n", msg);
      abort();
    }
    lua_pop(L, 1);
  }
  lua_gc(L, LUA_GCCOLLECT, 0);
  return 0;
}
