-- CSS selectors (compiled to XPath): every supported form, on real pages. Expected
-- counts were read off the page sources by hand (the Wikipedia table of contents
-- is listed in the comments); the rest is compared with hand-written XPath.
local util = require "support.util"
local slurp = util.read
local core = require "pith.core"

local function gunzip_file(path)
  local p = assert(io.popen("gzip -dc " .. path))
  local s = p:read("*a")
  p:close()
  return s
end

local R = "../shared/corpus/readability/"
local M = "../shared/corpus/mercury/html/"

-- The tocsection numbers of a list of <li class="toclevel-N tocsection-K">.
local function sections(nodes)
  local out = {}
  for i, n in ipairs(nodes) do
    out[i] = tonumber(n:attr("class"):match("tocsection%-(%d+)"))
  end
  return out
end

local function range(a, b)
  local out = {}
  for i = a, b do out[#out + 1] = i end
  return out
end

-- Same nodes, same (document) order.
local function assert_same(expected, got)
  assert.equal(#expected, #got)
  for i = 1, #expected do
    assert.is_true(expected[i] == got[i], "node " .. i .. " differs")
  end
end

--[[ Wikipedia's table of contents (readability/wikipedia), section numbers:
  top ul: 1 3 5 21 27 34 35 36          (toclevel-1)
    1: 2 | 3: 4 | 5: 6 7 8 9 10 11 12 | 21: 22 23 24 25 26 | 27: 28 29 30   (toclevel-2)
    12: 13 14 15 16 17 18 19 20 | 30: 31 32 33                               (toclevel-3) ]]
describe("CSS selectors on Wikipedia's table of contents", function()
  local doc
  setup(function() doc = assert(core.parse(slurp(R .. "wikipedia/source.html"))) end)
  teardown(function() doc:close() end)

  it("type, universal, #id and .class", function()
    assert.equal(36, #doc:select("#toc li"))
    assert.equal(1, #doc:select("#toc"))
    assert.equal("div", doc:first("#toc"):tag())
    assert.equal(8, #doc:select(".toclevel-1"))
    assert.equal(17, #doc:select("li.toclevel-2"))
    assert.equal(11, #doc:select(".toclevel-3"))
    assert.equal(0, #doc:select(".toclevel-3.toclevel-1"))
    assert.equal(0, #doc:select("ul.toclevel-3"))
    assert.equal(37, #doc:select("li.interlanguage-link"))
    assert.equal(10, #doc:select("h2"))
    assert.equal(29, #doc:select("h3"))
    assert.equal(36, #doc:select(".mw-headline"))
    assert_same(doc:xpath("//*"), doc:select("*"))
    assert_same(doc:xpath("//h2"), doc:select("H2")) -- HTML type selectors ignore case
  end)

  it("attribute selectors", function()
    assert.equal(36, #doc:select("#toc li[class]"))
    assert.equal(85, #doc:select("li[class]")) -- grep -o '<li [^>]*class=' counts 85
    assert.same(range(1, 36), sections(doc:select("#toc li[class|=toclevel]")))
    assert.same({ 12 }, sections(doc:select("li[class~=tocsection-12]")))
    assert.same({ 1 }, sections(doc:select("li[class~=tocsection-1]")))
    assert.same({}, sections(doc:select("li[class~=tocsection]"))) -- whole words only
    assert.same(range(13, 20), sections(doc:select("li[class^='toclevel-3'][class*='section-1'], li[class$=\"-20\"]")))
    assert.same({ 1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 }, sections(doc:select("[class*=tocsection-1]")))
    assert.same({ 20 }, sections(doc:select("li[class$='-20']")))
    assert.same({ 1 }, sections(doc:select("li[class='toclevel-1 tocsection-1']")))
    assert.same({ 1 }, sections(doc:select('li[class="TOCLEVEL-1 TOCSECTION-1" i]')))
    assert.same({}, sections(doc:select('li[class="TOCLEVEL-1 TOCSECTION-1"]')))
    assert.equal(0, #doc:select("li[class^='']")) -- an empty ^= $= *= value never matches
  end)

  it("descendant, child, adjacent and general sibling combinators", function()
    assert.same({ 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25, 26, 28, 29, 30, 31,
      32, 33 }, sections(doc:select("#toc ul ul li")))
    assert.same({ 1, 3, 5, 21, 27, 34, 35, 36 }, sections(doc:select("#toc > ul > li")))
    assert.equal(17, #doc:select("#toc > ul > li > ul > li"))
    assert.same({ 7, 8, 9, 10, 11, 12, 23, 24, 25, 26, 29, 30 },
      sections(doc:select("li.toclevel-2 + li.toclevel-2")))
    assert.same({ 7, 8, 9, 10, 11, 12, 23, 24, 25, 26, 29, 30 },
      sections(doc:select("li.toclevel-2 ~ li")))
    assert.same({ 3, 5, 21, 27, 34, 35, 36 }, sections(doc:select(".toclevel-1 ~ li")))
    assert.same({ 5 }, sections(doc:select(".tocsection-3 + li")))
    assert.same(range(13, 20), sections(doc:select(".tocsection-5 li li")))
    assert.same({ 31, 32, 33 }, sections(doc:select(".tocsection-27 > ul > li ul > li")))
  end)

  it("groups come back once each, in document order", function()
    assert.same({ 1, 3, 5, 13, 14, 15, 16, 17, 18, 19, 20, 21, 27, 31, 32, 33, 34, 35, 36 },
      sections(doc:select(".toclevel-3, .toclevel-1")))
    assert.same({ 1, 3, 5, 21, 27, 34, 35, 36 }, sections(doc:select(".toclevel-1, #toc > ul > li")))
  end)

  it(":first-child, :last-child, :first-of-type", function()
    assert.same({ 1, 2, 4, 6, 13, 22, 28, 31 }, sections(doc:select("#toc li:first-child")))
    assert.same({ 2, 4, 12, 20, 26, 30, 33, 36 }, sections(doc:select("#toc li:last-child")))
    assert.same({ 1, 2, 4, 6, 13, 22, 28, 31 }, sections(doc:select("#toc li:first-of-type")))
    assert.same({ 2, 4 }, sections(doc:select("#toc li:first-child:last-child")))
  end)

  it(":nth-child with a number, odd, even and an+b", function()
    assert.same({ 3, 7, 14, 23, 29, 32 }, sections(doc:select("#toc li:nth-child(2)")))
    assert.same({ 1, 5, 27, 35 }, sections(doc:select("#toc > ul > li:nth-child(odd)")))
    assert.same({ 1, 5, 27, 35 }, sections(doc:select("#toc > ul > li:nth-child(2n+1)")))
    assert.same({ 3, 21, 34, 36 }, sections(doc:select("#toc > ul > li:nth-child(even)")))
    assert.same({ 3, 27, 36 }, sections(doc:select("#toc > ul > li:nth-child(3n + 2)")))
    assert.same({ 34, 35, 36 }, sections(doc:select("li.toclevel-1:nth-child(n+6)")))
    assert.same({ 1, 3 }, sections(doc:select("li.toclevel-1:nth-child(-n+2)")))
    assert.same({ 36 }, sections(doc:select("li.toclevel-1:nth-child(8)")))
    assert.same({}, sections(doc:select("li.toclevel-1:nth-child(9)")))
    assert.same({ 1, 3, 5, 21, 27, 34, 35, 36 }, sections(doc:select("li.toclevel-1:nth-child(n)")))
  end)

  it(":not() with a selector list", function()
    assert.equal(28, #doc:select("#toc li:not(.toclevel-1)"))
    assert.same(range(13, 20),
      sections(doc:select("#toc li:not(.toclevel-1, .toclevel-2):not(.tocsection-31, .tocsection-32, .tocsection-33)")))
    assert.same({ 34, 35, 36 }, sections(doc:select("#toc > ul > li:not(:nth-child(-n+5))")))
    assert.same({ 2, 4 }, sections(doc:select("li:not(:not(.toclevel-2)):only-child")))
  end)

  it("first() is the first match in document order", function()
    assert.equal("toclevel-2 tocsection-2", doc:first("#toc li li"):attr("class"))
    assert.equal("toclevel-1 tocsection-3", doc:first(".tocsection-34, .tocsection-3"):attr("class"))
    assert.is_nil(doc:first("#toc blink"))
  end)
end)

describe("CSS selectors on a Mercury page (arstechnica, gzip)", function()
  local doc
  setup(function() doc = assert(core.parse(gunzip_file(M .. "arstechnica.com.html.gz"))) end)
  teardown(function() doc:close() end)

  it("counts the page's meta tags by attribute", function()
    assert.equal(34, #doc:select("meta"))
    assert.equal(10, #doc:select("meta[name^='twitter:']"))
    assert.equal(6, #doc:select('meta[name^="og:"]'))
    assert.equal(4, #doc:select("meta[name=msapplication-task]"))
    assert.equal(20, #doc:select("p"))
    assert.equal("Ars Technica", doc:first("meta[name='og:site_name']"):attr("value"))
    assert.equal("@valentinalucia", doc:first("head > meta[name$=creator]"):attr("value"))
  end)

  it("matches the hand-written XPath equivalents", function()
    local pairs_ = {
      { "div p", "//p[ancestor::div]" },
      { "div > p", "//div/p" },
      { "h2 + p", "//h2/following-sibling::*[1][self::p]" },
      { "h2 ~ p", "//h2/following-sibling::p" },
      { "a[href*='arstechnica']", "//a[contains(@href, 'arstechnica')]" },
      { "a[href$='/']", "//a[substring(@href, string-length(@href)) = '/']" },
      { "li:last-child a", "//li[not(following-sibling::*)]//a" },
      { "p:first-of-type", "//p[not(preceding-sibling::p)]" },
      { "meta, link, script", "//meta | //link | //script" },
      { "body *:not(div):not(span)", "//body//*[not(self::div or self::span)]" },
    }
    for _, p in ipairs(pairs_) do
      local css, xp = p[1], p[2]
      local want = doc:xpath(xp)
      assert.is_true(#want > 0, css .. " matches nothing here")
      assert_same(want, doc:select(css))
    end
  end)
end)

describe("CSS selector syntax on snippets", function()
  it("quoted and unquoted values, escapes and the i flag", function()
    local doc = assert(core.parse([[<body>
      <p title="it's">a</p><p title='say "hi"'>b</p><p title="it's &quot;both&quot;">c</p>
      <p data-X="Yes">d</p><p id="a:b">e</p><p class="x&#9;y">f</p><p id="123">g</p></body>]]))
    finally(function() doc:close() end)
    local function text(css) return doc:first(css):xpath("string(.)") end
    assert.equal("a", text([[p[title="it's"] ]]))
    assert.equal("b", text([[p[title='say "hi"'] ]]))
    assert.equal("c", text([[p[title="it's \"both\""] ]]))
    assert.equal("d", text("[data-x=Yes]")) -- attribute names are lower-case in the tree
    assert.equal("d", text("[DATA-X='yes' i]"))
    assert.is_nil(doc:first("[data-x='yes']"))
    assert.equal("e", text([[#a\:b]]))
    assert.equal("f", text(".y")) -- class lists split on any whitespace
    assert.equal("g", text([[#\31 23]]))
    -- escapes for characters no XML tree can hold match nothing instead of failing
    assert.equal(0, #doc:select([[p\2 x, [title="\1"] ]]))
  end)

  it("sibling combinators skip text and comments; of-type ignores other tags", function()
    local doc = assert(core.parse(
      "<div><h2>t</h2> text <!-- c --> <p>1</p><span>s</span><p>2</p><p>3</p></div>"))
    finally(function() doc:close() end)
    assert.equal("1", doc:first("h2 + p"):xpath("string(.)"))
    assert.equal(3, #doc:select("h2 ~ p"))
    assert.equal("1", doc:first("p:first-of-type"):xpath("string(.)"))
    assert.equal(1, #doc:select("p:first-of-type"))
    assert.equal(0, #doc:select("p:first-child"))
    assert.equal("3", doc:first("p:last-child"):xpath("string(.)"))
    local function texts(css)
      local out = {}
      for i, n in ipairs(doc:select(css)) do out[i] = n:xpath("string(.)") end
      return out
    end
    assert.same({ "1", "2" }, texts("div > :nth-child(even)")) -- h2 p span p p
    assert.same({ "3" }, texts("p:nth-child(odd)"))
    assert.same({ "2", "3" }, texts("p:nth-last-child(-n+2)"))
    assert.same({ "2" }, texts("p:nth-of-type(2)"))
    assert.same({ "3" }, texts("p:last-of-type"))
    assert.same({ "s" }, texts("span:only-of-type"))
  end)

  it("pins libxml2's HTML 4 tree shape: <article> stays inside an open <p>", function()
    local doc = assert(core.parse("<body><p>intro<article>A</article></body>"))
    finally(function() doc:close() end)
    assert.equal(1, #doc:select("p > article"))
    assert.equal(1, #doc:select("body > p:only-child"))
  end)

  it("raises a clear error naming a bad selector", function()
    local doc = assert(core.parse("<p>x</p>"))
    finally(function() doc:close() end)
    local bad = {
      { "", "selector ends early" },
      { "p >", "selector ends early" },
      { "> p", "unexpected '>'" },
      { "p[", "expected an attribute name" },
      { "p[title=]", "expected an attribute value" },
      { "a[b='c", "unterminated string" },
      { "p::before", "pseudo%-elements are not supported" },
      { "p:hover", "unsupported pseudo%-class ':hover'" },
      { "p:nth-child(x)", "expected an%+b, odd or even" },
      { ":first-of-type", "needs an element name" },
      { "p:not()", "unexpected '%)'" },
      { "p,", "selector ends early" },
      { "p..a", "expected a class name" },
      { "p.\255", "invalid UTF%-8" },
      { string.rep("div ", 64) .. "p", "selector too long" },
      { string.rep(":not(", 17) .. "p" .. string.rep(")", 17), "nested too deeply" },
    }
    for _, b in ipairs(bad) do
      local ok, err = pcall(doc.select, doc, b[1])
      assert.is_false(ok)
      assert.truthy(err:find('invalid CSS selector "' .. b[1] .. '"', 1, true), err)
      assert.truthy(err:find(b[2]), err)
      assert.is_false((pcall(doc.first, doc, b[1])))
    end
  end)

  it("css_to_xpath shows the translation: no X//y, one descendant step", function()
    assert.equal("descendant::p[ancestor::div]", core.css_to_xpath("div p"))
    assert.equal("descendant::p[parent::div][1]", core.css_to_xpath("div > p", true))
    assert.equal("descendant::*[(self::h1) or (self::h2)]", core.css_to_xpath("h1, h2"))
    assert.equal("descendant::*[contains(concat(' ', normalize-space(@class), ' '), ' c ')]",
      core.css_to_xpath(".c"))
  end)
end)
