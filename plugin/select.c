/* Selection: doc/node :xpath(), :select(), :first(). Expressions compile once
 * per Lua state (a cache table per kind, in the user values of one state
 * userdata that is also in the registry); each document reuses one XPath
 * context. CSS selectors css.c can match directly (type, class, id, attribute
 * tests, combinators) run as one walk over the context's elements instead of
 * their XPath, which is what keeps rule selectors cheap. libxml2 reports XPath errors
 * through the context's structured handler (set to a silent one) and a few through the
 * thread-global generic handler, which is swapped around each call, so nothing is ever
 * printed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "select.h"
#include "css.h"
#include "text.h"

#define SELECT_KEY "pith.select" /* registry: the per-state Selector userdata */
#define EXPR_MT    "pith.XPathExpr"
#define CACHE_MAX  2048 /* entries per kind before a cache starts over */

/* libxml2's operation budget per evaluation. It counts node visits, not the
 * quadratic node-set merges of X//y, so it bounds runaway queries loosely. */
#ifndef PITH_XPATH_OPS
#define PITH_XPATH_OPS 10000000UL
#endif

enum { KIND_XPATH = 1, KIND_CSS, KIND_CSS_FIRST };

typedef struct Selector {
  xmlXPathContextPtr compiler; /* document-less context used only to compile */
  xmlXPathObjectPtr pending;   /* a result being converted; freed if Lua raised */
  pith_buf scratch;            /* css_to_xpath output, same reason */
  pith_buf joined;             /* text_elements(true)'s result, same reason */
  int cached[3];
} Selector;

typedef struct Expr {
  xmlXPathCompExprPtr comp;
  pith_css_walk *walk; /* CSS the tree walk can match; NULL: XPath only */
  int uses_id;         /* may call id(): the document's ID table must be built */
} Expr;

static void silent_generic(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  (void)err;
}

const char *pith__xpath_strerror(int code) {
  static const char *const messages[] = {"ok",
                                         "bad number",
                                         "unfinished literal",
                                         "bad start of literal",
                                         "expected $ for variable reference",
                                         "undefined variable",
                                         "invalid predicate",
                                         "invalid expression",
                                         "missing closing curly brace",
                                         "unknown function",
                                         "invalid operand",
                                         "invalid type",
                                         "wrong number of arguments",
                                         "invalid context size",
                                         "invalid context position",
                                         "out of memory",
                                         "syntax error",
                                         "resource error",
                                         "sub resource error",
                                         "undefined namespace prefix",
                                         "encoding error",
                                         "character out of XML range",
                                         "invalid or incomplete context",
                                         "stack usage error",
                                         "forbidden variable",
                                         "operation limit exceeded",
                                         "recursion limit exceeded"};
  if (code < 0 || code >= (int)(sizeof messages / sizeof messages[0]))
    return "unknown XPath error";
  return messages[code];
}

/* The XPath error code a context recorded, or `fallback`. */
static int last_code(xmlXPathContextPtr ctx, int fallback) {
  int code = ctx->lastError.code;
  return code > XML_XPATH_EXPRESSION_OK ? code - XML_XPATH_EXPRESSION_OK : fallback;
}

static void clear_error(xmlXPathContextPtr ctx) {
  if (ctx->lastError.code != 0) xmlResetError(&ctx->lastError);
}

xmlXPathContextPtr pith__xpath_context(pith_Doc *d) {
  if (d->xpath == NULL) {
    xmlXPathContextPtr ctx = xmlXPathNewContext(d->doc);
    if (ctx == NULL) return NULL;
    ctx->error = silent_structured;
    ctx->opLimit = PITH_XPATH_OPS;
    d->xpath = ctx;
  }
  return d->xpath;
}

xmlXPathObjectPtr pith__xpath_eval(pith_Doc *d, xmlNodePtr node, xmlXPathCompExprPtr comp,
                                   int *code) {
  xmlXPathContextPtr ctx = pith__xpath_context(d);
  xmlGenericErrorFunc old_handler;
  void *old_ctx;
  xmlXPathObjectPtr res;
  if (ctx == NULL) {
    *code = XPATH_MEMORY_ERROR;
    return NULL;
  }
  clear_error(ctx);
  ctx->doc = d->doc;
  ctx->node = node ? node : (xmlNodePtr)d->doc;
  ctx->contextSize = 1; /* XPath 1.0 section 1: the initial position and size are 1 */
  ctx->proximityPosition = 1;
  ctx->opCount = 0; /* libxml2 accumulates it across evaluations */
  old_handler = xmlGenericError;
  old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, silent_generic);
  res = xmlXPathCompiledEval(comp, ctx);
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  if (res == NULL) *code = last_code(ctx, XPATH_MEMORY_ERROR);
  return res;
}

/* Whether an XPath expression may call id() ("id", spaces, "("): a string literal
 * or a longer name that ends so only costs a needless register_ids. */
static int may_call_id(const char *expr) {
  const char *p;
  for (p = strstr(expr, "id"); p; p = strstr(p + 2, "id")) {
    const char *q = p + 2;
    while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
      q++;
    if (*q == '(') return 1;
  }
  return 0;
}

/* The parse builds no ID table (dom.c sets XML_SKIP_IDS): this registers, in
 * document order, the attributes the parser would have (xmlIsID's: id, and name on
 * <a>, plus xml:id), so id() finds the first element carrying a value. Attributes
 * already registered keep their entry; the document's current tree is walked, so
 * an element removed since the parse is not found. */
static void register_ids(xmlDocPtr doc) {
  xmlNodePtr n = doc ? doc->children : NULL;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      xmlAttrPtr a;
      for (a = n->properties; a; a = a->next) {
        if (a->atype == XML_ATTRIBUTE_ID || a->children == NULL ||
            a->children->type != XML_TEXT_NODE || a->children->next != NULL ||
            a->children->content == NULL)
          continue;
        if (xmlStrEqual(a->name, (const xmlChar *)"xml:id") || xmlIsID(doc, n, a))
          xmlAddID(NULL, doc, a->children->content, a);
      }
      if (n->children) {
        n = n->children;
        continue;
      }
    }
    while (n && n->next == NULL)
      n = n->parent;
    if (n == NULL || n == (xmlNodePtr)doc) break;
    n = n->next;
  }
}

/* ---- the per-state cache ------------------------------------------------ */

static int expr_gc(lua_State *L) {
  Expr *e = (Expr *)luaL_checkudata(L, 1, EXPR_MT);
  if (e->comp) {
    xmlXPathFreeCompExpr(e->comp);
    e->comp = NULL;
  }
  if (e->walk) {
    pith__css_walk_free(e->walk);
    e->walk = NULL;
  }
  return 0;
}

static void drop_pending(Selector *s) {
  if (s->pending) {
    xmlXPathFreeObject(s->pending);
    s->pending = NULL;
  }
}

static int selector_gc(lua_State *L) {
  Selector *s = (Selector *)lua_touserdata(L, 1);
  drop_pending(s);
  pith_buf_free(&s->scratch);
  pith_buf_free(&s->joined);
  if (s->compiler) {
    xmlXPathFreeContext(s->compiler);
    s->compiler = NULL;
  }
  return 0;
}

static xmlXPathCompExprPtr compile_xpath(Selector *s, const char *expr, int *code,
                                         int *offset) {
  xmlGenericErrorFunc old_handler = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlXPathCompExprPtr comp;
  char *wrapped = NULL;
  /* libxml2 2.9 compiles an expression without '[', '(' or '@' ("//p") to a streaming
   * pattern whose evaluation silently stops 10 000 levels down (a tree made that deep
   * with replace_with lost its deep nodes); in parentheses it is an ordinary
   * expression with the same value. */
  if (!strpbrk(expr, "[(@")) {
    size_t len = strlen(expr);
    wrapped = (char *)malloc(len + 3);
    if (wrapped) {
      wrapped[0] = '(';
      memcpy(wrapped + 1, expr, len);
      wrapped[len + 1] = ')';
      wrapped[len + 2] = '\0';
    }
  }
  clear_error(s->compiler);
  xmlSetGenericErrorFunc(NULL, silent_generic);
  comp = xmlXPathCtxtCompile(s->compiler, (const xmlChar *)(wrapped ? wrapped : expr));
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  if (comp == NULL) {
    *code = last_code(s->compiler, XPATH_MEMORY_ERROR);
    *offset = s->compiler->lastError.int1;
    if (wrapped && *offset > 0) --*offset; /* an offset in expr, not in "(expr)" */
  }
  free(wrapped);
  return comp;
}

/* Translates and compiles a CSS selector (and its walk matcher into *walk when
 * it has one); on failure writes a message. */
static xmlXPathCompExprPtr compile_css(Selector *s, const char *css, size_t len,
                                       int first, pith_css_walk **walk, char *err,
                                       size_t errsize) {
  pith_buf x;
  xmlXPathCompExprPtr comp = NULL;
  int code = 0, offset = 0;
  pith_buf_init(&x);
  if (pith__css_translate(css, len, first, &x, walk, err, errsize) == 0) {
    comp = compile_xpath(s, x.data, &code, &offset);
    if (comp == NULL)
      snprintf(err, errsize, "translation failed (%s in %.200s)",
               pith__xpath_strerror(code), x.data);
  }
  pith_buf_free(&x);
  return comp;
}

/* Most bytes of an expression an error message quotes: a 10 MB selector makes a
 * clear error, not a 10 MB one. */
#define QUOTE_MAX 1024

/* Pushes s cut to QUOTE_MAX bytes on a character boundary ("..." marks the cut);
 * returns it. */
static const char *push_quote(lua_State *L, const char *s, size_t len) {
  size_t cut = len;
  if (len > QUOTE_MAX) {
    cut = QUOTE_MAX;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
      cut--;
  }
  lua_pushlstring(L, s, cut);
  if (cut < len) {
    lua_pushliteral(L, "...");
    lua_concat(L, 2);
  }
  return lua_tostring(L, -1);
}

/* Finds or compiles the expression held by the string at `key`; leaves it (the
 * Expr userdata, the anchor) on the stack. sel is the Selector's index. */
static Expr *get_expr(lua_State *L, int sel, int kind, int key) {
  Selector *s = (Selector *)lua_touserdata(L, sel);
  Expr *e;
  size_t len;
  const char *str = lua_tolstring(L, key, &len);
  char err[256];
  lua_getiuservalue(L, sel, kind);
  lua_pushvalue(L, key);
  if (lua_rawget(L, -2) == LUA_TUSERDATA) {
    lua_remove(L, -2);
    return (Expr *)lua_touserdata(L, -1);
  }
  lua_pop(L, 1);
  e = (Expr *)lua_newuserdatauv(L, sizeof *e, 0);
  e->comp = NULL;
  e->walk = NULL;
  e->uses_id = 0;
  luaL_setmetatable(L, EXPR_MT);
  if (kind == KIND_XPATH) {
    int code = 0, offset = 0;
    if (strlen(str) != len) {
      luaL_error(L, "invalid XPath expression \"%s\": contains a NUL byte",
                 push_quote(L, str, strlen(str)));
      return NULL;
    }
    e->uses_id = may_call_id(str);
    e->comp = compile_xpath(s, str, &code, &offset);
    if (e->comp == NULL) {
      luaL_error(L, "invalid XPath expression \"%s\": %s at offset %d",
                 push_quote(L, str, len), pith__xpath_strerror(code), offset);
      return NULL;
    }
  } else {
    e->comp = compile_css(s, str, len, kind == KIND_CSS_FIRST, &e->walk, err, sizeof err);
    if (e->comp == NULL) {
      luaL_error(L, "invalid CSS selector \"%s\": %s", push_quote(L, str, len), err);
      return NULL;
    }
  }
  if (++s->cached[kind - 1] > CACHE_MAX) { /* unbounded selector streams: start over */
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, sel, kind);
    lua_replace(L, -3);
    s->cached[kind - 1] = 1;
  }
  lua_pushvalue(L, key);
  lua_pushvalue(L, -2);
  lua_rawset(L, -4);
  lua_remove(L, -2);
  return e;
}

static xmlXPathCompExprPtr compile_from_c(lua_State *L, int kind, const char *str,
                                          size_t len) {
  xmlXPathCompExprPtr comp;
  lua_getfield(L, LUA_REGISTRYINDEX, SELECT_KEY);
  lua_pushlstring(L, str, len);
  comp = get_expr(L, lua_absindex(L, -2), kind, lua_absindex(L, -1))->comp;
  lua_replace(L, -3); /* keep only the anchor */
  lua_pop(L, 1);
  return comp;
}

xmlXPathCompExprPtr pith__xpath_compile(lua_State *L, const char *expr, size_t len) {
  return compile_from_c(L, KIND_XPATH, expr, len);
}

xmlXPathCompExprPtr pith__css_compile(lua_State *L, const char *css, size_t len,
                                      int first) {
  return compile_from_c(L, first ? KIND_CSS_FIRST : KIND_CSS, css, len);
}

/* ---- Lua methods ---------------------------------------------------------- */

/* Evaluates the expression for arguments (context, string) and parks the
 * result in the Selector until it is converted, so a Lua error cannot leak it. */
static xmlXPathObjectPtr run(lua_State *L, int kind, const char *what) {
  Selector *s = (Selector *)lua_touserdata(L, lua_upvalueindex(1));
  pith_Doc *d;
  xmlNodePtr ctx = pith__check_context(L, 1, &d);
  Expr *e;
  xmlXPathObjectPtr res;
  int code = 0;
  luaL_checkstring(L, 2);
  e = get_expr(L, lua_upvalueindex(1), kind, 2);
  drop_pending(s);
  if (e->uses_id) register_ids(d->doc);
  res = pith__xpath_eval(d, ctx, e->comp, &code);
  lua_pop(L, 1); /* the anchor: nothing below can collect it */
  if (res == NULL)
    luaL_error(L, "%s \"%s\": %s", what,
               push_quote(L, lua_tostring(L, 2), lua_rawlen(L, 2)),
               pith__xpath_strerror(code));
  s->pending = res;
  return res;
}

static void done(lua_State *L) {
  drop_pending((Selector *)lua_touserdata(L, lua_upvalueindex(1)));
}

/* Namespace nodes in a node-set are copies that point back at their element;
 * dropping them first means a parked result never touches a freed tree. */
static void drop_namespaces(xmlNodeSetPtr set) {
  int i, k = 0;
  if (set == NULL) return;
  for (i = 0; i < set->nodeNr; i++) {
    if (set->nodeTab[i]->type == XML_NAMESPACE_DECL)
      xmlXPathNodeSetFreeNs((xmlNsPtr)set->nodeTab[i]);
    else
      set->nodeTab[k++] = set->nodeTab[i];
  }
  set->nodeNr = k;
}

/* Pushes a node-set as an array; elements only for CSS. Index 1 holds the
 * context (document or node). */
static void push_nodes(lua_State *L, xmlNodeSetPtr set, int elements_only) {
  int i, n = set ? set->nodeNr : 0, k = 0, t;
  lua_createtable(L, n, 0);
  t = lua_gettop(L);
  pith__push_owner(L, 1);
  for (i = 0; i < n; i++) {
    xmlNodePtr x = set->nodeTab[i];
    switch (x->type) {
    case XML_ELEMENT_NODE:
      pith__push_node(L, t + 1, x);
      break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
      if (elements_only) continue;
      pith__push_node(L, t + 1, x);
      break;
    case XML_ATTRIBUTE_NODE:
      if (elements_only) continue;
      pith__push_attr_value(L, (xmlAttrPtr)x);
      break;
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
      if (elements_only) continue;
      lua_pushvalue(L, t + 1);
      break;
    default:
      continue;
    }
    lua_rawseti(L, t, ++k);
  }
  lua_pop(L, 1);
}

/* ARG: expr  RES: array of nodes (attributes as their values, the document
 * node as the document) | string | number (integer when whole) | boolean */
static int l_xpath(lua_State *L) {
  xmlXPathObjectPtr res = run(L, KIND_XPATH, "XPath");
  switch (res->type) {
  case XPATH_NODESET:
    drop_namespaces(res->nodesetval);
    push_nodes(L, res->nodesetval, 0);
    break;
  case XPATH_BOOLEAN:
    lua_pushboolean(L, res->boolval);
    break;
  case XPATH_NUMBER: {
    double v = res->floatval;
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
      lua_pushinteger(L, (lua_Integer)v);
    else
      lua_pushnumber(L, (lua_Number)v);
    break;
  }
  case XPATH_STRING:
    lua_pushstring(L, res->stringval ? (const char *)res->stringval : "");
    break;
  default:
    lua_pushnil(L);
  }
  done(L);
  return 1;
}

/* The CSS selector at index 2 as a walk matcher, its anchor left at index 3;
 * or NULL (nothing left) when it needs XPath. */
static const pith_css_walk *walk_of(lua_State *L, int kind) {
  Expr *e;
  luaL_checkstring(L, 2);
  lua_settop(L, 2);
  e = get_expr(L, lua_upvalueindex(1), kind, 2);
  if (e->walk) return e->walk;
  lua_pop(L, 1);
  return NULL;
}

/* The context's descendant elements that match `w`, in document order: pushes
 * an array, or (first) the first match or nothing. Returns the count pushed. */
static int walk_select(lua_State *L, const pith_css_walk *w, int first) {
  pith_Doc *d;
  xmlNodePtr scope = pith__check_context(L, 1, &d), n;
  unsigned long budget = PITH_XPATH_OPS;
  int t = 0, owner, k = 0;
  if (!first) {
    lua_newtable(L);
    t = lua_gettop(L);
  }
  pith__push_owner(L, 1);
  owner = lua_gettop(L);
  for (n = pith__next_in(scope, scope); n; n = pith__next_in(n, scope)) {
    if (n->type == XML_ELEMENT_NODE) {
      int r = budget ? (--budget, pith__css_matches(w, n, &budget)) : -1;
      if (r < 0)
        return luaL_error(L, "CSS selector \"%s\": %s",
                          push_quote(L, lua_tostring(L, 2), lua_rawlen(L, 2)),
                          pith__xpath_strerror(XPATH_OP_LIMIT_EXCEEDED));
      if (r) {
        pith__push_node(L, owner, n);
        if (first) {
          lua_remove(L, owner);
          return 1;
        }
        lua_rawseti(L, t, ++k);
      }
    }
  }
  lua_pop(L, 1);
  return first ? 0 : 1;
}

/* ARG: css  RES: array of elements in document order */
static int l_select(lua_State *L) {
  xmlXPathObjectPtr res;
  const pith_css_walk *w = walk_of(L, KIND_CSS);
  if (w) return walk_select(L, w, 0);
  res = run(L, KIND_CSS, "CSS selector");
  push_nodes(L, res->type == XPATH_NODESET ? res->nodesetval : NULL, 1);
  done(L);
  return 1;
}

/* ARG: css  RES: the first matching element | nil */
static int l_first(lua_State *L) {
  xmlXPathObjectPtr res;
  xmlNodeSetPtr set;
  int found;
  const pith_css_walk *w = walk_of(L, KIND_CSS_FIRST);
  if (w) return walk_select(L, w, 1);
  res = run(L, KIND_CSS_FIRST, "CSS selector");
  set = res->type == XPATH_NODESET ? res->nodesetval : NULL;
  found = set && set->nodeNr > 0 && set->nodeTab[0]->type == XML_ELEMENT_NODE;
  if (found) {
    pith__push_owner(L, 1);
    pith__push_node(L, -1, set->nodeTab[0]);
    lua_remove(L, -2);
  }
  done(L);
  return found;
}

/* ARG: {css, ...}  RES: {elements, ...}: what :select(css) gives for each
 * selector of the list, from ONE walk over the context for all the selectors
 * the walk can match (the others go through :select). For rules, which read a
 * dozen fields each from its own selector. */
static int l_select_many(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr scope = pith__check_context(L, 1, &d), n;
  unsigned long budget = PITH_XPATH_OPS;
  int i, count, res, owner, any = 0;
  const pith_css_walk **w;
  int *len;
  unsigned char *hit;
  pith_css_index *ix;
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  count = (int)lua_rawlen(L, 2);
  luaL_checkstack(L, count + 8, "too many selectors");
  /* the matchers and match counts live in a userdata: a raise cannot leak them */
  w = (const pith_css_walk **)lua_newuserdatauv(
      L, (size_t)count * (sizeof *w + sizeof *len + 1) + 1, 0); /* 3 */
  len = (int *)(void *)(w + count);
  hit = (unsigned char *)(len + count);
  lua_createtable(L, count, 0); /* 4: the results */
  res = 4;
  for (i = 0; i < count; i++) { /* anchors at 5 .. 4 + count */
    Expr *e;
    lua_rawgeti(L, 2, i + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      return luaL_error(L, "select_many: selector %d is not a string", i + 1);
    e = get_expr(L, lua_upvalueindex(1), KIND_CSS, lua_gettop(L));
    lua_remove(L, -2);
    w[i] = e->walk;
    len[i] = 0;
    if (e->walk) {
      any = 1;
      lua_newtable(L);
    } else { /* XPath: through the select method */
      lua_getfield(L, 1, "select");
      lua_pushvalue(L, 1);
      lua_rawgeti(L, 2, i + 1);
      lua_call(L, 2, 1);
    }
    lua_rawseti(L, res, i + 1);
  }
  /* its own userdata: its size is known once the matchers are */
  ix = pith__css_index_build(w, count,
                             lua_newuserdatauv(L, pith__css_index_size(w, count), 0));
  pith__push_owner(L, 1);
  owner = lua_gettop(L);
  for (n = any ? pith__next_in(scope, scope) : NULL; n; n = pith__next_in(n, scope)) {
    if (n->type == XML_ELEMENT_NODE) {
      int hits = budget ? (--budget, pith__css_index_match(ix, n, &budget, hit)) : -1;
      if (hits < 0)
        return luaL_error(L, "CSS selectors: %s",
                          pith__xpath_strerror(XPATH_OP_LIMIT_EXCEEDED));
      for (i = 0; hits > 0 && i < count; i++) {
        if (hit[i]) {
          hits--;
          lua_rawgeti(L, res, i + 1);
          pith__push_node(L, owner, n);
          lua_rawseti(L, -2, ++len[i]);
          lua_pop(L, 1);
        }
      }
    }
  }
  lua_pushvalue(L, res);
  return 1;
}

/* ARG: css  RES: the XPath the selector compiles to (for debugging rules) */
static int l_css_to_xpath(lua_State *L) {
  Selector *s = (Selector *)lua_touserdata(L, lua_upvalueindex(1));
  size_t len;
  const char *css = luaL_checklstring(L, 1, &len);
  int first = lua_toboolean(L, 2);
  char err[256];
  pith_buf_free(&s->scratch);
  if (pith__css_to_xpath(css, len, first, &s->scratch, err, sizeof err) < 0) {
    pith_buf_free(&s->scratch);
    return luaL_error(L, "invalid CSS selector \"%s\": %s", push_quote(L, css, len), err);
  }
  lua_pushlstring(L, s->scratch.data,
                  s->scratch.len); /* may raise: the Selector owns it */
  pith_buf_free(&s->scratch);
  return 1;
}

/* Has n a text (or CDATA) child with more than XML blanks, as
 * text()[normalize-space()] asks? */
static int has_own_text(xmlNodePtr n) {
  for (n = n->children; n; n = n->next)
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
      const xmlChar *c = n->content;
      for (; *c; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') return 1;
    }
  return 0;
}

/* Squashes b in place as pith.meta.str.squash does: no-break spaces and runs
 * of Lua's %s (C isspace) become one space, one space trimmed at each end. */
static void squash(pith_buf *b) {
  size_t i, k = 0;
  int space = 0;
  for (i = 0; i < b->len; i++) {
    unsigned char c = (unsigned char)b->data[i];
    int ws = c == ' ' || (c >= '\t' && c <= '\r');
    if (c == 0xC2 && i + 1 < b->len && (unsigned char)b->data[i + 1] == 0xA0) {
      ws = 1;
      i++;
    }
    if (ws) {
      space = 1;
      continue;
    }
    if (space && k > 0) b->data[k++] = ' ';
    space = 0;
    b->data[k++] = (char)c;
  }
  b->len = k;
}

/* ARG: node|doc [, joined]  RES: elements, texts. The descendant elements with
 * text of their own (XPath descendant::*[text()[normalize-space()]]) in document
 * order, and each one's text() squashed (pith.meta.str.squash); elements whose
 * squashed text is empty are left out. What rule text patterns are matched
 * against: one C pass instead of an XPath and a text() call per element. With
 * joined true: the texts joined by newlines (table.concat(texts, "\n"); a
 * squashed text holds none), then the elements: what the patterns' prefilter
 * reads, without a Lua string per element. */
static int l_text_elements(lua_State *L) {
  Selector *s = (Selector *)lua_touserdata(L, lua_upvalueindex(1));
  pith_Doc *d;
  xmlNodePtr scope = pith__check_context(L, 1, &d), n;
  pith_ser_opts o;
  int k = 0, joined = lua_toboolean(L, 2);
  pith__ser_opts_init(&o, PITH_FMT_TEXT);
  lua_settop(L, 1);
  lua_newtable(L);        /* 2: elements */
  lua_newtable(L);        /* 3: texts */
  pith__push_owner(L, 1); /* 4 */
  s->joined.len = 0;      /* the Selector owns both buffers: a raise cannot leak them */
  for (n = pith__next_in(scope, scope); n; n = pith__next_in(n, scope)) {
    if (n->type == XML_ELEMENT_NODE) {
      if (has_own_text(n)) {
        s->scratch.len = 0;
        pith__serialise(&s->scratch, n, &o);
        if (s->scratch.oom) break;
        squash(&s->scratch);
        if (s->scratch.len == 0) continue;
        k++;
        pith__push_node(L, 4, n);
        lua_rawseti(L, 2, k);
        if (joined) {
          if (k > 1) pith_buf_addc(&s->joined, '\n');
          pith_buf_add(&s->joined, s->scratch.data, s->scratch.len);
          continue;
        }
        lua_pushlstring(L, s->scratch.data, s->scratch.len);
        lua_rawseti(L, 3, k);
      }
    }
  }
  if (s->scratch.oom || s->joined.oom) {
    pith_buf_free(&s->scratch);
    pith_buf_free(&s->joined);
    return luaL_error(L, "not enough memory");
  }
  pith_buf_free(&s->scratch);
  if (joined) {
    lua_pushlstring(L, s->joined.data ? s->joined.data : "", s->joined.len);
    pith_buf_free(&s->joined);
    lua_pushvalue(L, 2);
    return 2;
  }
  lua_pop(L, 1);
  return 2;
}

static const luaL_Reg methods[] = {{"xpath", l_xpath},
                                   {"select", l_select},
                                   {"first", l_first},
                                   {"select_many", l_select_many},
                                   {"text_elements", l_text_elements},
                                   {NULL, NULL}};

static const luaL_Reg functions[] = {{"css_to_xpath", l_css_to_xpath}, {NULL, NULL}};

static void add_methods(lua_State *L, int sel, const char *mt) {
  luaL_getmetatable(L, mt);
  lua_getfield(L, -1, "__index");
  lua_pushvalue(L, sel);
  luaL_setfuncs(L, methods, 1);
  lua_pop(L, 2);
}

void pith__open_select(lua_State *L) {
  Selector *s;
  int i, sel;
  luaL_newmetatable(L, EXPR_MT);
  lua_pushcfunction(L, expr_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  s = (Selector *)lua_newuserdatauv(L, sizeof *s, 3);
  memset(s, 0, sizeof *s);
  pith_buf_init(&s->scratch);
  pith_buf_init(&s->joined);
  sel = lua_gettop(L);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, selector_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, sel);
  for (i = 1; i <= 3; i++) {
    lua_newtable(L);
    lua_setiuservalue(L, sel, i);
  }
  s->compiler = xmlXPathNewContext(NULL);
  if (s->compiler == NULL) luaL_error(L, "out of memory");
  s->compiler->error = silent_structured;
  lua_pushvalue(L, sel);
  lua_setfield(L, LUA_REGISTRYINDEX, SELECT_KEY);
  add_methods(L, sel, PITH_DOC_MT);
  add_methods(L, sel, PITH_NODE_MT);
  luaL_setfuncs(L, functions, 1); /* pops the Selector */
}
