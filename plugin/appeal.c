/* The last lines of many news pages are the publisher's appeals ("Subscribe now
 * to our e-edition for the full story.", "For the latest stories download our
 * app", "¿Ya sabías que tenemos canal de Telegram?"), set as paragraphs inside
 * the story's container. Only the article's last few short blocks are read, and
 * only while each one is such an appeal: an appeal inside the story, or a
 * closing paragraph of real prose, stays. */
#include <string.h>

#include "appeal.h"
#include "tail.h"

#define APPEAL_MAX_LEN    220
#define APPEAL_MAX_BLOCKS 4

/* Lower-cased (Latin) substrings that make a short closing block an appeal. */
static const char *const APPEALS[] = {
    /* en */
    "subscribe now", "subscribe to", "subscribe for", "subscribe today",
    "please subscribe", "download the", "our app", "sign up for", "follow us on",
    "join our", "support our journalism", "become a member", "telegram channel",
    "whatsapp channel", "youtube channel", "sign up here", "letter to the editor",
    "get the latest news", "if you enjoyed", "consider supporting", "support our work",
    /* es, pt */
    "suscríbete", "suscribirse", "descarga nuestra", "descargue nuestra", "nuestra app",
    "canal de telegram", "canal de whatsapp", "canal de youtube", "síguenos",
    "hazte miembro", "hazte socio", "apóyanos", "únete a nuestra", "assine", "siga-nos",
    /* de */
    "abonnieren", "abonniere", "jetzt abonnieren", "folgen sie uns", "folge uns",
    "unseren kanal", "jetzt auch digital", "fan-shop", "unterstützen sie uns",
    "unterstütze unser", "unterstützen sie unser",
    /* fr, it, pl */
    "abonnez-vous", "téléchargez notre", "suivez-nous", "inscrivez-vous", "iscriviti",
    "seguici", "scarica l'app", "do subskrypcji", "obserwuj nas", NULL};

/* "Follow The Gleaner on Twitter and Instagram @... and on Facebook @...",
 * "Follow us: Google News | Reddit | Instagram | Facebook | Twitter": the
 * site's row of networks. "follow" alone is too common a verb for a story's
 * last line, and one or two names ("Follow him on Twitter @...") close an
 * author's tagline, which Readability keeps. */
static const char *const NETWORKS[] = {"twitter",  "facebook", "instagram", "whatsapp",
                                       "telegram", "tiktok",   "linkedin",  NULL};

/* The publisher's closing disclaimer about what contributors write. */
static const char *const DISCLAIMERS[] = {
    "is not responsible for the opinions", "do not necessarily reflect",
    "does not necessarily reflect",        "die meinung des autors wieder",
    "die meinung der autorin wieder",      NULL};

static int count_any(const char *t, const char *const *words) {
  int k = 0;
  for (; *words; words++)
    k += strstr(t, *words) != NULL;
  return k;
}

static int has_any(const char *t, const char *const *words) {
  return count_any(t, words) > 0;
}

static int is_appeal(const char *t) {
  return has_any(t, APPEALS) || has_any(t, DISCLAIMERS) ||
         ((strstr(t, "follow ") || strstr(t, "folgen sie") || strstr(t, "síguenos")) &&
          count_any(t, NETWORKS) >= 3);
}

void pith__drop_closing_appeals(pith_ex *ex, xmlNodePtr article) {
  xmlNodePtr last[APPEAL_MAX_BLOCKS], n;
  size_t k = 0, i, total = pith__text_len(article), dropped = 0;
  char buf[4 * APPEAL_MAX_LEN + 8];
  /* the last leaf blocks, the last one first (a leaf's inside is not walked again) */
  for (n = article->children; n;) {
    int leaf = pith__is_block(n) && !pith__has_block_inside(n) && pith__has_text(n);
    if (leaf) {
      memmove(last + 1, last, sizeof last[0] * (APPEAL_MAX_BLOCKS - 1));
      last[0] = n;
      if (k < APPEAL_MAX_BLOCKS) k++;
    }
    n = pith__next_node(n, article, leaf);
  }
  for (i = 0; i < k; i++) {
    size_t len = pith__text_len_max(last[i], APPEAL_MAX_LEN + 1);
    if (len > APPEAL_MAX_LEN) break;
    pith__text_copy(last[i], buf, sizeof buf);
    pith__lower_latin(buf);
    if (!is_appeal(buf)) break;
    dropped += len;
  }
  /* the appeals are the page's close, not most of what it says */
  if (i == 0 || dropped * 4 > total) return;
  while (i-- > 0)
    pith__remove_emptied(ex, last[i], article);
}
