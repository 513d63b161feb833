-- Among several h1s: the display headline whose dek restates the declared headline, against the
-- declared headline that another h1 repeats (title.choose's display step).
local util = require "support.util"
local core = require "pith.core"
local metadata = require "pith.metadata"

local URL = "https://news.example.com/2017/03/story.html"

local function collect_html(html)
  local doc = assert(core.parse(html, { url = URL }))
  local f = metadata.collect(doc, { url = URL })
  doc:close()
  return f
end

local BODY = "<p>" .. ("The story goes on for a while. "):rep(20) .. "</p>"
local OG = "<meta property='og:title' content='Promises to Take Care of Rural Voters Were a Con'>"

-- A sticky bar repeating the declared headline as an h1, then the article's header.
local function sticky(article_header)
  return "<html><head><title>Promises to take care of rural voters were always a con.</title>" .. OG
    .. "</head><body><header class='roll-up'><div class='titles'>"
    .. "<h1>Promises to Take Care of Rural Voters Were a Con</h1></div></header>"
    .. "<div class='page'><article><header>" .. article_header .. "</header>" .. BODY
    .. "</article></div></body></html>"
end

describe("the display headline among several h1s", function()
  it("takes the h1 whose dek restates the declared headline (slate's pattern)", function()
    local f = collect_html(sticky("<h1 class='hed'>Broken Pledge</h1><div class='social'><a href='#'>Share</a></div>"
      .. "<h2 class='dek'>The promises to take care of rural voters have officially proved to be a con.</h2>"
      .. "<p class='byline'>By Jane Doe</p>"))
    assert.equal("Broken Pledge", f.title)
    -- (The dek under it is then found: the window follows the headline.)
    assert.equal("The promises to take care of rural voters have officially proved to be a con.", f.description)
  end)

  it("takes a splash headline before the article's h1 (nymag)", function()
    local doc = assert(core.parse(util.page("../shared/corpus/mercury/html/nymag.com.html.gz"),
      { url = "http://nymag.com/daily/intelligencer/2016/09/how-fox-news-women-took-down-roger-ailes.html",
        charset = "utf-8" }))
    local f = metadata.collect(doc,
      { url = "http://nymag.com/daily/intelligencer/2016/09/how-fox-news-women-took-down-roger-ailes.html" })
    doc:close()
    -- og:title and the article's h1: "How Fox News Women Took Down Roger Ailes"; the splash h1
    -- "The Revenge of Roger’s Angels" over the teaser "How Fox News women took down the most
    -- powerful, and predatory, man in media."
    assert.equal("The Revenge of Roger’s Angels", f.title)
  end)

  it("keeps the declared headline when the other h1's dek says something else", function()
    local f = collect_html(sticky("<h1 class='hed'>Broken Pledge</h1>"
      .. "<h2 class='dek'>A column about the weather in the mountains this spring and summer.</h2>"))
    assert.equal("Promises to Take Care of Rural Voters Were a Con", f.title)
  end)

  it("keeps the declared headline when the other h1 is one word or the same headline", function()
    local dek = "<h2 class='dek'>The promises to take care of rural voters have officially proved to be a con.</h2>"
    assert.equal("Promises to Take Care of Rural Voters Were a Con",
      collect_html(sticky("<h1>Politics</h1>" .. dek)).title)
    assert.equal("Promises to Take Care of Rural Voters Were a Con",
      collect_html(sticky("<h1>Promises to Take Care of Voters Were a Con</h1>" .. dek)).title)
  end)

  it("keeps the declared headline that no h1 states", function()
    local f = collect_html("<html><head>" .. OG .. "</head><body><h1>Broken Pledge</h1>"
      .. "<h2 class='dek'>The promises to take care of rural voters have officially proved to be a con.</h2>"
      .. "<h1>Other news</h1><article>" .. BODY .. "</article></body></html>")
    assert.equal("Promises to Take Care of Rural Voters Were a Con", f.title)
  end)
end)
