/* A growable byte buffer for the pure-C layer (no Lua calls, so it can be used
 * while libxml2 or PCRE2 frames are on the stack). An allocation failure sets
 * `oom` and later appends become no-ops; callers check it once at the end. */
#ifndef PITH_BUF_H
#define PITH_BUF_H

#include <stddef.h>

typedef struct pith_buf {
  char *data;
  size_t len;
  size_t cap;
  int oom;
} pith_buf;

void pith_buf_init(pith_buf *b);
void pith_buf_free(pith_buf *b);
int pith_buf_reserve(pith_buf *b, size_t extra);
void pith_buf_add(pith_buf *b, const char *s, size_t n);
void pith_buf_adds(pith_buf *b, const char *s);
void pith_buf_addc(pith_buf *b, char c);
/* Last byte, or 0 when empty. */
char pith_buf_last(const pith_buf *b);
void pith_buf_trim_end(pith_buf *b, const char *chars);

#endif
