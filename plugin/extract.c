#include "pith_int.h"

void pith__open_extract(lua_State *L) { (void)L; }
