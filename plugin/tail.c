/* Sections after the article named by their heading, in several languages.
 * clean.c's TAIL_HEADINGS drops English link blocks after such a heading; here
 * the heading's words alone decide (a German "Weitere Beiträge zum Thema" is
 * often followed by teasers with summaries, an author box by a prose bio), so
 * the cut to the end is kept to the article's last quarter, where a
 * related-stories or author section ends a page and no longer interrupts the
 * story. Earlier, such a heading is left alone by the passes that took its
 * links away (or is followed by them): it goes, with links that follow it. */
#include <string.h>

#include "tail.h"

#define TAIL_MAX_LEN 64

/* Lower-cased, whole text of the heading, trailing punctuation dropped. */
static const char *const NAMED_EXACT[] = {
    /* de */
    "auch interessant", "das könnte sie auch interessieren",
    "das könnte dich auch interessieren", "das könnte euch auch interessieren",
    "das thema könnte dich auch interessieren", "das thema könnte sie auch interessieren",
    "dies könnte sie auch interessieren", "könnte sie auch interessieren",
    "das interessiert sie vielleicht auch", "siehe auch", "lesen sie auch",
    "lesen sie mehr", "mehr zum thema", "mehr zu diesem thema", "beiträge zum thema",
    "weitere beiträge zum thema", "artikel zum thema", "weitere artikel zum thema",
    "weitere artikel", "weitere beiträge", "weitere news", "weitere nachrichten",
    "weitere meldungen", "weitere themen", "weitere rezepte", "weitere informationen",
    "weitere infos", "empfohlene beiträge", "empfohlene artikel", "neueste artikel",
    "neueste beiträge", "neue beiträge", "ähnliche artikel", "ähnliche beiträge",
    "ähnliche rezepte", "beliebte artikel", "beliebte beiträge", "beliebte inhalte",
    "beliebte inhalte & beiträge", "verwandte artikel", "verwandte beiträge",
    "verwandte themen", "passend zum thema", "über den autor", "über die autorin",
    "zum autor", "zur autorin", "zur person", "zum weiterlesen", "meistgelesen",
    "meistgelesene artikel", "meistgelesene beiträge", "meistdiskutierte artikel",
    "mehr themen", "top-themen", "vorschau auf den nächsten artikel", "schon gelesen?",
    "diese artikel könnten sie auch interessieren",
    "diese artikel könnten euch auch interessieren",
    "diese artikel könnten dich auch interessieren", "weiterführender link",
    "weiterführende links", "weiterführende artikel",
    /* fr */
    "à lire aussi", "a lire aussi", "lire aussi", "à lire également", "sur le même sujet",
    "articles similaires", "dans la même rubrique", "à propos de l'auteur",
    "audios et vidéos sur le sujet", "les plus lus",
    /* es, it, pl */
    "te puede interesar", "también te puede interesar", "noticias relacionadas",
    "artículos relacionados", "sobre el autor", "notas relacionadas", "veja também",
    "leia também", "lo más leído", "leggi anche", "potrebbe interessarti",
    "articoli correlati", "czytaj też", "czytaj także", "zobacz też", "zobacz także",
    /* author boxes; not "About the author", which Readability keeps */
    "author", "autor", "autorin", "autoren", "autor:innen", "autor*innen", "der autor",
    "die autorin", "sobre el autor", "sobre la autora", "l'auteur", NULL};

/* A leading part of the heading, followed by a space: "Weitere Tourentipps in
 * Schweden", "Mehr von 1000things", "Weitere Beiträge aus der Kolumne". */
static const char *const NAMED_PREFIX[] = {"weitere beiträge",
                                           "weitere artikel",
                                           "weitere tourentipps",
                                           "weitere tipps",
                                           "weitere informationen zum",
                                           "mehr von",
                                           "mehr aus",
                                           "mehr zum thema",
                                           "weitere news",
                                           "neueste artikel",
                                           "beliebte",
                                           "entdecke weitere",
                                           "entdecken sie weitere",
                                           "empfehlungen aus",
                                           NULL};

/* ASCII and Latin-1 capitals (UTF-8 C3 80..9E but ×) to lower case. */
void pith__lower_latin(char *s) {
  unsigned char *p = (unsigned char *)s;
  for (; *p; p++) {
    if (*p >= 'A' && *p <= 'Z')
      *p = (unsigned char)(*p + 32);
    else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97)
      p[1] = (unsigned char)(p[1] + 0x20), p++;
  }
}

/* Trailing spaces, colons, dots, "!", "»", "…", arrows. */
static void strip_trailing(char *s) {
  size_t n = strlen(s);
  for (;;) {
    if (n > 0 && strchr(" :.!>|-", s[n - 1]))
      n--;
    else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xBB)
      n -= 2;
    else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
             (unsigned char)s[n - 2] == 0x80 && (unsigned char)s[n - 1] == 0xA6)
      n -= 3;
    else
      break;
  }
  s[n] = 0;
}

static int is_named_tail(const char *t) {
  const char *const *w;
  for (w = NAMED_EXACT; *w; w++)
    if (pith__streq(t, *w)) return 1;
  for (w = NAMED_PREFIX; *w; w++) {
    size_t n = strlen(*w);
    if (strncmp(t, *w, n) == 0 && t[n] == ' ') return 1;
  }
  return 0;
}

/* "Über Kathrin", "Über Michael Veeser-Dombrowski": an author box named by
 * the author, one to three capitalised words ("Über uns" is the site's). */
static int is_about_name(const char *t) {
  int words = 0;
  static const char UBER[] = "\xC3\x9C"
                             "ber "; /* "Über " */
  if (strncmp(t, UBER, sizeof UBER - 1) != 0) return 0;
  for (t += sizeof UBER - 1; *t;) {
    if (!((*t >= 'A' && *t <= 'Z') ||
          ((unsigned char)*t == 0xC3 && (unsigned char)t[1] >= 0x80 &&
           (unsigned char)t[1] <= 0x9E)))
      return 0;
    words++;
    while (*t && *t != ' ')
      t++;
    while (*t == ' ')
      t++;
  }
  return words >= 1 && words <= 3;
}

int pith__is_block(xmlNodePtr n) {
  static const char *const BLOCK[] = {
      "p",  "div", "ul",   "ol",      "li",         "table",      "section", "article",
      "h1", "h2",  "h3",   "h4",      "h5",         "h6",         "header",  "footer",
      "dl", "dt",  "dd",   "aside",   "figure",     "blockquote", "pre",     "tr",
      "td", "nav", "form", "details", "figcaption", "main",       "address", NULL};
  const char *const *b;
  if (n->type != XML_ELEMENT_NODE) return 0;
  for (b = BLOCK; *b; b++)
    if (pith__streq((const char *)n->name, *b)) return 1;
  return 0;
}

int pith__has_block_inside(xmlNodePtr n) {
  xmlNodePtr c;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (pith__is_block(c)) return 1;
  return 0;
}

/* The heading as a block: climb while the parent holds no other text. */
static xmlNodePtr section_start(xmlNodePtr n, xmlNodePtr article) {
  size_t len = pith__text_len(n);
  while (n->parent && n->parent != article && pith__text_len(n->parent) == len)
    n = n->parent;
  return n;
}

/* Removes start and every node after it inside article. */
static void cut_from(pith_ex *ex, xmlNodePtr start, xmlNodePtr article) {
  xmlNodePtr a, s, next, parent = start->parent;
  for (a = start; a && a != article; a = a->parent)
    for (s = a->next; s; s = next) {
      next = s->next;
      pith__remove(ex, s);
    }
  pith__remove(ex, start);
  /* wrappers left empty */
  while (parent && parent != article && !pith__has_text(parent) &&
         pith__count_tag(parent, "img") == 0) {
    xmlNodePtr up = parent->parent;
    pith__remove(ex, parent);
    parent = up;
  }
}

/* Earlier in the story, a "Lesen Sie auch:" heading goes only with the links
 * that follow it: blocks mostly link. */
static int drop_linked_followers(pith_ex *ex, xmlNodePtr start) {
  xmlNodePtr f, after;
  int dropped = 0;
  for (f = pith__next_element_sibling(start); f; f = after) {
    after = pith__next_element_sibling(f);
    if (!pith__has_text(f) || pith__link_density(f) < 0.6 ||
        pith__text_len_max(f, 401) > 400)
      break;
    pith__remove(ex, f);
    dropped = 1;
  }
  return dropped;
}

void pith__drop_named_tail(pith_ex *ex, xmlNodePtr article) {
  pith_nodes inner = {0};
  xmlNodePtr n;
  size_t total = pith__text_len(article), before = 0, i;
  char buf[4 * TAIL_MAX_LEN];
  int about;
  if (total == 0) return;
  for (n = article->children; n;) {
    size_t len;
    if (n->type != XML_ELEMENT_NODE || !pith__is_block(n) || pith__has_block_inside(n)) {
      n = pith__next_node(n, article, 0);
      continue;
    }
    len = pith__text_len(n);
    if (len > 0 && len <= TAIL_MAX_LEN) {
      pith__text_copy(n, buf, sizeof buf);
      strip_trailing(buf);
      about = is_about_name(buf);
      pith__lower_latin(buf);
      if (about || is_named_tail(buf)) {
        if (before * 4 >= total * 3) {
          cut_from(ex, section_start(n, article), article);
          break;
        }
        if (!pith__nodes_push(ex, &inner, n)) break;
      }
    }
    before += len;
    n = pith__next_node(n, article, 1);
  }
  for (i = 0; i < inner.n; i++) {
    xmlNodePtr h = inner.v[i];
    if (h->parent == NULL || h->parent == ex->d->trash) continue;
    h = section_start(h, article);
    drop_linked_followers(ex, h);
    pith__remove(ex, h);
  }
  pith__nodes_free(&inner);
}
