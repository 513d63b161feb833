-- Yahoo News (every regional edition) and the publisher stories Yahoo syndicates (Reuters, AP,
-- Straits Times...). Two layouts: the "caas" article (2019-) and the older "canvas" one.
-- Furniture whose class names churn but whose wording does not is removed by text pattern.
return {
  id = "yahoo.news",
  version = "2026.11.2",
  description = "Yahoo News articles, including syndicated Reuters and other wire stories",
  match = {
    hosts = { "yahoo.com", ".yahoo.com" },
    fingerprint = { 'meta[name="apple-itunes-app"][content*="yahoo"]', "div.caas-body-content" },
  },
  remove = {
    "header.caas-header",                 -- logo + headline, read as fields first
    ".caas-content-byline-wrapper",       -- author, time, "N-min read", share buttons
    ".caas-share-section", ".caas-da", ".caas-sda-adv-text", ".caas-aside-section",
    ".caas-readmore", ".caas-body-collapse-button", "button", "aside", "nav",
    ".canvas-share-buttons", ".read-more", "figure.canvas-image figcaption",
    "[data-content='Advertisement']",
  },
  -- Widgets injected around (and into) the story; their wording is what stays stable.
  remove_text = {
    { pattern = [[^Oops!\s+Something went wrong\.?(?:\s+Please try again later\.?)?$]], scope = "container" },
    { pattern = [[^Recommended Stories$]], scope = "container" },
    { pattern = [[^In this article:?$]], scope = "container" },
    { pattern = [[^\d+[\s-]*min(?:ute)?s?\s+read$]], scope = "self" },
    { pattern = [[^Story continues$]], scope = "self" },
    { pattern = [[^(?:Comments?|Conversations?|Commenting)\b.{0,40}\b(?:suspended|disabled|closed|unavailable)\b]],
      scope = "container", max_chars = 400 },
    { pattern = [[^We(?:'|’)ve (?:temporarily )?(?:turned off|disabled|suspended|paused) (?:comments|commenting)]],
      scope = "container", max_chars = 400 },
  },
  fields = {
    -- never a bare h1: the older layout's first h1 is the (hidden) show or site name
    title = { "h1[data-test-locator='headline']", "header.canvas-header h1", "h1.headline", { meta = "og:title" } },
    -- the byline names the writer; syndicated stories credit the publisher there or beside the logo
    author = {
      ".caas-attr-item-author .caas-author-byline-collapse", ".caas-attr-item-author",
      "cite.byline .fn",                   -- the older layout's hCard byline
      ".caas-attr-provider", "span.provider-name", { meta = "author" },
      clean = function(v)
        v = v:gsub("^[Bb]y%s+", ""):gsub("%s*[·|].*$", "")
        return v
      end,
    },
    provider = { ".caas-attr-provider", "span.provider-name", { css = ".caas-logo img", attr = "alt" } },
    date = { { css = "time.caas-attr-meta-time", attr = "datetime" }, { css = "time.date", attr = "datetime" },
             { css = "time[datetime]", attr = "datetime" }, { meta = "article:published_time" } },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" }, { meta = "description" } },
  },
  content = {
    select = { "div.caas-body-content", "article.canvas-body", "div.caas-body" },
    clean = { ".caas-img-loader noscript", "template" },
    -- a syndicated wire story repeats its own byline as the body's first paragraph ("By Dmitry
    -- Antonov"); the byline fields already carry it. Only a line of capitalised names goes.
    remove_text = {
      { pattern = [[^By\s+\p{Lu}[\p{L}\p{M}'’.-]*(?:(?:\s+|,\s*|\s+(?:and|&)\s+)\p{Lu}[\p{L}\p{M}'’.-]*){0,8}$]],
        scope = "self", max_chars = 80 },
    },
    transforms = {
      -- lazy images keep their real address in data-src
      ["img[data-src]"] = function(img)
        if not img:attr("src") or img:attr("src"):find("spaceball", 1, true) then
          img:set_attr("src", img:attr("data-src"))
        end
      end,
    },
  },
  tests = {
    {
      -- the older layout: a hidden show-name h1 before the headline, an hCard byline
      fixture = "../shared/corpus/readability/yahoo-3/source.html",
      expect = {
        title = "Veteran Wraps Baby in American Flag, Photo Sparks Controversy",
        author = "GILLIAN MOHNEY", provider = "Good Morning America",
        text_starts = "A photographer and Navy veteran is fighting back after a photo she posted",
      },
      content = "generic", -- no content selector for this layout: the generic extractor reads it
    },
    {
      fixture = "../shared/corpus/mercury/html/sg.news.yahoo.com__1752437547267.html.gz",
      url = "https://sg.news.yahoo.com/mcdonald-pore-launches-chilli-crab-064000706.html",
      expect = {
        title = "McDonald’s S’pore launches Chilli Crab Sauce Burger with Jumbo Seafood to celebrate SG60",
        author = "Straits Times", provider = "Straits Times", date = "2025-07-08",
        text_starts = "The Chilli Crab Sauce Prawn Burger features a prawn patty topped with a",
      },
      contains = { "The chilli crab sauce will also be available as a dip, for $1." },
      absent = { "2-min read", "Link copied", "ADVERTISEMENT", "Read full article",
                 "Oops! Something went wrong", "Recommended Stories", "In this article" },
    },
    {
      fixture = "../shared/corpus/mercury/html/www.yahoo.com.html.gz",
      url = "https://www.yahoo.com/news/m/1c621104-b0eb-3b4d-9b0a-7bb979f80d7d/ss_clinton-cancels-joint-events.html",
      expect = {
        title = "Clinton Cancels Joint Events with Sanders", author = "Fox Nation", date = "2016-10-03",
        text_starts = "The Hillary Clinton campaign has canceled joint appearances with former primary opponent Bernie",
      },
      absent = { "Read More", "Reblog", "Tweet" },
    },
  },
}
