/* The last extraction stage, after Readability's passes found too little: a
 * jusText-style classifier over the page's leaf blocks. Each block is judged on
 * its own (length, link density, sentence ends, share of short function-like
 * words: a language-neutral stand-in for jusText's stoplists), then short and
 * borderline blocks take the class of their neighbours. The good blocks, in
 * reading order, make the article. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

/* P_ADOPTED: a short block made good by its neighbours, set after they were
 * all read so that it does not vouch for the next short block. */
enum { P_BAD, P_SHORT, P_NEARGOOD, P_GOOD, P_ADOPTED };

#define P_LENGTH_LOW  70
#define P_LENGTH_HIGH 200

static int is_leaf_tag(xmlNodePtr n) {
  static const char *const BLOCK[] = {
      "p",    "div",        "li",      "td",   "th",      "dd",      "dt",
      "pre",  "blockquote", "section", "h1",   "h2",      "h3",      "h4",
      "h5",   "h6",         "article", "main", "address", "caption", "figcaption",
      "ul",   "ol",         "table",   "tr",   "dl",      "header",  "footer",
      "form", "nav",        "aside",   NULL};
  const char *const *b;
  if (n->type != XML_ELEMENT_NODE) return 0;
  for (b = BLOCK; *b; b++)
    if (pith__streq((const char *)n->name, *b)) return 1;
  return 0;
}

/* Subtrees that are page furniture by their tag, and hidden ones. */
static int skip_subtree(xmlNodePtr n) {
  return pith__is(n, "nav") || pith__is(n, "aside") || pith__is(n, "footer") ||
         pith__is(n, "form") || pith__is(n, "select") || pith__is(n, "button") ||
         pith__is(n, "iframe") || !pith__is_visible(n);
}

static int is_ancestor_of(xmlNodePtr anc, xmlNodePtr n) {
  for (n = n->parent; n; n = n->parent)
    if (n == anc) return 1;
  return 0;
}

/* Sentence ends (. ! ? and the CJK full stops) and, over space-separated
 * words, how many are short (at most 3 letters: the, of, to, de, la, und...). */
static void word_figures(const char *s, size_t *words, size_t *shorts, size_t *ends,
                         int *cjk) {
  const unsigned char *p = (const unsigned char *)s;
  size_t w = 0, sh = 0, e = 0, wide = 0, cur = 0;
  for (;; p++) {
    int sp = *p == 0 || *p == ' ' || *p == '\n' || *p == '\t';
    if (sp) {
      if (cur) {
        w++;
        if (cur <= 3) sh++;
      }
      cur = 0;
      if (*p == 0) break;
      continue;
    }
    if (*p < 0x80) {
      if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == 0 || p[1] == ' ')) e++;
      if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) cur++;
    } else if ((*p & 0xC0) != 0x80) {
      cur++;
      if (*p >= 0xE3 && *p <= 0xED) wide++; /* CJK and kana: no spaces between words */
      if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x82) e++;                   /* 。 */
      if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x81 || p[2] == 0x9F)) e++; /* ！？ */
    }
  }
  *words = w;
  *shorts = sh;
  *ends = e;
  *cjk = wide * 2 > w + wide;
}

static int classify(xmlNodePtr n) {
  char buf[2048];
  size_t len = pith__text_len(n), words, shorts, ends;
  double ld = pith__link_density(n), ratio;
  int cjk;
  if (len == 0 || ld > 0.2) return P_BAD;
  pith__text_copy(n, buf, sizeof buf);
  word_figures(buf, &words, &shorts, &ends, &cjk);
  /* a CJK character carries about as much as a short word and its space:
   * its thresholds are a third; its full stops stand in for word counts */
  if (cjk) {
    if (len * 3 < P_LENGTH_LOW) return ld > 0 ? P_BAD : P_SHORT;
    return ends == 0 ? P_BAD : len * 3 >= P_LENGTH_HIGH ? P_GOOD : P_NEARGOOD;
  }
  if (len < P_LENGTH_LOW) return ld > 0 ? P_BAD : P_SHORT;
  ratio = words ? (double)shorts / (double)words : 0;
  if (ratio >= 0.3) return len >= P_LENGTH_HIGH ? P_GOOD : P_NEARGOOD;
  if (ratio >= 0.2 || (ends > 0 && ratio >= 0.15)) return P_NEARGOOD;
  return P_BAD;
}

/* Class of the nearest block before (dir -1) or after (+1) i that is neither
 * short nor borderline; the page's edges count as bad. */
static int neighbour(const unsigned char *cls, size_t n, size_t i, int dir) {
  while (dir < 0 ? i-- > 0 : ++i < n)
    if (cls[i] == P_GOOD || cls[i] == P_BAD) return cls[i];
  return P_BAD;
}

xmlNodePtr pith__paragraph_fallback(pith_ex *ex, xmlNodePtr body) {
  pith_nodes blocks = {0}, leaves = {0};
  unsigned char *cls = NULL;
  xmlNodePtr n, art = NULL;
  size_t i, good = 0;
  for (n = body->children; n;) {
    int skip = 0;
    if (n->type == XML_ELEMENT_NODE) {
      if (skip_subtree(n))
        skip = 1;
      else if (is_leaf_tag(n) && !pith__nodes_push(ex, &blocks, n))
        goto done;
    }
    n = pith__next_node(n, body, skip);
  }
  /* in pre-order a block's block descendants follow it at once */
  for (i = 0; i < blocks.n; i++)
    if ((i + 1 == blocks.n || !is_ancestor_of(blocks.v[i], blocks.v[i + 1])) &&
        !pith__nodes_push(ex, &leaves, blocks.v[i]))
      goto done;
  if (leaves.n == 0) goto done;
  cls = (unsigned char *)malloc(leaves.n);
  if (cls == NULL) {
    ex->oom = 1;
    goto done;
  }
  for (i = 0; i < leaves.n; i++)
    cls[i] = (unsigned char)classify(leaves.v[i]);
  for (i = 0; i < leaves.n; i++)
    if (cls[i] == P_NEARGOOD)
      cls[i] = neighbour(cls, leaves.n, i, -1) == P_GOOD ||
                       neighbour(cls, leaves.n, i, 1) == P_GOOD
                   ? P_GOOD
                   : P_BAD;
  for (i = 0; i < leaves.n; i++)
    if (cls[i] == P_SHORT) {
      int next = neighbour(cls, leaves.n, i, 1);
      /* a heading opens the good block after it */
      if (pith__is_heading(leaves.v[i])
              ? next == P_GOOD
              : next == P_GOOD && neighbour(cls, leaves.n, i, -1) == P_GOOD)
        cls[i] = P_ADOPTED;
    }
  for (i = 0; i < leaves.n; i++)
    if (cls[i] >= P_GOOD) good++;
  if (good == 0) goto done;
  art = xmlNewDocNode(ex->d->doc, NULL, (const xmlChar *)"div", NULL);
  if (art == NULL) {
    ex->oom = 1;
    goto done;
  }
  pith__park(ex->d, art);
  for (i = 0; i < leaves.n; i++) {
    xmlNodePtr b = leaves.v[i];
    if (cls[i] < P_GOOD) continue;
    /* table cells and list items stand alone as paragraphs */
    if (pith__is(b, "td") || pith__is(b, "th") || pith__is(b, "dd") ||
        pith__is(b, "dt") || pith__is(b, "caption") || pith__is(b, "tr"))
      pith__rename(ex, b, "p");
    pith__append(ex, art, b);
  }
done:
  free(cls);
  pith__nodes_free(&blocks);
  pith__nodes_free(&leaves);
  return ex->oom ? NULL : art;
}
