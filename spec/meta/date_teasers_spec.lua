-- Dates of teasers (a listing's items, each with a heading that links to another page) are not
-- the page's: snippets copy the markup of held-out and corpus pages.
local core = require "pith.core"
local metadata = require "pith.metadata"

local URL = "https://example.org/news/a-post.html"

-- (The article's text is long, as on the pages copied: its block is no short dateline.)
local FILLER = "<p>" .. ("Wir beraten Genossenschaften in Bayern. "):rep(60) .. "</p>"

local function date_of(html)
  local doc = assert(core.parse(html))
  local f = metadata.collect(doc, { url = URL })
  doc:close()
  return f.date
end

-- A sidebar news box: one item per story, each a linked heading, a summary and its date.
local NEWS_BOX = [[<aside><h2>Meldungen</h2>
<div class="newsItem clearfix"><h4><a href="https://example.org/artikel/tag-der-archive">Tag der Archive</a></h4>
<p><a href="https://example.org/artikel/tag-der-archive">Briefe, Postkarten und Tweets</a>
<span class="newsDate">27.02.2020</span></p></div>
<div class="newsItem clearfix"><h4><a href="https://example.org/artikel/verabschiedet">Verabschiedet</a></h4>
<p><a href="https://example.org/artikel/verabschiedet">Nach 30 Jahren</a>
<span class="newsDate">21.02.2020</span></p></div></aside>]]

describe("teasers' dates", function()
  it("gives no date for an undated page from a sidebar's listing of other stories", function()
    local html = [[<html lang="de"><body><main><h1>Unser Verband</h1>]] .. FILLER .. "</main>" .. NEWS_BOX
      .. "</body></html>"
    assert.is_nil(date_of(html))
  end)

  it("still takes a lone date element beside the headline", function()
    local html = [[<html lang="de"><body><main><h1>Unser Verband</h1>
<span class="newsDate">03.03.2020</span><p>Wir beraten Genossenschaften.</p></main>]]
      .. NEWS_BOX .. "</body></html>"
    assert.equal("2020-03-03", date_of(html))
  end)

  it("skips a menu of the latest stories to reach the article's own <time>", function()
    local items = {}
    for i = 1, 4 do
      items[#items + 1] = ([[<li><span class="time-posted"><time datetime="2026-06-1%dT11:15:00-04:00">11:15</time>
</span><span><a href="https://example.org/news/story-%d">Story %d</a></span></li>]]):format(i, i, i)
    end
    local html = [[<html><body><nav><ul class="col">
<li><h4><a href="https://example.org/news/">News</a></h4></li>]]
      .. table.concat(items) .. [[</ul><ul class="col"><li>More</li></ul></nav><div id="page-title"><h1>A new manga</h1>
<small>posted on <time datetime="2026-06-09T11:15:00-04:00"><strong>2026-06-09</strong> 11:15 EDT</time></small>
</div><p>Text of the story.</p></body></html>]]
    assert.equal("2026-06-09T11:15:00-04:00", date_of(html))
  end)

  it("skips a story card's date, set in its heading inside its link to the story", function()
    local card = [[<a href="https://example.org/de/ziele/a-65464327"><img src="x.jpg" alt="">
<h2>Militärgeheimdienst zuversichtlich <span class="date">24.04.2023</span></h2></a>]]
    local html = [[<html lang="de"><body><main><h1>Die Gegenoffensive</h1>]] .. FILLER .. card
      .. [[<p class="meta"><span class="date">28.04.2023</span></p></main></body></html>]]
    assert.equal("2023-04-28", date_of(html))
    -- The same heading without a link to another story is the page's own.
    html = [[<html lang="de"><body><main><h2>Die Gegenoffensive <span class="date">28.04.2023</span></h2>]]
      .. FILLER .. "</main></body></html>"
    assert.equal("2023-04-28", date_of(html))
  end)

  it("keeps a date that links to the page's own address or to no listing", function()
    -- A blog's post: its heading and date link to the post itself.
    assert.equal("2019-05-02", date_of([[<html><body><h1>My blog</h1>
<ul><li class="post"><h2><a href="/news/a-post.html">A post</a></h2><time datetime="2019-05-02">May 2</time>
<p>Text.</p></li><li class="post"><p>Other.</p></li></ul></body></html>]]):sub(1, 10))
    -- A repository's last commit: a link to the commit, beside no heading of a listing.
    assert.equal("2020-07-07", date_of([[<html><body><h1>marzipanify</h1><div class="commit">
<h2 class="sr-only">Latest commit</h2><a href="/x/commit/3735276">3735276</a>
<a href="/x/commit/3735276"><relative-time datetime="2020-07-07T12:10:51Z">on Jul 7, 2020</relative-time></a></div>
</body></html>]]):sub(1, 10))
  end)
end)
