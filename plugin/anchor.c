/* See anchor.h. */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"

#define PITH_NOSCRIPT_PROSE 200
#define PITH_NOSCRIPT_PAGE  1000
#define PITH_ANCHOR_MIN     25
#define PITH_ANCHOR_LEVELS  4

/* A script-less fallback is mostly a notice, a tracking pixel or a copy of
 * what the page shows anyway. It is the page's text when it follows a script
 * template (the live copy, which no reader runs), or when it holds most of
 * the page, more than any notice says: an element left open inside it made
 * the parser ignore its end tag. */
static int noscript_text(xmlNodePtr n, xmlNodePtr body) {
  xmlNodePtr prev = n->prev;
  const char *type;
  while (prev && prev->type != XML_ELEMENT_NODE)
    prev = prev->prev;
  type = pith__is(prev, "script") ? pith__get_attr(prev, "type") : NULL;
  if (type && pith__streq(type, "text/template"))
    return pith__text_len_max(n, PITH_NOSCRIPT_PROSE) >= PITH_NOSCRIPT_PROSE;
  /* the page's length only for a noscript long enough to be a page */
  return pith__text_len_max(n, PITH_NOSCRIPT_PAGE) >= PITH_NOSCRIPT_PAGE &&
         2 * pith__text_len(n) >= pith__text_len(body);
}

void pith__reveal(pith_ex *ex, xmlNodePtr body) {
  static const char *const TAGS[] = {"noscript", "rt", "rp", NULL};
  pith_nodes l = {0};
  size_t i;
  if (pith__collect(ex, body, TAGS, &l))
    for (i = l.n; i-- > 0;) {
      xmlNodePtr n = l.v[i];
      if (!pith__is(n, "noscript"))
        pith__remove(ex, n);
      else if (noscript_text(n, body))
        pith__rename(ex, n, "div");
    }
  pith__nodes_free(&l);
}

size_t pith__plain_len(xmlNodePtr n) {
  double len, density;
  if (n->type == XML_TEXT_NODE) return pith__text_len(n);
  if (n->type != XML_ELEMENT_NODE) return 0;
  len = (double)pith__text_len(n);
  /* nested or overlapping links can count past the text's length */
  density = pith__link_density(n);
  return density >= 1.0 ? 0 : (size_t)(len * (1.0 - density));
}

/* The plain text of what follows a in its parent. */
static size_t plain_after(xmlNodePtr a) {
  size_t t = 0;
  for (a = a->next; a; a = a->next)
    t += pith__plain_len(a);
  return t;
}

xmlNodePtr pith__after_headline(pith_ex *ex, xmlNodePtr body, xmlNodePtr *region) {
  xmlNodePtr h = NULL, n, a, s, art;
  size_t h_len = 0;
  int up;
  /* the longest heading like a title: a site's name in an h1 matches the
   * "Post | Site" title too */
  for (n = body->children; n; n = pith__next_node(n, body, 0))
    if ((pith__is(n, "h1") || pith__is(n, "h2")) && pith__text_len(n) > h_len &&
        pith__duplicates_title(ex, n, 0.75)) {
      h = n;
      h_len = pith__text_len(n);
    }
  if (h == NULL) return NULL;
  /* up from the headline to the first level where text follows it: past its
   * <header> (a dek and a date line), its wrapper */
  for (a = h, up = 0; pith__is(a->parent, "header") || pith__is(a->parent, "hgroup") ||
                      plain_after(a) < PITH_ANCHOR_MIN;
       a = a->parent, up++)
    if (up == PITH_ANCHOR_LEVELS || a->parent == body || a->parent == NULL ||
        a->parent->type != XML_ELEMENT_NODE)
      return NULL;
  if (a->parent == body) return NULL;
  /* two levels above the container, below the body */
  for (*region = a->parent, up = 0; up < 2 && (*region)->parent != body; up++)
    *region = (*region)->parent;
  art = xmlNewDocNode(ex->d->doc, NULL, (const xmlChar *)"div", NULL);
  if (art == NULL) {
    ex->oom = 1;
    return NULL;
  }
  pith__park(ex->d, art);
  for (s = a->next; s; s = s->next) {
    xmlNodePtr copy = xmlDocCopyNode(s, ex->d->doc, 1);
    if (copy == NULL) {
      ex->oom = 1;
      return NULL;
    }
    pith__stats_forget(copy);
    if (xmlAddChild(art, copy) == NULL) {
      xmlFreeNode(copy);
      ex->oom = 1;
      return NULL;
    }
  }
  return art;
}

char *pith__text_dup(xmlNodePtr n) {
  size_t cap = pith__text_len(n) * 4 + 16;
  char *t = (char *)malloc(cap);
  if (t) pith__text_copy(n, t, cap);
  return t;
}

/* Whether text holds the opening of n's text (1 when n has none). */
static int holds(const char *text, xmlNodePtr n) {
  char head[128];
  if (pith__text_copy(n, head, sizeof head) == 0) return 1;
  return strstr(text, head) != NULL;
}

int pith__prefer_anchored(xmlNodePtr anchored, const char *region, xmlNodePtr best) {
  char *all;
  int in;
  if (best == NULL) return 1;
  if ((all = pith__text_dup(anchored)) == NULL) return 0;
  in = holds(all, best);
  free(all);
  if (in) return pith__plain_len(anchored) >= pith__plain_len(best);
  return region && !holds(region, best);
}
