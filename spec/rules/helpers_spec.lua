-- Helpers rule files get besides the pure standard library: date and json readers, so a rule
-- reading a page's embedded data need not carry its own parsers.
describe("rule helpers", function()
  local rules = require "pith.rules"
  local pith = require "pith"
  local dir

  before_each(function()
    dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir -p " .. dir))
    local f = assert(io.open(dir .. "/helpers.lua", "w"))
    f:write([[
return {
  id = "helpers.test", version = "1",
  match = { hosts = { "helpers.example" } },
  fields = {
    date = { function(doc) return date(json(doc:first("#data"):xpath("string(.)")).story.published) end },
    authors = { function(doc) return json(doc:first("#data"):xpath("string(.)")).story.by end },
    title = { function() local v, err = json("{not json") return v or ("bad json: " .. err) end },
    description = false,
  },
}
]])
    f:close()
    rules.add_path(dir)
  end)

  after_each(function()
    rules.reset()
    os.execute("rm -rf " .. dir)
  end)

  local page = [[<html><head><meta name="description" content="A summary the site never shows">
    <script id="data" type="application/json">
    {"story": {"published": "5 janvier 2021 à 10:15", "by": ["Ana Sandoiu"]}}</script></head>
    <body><article><p>]] .. string.rep("A paragraph of the story, long enough to be the article. ", 12)
    .. [[</p></article></body></html>]]

  it("read embedded JSON and dates in other languages; bad JSON is nil and a message", function()
    local rec = assert(pith.extract(page, { url = "https://helpers.example/a" }))
    assert.same({}, rules.errors())
    assert.equal("helpers.test@1", rec.rule)
    assert.equal("2021-01-05", rec.date:sub(1, 10))
    assert.same({ "Ana Sandoiu" }, rec.authors)
    assert.equal("Ana Sandoiu", rec.author)
    assert.matches("^bad json: ", rec.title)
  end)

  it("leave out a field the rule sets to false, rather than take the generic guess", function()
    local generic = assert(pith.extract(page, { url = "https://other.example/a" }))
    assert.equal("A summary the site never shows", generic.description)
    local rec = assert(pith.extract(page, { url = "https://helpers.example/a" }))
    assert.is_nil(rec.description)
  end)
end)
