-- doc/node :xpath(), :select(), :first(): result types, context nodes, errors,
-- closed documents. Counts were checked by hand against the page sources.
local util = require "support.util"
local slurp = util.read
local core = require "pith.core"
local math_type = require("pith.compat").math_type -- also LuaJIT and 5.1

local R = "../shared/corpus/readability/"

local function tags(nodes)
  local out = {}
  for i, n in ipairs(nodes) do out[i] = n:tag() end
  return out
end

describe("xpath", function()
  local doc
  setup(function() doc = assert(core.parse(slurp(R .. "wikipedia/source.html"))) end)
  teardown(function() doc:close() end)

  it("returns node arrays in document order", function()
    local h2 = doc:xpath("//h2")
    assert.equal(10, #h2) -- grep -o '<h2[ >]' counts 10
    for _, n in ipairs(h2) do assert.equal("h2", n:tag()) end
    assert.equal(29, #doc:xpath("//h3"))
    assert.equal(36, #doc:xpath("//*[@class='mw-headline']"))
    -- a reverse axis and a union still come back in document order
    local li = doc:xpath("//li[@class='toclevel-3 tocsection-13']")[1]
    assert.same({ "html", "body", "div", "div", "div", "div", "ul", "li", "ul", "li", "ul" },
      tags(li:xpath("ancestor::*")))
    assert.same({ "h2", "h3", "h3" }, tags(doc:xpath("(//h3)[2] | (//h2)[1] | (//h3)[1]")))
  end)

  it("returns strings, numbers and booleans", function()
    assert.equal("Mozilla - Wikipedia", doc:xpath("string(//title)"))
    assert.equal("", doc:xpath("string(//blink)"))
    local n = doc:xpath("count(//h2)")
    assert.equal(10, n)
    assert.equal("integer", math_type(n)) -- whole numbers come back as integers
    assert.equal(0.5, doc:xpath("1 div 2"))
    assert.equal("float", math_type(doc:xpath("1 div 2")))
    assert.is_true(doc:xpath("0 div 0") ~= doc:xpath("0 div 0")) -- NaN
    assert.is_true(doc:xpath("boolean(//div[@id='toc'])"))
    assert.is_false(doc:xpath("boolean(//blink)"))
    assert.is_true(doc:xpath("count(//li) > 80"))
  end)

  it("turns attributes into their values, keeps text and comment nodes, and / into the document", function()
    local langs = doc:xpath("//li[contains(@class, 'interlanguage-link')]/a/@lang")
    assert.equal(37, #langs) -- 37 interlanguage links, each with lang=
    assert.equal("af", langs[1])
    assert.equal("zh", langs[37])
    assert.equal("string", type(langs[1]))
    local texts = doc:xpath("//title/text()")
    assert.equal(1, #texts)
    assert.equal("#text", texts[1]:tag())
    local comments = doc:xpath("//comment()")
    assert.is_true(#comments > 0)
    assert.equal("#comment", comments[1]:tag())
    local root = doc:xpath("/")
    assert.equal(1, #root)
    assert.equal(doc, root[1])
    assert.same({}, doc:xpath("//p/namespace::*")) -- namespace nodes are dropped
  end)

  it("evaluates relative to a node", function()
    local toc = doc:xpath("//div[@id='toc']")[1]
    assert.equal(8, #toc:xpath("ul/li"))
    assert.equal(36, #toc:xpath(".//li"))
    assert.equal(36, toc:xpath("count(.//li)"))
    assert.equal("toc", toc:xpath("string(@id)"))
    assert.equal("div", toc:xpath("..")[1]:tag())
    assert.same({ "div", "ul" }, tags(toc:xpath("*")))
    assert.equal("Contents", toc:xpath("string(div/h2)"))
  end)

  it("compiles each expression once and reuses it across documents", function()
    local a = assert(core.parse("<p>1</p><p>2</p>"))
    finally(function() a:close() end)
    local b = assert(core.parse("<p>1</p>"))
    finally(function() b:close() end)
    for _ = 1, 3 do
      assert.equal(2, a:xpath("count(//p)"))
      assert.equal(1, b:xpath("count(//p)"))
    end
    -- far more distinct expressions than the cache keeps: still right
    for i = 1, 5000 do
      assert.equal(i, b:xpath("count(//p) + " .. (i - 1)))
    end
  end)

  -- The parse builds no ID table (it cost every attribute a test): the first id()
  -- builds it, as the parser would have.
  it("finds elements by id(), the first of a duplicated id, and <a name>", function()
    local toc = doc:xpath("id('toc')")
    assert.equal(1, #toc)
    assert.equal("div", toc[1]:tag())
    assert.equal("toc", toc[1]:attr("class"))
    -- id="Community" is on a span.mw-headline and, later, on a div
    local c = doc:xpath("id ( 'Community' )")
    assert.equal(1, #c)
    assert.equal("span", c[1]:tag())
    assert.equal("mw-headline", c[1]:attr("class"))
    assert.equal(2, #doc:xpath("id('toc Community')"))
    assert.equal(0, #doc:xpath("id('no-such-id')"))
    local d = assert(core.parse('<p><a name="n1">x</a><b id="a b">y</b><i id="z">z</i></p>'))
    assert.same({ "a", "i" }, tags(d:xpath("id('n1 z')")))
    d:close()
  end)

  it("raises on a bad expression, naming it", function()
    local bad = {
      { "//p[", "invalid XPath expression \"//p%[\": invalid expression at offset 4" },
      { "//p[@class=']", "unfinished literal" },
      { "foo()", "XPath \"foo%(%)\": unknown function" },
      { "$x", "undefined variable" },
      { "count(1)", "invalid type" },
      { "//p\0//a", "contains a NUL byte" },
    }
    for _, b in ipairs(bad) do
      local ok, err = pcall(doc.xpath, doc, b[1])
      assert.is_false(ok)
      assert.truthy(err:find(b[2]), err)
    end
  end)

  it("stops a runaway expression at the operation limit", function()
    local t = os.clock()
    local ok, err = pcall(doc.xpath, doc, "count(//*[count(//*) > 0])")
    assert.is_false(ok)
    assert.truthy(err:find("operation limit exceeded", 1, true), err)
    assert.is_true(os.clock() - t < 2)
  end)

  it("never prints libxml2's XPath errors", function()
    local script = [[
      package.cpath = "./build/?.so;" .. package.cpath
      local core = require "pith.core"
      local doc = core.parse("<p>x</p>")
      for _, e in ipairs{ "//p[", "foo()", "$x", "count(1)", "1 +" } do pcall(doc.xpath, doc, e) end
      pcall(doc.select, doc, "p[")
      io.write("done")
    ]]
    local p = assert(io.popen("lua5.4 -e '" .. script:gsub("'", "'\\''") .. "' 2>&1"))
    local out = p:read("*a")
    p:close()
    assert.equal("done", out)
  end)
end)

describe("select and first", function()
  it("on a node, match its descendants (compounds on the left may be outside it)", function()
    local doc = assert(core.parse(slurp(R .. "wikipedia/source.html")))
    finally(function() doc:close() end)
    local ul = doc:first("#toc > ul")
    assert.equal(36, #ul:select("li"))
    assert.equal(36, #ul:select("#toc li")) -- like querySelectorAll: #toc is ul's parent
    assert.equal(7, #ul:select("ul")) -- nested lists only: the context itself is not a match
    assert.equal("toclevel-1 tocsection-1", ul:first("li"):attr("class"))
    assert.is_nil(ul:first("h2"))
  end)

  it("raises on a node or document that was closed", function()
    local doc = assert(core.parse("<div><p>a</p></div>"))
    local div = doc:first("div")
    assert.equal(1, #div:select("p"))
    doc:close()
    for _, call in ipairs{
      function() return div:select("p") end,
      function() return div:first("p") end,
      function() return div:xpath("p") end,
    } do
      local ok, err = pcall(call)
      assert.is_false(ok)
      assert.truthy(err:find("attempt to use a node of a closed document", 1, true), err)
    end
    local ok, err = pcall(doc.select, doc, "p")
    assert.is_false(ok)
    assert.truthy(err:find("closed document", 1, true), err)
    assert.is_false((pcall(doc.xpath, doc, "//p")))
  end)

  it("returns nodes that stay valid after a removal elsewhere", function()
    local doc = assert(core.parse("<div><p>a</p><p>b</p><p>c</p></div>"))
    finally(function() doc:close() end)
    local ps = doc:select("p")
    assert.equal(3, #ps)
    ps[2]:remove()
    assert.equal(2, #doc:select("p"))
    assert.equal("b", ps[2]:xpath("string(.)"))
    assert.equal(0, #ps[2]:select("*"))
  end)
end)
