/* core.gunzip(bytes [, max_size]) -> string | nil, err
 * core.gzip_stream() -> inflater (a streaming gzip member reader, below)
 * core.control_bytes(s [, n]) -> nuls, controls (the sniff that tells a page
 *   from binary input, once any gzip layer is off)
 *
 * Whole-buffer gzip decompression with zlib. Concatenated members (what `cat
 * a.gz b.gz` and WARC writers produce) decode to the concatenation of their
 * contents, as `gzip -dc` does. The zlib stream and the output buffer live in
 * a userdata with a __gc, so a Lua memory error while pushing the result
 * cannot leak them; the inflate loop itself makes no Lua calls. */
#include <limits.h>
#include <string.h>

#include <zlib.h>

#include "pith_int.h"

#define PITH_GUNZIP_MT   "pith.Gunzip"
#define PITH_INFLATER_MT "pith.Inflater"

/* Default ceiling on the decompressed size: a web page is far below this, a
 * gzip bomb is not. */
#define GUNZIP_DEFAULT_MAX ((size_t)256 * 1024 * 1024)
#define GUNZIP_CHUNK       ((size_t)64 * 1024)

typedef struct gunzip_state {
  z_stream z;
  int live; /* inflateInit2 succeeded and inflateEnd is still due */
  pith_buf out;
} gunzip_state;

static void gunzip_release(gunzip_state *g) {
  if (g->live) {
    inflateEnd(&g->z);
    g->live = 0;
  }
  pith_buf_free(&g->out);
}

static int gunzip_gc(lua_State *L) {
  gunzip_release((gunzip_state *)luaL_checkudata(L, 1, PITH_GUNZIP_MT));
  return 0;
}

static int is_gzip_magic(const unsigned char *p, size_t n) {
  return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* Pure C: inflates all members of src into g->out. Returns NULL or a static
 * error message. */
static const char *gunzip_run(gunzip_state *g, const unsigned char *src, size_t n,
                              size_t max) {
  size_t left = n;
  int rc;
  if (!is_gzip_magic(src, n)) return "not gzip data";
  memset(&g->z, 0, sizeof g->z);
  if (inflateInit2(&g->z, 15 + 16) != Z_OK) return "cannot initialise zlib";
  g->live = 1;
  g->z.next_in = (Bytef *)(size_t)src; /* zlib's API is not const; it only reads */
  for (;;) {
    size_t room, before_out;
    if (g->z.avail_in == 0 && left > 0) {
      uInt take = left > UINT_MAX ? UINT_MAX : (uInt)left;
      g->z.avail_in = take;
      left -= take;
    }
    if (g->out.cap - g->out.len < GUNZIP_CHUNK + 1 &&
        !pith_buf_reserve(&g->out, g->out.len < GUNZIP_CHUNK ? GUNZIP_CHUNK : g->out.len))
      return "out of memory";
    room = g->out.cap - g->out.len - 1;
    if (room > max - g->out.len + 1) /* never write more than one byte past the cap */
      room = max - g->out.len + 1;
    if (room > UINT_MAX) room = UINT_MAX;
    g->z.next_out = (Bytef *)g->out.data + g->out.len;
    g->z.avail_out = (uInt)room;
    before_out = room;
    rc = inflate(&g->z, Z_NO_FLUSH);
    g->out.len += before_out - g->z.avail_out;
    if (g->out.len > max) return "decompressed data exceeds the size limit";
    if (rc == Z_STREAM_END) {
      size_t rest = g->z.avail_in + left;
      const unsigned char *next = g->z.next_in;
      /* Another member follows; anything else after a complete member is
       * trailing padding, which gzip -dc also ignores. */
      if (!is_gzip_magic(next, rest)) /* src is one buffer: next has rest bytes */
        break;
      if (inflateReset(&g->z) != Z_OK) return "cannot reset zlib";
      continue;
    }
    if (rc == Z_BUF_ERROR) {
      if (g->z.avail_in == 0 && left == 0) return "truncated gzip data";
      continue; /* no progress possible only for lack of output room: grow */
    }
    if (rc == Z_MEM_ERROR) return "out of memory";
    if (rc != Z_OK) return g->z.msg ? g->z.msg : "corrupt gzip data";
  }
  return NULL;
}

static int l_gunzip(lua_State *L) {
  size_t n;
  const char *src = luaL_checklstring(L, 1, &n);
  lua_Integer max = luaL_optinteger(L, 2, (lua_Integer)GUNZIP_DEFAULT_MAX);
  gunzip_state *g;
  const char *err;
  luaL_argcheck(L, max >= 0, 2, "size limit must not be negative");
  g = (gunzip_state *)lua_newuserdatauv(L, sizeof *g, 0);
  g->live = 0;
  pith_buf_init(&g->out);
  luaL_setmetatable(L, PITH_GUNZIP_MT);
  err = gunzip_run(g, (const unsigned char *)src, n, (size_t)max);
  if (err != NULL) {
    char msg[160];
    /* copy before release: z.msg points into zlib state that inflateEnd frees */
    strncpy(msg, err, sizeof msg - 1);
    msg[sizeof msg - 1] = '\0';
    gunzip_release(g);
    luaL_pushfail(L);
    lua_pushstring(L, msg);
    return 2;
  }
  lua_pushlstring(L, g->out.data ? g->out.data : "", g->out.len);
  gunzip_release(g);
  return 1;
}

/* The streaming reader: a WARC.gz holds one gzip member per record, and the
 * reader must know where each member starts (a record's offset) and must not
 * hold the whole archive. The caller owns the compressed bytes (it reads the
 * file in chunks) and feeds them in:
 *   z:inflate(input [, init [, max_out]]) -> out, next, ended | nil, err
 * inflates input from byte `init` (1-based, default 1), returns at most max_out
 * (default 256 KB) decompressed bytes, the position of the first byte not
 * consumed, and true when a member ended there (the inflater is then ready
 * for the next member, which the caller must find: after a member, anything
 * may follow). Running out of input is not an error: ended is false and next
 * is #input + 1. After an error the inflater is reset for a new member.
 *   z:reset()  forgets a member in progress (to resync on the next one). */
#define INFLATER_DEFAULT_OUT ((lua_Integer)256 * 1024)

typedef struct inflater {
  z_stream z;
  int live;
} inflater;

static inflater *check_inflater(lua_State *L) {
  inflater *f = (inflater *)luaL_checkudata(L, 1, PITH_INFLATER_MT);
  if (!f->live) luaL_error(L, "attempt to use a closed inflater");
  return f;
}

static int inflater_gc(lua_State *L) {
  inflater *f = (inflater *)luaL_checkudata(L, 1, PITH_INFLATER_MT);
  if (f->live) {
    inflateEnd(&f->z);
    f->live = 0;
  }
  return 0;
}

static int l_gzip_stream(lua_State *L) {
  inflater *f = (inflater *)lua_newuserdatauv(L, sizeof *f, 0);
  f->live = 0;
  luaL_setmetatable(L, PITH_INFLATER_MT);
  memset(&f->z, 0, sizeof f->z);
  if (inflateInit2(&f->z, 15 + 16) != Z_OK) {
    luaL_pushfail(L);
    lua_pushliteral(L, "cannot initialise zlib");
    return 2;
  }
  f->live = 1;
  return 1;
}

static int inflater_reset(lua_State *L) {
  inflater *f = check_inflater(L);
  inflateReset(&f->z);
  return 0;
}

static int inflater_inflate(lua_State *L) {
  inflater *f = check_inflater(L);
  size_t n, pos, room;
  const char *src = luaL_checklstring(L, 2, &n);
  lua_Integer init = luaL_optinteger(L, 3, 1);
  lua_Integer max_out = luaL_optinteger(L, 4, INFLATER_DEFAULT_OUT);
  luaL_Buffer b;
  char *dst;
  int rc, ended = 0;
  luaL_argcheck(L, init >= 1 && (size_t)(init - 1) <= n, 3, "position out of range");
  luaL_argcheck(L, max_out >= 1 && max_out <= (lua_Integer)UINT_MAX, 4,
                "output size out of range");
  pos = (size_t)(init - 1);
  room = (size_t)max_out;
  /* may raise (memory): nothing is unowned here, the z_stream belongs to f */
  dst = luaL_buffinitsize(L, &b, room);
  f->z.next_in = (Bytef *)(size_t)(src + pos); /* zlib only reads it */
  f->z.avail_in = n - pos > UINT_MAX ? UINT_MAX : (uInt)(n - pos);
  f->z.next_out = (Bytef *)dst;
  f->z.avail_out = (uInt)room;
  rc = inflate(&f->z, Z_NO_FLUSH);
  if (rc == Z_STREAM_END) {
    ended = 1;
    inflateReset(&f->z);
  } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
    char msg[160];
    const char *m = rc == Z_MEM_ERROR ? "out of memory"
                    : f->z.msg        ? f->z.msg
                                      : "corrupt gzip data";
    strncpy(msg, m, sizeof msg - 1); /* z.msg lives in the state reset below */
    msg[sizeof msg - 1] = '\0';
    inflateReset(&f->z);
    luaL_pushfail(L);
    lua_pushstring(L, msg);
    return 2;
  }
  luaL_pushresultsize(&b, room - f->z.avail_out);
  lua_pushinteger(L, (lua_Integer)((const char *)f->z.next_in - src) + 1);
  lua_pushboolean(L, ended);
  return 3;
}

/* core.control_bytes(s [, n]) -> nuls, controls
 * Counts, in the first n bytes of s (all of it by default), the NUL bytes and the
 * other control bytes that no text page holds (\1-\8, \14-\26, \28-\31, \127:
 * not tab, line ends, form feed nor ESC). What tells a page from binary data before
 * any decoding; a Lua character class stepped through each byte at several times
 * the cost. */
static int l_control_bytes(lua_State *L) {
  size_t len, i;
  const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &len);
  lua_Integer n = luaL_optinteger(L, 2, (lua_Integer)len);
  lua_Integer nuls = 0, controls = 0;
  if (n < 0) n = 0;
  if ((size_t)n < len) len = (size_t)n;
  for (i = 0; i < len; i++) {
    unsigned char c = s[i];
    if (c >= 32 && c != 127) continue;
    if (c == 0)
      nuls++;
    else if (c <= 8 || (c >= 14 && c != 27) || c == 127)
      controls++;
  }
  lua_pushinteger(L, nuls);
  lua_pushinteger(L, controls);
  return 2;
}

void pith__open_gzip(lua_State *L) {
  static const luaL_Reg funcs[] = {{"gunzip", l_gunzip},
                                   {"gzip_stream", l_gzip_stream},
                                   {"control_bytes", l_control_bytes},
                                   {NULL, NULL}};
  static const luaL_Reg inflater_methods[] = {
      {"inflate", inflater_inflate}, {"reset", inflater_reset}, {NULL, NULL}};
  if (luaL_newmetatable(L, PITH_GUNZIP_MT)) {
    lua_pushcfunction(L, gunzip_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, PITH_INFLATER_MT)) {
    lua_pushcfunction(L, inflater_gc);
    lua_setfield(L, -2, "__gc");
    luaL_newlib(L, inflater_methods);
    lua_pushcfunction(L, inflater_gc);
    lua_setfield(L, -2, "close");
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  luaL_setfuncs(L, funcs, 0);
}
