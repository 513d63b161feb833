/* Recipe pages set the ingredients in a box of their own beside the method
 * (chefkoch.de, oetker.de, backen.de, przepisy.pl): the method's paragraphs
 * win the article, and the list, a table of amounts and short names, neither
 * scores enough to join them nor survives the passes that clean the page. A
 * block named for ingredients (class or id) is recipe markup whatever the
 * page's language, so a copy is taken first and brought in whole. */
#include <string.h>

#include "recipe.h"

#define INGREDIENTS_MAX_LEN 5000

static int named_ingredients(xmlNodePtr n) {
  return pith__ci_contains(pith__get_attr(n, "class"), "ingredient") ||
         pith__ci_contains(pith__get_attr(n, "id"), "ingredient");
}

static int has_named_inside(xmlNodePtr root) {
  xmlNodePtr c;
  for (c = root->children; c; c = pith__next_node(c, root, 0))
    if (c->type == XML_ELEMENT_NODE && named_ingredients(c)) return 1;
  return 0;
}

/* Items: list items, table rows or blocks, two at least. */
static int has_items(xmlNodePtr n) {
  return pith__count_tag(n, "li") + pith__count_tag(n, "tr") + pith__count_tag(n, "p") +
             pith__count_tag(n, "div") >=
         2;
}

static int is_control(xmlNodePtr n) {
  static const char *const CONTROLS[] = {"form", "button", "input", "select", "textarea",
                                         "svg",  "script", "style", NULL};
  const char *const *c;
  for (c = CONTROLS; *c; c++)
    if (pith__is(n, *c)) return 1;
  return 0;
}

xmlNodePtr pith__take_ingredients(pith_ex *ex, xmlNodePtr body) {
  xmlNodePtr n, found = NULL, copy, next;
  size_t len;
  if (body == NULL) return NULL;
  for (n = body->children; n;) {
    if (n->type == XML_ELEMENT_NODE && named_ingredients(n)) {
      /* the outermost so named: a page frame holding the whole recipe is too long */
      len = pith__text_len_max(n, INGREDIENTS_MAX_LEN + 1);
      if (len >= 20 && len <= INGREDIENTS_MAX_LEN && pith__is_visible(n) &&
          has_items(n)) {
        found = n;
        break;
      }
    }
    n = pith__next_node(n, body, 0);
  }
  if (found == NULL) return NULL;
  copy = xmlDocCopyNode(found, ex->d->doc, 1);
  if (copy == NULL) {
    ex->oom = 1;
    return NULL;
  }
  pith__stats_forget(copy);
  pith__park(ex->d, copy);
  for (n = copy->children; n; n = next) {
    if (n->type == XML_ELEMENT_NODE && is_control(n)) {
      next = pith__next_node(n, copy, 1);
      pith__remove(ex, n);
    } else
      next = pith__next_node(n, copy, 0);
  }
  return copy;
}

void pith__add_ingredients(pith_ex *ex, xmlNodePtr article, xmlNodePtr copy) {
  if (article == NULL || copy == NULL || has_named_inside(article) ||
      !pith__has_text(copy))
    return;
  pith__remove(ex, copy);
  if (article->children)
    pith__insert_before(ex, article->children, copy);
  else
    pith__append(ex, article, copy);
}
