/* Clean HTML of a node: a whitelist of tags and attributes, safe absolute
 * URLs, everything else unwrapped (children kept) or dropped (scripts, forms,
 * hidden content); empty elements vanish; text is escaped. Layout tables
 * become divs, so only data tables stay tables. */
#include <stdlib.h>
#include <string.h>

#include "serial.h"
#include "text.h"

typedef struct html_st {
  pith_buf *out;
  pith_frames f;
  const pith_ser_opts *o;
  const xmlChar *base;
  xmlNodePtr root;
  int pre;
  int data;       /* inside a data table */
  size_t visible; /* output offset just after the last visible content */
} html_st;

static void esc(pith_buf *o, const xmlChar *s, int attr) {
  const xmlChar *from = s;
  for (; *s; s++) {
    const char *r;
    switch (*s) {
    case '&':
      r = "&amp;";
      break;
    case '<':
      r = "&lt;";
      break;
    case '>':
      r = "&gt;";
      break;
    case '"':
      r = attr ? "&quot;" : NULL;
      break;
    default:
      r = NULL;
    }
    if (r) {
      pith_buf_add(o, (const char *)from, (size_t)(s - from));
      pith_buf_adds(o, r);
      from = s + 1;
    }
  }
  pith_buf_add(o, (const char *)from, (size_t)(s - from));
}

static void put_attr(pith_buf *o, const char *name, const xmlChar *v) {
  pith_buf_addc(o, ' ');
  pith_buf_adds(o, name);
  pith_buf_adds(o, "=\"");
  esc(o, v, 1);
  pith_buf_addc(o, '"');
}

/* A plain attribute copied when present (text or a small number). */
static void copy_attr(pith_buf *o, xmlNodePtr n, const char *name, int numeric) {
  xmlChar *f;
  const xmlChar *v = pith__attr(n, name, &f);
  if (v != NULL && v[0] != '\0') {
    if (!numeric) {
      put_attr(o, name, v);
    } else {
      long k = strtol((const char *)v, NULL, 10);
      if (k > 0 && k < 10000) {
        char num[8];
        size_t i = sizeof num - 1;
        num[i] = '\0';
        while (k > 0) {
          num[--i] = (char)('0' + k % 10);
          k /= 10;
        }
        put_attr(o, name, (const xmlChar *)num + i);
      }
    }
  }
  if (f) xmlFree(f);
}

static xmlChar *url_attr(html_st *t, xmlNodePtr n, const char *name, int data_image) {
  xmlChar *f, *u;
  const xmlChar *v = data_image ? pith__img_src(n, &f) : pith__attr(n, name, &f);
  u = v && v[0] ? pith__safe_url(v, t->base, data_image) : NULL;
  if (f) xmlFree(f);
  return u;
}

static int is_block(int kind) {
  switch (kind) {
  case PK_BLOCK:
  case PK_H:
  case PK_UL:
  case PK_OL:
  case PK_LI:
  case PK_BQ:
  case PK_PRE:
  case PK_TABLE:
  case PK_TSECT:
  case PK_TR:
  case PK_CELL:
    return 1;
  default:
    return 0;
  }
}

static int html_enter(void *p, xmlNodePtr n) {
  html_st *t = (html_st *)p;
  const pith_el *e = pith__el(n);
  const char *tag = e->html;
  pith_buf *o = t->out;
  pith_frame *fr;
  xmlChar *url = NULL;
  if (e->kind == PK_SKIP || (n != t->root && pith__el_hidden(n))) return 0;
  switch (e->kind) {
  case PK_BR:
    pith_buf_adds(o, t->pre ? "<br>" : "<br>\n");
    return 0;
  case PK_WBR:
    return 0;
  case PK_HR:
    pith_buf_adds(o, "<hr>\n");
    t->visible = o->len;
    return 0;
  case PK_IMG:
    if (t->o->images > 0 && (url = url_attr(t, n, "src", 1)) != NULL) {
      pith_buf_adds(o, "<img");
      put_attr(o, "src", url);
      copy_attr(o, n, "alt", 0);
      copy_attr(o, n, "title", 0);
      pith_buf_addc(o, '>');
      t->visible = o->len;
      xmlFree(url);
    }
    return 0;
  default:
    break;
  }
  fr = pith__frame_push(&t->f);
  if (fr == NULL) {
    o->oom = 1;
    return 0;
  }
  fr->el = e;
  fr->node = n;
  fr->a = 0;       /* 1: a tag was written */
  fr->b = t->data; /* restored on leave */
  fr->mark = o->len;
  switch (e->kind) {
  case PK_TABLE:
    t->data = pith__data_table(n);
    if (t->data && t->o->tables == 0) {
      t->f.n--;
      t->data = (int)fr->b;
      return 0;
    }
    if (!t->data) tag = NULL;
    break;
  case PK_TSECT:
  case PK_TR:
    if (!t->data) tag = NULL;
    break;
  case PK_CELL:
    if (!t->data) tag = "div";
    break;
  case PK_A:
    if (t->o->links <= 0 || (url = url_attr(t, n, "href", 0)) == NULL) tag = NULL;
    break;
  case PK_PRE:
    t->pre++;
    break;
  default:
    break;
  }
  if (tag != NULL) {
    fr->a = 1;
    pith_buf_addc(o, '<');
    pith_buf_adds(o, tag);
    if (url != NULL) {
      put_attr(o, "href", url);
      copy_attr(o, n, "title", 0);
      xmlFree(url);
    } else if (e->kind == PK_CELL && t->data) {
      copy_attr(o, n, "colspan", 1);
      copy_attr(o, n, "rowspan", 1);
    } else if (e->kind == PK_OL) {
      copy_attr(o, n, "start", 1);
    } else if (e->kind == PK_INLINE && (tag[0] == 'a' || tag[0] == 'd')) {
      copy_attr(o, n, "title", 0); /* abbr, dfn */
    }
    pith_buf_addc(o, '>');
  }
  return 1;
}

static void html_leave(void *p, xmlNodePtr n) {
  html_st *t = (html_st *)p;
  pith_frame *fr = &t->f.v[--t->f.n];
  const pith_el *e = fr->el;
  pith_buf *o = t->out;
  int table_part = e->kind == PK_CELL || e->kind == PK_TR || e->kind == PK_TSECT;
  (void)n;
  if (e->kind == PK_PRE) t->pre--;
  if (e->kind == PK_TABLE) t->data = (int)fr->b;
  /* nothing visible inside: drop it, whitespace and all (but a data table's
   * rows and cells keep its shape, and an inline element its spacing) */
  if (t->visible <= fr->mark && !(table_part && t->data)) {
    int spaced = !is_block(e->kind) && o->len > fr->mark;
    o->len = fr->mark;
    if (o->data) o->data[o->len] = '\0';
    if (spaced && o->len && pith_buf_last(o) != ' ' && pith_buf_last(o) != '\n')
      pith_buf_addc(o, ' ');
    return;
  }
  if (!fr->a) return;
  pith_buf_adds(o, "</");
  pith_buf_adds(o, e->kind == PK_CELL && !t->data ? "div" : e->html);
  pith_buf_addc(o, '>');
  if (is_block(e->kind) && !t->pre) pith_buf_addc(o, '\n');
}

static void html_text(void *p, const char *text, size_t n) {
  html_st *t = (html_st *)p;
  const unsigned char *s = (const unsigned char *)text;
  pith_buf *o = t->out;
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    const char *r = NULL;
    while (j < n && s[j] != '&' && s[j] != '<' && s[j] != '>' &&
           (t->pre || (s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' &&
                       s[j] != '\f')))
      j++;
    if (j > i) {
      pith_buf_add(o, (const char *)s + i, j - i);
      t->visible = o->len;
    }
    if (j == n) break;
    switch (s[j]) {
    case '&':
      r = "&amp;";
      break;
    case '<':
      r = "&lt;";
      break;
    case '>':
      r = "&gt;";
      break;
    default:
      break;
    }
    if (r) {
      pith_buf_adds(o, r);
      t->visible = o->len;
      i = j + 1;
      continue;
    }
    /* a whitespace run outside <pre>: one space, none after a line end */
    while (j < n &&
           (s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r' || s[j] == '\f'))
      j++;
    if (o->len && pith_buf_last(o) != ' ' && pith_buf_last(o) != '\n')
      pith_buf_addc(o, ' ');
    i = j;
  }
}

void pith__ser_html(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o,
                    const xmlChar *base) {
  static const pith_walk_ops ops = {html_enter, html_leave, html_text};
  html_st t;
  memset(&t, 0, sizeof t);
  t.out = out;
  t.o = o;
  t.base = base;
  t.root = node;
  t.visible = out->len;
  pith__walk(node, &ops, &t);
  pith__frames_free(&t.f);
  pith_buf_trim_end(out, " \n");
}
