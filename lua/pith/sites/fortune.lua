-- Fortune (2016-2018 React layout): the headline is the page's only <h1> (its class names are
-- generated), the byline is the "author" meta tag, which names every credited writer or outlet
-- ("John Patrick Pullen, TIME"); og:title is title-cased differently from the headline.
local function split_names(v)
  local out = {}
  for name in v:gmatch("[^,]+") do
    name = name:match("^%s*(.-)%s*$")
    if name ~= "" then out[#out + 1] = name end
  end
  return out
end

return {
  id = "fortune.com",
  version = "2025.07.1",
  description = "Fortune articles",
  match = { hosts = { "fortune.com", ".fortune.com" } },
  fields = {
    title = { "h1", { meta = "og:title" } },
    author = { { meta = "author" } },
    authors = { { meta = "author" }, clean = split_names },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" } },
  },
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/fortune.com.html.gz",
      url = "http://fortune.com/2016/12/15/amazon-alexa-gadgets/",
      expect = {
        title = "Here Are 6 Can’t-Miss Gadgets Powered by Amazon’s Alexa Assistant",
        author = "John Patrick Pullen, TIME", authors = "John Patrick Pullen, TIME", date = "2016-12-15",
        text_starts = "The Amazon Echo Dot, the retailer’s puck-shaped smart speaker, is is killing it",
      },
    },
  },
}
