-- The metadata walks of plugin/walk.c (doc:meta_walk, node:window_marks, node:following_lead,
-- node:closest_match, node:content), checked against what they replace: the XPath queries
-- (libxml2's own evaluation is the reference), node:window with the words matched in Lua, and
-- pith.meta.meta_tags.scan over the <meta> and <link> nodes; plus hand-written snippets for the
-- cases the pages do not show.
local util = require "support.util"
local read = util.read
local core = require "pith.core"
local meta_tags = require "pith.meta.meta_tags"
local unescape = require("pith.meta.jsonld").unescape

local function parse(html)
  return assert(core.parse(html))
end

local function page(name)
  return parse(read("../shared/corpus/readability/" .. name .. "/source.html"))
end

-- A table as a string with sorted keys, to compare nested tables.
local function dump(v)
  if type(v) ~= "table" then
    return string.format("%q", v)
  end
  local keys = {}
  for k in pairs(v) do
    keys[#keys + 1] = k
  end
  table.sort(keys, function(a, b)
    return tostring(a) < tostring(b)
  end)
  local out = {}
  for _, k in ipairs(keys) do
    out[#out + 1] = tostring(k) .. "=" .. dump(v[k])
  end
  return "{" .. table.concat(out, ",") .. "}"
end

-- meta_tags.scan over the document's <meta> then <link> nodes.
local function lua_scan(doc)
  local found = doc:elements({ "meta", "link" })
  local nodes, tags = {}, {}
  for _, n in ipairs(found.meta) do
    nodes[#nodes + 1], tags[#tags + 1] = n, "meta"
  end
  for _, n in ipairs(found.link) do
    nodes[#nodes + 1], tags[#tags + 1] = n, "link"
  end
  return meta_tags.scan(nodes, tags)
end

local PAGES = { "lemonde-1", "nytimes-1", "wikipedia", "medium-1", "guardian-1", "bbc-1", "ars-1" }

describe("doc:meta_walk", function()
  for _, name in ipairs(PAGES) do
    it("reads metas and links as meta_tags.scan, and the indexed elements as XPath (" .. name .. ")", function()
      local doc = page(name)
      local w = doc:meta_walk(unescape)
      local want = lua_scan(doc)
      assert.equal(dump(want.meta), dump(w.meta))
      assert.equal(dump(want.links), dump(w.links))
      assert.is_true(next(w.meta) ~= nil)
      local h1s = doc:xpath("//h1")
      assert.equal(math.min(#h1s, 6), #w.h1)
      for i = 1, #w.h1 do
        assert.is_true(h1s[i] == w.h1[i])
      end
      local times = doc:xpath("//time")
      assert.equal(#times, #w.time)
      local lds = {}
      for _, s in ipairs(doc:xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")) do
        lds[#lds + 1] = s:xpath("string(.)")
      end
      assert.same(lds, w.ld)
      local base = doc:xpath("string((//base)[1]/@href)")
      assert.equal(base ~= "" and base or nil, w.base)
      local title = doc:head() and doc:head():xpath("title[1]")[1]
      assert.is_true(title == w.title)
      doc:close()
    end)
  end

  it("keeps only the keys and rels asked for, with the same values", function()
    local doc = page("guardian-1")
    local all = doc:meta_walk(unescape)
    local some = doc:meta_walk(unescape, { "og:title", "description", "no-such-key" }, { "canonical" })
    assert.is_truthy(all.meta["og:title"])
    assert.same(all.meta["og:title"], some.meta["og:title"])
    assert.same(all.meta.description, some.meta.description)
    local keys = {}
    for k in pairs(some.meta) do
      keys[#keys + 1] = k
    end
    table.sort(keys)
    assert.same({ "description", "og:title" }, keys)
    assert.same(all.links.canonical, some.links.canonical)
    assert.is_nil(some.links.stylesheet)
    doc:close()
  end)

  it("trims (no-break spaces too), unescapes twice-escaped values, splits and lower-cases keys", function()
    local doc = parse([[<html><head>
      <meta property="OG:Title  og:x" content="  &nbsp;Hi &amp;quot;there&quot;&#160; ">
      <meta name="og:title" content="named"><meta property="og:title" content="second">
      <meta name="Description" value="from value"><meta name="empty" content=" &#xA0; ">
      <meta itemprop="Headline" content="ip"><meta http-equiv="Content-Language" content="fr">
      <meta charset="utf-8">
      <link rel="Canonical  alternate" href=" /x " hreflang="en"><link rel="icon" href="  ">
      </head><body><meta name="late" content="in body"></body></html>]])
    local w = doc:meta_walk(unescape)
    assert.same({ 'Hi "there"', "second", "named" }, w.meta["og:title"])
    assert.same({ 'Hi "there"' }, w.meta["og:x"])
    assert.same({ "from value" }, w.meta.description)
    assert.is_nil(w.meta.empty)
    assert.same({ "ip" }, w.meta.headline)
    assert.same({ "fr" }, w.meta["content-language"])
    assert.same({ "utf-8" }, w.meta.charset)
    assert.same({ "in body" }, w.meta.late)
    assert.same({ { href = "/x", hreflang = "en" } }, w.links.canonical)
    assert.equal(w.links.canonical[1], w.links.alternate[1])
    assert.is_nil(w.links.icon)
    assert.equal(dump(lua_scan(doc).meta), dump(w.meta))
    doc:close()
  end)
end)

local HINTS = { "class", "id", "itemprop", "rel" }
local GROUPS = { { "author", "byline", "posted-by" }, { "date", "publish" }, { "provider" }, { "license" } }

-- node:window with the hints joined and matched in Lua, as pith.meta.dom did.
local function lua_marks(node, before, after, up)
  local nodes, vals = node:window(before, after, HINTS, up)
  local out = {}
  for i = 1, #nodes do
    local raw = {}
    for j = 1, 4 do
      raw[j] = vals[4 * (i - 1) + j] or ""
    end
    local hints = table.concat(raw, " "):lower()
    local mask = 0
    for g, words in ipairs(GROUPS) do
      for _, w in ipairs(words) do
        if hints:find(w, 1, true) then
          mask = mask | (1 << (g - 1))
          break
        end
      end
    end
    if mask ~= 0 then
      out[#out + 1] = { node = nodes[i], hints = hints, tag = nodes[i]:tag(), mask = mask }
    end
  end
  return out
end

describe("node:window_marks", function()
  for _, name in ipairs(PAGES) do
    it("returns the window's elements whose hints hold a group's word (" .. name .. ")", function()
      local doc = page(name)
      local anchors = doc:xpath("//h1")
      local tried = 0
      for i = 1, math.min(#anchors, 3) do
        local want = lua_marks(anchors[i], 120, 300, 2)
        local nodes, hints, tags, marks = anchors[i]:window_marks(120, 300, HINTS, 2, GROUPS)
        assert.equal(#want, #nodes)
        for k, e in ipairs(want) do
          assert.is_true(e.node == nodes[k])
          assert.equal(e.hints, hints[k])
          assert.equal(e.tag, tags[k])
          assert.equal(e.mask, marks[k])
        end
        tried = tried + #nodes
      end
      local body = doc:body()
      local want = lua_marks(body, 420, 0, 0)
      local nodes, _, _, marks = body:window_marks(420, 0, HINTS, 0, GROUPS)
      assert.equal(#want, #nodes)
      for k, e in ipairs(want) do
        assert.is_true(e.node == nodes[k])
        assert.equal(e.mask, marks[k])
      end
      assert.is_true(tried + #nodes > 0)
      doc:close()
    end)
  end

  it("matches words in any case and in any of the attributes", function()
    local doc = parse([[<div><div><h1>T</h1><p class="x BYLINE">a</p><p id="Pub-Date">b</p>
      <p rel="license" class="provider-logo">c</p><p class="other">d</p></div></div>]])
    local nodes, hints, tags, marks = doc:first("h1"):window_marks(10, 10, HINTS, 2, GROUPS)
    assert.equal(3, #nodes)
    assert.same({ "x byline   ", " pub-date  ", "provider-logo   license" }, hints)
    assert.same({ "p", "p", "p" }, tags)
    assert.same({ 1, 2, 12 }, marks)
    doc:close()
  end)
end)

local BY = "(" .. (function()
  local t = {}
  for k = 1, 40 do
    t[k] = "following::text()[" .. k .. "]"
  end
  return table.concat(t, " | ")
end)() .. ")[starts-with(translate(normalize-space(.),'BY','by'),'by ')"
  .. " or starts-with(translate(normalize-space(.),'BY','by'),'by:')"
  .. " or translate(normalize-space(.),'BY','by')='by']"

describe("node:following_lead", function()
  for _, name in ipairs({ "nytimes-1", "bbc-1", "ars-1", "lemonde-1" }) do
    it("finds the parents of the text nodes the XPath union finds (" .. name .. ")", function()
      local doc = page(name)
      for _, n in ipairs(doc:xpath("//h1 | //h2")) do
        local want = n:xpath(BY)
        local got = n:following_lead(40, "by", 3)
        assert.equal(math.min(#want, 3), #got)
        for i = 1, #got do
          assert.is_true(want[i]:parent() == got[i])
        end
      end
      doc:close()
    end)
  end

  it("takes the word alone or before white space, in any case, after leading white space", function()
    local doc = parse("<h1>T</h1><span> BY </span><i>bY\tJane</i><b>byline</b><u>by</u><s>By Joe</s>")
    local tags = {}
    for _, n in ipairs(doc:first("h1"):following_lead(40, "by", 3)) do
      tags[#tags + 1] = n:tag()
    end
    assert.same({ "span", "i", "u" }, tags)
    -- and before a colon: "By: Jane Doe", "By:" with the names in links after it
    local colon = parse("<h1>T</h1><b>Byway</b><li>By:  <a>Jane Doe</a></li><p>by:Joe</p>")
    tags = {}
    for _, n in ipairs(colon:first("h1"):following_lead(40, "by", 3)) do
      tags[#tags + 1] = n:tag()
    end
    assert.same({ "li", "p" }, tags)
    colon:close()
    -- only the first text node after the h1 is looked at
    assert.equal(1, #doc:first("h1"):following_lead(1, "by", 3))
    assert.equal(0, #doc:first("s"):following_lead(40, "by", 3))
    doc:close()
  end)

  it("takes several words at once, each text node for the first it starts with, in document order", function()
    local doc = parse("<h1>T</h1><p>Text Size</p><i>von Max Müller</i><b>Text: Jane</b><u>by Joe</u>"
      .. "<s>Written by Ann</s>")
    local parents, leads = doc:first("h1"):following_lead(40, { "by", "von", "text:", "written by" }, 3)
    local tags = {}
    for _, n in ipairs(parents) do
      tags[#tags + 1] = n:tag()
    end
    -- "Text Size" lacks the colon "text:" asks for
    assert.same({ "i", "b", "u" }, tags)
    assert.same({ 2, 3, 1 }, leads)
    assert.same({ 1, 2 }, (select(2, doc:first("h1"):following_lead(40, { "by", "written by" }, 3))))
    doc:close()
  end)
end)

describe("node:closest_match and node:content", function()
  it("agree with the XPath ancestor test and string(.) on every element of a page", function()
    local doc = page("guardian-1")
    local q1 = "boolean(ancestor-or-self::*[contains(@class,'comment') or contains(@id,'comment')]"
      .. " or ancestor-or-self::figure or ancestor-or-self::figcaption)"
    local q2 = "boolean(ancestor::*[contains(@class,'comment') or contains(@class,'related')])"
    local hits, long = 0, 0
    for _, n in ipairs(doc:select("*")) do
      local a = n:closest_match(true, { "figure", "figcaption" }, { "class", "id" }, { "comment" })
      assert.equal(n:xpath(q1), a)
      assert.equal(n:xpath(q2), n:closest_match(false, {}, { "class" }, { "comment", "related" }))
      local s = n:xpath("string(.)")
      assert.equal(s, n:content())
      if #s > 2000 then
        long = long + 1
        assert.is_nil(n:content(2000))
      else
        assert.equal(s, n:content(2000))
      end
      hits = hits + (a and 1 or 0)
    end
    assert.is_true(hits > 0 and long > 0)
    doc:close()
  end)
end)

describe("node:following_texts", function()
  -- The XPath it replaces: the non-blank text nodes from the node on, outside scripts and the like.
  local TEXTS = "(descendant::text() | following::text())[normalize-space()]"
    .. "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
    .. " or ancestor::select or ancestor::textarea)][position() <= 40]"
  for _, name in ipairs({ "nytimes-1", "bbc-1", "ars-1", "lemonde-1" }) do
    it("returns the texts and parents the XPath finds, less the long ones (" .. name .. ")", function()
      local doc = page(name)
      for _, n in ipairs(doc:xpath("//h1 | //h2")) do
        local want = {}
        for _, t in ipairs(n:xpath(TEXTS)) do
          local s = t:content():gsub("^[ \t\n\r\f\v]+", "")
          if #s <= 120 then
            want[#want + 1] = { s, t:parent() }
          end
        end
        local texts, parents = n:following_texts(40, 120)
        assert.equal(#want, #texts)
        for i = 1, #texts do
          assert.equal(want[i][1], texts[i])
          assert.is_true(want[i][2] == parents[i])
        end
      end
      doc:close()
    end)
  end

  it("starts with the node's own text and skips scripts, blank and long texts", function()
    local doc = parse("<h1>Title <b>here</b></h1><script>var d='2020-01-01'</script>\n <p> 5 May 2021</p>"
      .. "<p>" .. ("x"):rep(50) .. "</p><select><option>Jan</option></select><i>end</i>")
    local texts, parents = doc:first("h1"):following_texts(40, 20)
    assert.same({ "Title ", "here", "5 May 2021", "end" }, texts)
    assert.equal("p", parents[3]:tag())
    -- the long text counts towards the limit
    assert.same({ "Title ", "here", "5 May 2021" }, (doc:first("h1"):following_texts(4, 20)))
    doc:close()
  end)

  it("returns the head of a long text when asked, marked as cut, at a character's start", function()
    local doc = parse("<h1>T</h1><p>12.11.2021 \226\128\147 " .. ("y"):rep(50) .. "</p><p>short</p>")
    local texts, parents, cut = doc:first("h1"):following_texts(40, 20, 12)
    -- (12 bytes end inside the dash's three: the head stops before it.)
    assert.same({ "T", "12.11.2021 ", "short" }, texts)
    assert.equal("p", parents[2]:tag())
    assert.same({ [2] = true }, cut)
    -- a head longer than the text is the text
    texts = doc:first("h1"):following_texts(40, 20, 500)
    assert.equal(#"12.11.2021 \226\128\147 " + 50, #texts[2])
    doc:close()
  end)
end)
