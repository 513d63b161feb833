/* What the three serialisers share: how an element behaves (one lookup
 * table), visibility, the iterative walk, table shape, URL safety, and the
 * whitespace-normalising line writer used by text and Markdown. */
#ifndef PITH_SERIAL_H
#define PITH_SERIAL_H

#include <libxml/tree.h>

#include "buf.h"

#pragma GCC visibility push(hidden)

typedef enum pith_kind {
  PK_INLINE = 0, /* unknown elements too */
  PK_SKIP,       /* never serialised (script, style, head, form controls ...) */
  PK_BLOCK,
  PK_H,
  PK_UL,
  PK_OL,
  PK_LI,
  PK_PRE,
  PK_CODE,
  PK_BR,
  PK_HR,
  PK_IMG,
  PK_A,
  PK_EM,
  PK_STRONG,
  PK_DEL,
  PK_BQ,
  PK_TABLE,
  PK_TSECT, /* thead, tbody, tfoot */
  PK_TR,
  PK_CELL, /* td, th */
  PK_WBR
} pith_kind;

typedef struct pith_el {
  const char *name;
  unsigned char kind;
  const char *html; /* tag written by clean HTML; NULL: unwrapped */
} pith_el;

/* The behaviour of element n (never NULL: unknown names get an inline entry). */
const pith_el *pith__el(xmlNodePtr n);
/* hidden attribute, aria-hidden="true", style display:none / visibility:hidden. */
int pith__el_hidden(xmlNodePtr n);
/* A data table (rows and columns) rather than a layout table: no nested table,
 * more than one column, no cell holding several paragraphs or a heading. */
int pith__data_table(xmlNodePtr table);
/* Value of attribute name (NULL when absent); borrowed when it is a single text
 * node, else *tofree is set and must be xmlFree'd. */
const xmlChar *pith__attr(xmlNodePtr n, const char *name, xmlChar **tofree);
/* The absolute, safe URL of href against base, or NULL (javascript:, vbscript:,
 * data: except data:image/ when allow_data_image, or empty). Free with xmlFree. */
xmlChar *pith__safe_url(const xmlChar *href, const xmlChar *base, int allow_data_image);
/* The image URL of an <img>: src, or a lazy-loading attribute when src is
 * missing or a data: placeholder. Borrowed like pith__attr. */
const xmlChar *pith__img_src(xmlNodePtr img, xmlChar **tofree);

/* Iterative pre/post-order walk of root's subtree (root included). enter is
 * called for elements: non-zero means descend, and leave will be called. */
typedef struct pith_walk_ops {
  int (*enter)(void *st, xmlNodePtr n);
  void (*leave)(void *st, xmlNodePtr n);
  void (*text)(void *st, const char *s, size_t len);
} pith_walk_ops;
void pith__walk(xmlNodePtr root, const pith_walk_ops *ops, void *st);

/* A stack of per-element frames for the serialisers' leave handlers. */
typedef struct pith_frame {
  const pith_el *el;
  xmlNodePtr node;
  long a, b;   /* saved state, meaning per kind */
  size_t mark; /* an output or pending-buffer offset */
} pith_frame;
typedef struct pith_frames {
  pith_frame *v;
  size_t n, cap;
} pith_frames;
/* NULL on allocation failure. */
pith_frame *pith__frame_push(pith_frames *f);
void pith__frames_free(pith_frames *f);

/* The line writer: collapses whitespace, separates blocks with at most one
 * blank line, trims trailing blanks, and (for Markdown) writes a line prefix
 * ("> ", list indentation), a pending lead (bullet, "## ") and pending inline
 * openers ("*", "[") lazily before the next content, so empty elements leave
 * nothing behind. */
typedef struct pith_tw {
  pith_buf *out;
  pith_buf prefix;   /* written at the start of each line */
  size_t prefix_min; /* shortest prefix since the last content line (blank lines) */
  pith_buf lead;     /* written once, at the next content */
  size_t lead_at;    /* prefix length the lead replaces the rest of */
  pith_buf pend;     /* inline openers not yet written */
  int breaks;        /* newlines wanted before the next content (0..2) */
  int hard;          /* the pending single break comes from <br> */
  int space;         /* a collapsed space is pending */
  int glue;          /* a separator was just written: no space after it */
  int bol;           /* at the beginning of a line (prefix not yet written) */
  int nl;            /* newlines written since the last content */
  int any;           /* some content was written */
  int flat;          /* > 0: breaks become spaces (table cells, headings, links) */
  int pre;           /* > 0: text is verbatim */
  int pre_text;      /* the verbatim block has shown content */
  int pre_nl;        /* its newlines not yet written (trailing ones never are) */
  int pre_soft;      /* pre_nl stands for a block break a newline may repeat */
  char indent[32];   /* blanks starting its current line, not yet written */
  int indent_len;
  int sep;  /* pend starts with a cell separator: no space before it */
  int md;   /* Markdown: escaping and backslash hard breaks */
  int code; /* > 0: inside a code span (no escaping) */
  int link; /* > 0: inside link text (escape ']') */
  int cell; /* > 0: inside a Markdown table cell (escape '|') */
} pith_tw;

void pith__tw_init(pith_tw *w, pith_buf *out, int md);
void pith__tw_free(pith_tw *w);
/* Wants n (1: line, 2: blank line) breaks before the next content. */
void pith__tw_break(pith_tw *w, int n);
/* <br>: a line break (a space when flat, a newline inside <pre>). */
void pith__tw_br(pith_tw *w);
void pith__tw_space(pith_tw *w);
/* Writes pending breaks, prefix, lead and openers: call before content. */
void pith__tw_flush(pith_tw *w);
/* Content written as is (after a flush). */
void pith__tw_raw(pith_tw *w, const char *s, size_t n);
/* Text node content: normalised, verbatim in pre, escaped for Markdown. */
void pith__tw_text(pith_tw *w, const char *s, size_t n);
/* Closes the current line (after a Markdown fence). */
void pith__tw_newline(pith_tw *w);
/* A verbatim block (<pre>): blank lines at its start and end are dropped. */
void pith__tw_pre_begin(pith_tw *w);
void pith__tw_pre_end(pith_tw *w);
/* A separator written only if content follows (text table cells). */
void pith__tw_sep(pith_tw *w, const char *s);
/* Trims trailing blanks, newlines and Unicode spaces off the output. */
void pith__tw_trim_end(pith_buf *o);
/* Prefix stack: push returns the old length to pop back to. */
size_t pith__tw_push_prefix(pith_tw *w, const char *s);
void pith__tw_pop_prefix(pith_tw *w, size_t len);

#pragma GCC visibility pop

#endif
