/* End-of-article sections that a short heading names as not the article's own
 * ("Weitere Beiträge zum Thema", "Über den Autor", "À lire aussi"). */
#ifndef PITH_TAIL_H
#define PITH_TAIL_H

#include "extract.h"

/* Removes a section led by such a heading: in the article's last quarter the
 * heading and all that follows it, earlier the heading and the blocks of links
 * right after it. */
void pith__drop_named_tail(pith_ex *ex, xmlNodePtr article);

/* Whether n is a block element (p, div, li, h1..h6, td, section ...), and
 * whether one stands inside it. */
int pith__is_block(xmlNodePtr n);
int pith__has_block_inside(xmlNodePtr n);

/* Removes n, then each ancestor below article that it leaves without text or
 * image. */
void pith__remove_emptied(pith_ex *ex, xmlNodePtr n, xmlNodePtr article);

/* ASCII and Latin-1 (UTF-8) capitals to lower case, in place. */
void pith__lower_latin(char *s);

/* Removes the article's picture-credit lines ("Foto: X", "Titelbild: X",
 * "Crédits photos : X", a caption ending "(Foto: X)") wherever they stand. */
void pith__drop_credit_lines(pith_ex *ex, xmlNodePtr article);

#endif
