/* Cleaning: Readability.js's document preparation and article preparation
 * (_prepDocument, _prepArticle, _cleanConditionally), tree surgery that never
 * frees nodes, and the title-duplicate test. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "tail.h"

int pith__nodes_push(pith_ex *ex, pith_nodes *l, xmlNodePtr n) {
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 64;
    xmlNodePtr *nv = (xmlNodePtr *)realloc(l->v, nc * sizeof *nv);
    if (nv == NULL) {
      ex->oom = 1;
      return 0;
    }
    l->v = nv;
    l->cap = nc;
  }
  l->v[l->n++] = n;
  return 1;
}

void pith__nodes_free(pith_nodes *l) {
  free(l->v);
  l->v = NULL;
  l->n = l->cap = 0;
}

/* The walk's elements are looked up by their first two bytes (folded to 5
 * bits each): first[k] is one past the first tag in the list with that key,
 * so most elements are passed over with one load and a match is found at
 * once instead of after comparing against the whole list. */
#define TAG_KEY(s)                                                                       \
  ((((unsigned)(unsigned char)(s)[0] & 31u) << 5) |                                      \
   ((unsigned)(unsigned char)((s)[0] ? (s)[1] : 0) & 31u))
int pith__collect(pith_ex *ex, xmlNodePtr root, const char *const *tags,
                  pith_nodes *out) {
  unsigned char first[1024];
  size_t i, ntags;
  xmlNodePtr c;
  out->n = 0;
  for (ntags = 0; tags[ntags]; ntags++)
    ;
  /* (no list is that long; if one were, every key would start at its head) */
  memset(first, ntags > 254 ? 1 : 0, sizeof first);
  for (i = ntags > 254 ? 0 : ntags; i-- > 0;)
    first[TAG_KEY(tags[i])] = (unsigned char)(i + 1);
  for (c = root->children; c; c = pith__next_node(c, root, 0)) {
    const char *nm = (const char *)c->name;
    unsigned f;
    if (c->type != XML_ELEMENT_NODE || nm == NULL || (f = first[TAG_KEY(nm)]) == 0)
      continue;
    for (i = f - 1; tags[i]; i++) {
      if (pith__streq(nm, tags[i])) {
        if (!pith__nodes_push(ex, out, c)) return 0;
        break;
      }
    }
  }
  return 1;
}

/* The undo journal: every move and rename of a pass is recorded so that the
 * retry loop can put the tree back as it was instead of parsing the page again
 * (a re-parse cost about half a parse per retry). */
static void journal(pith_ex *ex, xmlNodePtr n, const xmlChar *old_name) {
  pith_undo *u;
  if (!ex->journal) return;
  if (ex->nundo == ex->undo_cap) {
    size_t nc = ex->undo_cap ? ex->undo_cap * 2 : 256;
    pith_undo *nv = (pith_undo *)realloc(ex->undo, nc * sizeof *nv);
    if (nv == NULL) {
      ex->oom = 1;
      return;
    }
    ex->undo = nv;
    ex->undo_cap = nc;
  }
  u = &ex->undo[ex->nundo++];
  u->node = n;
  u->parent = old_name ? NULL : n->parent;
  u->next = old_name ? NULL : n->next;
  u->name = old_name;
}

static void link_before(xmlNodePtr ref, xmlNodePtr n) {
  xmlNodePtr parent = ref->parent;
  pith__stats_dirty(n->parent);
  pith__stats_dirty(parent);
  xmlUnlinkNode(n);
  n->parent = parent;
  n->next = ref;
  n->prev = ref->prev;
  if (ref->prev)
    ref->prev->next = n;
  else if (parent)
    parent->children = n;
  ref->prev = n;
}

static void link_last(xmlNodePtr parent, xmlNodePtr child) {
  pith__stats_dirty(child->parent);
  pith__stats_dirty(parent);
  xmlUnlinkNode(child);
  child->parent = parent;
  child->prev = parent->last;
  child->next = NULL;
  if (parent->last)
    parent->last->next = child;
  else
    parent->children = child;
  parent->last = child;
}

static int dict_owns(xmlNodePtr n, const xmlChar *s) {
  return n->doc && n->doc->dict && xmlDictOwns(n->doc->dict, s) == 1;
}

void pith__journal_start(pith_ex *ex) {
  ex->journal = 1;
  ex->nundo = 0;
}

/* Ends journalling and keeps the changes (frees names that renames replaced). */
void pith__journal_commit(pith_ex *ex) {
  size_t i;
  for (i = 0; i < ex->nundo; i++)
    if (ex->undo[i].name && !dict_owns(ex->undo[i].node, ex->undo[i].name))
      xmlFree((xmlChar *)(size_t)ex->undo[i].name);
  ex->nundo = 0;
  ex->journal = 0;
}

/* Replays the journal backwards: each entry restores the node's place (or
 * name) as it was just before that change, so the whole pass is undone.
 * Nodes the pass created end up detached and are parked. */
void pith__journal_undo(pith_ex *ex) {
  size_t i = ex->nundo;
  ex->journal = 0;
  while (i-- > 0) {
    pith_undo *u = &ex->undo[i];
    xmlNodePtr n = u->node;
    if (u->name) {
      if (!dict_owns(n, n->name)) xmlFree((xmlChar *)(size_t)n->name);
      n->name = u->name;
    } else if (u->next && u->next->parent == u->parent)
      link_before(u->next, n);
    else if (u->parent)
      link_last(u->parent, n);
    else
      pith__remove(ex, n);
  }
  ex->nundo = 0;
  ex->journal = 1;
}

void pith__remove(pith_ex *ex, xmlNodePtr n) {
  journal(ex, n, NULL);
  pith__stats_dirty(n->parent);
  pith__park(ex->d, n);
  pith__stats_dirty(ex->d->trash);
}

void pith__append(pith_ex *ex, xmlNodePtr parent, xmlNodePtr child) {
  journal(ex, child, NULL);
  link_last(parent, child);
}

void pith__insert_before(pith_ex *ex, xmlNodePtr ref, xmlNodePtr n) {
  journal(ex, n, NULL);
  link_before(ref, n);
}

void pith__rename(pith_ex *ex, xmlNodePtr n, const char *tag) {
  const xmlChar *name;
  if (!ex->journal) {
    xmlNodeSetName(n, (const xmlChar *)tag);
    return;
  }
  if (n->doc && n->doc->dict)
    name = xmlDictLookup(n->doc->dict, (const xmlChar *)tag, -1);
  else
    name = xmlStrdup((const xmlChar *)tag);
  if (name == NULL) {
    ex->oom = 1;
    return;
  }
  journal(ex, n, n->name);
  if (ex->oom) {
    if (!dict_owns(n, name)) xmlFree((xmlChar *)(size_t)name);
    return;
  }
  n->name = name;
}

xmlNodePtr pith__remove_and_next(pith_ex *ex, xmlNodePtr n) {
  xmlNodePtr next = pith__next_element(n, 1);
  pith__remove(ex, n);
  return next;
}

static const char *const PHRASING[] = {
    "abbr",     "audio",    "b",    "bdo",      "br",     "button",   "cite",   "code",
    "data",     "datalist", "dfn",  "em",       "embed",  "i",        "img",    "input",
    "kbd",      "label",    "mark", "math",     "meter",  "noscript", "object", "output",
    "progress", "q",        "ruby", "samp",     "script", "select",   "small",  "span",
    "strong",   "sub",      "sup",  "textarea", "time",   "var",      "wbr",    NULL};

static int in_list(const char *name, const char *const *list) {
  for (; *list; list++)
    if (pith__streq(name, *list)) return 1;
  return 0;
}

/* Iterative form of the recursive test (a/del/ins are phrasing when all their
 * descendants are). */
int pith__is_phrasing(xmlNodePtr n) {
  xmlNodePtr c;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) return 1;
  if (n->type != XML_ELEMENT_NODE) return 0;
  if (in_list((const char *)n->name, PHRASING)) return 1;
  if (!pith__is(n, "a") && !pith__is(n, "del") && !pith__is(n, "ins")) return 0;
  for (c = n->children; c;) {
    int skip = 0;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      skip = 1;
    else if (c->type != XML_ELEMENT_NODE)
      return 0;
    else if (in_list((const char *)c->name, PHRASING))
      skip = 1;
    else if (!pith__is(c, "a") && !pith__is(c, "del") && !pith__is(c, "ins"))
      return 0;
    c = pith__next_node(c, n, skip);
  }
  return 1;
}

int pith__is_whitespace(xmlNodePtr n) {
  if (n->type == XML_TEXT_NODE) return !pith__has_text(n);
  return pith__is(n, "br");
}

static int style_has(const char *style, const char *prop, const char *val) {
  const char *p = style;
  size_t pl = strlen(prop), vl = strlen(val);
  while ((p = strstr(p, prop)) != NULL) {
    const char *q = p + pl;
    p = q;
    while (*q == ' ' || *q == '\t' || *q == '\n')
      q++;
    if (*q != ':') continue;
    q++;
    while (*q == ' ' || *q == '\t' || *q == '\n')
      q++;
    if (strncmp(q, val, vl) == 0 &&
        (q[vl] == 0 || q[vl] == ';' || q[vl] == ' ' || q[vl] == '!' || q[vl] == '\n'))
      return 1;
  }
  return 0;
}

/* A display override at some screen size: Tailwind's "lg:block", Bootstrap's
 * "d-md-flex". With one, "hidden" or "d-none" hides only on small screens. */
static int shown_token(const char *p, size_t n) {
  static const char *const SHOWN[] = {"block",        "flex",        "inline",
                                      "inline-block", "inline-flex", "grid",
                                      "table",        "contents",    NULL};
  const char *const *w;
  const char *v = NULL;
  size_t k;
  for (k = n; k > 0; k--)
    if (p[k - 1] == ':') {
      v = p + k; /* the value after the last variant prefix */
      break;
    }
  for (w = SHOWN; *w; w++) {
    size_t sl = strlen(*w);
    if (v && (size_t)(p + n - v) == sl && strncmp(v, *w, sl) == 0) return 1;
    if (!v && n > sl + 3 && p[0] == 'd' && p[1] == '-' && p[n - sl - 1] == '-' &&
        strncmp(p + n - sl, *w, sl) == 0)
      return 1;
  }
  return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* A whole class token that frameworks use to hide an element (paywall and
 * login modals, screen-reader text). Tokens only: "hidden-xs" hides at one
 * screen size and "hide-title" names something else. This runs for every
 * element with a class: a token is compared only when its first letter and
 * length can match, and display overrides are looked for only then. */
static int hidden_class(const char *cls) {
  static const char *const HIDDEN[] = {
      "hidden",    "hide",    "d-none",          "is-hidden",      "u-hidden",
      "invisible", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
      NULL};
  const char *p = cls, *e;
  const char *const *w;
  int hidden = 0;
  while (*p && !hidden) {
    while (is_space(*p))
      p++;
    for (e = p; *e && !is_space(*e); e++)
      ;
    if (e - p >= 4 && e - p <= 18 && strchr("hdiusv", *p))
      for (w = HIDDEN; *w && !hidden; w++)
        hidden = **w == *p && strncmp(p, *w, (size_t)(e - p)) == 0 && (*w)[e - p] == 0;
    p = e;
  }
  if (!hidden) return 0;
  for (p = cls; *p;) {
    while (is_space(*p))
      p++;
    for (e = p; *e && !is_space(*e); e++)
      ;
    if (e > p && shown_token(p, (size_t)(e - p))) return 0;
    p = e;
  }
  return 1;
}

int pith__is_visible_attrs(const pith_attrs *a) {
  if (a->style && (style_has(a->style, "display", "none") ||
                   style_has(a->style, "visibility", "hidden")))
    return 0;
  if (a->hidden) return 0;
  if (a->cls && hidden_class(a->cls)) return 0;
  if (a->aria_hidden && pith__streq(a->aria_hidden, "true"))
    return a->cls && strstr(a->cls, "fallback-image") != NULL;
  return 1;
}

int pith__is_visible(xmlNodePtr n) {
  pith_attrs a;
  pith__attrs_read(n, &a);
  return pith__is_visible_attrs(&a);
}

/* ---- _prepDocument ---- */

/* First node from n on that is an element or non-blank text (Readability's _nextNode). */
static xmlNodePtr next_significant(xmlNodePtr n) {
  while (n && n->type != XML_ELEMENT_NODE) {
    if (n->type == XML_TEXT_NODE && pith__text_len(n) > 0) break;
    if (n->type == XML_COMMENT_NODE && n->content && pith__text_len(n) > 0) break;
    n = n->next;
  }
  return n;
}

static void replace_brs(pith_ex *ex, pith_nodes brs) {
  size_t i;
  for (i = 0; i < brs.n; i++) {
    xmlNodePtr br = brs.v[i], next, p;
    int replaced = 0;
    if (br->parent == NULL || br->parent == ex->d->trash) continue;
    next = br->next;
    while ((next = next_significant(next)) != NULL && pith__is(next, "br")) {
      xmlNodePtr sib = next->next;
      replaced = 1;
      pith__remove(ex, next);
      next = sib;
    }
    if (!replaced) continue;
    p = xmlNewDocNode(br->doc, NULL, (const xmlChar *)"p", NULL);
    if (p == NULL) {
      ex->oom = 1;
      break;
    }
    pith__insert_before(ex, br, p);
    pith__remove(ex, br);
    next = p->next;
    while (next) {
      xmlNodePtr sib;
      if (pith__is(next, "br")) {
        xmlNodePtr ne = next_significant(next->next);
        if (ne && pith__is(ne, "br")) break;
      }
      if (!pith__is_phrasing(next)) break;
      sib = next->next;
      pith__append(ex, p, next);
      next = sib;
    }
    while (p->last && pith__is_whitespace(p->last))
      pith__remove(ex, p->last);
    if (pith__is(p->parent, "p")) pith__rename(ex, p->parent, "div");
  }
}

/* Drops script, noscript, style and template, renames font to span, then
 * replaces <br> runs in the body. One walk finds all three: what a dropped
 * element holds goes with it, so the walk does not enter it. */
void pith__prep_document(pith_ex *ex, xmlNodePtr root) {
  pith_nodes drop = {0}, font = {0}, brs = {0};
  xmlNodePtr body = NULL, top = NULL, n;
  size_t i;
  for (n = root->children; n; n = n->next)
    if (pith__is(n, "body")) body = n;
  for (n = root->children; n;) {
    int skip = 0;
    if (n->parent == root) top = n;
    if (n->type == XML_ELEMENT_NODE && n->name) {
      const char *nm = (const char *)n->name;
      pith_nodes *l = NULL;
      if (pith__streq(nm, "script") || pith__streq(nm, "noscript") ||
          pith__streq(nm, "style") || pith__streq(nm, "template")) {
        l = &drop;
        skip = 1;
      } else if (pith__streq(nm, "font"))
        l = &font;
      else if (pith__streq(nm, "br") && (body == NULL || top == body))
        l = &brs;
      if (l && !pith__nodes_push(ex, l, n)) goto done;
    }
    n = pith__next_node(n, root, skip);
  }
  for (i = drop.n; i-- > 0;)
    pith__remove(ex, drop.v[i]);
  for (i = 0; i < font.n; i++)
    pith__rename(ex, font.v[i], "span");
  replace_brs(ex, brs);
done:
  pith__nodes_free(&drop);
  pith__nodes_free(&font);
  pith__nodes_free(&brs);
}

/* ---- title similarity (Readability's textSimilarity over \W+ tokens) ---- */

typedef struct tok {
  const char *s;
  size_t n;
} tok;

static size_t tokenize(char *s, tok *out, size_t max) {
  size_t k = 0;
  char *p = s;
  for (; *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
  p = s;
  while (*p && k < max) {
    while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
      p++;
    if (!*p) break;
    out[k].s = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
      p++;
    out[k].n = (size_t)(p - out[k].s);
    k++;
  }
  return k;
}

static double similarity(const char *a, const char *b) {
  char ba[1024], bb[1024];
  tok ta[128], tb[128];
  size_t na, nb, i, j, uniq = 0, all = 0, nu = 0;
  strncpy(ba, a, sizeof ba - 1);
  ba[sizeof ba - 1] = 0;
  strncpy(bb, b, sizeof bb - 1);
  bb[sizeof bb - 1] = 0;
  na = tokenize(ba, ta, 128);
  nb = tokenize(bb, tb, 128);
  if (na == 0 || nb == 0) return 0;
  for (j = 0; j < nb; j++) {
    int found = 0;
    for (i = 0; i < na && !found; i++)
      found = ta[i].n == tb[j].n && memcmp(ta[i].s, tb[j].s, tb[j].n) == 0;
    all += tb[j].n;
    if (!found) {
      uniq += tb[j].n;
      nu++;
    }
  }
  all += nb - 1;
  if (nu) uniq += nu - 1;
  return 1.0 - (double)uniq / (double)all;
}

int pith__duplicates_title(pith_ex *ex, xmlNodePtr heading, double threshold) {
  char text[1024];
  int i;
  if (ex->ntitles == 0) return 0;
  pith__text_copy(heading, text, sizeof text);
  if (!text[0]) return 0;
  for (i = 0; i < ex->ntitles; i++)
    if (similarity(ex->titles[i], text) > threshold) return 1;
  return 0;
}

/* ---- _prepArticle ---- */

static void mark_data_tables(pith_ex *ex, const pith_nodes *tables_found) {
  static const char *const TR[] = {"tr", NULL};
  static const char *const CELLS[] = {"td", "th", NULL};
  pith_nodes tables = *tables_found, rows = {0}, cells = {0};
  size_t i;
  for (i = 0; i < tables.n; i++) {
    xmlNodePtr t = tables.v[i], c;
    const char *role = pith__get_attr(t, "role"), *dt = pith__get_attr(t, "datatable");
    const char *summary = pith__get_attr(t, "summary");
    int data = -1;
    size_t r, nrows = 0, ncols = 0;
    if (role && pith__streq(role, "presentation"))
      data = 0;
    else if (dt && pith__streq(dt, "0"))
      data = 0;
    else if (summary && *summary)
      data = 1;
    if (data < 0) {
      for (c = t->children; c && data < 0; c = pith__next_node(c, t, 0)) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (pith__is(c, "caption") && c->children)
          data = 1;
        else if (pith__is(c, "col") || pith__is(c, "colgroup") || pith__is(c, "tfoot") ||
                 pith__is(c, "thead") || pith__is(c, "th"))
          data = 1;
      }
    }
    if (data < 0 && pith__count_tag(t, "table") > 0) data = 0;
    if (data < 0) {
      if (!pith__collect(ex, t, TR, &rows)) break;
      for (r = 0; r < rows.n; r++) {
        const char *rs = pith__get_attr(rows.v[r], "rowspan");
        size_t k, cols = 0;
        long v = rs ? strtol(rs, NULL, 10) : 0;
        nrows += v > 0 ? (size_t)v : 1;
        if (!pith__collect(ex, rows.v[r], CELLS, &cells)) break;
        for (k = 0; k < cells.n; k++) {
          const char *cs = pith__get_attr(cells.v[k], "colspan");
          long cv = cs ? strtol(cs, NULL, 10) : 0;
          cols += cv > 0 ? (size_t)cv : 1;
        }
        if (cols > ncols) ncols = cols;
      }
      if (ncols == 1 || nrows == 1)
        data = 0;
      else if (nrows >= 10 || ncols > 4)
        data = 1;
      else
        data = nrows * ncols > 10;
    }
    if (!pith__scores_add(&ex->tables_marked, t, data)) ex->oom = 1;
  }
  pith__nodes_free(&rows);
  pith__nodes_free(&cells);
}

static int is_data_table(pith_ex *ex, xmlNodePtr t) {
  double *v = pith__scores_get(&ex->tables_marked, t);
  return v && *v > 0;
}

static int weight_of(pith_ex *ex, xmlNodePtr n) {
  return (ex->flags & PITH_FLAG_WEIGHT_CLASSES) ? pith__class_weight(n) : 0;
}

/* Sum of the text lengths of the descendants named in tags, over n's text length. */
static double text_density(xmlNodePtr n, const char *const *tags, size_t len) {
  xmlNodePtr c;
  size_t sum = 0;
  if (len == 0) return 0;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && in_list((const char *)c->name, tags))
      sum += pith__text_len(c);
  return (double)sum / (double)len;
}

/* Whether any descendant named in tags has text (Readability's textDensity > 0). */
static double has_text_in(xmlNodePtr n, const char *const *tags) {
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && in_list((const char *)c->name, tags) &&
        pith__has_text(c))
      return 1;
  return 0;
}

static int is_ad_or_loading(xmlNodePtr n, size_t len) {
  static const char *const WORDS[] = {
      "ad",         "advertising", "advertisement", "pub",        "publicité", "werb",
      "werbung",    "广告",        "Реклама",       "anuncio",    "loading",   "loading…",
      "loading...", "正在加载",    "Загрузка",      "chargement", "cargando",  NULL};
  char buf[64];
  const char *const *w;
  if (len == 0 || len > 20) return 0;
  pith__text_copy(n, buf, sizeof buf);
  {
    /* "Loading…", "正在加载...": the dots are optional */
    size_t e = strlen(buf);
    for (;;) {
      if (e >= 1 && buf[e - 1] == '.')
        e--;
      else if (e >= 3 && memcmp(buf + e - 3, "\xE2\x80\xA6", 3) == 0)
        e -= 3;
      else
        break;
    }
    buf[e] = 0;
  }
  for (w = WORDS; *w; w++) {
    size_t i, k = strlen(*w);
    if (strlen(buf) != k) continue;
    for (i = 0; i < k; i++) {
      int a = (unsigned char)buf[i], b = (unsigned char)(*w)[i];
      if (a >= 'A' && a <= 'Z') a += 32;
      if (a != b) break;
    }
    if (i == k) return 1;
  }
  return 0;
}

/* images=true: a picture with its caption (a <figure>, or a small block
 * holding an image and a caption-named element) that the article keeps. The
 * block must be mostly the caption: a wrapper of other text is judged as usual. */
int pith__is_captioned_figure(xmlNodePtr n) {
  xmlNodePtr c;
  size_t cap = 0, len;
  int pic = 0;
  if (n == NULL || n->type != XML_ELEMENT_NODE) return 0;
  len = pith__text_len_max(n, 600);
  if (len == 0 || len >= 600 || pith__link_density(n) > 0.5) return 0;
  for (c = n; c; c = pith__next_node(c, n, 0)) {
    const char *cls;
    if (c->type != XML_ELEMENT_NODE) continue;
    /* a lazy image's placeholder may be gone (empty divs are dropped): a
     * <figure> is a picture by definition */
    if (pith__is(c, "img") || pith__is(c, "picture") || pith__is(c, "figure") ||
        pith__get_attr(c, "data-src"))
      pic = 1;
    cls = pith__get_attr(c, "class");
    if (cap == 0 &&
        (pith__is(c, "figcaption") || (cls && pith__ci_contains(cls, "caption"))))
      cap = pith__text_len(c);
  }
  return pic && cap > 0 && cap * 2 >= len;
}

/* Whether a block the class vocabulary marks down is the article all the same:
 * it holds half the article's text or more, as prose rather than links, and
 * is not named as comments. Page builders wrap the story in classes such as
 * "elementor-widget-theme-post-content" or "non-hundred-percent-height-scrolling"
 * ("widget", "scroll"); removing that block left the pass with nothing, and
 * the retries that stop stripping took in the comments and the sidebars. */
static int holds_article(xmlNodePtr node, size_t len, size_t article_len) {
  if (article_len == 0 || 2 * len < article_len || pith__link_density(node) > 0.25)
    return 0;
  return !pith__named_comments(node);
}

static int should_clean(pith_ex *ex, xmlNodePtr node, const char *tag,
                        size_t article_len) {
  static const char *const LISTS[] = {"ul", "ol", NULL};
  static const char *const HEADINGS[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
  static const char *const TEXTISH[] = {"span",  "li",  "td", "blockquote", "dl",
                                        "div",   "img", "ol", "p",          "pre",
                                        "table", "ul",  NULL};
  int is_list = pith__streq(tag, "ul") || pith__streq(tag, "ol"), weight;
  pith_textinfo ti;
  xmlNodePtr c, a;
  size_t p = 0, img = 0, li = 0, input = 0, embeds = 0;
  double link_density, heading_density, tdens;
  int figure_child, remove;
  pith__text_info(node, &ti);
  if (!is_list) {
    size_t list_len = 0;
    for (c = node->children; c; c = pith__next_node(c, node, 0))
      if (c->type == XML_ELEMENT_NODE && in_list((const char *)c->name, LISTS))
        list_len += pith__text_len(c);
    is_list = ti.len > 0 && (double)list_len / (double)ti.len > 0.9;
  }
  if (pith__streq(tag, "table") && is_data_table(ex, node)) return 0;
  for (a = node->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (pith__is(a, "table") && is_data_table(ex, a)) return 0;
  if (pith__has_ancestor_tag(node, "code", 3)) return 0;
  if (ex->images && pith__is_captioned_figure(node)) return 0;
  for (c = node->children; c; c = pith__next_node(c, node, 0))
    if (pith__is(c, "table") && is_data_table(ex, c)) return 0;
  weight = weight_of(ex, node);
  if (weight < 0 && !holds_article(node, ti.len, article_len)) return 1;
  if (ti.ascii_commas >= 10) return 0;
  for (c = node->children; c; c = pith__next_node(c, node, 0)) {
    const char *nm;
    if (c->type != XML_ELEMENT_NODE) continue;
    nm = (const char *)c->name;
    if (pith__streq(nm, "p"))
      p++;
    else if (pith__streq(nm, "img"))
      img++;
    else if (pith__streq(nm, "li"))
      li++;
    else if (pith__streq(nm, "input"))
      input++;
    else if (pith__streq(nm, "object") || pith__streq(nm, "embed") ||
             pith__streq(nm, "iframe")) {
      xmlAttrPtr at;
      for (at = c->properties; at; at = at->next) {
        const char *v = (at->children && at->children->content)
                            ? (const char *)at->children->content
                            : "";
        if (strstr(v, "youtube.com") || strstr(v, "youtube-nocookie.com") ||
            strstr(v, "player.vimeo.com") || strstr(v, "dailymotion.com") ||
            strstr(v, "v.qq.com") || strstr(v, "archive.org") ||
            strstr(v, "upload.wikimedia.org") || strstr(v, "player.twitch.tv"))
          return 0;
      }
      embeds++;
    }
  }
  if (is_ad_or_loading(node, ti.len)) return 1;
  heading_density = text_density(node, HEADINGS, ti.len);
  link_density = pith__link_density(node);
  tdens = has_text_in(node, TEXTISH);
  figure_child = pith__has_ancestor_tag(node, "figure", 3);
  remove = 0;
  if (!figure_child && img > 1 && (double)p / (double)img < 0.5) remove = 1;
  if (!is_list && (double)li - 100 > (double)p) remove = 1;
  if ((double)input > (double)(p / 3)) remove = 1;
  if (!is_list && !figure_child && heading_density < 0.9 && ti.len < 25 &&
      (img == 0 || img > 2) && link_density > 0)
    remove = 1;
  if (!is_list && weight < 25 && link_density > 0.2) remove = 1;
  if (weight >= 25 && link_density > 0.5) remove = 1;
  if ((embeds == 1 && ti.len < 75) || embeds > 1) remove = 1;
  if (img == 0 && tdens == 0) remove = 1;
  if (is_list && remove) {
    for (c = node->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && pith__element_child_count(c) > 1) return 1;
    if (img == li) return 0;
  }
  return remove;
}

static int is_inside(xmlNodePtr n, xmlNodePtr anc) {
  for (n = n->parent; n; n = n->parent)
    if (n == anc) return 1;
  return 0;
}

/* The elements _prepArticle works on, found in one walk over the article
 * instead of one walk per step. A step skips what an earlier step removed
 * (no longer inside the article); within a step the lists run backwards, so
 * a removal only takes nodes the step has already seen. */
typedef struct prep_lists {
  pith_nodes table, form, fieldset, drop1, drop2, h12, ul, div, p;
} prep_lists;

static int prep_collect(pith_ex *ex, xmlNodePtr article, prep_lists *L) {
  xmlNodePtr c;
  for (c = article->children; c; c = pith__next_node(c, article, 0)) {
    const char *nm = (const char *)c->name;
    pith_nodes *l = NULL;
    if (c->type != XML_ELEMENT_NODE || nm == NULL) continue;
    switch (nm[0]) {
    case 'a':
      if (pith__streq(nm, "aside")) l = &L->drop1;
      break;
    case 'b':
      if (pith__streq(nm, "button")) l = &L->drop2;
      break;
    case 'd':
      if (pith__streq(nm, "div")) l = &L->div;
      break;
    case 'e':
      if (pith__streq(nm, "embed")) l = &L->drop1;
      break;
    case 'f':
      if (pith__streq(nm, "form"))
        l = &L->form;
      else if (pith__streq(nm, "fieldset"))
        l = &L->fieldset;
      else if (pith__streq(nm, "footer"))
        l = &L->drop1;
      break;
    case 'h':
      if (pith__streq(nm, "h1") || pith__streq(nm, "h2")) l = &L->h12;
      break;
    case 'i':
      if (pith__streq(nm, "iframe") || pith__streq(nm, "input")) l = &L->drop2;
      break;
    case 'l':
      if (pith__streq(nm, "link")) l = &L->drop1;
      break;
    case 'o':
      if (pith__streq(nm, "object")) l = &L->drop1;
      break;
    case 'p':
      if (pith__streq(nm, "p")) l = &L->p;
      break;
    case 's':
      if (pith__streq(nm, "select")) l = &L->drop2;
      break;
    case 't':
      if (pith__streq(nm, "table"))
        l = &L->table;
      else if (pith__streq(nm, "textarea"))
        l = &L->drop2;
      break;
    case 'u':
      if (pith__streq(nm, "ul")) l = &L->ul;
      break;
    default:
      break;
    }
    if (l && !pith__nodes_push(ex, l, c)) return 0;
  }
  return 1;
}

static void prep_free(prep_lists *L) {
  pith__nodes_free(&L->table);
  pith__nodes_free(&L->form);
  pith__nodes_free(&L->fieldset);
  pith__nodes_free(&L->drop1);
  pith__nodes_free(&L->drop2);
  pith__nodes_free(&L->h12);
  pith__nodes_free(&L->ul);
  pith__nodes_free(&L->div);
  pith__nodes_free(&L->p);
}

static void clean_conditionally(pith_ex *ex, xmlNodePtr article, const pith_nodes *l,
                                const char *tag) {
  size_t i, article_len;
  if (!(ex->flags & PITH_FLAG_CLEAN_CONDITIONALLY) || l->n == 0) return;
  article_len = pith__text_len(article);
  for (i = l->n; i-- > 0;)
    if (is_inside(l->v[i], article) && should_clean(ex, l->v[i], tag, article_len))
      pith__remove(ex, l->v[i]);
}

static void clean_tags(pith_ex *ex, xmlNodePtr article, const pith_nodes *l) {
  size_t i;
  for (i = l->n; i-- > 0;)
    if (is_inside(l->v[i], article)) pith__remove(ex, l->v[i]);
}

static void clean_share(pith_ex *ex, xmlNodePtr article) {
  xmlNodePtr top;
  char match[512];
  for (top = pith__first_element_child(article); top;
       top = pith__next_element_sibling(top)) {
    xmlNodePtr end = pith__next_element(top, 1), n = pith__next_element(top, 0);
    while (n && n != end) {
      const char *cls = pith__get_attr(n, "class"), *id = pith__get_attr(n, "id");
      pith__match_string(match, sizeof match, cls, id);
      if (pith__is_share_name(match) && pith__text_len(n) < 500)
        n = pith__remove_and_next(ex, n);
      else
        n = pith__next_element(n, 0);
    }
  }
}

static int is_form_control(xmlNodePtr n) {
  const char *type;
  if (pith__is(n, "select") || pith__is(n, "textarea")) return 1;
  if (!pith__is(n, "input")) return 0;
  type = pith__get_attr(n, "type");
  return !(type && (pith__streq(type, "hidden") || pith__streq(type, "submit")));
}

static int within(xmlNodePtr n, xmlNodePtr a) {
  for (; n; n = n->parent)
    if (n == a) return 1;
  return 0;
}

/* The block around a poll or quiz: the nearest container of two or more form
 * controls, widened while its container adds only a short title or question.
 * Counted here because the controls are removed before the conditional clean,
 * which would otherwise have weighed them. NULL when not short enough. */
static xmlNodePtr widget_root(xmlNodePtr c, xmlNodePtr other, xmlNodePtr article) {
  static const char *const BOX[] = {"div",      "section", "ul",   "ol",
                                    "fieldset", "aside",   "form", NULL};
  xmlNodePtr a;
  for (a = c->parent; a && a != article && !within(other, a); a = a->parent)
    ;
  if (a == NULL || a == article || !in_list((const char *)a->name, BOX) ||
      pith__text_len_max(a, 501) > 500)
    return NULL;
  while (
      a->parent && a->parent != article && in_list((const char *)a->parent->name, BOX) &&
      pith__text_len_max(a->parent, pith__text_len(a) + 151) <= pith__text_len(a) + 150)
    a = a->parent;
  return a;
}

/* Removes poll and quiz widgets whole (answers, question and title), then the
 * remaining controls (Readability's _clean of input, select, button, ...). */
static void clean_controls(pith_ex *ex, xmlNodePtr article, const pith_nodes *l) {
  size_t i, j;
  for (i = 0; i < l->n; i++) {
    xmlNodePtr root;
    if (!is_inside(l->v[i], article) || !is_form_control(l->v[i])) continue;
    for (j = i + 1;
         j < l->n && !(is_inside(l->v[j], article) && is_form_control(l->v[j])); j++)
      ;
    if (j == l->n) break;
    root = widget_root(l->v[i], l->v[j], article);
    if (root == NULL) continue;
    while (j < l->n && within(l->v[j], root))
      j++;
    pith__remove(ex, root);
    i = j - 1;
  }
  clean_tags(ex, article, l);
}

void pith__prep_article(pith_ex *ex, xmlNodePtr article) {
  prep_lists L;
  size_t i;
  memset(&L, 0, sizeof L);
  if (!prep_collect(ex, article, &L)) goto done;
  mark_data_tables(ex, &L.table);
  clean_conditionally(ex, article, &L.form, "form");
  clean_conditionally(ex, article, &L.fieldset, "fieldset");
  clean_tags(ex, article, &L.drop1); /* object embed footer link aside */
  clean_share(ex, article);
  clean_controls(ex, article, &L.drop2); /* iframe input textarea select button */
  for (i = L.h12.n; i-- > 0;)
    if (is_inside(L.h12.v[i], article) && weight_of(ex, L.h12.v[i]) < 0)
      pith__remove(ex, L.h12.v[i]);
  clean_conditionally(ex, article, &L.table, "table");
  clean_conditionally(ex, article, &L.ul, "ul");
  clean_conditionally(ex, article, &L.div, "div");
  for (i = 0; i < L.h12.n; i++)
    if (is_inside(L.h12.v[i], article) && pith__is(L.h12.v[i], "h1"))
      pith__rename(ex, L.h12.v[i], "h2");
  for (i = L.p.n; i-- > 0;) {
    xmlNodePtr p = L.p.v[i];
    if (is_inside(p, article) && !pith__has_text(p) && pith__count_tag(p, "img") == 0 &&
        pith__count_tag(p, "embed") == 0 && pith__count_tag(p, "object") == 0 &&
        pith__count_tag(p, "iframe") == 0 && pith__count_tag(p, "pith-headline") == 0)
      pith__remove(ex, p);
  }
done:
  prep_free(&L);
}

/* ---- beyond Readability: page furniture, headline duplicates, repeats ---- */

static int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "2 min read", "·2-min read", "5 minute read" anywhere in a short line. */
static int has_min_read(const char *s) {
  const char *p = s;
  while ((p = strstr(p, "min")) != NULL) {
    const char *q = p, *r = p + 3;
    p += 3;
    while (q > s && (q[-1] == ' ' || q[-1] == '-'))
      q--;
    if (q == s || !(q[-1] >= '0' && q[-1] <= '9')) continue;
    if (starts_with(r, "ute")) r += 3;
    if (*r == 's') r++;
    while (*r == ' ')
      r++;
    if (starts_with(r, "read")) return 1;
  }
  return 0;
}

/* Whole-block furniture (the block's whole text is the phrase, give or take
 * punctuation), on lower-cased normalised text. */
static const char *const FURNITURE_EXACT[] = {
    "oops!", "oops", "something went wrong.", "something went wrong",
    "please try again later.", "please try again later",
    "in this article:", "in this article", "read full article", "read the full article",
    "link copied", "link copied!", "link copied to clipboard", "copied", "why this ad?",
    "up next", "latest stories", "recommended stories", "recommended",
    "recommended for you", "related stories", "related articles", "related",
    "more stories", "more from", "most read", "most popular", "you may also like",
    "you might also like", "advertisement", "sponsored", "share", "share this article",
    "share this story", "share this:", "copy link", "view comments", "comments",
    "show comments", "continue reading", "story continues",
    "story continues below advertisement", "trending", "trending now", "read more",
    "sign up", "subscribe",
    /* a comment section's remains (WordPress and kin) */
    "leave a reply", "leave a comment", "no comments", "no comments yet", "0 comments",
    "comments are closed", "schreibe einen kommentar", "hinterlasse einen kommentar",
    "kommentar verfassen", "keine kommentare", "noch keine kommentare", "0 kommentare",
    "kommentare sind geschlossen", "laisser un commentaire", "deja un comentario", NULL};

static const char *const FURNITURE_PREFIX[] = {
    "oops! something went wrong",
    "our goal is to create a safe and engaging place for users",
    "we are temporarily suspending", "sign up for our newsletter",
    "subscribe to our newsletter", "get the latest news delivered",
    /* affiliate and paywall notices */
    "we may earn revenue from the products", "we may earn a commission",
    "we may receive a commission", "we may earn an affiliate commission",
    "this post may contain affiliate links", "this article may contain affiliate links",
    "this article contains affiliate links", "as an amazon associate",
    "continue reading with one of these options", "you're reading a free article",
    "you\xE2\x80\x99re reading a free article",
    /* comment-form notices */
    "this site uses akismet", "diese website verwendet akismet",
    "diese seite verwendet akismet", "ce site utilise akismet", "este sitio usa akismet",
    "you must be logged in to post a comment", "du musst angemeldet sein, um",
    "sie müssen angemeldet sein, um", "keine kommentare (", NULL};

/* Headings that open an end-of-article block of links to other stories. */
static const char *const TAIL_HEADINGS[] = {"up next",
                                            "latest stories",
                                            "recommended stories",
                                            "recommended",
                                            "recommended for you",
                                            "related stories",
                                            "related articles",
                                            "related",
                                            "more stories",
                                            "more from",
                                            "most read",
                                            "most popular",
                                            "you may also like",
                                            "you might also like",
                                            "trending",
                                            "trending now",
                                            "read more",
                                            "read next",
                                            "more on this story",
                                            "related content",
                                            "related posts",
                                            "related coverage",
                                            "popular stories",
                                            "editor's picks",
                                            NULL};

static void lower_ascii(char *s) {
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32);
}

/* A media player's clock: "0:00/0:45", "-0:00", "00:38 / 01:22", "0:00 / --:--". */
static int is_media_time(const char *t, size_t len) {
  const char *p;
  int clocks = 0;
  if (len < 4 || len > 40) return 0;
  for (p = t; *p; p++) {
    if (!strchr("0123456789:/- ", *p)) return 0;
    if (*p == ':' && p > t && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' &&
        p[1] <= '5' && p[2] >= '0' && p[2] <= '9' && !(p[3] >= '0' && p[3] <= '9'))
      clocks++;
  }
  /* a lone "12:01" is as likely a title, a score or a time of day */
  return clocks > 0 && (t[0] == '-' || strchr(t, '/') != NULL);
}

static int is_furniture_text(const char *t, size_t len) {
  const char *const *w;
  char buf[64];
  size_t n;
  if (len == 0) return 0;
  if (in_list(t, FURNITURE_EXACT)) return 1;
  /* trailing punctuation or arrows: "Read more »", "Up next:" */
  n = strlen(t);
  if (n < sizeof buf) {
    const char *b = buf;
    memcpy(buf, t, n + 1);
    while (n > 0 && strchr(" :.!»›>→…|-", buf[n - 1]))
      buf[--n] = 0;
    /* and leading dashes: "- Advertisement -" */
    while (*b == '-' || *b == ' ')
      b++;
    if (*b && in_list(b, FURNITURE_EXACT) && !pith__streq(b, "share")) return 1;
  }
  for (w = FURNITURE_PREFIX; *w; w++)
    if (starts_with(t, *w)) return 1;
  if (len <= 60 && has_min_read(t)) return 1;
  /* "1 minute & 45 seconds read time", "Reading time: 4 minutes" */
  if (len <= 60 && strpbrk(t, "0123456789") &&
      (strstr(t, "read time") || strstr(t, "reading time")))
    return 1;
  if (is_media_time(t, len)) return 1;
  if (len <= 300 && strstr(t, "temporarily suspending article commenting")) return 1;
  /* an affiliate disclosure: "... through one of our affiliate links we may earn a
   * commission", "... an affiliate advertising program designed to ... earn fees" */
  if (len <= 300 && strstr(t, "affiliate") &&
      (strstr(t, "commission") || strstr(t, "earn fees") ||
       strstr(t, "associates program")))
    return 1;
  if (len <= 120 && starts_with(t, "oops!") && strstr(t, "went wrong")) return 1;
  /* a comment form's log-in notice in any wording: "Du musst eingeloggt sein um
   * Kommentare zu schreiben!", "Um den Tipp kommentieren zu können, müssen Sie
   * eingeloggt sein.", "You must be logged in to comment" */
  if (len <= 200 &&
      (strstr(t, "komment") || strstr(t, "comment") || strstr(t, "comentar")) &&
      (strstr(t, "eingeloggt") || strstr(t, "angemeldet sein") ||
       strstr(t, "logged in") || strstr(t, "log in to") || strstr(t, "sign in to") ||
       strstr(t, "connect\xC3\xA9") || strstr(t, "iniciar sesi")) &&
      /* said to the reader: "Users had to be logged in to comment" is a story's */
      (strstr(t, "du ") || strstr(t, " sie ") || strstr(t, "you") ||
       strstr(t, "please") || strstr(t, "bitte") || strstr(t, "vous") ||
       strstr(t, "debes")))
    return 1;
  /* an advertising label or disclosure: "*Werbung. Dieser Beitrag enthält
   * Werbung für X", "ANZEIGE - Heute mal ausgehen?", "This post is sponsored by X" */
  if (len <= 200 &&
      (starts_with(t, "*werbung") || starts_with(t, "*anzeige") ||
       starts_with(t, "anzeige - ") || starts_with(t, "werbung - ") ||
       strstr(t, "enth\xC3\xA4lt werbung") || starts_with(t, "this post is sponsored") ||
       starts_with(t, "this article is sponsored") ||
       starts_with(t, "sponsored content")))
    return 1;
  /* a PHP diagnostic the server printed into the page ("Warning: Unknown:
   * Failed to write session data ... in Unknown on line 0") */
  if ((starts_with(t, "warning: ") || starts_with(t, "notice: ") ||
       starts_with(t, "deprecated: ") || starts_with(t, "fatal error: ") ||
       starts_with(t, "parse error: ") || starts_with(t, "strict standards: ")) &&
      strstr(t, " on line "))
    return 1;
  return 0;
}

static int has_media(xmlNodePtr n) {
  return pith__is(n, "img") || pith__count_tag(n, "img") > 0 ||
         pith__count_tag(n, "picture") > 0;
}

static int is_block_tag(xmlNodePtr n);
static int has_block_child(xmlNodePtr n);

/* A link worded "Sign up", "Log in", "Register"... that also leads to such a
 * page: a call to make an account ("Not a member yet? Sign Up, it unlocks
 * many cool features!"). Both, so an article's link to a register stays. */
static int is_account_link(xmlNodePtr a) {
  static const char *const CALLS[] = {
      "sign up",           "sign up now", "sign in",  "log in",    "login",
      "register",          "join",        "join now", "subscribe", "create account",
      "create an account", NULL};
  static const char *const TARGETS[] = {"sign", "regist",  "login", "subscri",
                                        "join", "account", NULL};
  const char *href = pith__get_attr(a, "href");
  char buf[64];
  if (href == NULL || pith__text_len_max(a, 40) >= 40) return 0;
  pith__text_copy(a, buf, sizeof buf);
  lower_ascii(buf);
  return in_list(buf, CALLS) && pith__match_any(href, TARGETS);
}

/* The short block (<= 150 chars) around an account call, or NULL. */
static xmlNodePtr account_call_block(xmlNodePtr a, xmlNodePtr article) {
  xmlNodePtr b;
  if (!is_account_link(a)) return NULL;
  for (b = a->parent; b && b != article && b->type == XML_ELEMENT_NODE; b = b->parent)
    if (is_block_tag(b)) return pith__text_len_max(b, 151) <= 150 ? b : NULL;
  return NULL;
}

/* A link through an ad server's click counter: a sponsored card. */
static int is_ad_click(xmlNodePtr a) {
  const char *href = pith__get_attr(a, "href");
  return href && (strstr(href, "googleadservices.") || strstr(href, "doubleclick.net/") ||
                  strstr(href, "/aclk?") || strstr(href, "/adclick"));
}

/* Removes n, then each ancestor left without text or media (up to the article). */
static void remove_up(pith_ex *ex, xmlNodePtr n, xmlNodePtr article) {
  xmlNodePtr parent = n->parent;
  pith__remove(ex, n);
  while (parent && parent != article && parent->type == XML_ELEMENT_NODE &&
         !pith__has_text(parent) && !has_media(parent)) {
    xmlNodePtr up = parent->parent;
    pith__remove(ex, parent);
    parent = up;
  }
}

/* A story card: its first heading is wholly a link (a linked headline, then a
 * date or byline and an unlinked summary keep the card's density low). */
static int is_story_card(xmlNodePtr n) {
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && pith__is_heading(c))
      return pith__has_text(c) && pith__link_density(c) > 0.9;
  return 0;
}

static void drop_tail_block(pith_ex *ex, xmlNodePtr heading, xmlNodePtr article) {
  xmlNodePtr s = heading, next;
  /* the heading may be wrapped: climb while it is the only text of its parent */
  while (s->parent && s->parent != article &&
         pith__text_len(s->parent) == pith__text_len(s))
    s = s->parent;
  for (next = pith__next_element_sibling(s); next;) {
    xmlNodePtr after = pith__next_element_sibling(next);
    int list =
        pith__is(next, "ul") || pith__is(next, "ol") || pith__count_tag(next, "li") > 1;
    if (pith__is_heading(next)) break;
    if (!(list || pith__link_density(next) > 0.3 || is_story_card(next))) break;
    pith__remove(ex, next);
    next = after;
  }
  remove_up(ex, s, article);
}

#define DEDUP_SLOTS 1024

static int has_leaf_inside(xmlNodePtr n) {
  static const char *const LEAF[] = {"p",  "li", "h2",         "h3",  "h4",
                                     "h5", "h6", "blockquote", "pre", NULL};
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && in_list((const char *)c->name, LEAF)) return 1;
  return 0;
}

static unsigned long hash_str(const char *s) {
  unsigned long h = 5381;
  for (; *s; s++)
    h = h * 33 + (unsigned char)*s;
  return h;
}

static size_t count_words(const char *s) {
  size_t k = 0;
  int in = 0;
  for (; *s; s++) {
    int sp = *s == ' ';
    if (!sp && !in) k++;
    in = !sp;
  }
  return k;
}

/* A paragraph that is one link and nothing else, worded as a headline of
 * another story (a bare "link" or "here" is not one). */
static int is_link_paragraph(xmlNodePtr n) {
  size_t len;
  char buf[320];
  if (!pith__is(n, "p")) return 0;
  len = pith__text_len_max(n, 300);
  if (len < 20 || len > 300 || pith__count_tag(n, "a") != 1 ||
      pith__link_density(n) <= 0.99)
    return 0;
  pith__text_copy(n, buf, sizeof buf);
  return count_words(buf) >= 3;
}

static xmlNodePtr next_element_skipping_blanks(xmlNodePtr n) {
  for (n = n->next; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) return n;
    if (n->type == XML_TEXT_NODE && pith__has_text(n)) return NULL;
  }
  return NULL;
}

/* A list of three or more items that are each wholly a link: other stories
 * (not sources, which show their addresses). */
static int is_link_list(xmlNodePtr n) {
  xmlNodePtr c;
  int items = 0;
  char buf[16];
  for (c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (!pith__is(c, "li") || !pith__has_text(c) || pith__link_density(c) < 0.9) return 0;
    pith__text_copy(c, buf, sizeof buf);
    if (starts_with(buf, "http") || starts_with(buf, "www.")) return 0;
    items++;
  }
  return items >= 3;
}

/* Lists of links after the last prose paragraph ("Toutes les infos sur X"
 * and five headlines), with a short line that titles them. */
static int is_prose_leaf(xmlNodePtr n) {
  return n->type == XML_ELEMENT_NODE && is_block_tag(n) && !has_block_child(n) &&
         !pith__is_heading(n) && pith__is_prose(n) && pith__link_density(n) < 0.5;
}

static int drop_tail_lists(pith_ex *ex, xmlNodePtr article) {
  pith_nodes lists = {0};
  xmlNodePtr n, m;
  size_t i;
  /* the link lists first (rare), then whether prose follows each */
  for (n = article->children; n; n = pith__next_node(n, article, 0))
    if ((pith__is(n, "ul") || pith__is(n, "ol")) && is_link_list(n) &&
        !pith__nodes_push(ex, &lists, n))
      return 0;
  for (i = 0; i < lists.n; i++) {
    xmlNodePtr title;
    n = lists.v[i];
    if (n->parent == NULL || n->parent == ex->d->trash) continue;
    for (m = pith__next_node(n, article, 1); m && !is_prose_leaf(m);
         m = pith__next_node(m, article, 0))
      ;
    if (m) continue; /* only lists after the last prose paragraph */
    for (title = n->prev; title && title->type != XML_ELEMENT_NODE; title = title->prev)
      if (title->type == XML_TEXT_NODE && pith__has_text(title)) break;
    if (title && title->type == XML_ELEMENT_NODE && !has_block_child(title) &&
        pith__text_len_max(title, 81) <= 80 && !pith__is_prose(title))
      pith__remove(ex, title);
    remove_up(ex, n, article);
  }
  pith__nodes_free(&lists);
  return 1;
}

/* "Read also" lists set as paragraphs: two or more consecutive paragraphs that
 * are each a single link, inside the article. Readability keeps them.
 * The tail link lists go first. */
void pith__drop_link_runs(pith_ex *ex, xmlNodePtr article) {
  static const char *const P[] = {"p", NULL};
  pith_nodes l = {0}, run = {0};
  size_t i, k;
  if (!drop_tail_lists(ex, article)) return;
  if (!pith__collect(ex, article, P, &l)) goto done;
  for (i = 0; i < l.n; i++) {
    xmlNodePtr n = l.v[i], m;
    if (n->parent == NULL || n->parent == ex->d->trash || !is_link_paragraph(n)) continue;
    /* only the first of a run starts one */
    if (n->prev) {
      xmlNodePtr p = n->prev;
      while (p && p->type != XML_ELEMENT_NODE &&
             !(p->type == XML_TEXT_NODE && pith__has_text(p)))
        p = p->prev;
      if (p && p->type == XML_ELEMENT_NODE && is_link_paragraph(p)) continue;
    }
    run.n = 0;
    for (m = n; m && is_link_paragraph(m); m = next_element_skipping_blanks(m))
      if (!pith__nodes_push(ex, &run, m)) goto done;
    if (run.n >= 2)
      for (k = 0; k < run.n; k++)
        pith__remove(ex, run.v[k]);
  }
done:
  pith__nodes_free(&l);
  pith__nodes_free(&run);
}

/* A word boundary between s[i - 1] and s[i]: a non-letter on either side, or
 * a camelCase hump ("recommendedArticle"). */
static int word_edge(const char *s, size_t i) {
  unsigned char a = i ? (unsigned char)s[i - 1] : 0, b = (unsigned char)s[i];
  return !isalpha(a) || !isalpha(b) || (islower(a) && isupper(b));
}

int pith__named_comments(xmlNodePtr n) {
  char match[512];
  size_t i;
  pith__match_string(match, sizeof match, pith__get_attr(n, "class"),
                     pith__get_attr(n, "id"));
  for (i = 0; match[i]; i++)
    match[i] = (char)tolower((unsigned char)match[i]);
  return pith__has_word(match, "comment") || pith__has_word(match, "disqus") ||
         pith__has_word(match, "reply") || pith__has_word(match, "replies");
}

int pith__has_word(const char *s, const char *w) {
  size_t i, j, n = strlen(w);
  for (i = 0; s[i]; i++) {
    for (j = 0; j < n && s[i + j] && tolower((unsigned char)s[i + j]) == w[j]; j++)
      ;
    if (j < n || !word_edge(s, i)) continue;
    j = i + n;
    if (s[j] == 's' && word_edge(s, j + 1)) j++;
    if (word_edge(s, j)) return 1;
  }
  return 0;
}

static void drop_site_name(pith_ex *ex, xmlNodePtr article);

/* A box of keywords (a video's search terms, the story's topics shown as a
 * row of words): a block so named. Inline elements so named are links in the
 * prose (<a class="keywords">) or highlighted code (<span class="keyword">). */
static int is_keyword_box(xmlNodePtr n, const char *match) {
  static const char *const BOXES[] = {"div", "section", "ul", "ol", "p", "aside", NULL};
  return in_list((const char *)n->name, BOXES) && pith__has_word(match, "keyword");
}

/* A block named a call to action is one when it is clickable (a link or a
 * button in it) and says a sentence: an AEM "content-cta" section without a
 * link is the product's description, an overlay's "View photo" a control
 * Readability keeps. */
static int is_call_to_action(xmlNodePtr n) {
  char buf[128];
  if (pith__count_tag(n, "a") == 0 && pith__count_tag(n, "button") == 0) return 0;
  pith__text_copy(n, buf, sizeof buf);
  return count_words(buf) >= 4;
}

/* A rating widget asks for the reader's vote or counts the votes ("War der
 * Artikel nützlich?", "(Noch keine Bewertungen)", "5 from 7 votes", "Rate
 * this post"); a review's own verdict ("Overall Rating 7.9", "Pros ...") does
 * neither. */
static int is_rating_prompt(xmlNodePtr n) {
  static const char *const VOTE[] = {
      "vote",  "rate ",    "rate this", "stimme",    "bewerten", "bewertungen", "sterne",
      "stars", "nützlich", "helpful",   "hilfreich", "valora",   "based on",    NULL};
  char buf[128];
  const char *const *w;
  pith__text_copy(n, buf, sizeof buf);
  lower_ascii(buf);
  for (w = VOTE; *w; w++)
    if (strstr(buf, *w)) return 1;
  return 0;
}

/* A block whose class or id names it as something beside the article: a
 * newsletter box, an author's bio, related stories, a poll, a breadcrumb
 * (whose last crumb, the headline, is unlinked: too prose-like for the
 * lead's tests), Jetpack's share-and-like box (sharedaddy: "Teilen Sie dies
 * mit:", "Gefällt mir:", "Wird geladen..." once its buttons are gone), or one
 * marked data-nosnippet. 1: always; 2:
 * only when it links somewhere ("teaser" and "promo" also name an
 * article's own standfirst); 3: a control ("Show less", "View Images"), when
 * its text is a few words and it holds no picture; 4: a block-level licence
 * notice, when it holds no picture (a picture with its licence and caption
 * is a figure); 5: a rating widget, short and asking for votes (a review's score
 * is the article's); 6: a block-level call to action, when clickable and a
 * sentence. Words, not substrings:
 * "biography" and a heading id such as "Promotion_and_relegation" are not
 * furniture. */
static int furniture_name(xmlNodePtr n) {
  static const char *const WORDS[] = {"newsletter",
                                      "signup",
                                      "subscribe",
                                      "related",
                                      "relatedcontent",
                                      "popular",
                                      "recommended",
                                      "recommend",
                                      "recommendations",
                                      "quiz",
                                      "poll",
                                      "survey",
                                      "bio",
                                      "about-the-author",
                                      "aboutauthor",
                                      "about-author",
                                      "authorbox",
                                      "journalist",
                                      "teaser",
                                      "promo",
                                      "breadcrumb",
                                      "pankuzu",
                                      "disclaimer",
                                      "disclosure",
                                      "sharedaddy",
                                      NULL};
  /* block-level only: an inline <a class="meta-loc"> is a link in the prose */
  static const char *const ASIDE_BOXES[] = {
      "div", "section", "aside", "footer", "header", "ul", "ol",
      "p",   "dl",      "table", "form",   "nav",    NULL};
  /* a cookie or consent notice (and the placeholder an embed shows until
   * consent), a post's filing line ("This entry was posted in ...",
   * WordPress's entry-meta/entry-utility/postmetadata); a licence notice */
  static const char *const ASIDES[] = {
      "cookie",   "consent",    "gdpr",          "privacy",   "postmetadata",
      "postmeta", "entry-meta", "entry-utility", "post-meta", NULL};
  static const char *const LICENCES[] = {"license", "licence", NULL};
  static const char *const CONTROLS[] = {"button",    "btn",    "enlarge", "show-more",
                                         "show-less", "toggle", "player",  "expand",
                                         "collapse",  NULL};
  const char *cls = pith__get_attr(n, "class"), *id = pith__get_attr(n, "id");
  const char *const *w;
  char match[512];
  pith_words m;
  /* what the site itself keeps out of search snippets: share bars, read
   * times, newsletter and deal boxes, AI summaries, ad slots */
  if (pith__get_attr(n, "data-nosnippet")) return 1;
  if (cls == NULL && id == NULL) return 0;
  pith__match_string(match, sizeof match, cls, id);
  pith__words_init(&m, match);
  if (m.len == (size_t)-1) return 0;
  if (pith__words_any(&m, WORDS))
    for (w = WORDS; *w; w++)
      if (pith__has_word(match, *w))
        return pith__streq(*w, "teaser") || pith__streq(*w, "promo") ? 2 : 1;
  if (pith__words_any(&m, CONTROLS))
    for (w = CONTROLS; *w; w++)
      if (pith__has_word(match, *w)) return 3;
  if (is_keyword_box(n, match)) return 1;
  if (in_list((const char *)n->name, ASIDE_BOXES)) {
    if (pith__words_any(&m, ASIDES))
      for (w = ASIDES; *w; w++)
        if (pith__has_word(match, *w)) return 1;
    if (pith__words_any(&m, LICENCES))
      for (w = LICENCES; *w; w++)
        if (pith__has_word(match, *w)) return 4;
    if (pith__has_word(match, "cta")) return 6;
  }
  if (pith__has_word(match, "rating")) return 5;
  return 0;
}

/* Whether a and b are the same words (ASCII case and runs of space aside). */
static int same_words(const char *a, const char *b) {
  for (;;) {
    while (is_space(*a))
      a++;
    while (is_space(*b))
      b++;
    if (*a == 0 || *b == 0) return *a == *b;
    while (*a && *b && !is_space(*a) && !is_space(*b)) {
      if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
      a++;
      b++;
    }
    if (*a && *b && is_space(*a) != is_space(*b)) return 0;
  }
}

/* A block that is one of the titles word for word (three words or more: a
 * one-word site name set as a title is no headline). */
static int is_title_text(pith_ex *ex, xmlNodePtr n) {
  char buf[512];
  int i;
  pith__text_copy(n, buf, sizeof buf);
  if (count_words(buf) < 3) return 0;
  for (i = 0; i < ex->ntitles; i++)
    if (same_words(ex->titles[i], buf)) return 1;
  return 0;
}

/* A heading said three times or more is a gallery's title on each slide,
 * not a section: the first stays. l holds the leaves; seen and seen_at are
 * DEDUP_SLOTS-long scratch. */
#define HASHED (1UL << (sizeof(unsigned long) * 8 - 1))
static void drop_repeated_headings(pith_ex *ex, xmlNodePtr article, const pith_nodes *l,
                                   unsigned long *seen, xmlNodePtr *seen_at) {
  size_t i, j, k, n = 0, same;
  char buf[512];
  /* the (cached) lengths first: the text is read only when three headings
   * are as long as each other; a hash replaces the length, marked apart */
  for (i = 0; i < l->n && n < DEDUP_SLOTS; i++) {
    xmlNodePtr h = l->v[i];
    size_t len;
    if (h->parent == NULL || h->parent == ex->d->trash || !pith__is_heading(h) ||
        (len = pith__text_len(h)) < 15)
      continue;
    seen_at[n] = h;
    seen[n++] = len;
  }
  for (i = 0; i < n; i++) {
    size_t len = seen[i];
    for (same = 0, j = 0; j < n && same < 3; j++)
      same += (seen[j] & HASHED ? pith__text_len(seen_at[j]) : seen[j]) == len;
    if (same < 3) continue;
    pith__text_copy(seen_at[i], buf, sizeof buf);
    seen[i] = hash_str(buf) | HASHED;
  }
  for (i = 0; i < n; i++) {
    size_t count = 0, first = n;
    if (!(seen[i] & HASHED)) continue;
    for (j = 0; j < n; j++)
      if (seen[j] == seen[i]) {
        if (first == n) first = j;
        count++;
      }
    if (count < 3 || first != i) continue;
    for (k = i + 1; k < n; k++)
      if (seen[k] == seen[i] && seen_at[k]->parent && seen_at[k]->parent != ex->d->trash)
        remove_up(ex, seen_at[k], article);
  }
}
#undef HASHED

/* The site's menus and breadcrumbs that a wide container brought along: a
 * <nav>, or a block whose role or aria-label says navigation, mostly links
 * and naming three places or more (two links are a story's "previous / next"
 * or a tab pair the article may keep). Their size does not matter, unlike
 * the class names' boxes: a site menu is often longer than 600 characters. */
static int is_site_nav(xmlNodePtr n) {
  const char *role, *label;
  int named;
  if (n->type != XML_ELEMENT_NODE) return 0;
  role = pith__get_attr(n, "role");
  label = pith__get_attr(n, "aria-label");
  named = pith__is(n, "nav") ||
          (role && (pith__streq(role, "navigation") || pith__streq(role, "menubar") ||
                    pith__streq(role, "menu"))) ||
          (label && pith__ci_contains(label, "breadcrumb"));
  return named && pith__has_text(n) && pith__count_tag(n, "a") >= 3 &&
         pith__link_density(n) >= 0.5;
}

static void drop_site_navs(pith_ex *ex, xmlNodePtr article) {
  pith_nodes found = {0};
  xmlNodePtr n;
  size_t i;
  for (n = article->children; n;) {
    int nav = is_site_nav(n);
    if (nav && !pith__nodes_push(ex, &found, n)) break;
    n = pith__next_node(n, article, nav);
  }
  for (i = 0; i < found.n; i++)
    if (found.v[i]->parent && found.v[i]->parent != ex->d->trash)
      remove_up(ex, found.v[i], article);
  pith__nodes_free(&found);
}

/* A post's filing line: "This entry was posted in <a rel="category tag">X</a>
 * and tagged <a rel="tag">Y</a>", "Tags: ...", "Posted in: ... | Tagged: ...",
 * often loose text in a footer that also holds the author's box, so no block
 * of its own to drop. The label must open its block and a link the page marks
 * rel=tag or rel=category must follow: a story's sentence ("Posted in 2019,
 * the video ...") links no taxonomy. */
static const char *const FILING[] = {"this entry was posted in",
                                     "dieser eintrag wurde veröffentlicht in",
                                     "cette entrée a été publiée dans",
                                     "ce billet a été publié dans",
                                     "esta entrada fue publicada en",
                                     "posted in",
                                     "filed under",
                                     "abgelegt unter",
                                     "veröffentlicht in",
                                     "publié dans",
                                     "categories:",
                                     "category:",
                                     "kategorie:",
                                     "kategorien:",
                                     "tags:",
                                     "tagged:",
                                     "schlagwörter:",
                                     "schlagworte:",
                                     NULL};

static int is_taxonomy_link(xmlNodePtr n) {
  const char *rel;
  if (!pith__is(n, "a") || (rel = pith__get_attr(n, "rel")) == NULL) return 0;
  return pith__has_word(rel, "tag") || pith__has_word(rel, "category");
}

static int has_taxonomy_link(xmlNodePtr n) {
  xmlNodePtr c;
  if (is_taxonomy_link(n)) return 1;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (is_taxonomy_link(c)) return 1;
  return 0;
}

/* Whether text node t opens a filing run: the label first in its block, then
 * up to 300 characters of inline matter holding a taxonomy link. */
static int opens_filing_run(xmlNodePtr t) {
  char buf[64];
  const char *const *w;
  const char *p = (const char *)t->content;
  xmlNodePtr s;
  size_t len = 0, head;
  int label = 0, taxonomy = 0;
  if (t->type != XML_TEXT_NODE || p == NULL) return 0;
  while (is_space(*p))
    p++;
  if (*p == 0) return 0;
  /* Only the head is compared: copy a buffer's worth, never scan the whole text. */
  for (head = 0; head < sizeof buf - 1 && p[head]; head++)
    buf[head] = p[head];
  buf[head] = 0;
  pith__lower_latin(buf);
  for (w = FILING; *w && !label; w++)
    label = starts_with(buf, *w);
  if (!label) return 0;
  for (s = t->prev; s; s = s->prev)
    if (pith__has_text(s)) return 0;
  for (s = t; s && !pith__is_block(s); s = s->next) {
    len += s == t ? strlen(p) : pith__text_len(s);
    taxonomy |= s != t && has_taxonomy_link(s);
  }
  return taxonomy && len <= 300;
}

static void drop_filing_runs(pith_ex *ex, xmlNodePtr article) {
  pith_nodes found = {0};
  xmlNodePtr n;
  size_t i;
  for (n = article->children; n; n = pith__next_node(n, article, 0))
    if (opens_filing_run(n) && !pith__nodes_push(ex, &found, n)) break;
  for (i = 0; i < found.n; i++) {
    xmlNodePtr t = found.v[i], parent = t->parent, s, next;
    if (parent == NULL || parent == ex->d->trash) continue;
    for (s = t; s && !pith__is_block(s); s = next) {
      next = s->next;
      pith__remove(ex, s);
    }
    if (parent != article && !pith__has_text(parent) && !has_media(parent))
      remove_up(ex, parent, article);
  }
  pith__nodes_free(&found);
}

void pith__clean_furniture(pith_ex *ex, xmlNodePtr article) {
  static const char *const BLOCKS[] = {
      "p",          "div",   "span",   "li", "ul", "ol",     "section", "h1",
      "h2",         "h3",    "h4",     "h5", "h6", "a",      "button",  "figcaption",
      "small",      "time",  "strong", "em", "b",  "header", "footer",  "aside",
      "blockquote", "table", "tr",     "td", NULL};
  static const char *const LEAVES[] = {"p",  "li", "h2",         "h3",  "h4",
                                       "h5", "h6", "blockquote", "pre", NULL};
  pith_nodes l = {0};
  size_t i, total;
  char buf[512];
  unsigned long *seen = NULL;
  xmlNodePtr *seen_at = NULL;
  size_t nseen = 0;
  xmlNodePtr last = NULL; /* the block whose lower-cased text buf holds */
  size_t last_len = 0;
  drop_site_name(ex, article);
  if (ex->favor != PITH_FAVOR_RECALL) {
    drop_site_navs(ex, article);
    drop_filing_runs(ex, article);
  }
  if (!pith__collect(ex, article, BLOCKS, &l)) goto done;
  /* outermost first: a named box goes whole when it is small beside the
   * article (recall keeps them, as Readability does) */
  total = pith__text_len(article);
  for (i = 0; ex->favor != PITH_FAVOR_RECALL && i < l.n; i++) {
    xmlNodePtr n = l.v[i];
    size_t len;
    int kind;
    if (n->parent == NULL || n->parent == ex->d->trash || n->properties == NULL) continue;
    if (pith__is(n, "a")) {
      xmlNodePtr call;
      if (is_ad_click(n) && pith__has_text(n)) {
        remove_up(ex, n, article);
        continue;
      }
      if ((call = account_call_block(n, article)) != NULL) {
        remove_up(ex, call, article);
        continue;
      }
    }
    /* the size first: the cached count is cheaper than reading the names */
    len = pith__text_len_max(n, 601);
    if (len == 0 || len > 600 || len * 4 > total || (kind = furniture_name(n)) == 0 ||
        (kind == 2 && pith__link_density(n) == 0) ||
        (kind == 3 && (len > 30 || has_media(n))) || (kind == 4 && has_media(n)) ||
        (kind == 5 && (len > 100 || !is_rating_prompt(n))) ||
        (kind == 6 && !is_call_to_action(n)))
      continue;
    remove_up(ex, n, article);
  }
  for (i = l.n; i-- > 0;) {
    xmlNodePtr n = l.v[i];
    size_t len;
    if (n->parent == NULL || n->parent == ex->d->trash) continue;
    len = pith__text_len_max(n, 300);
    if (len == 0 || len > 300) continue;
    /* a wrapper of the block just read (<li><a>, <p><span>) with the same
     * text length: all else in it is space, so its normalised text is the same */
    if (!(last && len == last_len && is_inside(last, n))) {
      pith__text_copy(n, buf, sizeof buf);
      lower_ascii(buf);
    }
    last = n;
    last_len = len;
    if (pith__is_heading(n) && in_list(buf, TAIL_HEADINGS)) {
      drop_tail_block(ex, n, article);
      continue;
    }
    /* a caption that is only its label ("Autor:"): the value went with
     * the credit or was never filled in */
    if (is_furniture_text(buf, len) ||
        (len <= 30 && pith__is(n, "figcaption") && buf[strlen(buf) - 1] == ':'))
      remove_up(ex, n, article);
  }
  /* the headline: a heading before the first real paragraph that repeats the title */
  if (pith__collect(ex, article, LEAVES, &l)) {
    for (i = 0; i < l.n; i++) {
      xmlNodePtr n = l.v[i];
      if (n->parent == NULL || n->parent == ex->d->trash) continue;
      if (pith__is_heading(n)) {
        if (pith__duplicates_title(ex, n, 0.75)) {
          pith__mark_headline(ex, n);
          break;
        }
      } else if (pith__text_len_max(n, 201) <= 200 && is_title_text(ex, n)) {
        /* the headline set in a styled <div> or <p> (div.arttitle) */
        pith__mark_headline(ex, n);
        break;
      } else if (pith__text_len(n) > 80)
        break;
    }
  }
  /* repeated blocks (a standfirst shown twice, a pull quote echoing a
   * paragraph); identical sibling paragraphs are left alone, they are the
   * article's own repetition */
  seen = (unsigned long *)calloc(DEDUP_SLOTS, sizeof *seen);
  seen_at = (xmlNodePtr *)calloc(DEDUP_SLOTS, sizeof *seen_at);
  if (seen == NULL || seen_at == NULL) {
    ex->oom = 1;
    goto done;
  }
  if (pith__collect(ex, article, LEAVES, &l)) {
    for (i = 0; i < l.n; i++) {
      xmlNodePtr n = l.v[i];
      unsigned long h;
      size_t j, len;
      int dup = 0;
      if (n->parent == NULL || n->parent == ex->d->trash || has_leaf_inside(n)) continue;
      len = pith__text_len(n);
      if (len < 40) continue;
      pith__text_copy(n, buf, sizeof buf);
      h = hash_str(buf) | 1;
      for (j = 0; j < nseen && !dup; j++)
        dup = seen[j] == h && (ex->favor == PITH_FAVOR_PRECISION
                                   ? !(seen_at[j]->parent == n->parent &&
                                       xmlStrEqual(seen_at[j]->name, n->name))
                                   : !xmlStrEqual(seen_at[j]->name, n->name));
      if (dup)
        remove_up(ex, n, article);
      else if (nseen < DEDUP_SLOTS) {
        seen_at[nseen] = n;
        seen[nseen++] = h;
      }
    }
  }
  drop_repeated_headings(ex, article, &l, seen, seen_at);
  pith__clean_lead(ex, article);
done:
  free(seen);
  free(seen_at);
  pith__nodes_free(&l);
}

/* ---- the lead: what sits between the headline and the first paragraph ---- */

#define HEADLINE_TAG "pith-headline"

xmlNodePtr pith__mark_headline(pith_ex *ex, xmlNodePtr heading) {
  xmlNodePtr m = xmlNewDocNode(heading->doc, NULL, (const xmlChar *)HEADLINE_TAG, NULL);
  if (m == NULL) {
    ex->oom = 1;
    return NULL;
  }
  pith__insert_before(ex, heading, m);
  pith__remove(ex, heading);
  return m;
}

int pith__is_headline_mark(xmlNodePtr n) { return pith__is(n, HEADLINE_TAG); }

/* Byte length of the sentence-ending mark that ends s (before trailing spaces,
 * quotes and brackets), 0 when none. */
static int ends_sentence(const char *s) {
  size_t n = strlen(s);
  while (n > 0 && strchr(" \")]'", s[n - 1]))
    n--;
  /* closing quotes ” ’ » */
  while (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
         ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
    n -= 3;
  if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xBB)
    n -= 2;
  if (n == 0) return 0;
  if (strchr(".!?", s[n - 1])) return 1;
  /* 。！？… */
  if (n >= 3) {
    const unsigned char *e = (const unsigned char *)s + n - 3;
    if ((e[0] == 0xE3 && e[1] == 0x80 && e[2] == 0x82) ||
        (e[0] == 0xEF && e[1] == 0xBC && (e[2] == 0x81 || e[2] == 0x9F)) ||
        (e[0] == 0xE2 && e[1] == 0x80 && e[2] == 0xA6))
      return 1;
  }
  return 0;
}

int pith__is_prose(xmlNodePtr n) {
  char buf[512];
  size_t len = pith__text_len_max(n, 80);
  if (len >= 80) return 1;
  if (len < 25) return 0;
  pith__text_copy(n, buf, sizeof buf);
  return ends_sentence(buf) && (count_words(buf) >= 4 || (unsigned char)buf[0] >= 0xE0);
}

static int is_block_tag(xmlNodePtr n) {
  static const char *const BLOCK[] = {
      "p",       "div",     "ul",         "ol",      "li",         "table",      "figure",
      "section", "article", "header",     "footer",  "aside",      "blockquote", "pre",
      "dl",      "nav",     "form",       "h1",      "h2",         "h3",         "h4",
      "h5",      "h6",      "figcaption", "main",    "address",    "details",    "dd",
      "dt",      "tr",      "td",         "picture", HEADLINE_TAG, NULL};
  return n->type == XML_ELEMENT_NODE && in_list((const char *)n->name, BLOCK);
}

static int has_block_child(xmlNodePtr n) {
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (is_block_tag(c)) return 1;
  return 0;
}

/* The site's name as the page's titles end with it ("... | Example News"): the
 * part after the last " | ", " - ", " – " or " — ", when short. */
static int title_suffix(const char *t, const char **out, size_t *n) {
  static const char *const SEPS[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                     NULL};
  const char *best = NULL;
  size_t k;
  for (k = 0; SEPS[k]; k++) {
    const char *p = t, *q;
    while ((q = strstr(p, SEPS[k])) != NULL) {
      if (best == NULL || q + strlen(SEPS[k]) > best) best = q + strlen(SEPS[k]);
      p = q + 1;
    }
  }
  if (best == NULL || *best == 0 || strlen(best) > 40) return 0;
  *out = best;
  *n = strlen(best);
  return 1;
}

/* A line before the first paragraph that is only the site's name, often
 * with the separator that joined it to a byline or date ("| Example News"):
 * the end of the page's title shown again, not the article. */
static void drop_site_name(pith_ex *ex, xmlNodePtr article) {
  xmlNodePtr n, junk = NULL;
  char buf[192];
  int i;
  for (n = article->children; n && junk == NULL;) {
    int skip = 0;
    if (n->type == XML_ELEMENT_NODE && !pith__is_headline_mark(n) &&
        !has_block_child(n) && pith__has_text(n)) {
      size_t len = pith__text_len_max(n, 48);
      const char *t = buf;
      skip = 1;
      if (pith__is_prose(n) && pith__link_density(n) < 0.5) break;
      if (len <= 48) {
        pith__text_copy(n, buf, sizeof buf);
        while (*t == '|' || *t == ' ' || *t == '-')
          t++;
        for (i = 0; i < ex->ntitles && junk == NULL; i++) {
          const char *suf;
          size_t sn;
          size_t c = 0;
          if (!*t || !title_suffix(ex->titles[i], &suf, &sn) || strlen(t) != sn) continue;
          while (c < sn && tolower((unsigned char)t[c]) == tolower((unsigned char)suf[c]))
            c++;
          if (c == sn) junk = n;
        }
      }
    }
    n = pith__next_node(n, article, skip);
  }
  if (junk) remove_up(ex, junk, article);
}

/* favor=precision: the article ends at its last block of real prose; what
 * follows in short or link-heavy blocks ("the end", tag lists, teasers, sign-up
 * lines, trivia boxes) goes. Nothing goes when no such block is found. */
void pith__trim_tail(pith_ex *ex, xmlNodePtr article) {
  pith_nodes leaves = {0};
  xmlNodePtr n;
  size_t i, cut;
  int found = 0;
  for (n = article->children; n; n = pith__next_node(n, article, 0))
    if (is_block_tag(n) && !has_block_child(n) && pith__has_text(n) &&
        !pith__nodes_push(ex, &leaves, n))
      goto done;
  for (cut = leaves.n; cut-- > 0;) {
    n = leaves.v[cut];
    if (n == NULL) continue;
    if (pith__is_prose(n) && pith__link_density(n) < 0.5 && !pith__is_heading(n)) {
      found = 1;
      break;
    }
  }
  /* a long run of short blocks is the article's own form (a list, a poem) */
  if (found) {
    size_t tail = 0;
    for (i = cut + 1; i < leaves.n; i++)
      if (leaves.v[i]) tail += pith__text_len(leaves.v[i]);
    found = tail * 4 <= pith__text_len(article);
  }
  if (found)
    for (i = leaves.n; i-- > cut + 1;) {
      xmlNodePtr a = leaves.v[i];
      if (a == NULL) continue;
      /* the removal takes the emptied wrappers with it */
      while (a->parent && a->parent != article &&
             pith__element_child_count(a->parent) == 1)
        a = a->parent;
      if (a->parent) pith__remove(ex, a);
    }
done:
  pith__nodes_free(&leaves);
}

/* sentences: only prose that ends a sentence counts (a credits line "Produced
 * by A, Photographs by B" is long but no sentence) */
static int has_prose_inside(xmlNodePtr n, int sentences) {
  xmlNodePtr c;
  char buf[512];
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && is_block_tag(c) && !has_block_child(c) &&
        pith__is_prose(c) && pith__link_density(c) < 0.5) {
      if (!sentences) return 1;
      pith__text_copy(c, buf, sizeof buf);
      if (ends_sentence(buf)) return 1;
    }
  return 0;
}

/* Class/id/itemprop/rel/tag that mark page furniture around a headline. */
static int has_lead_hint(xmlNodePtr n) {
  static const char *const HINTS[] = {
      "byline",  "author",     "dateline", "date",     "time",    "publish",
      "posted",  "breadcrumb", "crumb",    "pankuzu",  "credit",  "meta",
      "kicker",  "eyebrow",    "share",    "social",   "toolbar", "user-options",
      "counter", "tags",       "categor",  "info-bar", "infobar", "rubric",
      "dialog",  NULL};
  const char *cls = pith__get_attr(n, "class"), *id = pith__get_attr(n, "id");
  const char *ip = pith__get_attr(n, "itemprop"), *rel = pith__get_attr(n, "rel");
  if (pith__is(n, "time") || pith__is(n, "nav") || pith__is(n, "address") ||
      pith__is(n, "dialog"))
    return 1;
  if (rel && pith__streq(rel, "author")) return 1;
  if (ip && (strstr(ip, "author") || strstr(ip, "date") || strstr(ip, "breadcrumb")))
    return 1;
  return pith__match_any(cls, HINTS) || pith__match_any(id, HINTS);
}

/* Month and weekday names and the small words of datelines, lower case. */
static const char *const DATE_WORDS[] = {
    /* en (prefixes of 3+ letters match) */
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
    /* fr de es it pt nl pl */
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni", "juli",
    "oktober", "dezember", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio",
    "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro",
    "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "dezembro",
    "januari", "februari", "maart", "mei", "augustus", "stycznia", "lutego", "marca",
    "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
    "listopada", "grudnia", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche",
    /* ar: weekdays, months (Egyptian and Levantine names), "last update" */
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس",
    "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار",
    "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "الثاني", "الأول", "آخر",
    "تحديث", NULL};
static const char *const DATE_SMALL[] = {"am",
                                         "pm",
                                         "a.m",
                                         "p.m",
                                         "on",
                                         "at",
                                         "utc",
                                         "gmt",
                                         "est",
                                         "edt",
                                         "cst",
                                         "cdt",
                                         "pst",
                                         "pdt",
                                         "cet",
                                         "cest",
                                         "bst",
                                         "et",
                                         "pt",
                                         "ist",
                                         "updated",
                                         "published",
                                         "posted",
                                         "modified",
                                         "last",
                                         "le",
                                         "à",
                                         "mis",
                                         "jour",
                                         "um",
                                         "uhr",
                                         "de",
                                         "del",
                                         "of",
                                         "the",
                                         "h",
                                         "ago",
                                         "hour",
                                         "hours",
                                         "hrs",
                                         "min",
                                         "mins",
                                         "minute",
                                         "minutes",
                                         "day",
                                         "days",
                                         "yesterday",
                                         "today",
                                         "st",
                                         "nd",
                                         "rd",
                                         "th",
                                         "aktualisiert",
                                         "actualizado",
                                         "publicado",
                                         "publié",
                                         "veröffentlicht",
                                         "am",
                                         NULL};

static int date_word(const char *t, size_t n) {
  const char *const *w;
  for (w = DATE_WORDS; *w; w++) {
    size_t k = strlen(*w);
    if (n == k && memcmp(t, *w, n) == 0) return 1;
    if (n >= 3 && n < k && memcmp(t, *w, n) == 0 && (unsigned char)t[0] < 0x80) return 1;
  }
  for (w = DATE_SMALL; *w; w++)
    if (strlen(*w) == n && memcmp(t, *w, n) == 0) return 1;
  return 0;
}

/* Length of a separator at p: ASCII punctuation or space, Latin-1 punctuation
 * (nbsp, middle dot, guillemets), general punctuation (dashes, bullets) and
 * the CJK date units 年月日時分. 0 when p starts a word character. */
static size_t date_sep(const unsigned char *p) {
  if (*p < 0x80) return (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ? 0 : 1;
  if (p[0] == 0xC2 && p[1] >= 0xA0 && p[1] <= 0xBF) return 2;
  if (p[0] == 0xD8 && p[1] == 0x8C) return 2; /* Arabic comma */
  if (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81)) return 3;
  if (p[0] == 0xEF && p[1] == 0xBD) return 3;           /* fullwidth forms */
  if ((p[0] == 0xE5 && p[1] == 0xB9 && p[2] == 0xB4) || /* 年 */
      (p[0] == 0xE6 && p[1] == 0x9C && p[2] == 0x88) || /* 月 */
      (p[0] == 0xE6 && p[1] == 0x97 && p[2] == 0xA5) || /* 日 */
      (p[0] == 0xE6 && p[1] == 0x99 && p[2] == 0x82) || /* 時 */
      (p[0] == 0xE5 && p[1] == 0x88 && p[2] == 0x86) || /* 分 */
      (p[0] == 0xE6 && p[1] == 0x97 && p[2] == 0xB6))   /* 时 */
    return 3;
  return 0;
}

/* Whether lower-cased text is only a date or time ("Dec 9, 2016",
 * "2025-02-11 15:25", "Published 01 mai 2026 • 18:01", "2019.04.19 20:00"). */
static int is_date_text(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  int digits = 0, tokens = 0;
  while (*p) {
    size_t k = date_sep(p), n = 0;
    int all_digits = 1;
    if (k) {
      p += k;
      continue;
    }
    while (p[n] && date_sep(p + n) == 0) {
      if (!(p[n] >= '0' && p[n] <= '9')) all_digits = 0;
      n++;
    }
    if (++tokens > 16) return 0;
    if (all_digits)
      digits++;
    else if (!date_word((const char *)p, n)) {
      /* "9th", "18h01" */
      size_t i = 0;
      while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
      if (i == 0 || !date_word((const char *)p + i, n - i)) {
        if (!(i > 0 && p[i] == 'h')) return 0;
      }
      digits++;
    }
    p += n;
  }
  return digits > 0;
}

/* "1/3", "2 / 12", "i", "•": gallery counters and icon glyphs. */
static int is_glyph_text(const char *s, size_t len) {
  const char *p;
  int slash = 0;
  if (len <= 2) return 1;
  if (len > 9) return 0;
  for (p = s; *p; p++) {
    if (*p == '/')
      slash++;
    else if (!(*p >= '0' && *p <= '9') && *p != ' ')
      return 0;
  }
  return slash == 1;
}

static int is_byline_text(const char *s, size_t len) {
  static const char *const PREFIX[] = {"by ",         "von ",   "par ",    "por ",
                                       "autor:",      "autor ", "author:", "written by",
                                       "posted by",   "text:",  "texte :", "words by",
                                       "reported by", NULL};
  const char *const *w;
  if (len > 100) return 0;
  for (w = PREFIX; *w; w++)
    if (strncmp(s, *w, strlen(*w)) == 0) return len == 0 || !ends_sentence(s) || len < 40;
  return 0;
}

/* Skips a quote or bracket that may open a credit's word (‘Hughes’, "(AP"). */
static const char *skip_opening(const char *p) {
  for (;;) {
    if (*p == '(' || *p == '[' || *p == '"' || *p == '\'')
      p++;
    else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
             ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x9C))
      p += 3; /* ‘ “ */
    else
      return p;
  }
}

/* How surely a short line is a bare picture credit (the text as
 * pith__text_copy gives it, case kept):
 *   2  a name with an agency, a slash or brackets: "Scott Heins/Gothamist",
 *      "Mandel Ngan / AFP / Getty Images", "(Al 'Hughes' Dukes Photography)",
 *      "Reuters", "Milwaukee, edited by the author";
 *   1  only a name: "Valentina Palladino", "iStockphoto" (which a short caption
 *      naming a person also is);
 *   0  anything else: a sentence-like caption, and a credit that says it is
 *      one ("Photo: X", "(Bild: Hersteller)", "Image by X"), which belongs to
 *      the caption as Readability and Mercury keep it. */
static int credit_kind(const char *s, size_t len) {
  static const char *const SAYS[] = {"photo by ",
                                     "photos by ",
                                     "photograph by ",
                                     "photographs by ",
                                     "photography by ",
                                     "illustration by ",
                                     "image by ",
                                     "images by ",
                                     "video by ",
                                     "graphic by ",
                                     "artwork by ",
                                     "photo:",
                                     "photos:",
                                     "photo :",
                                     "photograph:",
                                     "illustration:",
                                     "image:",
                                     "images:",
                                     "credit:",
                                     "credits:",
                                     "credit :",
                                     "crédit :",
                                     "crédits :",
                                     "crédit photo",
                                     "photo credit",
                                     "image credit",
                                     "image source",
                                     "bildquelle:",
                                     "bild:",
                                     "foto:",
                                     "fotos:",
                                     "foto di ",
                                     "courtesy of ",
                                     "© ",
                                     NULL};
  static const char *const MARKS[] = {
      "getty",  "reuters", "afp",         "ap photo",  "epa",      "shutterstock",
      "istock", "alamy",   "photography", "edited by", "courtesy", NULL};
  char low[128];
  const char *p, *const *w;
  size_t words, i;
  int kind = 1;
  if (len == 0 || len > 100) return 0;
  s = skip_opening(s);
  for (i = 0; s[i] && i + 1 < sizeof low; i++)
    low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
  low[i] = 0;
  for (w = SAYS; *w; w++)
    if (strncmp(low, *w, strlen(*w)) == 0) return 0;
  /* "Washington/ New Delhi:" is the first paragraph's dateline */
  if (!*s || len > 60 || ends_sentence(s) || s[strlen(s) - 1] == ':') return 0;
  words = count_words(s);
  if (words > 7) return 0;
  for (p = s; *p; p++)
    if (*p >= '0' && *p <= '9') return 0;
  if (strchr(s, '/') || strchr(s, '(')) kind = 2;
  for (w = MARKS; *w && kind < 2; w++)
    if (pith__has_word(low, *w)) kind = 2;
  /* the start of each word is an upper-case letter, "/" or "|" (ASCII names
   * only), or one of the small words of credits */
  for (p = s; *p;) {
    while (*p == ' ')
      p++;
    if (!*p) break;
    p = skip_opening(p);
    if (!((*p >= 'A' && *p <= 'Z') || *p == '/' || *p == '|' || *p == '&' ||
          (*p == 'i' && p[1] >= 'A' && p[1] <= 'Z') ||
          (strncmp(p, "via ", 4) == 0 || strncmp(p, "for ", 4) == 0 ||
           strncmp(p, "and ", 4) == 0 || strncmp(p, "de ", 3) == 0 ||
           strncmp(p, "van ", 4) == 0 || strncmp(p, "von ", 4) == 0 ||
           (kind == 2 && (strncmp(p, "by ", 3) == 0 || strncmp(p, "the ", 4) == 0 ||
                          strncmp(p, "edited ", 7) == 0 || strncmp(p, "author", 6) == 0 ||
                          strncmp(p, "of ", 3) == 0)))))
      return 0;
    while (*p && *p != ' ')
      p++;
  }
  return kind;
}

static int near_picture(xmlNodePtr n) {
  xmlNodePtr a, prev;
  for (a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
    const char *cls = pith__get_attr(a, "class"), *id = pith__get_attr(a, "id");
    if (pith__is(a, "figure") || pith__is(a, "figcaption") ||
        (cls &&
         (pith__ci_contains(cls, "caption") || pith__ci_contains(cls, "credit"))) ||
        (id && (pith__ci_contains(id, "caption") || pith__ci_contains(id, "credit"))))
      return 1;
    if (pith__is(a, "article") || pith__is(a, "section") || pith__is(a, "body")) break;
  }
  /* right after a picture, or the only text of a block that follows one */
  for (a = n; a && a->type == XML_ELEMENT_NODE && !pith__is(a, "body"); a = a->parent) {
    /* an empty block between (p#description with no text) does not part them */
    for (prev = a->prev; prev && (prev->type != XML_ELEMENT_NODE ||
                                  (!pith__has_text(prev) && !has_media(prev)));
         prev = prev->prev)
      ;
    if (prev)
      return !pith__has_text(prev) &&
             (pith__is(prev, "img") || pith__is(prev, "picture") ||
              pith__count_tag(prev, "img"));
    if (a->parent && pith__element_child_count(a->parent) > 1) break;
  }
  return 0;
}

int pith__is_byline_block(xmlNodePtr n, xmlNodePtr stop) {
  char buf[128];
  xmlNodePtr a;
  for (a = n; a && a != stop && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (has_lead_hint(a)) return 1;
  pith__text_copy(n, buf, sizeof buf);
  lower_ascii(buf);
  return is_byline_text(buf, 0);
}

/* A line put together from marked parts: a <time>, or an element whose
 * class, id or itemprop names a date, time or author ("2025-02-23
 * 12:59:28 Source: X" built of span.date, span.time, span.from). */
static int has_dated_part(xmlNodePtr n) {
  static const char *const PARTS[] = {"date",    "time",   "author", "byline",
                                      "publish", "posted", NULL};
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0)) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (pith__is(c, "time") || pith__match_any(pith__get_attr(c, "class"), PARTS) ||
        pith__match_any(pith__get_attr(c, "id"), PARTS) ||
        pith__match_any(pith__get_attr(c, "itemprop"), PARTS))
      return 1;
  }
  return 0;
}

/* Whether n (or a link in it) leads somewhere: an <a name> anchor that
 * holds a section's heading counts as link text but is none. */
static int links_out(xmlNodePtr n) {
  xmlNodePtr c;
  if (pith__is(n, "a")) return pith__get_attr(n, "href") != NULL;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && pith__is(c, "a") && pith__get_attr(c, "href"))
      return 1;
  return 0;
}

/* Whether n is a figure's own caption, in a <figcaption> under article, that
 * is more than a bare name: Readability and Mercury keep it whatever its
 * class calls it ("credit": "Image via X's account"). A bare credit
 * ("Valentina Palladino") still goes. */
static int figure_caption(xmlNodePtr n, xmlNodePtr article, size_t len) {
  char buf[512];
  xmlNodePtr a;
  for (a = n; a && a != article && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (pith__is(a, "figcaption")) {
      pith__text_copy(n, buf, sizeof buf);
      return credit_kind(buf, len) == 0;
    }
  return 0;
}

/* Whether a leaf block before the first paragraph is furniture. */
static int is_lead_junk(xmlNodePtr n, xmlNodePtr article, int before_headline,
                        int favor) {
  char buf[512];
  size_t len = pith__text_len_max(n, 200);
  if (len == 0 || len > 200) return 0;
  if (!before_headline && figure_caption(n, article, len)) return 0;
  pith__text_copy(n, buf, sizeof buf);
  lower_ascii(buf);
  /* a heading under the headline is a dek or a section's title, unless it
   * is only the date (h6.entry-date) */
  if (pith__is_heading(n) && !before_headline) return is_date_text(buf);
  if (before_headline && !pith__is_prose(n)) return 1;
  if (has_lead_hint(n)) return 1;
  if (is_glyph_text(buf, len) || is_date_text(buf)) return 1;
  if (len <= 150 && pith__link_density(n) > 0.8 && links_out(n)) return 1;
  if (len <= 100 && has_dated_part(n)) return 1;
  if (len <= 30 && buf[strlen(buf) - 1] == ':') return 1;
  if (favor == PITH_FAVOR_RECALL) return 0;
  if (is_byline_text(buf, len)) return 1;
  pith__text_copy(n, buf, sizeof buf);
  return credit_kind(buf, len) && near_picture(n);
}

/* A prose block that still belongs to the lead: a picture's caption or a
 * dek/standfirst (by its own or an ancestor's class). Datelines and bylines
 * often follow one. */
static int lead_preamble(xmlNodePtr n, xmlNodePtr article) {
  static const char *const NAMES[] = {
      "caption", "dek",   "standfirst", "summary", "excerpt",     "subtitle", "subhead",
      "tldr",    "intro", "lede",       "chapo",   "description", "teaser",   NULL};
  xmlNodePtr a;
  for (a = n; a && a != article && a->type == XML_ELEMENT_NODE; a = a->parent) {
    if (pith__is(a, "figure") || pith__is(a, "figcaption")) return 1;
    if (pith__match_any(pith__get_attr(a, "class"), NAMES) ||
        pith__match_any(pith__get_attr(a, "id"), NAMES))
      return 1;
  }
  /* a picture and its caption in one block (p.inline-photo: img + text) */
  if (pith__text_len_max(n, 301) <= 300 && has_media(n)) return 1;
  return near_picture(n);
}

/* A picture's caption: a gallery's slides go on with the lead, each
 * caption after its counter ("2/3") or credit. */
static int lead_caption(xmlNodePtr n) {
  xmlNodePtr a;
  for (a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
    if (pith__is(a, "figure") || pith__is(a, "figcaption")) return 1;
    if (pith__is(a, "article") || pith__is(a, "section") || pith__is(a, "body")) break;
  }
  return near_picture(n);
}

/* After a lead preamble only lines that are surely furniture go: a block
 * marked as a byline or date, or whose text is a date, a byline or a credit
 * that names an agency or says it is one, outside tables. */
static int strong_lead_junk(xmlNodePtr n, xmlNodePtr article, int favor) {
  char buf[512];
  size_t len = pith__text_len_max(n, 201);
  xmlNodePtr a;
  if (len == 0 || len > 200 || pith__is_heading(n) || figure_caption(n, article, len))
    return 0;
  for (a = n; a && a != article; a = a->parent)
    if (pith__is(a, "td") || pith__is(a, "th"))
      return 0; /* an infobox's dates are data */
  if (has_lead_hint(n)) return 1;
  pith__text_copy(n, buf, sizeof buf);
  lower_ascii(buf);
  /* a gallery's "3/3" counter (a lone digit may be a list's number) */
  if (len > 2 && is_glyph_text(buf, len)) return 1;
  if (is_date_text(buf) || is_byline_text(buf, len)) return 1;
  if (favor == PITH_FAVOR_RECALL) return 0;
  pith__text_copy(n, buf, sizeof buf);
  return credit_kind(buf, len) == 2 && near_picture(n);
}

void pith__clean_lead(pith_ex *ex, xmlNodePtr article) {
  static const char *const MARK[] = {HEADLINE_TAG, NULL};
  pith_nodes junk = {0}, marks = {0};
  xmlNodePtr n, mark = NULL;
  size_t i;
  int preamble = 0;
  if (!pith__collect(ex, article, MARK, &marks)) goto done;
  if (marks.n) mark = marks.v[0]; /* blocks before it are kickers and breadcrumbs */
  for (n = article->children; n;) {
    int skip = 0;
    if (n->type == XML_ELEMENT_NODE) {
      int before = mark != NULL;
      if (n == mark) {
        mark = NULL;
      } else if (!pith__is_visible(n)) {
        skip = 1; /* a hidden copy of the caption is not the lead's prose */
      } else if (!has_block_child(n)) {
        skip = 1;
        if (pith__is_prose(n) && pith__link_density(n) < 0.5) {
          /* a heading (a headline the titles do not match, a dek set as a
           * heading) is a preamble: what follows it is still the lead */
          if (preamble ? !(preamble < 8 && lead_caption(n))
                       : !(pith__is_heading(n) || lead_preamble(n, article)))
            break;
          preamble++;
        } else if ((preamble ? strong_lead_junk(n, article, ex->favor)
                             : is_lead_junk(n, article, before, ex->favor)) &&
                   !pith__nodes_push(ex, &junk, n))
          goto done;
      } else if (pith__text_len_max(n, 200) <= 200 &&
                 (has_lead_hint(n)
                      ? !has_prose_inside(n, 1)
                      : before && !has_prose_inside(n, 0) && pith__has_text(n))) {
        skip = 1;
        if (!pith__nodes_push(ex, &junk, n)) goto done;
      }
    }
    n = pith__next_node(n, article, skip);
  }
  for (i = 0; i < junk.n; i++)
    if (junk.v[i]->parent && junk.v[i]->parent != ex->d->trash)
      remove_up(ex, junk.v[i], article);
  for (i = 0; i < marks.n; i++)
    if (marks.v[i]->parent && marks.v[i]->parent != ex->d->trash)
      pith__remove(ex, marks.v[i]);
done:
  pith__nodes_free(&junk);
  pith__nodes_free(&marks);
}
