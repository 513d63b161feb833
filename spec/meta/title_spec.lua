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

  it("cuts a declared title that is the h1 plus a label, and sides with the h1 when sources disagree", function()
    assert.equal("Whales beach in Taranaki", title.choose {
      declared = { "Whales beach in Taranaki | Eleanor Ainge Roy" }, h1s = { "Whales beach in Taranaki" },
      sites = {}, host = "example.com",
    })
    assert.equal("Comet probe ends its mission in a dive", title.choose {
      declared = { "Comet probe ends its mission with a crash" }, html_title = "Rosetta dives into a comet",
      h1s = { "Comet probe ends its mission in a dive" }, sites = {}, host = "example.com",
    })
    -- <title> agrees with og:title: the declaration stands.
    assert.equal("Comet probe ends its mission with a crash", title.choose {
      declared = { "Comet probe ends its mission with a crash" },
      html_title = "Comet probe ends its mission with a crash",
      h1s = { "Comet probe ends its mission in a dive" }, sites = {}, host = "example.com",
    })
  end)
  it("takes the h1 that the <title> repeats when the declared title is its first part (itmedia.co.jp)", function()
    local core = require "pith.core"
    local metadata = require "pith.metadata"
    local util = require "support.util"
    local doc = assert(core.parse(util.page("../shared/corpus/mercury/html/www.itmedia.co.jp.html.gz")))
    -- og:title is "Intel NUCで最新SSDを比較してみた"; the h1 and <title> carry the subtitle too.
    assert.equal("Intel NUCで最新SSDを比較してみた：さらば平成、さらば水冷、いくぜNUC（1/2 ページ）",
      metadata.collect(doc, { url = "https://www.itmedia.co.jp/pcuser/articles/1904/24/news031.html" }).title)
    doc:close()
    -- Without the <title>'s agreement the declaration stands.
    assert.equal("Headline", title.choose {
      declared = { "Headline" }, html_title = "Headline | Site", h1s = { "Headline: a subtitle" },
      sites = { "Site" }, host = "example.com",
    })
    assert.equal("Headline: a subtitle", title.choose {
      declared = { "Headline" }, html_title = "Headline: a subtitle | Site", h1s = { "Headline: a subtitle" },
      sites = { "Site" }, host = "example.com",
    })
  end)
  it("takes the wording of the h1 marked itemprop=headline when og:title differs only in punctuation", function()
    -- newrepublic.com (mercury corpus): og:title "‘Fantastic Beasts’: A Nice Place to Visit", and
    -- <h1 itemprop="headline"><i>Fantastic Beasts</i>: A Nice Place to Visit</h1>.
    local c = {
      declared = { "‘Fantastic Beasts’: A Nice Place to Visit" },
      html_title = "‘Fantastic Beasts’: A Nice Place to Visit | The New Republic",
      h1s = { "The New Republic", "Fantastic Beasts: A Nice Place to Visit" },
      headline = "Fantastic Beasts: A Nice Place to Visit",
      sites = { "The New Republic" }, host = "newrepublic.com",
    }
    assert.equal("Fantastic Beasts: A Nice Place to Visit", title.choose(c))
    -- An unmarked h1 (refinery29's, buzzfeed's) leaves the declared quotes alone.
    c.headline = nil
    assert.equal("‘Fantastic Beasts’: A Nice Place to Visit", title.choose(c))
    -- A marked headline with other words is no reason to leave the declaration.
    c.headline = "How Fox News Women Took Down Roger Ailes"
    assert.equal("‘Fantastic Beasts’: A Nice Place to Visit", title.choose(c))
  end)
end)
