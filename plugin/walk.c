/* Tree walks for metadata: one pass over the elements instead of XPath queries
 * (libxml2 sorts and de-duplicates a union, and copies each attribute a predicate
 * reads). Walks are iterative, so tree depth costs no C stack. */
#include <string.h>

#include "pith_int.h"

/* Most names a walk takes: the callers ask for a handful. */
#define WALK_MAX_NAMES 32

/* The node after n in document order within root's subtree (root excluded), or NULL. */
static xmlNodePtr next_in(xmlNodePtr n, xmlNodePtr root) {
  if ((n->type == XML_ELEMENT_NODE || n == root) && n->children) return n->children;
  while (n != root) {
    if (n->next) return n->next;
    n = n->parent;
    if (n == NULL) return NULL;
  }
  return NULL;
}

/* The node after n in document order, not entering n's own subtree first when
 * skip_kids is set (the XPath following axis), stopping before the document. */
static xmlNodePtr next_after(xmlNodePtr n, int skip_kids) {
  if (!skip_kids && n->type == XML_ELEMENT_NODE && n->children) return n->children;
  for (;;) {
    if (n->next) return n->next;
    n = n->parent;
    if (n == NULL || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
      return NULL;
  }
}

/* Reads the array of strings at idx into names; returns how many. */
static int check_names(lua_State *L, int idx, const char **names) {
  int k, count;
  luaL_checktype(L, idx, LUA_TTABLE);
  count = (int)lua_rawlen(L, idx);
  luaL_argcheck(L, count <= WALK_MAX_NAMES, idx, "too many names");
  for (k = 0; k < count; k++) {
    lua_rawgeti(L, idx, k + 1);
    luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, idx, "names must be strings");
    names[k] = lua_tostring(L, -1); /* kept alive by the table at idx */
    lua_pop(L, 1);
  }
  return count;
}

/* ARG: names (array of tag names) [, into ({name = key of the list it joins})]
 * RES: {key = {elements in document order}}: a (possibly empty) list per name, or per
 * `into` key when given (so <meta> and <link> can share one list in document order) */
static int doc_elements(lua_State *L) {
  xmlNodePtr root = pith__check_context(L, 1, NULL), n;
  const char *names[WALK_MAX_NAMES];
  int slot[WALK_MAX_NAMES]; /* stack index of each name's list */
  int count = check_names(L, 2, names), k, result;
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  luaL_checkstack(L, count + 4, "too many names");
  pith__push_owner(L, 1);
  lua_createtable(L, 0, count);
  result = lua_gettop(L);
  for (k = 0; k < count; k++) {
    const char *key = names[k];
    if (lua_istable(L, 3)) {
      lua_getfield(L, 3, names[k]);
      if (lua_type(L, -1) == LUA_TSTRING) key = lua_tostring(L, -1);
      lua_pop(L, 1); /* the string stays alive in the table at 3 */
    }
    lua_getfield(L, result, key);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      lua_newtable(L);
      lua_pushvalue(L, -1);
      lua_setfield(L, result, key);
    }
    slot[k] = lua_gettop(L);
  }
  for (n = next_in(root, root); n; n = next_in(n, root)) {
    if (n->type != XML_ELEMENT_NODE || n->ns != NULL) continue;
    for (k = 0; k < count; k++)
      if (n->name[0] == (xmlChar)names[k][0] &&
          strcmp((const char *)n->name, names[k]) == 0) {
        pith__push_node(L, result - 1, n);
        lua_rawseti(L, slot[k], (lua_Integer)lua_rawlen(L, slot[k]) + 1);
        break;
      }
  }
  lua_settop(L, result);
  return 1;
}

static xmlAttrPtr find_attr(xmlNodePtr n, const char *name) {
  xmlAttrPtr a;
  for (a = n->properties; a; a = a->next)
    if (a->name[0] == (xmlChar)name[0] && a->ns == NULL &&
        strcmp((const char *)a->name, name) == 0)
      return a;
  return NULL;
}

/* Appends n to the window if it carries one of the names: the node at nodes[k],
 * its values at vals[(k-1)*count + j] (false when absent). */
static void add_hinted(lua_State *L, int docidx, int nodes, int vals, xmlNodePtr n,
                       const char **names, int count, lua_Integer *k) {
  xmlAttrPtr found[WALK_MAX_NAMES];
  int j, any = 0;
  for (j = 0; j < count; j++) {
    found[j] = find_attr(n, names[j]);
    if (found[j]) any = 1;
  }
  if (!any) return;
  ++*k;
  pith__push_node(L, docidx, n);
  lua_rawseti(L, nodes, *k);
  for (j = 0; j < count; j++) {
    if (found[j])
      pith__push_attr_value(L, found[j]);
    else
      lua_pushboolean(L, 0);
    lua_rawseti(L, vals, (*k - 1) * count + j + 1);
  }
}

/* ARG: before, after, names [, up]
 * RES: nodes, values: the first `before` elements below the node's `up`-th element
 * ancestor (0: the node itself; none if it has no such ancestor), then the first `after`
 * elements following the node (not its descendants), each element once, in that order,
 * keeping those carrying one of the attribute `names`; values is flat, #names per node
 * (the attribute's value or false). As the XPath
 * `ancestor::*[up]/descendant::*[position()<=before][@a or @b]` followed by
 * `following::*[position()<=after][@a or @b]` without the elements they share. */
static int node_window(lua_State *L) {
  xmlNodePtr self = pith__check_node(L, 1, NULL), block = self, n, last = NULL;
  lua_Integer before = luaL_checkinteger(L, 2), after = luaL_checkinteger(L, 3), seen,
              k = 0;
  lua_Integer up = luaL_optinteger(L, 5, 0);
  const char *names[WALK_MAX_NAMES];
  int count = check_names(L, 4, names), docidx, nodes, vals, passed = 0, skipping;
  for (; up > 0 && block; up--) {
    block = block->parent;
    if (block && block->type != XML_ELEMENT_NODE) block = NULL;
  }
  pith__push_owner(L, 1);
  docidx = lua_gettop(L);
  lua_newtable(L);
  nodes = lua_gettop(L);
  lua_newtable(L);
  vals = lua_gettop(L);
  if (self->type != XML_ELEMENT_NODE) block = NULL;
  seen = 0;
  for (n = block ? next_in(block, block) : NULL; n && seen < before;
       n = next_in(n, block)) {
    if (n->type != XML_ELEMENT_NODE) continue;
    seen++;
    last = n;
    if (n == self) passed = 1;
    add_hinted(L, docidx, nodes, vals, n, names, count, &k);
  }
  /* The block's run goes on past the node's subtree into the following run: those
   * elements were taken already, up to `last`. */
  skipping = 0;
  if (passed && last) {
    xmlNodePtr p = last;
    while (p && p != self)
      p = p->parent;
    skipping = p == NULL;
  }
  seen = 0;
  if (self->type == XML_ELEMENT_NODE)
    for (n = next_after(self, 1); n && seen < after; n = next_after(n, 0)) {
      if (n->type != XML_ELEMENT_NODE) continue;
      seen++;
      if (skipping) {
        if (n == last) skipping = 0;
        continue;
      }
      add_hinted(L, docidx, nodes, vals, n, names, count, &k);
    }
  return 2;
}

static const luaL_Reg node_methods[] = {{"window", node_window}, {NULL, NULL}};
static const luaL_Reg doc_methods[] = {{"elements", doc_elements}, {NULL, NULL}};

void pith__open_walk(lua_State *L) {
  pith__add_methods(L, PITH_NODE_MT, node_methods);
  pith__add_methods(L, PITH_DOC_MT, doc_methods);
}
