-- Android Authority: a React site whose class names are generated (d_xx) and change with each
-- build, so this rule keys on structure and on the meta tags, which are stable: the writer is in
-- twitter:data1 (labelled "Written by" in twitter:label1), the date in article:published_time.
local function written_by(doc)
  local label = doc:first('meta[name="twitter:label1"]')
  local data = doc:first('meta[name="twitter:data1"]')
  local l = label and (label:attr("content") or label:attr("value")) or ""
  if data and l:lower():find("written by", 1, true) then
    return data:attr("content") or data:attr("value")
  end
end

return {
  id = "androidauthority.com",
  version = "2025.07.1",
  description = "Android Authority articles",
  match = { hosts = { "androidauthority.com", ".androidauthority.com" } },
  fields = {
    title = { { meta = "og:title" }, "main h1" },
    author = { written_by, { meta = "author" } },
    authors = { written_by, { meta = "author" } },
    date = { { meta = "article:published_time" } },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" } },
  },
  content = {
    -- the article column: after the breadcrumb, headline block and byline, beside the headline
    -- (//main//*[h1]/../*[last()], found from the page's few h1s instead of an [h1] test on
    -- every element under main: a third of the cost)
    select = { { xpath = "//h1[../ancestor::main]/../../*[last()]" }, "main" },
    clean = {
      "picture + div", -- the lead image's credit
      "button", "svg", "form",
    },
  },
  remove_text = {
    { pattern = [[^Affiliate links on Android Authority may earn us a commission\.]], scope = "block" },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/www.androidauthority.com__1734492467424.html.gz",
      url = "https://www.androidauthority.com/new-android-apps-658839/",
      expect = {
        title = "The best new Android apps and games for December 2024", author = "Andy Walker",
        date = "2024-11-30",
        text_starts = "Many new Android apps are out there. Keeping track of them is tough,",
      },
      absent = { "Andy Walker / Android Authority", "Published on" },
    },
  },
}
