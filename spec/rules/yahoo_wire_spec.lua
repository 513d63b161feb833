-- A wire story syndicated on Yahoo News repeats its own byline as the body's first paragraph
-- (../shared/docs/seed-yahoo-reuters.txt: "By Dmitry Antonov" above "MOSCOW (Reuters) - ...").
-- The corpus holds no Yahoo page carrying Reuters, so the seed's byline and lead paragraph are
-- set into the body of the real Yahoo page that carries a Straits Times story.
local util = require "support.util"
local extract = require "pith.extract"

local PAGE = "../shared/corpus/mercury/html/sg.news.yahoo.com__1752437547267.html.gz"
local URL = "https://sg.news.yahoo.com/mcdonald-pore-launches-chilli-crab-064000706.html"

-- The seed's byline line and the paragraph after it.
local function seed_lead()
  local seed = util.read("../shared/docs/seed-yahoo-reuters.txt")
  local byline = assert(seed:match("\n(By [^\n]+)\n"))
  local lead = assert(seed:match("\n(MOSCOW %(Reuters%)[^\n]+)\n"))
  return byline, lead
end

-- The page with paragraphs put first in its story body.
local function with_first(paras)
  local html = util.page(PAGE)
  local at = assert(html:find('<div class="caas-body">', 1, true))
  local p = assert(html:find("<p", at, true))
  local inserted = {}
  for i, s in ipairs(paras) do inserted[i] = "<p>" .. s .. "</p>" end
  return html:sub(1, p - 1) .. table.concat(inserted) .. html:sub(p)
end

describe("yahoo.news rule on a syndicated wire story", function()
  it("drops the wire byline paragraph and keeps the story's lead", function()
    local byline, lead = seed_lead()
    local rec = assert(extract.extract(with_first({ byline, lead }), { url = URL }))
    assert.matches("^yahoo%.news@", rec.rule)
    assert.falsy(rec.text:find(byline, 1, true))
    assert.truthy(rec.text:find(lead, 1, true))
    assert.truthy(rec.text:find("SINGAPORE – Move over, curry sauce", 1, true))
  end)

  it("drops a byline naming two writers", function()
    local rec = assert(extract.extract(with_first({ "By Dmitry Antonov and Tom Balmforth" }), { url = URL }))
    assert.falsy(rec.text:find("Tom Balmforth", 1, true))
  end)

  it("keeps a short paragraph that only opens with the word By", function()
    local line = "By then, nobody in Geneva was optimistic."
    local rec = assert(extract.extract(with_first({ line }), { url = URL }))
    assert.truthy(rec.text:find(line, 1, true))
  end)
end)
