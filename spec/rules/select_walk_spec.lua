-- Rule selectors (type, class, id, attribute tests, combinators) run as a direct tree walk
-- instead of their XPath translation. The walk must select exactly the XPath's elements, in the
-- same order: checked here for every CSS selector of every built-in rule, on real pages.
local util = require "support.util"
local core = require "pith.core"
local rules = require "pith.rules"

local M = "../shared/corpus/mercury/html/"

local function same(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do
    if a[i] ~= b[i] then return false end
  end
  return true
end

local function rule_selectors()
  local out = {}
  local function add(q) if q.css then out[#out + 1] = q.css end end
  for _, r in ipairs(rules.list()) do
    for _, q in ipairs(r.remove) do add(q) end
    for _, q in ipairs(r.content.select) do add(q) end
    for _, q in ipairs(r.content.clean) do add(q) end
    for _, t in ipairs(r.content.transforms) do add(t.q) end
    for _, f in pairs(r.fields) do
      for _, c in ipairs(f.cands) do
        if not c.fn then add(c) end
      end
    end
  end
  return out
end

describe("the CSS tree walk", function()
  it("selects what the XPath translation selects, for every built-in rule selector", function()
    local sels = rule_selectors()
    assert.is_true(#sels > 50)
    local pages = { "superbiz.se.pl__1739330496278.html.gz", "genius.com.html.gz", "arstechnica.com.html.gz",
                    "www.reuters.com.html.gz" }
    local matched = 0
    for _, name in ipairs(pages) do
      local path = M .. name
      if util.slurp(path) then
        local doc = assert(core.parse(util.page(path)))
        local body = doc:body()
        local many = doc:select_many(sels) -- all of them in one walk
        assert.equal(#sels, #many)
        for i, css in ipairs(sels) do
          assert.is_true(same(doc:select(css), many[i]), name .. " (select_many): " .. css)
        end
        for _, css in ipairs(sels) do
          local xp = core.css_to_xpath(css)
          local got = doc:select(css)
          assert.is_true(same(doc:xpath(xp), got), name .. ": " .. css)
          assert.is_true(same(body:xpath(xp), body:select(css)), name .. " (body): " .. css)
          assert.equal(doc:xpath(core.css_to_xpath(css, true))[1], doc:first(css), name .. ": first " .. css)
          matched = matched + #got
        end
        doc:close()
      end
    end
    assert.is_true(matched > 100, "the selectors matched only " .. matched .. " elements")
  end)

  it("se.pl's furniture selectors find the page's byline block and share buttons", function()
    local doc = assert(core.parse(util.page(M .. "superbiz.se.pl__1739330496278.html.gz")))
    finally(function() doc:close() end)
    -- grep -c 'class="neck' and 'share-buttons-wrapper' in the page source: one each
    assert.equal(1, #doc:select(".neck"))
    assert.equal("Agnieszka Grotek", doc:first("article .article_author .h3"):text())
    assert.equal(doc:first(".neck"), doc:select(".title_element__superscription, .neck")[2])
  end)

  it("keeps each attribute test's meaning on snippets", function()
    local doc = assert(core.parse([[<body>
      <p id="a" class="x&#9;y  z">1</p><p class="X">2</p><p class="">3</p>
      <p lang="en-GB">4</p><p lang="en">5</p><p lang="english">6</p>
      <p title="Hello World">7</p><p title="">8</p><p data-k="a&amp;b">9</p></body>]]))
    finally(function() doc:close() end)
    local function texts(css)
      local out = {}
      for i, n in ipairs(doc:select(css)) do out[i] = n:text() end
      return table.concat(out, " ")
    end
    assert.equal("1", texts(".y"))                 -- class lists split on tabs too
    assert.equal("1", texts(".x.z#a"))
    assert.equal("2", texts(".X"))                 -- class names are case-sensitive
    assert.equal("1 2", texts("[class~=x i]"))
    assert.equal("", texts("[class~='x y']"))      -- a value with a space is no word
    assert.equal("4 5", texts("[lang|=en]"))
    assert.equal("4 5 6", texts("[lang^=en]"))
    assert.equal("4", texts("[lang$=gb i]"))
    assert.equal("7", texts("[title*='o W']"))
    assert.equal("", texts("[title^='']"))         -- an empty ^= never matches
    assert.equal("3 8", texts("[class=''], [title='']"))
    assert.equal("7 8", texts("p[title]"))
    assert.equal("9", texts("[data-k='a&b']"))
    assert.equal("5 6 7", texts("p[lang] + p:not(.q)")) -- a pseudo-class: XPath, same answer
    assert.equal("5 6", texts("[lang|=en] ~ [lang^=en]"))
    assert.equal("5", texts("body > [lang=en]"))
  end)

  it("works from a removed node (its parked subtree)", function()
    local doc = assert(core.parse("<div id=d><section><p class=k>a</p></section></div><p class=k>b</p>"))
    finally(function() doc:close() end)
    local s = doc:first("section")
    s:remove()
    assert.equal(1, #doc:select(".k"))
    assert.equal(1, #s:select(".k"))
    assert.equal(0, #s:select("div .k"))
    assert.equal("a", s:first("section > p"):text())
  end)

  it("stops a runaway selector at the operation limit", function()
    local doc = assert(core.parse("<body>" .. string.rep("<div>", 100) .. "<span>x</span>" ..
      string.rep("</div>", 100)))
    finally(function() doc:close() end)
    local t = os.clock()
    local ok, err = pcall(doc.select, doc, "p " .. string.rep("div ", 40) .. "span")
    assert.is_false(ok)
    assert.truthy(err:find("operation limit exceeded", 1, true), err)
    assert.is_true(os.clock() - t < 2)
    assert.equal(1, #doc:select(string.rep("div ", 40) .. "span")) -- matching early is cheap
  end)

  it("select_many's buckets and bit filters pass over no element a selector matches", function()
    local many_classes = {}
    for i = 1, 40 do many_classes[i] = "c" .. i end
    local doc = assert(core.parse(
      '<div class="ArticleBody-byline-container_x1 other"><p class="a b">1</p></div>' ..
      '<div class="x Article&#66;ody-byline">2</div><div class="Body-by">3</div><div class="">4</div>' ..
      '<meta name="og:title" content="t"><meta property="og:title" content="u"><meta name="og:titles">' ..
      '<span data-testid="promo-box">5</span><span data-testid="promo-boxes">6</span>' ..
      '<i class="' .. table.concat(many_classes, " ") .. '">7</i><b id="article-text">8</b>'))
    finally(function() doc:close() end)
    local sels = {
      "[class*='ArticleBody-byline']", "[class^='ArticleBody']", "[class$='other']", "[class*='ody-byline c']",
      "[class*='x1 oth']", "[class*='']", "meta[name='og:title'], meta[property='og:title']",
      "[data-testid='promo-box']", "[data-testid='ResponsiveAdSlot']", ".c40", ".c33.c1", "i.c41", "#article-text",
      "div .b", "div > p.a", "[class*='ArticleBody'] p",
    }
    local many = doc:select_many(sels)
    for i, css in ipairs(sels) do
      assert.is_true(same(doc:xpath(core.css_to_xpath(css)), many[i]), css)
    end
    -- the filters must not have made every answer empty: the expected counts, checked by eye
    -- ("x Article&#66;ody-byline" starts with "x"; [class*=''] matches nothing, as in CSS)
    local counts = {}
    for i = 1, #sels do counts[i] = #many[i] end
    assert.same({ 2, 1, 1, 0, 1, 0, 2, 1, 0, 1, 1, 0, 1, 1, 1, 1 }, counts)
  end)

  it("text_elements: elements with text of their own and their squashed text, in one pass", function()
    local str = require "pith.meta.str"
    for _, name in ipairs { "superbiz.se.pl__1739330496278.html.gz", "www.yahoo.com.html.gz" } do
      local doc = assert(core.parse(util.page(M .. name)))
      local body = doc:body()
      local els, texts = body:text_elements()
      local want, want_texts = {}, {}
      for _, el in ipairs(body:xpath(".//*[text()[normalize-space()]]")) do
        local t = str.squash(el:text())
        if t ~= "" then
          want[#want + 1] = el
          want_texts[#want_texts + 1] = t
        end
      end
      assert.is_true(#want > 50)
      assert.is_true(same(want, els), name)
      assert.same(want_texts, texts)
      -- joined: the same texts as one string (what the patterns' prefilter reads), and the elements
      local joined, els2 = body:text_elements(true)
      assert.equal(table.concat(want_texts, "\n"), joined)
      assert.is_true(same(want, els2), name .. " (joined)")
      doc:close()
    end
    local doc = assert(core.parse("<div> x <p>\194\160 a\n\n<b>b</b>  c </p><span> </span><i>\194\160</i>" ..
      "<ul><li>one</li><li>two</li></ul></div>"))
    finally(function() doc:close() end)
    local els, texts = doc:text_elements()
    local tags = {}
    for i, el in ipairs(els) do tags[i] = el:tag() end
    -- the div has its own " x "; the span and the i hold only spaces (squashed away)
    assert.same({ "div", "p", "b", "li", "li" }, tags)
    assert.same({ "x a b c one two", "a b c", "b", "one", "two" }, texts)
    assert.equal("x a b c one two\na b c\nb\none\ntwo", (doc:text_elements(true)))
    local empty = assert(core.parse("<p> </p>"))
    assert.equal("", (empty:text_elements(true)))
    empty:close()
  end)
end)
