#include "pith_int.h"

void pith__open_text(lua_State *L) { (void)L; }
