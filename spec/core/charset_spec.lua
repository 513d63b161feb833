-- Charset choice and decoding (plugin/charset.c through core.parse): real pages in
-- their own and in re-encoded legacy charsets, plus snippets for what no page shows.
local util = require "support.util"
local slurp = util.capture
local core = require "pith.core"
local utf8 = require("pith.compat").utf8 -- also LuaJIT and 5.1

-- byte escapes, not \u{...}: also LuaJIT and 5.1
local FFFD = "\239\191\189" -- U+FFFD REPLACEMENT CHARACTER

local CORPUS = "../shared/corpus/"

local function read(path)
  local f = assert(io.open(CORPUS .. path, "rb"))
  local s = f:read("*a")
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
    local s, name, source = body_html("<meta charset=iso-8859-1><p>caf\233 \147q\148</p>")
    assert.equal("<p>café “q”</p>", s)
    assert.same({ "windows-1252", "meta" }, { name, source })
  end)

  it("turns a stray invalid byte into U+FFFD and keeps é on both sides", function()
    local s, name, source = body_html("<p>café \233 naïve</p>")
    assert.equal("<p>café " .. FFFD .. " naïve</p>", s)
    assert.same({ "utf-8", "sniffed" }, { name, source })
  end)

  it("replaces each maximal invalid subpart once, and truncated sequences at the end", function()
    -- E2 82 is a truncated €, C0 is never valid, ED A0 80 is a surrogate (3 bytes, 3 U+FFFD)
    local words = ("naïve café "):rep(4) -- enough valid UTF-8 to outvote six bad subparts
    local s = body_html("<p>" .. words .. "é \226\130 x \192 y \237\160\128 z €</p><p>é\226\130")
    assert.equal("<p>" .. words .. "é " .. FFFD .. " x " .. FFFD .. " y " .. FFFD:rep(3) .. " z €</p><p>é" .. FFFD
      .. "</p>", s)
  end)

  it("reads undeclared windows-1252 smart quotes, dashes and the euro sign", function()
    local s, name, source = body_html("<p>\147Hello\148 \150 it\146s \128 5 \133</p>")
    assert.equal("<p>“Hello” – it’s € 5 …</p>", s)
    assert.same({ "windows-1252", "fallback" }, { name, source })
  end)

  it("honours BOMs over the caller and <meta>", function()
    local s, name, source = body_html("\239\187\191<meta charset=windows-1252><p>café</p>",
      { charset = "koi8-r" })
    assert.equal("<p>café</p>", s)
    assert.same({ "utf-8", "bom" }, { name, source })
    local le = ("<p>café €</p>"):gsub("[%z\1-\127\192-\255][\128-\191]*", function(ch)
      local cp = utf8.codepoint(ch)
      return string.char(cp % 256, math.floor(cp / 256))
    end)
    s, name = body_html("\255\254" .. le)
    assert.equal("<p>café €</p>", s)
    assert.equal("utf-16le", name)
    local be = le:gsub("(.)(.)", "%2%1")
    s, name = body_html("\254\255" .. be)
    assert.equal("<p>café €</p>", s)
    assert.equal("utf-16be", name)
  end)

  it("treats a <meta> utf-16 on an ASCII-readable page as utf-8", function()
    local s, name, source = body_html("<meta charset=utf-16><p>café</p>")
    assert.equal("<p>café</p>", s)
    assert.same({ "utf-8", "meta" }, { name, source })
  end)

  it("follows the WHATWG prescan: comments, http-equiv pragma, quoted labels", function()
    local _, name = body_html("<!-- <meta charset=koi8-r> --><meta charset='windows-1251'><p>\207</p>")
    assert.equal("windows-1251", name)
    -- content= without http-equiv=content-type is no declaration
    local _, name2, source2 = body_html('<meta content="text/html; charset=koi8-r"><p>\207</p>')
    assert.same({ "windows-1252", "fallback" }, { name2, source2 })
    local s, name3 = body_html('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; Charset = \'KOI8-R\'">'
      .. "<p>\240\210\201\215\197\212</p>")
    assert.equal("koi8-r", name3)
    assert.equal("<p>Привет</p>", s)
    -- attribute values of other tags are skipped
    local _, name4 = body_html('<img alt="<meta charset=koi8-r>"><p>\233</p>')
    assert.equal("windows-1252", name4)
  end)

  it("ignores a <meta> after 1024 bytes on valid UTF-8 but uses it on a non-UTF-8 page", function()
    local pad = "<!--" .. ("x"):rep(1100) .. "-->"
    local _, name, source = body_html(pad .. "<meta charset=koi8-r><p>café</p>")
    assert.same({ "utf-8", "sniffed" }, { name, source })
    local s, name2, source2 = body_html(pad .. "<meta charset=koi8-r><p>\240\210\201\215\197\212</p>")
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
    s = body_html("<p>caf\233\0!</p><p>after</p>")
    assert.equal("<p>café!</p><p>after</p>", s)
  end)

  it("maps the five undefined windows-1252 bytes to C1 controls like browsers", function()
    local s = body_html("<p>\129\141\143\144\157 \128</p>", { charset = "windows-1252" })
    assert.equal("<p>\194\129\194\141\194\143\194\144\194\157 €</p>", s) -- U+0081 U+008D U+008F U+0090 U+009D
  end)

  it("replaces bytes iconv cannot decode instead of failing", function()
    -- 0x82 0xA0 is あ in Shift_JIS; 0xFF alone is not a Shift_JIS character
    local s, name = body_html("<p>\130\160 \255 x</p>", { charset = "shift_jis" })
    assert.equal("shift_jis", name)
    assert.equal("<p>あ " .. FFFD .. " x</p>", s)
  end)
end)
