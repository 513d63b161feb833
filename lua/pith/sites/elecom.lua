-- ELECOM press releases (www.elecom.co.jp/news/): a table layout from a Dreamweaver template.
-- The release number and date ("2019.03.05", Japan time) head the td.TableMain2 cell, which
-- holds the whole release; the <title> is the full headline.
return {
  id = "elecom.co.jp",
  version = "2026.11.1",
  -- the site prints Japan-time days: each is that day's midnight in Tokyo, given in UTC
  timezone = "+09:00",
  description = "ELECOM news releases",
  match = { hosts = { "elecom.co.jp", ".elecom.co.jp" } },
  remove_text = { { pattern = [[^▲\s*PAGE TOP$]], scope = "block" } },
  fields = {
    title = { "head > title", { meta = "og:title" } },
    date = {
      "td.TableMain2 p.section-last",
      clean = function(v)
        local y, m, d = v:match("(%d%d%d%d)%.(%d%d?)%.(%d%d?)")
        return y and string.format("%s-%02d-%02d", y, tonumber(m), tonumber(d)) or nil
      end,
    },
  },
  content = {
    select = { "td.TableMain2" },
  },
  -- luacheck: push no max line length (expected headlines are quoted whole)
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.elecom.co.jp.html.gz",
      url = "http://www.elecom.co.jp/news/201903/keyboard/index.html",
      expect = {
        title = "[News] サクサク軽い打ち心地を実現し、キー入力がはかどる！キー荷重が従来比約18%も軽くなった薄型キーボード、接続タイプ/サイズ/マウス付きなどで選べる6モデルを発売",
        date = "2019-03-04T15:00:00Z", -- 2019-03-05 00:00 in Tokyo
        text_starts = "EL34-194 2019.03.05 サクサク軽い打ち心地を実現し、キー入力がはかどる！",
      },
      absent = { "PAGE TOP" },
    },
  },
  -- luacheck: pop
}
