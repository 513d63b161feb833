/* Lua version shims: the sources are written against the 5.4 API; this header alone
 * maps it down to 5.3, 5.1 and LuaJIT 2.1 so no other file needs version checks.
 *
 * Every replacement is a private static reached through a macro rename
 * (lua-compat-5.3's trick): LuaJIT 2.1 reports LUA_VERSION_NUM 501 but already
 * exports luaL_setfuncs, luaL_testudata and luaL_setmetatable, so a plain static
 * definition under those names would clash with its headers.
 *
 * User values (5.4: any number of Lua values per userdata) become one table per
 * userdata, held as the 5.3 user value or the 5.1 environment; user value n is
 * slot n of that table. Node handles do not pay for a table of their own: node.c
 * shares the document's table (see pith__push_node). */
#ifndef PITH_COMPAT_H
#define PITH_COMPAT_H

#include <stdarg.h>
#include <stdio.h>

#include <lua.h>
#include <lauxlib.h>

#if LUA_VERSION_NUM == 502
#error "pith supports Lua 5.1 (and LuaJIT), 5.3 and 5.4, not 5.2"
#endif

#if LUA_VERSION_NUM < 502 /* PUC 5.1 and LuaJIT (which has some 5.2 APIs) */
#define lua_rawlen(L, i)     lua_objlen((L), (i))
#define luaL_checkversion(L) ((void)0)
#define lua_absindex(L, i)                                                               \
  ((i) > 0 || (i) <= LUA_REGISTRYINDEX ? (i) : lua_gettop(L) + (i) + 1)
#define lua_Unsigned pith_compat_Unsigned
typedef size_t pith_compat_Unsigned;
#ifndef luaL_newlib /* LuaJIT 2.1 already defines these two */
#define luaL_newlibtable(L, l) lua_createtable((L), 0, sizeof(l) / sizeof((l)[0]) - 1)
#define luaL_newlib(L, l)      (luaL_newlibtable((L), (l)), luaL_setfuncs((L), (l), 0))
#endif
#define luaL_setfuncs       pith_compat_setfuncs
#define luaL_setmetatable   pith_compat_setmetatable
#define luaL_testudata      pith_compat_testudata
#define luaL_buffinitsize   pith_compat_buffinitsize
#define luaL_pushresultsize pith_compat_pushresultsize
#define lua_pushfstring     pith_compat_pushfstring
/* the user-value table lives in the userdata's environment */
#define pith_compat_getuvtable lua_getfenv
#define pith_compat_setuvtable lua_setfenv

static inline void pith_compat_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
  luaL_checkstack(L, nup + 1, "too many upvalues");
  for (; l->name != NULL; l++) {
    int i;
    for (i = 0; i < nup; i++)
      lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}

static inline void pith_compat_setmetatable(lua_State *L, const char *tname) {
  luaL_getmetatable(L, tname);
  lua_setmetatable(L, -2);
}

static inline void *pith_compat_testudata(lua_State *L, int i, const char *tname) {
  void *p = lua_touserdata(L, i);
  if (p == NULL || !lua_getmetatable(L, i)) return NULL;
  luaL_getmetatable(L, tname);
  if (!lua_rawequal(L, -1, -2)) p = NULL;
  lua_pop(L, 2);
  return p;
}

/* 5.1's luaL_Buffer cannot be presized: the bytes live in a userdata on top of the
 * stack (where 5.4 keeps its box too) until pushresultsize copies them out. */
static inline char *pith_compat_buffinitsize(lua_State *L, luaL_Buffer *B, size_t sz) {
  luaL_buffinit(L, B);
  return (char *)lua_newuserdata(L, sz);
}

static inline void pith_compat_pushresultsize(luaL_Buffer *B, size_t sz) {
  lua_State *L = B->L;
  lua_pushlstring(L, (const char *)lua_touserdata(L, -1), sz);
  lua_remove(L, -2);
}

/* 5.1 and LuaJIT know neither %I nor %U and would misread the arguments after
 * them; this formats the 5.4 set (%% %s %d %I %f %p %c %U) itself. */
static inline const char *pith_compat_pushfstring(lua_State *L, const char *fmt, ...) {
  va_list ap;
  luaL_Buffer b;
  char num[64];
  const char *p;
  va_start(ap, fmt);
  luaL_buffinit(L, &b);
  for (p = fmt; *p; p++) {
    if (*p != '%' || p[1] == '\0') {
      luaL_addchar(&b, *p);
      continue;
    }
    switch (*++p) {
    case 's': {
      const char *s = va_arg(ap, const char *);
      luaL_addstring(&b, s ? s : "(null)");
      continue;
    }
    case 'd':
      snprintf(num, sizeof num, "%d", va_arg(ap, int));
      break;
    case 'I':
      snprintf(num, sizeof num, "%lld", (long long)va_arg(ap, lua_Integer));
      break;
    case 'f':
      snprintf(num, sizeof num, "%.14g", (double)va_arg(ap, lua_Number));
      break;
    case 'p':
      snprintf(num, sizeof num, "%p", va_arg(ap, void *));
      break;
    case 'c':
      num[0] = (char)va_arg(ap, int), num[1] = '\0';
      break;
    case 'U': {
      unsigned long c = (unsigned long)va_arg(ap, long);
      size_t n = 0;
      if (c < 0x80)
        num[n++] = (char)c;
      else if (c < 0x800)
        num[n++] = (char)(0xC0 | (c >> 6)), num[n++] = (char)(0x80 | (c & 0x3F));
      else if (c < 0x10000)
        num[n++] = (char)(0xE0 | (c >> 12)), num[n++] = (char)(0x80 | ((c >> 6) & 0x3F)),
        num[n++] = (char)(0x80 | (c & 0x3F));
      else
        num[n++] = (char)(0xF0 | ((c >> 18) & 0x07)),
        num[n++] = (char)(0x80 | ((c >> 12) & 0x3F)),
        num[n++] = (char)(0x80 | ((c >> 6) & 0x3F)), num[n++] = (char)(0x80 | (c & 0x3F));
      num[n] = '\0';
      break;
    }
    default:
      num[0] = *p, num[1] = '\0';
      break; /* "%%" and anything unknown */
    }
    luaL_addstring(&b, num);
  }
  va_end(ap);
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}
#endif

#if LUA_VERSION_NUM < 503 /* these return the pushed value's type since 5.3 */
#define lua_getfield(L, i, k) (lua_getfield((L), (i), (k)), lua_type((L), -1))
#define lua_gettable(L, i)    (lua_gettable((L), (i)), lua_type((L), -1))
#define lua_rawget(L, i)      (lua_rawget((L), (i)), lua_type((L), -1))
#define lua_rawgeti(L, i, n)  (lua_rawgeti((L), (i), (n)), lua_type((L), -1))
#endif

#if LUA_VERSION_NUM == 503
#define pith_compat_getuvtable lua_getuservalue
#define pith_compat_setuvtable lua_setuservalue
#endif

#if LUA_VERSION_NUM < 504
#define luaL_pushfail(L) lua_pushnil(L)
#define luaL_argexpected(L, cond, arg, tname)                                            \
  ((void)((cond) || luaL_argerror((L), (arg),                                            \
                                  lua_pushfstring((L), "%s expected, got %s", (tname),   \
                                                  luaL_typename((L), (arg))))))
#define lua_newuserdatauv pith_compat_newuserdatauv
#define lua_getiuservalue pith_compat_getiuservalue
#define lua_setiuservalue pith_compat_setiuservalue

static inline void *pith_compat_newuserdatauv(lua_State *L, size_t sz, int nuv) {
  void *p = lua_newuserdata(L, sz);
  if (nuv > 0) {
    lua_createtable(L, nuv, 0);
    pith_compat_setuvtable(L, -2);
  }
  return p;
}

/* Pushes user value n of the userdata at i (nil and LUA_TNONE when it has none). */
static inline int pith_compat_getiuservalue(lua_State *L, int i, int n) {
  pith_compat_getuvtable(L, i);
  if (!lua_istable(L, -1) || n < 1) {
    lua_pop(L, 1);
    lua_pushnil(L);
    return LUA_TNONE;
  }
  lua_rawgeti(L, -1, n);
  lua_remove(L, -2);
  return lua_type(L, -1);
}

/* Pops a value into user value n of the userdata at i; 0 when it has none. */
static inline int pith_compat_setiuservalue(lua_State *L, int i, int n) {
  i = lua_absindex(L, i);
  pith_compat_getuvtable(L, i);
  if (!lua_istable(L, -1) || n < 1) {
    lua_pop(L, 2);
    return 0;
  }
  lua_insert(L, -2);
  lua_rawseti(L, -2, n);
  lua_pop(L, 1);
  return 1;
}
#endif

#endif
