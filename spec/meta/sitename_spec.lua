local core = require "pith.core"
local metadata = require "pith.metadata"

local function site_of(head, body, url)
  local html = "<html><head>" .. head .. "</head><body>" .. (body or "") .. "</body></html>"
  local doc = assert(core.parse(html, { url = url }))
  local f = metadata.collect(doc, { url = url })
  doc:close()
  return f.sitename
end

describe("site name", function()
  it("takes the site's name out of a declared site name that is the headline and the site's name", function()
    -- og:site_name "Achtsam durch die Krise | Die FURCHE" beside og:title "Achtsam durch die Krise"
    assert.equal("Die Wochenzeitung", site_of([[<title>Achtsam durch die Krise | Die Wochenzeitung</title>
      <meta property="og:title" content="Achtsam durch die Krise">
      <meta property="og:site_name" content="Achtsam durch die Krise | Die Wochenzeitung">]],
      "<h1>Achtsam durch die Krise</h1><p>Words.</p>", "https://www.zeitung.test/gesellschaft/achtsam"))
    -- application-name written by the template that writes the <title>, site after " - "
    assert.equal("Handball Schweiz", site_of([[
      <title>Cup-Vorschau: Beim Club freut man sich auf viele Fans - Handball Schweiz</title>
      <meta name="application-name"
        content="Cup-Vorschau: Beim Club freut man sich auf viele Fans - Handball Schweiz">]],
      "<h1>Cup-Vorschau: Beim Club freut man sich auf viele Fans</h1><p>Words.</p>",
      "https://www.handball.test/de/news/2022/cup-vorschau"))
  end)

  it("keeps a declared name whose pieces are all the site's", function()
    assert.equal("IT4Kids | IT-Kurse für Grundschulen", site_of([[<title>IT4Kids | IT-Kurse für Grundschulen</title>
      <meta property="og:title" content="Variablen und ihr Zuhause">
      <meta property="og:site_name" content="IT4Kids | IT-Kurse für Grundschulen">]],
      "<h1>Variablen und ihr Zuhause</h1><p>Words.</p>", "https://it-for-kids.test/variablen"))
    assert.equal("BBC News", site_of([[<title>The man who built a firm - BBC News</title>
      <meta property="og:site_name" content="BBC News">]], "<h1>The man who built a firm</h1>",
      "https://www.bbc.test/news/business-1"))
  end)

  it("takes the name a page declares over a JSON-LD publisher named as a company", function()
    local ld = [[<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
      "headline": "Floods in the valley", "publisher": {"@type": "NewsMediaOrganization",
      "name": "%s"}}</script>]]
    local head = '<title>Floods in the valley | EL DIARIO</title><meta property="og:site_name" content="EL DIARIO">'
    assert.equal("EL DIARIO", site_of(head .. ld:format("Ediciones EL DIARIO S.L."), "<h1>Floods in the valley</h1>",
      "https://diario.test/2020/floods"))
    assert.equal("EL DIARIO", site_of(head .. ld:format("Diario Medien GmbH"), "<h1>Floods in the valley</h1>",
      "https://diario.test/2020/floods"))
    -- (a publisher named as the site is named keeps its JSON-LD name)
    assert.equal("El Diario de la Tarde", site_of(head .. ld:format("El Diario de la Tarde"),
      "<h1>Floods in the valley</h1>", "https://diario.test/2020/floods"))
  end)
end)
