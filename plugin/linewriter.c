/* The line writer behind text and Markdown output. Everything that depends on
 * what comes next (a space, block breaks, the line prefix, a list bullet, an
 * emphasis opener) is held pending and written only before real content, so
 * empty or hidden elements leave no stray separators or markers. */
#include <string.h>

#include "serial.h"

void pith__tw_init(pith_tw *w, pith_buf *out, int md) {
  memset(w, 0, sizeof *w);
  w->out = out;
  pith_buf_init(&w->prefix);
  pith_buf_init(&w->lead);
  pith_buf_init(&w->pend);
  w->bol = 1;
  w->md = md;
}

void pith__tw_free(pith_tw *w) {
  if (w->prefix.oom || w->lead.oom || w->pend.oom) w->out->oom = 1;
  pith_buf_free(&w->prefix);
  pith_buf_free(&w->lead);
  pith_buf_free(&w->pend);
}

/* 3 when s[i..] is a Unicode space that typography keeps inside a line but
 * not at its ends (U+1680, U+2000..200A, U+2028/2029, U+202F, U+205F, U+3000). */
static size_t uspace(const unsigned char *s, size_t i, size_t n) {
  unsigned char c = s[i], b, d;
  if (c < 0xE1 || c > 0xE3 || i + 2 >= n) return 0;
  b = s[i + 1];
  d = s[i + 2];
  if (c == 0xE2)
    return (b == 0x80 && (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF)) ||
                   (b == 0x81 && d == 0x9F)
               ? 3
               : 0;
  if (c == 0xE3) return b == 0x80 && d == 0x80 ? 3 : 0;
  return b == 0x9A && d == 0x80 ? 3 : 0;
}

static void trim_blanks(pith_buf *o) {
  while (o->len) {
    char c = o->data[o->len - 1];
    if (c == ' ' || c == '\t')
      o->len--;
    else if (o->len >= 3 && uspace((const unsigned char *)o->data, o->len - 3, o->len))
      o->len -= 3;
    else
      break;
  }
}

void pith__tw_trim_end(pith_buf *o) {
  size_t len;
  do {
    len = o->len;
    pith_buf_trim_end(o, " \t\n");
    trim_blanks(o);
  } while (o->len != len);
}

/* Ends the current line; a blank line gets the common part of the prefix,
 * right-trimmed (">" inside a quote, nothing inside a list item). */
static void end_line(pith_tw *w) {
  pith_buf *o = w->out;
  if (w->bol) {
    size_t k = w->prefix_min < w->prefix.len ? w->prefix_min : w->prefix.len;
    while (k && w->prefix.data[k - 1] == ' ')
      k--;
    pith_buf_add(o, w->prefix.data, k);
  } else {
    trim_blanks(o);
  }
  pith_buf_addc(o, '\n');
  w->bol = 1;
  w->nl++;
}

void pith__tw_newline(pith_tw *w) { end_line(w); }

void pith__tw_break(pith_tw *w, int n) {
  if (w->flat) {
    w->space = 1;
    return;
  }
  if (w->lead.len || !w->any) return; /* a pending bullet opens the line anyway */
  if (w->pre) {
    if (w->pre_text && w->pre_nl == 0) w->pre_nl = w->pre_soft = 1;
    return;
  }
  if (n > w->breaks) w->breaks = n;
  w->hard = 0;
}

void pith__tw_br(pith_tw *w) {
  if (w->flat) {
    w->space = 1;
    return;
  }
  if (w->pre) {
    w->pre_nl++;
    w->pre_soft = 0;
    w->indent_len = 0;
    return;
  }
  if (w->lead.len || !w->any) return;
  if (w->breaks < 2) {
    w->breaks++;
    w->hard = w->breaks == 1 && w->nl == 0;
  }
}

void pith__tw_space(pith_tw *w) { w->space = 1; }

void pith__tw_flush(pith_tw *w) {
  pith_buf *o = w->out;
  if (w->any && w->breaks > w->nl) {
    if (w->hard && w->md && !w->bol) {
      trim_blanks(o);
      pith_buf_addc(o, '\\');
    }
    while (w->nl < w->breaks)
      end_line(w);
  }
  if (w->lead.len && !w->bol && w->any) end_line(w);
  w->breaks = 0;
  w->hard = 0;
  if (w->bol) {
    if (w->lead.len) {
      pith_buf_add(o, w->prefix.data, w->lead_at);
      pith_buf_add(o, w->lead.data, w->lead.len);
      w->lead.len = 0;
    } else {
      pith_buf_add(o, w->prefix.data, w->prefix.len);
    }
    w->bol = 0;
    w->prefix_min = w->prefix.len;
  } else if (w->space && !w->glue && !w->sep) {
    pith_buf_addc(o, ' ');
  }
  w->space = 0;
  w->glue = 0;
  w->sep = 0;
  if (w->pend.len) {
    /* "!" then a link opener would read as an image */
    if (w->pend.data[0] == '[' && pith_buf_last(o) == '!') {
      o->data[o->len - 1] = '\\';
      pith_buf_addc(o, '!');
    }
    pith_buf_add(o, w->pend.data, w->pend.len);
    w->pend.len = 0;
  }
  w->nl = 0;
  w->any = 1;
}

void pith__tw_raw(pith_tw *w, const char *s, size_t n) {
  pith__tw_flush(w);
  pith_buf_add(w->out, s, n);
}

size_t pith__tw_push_prefix(pith_tw *w, const char *s) {
  size_t old = w->prefix.len;
  pith_buf_adds(&w->prefix, s);
  return old;
}

void pith__tw_pop_prefix(pith_tw *w, size_t len) {
  if (len < w->prefix.len) w->prefix.len = len;
  if (w->prefix_min > len) w->prefix_min = len;
}

/* Length of the collapsible white space at s[i] (0: none): ASCII blanks and
 * NBSP. */
static size_t ws(const unsigned char *s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') return 1;
  return c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0 ? 2 : 0;
}

static int alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* Markdown text: escapes what would otherwise become markup, and only that
 * (a dot after a number only at a line start, '_' only at word edges). */
static void md_escaped(pith_tw *w, const unsigned char *s, size_t n, int line_start) {
  pith_buf *o = w->out;
  size_t i = 0, from = 0;
  if (line_start && n) {
    unsigned char c = s[0];
    if (c == '#' || c == '>' || c == '+' || c == '-' || c == '=' || c == '~') {
      pith_buf_addc(o, '\\');
    } else if (c >= '0' && c <= '9') {
      size_t k = 0;
      while (k < n && k < 10 && s[k] >= '0' && s[k] <= '9')
        k++;
      if (k < n && (s[k] == '.' || s[k] == ')') && (k + 1 == n || s[k + 1] == ' ')) {
        pith_buf_add(o, (const char *)s, k);
        pith_buf_addc(o, '\\');
        i = from = k;
      }
    }
  }
  for (; i < n; i++) {
    unsigned char c = s[i];
    int esc;
    switch (c) {
    case '\\':
    case '*':
    case '`':
      esc = 1;
      break;
    case '_':
      esc = !(i > 0 ? alnum(s[i - 1]) : alnum((unsigned char)pith_buf_last(o))) ||
            !(i + 1 < n && alnum(s[i + 1]));
      break;
    case '[':
      esc = w->link || (i + 1 < n && s[i + 1] == '^'); /* footnote syntax */
      break;
    case ']':
      esc = w->link ||
            (i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '[' || s[i + 1] == ':'));
      break;
    case '<':
      esc = i + 1 < n && (((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z') ||
                          s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?');
      break;
    case '|':
      esc = w->cell > 0;
      break;
    default:
      esc = 0;
    }
    if (esc) {
      pith_buf_add(o, (const char *)s + from, i - from);
      pith_buf_addc(o, '\\');
      from = i;
    }
  }
  pith_buf_add(o, (const char *)s + from, n - from);
}

void pith__tw_pre_begin(pith_tw *w) {
  if (w->pre++ == 0) {
    w->pre_text = w->pre_nl = w->pre_soft = 0;
    w->indent_len = 0;
  }
}

void pith__tw_pre_end(pith_tw *w) {
  if (w->pre > 0 && --w->pre == 0) {
    w->pre_text = w->pre_nl = w->pre_soft = 0;
    w->indent_len = 0;
  }
}

void pith__tw_sep(pith_tw *w, const char *s) {
  if (w->pend.len == 0) w->sep = 1;
  w->space = 0;
  pith_buf_adds(&w->pend, s);
}

/* Verbatim text: newlines end lines (so the prefix repeats), NBSP becomes a
 * space, CR is dropped. Newlines and a line's leading blanks wait for the
 * next visible character, so blank lines at the block's start and end vanish
 * (as does the newline HTML drops after <pre>). */
static void verbatim(pith_tw *w, const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    unsigned char c = s[i];
    if (c == '\n') {
      if (w->pre_soft)
        w->pre_soft = 0;
      else
        w->pre_nl++;
      w->indent_len = 0;
      i++;
      continue;
    }
    if (c == '\r') {
      i++;
      continue;
    }
    if (c == ' ' || c == '\t' || (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)) {
      if (w->indent_len < (int)sizeof w->indent) {
        w->indent[w->indent_len++] = c == '\t' ? '\t' : ' ';
        i += c == 0xC2 ? 2 : 1;
        continue;
      }
    }
    if (w->pre_text) {
      while (w->pre_nl > 0) {
        pith__tw_flush(w);
        end_line(w);
        w->pre_nl--;
      }
    }
    w->pre_nl = w->pre_soft = 0;
    w->pre_text = 1;
    pith__tw_flush(w);
    pith_buf_add(w->out, w->indent, (size_t)w->indent_len);
    w->indent_len = 0;
    j = i + 1;
    while (j < n && s[j] != '\n' && s[j] != '\r' &&
           !(s[j] == 0xC2 && j + 1 < n && s[j + 1] == 0xA0))
      j++;
    pith_buf_add(w->out, (const char *)s + i, j - i);
    i = j;
  }
}

void pith__tw_text(pith_tw *w, const char *text, size_t n) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  if (w->pre) {
    verbatim(w, s, n);
    return;
  }
  while (i < n) {
    size_t j, k = ws(s, i, n);
    int line_start;
    if (k) {
      w->space = 1;
      i += k;
      continue;
    }
    if (uspace(s, i, n) && (w->bol || !w->any || w->breaks > w->nl)) {
      i += 3; /* a line does not start with one */
      continue;
    }
    /* one run of words separated by single plain spaces: written at once */
    j = i;
    while (j < n) {
      if (s[j] > ' ' && s[j] != 0xC2) { /* most bytes: not white space */
        j++;
      } else if (!ws(s, j, n)) {
        j++;
      } else if (s[j] == ' ' && j + 1 < n && !ws(s, j + 1, n)) {
        j++;
      } else {
        break;
      }
    }
    line_start = (w->bol || (w->any && w->breaks > w->nl)) && w->pend.len == 0;
    pith__tw_flush(w);
    if (w->md && !w->code)
      md_escaped(w, s + i, j - i, line_start);
    else
      pith_buf_add(w->out, (const char *)s + i, j - i);
    i = j;
  }
}
