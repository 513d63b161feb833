/* core.extract: finds the article in a parsed document. The backbone is a
 * faithful port of Readability.js's _grabArticle (unlikely-candidate
 * stripping, class weights, paragraph scores propagated to ancestors,
 * top-candidate promotion, sibling joining, the flag-retry loop); clean.c then
 * removes what Readability leaves. Mutates the document (removed nodes are
 * parked, never freed) and returns a new element holding the article. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "recipe.h"
#include "tail.h"
#include "appeal.h"
#include "anchor.h"

#define PITH_CHAR_THRESHOLD 500
#define PITH_TOP_CANDIDATES 5

static const char *const TAGS_TO_SCORE[] = {"section", "h2", "h3", "h4",  "h5",
                                            "h6",      "p",  "td", "pre", NULL};
static const char *const DIV_TO_P[] = {"blockquote", "dl",  "div",   "img", "ol",
                                       "p",          "pre", "table", "ul",  NULL};
static const char *const UNLIKELY_ROLES[] = {"menu",       "menubar", "complementary",
                                             "navigation", "alert",   "alertdialog",
                                             "dialog",     NULL};

static int in_list(const char *name, const char *const *list) {
  for (; *list; list++)
    if (pith__streq(name, *list)) return 1;
  return 0;
}

static double *init_node(pith_ex *ex, xmlNodePtr n) {
  const char *t = (const char *)n->name;
  double s = 0;
  if (pith__streq(t, "div"))
    s = 5;
  else if (pith__streq(t, "pre") || pith__streq(t, "td") || pith__streq(t, "blockquote"))
    s = 3;
  else if (pith__streq(t, "address") || pith__streq(t, "ol") || pith__streq(t, "ul") ||
           pith__streq(t, "dl") || pith__streq(t, "dd") || pith__streq(t, "dt") ||
           pith__streq(t, "li") || pith__streq(t, "form"))
    s = -3;
  else if (pith__is_heading(n) || pith__streq(t, "th"))
    s = -5;
  if (ex->flags & PITH_FLAG_WEIGHT_CLASSES) s += pith__class_weight(n);
  return pith__scores_add(&ex->scores, n, s);
}

static int without_content(xmlNodePtr n) {
  xmlNodePtr c;
  size_t kids = 0, brhr = 0;
  if (pith__has_text(n)) return 0;
  for (c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) kids++;
  if (kids == 0) return 1;
  brhr = pith__count_tag(n, "br") + pith__count_tag(n, "hr");
  return kids == brhr;
}

static int has_child_block(xmlNodePtr n) {
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE && in_list((const char *)c->name, DIV_TO_P)) return 1;
  return 0;
}

/* One <p> child and no text of its own ending in a non-space. */
static int single_p_inside(xmlNodePtr n) {
  xmlNodePtr c;
  if (pith__element_child_count(n) != 1 || !pith__is(pith__first_element_child(n), "p"))
    return 0;
  for (c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      size_t k = strlen((const char *)c->content);
      if (k && pith__ws_len(c->content + k - 1) == 0) {
        /* last character is not ASCII white space; treat nbsp and friends as space */
        const unsigned char *e = c->content + k;
        if (!(k >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)) return 0;
      }
    }
  }
  return 1;
}

/* Wraps runs of phrasing children of a div into <p> elements. */
static void wrap_phrasing(pith_ex *ex, xmlNodePtr div) {
  xmlNodePtr c = div->children, p = NULL;
  while (c) {
    xmlNodePtr next = c->next;
    if (pith__is_phrasing(c)) {
      if (p)
        pith__append(ex, p, c);
      else if (!pith__is_whitespace(c)) {
        p = xmlNewDocNode(div->doc, NULL, (const xmlChar *)"p", NULL);
        if (p == NULL) {
          ex->oom = 1;
          return;
        }
        pith__insert_before(ex, c, p);
        pith__append(ex, p, c);
      }
    } else if (p) {
      while (p->last && pith__is_whitespace(p->last))
        pith__remove(ex, p->last);
      p = NULL;
    }
    c = next;
  }
  /* Readability leaves a trailing run as it is */
}

static int is_ancestor(xmlNodePtr anc, xmlNodePtr n) {
  for (n = n->parent; n; n = n->parent)
    if (n == anc) return 1;
  return 0;
}

static int is_body(xmlNodePtr n) {
  return n == NULL || n->type != XML_ELEMENT_NODE || pith__is(n, "body");
}

/* Text of the paragraphs under n long enough to be prose on their own (a
 * date line, a quote card or a caption is not). */
static size_t long_paragraphs_len(xmlNodePtr n) {
  xmlNodePtr c;
  size_t t = 0;
  for (c = n->children; c;) {
    int skip = 0;
    if (pith__is(c, "p")) {
      size_t len = pith__text_len(c);
      skip = 1;
      if (len >= 80 && pith__link_density(c) < 0.25) t += len;
    }
    c = pith__next_node(c, n, skip);
  }
  return t;
}

/* Elements elsewhere in the page that share the top candidate's tag and
 * class ("post-content" thrice, ad slots between): the parts of a body split
 * by the layout. A class that does not say content (a grid column's
 * "col-md-8 offset-md-1") takes only parts with paragraphs of prose. Siblings
 * are left to the sibling join. */
static int collect_cousins(pith_ex *ex, xmlNodePtr page, xmlNodePtr top, xmlNodePtr outer,
                           pith_nodes *before, pith_nodes *after) {
  const char *cls = pith__get_attr(top, "class");
  xmlNodePtr n;
  int seen = 0, named = pith__class_weight(top) > 0;
  if (cls == NULL || *cls == 0 || pith__class_weight(top) < 0 ||
      pith__text_len(top) < PITH_CHAR_THRESHOLD)
    return 1;
  for (n = page->children; n;) {
    int skip = 0;
    if (n == outer) {
      seen = skip = 1;
    } else if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, top->name)) {
      const char *c = pith__get_attr(n, "class");
      if (c && pith__streq(c, cls) && n->parent != outer->parent &&
          !is_ancestor(n, outer)) {
        skip = 1;
        double *ns = pith__scores_get(&ex->scores, n),
               *ts = pith__scores_get(&ex->scores, top);
        if (ns && ts && *ns >= *ts * 0.2 && pith__text_len(n) >= 140 &&
            pith__link_density(n) < 0.25 && (named || long_paragraphs_len(n) >= 140) &&
            !pith__nodes_push(ex, seen ? after : before, n))
          return 0;
      }
    }
    n = pith__next_node(n, page, skip);
  }
  return 1;
}

/* Inside the headline's own block (a <header>, a "hero" or "heading" wrapper,
 * or beside the headline): a dek, which the page shows as part of the title. */
static int in_header(xmlNodePtr n, xmlNodePtr stop, xmlNodePtr mark) {
  static const char *const HEADERISH[] = {"header",   "hero",    "heading",
                                          "headline", "title",   "dek",
                                          "subtitle", "intro__", NULL};
  xmlNodePtr a;
  for (a = n->parent; a && a != stop && a->type == XML_ELEMENT_NODE; a = a->parent) {
    if (a == mark->parent) return 1;
    if (pith__is(a, "header") || pith__is(a, "hgroup") ||
        pith__match_any(pith__get_attr(a, "class"), HEADERISH) ||
        pith__match_any(pith__get_attr(a, "id"), HEADERISH))
      return 1;
  }
  return pith__match_any(pith__get_attr(n, "class"), HEADERISH);
}

/* Paragraphs between the headline and the top candidate's level: a standfirst
 * outside the body's container, or the first part of a body that an ad slot
 * split in two. Readability's sibling join sees only the top's siblings. At
 * most a few, and never more text than the body itself. Returns 0 on OOM. */
static int collect_lead(pith_ex *ex, xmlNodePtr top, pith_nodes *out) {
  xmlNodePtr m = ex->headline, a, n;
  size_t total = 0;
  int reached = 0;
  if (m == NULL || m->parent == NULL || m->parent == ex->d->trash || is_ancestor(top, m))
    return 1;
  for (a = m->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (is_ancestor(a, top)) break;
  if (a == NULL || a->type != XML_ELEMENT_NODE) return 1;
  for (n = pith__next_node(m, a, 1); n;) {
    int skip = 0;
    if (n == top || n->parent == top->parent) {
      reached = 1;
      break;
    }
    if (n->type == XML_ELEMENT_NODE && !is_ancestor(n, top)) {
      if (pith__is(n, "p") || pith__is(n, "blockquote")) {
        skip = 1;
        if (pith__is_prose(n) && pith__link_density(n) < 0.25 &&
            !pith__is_byline_block(n, a) && !in_header(n, a, m)) {
          if (!pith__nodes_push(ex, out, n)) return 0;
          total += pith__text_len(n);
        }
      } else if (pith__is_heading(n) || pith__is(n, "nav") || pith__is(n, "aside") ||
                 pith__is(n, "form") || pith__is(n, "ul") || pith__is(n, "ol"))
        skip = 1;
    }
    n = pith__next_node(n, a, skip);
  }
  if (!reached || out->n > 8 || total > pith__text_len(top)) out->n = 0;
  return 1;
}

/* Whether what an ancestor adds around top is mostly link text (a sidebar of
 * popular stories, forum posts): the ancestor then scores below top only
 * because its parent scored lower still, and is not promoted. */
static int adds_links(xmlNodePtr top, xmlNodePtr ancestor) {
  double at = (double)pith__text_len(ancestor), tt = (double)pith__text_len(top);
  double links = pith__link_density(ancestor) * at - pith__link_density(top) * tt;
  return at > tt && links > 0.5 * (at - tt);
}

static void keep_names(pith_ex *ex, xmlNodePtr from, xmlNodePtr to) {
  const char *cls = pith__get_attr(from, "class"), *id = pith__get_attr(from, "id");
  if ((cls && xmlNewProp(to, (const xmlChar *)"class", (const xmlChar *)cls) == NULL) ||
      (id && xmlNewProp(to, (const xmlChar *)"id", (const xmlChar *)id) == NULL))
    ex->oom = 1;
}

static int listed(const pith_nodes *l, xmlNodePtr n) {
  size_t k;
  for (k = 0; k < l->n; k++)
    if (l->v[k] == n) return 1;
  return 0;
}

/* Text of the prose paragraphs under n: what a wrongly stripped wrapper of
 * the article holds and a sidebar or menu does not. */
static size_t prose_len(xmlNodePtr n) {
  xmlNodePtr c;
  size_t t = 0;
  for (c = n->children; c;) {
    int skip = 0;
    if (c->type == XML_ELEMENT_NODE && pith__is(c, "p")) {
      skip = 1;
      if (pith__is_prose(c) && pith__link_density(c) < 0.25) t += pith__text_len(c);
    }
    c = pith__next_node(c, n, skip);
  }
  return t;
}

/* After a pass that found too little: of the elements it stripped as unlikely,
 * the one holding the most prose (at least min), unless it is named as
 * comments; NULL when none. A layout class that happens to contain an
 * unlikely word ("page-ad-margins", "l-sidebar-fixed") wraps the article. */
static xmlNodePtr stripped_wrapper(const pith_nodes *stripped, size_t min) {
  xmlNodePtr best = NULL;
  size_t k, best_len = min;
  for (k = 0; k < stripped->n; k++) {
    xmlNodePtr n = stripped->v[k];
    size_t len;
    if (pith__named_comments(n)) continue;
    len = prose_len(n);
    if (len > best_len) {
      best = n;
      best_len = len;
    }
  }
  return best;
}

/* Whether n holds an h1 or h2 like the page's title. */
static int holds_headline(pith_ex *ex, xmlNodePtr n) {
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if ((pith__is(c, "h1") || pith__is(c, "h2")) && pith__duplicates_title(ex, c, 0.75))
      return 1;
  return 0;
}

/* Whether top sits right under the headline this pass found (the headline is
 * in top's parent or grandparent, outside top): where the page itself puts
 * its article. */
static int beside_headline(pith_ex *ex, xmlNodePtr top) {
  xmlNodePtr h = ex->headline, a;
  int up;
  if (h == NULL || top == NULL || is_ancestor(top, h)) return 0;
  for (a = top->parent, up = 0; up < 2 && !is_body(a); a = a->parent, up++)
    if (is_ancestor(a, h)) return 1;
  return 0;
}

/* A short article that is the page's article all the same: beside the
 * headline, nearly all prose, and no stripped wrapper holding twice its
 * prose. The retries strip less and would add the page's teasers to it. */
static int short_article(xmlNodePtr article, size_t len, int placed,
                         const pith_nodes *stripped) {
  return placed && len >= 200 && (double)prose_len(article) >= 0.8 * (double)len &&
         stripped_wrapper(stripped, 2 * len) == NULL;
}

/* One pass of _grabArticle over the live tree; returns the article element
 * (not yet linked anywhere) or NULL when out of memory. The elements it strips
 * as unlikely are listed in stripped; those in spared are not stripped. */
/* A table cell holding one long token (an e-mail address, a URL, a code):
 * a value of a data table, not prose. Spaceless scripts (CJK) are not
 * ASCII, so their cells still score. */
static int data_cell(xmlNodePtr e) {
  xmlNodePtr c;
  int seen = 0, gap = 0; /* a non-space, then a space after it */
  if (!pith__is(e, "td")) return 0;
  for (c = e->children; c; c = pith__next_node(c, e, 0)) {
    const unsigned char *t;
    if (c->type != XML_TEXT_NODE || c->content == NULL) continue;
    for (t = c->content; *t; t++) {
      if (*t >= 0x80) return 0;
      if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
        gap = seen;
      else if (gap)
        return 0;
      else
        seen = 1;
    }
  }
  return 1;
}

/* A post of a thread whose text sits deeper than the five levels a paragraph
 * scores (a forum's body under a message cell, its content block and its
 * quote wrapper): unscored, yet it holds prose of its own, not links. */
static int deep_post(xmlNodePtr n) {
  size_t len = pith__text_len(n);
  return len >= 25 && pith__link_density(n) < 0.25;
}

static xmlNodePtr grab_pass(pith_ex *ex, xmlNodePtr root, xmlNodePtr page,
                            pith_nodes *stripped, const pith_nodes *spared, int *placed) {
  pith_nodes to_score = {0}, lead = {0}, cousins_before = {0}, cousins_after = {0};
  xmlNodePtr node = root, top = NULL, core = NULL, article = NULL, parent, sib;
  xmlNodePtr tops[PITH_TOP_CANDIDATES];
  int ntops = 0, remove_title = 1, i;
  size_t k;
  double *ts;
  char match[1024];
  pith_words words;
  pith__scores_clear(&ex->scores);
  ex->headline = NULL;
  while (node) {
    pith_attrs at;
    const char *cls, *id, *role, *am;
    const char *tag = (const char *)node->name;
    int have_words = 0; /* the matchString, made when first needed */
    pith__attrs_read(node, &at);
    cls = at.cls;
    id = at.id;
    if (!pith__is_visible_attrs(&at)) {
      node = pith__remove_and_next(ex, node);
      continue;
    }
    am = at.aria_modal;
    role = at.role;
    if (am && pith__streq(am, "true") && role && pith__streq(role, "dialog")) {
      node = pith__remove_and_next(ex, node);
      continue;
    }
    if (!ex->byline_found && !ex->has_meta_byline) {
      const char *rel = at.rel, *ip = at.itemprop;
      if (!(rel && pith__streq(rel, "author")) && !(ip && strstr(ip, "author"))) {
        pith__match_string(match, sizeof match, cls, id);
        pith__words_init(&words, match);
        have_words = 1;
      }
      if ((rel && pith__streq(rel, "author")) || (ip && strstr(ip, "author")) ||
          pith__is_byline_name(&words)) {
        size_t bl = pith__text_len(node);
        if (bl > 0 && bl < 100) {
          ex->byline_found = 1;
          node = pith__remove_and_next(ex, node);
          continue;
        }
      }
    }
    if (remove_title && (pith__is(node, "h1") || pith__is(node, "h2")) &&
        pith__duplicates_title(ex, node, 0.75)) {
      xmlNodePtr next = pith__next_element(node, 1);
      remove_title = 0;
      ex->headline = pith__mark_headline(ex, node);
      if (ex->oom) goto done;
      node = next;
      continue;
    }
    if (ex->flags & PITH_FLAG_STRIP_UNLIKELYS) {
      if (!have_words) {
        pith__match_string(match, sizeof match, cls, id);
        pith__words_init(&words, match);
      }
      if (pith__is_unlikely(&words) && !pith__has_ancestor_tag(node, "table", 3) &&
          !pith__has_ancestor_tag(node, "code", 3) && !pith__streq(tag, "body") &&
          !pith__streq(tag, "html") && !pith__streq(tag, "a") && !listed(spared, node)) {
        if (!pith__nodes_push(ex, stripped, node)) goto done;
        node = pith__remove_and_next(ex, node);
        continue;
      }
      if (role && in_list(role, UNLIKELY_ROLES)) {
        node = pith__remove_and_next(ex, node);
        continue;
      }
    }
    if ((pith__streq(tag, "div") || pith__streq(tag, "section") ||
         pith__streq(tag, "header") || pith__is_heading(node)) &&
        without_content(node)) {
      node = pith__remove_and_next(ex, node);
      continue;
    }
    if (in_list(tag, TAGS_TO_SCORE) && !pith__nodes_push(ex, &to_score, node)) goto done;
    if (pith__streq(tag, "div")) {
      wrap_phrasing(ex, node);
      if (single_p_inside(node) && pith__link_density(node) < 0.25) {
        xmlNodePtr p = pith__first_element_child(node);
        /* the div's class says what the paragraph is (a dek, a byline, a
         * caption): later tests read it */
        if (p->properties == NULL) keep_names(ex, node, p);
        pith__insert_before(ex, node, p);
        pith__remove(ex, node);
        node = p;
        if (!pith__nodes_push(ex, &to_score, node)) goto done;
      } else if (!has_child_block(node)) {
        pith__rename(ex, node, "p");
        if (!pith__nodes_push(ex, &to_score, node)) goto done;
      }
    }
    node = pith__next_element(node, 0);
  }

  for (k = 0; k < to_score.n; k++) {
    xmlNodePtr e = to_score.v[k], a;
    pith_textinfo ti;
    double score;
    int level;
    if (e->parent == NULL || e->parent->type != XML_ELEMENT_NODE ||
        e->parent == ex->d->trash)
      continue;
    pith__text_info(e, &ti);
    if (ti.len < 25 || data_cell(e)) continue;
    score = 1.0 + (double)(ti.commas + 1) + (double)(ti.len / 100 < 3 ? ti.len / 100 : 3);
    for (a = e->parent, level = 0; a && level < 5; a = a->parent, level++) {
      double *s;
      if (a->type != XML_ELEMENT_NODE || a->parent == NULL ||
          a->parent->type != XML_ELEMENT_NODE)
        continue;
      s = pith__scores_get(&ex->scores, a);
      if (s == NULL && (s = init_node(ex, a)) == NULL) goto done;
      *s += score / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
    }
  }

  for (k = 0; k < ex->scores.count; k++) {
    xmlNodePtr c = ex->scores.order[k];
    double *s = pith__scores_get(&ex->scores, c);
    int t;
    *s *= 1.0 - pith__link_density(c);
    for (t = 0; t < PITH_TOP_CANDIDATES; t++) {
      if (t >= ntops || *s > *pith__scores_get(&ex->scores, tops[t])) {
        int m = ntops < PITH_TOP_CANDIDATES ? ntops : PITH_TOP_CANDIDATES - 1;
        for (; m > t; m--)
          tops[m] = tops[m - 1];
        tops[t] = c;
        if (ntops < PITH_TOP_CANDIDATES) ntops++;
        break;
      }
    }
  }

  top = ntops ? tops[0] : NULL;
  /* a <main> (or wrapper) that outscores its own <article> only by what it
   * adds around it (a paywall notice, a header): the article is the content */
  for (i = 1; top && i < ntops; i++) {
    xmlNodePtr c = tops[i];
    const char *ip = pith__get_attr(c, "itemprop");
    if ((pith__is(c, "article") || (ip && strstr(ip, "articleBody"))) &&
        is_ancestor(top, c) &&
        *pith__scores_get(&ex->scores, c) >= 0.9 * *pith__scores_get(&ex->scores, top) &&
        (double)pith__text_len(c) >= 0.75 * (double)pith__text_len(top)) {
      top = c;
      break;
    }
  }
  if (top == NULL || pith__is(top, "body")) {
    xmlNodePtr c;
    top = xmlNewDocNode(page->doc, NULL, (const xmlChar *)"div", NULL);
    if (top == NULL) goto oom;
    while ((c = page->children) != NULL)
      pith__append(ex, top, c);
    pith__append(ex, page, top);
    if (init_node(ex, top) == NULL) goto done;
  } else {
    double topscore = *pith__scores_get(&ex->scores, top), last, threshold, start;
    int alts = 0;
    xmlNodePtr altv[PITH_TOP_CANDIDATES];
    for (i = 1; i < ntops; i++)
      if (*pith__scores_get(&ex->scores, tops[i]) / topscore >= 0.75)
        altv[alts++] = tops[i];
    if (alts >= 3) {
      for (parent = top->parent; !is_body(parent); parent = parent->parent) {
        int lists = 0;
        for (i = 0; i < alts && lists < 3; i++)
          lists += is_ancestor(parent, altv[i]);
        if (lists >= 3) {
          top = parent;
          break;
        }
      }
    }
    if (pith__scores_get(&ex->scores, top) == NULL && init_node(ex, top) == NULL)
      goto done;
    start = last = *pith__scores_get(&ex->scores, top);
    threshold = last / 3;
    for (parent = top->parent; !is_body(parent);) {
      double *ps = pith__scores_get(&ex->scores, parent);
      if (ps == NULL) {
        parent = parent->parent;
        continue;
      }
      if (*ps < threshold) break;
      if (*ps > last && !(*ps < start && adds_links(top, parent))) {
        top = parent;
        break;
      }
      last = *ps;
      parent = parent->parent;
    }
    core = top;
    for (parent = top->parent; !is_body(parent) && pith__element_child_count(parent) == 1;
         parent = parent->parent)
      top = parent;
    if (pith__scores_get(&ex->scores, top) == NULL && init_node(ex, top) == NULL)
      goto done;
  }

  *placed = beside_headline(ex, top);
  if (core && !collect_cousins(ex, page, core, top, &cousins_before, &cousins_after))
    goto done;
  if (cousins_before.n == 0 && !collect_lead(ex, top, &lead)) goto done;
  article = xmlNewDocNode(page->doc, NULL, (const xmlChar *)"div", NULL);
  if (article == NULL) goto oom;
  ts = pith__scores_get(&ex->scores, top);
  {
    double topscore = ts ? *ts : 0;
    /* recall keeps the borderline siblings too */
    double sib_share = ex->favor == PITH_FAVOR_RECALL ? 0.15 : 0.2;
    double sib_threshold = topscore * sib_share > 10 ? topscore * sib_share : 10;
    const char *topcls = pith__get_attr(top, "class");
    /* a thread's posts: repeated containers of the top's tag and content-named class */
    int named_post = topcls && *topcls && pith__class_weight(top) > 0;
    parent = top->parent;
    for (sib = pith__first_element_child(parent); sib;) {
      xmlNodePtr next = pith__next_element_sibling(sib);
      int append = 0;
      if (sib == top)
        append = 1;
      else {
        double bonus = 0, *ss = pith__scores_get(&ex->scores, sib);
        const char *scls = pith__get_attr(sib, "class");
        if (topcls && *topcls && scls && pith__streq(scls, topcls))
          bonus += topscore * 0.2;
        if (ss && *ss + bonus >= sib_threshold)
          append = 1;
        else if (ss == NULL && named_post && scls && pith__streq(scls, topcls) &&
                 xmlStrEqual(sib->name, top->name) && deep_post(sib))
          append = 1;
        else if (ex->images && pith__is_captioned_figure(sib))
          append = 1;
        else if (pith__is(sib, "p")) {
          double ld = pith__link_density(sib);
          pith_textinfo ti;
          pith__text_info(sib, &ti);
          if (ti.len > 80 && ld < 0.25)
            append = 1;
          else if (ex->favor == PITH_FAVOR_RECALL && ti.len > 40 && ld < 0.34 &&
                   ti.periods > 0)
            append = 1;
          else if (ti.len < 80 && ti.len > 0 && ld == 0 && ti.periods > 0)
            append = 1;
        }
      }
      if (append) {
        static const char *const KEEP[] = {"div", "article", "section", "p",
                                           "ol",  "ul",      NULL};
        if (!in_list((const char *)sib->name, KEEP)) pith__rename(ex, sib, "div");
        pith__append(ex, article, sib);
      }
      sib = next;
    }
  }
  for (k = 0; k < cousins_after.n; k++)
    pith__append(ex, article, cousins_after.v[k]);
  for (k = cousins_before.n; k-- > 0;) {
    if (article->children)
      pith__insert_before(ex, article->children, cousins_before.v[k]);
    else
      pith__append(ex, article, cousins_before.v[k]);
  }
  for (k = lead.n; k-- > 0;) {
    if (article->children)
      pith__insert_before(ex, article->children, lead.v[k]);
    else
      pith__append(ex, article, lead.v[k]);
  }
  pith__prep_article(ex, article);
  goto done;
oom:
  ex->oom = 1;
done:
  pith__nodes_free(&to_score);
  pith__nodes_free(&lead);
  pith__nodes_free(&cousins_before);
  pith__nodes_free(&cousins_after);
  if (ex->oom && article) {
    pith__park(ex->d, article); /* it holds page nodes: freed with the document */
    article = NULL;
  }
  return article;
}

static xmlNodePtr child_named(xmlNodePtr parent, const char *name) {
  xmlNodePtr c;
  for (c = parent ? parent->children : NULL; c; c = c->next)
    if (pith__is(c, name)) return c;
  return NULL;
}

static void add_title(pith_ex *ex, const char *t, size_t n) {
  char *s;
  while (n && pith__ws_len((const unsigned char *)t)) {
    size_t w = pith__ws_len((const unsigned char *)t);
    t += w;
    n = n > w ? n - w : 0;
  }
  if (n == 0 || ex->ntitles >= PITH_MAX_TITLES) return;
  s = (char *)malloc(n + 1);
  if (s == NULL) {
    ex->oom = 1;
    return;
  }
  memcpy(s, t, n);
  s[n] = 0;
  ex->titles[ex->ntitles++] = s;
}

static size_t word_count(const char *s, size_t n) {
  size_t k = 0, i;
  int in = 0;
  for (i = 0; i < n; i++) {
    int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
    if (!sp && !in) k++;
    in = !sp;
  }
  return k;
}

/* Title candidates the headline duplicate is matched against: the caller's
 * (metadata) title, og/twitter/dc titles, and <title> with Readability's
 * separator trimming. */
static void find_titles(pith_ex *ex, xmlNodePtr root, const char *given) {
  xmlNodePtr head = child_named(root, "head"), c;
  char buf[1024];
  if (given && *given) add_title(ex, given, strlen(given));
  for (c = head ? head->children : NULL; c; c = c->next) {
    const char *p, *content;
    if (!pith__is(c, "meta")) continue;
    p = pith__get_attr(c, "property");
    if (p == NULL) p = pith__get_attr(c, "name");
    content = pith__get_attr(c, "content");
    if (p && content &&
        (pith__streq(p, "og:title") || pith__streq(p, "twitter:title") ||
         pith__streq(p, "dc:title")))
      add_title(ex, content, strlen(content));
  }
  c = child_named(head, "title");
  if (c == NULL) {
    for (c = root->children; c; c = pith__next_node(c, root, 0))
      if (pith__is(c, "title")) break;
  }
  if (c && pith__text_copy(c, buf, sizeof buf) > 0) {
    size_t n = strlen(buf), i, last = 0, first = 0;
    int have = 0;
    add_title(ex, buf, n);
    for (i = 1; i + 2 < n + 1; i++) {
      if (buf[i - 1] == ' ' && buf[i + 1] == ' ' && strchr("|-\\/>", buf[i]) && buf[i]) {
        if (!have) first = i - 1;
        last = i - 1;
        have = 1;
      }
    }
    if (have) {
      if (word_count(buf, last) >= 3)
        add_title(ex, buf, last);
      else
        add_title(ex, buf + first + 3, n - first - 3);
    } else {
      const char *colon = strstr(buf, ": ");
      if (colon) add_title(ex, colon + 2, n - (size_t)(colon + 2 - buf));
    }
  }
}

static int is_url(const char *s) {
  return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* Whether a <meta> names an author (Readability then keeps in-page bylines). */
static int meta_names_author(xmlNodePtr c) {
  const char *name = pith__get_attr(c, "name"), *prop = pith__get_attr(c, "property");
  const char *content = pith__get_attr(c, "content");
  if (content == NULL || *content == 0) return 0;
  if (name && (pith__streq(name, "author") || pith__streq(name, "dc.creator") ||
               pith__streq(name, "dc:creator") || pith__streq(name, "dcterm:creator") ||
               pith__streq(name, "parsely-author")))
    return 1;
  return prop &&
         (pith__streq(prop, "dc:creator") || pith__streq(prop, "dcterm:creator") ||
          (pith__streq(prop, "article:author") && !is_url(content)));
}

static int script_names_author(xmlNodePtr c) {
  const char *type = pith__get_attr(c, "type");
  if (type && pith__streq(type, "application/ld+json") && c->children &&
      c->children->content) {
    const char *j = (const char *)c->children->content, *a = strstr(j, "\"author\"");
    if (a && strstr(j, "schema.org") && strstr(a, "\"name\"")) return 1;
  }
  return 0;
}

/* One walk over the page for two things: whether the metadata names an
 * author (ex->has_meta_byline), and the page's own summary, the last stage
 * for script-rendered shells (og/twitter/plain description; some sites put it
 * in `value` instead of `content`); returns a copy of the summary or NULL. */
static char *scan_meta(pith_ex *ex, xmlNodePtr root) {
  static const char *const KEYS[] = {"og:description", "twitter:description",
                                     "description", NULL};
  const char *found[3] = {NULL, NULL, NULL};
  xmlNodePtr c;
  int i;
  ex->has_meta_byline = 0;
  for (c = root->children; c; c = pith__next_node(c, root, 0)) {
    const char *k, *v;
    if (pith__is(c, "script")) {
      if (!ex->has_meta_byline) ex->has_meta_byline = script_names_author(c);
      continue;
    }
    if (!pith__is(c, "meta")) continue;
    if (!ex->has_meta_byline) ex->has_meta_byline = meta_names_author(c);
    k = pith__get_attr(c, "property");
    if (k == NULL) k = pith__get_attr(c, "name");
    v = pith__get_attr(c, "content");
    if (v == NULL) v = pith__get_attr(c, "value");
    if (k == NULL || v == NULL || *v == 0) continue;
    for (i = 0; KEYS[i]; i++)
      if (pith__streq(k, KEYS[i]) && found[i] == NULL) found[i] = v;
  }
  for (i = 0; i < 3 && found[i] == NULL; i++)
    ;
  return i == 3 ? NULL : (char *)xmlStrdup((const xmlChar *)found[i]);
}

static xmlNodePtr summary_fallback(pith_ex *ex, const char *summary) {
  xmlNodePtr art, p;
  art = xmlNewDocNode(ex->d->doc, NULL, (const xmlChar *)"div", NULL);
  p = art ? xmlNewDocNode(ex->d->doc, NULL, (const xmlChar *)"p", NULL) : NULL;
  if (p == NULL) {
    if (art) xmlFreeNode(art);
    ex->oom = 1;
    return NULL;
  }
  xmlNodeAddContent(p, (const xmlChar *)summary);
  pith__append(ex, art, p);
  pith__park(ex->d, art);
  return art;
}

static void free_ex(pith_ex *ex) {
  int i;
  for (i = 0; i < ex->ntitles; i++)
    free(ex->titles[i]);
  pith__scores_free(&ex->scores);
  pith__scores_free(&ex->tables_marked);
  free(ex->undo);
}

/* An index page (no article, the retry loop kept its link lists): when most
 * of the result is link text, drop the link-dense blocks so the page yields
 * short text rather than merged headlines. */
static void drop_link_lists(pith_ex *ex, xmlNodePtr best) {
  static const char *const BLOCKS[] = {"ul",    "ol",      "li", "p", "div",
                                       "table", "section", "dl", NULL};
  pith_nodes l = {0};
  size_t i;
  if (pith__text_len(best) >= PITH_CHAR_THRESHOLD * 4 ||
      pith__count_tag(best, "a") < 10 || pith__link_density(best) <= 0.5)
    return;
  if (pith__collect(ex, best, BLOCKS, &l))
    for (i = l.n; i-- > 0;)
      if (pith__link_density(l.v[i]) > 0.5) pith__remove(ex, l.v[i]);
  pith__nodes_free(&l);
}

/* A deep copy of n that outlives the passes' undo (parked with the document,
 * with no score of its own); NULL with ex->oom set when memory ran out. */
static xmlNodePtr parked_copy(pith_ex *ex, xmlNodePtr n) {
  xmlNodePtr copy = xmlDocCopyNode(n, ex->d->doc, 1);
  if (copy == NULL) {
    ex->oom = 1;
    return NULL;
  }
  pith__stats_forget(copy);
  pith__park(ex->d, copy);
  return copy;
}

/* comments=true: the page's comment section, copied before the passes strip
 * it (Readability's unlikely-candidate words include "comment"): the
 * outermost element named like a comment list with the most text once its
 * forms and buttons are gone. Returns a parked copy or NULL. */
static xmlNodePtr find_comments(pith_ex *ex, xmlNodePtr root, xmlNodePtr *original) {
  static const char *const NAMES[] = {
      "comments",      "comment-list", "commentlist", "comment-section",
      "comments-area", "disqus",       NULL};
  static const char *const JUNK[] = {"form",   "textarea", "input", "button",   "select",
                                     "script", "style",    "nav",   "noscript", NULL};
  xmlNodePtr n, best = NULL;
  size_t best_len = 0, k;
  pith_nodes junk = {0};
  for (n = root->children; n;) {
    int skip = 0;
    if (n->type == XML_ELEMENT_NODE &&
        (pith__match_any(pith__get_attr(n, "id"), NAMES) ||
         pith__match_any(pith__get_attr(n, "class"), NAMES))) {
      xmlNodePtr copy = parked_copy(ex, n);
      size_t len;
      skip = 1;
      if (copy == NULL) break;
      if (!pith__collect(ex, copy, JUNK, &junk)) break;
      for (k = junk.n; k-- > 0;)
        pith__park(ex->d, junk.v[k]);
      len = pith__text_len(copy);
      if (len >= 80 && len > best_len && pith__link_density(copy) < 0.5) {
        best = copy;
        best_len = len;
        *original = n;
      }
    }
    n = pith__next_node(n, root, skip);
  }
  pith__nodes_free(&junk);
  return ex->oom ? NULL : best;
}

/* The whole cascade in C; returns the content element (parked, owned by the
 * document) or NULL with ex->oom set. */
static xmlNodePtr run(pith_ex *ex, const char *given_title) {
  xmlNodePtr root = xmlDocGetRootElement(ex->d->doc), body, best = NULL, comments = NULL,
             comments_at = NULL, ingredients;
  char *summary = NULL;
  size_t best_len = 0;
  int best_live = 0, settled = 0, rescue = 0;
  pith_nodes stripped = {0}, spared = {0};
  if (root == NULL) return NULL;
  find_titles(ex, root, given_title);
  summary = scan_meta(ex, root);
  body = child_named(root, "body");
  if (body == NULL) body = root;
  pith__reveal(ex, body);
  pith__prep_document(ex, root);
  if (ex->comments) comments = find_comments(ex, body, &comments_at);
  ingredients = pith__take_ingredients(ex, body);
  ex->flags = PITH_FLAG_STRIP_UNLIKELYS | PITH_FLAG_WEIGHT_CLASSES |
              PITH_FLAG_CLEAN_CONDITIONALLY;
  /* a retry starts from the tree as prep_document left it: each pass is
   * journalled and undone (Readability restores page.innerHTML) */
  pith__journal_start(ex);
  for (;;) {
    xmlNodePtr article, wrapper;
    size_t len;
    int placed = 0;
    ex->byline_found = 0;
    pith__scores_clear(&ex->tables_marked);
    stripped.n = 0;
    article = grab_pass(ex, root, body, &stripped, &spared, &placed);
    if (article == NULL || ex->oom) break;
    pith__park(ex->d, article);
    len = pith__text_len(article);
    if (rescue && len < best_len) break; /* the spared wrapper held less: keep the copy */
    if (!rescue && len >= PITH_CHAR_THRESHOLD &&
        (ex->flags & PITH_FLAG_STRIP_UNLIKELYS) &&
        (wrapper = stripped_wrapper(&stripped, 2 * len)) != NULL &&
        holds_headline(ex, wrapper)) {
      /* enough text, but an element stripped as unlikely holds the headline
       * and twice as much prose: the article inside a layout block named like
       * furniture ("above-footer"), the pass's text a disclosure or a sidebar */
      rescue = 1;
      best = article;
      best_len = len;
      if (!pith__nodes_push(ex, &spared, wrapper)) break;
      if ((best = parked_copy(ex, article)) == NULL) break;
      pith__journal_undo(ex);
      continue;
    }
    if (len >= PITH_CHAR_THRESHOLD ||
        (settled = short_article(article, len, placed, &stripped)) != 0) {
      best = article;
      best_len = len;
      break;
    }
    if (best == NULL || len > best_len) {
      best = article;
      best_len = len;
      best_live = 1;
    }
    if ((ex->flags & PITH_FLAG_STRIP_UNLIKELYS) && spared.n < 3 &&
        (wrapper = stripped_wrapper(&stripped, len)) != NULL) {
      /* first retry with only that element spared: stripping stays on elsewhere */
      if (!pith__nodes_push(ex, &spared, wrapper)) break;
    } else if (ex->flags & PITH_FLAG_STRIP_UNLIKELYS)
      ex->flags &= ~PITH_FLAG_STRIP_UNLIKELYS;
    else if (ex->flags & PITH_FLAG_WEIGHT_CLASSES)
      ex->flags &= ~PITH_FLAG_WEIGHT_CLASSES;
    else if (ex->flags & PITH_FLAG_CLEAN_CONDITIONALLY)
      ex->flags &= ~PITH_FLAG_CLEAN_CONDITIONALLY;
    else
      break;
    if (best == article) {
      /* the undo takes the article's nodes back: keep a copy (it is short) */
      if ((best = parked_copy(ex, article)) == NULL) break;
      best_live = 0;
    }
    pith__journal_undo(ex);
  }
  /* every pass found too little: the paragraph classifier reads the page as
   * prep_document left it, and the longer result wins */
  if (!ex->oom && !settled && best_len < PITH_CHAR_THRESHOLD) {
    xmlNodePtr alt;
    if (best && best_live) {
      xmlNodePtr copy = parked_copy(ex, best);
      if (copy) best = copy;
    }
    if (!ex->oom) {
      xmlNodePtr anchored, region = NULL;
      char *region_text = NULL;
      pith__journal_undo(ex);
      /* a copy, and the text around it: the paragraph stage moves the page's blocks */
      anchored = pith__after_headline(ex, body, &region);
      if (anchored && (region_text = pith__text_dup(region)) == NULL) ex->oom = 1;
      alt = ex->oom ? NULL : pith__paragraph_fallback(ex, body);
      if (alt && pith__text_len(alt) >= 150 &&
          (double)pith__text_len(alt) > 1.5 * (double)best_len)
        best = alt;
      if (anchored && !ex->oom && pith__prefer_anchored(anchored, region_text, best))
        best = anchored;
      free(region_text);
    }
  }
  pith__journal_commit(ex);
  pith__nodes_free(&stripped);
  pith__nodes_free(&spared);
  if (ex->oom) {
    xmlFree(summary);
    return NULL;
  }
  if (best) pith__clean_furniture(ex, best);
  if (best && ex->favor != PITH_FAVOR_RECALL) drop_link_lists(ex, best);
  if (best && ex->favor != PITH_FAVOR_RECALL && !ex->oom) pith__drop_named_tail(ex, best);
  if (best && ex->favor != PITH_FAVOR_RECALL && !ex->oom) pith__drop_link_runs(ex, best);
  if (best && ex->favor != PITH_FAVOR_RECALL && !ex->oom)
    pith__drop_credit_lines(ex, best);
  if (best && ex->favor != PITH_FAVOR_RECALL && !ex->oom)
    pith__drop_closing_appeals(ex, best);
  if (best && !ex->oom) pith__add_ingredients(ex, best, ingredients);
  if (best && ex->favor == PITH_FAVOR_PRECISION && !ex->oom) pith__trim_tail(ex, best);
  /* unless the article took the comment section in already */
  if (best && comments && !ex->oom && !is_ancestor(best, comments_at)) {
    /* a block of its own after the article (the text shows it after a blank line) */
    xmlNodePtr wrap = xmlNewDocNode(ex->d->doc, NULL, (const xmlChar *)"section", NULL);
    if (wrap == NULL)
      ex->oom = 1;
    else {
      xmlNewProp(wrap, (const xmlChar *)"class", (const xmlChar *)"pith-comments");
      pith__append(ex, best, wrap);
      pith__append(ex, wrap, comments);
    }
  }
  if (!ex->oom && summary && ex->favor != PITH_FAVOR_PRECISION &&
      (best == NULL || pith__text_len(best) == 0)) {
    xmlNodePtr alt = summary_fallback(ex, summary);
    if (alt) best = alt;
  }
  xmlFree(summary);
  return best;
}

static int opt_bool(lua_State *L, int t, const char *k, int dflt) {
  int v;
  lua_getfield(L, t, k);
  v = lua_isnil(L, -1) ? dflt : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

/* ARG: doc, [opts {favor=, tables=, images=, comments=, title=}]  RES: node | nil [, err]
 */
static int l_extract(lua_State *L) {
  pith_Doc *d = pith__check_doc(L, 1);
  pith_ex ex;
  const char *title = NULL, *favor = NULL;
  xmlNodePtr content;
  memset(&ex, 0, sizeof ex);
  ex.d = d;
  ex.tables = 1;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "title");
    title = lua_tostring(L, -1);
    lua_getfield(L, 2, "favor");
    favor = lua_tostring(L, -1);
    /* both strings stay on the stack until we return */
    ex.tables = opt_bool(L, 2, "tables", 1);
    ex.images = opt_bool(L, 2, "images", 0);
    ex.comments = opt_bool(L, 2, "comments", 0);
  }
  if (favor && pith__streq(favor, "precision"))
    ex.favor = PITH_FAVOR_PRECISION;
  else if (favor && pith__streq(favor, "recall"))
    ex.favor = PITH_FAVOR_RECALL;
  {
    pith_statcache *sc = pith__stats_open(d->doc);
    content = run(&ex, title);
    pith__stats_close(sc);
  }
  free_ex(&ex);
  if (ex.oom) {
    luaL_pushfail(L);
    lua_pushliteral(L, "out of memory");
    return 2;
  }
  if (content == NULL) return 0;
  pith__push_node(L, 1, content);
  return 1;
}

static int is_block(xmlNodePtr n) {
  static const char *const BLOCKS[] = {
      "p",   "div",     "h1",      "h2", "h3", "h4",    "h5",
      "h6",  "li",      "ul",      "ol", "tr", "table", "blockquote",
      "pre", "section", "article", "br", "dd", "dt",    NULL};
  return n->type == XML_ELEMENT_NODE && in_list((const char *)n->name, BLOCKS);
}

/* ARG: node  RES: string. A plain block-aware text dump, used by extract.lua
 * only when node:text() is not available (debugging and early scoring). */
static int l_extract_text(lua_State *L) {
  xmlNodePtr n = pith__check_node(L, 1, NULL), c;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (c = n->children; c; c = pith__next_node(c, n, 0)) {
    if (c->type == XML_TEXT_NODE && c->content)
      luaL_addstring(&b, (const char *)c->content);
    else if (is_block(c))
      luaL_addstring(&b, "\n\n");
  }
  luaL_pushresult(&b);
  return 1;
}

static const luaL_Reg functions[] = {
    {"extract", l_extract}, {"_extract_text", l_extract_text}, {NULL, NULL}};

void pith__open_extract(lua_State *L) { luaL_setfuncs(L, functions, 0); }
