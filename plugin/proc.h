/* core.proc: the few POSIX process primitives bin/pith's worker pool needs. */
#ifndef PITH_PROC_H
#define PITH_PROC_H

#include <lua.h>

#pragma GCC visibility push(hidden)

/* Adds the `proc` table to the module table at the top of the stack. */
void pith__open_proc(lua_State *L);

#pragma GCC visibility pop

#endif
