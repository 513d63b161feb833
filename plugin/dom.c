/* Documents: parsing HTML into a libxml2 tree owned by a Lua userdata, and the
 * lifetime rules every node handle relies on. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "pith_int.h"
#include "charset.h"

#define PITH_DEFAULT_MAX_SIZE ((lua_Integer)64 << 20)

pith_Doc *pith__check_doc(lua_State *L, int i) {
  pith_Doc *d = (pith_Doc *)luaL_checkudata(L, i, PITH_DOC_MT);
  if (d->doc == NULL) luaL_error(L, "attempt to use a closed document");
  return d;
}

void pith__add_methods(lua_State *L, const char *mt, const luaL_Reg *regs) {
  luaL_getmetatable(L, mt);
  lua_getfield(L, -1, "__index");
  luaL_setfuncs(L, regs, 0);
  lua_pop(L, 2);
}

void pith__park(pith_Doc *d, xmlNodePtr n) {
  if (n == d->trash || n->type == XML_DOCUMENT_NODE ||
      n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_ATTRIBUTE_NODE)
    return; /* not a child node: parking it would corrupt the tree */
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

static void free_doc(pith_Doc *d) {
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
}

static int doc_close(lua_State *L) {
  free_doc((pith_Doc *)luaL_checkudata(L, 1, PITH_DOC_MT));
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

static void silent_structured(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  (void)err;
}

/* libxml2 halts the whole parse once elements nest deeper than 256 and drops the
 * rest of the page (XML_PARSE_HUGE lifts the limit, but then every tree walk goes
 * 100 000 levels deep). Elements opened below PITH_MAX_DEPTH are not built: their
 * text goes into the deepest element kept, so a page of unclosed tags or 100 000
 * nested divs loses no words. The parser's own name stack is LIFO and closes every
 * element it opens through endElement, so the skipped elements are always the
 * innermost ones and one counter pairs their starts and ends. */
#define PITH_MAX_DEPTH 250

static void capped_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  htmlParserCtxtPtr ctxt = (htmlParserCtxtPtr)ctx;
  size_t *skipped = (size_t *)ctxt->_private;
  if (*skipped > 0 || ctxt->nodeNr >= PITH_MAX_DEPTH) {
    ++*skipped;
    return;
  }
  /* No ID table while parsing: libxml2 would test every attribute (xmlIsID), hash
   * every id (and name of <a>) and unhash them again at close, ~2% of a parse, for
   * XPath's id() alone; select.c builds the table when an expression calls id().
   * Set here, per element, as the context's reset may clear it before the parse. */
  ctxt->loadsubset |= XML_SKIP_IDS;
  xmlSAX2StartElement(ctx, name, atts);
}

static void capped_end(void *ctx, const xmlChar *name) {
  htmlParserCtxtPtr ctxt = (htmlParserCtxtPtr)ctx;
  size_t *skipped = (size_t *)ctxt->_private;
  if (*skipped > 0) {
    --*skipped;
    return;
  }
  xmlSAX2EndElement(ctx, name);
}

/* HTML5 void elements libxml2 2.9's HTML parser treats as containers: it nests
 * everything after <embed>, <source>, <track>, <wbr> or <keygen> inside it, so
 * dropping an embed (clean_html, text) dropped the rest of its parent. Their
 * children move back to follow them, as an HTML5 parser would have placed them. */
static int void_container(const xmlChar *name) {
  const char *s = (const char *)name;
  /* by first letter: this runs on every element of every page */
  switch (s ? s[0] : 0) {
  case 'e':
    return strcmp(s, "embed") == 0;
  case 's':
    return strcmp(s, "source") == 0;
  case 't':
    return strcmp(s, "track") == 0;
  case 'w':
    return strcmp(s, "wbr") == 0;
  case 'k':
    return strcmp(s, "keygen") == 0;
  default:
    return 0;
  }
}

static void unnest_voids(xmlNodePtr root) {
  xmlNodePtr n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE && n->children && void_container(n->name)) {
      xmlNodePtr first = n->children, last = n->last;
      for (xmlNodePtr c = first; c; c = c->next)
        c->parent = n->parent;
      last->next = n->next;
      if (n->next)
        n->next->prev = last;
      else if (n->parent)
        n->parent->last = last;
      n->next = first;
      first->prev = n;
      n->children = n->last = NULL;
    }
    if (n->children && n->type != XML_ENTITY_REF_NODE) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next)
      n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
}

/* Parses UTF-8 text; no Lua call may happen in here (the generic error handler is
 * swapped, and libxml2 frames are on the stack). */
static htmlDocPtr parse_utf8(const char *text, size_t len, const char *url) {
  /* IGNORE_ENC: the text is already UTF-8, whatever its <meta> says. NODEFDTD: no
   * invented HTML 4 doctype in doc:html(). HUGE: a text node over 10 MB no longer
   * halts the parse (max_size bounds the input); capped_start bounds the depth. */
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
             HTML_PARSE_NODEFDTD | XML_PARSE_HUGE;
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  size_t skipped = 0;
  xmlGenericErrorFunc old_handler = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  htmlDocPtr doc;
  if (ctxt == NULL) return NULL;
  /* our own structured handler, so a handler the host installed is not called either */
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  ctxt->sax->serror = silent_structured;
  ctxt->sax->startElement = capped_start;
  ctxt->sax->endElement = capped_end;
  ctxt->_private = &skipped;
  /* encoding and I/O errors bypass the context and go to the generic handler */
  xmlSetGenericErrorFunc(NULL, silent_error);
  doc = htmlCtxtReadMemory(ctxt, text, (int)len, url, "UTF-8", opts);
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  htmlFreeParserCtxt(ctxt);
  if (doc != NULL) unnest_voids((xmlNodePtr)doc);
  if (doc != NULL &&
      (doc->encoding == NULL || !xmlStrEqual(doc->encoding, (const xmlChar *)"UTF-8"))) {
    /* the tree is UTF-8; the serialiser reads a NULL encoding as "escape non-ASCII" */
    xmlFree((xmlChar *)(uintptr_t)doc->encoding);
    doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
  }
  return doc;
}

/* ARG: html, [opts {url=, charset=, max_size=}]  RES: doc | fail, err */
static int l_parse(lua_State *L) {
  size_t len, textlen;
  const char *html = luaL_checklstring(L, 1, &len);
  const char *url = NULL, *charset = NULL, *text;
  lua_Integer max_size = PITH_DEFAULT_MAX_SIZE;
  pith_Doc *d;
  pith_decoded dec;
  pith_status status;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "url");
    url = luaL_optstring(L, -1, NULL);
    lua_getfield(L, 2, "charset");
    charset = luaL_optstring(L, -1, NULL);
    lua_getfield(L, 2, "max_size");
    max_size = luaL_optinteger(L, -1, max_size);
    luaL_argcheck(L, max_size >= 0, 2, "max_size must not be negative");
    lua_pop(L, 1); /* url and charset strings stay anchored on the stack */
  }
  if ((lua_Unsigned)len > (lua_Unsigned)max_size || len > INT_MAX) {
    luaL_pushfail(L);
    lua_pushfstring(L, "input too large (%I bytes; limit %I)", (lua_Integer)len,
                    len > INT_MAX && max_size > INT_MAX ? (lua_Integer)INT_MAX
                                                        : max_size);
    return 2;
  }
  /* the userdata exists (closed) before any C resource: nothing below raises
   * until the decoded copy is freed */
  d = (pith_Doc *)lua_newuserdatauv(L, sizeof *d, 2);
  memset(d, 0, sizeof *d);
  luaL_setmetatable(L, PITH_DOC_MT);
  status = pith__decode(html, len, charset, &dec, &text, &textlen);
  if (status == PITH_OK && textlen > INT_MAX) status = PITH_ERR_TOO_LARGE;
  if (status == PITH_OK) d->doc = parse_utf8(text, textlen, url);
  pith_decoded_free(&dec);
  if (status == PITH_ERR_TOO_LARGE) {
    luaL_pushfail(L);
    lua_pushfstring(L, "input too large (%I bytes once decoded to UTF-8; limit %d)",
                    (lua_Integer)textlen, INT_MAX);
    return 2;
  }
  if (status != PITH_OK || d->doc == NULL) {
    luaL_pushfail(L);
    lua_pushliteral(L, "out of memory while parsing");
    return 2;
  }
  if (xmlDocGetRootElement(d->doc) == NULL) {
    free_doc(d);
    luaL_pushfail(L);
    lua_pushliteral(L, "empty document (no element in the input)");
    return 2;
  }
  lua_pushstring(L, dec.charset);
  lua_setiuservalue(L, -2, 1);
  lua_pushstring(L, pith_charset_source_name(dec.source));
  lua_setiuservalue(L, -2, 2);
  return 1;
}

/* RES: name, source -- the charset the input was decoded from ("utf-8",
 * "windows-1252", ...) and where that came from ("bom", "caller", "meta", "sniffed",
 * "fallback", "override"). */
static int doc_charset(lua_State *L) {
  pith__check_doc(L, 1);
  lua_getiuservalue(L, 1, 1);
  lua_getiuservalue(L, 1, 2);
  return 2;
}

static int doc_root(lua_State *L) {
  pith_Doc *d = pith__check_doc(L, 1);
  xmlNodePtr root = xmlDocGetRootElement(d->doc);
  if (root == NULL) return 0;
  pith__push_node(L, 1, root);
  return 1;
}

static xmlNodePtr child_element(xmlNodePtr parent, const char *name) {
  xmlNodePtr c;
  for (c = parent ? parent->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) return c;
  return NULL;
}

static int push_section(lua_State *L, const char *name) {
  pith_Doc *d = pith__check_doc(L, 1);
  xmlNodePtr n = child_element(xmlDocGetRootElement(d->doc), name);
  if (n == NULL) return 0;
  pith__push_node(L, 1, n);
  return 1;
}

static int doc_body(lua_State *L) { return push_section(L, "body"); }
static int doc_head(lua_State *L) { return push_section(L, "head"); }

static int doc_url(lua_State *L) {
  pith_Doc *d = pith__check_doc(L, 1);
  if (d->doc->URL == NULL) return 0;
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
                                       {"url", doc_url},     {"charset", doc_charset},
                                       {NULL, NULL}};

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
