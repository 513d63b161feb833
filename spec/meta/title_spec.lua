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
end)
