local core = require "pith.core"
local metadata = require "pith.metadata"

local function collect(head)
  local doc = assert(core.parse("<html><head><title>T</title>" .. head .. "</head><body><p>x</p></body></html>",
    { url = "https://news.test/a" }))
  local f = metadata.collect(doc, { url = "https://news.test/a" })
  doc:close()
  return f
end

describe("tags and categories", function()
  it("drops the machine labels of a parsely tag list and keeps the labelled tags' words", function()
    local f = collect('<meta name="parsely-tags" content="ssts:news:local:detroit-city,type:story,'
      .. 'tag:Crime Stoppers USA,tag:Crime,featuretype: news-original,games">')
    assert.same({ "Crime Stoppers USA", "Crime", "games" }, f.tags)
  end)

  it("drops placeholder values a template writes when it has none", function()
    local f = collect([[<meta name="keywords" content="Sudan, null, US">
      <meta property="article:section" content="tags"><meta name="category" content="undefined">]])
    assert.same({ "Sudan", "US" }, f.tags)
    assert.is_nil(f.categories)
  end)

  it("keeps an ordinary tag with a colon and spaces", function()
    local f = collect([[<meta property="article:tag" content="Star Wars: The Last Jedi">]])
    assert.same({ "Star Wars: The Last Jedi" }, f.tags)
  end)
end)
