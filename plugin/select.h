/* Selection: compiled XPath and CSS (translated to XPath), cached per Lua state,
 * evaluated with one XPath context per document. For other C files that want
 * to run a selector without going through Lua methods. */
#ifndef PITH_SELECT_H
#define PITH_SELECT_H

#include "pith_int.h"

#pragma GCC visibility push(hidden)

/* The document's XPath context: made on first use (silent errors, operation
 * limit), freed when the document closes. NULL when out of memory. */
xmlXPathContextPtr pith__xpath_context(pith_Doc *d);

/* Compiled form of an XPath expression / a CSS selector list (`first`: only the
 * first match), from the per-state cache. Pushes an anchor that keeps the
 * returned expression alive: pop it when done. Raises on a bad expression, so
 * call it before owning any C resource. */
xmlXPathCompExprPtr pith__xpath_compile(lua_State *L, const char *expr, size_t len);
xmlXPathCompExprPtr pith__css_compile(lua_State *L, const char *css, size_t len,
                                      int first);

/* Evaluates `comp` with `node` (or the document node) as context node. Pure C:
 * never calls Lua, never prints. Returns the result (free it with
 * xmlXPathFreeObject), or NULL and *code set to an xmlXPathError value. */
xmlXPathObjectPtr pith__xpath_eval(pith_Doc *d, xmlNodePtr node, xmlXPathCompExprPtr comp,
                                   int *code);

/* A message for an xmlXPathError value. */
const char *pith__xpath_strerror(int code);

#pragma GCC visibility pop

#endif
