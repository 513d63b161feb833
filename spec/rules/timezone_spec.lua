-- A rule's `timezone`: dates its site prints without a zone are read in that offset and given in
-- UTC, a date alone as that zone's midnight (how Mercury's per-site tests state such dates).
local rules = require "pith.rules"
local dates = require "pith.meta.dates"
local core = require "pith.core"

local function page(name)
  local f = assert(io.open("../shared/corpus/mercury/html/" .. name .. ".html.gz", "rb"))
  local html = assert(core.gunzip(f:read("*a")))
  f:close()
  return html
end

-- sanwa.co.jp prints "2019.03.08" in dl.date: a Japanese calendar day with no time
local function sanwa_rule(timezone)
  return {
    id = "tz.test", version = "1", timezone = timezone,
    match = { hosts = { "sanwa.co.jp" } },
    fields = { date = { "dl.date dt", clean = function(v) return dates.parse(v) end } },
  }
end

describe("a rule's timezone", function()
  before_each(function() rules.reset() end)
  after_each(function() rules.reset() end)

  it("turns a printed day into that zone's midnight in UTC", function()
    local html = page("www.sanwa.co.jp")
    local doc = assert(core.parse(html))
    local plain = assert(rules.apply(assert(rules.register(sanwa_rule(nil))), doc))
    assert.are.equal("2019-03-08", plain.fields.date)
    doc:close()
    doc = assert(core.parse(html))
    local tokyo = assert(rules.apply(assert(rules.register(sanwa_rule("+09:00"))), doc))
    assert.are.equal("2019-03-07T15:00:00Z", tokyo.fields.date)
    doc:close()
  end)

  it("is what the built-in Japanese rules declare", function()
    local rec = assert(require("pith").extract(page("www.sanwa.co.jp"),
      { url = "https://www.sanwa.co.jp/news/201903/ma-irfp139bk/index.html" }))
    assert.matches("^sanwa", rec.rule)
    assert.are.equal("2019-03-07T15:00:00Z", rec.date)
  end)

  it("must be an offset", function()
    local bad = sanwa_rule("Asia/Tokyo")
    local r, err = rules.register(bad)
    assert.is_nil(r)
    assert.matches("timezone must be an offset", err)
  end)
end)

describe("dates.to_utc", function()
  it("reads wall times and days in the offset, across a day and a year", function()
    assert.are.equal("2019-04-03T15:00:00Z", dates.to_utc("2019-04-04", "+09:00"))
    assert.are.equal("2019-01-01T04:30:15Z", dates.to_utc("2018-12-31T23:30:15", "-05:00"))
    assert.are.equal("2020-02-29T00:00:00Z", dates.to_utc("2020-02-29", "Z"))
  end)

  it("leaves a value that states its zone, and refuses a zone it cannot read", function()
    assert.are.equal("2019-04-04T10:00:00+02:00", dates.to_utc("2019-04-04T10:00:00+02:00", "+09:00"))
    assert.are.equal("2019-04-04T10:00:00Z", dates.to_utc("2019-04-04T10:00:00Z", "+09:00"))
    assert.is_nil(dates.to_utc("2019-04-04", "JST"))
  end)
end)
