/* Serialisation of a node (or a document's body) to plain text, Markdown or
 * clean HTML. Pure C: no Lua calls, so it may run with libxml2 frames on the
 * stack; an allocation failure sets out->oom. The walks are iterative, so any
 * nesting depth is safe. */
#ifndef PITH_TEXT_H
#define PITH_TEXT_H

#include <libxml/tree.h>

#include "buf.h"

#pragma GCC visibility push(hidden)

enum { PITH_FMT_TEXT = 0, PITH_FMT_MARKDOWN = 1, PITH_FMT_HTML = 2 };

/* links/images/tables: 1 on, 0 off, -1 the format's default (links and images
 * on for Markdown and HTML; images off for text, where they mean alt text and
 * links mean nothing; tables on). tables=0 drops data tables only: layout
 * tables are read as blocks. base_url NULL: the document's URL. Either way the
 * page's own <base href> refines it, and links and images are made absolute. */
typedef struct pith_ser_opts {
  int format;
  int links, images, tables;
  const char *base_url;
} pith_ser_opts;

void pith__ser_opts_init(pith_ser_opts *o, int format);

/* Appends the serialisation of node to out. A document node means its body. */
void pith__serialise(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o);

/* The format-specific walkers behind pith__serialise (node already resolved,
 * options already defaulted, base the absolute base URL or NULL). */
void pith__ser_text(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o);
void pith__ser_markdown(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o,
                        const xmlChar *base);
void pith__ser_html(pith_buf *out, xmlNodePtr node, const pith_ser_opts *o,
                    const xmlChar *base);

#pragma GCC visibility pop

#endif
