#include "pith_int.h"

void pith__open_select(lua_State *L) { (void)L; }
