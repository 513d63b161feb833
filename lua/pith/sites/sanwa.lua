-- Sanwa Supply news releases (www.sanwa.co.jp/news/): dl.date holds the release day
-- ("2019.03.08", Japan time), #newsContent the release under an h1.news headline.
return {
  id = "sanwa.co.jp",
  version = "2026.11.1",
  -- the site prints Japan-time days: each is that day's midnight in Tokyo, given in UTC
  timezone = "+09:00",
  description = "Sanwa Supply news releases",
  match = { hosts = { "sanwa.co.jp", ".sanwa.co.jp" } },
  fields = {
    title = { "#newsContent h1", { meta = "og:title" } },
    date = {
      "dl.date dt", "dl.date",
      clean = function(v)
        local y, m, d = v:match("(%d%d%d%d)%.(%d%d?)%.(%d%d?)")
        return y and string.format("%s-%02d-%02d", y, tonumber(m), tonumber(d)) or nil
      end,
    },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" } },
  },
  content = {
    select = { "#newsContent" },
    -- the product table is printed twice, once for phones; share buttons and the footer links
    clean = { "#smartphone", "div.sns_box", "div.contentFoot" },
  },
  -- luacheck: push no max line length (expected sentences are quoted whole)
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.sanwa.co.jp.html.gz",
      url = "https://www.sanwa.co.jp/news/201903/ma-irfp139bk/index.html",
      expect = {
        title = "指紋認証でWindows 10にサインインできる指紋認証機能付きマウスを発売",
        date = "2019-03-07T15:00:00Z", -- 2019-03-08 00:00 in Tokyo
        image = "https://cdn.sanwa.co.jp/product/syohin_img/M/MA-IRFP139BK_MDX.jpg",
        text_starts = "サンワサプライ株式会社（本社：岡山市北区田町1-10-1、代表取締役社長 山田哲也)は、指紋によりWindows 10のサインインを簡単・安全に行える指紋認証機能付きUSB有線マウス「MA-IRFP139BK」を発売しました。",
      },
    },
  },
  -- luacheck: pop
}
