local dates = require "pith.meta.dates"

describe("pith.meta.dates", function()
  local function p(s)
    return dates.parse(s, { now = 20260101 })
  end

  it("keeps ISO 8601 and normalises its offset", function()
    assert.equal("2021-01-05", p("2021-01-05"))
    assert.equal("2021-01-05T10:15:00Z", p("2021-01-05T10:15:00Z"))
    assert.equal("2021-01-05T10:15:00+01:00", p("2021-01-05T10:15:00.000+0100"))
    assert.equal("2015-07-24T05:36:09+01:00", p("2015-07-24T05:36:09+01:00"))
    assert.equal("2017-11-03T03:01:00", p("2017-11-03 03:01:00.000000"))
  end)

  it("reads RFC 2822 and ctime-like forms", function()
    assert.equal("2021-01-05T10:15:00Z", p("Tue, 05 Jan 2021 10:15:00 GMT"))
    assert.equal("2021-01-05T10:15:00-05:00", p("Tue, 05 Jan 2021 10:15:00 -0500"))
    assert.equal("2015-08-03T12:45:00-04:00", p("Mon Aug 03 12:45:00 EDT 2015"))
  end)

  it("reads English, French, German and Spanish month names", function()
    assert.equal("2021-01-05", p("January 5, 2021"))
    assert.equal("2021-01-05T15:46:00-05:00", p("Jan. 5, 2021 at 3:46 PM EST"))
    assert.equal("2021-01-05", p("5 janvier 2021"))
    assert.equal("2021-01-05T10:15:00", p("le 5 janvier 2021 à 10h15"))
    assert.equal("2019-12-17", p("17 DÉCEMBRE 2019"))
    assert.equal("2021-01-05", p("5. Januar 2021"))
    assert.equal("2021-03-05T10:15:00", p("5. März 2021 um 10.15 Uhr"))
    assert.equal("2021-01-05", p("5 de enero de 2021"))
  end)

  it("reads numeric forms: US month first, dotted day first", function()
    assert.equal("2021-01-05", p("01/05/2021"))
    assert.equal("2020-12-25", p("25/12/2020"))
    assert.equal("2021-01-05", p("05.01.2021"))
  end)

  it("reads epoch seconds and milliseconds as UTC", function()
    assert.equal("2021-01-05T10:15:00Z", p("1609841700"))
    assert.equal("2021-01-05T10:15:00Z", p("1609841700123"))
  end)

  it("rejects relative, future, pre-1995 and impossible dates", function()
    assert.is_nil(p("3 hours ago"))
    assert.is_nil(p("2035-01-01"))
    assert.is_nil(p("1990-01-01"))
    assert.is_nil(p("2021-02-30"))
    assert.is_nil(p("yesterday"))
  end)

  it("finds dates in URL paths", function()
    assert.equal("2021-01-05", dates.from_url("https://example.com/news/2021/01/05/story"))
    assert.equal("2016-12-09", dates.from_url("http://example.com/2016-12-09-story.html"))
    assert.equal("2016-12-09", dates.from_url("http://example.com/2016/dec/09/story"))
    assert.is_nil(dates.from_url("http://example.com/story-12345"))
  end)
  it("reads Chinese, Japanese and Korean year-month-day forms", function()
    assert.equal("2019-02-27", dates.parse("2019年2月27日"))
    assert.equal("2019-02-22T10:15:00", dates.parse("投稿日：2019年02月22日 10:15"))
    assert.equal("2019-02-27T14:30:00", dates.parse("2019年2月27日（水） 14時30分"))
    assert.equal("2019-02-27", dates.parse("2019년 2월 27일"))
    assert.is_nil(dates.parse("2019年13月1日"))
  end)

  it("finds the visible CJK date of a real page (infoq.com/jp)", function()
    local core = require "pith.core"
    local metadata = require "pith.metadata"
    local f = assert(io.open("../shared/corpus/mercury/html/www.infoq.com.html.gz", "rb"))
    local doc = assert(core.parse(assert(core.gunzip(f:read("*a")))))
    f:close()
    local url = "https://www.infoq.com/jp/news/2019/02/chrome-never-slow-mode"
    assert.equal("2019-02-27", metadata.collect(doc, { url = url }).date)
    doc:close()
  end)
  it("prefers the article's declared date to the upload date of a video it embeds", function()
    -- The pattern of a how-to page whose only JSON-LD describes an embedded video.
    local core = require "pith.core"
    local metadata = require "pith.metadata"
    local html = [[<html><head><title>How to export</title>
<meta property="article:published_time" content="2017-12-01T12:01:11+01:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "VideoObject",
"name": "A clip", "uploadDate": "2015-01-16T14:53:35+01:00"}</script></head>
<body><h1>How to export</h1><p>Text.</p></body></html>]]
    local doc = assert(core.parse(html))
    assert.equal("2017-12-01T12:01:11+01:00", metadata.collect(doc, {}).date)
    doc:close()
    -- With nothing else declared, the upload date is still the page's best date.
    doc = assert(core.parse((html:gsub("<meta property[^>]*>", ""))))
    assert.equal("2015-01-16T14:53:35+01:00", metadata.collect(doc, {}).date)
    doc:close()
  end)
  it("restates a UTC timestamp in the local time the page prints beside it", function()
    -- al.com: article:published_time and article_date_original of the same story.
    assert.equal("2016-12-22T18:47:31-06:00", dates.localize("2016-12-23T00:47:31Z",
      { "2016-12-23T00:47:31Z", "Thursday, December 22, 2016, 06:47 PM" }))
    -- wikia (Readability's test page): JSON-LD dateCreated beside article:published_time.
    assert.equal("2017-02-23T17:18:13-08:00", dates.localize("2017-02-24T01:18:13Z",
      { "2017-02-23T17:18:13-08:00" }))
    -- Another moment, a date without a time, a non-UTC choice, an offset no zone has: unchanged.
    assert.equal("2016-12-23T00:47:31Z", dates.localize("2016-12-23T00:47:31Z", { "2016-12-22T09:13:00-05:00" }))
    assert.equal("2016-12-23T00:47:31Z", dates.localize("2016-12-23T00:47:31Z", { "December 22, 2016" }))
    assert.equal("2016-12-22T18:47:31-06:00", dates.localize("2016-12-22T18:47:31-06:00", { "2016-12-22T10:00" }))
    assert.equal("2016-12-23T00:47:31Z", dates.localize("2016-12-23T00:47:31Z", { "2016-12-22T00:40:00" }))
    assert.equal("2016-12-23", dates.localize("2016-12-23", { "2016-12-22T18:47:00" }))
    -- A day printed alone that the UTC value is the local midnight of (a day stored at midnight
    -- in Berlin): the printed day; a day the value is not a midnight of, or one before it: unchanged.
    assert.equal("2021-11-05T00:00:00+01:00", dates.localize("2021-11-04T23:00:00Z", { "05.11.2021" },
      { order = "dmy" }))
    assert.equal("2021-11-04T23:00:10Z", dates.localize("2021-11-04T23:00:10Z", { "05.11.2021" }, { order = "dmy" }))
    assert.equal("2021-11-04T23:07:00Z", dates.localize("2021-11-04T23:07:00Z", { "05.11.2021" }, { order = "dmy" }))
    assert.equal("2021-11-04T23:00:00Z", dates.localize("2021-11-04T23:00:00Z", { "04.11.2021" }, { order = "dmy" }))
  end)

  it("restates a declared UTC time in the local time printed beside the headline", function()
    -- The pattern of US local news: UTC in <meta>, the local day and time under the headline.
    local core = require "pith.core"
    local metadata = require "pith.metadata"
    local html = [[<html><head><title>A new mayor</title>
<meta property="article:published_time" content="2023-11-09T05:30:59Z"></head>
<body><article><h1>A new mayor</h1><div class="byline">By Staff</div>
<div class="meta">PUBLISHED: November 8, 2023 at 11:30 p.m.</div><p>Text of the story.</p></article></body></html>]]
    local doc = assert(core.parse(html))
    assert.equal("2023-11-08T23:30:59-06:00", metadata.collect(doc, {}).date)
    doc:close()
    -- A printed time twelve hours off is a 12-hour clock misread, not a zone: left in UTC.
    doc = assert(core.parse((html:gsub("11:30 p.m.", "5:30 p.m."))))
    assert.equal("2023-11-09T05:30:59Z", metadata.collect(doc, {}).date)
    doc:close()
  end)

  it("reads numeric dates in the order the page's language writes them", function()
    -- American English and unknown pages: month first with slashes and dashes
    assert.equal("2022-10-05", dates.parse("10/05/2022"))
    assert.equal("2021-05-04", dates.parse("05-04-2021", { order = "mdy" }))
    -- elsewhere the dash puts the day first (exxpress.at: datetime="01-11-2023 10:29")
    assert.equal("2023-11-01T10:29:00", dates.parse("01-11-2023 10:29"))
    -- a Spanish page's slashes (eluniversal.com: "10/05/2022 05:22 pm")
    assert.equal("2022-05-10T17:22:00", dates.parse("10/05/2022 05:22 pm", { order = "dmy" }))
    -- a number above 12 settles it whatever the language
    assert.equal("2022-05-13", dates.parse("05/13/2022", { order = "dmy" }))
    assert.equal("2022-05-13", dates.parse("13.05.2022", { order = "mdy" }))
  end)
  -- Texts seen on held-out pages (football.ua, an Egyptian news site, forumieren.com, goodnight.at,
  -- dtb-tennis.de, petri-heil.ch).
  it("reads Russian, Arabic and other month names, also capitalised", function()
    assert.equal("2016-08-15T13:43:00", p("15 августа 2016, 13:43"))
    assert.equal("2020-10-07T12:09:00", p("الأربعاء، 07 أكتوبر 2020 - 12:09 م"))
    assert.equal("2021-02-12", p("12 Şubat 2021"))
    assert.equal("2021-10-12", p("12. ŘÍJNA 2021"))
    assert.equal("2021-01-05", p("5 stycznia 2021"))
    assert.equal("2020-05-12", p("12 mei 2020"))
    assert.equal("2021-03-12", p("2021. március 12."))
    assert.equal("2021-03-12", p("the 12th of March, 2021"))
  end)

  it("takes no teaser's <time> in a link to another page, but a permalink's or a link's alone", function()
    local core = require "pith.core"
    local metadata = require "pith.metadata"
    local function date_of(body, url)
      local doc = assert(core.parse("<html><body><h1>Offshore wind</h1><p>Text.</p>" .. body .. "</body></html>"))
      local d = metadata.collect(doc, { url = url }).date
      doc:close()
      return d
    end
    -- a foundation's event carousel: <li><span class="time"><a href><time></a></span><h3>...</h3></li>
    assert.is_nil(date_of([[<ul><li><span class="time"><a href="https://example.org/messe-kee"><time
      datetime="2023-1-26">26. Januar</time></a></span><h3><a href="https://example.org/messe-kee">Messe</a></h3>
      </li></ul>]], "https://example.org/offshore-wind"))
    -- a post's date linked to its own address, in a list item with a heading
    assert.equal("2023-01-26", date_of([[<ul><li><a href="https://example.org/offshore-wind/"><time
      datetime="2023-01-26">26. Januar</time></a><h3>Offshore wind</h3></li></ul>]],
      "https://example.org/offshore-wind"))
    -- a repository's last commit: a link, no teaser around it
    assert.equal("2020-07-07T12:10:51Z", date_of([[<div><a href="/x/commit/3735276"><relative-time
      datetime="2020-07-07T12:10:51Z">on Jul 7, 2020</relative-time></a></div>]], "https://example.org/x"))
  end)

  it("reads two-digit years and spaced numeric dates, not version numbers", function()
    assert.equal("2013-10-26", p("lupa ad mina 71 1070 26.10.13"))
    assert.equal("2013-10-26T15:48:00", p("von lupa am 26/10/13, 03:48 pm"))
    assert.equal("2023-08-30", p("Party, 30.8.23"))
    assert.equal("2022-02-04", p("Von Deutscher Tennis Bund 4.\226\128\137 2.\226\128\137 2022."))
    assert.equal("2022-01-26", p("26 | 01 | 2022"))
    assert.is_nil(p("version 1.2.19.4"))
    assert.is_nil(p("1.2.3"))
  end)
end)
