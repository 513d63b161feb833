/* CSS selectors to XPath 1.0: a pure-C translator (no Lua calls, so it may run
 * while C resources are unowned). */
#ifndef PITH_CSS_H
#define PITH_CSS_H

#include <stddef.h>

#include "buf.h"

#pragma GCC visibility push(hidden)

/* Appends to `out` one XPath location step, relative to the context node, that
 * selects the context's descendants matching the selector list `css` in
 * document order (`first` adds [1]). Returns 0, or -1 with a message in `err`
 * (and `out` left partial). Out of memory shows as out->oom. */
int pith__css_to_xpath(const char *css, size_t len, int first, pith_buf *out, char *err,
                       size_t errsize);

#pragma GCC visibility pop

#endif
