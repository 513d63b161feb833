-- The lead: what the article keeps between its start and its first paragraph
-- (plugin/clean.c, pith__clean_lead). Hand-written snippets copying the markup of real pages.
local extract = require "pith.extract"

local function text_of(html)
  local rec = assert(extract.extract(html, { rule = false }))
  return (rec.text:gsub("%s+", " "))
end

local BODY = "<p>Manga creators Mito Aoi and Meza Tono launched a new manga in the Comic Days app "
  .. "on Friday. Tono is writing the story, and Aoi is drawing the art for the new series.</p>"
  .. "<p>The manga centers on Marina and Haruto, who married each other after a long feud "
  .. "between their families, and who now share a house with a flag of reconciliation.</p>"
  .. "<p>Aoi launched the previous manga in 2019 and ended it in 2023, after seven volumes "
  .. "that sold well across the country and abroad in several translations.</p>"

local function page(lead)
  return "<html><head><title>Mito Aoi Launches New Manga</title></head><body>"
    .. "<div id='maincontent'><h1>Mito Aoi Launches New Manga</h1><div class='text-zone'>"
    .. "<div class='meat'>" .. lead .. BODY .. "</div></div></div></body></html>"
end

describe("a figure's caption at the article's start", function()
  it("stays when its class calls it a credit but it says more than a name", function()
    local text = text_of(page("<figure class='fright'><img src='/t/flag.jpg' width='300' "
      .. "height='169'><figcaption class='credit'>Image via <a href='https://x.com/c/1'>Comic "
      .. "Days X/Twitter account</a></figcaption></figure>"))
    assert.truthy(text:find("^Image via Comic Days X/Twitter account Manga creators"))
  end)

  it("stays when it is a caption and an agency's credit in spans of one figcaption", function()
    local text = text_of(page("<figure class='c-lead-image'><picture><img src='/t/mr.jpg'>"
      .. "</picture><figcaption class='c-lead-image__credit'><span class='c-lead-image__caption'>"
      .. "The Moulin Rouge cabaret in Paris</span> <span class='c-lead-image__attribution'>"
      .. "Benoit Tessier/Reuters</span></figcaption></figure>"))
    assert.truthy(text:find("^The Moulin Rouge cabaret in Paris Benoit Tessier/Reuters Manga"))
  end)

  it("goes when the credit is a bare name", function()
    local text = text_of(page("<figure class='intro-image'><img src='/t/a.jpg'>"
      .. "<figcaption class='credit'>Valentina Palladino</figcaption></figure>"))
    assert.truthy(text:find("^Manga creators Mito Aoi"))
  end)
end)
