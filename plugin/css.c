/* CSS selectors to XPath 1.0. Every selector becomes ONE descendant step whose
 * predicate tests the subject element and walks left through the combinators
 * with reverse axes (`div p` -> descendant::p[ancestor::div]). That keeps the
 * result in document order without a union sort, and avoids `X//y`, whose
 * node-set merging costs 20-27x on big pages (conventions.md 7.3). Matching is
 * the DOM's querySelectorAll: compounds left of the subject may match outside
 * the context node.
 *
 * The same parse also records each compound's tests as data. When a selector
 * list uses only type, *, #id, .class, attribute tests and the four
 * combinators, that record becomes a matcher for a direct tree walk
 * (pith__css_matches): no XPath, no string allocation per element. XPath class
 * tests (concat + normalize-space per element) made rule selectors cost as much
 * as the parse; the walk keeps the XPath's meaning test for test. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "css.h"

#define MAX_NESTING   16           /* :not(:not(...)) recursion bound */
#define MAX_NUMBER    1000000000LL /* an+b operands */
#define MAX_COMPOUNDS 64           /* per complex selector: bounds C and XPath nesting */

typedef struct Parser {
  const char *s, *p, *end;
  char *err;
  size_t errsize;
  int depth;
  int nowalk; /* something the tree walk does not do: XPath only */
} Parser;

/* Test kinds of the walk, each the exact meaning of the XPath written for it. */
enum {
  T_FALSE = 1, /* false() */
  T_EXISTS,    /* @a */
  T_EQ,        /* @a = v */
  T_WORD,      /* contains(concat(' ', normalize-space(@a), ' '), ' v ') */
  T_DASH,      /* @a = v or starts-with(@a, 'v-') */
  T_PREFIX,    /* starts-with(@a, v) */
  T_SUFFIX,    /* substring(@a, string-length(@a) - n + 1) = v */
  T_SUBSTR     /* contains(@a, v) */
};

/* One compound selector (`p.note[title]`). */
typedef struct Compound {
  pith_buf type;  /* lower-cased element name; empty means any element */
  pith_buf conds; /* XPath tests on the element, joined with " and " */
  pith_buf tests; /* the same tests for the walk: op, nocase, name NUL, value NUL */
  int ntests;
  char comb; /* combinator to the compound on the left; 0 for the first */
} Compound;

typedef struct Complex {
  Compound *c;
  int n, cap;
} Complex;

static int parse_list(Parser *P, pith_buf *out, int top, int first, pith_css_walk **walk);

__attribute__((format(printf, 2, 3))) static int fail(Parser *P, const char *fmt, ...) {
  va_list ap;
  size_t used;
  if (P->err[0] != '\0') return -1; /* keep the innermost message */
  va_start(ap, fmt);
  vsnprintf(P->err, P->errsize, fmt, ap);
  va_end(ap);
  used = strlen(P->err);
  if (used < P->errsize)
    snprintf(P->err + used, P->errsize - used, " at offset %d", (int)(P->p - P->s));
  return -1;
}

static int at_end(const Parser *P) { return P->p >= P->end; }
static int peek(const Parser *P) { return at_end(P) ? -1 : (unsigned char)*P->p; }
static int peek_at(const Parser *P, int k) {
  return P->p + k >= P->end ? -1 : (unsigned char)P->p[k];
}

static int is_ws(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
static int is_hex(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int is_name_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static int is_name_char(int c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static int skip_ws(Parser *P) {
  const char *start = P->p;
  while (!at_end(P) && is_ws(peek(P)))
    P->p++;
  return P->p != start;
}

static void add_utf8(pith_buf *b, unsigned long cp) {
  char u[4];
  /* XPath literals hold only XML 1.0 Chars; the tree holds no others either */
  if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
    cp = 0xFFFD;
  if (cp < 0x80) {
    pith_buf_addc(b, (char)cp);
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    pith_buf_add(b, u, 2);
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    pith_buf_add(b, u, 3);
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    pith_buf_add(b, u, 4);
  }
}

/* A backslash escape at P->p (CSS Syntax 4.3.7), decoded into b. */
static int parse_escape(Parser *P, pith_buf *b) {
  int c;
  P->p++;
  c = peek(P);
  if (c < 0 || c == '\n' || c == '\r' || c == '\f') return fail(P, "bad escape");
  if (is_hex(c)) {
    unsigned long cp = 0;
    int k;
    for (k = 0; k < 6 && is_hex(peek(P)); k++) {
      c = peek(P);
      cp = cp * 16 + (unsigned long)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      P->p++;
    }
    if (is_ws(peek(P))) P->p++;
    add_utf8(b, cp);
    return 0;
  }
  if (c < 0x20) /* NULs were refused up front */
    add_utf8(b, (unsigned long)c);
  else
    pith_buf_addc(b, (char)c);
  P->p++;
  return 0;
}

static int ident_starts(const Parser *P) {
  int c = peek(P), k = 0;
  if (c == '-') {
    k = 1;
    c = peek_at(P, 1);
    if (c == '-') return 1;
  }
  return is_name_start(c) ||
         (c == '\\' && peek_at(P, k + 1) >= 0 && peek_at(P, k + 1) != '\n');
}

/* An identifier, escapes decoded, ASCII lower-cased when `lower`. */
static int parse_ident(Parser *P, pith_buf *b, int lower, const char *what) {
  if (!ident_starts(P)) return fail(P, "expected %s", what);
  while (!at_end(P)) {
    int c = peek(P);
    if (c == '\\') {
      size_t from = b->len;
      if (parse_escape(P, b) < 0) return -1;
      if (lower)
        for (; from < b->len; from++)
          if (b->data[from] >= 'A' && b->data[from] <= 'Z')
            b->data[from] = (char)(b->data[from] | 0x20);
    } else if (is_name_char(c)) {
      pith_buf_addc(b, (char)(lower && c >= 'A' && c <= 'Z' ? c | 0x20 : c));
      P->p++;
    } else {
      break;
    }
  }
  return 0;
}

static int parse_string(Parser *P, pith_buf *b) {
  int q = peek(P);
  P->p++;
  for (;;) {
    int c = peek(P);
    if (c < 0 || c == '\n') return fail(P, "unterminated string");
    if (c == q) {
      P->p++;
      return 0;
    }
    if (c == '\\') {
      if (peek_at(P, 1) == '\n') {
        P->p += 2;
        continue;
      }
      if (parse_escape(P, b) < 0) return -1;
      continue;
    }
    if (c < 0x20 && c != '\t')
      add_utf8(b, (unsigned long)c);
    else
      pith_buf_addc(b, (char)c);
    P->p++;
  }
}

/* ---- XPath output ---------------------------------------------------- */

/* XPath 1.0 literals have no escapes: a string with both quote kinds becomes
 * concat() of pieces. */
static void add_literal(pith_buf *b, const char *s, size_t n) {
  size_t i, start;
  if (memchr(s, '\'', n) == NULL) {
    pith_buf_addc(b, '\'');
    pith_buf_add(b, s, n);
    pith_buf_addc(b, '\'');
    return;
  }
  if (memchr(s, '"', n) == NULL) {
    pith_buf_addc(b, '"');
    pith_buf_add(b, s, n);
    pith_buf_addc(b, '"');
    return;
  }
  pith_buf_adds(b, "concat(''");
  for (start = i = 0; i <= n; i++) {
    if (i == n || s[i] == '\'') {
      if (i > start) {
        pith_buf_adds(b, ", '");
        pith_buf_add(b, s + start, i - start);
        pith_buf_addc(b, '\'');
      }
      if (i < n) pith_buf_adds(b, ", \"'\"");
      start = i + 1;
    }
  }
  pith_buf_addc(b, ')');
}

/* Names XPath can spell directly; anything else is matched through name(). */
static int is_simple_name(const pith_buf *name) {
  size_t i;
  if (name->len == 0) return 0;
  for (i = 0; i < name->len; i++) {
    int c = (unsigned char)name->data[i];
    if (!((c >= 'a' && c <= 'z') || c == '_' ||
          (i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '.'))))
      return 0;
  }
  return 1;
}

static void add_nametest(pith_buf *b, const pith_buf *type) {
  if (type->len == 0) {
    pith_buf_addc(b, '*');
  } else if (is_simple_name(type)) {
    pith_buf_add(b, type->data, type->len);
  } else {
    pith_buf_adds(b, "*[name()=");
    add_literal(b, type->data, type->len);
    pith_buf_addc(b, ']');
  }
}

static void add_attr(pith_buf *b, const pith_buf *name, int nocase) {
  if (nocase) pith_buf_adds(b, "translate(");
  if (is_simple_name(name)) {
    pith_buf_addc(b, '@');
    pith_buf_add(b, name->data, name->len);
  } else {
    pith_buf_adds(b, "@*[name()=");
    add_literal(b, name->data, name->len);
    pith_buf_addc(b, ']');
  }
  if (nocase)
    pith_buf_adds(b, ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')");
}

static void cond_begin(Compound *c) {
  if (c->conds.len > 0) pith_buf_adds(&c->conds, " and ");
}

/* Records a walk test; an attribute name XPath reaches only through name()
 * leaves the selector to XPath. */
static void add_test(Parser *P, Compound *c, int op, int nocase, const pith_buf *name,
                     const pith_buf *v) {
  if (op != T_FALSE && !is_simple_name(name)) P->nowalk = 1;
  pith_buf_addc(&c->tests, (char)op);
  pith_buf_addc(&c->tests, (char)(nocase ? 1 : 0));
  pith_buf_add(&c->tests, name->data, name->len);
  pith_buf_addc(&c->tests, '\0');
  if (v) pith_buf_add(&c->tests, v->data, v->len);
  pith_buf_addc(&c->tests, '\0');
  c->ntests++;
}

static int has_space(const pith_buf *v) {
  size_t i;
  for (i = 0; i < v->len; i++)
    if (is_ws((unsigned char)v->data[i])) return 1;
  return 0;
}

/* A whitespace-separated-list membership test, as for `.class` and `~=`. */
static void add_word_test(pith_buf *b, const pith_buf *attr, int nocase,
                          const pith_buf *v) {
  pith_buf word;
  if (v->len == 0 || has_space(v)) {
    pith_buf_adds(b, "false()");
    return;
  }
  pith_buf_init(&word);
  pith_buf_addc(&word, ' ');
  pith_buf_add(&word, v->data, v->len);
  pith_buf_addc(&word, ' ');
  pith_buf_adds(b, "contains(concat(' ', normalize-space(");
  add_attr(b, attr, nocase);
  pith_buf_adds(b, "), ' '), ");
  if (word.oom)
    b->oom = 1;
  else
    add_literal(b, word.data, word.len);
  pith_buf_addc(b, ')');
  pith_buf_free(&word);
}

static size_t utf8_chars(const pith_buf *v) {
  size_t i, n = 0;
  for (i = 0; i < v->len; i++)
    if (((unsigned char)v->data[i] & 0xC0) != 0x80) n++;
  return n;
}

/* ---- compound parts ---------------------------------------------------- */

static int parse_attrib(Parser *P, Compound *c) {
  pith_buf name, val;
  int op = 0, nocase = 0, r = -1;
  pith_buf *b = &c->conds;
  pith_buf_init(&name);
  pith_buf_init(&val);
  P->p++; /* [ */
  skip_ws(P);
  if (parse_ident(P, &name, 1, "an attribute name") < 0) goto done;
  skip_ws(P);
  if (peek(P) != ']') {
    int ch = peek(P);
    if (ch == '=') {
      op = '=';
      P->p++;
    } else if (ch >= 0 && strchr("~|^$*", ch) && peek_at(P, 1) == '=') {
      op = ch;
      P->p += 2;
    } else {
      fail(P, "expected ']' or an attribute operator");
      goto done;
    }
    skip_ws(P);
    ch = peek(P);
    if (ch == '"' || ch == '\'') {
      if (parse_string(P, &val) < 0) goto done;
    } else if (parse_ident(P, &val, 0, "an attribute value") < 0) {
      goto done;
    }
    skip_ws(P);
    ch = peek(P);
    if ((ch == 'i' || ch == 'I' || ch == 's' || ch == 'S') &&
        (is_ws(peek_at(P, 1)) || peek_at(P, 1) == ']')) {
      nocase = (ch | 0x20) == 'i';
      P->p++;
      skip_ws(P);
    }
  }
  if (peek(P) != ']') {
    fail(P, "expected ']'");
    goto done;
  }
  P->p++;
  if (nocase) {
    size_t i;
    for (i = 0; i < val.len; i++)
      if (val.data[i] >= 'A' && val.data[i] <= 'Z')
        val.data[i] = (char)(val.data[i] | 0x20);
  }
  cond_begin(c);
  {
    int t;
    switch (op) {
    case 0:
      t = T_EXISTS;
      break;
    case '=':
      t = T_EQ;
      break;
    case '~':
      t = val.len == 0 || has_space(&val) ? T_FALSE : T_WORD;
      break;
    case '|':
      t = T_DASH;
      break;
    default:
      t = val.len == 0 ? T_FALSE : op == '^' ? T_PREFIX : op == '$' ? T_SUFFIX : T_SUBSTR;
    }
    add_test(P, c, t, nocase, &name, &val);
  }
  switch (op) {
  case 0:
    add_attr(b, &name, 0);
    break;
  case '=':
    add_attr(b, &name, nocase);
    pith_buf_addc(b, '=');
    add_literal(b, val.data ? val.data : "", val.len);
    break;
  case '~':
    add_word_test(b, &name, nocase, &val);
    break;
  case '|':
    pith_buf_addc(b, '(');
    add_attr(b, &name, nocase);
    pith_buf_addc(b, '=');
    add_literal(b, val.data ? val.data : "", val.len);
    pith_buf_adds(b, " or starts-with(");
    add_attr(b, &name, nocase);
    pith_buf_adds(b, ", ");
    pith_buf_addc(&val, '-');
    add_literal(b, val.data ? val.data : "", val.len);
    pith_buf_adds(b, "))");
    break;
  default: /* ^= $= *= never match an empty value (Selectors 4, 6.2) */
    if (val.len == 0) {
      pith_buf_adds(b, "false()");
    } else if (op == '^' || op == '*') {
      pith_buf_adds(b, op == '^' ? "starts-with(" : "contains(");
      add_attr(b, &name, nocase);
      pith_buf_adds(b, ", ");
      add_literal(b, val.data, val.len);
      pith_buf_addc(b, ')');
    } else {
      char num[32];
      pith_buf_adds(b, "substring(");
      add_attr(b, &name, nocase);
      pith_buf_adds(b, ", string-length(");
      add_attr(b, &name, nocase);
      snprintf(num, sizeof num, ") - %lu) = ", (unsigned long)utf8_chars(&val) - 1);
      pith_buf_adds(b, num);
      add_literal(b, val.data, val.len);
    }
  }
  if (name.oom || val.oom) b->oom = 1;
  r = 0;
done:
  pith_buf_free(&name);
  pith_buf_free(&val);
  return r;
}

static int parse_number(Parser *P, long long *out) {
  long long v = 0;
  if (!(peek(P) >= '0' && peek(P) <= '9')) return fail(P, "expected a number");
  while (peek(P) >= '0' && peek(P) <= '9') {
    v = v * 10 + (peek(P) - '0');
    if (v > MAX_NUMBER) return fail(P, "number too large");
    P->p++;
  }
  *out = v;
  return 0;
}

static int word_is(const Parser *P, const char *w) {
  size_t n = strlen(w), i;
  if ((size_t)(P->end - P->p) < n) return 0;
  for (i = 0; i < n; i++)
    if ((P->p[i] | 0x20) != w[i]) return 0;
  return !is_name_char(peek_at(P, (int)n));
}

/* The argument of :nth-*(): `odd`, `even`, `b`, `an`, `an+b` (Selectors 4, 13). */
static int parse_anb(Parser *P, long long *a, long long *b) {
  long long num = 1;
  int sign = 1;
  skip_ws(P);
  if (word_is(P, "odd") || word_is(P, "even")) {
    *a = 2;
    *b = (P->p[0] | 0x20) == 'o' ? 1 : 0;
    P->p += *b ? 3 : 4;
    return 0;
  }
  if (peek(P) == '+' || peek(P) == '-') {
    sign = peek(P) == '-' ? -1 : 1;
    P->p++;
  }
  if (peek(P) >= '0' && peek(P) <= '9') {
    if (parse_number(P, &num) < 0) return -1;
    if ((peek(P) | 0x20) != 'n') {
      *a = 0;
      *b = sign * num;
      return 0;
    }
  }
  if ((peek(P) | 0x20) != 'n') return fail(P, "expected an+b, odd or even");
  P->p++;
  *a = sign * num;
  *b = 0;
  skip_ws(P);
  if (peek(P) == '+' || peek(P) == '-') {
    sign = peek(P) == '-' ? -1 : 1;
    P->p++;
    skip_ws(P);
    if (parse_number(P, &num) < 0) return -1;
    *b = sign * num;
  }
  return 0;
}

/* count() of the element's siblings on one side (of its own type when given). */
static void add_count(pith_buf *b, const char *axis, const pith_buf *type) {
  pith_buf_adds(b, "count(");
  pith_buf_adds(b, axis);
  if (type)
    pith_buf_add(b, type->data, type->len);
  else
    pith_buf_addc(b, '*');
  pith_buf_addc(b, ')');
}

/* Appends text, then a number. */
static void add_int(pith_buf *b, const char *text, long long v) {
  char t[32];
  snprintf(t, sizeof t, "%lld", v);
  pith_buf_adds(b, text);
  pith_buf_adds(b, t);
}

/* Position tests: with c the 0-based sibling index, the element matches when
 * c + 1 = A*n + B for some n >= 0. */
static void add_nth(pith_buf *b, const char *axis, const pith_buf *type, long long A,
                    long long B) {
  long long k = B - 1; /* c = A*n + k */
  if (A == 0) {
    if (k < 0) {
      pith_buf_adds(b, "false()");
    } else {
      add_count(b, axis, type);
      add_int(b, " = ", k);
    }
  } else if (A > 0 && k <= 0) {
    long long r = (-k) % A; /* c >= 0 >= k always holds: only the residue matters */
    if (A == 1) {
      pith_buf_adds(b, "true()");
    } else {
      pith_buf_addc(b, '(');
      add_count(b, axis, type);
      if (r) add_int(b, " + ", r);
      add_int(b, ") mod ", A);
      pith_buf_adds(b, " = 0");
    }
  } else if (A < 0 && k < 0) {
    pith_buf_adds(b, "false()");
  } else {
    pith_buf_addc(b, '(');
    add_count(b, axis, type);
    add_int(b, A > 0 ? " >= " : " <= ", k);
    if (A != 1 && A != -1) {
      pith_buf_adds(b, " and (");
      add_count(b, axis, type);
      add_int(b, " - ", k);
      add_int(b, ") mod ", A > 0 ? A : -A);
      pith_buf_adds(b, " = 0");
    }
    pith_buf_addc(b, ')');
  }
}

static int parse_pseudo(Parser *P, Compound *c) {
  pith_buf name, *b = &c->conds;
  int r = -1;
  const char *start = P->p;
  pith_buf_init(&name);
  P->nowalk = 1; /* sibling counts and nested lists stay XPath */
  P->p++;        /* : */
  if (peek(P) == ':') {
    fail(P, "pseudo-elements are not supported");
    goto done;
  }
  if (parse_ident(P, &name, 1, "a pseudo-class name") < 0) goto done;
  pith_buf_addc(&name, '\0');
  if (name.oom) {
    fail(P, "out of memory");
    goto done;
  }
  if (peek(P) == '(') {
    const char *n = name.data;
    P->p++;
    if (!strcmp(n, "not") || !strcmp(n, "is") || !strcmp(n, "where")) {
      if (P->depth >= MAX_NESTING) {
        fail(P, "selector nested too deeply");
        goto done;
      }
      cond_begin(c);
      pith_buf_adds(b, n[0] == 'n' ? "not(" : "(");
      P->depth++;
      if (parse_list(P, b, 0, 0, NULL) < 0) goto done;
      P->depth--;
      pith_buf_addc(b, ')');
    } else if (!strncmp(n, "nth-", 4)) {
      const char *axis;
      int of_type;
      long long A = 0, B = 0;
      if (!strcmp(n, "nth-child") || !strcmp(n, "nth-of-type"))
        axis = "preceding-sibling::";
      else if (!strcmp(n, "nth-last-child") || !strcmp(n, "nth-last-of-type"))
        axis = "following-sibling::";
      else {
        P->p = start;
        fail(P, "unsupported pseudo-class ':%s()'", n);
        goto done;
      }
      of_type = strstr(n, "of-type") != NULL;
      if (of_type && c->type.len == 0) {
        P->p = start;
        fail(P, "':%s()' needs an element name before it (e.g. p:%s())", n, n);
        goto done;
      }
      if (parse_anb(P, &A, &B) < 0) goto done;
      skip_ws(P);
      if (of_type && !is_simple_name(&c->type)) {
        P->p = start;
        fail(P, "':%s()' needs a plain element name", n);
        goto done;
      }
      cond_begin(c);
      add_nth(b, axis, of_type ? &c->type : NULL, A, B);
    } else {
      P->p = start;
      fail(P, "unsupported pseudo-class ':%s()'", n);
      goto done;
    }
    if (peek(P) != ')') {
      fail(P, "expected ')'");
      goto done;
    }
    P->p++;
  } else {
    static const struct {
      const char *name, *test;
    } simple[] = {
        {"first-child", "not(preceding-sibling::*)"},
        {"last-child", "not(following-sibling::*)"},
        {"only-child", "not(preceding-sibling::*) and not(following-sibling::*)"},
        {"empty", "not(*) and not(text())"},
        {"root", "not(parent::*)"}};
    const char *n = name.data;
    size_t i;
    for (i = 0; i < sizeof simple / sizeof simple[0]; i++)
      if (!strcmp(n, simple[i].name)) break;
    if (i < sizeof simple / sizeof simple[0]) {
      cond_begin(c);
      pith_buf_adds(b, simple[i].test);
    } else if (!strcmp(n, "first-of-type") || !strcmp(n, "last-of-type") ||
               !strcmp(n, "only-of-type")) {
      if (c->type.len == 0 || !is_simple_name(&c->type)) {
        P->p = start;
        fail(P, "':%s' needs an element name before it (e.g. p:%s)", n, n);
        goto done;
      }
      cond_begin(c);
      if (n[0] != 'l') {
        pith_buf_adds(b, "not(preceding-sibling::");
        pith_buf_add(b, c->type.data, c->type.len);
        pith_buf_addc(b, ')');
      }
      if (n[0] == 'o') pith_buf_adds(b, " and ");
      if (n[0] != 'f') {
        pith_buf_adds(b, "not(following-sibling::");
        pith_buf_add(b, c->type.data, c->type.len);
        pith_buf_addc(b, ')');
      }
    } else {
      P->p = start;
      fail(P, "unsupported pseudo-class ':%s'", n);
      goto done;
    }
  }
  r = 0;
done:
  pith_buf_free(&name);
  return r;
}

static int parse_compound(Parser *P, Compound *c) {
  int any = 0;
  if (peek(P) == '*') {
    P->p++;
    any = 1;
  } else if (ident_starts(P)) {
    if (parse_ident(P, &c->type, 1, "an element name") < 0) return -1;
    if (!is_simple_name(&c->type)) P->nowalk = 1;
    any = 1;
  }
  for (;;) {
    int ch = peek(P);
    if (ch == '#' || ch == '.') {
      pith_buf v, cls;
      int r;
      P->p++;
      pith_buf_init(&v);
      r = parse_ident(P, &v, 0, ch == '#' ? "an id" : "a class name");
      if (r == 0) {
        cond_begin(c);
        pith_buf_init(&cls);
        pith_buf_adds(&cls, ch == '#' ? "id" : "class");
        if (ch == '#') {
          pith_buf_adds(&c->conds, "@id=");
          add_literal(&c->conds, v.data ? v.data : "", v.len);
          add_test(P, c, T_EQ, 0, &cls, &v);
        } else {
          add_word_test(&c->conds, &cls, 0, &v);
          add_test(P, c, v.len == 0 || has_space(&v) ? T_FALSE : T_WORD, 0, &cls, &v);
        }
        if (cls.oom) c->conds.oom = 1;
        pith_buf_free(&cls);
        if (v.oom) c->conds.oom = 1;
      }
      pith_buf_free(&v);
      if (r < 0) return -1;
    } else if (ch == '[') {
      if (parse_attrib(P, c) < 0) return -1;
    } else if (ch == ':') {
      if (parse_pseudo(P, c) < 0) return -1;
    } else {
      break;
    }
    any = 1;
  }
  if (!any && at_end(P)) return fail(P, "selector ends early");
  if (!any) return fail(P, "unexpected '%c'", peek(P));
  return 0;
}

/* ---- complex selectors and lists ----------------------------------------- */

static void complex_free(Complex *x) {
  int i;
  for (i = 0; i < x->n; i++) {
    pith_buf_free(&x->c[i].type);
    pith_buf_free(&x->c[i].conds);
    pith_buf_free(&x->c[i].tests);
  }
  free(x->c);
  x->c = NULL;
  x->n = x->cap = 0;
}

static int parse_complex(Parser *P, Complex *x) {
  char comb = 0;
  for (;;) {
    Compound *c;
    int ws, ch;
    if (x->n == MAX_COMPOUNDS) return fail(P, "selector too long");
    if (x->n == x->cap) {
      int cap = x->cap ? x->cap * 2 : 4;
      Compound *nc = (Compound *)realloc(x->c, (size_t)cap * sizeof *nc);
      if (nc == NULL) return fail(P, "out of memory");
      x->c = nc;
      x->cap = cap;
    }
    c = &x->c[x->n++];
    pith_buf_init(&c->type);
    pith_buf_init(&c->conds);
    pith_buf_init(&c->tests);
    c->ntests = 0;
    c->comb = comb;
    if (parse_compound(P, c) < 0) return -1;
    ws = skip_ws(P);
    ch = peek(P);
    if (ch == '>' || ch == '+' || ch == '~') {
      comb = (char)ch;
      P->p++;
      skip_ws(P);
    } else if (ch < 0 || ch == ',' || ch == ')') {
      return 0;
    } else if (ws) {
      comb = ' ';
    } else {
      return fail(P, "unexpected '%c'", ch);
    }
  }
}

static int has_chain(const Compound *c, int k) { return c[k].conds.len > 0 || k > 0; }

static void add_chain(pith_buf *b, const Compound *c, int k);

/* The step from compound k to the compound on its left, as an existence test. */
static void add_left(pith_buf *b, const Compound *c, int k) {
  const Compound *l = &c[k - 1];
  switch (c[k].comb) {
  case '>':
    pith_buf_adds(b, "parent::");
    add_nametest(b, &l->type);
    break;
  case '~':
    pith_buf_adds(b, "preceding-sibling::");
    add_nametest(b, &l->type);
    break;
  case '+':
    pith_buf_adds(b, "preceding-sibling::*[1]");
    if (l->type.len) {
      pith_buf_adds(b, "[self::");
      add_nametest(b, &l->type);
      pith_buf_addc(b, ']');
    }
    break;
  default:
    pith_buf_adds(b, "ancestor::");
    add_nametest(b, &l->type);
  }
  if (has_chain(c, k - 1)) {
    pith_buf_addc(b, '[');
    add_chain(b, c, k - 1);
    pith_buf_addc(b, ']');
  }
}

/* Compound k's own tests and everything to its left, for its predicate. */
static void add_chain(pith_buf *b, const Compound *c, int k) {
  if (c[k].conds.len) pith_buf_add(b, c[k].conds.data, c[k].conds.len);
  if (k > 0) {
    if (c[k].conds.len) pith_buf_adds(b, " and ");
    add_left(b, c, k);
  }
}

/* A boolean test: the context element matches the complex selector. */
static void add_match(pith_buf *b, const Complex *x) {
  const Compound *s = &x->c[x->n - 1];
  int any = 0;
  if (s->type.len) {
    pith_buf_adds(b, "self::");
    add_nametest(b, &s->type);
    any = 1;
  }
  if (has_chain(x->c, x->n - 1)) {
    if (any) pith_buf_adds(b, " and ");
    add_chain(b, x->c, x->n - 1);
    any = 1;
  }
  if (!any) pith_buf_adds(b, "true()");
}

static int complex_oom(const Complex *x) {
  int i;
  for (i = 0; i < x->n; i++)
    if (x->c[i].type.oom || x->c[i].conds.oom || x->c[i].tests.oom) return 1;
  return 0;
}

/* ---- the tree walk's matcher ------------------------------------------------ */

typedef struct WTest {
  unsigned char op, nocase;
  unsigned char class_word; /* a case-sensitive word test on class: .c, [class~=c] */
  const char *name, *val;
  size_t vlen;
  /* [a*=v i]: v's KMP failure table, so a long value is searched in linear time (the
   * naive search costs length x vlen: 8 s for a 1000-byte v in a 10 MB attribute) */
  const size_t *fail;
} WTest;

typedef struct WCompound {
  const char *type; /* NULL: any element */
  const WTest *tests;
  int ntests;
  char comb;
} WCompound;

typedef struct WComplex {
  const WCompound *c;
  int n;
  /* bit_of the subject's element name (0: any) and of the class words it requires:
   * an element whose own bits lack one is passed over without a test. Kept apart
   * so the name, cheap to hash, rules most elements out before their classes are
   * read. */
  uint64_t need_type, need_class;
} WComplex;

/* One of 64 bits for a name or class word, from its length and four of its bytes:
 * O(1) per word, so reading an element's classes costs a scan for blanks and no
 * per-byte hashing (a bloom filter only needs the same word to give the same bit). */
static uint64_t bit_of(const char *p, size_t n) {
  uint32_t h = (uint32_t)n * 0x9E3779B1u;
  if (n > 0) {
    h ^= (uint32_t)(unsigned char)p[0] * 0x85EBCA77u;
    h ^= (uint32_t)(unsigned char)p[n - 1] * 0xC2B2AE3Du;
    h ^= (uint32_t)(unsigned char)p[n / 2] * 0x27D4EB2Fu;
    h ^= (uint32_t)(unsigned char)p[n / 4] * 0x165667B1u;
  }
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  h ^= h >> 13;
  return (uint64_t)1 << (h >> 26);
}

struct pith_css_walk {
  const WComplex *x;
  int n;
  uint64_t type_all, class_all; /* bits every selector of the list needs */
};

/* Offsets in the matcher's one allocation stay aligned for any of its structs. */
typedef union WAlign {
  void *p;
  size_t z;
  double d;
} WAlign;
#define WROUND(n) (((n) + sizeof(WAlign) - 1) / sizeof(WAlign) * sizeof(WAlign))

/* One allocation holding the whole matcher (structs, then strings); NULL when
 * out of memory (the caller then keeps to XPath). */
static pith_css_walk *build_walk(const Complex *xs, int n) {
  size_t ncomp = 0, ntests = 0, nstr = 0, off_x, off_c, off_t, off_f, off_s, size;
  int i, k, j;
  char *block, *str;
  pith_css_walk *w;
  WComplex *wx;
  WCompound *wc;
  WTest *wt;
  size_t *fail;
  for (i = 0; i < n; i++)
    for (k = 0; k < xs[i].n; k++) {
      ncomp++;
      ntests += (size_t)xs[i].c[k].ntests;
      nstr += xs[i].c[k].type.len + 1 + xs[i].c[k].tests.len;
    }
  off_x = WROUND(sizeof *w);
  off_c = off_x + WROUND((size_t)n * sizeof *wx);
  off_t = off_c + WROUND(ncomp * sizeof *wc);
  off_f = off_t + WROUND(ntests * sizeof *wt);
  off_s = off_f + WROUND(nstr * sizeof *fail); /* failure tables: at most a slot a byte */
  size = off_s + nstr + 1;
  block = (char *)malloc(size);
  if (block == NULL) return NULL;
  w = (pith_css_walk *)(void *)block;
  wx = (WComplex *)(void *)(block + off_x);
  wc = (WCompound *)(void *)(block + off_c);
  wt = (WTest *)(void *)(block + off_t);
  fail = (size_t *)(void *)(block + off_f);
  str = block + off_s;
  w->x = wx;
  w->n = n;
  for (i = 0; i < n; i++) {
    wx[i].c = wc;
    wx[i].n = xs[i].n;
    for (k = 0; k < xs[i].n; k++) {
      const Compound *c = &xs[i].c[k];
      const char *t = c->tests.data;
      wc->type = NULL;
      if (c->type.len) {
        memcpy(str, c->type.data, c->type.len);
        str[c->type.len] = '\0';
        wc->type = str;
        str += c->type.len + 1;
      }
      wc->comb = c->comb;
      wc->tests = wt;
      wc->ntests = c->ntests;
      if (c->tests.len) {
        memcpy(str, t, c->tests.len);
        t = str;
        str += c->tests.len;
      }
      for (j = 0; j < c->ntests; j++) {
        wt->op = (unsigned char)t[0];
        wt->nocase = (unsigned char)t[1];
        wt->name = t + 2;
        wt->val = wt->name + strlen(wt->name) + 1;
        wt->vlen = strlen(wt->val);
        wt->class_word =
            wt->op == T_WORD && !wt->nocase && strcmp(wt->name, "class") == 0;
        wt->fail = NULL;
        if (wt->op == T_SUBSTR && wt->nocase && wt->vlen > 0) {
          size_t q, m = 0;
          fail[0] = 0;
          for (q = 1; q < wt->vlen; q++) {
            while (m > 0 && wt->val[m] != wt->val[q])
              m = fail[m - 1];
            if (wt->val[m] == wt->val[q]) m++;
            fail[q] = m;
          }
          wt->fail = fail;
          fail += wt->vlen;
        }
        t = wt->val + wt->vlen + 1;
        wt++;
      }
      wc++;
    }
    {
      const WCompound *subj = &wx[i].c[wx[i].n - 1];
      wx[i].need_type = subj->type ? bit_of(subj->type, strlen(subj->type)) : 0;
      wx[i].need_class = 0;
      for (j = 0; j < subj->ntests; j++)
        if (subj->tests[j].class_word)
          wx[i].need_class |= bit_of(subj->tests[j].val, subj->tests[j].vlen);
      w->type_all = i == 0 ? wx[i].need_type : w->type_all & wx[i].need_type;
      w->class_all = i == 0 ? wx[i].need_class : w->class_all & wx[i].need_class;
    }
  }
  if (n == 0) w->type_all = w->class_all = 0;
  return w;
}

void pith__css_walk_free(pith_css_walk *w) { free(w); }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c | 0x20 : c; }

/* XPath's normalize-space separators (XML blanks). */
static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The next blank-separated word of s[*at..n): sets *start, returns its end (equal to
 * *start when no word is left) and moves *at there. For [a~=w] and class tokens. */
static size_t next_word(const char *s, size_t n, size_t *at, size_t *start) {
  size_t i = *at;
  while (i < n && is_blank((unsigned char)s[i]))
    i++;
  *start = i;
  while (i < n && !is_blank((unsigned char)s[i]))
    i++;
  *at = i;
  return i;
}

/* s[0..n) equals v[0..n), ASCII case folded on s's side when nocase (v is
 * already lower-case then, as translate() makes both sides). */
static int same(const char *s, const char *v, size_t n, int nocase) {
  size_t i;
  if (!nocase) return memcmp(s, v, n) == 0;
  for (i = 0; i < n; i++)
    if (lower((unsigned char)s[i]) != (unsigned char)v[i]) return 0;
  return 1;
}

/* Does s[0..n) hold t's value, ASCII case folded on s's side (KMP, linear)? */
static int find_nocase(const WTest *t, const char *s, size_t n) {
  size_t i, q = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)lower((unsigned char)s[i]);
    while (q > 0 && (unsigned char)t->val[q] != c)
      q = t->fail[q - 1];
    if ((unsigned char)t->val[q] == c && ++q == t->vlen) return 1;
  }
  return 0;
}

/* Bytes of attribute value read per unit of the budget: a selector list of a
 * thousand attribute tests on a page of 10 MB attributes ends in an error instead
 * of reading 10 GB. */
#define BYTES_PER_UNIT 64

static int test_value(const WTest *t, const char *s, unsigned long *budget) {
  size_t n = strlen(s), i;
  unsigned long cost = (unsigned long)(n / BYTES_PER_UNIT);
  *budget = *budget > cost ? *budget - cost : 0;
  switch (t->op) {
  case T_EXISTS:
    return 1;
  case T_EQ:
    return n == t->vlen && same(s, t->val, n, t->nocase);
  case T_DASH:
    return n >= t->vlen && same(s, t->val, t->vlen, t->nocase) &&
           (n == t->vlen || s[t->vlen] == '-');
  case T_PREFIX:
    return n >= t->vlen && same(s, t->val, t->vlen, t->nocase);
  case T_SUFFIX:
    return n >= t->vlen && same(s + n - t->vlen, t->val, t->vlen, t->nocase);
  case T_SUBSTR:
    if (!t->nocase) return strstr(s, t->val) != NULL;
    return find_nocase(t, s, n);
  case T_WORD: {
    size_t at = 0, start;
    while ((i = next_word(s, n, &at, &start)) > start)
      if (i - start == t->vlen && same(s + start, t->val, t->vlen, t->nocase)) return 1;
    return 0;
  }
  default:
    return 0;
  }
}

/* The subject element's class tokens, split once for every selector of a list
 * (rule lists hold a dozen class selectors), and its name and class bits. */
#define MAX_TOKENS 256
typedef struct Classes {
  int state; /* 0 not read, 1 split into tok, 2 no class attribute, 3 test the long way */
  int named; /* name computed */
  uint64_t name;   /* bit_of the element's name */
  uint64_t mask;   /* bit_of its class words, once read (all ones: unknown) */
  int valued;      /* values computed (pith__css_index_match only) */
  int grammed;     /* grams computed (same) */
  uint64_t grams;  /* grams_of its class attribute (all ones: unknown) */
  uint64_t values; /* bit_of its attributes' values (all ones: unknown) */
  int n;
  struct {
    const char *p;
    size_t len;
  } tok[MAX_TOKENS];
} Classes;

static xmlAttrPtr find_attr(xmlNodePtr el, const char *name) {
  xmlAttrPtr a;
  for (a = el->properties; a; a = a->next)
    if (a->ns == NULL && a->name[0] == (xmlChar)name[0] &&
        strcmp((const char *)a->name, name) == 0)
      return a;
  return NULL;
}

/* is_blank as a table: the class scan's inner loop */
/* is_blank as a table (1), and the end of the string (2): one test a byte */
static const unsigned char BLANK[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\0'] = 2};

/* Splits el's class into words and adds each one's bit to the mask. Past
 * MAX_TOKENS words the mask is still exact; only the tokens are not kept. */
static void read_classes(Classes *c, xmlNodePtr el) {
  xmlAttrPtr a = find_attr(el, "class");
  const unsigned char *s;
  c->n = 0;
  c->mask = 0;
  if (a == NULL) {
    c->state = 2;
    return;
  }
  c->state = 1;
  if (a->children == NULL) return;
  if (a->children->next != NULL || a->children->type != XML_TEXT_NODE) {
    c->state = 3;
    c->mask = ~(uint64_t)0;
    return;
  }
  s = a->children->content ? (const unsigned char *)a->children->content
                           : (const unsigned char *)"";
  for (;;) {
    const unsigned char *start;
    while (BLANK[*s] == 1)
      s++;
    if (*s == '\0') break;
    start = s;
    while (!BLANK[*s])
      s++;
    c->mask |= bit_of((const char *)start, (size_t)(s - start));
    if (c->n < MAX_TOKENS) {
      c->tok[c->n].p = (const char *)start;
      c->tok[c->n].len = (size_t)(s - start);
      c->n++;
    } else {
      c->state = 3;
    }
  }
}

/* The test on element el: its attribute (no namespace, as XPath's @name) read
 * in place when it is one text node, the usual case. cls: el's class cache, or
 * NULL. */
static int test_attr(const WTest *t, xmlNodePtr el, Classes *cls, unsigned long *budget) {
  xmlAttrPtr a;
  if (t->op == T_FALSE) return 0;
  if (cls && t->class_word) {
    int i;
    if (cls->state == 0) read_classes(cls, el);
    if (cls->state == 2) return 0;
    if (cls->state == 1) {
      for (i = 0; i < cls->n; i++)
        if (cls->tok[i].len == t->vlen && memcmp(cls->tok[i].p, t->val, t->vlen) == 0)
          return 1;
      return 0;
    }
  }
  a = find_attr(el, t->name);
  if (a == NULL) return 0;
  if (t->op == T_EXISTS) return 1;
  if (a->children == NULL) return test_value(t, "", budget);
  if (a->children->next == NULL && a->children->type == XML_TEXT_NODE)
    return test_value(t, a->children->content ? (const char *)a->children->content : "",
                      budget);
  {
    xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
    int r = test_value(t, v ? (const char *)v : "", budget);
    xmlFree(v);
    return r;
  }
}

/* cls: the class cache of el, or NULL. */
static int match_compound(const WCompound *c, xmlNodePtr el, Classes *cls,
                          unsigned long *budget) {
  int i;
  if (c->type && (el->ns != NULL || el->name[0] != (xmlChar)c->type[0] ||
                  strcmp((const char *)el->name, c->type) != 0))
    return 0;
  for (i = 0; i < c->ntests; i++)
    if (!test_attr(&c->tests[i], el, cls, budget)) return 0;
  return 1;
}

static xmlNodePtr parent_element(xmlNodePtr n) {
  n = n->parent;
  return n && n->type == XML_ELEMENT_NODE ? n : NULL;
}

static xmlNodePtr prev_element(xmlNodePtr n) {
  for (n = n->prev; n; n = n->prev)
    if (n->type == XML_ELEMENT_NODE) return n;
  return NULL;
}

/* Compound k matches el; do the compounds on its left match from there? Each
 * compound tried costs one unit of *budget; 0 left ends the walk (-1). */
static int match_left(const WCompound *c, int k, xmlNodePtr el, unsigned long *budget) {
  xmlNodePtr p;
  int r;
  if (k == 0) return 1;
  switch (c[k].comb) {
  case '>':
  case '+':
    p = c[k].comb == '>' ? parent_element(el) : prev_element(el);
    if (p == NULL) return 0;
    if (*budget == 0) return -1;
    --*budget;
    return match_compound(&c[k - 1], p, NULL, budget) ? match_left(c, k - 1, p, budget)
                                                      : 0;
  default:
    for (p = c[k].comb == '~' ? prev_element(el) : parent_element(el); p;
         p = c[k].comb == '~' ? prev_element(p) : parent_element(p)) {
      if (*budget == 0) return -1;
      --*budget;
      if (match_compound(&c[k - 1], p, NULL, budget)) {
        r = match_left(c, k - 1, p, budget);
        if (r != 0) return r;
      }
    }
    return 0;
  }
}

static uint64_t name_of(Classes *cls, xmlNodePtr el) {
  if (!cls->named) {
    cls->named = 1;
    cls->name = bit_of((const char *)el->name, strlen((const char *)el->name));
  }
  return cls->name;
}

static uint64_t classes_of(Classes *cls, xmlNodePtr el) {
  if (cls->state == 0) read_classes(cls, el);
  return cls->mask;
}

/* Could el be the subject of a selector needing these bits? Its name first. */
static int may_be(Classes *cls, xmlNodePtr el, uint64_t type, uint64_t classes) {
  if (type && !(name_of(cls, el) & type)) return 0;
  return !classes || (classes_of(cls, el) & classes) == classes;
}

/* use_mask: filter by the element's bits (worth computing when several selectors
 * are tried). */
static int matches(const pith_css_walk *w, xmlNodePtr el, unsigned long *budget,
                   Classes *cls, int use_mask) {
  int i;
  if (use_mask && !may_be(cls, el, w->type_all, w->class_all)) return 0;
  for (i = 0; i < w->n; i++) {
    const WComplex *x = &w->x[i];
    int r;
    if (use_mask && !may_be(cls, el, x->need_type, x->need_class)) continue;
    if (*budget == 0) return -1;
    --*budget;
    if (!match_compound(&x->c[x->n - 1], el, cls, budget)) continue;
    r = match_left(x->c, x->n - 1, el, budget);
    if (r != 0) return r;
  }
  return 0;
}

int pith__css_matches(const pith_css_walk *w, xmlNodePtr el, unsigned long *budget) {
  Classes cls;
  cls.state = 0;
  cls.named = 0;
  return matches(w, el, budget, &cls, w->n > 2);
}

/* ---- many lists at once: complexes bucketed by one bit they need ----------- */

typedef struct IxEntry {
  const WComplex *x;
  int list;
  uint64_t value; /* bit_of a value an attribute must equal exactly, or 0 */
  uint64_t grams; /* grams_of a piece the class attribute must contain, or 0 */
} IxEntry;

/* Buckets: 64 by class bit, 64 by name bit (apart, so a class's bit never sends
 * an element to complexes keyed by a name), and one of complexes that need
 * neither (their attribute is looked up when they are tried). */
enum { IX_CLASS = 0, IX_TYPE = 64, IX_ANY = 128 };

struct pith_css_index {
  int n;                 /* lists */
  int any_class;         /* some complex needs class bits: read every element's */
  uint64_t keys[2];      /* bits that have a bucket, per kind */
  int start[IX_ANY + 2]; /* bucket b: e[start[b] .. start[b + 1]) */
  IxEntry *e;
};

/* Index of the lowest set bit of b (not 0). */
static int lowest(uint64_t b) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll(b);
#else
  int k = 0;
  while (!(b & 1)) {
    b >>= 1;
    k++;
  }
  return k;
#endif
}

/* The bucket of a complex: its lowest class bit (classes pick out few elements),
 * else its name bit, else IX_ANY. */
static int key_of(const IxEntry *e) {
  const WComplex *x = e->x;
  if (x->need_class) return IX_CLASS + lowest(x->need_class);
  if (x->need_type) return IX_TYPE + lowest(x->need_type);
  return IX_ANY;
}

/* One of 64 bits for each pair of adjacent bytes of s: a string holding s as a
 * piece has all of s's bits (a bloom filter of byte pairs; with a long value
 * most bits are set, yet a piece of a dozen pairs rarely finds all of its own). */
static uint64_t grams_of(const char *s, size_t n) {
  uint64_t g = 0;
  size_t i;
  for (i = 1; i < n; i++) {
    uint32_t h =
        ((uint32_t)(unsigned char)s[i - 1] << 8 | (unsigned char)s[i]) * 0x9E3779B1u;
    g |= (uint64_t)1 << (h >> 26);
  }
  return g;
}

/* e's value bit, from its subject's first exact (case-sensitive) value test, and
 * the byte pairs of its first case-sensitive piece of the class attribute. */
static void entry_bits(IxEntry *e) {
  const WCompound *subj = &e->x->c[e->x->n - 1];
  int j;
  e->value = e->grams = 0;
  for (j = 0; j < subj->ntests; j++) {
    const WTest *t = &subj->tests[j];
    if (e->value == 0 && t->op == T_EQ && !t->nocase) e->value = bit_of(t->val, t->vlen);
    /* [class*=v], [class^=v], [class$=v]: v is a piece of the attribute */
    if (e->grams == 0 && !t->nocase && strcmp(t->name, "class") == 0 &&
        (t->op == T_SUBSTR || t->op == T_PREFIX || t->op == T_SUFFIX))
      e->grams = grams_of(t->val, t->vlen);
  }
}

/* The class attribute's grams_of, as test_attr reads the value (one text node in
 * place; several: unknown); 0 without one, whose tests then fail anyway. */
static uint64_t class_grams(Classes *cls, xmlNodePtr el) {
  if (!cls->grammed) {
    xmlAttrPtr a = find_attr(el, "class");
    cls->grammed = 1;
    cls->grams = 0;
    if (a && a->children) {
      if (a->children->next == NULL && a->children->type == XML_TEXT_NODE) {
        const char *v = a->children->content ? (const char *)a->children->content : "";
        cls->grams = grams_of(v, strlen(v));
      } else {
        cls->grams = ~(uint64_t)0;
      }
    }
  }
  return cls->grams;
}

/* Values as test_attr reads them: one text node in place, several: unknown. */
static uint64_t values_of(Classes *cls, xmlNodePtr el) {
  xmlAttrPtr a;
  if (!cls->valued) {
    cls->valued = 1;
    cls->values = 0;
    for (a = el->properties; a; a = a->next) {
      const char *v;
      if (a->children == NULL) {
        v = "";
      } else if (a->children->next == NULL && a->children->type == XML_TEXT_NODE) {
        v = a->children->content ? (const char *)a->children->content : "";
      } else {
        cls->values = ~(uint64_t)0;
        break;
      }
      cls->values |= bit_of(v, strlen(v));
    }
  }
  return cls->values;
}

size_t pith__css_index_size(const pith_css_walk *const *ws, int n) {
  size_t m = 0;
  int i;
  for (i = 0; i < n; i++)
    if (ws[i]) m += (size_t)ws[i]->n;
  return WROUND(sizeof(pith_css_index)) + m * sizeof(IxEntry);
}

pith_css_index *pith__css_index_build(const pith_css_walk *const *ws, int n, void *mem) {
  pith_css_index *ix = (pith_css_index *)mem;
  int i, j, b, k, fill[IX_ANY + 1];
  IxEntry e;
  ix->n = n;
  ix->any_class = 0;
  ix->keys[0] = ix->keys[1] = 0;
  ix->e = (IxEntry *)(void *)((char *)mem + WROUND(sizeof(pith_css_index)));
  for (b = 0; b <= IX_ANY + 1; b++)
    ix->start[b] = 0;
  for (i = 0; i < n; i++) /* counting sort by key */
    for (j = 0; ws[i] && j < ws[i]->n; j++) {
      e.x = &ws[i]->x[j];
      entry_bits(&e);
      ix->start[key_of(&e) + 1]++;
    }
  for (b = 0; b <= IX_ANY; b++) {
    ix->start[b + 1] += ix->start[b];
    fill[b] = ix->start[b];
  }
  for (i = 0; i < n; i++)
    for (j = 0; ws[i] && j < ws[i]->n; j++) {
      e.x = &ws[i]->x[j];
      e.list = i;
      entry_bits(&e);
      k = key_of(&e);
      ix->e[fill[k]++] = e;
      if (k < IX_ANY) ix->keys[k / 64] |= (uint64_t)1 << (k % 64);
      if (e.x->need_class) ix->any_class = 1;
    }
  /* the complexes tried on every element read its values only when several can
   * skip on them: for one, its own test costs less */
  for (k = ix->start[IX_ANY], j = 0; k < ix->start[IX_ANY + 1]; k++)
    j += ix->e[k].value != 0;
  for (k = ix->start[IX_ANY]; j < 2 && k < ix->start[IX_ANY + 1]; k++)
    ix->e[k].value = 0;
  return ix;
}

/* Tries bucket b's complexes whose lists have not matched yet on el. */
static int try_bucket(const pith_css_index *ix, int b, xmlNodePtr el, Classes *cls,
                      uint64_t classes, unsigned long *budget, unsigned char *hit) {
  int k, r, hits = 0;
  for (k = ix->start[b]; k < ix->start[b + 1]; k++) {
    const IxEntry *e = &ix->e[k];
    const WComplex *x = e->x;
    if (hit[e->list] || (x->need_type && !(cls->name & x->need_type)) ||
        (classes & x->need_class) != x->need_class ||
        (e->value && !(values_of(cls, el) & e->value)) ||
        (e->grams && (class_grams(cls, el) & e->grams) != e->grams))
      continue;
    if (*budget == 0) return -1;
    --*budget;
    if (!match_compound(&x->c[x->n - 1], el, cls, budget)) continue;
    r = match_left(x->c, x->n - 1, el, budget);
    if (r < 0) return -1;
    if (r) {
      hit[e->list] = 1;
      hits++;
    }
  }
  return hits;
}

int pith__css_index_match(const pith_css_index *ix, xmlNodePtr el, unsigned long *budget,
                          unsigned char *hit) {
  Classes cls;
  uint64_t classes = 0;
  int hits, r, k;
  cls.state = 0;
  cls.named = 1;
  cls.name = bit_of((const char *)el->name, strlen((const char *)el->name));
  cls.valued = cls.grammed = 0;
  memset(hit, 0, (size_t)ix->n);
  if (ix->any_class) classes = classes_of(&cls, el);
  hits = try_bucket(ix, IX_ANY, el, &cls, classes, budget, hit);
  for (k = 0; k < 2 && hits >= 0; k++) {
    uint64_t cand = (k == 0 ? classes : cls.name) & ix->keys[k];
    while (hits >= 0 && cand) {
      int bit = lowest(cand);
      cand &= cand - 1;
      r = try_bucket(ix, k * 64 + bit, el, &cls, classes, budget, hit);
      hits = r < 0 ? -1 : hits + r;
    }
  }
  return hits;
}

/* A selector list up to the end (top) or a ')' (inside :not/:is). At the top it
 * writes the descendant step; inside it writes a boolean test. */
static int parse_list(Parser *P, pith_buf *out, int top, int first,
                      pith_css_walk **walk) {
  Complex *xs = NULL;
  int n = 0, cap = 0, i, r = -1;
  skip_ws(P);
  for (;;) {
    if (n == cap) {
      int nc = cap ? cap * 2 : 4;
      Complex *nx = (Complex *)realloc(xs, (size_t)nc * sizeof *nx);
      if (nx == NULL) {
        fail(P, "out of memory");
        goto done;
      }
      xs = nx;
      cap = nc;
    }
    memset(&xs[n], 0, sizeof xs[n]);
    n++;
    if (parse_complex(P, &xs[n - 1]) < 0) goto done;
    if (complex_oom(&xs[n - 1])) {
      fail(P, "out of memory");
      goto done;
    }
    if (peek(P) != ',') break;
    P->p++;
    skip_ws(P);
  }
  if (top && !at_end(P)) {
    fail(P, "unexpected '%c'", peek(P));
    goto done;
  }
  if (top && n == 1) {
    const Complex *x = &xs[0];
    pith_buf_adds(out, "descendant::");
    add_nametest(out, &x->c[x->n - 1].type);
    if (has_chain(x->c, x->n - 1)) {
      pith_buf_addc(out, '[');
      add_chain(out, x->c, x->n - 1);
      pith_buf_addc(out, ']');
    }
  } else {
    if (top) pith_buf_adds(out, "descendant::*[");
    for (i = 0; i < n; i++) {
      pith_buf_adds(out, i ? " or (" : "(");
      add_match(out, &xs[i]);
      pith_buf_addc(out, ')');
    }
    if (top) pith_buf_addc(out, ']');
  }
  if (top && first) pith_buf_adds(out, "[1]");
  if (walk && !P->nowalk) *walk = build_walk(xs, n);
  r = 0;
done:
  for (i = 0; i < n; i++)
    complex_free(&xs[i]);
  free(xs);
  return r;
}

/* Offset of the first byte that is not well-formed UTF-8, or len. */
static size_t utf8_bad(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    size_t n, k;
    unsigned long cp;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (len - i <= n) return i;
    for (k = 1; k <= n; k++) {
      unsigned char d = (unsigned char)s[i + k];
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += n + 1;
  }
  return len;
}

int pith__css_to_xpath(const char *css, size_t len, int first, pith_buf *out, char *err,
                       size_t errsize) {
  return pith__css_translate(css, len, first, out, NULL, err, errsize);
}

int pith__css_translate(const char *css, size_t len, int first, pith_buf *out,
                        pith_css_walk **walk, char *err, size_t errsize) {
  Parser P;
  P.s = P.p = css;
  P.end = css + len;
  P.err = err;
  P.errsize = errsize;
  P.depth = 0;
  P.nowalk = 0;
  err[0] = '\0';
  if (walk) *walk = NULL;
  if (memchr(css, '\0', len) != NULL) {
    P.p = (const char *)memchr(css, '\0', len);
    return fail(&P, "NUL in selector");
  }
  if (utf8_bad(css, len) < len) {
    P.p = css + utf8_bad(css, len);
    return fail(&P, "invalid UTF-8");
  }
  if (parse_list(&P, out, 1, first, walk) < 0) return -1;
  if (out->oom) {
    if (walk) {
      pith__css_walk_free(*walk);
      *walk = NULL;
    }
    return fail(&P, "out of memory");
  }
  return 0;
}
