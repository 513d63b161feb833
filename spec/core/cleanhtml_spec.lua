-- node:clean_html(): whitelisted tags and attributes, safe URLs, escaped text.
local util = require "support.util"
local read = util.read
local core = require "pith.core"

local CORPUS = "../shared/corpus/readability/"

local function ch(html, opts)
  local doc = assert(core.parse(html, { url = "https://ex.com/dir/page.html" }))
  local s = doc:clean_html(opts)
  doc:close()
  return s
end

local TAGS = {}
for t in ([[p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre code kbd samp em strong b i u s del ins
  mark small sub sup q cite abbr dfn var a img figure figcaption table caption thead tbody
  tfoot tr th td br hr dl dt dd div section article aside header footer main nav details
  summary html head body]]):gmatch("%S+") do
  TAGS[t] = true
end
local ATTRS = { href = true, src = true, alt = true, title = true, colspan = true,
                rowspan = true, start = true }

-- Re-parses clean HTML and checks every element and attribute against the whitelist.
local function assert_clean(html, where)
  local doc = assert(core.parse(html))
  for _, el in ipairs(doc:select("*")) do
    assert.is_true(TAGS[el:tag()] == true, where .. ": tag " .. el:tag())
    for k, v in pairs(el:attrs()) do
      assert.is_true(ATTRS[k] == true, where .. ": attribute " .. k)
      if k == "href" or k == "src" then
        assert.truthy(v:match("^https?:") or v:match("^mailto:") or v:match("^data:image/"), v)
      end
    end
  end
  doc:close()
end

describe("node:clean_html() on real pages", function()
  it("keeps no script, style, event handler or javascript: URL of pages full of them", function()
    for _, name in ipairs { "cnn", "bbc-1", "002", "buzzfeed-1", "breitbart", "aktualne" } do
      local src = read(CORPUS .. name .. "/source.html")
      assert.truthy(src:find("onclick", 1, true), name)
      local doc = assert(core.parse(src, { url = "http://fakehost/test/page.html" }))
      local out = doc:clean_html()
      doc:close()
      assert.is_true(#out > 500, name)
      assert.falsy(out:find("<script", 1, true), name)
      assert.falsy(out:find("<style", 1, true), name)
      assert.falsy(out:lower():find("javascript:", 1, true), name)
      assert.falsy(out:find("%son%a+%s*="), name)
      assert.falsy(out:find(" style=", 1, true), name)
      assert_clean(out, name)
    end
  end)

  it("keeps the article's text: same tokens as node:text()", function()
    local doc = assert(core.parse(read(CORPUS .. "002/source.html"), { url = "http://fakehost/test/" }))
    local art = doc:first("article")
    local out = art:clean_html()
    local want = art:text()
    doc:close()
    local again = assert(core.parse(out))
    local got = again:text()
    again:close()
    local function words(s)
      local t = {}
      for w in s:gmatch("%w+") do t[#t + 1] = w end
      return table.concat(t, " ")
    end
    assert.are.equal(words(want), words(got))
    assert.truthy(out:find('<a href="https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API">Fetch API</a>',
      1, true))
    assert.truthy(out:find("<h2>Feature detection</h2>", 1, true))
  end)
end)

describe("node:clean_html() on snippets", function()
  it("drops event handlers, styles, classes and every unsafe URL scheme", function()
    local out = ch([[<p onclick="x()" style="color:red" class=c id=i>Hi
      <a href=" JaVaScRiPt:alert(1)">a</a> <a href="java&#x09;script:alert(1)">b</a>
      <a href="&#106;avascript:x">c</a> <a href="vbscript:x">d</a> <a href="data:text/html,<script>">e</a>
      <a href="/ok" onmouseover="x" title='t"q'>f</a></p>]])
    assert.are.equal('<p>Hi a b c d e <a href="https://ex.com/ok" title="t&quot;q">f</a></p>', out)
  end)

  it("keeps safe images (data:image too, not SVG) and drops embeds", function()
    local out = ch([[<img src=x onerror=alert(1)><img src="javascript:alert(1)">
      <img src="data:image/png;base64,AAAA" alt="p"><img src="data:image/svg+xml,<svg onload=x>">
      <svg onload=alert(1)><circle/></svg><iframe src="https://evil"></iframe><object data=x></object>
      <embed src=x>]])
    assert.are.equal('<img src="https://ex.com/dir/x"> <img src="data:image/png;base64,AAAA" alt="p">', out)
    assert.are.equal("", ch("<img src=x alt=y>", { images = false }))
  end)

  it("drops scripts, styles, templates, noscript, forms controls and hidden content", function()
    assert.are.equal("<p>ok</p>", ch([[<script>alert(1)</script><style>p{}</style><template><p>t</p></template>
      <noscript><p>n</p></noscript><input value=v><textarea>t</textarea><button>b</button>
      <p hidden>h</p><p style="display:none">h</p><p>ok</p>]]))
  end)

  it("escapes text", function()
    assert.are.equal('<p>1 &lt; 2 &amp; 3 &gt; 0 "q" &lt;script&gt;</p>',
      ch('<p>1 &lt; 2 &amp; 3 &gt; 0 "q" &lt;script&gt;</p>'))
  end)

  it("unwraps unknown wrappers, keeps their spacing, and drops empty elements", function()
    assert.are.equal("<div>text custom</div>\n<p>a b</p>",
      ch([[<div><span class=x><font color=red>text</font></span> <my-widget>custom</my-widget></div>
        <p></p><p> </p><div><span></span></div><p>a<span> </span>b</p>]]))
  end)

  it("keeps <pre> white space and <br>", function()
    assert.are.equal("<pre>  keep   this\n  too</pre>\n<p>x<br>\ny</p>",
      ch("<pre>  keep   this\n  too</pre><p>x<br>y</p>"))
  end)

  it("keeps data tables with their spans, turns layout tables into divs", function()
    local html = "<table><tr><td><p>p1</p><p>p2</p></td><td>side</td></tr></table>" ..
                 "<table><tr><th colspan=2 onclick=x style=y>h</th></tr>" ..
                 "<tr><td rowspan='3x'>1</td><td></td></tr></table>"
    assert.are.equal("<div><p>p1</p>\n<p>p2</p>\n</div>\n<div>side</div>\n" ..
                     '<table><tr><th colspan="2">h</th>\n</tr>\n<tr><td rowspan="3">1</td>\n<td></td>\n</tr>\n</table>',
                     ch(html))
    assert.are.equal("<div><p>p1</p>\n<p>p2</p>\n</div>\n<div>side</div>", ch(html, { tables = false }))
  end)

  it("unwraps links when links=false and resolves against base_url", function()
    local html = "<p><a href='../x'>x</a></p>"
    assert.are.equal("<p>x</p>", ch(html, { links = false }))
    assert.are.equal('<p><a href="http://b.org/x">x</a></p>', ch(html, { base_url = "http://b.org/a/b" }))
    assert.are.equal('<p><a href="http://c.org/base/x">x</a></p>',
      ch("<head><base href='http://c.org/base/y/'></head>" .. html))
  end)
end)
