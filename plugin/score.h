/* Text metrics and class/id vocabularies the extractor scores with. Pure C over
 * libxml2 trees: no Lua calls, no allocation except the score map. */
#ifndef PITH_SCORE_H
#define PITH_SCORE_H

#include <stddef.h>
#include <libxml/tree.h>

/* Length (code points) of an element's text content, trimmed and with
 * whitespace runs counted as one: Readability's getInnerText().length. */
typedef struct pith_textinfo {
  size_t len;    /* normalised length */
  size_t commas; /* all comma forms Readability splits on */
  size_t ascii_commas;
  size_t periods; /* ". " or final "." occurrences */
} pith_textinfo;

void pith__text_info(xmlNodePtr n, pith_textinfo *ti);
size_t pith__text_len(xmlNodePtr n);
/* The text length when it is at most cap, otherwise some value above cap
 * (stops walking early: for threshold tests on big containers). */
size_t pith__text_len_max(xmlNodePtr n, size_t cap);
/* Whether n holds any non-blank text (stops at the first character). */
int pith__has_text(xmlNodePtr n);
/* Byte length of the Unicode white space at p (0 when none); p is NUL-terminated. */
size_t pith__ws_len(const unsigned char *p);
/* Appends the normalised text of n to a NUL-terminated buffer of cap bytes,
 * truncating; returns the bytes written. */
size_t pith__text_copy(xmlNodePtr n, char *out, size_t cap);

/* The statistics cache (score.c): while open, the text and link figures of
 * elements are kept between calls; tree surgery must call pith__stats_dirty
 * on the old and new parent of what it moves. Uses doc->_private and the
 * elements' _private, cleared by close. NULL when unavailable (then every
 * query walks the subtree, as without it). */
typedef struct pith_statcache pith_statcache;
pith_statcache *pith__stats_open(xmlDocPtr doc);
void pith__stats_close(pith_statcache *c);
void pith__stats_dirty(xmlNodePtr n);
/* Clears _private in a subtree (a copy made while the cache was open). */
void pith__stats_forget(xmlNodePtr root);

/* Share of n's text inside links (links to "#..." count 0.3). */
double pith__link_density(xmlNodePtr n);

/* strcmp(a, b) == 0, inline: the element and attribute names compared in the
 * hot loops mostly differ at the first byte, where a library call costs most. */
static inline int pith__streq(const char *a, const char *b) {
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

/* Value of an attribute without copying (NULL when absent or not plain). */
const char *pith__get_attr(xmlNodePtr n, const char *name);
/* The attributes the extractor's walk reads, in one pass over the list
 * (each as pith__get_attr would return it). */
typedef struct pith_attrs {
  const char *cls, *id, *style, *hidden, *aria_hidden, *aria_modal, *role, *rel,
      *itemprop;
} pith_attrs;
void pith__attrs_read(xmlNodePtr n, pith_attrs *out);
static inline int pith__is(xmlNodePtr n, const char *tag) {
  return n && n->type == XML_ELEMENT_NODE && n->name &&
         pith__streq((const char *)n->name, tag);
}
int pith__is_heading(xmlNodePtr n);
/* Case-insensitive substring test. */
int pith__ci_contains(const char *hay, const char *needle);
/* Whether the element's class or id matches any of the words. */
int pith__match_any(const char *s, const char *const *words);

/* Readability's matchString, class + " " + id (either may be NULL), cut to
 * cap - 1 bytes. */
void pith__match_string(char *out, size_t cap, const char *cls, const char *id);
/* Readability's class weight: -25/+25 per class and id, 0 when off. */
int pith__class_weight(xmlNodePtr n);
/* A string's lower-cased copy and the byte pairs in it, for testing it
 * against several word lists (the lists are lower case). */
typedef struct pith_words {
  const char *s;
  size_t len; /* 0: empty; (size_t)-1: too long for buf (searched in s) */
  unsigned long long pairs[16];
  char buf[512];
} pith_words;
void pith__words_init(pith_words *m, const char *s);
int pith__words_any(const pith_words *m, const char *const *words);
/* On Readability's matchString (class + " " + id). */
int pith__is_unlikely(const pith_words *class_and_id);
int pith__is_byline_name(const pith_words *class_and_id);
int pith__is_share_name(const char *class_and_id);

/* Next node of a pre-order walk of root's subtree (elements only when
 * elements_only), not descending into cur when skip_children. */
static inline xmlNodePtr pith__next_node(xmlNodePtr cur, xmlNodePtr root,
                                         int skip_children) {
  if (!skip_children && cur->type == XML_ELEMENT_NODE && cur->children)
    return cur->children;
  while (cur != root && cur != NULL) {
    if (cur->next) return cur->next;
    cur = cur->parent;
  }
  return NULL;
}
/* Readability's _getNextNode over element nodes: first element child, next
 * element sibling, or the next element sibling of the nearest ancestor. */
xmlNodePtr pith__next_element(xmlNodePtr n, int skip_children);
xmlNodePtr pith__first_element_child(xmlNodePtr n);
xmlNodePtr pith__next_element_sibling(xmlNodePtr n);
size_t pith__element_child_count(xmlNodePtr n);
/* Number of descendant elements named tag. */
size_t pith__count_tag(xmlNodePtr root, const char *tag);
int pith__has_ancestor_tag(xmlNodePtr n, const char *tag, int max_depth);

/* Per-node content scores, keyed by node pointer, in insertion order. */
typedef struct pith_scoremap {
  xmlNodePtr *keys;
  double *vals;
  size_t cap;
  xmlNodePtr *order; /* nodes in the order they were first scored */
  size_t count, order_cap;
  int oom;
} pith_scoremap;

void pith__scores_init(pith_scoremap *m);
void pith__scores_free(pith_scoremap *m);
void pith__scores_clear(pith_scoremap *m);
/* Score slot of n, or NULL when n was never initialised. */
double *pith__scores_get(pith_scoremap *m, xmlNodePtr n);
/* Adds n with score v (n must be absent); NULL when out of memory. */
double *pith__scores_add(pith_scoremap *m, xmlNodePtr n, double v);

#endif
