-- TechPowerUp reviews and news: the article header (h1, div.byline with <address> and
-- <time datetime>) sits inside div.contnt with the text; reviews run over several pages whose
-- links and page selector follow the text.
return {
  id = "techpowerup.com",
  version = "2025.07.1",
  description = "TechPowerUp reviews and news",
  match = { hosts = { "techpowerup.com", ".techpowerup.com" } },
  fields = {
    title = { { meta = "og:title" }, ".contnt header h1" },
    author = { ".byline address" },
    authors = { ".byline address", all = true },
    date = { { css = ".byline time[datetime]", attr = "datetime" }, { meta = "article:published_time" } },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" } },
  },
  content = {
    select = { "div.contnt" },
    clean = { "header", "footer", ".social-share", "a.nextpage-top", "a.nextpage-bottom", ".pagesel",
              "nav", "form" },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.techpowerup.com__1747598930208.html.gz",
      url = "https://www.techpowerup.com/review/valkyrie-v240-lite-aio-liquid-cpu-cooler/",
      expect = {
        title = "Valkyrie V240 LITE Review", author = "crazyeyesreaper", date = "2025-05-16",
        image = "https://www.techpowerup.com/review/valkyrie-v240-lite-aio-liquid-cpu-cooler/images/title.jpg",
        text_starts = "Introduction A big thank you to Valkyrie for providing the review sample! Valkyrie",
      },
      absent = { "Packaging & Contents", "Next Page", "Eliad Buchnik" },
    },
  },
}
