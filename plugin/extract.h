/* The extractor's working state, shared by extract.c (finding the article) and
 * clean.c (removing what is not article). Pure C: no Lua calls in here. */
#ifndef PITH_EXTRACT_H
#define PITH_EXTRACT_H

#include "pith_int.h"
#include "score.h"

#define PITH_FLAG_STRIP_UNLIKELYS     1
#define PITH_FLAG_WEIGHT_CLASSES      2
#define PITH_FLAG_CLEAN_CONDITIONALLY 4

#define PITH_FAVOR_BALANCED           0
#define PITH_FAVOR_PRECISION          1
#define PITH_FAVOR_RECALL             2

#define PITH_MAX_TITLES               6

typedef struct pith_nodes {
  xmlNodePtr *v;
  size_t n, cap;
} pith_nodes;

/* One recorded change: a move (the node's parent and next sibling before it)
 * or, when name is set, a rename (the name before it). */
typedef struct pith_undo {
  xmlNodePtr node, parent, next;
  const xmlChar *name;
} pith_undo;

typedef struct pith_ex {
  pith_Doc *d;
  int flags;
  int favor, tables, images, comments;
  int has_meta_byline, byline_found;
  char *titles[PITH_MAX_TITLES]; /* headline candidates (malloc'd) */
  int ntitles;
  xmlNodePtr headline; /* marker left where this pass removed the headline, or NULL */
  pith_scoremap scores;
  pith_scoremap tables_marked; /* 1: data table, 0: layout table */
  pith_undo *undo;
  size_t nundo, undo_cap;
  int journal;
  int oom;
} pith_ex;

int pith__nodes_push(pith_ex *ex, pith_nodes *l, xmlNodePtr n);
void pith__nodes_free(pith_nodes *l);
/* Descendants of root (not root) named tag (or any of tags, NULL-terminated), in document
 * order. */
int pith__collect(pith_ex *ex, xmlNodePtr root, const char *const *tags, pith_nodes *out);

/* Tree surgery that never merges or frees nodes (handles may be held by Lua). */
void pith__remove(pith_ex *ex, xmlNodePtr n);
void pith__append(pith_ex *ex, xmlNodePtr parent, xmlNodePtr child);
void pith__insert_before(pith_ex *ex, xmlNodePtr ref, xmlNodePtr n);
void pith__rename(pith_ex *ex, xmlNodePtr n, const char *tag);
/* The undo journal of the retry loop (see clean.c). */
void pith__journal_start(pith_ex *ex);
void pith__journal_commit(pith_ex *ex);
void pith__journal_undo(pith_ex *ex);
/* Readability's _removeAndGetNext: removes n, returns the next element in walk order. */
xmlNodePtr pith__remove_and_next(pith_ex *ex, xmlNodePtr n);

int pith__is_phrasing(xmlNodePtr n);
int pith__is_whitespace(xmlNodePtr n);
int pith__is_visible(xmlNodePtr n);
int pith__is_visible_attrs(const pith_attrs *a);

/* paragraphs.c: the jusText-style stage; a parked div of the page's good
 * blocks (moved), or NULL when none (or out of memory, with ex->oom). */
xmlNodePtr pith__paragraph_fallback(pith_ex *ex, xmlNodePtr body);

/* clean.c */
void pith__prep_document(pith_ex *ex, xmlNodePtr root);
void pith__prep_article(pith_ex *ex, xmlNodePtr article);
void pith__clean_furniture(pith_ex *ex, xmlNodePtr article);
/* Runs of two or more consecutive paragraphs that are each one link. */
void pith__drop_link_runs(pith_ex *ex, xmlNodePtr article);
/* Removes the headline, leaving an empty marker element in its place: the
 * article starts after it, which locates standfirsts and leading furniture. */
xmlNodePtr pith__mark_headline(pith_ex *ex, xmlNodePtr heading);
int pith__is_headline_mark(xmlNodePtr n);
/* Leading furniture (bylines, dates, breadcrumbs, credits, counters, kickers)
 * before the first real paragraph; removes the headline markers. */
void pith__clean_lead(pith_ex *ex, xmlNodePtr article);
/* Whether n (or an ancestor below stop) is marked as a byline, date or other
 * furniture, or its text opens with "By ..." (a byline or an author's bio). */
int pith__is_byline_block(xmlNodePtr n, xmlNodePtr stop);
/* favor=precision: drops the short or link-heavy blocks after the last prose block. */
void pith__trim_tail(pith_ex *ex, xmlNodePtr article);
/* A picture with its caption, kept when images=true. */
int pith__is_captioned_figure(xmlNodePtr n);
/* Whether w (lower-case) occurs in s as a word of its own, in any case, a
 * plural allowed: "comments", "post_comment" and "relatedArticles" name
 * something, "commented" is a state. */
int pith__has_word(const char *s, const char *w);
/* Whether n's class or id names it as comments (comment, disqus, reply, replies as
 * words). */
int pith__named_comments(xmlNodePtr n);
/* Whether a block reads as a paragraph of prose (length, sentence end, links). */
int pith__is_prose(xmlNodePtr n);
/* Whether a heading's text is close to one of the page's titles. */
int pith__duplicates_title(pith_ex *ex, xmlNodePtr heading, double threshold);

#endif
