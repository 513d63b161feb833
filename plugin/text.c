/* Plain text of a node: block-aware and whitespace-normalised (the shape of
 * the corpora's expected.txt: blocks and list items separated by a blank line,
 * <br> a newline, <pre> verbatim, data-table rows one per line with cells
 * separated by a tab). Also the Lua bindings of all three formats. */
#include <string.h>

#include <libxml/uri.h>

#include "pith_int.h"
#include "serial.h"
#include "text.h"

#define SERBUF_MT "pith.SerialBuffer"

typedef struct text_st {
  pith_tw w;
  pith_frames f;
  const pith_ser_opts *o;
  xmlNodePtr root;
  int data;  /* inside a data table (rows and cells), not a layout one */
  int cells; /* cells of the current row so far */
} text_st;

static int text_enter(void *p, xmlNodePtr n) {
  text_st *t = (text_st *)p;
  const pith_el *e = pith__el(n);
  pith_frame *fr;
  if (e->kind == PK_SKIP || (n != t->root && pith__el_hidden(n))) return 0;
  switch (e->kind) {
  case PK_BR:
    pith__tw_br(&t->w);
    return 0;
  case PK_WBR:
    return 0;
  case PK_HR:
    pith__tw_break(&t->w, 2);
    return 0;
  case PK_IMG:
    if (t->o->images > 0) {
      xmlChar *f;
      const xmlChar *alt = pith__attr(n, "alt", &f);
      if (alt && alt[0]) {
        pith__tw_space(&t->w);
        pith__tw_text(&t->w, (const char *)alt, strlen((const char *)alt));
        pith__tw_space(&t->w);
      }
      if (f) xmlFree(f);
    }
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
  fr->a = t->data;
  fr->b = t->cells;
  switch (e->kind) {
  case PK_TABLE: {
    int data = pith__data_table(n);
    if (data && t->o->tables == 0) {
      t->f.n--;
      return 0;
    }
    t->data = data;
    pith__tw_break(&t->w, 2);
    break;
  }
  case PK_TR:
  case PK_CELL:
  case PK_TSECT:
    if (!t->data) {
      pith__tw_break(&t->w, 2);
    } else if (e->kind == PK_TR) {
      t->cells = 0;
      pith__tw_break(&t->w, 1);
    } else if (e->kind == PK_CELL) {
      if (t->cells++ > 0 && !t->w.flat) pith__tw_sep(&t->w, "\t");
      t->w.flat++;
    }
    break;
  case PK_PRE:
    pith__tw_break(&t->w, 2);
    if (!t->w.flat) pith__tw_pre_begin(&t->w);
    fr->a = !t->w.flat;
    break;
  case PK_BLOCK:
  case PK_H:
  case PK_UL:
  case PK_OL:
  case PK_LI:
  case PK_BQ:
    pith__tw_break(&t->w, 2);
    break;
  default:
    break;
  }
  return 1;
}

static void text_leave(void *p, xmlNodePtr n) {
  text_st *t = (text_st *)p;
  pith_frame *fr = &t->f.v[--t->f.n];
  (void)n;
  switch (fr->el->kind) {
  case PK_TABLE:
    t->data = (int)fr->a;
    pith__tw_break(&t->w, 2);
    break;
  case PK_TR:
  case PK_CELL:
  case PK_TSECT:
    if (!t->data) {
      pith__tw_break(&t->w, 2);
    } else if (fr->el->kind == PK_TR) {
      t->cells = (int)fr->b;
      pith__tw_break(&t->w, 1);
    } else if (fr->el->kind == PK_CELL) {
      t->w.flat--;
    }
    break;
  case PK_PRE:
    if (fr->a) pith__tw_pre_end(&t->w);
    pith__tw_break(&t->w, 2);
    break;
  case PK_BLOCK:
  case PK_H:
  case PK_UL:
  case PK_OL:
  case PK_LI:
  case PK_BQ:
    pith__tw_break(&t->w, 2);
    break;
  default:
    break;
  }
}

static void text_text(void *p, const char *s, size_t n) {
  pith__tw_text(&((text_st *)p)->w, s, n);
}

void pith__ser_text(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o) {
  static const pith_walk_ops ops = {text_enter, text_leave, text_text};
  text_st t;
  size_t start = out->len, i;
  memset(&t, 0, sizeof t);
  pith__tw_init(&t.w, out, 0);
  t.o = o;
  t.root = node;
  pith__walk(node, &ops, &t);
  pith__tw_free(&t.w);
  pith__frames_free(&t.f);
  /* trim: leading blanks can only come from <pre> or an empty first cell */
  pith__tw_trim_end(out);
  for (i = start; i < out->len && strchr(" \t\n", out->data[i]) != NULL; i++)
    ;
  if (i > start) {
    memmove(out->data + start, out->data + i, out->len - i + 1);
    out->len -= i - start;
  }
}

void pith__ser_opts_init(pith_ser_opts *o, int format) {
  o->format = format;
  o->links = o->images = o->tables = -1;
  o->base_url = NULL;
}

static xmlNodePtr child_named(xmlNodePtr n, const char *name) {
  for (n = n ? n->children : NULL; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0) return n;
  return NULL;
}

/* The URL relative links resolve against: the caller's base_url or the
 * document's URL, refined by the page's own <base href>. */
static xmlChar *base_of(xmlDocPtr doc, const char *base_url) {
  const xmlChar *page = base_url ? (const xmlChar *)base_url : doc ? doc->URL : NULL;
  xmlNodePtr b =
      doc ? child_named(child_named(xmlDocGetRootElement(doc), "head"), "base") : NULL;
  xmlChar *f = NULL, *r = NULL;
  const xmlChar *href = b ? pith__attr(b, "href", &f) : NULL;
  if (href && href[0]) r = pith__safe_url(href, page, 0);
  if (f) xmlFree(f);
  if (r == NULL && page && page[0]) r = pith__safe_url(page, NULL, 0);
  return r;
}

void pith__serialise(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o) {
  pith_ser_opts d = *o;
  xmlChar *base;
  if (node == NULL) return;
  if (node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE) {
    xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)node);
    xmlNodePtr body = child_named(root, "body");
    node = body ? body : root;
    if (node == NULL) return;
  }
  if (d.tables < 0) d.tables = 1;
  if (d.links < 0) d.links = d.format != PITH_FMT_TEXT;
  if (d.images < 0) d.images = d.format != PITH_FMT_TEXT;
  if (d.format == PITH_FMT_TEXT) {
    pith__ser_text(out, node, &d);
    return;
  }
  base = base_of(node->doc, d.base_url);
  if (d.format == PITH_FMT_MARKDOWN)
    pith__ser_markdown(out, node, &d, base);
  else
    pith__ser_html(out, node, &d, base);
  if (base) xmlFree(base);
}

/* ---- Lua bindings ---- */

static int serbuf_gc(lua_State *L) {
  pith_buf_free((pith_buf *)luaL_checkudata(L, 1, SERBUF_MT));
  return 0;
}

static int opt_bool(lua_State *L, int t, const char *k) {
  int v = -1;
  if (lua_getfield(L, t, k) != LUA_TNIL) v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

/* ARG: node|doc, [opts] ** RES: string (a document means its body) */
static int serialise_lua(lua_State *L, int format) {
  xmlNodePtr n = pith__check_context(L, 1, NULL);
  pith_ser_opts o;
  pith_buf *b;
  pith__ser_opts_init(&o, format);
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    o.links = opt_bool(L, 2, "links");
    o.images = opt_bool(L, 2, "images");
    o.tables = opt_bool(L, 2, "tables");
    /* left on the stack (slot 3) so the string stays anchored */
    lua_settop(L, 2);
    if (lua_getfield(L, 2, "base_url") != LUA_TNIL) {
      if (lua_type(L, 3) != LUA_TSTRING)
        return luaL_argerror(L, 2, "base_url must be a string");
      o.base_url = lua_tostring(L, 3);
    }
  }
  /* owned by a userdata before anything is allocated: a raise cannot leak it */
  b = (pith_buf *)lua_newuserdatauv(L, sizeof *b, 0);
  pith_buf_init(b);
  luaL_setmetatable(L, SERBUF_MT);
  pith__serialise(b, n, &o);
  if (b->oom) {
    pith_buf_free(b);
    return luaL_error(L, "not enough memory");
  }
  lua_pushlstring(L, b->data ? b->data : "", b->len);
  pith_buf_free(b);
  return 1;
}

static int l_text(lua_State *L) { return serialise_lua(L, PITH_FMT_TEXT); }
static int l_markdown(lua_State *L) { return serialise_lua(L, PITH_FMT_MARKDOWN); }
static int l_clean_html(lua_State *L) { return serialise_lua(L, PITH_FMT_HTML); }

void pith__open_text(lua_State *L) {
  static const luaL_Reg methods[] = {{"text", l_text},
                                     {"markdown", l_markdown},
                                     {"clean_html", l_clean_html},
                                     {NULL, NULL}};
  if (luaL_newmetatable(L, SERBUF_MT)) {
    lua_pushcfunction(L, serbuf_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  pith__add_methods(L, PITH_NODE_MT, methods);
  pith__add_methods(L, PITH_DOC_MT, methods);
}
