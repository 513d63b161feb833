-- Slate (www.slate.com/articles/..., 2010-2018 layout): h1.hed headline (og:title carries the
-- longer SEO title), a[rel=author] byline, div.pub-date in New York time ("March 9 2017 4:21 PM"),
-- and the story in div.body, opened by its lead image and caption.
local MONTHS = { january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
                 august = 8, september = 9, october = 10, november = 11, december = 12 }

local function weekday(y, m, d) -- 0 = Sunday (Sakamoto)
  local t = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  return (y + math.floor(y / 4) - math.floor(y / 100) + math.floor(y / 400) + t[m] + d) % 7
end

-- US Eastern offset: EDT from the second Sunday of March to the first Sunday of November.
local function eastern_offset(y, m, d)
  local dst_start = 8 + (7 - weekday(y, 3, 8)) % 7
  local dst_end = 1 + (7 - weekday(y, 11, 1)) % 7
  local summer = (m > 3 and m < 11) or (m == 3 and d >= dst_start) or (m == 11 and d < dst_end)
  return summer and "-04:00" or "-05:00"
end

local function pub_date(v)
  local mon, d, y, h, mi, ap = v:match("(%a+)%.?%s+(%d%d?),?%s+(%d%d%d%d)%s+(%d%d?):(%d%d)%s*([AaPp])")
  local m = mon and MONTHS[mon:lower()]
  if not m then return nil end
  y, d, h = tonumber(y), tonumber(d), tonumber(h) % 12
  if ap:lower() == "p" then h = h + 12 end
  return string.format("%04d-%02d-%02dT%02d:%s:00%s", y, m, d, h, mi, eastern_offset(y, m, d))
end

return {
  id = "slate.com",
  version = "2025.07.1",
  description = "Slate articles (www.slate.com/articles layout)",
  match = { hosts = { "slate.com", ".slate.com" } },
  fields = {
    title = { "h1.hed", { meta = "og:title" } },
    author = { { css = "#main_byline a[rel=author]", all = true }, { css = "a[rel=author]", all = true } },
    authors = { "#main_byline a[rel=author]", "a[rel=author]", all = true },
    date = { ".pub-date", { meta = "article:published_time" }, clean = pub_date },
    image = { { meta = "og:image" } },
    description = { "h2.dek", { meta = "og:description" } },
  },
  content = {
    select = { "div.body" },
    clean = { ".about-the-author", ".pullquote", ".newsletter-signup-component", ".top-comment",
              "figure p.credit" },
  },
  -- luacheck: push no max line length (the page URL is quoted whole)
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.slate.com.html.gz",
      url = "http://www.slate.com/articles/news_and_politics/politics/2017/03/trumpcare_proves_that_trump_s_promise_to_take_care_of_rural_voters_was_always.html",
      expect = {
        title = "Broken Pledge", author = "Jamelle Bouie", date = "2017-03-09T16:21:00-05:00",
        text_starts = "Then-nominee Donald Trump speaks at a rally on Sept. 28 in Waukesha, Wisconsin.",
      },
      contains = { "During the presidential campaign, Donald Trump issued regular promises" },
      absent = { "Spencer Platt/Getty Images" },
    },
  },
  -- luacheck: pop
}
