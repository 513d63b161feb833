local core = require "pith.core"
local metadata = require "pith.metadata"

local function description_of(head, body)
  local url = "https://news.test/2024/story"
  local html = "<html><head><title>Floods in the valley</title>" .. head .. "</head><body>" .. body
    .. "</body></html>"
  local doc = assert(core.parse(html, { url = url }))
  local f = metadata.collect(doc, { url = url })
  doc:close()
  return f.description
end

local DECLARED = '<meta property="og:description" content="Rivers rose overnight and the police ask for witnesses.">'

describe("description", function()
  it("takes the standfirst shown under the headline over a declared teaser", function()
    assert.equal("Two towns were cut off as the river rose by three metres in one night.", description_of(DECLARED,
      [[<article><h1>Floods in the valley</h1>
        <p class="dek">Two towns were cut off as the river rose by three metres in one night.</p>
        <p>Text of the story.</p></article>]]))
  end)

  it("keeps the declared description over a caption, a credit, a byline, a rating or buttons classed as the dek",
    function()
    for _, dek in ipairs({ "Photograph: Jane Roe/Getty Images", "© Kathrin Führes",
      "Birgit Kelle (Bild: Facebook)", "von Andreas Kürten", "Durchschnitt: 4.6 (7 Bewertungen)",
      "Artikel Redaktion Kontakt Teilen Drucken" }) do
      assert.equal("Rivers rose overnight and the police ask for witnesses.", description_of(DECLARED,
        '<article><h1>Floods in the valley</h1><p class="dek">' .. dek .. '</p><p>Text of the story.</p></article>'))
    end
    -- (a standfirst in a script with no ASCII letters is words all the same)
    local ru = "Президент не дорос до настоящего диктатора"
    assert.equal(ru, description_of(DECLARED,
      '<article><h1>Floods in the valley</h1><p class="dek">' .. ru .. '</p><p>Text.</p></article>'))
  end)
end)

describe("declared description", function()
  it("takes the RDFa Dublin Core description before OpenGraph's, and a DC.description name after it", function()
    local body = "<article><h1>Floods in the valley</h1><p>Text of the story.</p></article>"
    assert.equal("Preferred", description_of(
      '<meta property="og:description" content="Teaser"><meta property="dc:description og:x" content="Preferred">',
      body))
    -- (a CMS writes the site's description into DC.description on every page)
    assert.equal("Teaser", description_of('<meta name="DC.description" content="The daily paper of the valley">'
      .. '<meta property="og:description" content="Teaser">', body))
  end)
end)
