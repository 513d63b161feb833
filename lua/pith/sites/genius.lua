-- Genius song pages: the header names the song and its primary artist; the release date and the
-- album cover are only in the page_data JSON the page keeps in <meta itemprop="page_data">.

-- The string value of "key" in page_data, searched from the first "after" key (when given).
-- page_data is the whole page's state (125 KB on the fixture): it is read raw, never squashed
-- (a field selector's value would be), and searched with plain finds.
local function key_at(v, key, from)
  local quoted = '"' .. key .. '"'
  while true do
    local s = v:find(quoted, from, true)
    if not s then return nil end
    if v:find("^%s*:", s + #quoted) then return s end
    from = s + 1
  end
end

local function page_data(key, after)
  return function(doc)
    local m = doc:first('meta[itemprop="page_data"]')
    local v = m and m:attr("value")
    if not v then return nil end
    local from = 1
    if after then from = key_at(v, after, 1) or #v + 1 end
    while true do -- the first occurrence holding a string
      local s = key_at(v, key, from)
      if not s then return nil end
      local found = v:match('^"' .. key .. '"%s*:%s*"([^"]+)"', s)
      if found then return found end
      from = s + 1
    end
  end
end

return {
  id = "genius.com",
  version = "2025.07.1",
  description = "Genius song lyrics pages",
  match = {
    hosts = { "genius.com" },
    fingerprint = { 'meta[itemprop="page_data"]' },
  },
  fields = {
    title = { "h1.header_with_cover_art-primary_info-title", "h1[class*='SongHeader'][class*='Title']",
              { meta = "og:title" } },
    author = { "a.header_with_cover_art-primary_info-primary_artist",
               "a[class*='HeaderArtistAndTracklist__Artist']" },
    authors = { "a.header_with_cover_art-primary_info-primary_artist",
                "a[class*='HeaderArtistAndTracklist__Artist']" },
    date = { page_data("release_date", "song") },
    image = { page_data("cover_art_url", "album") },
  },
  content = {
    select = { "div.lyrics", "[data-lyrics-container='true']" },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/genius.com.html.gz",
      url = "https://genius.com/Prince-and-the-revolution-purple-rain-lyrics",
      expect = {
        title = "Purple Rain", author = "Prince and the Revolution", date = "1984-06-25",
        image = "https://images.genius.com/da3381a38218928924c94db9ea59543b.1000x1000x1.jpg",
        text_starts = "[Verse 1] I never meant to cause you any sorrow I never meant",
      },
      contains = { "Purple rain, purple rain" },
    },
  },
}
