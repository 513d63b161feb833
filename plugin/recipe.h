/* A recipe's ingredient list kept apart from its method. */
#ifndef PITH_RECIPE_H
#define PITH_RECIPE_H

#include "extract.h"

/* A copy of the page's ingredient box (a block whose class or id names
 * ingredients), taken before the passes change the page, without its form
 * controls; parked in the document. NULL when there is none. */
xmlNodePtr pith__take_ingredients(pith_ex *ex, xmlNodePtr body);

/* Puts that copy at the article's start unless the article kept its own. */
void pith__add_ingredients(pith_ex *ex, xmlNodePtr article, xmlNodePtr copy);

#endif
