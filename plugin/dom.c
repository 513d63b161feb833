/* Documents: parsing HTML into a libxml2 tree owned by a Lua userdata, and the
 * lifetime rules every node handle relies on. */
#include <string.h>

#include <libxml/parserInternals.h>

#include "pith_int.h"

#define PITH_DEFAULT_MAX_SIZE ((size_t)64 << 20)

pith_Doc *pith__check_doc(lua_State *L, int i) {
  pith_Doc *d = (pith_Doc *)luaL_checkudata(L, i, PITH_DOC_MT);
  if (d->doc == NULL)
    luaL_error(L, "attempt to use a closed document");
  return d;
}

void pith__add_methods(lua_State *L, const char *mt, const luaL_Reg *regs) {
  luaL_getmetatable(L, mt);
  lua_getfield(L, -1, "__index");
  luaL_setfuncs(L, regs, 0);
  lua_pop(L, 2);
}

void pith__park(pith_Doc *d, xmlNodePtr n) {
  xmlUnlinkNode(n);
  if (d->trash == NULL) {
    d->trash = xmlNewDocNode(d->doc, NULL, (const xmlChar *)"pith-trash", NULL);
    if (d->trash == NULL)
      return; /* out of memory: the node stays unlinked and leaks, but stays valid */
  }
  /* linked by hand: xmlAddChild would merge adjacent text nodes and free one */
  n->parent = d->trash;
  n->prev = d->trash->last;
  n->next = NULL;
  if (d->trash->last)
    d->trash->last->next = n;
  else
    d->trash->children = n;
  d->trash->last = n;
}

static int doc_close(lua_State *L) {
  pith_Doc *d = (pith_Doc *)luaL_checkudata(L, 1, PITH_DOC_MT);
  if (d->xpath) {
    xmlXPathFreeContext(d->xpath);
    d->xpath = NULL;
  }
  if (d->trash) {
    xmlFreeNode(d->trash);
    d->trash = NULL;
  }
  if (d->doc) {
    xmlFreeDoc(d->doc);
    d->doc = NULL;
  }
  return 0;
}

static int doc_tostring(lua_State *L) {
  pith_Doc *d = (pith_Doc *)luaL_checkudata(L, 1, PITH_DOC_MT);
  if (d->doc == NULL)
    lua_pushliteral(L, "pith.Document (closed)");
  else
    lua_pushfstring(L, "pith.Document (%p)", (void *)d);
  return 1;
}

static void silent_error(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/* ARG: html, [opts {url=, charset=, max_size=}]  RES: doc | fail, err */
static int l_parse(lua_State *L) {
  size_t len;
  const char *html = luaL_checklstring(L, 1, &len);
  const char *url = NULL, *charset = NULL;
  size_t max_size = PITH_DEFAULT_MAX_SIZE;
  pith_Doc *d;
  htmlParserCtxtPtr ctxt;
  xmlGenericErrorFunc old_handler;
  void *old_ctx;
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "url");
    url = lua_tostring(L, -1);
    lua_getfield(L, 2, "charset");
    charset = lua_tostring(L, -1);
    lua_getfield(L, 2, "max_size");
    if (!lua_isnil(L, -1))
      max_size = (size_t)luaL_checkinteger(L, -1);
    lua_pop(L, 1); /* url and charset strings stay anchored on the stack */
  }
  if (len > max_size || len > 0x7fffffff) {
    luaL_pushfail(L);
    lua_pushfstring(L, "input too large (%I bytes; limit %I)", (lua_Integer)len,
                    (lua_Integer)max_size);
    return 2;
  }
  d = (pith_Doc *)lua_newuserdatauv(L, sizeof *d, 0);
  memset(d, 0, sizeof *d);
  luaL_setmetatable(L, PITH_DOC_MT);
  ctxt = htmlNewParserCtxt();
  if (ctxt == NULL)
    return luaL_error(L, "out of memory");
  old_handler = xmlGenericError;
  old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, silent_error);
  d->doc = htmlCtxtReadMemory(ctxt, html, (int)len, url, charset, opts);
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  htmlFreeParserCtxt(ctxt);
  if (d->doc == NULL) {
    luaL_pushfail(L);
    lua_pushliteral(L, "could not parse the input as HTML");
    return 2;
  }
  return 1;
}

static int doc_root(lua_State *L) {
  pith_Doc *d = pith__check_doc(L, 1);
  xmlNodePtr root = xmlDocGetRootElement(d->doc);
  if (root == NULL)
    return 0;
  pith__push_node(L, 1, root);
  return 1;
}

static xmlNodePtr child_element(xmlNodePtr parent, const char *name) {
  xmlNodePtr c;
  for (c = parent ? parent->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
      return c;
  return NULL;
}

static int push_section(lua_State *L, const char *name) {
  pith_Doc *d = pith__check_doc(L, 1);
  xmlNodePtr n = child_element(xmlDocGetRootElement(d->doc), name);
  if (n == NULL)
    return 0;
  pith__push_node(L, 1, n);
  return 1;
}

static int doc_body(lua_State *L) { return push_section(L, "body"); }
static int doc_head(lua_State *L) { return push_section(L, "head"); }

static int doc_url(lua_State *L) {
  pith_Doc *d = pith__check_doc(L, 1);
  if (d->doc->URL == NULL)
    return 0;
  lua_pushstring(L, (const char *)d->doc->URL);
  return 1;
}

static const luaL_Reg doc_meta[] = {{"__index", NULL},
                                    {"__gc", doc_close},
                                    {"__close", doc_close},
                                    {"__tostring", doc_tostring},
                                    {NULL, NULL}};

static const luaL_Reg doc_methods[] = {{"close", doc_close}, {"root", doc_root},
                                       {"body", doc_body},   {"head", doc_head},
                                       {"url", doc_url},     {NULL, NULL}};

static const luaL_Reg functions[] = {{"parse", l_parse}, {NULL, NULL}};

void pith__open_dom(lua_State *L) {
  luaL_newmetatable(L, PITH_DOC_MT);
  luaL_setfuncs(L, doc_meta, 0);
  luaL_newlibtable(L, doc_methods);
  luaL_setfuncs(L, doc_methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  luaL_setfuncs(L, functions, 0);
}
