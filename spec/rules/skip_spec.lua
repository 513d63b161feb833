-- A rule known from the URL replaces generic work: its fields are read first, and the generic
-- metadata skips the sources of the fields it found (metadata.collect's opts.skip), reading only
-- those it missed.
local core = require "pith.core"
local pith = require "pith"
local rules = require "pith.rules"
local metadata = require "pith.metadata"
local byline = require "pith.meta.byline"
local dates = require "pith.meta.dates"

local URL = "http://www.reuters.com/article/us-usa-fed-idUSKBN1430G4"
-- what the generic path reads on this page (byline.merge of the article:author metas), and the
-- reuters rule (its author metas joined by ", ")
local GENERIC_AUTHOR = "Howard Schneider; Lindsay Dunsmuir"
local RULE_AUTHOR = "Howard Schneider, Lindsay Dunsmuir"

local function page()
  return require("support.util").page("../shared/corpus/mercury/html/www.reuters.com.html.gz")
end

-- Counts the calls of module table t's function `name` while fn runs.
local function count_calls(t, name, fn)
  local orig, n = t[name], 0
  t[name] = function(...)
    n = n + 1
    return orig(...)
  end
  local ok, err = pcall(fn)
  t[name] = orig
  assert(ok, err)
  return n
end

describe("a rule's fields and the generic metadata", function()
  local html
  setup(function() html = page() end)
  before_each(function() rules.reset() end)

  it("skip the generic sources of the fields the rule found (reuters: author, date)", function()
    local rec
    local merges = count_calls(byline, "merge", function()
      local localized = count_calls(dates, "localize", function()
        rec = assert(pith.extract(html, { url = URL }))
      end)
      assert.are.equal(0, localized) -- the publication date's generic pick, never made
    end)
    assert.are.equal(0, merges) -- nor the generic author list
    assert.are.equal("reuters.com@2025.07.1", rec.rule)
    assert.are.equal(RULE_AUTHOR, rec.author)
    assert.are.same({ "Howard Schneider", "Lindsay Dunsmuir" }, rec.authors)
    assert.are.equal("2016-12-14T06:02:15Z", rec.date)
    -- the fields the rule does not give come from the generic sources as before
    assert.are.equal("en", rec.language)
    assert.are.equal("US", rec.tags[1])
    -- without the rule, the same page consults them
    local generic
    merges = count_calls(byline, "merge", function()
      generic = assert(pith.extract(html, { url = URL, rule = false }))
    end)
    assert.is_true(merges > 0)
    assert.are.equal(GENERIC_AUTHOR, generic.author)
    assert.are.same(generic.tags, rec.tags)
    assert.are.equal(generic.sitename, rec.sitename)
    assert.are.equal(generic.date_modified, rec.date_modified)
  end)

  it("metadata.collect's skip leaves the other fields as they were", function()
    local doc = assert(core.parse(html, { url = URL }))
    local full = metadata.collect(doc, { url = URL })
    local part = metadata.collect(doc, { url = URL, skip = { author = true, authors = true, date = true,
                                                             title = true, description = true } })
    doc:close()
    assert.are.equal(GENERIC_AUTHOR, full.author)
    assert.is_nil(part.author)
    assert.is_nil(part.authors)
    assert.is_nil(part.date)
    assert.is_nil(part.description)
    -- date_modified is bounded by the publication date, which is still read for it
    assert.are.equal("2016-12-15T13:50:38Z", part.date_modified)
    for _, k in ipairs { "url", "sitename", "provider", "image", "language", "license" } do
      assert.are.equal(full[k], part[k], k)
    end
    assert.are.same(full.tags, part.tags)
    assert.are.same(full.categories, part.categories)
  end)

  it("a field the rule misses falls back to the generic value; one set to false stays empty", function()
    local rule = assert(rules.register {
      id = "skip.test", version = "1", match = { hosts = { "skip.example" } },
      fields = { title = { value = "The rule's title" }, author = ".no-such-byline-class", date = false },
      content = { select = { "div.ArticleBodyWrapper" } },
    })
    local rec
    local merges = count_calls(byline, "merge", function()
      rec = assert(pith.extract(html, { url = URL, rule = rule }))
    end)
    assert.are.equal("skip.test@1", rec.rule)
    assert.are.equal("The rule's title", rec.title)
    assert.is_true(merges > 0)
    assert.are.equal(GENERIC_AUTHOR, rec.author)
    assert.is_nil(rec.date)
    assert.are.equal("2016-12-15T13:50:38Z", rec.date_modified)
    assert.truthy(rec.text:find("WASHINGTON (Reuters) - The U.S. Federal Reserve", 1, true))
  end)

  it("a rule failing after its fields were read: the generic path gets every generic field", function()
    local rule = assert(rules.register {
      id = "skip.broken", version = "1", match = { hosts = { "skip.example" } },
      fields = { title = { value = "The rule's title" }, author = { value = "Jane Roe" } },
      content = { select = { "div.ArticleBodyWrapper" }, transforms = { { "p", function() error("boom") end } } },
    })
    local rec = assert(pith.extract(html, { url = URL, rule = rule }))
    local generic = assert(pith.extract(html, { url = URL, rule = false }))
    assert.are.equal("generic", rec.rule)
    assert.matches("boom", rec.rule_error)
    assert.are.equal(GENERIC_AUTHOR, rec.author)
    for _, k in ipairs { "title", "author", "date", "description", "image", "text" } do
      assert.are.equal(generic[k], rec[k], k)
    end
  end)
end)
