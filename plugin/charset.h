/* Charset detection and decoding to UTF-8 (charset.c), for the parser in dom.c. */
#ifndef PITH_CHARSET_H
#define PITH_CHARSET_H

#include <stddef.h>

#include "pith.h"

#pragma GCC visibility push(hidden)

/* pith_decode_html without the copy when none is needed: if the input (after any
 * BOM) is already valid UTF-8 without NUL bytes, out->data stays NULL and *text
 * points into `in`; otherwise *text == out->data (free it with pith_decoded_free). */
pith_status pith__decode(const char *in, size_t len, const char *charset,
                         pith_decoded *out, const char **text, size_t *textlen);

#pragma GCC visibility pop

#endif
