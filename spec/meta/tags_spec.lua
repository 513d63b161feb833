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

describe("license", function()
  it("keeps a rights statement as text instead of making it a relative address", function()
    assert.equal("©2020 Macmillan Publishers Limited. All Rights Reserved.",
      collect('<meta name="dc.rights" content="©2020 Macmillan Publishers Limited. All Rights Reserved.">').license)
    assert.equal("2025 Springer Nature Limited",
      collect('<meta name="dc.rights" content="2025 Springer Nature Limited">').license)
  end)

  it("drops a bare owner's name and resolves an address", function()
    assert.is_nil(collect('<meta name="dc.rights" content="Nur WDR">').license)
    assert.equal("http://creativecommons.org/licenses/by/4.0/",
      collect('<meta name="dcterms.license" content="creativecommons.org/licenses/by/4.0/">').license)
    assert.equal("https://news.test/legal#license", collect('<link rel="license" href="/legal#license">').license)
  end)
end)
