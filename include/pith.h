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
#define PITH_VERSION "0.1.0"

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

struct lua_State;
PITH_API int luaopen_pith_core(struct lua_State *L);

#ifdef __cplusplus
}
#endif

#endif
