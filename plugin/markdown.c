/* Markdown (CommonMark + GFM tables/strikethrough) of a node. Block structure
 * goes through the line writer's prefix stack ("> ", list indentation) and
 * lead (bullets, "## "); inline markers are opened lazily and dropped when
 * their element turns out empty. Links and images are made absolute. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serial.h"
#include "text.h"

typedef struct md_st {
  pith_tw w;
  pith_frames f;
  const pith_ser_opts *o;
  const xmlChar *base;
  xmlNodePtr root;
  int em, strong, del, code;
  int lists;   /* open lists */
  int ordered; /* the innermost list is an <ol> */
  long next;   /* its next item number */
  long items;  /* its items so far */
  int data;    /* inside a data table written as a pipe table */
  long rows, cells;
} md_st;

/* Writes a URL so it stays one Markdown link destination. */
static void md_url(pith_buf *o, const xmlChar *u) {
  for (; *u; u++) {
    switch (*u) {
    case ' ':
      pith_buf_adds(o, "%20");
      break;
    case '(':
      pith_buf_adds(o, "%28");
      break;
    case ')':
      pith_buf_adds(o, "%29");
      break;
    case '<':
      pith_buf_adds(o, "%3C");
      break;
    case '>':
      pith_buf_adds(o, "%3E");
      break;
    default:
      if (*u >= 0x20) pith_buf_addc(o, (char)*u);
    }
  }
}

/* Backtick runs and visible text of a code element, to size its fence. */
typedef struct code_scan {
  int text;
  long ticks;
} code_scan;

static int cs_enter(void *p, xmlNodePtr n) {
  (void)p;
  return pith__el(n)->kind != PK_SKIP;
}
static void cs_leave(void *p, xmlNodePtr n) { (void)p, (void)n; }
static void cs_text(void *p, const char *s, size_t n) {
  code_scan *c = (code_scan *)p;
  long run = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    if (s[i] == '`') {
      if (++run > c->ticks) c->ticks = run;
    } else {
      run = 0;
      if (!c->text && s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
        c->text = 1;
    }
  }
}

static code_scan scan_code(xmlNodePtr n) {
  static const pith_walk_ops ops = {cs_enter, cs_leave, cs_text};
  code_scan c = {0, 0};
  xmlNodePtr k;
  for (k = n->children; k != NULL; k = k->next)
    pith__walk(k, &ops, &c);
  return c;
}

/* "language-x" / "lang-x" in the class of pre or its code child. */
static void code_lang(xmlNodePtr pre, char *lang, size_t cap) {
  xmlNodePtr c = pre;
  lang[0] = '\0';
  while (c != NULL) {
    xmlChar *f;
    const xmlChar *cls = pith__attr(c, "class", &f);
    const char *p = cls ? strstr((const char *)cls, "lang") : NULL;
    while (p != NULL && lang[0] == '\0') {
      const char *v = NULL;
      if ((p == (const char *)cls || p[-1] == ' ') && strncmp(p, "language-", 9) == 0)
        v = p + 9;
      else if ((p == (const char *)cls || p[-1] == ' ') && strncmp(p, "lang-", 5) == 0)
        v = p + 5;
      if (v != NULL) {
        size_t k = 0;
        while (k + 1 < cap &&
               (((v[k] | 32) >= 'a' && (v[k] | 32) <= 'z') ||
                (v[k] >= '0' && v[k] <= '9') || strchr("+-_#.", v[k]) != NULL) &&
               v[k] != '\0')
          k++;
        memcpy(lang, v, k);
        lang[k] = '\0';
      }
      p = strstr(p + 4, "lang");
    }
    if (f) xmlFree(f);
    if (lang[0] != '\0' || c != pre) break;
    for (c = pre->children; c != NULL && c->type != XML_ELEMENT_NODE; c = c->next)
      ;
    if (c != NULL && pith__el(c)->kind != PK_CODE) break;
  }
}

static void fence(pith_buf *b, long n) {
  while (n-- > 0)
    pith_buf_addc(b, '`');
}

static void image(md_st *t, xmlNodePtr n) {
  xmlChar *f, *fa, *url;
  const xmlChar *src = pith__img_src(n, &f);
  const xmlChar *alt;
  url = pith__safe_url(src, t->base, 0);
  if (f) xmlFree(f);
  if (url == NULL) return;
  alt = pith__attr(n, "alt", &fa);
  pith__tw_raw(&t->w, "![", 2);
  if (alt != NULL) {
    int sp = 0;
    for (; *alt; alt++) {
      if (*alt == ' ' || *alt == '\n' || *alt == '\t' || *alt == '\r') {
        sp = 1;
        continue;
      }
      if (sp && pith_buf_last(t->w.out) != '[') pith_buf_addc(t->w.out, ' ');
      sp = 0;
      if (*alt == '[' || *alt == ']' || *alt == '\\') pith_buf_addc(t->w.out, '\\');
      pith_buf_addc(t->w.out, (char)*alt);
    }
  }
  if (fa) xmlFree(fa);
  pith_buf_adds(t->w.out, "](");
  md_url(t->w.out, url);
  pith_buf_addc(t->w.out, ')');
  xmlFree(url);
}

/* An inline marker opened lazily; the frame remembers where, to drop it. */
static void open_marker(md_st *t, pith_frame *fr, const char *m) {
  fr->mark = t->w.pend.len;
  fr->a = 1;
  pith_buf_adds(&t->w.pend, m);
}

/* Closes it: 1 when the element wrote something. */
static int close_marker(md_st *t, pith_frame *fr, const char *m) {
  if (t->w.pend.len > fr->mark) {
    t->w.pend.len = fr->mark;
    return 0;
  }
  if (m) pith_buf_adds(t->w.out, m);
  return 1;
}

static void block(md_st *t) { pith__tw_break(&t->w, 2); }

static int md_enter(void *p, xmlNodePtr n) {
  md_st *t = (md_st *)p;
  const pith_el *e = pith__el(n);
  pith_frame *fr;
  xmlChar *f = NULL;
  const xmlChar *v;
  if (e->kind == PK_SKIP || (n != t->root && pith__el_hidden(n))) return 0;
  switch (e->kind) {
  case PK_BR:
    pith__tw_br(&t->w);
    return 0;
  case PK_WBR:
    return 0;
  case PK_HR:
    if (t->w.flat) {
      pith__tw_space(&t->w);
    } else {
      block(t);
      pith__tw_raw(&t->w, "---", 3);
      block(t);
    }
    return 0;
  case PK_IMG:
    if (t->o->images > 0) image(t, n);
    return 0;
  default:
    break;
  }
  fr = pith__frame_push(&t->f);
  if (fr == NULL) {
    t->w.out->oom = 1;
    return 0;
  }
  fr->el = e;
  fr->node = n;
  fr->a = fr->b = 0;
  fr->mark = 0;
  switch (e->kind) {
  case PK_EM:
    if (t->em++ == 0 && !t->code) open_marker(t, fr, "*");
    break;
  case PK_STRONG:
    if (t->strong++ == 0 && !t->code) open_marker(t, fr, "**");
    break;
  case PK_DEL:
    if (t->del++ == 0 && !t->code) open_marker(t, fr, "~~");
    break;
  case PK_A:
    if (t->o->links > 0 && !t->w.link && !t->code) {
      xmlChar *url;
      v = pith__attr(n, "href", &f);
      url = v && v[0] ? pith__safe_url(v, t->base, 0) : NULL;
      if (f) xmlFree(f);
      if (url != NULL) {
        xmlFree(url);
        open_marker(t, fr, "[");
        t->w.link++;
        t->w.flat++;
      }
    }
    break;
  case PK_CODE:
    if (!t->code && !t->w.pre) {
      code_scan c = scan_code(n);
      char buf[16];
      long k = c.ticks + 1 < 15 ? c.ticks + 1 : 15;
      memset(buf, '`', (size_t)k);
      buf[k] = '\0';
      open_marker(t, fr, buf);
      fr->b = k;
      t->code++;
      t->w.code++;
      t->w.flat++;
    }
    break;
  case PK_PRE:
    if (!t->w.flat && !t->w.pre) {
      code_scan c = scan_code(n);
      char lang[40];
      if (!c.text) {
        t->f.n--;
        return 0;
      }
      code_lang(n, lang, sizeof lang);
      fr->a = 1;
      fr->b = c.ticks >= 3 ? c.ticks + 1 : 3;
      block(t);
      pith__tw_flush(&t->w);
      fence(t->w.out, fr->b);
      pith_buf_adds(t->w.out, lang);
      pith__tw_newline(&t->w);
      pith__tw_pre_begin(&t->w);
      t->w.code++;
    }
    break;
  case PK_H:
    block(t);
    if (!t->w.flat) {
      int lvl = n->name[1] - '0';
      fr->a = 1;
      fr->mark = t->w.lead.len;
      if (t->w.lead.len == 0) t->w.lead_at = t->w.prefix.len;
      while (lvl-- > 0)
        pith_buf_addc(&t->w.lead, '#');
      pith_buf_addc(&t->w.lead, ' ');
      t->w.flat++;
    }
    break;
  case PK_BQ:
    block(t);
    if (!t->w.flat) {
      fr->a = 1;
      fr->mark = pith__tw_push_prefix(&t->w, "> ");
    }
    break;
  case PK_UL:
  case PK_OL:
    if (t->w.flat) {
      pith__tw_space(&t->w);
      break;
    }
    pith__tw_break(&t->w, t->lists ? 1 : 2);
    fr->a = 1;
    fr->b = t->next;
    fr->mark = (size_t)t->items | ((size_t)t->ordered << (sizeof(size_t) * 8 - 1));
    t->ordered = e->kind == PK_OL;
    t->next = 1;
    t->items = 0;
    if (t->ordered && (v = pith__attr(n, "start", &f)) != NULL) {
      long s = strtol((const char *)v, NULL, 10);
      if (s >= 0 && s < 1000000000L) t->next = s;
    }
    if (t->ordered && f) xmlFree(f);
    t->lists++;
    break;
  case PK_LI: {
    char bullet[24];
    size_t blen;
    if (t->w.flat) {
      pith__tw_space(&t->w);
      break;
    }
    pith__tw_break(&t->w, 1);
    if (t->items > 0 && t->w.breaks > 1) t->w.breaks = 1; /* tight list */
    if (t->ordered) {
      long num = t->next;
      if ((v = pith__attr(n, "value", &f)) != NULL) {
        long s = strtol((const char *)v, NULL, 10);
        if (s >= 0 && s < 1000000000L) num = s;
      }
      if (f) xmlFree(f);
      t->next = num + 1;
      snprintf(bullet, sizeof bullet, "%ld. ", num);
    } else {
      memcpy(bullet, "- ", 3);
    }
    t->items++;
    blen = strlen(bullet);
    fr->a = 1;
    fr->b = (long)t->w.lead.len;
    if (t->w.lead.len == 0) t->w.lead_at = t->w.prefix.len;
    pith_buf_add(&t->w.lead, bullet, blen);
    memset(bullet, ' ', blen);
    fr->mark = pith__tw_push_prefix(&t->w, bullet);
    break;
  }
  case PK_TABLE:
    fr->b = t->data;
    if (t->w.flat) {
      pith__tw_space(&t->w);
      break;
    }
    if (pith__data_table(n)) {
      if (t->o->tables == 0) {
        t->f.n--;
        return 0;
      }
      fr->a = 1;
      fr->mark = (size_t)t->rows;
      t->data = 1;
      t->rows = 0;
    } else {
      t->data = 0;
    }
    block(t);
    break;
  case PK_TR:
  case PK_CELL:
  case PK_TSECT:
    if (t->w.flat) {
      pith__tw_space(&t->w);
    } else if (!t->data) {
      block(t);
    } else if (e->kind == PK_TR) {
      fr->a = 1;
      fr->b = t->cells;
      t->cells = 0;
      pith__tw_break(&t->w, 1);
    } else if (e->kind == PK_CELL) {
      fr->a = 1;
      t->w.space = 0;
      if (t->cells++ == 0)
        pith__tw_raw(&t->w, "| ", 2);
      else
        pith__tw_raw(&t->w, " | ", 3);
      t->w.glue = 1;
      t->w.flat++;
      t->w.cell++;
    }
    break;
  case PK_BLOCK:
    block(t);
    break;
  default:
    break;
  }
  return 1;
}

static void md_leave(void *p, xmlNodePtr n) {
  md_st *t = (md_st *)p;
  pith_frame *fr = &t->f.v[--t->f.n];
  switch (fr->el->kind) {
  case PK_EM:
    t->em--;
    if (fr->a) close_marker(t, fr, "*");
    break;
  case PK_STRONG:
    t->strong--;
    if (fr->a) close_marker(t, fr, "**");
    break;
  case PK_DEL:
    t->del--;
    if (fr->a) close_marker(t, fr, "~~");
    break;
  case PK_A:
    if (fr->a) {
      t->w.link--;
      t->w.flat--;
      if (close_marker(t, fr, NULL)) {
        xmlChar *f, *url;
        const xmlChar *v = pith__attr(n, "href", &f);
        url = pith__safe_url(v, t->base, 0);
        if (f) xmlFree(f);
        pith_buf_adds(t->w.out, "](");
        if (url) md_url(t->w.out, url);
        pith_buf_addc(t->w.out, ')');
        if (url) xmlFree(url);
      }
    }
    break;
  case PK_CODE:
    if (fr->a) {
      t->code--;
      t->w.code--;
      t->w.flat--;
      if (close_marker(t, fr, NULL)) fence(t->w.out, fr->b);
    }
    break;
  case PK_PRE:
    if (fr->a) {
      pith__tw_pre_end(&t->w);
      t->w.code--;
      pith__tw_newline(&t->w);
      pith__tw_flush(&t->w);
      fence(t->w.out, fr->b);
      block(t);
    }
    break;
  case PK_H:
    if (fr->a) {
      t->w.flat--;
      if (t->w.lead.len > fr->mark) t->w.lead.len = fr->mark; /* empty heading */
    }
    block(t);
    break;
  case PK_BQ:
    if (fr->a) pith__tw_pop_prefix(&t->w, fr->mark);
    block(t);
    break;
  case PK_UL:
  case PK_OL:
    if (fr->a) {
      size_t hi = (size_t)1 << (sizeof(size_t) * 8 - 1);
      t->lists--;
      t->next = fr->b;
      t->ordered = (fr->mark & hi) != 0;
      t->items = (long)(fr->mark & ~hi);
      block(t);
    }
    break;
  case PK_LI:
    if (fr->a) {
      if (t->w.lead.len > (size_t)fr->b) t->w.lead.len = (size_t)fr->b; /* empty item */
      pith__tw_pop_prefix(&t->w, fr->mark);
      pith__tw_break(&t->w, 1);
    }
    break;
  case PK_TABLE:
    if (fr->a) t->rows = (long)fr->mark;
    t->data = (int)fr->b;
    block(t);
    break;
  case PK_TR:
  case PK_CELL:
  case PK_TSECT:
    if (!fr->a) {
      if (!t->w.flat && !t->data) block(t);
    } else if (fr->el->kind == PK_CELL) {
      xmlChar *f;
      const xmlChar *span = pith__attr(n, "colspan", &f);
      long k = span ? strtol((const char *)span, NULL, 10) : 1;
      if (f) xmlFree(f);
      t->w.flat--;
      t->w.cell--;
      t->w.space = 0;
      for (; k > 1 && k < 100; k--, t->cells++)
        pith_buf_adds(t->w.out, " |");
    } else {
      long c = t->cells;
      t->w.space = 0;
      if (c > 0) {
        pith_buf_adds(t->w.out, " |");
        if (t->rows++ == 0) {
          pith__tw_break(&t->w, 1);
          pith__tw_raw(&t->w, "|", 1);
          while (c-- > 0)
            pith_buf_adds(t->w.out, " --- |");
        }
      }
      t->cells = fr->b;
      pith__tw_break(&t->w, 1);
    }
    break;
  case PK_BLOCK:
    block(t);
    break;
  default:
    break;
  }
}

static void md_text(void *p, const char *s, size_t n) {
  pith__tw_text(&((md_st *)p)->w, s, n);
}

void pith__ser_markdown(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o,
                        const xmlChar *base) {
  static const pith_walk_ops ops = {md_enter, md_leave, md_text};
  md_st t;
  memset(&t, 0, sizeof t);
  pith__tw_init(&t.w, out, 1);
  t.o = o;
  t.base = base;
  t.root = node;
  t.next = 1;
  pith__walk(node, &ops, &t);
  pith__tw_free(&t.w);
  pith__frames_free(&t.f);
  pith__tw_trim_end(out);
}
