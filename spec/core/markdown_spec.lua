-- node:markdown(): CommonMark with GFM tables, on real articles and snippets.
local util = require "support.util"
local read = util.read
local core = require "pith.core"

local CORPUS = "../shared/corpus/readability/"

local function md(html, opts)
  local doc = assert(core.parse(html, { url = "https://ex.com/dir/page.html" }))
  local s = doc:markdown(opts)
  doc:close()
  return s
end

local function lines(s)
  local t = {}
  for l in (s .. "\n"):gmatch("(.-)\n") do t[#t + 1] = l end
  return t
end

describe("node:markdown() on real articles", function()
  local doc, out
  setup(function()
    doc = assert(core.parse(read(CORPUS .. "002/source.html"), { url = "http://fakehost/test/" }))
    out = doc:first("article"):markdown()
  end)
  teardown(function() doc:close() end)

  it("writes headings, ordered lists, inline code and emphasis", function()
    assert.truthy(out:find("\n## Feature detection\n", 1, true))
    assert.truthy(out:find("\n\n1. Improve the offline experience.\n2. Expose the building", 1, true))
    assert.truthy(out:find("utility function `fetch()` that", 1, true))
    assert.truthy(out:find("have a **guard** property", 1, true))
  end)

  it("writes absolute, well-formed links", function()
    local n = 0
    for text, url in out:gmatch("%[([^%]]*)%]%(([^)]*)%)") do
      n = n + 1
      assert.is_true(#text > 0)
      assert.truthy(url:match("^https?://[^%s<>]+$"), url)
    end
    assert.is_true(n >= 10)
    assert.truthy(out:find("[Fetch polyfill](https://github.com/github/fetch)", 1, true))
  end)

  it("fences every code block, with nothing escaped inside", function()
    local fences, inside = 0, false
    for _, l in ipairs(lines(out)) do
      if l:match("^```") then
        fences = fences + 1
        inside = not inside
      elseif inside and l:find("res.ok", 1, true) then
        assert.falsy(l:find("\\", 1, true))
      end
    end
    assert.is_true(fences >= 20)
    assert.are.equal(0, fences % 2)
    assert.truthy(out:find('\n```\nfetch("/data.json").then(function(res) {\n  // res instanceof', 1, true))
  end)

  it("keeps <br> as a backslash hard break inside a paragraph", function()
    assert.truthy(out:find("passed to the\\\n`Request()` constructor", 1, true))
  end)

  it("writes a Wikipedia data table as a GFM pipe table", function()
    local wdoc = assert(core.parse(read(CORPUS .. "wikipedia-4/source.html"),
      { url = "https://en.wikipedia.org/wiki/List_of_films_featuring_time_loops" }))
    local m = wdoc:first("#mw-content-text"):markdown()
    wdoc:close()
    local head = m:find("| Film | Year | Description |\n| --- | --- | --- |\n", 1, true)
    assert.truthy(head)
    local rows = 0
    for _, l in ipairs(lines(m:sub(head))) do
      if l == "" then break end
      assert.truthy(l:match("^| .* |$"), l)
      rows = rows + 1
    end
    assert.is_true(rows > 20)
    local row = "| *[Repeat Performance](https://en.wikipedia.org/wiki/Repeat_Performance)* | 1947 |"
    assert.truthy(m:find(row, 1, true))
  end)
end)

describe("node:markdown() on snippets", function()
  it("writes emphasis, code spans and strikethrough, dropping empty markers", function()
    assert.are.equal("a *b* c ``x`y`` ~~z~~",
      md("<p>a <em> b </em>c<strong></strong> <code>x`y</code> <del>z</del></p>"))
  end)

  it("nests lists with the indentation CommonMark needs, tight", function()
    assert.are.equal("1. a\n   1. b\n2. c", md("<ol><li>a<ol><li>b</li></ol></li><li>c</li></ol>"))
    assert.are.equal("- a\n  - b\n- c", md("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"))
    assert.are.equal("3. a\n7. b", md("<ol start=3><li>a</li><li value=7>b</li></ol>"))
    assert.are.equal("x\n\ny", md("<p>x</p><ul><li></li><li>  </li></ul><p>y</p>"))
  end)

  it("prefixes every line of a blockquote, lists and code included", function()
    assert.are.equal("> q1\n>\n> - i1\n> - i2\n>\n> ```\n> c1\n> c2\n> ```",
      md("<blockquote><p>q1</p><ul><li>i1</li><li>i2</li></ul><pre>c1\nc2</pre></blockquote>"))
  end)

  it("fences code with a longer fence than any in it, and keeps its language", function()
    assert.are.equal("````js\nlet a = ```;\n````",
      md("<pre><code class='language-js'>let a = ```;\n</code></pre>"))
  end)

  it("escapes only what would turn into markup", function()
    assert.are.equal("1\\. x\n\n3.14 is pi. end.\n\n\\*a\\* \\_b\\_ snake_case [x\\](y) **ok**\n\n\\- dash",
      md("<p>1. x</p><p>3.14 is pi. end.</p><p>*a* _b_ snake_case [x](y) <b>ok</b></p><p>- dash</p>"))
    assert.are.equal("Wow\\![link](https://ex.com/l)", md("<p>Wow!<a href='/l'>link</a></p>"))
  end)

  it("makes links absolute, drops unsafe and empty ones, and obeys links=false", function()
    local html = "<p><a href='../up.html'>rel</a> <a href='javascript:alert(1)'>js</a> " ..
                 "<a href='#top'>frag</a> <a href='x'></a> <a href='a b(c)'>sp</a></p>"
    assert.are.equal("[rel](https://ex.com/up.html) js [frag](https://ex.com/dir/page.html#top) " ..
                     "[sp](https://ex.com/dir/a%20b%28c%29)", md(html))
    assert.are.equal("rel js frag sp", md(html, { links = false }))
    assert.truthy(md(html, { base_url = "http://other.org/a/b" }):find("[rel](http://other.org/up.html)", 1, true))
  end)

  it("writes images with escaped alt text, unless images=false", function()
    local html = "<p>x <img src='/i.png' alt='[a] b'> <img src='data:image/png;base64,AAAA'></p>"
    assert.are.equal("x ![\\[a\\] b](https://ex.com/i.png)", md(html))
    assert.are.equal("x", md(html, { images = false }))
    assert.are.equal("![](https://ex.com/real.jpg)",
      md("<img src='data:image/gif;base64,R0lG' data-src='/real.jpg'>"))
  end)

  it("keeps headings on one line and writes hr and hard breaks", function()
    assert.are.equal("## Head two\n\n---\n\na\\\nb", md("<h2>Head<br>two</h2><hr><p>a<br>b</p>"))
    assert.are.equal("[Card title blurb](https://ex.com/card)",
      md("<a href='/card'><h3>Card title</h3><p>blurb</p></a>"))
  end)

  it("writes tables with a header row, escaped pipes and colspans, or skips them", function()
    local html = "<p>t</p><table><tr><td>a|b</td><td colspan=2>c</td></tr>" ..
                 "<tr><td>1</td><td>2</td><td>3</td></tr></table>"
    assert.are.equal("t\n\n| a\\|b | c | |\n| --- | --- | --- |\n| 1 | 2 | 3 |", md(html))
    assert.are.equal("t", md(html, { tables = false }))
  end)

  it("leaves out scripts and hidden content", function()
    assert.are.equal("a\n\nb",
      md("<p>a</p><script>x()</script><p style='display:none'>h</p><p hidden>h</p><p>b</p>"))
  end)
end)
