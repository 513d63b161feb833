/* The appeals a story's page closes on: subscribe, download the app, join the
 * channel, become a member. */
#ifndef PITH_APPEAL_H
#define PITH_APPEAL_H

#include "extract.h"

/* Removes the short blocks at the very end of the article that only ask the
 * reader to subscribe, follow or download something. */
void pith__drop_closing_appeals(pith_ex *ex, xmlNodePtr article);

#endif
