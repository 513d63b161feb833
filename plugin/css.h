/* CSS selectors to XPath 1.0: a pure-C translator (no Lua calls, so it may run
 * while C resources are unowned), and for the selectors it can, a matcher for a
 * direct tree walk that gives the same elements as the XPath. */
#ifndef PITH_CSS_H
#define PITH_CSS_H

#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"

#pragma GCC visibility push(hidden)

/* Appends to `out` one XPath location step, relative to the context node, that
 * selects the context's descendants matching the selector list `css` in
 * document order (`first` adds [1]). Returns 0, or -1 with a message in `err`
 * (and `out` left partial). Out of memory shows as out->oom. */
int pith__css_to_xpath(const char *css, size_t len, int first, pith_buf *out, char *err,
                       size_t errsize);

/* A compiled selector list for the tree walk (type, *, #id, .class, attribute
 * tests and the four combinators; no pseudo-classes). */
typedef struct pith_css_walk pith_css_walk;

/* pith__css_to_xpath, and when `walk` is not NULL, *walk set to the selector's
 * matcher (free it with pith__css_walk_free), or to NULL when the selector
 * needs XPath (or memory ran out). */
int pith__css_translate(const char *css, size_t len, int first, pith_buf *out,
                        pith_css_walk **walk, char *err, size_t errsize);
void pith__css_walk_free(pith_css_walk *w);

/* Does element `el` match the selector list (combinators look at its ancestors
 * and preceding siblings, as querySelectorAll does)? 1 yes, 0 no, -1 when
 * *budget (one unit per compound tried and per 64 bytes of attribute value
 * read) ran out. Pure C; never allocates
 * unless an attribute value is split across several nodes. */
int pith__css_matches(const pith_css_walk *w, xmlNodePtr el, unsigned long *budget);

/* n matchers (NULL ones skipped) at once: their complexes bucketed by a name or
 * class bit each needs, so an element is tried only against the complexes its
 * own bits allow, its attributes read once for all. Built in `mem`
 * (pith__css_index_size bytes, aligned as malloc's); it points into the
 * matchers, which must outlive it. */
typedef struct pith_css_index pith_css_index;
size_t pith__css_index_size(const pith_css_walk *const *ws, int n);
pith_css_index *pith__css_index_build(const pith_css_walk *const *ws, int n, void *mem);

/* pith__css_matches of each matcher on el: hit[i] set to 1 or 0. Returns how
 * many hit, or -1 when the budget ran out. */
int pith__css_index_match(const pith_css_index *ix, xmlNodePtr el, unsigned long *budget,
                          unsigned char *hit);

#pragma GCC visibility pop

#endif
