/* core.regex: PCRE2 patterns for Lua.
 *
 * core.regex(pattern [, flags]) -> re | fail, "msg (pattern offset: N)"
 *   flags: letters i (caseless) m (multiline) s (dotall) x (extended) U (ungreedy).
 *   Always UTF | UCP | MATCH_INVALID_UTF: web text has stray bytes, and \w, \b
 *   and case folding must know non-ASCII letters. Compiled patterns are cached
 *   per Lua state (weak-valued table in an upvalue), so the same pattern and
 *   flags give the same object.
 * core.regex_limits([match_limit [, depth_limit]]) -> old match_limit, old depth_limit
 *   Per-state defaults (1e6, 1e5). Every method also takes an optional trailing
 *   table {match_limit=, depth_limit=} for one call.
 *
 * Methods (offsets are 1-based and inclusive, like string.find; init as in
 * string.find, negative counts from the end):
 *   re:find(s [, init [, lim]])     -> start, end | nil
 *   re:match(s [, init [, lim]])    -> captures (unset -> false) or whole match | nil
 *   re:gmatch(s [, init [, lim]])   -> iterator of captures or whole match
 *   re:gsub(s, repl [, n [, lim]])  -> string, count  (repl: string with %0-%9 and
 *                                      %%, table keyed by first capture/whole match,
 *                                      or function; false/nil keeps the match)
 *   re:split(s [, max [, lim]])     -> array of the pieces between matches
 *   re:test(s [, lim])              -> boolean
 * A resource limit returns fail, msg, code with code "MATCHLIMIT", "DEPTHLIMIT",
 * "HEAPLIMIT" or "JITSTACKLIMIT" (never a silent no-match); any other PCRE2
 * matching error gives code "MATCHERROR". gmatch raises instead, because a for
 * loop would take its nil for the end of the matches.
 *
 * Empty matches follow Lua 5.4's string.gmatch/gsub: an empty match is not
 * allowed where the previous match ended, and the scan then moves on by one
 * whole character (PCRE2_NOTEMPTY_ATSTART; PCRE2 advances by UTF-8 character).
 *
 * Lua is only ever called after pcre2_match has returned and the offsets that
 * are still needed have been copied into locals, so no Lua error can cross a
 * PCRE2 frame, and a callback may reuse the same pattern (which rewrites its
 * match data). */
#include <string.h>

#include "regex.h"

#define REGEX_STATE_MT  "pith.RegexState"
#define DEFAULT_MATCH   1000000u
#define DEFAULT_DEPTH   100000u
#define JIT_STACK_START ((size_t)32 * 1024)
#define JIT_STACK_MAX   ((size_t)1024 * 1024)

/* Per-Lua-state matching resources: one match context carrying the limits and
 * a JIT stack larger than PCRE2's 32 KB default. Upvalue 1 of every function. */
typedef struct regex_state {
  pcre2_match_context *mctx;
  pcre2_jit_stack *jstack;
  uint32_t match_limit, depth_limit;
} regex_state;

typedef struct limits {
  uint32_t match, depth;
} limits;

#define STATE(L) ((regex_state *)lua_touserdata((L), lua_upvalueindex(1)))

pith_Regex *pith__check_regex(lua_State *L, int i) {
  pith_Regex *re = (pith_Regex *)luaL_checkudata(L, i, PITH_REGEX_MT);
  if (re->code == NULL) luaL_argerror(L, i, "regex is not compiled");
  return re;
}

static int state_gc(lua_State *L) {
  regex_state *st = (regex_state *)luaL_checkudata(L, 1, REGEX_STATE_MT);
  if (st->mctx != NULL) pcre2_match_context_free(st->mctx);
  if (st->jstack != NULL) pcre2_jit_stack_free(st->jstack);
  st->mctx = NULL;
  st->jstack = NULL;
  return 0;
}

static int regex_gc(lua_State *L) {
  pith_Regex *re = (pith_Regex *)luaL_checkudata(L, 1, PITH_REGEX_MT);
  if (re->md != NULL) pcre2_match_data_free(re->md);
  if (re->code != NULL) pcre2_code_free(re->code);
  re->md = NULL;
  re->code = NULL;
  return 0;
}

static int regex_tostring(lua_State *L) {
  pith_Regex *re = (pith_Regex *)luaL_checkudata(L, 1, PITH_REGEX_MT);
  lua_getiuservalue(L, 1, 1);
  lua_pushfstring(L, "pith.Regex(/%s/%s)", lua_tostring(L, -1), re->flags);
  return 1;
}

/* ---- limits ------------------------------------------------------------- */

static uint32_t check_limit(lua_State *L, int idx, const char *what) {
  lua_Integer v = luaL_checkinteger(L, idx);
  if (v < 1 || v > (lua_Integer)UINT32_MAX)
    luaL_error(L, "%s must be between 1 and %u", what, (unsigned)UINT32_MAX);
  return (uint32_t)v;
}

/* The limits for one call: the state defaults, overridden by an optional table
 * {match_limit=, depth_limit=} at idx. */
static limits get_limits(lua_State *L, int idx) {
  regex_state *st = STATE(L);
  limits lim;
  lim.match = st->match_limit;
  lim.depth = st->depth_limit;
  if (lua_isnoneornil(L, idx)) return lim;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lua_getfield(L, idx, "match_limit") != LUA_TNIL)
    lim.match = check_limit(L, -1, "match_limit");
  if (lua_getfield(L, idx, "depth_limit") != LUA_TNIL)
    lim.depth = check_limit(L, -1, "depth_limit");
  lua_pop(L, 2);
  return lim;
}

/* ARG: [match_limit [, depth_limit]] RES: previous match_limit, depth_limit */
static int regex_limits(lua_State *L) {
  regex_state *st = STATE(L);
  uint32_t m = st->match_limit, d = st->depth_limit;
  if (!lua_isnoneornil(L, 1)) m = check_limit(L, 1, "match_limit");
  if (!lua_isnoneornil(L, 2)) d = check_limit(L, 2, "depth_limit");
  lua_pushinteger(L, (lua_Integer)st->match_limit);
  lua_pushinteger(L, (lua_Integer)st->depth_limit);
  st->match_limit = m;
  st->depth_limit = d;
  return 2;
}

/* ---- matching ----------------------------------------------------------- */

/* Pure C: one pcre2_match. The limits are set just before the call because
 * the context is shared by every pattern of the state. */
static int run(regex_state *st, const pith_Regex *re, const char *s, size_t len,
               size_t off, uint32_t opts, const limits *lim) {
  pcre2_set_match_limit(st->mctx, lim->match);
  pcre2_set_depth_limit(st->mctx, lim->depth);
  return pcre2_match(re->code, (PCRE2_SPTR)s, len, off, opts, re->md, st->mctx);
}

static const char *error_code(int rc) {
  switch (rc) {
  case PCRE2_ERROR_MATCHLIMIT:
    return "MATCHLIMIT";
  case PCRE2_ERROR_DEPTHLIMIT:
    return "DEPTHLIMIT";
  case PCRE2_ERROR_HEAPLIMIT:
    return "HEAPLIMIT";
  case PCRE2_ERROR_JIT_STACKLIMIT:
    return "JITSTACKLIMIT";
  default:
    return "MATCHERROR";
  }
}

static void push_error_message(lua_State *L, int rc) {
  PCRE2_UCHAR buf[256];
  if (pcre2_get_error_message(rc, buf, sizeof buf) < 0)
    lua_pushfstring(L, "PCRE2 error %d", rc);
  else
    lua_pushstring(L, (const char *)buf);
}

/* RES: fail, msg, code */
static int push_match_error(lua_State *L, int rc) {
  luaL_pushfail(L);
  push_error_message(L, rc);
  lua_pushstring(L, error_code(rc));
  return 3;
}

static void raise_match_error(lua_State *L, int rc) {
  push_error_message(L, rc);
  luaL_error(L, "%s (%s)", lua_tostring(L, -1), error_code(rc));
}

/* string.find's init: 1-based, negative from the end; returns a 0-based offset
 * or (size_t)-1 when init is past the end + 1 (no match possible). */
static size_t get_init(lua_State *L, int idx, size_t len) {
  lua_Integer pos = luaL_optinteger(L, idx, 1);
  size_t init;
  if (pos > 0)
    init = (size_t)pos;
  else if (pos == 0 || pos < -(lua_Integer)len)
    init = 1;
  else
    init = len + (size_t)pos + 1;
  return init > len + 1 ? (size_t)-1 : init - 1;
}

/* Pushes group i of the last match (an unset group is false). */
static void push_group(lua_State *L, const char *s, const PCRE2_SIZE *ov, uint32_t i) {
  if (ov[2 * i] == PCRE2_UNSET)
    lua_pushboolean(L, 0);
  else
    lua_pushlstring(L, s + ov[2 * i], ov[2 * i + 1] - ov[2 * i]);
}

/* Pushes the captures, or the whole match when the pattern has no groups. */
static int push_captures(lua_State *L, const pith_Regex *re, const char *s) {
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
  uint32_t i;
  if (re->ncap == 0) {
    push_group(L, s, ov, 0);
    return 1;
  }
  luaL_checkstack(L, (int)re->ncap, "too many captures");
  for (i = 1; i <= re->ncap; i++)
    push_group(L, s, ov, i);
  return (int)re->ncap;
}

/* ARG: s [, init [, lim]] RES: start, end | nil | fail, msg, code */
static int re_find(lua_State *L) {
  pith_Regex *re = pith__check_regex(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  size_t init = get_init(L, 3, len);
  limits lim = get_limits(L, 4);
  const PCRE2_SIZE *ov;
  int rc;
  if (init == (size_t)-1) {
    luaL_pushfail(L);
    return 1;
  }
  rc = run(STATE(L), re, s, len, init, 0, &lim);
  if (rc == PCRE2_ERROR_NOMATCH) {
    luaL_pushfail(L);
    return 1;
  }
  if (rc < 0) return push_match_error(L, rc);
  ov = pcre2_get_ovector_pointer(re->md);
  lua_pushinteger(L, (lua_Integer)ov[0] + 1);
  lua_pushinteger(L, (lua_Integer)ov[1]);
  return 2;
}

/* ARG: s [, init [, lim]] RES: captures... | nil | fail, msg, code */
static int re_match(lua_State *L) {
  pith_Regex *re = pith__check_regex(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  size_t init = get_init(L, 3, len);
  limits lim = get_limits(L, 4);
  int rc;
  if (init == (size_t)-1) {
    luaL_pushfail(L);
    return 1;
  }
  rc = run(STATE(L), re, s, len, init, 0, &lim);
  if (rc == PCRE2_ERROR_NOMATCH) {
    luaL_pushfail(L);
    return 1;
  }
  if (rc < 0) return push_match_error(L, rc);
  return push_captures(L, re, s);
}

/* ARG: s [, lim] RES: boolean | fail, msg, code */
static int re_test(lua_State *L) {
  pith_Regex *re = pith__check_regex(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  limits lim = get_limits(L, 3);
  int rc = run(STATE(L), re, s, len, 0, 0, &lim);
  if (rc == PCRE2_ERROR_NOMATCH) {
    lua_pushboolean(L, 0);
    return 1;
  }
  if (rc < 0) return push_match_error(L, rc);
  lua_pushboolean(L, 1);
  return 1;
}

/* The next match at or after pos, never an empty one where the previous match
 * ended (lastend; (size_t)-1 before the first match). Pure C. */
static int next_match(regex_state *st, const pith_Regex *re, const char *s, size_t len,
                      size_t pos, size_t lastend, const limits *lim) {
  int rc = run(st, re, s, len, pos, pos == lastend ? PCRE2_NOTEMPTY_ATSTART : 0, lim);
  if (rc >= 0) {
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    /* \K can report a match ending before its start; it would stall the scan */
    if (ov[1] < ov[0] || ov[1] < pos) return PCRE2_ERROR_BADOFFSET;
  }
  return rc;
}

/* Iterator upvalues: 1 state, 2 regex, 3 subject, 4 pos, 5 lastend (-1 none),
 * 6 match limit, 7 depth limit. */
static int gmatch_aux(lua_State *L) {
  pith_Regex *re = (pith_Regex *)lua_touserdata(L, lua_upvalueindex(2));
  size_t len;
  const char *s = lua_tolstring(L, lua_upvalueindex(3), &len);
  lua_Integer pos = lua_tointeger(L, lua_upvalueindex(4));
  lua_Integer last = lua_tointeger(L, lua_upvalueindex(5));
  limits lim;
  const PCRE2_SIZE *ov;
  int rc;
  if (re->code == NULL || pos < 0 || (size_t)pos > len) return 0;
  lim.match = (uint32_t)lua_tointeger(L, lua_upvalueindex(6));
  lim.depth = (uint32_t)lua_tointeger(L, lua_upvalueindex(7));
  rc = next_match(STATE(L), re, s, len, (size_t)pos, last < 0 ? (size_t)-1 : (size_t)last,
                  &lim);
  if (rc == PCRE2_ERROR_NOMATCH) {
    lua_pushinteger(L, (lua_Integer)len + 1); /* finished: later calls return nothing */
    lua_replace(L, lua_upvalueindex(4));
    return 0;
  }
  if (rc < 0) raise_match_error(L, rc);
  ov = pcre2_get_ovector_pointer(re->md);
  lua_pushinteger(L, (lua_Integer)ov[1]);
  lua_pushvalue(L, -1);
  lua_replace(L, lua_upvalueindex(4));
  lua_replace(L, lua_upvalueindex(5));
  return push_captures(L, re, s);
}

/* ARG: s [, init [, lim]] RES: iterator */
static int re_gmatch(lua_State *L) {
  size_t len;
  size_t init;
  limits lim;
  pith__check_regex(L, 1);
  luaL_checklstring(L, 2, &len);
  init = get_init(L, 3, len);
  lim = get_limits(L, 4);
  lua_settop(L, 2);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_pushinteger(L, init == (size_t)-1 ? (lua_Integer)len + 1 : (lua_Integer)init);
  lua_pushinteger(L, -1);
  lua_pushinteger(L, (lua_Integer)lim.match);
  lua_pushinteger(L, (lua_Integer)lim.depth);
  lua_pushcclosure(L, gmatch_aux, 7);
  return 1;
}

/* Appends a string replacement: %0-%9 are groups (with no groups %1 is the whole
 * match, as in string.gsub), %% is a percent sign. */
static void add_string_repl(lua_State *L, luaL_Buffer *b, const pith_Regex *re,
                            const char *s, const PCRE2_SIZE *ov, const char *r,
                            size_t rlen) {
  const char *end = r + rlen;
  const char *p;
  while ((p = (const char *)memchr(r, '%', (size_t)(end - r))) != NULL) {
    uint32_t g;
    luaL_addlstring(b, r, (size_t)(p - r));
    p++;
    if (p < end && *p == '%') {
      luaL_addchar(b, '%');
    } else if (p < end && *p >= '0' && *p <= '9') {
      g = (uint32_t)(*p - '0');
      if (g == 1 && re->ncap == 0) g = 0;
      if (g > re->ncap)
        luaL_error(L, "invalid capture index %%%d in replacement string", (int)g);
      if (ov[2 * g] != PCRE2_UNSET)
        luaL_addlstring(b, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
    } else {
      luaL_error(L, "invalid use of '%%' in replacement string");
    }
    r = p + 1;
  }
  luaL_addlstring(b, r, (size_t)(end - r));
}

/* ARG: s, repl [, n [, lim]] RES: string, count | fail, msg, code */
static int re_gsub(lua_State *L) {
  pith_Regex *re = pith__check_regex(L, 1);
  size_t len, rlen = 0;
  const char *s = luaL_checklstring(L, 2, &len);
  int tr = lua_type(L, 3);
  const char *r = NULL;
  lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)len + 1);
  limits lim = get_limits(L, 5);
  regex_state *st = STATE(L);
  size_t pos = 0, lastend = (size_t)-1, copied = 0;
  lua_Integer n = 0;
  luaL_Buffer b;
  luaL_argexpected(L,
                   tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
                       tr == LUA_TTABLE,
                   3, "string/function/table");
  if (tr == LUA_TNUMBER || tr == LUA_TSTRING) r = lua_tolstring(L, 3, &rlen);
  lua_settop(L, 3);
  luaL_buffinit(L, &b);
  while (n < max_n && pos <= len) {
    const PCRE2_SIZE *ov;
    size_t ms, me;
    int rc = next_match(st, re, s, len, pos, lastend, &lim);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) return push_match_error(L, rc);
    ov = pcre2_get_ovector_pointer(re->md);
    ms = ov[0];
    me = ov[1];
    n++;
    luaL_addlstring(&b, s + copied, ms - copied);
    if (r != NULL) {
      add_string_repl(L, &b, re, s, ov, r, rlen);
    } else {
      /* ov may be rewritten by the callback: only ms/me are used after it */
      if (tr == LUA_TFUNCTION) {
        int k;
        lua_pushvalue(L, 3);
        k = push_captures(L, re, s);
        lua_call(L, k, 1);
      } else {
        push_group(L, s, ov, re->ncap == 0 ? 0 : 1);
        lua_gettable(L, 3);
      }
      if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(&b, s + ms, me - ms);
      } else if (!lua_isstring(L, -1)) {
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
      } else {
        luaL_addvalue(&b);
      }
    }
    copied = me;
    pos = lastend = me;
  }
  luaL_addlstring(&b, s + copied, len - copied);
  luaL_pushresult(&b);
  lua_pushinteger(L, n);
  return 2;
}

/* ARG: s [, max [, lim]] RES: array | fail, msg, code
 * The pieces between matches; an empty match at the very start or end of s
 * does not split; with max, at most max pieces (the last holds the rest). */
static int re_split(lua_State *L) {
  pith_Regex *re = pith__check_regex(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  lua_Integer max_n = luaL_optinteger(L, 3, 0);
  limits lim = get_limits(L, 4);
  regex_state *st = STATE(L);
  size_t pos = 0, lastend = (size_t)-1, piece = 0;
  lua_Integer k = 0;
  lua_createtable(L, 4, 0);
  while ((max_n <= 0 || k + 1 < max_n) && pos <= len) {
    const PCRE2_SIZE *ov;
    size_t ms, me;
    int rc = next_match(st, re, s, len, pos, lastend, &lim);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) return push_match_error(L, rc);
    ov = pcre2_get_ovector_pointer(re->md);
    ms = ov[0];
    me = ov[1];
    pos = lastend = me;
    if (ms == me && (ms == 0 || ms == len)) continue;
    lua_pushlstring(L, s + piece, ms - piece);
    lua_rawseti(L, -2, ++k);
    piece = me;
  }
  lua_pushlstring(L, s + piece, len - piece);
  lua_rawseti(L, -2, ++k);
  return 1;
}

/* ---- compiling ---------------------------------------------------------- */

/* Maps the flag letters to options; the canonical letters (fixed order, no
 * repeats) go to out, which is the cache key's prefix. */
static uint32_t parse_flags(lua_State *L, int idx, char out[8]) {
  static const char letters[] = "imsxU";
  static const uint32_t bits[] = {PCRE2_CASELESS, PCRE2_MULTILINE, PCRE2_DOTALL,
                                  PCRE2_EXTENDED, PCRE2_UNGREEDY};
  const char *f = luaL_optstring(L, idx, "");
  uint32_t opts = 0;
  size_t i, k = 0;
  for (; *f; f++) {
    const char *at = strchr(letters, *f);
    if (at == NULL) luaL_argerror(L, idx, lua_pushfstring(L, "unknown flag '%c'", *f));
    opts |= bits[at - letters];
  }
  for (i = 0; i < 5; i++)
    if (opts & bits[i]) out[k++] = letters[i];
  out[k] = '\0';
  return opts;
}

/* ARG: pattern [, flags] RES: regex | fail, msg
 * Upvalues: 1 state, 2 weak-valued cache keyed by flags .. "\0" .. pattern. */
static int regex_new(lua_State *L) {
  size_t plen;
  const char *pat = luaL_checklstring(L, 1, &plen);
  char flags[8];
  uint32_t opts = parse_flags(L, 2, flags);
  pith_Regex *re;
  int err;
  PCRE2_SIZE erroff;
  lua_pushstring(L, flags);
  lua_pushliteral(L, "\0");
  lua_pushvalue(L, 1);
  lua_concat(L, 3); /* key */
  lua_pushvalue(L, -1);
  if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TUSERDATA) return 1;
  lua_pop(L, 1);
  /* created empty (code NULL) before anything is allocated; __gc frees the rest */
  re = (pith_Regex *)lua_newuserdatauv(L, sizeof *re, 1);
  memset(re, 0, sizeof *re);
  memcpy(re->flags, flags, sizeof flags);
  luaL_setmetatable(L, PITH_REGEX_MT);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  re->code = pcre2_compile((PCRE2_SPTR)pat, plen,
                           opts | PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err,
                           &erroff, NULL);
  if (re->code == NULL) {
    luaL_pushfail(L);
    push_error_message(L, err);
    lua_pushfstring(L, "%s (pattern offset: %d)", lua_tostring(L, -1), (int)erroff);
    lua_remove(L, -2);
    return 2;
  }
  /* JIT is an optimisation: on failure (or no JIT support) the interpreter runs */
  (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
  (void)pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->ncap);
  re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
  if (re->md == NULL) {
    luaL_pushfail(L);
    lua_pushliteral(L, "out of memory");
    return 2;
  }
  lua_pushvalue(L, -2); /* key */
  lua_pushvalue(L, -2); /* regex */
  lua_rawset(L, lua_upvalueindex(2));
  return 1;
}

void pith__open_regex(lua_State *L) {
  static const luaL_Reg methods[] = {
      {"find", re_find},   {"match", re_match}, {"gmatch", re_gmatch}, {"gsub", re_gsub},
      {"split", re_split}, {"test", re_test},   {NULL, NULL}};
  regex_state *st;
  /* the state userdata exists (empty) before its resources are allocated */
  st = (regex_state *)lua_newuserdatauv(L, sizeof *st, 0);
  memset(st, 0, sizeof *st);
  st->match_limit = DEFAULT_MATCH;
  st->depth_limit = DEFAULT_DEPTH;
  if (luaL_newmetatable(L, REGEX_STATE_MT)) {
    lua_pushcfunction(L, state_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  st->mctx = pcre2_match_context_create(NULL);
  if (st->mctx == NULL) luaL_error(L, "pith.core: cannot allocate a PCRE2 match context");
  st->jstack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, NULL);
  if (st->jstack != NULL) pcre2_jit_stack_assign(st->mctx, NULL, st->jstack);

  /* module table at -2, state at -1 */
  luaL_newmetatable(L, PITH_REGEX_MT);
  lua_pushcfunction(L, regex_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, regex_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_createtable(L, 0, 6);
  lua_pushvalue(L, -3); /* state */
  luaL_setfuncs(L, methods, 1);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);

  lua_pushvalue(L, -1);
  lua_pushcclosure(L, regex_limits, 1);
  lua_setfield(L, -3, "regex_limits");
  lua_newtable(L); /* cache */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "v");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_pushcclosure(L, regex_new, 2); /* consumes state and cache */
  lua_setfield(L, -2, "regex");
}
