/* Charset detection and decoding to UTF-8, in pure C (no Lua, no libxml2): libxml2
 * gets only valid UTF-8, so a stray byte or a late <meta> cannot switch its decoder
 * half-way through a page. The choice follows the WHATWG encoding sniffing steps,
 * plus overrides for the two lies real pages tell most: a legacy charset declared
 * on UTF-8 bytes, and utf-8 declared on windows-1252 bytes. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"

/* WHATWG encodings with their labels (space separated, lower case). The iconv name
 * is the upper-cased WHATWG name unless given. */
typedef struct encoding {
  const char *name;
  const char *iconv;
  const char *labels;
} encoding;

static const encoding encodings[] = {
    {"utf-8", NULL,
     "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8"},
    {"windows-1252", NULL,
     "windows-1252 iso-8859-1 latin1 us-ascii ascii cp1252 x-cp1252 iso8859-1 iso88591 "
     "iso_8859-1 iso_8859-1:1987 l1 cp819 ibm819 csisolatin1 iso-ir-100 ansi_x3.4-1968 "
     "x-user-defined"},
    {"utf-16le", NULL,
     "utf-16le utf-16 unicode unicodefeff csunicode iso-10646-ucs-2 ucs-2"},
    {"utf-16be", NULL, "utf-16be unicodefffe"},
    {"iso-2022-jp", NULL, "iso-2022-jp csiso2022jp"},
    {"ibm866", NULL, "ibm866 866 cp866 csibm866"},
    {"iso-8859-2", NULL,
     "iso-8859-2 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 latin2 l2 csisolatin2 "
     "iso-ir-101"},
    {"iso-8859-3", NULL,
     "iso-8859-3 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 latin3 l3 csisolatin3 "
     "iso-ir-109"},
    {"iso-8859-4", NULL,
     "iso-8859-4 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 latin4 l4 csisolatin4 "
     "iso-ir-110"},
    {"iso-8859-5", NULL,
     "iso-8859-5 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988 cyrillic "
     "csisolatincyrillic "
     "iso-ir-144"},
    {"iso-8859-6", NULL,
     "iso-8859-6 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987 arabic asmo-708 "
     "csiso88596e "
     "csiso88596i csisolatinarabic ecma-114 iso-8859-6-e iso-8859-6-i iso-ir-127"},
    {"iso-8859-7", NULL,
     "iso-8859-7 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 greek greek8 "
     "csisolatingreek "
     "ecma-118 elot_928 iso-ir-126 sun_eu_greek"},
    {"iso-8859-8", NULL,
     "iso-8859-8 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 hebrew csiso88598e "
     "csisolatinhebrew iso-8859-8-e iso-ir-138 visual"},
    {"iso-8859-8-i", "ISO-8859-8", "iso-8859-8-i csiso88598i logical"},
    {"iso-8859-10", NULL,
     "iso-8859-10 iso8859-10 iso885910 latin6 l6 csisolatin6 iso-ir-157"},
    {"iso-8859-13", NULL, "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", NULL, "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", NULL, "iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9 csisolatin9"},
    {"iso-8859-16", NULL, "iso-8859-16"},
    {"koi8-r", NULL, "koi8-r koi8_r koi koi8 cskoi8r"},
    {"koi8-u", NULL, "koi8-u koi8-ru"},
    {"macintosh", NULL, "macintosh mac x-mac-roman csmacintosh"},
    {"windows-874", "CP874",
     "windows-874 dos-874 iso-8859-11 iso8859-11 iso885911 tis-620"},
    {"windows-1250", "CP1250", "windows-1250 cp1250 x-cp1250"},
    {"windows-1251", "CP1251", "windows-1251 cp1251 x-cp1251"},
    {"windows-1253", "CP1253", "windows-1253 cp1253 x-cp1253"},
    {"windows-1254", "CP1254",
     "windows-1254 cp1254 x-cp1254 iso-8859-9 iso8859-9 iso88599 iso_8859-9 "
     "iso_8859-9:1989 "
     "latin5 l5 csisolatin5 iso-ir-148"},
    {"windows-1255", "CP1255", "windows-1255 cp1255 x-cp1255"},
    {"windows-1256", "CP1256", "windows-1256 cp1256 x-cp1256"},
    {"windows-1257", "CP1257", "windows-1257 cp1257 x-cp1257"},
    {"windows-1258", "CP1258", "windows-1258 cp1258 x-cp1258"},
    {"x-mac-cyrillic", "MAC-CYRILLIC", "x-mac-cyrillic x-mac-ukrainian"},
    {"gbk", "GB18030",
     "gbk gb2312 gb_2312 gb_2312-80 chinese csgb2312 csiso58gb231280 iso-ir-58 x-gbk"},
    {"gb18030", "GB18030", "gb18030"},
    {"big5", "BIG5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", NULL, "euc-jp cseucpkdfmtjapanese x-euc-jp"},
    {"shift_jis", "CP932",
     "shift_jis shift-jis sjis x-sjis ms_kanji ms932 windows-31j csshiftjis"},
    {"euc-kr", "CP949",
     "euc-kr cseuckr csksc56011987 iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
     "ksc5601 "
     "ksc_5601 windows-949"},
};

#define ENC_UTF8        (&encodings[0])
#define ENC_1252        (&encodings[1])
#define ENC_UTF16LE     (&encodings[2])
#define ENC_UTF16BE     (&encodings[3])
#define ENC_ISO2022JP   (&encodings[4])
#define PRESCAN_BYTES   1024
#define LATE_META_BYTES 65536

static int is_space(unsigned c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static unsigned to_lower(unsigned c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int is_alpha(unsigned c) { return to_lower(c) >= 'a' && to_lower(c) <= 'z'; }

/* WHATWG "get an encoding": the encoding a label names, or NULL. */
static const encoding *lookup_label(const char *label, size_t len) {
  char buf[32];
  size_t i, n = 0;
  while (len && is_space((unsigned char)*label))
    label++, len--;
  while (len && is_space((unsigned char)label[len - 1]))
    len--;
  if (len == 0 || len >= sizeof buf) return NULL;
  for (i = 0; i < len; i++)
    buf[n++] = (char)to_lower((unsigned char)label[i]);
  for (i = 0; i < sizeof encodings / sizeof encodings[0]; i++) {
    const char *p = encodings[i].labels;
    while (*p) {
      size_t w = strcspn(p, " ");
      if (w == n && memcmp(p, buf, n) == 0) return &encodings[i];
      p += w;
      while (*p == ' ')
        p++;
    }
  }
  return NULL;
}

static int ci_prefix(const unsigned char *s, size_t n, const char *lit) {
  size_t i, l = strlen(lit);
  if (n < l) return 0;
  for (i = 0; i < l; i++)
    if (to_lower(s[i]) != (unsigned char)lit[i]) return 0;
  return 1;
}

static int ci_equal(const unsigned char *s, size_t n, const char *lit) {
  return n == strlen(lit) && ci_prefix(s, n, lit);
}

/* WHATWG "extract a character encoding from a meta element" (the content value). */
static const encoding *charset_from_content(const unsigned char *s, size_t n) {
  size_t i = 0;
  for (;;) {
    size_t j;
    while (i < n && !ci_prefix(s + i, n - i, "charset"))
      i++;
    if (i >= n) return NULL;
    i += 7;
    while (i < n && is_space(s[i]))
      i++;
    if (i >= n || s[i] != '=') continue;
    i++;
    while (i < n && is_space(s[i]))
      i++;
    if (i >= n) return NULL;
    if (s[i] == '"' || s[i] == '\'') {
      for (j = i + 1; j < n && s[j] != s[i]; j++)
        ;
      if (j >= n) return NULL;
      return lookup_label((const char *)s + i + 1, j - i - 1);
    }
    for (j = i; j < n && !is_space(s[j]) && s[j] != ';'; j++)
      ;
    return lookup_label((const char *)s + i, j - i);
  }
}

typedef struct attr {
  const unsigned char *name, *value;
  size_t nlen, vlen;
} attr;

/* WHATWG "get an attribute" (prescan): 0 when there is none; *pos moves on. */
static int get_attr(const unsigned char *s, size_t n, size_t *pos, attr *a) {
  size_t i = *pos, start;
  while (i < n && (is_space(s[i]) || s[i] == '/'))
    i++;
  *pos = i;
  if (i >= n || s[i] == '>') return 0;
  start = i++; /* a leading '=' belongs to the name */
  while (i < n && s[i] != '=' && !is_space(s[i]) && s[i] != '/' && s[i] != '>')
    i++;
  a->name = s + start;
  a->nlen = i - start;
  a->value = s + i;
  a->vlen = 0;
  while (i < n && is_space(s[i]))
    i++;
  if (i >= n || s[i] != '=') {
    *pos = i;
    return 1;
  }
  i++;
  while (i < n && is_space(s[i]))
    i++;
  if (i < n && (s[i] == '"' || s[i] == '\'')) {
    unsigned char q = s[i++];
    start = i;
    while (i < n && s[i] != q)
      i++;
    a->value = s + start;
    a->vlen = i - start;
    *pos = i < n ? i + 1 : n;
    return 1;
  }
  start = i;
  while (i < n && !is_space(s[i]) && s[i] != '>')
    i++;
  a->value = s + start;
  a->vlen = i - start;
  *pos = i;
  return 1;
}

/* The charset a <meta> at s (after "<meta ") declares, or NULL; *pos moves on. */
static const encoding *meta_charset(const unsigned char *s, size_t n, size_t *pos) {
  attr a;
  int seen_equiv = 0, seen_content = 0, seen_charset = 0, got_pragma = 0;
  int need_pragma = -1; /* -1: no charset source seen */
  const encoding *enc = NULL;
  while (get_attr(s, n, pos, &a)) {
    if (!seen_equiv && ci_equal(a.name, a.nlen, "http-equiv")) {
      seen_equiv = 1;
      got_pragma = ci_equal(a.value, a.vlen, "content-type");
    } else if (!seen_content && ci_equal(a.name, a.nlen, "content")) {
      seen_content = 1;
      if (enc == NULL && (enc = charset_from_content(a.value, a.vlen)) != NULL)
        need_pragma = 1;
    } else if (!seen_charset && ci_equal(a.name, a.nlen, "charset")) {
      seen_charset = 1;
      enc = lookup_label((const char *)a.value, a.vlen);
      need_pragma = 0;
    }
  }
  if (need_pragma < 0 || (need_pragma && !got_pragma) || enc == NULL) return NULL;
  /* a page read as bytes cannot be UTF-16 if its <meta> was readable as ASCII */
  if (enc == ENC_UTF16LE || enc == ENC_UTF16BE) return ENC_UTF8;
  return enc;
}

/* WHATWG "prescan a byte stream to determine its encoding" over s[0..n). */
static const encoding *prescan(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    const unsigned char *lt = memchr(s + i, '<', n - i);
    if (lt == NULL) return NULL;
    i = (size_t)(lt - s);
    if (ci_prefix(s + i, n - i, "<!--")) {
      size_t j = i + 4;
      while (j < n && !(s[j] == '>' && s[j - 1] == '-' && s[j - 2] == '-'))
        j++;
      i = j + 1;
    } else if (ci_prefix(s + i, n - i, "<meta") && i + 5 < n &&
               (is_space(s[i + 5]) || s[i + 5] == '/')) {
      const encoding *enc;
      i += 6;
      if ((enc = meta_charset(s, n, &i)) != NULL) return enc;
      i++;
    } else if (i + 1 < n && (is_alpha(s[i + 1]) ||
                             (s[i + 1] == '/' && i + 2 < n && is_alpha(s[i + 2])))) {
      attr a;
      while (i < n && !is_space(s[i]) && s[i] != '>')
        i++;
      while (get_attr(s, n, &i, &a))
        ;
      i++;
    } else if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
      const unsigned char *gt = memchr(s + i, '>', n - i);
      if (gt == NULL) return NULL;
      i = (size_t)(gt - s) + 1;
    } else {
      i++;
    }
  }
  return NULL;
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is invalid; then *bad is the
 * length of its maximal invalid subpart (one U+FFFD each, as WHATWG decoders do). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad) {
  unsigned c = s[0], lo = 0x80, hi = 0xBF;
  size_t need, i;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0)
      lo = 0xA0;
    else if (c == 0xED)
      hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0)
      lo = 0x90;
    else if (c == 0xF4)
      hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  for (i = 1; i <= need; i++) {
    if (i >= n || s[i] < lo || s[i] > hi) {
      *bad = i;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

typedef struct utf8_stats {
  size_t multibyte;     /* valid multi-byte sequences */
  size_t invalid;       /* maximal invalid subparts */
  size_t invalid_bytes; /* bytes in them */
  size_t nul;
} utf8_stats;

#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Index of the next byte at or after i that is not plain non-NUL ASCII. */
static size_t skip_ascii(const unsigned char *s, size_t n, size_t i) {
  while (i + 16 <= n) { /* two words a step: most of a page is plain ASCII */
    uint64_t a, b;
    memcpy(&a, s + i, 8);
    memcpy(&b, s + i + 8, 8);
    if ((a | (a - ONES) | b | (b - ONES)) & HIGHS) break;
    i += 16;
  }
  while (i + 8 <= n) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    /* a high bit, or a NUL byte (with no high bit set, w - ONES sets one only
     * in a byte that was 0, or above a borrow from one) */
    if ((w | (w - ONES)) & HIGHS) break;
    i += 8;
  }
  while (i < n && s[i] != 0 && s[i] < 0x80)
    i++;
  return i;
}

static void utf8_scan(const unsigned char *s, size_t n, utf8_stats *st) {
  size_t i = 0, len, bad;
  memset(st, 0, sizeof *st);
  while ((i = skip_ascii(s, n, i)) < n) {
    if (s[i] == 0) {
      st->nul++;
      i++;
    } else if ((len = utf8_seq(s + i, n - i, &bad)) != 0) {
      st->multibyte++;
      i += len;
    } else {
      st->invalid++;
      st->invalid_bytes += bad;
      i += bad;
    }
  }
}

static size_t put_utf8(char *o, unsigned long cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

#define REPLACEMENT 0xFFFDul

/* Copies UTF-8, replacing invalid subparts by U+FFFD and dropping NUL bytes. */
static pith_status repair_utf8(const unsigned char *s, size_t n, const utf8_stats *st,
                               pith_decoded *out) {
  size_t i = 0, size = n - st->nul - st->invalid_bytes + 3 * st->invalid, len, bad;
  char *o = malloc(size + 1);
  if (o == NULL) return PITH_ERR_MEMORY;
  out->data = o;
  while (i < n) {
    size_t j = skip_ascii(s, n, i);
    memcpy(o, s + i, j - i);
    o += j - i;
    if ((i = j) >= n) break;
    if (s[i] == 0)
      i++;
    else if ((len = utf8_seq(s + i, n - i, &bad)) != 0) {
      memcpy(o, s + i, len);
      o += len;
      i += len;
    } else {
      o += put_utf8(o, REPLACEMENT);
      i += bad;
    }
  }
  *o = '\0';
  out->len = (size_t)(o - out->data);
  out->replaced = st->invalid;
  return PITH_OK;
}

/* windows-1252 bytes 0x80..0x9F; the five holes map to C1 controls, as in WHATWG. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static unsigned long cp1252(unsigned char c) {
  return c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c;
}

static pith_status decode_1252(const unsigned char *s, size_t n, pith_decoded *out) {
  size_t i, size = 0;
  char *o;
  for (i = 0; i < n; i++) {
    unsigned long cp = cp1252(s[i]);
    size += cp == 0 ? 0 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
  }
  if ((o = malloc(size + 1)) == NULL) return PITH_ERR_MEMORY;
  out->data = o;
  for (i = 0; i < n; i++)
    if (s[i] != 0) o += put_utf8(o, cp1252(s[i]));
  *o = '\0';
  out->len = size;
  return PITH_OK;
}

static pith_status decode_utf16(const unsigned char *s, size_t n, int big_endian,
                                pith_decoded *out) {
  size_t i = 0;
  char *o = malloc(n / 2 * 3 + 4);
  if (o == NULL) return PITH_ERR_MEMORY;
  out->data = o;
  while (i + 1 < n) {
    unsigned long u = big_endian ? (unsigned long)s[i] << 8 | s[i + 1]
                                 : (unsigned long)s[i + 1] << 8 | s[i];
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
      unsigned long lo = big_endian ? (unsigned long)s[i] << 8 | s[i + 1]
                                    : (unsigned long)s[i + 1] << 8 | s[i];
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        i += 2;
        o += put_utf8(o, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      u = REPLACEMENT;
      out->replaced++;
    }
    if (u != 0) o += put_utf8(o, u);
  }
  if (i < n) { /* an odd trailing byte */
    o += put_utf8(o, REPLACEMENT);
    out->replaced++;
  }
  *o = '\0';
  out->len = (size_t)(o - out->data);
  return PITH_OK;
}

/* Any other charset, through iconv; 1 when iconv does not know it. */
static int decode_iconv(const char *name, const unsigned char *s, size_t n,
                        pith_decoded *out, pith_status *status) {
  iconv_t cd = iconv_open("UTF-8", name);
  size_t cap = n * 2 + 16, used = 0;
  char *buf, *in = (char *)(uintptr_t)s; /* iconv's prototype lacks const */
  size_t inleft = n;
  int grow = 0;
  if (cd == (iconv_t)-1) return 1;
  if ((buf = malloc(cap)) == NULL) {
    iconv_close(cd);
    *status = PITH_ERR_MEMORY;
    return 0;
  }
  for (;;) {
    char *o;
    size_t oleft, r;
    int err;
    if (grow || cap - used < 16) { /* room for a U+FFFD and the terminator */
      char *nb = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        iconv_close(cd);
        *status = PITH_ERR_MEMORY;
        return 0;
      }
      buf = nb;
      cap *= 2;
      grow = 0;
    }
    o = buf + used;
    oleft = cap - used - 8;
    r = inleft ? iconv(cd, &in, &inleft, &o, &oleft) : iconv(cd, NULL, NULL, &o, &oleft);
    err = r == (size_t)-1 ? errno : 0;
    used = (size_t)(o - buf);
    if (err == E2BIG) {
      grow = 1;
    } else if (err != 0) { /* EILSEQ, or EINVAL (truncated at the end) */
      used += put_utf8(buf + used, REPLACEMENT);
      out->replaced++;
      if (err == EILSEQ && inleft > 0) {
        in++;
        inleft--;
      } else {
        inleft = 0;
      }
    } else if (inleft == 0) {
      break; /* the final flush succeeded */
    }
  }
  iconv_close(cd);
  { /* iconv can produce U+0000, which would end libxml2's input early */
    char *w = memchr(buf, 0, used);
    if (w != NULL) {
      size_t r;
      for (r = (size_t)(w - buf); r < used; r++)
        if (buf[r] != 0) *w++ = buf[r];
      used = (size_t)(w - buf);
    }
  }
  buf[used] = '\0';
  out->data = buf;
  out->len = used;
  *status = PITH_OK;
  return 0;
}

/* A caller's utf-16 label on bytes that are plainly ASCII-compatible is a lie. */
static int looks_utf16(const unsigned char *s, size_t n) {
  return n >= 2 && (s[0] == 0) != (s[1] == 0);
}

static const encoding *choose(const unsigned char *s, size_t n, const char *charset,
                              size_t *skip, pith_charset_source *source, utf8_stats *st) {
  const encoding *enc = NULL;
  *skip = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    enc = ENC_UTF8, *skip = 3;
  else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    enc = ENC_UTF16BE, *skip = 2;
  else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    enc = ENC_UTF16LE, *skip = 2;
  if (enc != NULL) {
    *source = PITH_CHARSET_BOM;
    if (enc == ENC_UTF8) utf8_scan(s + 3, n - 3, st);
    return enc;
  }
  if (charset != NULL && (enc = lookup_label(charset, strlen(charset))) != NULL) {
    *source = PITH_CHARSET_CALLER;
    if (enc == ENC_UTF16LE || enc == ENC_UTF16BE) {
      if (looks_utf16(s, n)) return enc;
      enc = ENC_UTF8;
      *source = PITH_CHARSET_OVERRIDE;
    }
  }
  if (enc == NULL && (enc = prescan(s, n < PRESCAN_BYTES ? n : PRESCAN_BYTES)) != NULL)
    *source = PITH_CHARSET_META;
  utf8_scan(s, n, st);
  if (enc == NULL && st->invalid > 0 && n > PRESCAN_BYTES &&
      (enc = prescan(s, n < LATE_META_BYTES ? n : LATE_META_BYTES)) != NULL)
    *source = PITH_CHARSET_META; /* a late <meta> still beats a guess */
  if (enc == NULL) {
    *source = st->multibyte >= st->invalid ? PITH_CHARSET_SNIFFED : PITH_CHARSET_FALLBACK;
    return st->multibyte >= st->invalid ? ENC_UTF8 : ENC_1252;
  }
  if (enc == ENC_UTF8 && st->invalid > st->multibyte) {
    *source = PITH_CHARSET_OVERRIDE;
    return ENC_1252;
  }
  /* Legacy text is almost never valid multi-byte UTF-8 by accident; pages re-encoded
   * to UTF-8 that kept their old <meta> are common. */
  if (enc != ENC_UTF8 && st->multibyte > 0 && st->multibyte / 4 >= st->invalid) {
    *source = PITH_CHARSET_OVERRIDE;
    return ENC_UTF8;
  }
  return enc;
}

pith_status pith__decode(const char *in, size_t len, const char *charset,
                         pith_decoded *out, const char **text, size_t *textlen) {
  const unsigned char *s = (const unsigned char *)in;
  utf8_stats st;
  size_t skip;
  const encoding *enc;
  pith_status status = PITH_OK;
  memset(out, 0, sizeof *out);
  *text = NULL;
  *textlen = 0;
  if (len > ((size_t)-1) / 4) return PITH_ERR_TOO_LARGE;
  memset(&st, 0, sizeof st);
  enc = choose(s, len, charset, &skip, &out->source, &st);
  s += skip;
  len -= skip;
  out->charset = enc->name;
  if (enc == ENC_UTF16LE || enc == ENC_UTF16BE)
    status = decode_utf16(s, len, enc == ENC_UTF16BE, out);
  else if (enc != ENC_ISO2022JP && st.multibyte == 0 && st.invalid == 0 && st.nul == 0) {
    *text = (const char *)s; /* ASCII reads the same in every remaining charset */
    *textlen = len;
    return PITH_OK;
  } else if (enc == ENC_UTF8) {
    if (st.invalid == 0 && st.nul == 0) {
      *text = (const char *)s;
      *textlen = len;
      return PITH_OK;
    }
    status = repair_utf8(s, len, &st, out);
  } else if (enc == ENC_1252 ||
             decode_iconv(enc->iconv ? enc->iconv : enc->name, s, len, out, &status)) {
    if (enc != ENC_1252) { /* iconv lacks the charset: the least damaging guess */
      out->charset = ENC_1252->name;
      out->source = PITH_CHARSET_FALLBACK;
    }
    status = decode_1252(s, len, out);
  }
  if (status != PITH_OK) {
    free(out->data);
    out->data = NULL;
    return status;
  }
  *text = out->data;
  *textlen = out->len;
  return PITH_OK;
}

pith_status pith_decode_html(const char *in, size_t len, const char *charset,
                             pith_decoded *out) {
  const char *text;
  size_t textlen;
  pith_status status = pith__decode(in, len, charset, out, &text, &textlen);
  if (status != PITH_OK || out->data != NULL) return status;
  if ((out->data = malloc(textlen + 1)) == NULL) return PITH_ERR_MEMORY;
  memcpy(out->data, text, textlen);
  out->data[textlen] = '\0';
  out->len = textlen;
  return PITH_OK;
}

void pith_decoded_free(pith_decoded *d) {
  if (d == NULL) return;
  free(d->data);
  d->data = NULL;
  d->len = 0;
}

const char *pith_charset_source_name(pith_charset_source source) {
  switch (source) {
  case PITH_CHARSET_BOM:
    return "bom";
  case PITH_CHARSET_CALLER:
    return "caller";
  case PITH_CHARSET_META:
    return "meta";
  case PITH_CHARSET_SNIFFED:
    return "sniffed";
  case PITH_CHARSET_FALLBACK:
    return "fallback";
  case PITH_CHARSET_OVERRIDE:
    return "override";
  }
  return "unknown";
}
