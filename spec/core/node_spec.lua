-- Node handles: attributes, classes, siblings, mutation and serialisation.
local util = require "support.util"
local read = util.read
local core = require "pith.core"
local unpack = require("pith.compat").table.unpack -- also LuaJIT and 5.1

-- iterative depth-first search for the first element matching pred
local function find(node, pred)
  local stack = { node }
  while #stack > 0 do
    local n = table.remove(stack)
    if pred(n) then return n end
    local kids = n:children()
    for i = #kids, 1, -1 do stack[#stack + 1] = kids[i] end
  end
end

local function by_tag(tag) return function(n) return n:tag() == tag end end

local function parse(html)
  return assert(core.parse(html))
end

describe("nodes of a real page (lemonde-1)", function()
  local doc, h1
  setup(function()
    doc = parse(read("../shared/corpus/readability/lemonde-1/source.html"))
    h1 = find(doc:root(), by_tag("h1"))
  end)
  teardown(function() doc:close() end)

  it("reads attributes and classes", function()
    assert.same({ class = "tt2", itemprop = "Headline" }, h1:attrs())
    assert.equal("Headline", h1:attr("itemprop"))
    assert.is_nil(h1:attr("id"))
    local article = h1:parent()
    assert.equal("article", article:tag())
    assert.is_true(article:has_class("article"))
    assert.is_true(article:has_class("article_normal"))
    assert.is_false(article:has_class("Article"))
    assert.is_false(article:has_class("article article_normal"))
    assert.is_false(article:has_class("artic"))
  end)

  it("serialises outer and inner HTML in UTF-8", function()
    local text = "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée"
    assert.equal('<h1 class="tt2" itemprop="Headline">' .. text .. "</h1>", h1:html())
    assert.equal(text, h1:inner_html())
  end)

  it("walks element siblings, or every node with `all`", function()
    local sig = h1:next()
    assert.equal("p", sig:tag())
    assert.equal("bloc_signature", sig:attr("class"))
    assert.equal(h1, sig:prev())
    assert.equal("#text", h1:next(true):tag()) -- the newline and indentation
    assert.equal(sig, h1:next(true):next(true))
    assert.is_nil(h1:prev())                   -- first element of the article
    assert.equal("#text", h1:prev(true):tag())
    local time = find(sig, by_tag("time"))
    assert.equal("2015-05-04T13:36:31+02:00", time:attr("datetime"))
    assert.equal("2015-05-05T20:13:12+02:00", time:next():attr("datetime"))
  end)

  it("compares handles by node identity", function()
    assert.equal(h1, h1:parent():children()[1])
    assert.are_not.equal(h1, h1:next())
    assert.is_true(h1 == find(doc:root(), by_tag("h1")))
  end)
end)

describe("has_class", function()
  it("splits on any ASCII whitespace", function()
    local doc = parse("<div class=' a\tb\nc\r\nd\fe  '></div><div></div>")
    local div, bare = unpack(doc:body():children())
    for _, c in ipairs { "a", "b", "c", "d", "e" } do assert.is_true(div:has_class(c), c) end
    assert.is_false(div:has_class(""))
    assert.is_false(div:has_class(" "))
    assert.is_false(bare:has_class("a"))
    doc:close()
    doc = parse("<p class=a>a</p>")
    assert.is_false(doc:body():children()[1]:children(true)[1]:has_class("a")) -- a text node
    doc:close()
  end)
end)

describe("set_attr", function()
  it("sets, replaces and removes attributes", function()
    local doc = parse("<p class=a>x</p>")
    local p = doc:body():children()[1]
    p:set_attr("class", "b c")
    p:set_attr("data-q", 'say "hi" & <go>')
    p:set_attr("title", "café")
    assert.is_true(p:has_class("c"))
    assert.equal('say "hi" & <go>', p:attr("data-q"))
    assert.equal([[<p class="b c" data-q='say "hi" &amp; &lt;go&gt;' title="café">x</p>]], p:html())
    p:set_attr("class", nil)
    p:set_attr("missing", nil)
    assert.same({ ["data-q"] = 'say "hi" & <go>', title = "café" }, p:attrs())
    doc:close()
  end)

  it("rejects invalid names and non-elements", function()
    local doc = parse("<p>x</p>")
    local p = doc:body():children()[1]
    for _, bad in ipairs { "", "a b", "a=b", "a>", "a/b", 'a"', "a\0b" } do
      assert.has_error(function() p:set_attr(bad, "v") end)
    end
    assert.has_error(function() p:children(true)[1]:set_attr("a", "v") end)
    assert.same({}, p:children(true)[1]:attrs())
    doc:close()
  end)
end)

describe("mutation", function()
  it("removes a node; its handle stays valid and has no parent", function()
    local doc = parse("<div><p>one</p><p>two</p></div>")
    local div = doc:body():children()[1]
    local one = div:children()[1]
    one:remove()
    assert.equal("<div><p>two</p></div>", div:html())
    assert.equal("<p>one</p>", one:html())
    assert.is_nil(one:parent())
    assert.is_nil(one:next())
    one:remove() -- again: harmless
    assert.equal("<div><p>two</p></div>", div:html())
    doc:close()
  end)

  it("unwraps a node into its children, keeping child handles", function()
    local doc = parse("<p>a <span>b <i>c</i> d</span> e</p>")
    local p = doc:body():children()[1]
    local span = p:children()[1]
    local i = span:children()[1]
    span:unwrap()
    assert.equal("<p>a b <i>c</i> d e</p>", p:html())
    assert.equal(p, i:parent())
    assert.is_nil(span:parent())
    assert.equal("<span></span>", span:html())
    doc:close()
  end)

  it("replaces a node with text or another node", function()
    local doc = parse("<div><h2>t</h2><p>x <b>y</b></p><em>z</em></div>")
    local div = doc:body():children()[1]
    local h2, p, em = unpack(div:children())
    local t = h2:replace_with("a < b")
    assert.equal("#text", t:tag())
    assert.equal(div, t:parent())
    assert.equal("<div>a &lt; b<p>x <b>y</b></p><em>z</em></div>", div:html())
    local b = p:children()[1]
    assert.equal(b, p:replace_with(b)) -- a node's own descendant may replace it
    assert.equal("<div>a &lt; b<b>y</b><em>z</em></div>", div:html())
    em:replace_with(h2)               -- a removed node can come back
    assert.equal("<div>a &lt; b<b>y</b><h2>t</h2></div>", div:html())
    assert.equal(div, h2:parent())
    assert.equal(h2, h2:replace_with(h2))
    doc:close()
  end)

  it("refuses replacements that would corrupt the tree", function()
    local doc = parse("<div><p><b>x</b></p></div>")
    local other = parse("<i>other</i>")
    local div = doc:body():children()[1]
    local b = find(div, by_tag("b"))
    assert.has_error(function() b:replace_with(div) end)
    assert.has_error(function() b:replace_with(other:body():children()[1]) end)
    assert.has_error(function() b:replace_with(42) end)
    assert.equal("<div><p><b>x</b></p></div>", div:html())
    other:close()
    doc:close()
  end)

  it("keeps adjacent text handles valid (no merging frees a node Lua holds)", function()
    local doc = parse("<p>a<br>b</p>")
    local p = doc:body():children()[1]
    local a, br, bb = unpack(p:children(true))
    br:remove()
    assert.equal("a", a:html())
    assert.equal("b", bb:html())
    assert.equal("<p>ab</p>", p:html())
    local t = bb:replace_with("c")
    assert.equal("<p>ac</p>", p:html())
    assert.equal("c", t:html())
    doc:close()
  end)

  it("serialises script raw and comments as comments", function()
    local doc = parse("<div><script>if (a<b) x='</p>'</script><!-- c --></div>")
    local div = doc:body():children()[1]
    assert.equal("<script>if (a<b) x='</p>'</script><!-- c -->", div:inner_html())
    assert.equal("#comment", div:children(true)[2]:tag())
    assert.equal("<!-- c -->", div:children(true)[2]:html())
    doc:close()
  end)
end)
