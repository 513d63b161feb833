/* pith: fast web-article extraction. Public C API (usable without Lua) and the
 * Lua module entry point. */
#ifndef PITH_H
#define PITH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PITH_VERSION_MAJOR 0
#define PITH_VERSION_MINOR 1
#define PITH_VERSION_PATCH 0
#define PITH_VERSION       "0.1.0"

#if defined(__GNUC__)
#define PITH_API __attribute__((visibility("default")))
#else
#define PITH_API
#endif

typedef enum pith_status {
  PITH_OK = 0,
  PITH_ERR_MEMORY,
  PITH_ERR_TOO_LARGE,
  PITH_ERR_PARSE,
  PITH_ERR_CHARSET
} pith_status;

/* Where the charset used to decode a page came from (pith_decoded.source). */
typedef enum pith_charset_source {
  PITH_CHARSET_BOM = 0,  /* a byte order mark */
  PITH_CHARSET_CALLER,   /* the caller's label, e.g. an HTTP Content-Type charset */
  PITH_CHARSET_META,     /* <meta charset> or http-equiv Content-Type near the start */
  PITH_CHARSET_SNIFFED,  /* no usable declaration; the bytes are (mostly) UTF-8 */
  PITH_CHARSET_FALLBACK, /* no usable declaration; not UTF-8, so windows-1252 */
  PITH_CHARSET_OVERRIDE  /* a declaration the bytes contradict: a legacy charset on valid
                            UTF-8 (decoded as UTF-8), or utf-8 on mostly invalid UTF-8
                            (decoded as windows-1252) */
} pith_charset_source;

/* An HTML page decoded to UTF-8. */
typedef struct pith_decoded {
  char *data;          /* UTF-8, NUL-terminated, no NUL byte inside; owned (malloc) */
  size_t len;          /* bytes in data, without the terminator */
  const char *charset; /* WHATWG name of the charset decoded from, e.g. "utf-8",
                          "windows-1252", "shift_jis" (a static string) */
  pith_charset_source source;
  size_t replaced; /* invalid byte sequences replaced by U+FFFD */
} pith_decoded;

/* Decodes an HTML page to UTF-8, choosing the charset like a browser: a BOM, then
 * `charset` (the caller's label, e.g. an HTTP header's; NULL or unknown labels are
 * ignored), then a <meta> prescan of the first 1024 bytes (utf-16 there means utf-8;
 * iso-8859-1 and us-ascii mean windows-1252), then UTF-8 validity. A declaration the
 * bytes plainly contradict is overridden (see PITH_CHARSET_OVERRIDE). Invalid
 * sequences become U+FFFD and NUL bytes are dropped, so the result never stops early.
 * Returns PITH_OK (free out with pith_decoded_free), PITH_ERR_MEMORY or
 * PITH_ERR_TOO_LARGE; on error out->data is NULL. */
PITH_API pith_status pith_decode_html(const char *in, size_t len, const char *charset,
                                      pith_decoded *out);
PITH_API void pith_decoded_free(pith_decoded *d);
/* "bom", "caller", "meta", "sniffed", "fallback" or "override". */
PITH_API const char *pith_charset_source_name(pith_charset_source source);

struct lua_State;
PITH_API int luaopen_pith_core(struct lua_State *L);

#ifdef __cplusplus
}
#endif

#endif
