-- The last-resort body-date scan (pith.meta.text_dates) through metadata.collect: snippets copy
-- the markup of held-out pages (kept outside the repo).
local core = require "pith.core"
local metadata = require "pith.metadata"

-- (The text stands below the article, away from the headline, as on the pages it copies.)
local function date_of(body)
  local filler = "<p>" .. ("Mozilla is a free-software community. "):rep(60) .. "</p>"
  local doc = assert(core.parse("<html><body><h1>Mozilla</h1>" .. filler .. body .. "</body></html>"))
  local f = metadata.collect(doc, {})
  doc:close()
  return f.date
end

describe("pith.meta.text_dates", function()
  it("still takes a dateline standing alone, with its time after a dash", function()
    assert.equal("2022-01-30T18:36:00", date_of("<span>30.01.2022 18:36</span>"))
    assert.equal("2020-03-12", date_of("<span>12.03.2020 - 14:30</span>"):sub(1, 10))
  end)

  it("takes no span of days for a publication day (a festival's dates, a weekly report)", function()
    -- a film festival's programme: <li>23.10.2015 - 25.10.2015</li>; an avalanche bulletin:
    -- <h4>Wochenbericht 14. - 20. Januar 2022</h4>
    assert.is_nil(date_of("<ul><li>23.10.2015 - 25.10.2015</li></ul>"))
    assert.is_nil(date_of("<h4>Wochenbericht 14. - 20. Januar 2022</h4>"))
    assert.is_nil(date_of("<p>3 – 5 May 2020</p>"))
    assert.is_nil(date_of("<p>1. bis 3. März 2021</p>"))
  end)

  it("takes no reference's date of access", function()
    -- a magazine's reference list: <li>… . Abgerufen am 09.11.2022:</li>
    assert.is_nil(date_of("<ol><li>. Abgerufen am 09.11.2022:</li></ol>"))
    assert.is_nil(date_of("<ol><li>Retrieved 3 May 2020.</li></ol>"))
  end)
end)
