-- Charset choice and decoding (plugin/charset.c through core.parse): real pages in
-- their own and in re-encoded legacy charsets, plus snippets for what no page shows.
local core = require "pith.core"

local CORPUS = "../shared/corpus/"

local function slurp(cmd)
  local f = assert(io.popen(cmd, "r"))
  local s = f:read("a")
  f:close()
  return s
end

local function read(path)
  local f = assert(io.open(CORPUS .. path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local function gunzip(path) return slurp("gzip -dc " .. CORPUS .. path) end
-- the page's bytes re-encoded by glibc's iconv(1), dropping what the charset lacks
local function iconv(path, to, gz)
  local src = gz and ("gzip -dc " .. CORPUS .. path .. " | ") or ("cat " .. CORPUS .. path .. " | ")
  -- without the sanitizer runtimes `make asan` preloads: iconv(1) itself leaks at exit
  return slurp(src .. "env -u LD_PRELOAD iconv -c -f UTF-8 -t " .. to)
end

-- iterative depth-first search for the first element with this tag
local function find(node, tag)
  local stack = { node }
  while #stack > 0 do
    local n = table.remove(stack)
    if n:tag() == tag then return n end
    local kids = n:children()
    for i = #kids, 1, -1 do stack[#stack + 1] = kids[i] end
  end
end

local function title(doc) return find(doc:root(), "title"):inner_html() end
local function body_html(html, opts)
  local doc = assert(core.parse(html, opts))
  local s = doc:body():inner_html()
  local name, source = doc:charset()
  doc:close()
  return s, name, source
end

describe("charset on real pages", function()
  it("reads a page that declares gb2312 but is stored as UTF-8 as UTF-8 (qq)", function()
    local doc = assert(core.parse(read("readability/qq/source.html")))
    assert.same({ "utf-8", "override" }, { doc:charset() })
    -- expected title from readability's expected-metadata.json
    assert.equal("DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网", title(doc))
    doc:close()
  end)

  it("decodes the same page really encoded in GBK through its <meta>", function()
    local bytes = iconv("readability/qq/source.html", "GB18030")
    assert.is_nil(utf8.len(bytes)) -- really not UTF-8 any more
    local doc = assert(core.parse(bytes))
    assert.same({ "gbk", "meta" }, { doc:charset() })
    assert.equal("DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网", title(doc))
    doc:close()
  end)

  it("reads a Shift_JIS-declared page stored as UTF-8, and the real Shift_JIS bytes", function()
    local expected = "JVNDB-2018-013542 - JVN iPedia - 脆弱性対策情報データベース" -- mercury index.json
    local doc = assert(core.parse(gunzip("mercury/html/jvndb.jvn.jp.html.gz")))
    assert.same({ "utf-8", "override" }, { doc:charset() })
    assert.equal(expected, title(doc))
    doc:close()
    local sjis = iconv("mercury/html/jvndb.jvn.jp.html.gz", "SHIFT_JIS", true)
    assert.is_nil(utf8.len(sjis))
    doc = assert(core.parse(sjis))
    assert.same({ "shift_jis", "meta" }, { doc:charset() })
    assert.equal(expected, title(doc))
    doc:close()
  end)

  it("falls back to windows-1252 when a utf-8 page is really Latin-1 (liberation-1)", function()
    local path = "readability/liberation-1/source.html"
    local orig = assert(core.parse(read(path)))
    local expected = title(orig)
    orig:close()
    -- readability's expected-metadata.json title, plus the site name
    assert.equal("Un troisième Français mort dans le séisme au Népal - Libération", expected)
    local latin = iconv(path, "WINDOWS-1252")
    assert.is_truthy(latin:find('charset="utf-8"', 1, true)) -- the page still says utf-8
    assert.is_nil(utf8.len(latin))
    local doc = assert(core.parse(latin))
    assert.same({ "windows-1252", "override" }, { doc:charset() })
    assert.equal(expected, title(doc))
    doc:close()
    doc = assert(core.parse(latin, { charset = "ISO-8859-1" }))
    assert.same({ "windows-1252", "caller" }, { doc:charset() })
    assert.equal(expected, title(doc))
    doc:close()
  end)

  it("decodes a Czech page in iso-8859-2 given by the caller (aktualne)", function()
    local path = "readability/aktualne/source.html"
    local doc = assert(core.parse(iconv(path, "ISO-8859-2"), { charset = "iso-8859-2" }))
    assert.same({ "iso-8859-2", "caller" }, { doc:charset() })
    assert.equal("West Ham hrozí gigantům, okouzlil i Linekera. Součkovu práci je snadné přehlédnout"
      .. " - Aktuálně.cz", title(doc):match("^%s*(.-)%s*$"))
    doc:close()
  end)

  it("only prescans 1024 bytes: a late <meta> iso-8859-1 on an ASCII page is not used (vortez)", function()
    local html = gunzip("mercury/html/www.vortez.net__1743645797430.html.gz")
    assert.equal(1475, html:find("charset=ISO-8859-1", 1, true))
    local doc = assert(core.parse(html))
    assert.same({ "utf-8", "sniffed" }, { doc:charset() })
    assert.equal("DeepCool Launches CH690 DIGITAL With Built-in Real-Time System Monitoring", title(doc))
    doc:close()
  end)
end)

describe("charset snippets", function()
  it("lets the caller's utf-8 win over a <meta> iso-8859-1", function()
    local s, name, source = body_html("<meta charset=iso-8859-1><p>café</p>", { charset = "utf-8" })
    assert.equal("<p>café</p>", s)
    assert.same({ "utf-8", "caller" }, { name, source })
  end)

  it("reads UTF-8 bytes under a <meta> iso-8859-1 as UTF-8 even without the caller", function()
    local s, name, source = body_html("<meta charset=iso-8859-1><p>café</p>")
    assert.equal("<p>café</p>", s)
    assert.same({ "utf-8", "override" }, { name, source })
  end)

  it("decodes real Latin-1 bytes under <meta> iso-8859-1 as windows-1252", function()
    local s, name, source = body_html("<meta charset=iso-8859-1><p>caf\xe9 \x93q\x94</p>")
    assert.equal("<p>café “q”</p>", s)
    assert.same({ "windows-1252", "meta" }, { name, source })
  end)

  it("turns a stray invalid byte into U+FFFD and keeps é on both sides", function()
    local s, name, source = body_html("<p>café \xe9 naïve</p>")
    assert.equal("<p>café \u{FFFD} naïve</p>", s)
    assert.same({ "utf-8", "sniffed" }, { name, source })
  end)

  it("replaces each maximal invalid subpart once, and truncated sequences at the end", function()
    -- E2 82 is a truncated €, C0 is never valid, ED A0 80 is a surrogate (3 bytes, 3 U+FFFD)
    local words = ("naïve café "):rep(4) -- enough valid UTF-8 to outvote six bad subparts
    local s = body_html("<p>" .. words .. "é \xe2\x82 x \xc0 y \xed\xa0\x80 z €</p><p>é\xe2\x82")
    assert.equal("<p>" .. words .. "é \u{FFFD} x \u{FFFD} y \u{FFFD}\u{FFFD}\u{FFFD} z €</p><p>é\u{FFFD}</p>", s)
  end)

  it("reads undeclared windows-1252 smart quotes, dashes and the euro sign", function()
    local s, name, source = body_html("<p>\x93Hello\x94 \x96 it\x92s \x80 5 \x85</p>")
    assert.equal("<p>“Hello” – it’s € 5 …</p>", s)
    assert.same({ "windows-1252", "fallback" }, { name, source })
  end)

  it("honours BOMs over the caller and <meta>", function()
    local s, name, source = body_html("\xef\xbb\xbf<meta charset=windows-1252><p>café</p>",
      { charset = "koi8-r" })
    assert.equal("<p>café</p>", s)
    assert.same({ "utf-8", "bom" }, { name, source })
    local le = ("<p>café €</p>"):gsub("[%z\1-\127\192-\255][\128-\191]*", function(ch)
      local cp = utf8.codepoint(ch)
      return string.char(cp % 256, cp // 256)
    end)
    s, name = body_html("\xff\xfe" .. le)
    assert.equal("<p>café €</p>", s)
    assert.equal("utf-16le", name)
    local be = le:gsub("(.)(.)", "%2%1")
    s, name = body_html("\xfe\xff" .. be)
    assert.equal("<p>café €</p>", s)
    assert.equal("utf-16be", name)
  end)

  it("treats a <meta> utf-16 on an ASCII-readable page as utf-8", function()
    local s, name, source = body_html("<meta charset=utf-16><p>café</p>")
    assert.equal("<p>café</p>", s)
    assert.same({ "utf-8", "meta" }, { name, source })
  end)

  it("follows the WHATWG prescan: comments, http-equiv pragma, quoted labels", function()
    local _, name = body_html("<!-- <meta charset=koi8-r> --><meta charset='windows-1251'><p>\xcf</p>")
    assert.equal("windows-1251", name)
    -- content= without http-equiv=content-type is no declaration
    local _, name2, source2 = body_html('<meta content="text/html; charset=koi8-r"><p>\xcf</p>')
    assert.same({ "windows-1252", "fallback" }, { name2, source2 })
    local s, name3 = body_html('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; Charset = \'KOI8-R\'">'
      .. "<p>\xf0\xd2\xc9\xd7\xc5\xd4</p>")
    assert.equal("koi8-r", name3)
    assert.equal("<p>Привет</p>", s)
    -- attribute values of other tags are skipped
    local _, name4 = body_html('<img alt="<meta charset=koi8-r>"><p>\xe9</p>')
    assert.equal("windows-1252", name4)
  end)

  it("ignores a <meta> after 1024 bytes on valid UTF-8 but uses it on a non-UTF-8 page", function()
    local pad = "<!--" .. ("x"):rep(1100) .. "-->"
    local _, name, source = body_html(pad .. "<meta charset=koi8-r><p>café</p>")
    assert.same({ "utf-8", "sniffed" }, { name, source })
    local s, name2, source2 = body_html(pad .. "<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>")
    assert.same({ "koi8-r", "meta" }, { name2, source2 })
    assert.equal("<p>Привет</p>", s)
  end)

  it("ignores unknown caller labels and a caller utf-16 on ASCII bytes", function()
    local _, name, source = body_html("<meta charset=windows-1251><p>x</p>", { charset = "bogus-8" })
    assert.same({ "windows-1251", "meta" }, { name, source })
    local s, name2 = body_html("<p>café</p>", { charset = "utf-16" })
    assert.equal("<p>café</p>", s)
    assert.equal("utf-8", name2)
  end)

  it("drops NUL bytes instead of stopping at them, in any charset", function()
    local s = body_html("<p>a\0b</p><p>after\0</p>")
    assert.equal("<p>ab</p><p>after</p>", s)
    s = body_html("<p>caf\xe9\0!</p><p>after</p>")
    assert.equal("<p>café!</p><p>after</p>", s)
  end)

  it("maps the five undefined windows-1252 bytes to C1 controls like browsers", function()
    local s = body_html("<p>\x81\x8d\x8f\x90\x9d \x80</p>", { charset = "windows-1252" })
    assert.equal("<p>\u{81}\u{8d}\u{8f}\u{90}\u{9d} €</p>", s)
  end)

  it("replaces bytes iconv cannot decode instead of failing", function()
    -- 0x82 0xA0 is あ in Shift_JIS; 0xFF alone is not a Shift_JIS character
    local s, name = body_html("<p>\x82\xa0 \xff x</p>", { charset = "shift_jis" })
    assert.equal("shift_jis", name)
    assert.equal("<p>あ \u{FFFD} x</p>", s)
  end)
end)
