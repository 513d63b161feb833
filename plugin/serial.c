/* Element behaviour, visibility, table shape, URL safety and the iterative
 * walk shared by the text, Markdown and clean HTML serialisers. */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "serial.h"

/* Sorted by name (strcmp order): looked up by binary search. */
static const pith_el ELEMENTS[] = {
    {"a", PK_A, "a"},
    {"abbr", PK_INLINE, "abbr"},
    {"address", PK_BLOCK, "div"},
    {"applet", PK_SKIP, NULL},
    {"area", PK_SKIP, NULL},
    {"article", PK_BLOCK, "article"},
    {"aside", PK_BLOCK, "aside"},
    {"audio", PK_SKIP, NULL},
    {"b", PK_STRONG, "b"},
    {"base", PK_SKIP, NULL},
    {"basefont", PK_SKIP, NULL},
    {"bdi", PK_INLINE, NULL},
    {"bdo", PK_INLINE, NULL},
    {"big", PK_INLINE, NULL},
    {"blockquote", PK_BQ, "blockquote"},
    {"body", PK_BLOCK, NULL},
    {"br", PK_BR, "br"},
    {"button", PK_SKIP, NULL},
    {"canvas", PK_SKIP, NULL},
    {"caption", PK_BLOCK, "caption"},
    {"center", PK_BLOCK, "div"},
    {"cite", PK_INLINE, "cite"},
    {"code", PK_CODE, "code"},
    {"col", PK_SKIP, NULL},
    {"colgroup", PK_SKIP, NULL},
    {"data", PK_INLINE, NULL},
    {"datalist", PK_SKIP, NULL},
    {"dd", PK_BLOCK, "dd"},
    {"del", PK_DEL, "del"},
    {"details", PK_BLOCK, "details"},
    {"dfn", PK_INLINE, "dfn"},
    {"dialog", PK_SKIP, NULL},
    {"dir", PK_UL, "ul"},
    {"div", PK_BLOCK, "div"},
    {"dl", PK_BLOCK, "dl"},
    {"dt", PK_BLOCK, "dt"},
    {"em", PK_EM, "em"},
    {"embed", PK_SKIP, NULL},
    {"fieldset", PK_BLOCK, "div"},
    {"figcaption", PK_BLOCK, "figcaption"},
    {"figure", PK_BLOCK, "figure"},
    {"font", PK_INLINE, NULL},
    {"footer", PK_BLOCK, "footer"},
    {"form", PK_BLOCK, "div"},
    {"frame", PK_SKIP, NULL},
    {"frameset", PK_SKIP, NULL},
    {"h1", PK_H, "h1"},
    {"h2", PK_H, "h2"},
    {"h3", PK_H, "h3"},
    {"h4", PK_H, "h4"},
    {"h5", PK_H, "h5"},
    {"h6", PK_H, "h6"},
    {"head", PK_SKIP, NULL},
    {"header", PK_BLOCK, "header"},
    {"hgroup", PK_BLOCK, "div"},
    {"hr", PK_HR, "hr"},
    {"html", PK_BLOCK, NULL},
    {"i", PK_EM, "i"},
    {"iframe", PK_SKIP, NULL},
    {"img", PK_IMG, "img"},
    {"input", PK_SKIP, NULL},
    {"ins", PK_INLINE, "ins"},
    {"kbd", PK_CODE, "kbd"},
    {"keygen", PK_SKIP, NULL},
    {"label", PK_INLINE, NULL},
    {"legend", PK_BLOCK, "div"},
    {"li", PK_LI, "li"},
    {"link", PK_SKIP, NULL},
    {"listing", PK_PRE, "pre"},
    {"main", PK_BLOCK, "main"},
    {"map", PK_SKIP, NULL},
    {"mark", PK_INLINE, "mark"},
    {"menu", PK_UL, "ul"},
    {"meta", PK_SKIP, NULL},
    {"meter", PK_SKIP, NULL},
    {"nav", PK_BLOCK, "nav"},
    {"noembed", PK_SKIP, NULL},
    {"noframes", PK_SKIP, NULL},
    {"noscript", PK_SKIP, NULL},
    {"object", PK_SKIP, NULL},
    {"ol", PK_OL, "ol"},
    {"optgroup", PK_SKIP, NULL},
    {"option", PK_SKIP, NULL},
    {"p", PK_BLOCK, "p"},
    {"param", PK_SKIP, NULL},
    {"picture", PK_INLINE, NULL},
    {"plaintext", PK_PRE, "pre"},
    {"pre", PK_PRE, "pre"},
    {"progress", PK_SKIP, NULL},
    {"q", PK_INLINE, "q"},
    {"rp", PK_SKIP, NULL},
    {"s", PK_DEL, "s"},
    {"samp", PK_CODE, "samp"},
    {"script", PK_SKIP, NULL},
    {"section", PK_BLOCK, "section"},
    {"select", PK_SKIP, NULL},
    {"small", PK_INLINE, "small"},
    {"source", PK_SKIP, NULL},
    {"strike", PK_DEL, "s"},
    {"strong", PK_STRONG, "strong"},
    {"style", PK_SKIP, NULL},
    {"sub", PK_INLINE, "sub"},
    {"summary", PK_BLOCK, "summary"},
    {"sup", PK_INLINE, "sup"},
    {"svg", PK_SKIP, NULL},
    {"table", PK_TABLE, "table"},
    {"tbody", PK_TSECT, "tbody"},
    {"td", PK_CELL, "td"},
    {"template", PK_SKIP, NULL},
    {"textarea", PK_SKIP, NULL},
    {"tfoot", PK_TSECT, "tfoot"},
    {"th", PK_CELL, "th"},
    {"thead", PK_TSECT, "thead"},
    {"title", PK_SKIP, NULL},
    {"tr", PK_TR, "tr"},
    {"track", PK_SKIP, NULL},
    {"tt", PK_CODE, "code"},
    {"u", PK_INLINE, "u"},
    {"ul", PK_UL, "ul"},
    {"var", PK_INLINE, "var"},
    {"video", PK_SKIP, NULL},
    {"wbr", PK_WBR, NULL},
    {"xmp", PK_PRE, "pre"},
};

/* strcmp's order, inline: tag names are short and mostly differ at the first
 * byte, where a library call costs most (this runs for every element serialised). */
static int name_cmp(const char *a, const char *b) {
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return (int)(unsigned char)*a - (int)(unsigned char)*b;
}

const pith_el *pith__el(xmlNodePtr n) {
  static const pith_el unknown = {"", PK_INLINE, NULL};
  size_t lo = 0, hi = sizeof ELEMENTS / sizeof *ELEMENTS;
  const char *name = (const char *)n->name;
  if (name == NULL) return &unknown;
  while (lo < hi) { /* binary search, as bsearch over the sorted table */
    size_t mid = lo + (hi - lo) / 2;
    int c = name_cmp(name, ELEMENTS[mid].name);
    if (c == 0) return &ELEMENTS[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return &unknown;
}

static int is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* pat (lower case, no blanks) occurs in s, ignoring case and blanks. */
static int css_has(const xmlChar *s, const char *pat) {
  for (; *s; s++) {
    const xmlChar *q = s;
    const char *p = pat;
    if (lower(*s) != *pat) continue;
    while (*p) {
      while (is_space(*q))
        q++;
      if (lower(*q) != *p) break;
      p++;
      q++;
    }
    if (*p == '\0') return 1;
  }
  return 0;
}

static const xmlChar *attr_text(xmlAttrPtr a) {
  if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
    return a->children->content;
  return (const xmlChar *)"";
}

int pith__el_hidden(xmlNodePtr n) {
  xmlAttrPtr a;
  for (a = n->properties; a != NULL; a = a->next) {
    const char *nm = (const char *)a->name;
    if (nm[0] == 'h' && strcmp(nm, "hidden") == 0) return 1;
    if (nm[0] == 's' && strcmp(nm, "style") == 0) {
      const xmlChar *v = attr_text(a);
      if (css_has(v, "display:none") || css_has(v, "visibility:hidden")) return 1;
    } else if (nm[0] == 'a' && strcmp(nm, "aria-hidden") == 0) {
      if (xmlStrcasecmp(attr_text(a), (const xmlChar *)"true") == 0) return 1;
    }
  }
  return 0;
}

const xmlChar *pith__attr(xmlNodePtr n, const char *name, xmlChar **tofree) {
  xmlAttrPtr a;
  *tofree = NULL;
  for (a = n->properties; a != NULL; a = a->next) {
    if (strcmp((const char *)a->name, name) != 0) continue;
    if (a->children == NULL) return (const xmlChar *)"";
    if (a->children->type == XML_TEXT_NODE && a->children->next == NULL)
      return a->children->content ? a->children->content : (const xmlChar *)"";
    *tofree = xmlNodeGetContent((xmlNodePtr)a);
    return *tofree;
  }
  return NULL;
}

const xmlChar *pith__img_src(xmlNodePtr img, xmlChar **tofree) {
  static const char *const lazy[] = {"data-src", "data-lazy-src", "data-original",
                                     "data-url"};
  const xmlChar *src = pith__attr(img, "src", tofree);
  size_t i;
  if (src != NULL && src[0] != '\0' &&
      xmlStrncasecmp(src, (const xmlChar *)"data:", 5) != 0)
    return src;
  for (i = 0; i < sizeof lazy / sizeof *lazy; i++) {
    xmlChar *f2;
    const xmlChar *v = pith__attr(img, lazy[i], &f2);
    if (v != NULL && v[0] != '\0') {
      if (*tofree) xmlFree(*tofree);
      *tofree = f2;
      return v;
    }
    if (f2) xmlFree(f2);
  }
  return src;
}

/* Length of the scheme of u ("" for a relative reference), lower-cased into
 * out (at most cap-1 bytes; longer schemes are reported as "?"). Browsers drop
 * tabs and newlines anywhere in a URL, so "java\tscript:" is javascript:. */
static size_t url_scheme(const xmlChar *u, char *out, size_t cap) {
  size_t k = 0;
  for (; *u; u++) {
    int c = *u;
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') break;
    if (c == '/' || c == '?' || c == '#') return out[0] = '\0', 0;
    if (k + 1 >= cap) return out[0] = '?', out[1] = '\0', 1;
    out[k++] = (char)lower(c);
  }
  if (*u != ':') return out[0] = '\0', 0;
  out[k] = '\0';
  return k ? k : (out[0] = '?', out[1] = '\0', 1); /* ":foo" is not a scheme */
}

static int scheme_allowed(const char *s, const xmlChar *u, int allow_data_image) {
  if (strcmp(s, "http") == 0 || strcmp(s, "https") == 0 || strcmp(s, "mailto") == 0 ||
      strcmp(s, "ftp") == 0 || strcmp(s, "tel") == 0)
    return 1;
  if (allow_data_image && strcmp(s, "data") == 0) {
    const xmlChar *p = (const xmlChar *)strchr((const char *)u, ':') + 1;
    return xmlStrncasecmp(p, (const xmlChar *)"image/", 6) == 0 &&
           xmlStrncasecmp(p + 6, (const xmlChar *)"svg", 3) != 0;
  }
  return 0;
}

static xmlChar *uri_escape(const xmlChar *u) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = (size_t)xmlStrlen(u), i, k = 0;
  xmlChar *e = (xmlChar *)xmlMalloc(n * 3 + 1);
  if (e == NULL) return NULL;
  for (i = 0; i < n; i++) {
    unsigned char c = u[i];
    if (c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL) {
      e[k++] = '%';
      e[k++] = (xmlChar)hex[c >> 4];
      e[k++] = (xmlChar)hex[c & 15];
    } else {
      e[k++] = c;
    }
  }
  e[k] = '\0';
  return e;
}

xmlChar *pith__safe_url(const xmlChar *href, const xmlChar *base, int allow_data_image) {
  char scheme[24];
  size_t n;
  xmlChar *u, *abs;
  if (href == NULL) return NULL;
  while (*href && *href <= 0x20)
    href++;
  n = (size_t)xmlStrlen(href);
  while (n && href[n - 1] <= 0x20)
    n--;
  if (n == 0) return NULL;
  u = xmlStrndup(href, (int)n);
  if (u == NULL) return NULL;
  if (url_scheme(u, scheme, sizeof scheme)) {
    if (scheme_allowed(scheme, u, allow_data_image)) return u;
    xmlFree(u);
    return NULL;
  }
  if (base == NULL) return u;
  abs = xmlBuildURI(u, base);
  if (abs == NULL) {
    /* libxml2 refuses spaces and the like: retry with them percent-encoded */
    xmlChar *e = uri_escape(u);
    abs = e ? xmlBuildURI(e, base) : NULL;
    if (e) xmlFree(e);
    if (abs == NULL) return u;
  }
  xmlFree(u);
  /* a javascript: or odd base must not leak through the resolution */
  if (url_scheme(abs, scheme, sizeof scheme) && !scheme_allowed(scheme, abs, 0)) {
    xmlFree(abs);
    return NULL;
  }
  return abs;
}

void pith__walk(xmlNodePtr root, const pith_walk_ops *ops, void *st) {
  xmlNodePtr n = root;
  for (;;) {
    int down = 0;
    if (n->type == XML_ELEMENT_NODE)
      down = ops->enter(st, n);
    else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
             n->content)
      ops->text(st, (const char *)n->content, strlen((const char *)n->content));
    if (down && n->children != NULL) {
      n = n->children;
      continue;
    }
    if (down) ops->leave(st, n);
    while (n != root && n->next == NULL) {
      n = n->parent;
      ops->leave(st, n);
    }
    if (n == root) return;
    n = n->next;
  }
}

/* Table shape scan: stops descending once the verdict is known. */
typedef struct table_scan {
  xmlNodePtr table;
  int layout, cols, maxcols, paras;
} table_scan;

static int scan_enter(void *p, xmlNodePtr n) {
  table_scan *s = (table_scan *)p;
  const pith_el *e;
  if (s->layout) return 0;
  e = pith__el(n);
  switch (e->kind) {
  case PK_TABLE:
    if (n != s->table) s->layout = 1;
    return !s->layout;
  case PK_TR:
    s->cols = 0;
    return 1;
  case PK_CELL: {
    xmlChar *f;
    const xmlChar *span = pith__attr(n, "colspan", &f);
    int k = span ? atoi((const char *)span) : 1;
    if (f) xmlFree(f);
    s->cols += k > 1 && k < 1000 ? k : 1;
    if (s->cols > s->maxcols) s->maxcols = s->cols;
    s->paras = 0;
    return 1;
  }
  case PK_H:
  case PK_PRE:
  case PK_BQ:
    s->layout = 1;
    return 0;
  case PK_UL:
  case PK_OL:
    if (++s->paras >= 2) s->layout = 1;
    return 0;
  case PK_BLOCK:
    if (n->name[0] == 'p' && n->name[1] == '\0' && ++s->paras >= 2) s->layout = 1;
    return !s->layout;
  case PK_SKIP:
    return 0;
  default:
    return 1;
  }
}

static void scan_leave(void *p, xmlNodePtr n) { (void)p, (void)n; }
static void scan_text(void *p, const char *s, size_t n) { (void)p, (void)s, (void)n; }

int pith__data_table(xmlNodePtr table) {
  static const pith_walk_ops ops = {scan_enter, scan_leave, scan_text};
  table_scan s = {NULL, 0, 0, 0, 0};
  xmlChar *f;
  const xmlChar *role = pith__attr(table, "role", &f);
  int layout_role = role && (xmlStrcasecmp(role, (const xmlChar *)"presentation") == 0 ||
                             xmlStrcasecmp(role, (const xmlChar *)"none") == 0);
  if (f) xmlFree(f);
  if (layout_role) return 0;
  s.table = table;
  pith__walk(table, &ops, &s);
  return !s.layout && s.maxcols > 1;
}

pith_frame *pith__frame_push(pith_frames *f) {
  if (f->n == f->cap) {
    size_t cap = f->cap ? f->cap * 2 : 64;
    pith_frame *v = (pith_frame *)realloc(f->v, cap * sizeof *v);
    if (v == NULL) return NULL;
    f->v = v;
    f->cap = cap;
  }
  return &f->v[f->n++];
}

void pith__frames_free(pith_frames *f) {
  free(f->v);
  f->v = NULL;
  f->n = f->cap = 0;
}
