/* Private header of the pith.core module: shared types, type names and the
 * registration hooks of each primitive file. Nothing here is exported. */
#ifndef PITH_INT_H
#define PITH_INT_H

#include <stddef.h>

#include <lua.h>
#include <lauxlib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "pith.h"
#include "compat.h"
#include "buf.h"

#pragma GCC visibility push(hidden)

#define PITH_DOC_MT   "pith.Document"
#define PITH_NODE_MT  "pith.Node"
#define PITH_REGEX_MT "pith.Regex"

/* The document userdata owns the tree. Nodes removed from the tree are parked
 * under `trash` (never freed while Lua may still hold them) and freed on close. */
typedef struct pith_Doc {
  htmlDocPtr doc;
  xmlNodePtr trash;
  xmlXPathContextPtr xpath; /* one context per document, made on first use */
} pith_Doc;

/* A borrowed node; user value 1 is the owning document userdata. */
typedef struct pith_Node {
  xmlNodePtr node;
  pith_Doc *owner;
} pith_Node;

/* dom.c / node.c */
pith_Doc *pith__check_doc(lua_State *L, int i);
xmlNodePtr pith__check_node(lua_State *L, int i, pith_Doc **owner);
/* A document or a node at i: the node to work from (the document node for a doc). */
xmlNodePtr pith__check_context(lua_State *L, int i, pith_Doc **owner);
/* Pushes the document userdata that owns the doc or node at index i. */
void pith__push_owner(lua_State *L, int i);
/* Pushes a node handle; docidx is the stack index of the owning document userdata. */
void pith__push_node(lua_State *L, int docidx, xmlNodePtr n);
/* Pushes an attribute's value (its text children joined). */
void pith__push_attr_value(lua_State *L, xmlAttrPtr a);
/* Unlinks n from the tree and keeps it until the document closes. */
void pith__park(pith_Doc *d, xmlNodePtr n);
/* Adds functions to the method table (__index) of metatable `mt`. */
void pith__add_methods(lua_State *L, const char *mt, const luaL_Reg *regs);

/* Registration hooks: each takes the module table at the top of the stack and
 * adds its functions (and methods to the document/node metatables). dom first. */
void pith__open_dom(lua_State *L);
void pith__open_node(lua_State *L);
void pith__open_select(lua_State *L);
void pith__open_regex(lua_State *L);
void pith__open_text(lua_State *L);
void pith__open_extract(lua_State *L);
void pith__open_gzip(lua_State *L);
void pith__open_proc(lua_State *L);
void pith__open_walk(lua_State *L);

#pragma GCC visibility pop

/* The node after n in document order within root's subtree (root itself excluded),
 * entering only elements (and root): the pre-order walk the C selection and
 * metadata walks share. NULL after the last one. */
static inline xmlNodePtr pith__next_in(xmlNodePtr n, xmlNodePtr root) {
  if ((n->type == XML_ELEMENT_NODE || n == root) && n->children) return n->children;
  while (n != root) {
    if (n->next) return n->next;
    n = n->parent;
    if (n == NULL) return NULL;
  }
  return NULL;
}

#endif
