/* Recovery for pages where every Readability pass found too little: the
 * markup that hides an article from the passes, and the article read from
 * where the page puts its own headline. */
#ifndef PITH_ANCHOR_H
#define PITH_ANCHOR_H

#include "extract.h"

/* Before the passes: a <noscript> holding prose becomes a <div> (a Blogger
 * post whose live copy is a script template, or a page that an unclosed
 * element inside a <noscript> swallowed), and ruby annotations (<rt>, <rp>:
 * the reading of a word, printed above it) are dropped. */
void pith__reveal(pith_ex *ex, xmlNodePtr body);

/* A parked copy of what follows the page's headline in its own container (the
 * nearest one that holds text after it), or NULL. A short post whose blocks
 * are each too short to score loses to a cookie notice or a sidebar. *region
 * is set to the container's parent (live), where the article may go on. */
xmlNodePtr pith__after_headline(pith_ex *ex, xmlNodePtr body, xmlNodePtr *region);

/* Text of the blocks under n that are not mostly links. */
size_t pith__plain_len(xmlNodePtr n);

/* The normalised text of n, malloc'd (NULL when out of memory). */
char *pith__text_dup(xmlNodePtr n);

/* Whether the copy after the headline should replace best (the passes' or
 * the paragraph stage's result): best is part of it and shorter, or best
 * stands away from the headline, outside region (the text of the headline's
 * container's parent, taken before the paragraph stage moved blocks). */
int pith__prefer_anchored(xmlNodePtr anchored, const char *region, xmlNodePtr best);

#endif
