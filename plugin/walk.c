/* Tree walks for metadata: one pass over the elements instead of XPath queries
 * (libxml2 sorts and de-duplicates a union, and copies each attribute a predicate
 * reads). Walks are iterative, so tree depth costs no C stack. doc:meta_walk reads
 * everything pith.metadata needs from the whole page in one pass, as strings where
 * strings are all it needs; node:window_marks matches the hint words near the headline
 * and returns only the candidates (the page's walks run on a tree the parse just built,
 * out of cache: their cost is the Lua values they make and the memory they touch). */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "pith_int.h"

/* Most names a walk takes: the callers ask for a handful. */
#define WALK_MAX_NAMES 32

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
  for (n = pith__next_in(root, root); n; n = pith__next_in(n, root)) {
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

static int lower_ascii(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

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

/* What a window walk does with each element it passes. */
typedef void (*window_visit)(lua_State *L, void *ctx, xmlNodePtr n);

/* The window of self: the first `before` elements below its `up`-th element ancestor
 * (0: self; none if it has no such ancestor), then the first `after` elements following
 * it (not its descendants), each element once, in that order. */
static void window_walk(lua_State *L, xmlNodePtr self, lua_Integer up, lua_Integer before,
                        lua_Integer after, window_visit visit, void *ctx) {
  xmlNodePtr block = self, n, last = NULL;
  lua_Integer seen = 0;
  int passed = 0, skipping = 0;
  for (; up > 0 && block; up--) {
    block = block->parent;
    if (block && block->type != XML_ELEMENT_NODE) block = NULL;
  }
  if (self->type != XML_ELEMENT_NODE) return;
  for (n = block ? pith__next_in(block, block) : NULL; n && seen < before;
       n = pith__next_in(n, block)) {
    if (n->type != XML_ELEMENT_NODE) continue;
    seen++;
    last = n;
    if (n == self) passed = 1;
    visit(L, ctx, n);
  }
  /* The block's run goes on past the node's subtree into the following run: those
   * elements were taken already, up to `last`. */
  if (passed && last) {
    xmlNodePtr p = last;
    while (p && p != self)
      p = p->parent;
    skipping = p == NULL;
  }
  seen = 0;
  for (n = next_after(self, 1); n && seen < after; n = next_after(n, 0)) {
    if (n->type != XML_ELEMENT_NODE) continue;
    seen++;
    if (skipping) {
      if (n == last) skipping = 0;
      continue;
    }
    visit(L, ctx, n);
  }
}

typedef struct {
  int docidx, nodes, vals, count;
  const char **names;
  lua_Integer k;
} hinted_ctx;

static void visit_hinted(lua_State *L, void *ctx, xmlNodePtr n) {
  hinted_ctx *c = (hinted_ctx *)ctx;
  add_hinted(L, c->docidx, c->nodes, c->vals, n, c->names, c->count, &c->k);
}

/* ARG: before, after, names [, up]
 * RES: nodes, values: the window of the node (see window_walk) keeping the elements
 * carrying one of the attribute `names`; values is flat, #names per node (the
 * attribute's value or false). As the XPath
 * `ancestor::*[up]/descendant::*[position()<=before][@a or @b]` followed by
 * `following::*[position()<=after][@a or @b]` without the elements they share. */
static int node_window(lua_State *L) {
  xmlNodePtr self = pith__check_node(L, 1, NULL);
  lua_Integer before = luaL_checkinteger(L, 2), after = luaL_checkinteger(L, 3);
  lua_Integer up = luaL_optinteger(L, 5, 0);
  const char *names[WALK_MAX_NAMES];
  hinted_ctx c;
  c.count = check_names(L, 4, names);
  c.names = names;
  c.k = 0;
  pith__push_owner(L, 1);
  c.docidx = lua_gettop(L);
  lua_newtable(L);
  c.nodes = lua_gettop(L);
  lua_newtable(L);
  c.vals = lua_gettop(L);
  window_walk(L, self, up, before, after, visit_hinted, &c);
  return 2;
}

/* Most words node:window_marks takes, over all its groups (one bit each). */
#define MARK_MAX_WORDS  32
#define MARK_MAX_GROUPS 16

typedef struct {
  int docidx, nodes, hints, tags, marks, count;
  const char **names;
  const char *words[MARK_MAX_WORDS];
  int group[MARK_MAX_WORDS];
  unsigned long first[256]; /* bit w set: words[w] starts with this byte (any case) */
  lua_Integer k;
} marks_ctx;

/* Index of the lowest set bit of m (m != 0, at most MARK_MAX_WORDS bits): a de Bruijn
 * multiply instead of a bit-by-bit scan, which this walk ran for every letter that
 * starts a word, on every class and id of the window. */
static int lowest_bit(unsigned long m) {
  static const unsigned char pos[32] = {0,  1,  28, 2,  29, 14, 24, 3,  30, 22, 20,
                                        15, 25, 17, 4,  8,  31, 27, 13, 23, 21, 19,
                                        16, 7,  26, 12, 18, 6,  11, 5,  10, 9};
  uint32_t v = (uint32_t)(m & 0xFFFFFFFFUL);
  return pos[(uint32_t)((v & (0u - v)) * UINT32_C(0x077CB531)) >> 27];
}

/* The groups (bits) whose words occur in s, ASCII letters compared without case. */
static unsigned long marks_of(const marks_ctx *c, const char *s, unsigned long mask) {
  for (; *s; s++) {
    unsigned long m = c->first[(unsigned char)*s];
    while (m) {
      int w = lowest_bit(m);
      const char *word;
      size_t i = 1;
      m &= ~(1UL << w);
      word = c->words[w];
      while (word[i] && s[i] &&
             lower_ascii((unsigned char)s[i]) == (unsigned char)word[i])
        i++;
      if (word[i] == '\0') mask |= 1UL << c->group[w];
    }
  }
  return mask;
}

static void visit_marks(lua_State *L, void *ctx, xmlNodePtr n) {
  marks_ctx *c = (marks_ctx *)ctx;
  const char *vals[WALK_MAX_NAMES];
  unsigned long mask = 0;
  xmlAttrPtr a;
  int j, any = 0, top;
  if (n->properties == NULL) return;
  top = lua_gettop(L);
  for (j = 0; j < c->count; j++)
    vals[j] = NULL;
  /* One pass over the attributes; the first of each name counts, as in find_attr. */
  for (a = n->properties; a; a = a->next) {
    if (a->ns != NULL) continue;
    for (j = 0; j < c->count; j++)
      if (vals[j] == NULL && a->name[0] == (xmlChar)c->names[j][0] &&
          strcmp((const char *)a->name, c->names[j]) == 0)
        break;
    if (j == c->count) continue;
    any = 1;
    if (a->children && a->children->next == NULL)
      vals[j] = a->children->content ? (const char *)a->children->content : "";
    else {
      pith__push_attr_value(L, a); /* several text children (rare): joined on the stack */
      vals[j] = lua_tostring(L, -1);
    }
    mask = marks_of(c, vals[j], mask);
  }
  if (any && mask) {
    luaL_Buffer b;
    c->k++;
    pith__push_node(L, c->docidx, n);
    lua_rawseti(L, c->nodes, c->k);
    luaL_buffinit(L, &b);
    for (j = 0; j < c->count; j++) {
      const char *s = vals[j];
      if (j > 0) luaL_addchar(&b, ' ');
      for (; s && *s; s++)
        luaL_addchar(&b, (char)lower_ascii((unsigned char)*s));
    }
    luaL_pushresult(&b);
    lua_rawseti(L, c->hints, c->k);
    lua_pushstring(L, (const char *)n->name);
    lua_rawseti(L, c->tags, c->k);
    lua_pushinteger(L, (lua_Integer)mask);
    lua_rawseti(L, c->marks, c->k);
  }
  lua_settop(L, top);
}

/* ARG: before, after, names, up, groups (array of arrays of lower-case words)
 * RES: nodes, hints, tags, marks: the elements of the node's window (see window_walk)
 * one of whose attributes `names` holds a word of a group (ASCII letters compared
 * without case), with their lower-cased attribute values joined by " " (an absent one
 * as ""), their tag names, and the groups they match as bits (group g: 2^(g-1)).
 * As node:window with the matching done in Lua, without the strings of the others. */
static int node_window_marks(lua_State *L) {
  xmlNodePtr self = pith__check_node(L, 1, NULL);
  lua_Integer before = luaL_checkinteger(L, 2), after = luaL_checkinteger(L, 3);
  lua_Integer up = luaL_optinteger(L, 5, 0);
  const char *names[WALK_MAX_NAMES];
  marks_ctx c;
  int g, ngroups, w = 0;
  c.count = check_names(L, 4, names);
  c.names = names;
  c.k = 0;
  memset(c.first, 0, sizeof c.first);
  luaL_checktype(L, 6, LUA_TTABLE);
  ngroups = (int)lua_rawlen(L, 6);
  luaL_argcheck(L, ngroups <= MARK_MAX_GROUPS, 6, "too many groups");
  for (g = 0; g < ngroups; g++) {
    int i, nw;
    lua_rawgeti(L, 6, g + 1);
    luaL_argcheck(L, lua_istable(L, -1), 6, "groups must be arrays of words");
    nw = (int)lua_rawlen(L, -1);
    for (i = 0; i < nw; i++) {
      const char *word;
      lua_rawgeti(L, -1, i + 1);
      word = lua_tostring(L, -1);
      luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING && word[0] != '\0', 6,
                    "words must be non-empty strings");
      luaL_argcheck(L, w < MARK_MAX_WORDS, 6, "too many words");
      c.words[w] = word; /* kept alive by the table at 6 */
      c.group[w] = g;
      c.first[(unsigned char)word[0]] |= 1UL << w;
      if (word[0] >= 'a' &&
          word[0] <= 'z') /* either case: marks_of reads bytes as they are */
        c.first[(unsigned char)word[0] - ('a' - 'A')] |= 1UL << w;
      w++;
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_settop(L, 6);
  luaL_checkstack(L, WALK_MAX_NAMES + 8, "window");
  pith__push_owner(L, 1);
  c.docidx = lua_gettop(L);
  lua_newtable(L);
  c.nodes = lua_gettop(L);
  lua_newtable(L);
  c.hints = lua_gettop(L);
  lua_newtable(L);
  c.tags = lua_gettop(L);
  lua_newtable(L);
  c.marks = lua_gettop(L);
  window_walk(L, self, up, before, after, visit_marks, &c);
  return 4;
}

/* ARG: count, word (a string, or an array of them), max
 * RES: {parents}, {leads}: of the first `count` text nodes following the node (XPath
 * following::text()), those whose text, after leading white space, starts with `word`
 * (ASCII letters without case) followed by white space, a colon ("By: Jane Doe") or the
 * end, as their parent elements, at most `max`, in document order; with an array of
 * words, a text node counts once, for the first of them it starts with, whose index
 * `leads` holds. The XPath union of following::text()[1] ... [count] filtered by
 * [starts-with(translate(normalize-space(.), 'WORD', 'word'), 'word ') or ...='word'],
 * walked once instead of sorted. */
static int node_following_lead(lua_State *L) {
  xmlNodePtr self = pith__check_node(L, 1, NULL), n;
  lua_Integer count = luaL_checkinteger(L, 2), max = luaL_checkinteger(L, 4), seen = 0,
              k = 0;
  const char *words[WALK_MAX_NAMES];
  size_t lens[WALK_MAX_NAMES];
  int nwords, w, docidx, out, leads;
  if (lua_type(L, 3) == LUA_TTABLE) {
    nwords = check_names(L, 3, words);
  } else {
    words[0] = luaL_checkstring(L, 3);
    nwords = 1;
  }
  for (w = 0; w < nwords; w++)
    lens[w] = strlen(words[w]);
  pith__push_owner(L, 1);
  docidx = lua_gettop(L);
  lua_newtable(L);
  out = lua_gettop(L);
  lua_newtable(L);
  leads = lua_gettop(L);
  for (n = next_after(self, 1); n && seen < count && k < max; n = next_after(n, 0)) {
    const char *s;
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) continue;
    seen++;
    s = n->content ? (const char *)n->content : "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
      s++;
    if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE) continue;
    for (w = 0; w < nwords; w++) {
      const char *word = words[w], *t;
      size_t i, wl = lens[w];
      for (i = 0; i < wl && s[i] &&
                  lower_ascii((unsigned char)s[i]) == lower_ascii((unsigned char)word[i]);
           i++)
        ;
      if (i < wl) continue;
      t = s + wl;
      if (*t != '\0' && *t != ' ' && *t != '\t' && *t != '\n' && *t != '\r' && *t != ':')
        continue;
      pith__push_node(L, docidx, n->parent);
      lua_rawseti(L, out, ++k);
      lua_pushinteger(L, w + 1);
      lua_rawseti(L, leads, k);
      break;
    }
  }
  return 2;
}

/* Lua's %s in the C locale. */
static int lua_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Elements whose text is no reading matter: the walk below does not enter them. */
static int unread_element(xmlNodePtr n) {
  static const char *const tags[] = {"script",   "style",  "noscript",
                                     "template", "select", "textarea"};
  size_t i;
  if (n->type != XML_ELEMENT_NODE || n->ns != NULL) return 0;
  for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
    if (strcmp((const char *)n->name, tags[i]) == 0) return 1;
  return 0;
}

/* ARG: count, maxlen [, head]
 * RES: {texts}, {parents} [, {cut}]: the first `count` text nodes from the node on (its
 * own text first, then the XPath following::text()), skipping white space alone and the
 * insides of script, style, noscript, template, select and textarea, as strings, and
 * their parent elements; a text without a parent element is counted but not returned, and
 * so is one longer than `maxlen` bytes (a paragraph is no dateline) unless `head` is
 * given: then its first `head` bytes are returned (cut back to a UTF-8 character's start;
 * a paragraph may open with its dateline, "12.11.2021 - Traditionell ..."), and {cut}
 * marks them true. */
static int node_following_texts(lua_State *L) {
  xmlNodePtr self = pith__check_node(L, 1, NULL), n;
  lua_Integer count = luaL_checkinteger(L, 2), maxlen = luaL_checkinteger(L, 3), seen = 0,
              k = 0;
  lua_Integer head = luaL_optinteger(L, 4, 0);
  int docidx, texts, parents, cuts = 0;
  lua_settop(L, 4);
  pith__push_owner(L, 1);
  docidx = lua_gettop(L);
  lua_newtable(L);
  texts = lua_gettop(L);
  lua_newtable(L);
  parents = lua_gettop(L);
  if (head > 0) {
    lua_newtable(L);
    cuts = lua_gettop(L);
  }
  for (n = unread_element(self) ? NULL : next_after(self, 0); n && seen < count;
       n = next_after(n, unread_element(n))) {
    const char *s;
    size_t len;
    int cut = 0;
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) continue;
    s = n->content ? (const char *)n->content : "";
    while (lua_space((unsigned char)*s))
      s++;
    if (*s == '\0') continue;
    seen++;
    if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE) continue;
    len = strlen(s);
    if ((lua_Integer)len > maxlen) {
      if (head <= 0) continue;
      if ((size_t)head < len) len = (size_t)head;
      while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
      cut = 1;
    }
    lua_pushlstring(L, s, len);
    lua_rawseti(L, texts, ++k);
    pith__push_node(L, docidx, n->parent);
    lua_rawseti(L, parents, k);
    if (cut) {
      lua_pushboolean(L, 1);
      lua_rawseti(L, cuts, k);
    }
  }
  return cuts ? 3 : 2;
}

/* An attribute's value: its text when it has one text child, else the joined children
 * pushed on the stack (the caller resets the stack). */
static const char *attr_text(lua_State *L, xmlAttrPtr a, size_t *len) {
  const char *s;
  if (a->children && a->children->next == NULL) {
    s = a->children->content ? (const char *)a->children->content : "";
    *len = strlen(s);
    return s;
  }
  pith__push_attr_value(L, a);
  return lua_tolstring(L, -1, len);
}

/* ARG: self_too, tags, attrs, words
 * RES: true when the node (with self_too) or one of its element ancestors is one of
 * `tags` or has one of the attributes `attrs` holding one of `words` (case-sensitive),
 * as the XPath `ancestor-or-self::*[contains(@a, 'w') or ...] or ancestor-or-self::t`
 * (ancestor:: without self_too), without copying each attribute. */
static int node_closest_match(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL);
  int self_too = lua_toboolean(L, 2), ntags, nattrs, nwords, j, k;
  const char *tags[WALK_MAX_NAMES], *attrs[WALK_MAX_NAMES], *words[WALK_MAX_NAMES];
  ntags = check_names(L, 3, tags);
  nattrs = check_names(L, 4, attrs);
  nwords = check_names(L, 5, words);
  lua_settop(L, 5);
  if (!self_too) n = n->parent;
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    for (j = 0; j < ntags; j++)
      if (n->ns == NULL && strcmp((const char *)n->name, tags[j]) == 0) {
        lua_pushboolean(L, 1);
        return 1;
      }
    for (j = 0; j < nattrs; j++) {
      xmlAttrPtr a = find_attr(n, attrs[j]);
      const char *v;
      size_t len;
      if (a == NULL) continue;
      v = attr_text(L, a, &len);
      for (k = 0; k < nwords; k++)
        if (strstr(v, words[k]) != NULL) {
          lua_pushboolean(L, 1);
          return 1;
        }
      lua_settop(L, 5);
    }
  }
  lua_pushboolean(L, 0);
  return 1;
}

/* ---- The metadata walk: what pith.metadata reads from the whole page, in one pass
 * with strings instead of node handles where strings are all it needs. */

/* The first h1s metadata reads (it looks at no more). */
#define META_H1S 6

/* True when s holds `word` (lower case), ASCII letters compared without case. */
static int holds_word(const char *s, const char *word) {
  size_t wl = strlen(word);
  for (; *s; s++) {
    size_t i = 0;
    while (i < wl && s[i] && lower_ascii((unsigned char)s[i]) == (unsigned char)word[i])
      i++;
    if (i == wl) return 1;
  }
  return 0;
}

/* The value without white space (no-break spaces included) at either end, as
 * pith.meta.str.trim: from *start, the length returned. */
static size_t trim_span(const char *s, size_t len, const char **start) {
  size_t i = 0, j = len;
  for (;;) {
    while (i < j && lua_space((unsigned char)s[i]))
      i++;
    if (j - i >= 2 && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
      i += 2;
    else
      break;
  }
  for (;;) {
    while (j > i && lua_space((unsigned char)s[j - 1]))
      j--;
    if (j - i >= 2 && (unsigned char)s[j - 2] == 0xC2 && (unsigned char)s[j - 1] == 0xA0)
      j -= 2;
    else
      break;
  }
  *start = s + i;
  return j - i;
}

/* True when s holds a character reference (the Lua pattern "&#?%w+;"). */
static int has_reference(const char *s, size_t len) {
  size_t i, j;
  for (i = 0; i < len; i++) {
    if (s[i] != '&') continue;
    j = i + 1;
    if (j < len && s[j] == '#') j++;
    if (j >= len || !isalnum((unsigned char)s[j])) continue;
    while (j < len && isalnum((unsigned char)s[j]))
      j++;
    if (j < len && s[j] == ';') return 1;
  }
  return 0;
}

/* Appends the value at index `value` to map[key] (a new list when absent). */
static void add_value(lua_State *L, int map, const char *key, size_t len, int value) {
  lua_pushlstring(L, key, len);
  lua_pushvalue(L, -1);
  lua_rawget(L, map);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_createtable(L, 1, 0);
    lua_pushvalue(L, value);
    lua_rawseti(L, -2, 1);
    lua_rawset(L, map);
  } else {
    lua_pushvalue(L, value);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    lua_pop(L, 2);
  }
}

/* Most keys a key set holds, and the longest key. */
#define KEYSET_MAX 256
#define KEY_MAX    64

/* The keys (lower case) a map keeps, when the caller names them: a chain per first byte.
 */
typedef struct {
  int active, count;
  const char *key[KEYSET_MAX];
  size_t len[KEYSET_MAX];
  short first[256], next[KEYSET_MAX];
} keyset;

/* Reads the optional array of keys at idx into ks (inactive when nil: every key kept). */
static void check_keyset(lua_State *L, int idx, keyset *ks) {
  int k;
  ks->active = !lua_isnoneornil(L, idx);
  ks->count = 0;
  if (!ks->active) return;
  luaL_checktype(L, idx, LUA_TTABLE);
  ks->count = (int)lua_rawlen(L, idx);
  luaL_argcheck(L, ks->count <= KEYSET_MAX, idx, "too many keys");
  for (k = 0; k < 256; k++)
    ks->first[k] = -1;
  for (k = 0; k < ks->count; k++) {
    lua_rawgeti(L, idx, k + 1);
    luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, idx, "keys must be strings");
    ks->key[k] = lua_tolstring(L, -1, &ks->len[k]); /* kept alive by the table at idx */
    luaL_argcheck(L, ks->len[k] > 0 && ks->len[k] <= KEY_MAX, idx, "keys: 1 to 64 bytes");
    lua_pop(L, 1);
    ks->next[k] = ks->first[(unsigned char)ks->key[k][0]];
    ks->first[(unsigned char)ks->key[k][0]] = (short)k;
  }
}

static int keyset_has(const keyset *ks, const char *key, size_t len) {
  int k;
  if (!ks->active) return 1;
  if (len == 0 || len > KEY_MAX) return 0;
  for (k = ks->first[(unsigned char)key[0]]; k >= 0; k = ks->next[k])
    if (ks->len[k] == len && memcmp(ks->key[k], key, len) == 0) return 1;
  return 0;
}

/* Calls fn(token) on each space-separated key of `keys`, lower-cased, that ks keeps; a
 * key too long for the buffer is lower-cased on the stack (only when ks keeps them all).
 */
/* The next space-separated key of keys[*at..len): sets *start, returns its end (equal
 * to *start when no key is left) and moves *at there. */
static size_t next_key(const char *keys, size_t len, size_t *at, size_t *start) {
  size_t i = *at, j;
  while (i < len && lua_space((unsigned char)keys[i]))
    i++;
  for (j = i; j < len && !lua_space((unsigned char)keys[j]); j++)
    ;
  *start = i;
  *at = j;
  return j;
}

/* Lower-cases keys[i..j) into small (j - i <= KEY_MAX). */
static void lower_key(char *small, const char *keys, size_t i, size_t j) {
  size_t k;
  for (k = i; k < j; k++)
    small[k - i] = (char)lower_ascii((unsigned char)keys[k]);
}

static void add_keys(lua_State *L, int map, const char *keys, size_t len, int value,
                     const keyset *ks) {
  char small[KEY_MAX];
  size_t at = 0, i, j, k;
  while ((j = next_key(keys, len, &at, &i)) > i) {
    if (j - i <= sizeof small) {
      lower_key(small, keys, i, j);
      if (keyset_has(ks, small, j - i)) add_value(L, map, small, j - i, value);
    } else if (!ks->active) {
      luaL_Buffer b;
      const char *key;
      size_t kl;
      luaL_buffinit(L, &b);
      for (k = i; k < j; k++)
        luaL_addchar(&b, (char)lower_ascii((unsigned char)keys[k]));
      luaL_pushresult(&b);
      key = lua_tolstring(L, -1, &kl);
      add_value(L, map, key, kl, value);
      lua_pop(L, 1);
    }
  }
}

/* True when ks keeps one of the space-separated keys of `keys` (any case). */
static int keeps_any(const keyset *ks, const char *keys, size_t len) {
  char small[KEY_MAX];
  size_t at = 0, i, j;
  if (!ks->active) return 1;
  while ((j = next_key(keys, len, &at, &i)) > i) {
    if (j - i <= sizeof small) {
      lower_key(small, keys, i, j);
      if (keyset_has(ks, small, j - i)) return 1;
    }
  }
  return 0;
}

/* One <meta>: its content (else value), trimmed and, when it holds a character
 * reference, passed through the function at `unescape`; when not empty, under each key of
 * its property in meta and of its name (else itemprop, else http-equiv) in named. Its
 * charset goes under "charset" in meta. As pith.meta.meta_tags.scan, for the keys ks
 * keeps (the value is not read when it goes under none). */
static void scan_meta(lua_State *L, pith_Doc *d, xmlNodePtr n, int meta, int named,
                      int unescape, const keyset *ks) {
  xmlAttrPtr a = find_attr(n, "content"), prop, keys;
  const char *pk = NULL, *nk = NULL;
  size_t pl = 0, nl = 0;
  int top = lua_gettop(L);
  if (a == NULL) a = find_attr(n, "value");
  prop = find_attr(n, "property");
  keys = find_attr(n, "name");
  if (keys == NULL) keys = find_attr(n, "itemprop");
  if (keys == NULL) keys = find_attr(n, "http-equiv");
  if (prop) pk = attr_text(L, prop, &pl);
  if (keys) nk = attr_text(L, keys, &nl);
  if (a && ((pk && keeps_any(ks, pk, pl)) || (nk && keeps_any(ks, nk, nl)))) {
    size_t len, vl;
    const char *v = attr_text(L, a, &len), *start;
    int value;
    vl = trim_span(v, len, &start);
    if (memchr(start, '&', vl) && has_reference(start, vl)) {
      /* unescape is Lua: it may change these attributes (freeing the strings pk and nk
       * point into) or close the document, so the keys are copied first */
      if (pk) {
        lua_pushlstring(L, pk, pl);
        pk = lua_tostring(L, -1);
      }
      if (nk) {
        lua_pushlstring(L, nk, nl);
        nk = lua_tostring(L, -1);
      }
      lua_pushvalue(L, unescape);
      lua_pushlstring(L, start, vl);
      lua_call(L, 1, 1);
      if (d->doc == NULL) luaL_error(L, "meta_walk: unescape closed the document");
      if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "unescape must return a string");
    } else
      lua_pushlstring(L, start, vl);
    value = lua_gettop(L);
    if (lua_rawlen(L, value) > 0) {
      if (pk) add_keys(L, meta, pk, pl, value, ks);
      if (nk) add_keys(L, named, nk, nl, value, ks);
    }
  }
  lua_settop(L, top);
  if ((a = find_attr(n, "charset")) != NULL && keyset_has(ks, "charset", 7)) {
    pith__push_attr_value(L, a);
    add_value(L, meta, "charset", 7, top + 1);
  }
  lua_settop(L, top);
}

/* One <link> with rel and href: {href = (trimmed), hreflang =, type =, title =} under
 * each of its rels that rels keeps, when the href is not empty. */
static void scan_link(lua_State *L, xmlNodePtr n, int links, const keyset *rels) {
  static const char *const extra[] = {"hreflang", "type", "title"};
  xmlAttrPtr rel = find_attr(n, "rel"), href = find_attr(n, "href"), a;
  size_t len, hl, rl, k;
  const char *h, *start, *r;
  int top = lua_gettop(L), entry;
  if (rel == NULL || href == NULL) return;
  r = attr_text(L, rel, &rl);
  if (!keeps_any(rels, r, rl)) {
    lua_settop(L, top);
    return;
  }
  h = attr_text(L, href, &len);
  hl = trim_span(h, len, &start);
  if (hl > 0) {
    lua_createtable(L, 0, 4);
    entry = lua_gettop(L);
    lua_pushlstring(L, start, hl);
    lua_setfield(L, entry, "href");
    for (k = 0; k < sizeof extra / sizeof *extra; k++)
      if ((a = find_attr(n, extra[k])) != NULL) {
        pith__push_attr_value(L, a);
        lua_setfield(L, entry, extra[k]);
      }
    add_keys(L, links, r, rl, entry, rels);
  }
  lua_settop(L, top);
}

/* Pushes the text of n's descendants, as XPath string(.) reads it (text and CDATA). */
static void push_content(lua_State *L, xmlNodePtr n) {
  xmlNodePtr c = n->children;
  if (c && c->next == NULL &&
      (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
    lua_pushstring(L, c->content ? (const char *)c->content : "");
    return;
  }
  {
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (c = pith__next_in(n, n); c; c = pith__next_in(c, n))
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
        luaL_addstring(&b, (const char *)c->content);
    luaL_pushresult(&b);
  }
}

/* ARG: [limit]
 * RES: the node's text as XPath string(.) reads it (its text and CDATA descendants
 * joined), or nil when that is longer than `limit` bytes (then nothing is copied). */
static int node_content(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL), c;
  lua_Integer limit = luaL_optinteger(L, 2, -1);
  if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE &&
      n->type != XML_HTML_DOCUMENT_NODE) {
    lua_pushstring(L, n->content ? (const char *)n->content : "");
    return 1;
  }
  if (limit >= 0) {
    size_t total = 0;
    for (c = pith__next_in(n, n); c; c = pith__next_in(c, n))
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
        total += strlen((const char *)c->content);
        if (total > (size_t)limit) return 0;
      }
  }
  push_content(L, n);
  return 1;
}

/* ARG: unescape (a function: string -> string) [, meta_keys [, link_rels]] (arrays of
 * lower-case keys: the only ones kept in meta and links; all when nil)
 * RES: {meta = {key = {values}}, links = {rel = {{href=, hreflang=, type=, title=}}},
 * base = the first <base>'s href or nil, title = the first <title> child of doc:head()
 * or nil, h1 = {the first 6 h1s}, time = {<time> and <relative-time>
 * elements}, ld = {texts of the scripts whose type holds "ld+json"}}, in document order.
 * meta and links as pith.meta.meta_tags.scan makes them: keys lower-cased, the values
 * of property= before those of name=, itemprop= or http-equiv= under the same key. */
static int doc_meta_walk(lua_State *L) {
  pith_Doc *d;
  xmlNodePtr root = pith__check_context(L, 1, &d), n;
  lua_Integer nh1 = 0, ntime = 0, nld = 0;
  int docidx, result, meta, named, links, h1, time, ld, seen_base = 0;
  keyset keys, rels;
  xmlDocPtr xd = root->type == XML_HTML_DOCUMENT_NODE || root->type == XML_DOCUMENT_NODE
                     ? (xmlDocPtr)root
                     : root->doc;
  xmlNodePtr head = NULL, title = NULL;
  /* doc:head(): the root element's first child named head */
  for (n = xd && xmlDocGetRootElement(xd) ? xmlDocGetRootElement(xd)->children : NULL; n;
       n = n->next)
    if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "head") == 0) {
      head = n;
      break;
    }
  luaL_checktype(L, 2, LUA_TFUNCTION);
  check_keyset(L, 3, &keys);
  check_keyset(L, 4, &rels);
  lua_settop(L, 4);
  luaL_checkstack(L, 40, "meta_walk");
  pith__push_owner(L, 1);
  docidx = lua_gettop(L);
  lua_createtable(L, 0, 8);
  result = lua_gettop(L);
  lua_newtable(L);
  meta = lua_gettop(L);
  lua_newtable(L);
  named = lua_gettop(L);
  lua_newtable(L);
  links = lua_gettop(L);
  lua_newtable(L);
  h1 = lua_gettop(L);
  lua_newtable(L);
  time = lua_gettop(L);
  lua_newtable(L);
  ld = lua_gettop(L);
  for (n = pith__next_in(root, root); n; n = pith__next_in(n, root)) {
    const char *name;
    if (n->type != XML_ELEMENT_NODE || n->ns != NULL) continue;
    name = (const char *)n->name;
    switch (name[0]) {
    case 'm':
      if (strcmp(name, "meta") == 0) scan_meta(L, d, n, meta, named, 2, &keys);
      break;
    case 'l':
      if (strcmp(name, "link") == 0) scan_link(L, n, links, &rels);
      break;
    case 'h':
      if (nh1 < META_H1S && strcmp(name, "h1") == 0) {
        pith__push_node(L, docidx, n);
        lua_rawseti(L, h1, ++nh1);
      }
      break;
    case 'r':
      /* GitHub's <relative-time datetime>: a <time> shown as "3 days ago". */
      if (strcmp(name, "relative-time") == 0) {
        pith__push_node(L, docidx, n);
        lua_rawseti(L, time, ++ntime);
      }
      break;
    case 't':
      if (strcmp(name, "time") == 0) {
        pith__push_node(L, docidx, n);
        lua_rawseti(L, time, ++ntime);
      } else if (title == NULL && head && n->parent == head &&
                 strcmp(name, "title") == 0) {
        title = n;
        pith__push_node(L, docidx, n);
        lua_setfield(L, result, "title");
      }
      break;
    case 'b':
      if (!seen_base && strcmp(name, "base") == 0) {
        xmlAttrPtr a = find_attr(n, "href");
        seen_base = 1;
        if (a) {
          pith__push_attr_value(L, a);
          lua_setfield(L, result, "base");
        }
      }
      break;
    case 's':
      if (strcmp(name, "script") == 0) {
        xmlAttrPtr a = find_attr(n, "type");
        size_t len;
        int top = lua_gettop(L);
        if (a && holds_word(attr_text(L, a, &len), "ld+json")) {
          push_content(L, n);
          lua_rawseti(L, ld, ++nld);
        }
        lua_settop(L, top);
      }
      break;
    default:
      break;
    }
  }
  /* The named values follow the property ones under each key. */
  lua_pushnil(L);
  while (lua_next(L, named) != 0) {
    lua_Integer i, count = (lua_Integer)lua_rawlen(L, -1);
    size_t kl;
    const char *key = lua_tolstring(L, -2, &kl); /* keys are strings: no conversion */
    for (i = 1; i <= count; i++) {
      lua_rawgeti(L, -1, i);
      add_value(L, meta, key, kl, lua_gettop(L));
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pushvalue(L, meta);
  lua_setfield(L, result, "meta");
  lua_pushvalue(L, links);
  lua_setfield(L, result, "links");
  lua_pushvalue(L, h1);
  lua_setfield(L, result, "h1");
  lua_pushvalue(L, time);
  lua_setfield(L, result, "time");
  lua_pushvalue(L, ld);
  lua_setfield(L, result, "ld");
  lua_settop(L, result);
  return 1;
}

static const luaL_Reg node_methods[] = {{"window", node_window},
                                        {"window_marks", node_window_marks},
                                        {"following_lead", node_following_lead},
                                        {"following_texts", node_following_texts},
                                        {"closest_match", node_closest_match},
                                        {"content", node_content},
                                        {NULL, NULL}};
static const luaL_Reg doc_methods[] = {
    {"elements", doc_elements}, {"meta_walk", doc_meta_walk}, {NULL, NULL}};

void pith__open_walk(lua_State *L) {
  pith__add_methods(L, PITH_NODE_MT, node_methods);
  pith__add_methods(L, PITH_DOC_MT, doc_methods);
}
