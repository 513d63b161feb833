#include "pith_int.h"

void pith__open_regex(lua_State *L) { (void)L; }
