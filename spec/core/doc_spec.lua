-- Documents: parsing options, limits, hostile input, lifetime, serialisation.
local util = require "support.util"
local slurp = util.capture
local read = util.read
local core = require "pith.core"
local compat = require "pith.compat"
local utf8, unpack = compat.utf8, compat.table.unpack -- also LuaJIT and 5.1

local CORPUS = "../shared/corpus/"

-- iterative, so it survives the deep documents below
local function depth(node)
  local best, stack = 0, { { node, 1 } }
  while #stack > 0 do
    local n, d = unpack(table.remove(stack))
    if d > best then best = d end
    for _, c in ipairs(n:children()) do stack[#stack + 1] = { c, d + 1 } end
  end
  return best
end

describe("core.parse", function()
  it("parses a real page and exposes root, head, body, url and charset", function()
    local html = read(CORPUS .. "readability/lemonde-1/source.html")
    local doc = assert(core.parse(html, { url = "https://www.lemonde.fr/x" }))
    assert.equal("html", doc:root():tag())
    assert.equal("head", doc:head():tag())
    assert.equal("body", doc:body():tag())
    assert.equal(doc:root(), doc:body():parent())
    assert.equal("https://www.lemonde.fr/x", doc:url())
    assert.same({ "utf-8", "meta" }, { doc:charset() })
    doc:close()
  end)

  it("parses every page of both corpora without error or output", function()
    local n = 0
    for path in slurp("ls " .. CORPUS .. "readability/*/source.html " .. CORPUS .. "mercury/html/*.gz")
        :gmatch("[^\n]+") do
      local html = path:match("%.gz$") and slurp("gzip -dc " .. path) or read(path)
      local doc, err = core.parse(html)
      assert(doc, path .. ": " .. tostring(err))
      assert.is_truthy(doc:body(), path)
      assert.is_truthy(utf8.len(doc:html()), path) -- always valid UTF-8 out
      doc:close()
      n = n + 1
    end
    assert.is_true(n > 200)
  end)

  it("has no url when none is given", function()
    local doc = assert(core.parse("<p>x</p>"))
    assert.is_nil(doc:url())
    doc:close()
  end)

  it("returns nil, err for input over max_size (default 64 MiB)", function()
    local doc, err = core.parse(("x"):rep(100), { max_size = 10 })
    assert.is_nil(doc)
    assert.equal("input too large (100 bytes; limit 10)", err)
    local big = ("a"):rep(64 * 1024 * 1024 + 1)
    doc, err = core.parse(big)
    assert.is_nil(doc)
    assert.equal("input too large (67108865 bytes; limit 67108864)", err)
    big = nil -- luacheck: ignore 311
    assert.is_truthy(core.parse("<p>x</p>", { max_size = 8 }))
  end)

  it("raises on bad options", function()
    assert.has_error(function() core.parse("x", { max_size = -1 }) end)
    assert.has_error(function() core.parse("x", { charset = {} }) end)
    assert.has_error(function() core.parse("x", 5) end)
    assert.has_error(function() core.parse() end)
  end)

  it("returns nil, err for input with no element at all", function()
    for _, s in ipairs { "", "   \n\t", "<!-- only a comment -->", "\239\187\191", "\0\0\0" } do
      local doc, err = core.parse(s)
      assert.is_nil(doc)
      assert.equal("empty document (no element in the input)", err)
    end
  end)

  it("gives a document for plain text and binary junk", function()
    local doc = assert(core.parse("just words"))
    assert.equal("<p>just words</p>", doc:body():inner_html())
    doc:close()
    local bytes = {}
    local seed = 12345
    for i = 1, 100000 do
      seed = (seed * 1103515245 + 12345) % 2147483648
      bytes[i] = string.char(math.floor(seed / 65536) % 256)
    end
    doc = assert(core.parse(table.concat(bytes)))
    assert.is_truthy(utf8.len(doc:html()))
    doc:close()
  end)

  it("survives 100 000 nested divs (libxml2 stops adding depth at 256)", function()
    local n = 100000
    local html = ("<div>"):rep(n) .. "deep" .. ("</div>"):rep(n)
    local doc = assert(core.parse(html))
    local d = depth(doc:root())
    assert.is_true(d > 200 and d <= 260, "depth " .. d)
    assert.is_truthy(#doc:html() > 0)
    doc:close()
  end)

  it("serialises the whole document as UTF-8 with its real doctype only", function()
    local doc = assert(core.parse("<!DOCTYPE html><meta charset=windows-1252><title>caf\233</title><p a='\233'>x"))
    assert.equal('<!DOCTYPE html>\n<html><head><meta charset="windows-1252"><title>café</title></head>'
      .. '<body><p a="é">x</p></body></html>\n', doc:html())
    doc:close()
    doc = assert(core.parse("<p>no doctype</p>"))
    assert.equal("<html><body><p>no doctype</p></body></html>\n", doc:html())
    doc:close()
  end)

  it("re-parses its own output to the same tree although the old <meta> remains", function()
    local doc = assert(core.parse("<meta charset=iso-8859-1><p>caf\233 \147q\148</p>"))
    local out = doc:html()
    doc:close()
    local again = assert(core.parse(out))
    assert.equal(out, again:html())
    assert.equal("<p>café “q”</p>", again:body():inner_html())
    again:close()
  end)
end)

describe("document lifetime", function()
  it("closes idempotently and then refuses use", function()
    local doc = assert(core.parse("<p>x</p>"))
    doc:close()
    doc:close()
    assert.matches("closed", tostring(doc))
    assert.has_error(function() doc:body() end, "attempt to use a closed document")
    assert.has_error(function() doc:html() end, "attempt to use a closed document")
    assert.has_error(function() doc:charset() end, "attempt to use a closed document")
  end)

  it("makes nodes of a closed document raise a clean error", function()
    local doc = assert(core.parse("<p class=a>x</p>"))
    local p = doc:body():children()[1]
    doc:close()
    for _, call in ipairs {
      function() return p:tag() end, function() return p:html() end,
      function() return p:attrs() end, function() return p:parent() end,
      function() return p:remove() end, function() return p:has_class("a") end,
    } do
      assert.has_error(call, "attempt to use a node of a closed document")
    end
    assert.equal("pith.Node (closed document)", tostring(p))
  end)

  it("frees the document at the end of a <close> scope #lua54", function()
    -- compiled here, so the file still loads where <close> is no syntax
    local scope = assert(load([[
      local core = ...
      local p
      do
        local doc <close> = assert(core.parse("<p>x</p>"))
        p = doc:body():children()[1]
        assert(p:tag() == "p")
      end
      return p]]))
    local p = scope(core)
    assert.has_error(function() p:tag() end, "attempt to use a node of a closed document")
  end)

  it("keeps the document alive while a node handle exists", function()
    local p = assert(core.parse("<p>kept</p>")):body():children()[1]
    collectgarbage()
    collectgarbage()
    assert.equal("<p>kept</p>", p:html())
  end)
end)
