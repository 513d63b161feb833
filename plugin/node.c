/* Node handles: borrowed views of a document's nodes, and tree navigation and
 * mutation. Every access checks that the owning document is still open. */
#include <string.h>

#include "pith_int.h"

xmlNodePtr pith__check_node(lua_State *L, int i, pith_Doc **owner) {
  pith_Node *n = (pith_Node *)luaL_checkudata(L, i, PITH_NODE_MT);
  if (n->owner->doc == NULL)
    luaL_error(L, "attempt to use a node of a closed document");
  if (owner)
    *owner = n->owner;
  return n->node;
}

xmlNodePtr pith__check_context(lua_State *L, int i, pith_Doc **owner) {
  pith_Doc *d = (pith_Doc *)luaL_testudata(L, i, PITH_DOC_MT);
  if (d != NULL) {
    if (d->doc == NULL)
      luaL_error(L, "attempt to use a closed document");
    if (owner)
      *owner = d;
    return (xmlNodePtr)d->doc;
  }
  return pith__check_node(L, i, owner);
}

void pith__push_owner(lua_State *L, int i) {
  if (luaL_testudata(L, i, PITH_DOC_MT))
    lua_pushvalue(L, i);
  else
    lua_getiuservalue(L, i, 1);
}

void pith__push_node(lua_State *L, int docidx, xmlNodePtr node) {
  pith_Node *n;
  docidx = lua_absindex(L, docidx);
  n = (pith_Node *)lua_newuserdatauv(L, sizeof *n, 1);
  n->node = node;
  n->owner = (pith_Doc *)lua_touserdata(L, docidx);
  lua_pushvalue(L, docidx);
  lua_setiuservalue(L, -2, 1);
  luaL_setmetatable(L, PITH_NODE_MT);
}

/* Pushes `node` as a sibling handle of the node at index 1, or nil. */
static int push_related(lua_State *L, xmlNodePtr node) {
  if (node == NULL)
    return 0;
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

static int node_attr(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  const char *name = luaL_checkstring(L, 2);
  xmlAttrPtr a;
  if (n->type != XML_ELEMENT_NODE)
    return 0;
  a = xmlHasProp(n, (const xmlChar *)name);
  if (a == NULL)
    return 0;
  if (a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL)
    lua_pushstring(L, a->children->content ? (const char *)a->children->content : "");
  else {
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    lua_pushstring(L, v ? (const char *)v : "");
    xmlFree(v);
  }
  return 1;
}

static int node_parent(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  xmlNodePtr p = n->parent;
  if (p == NULL || p->type != XML_ELEMENT_NODE)
    return 0;
  return push_related(L, p);
}

static int node_children(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL), c;
  lua_Integer i = 0;
  int all = lua_toboolean(L, 2); /* true: text and comment nodes too */
  pith__push_owner(L, 1);
  lua_newtable(L);
  for (c = n->children; c; c = c->next) {
    if (!all && c->type != XML_ELEMENT_NODE)
      continue;
    pith__push_node(L, -2, c);
    lua_rawseti(L, -2, ++i);
  }
  return 1;
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
    lua_pushfstring(L, "pith.Node <%s> (%p)", n->node->name ? (const char *)n->node->name : "",
                    (void *)n->node);
  return 1;
}

static const luaL_Reg node_meta[] = {
    {"__index", NULL}, {"__eq", node_eq}, {"__tostring", node_tostring}, {NULL, NULL}};

static const luaL_Reg node_methods[] = {{"tag", node_tag},
                                        {"attr", node_attr},
                                        {"parent", node_parent},
                                        {"children", node_children},
                                        {NULL, NULL}};

void pith__open_node(lua_State *L) {
  luaL_newmetatable(L, PITH_NODE_MT);
  luaL_setfuncs(L, node_meta, 0);
  luaL_newlibtable(L, node_methods);
  luaL_setfuncs(L, node_methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}
