/* Picture credits as lines of their own in the article's body: "Foto: Sascha
 * Klahn", "Titelbild: Geyres Christophe/ABACA/picture-alliance", "Crédits
 * photos : Bestimage", "(Image credit: HandyGames)". They name who made a
 * picture the text no longer shows. A caption that ends in its credit stays
 * (Readability keeps captions), and so does all before the first paragraph:
 * the lead's picture and its credit are clean.c's (pith__clean_lead), and a
 * story may open on its picture's caption. */
#include <string.h>

#include "tail.h"

#define CREDIT_MAX_LEN 200

/* Labels, lower-cased, that a credit line opens with (then ":" or " :"). */
static const char *const LABELS[] = {"foto",           "fotos",
                                     "foto(s)",        "fotocredit",
                                     "fotoquelle",     "titelfoto",
                                     "titelbild",      "beitragsbild",
                                     "bild",           "bilder",
                                     "bildquelle",     "bildnachweis",
                                     "photo",          "photos",
                                     "photograph",     "photo credit",
                                     "photo credits",  "photo source",
                                     "image",          "image credit",
                                     "image source",   "credit",
                                     "credits",        "crédit photo",
                                     "crédits photos", "crédit",
                                     "crédits",        "fuente",
                                     "foto di",        "zdjęcie",
                                     "© foto",         "© bild",
                                     "© photo",        NULL};

/* s (lower-cased) at a label then a colon: the credit's start. */
static const char *after_label(const char *s) {
  const char *const *w;
  for (w = LABELS; *w; w++) {
    size_t n = strlen(*w);
    const char *p = s + n;
    if (strncmp(s, *w, n) != 0) continue;
    if (*p == ' ') p++;
    if (*p == ':') return p + 1;
  }
  return NULL;
}

/* The credit (what follows the label) is a name or two, not a sentence. */
static int is_credit_tail(const char *p) {
  size_t len = strlen(p);
  while (*p == ' ')
    p++, len--;
  return len > 1 && len <= 80 && strstr(p, ". ") == NULL;
}

static int is_credit_line(char *t) {
  const char *p;
  size_t n = strlen(t);
  /* "(Foto: Getty)" whole */
  if (t[0] == '(' && n > 2 && t[n - 1] == ')') {
    t[n - 1] = 0;
    p = after_label(t + 1);
    return p && is_credit_tail(p);
  }
  if ((p = after_label(t)) != NULL) return is_credit_tail(p);
  return 0;
}

/* A rights, licence or liability notice: "© 2020 CBS Interactive Inc. All
 * Rights Reserved.", "© Bundesrat | Frank Bräuer", "(Alle Angaben ohne
 * Gewähr)", "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website
 * unter CC-BY", "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND". */
static int is_rights_line(const char *t) {
  static const char *const OPEN[] = {
      "\xC2\xA9", "(c) ", "copyright", "(alle angaben ohne gewähr",
      "alle angaben ohne gewähr",
      /* the content's licence stated on its own */
      "sofern nicht anders angegeben", "sofern nicht anders ausgewiesen",
      "sofern nicht anders gekennzeichnet", "unless otherwise noted",
      "unless otherwise stated", "unless otherwise indicated",
      "this work is licensed under", "this article is licensed under",
      "dieser text wurde veröffentlicht unter der lizenz", "dieser text steht unter",
      "dieser beitrag steht unter", "dieses werk ist lizenziert unter", "lizenz: cc",
      "license: cc", "licence: cc", NULL};
  static const char *const ANY[] = {"all rights reserved", "alle rechte vorbehalten",
                                    "tous droits réservés",
                                    "todos los derechos reservados", NULL};
  const char *const *w;
  for (w = OPEN; *w; w++)
    if (strncmp(t, *w, strlen(*w)) == 0) return 1;
  for (w = ANY; *w; w++)
    if (strstr(t, *w)) return 1;
  return 0;
}

/* Page furniture beside the story in German and other languages, the whole
 * line (clean.c's FURNITURE_EXACT has the English): comment, share and rating
 * prompts, an advertisement's label, a way back. */
static int is_furniture_line(char *t) {
  static const char *const LINES[] = {"keine kommentare",
                                      "kommentare",
                                      "kommentar schreiben",
                                      "kommentare schreiben",
                                      "diesen artikel teilen",
                                      "artikel teilen",
                                      "beitrag teilen",
                                      "teilen",
                                      "drucken",
                                      "zurück",
                                      "nach oben",
                                      "zum seitenanfang",
                                      "zurück zur übersicht",
                                      "zurück zur listenansicht",
                                      "anzeige",
                                      "werbung",
                                      "reklama",
                                      "publicité",
                                      "war der artikel nützlich",
                                      "war dieser artikel hilfreich",
                                      "möchten sie den artikel teilen",
                                      "hier können sie den artikel bewerten",
                                      "noch keine bewertungen",
                                      "lade weitere inhalte",
                                      "externer inhalt",
                                      "valora esta noticia",
                                      NULL};
  const char *const *w;
  size_t n = strlen(t);
  while (n > 0 && strchr(" :.!?>|-)", t[n - 1]))
    n--;
  if (n >= 3 && (unsigned char)t[n - 3] == 0xE2 && (unsigned char)t[n - 2] == 0x80 &&
      (unsigned char)t[n - 1] == 0xA6)
    n -= 3;
  t[n] = 0;
  while (*t == '-' || *t == ' ' || *t == '(')
    t++;
  for (w = LINES; *w; w++)
    if (pith__streq(t, *w)) return 1;
  return 0;
}

/* "Lesen Sie auch: <another story>", "Czytaj też: ...", "À lire aussi » ...":
 * a label, then the linked headline. */
static int is_read_also_line(const char *t) {
  static const char *const LABELS_ALSO[] = {"lesen sie auch",
                                            "lesen sie hier",
                                            "lesen sie mehr",
                                            "lies auch",
                                            "siehe auch",
                                            "auch interessant",
                                            "mehr zum thema",
                                            "czytaj też",
                                            "czytaj także",
                                            "zobacz też",
                                            "zobacz także",
                                            "lea también",
                                            "lee también",
                                            "leia também",
                                            "veja também",
                                            "à lire aussi",
                                            "a lire aussi",
                                            "lire aussi",
                                            "read also",
                                            "see also",
                                            "read more",
                                            "leggi anche",
                                            "also read",
                                            "le puede interesar",
                                            "te puede interesar",
                                            "también te puede interesar",
                                            "puede interesarte",
                                            "lea más",
                                            "lee más",
                                            "mire",
                                            "vea también",
                                            "ver también",
                                            "voir aussi",
                                            "lisez aussi",
                                            "przeczytaj też",
                                            "przeczytaj także",
                                            "lees ook",
                                            "lea",
                                            "lee",
                                            "mira",
                                            "puedes ver",
                                            "auch lesen",
                                            "weiterlesen",
                                            "more",
                                            NULL};
  const char *const *w;
  for (w = LABELS_ALSO; *w; w++) {
    size_t n = strlen(*w);
    const char *p = t + n;
    if (strncmp(t, *w, n) != 0) continue;
    while (*p == ' ')
      p++;
    if (*p == ':' || (*p == '\xC2' && p[1] == '\xBB')) return 1;
  }
  return 0;
}

static int is_leaf(xmlNodePtr n) {
  static const char *const LEAF[] = {"p",  "div", "figcaption", "span", "small", "em",
                                     "i",  "li",  "h5",         "h6",   "h2",    "h3",
                                     "h4", "td",  "blockquote", NULL};
  const char *const *b;
  xmlNodePtr c;
  if (n->type != XML_ELEMENT_NODE) return 0;
  for (b = LEAF; *b; b++)
    if (pith__streq((const char *)n->name, *b)) break;
  if (*b == NULL) return 0;
  for (c = n->children; c; c = pith__next_node(c, n, 0))
    if (c->type == XML_ELEMENT_NODE &&
        (pith__is(c, "p") || pith__is(c, "div") || pith__is(c, "figcaption") ||
         pith__is(c, "li") || pith__is(c, "ul") || pith__is(c, "table")))
      return 0;
  return 1;
}

void pith__remove_emptied(pith_ex *ex, xmlNodePtr n, xmlNodePtr article) {
  xmlNodePtr parent = n->parent;
  pith__remove(ex, n);
  while (parent && parent != article && parent != ex->d->trash &&
         !pith__has_text(parent) && pith__count_tag(parent, "img") == 0) {
    xmlNodePtr up = parent->parent;
    pith__remove(ex, parent);
    parent = up;
  }
}

void pith__drop_credit_lines(pith_ex *ex, xmlNodePtr article) {
  pith_nodes found = {0};
  xmlNodePtr n;
  size_t i;
  char buf[2 * CREDIT_MAX_LEN + 8];
  int prose = 0;
  for (n = article->children; n;) {
    size_t len;
    if (!is_leaf(n)) {
      n = pith__next_node(n, article, 0);
      continue;
    }
    len = pith__text_len_max(n, CREDIT_MAX_LEN + 1);
    if (!prose && len >= 80 && pith__is_prose(n)) {
      prose = 1; /* the story has begun: this block is its */
      n = pith__next_node(n, article, 1);
      continue;
    }
    if (prose && len >= 6 && len <= CREDIT_MAX_LEN) {
      pith__text_copy(n, buf, sizeof buf);
      pith__lower_latin(buf);
      if ((is_rights_line(buf) || is_credit_line(buf) ||
           (len <= 50 && is_furniture_line(buf)) ||
           (is_read_also_line(buf) && pith__link_density(n) >= 0.5)) &&
          !pith__nodes_push(ex, &found, n))
        break;
    }
    n = pith__next_node(n, article, 1);
  }
  /* then the removals, each taking the wrappers it empties */
  for (i = 0; i < found.n; i++)
    pith__remove_emptied(ex, found.v[i], article);
  pith__nodes_free(&found);
}
