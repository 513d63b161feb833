-- node:text(): block-aware, whitespace-normalised plain text, checked against
-- the Readability corpus' expected.txt and on snippets for the edge cases.
local util = require "support.util"
local read = util.read
local core = require "pith.core"

local CORPUS = "../shared/corpus/readability/"

local function tokens(s)
  local t = {}
  for w in s:gmatch("%w+") do t[#t + 1] = w end
  return t
end

-- Token F1 of got against want (multiset overlap).
local function f1(want, got)
  local a, b = tokens(want), tokens(got)
  local count, tp = {}, 0
  for _, w in ipairs(a) do count[w] = (count[w] or 0) + 1 end
  for _, w in ipairs(b) do
    if (count[w] or 0) > 0 then
      count[w] = count[w] - 1
      tp = tp + 1
    end
  end
  if tp == 0 then return 0 end
  local p, r = tp / #b, tp / #a
  return 2 * p * r / (p + r)
end

local function text(html, opts)
  local doc = assert(core.parse(html))
  local s = doc:text(opts)
  doc:close()
  return s
end

describe("node:text() on real pages", function()
  it("gives the expected.txt of a clean article element (token F1 > 0.95)", function()
    for _, name in ipairs { "002", "yahoo-1", "msn", "toc-missing", "medium-1", "v8-blog" } do
      local doc = assert(core.parse(read(CORPUS .. name .. "/source.html")))
      local articles = doc:select("article")
      assert.are.equal(1, #articles, name)
      local score = f1(read(CORPUS .. name .. "/expected.txt"), articles[1]:text())
      assert.is_true(score > 0.95, name .. " F1 " .. score)
      doc:close()
    end
  end)

  it("reproduces expected.txt from expected.html line for line", function()
    -- the text shape: paragraphs, headings, list items, <br>, <pre>, NBSP, U+3000
    for _, name in ipairs { "aclu", "002", "mozilla-1", "medium-3", "pixnet", "youth", "gmw",
                            "wapo-1", "nytimes-1", "ars-1" } do
      local doc = assert(core.parse(read(CORPUS .. name .. "/expected.html")))
      local want = read(CORPUS .. name .. "/expected.txt"):gsub("%s+$", "")
      assert.are.equal(want, doc:text(), name)
      doc:close()
    end
  end)

  it("matches expected.txt tokens on the whole corpus (tables differ only in layout)", function()
    local pages, exact, sum = 0, 0, 0
    for name in io.popen("ls " .. CORPUS):lines() do
      local f = io.open(CORPUS .. name .. "/expected.html", "rb")
      if f then
        local html = f:read("*a")
        f:close()
        local want = read(CORPUS .. name .. "/expected.txt"):gsub("%s+$", "")
        local got = text(html)
        pages = pages + 1
        if got == want then exact = exact + 1 end
        sum = sum + (#want == 0 and #got == 0 and 1 or f1(want, got))
      end
    end
    assert.is_true(pages >= 120)
    assert.is_true(exact / pages > 0.85, exact .. " of " .. pages .. " exact")
    assert.is_true(sum / pages > 0.99)
  end)

  it("means the body for a document", function()
    local doc = assert(core.parse(read(CORPUS .. "aclu/expected.html")))
    assert.are.equal(doc:body():text(), doc:text())
    doc:close()
  end)
end)

describe("node:text() on snippets", function()
  it("separates blocks by one blank line and collapses inline white space", function()
    assert.are.equal("Title\n\nOne two three.\n\nNext",
      text("<h1> Title </h1>\n<p>One\n   two  <b>three</b>.</p><div><div><p>Next</p></div></div>"))
  end)

  it("turns <br> into a newline, two into a blank line, with no trailing spaces", function()
    assert.are.equal("a\nb\n\nc", text("<p>a <br> b<br><br>c </p>"))
  end)

  it("treats HTML5 elements as blocks although libxml2 does not know them", function()
    assert.are.equal("intro\n\nA\n\nB\n\ncap",
      text("<p>intro<article>A</article><section>B</section><figure><figcaption>cap</figcaption></figure>"))
  end)

  it("keeps <pre> verbatim, without its leading newline or trailing blank lines", function()
    assert.are.equal("x\n\n  a  b\n\n\tc\n\ny",
      text("<p>x</p><pre>\n  a  b\n\n\tc\n\n</pre><p>y</p>"))
  end)

  it("puts list items, nested ones too, on their own lines without bullets", function()
    assert.are.equal("one\n\ntwo\n\ninner\n\nthree",
      text("<ul><li>one</li><li>two<ul><li>inner</li></ul></li><li>three</li></ul>"))
  end)

  it("writes data-table rows one per line, cells separated by a tab", function()
    local html = "<p>before</p><table><tr><th>A</th><th>B</th></tr>" ..
                 "<tr><td>1</td><td>x<br>y</td></tr><tr><td></td><td>2</td></tr></table><p>after</p>"
    assert.are.equal("before\n\nA\tB\n1\tx y\n\t2\n\nafter", text(html))
    assert.are.equal("before\n\nafter", text(html, { tables = false }))
  end)

  it("reads a layout table (one column, or paragraphs in cells) as blocks", function()
    assert.are.equal("p1\n\np2\n\nside",
      text("<table><tr><td><p>p1</p><p>p2</p></td><td>side</td></tr></table>"))
    assert.are.equal("a\n\nb", text("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>"))
  end)

  it("drops scripts, styles, templates, forms controls and hidden content", function()
    local html = [[<p>keep</p><script>var x = "no";</script><style>p{}</style>
      <template><p>no</p></template><noscript>no</noscript><select><option>no</option></select>
      <button>no</button><p hidden>no</p><div style="display : NONE">no</div>
      <span style="visibility:hidden">no</span><p aria-hidden="true">no</p><p>end</p>]]
    assert.are.equal("keep\n\nend", text(html))
  end)

  it("writes image alt text only when asked", function()
    local html = "<p>a<img src=x alt='the alt'>b</p>"
    assert.are.equal("ab", text(html))
    assert.are.equal("a the alt b", text(html, { images = true }))
  end)

  it("turns NBSP into a space and keeps ideographic spaces only inside lines", function()
    assert.are.equal("a b c", text("<p>a&nbsp;b&nbsp;&nbsp; c</p>"))
    local sp = "\227\128\128" -- U+3000 IDEOGRAPHIC SPACE (byte escapes: also LuaJIT and 5.1)
    assert.are.equal("前" .. sp .. "後", text("<p>" .. sp .. sp .. "前" .. sp .. "後" .. sp .. "</p>"))
  end)

  it("serialises the node itself, even a hidden one asked for explicitly", function()
    local doc = assert(core.parse("<div id=a hidden><p>x</p><p hidden>y</p></div>"))
    assert.are.equal("x", doc:first("#a"):text())
    doc:close()
  end)

  it("walks 100 000 nested elements without recursion", function()
    local n = 100000
    local doc = assert(core.parse("<body>" .. string.rep("<div><p>x</p><i></i></div>", n) .. "</body>"))
    local divs, holes = doc:select("body > div"), doc:select("i")
    for k = n - 1, 1, -1 do holes[k]:replace_with(divs[k + 1]) end
    assert.are.equal(divs[n], divs[n - 1]:children()[2])
    local s = divs[1]:text()
    assert.are.equal(n, select(2, s:gsub("x", "")))
    assert.are.equal(1, #doc:select("body > div"))
    doc:close()
  end)

  it("raises on a closed document and on bad options", function()
    local doc = assert(core.parse("<p>x</p>"))
    assert.has_error(function() doc:text({ base_url = 1 }) end)
    assert.has_error(function() doc:text("x") end)
    local p = doc:first("p")
    doc:close()
    assert.has_error(function() p:text() end, "attempt to use a node of a closed document")
  end)
end)
