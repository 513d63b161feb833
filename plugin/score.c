/* Text metrics and class/id vocabularies (Readability.js's REGEXPS as word
 * lists): the measurements every scoring and cleaning decision is made from. */
#include <stdlib.h>
#include <string.h>

#include "score.h"

size_t pith__ws_len(const unsigned char *p) {
  switch (p[0]) {
  case ' ':
  case '\t':
  case '\n':
  case '\r':
  case '\f':
  case '\v':
    return 1;
  case 0xC2:
    return p[1] == 0xA0 ? 2 : 0;
  case 0xE2:
    if (p[1] == 0x80 &&
        ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
      return 3;
    if (p[1] == 0x81 && p[2] == 0x9F) return 3;
    return 0;
  case 0xE3:
    return (p[1] == 0x80 && p[2] == 0x80) ? 3 : 0;
  case 0xEF:
    return (p[1] == 0xBB && p[2] == 0xBF) ? 3 : 0;
  default:
    return 0;
  }
}

/* pith__ws_len with the ASCII cases inline (the text walks' hot path). */
static inline size_t ws_at(const unsigned char *p) {
  if (*p < 0x80) return *p == ' ' || (*p >= '\t' && *p <= '\r');
  return pith__ws_len(p);
}

static int is_comma(const unsigned char *p, size_t *adv) {
  *adv = 1;
  if (p[0] == ',') return 2;
  if (p[0] == 0xD8 && p[1] == 0x8C) return (*adv = 2), 1;
  if (p[0] == 0xEF && ((p[1] == 0xB9 && p[2] == 0x90) || (p[1] == 0xB8 && p[2] == 0x90) ||
                       (p[1] == 0xB8 && p[2] == 0x91) || (p[1] == 0xBC && p[2] == 0x8C)))
    return (*adv = 3), 1;
  if (p[0] == 0xE2 && ((p[1] == 0xB9 && p[2] == 0x81) || (p[1] == 0xB8 && p[2] == 0xB4) ||
                       (p[1] == 0xB8 && p[2] == 0xB2)))
    return (*adv = 3), 1;
  return 0;
}

static int is_text(xmlNodePtr n) {
  return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* One walk: the state machine below counts what getInnerText(e).length counts;
 * it stops once the length passes cap (the counts are then partial). */
static void text_info(xmlNodePtr n, pith_textinfo *ti, size_t cap) {
  xmlNodePtr c;
  int started = 0, pending = 0, last_dot = 0;
  memset(ti, 0, sizeof *ti);
  if (n == NULL) return;
  if (is_text(n))
    c = n;
  else if (n->type == XML_ELEMENT_NODE)
    c = n->children;
  else
    return;
  for (; c && ti->len <= cap; c = (c == n) ? NULL : pith__next_node(c, n, 0)) {
    const unsigned char *p;
    if (!is_text(c) || c->content == NULL) continue;
    p = c->content;
    while (*p) {
      size_t w = ws_at(p), adv;
      if (w == 0 && *p > ',' && *p < 0x80 && *p != '.') {
        /* plain ASCII run: the common case, no comma or period to note */
        if (pending) {
          ti->len++;
          pending = 0;
        }
        last_dot = 0;
        started = 1;
        ti->len++;
        p++;
        continue;
      }
      int k;
      if (w) {
        if (started) pending = 1;
        if (last_dot) {
          ti->periods++;
          last_dot = 0;
        }
        p += w;
        continue;
      }
      if (pending) {
        ti->len++;
        pending = 0;
      }
      if (last_dot) last_dot = 0;
      started = 1;
      k = is_comma(p, &adv);
      if (k) {
        ti->commas++;
        if (k == 2) ti->ascii_commas++;
        p += adv;
        ti->len++;
        continue;
      }
      if (*p == '.') last_dot = 1;
      ti->len++;
      p++;
      while ((*p & 0xC0) == 0x80)
        p++;
    }
  }
  if (last_dot) ti->periods++;
}

/* ---- the statistics cache ----
 * Scoring asks for the text length, commas and link text of the same subtrees
 * again and again (every candidate, every ancestor, every cleaning test).
 * While core.extract runs, each element's figures are kept in an entry that
 * node->_private points to (libxml2 leaves it to the application; the
 * document's _private points to the cache). The figures of a text run
 * combine associatively (a monoid: counts plus what its edges look like), so
 * an element's entry is made from its children's in one bottom-up pass. Tree
 * surgery marks the moved node's old and new ancestors stale; an element is
 * only ever cached when all its descendants are, so marking stops at the
 * first stale ancestor. */
typedef struct pith_seg {
  size_t n;    /* non-space code points */
  size_t runs; /* space runs between them */
  size_t commas, ascii_commas;
  size_t periods;            /* '.' followed by a space inside the run */
  unsigned long long link10; /* link text x10 (links to "#..." count 3) */
  unsigned char any;         /* any character at all */
  unsigned char lead, trail; /* starts / ends with space (all-space: both) */
  unsigned char end_dot;     /* the last character is '.' */
} pith_seg;

typedef struct pith_stat {
  xmlNodePtr node;
  pith_seg seg;
  int valid;
} pith_stat;

#define PITH_STAT_CHUNK 1024

struct pith_statcache {
  xmlDocPtr doc;
  pith_stat **chunks;
  size_t nchunks, cap_chunks, used; /* entries used in the last chunk */
  int oom;
};

static inline void seg_cat(pith_seg *a, const pith_seg *b) {
  if (!b->any) return;
  if (!a->any) {
    *a = *b;
    return;
  }
  a->commas += b->commas;
  a->ascii_commas += b->ascii_commas;
  a->link10 += b->link10;
  a->periods += b->periods + (a->end_dot && b->lead);
  if (b->n == 0) { /* all space */
    a->trail = 1;
    a->end_dot = 0;
    return;
  }
  if (a->n == 0) {
    unsigned long long l = a->link10;
    size_t c = a->commas, ac = a->ascii_commas, per = a->periods;
    *a = *b;
    a->lead = 1;
    a->link10 = l;
    a->commas = c;
    a->ascii_commas = ac;
    a->periods = per;
    return;
  }
  a->runs += b->runs + (a->trail || b->lead);
  a->n += b->n;
  a->trail = b->trail;
  a->end_dot = b->end_dot;
}

/* Counts in locals (the segment is written once at the end: through the
 * pointer every count would be reloaded after each byte read), plain ASCII
 * runs in a tight loop. */
static void seg_text(const unsigned char *p, pith_seg *s) {
  int pending = 0, last_dot = 0, lead = 0;
  size_t n = 0, runs = 0, commas = 0, ascii_commas = 0, periods = 0;
  memset(s, 0, sizeof *s);
  if (p == NULL || *p == 0) return;
  s->any = 1;
  while (*p) {
    size_t w, adv;
    int k;
    if (*p > ',' && *p < 0x80 && *p != '.') {
      const unsigned char *q = p + 1;
      if (pending && n) runs++;
      pending = 0;
      last_dot = 0;
      for (;;) {
        while (*q > ',' && *q < 0x80 && *q != '.')
          q++;
        /* one plain space between two runs: what the white-space branch and the
         * next run would count, without leaving this loop at every word */
        if (*q != ' ' || !(q[1] > ',' && q[1] < 0x80 && q[1] != '.')) break;
        n += (size_t)(q - p);
        runs++;
        p = q + 1;
        q = p + 1;
      }
      n += (size_t)(q - p);
      p = q;
      continue;
    }
    w = ws_at(p);
    if (w) {
      if (n == 0) lead = 1;
      pending = 1;
      if (last_dot) {
        periods++;
        last_dot = 0;
      }
      p += w;
      continue;
    }
    if (pending && n) runs++;
    pending = 0;
    last_dot = 0;
    n++;
    k = is_comma(p, &adv);
    if (k) {
      commas++;
      if (k == 2) ascii_commas++;
      p += adv;
      continue;
    }
    if (*p == '.') last_dot = 1;
    p++;
    while ((*p & 0xC0) == 0x80)
      p++;
  }
  s->n = n;
  s->runs = runs;
  s->commas = commas;
  s->ascii_commas = ascii_commas;
  s->periods = periods;
  s->lead = (unsigned char)lead;
  s->trail = (unsigned char)pending;
  if (n == 0) s->lead = s->trail = 1;
  s->end_dot = (unsigned char)last_dot;
}

static pith_statcache *cache_of(xmlNodePtr n) {
  pith_statcache *c = n->doc ? (pith_statcache *)n->doc->_private : NULL;
  return (c && c->doc == n->doc && !c->oom) ? c : NULL;
}

static pith_stat *entry_of(xmlNodePtr n) {
  pith_stat *e = (pith_stat *)n->_private;
  return (e && e->node == n) ? e : NULL;
}

static pith_stat *new_entry(pith_statcache *c, xmlNodePtr n) {
  pith_stat *e;
  if (c->nchunks == 0 || c->used == PITH_STAT_CHUNK) {
    if (c->nchunks == c->cap_chunks) {
      size_t nc = c->cap_chunks ? c->cap_chunks * 2 : 16;
      pith_stat **nv = (pith_stat **)realloc(c->chunks, nc * sizeof *nv);
      if (nv == NULL) return NULL;
      c->chunks = nv;
      c->cap_chunks = nc;
    }
    c->chunks[c->nchunks] = (pith_stat *)malloc(PITH_STAT_CHUNK * sizeof(pith_stat));
    if (c->chunks[c->nchunks] == NULL) return NULL;
    c->nchunks++;
    c->used = 0;
  }
  e = &c->chunks[c->nchunks - 1][c->used++];
  e->node = n;
  e->valid = 0;
  n->_private = e;
  return e;
}

static int is_link(xmlNodePtr n) {
  return n->name && n->name[0] == 'a' && n->name[1] == 0;
}

/* Fills n's entry from its children's (all already valid). */
static int finish(pith_statcache *c, xmlNodePtr n) {
  pith_stat *e = entry_of(n);
  xmlNodePtr k;
  if (e == NULL && (e = new_entry(c, n)) == NULL) return 0;
  memset(&e->seg, 0, sizeof e->seg);
  for (k = n->children; k; k = k->next) {
    if (is_text(k)) {
      pith_seg t;
      seg_text(k->content, &t);
      seg_cat(&e->seg, &t);
    } else if (k->type == XML_ELEMENT_NODE) {
      pith_stat *ke = entry_of(k);
      if (is_link(k)) {
        pith_seg t = ke->seg;
        const char *href = pith__get_attr(k, "href");
        t.link10 += (unsigned long long)(t.n + t.runs) *
                    ((href && href[0] == '#' && href[1]) ? 3u : 10u);
        seg_cat(&e->seg, &t);
      } else
        seg_cat(&e->seg, &ke->seg);
    }
  }
  e->valid = 1;
  return 1;
}

static int valid(xmlNodePtr n) {
  pith_stat *e = entry_of(n);
  return e && e->valid;
}

/* Makes root's entry valid with an iterative post-order walk over the stale
 * part of its subtree; NULL when out of memory (the caller walks instead). */
static pith_stat *stat_of(pith_statcache *c, xmlNodePtr root) {
  xmlNodePtr n = root;
  if (valid(root)) return entry_of(root);
  for (;;) {
    /* down to the first element whose children are all done */
    for (;;) {
      xmlNodePtr k;
      for (k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && !valid(k)) break;
      if (k == NULL) break;
      n = k;
    }
    if (!finish(c, n)) {
      c->oom = 1;
      return NULL;
    }
    if (n == root) return entry_of(root);
    /* the next stale sibling, else the parent (whose children are then done) */
    {
      xmlNodePtr s;
      for (s = n->next; s; s = s->next)
        if (s->type == XML_ELEMENT_NODE && !valid(s)) break;
      n = s ? s : n->parent;
    }
  }
}

pith_statcache *pith__stats_open(xmlDocPtr doc) {
  pith_statcache *c;
  if (doc == NULL || doc->_private != NULL) return NULL;
  c = (pith_statcache *)calloc(1, sizeof *c);
  if (c == NULL) return NULL;
  c->doc = doc;
  doc->_private = c;
  return c;
}

void pith__stats_close(pith_statcache *c) {
  size_t i, j;
  if (c == NULL) return;
  for (i = 0; i < c->nchunks; i++) {
    size_t k = (i + 1 == c->nchunks) ? c->used : PITH_STAT_CHUNK;
    for (j = 0; j < k; j++) {
      pith_stat *e = &c->chunks[i][j];
      if (e->node->_private == e) e->node->_private = NULL;
    }
    free(c->chunks[i]);
  }
  free(c->chunks);
  if (c->doc->_private == c) c->doc->_private = NULL;
  free(c);
}

void pith__stats_dirty(xmlNodePtr n) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    pith_stat *e = entry_of(n);
    if (e == NULL || !e->valid) return;
    e->valid = 0;
  }
}

void pith__stats_forget(xmlNodePtr root) {
  xmlNodePtr c;
  if (root == NULL) return;
  root->_private = NULL;
  for (c = root->children; c; c = pith__next_node(c, root, 0))
    c->_private = NULL;
}

void pith__text_info(xmlNodePtr n, pith_textinfo *ti) {
  pith_statcache *c = (n && n->type == XML_ELEMENT_NODE) ? cache_of(n) : NULL;
  pith_stat *e = c ? stat_of(c, n) : NULL;
  if (e == NULL) {
    text_info(n, ti, (size_t)-1);
    return;
  }
  ti->len = e->seg.n + e->seg.runs;
  ti->commas = e->seg.commas;
  ti->ascii_commas = e->seg.ascii_commas;
  ti->periods = e->seg.periods + e->seg.end_dot;
}

size_t pith__text_len_max(xmlNodePtr n, size_t cap) {
  pith_textinfo ti;
  if (n && n->type == XML_ELEMENT_NODE && cache_of(n))
    pith__text_info(n, &ti);
  else
    text_info(n, &ti, cap);
  return ti.len;
}

int pith__has_text(xmlNodePtr n) {
  xmlNodePtr c;
  pith_stat *e;
  if (n == NULL) return 0;
  if (n->type == XML_ELEMENT_NODE && cache_of(n) && (e = entry_of(n)) != NULL && e->valid)
    return e->seg.n > 0;
  c = is_text(n) ? n : n->children;
  for (; c; c = (c == n) ? NULL : pith__next_node(c, n, 0)) {
    const unsigned char *p;
    if (!is_text(c) || c->content == NULL) continue;
    for (p = c->content; *p;) {
      size_t w = ws_at(p);
      if (w == 0) return 1;
      p += w;
    }
  }
  return 0;
}

size_t pith__text_len(xmlNodePtr n) {
  pith_textinfo ti;
  pith__text_info(n, &ti);
  return ti.len;
}

size_t pith__text_copy(xmlNodePtr n, char *out, size_t cap) {
  xmlNodePtr c;
  size_t o = 0;
  int started = 0, pending = 0, full = 0;
  if (cap == 0) return 0;
  out[0] = 0;
  if (n == NULL) return 0;
  c = is_text(n) ? n : n->children;
  for (; c && o + 1 < cap; c = (c == n) ? NULL : pith__next_node(c, n, 0)) {
    const unsigned char *p;
    if (!is_text(c) || c->content == NULL) continue;
    p = c->content;
    while (*p && o + 1 < cap) {
      size_t w, seq;
      if (*p > ' ' && *p < 0x80) { /* a plain ASCII run */
        if (o + (size_t)pending + 2 > cap) {
          full = 1;
          break;
        }
        if (pending) {
          out[o++] = ' ';
          pending = 0;
        }
        started = 1;
        out[o++] = (char)*p++;
        for (;;) {
          if (*p > ' ' && *p < 0x80) {
            if (o + 2 > cap) break;
            out[o++] = (char)*p++;
          } else if (*p == ' ' && p[1] > ' ' && p[1] < 0x80) {
            /* one plain space before more of the run: as the white-space branch
             * and the next run would write it, if both fit */
            if (o + 3 > cap) break;
            out[o++] = ' ';
            out[o++] = (char)p[1];
            p += 2;
          } else
            break;
        }
        continue;
      }
      w = ws_at(p);
      if (w) {
        if (started) pending = 1;
        p += w;
        continue;
      }
      seq = (*p < 0x80) ? 1 : (*p >= 0xF0) ? 4 : (*p >= 0xE0) ? 3 : (*p >= 0xC0) ? 2 : 1;
      if (o + (size_t)pending + seq + 1 > cap) {
        full = 1; /* the next character does not fit: stop on a whole one */
        break;
      }
      if (pending) {
        out[o++] = ' ';
        pending = 0;
      }
      started = 1;
      while (seq-- && *p)
        out[o++] = (char)*p++;
    }
    if (full) break;
  }
  out[o] = 0;
  return o;
}

int pith__is_heading(xmlNodePtr n) {
  const char *s;
  if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL) return 0;
  s = (const char *)n->name;
  return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == 0;
}

double pith__link_density(xmlNodePtr n) {
  size_t total;
  double links = 0;
  xmlNodePtr c;
  pith_statcache *sc = (n && n->type == XML_ELEMENT_NODE) ? cache_of(n) : NULL;
  pith_stat *e = sc ? stat_of(sc, n) : NULL;
  if (e) {
    total = e->seg.n + e->seg.runs;
    return total ? (double)e->seg.link10 / 10.0 / (double)total : 0;
  }
  total = pith__text_len(n);
  if (total == 0) return 0;
  for (c = n->children; c; c = pith__next_node(c, n, 0)) {
    if (c->type == XML_ELEMENT_NODE && pith__is(c, "a")) {
      const char *href = pith__get_attr(c, "href");
      double coef = (href && href[0] == '#' && href[1]) ? 0.3 : 1.0;
      links += (double)pith__text_len(c) * coef;
    }
  }
  return links / (double)total;
}

const char *pith__get_attr(xmlNodePtr n, const char *name) {
  xmlAttrPtr a;
  if (n == NULL || n->type != XML_ELEMENT_NODE) return NULL;
  for (a = n->properties; a; a = a->next) {
    if (a->name && a->name[0] == (unsigned char)name[0] &&
        pith__streq((const char *)a->name, name)) {
      if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
        return (const char *)a->children->content;
      return "";
    }
  }
  return NULL;
}

static const char *attr_value(xmlAttrPtr a) {
  if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
    return (const char *)a->children->content;
  return "";
}

void pith__attrs_read(xmlNodePtr n, pith_attrs *out) {
  xmlAttrPtr a;
  memset(out, 0, sizeof *out);
  if (n == NULL || n->type != XML_ELEMENT_NODE) return;
  for (a = n->properties; a; a = a->next) {
    const char *nm = (const char *)a->name, **slot = NULL;
    if (nm == NULL) continue;
    switch (nm[0]) {
    case 'c':
      if (pith__streq(nm, "class")) slot = &out->cls;
      break;
    case 'i':
      if (pith__streq(nm, "id"))
        slot = &out->id;
      else if (pith__streq(nm, "itemprop"))
        slot = &out->itemprop;
      break;
    case 's':
      if (pith__streq(nm, "style")) slot = &out->style;
      break;
    case 'h':
      if (pith__streq(nm, "hidden")) slot = &out->hidden;
      break;
    case 'a':
      if (pith__streq(nm, "aria-hidden"))
        slot = &out->aria_hidden;
      else if (pith__streq(nm, "aria-modal"))
        slot = &out->aria_modal;
      break;
    case 'r':
      if (pith__streq(nm, "role"))
        slot = &out->role;
      else if (pith__streq(nm, "rel"))
        slot = &out->rel;
      break;
    default:
      break;
    }
    if (slot && *slot == NULL) *slot = attr_value(a); /* the first one, as get_attr */
  }
}

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

int pith__ci_contains(const char *hay, const char *needle) {
  size_t j;
  char first[3];
  if (hay == NULL) return 0;
  if (needle[0] == 0) return hay[0] != 0;
  if (needle[0] >= 'A' && needle[0] <= 'Z') return 0; /* lower() never gives one */
  /* the candidates by the first byte in either case, found by the library's scan */
  first[0] = needle[0];
  first[1] = (char)(needle[0] >= 'a' && needle[0] <= 'z' ? needle[0] - 32 : 0);
  first[2] = 0;
  for (hay = strpbrk(hay, first); hay; hay = strpbrk(hay + 1, first)) {
    for (j = 1; needle[j] && hay[j] && lower((unsigned char)hay[j]) == needle[j]; j++)
      ;
    if (needle[j] == 0) return 1;
  }
  return 0;
}

/* Lower-cases s once, noting which byte pairs occur in it (a 1024-bit set,
 * pairs folded to 5 bits a byte): a word is searched with strstr only when
 * all its pairs occur. This runs for every element's class and id, several
 * lists each, and nearly every word fails the pair test. */
#define PAIR_KEY(a, b) ((((unsigned)(a)&31u) << 5) | ((unsigned)(b)&31u))
#define PAIR(a, b)     PAIR_KEY(a, b)
void pith__words_init(pith_words *m, const char *s) {
  size_t i;
  unsigned prev;
  m->s = s;
  m->len = 0;
  if (s == NULL || *s == 0) return;
  memset(m->pairs, 0, sizeof m->pairs);
  prev = (unsigned)(m->buf[0] = (char)lower((unsigned char)s[0]));
  for (i = 1; s[i] && i < sizeof m->buf - 1; i++) {
    unsigned c = (unsigned)lower((unsigned char)s[i]), k = PAIR(prev, c);
    m->buf[i] = (char)c;
    m->pairs[k >> 6] |= 1ULL << (k & 63);
    prev = c;
  }
  m->buf[i] = 0;
  m->len = s[i] ? (size_t)-1 : i; /* longer than the buffer: the slow path */
}

int pith__words_any(const pith_words *m, const char *const *words) {
  if (m->len == 0) return 0;
  if (m->len == (size_t)-1) {
    for (; *words; words++)
      if (pith__ci_contains(m->s, *words)) return 1;
    return 0;
  }
  if (m->len ==
      1) { /* no pairs: only a one-byte word can match (" " for no class or id) */
    for (; *words; words++)
      if ((*words)[0] == 0 || ((*words)[0] == m->buf[0] && (*words)[1] == 0)) return 1;
    return 0;
  }
  for (; *words; words++) {
    const char *w = *words;
    size_t j = w[0] ? 1 : 0;
    for (; w[j]; j++) {
      unsigned k = PAIR(w[j - 1], w[j]);
      if (!(m->pairs[k >> 6] & (1ULL << (k & 63)))) break;
    }
    if (w[j] == 0 && strstr(m->buf, w)) return 1;
  }
  return 0;
}
#undef PAIR

/* The key of a word too short to have a pair (tested with strstr alone). */
#define NO_PAIR 0xFFFFu

typedef struct pith_word {
  const char *w;
  unsigned short key;
} pith_word;

/* words_any over a keyed list: the first pair is tested from the key. */
static int words_any_keyed(const pith_words *m, const pith_word *words) {
  if (m->len == 0) return 0;
  if (m->len == 1) { /* as in pith__words_any */
    for (; words->w; words++)
      if (words->w[0] == 0 || (words->w[0] == m->buf[0] && words->w[1] == 0)) return 1;
    return 0;
  }
  if (m->len == (size_t)-1) {
    for (; words->w; words++)
      if (pith__ci_contains(m->s, words->w)) return 1;
    return 0;
  }
  for (; words->w; words++) {
    const char *w;
    size_t j;
    unsigned key = words->key;
    /* the key alone rules out nearly every word, before its bytes are read */
    if (key != NO_PAIR && !(m->pairs[key >> 6] & (1ULL << (key & 63)))) continue;
    w = words->w;
    if (key == NO_PAIR) {
      if (strstr(m->buf, w)) return 1;
      continue;
    }
    for (j = 2; w[j]; j++) {
      unsigned k = PAIR_KEY(w[j - 1], w[j]);
      if (!(m->pairs[k >> 6] & (1ULL << (k & 63)))) break;
    }
    if (w[j] == 0 && strstr(m->buf, w)) return 1;
  }
  return 0;
}

int pith__match_any(const char *s, const char *const *words) {
  pith_words m;
  if (s == NULL || *s == 0) return 0;
  pith__words_init(&m, s);
  return pith__words_any(&m, words);
}

/* Readability's matchString, class + " " + id, truncated to the buffer like
 * snprintf (a formatted print per element cost more than the matching). */
void pith__match_string(char *out, size_t cap, const char *cls, const char *id) {
  size_t o = 0, k;
  if (cls) {
    k = strlen(cls);
    if (k > cap - 1) k = cap - 1;
    memcpy(out, cls, k);
    o = k;
  }
  if (o < cap - 1) out[o++] = ' ';
  if (id && o < cap - 1) {
    k = strlen(id);
    if (k > cap - 1 - o) k = cap - 1 - o;
    memcpy(out + o, id, k);
    o += k;
  }
  out[o] = 0;
}

/* Readability's class/id vocabularies, each word with the key of its first
 * byte pair (computed by the compiler) for the pair test. */
#define W(s)                                                                             \
  { s, (unsigned short)((s)[0] && (s)[1] ? PAIR_KEY((s)[0], (s)[1]) : NO_PAIR) }

static const pith_word NEGATIVE[] = {
    W("-ad-"),    W("hidden"),   W("banner"),   W("combx"),   W("comment"),
    W("com-"),    W("contact"),  W("footer"),   W("gdpr"),    W("masthead"),
    W("media"),   W("meta"),     W("outbrain"), W("promo"),   W("related"),
    W("scroll"),  W("share"),    W("shoutbox"), W("sidebar"), W("skyscraper"),
    W("sponsor"), W("shopping"), W("tags"),     W("widget"),  {NULL, 0}};
static const pith_word POSITIVE[] = {
    W("article"), W("body"), W("content"), W("entry"),      W("hentry"),
    W("h-entry"), W("main"), W("page"),    W("pagination"), W("post"),
    W("text"),    W("blog"), W("story"),   {NULL, 0}};
static const pith_word UNLIKELY[] = {
    W("-ad-"),         W("ai2html"),    W("banner"),     W("breadcrumbs"),
    W("combx"),        W("comment"),    W("community"),  W("cover-wrap"),
    W("disqus"),       W("extra"),      W("footer"),     W("gdpr"),
    W("header"),       W("legends"),    W("menu"),       W("related"),
    W("remark"),       W("replies"),    W("rss"),        W("shoutbox"),
    W("sidebar"),      W("skyscraper"), W("social"),     W("sponsor"),
    W("supplemental"), W("ad-break"),   W("agegate"),    W("pagination"),
    W("pager"),        W("popup"),      W("yom-remote"), W("flyout"),
    W("dropdown"),     {NULL, 0}};
static const pith_word MAYBE[] = {W("and"),     W("article"), W("body"),
                                  W("column"),  W("content"), W("main"),
                                  W("mathjax"), W("shadow"),  {NULL, 0}};
static const pith_word BYLINE[] = {W("byline"),    W("author"),   W("dateline"),
                                   W("writtenby"), W("p-author"), {NULL, 0}};

/* "^hid$| hid$| hid |^hid ": hid as a space-delimited word */
static int has_hid_word(const char *s) {
  size_t i;
  for (i = 0; s[i]; i++) {
    if ((i == 0 || s[i - 1] == ' ') && lower((unsigned char)s[i]) == 'h' &&
        lower((unsigned char)s[i + 1]) == 'i' && lower((unsigned char)s[i + 2]) == 'd' &&
        (s[i + 3] == 0 || s[i + 3] == ' '))
      return 1;
  }
  return 0;
}

static int weigh(const char *s) {
  int w = 0;
  pith_words m;
  if (s == NULL || *s == 0) return 0;
  pith__words_init(&m, s);
  if (words_any_keyed(&m, NEGATIVE) || has_hid_word(s)) w -= 25;
  if (words_any_keyed(&m, POSITIVE)) w += 25;
  return w;
}

int pith__class_weight(xmlNodePtr n) {
  return weigh(pith__get_attr(n, "class")) + weigh(pith__get_attr(n, "id"));
}

int pith__is_unlikely(const pith_words *m) {
  return words_any_keyed(m, UNLIKELY) && !words_any_keyed(m, MAYBE);
}

int pith__is_byline_name(const pith_words *m) { return words_any_keyed(m, BYLINE); }

static int word_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

/* /(\b|_)(share|sharedaddy)(\b|_)/i */
int pith__is_share_name(const char *s) {
  size_t i;
  if (s == NULL) return 0;
  for (i = 0; s[i]; i++) {
    size_t j;
    if (i > 0 && word_char((unsigned char)s[i - 1]) && s[i - 1] != '_') continue;
    for (j = 0; j < 5 && lower((unsigned char)s[i + j]) == "share"[j]; j++)
      ;
    if (j < 5) continue;
    if (!word_char((unsigned char)s[i + 5]) || s[i + 5] == '_') return 1;
    for (j = 0; j < 5 && lower((unsigned char)s[i + 5 + j]) == "daddy"[j]; j++)
      ;
    if (j == 5 && (!word_char((unsigned char)s[i + 10]) || s[i + 10] == '_')) return 1;
  }
  return 0;
}

xmlNodePtr pith__first_element_child(xmlNodePtr n) {
  xmlNodePtr c;
  for (c = n ? n->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return c;
  return NULL;
}

xmlNodePtr pith__next_element_sibling(xmlNodePtr n) {
  for (n = n->next; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) return n;
  return NULL;
}

size_t pith__element_child_count(xmlNodePtr n) {
  size_t k = 0;
  xmlNodePtr c;
  for (c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) k++;
  return k;
}

xmlNodePtr pith__next_element(xmlNodePtr n, int skip_children) {
  xmlNodePtr s;
  if (!skip_children) {
    s = pith__first_element_child(n);
    if (s) return s;
  }
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    s = pith__next_element_sibling(n);
    if (s) return s;
  }
  return NULL;
}

size_t pith__count_tag(xmlNodePtr root, const char *tag) {
  size_t k = 0;
  xmlNodePtr c;
  for (c = root->children; c; c = pith__next_node(c, root, 0))
    if (c->type == XML_ELEMENT_NODE && pith__streq((const char *)c->name, tag)) k++;
  return k;
}

int pith__has_ancestor_tag(xmlNodePtr n, const char *tag, int max_depth) {
  int depth = 0;
  if (max_depth == 0) max_depth = 3;
  while (n->parent && n->parent->type == XML_ELEMENT_NODE) {
    if (max_depth > 0 && depth > max_depth) return 0;
    if (pith__streq((const char *)n->parent->name, tag)) return 1;
    n = n->parent;
    depth++;
  }
  return 0;
}

/* ---- score map: open addressing on the node pointer ---- */

void pith__scores_init(pith_scoremap *m) { memset(m, 0, sizeof *m); }

void pith__scores_free(pith_scoremap *m) {
  free(m->keys);
  free(m->vals);
  free(m->order);
  memset(m, 0, sizeof *m);
}

void pith__scores_clear(pith_scoremap *m) {
  if (m->keys) memset(m->keys, 0, m->cap * sizeof *m->keys);
  m->count = 0;
}

static size_t hash_ptr(const void *p, size_t cap) {
  size_t h = (size_t)(unsigned long long)(size_t)p;
  h ^= h >> 17;
  h *= (size_t)0x9E3779B97F4A7C15ULL;
  h ^= h >> 29;
  return h & (cap - 1);
}

double *pith__scores_get(pith_scoremap *m, xmlNodePtr n) {
  size_t i;
  if (m->cap == 0) return NULL;
  for (i = hash_ptr(n, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
    if (m->keys[i] == n) return &m->vals[i];
  return NULL;
}

static int grow(pith_scoremap *m) {
  size_t ncap = m->cap ? m->cap * 2 : 256, i;
  xmlNodePtr *nk = (xmlNodePtr *)calloc(ncap, sizeof *nk);
  double *nv = (double *)malloc(ncap * sizeof *nv);
  if (nk == NULL || nv == NULL) {
    free(nk);
    free(nv);
    m->oom = 1;
    return 0;
  }
  for (i = 0; i < m->cap; i++) {
    if (m->keys[i]) {
      size_t j = hash_ptr(m->keys[i], ncap);
      while (nk[j])
        j = (j + 1) & (ncap - 1);
      nk[j] = m->keys[i];
      nv[j] = m->vals[i];
    }
  }
  free(m->keys);
  free(m->vals);
  m->keys = nk;
  m->vals = nv;
  m->cap = ncap;
  return 1;
}

double *pith__scores_add(pith_scoremap *m, xmlNodePtr n, double v) {
  size_t i;
  if ((m->count + 1) * 2 > m->cap && !grow(m)) return NULL;
  if (m->count + 1 > m->order_cap) {
    size_t nc = m->order_cap ? m->order_cap * 2 : 128;
    xmlNodePtr *no = (xmlNodePtr *)realloc(m->order, nc * sizeof *no);
    if (no == NULL) {
      m->oom = 1;
      return NULL;
    }
    m->order = no;
    m->order_cap = nc;
  }
  for (i = hash_ptr(n, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
    ;
  m->keys[i] = n;
  m->vals[i] = v;
  m->order[m->count++] = n;
  return &m->vals[i];
}
