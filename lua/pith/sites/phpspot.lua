-- phpspot開発日誌 (phpspot.org/blog): a Movable Type blog. Each entry is an h3.hl headline, an
-- h4.hl line with the date ("2019年04月04日", Japan time) and a div.entrybody.
return {
  id = "phpspot.org",
  version = "2026.11.1",
  -- the site prints Japan-time days: each is that day's midnight in Tokyo, given in UTC
  timezone = "+09:00",
  description = "phpspot開発日誌 blog entries",
  match = { hosts = { "phpspot.org" } },
  fields = {
    title = { "h3.hl" },
    date = {
      "h4.hl",
      clean = function(v)
        local y, m, d = v:match("(%d%d%d%d)年%s*(%d%d?)月%s*(%d%d?)日")
        return y and string.format("%s-%02d-%02d", y, tonumber(m), tonumber(d)) or nil
      end,
    },
  },
  content = {
    select = { "div.entrybody" },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/phpspot.org.html.gz",
      url = "http://phpspot.org/blog/archives/2019/04/treeviz.html",
      expect = {
        title = "マインドマップ風のツリーを描画できる「Treeviz」",
        date = "2019-04-03T15:00:00Z", -- 2019-04-04 00:00 in Tokyo
        text_starts = "Treeviz マインドマップ風のツリーを描画できる「Treeviz」",
      },
      absent = { "スポンサード リンク", "[PR]" },
    },
  },
}
