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

static void trim_blanks(pith_buf *o) {
  while (o->len && (o->data[o->len - 1] == ' ' || o->data[o->len - 1] == '\t'))
    o->len--;
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
  if (w->pre && n > 1) n = 1;
  if (n > w->breaks) w->breaks = n;
  w->hard = 0;
}

void pith__tw_br(pith_tw *w) {
  if (w->flat) {
    w->space = 1;
    return;
  }
  if (w->pre) {
    pith__tw_flush(w);
    end_line(w);
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
  } else if (w->space && !w->glue) {
    pith_buf_addc(o, ' ');
  }
  w->space = 0;
  w->glue = 0;
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

static int ws(const unsigned char *s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') return 1;
  return c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0; /* NBSP */
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
      esc = i + 1 < n && s[i + 1] == '^'; /* footnote syntax */
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

/* Verbatim text: newlines end lines (so the prefix repeats), NBSP becomes a
 * space, CR is dropped. A newline that a pending block break already stands
 * for (the one right after <pre>, or between per-line elements) is absorbed. */
static void verbatim(pith_tw *w, const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    if (s[i] == '\n') {
      if (!(w->any && w->breaks > w->nl)) end_line(w);
      i++;
      continue;
    }
    if (s[i] == '\r') {
      i++;
      continue;
    }
    while (j < n && s[j] != '\n' && s[j] != '\r' &&
           !(s[j] == 0xC2 && j + 1 < n && s[j + 1] == 0xA0))
      j++;
    pith__tw_flush(w);
    if (j > i) pith_buf_add(w->out, (const char *)s + i, j - i);
    if (j < n && s[j] == 0xC2) {
      pith_buf_addc(w->out, ' ');
      j += 2;
    }
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
    size_t j;
    int line_start;
    if (ws(s, i, n)) {
      w->space = 1;
      i += s[i] == 0xC2 ? 2 : 1;
      continue;
    }
    /* one run of words separated by single plain spaces: written at once */
    j = i;
    while (j < n) {
      if (!ws(s, j, n)) {
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
