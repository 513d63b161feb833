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

  it("takes the dateline a paragraph opens with, set apart from its first sentence", function()
    -- a press release: <p><strong>01.02.2022 „Der Arbeitsmarkt ist gut ...</strong></p>; a
    -- magazine: <p class="bodytext">27.1.2022 - Bei der Erinnerung ...</p>
    local prose = " Bei der Erinnerung an die Verfolgten des Regimes wurde in diesem Jahr vieles anders gemacht."
    assert.equal("2022-02-01", date_of("<p><strong>01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr gestartet."
      .. prose .. "</strong></p>"))
    assert.equal("2022-01-27", date_of('<p class="bodytext">27.1.2022 -' .. prose .. "</p>"))
    assert.equal("2022-11-29", date_of("<p>29.11.2022 \226\128\147 Mehrfach und vehement hatte die Branche die "
      .. 'Nachteile des vorgesehenen <a href="/x">Gesetzes</a> beklagt.</p>'))
    -- a church's news: <strong>Karlsruhe, (12.11.2021). Traditionell gedenken ...</strong>
    assert.equal("2021-11-12", date_of("<p><strong>Karlsruhe, (12.11.2021)." .. prose .. "</strong></p>"))
    assert.equal("2022-11-21", date_of("<p>(21. November 2022)" .. prose .. "</p>"))
  end)

  it("takes no sentence that begins with a date, nor an event's hours opening a teaser", function()
    local prose = " tritt das neue Gesetz in Kraft, das die Regeln für alle Betriebe im Land ändert und vereinfacht."
    assert.is_nil(date_of("<p>1. Januar 2022" .. prose .. "</p>"))
    -- a seminar's teaser: <p class="card-text">Sa., 22.01.2022, 9:00 &ndash; 17:00 Uhr Sie haben ...</p>
    assert.is_nil(date_of("<p>Sa., 22.01.2022, 9:00 \226\128\147 17:00 Uhr" .. prose .. "</p>"))
    assert.is_nil(date_of("<p>23.10.2015 - 25.10.2015:" .. prose .. "</p>"))
  end)

  it("takes no listing's dates: the same element's dated text in item after item", function()
    -- a recipe blog's sidebar: <p><span class="clock">Rezept vom 2 Aug. 2013</span></p> per recipe
    local item = '<div class="fblock"><h4><a href="/r%d">Recipe %d</a></h4><p><span class="clock">'
      .. "Rezept vom %d Aug. 2013</span></p></div>"
    -- (a sidebar after the article's texts, beyond the headline's own datelines)
    local article = ("<p>A paragraph.</p>"):rep(45)
    assert.is_nil(date_of(article .. item:format(1, 1, 2) .. item:format(2, 2, 9) .. item:format(3, 3, 18)))
    -- (one dateline of that class is the page's)
    assert.equal("2013-08-02", date_of(article .. item:format(1, 1, 2)))
  end)

  it("takes a dateline in a layout table's one-cell row, not a data table's cell", function()
    -- an old news site built of tables: <tr><td colspan="2"><font>Xinhua ( 2012-06-04 09:20:26 )</font></td></tr>
    assert.equal("2012-06-04", date_of('<table><tr><td colspan="2"><font>Xinhua ( 2012-06-04 09:20:26 )</font>'
      .. "</td></tr></table>"):sub(1, 10))
    -- an infobox: <tr><th>Founded</th><td>1998-02-28</td></tr>
    assert.is_nil(date_of("<table><tr><th>Founded</th><td>1998-02-28</td></tr></table>"))
    assert.is_nil(date_of("<table><tr><td>Opening</td><td>5 May 2021</td></tr></table>"))
  end)

  it("takes no customer rating's date", function()
    -- a comparison site's review slider: <div class="ekomi-rating-details">Kundenbewertung 02.05.2020</div>
    assert.is_nil(date_of('<div class="ekomi-rating slide"><div class="ekomi-rating-details">Kundenbewertung '
      .. "02.05.2020</div><q>Super</q></div>"))
    -- (right under the headline, where dom.date_text reads)
    local filler = "<p>" .. ("Leasing oder Finanzierung, was passt besser? "):rep(60) .. "</p>"
    local doc = assert(core.parse('<html><body><header><h1>Leasing</h1><p>Rechner</p></header><div><div '
      .. 'class="ekomi-rating-details">Kundenbewertung 02.05.2020</div></div>' .. filler .. "</body></html>"))
    assert.is_nil(metadata.collect(doc, {}).date)
    doc:close()
  end)

  it("takes no reference's date of access", function()
    -- a magazine's reference list: <li>… . Abgerufen am 09.11.2022:</li>
    assert.is_nil(date_of("<ol><li>. Abgerufen am 09.11.2022:</li></ol>"))
    assert.is_nil(date_of("<ol><li>Retrieved 3 May 2020.</li></ol>"))
  end)
end)
