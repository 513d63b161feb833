-- Tree walks (plugin/walk.c): doc:elements and node:window, checked against the XPath
-- queries they replace (libxml2's own evaluation is the reference) and on hand-built trees.
local util = require "support.util"
local read = util.read
local core = require "pith.core"

local function parse(html)
  return assert(core.parse(html))
end

local HINTS = { "class", "id", "itemprop", "rel" }
local HINTED = "[@class or @id or @itemprop or @rel]"

-- The window as the XPath queries give it: block then following, without shared elements.
local function xpath_window(node, before, after, up)
  local block = up == 2 and node:xpath(("ancestor::*[2]/descendant::*[position()<=%d]%s"):format(before, HINTED))
    or node:xpath(("descendant::*[position()<=%d]%s"):format(before, HINTED))
  local out = {}
  for _, n in ipairs(block) do
    out[#out + 1] = n
  end
  if after > 0 then
    for _, n in ipairs(node:xpath(("following::*[position()<=%d]%s"):format(after, HINTED))) do
      local dup = false
      for _, b in ipairs(block) do
        if b == n then
          dup = true
          break
        end
      end
      if not dup then
        out[#out + 1] = n
      end
    end
  end
  return out
end

local function same_nodes(want, got)
  assert.equal(#want, #got)
  for i = 1, #want do
    assert.is_true(want[i] == got[i], "node " .. i .. " differs")
  end
end

describe("doc:elements on real pages", function()
  for _, page in ipairs({ "lemonde-1", "nytimes-1", "wikipedia", "medium-1" }) do
    it("finds the same elements as //name, in document order (" .. page .. ")", function()
      local doc = parse(read("../shared/corpus/readability/" .. page .. "/source.html"))
      local found = doc:elements({ "meta", "h1", "script", "a" })
      for _, name in ipairs({ "meta", "h1", "script", "a" }) do
        same_nodes(doc:xpath("//" .. name), found[name])
      end
      assert.is_true(#found.meta > 0 and #found.a > 0)
      -- joined lists keep document order across names, as the union does
      local joined = doc:elements({ "meta", "link" }, { link = "meta" })
      same_nodes(doc:xpath("//meta|//link"), joined.meta)
      assert.is_nil(joined.link)
      doc:close()
    end)
  end
end)

describe("node:window on real pages", function()
  for _, page in ipairs({ "lemonde-1", "nytimes-1", "wikipedia", "bbc-1", "ars-1" }) do
    it("equals the block and following XPath windows around each h1 (" .. page .. ")", function()
      local doc = parse(read("../shared/corpus/readability/" .. page .. "/source.html"))
      local h1s = doc:xpath("//h1")
      assert.is_true(#h1s > 0)
      for _, h in ipairs(h1s) do
        for _, sizes in ipairs({ { 120, 300 }, { 5, 40 }, { 1000, 10 } }) do
          local nodes, vals = h:window(sizes[1], sizes[2], HINTS, 2)
          same_nodes(xpath_window(h, sizes[1], sizes[2], 2), nodes)
          assert.equal(4 * #nodes, #vals)
          for i, n in ipairs(nodes) do
            for j, name in ipairs(HINTS) do
              assert.equal(n:attr(name) or false, vals[4 * (i - 1) + j])
            end
          end
        end
      end
      local body = doc:body()
      same_nodes(xpath_window(body, 420, 0), (body:window(420, 0, HINTS)))
      doc:close()
    end)
  end
end)

describe("node:window on small trees", function()
  it("takes each element once where the block runs past the node", function()
    local doc = parse([[<div id=g><div id=p><h1 id=t>T</h1><p class=a>x</p></div><p class=b>y</p></div>
      <p class=c>z</p><p>no hint</p><p rel=d>w</p>]])
    local t = doc:first("#t")
    local nodes, vals = t:window(10, 10, { "class", "rel" }, 2)
    local got = {}
    for i, n in ipairs(nodes) do
      got[i] = n:tag() .. ":" .. tostring(vals[2 * i - 1]) .. ":" .. tostring(vals[2 * i])
    end
    -- block: div#p (no class), h1, p.a, p.b ; following: p.a, p.b (shared), p.c, p, p[rel]
    assert.same({ "p:a:false", "p:b:false", "p:c:false", "p:false:d" }, got)
    -- counts are of all elements: the first following element is p.a
    nodes = t:window(0, 1, { "class" })
    assert.equal(1, #nodes)
    assert.equal("a", nodes[1]:attr("class"))
    doc:close()
  end)

  it("has no block when the node has no such ancestor", function()
    local doc = parse("<html><body><p class=x>a</p></body></html>")
    local html = doc:root()
    local nodes = html:window(10, 10, { "class" }, 5)
    assert.same({}, nodes)
    nodes = html:window(10, 10, { "class" }, 0)
    assert.equal(1, #nodes)
    doc:close()
  end)

  it("walks a 100 000-deep tree without recursion", function()
    -- libxml2's parser stops nesting at 256 levels, so the chain is built by moving each
    -- div into the placeholder of the one before it.
    local depth = 100000
    local doc = parse("<body>" .. ("<div class=d><i></i></div>"):rep(depth - 1) .. "<div class=d><h1>x</h1></div>"
      .. "<p class=z>e</p></body>")
    local divs = doc:xpath("/html/body/div")
    assert.equal(depth, #divs)
    for k = depth, 2, -1 do
      divs[k - 1]:first("i"):replace_with(divs[k])
    end
    local found = doc:elements({ "div", "h1", "p", "i" })
    assert.equal(depth, #found.div)
    for k = 1, depth, 9973 do
      assert.is_true(found.div[k] == divs[k])
    end
    assert.equal(1, #found.h1)
    assert.equal(1, #found.p)
    assert.equal(0, #found.i)
    local h = found.h1[1]
    local nodes, vals = h:window(10, 10, { "class" }, 2)
    -- block: the innermost div (class d) and the h1; following: the <p> after the chain
    same_nodes({ divs[depth], found.p[1] }, nodes)
    assert.same({ "d", "z" }, vals)
    same_nodes(xpath_window(h, 10, 10, 2), nodes)
    local all = divs[1]:window(depth * 2, 5, { "class" })
    assert.equal(depth, #all)
    assert.is_true(all[depth - 1] == divs[depth] and all[depth] == found.p[1])
    doc:close()
  end)

  it("rejects bad arguments and closed documents", function()
    local doc = parse("<p class=x>a</p>")
    local p = doc:first("p")
    assert.has_error(function() p:window(1, 1, { 1 }) end)
    assert.has_error(function() doc:elements("p") end)
    doc:close()
    assert.has_error(function() p:window(1, 1, { "class" }) end, "attempt to use a node of a closed document")
  end)
end)
