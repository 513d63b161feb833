-- Real ftr-site-config files (spec/fixtures/rules/ftr-real/, CC0, see its README) run unchanged on
-- shared-corpus pages of their sites, as FiveFilters runs them.
local rules = require "pith.rules"
local core = require "pith.core"
local pith = require "pith"

local DIR = "spec/fixtures/rules/ftr-real"

local function page(name)
  local f = assert(io.open("../shared/corpus/mercury/html/" .. name .. ".html.gz", "rb"))
  local html = assert(core.gunzip(f:read("*a")))
  f:close()
  return html
end

local function errors_matching(pat)
  local out = {}
  for _, e in ipairs(rules.errors()) do
    if e:find(pat) then out[#out + 1] = e end
  end
  return out
end

describe("real FiveFilters site files", function()
  before_each(function()
    rules.reset()
    rules.add_path(DIR)
  end)

  it("lose only the line whose XPath fails at evaluation, said once with its line (polygon.com.txt)", function()
    local url = "https://www.polygon.com/diablo-4-guides/565876/reliquary-battle-pass-explained-rewards"
    local rule = rules.find(url)
    assert.are.equal("ftr:polygon.com", rule.id)
    local notes = errors_matching("polygon%.com%.txt")
    assert.are.equal(1, #notes, table.concat(notes, "\n"))
    assert.matches("polygon%.com%.txt:1: FiveFilters directive 'body' ignored: contains%(%) takes 2 arguments, given 1",
      notes[1])
    -- before, the whole rule failed on the page ("wrong number of arguments") and took the generic path
    local rec = assert(pith.extract(page("www.polygon.com__1746405751338"), { url = url, rule = rule }))
    assert.is_nil(rec.rule_error)
    assert.are.equal("ftr:polygon.com@ftr", rec.rule)
    assert.same({ "Ryan Gilliam" }, rec.authors) -- the file's author line, on Mercury's expected value
  end)

  it("give string-valued XPath dates in ISO form, as FiveFilters' strtotime does (phoronix.com.txt)", function()
    local url = "https://www.phoronix.com/news/Raspberry-Pi-HEVC-H265-Decode"
    local rec = assert(pith.extract(page("www.phoronix.com__1734972692620"), { url = url, rule = rules.find(url) }))
    assert.are.equal("ftr:phoronix.com@ftr", rec.rule)
    -- the page prints "21 December 2024 at 09:31 AM EST"; Mercury expects 2024-12-21
    assert.are.equal("2024-12-21", rec.date)
    assert.same({ "Michael Larabel" }, rec.authors)
    assert.are.equal(1, #errors_matching("phoronix%.com%.txt:6: FiveFilters directive 'next_page_link' " ..
      "ignored %(1 line%): needs another page fetched"))
  end)
end)
