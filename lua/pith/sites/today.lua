-- TODAY (today.com, NBC News platform): the hero headline (h1.article-hero-headline__htag, which
-- can differ from og:title), the inline byline (span.byline-name) and <time datetime> in the
-- article body's date line; the story is div.article-body__content.
return {
  id = "today.com",
  version = "2025.07.1",
  description = "TODAY articles",
  match = { hosts = { "today.com", ".today.com" } },
  fields = {
    title = { "h1.article-hero-headline__htag", "h1.entry-headline", { meta = "og:title" } },
    author = { { css = "span.byline-name", all = true }, { meta = "author" } },
    authors = { "span.byline-name", { meta = "author" }, all = true },
    date = { { css = ".article-body__date-source time[datetime]", attr = "datetime" },
             { meta = "datePublished" }, { meta = "article:published_time" } },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" } },
  },
  content = {
    select = { "div.article-body__content", ".entry-container" },
    clean = { ".recommended-intersection-ref", ".label-comment", "aside" },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.today.com.html.gz",
      url = "http://www.today.com/home/zsa-zsa-gabor-s-palm-springs-home-sale-see-inside-t106323",
      expect = {
        title = "Take a tour inside Zsa Zsa Gabor's former Palm Springs retreat — it's for sale!",
        author = "Melissa Allison", date = "2016-12-22",
        text_starts = "“I am a marvelous housekeeper. Every time I leave a man, I keep",
      },
    },
  },
}
