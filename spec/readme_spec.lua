-- The README's examples must work as written: its site rule compiles and matches, and its
-- API snippet runs on a real page.
local function readme_block(marker)
  local f = assert(io.open("README.md"))
  local text = f:read("a")
  f:close()
  for block in text:gmatch("```lua\n(.-)```") do
    if block:find(marker, 1, true) then return block end
  end
  error("no README block holding " .. marker)
end

describe("README", function()
  local rules = require "pith.rules"
  after_each(function() rules.reset() end)

  it("has a site-rule example that compiles and serves its host", function()
    local chunk = assert(load(readme_block("-- example.lua"), "=README", "t", {}))
    local rule, err = rules.register(chunk())
    assert.is_nil(err)
    assert.truthy(rule)
    assert.equal("example.news@2026.11.1", rules.name(rules.find("https://news.example.com/a/1")))
    assert.is_nil(rules.find("https://other.example.org/"))
  end)

  it("has an API example that runs on a real page", function()
    local p = io.popen("gzip -dc ../shared/corpus/mercury/html/www.reuters.com.html.gz")
    local html = p:read("a")
    p:close()
    local env = setmetatable({ html = html, url = "http://www.reuters.com/article/us-usa-fed-idUSKBN1430G4",
                               print = function() end }, { __index = _G })
    local code = readme_block("local doc <close>")
    assert(load("local pith = require 'pith'\n" .. code, "=README", "t", env))()
  end)
end)
