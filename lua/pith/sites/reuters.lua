-- Reuters: the 2019-2021 React article ("ArticleBody-*", "Paragraph-paragraph-*") and the current
-- one (data-testid="paragraph-N"). Metadata comes from the og:article:* tags both layouts keep.
return {
  id = "reuters.com",
  version = "2025.07.1",
  description = "Reuters news articles",
  match = {
    hosts = { "reuters.com", ".reuters.com" },
    fingerprint = { 'meta[name="og:site_name"][value="Reuters"]', 'meta[property="og:site_name"][content="Reuters"]',
                    'link[rel="canonical"][href*="reuters.com/"]' },
  },
  remove = {
    "[class*='ArticleBody-byline-container']", "[class*='RelatedCoverage-container']",
    "[class*='AdSlot__container']", "[class*='RCOMVideo-']", "[class*='Slideshow-']",
    "[class*='TrustBadge-']", "[data-testid='promo-box']", "[data-testid='ResponsiveAdSlot']",
    "[data-testid='Toolbar']", "[data-testid='AuthorBio']", "[data-testid='SocialIcon']",
    "[class*='read-next']", "[class*='author-bio__']", "[class*='registration-prompt']",
    "header", "nav", "aside", "footer", "svg", "button",
  },
  remove_text = {
    { pattern = [[^\d+\s+min(?:ute)?s?\s+read$]], scope = "self" },
    { pattern = [[^Related Coverage$]], scope = "container" },
    { pattern = [[^Our Standards:\s+The Thomson Reuters Trust Principles\.?$]], scope = "block" },
    { pattern = [[^,?\s*opens new tab$]], scope = "self" },
  },
  fields = {
    title = { "h1[class*='ArticleHeader-headline']", "h1[class*='Headline-headline']",
              "h1[data-testid='Heading']", { meta = "og:title" }, "h1" },
    author = { { meta = "article:author", all = true }, { meta = "og:article:author", all = true },
               { meta = "author" }, { jsonld = "author.name", all = true },
               { css = "[class*='Byline-byline'] a", all = true } },
    date = { { meta = "og:article:published_time" }, { meta = "article:published_time" },
             { jsonld = "datePublished" }, { css = "time[datetime]", attr = "datetime" } },
    date_modified = { { meta = "og:article:modified_time" }, { meta = "article:modified_time" } },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" }, { meta = "description" } },
  },
  content = {
    select = { "div.ArticleBodyWrapper", "[data-testid='ArticleBody']", "div[class*='article-body__content']",
               "#article-text", "article" },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.reuters.com.html.gz",
      url = "http://www.reuters.com/article/us-usa-fed-idUSKBN1430G4",
      expect = {
        title = "Fed lifts rates, sees faster pace of hikes in Trump's first year",
        author = "Howard Schneider, Lindsay Dunsmuir", date = "2016-12-14",
        text_starts = "WASHINGTON (Reuters) - The U.S. Federal Reserve raised interest rates on Wednesday and",
      },
      contains = { "Reporting by Howard Schneider" },
      absent = { "5 Min Read", "Related Coverage", "Slideshow", "Our Standards" },
    },
  },
}
