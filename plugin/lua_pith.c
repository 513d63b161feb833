/* The Lua binding entry point: builds the pith.core table from each primitive. */
#include "pith_int.h"

PITH_API int luaopen_pith_core(lua_State *L) {
  luaL_checkversion(L);
  xmlInitParser();
  lua_newtable(L);
  pith__open_dom(L);
  pith__open_node(L);
  pith__open_select(L);
  pith__open_regex(L);
  pith__open_text(L);
  pith__open_extract(L);
  pith__open_gzip(L);
  pith__open_proc(L);
  pith__open_walk(L);
  lua_pushliteral(L, PITH_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}
