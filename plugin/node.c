/* Node handles: borrowed views of a document's nodes, and tree navigation,
 * mutation and serialisation. Every access checks that the owning document is still
 * open. Mutation never frees a node (Lua may hold it): removed nodes are parked. */
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/xmlIO.h>

#include "pith_int.h"

#define PITH_OUTBUF_MT "pith.OutputBuffer"

xmlNodePtr pith__check_node(lua_State *L, int i, pith_Doc **owner) {
  pith_Node *n = (pith_Node *)luaL_checkudata(L, i, PITH_NODE_MT);
  if (n->owner->doc == NULL) luaL_error(L, "attempt to use a node of a closed document");
  if (owner) *owner = n->owner;
  return n->node;
}

xmlNodePtr pith__check_context(lua_State *L, int i, pith_Doc **owner) {
  pith_Doc *d = (pith_Doc *)luaL_testudata(L, i, PITH_DOC_MT);
  if (d != NULL) {
    if (d->doc == NULL) luaL_error(L, "attempt to use a closed document");
    if (owner) *owner = d;
    return (xmlNodePtr)d->doc;
  }
  return pith__check_node(L, i, owner);
}

/* A node keeps its document alive (the tree is freed with the document). Under 5.4
 * and 5.3 the document is the node's user value. Lua 5.1 and LuaJIT only give a
 * userdata an environment table, so a node shares its document's table (compat.h
 * makes one per document for its user values) and finds the document in slot 0:
 * a strong reference like 5.4's, with no table per node and no weak table. */
#if LUA_VERSION_NUM < 503
#define NODE_DOC_SLOT 0
#endif

void pith__push_owner(lua_State *L, int i) {
  if (luaL_testudata(L, i, PITH_DOC_MT)) {
    lua_pushvalue(L, i);
    return;
  }
#if LUA_VERSION_NUM >= 504
  lua_getiuservalue(L, i, 1);
#elif LUA_VERSION_NUM == 503
  lua_getuservalue(L, i);
#else
  lua_getfenv(L, i);
  lua_rawgeti(L, -1, NODE_DOC_SLOT);
  lua_remove(L, -2);
#endif
}

void pith__push_node(lua_State *L, int docidx, xmlNodePtr node) {
  pith_Node *n;
  docidx = lua_absindex(L, docidx);
#if LUA_VERSION_NUM >= 504
  n = (pith_Node *)lua_newuserdatauv(L, sizeof *n, 1);
  lua_pushvalue(L, docidx);
  lua_setiuservalue(L, -2, 1);
#elif LUA_VERSION_NUM == 503
  n = (pith_Node *)lua_newuserdata(L, sizeof *n);
  lua_pushvalue(L, docidx);
  lua_setuservalue(L, -2);
#else
  n = (pith_Node *)lua_newuserdata(L, sizeof *n);
  lua_getfenv(L, docidx);
  if (lua_rawgeti(L, -1, NODE_DOC_SLOT) == LUA_TNIL) {
    lua_pushvalue(L, docidx);
    lua_rawseti(L, -3, NODE_DOC_SLOT);
  }
  lua_pop(L, 1);
  lua_setfenv(L, -2);
#endif
  n->node = node;
  n->owner = (pith_Doc *)lua_touserdata(L, docidx);
  luaL_setmetatable(L, PITH_NODE_MT);
}

/* Pushes `node` as a sibling handle of the node at index 1, or nil. */
static int push_related(lua_State *L, xmlNodePtr node) {
  if (node == NULL) return 0;
  pith__push_owner(L, 1);
  pith__push_node(L, -1, node);
  return 1;
}

static int node_tag(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  if (n->type == XML_ELEMENT_NODE)
    lua_pushstring(L, (const char *)n->name);
  else if (n->type == XML_TEXT_NODE)
    lua_pushliteral(L, "#text");
  else if (n->type == XML_COMMENT_NODE)
    lua_pushliteral(L, "#comment");
  else
    lua_pushliteral(L, "#other");
  return 1;
}

/* Pushes an attribute's value without a C allocation that a Lua error could leak. */
void pith__push_attr_value(lua_State *L, xmlAttrPtr a) {
  xmlNodePtr c = a->children;
  if (c == NULL)
    lua_pushliteral(L, "");
  else if (c->next == NULL)
    lua_pushstring(L, c->content ? (const char *)c->content : "");
  else {
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (; c; c = c->next)
      if (c->content) luaL_addstring(&b, (const char *)c->content);
    luaL_pushresult(&b);
  }
}

static int node_attr(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  const char *name = luaL_checkstring(L, 2);
  xmlAttrPtr a;
  if (n->type != XML_ELEMENT_NODE) return 0;
  for (a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, name) == 0) {
      pith__push_attr_value(L, a);
      return 1;
    }
  return 0;
}

/* RES: {name = value}; empty for a non-element */
static int node_attrs(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  xmlAttrPtr a;
  lua_newtable(L);
  if (n->type != XML_ELEMENT_NODE) return 1;
  for (a = n->properties; a; a = a->next) {
    pith__push_attr_value(L, a);
    lua_setfield(L, -2, (const char *)a->name);
  }
  return 1;
}

static int is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* WHATWG attribute names: anything but whitespace, NUL, quotes, '>', '/' and '='. */
static int valid_attr_name(const char *s, size_t len) {
  size_t i;
  if (len == 0) return 0;
  for (i = 0; i < len; i++)
    if (is_space(s[i]) || (unsigned char)s[i] < 0x20 || strchr("\"'>/=", s[i]) != NULL)
      return 0;
  return 1;
}

/* ARG: name, value | nil (nil removes it) */
static int node_set_attr(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  size_t len;
  const char *name = luaL_checklstring(L, 2, &len);
  const char *value = luaL_optstring(L, 3, NULL);
  luaL_argcheck(L, n->type == XML_ELEMENT_NODE, 1, "not an element");
  luaL_argcheck(L, valid_attr_name(name, len), 2, "invalid attribute name");
  if (value == NULL) {
    xmlAttrPtr a = n->properties, next;
    for (; a; a = next) {
      next = a->next;
      if (strcmp((const char *)a->name, name) == 0) xmlRemoveProp(a);
    }
  } else if (xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value) == NULL) {
    return luaL_error(L, "out of memory");
  }
  return 0;
}

/* ARG: class  RES: whether the class attribute lists it (whitespace-separated,
 * case-sensitive tokens) */
static int node_has_class(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  size_t clen, i;
  const char *cls = luaL_checklstring(L, 2, &clen), *p;
  xmlAttrPtr a;
  xmlChar *copy = NULL;
  int found = 0;
  for (i = 0; i < clen; i++)
    if (is_space(cls[i]) || cls[i] == 0) clen = 0; /* a token never contains whitespace */
  if (n->type != XML_ELEMENT_NODE || clen == 0) goto done;
  for (a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, "class") == 0) break;
  if (a == NULL || a->children == NULL) goto done;
  if (a->children->next == NULL)
    p = a->children->content ? (const char *)a->children->content : "";
  else {
    copy = xmlNodeGetContent((xmlNodePtr)a);
    p = copy ? (const char *)copy : "";
  }
  while (*p && !found) {
    const char *start;
    while (is_space(*p))
      p++;
    start = p;
    while (*p && !is_space(*p))
      p++;
    found = (size_t)(p - start) == clen && memcmp(start, cls, clen) == 0;
  }
  xmlFree(copy);
done:
  lua_pushboolean(L, found);
  return 1;
}

static int node_parent(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr n = pith__check_node(L, 1, &d);
  xmlNodePtr p = n->parent;
  if (p == NULL || p->type != XML_ELEMENT_NODE || p == d->trash)
    return 0; /* a removed node has no parent */
  return push_related(L, p);
}

static int node_children(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL), c;
  lua_Integer i = 0;
  int all = lua_toboolean(L, 2); /* true: text and comment nodes too */
  pith__push_owner(L, 1);
  lua_newtable(L);
  for (c = n->children; c; c = c->next) {
    if (!all && c->type != XML_ELEMENT_NODE) continue;
    pith__push_node(L, -2, c);
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

static int is_tree_node(xmlNodePtr n) {
  return n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE ||
         n->type == XML_COMMENT_NODE || n->type == XML_CDATA_SECTION_NODE ||
         n->type == XML_PI_NODE;
}

/* ARG: [all]  RES: the next (or previous) element sibling, any node when `all` */
static int sibling(lua_State *L, int forward) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  int all = lua_toboolean(L, 2);
  do
    n = forward ? n->next : n->prev;
  while (n && !(all ? is_tree_node(n) : n->type == XML_ELEMENT_NODE));
  return push_related(L, n);
}

static int node_next(lua_State *L) { return sibling(L, 1); }
static int node_prev(lua_State *L) { return sibling(L, 0); }

/* A node at i that may be moved: an element, text or comment of an open document. */
static xmlNodePtr check_movable(lua_State *L, int i, pith_Doc **owner) {
  xmlNodePtr n = pith__check_node(L, i, owner);
  luaL_argcheck(L, is_tree_node(n) && n != (*owner)->trash, i, "not a movable node");
  return n;
}

/* Links the unlinked node c just before ref. By hand: xmlAddPrevSibling merges
 * adjacent text nodes and frees one, which Lua may still hold. */
static void link_before(pith_Doc *d, xmlNodePtr ref, xmlNodePtr c) {
  if (ref->parent == NULL) { /* ref is detached (out of memory when parking it) */
    pith__park(d, c);
    return;
  }
  c->parent = ref->parent;
  c->next = ref;
  c->prev = ref->prev;
  if (ref->prev)
    ref->prev->next = c;
  else
    ref->parent->children = c;
  ref->prev = c;
}

/* Takes the node out of the tree; the handle stays valid (and can be put back
 * with replace_with). */
static int node_remove(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr n = check_movable(L, 1, &d);
  pith__park(d, n);
  return 0;
}

/* Replaces the node by its children. */
static int node_unwrap(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr n = check_movable(L, 1, &d), c;
  while ((c = n->children) != NULL) {
    xmlUnlinkNode(c);
    link_before(d, n, c);
  }
  pith__park(d, n);
  return 0;
}

/* ARG: node | text  RES: the node now in its place (a new text node for a string) */
static int node_replace_with(lua_State *L) {
  pith_Doc *d, *d2;
  xmlNodePtr n = check_movable(L, 1, &d), x, p;
  if (lua_type(L, 2) == LUA_TSTRING) {
    const char *s = lua_tostring(L, 2);
    pith__push_owner(L, 1);
    x = xmlNewDocText(d->doc, (const xmlChar *)s);
    if (x == NULL) return luaL_error(L, "out of memory");
  } else {
    x = check_movable(L, 2, &d2);
    luaL_argcheck(L, d2 == d, 2, "a node of another document");
    if (x == n) {
      lua_settop(L, 1);
      return 1;
    }
    for (p = n->parent; p; p = p->parent)
      luaL_argcheck(L, p != x, 2, "an ancestor of the node it would replace");
    pith__push_owner(L, 1);
    xmlUnlinkNode(x);
  }
  link_before(d, n, x);
  pith__park(d, n);
  pith__push_node(L, -1, x);
  return 1;
}

/* Serialisation goes through an xmlOutputBuffer boxed in a userdata, so a Lua error
 * (out of memory while pushing the result) cannot leak it. */
typedef struct outbuf_box {
  xmlOutputBufferPtr out;
} outbuf_box;

static int outbuf_gc(lua_State *L) {
  outbuf_box *b = (outbuf_box *)luaL_checkudata(L, 1, PITH_OUTBUF_MT);
  if (b->out) {
    xmlOutputBufferClose(b->out);
    b->out = NULL;
  }
  return 0;
}

static void silent_error(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

enum { HTML_OUTER, HTML_INNER, HTML_DOCUMENT };

static int push_html(lua_State *L, xmlDocPtr doc, xmlNodePtr n, int what) {
  outbuf_box *b = (outbuf_box *)lua_newuserdatauv(L, sizeof *b, 0);
  xmlGenericErrorFunc old_handler;
  void *old_ctx;
  xmlNodePtr c;
  b->out = NULL;
  luaL_setmetatable(L, PITH_OUTBUF_MT);
  if ((b->out = xmlAllocOutputBuffer(NULL)) == NULL)
    return luaL_error(L, "out of memory");
  old_handler = xmlGenericError;
  old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, silent_error); /* serialiser errors print otherwise */
  if (what == HTML_DOCUMENT)
    htmlDocContentDumpFormatOutput(b->out, doc, NULL, 0);
  else if (what == HTML_INNER)
    for (c = n->children; c; c = c->next)
      htmlNodeDumpFormatOutput(b->out, doc, c, NULL, 0);
  else
    htmlNodeDumpFormatOutput(b->out, doc, n, NULL, 0);
  xmlOutputBufferFlush(b->out);
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  if (b->out->error) return luaL_error(L, "out of memory");
  lua_pushlstring(L, (const char *)xmlOutputBufferGetContent(b->out),
                  xmlOutputBufferGetSize(b->out));
  xmlOutputBufferClose(b->out);
  b->out = NULL;
  return 1;
}

/* RES: outer HTML (UTF-8) */
static int node_html(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr n = pith__check_node(L, 1, &d);
  return push_html(L, d->doc, n, HTML_OUTER);
}

/* RES: the HTML of the node's children */
static int node_inner_html(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr n = pith__check_node(L, 1, &d);
  return push_html(L, d->doc, n, HTML_INNER);
}

/* RES: the whole document as HTML (UTF-8, whatever charset it was read from) */
static int doc_html(lua_State *L) {
  pith_Doc *d = pith__check_doc(L, 1);
  return push_html(L, d->doc, (xmlNodePtr)d->doc, HTML_DOCUMENT);
}

static int node_eq(lua_State *L) {
  pith_Node *a = (pith_Node *)luaL_testudata(L, 1, PITH_NODE_MT);
  pith_Node *b = (pith_Node *)luaL_testudata(L, 2, PITH_NODE_MT);
  lua_pushboolean(L, a && b && a->node == b->node);
  return 1;
}

static int node_tostring(lua_State *L) {
  pith_Node *n = (pith_Node *)luaL_checkudata(L, 1, PITH_NODE_MT);
  if (n->owner->doc == NULL)
    lua_pushliteral(L, "pith.Node (closed document)");
  else
    lua_pushfstring(L, "pith.Node <%s> (%p)",
                    n->node->name ? (const char *)n->node->name : "", (void *)n->node);
  return 1;
}

static const luaL_Reg node_meta[] = {
    {"__index", NULL}, {"__eq", node_eq}, {"__tostring", node_tostring}, {NULL, NULL}};

static const luaL_Reg node_methods[] = {{"tag", node_tag},
                                        {"attr", node_attr},
                                        {"attrs", node_attrs},
                                        {"set_attr", node_set_attr},
                                        {"has_class", node_has_class},
                                        {"parent", node_parent},
                                        {"children", node_children},
                                        {"next", node_next},
                                        {"prev", node_prev},
                                        {"remove", node_remove},
                                        {"unwrap", node_unwrap},
                                        {"replace_with", node_replace_with},
                                        {"html", node_html},
                                        {"inner_html", node_inner_html},
                                        {NULL, NULL}};

static const luaL_Reg doc_methods[] = {{"html", doc_html}, {NULL, NULL}};

void pith__open_node(lua_State *L) {
  luaL_newmetatable(L, PITH_NODE_MT);
  luaL_setfuncs(L, node_meta, 0);
  luaL_newlibtable(L, node_methods);
  luaL_setfuncs(L, node_methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  luaL_newmetatable(L, PITH_OUTBUF_MT);
  lua_pushcfunction(L, outbuf_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  pith__add_methods(L, PITH_DOC_MT, doc_methods);
}
