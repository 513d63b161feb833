#include <stdlib.h>
#include <string.h>

#include "pith_int.h"

void pith_buf_init(pith_buf *b) {
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->oom = 0;
}

void pith_buf_free(pith_buf *b) {
  free(b->data);
  pith_buf_init(b);
}

int pith_buf_reserve(pith_buf *b, size_t extra) {
  size_t need, cap;
  char *p;
  if (b->oom) return 0;
  if (extra > ((size_t)-1) / 2 - b->len) {
    b->oom = 1;
    return 0;
  }
  need = b->len + extra + 1; /* room for a terminating NUL */
  if (need <= b->cap) return 1;
  cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap *= 2;
  p = realloc(b->data, cap);
  if (p == NULL) {
    b->oom = 1;
    return 0;
  }
  b->data = p;
  b->cap = cap;
  return 1;
}

void pith_buf_add(pith_buf *b, const char *s, size_t n) {
  if (n == 0 || !pith_buf_reserve(b, n)) return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void pith_buf_adds(pith_buf *b, const char *s) { pith_buf_add(b, s, strlen(s)); }

void pith_buf_addc(pith_buf *b, char c) { pith_buf_add(b, &c, 1); }

char pith_buf_last(const pith_buf *b) { return b->len ? b->data[b->len - 1] : 0; }

void pith_buf_trim_end(pith_buf *b, const char *chars) {
  while (b->len && strchr(chars, b->data[b->len - 1]) != NULL)
    b->len--;
  if (b->data) b->data[b->len] = '\0';
}
