local title = require "pith.meta.title"

describe("pith.meta.title", function()
  it("strips a known site name after or before the headline", function()
    assert.equal("Oil rises", (title.strip("Oil rises | Reuters", { "Reuters" })))
    assert.equal("Oil rises", (title.strip("Yahoo News - Oil rises", {}, "news.yahoo.com")))
    assert.equal("A-B testing - a guide", (title.strip("A-B testing - a guide", { "Other" })))
  end)

  it("prefers a declared title that agrees with the h1", function()
    assert.equal("Oil rises", title.choose {
      declared = { "Oil rises - Example" }, html_title = "Oil rises - Example", h1s = { "Oil rises" },
      sites = {}, host = "example.com",
    })
  end)

  it("falls back to <title> and then to a single h1", function()
    assert.equal("Page", title.choose { declared = {}, html_title = "Page | Site", h1s = {}, sites = { "Site" } })
    assert.equal("Only heading", title.choose { declared = {}, h1s = { "Only heading" }, sites = {} })
  end)

  it("keeps a declared title's piece that does not name the site, even beside the h1", function()
    -- Readability keeps "| Eleanor Ainge Roy" (an author) as the page declared it.
    assert.equal("Whales | Eleanor Ainge Roy", title.choose {
      declared = { "Whales | Eleanor Ainge Roy" }, html_title = "Whales | Eleanor Ainge Roy | The Guardian",
      h1s = { "Whales" }, sites = { "The Guardian" }, declared_sites = {}, host = "theguardian.com",
    })
    assert.equal("Whales", (title.strip("Whales - The Motley Fool", {}, "fool.com")))
  end)
end)
