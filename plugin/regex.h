/* Regular expressions (PCRE2, UTF + UCP, JIT, match limits) for pith.core.
 * Lua API: core.regex(pattern [, flags]) -> re | fail, msg ; core.regex_limits(...);
 * re:find / match / gmatch / gsub / split / test (see regex.c). */
#ifndef PITH_REGEX_H
#define PITH_REGEX_H

#include <stdint.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include "pith_int.h"

#pragma GCC visibility push(hidden)

/* A compiled pattern. user value 1 = the pattern string (for __tostring). */
typedef struct pith_Regex {
  pcre2_code *code; /* NULL until compiled; owned */
  pcre2_match_data
      *md;       /* ncap + 1 pairs; owned; offsets are copied out before any Lua call */
  uint32_t ncap; /* number of capture groups */
  char flags[8]; /* canonical flag letters, NUL-terminated */
} pith_Regex;

/* The regex at index i, or a raised argument error. */
pith_Regex *pith__check_regex(lua_State *L, int i);

#pragma GCC visibility pop

#endif
