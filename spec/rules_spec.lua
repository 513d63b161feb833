-- pith.rules public API: loading order and overrides, broken rules, FiveFilters files, built-ins.
local rules = require "pith.rules"
local core = require "pith.core"
local pith = require "pith"

local MERCURY = "../shared/corpus/mercury/html/"
local FIX = "spec/fixtures/rules/"

local function page(name)
  local f = assert(io.open(MERCURY .. name .. ".html.gz", "rb"))
  local html = assert(core.gunzip(f:read("*a")))
  f:close()
  return html
end

local function errors_matching(pat)
  local out = {}
  for _, e in ipairs(rules.errors()) do
    if e:find(pat) then out[#out + 1] = e end
  end
  return out
end

local SG = "https://sg.news.yahoo.com/mcdonald-pore-launches-chilli-crab-064000706.html"
local REUTERS = "http://www.reuters.com/article/us-usa-fed-idUSKBN1430G4"

describe("pith.rules", function()
  before_each(function() rules.reset() end)

  describe("built-in rules", function()
    it("load without errors and pass their inline tests on the real pages", function()
      assert.same({}, rules.errors())
      local report = rules.test("lua/pith/sites")
      assert.are.equal(0, report.failed, table.concat(report.lines, "\n"))
      assert.is_true(report.passed >= 3)
    end)

    it("match hosts the way the rule says", function()
      assert.are.equal("yahoo.news", rules.find(SG).id)
      assert.are.equal("yahoo.news", rules.find("https://www.yahoo.com/news/x-1.html").id)
      assert.are.equal("yahoo.news", rules.find("https://news.yahoo.com/x-1.html").id)
      assert.are.equal("reuters.com", rules.find(REUTERS).id)
      assert.are.equal("reuters.com", rules.find("https://reuters.com/world/x/").id)
      assert.are.equal("reuters.com", rules.find("https://uk.reuters.com/article/x").id)
      assert.is_nil(rules.find("https://notreuters.com/x"))
      assert.is_nil(rules.find("https://example.com/"))
      assert.are.equal("reuters.com@2025.07.1", rules.name(rules.find(REUTERS)))
      assert.are.equal("generic", rules.name(nil))
    end)

    it("find a page with an unknown URL by its canonical link or fingerprint", function()
      local doc = assert(core.parse(page("www.reuters.com")))
      assert.is_nil(rules.find(nil))
      assert.are.equal("reuters.com", rules.find(nil, doc).id)
      doc:close()
      doc = assert(core.parse(page("sg.news.yahoo.com__1752437547267")))
      assert.are.equal("yahoo.news", rules.find("file:///tmp/page.html", doc).id)
      doc:close()
    end)

    it("clean a syndicated Yahoo story of its furniture, keeping the article", function()
      local doc = assert(core.parse(page("sg.news.yahoo.com__1752437547267"), { url = SG }))
      local res = assert(rules.apply(rules.find(SG), doc, { url = SG }))
      assert.are.equal("Straits Times", res.fields.author)
      assert.are.equal("2025-07-08T06:40:00.000Z", res.fields.date)
      local text = res.content:text()
      assert.truthy(text:find("Jumbo Group’s executive chairman", 1, true))
      for _, junk in ipairs { "2-min read", "Link copied", "ADVERTISEMENT", "Read full article" } do
        assert.falsy(text:find(junk, 1, true), junk)
      end
      doc:close()
    end)
  end)

  describe("text patterns", function()
    local html = [[<html><body><article>
      <div class="meta"><span>By Jane Roe</span> <span>4 min read</span></div>
      <p>First paragraph of the story, long enough to be the article.</p>
      <section><h3>Recommended Stories</h3><ul><li><a href="/a">Other story</a></li>
        <li><a href="/b">Another story</a></li></ul></section>
      <p>Second paragraph mentions Recommended Stories inside a sentence and stays.</p>
      </article></body></html>]]

    it("drop the widget around a heading, and only that", function()
      rules.add_path(FIX .. "user")
      local rule = rules.find("https://widgets.example/x")
      local doc = assert(core.parse(html))
      local res = assert(rules.apply(rule, doc))
      local text = res.content:text()
      assert.falsy(text:find("Other story", 1, true))
      assert.falsy(text:find("4 min read", 1, true))
      assert.truthy(text:find("By Jane Roe", 1, true))
      assert.truthy(text:find("First paragraph", 1, true))
      assert.truthy(text:find("mentions Recommended Stories inside a sentence", 1, true))
      doc:close()
    end)
  end)

  describe("user folders", function()
    it("override a built-in rule for the same host, leaving the others", function()
      rules.add_path(FIX .. "user")
      local r = rules.find(REUTERS)
      assert.are.equal("user.reuters", r.id)
      assert.are.equal("yahoo.news", rules.find(SG).id)
      local doc = assert(core.parse(page("www.reuters.com")))
      local res = assert(rules.apply(r, doc))
      assert.are.equal("Reuters (user rule)", res.fields.sitename)
      assert.is_nil(res.fields.author) -- not in the user rule: the generic path supplies it
      doc:close()
    end)

    it("register() rules made in code, validated like files", function()
      local r = assert(rules.register { id = "code.rule", version = "2", match = { hosts = { ".example.org" } },
                                        fields = { title = "h1" } })
      assert.are.equal(r, rules.find("https://a.b.example.org/"))
      assert.is_nil(rules.find("https://example.org/"))
      local bad, err = rules.register { id = "code.bad", version = "1", match = { hosts = { "x.org" } }, fieldz = {} }
      assert.is_nil(bad)
      assert.matches("unknown field 'fieldz'", err)
    end)
  end)

  describe("broken rules", function()
    local tmp
    -- The syntax-error file is written here, not kept in the tree, so linters can read every file.
    setup(function()
      tmp = os.tmpname()
      os.remove(tmp)
      assert(require("lfs").mkdir(tmp))
      local f = assert(io.open(tmp .. "/syntax.lua", "w"))
      f:write('return {\n  id = "broken.syntax", version = "1",\n  match = { hosts = { "syntax.example" } },\n',
              '  fields = { title = "h1" ,, },\n}\n')
      f:close()
    end)
    teardown(function()
      os.remove(tmp .. "/syntax.lua")
      os.remove(tmp)
    end)
    before_each(function()
      rules.add_path(FIX .. "broken")
      rules.add_path(tmp)
    end)

    it("are skipped with a message naming the file and line", function()
      local errs = rules.errors()
      local function one(pat)
        local m = errors_matching(pat)
        assert.are.equal(1, #m, pat .. " in:\n" .. table.concat(errs, "\n"))
        return m[1]
      end
      one("/syntax%.lua:4: .*unexpected symbol")
      one("broken/field%.lua:6: unknown field 'titel' in fields")
      one("broken/selector%.lua:6: remove%[2%]: bad CSS selector 'div%[%[class'")
      one("broken/pattern%.lua:4: remove_text%[1%]: bad pattern")
      one("broken/escape%.lua:2: .*global 'io'")
      for _, host in ipairs { "syntax", "field", "selector", "pattern", "escape" } do
        assert.is_nil(rules.find("https://" .. host .. ".example/"), host)
      end
    end)

    it("stop a transform that errors, with its line, and let the page fall back", function()
      local rule = rules.find("https://transform.example/")
      local doc = assert(core.parse("<html><body><article><p>one</p></article></body></html>"))
      local res, err = rules.apply(rule, doc)
      assert.is_nil(res)
      -- 5.4: "attempt to index a nil value (local 'n')"; LuaJIT, 5.1: "attempt to index local 'n' (a nil value)"
      assert.matches("broken/transform%.lua:9: attempt to index .*nil value", err)
      assert.are.equal(1, #errors_matching("broken/transform%.lua:9:"))
      doc:close()
    end)

    it("stop a transform that never ends, within its budget", function()
      local rule = rules.find("https://loop.example/")
      local doc = assert(core.parse("<html><body><h1>t</h1></body></html>"))
      local t0 = os.clock()
      local res, err = rules.apply(rule, doc)
      assert.is_nil(res)
      assert.matches("broken/loop%.lua:%d+: instruction budget exceeded", err)
      assert.is_true(os.clock() - t0 < 2)
      doc:close()
    end)
  end)

  describe("FiveFilters site files", function()
    before_each(function() rules.add_path(FIX .. "ftr") end)

    it("load with that project's host rules and report unsupported directives once", function()
      local r = rules.find(REUTERS)
      assert.are.equal("ftr:reuters.com", r.id)
      assert.are.equal("ftr:.news.yahoo.com", rules.find(SG).id)
      -- a FiveFilters wildcard serves one label below it only: other Yahoo hosts keep the built-in
      assert.are.equal("yahoo.news", rules.find("https://www.yahoo.com/news/x.html").id)
      assert.are.equal("yahoo.news", rules.find("https://a.sg.news.yahoo.com/x.html").id)
      local notes = errors_matching("next_page_link")
      assert.are.equal(1, #notes)
      assert.matches("reuters%.com%.txt:13: FiveFilters directive 'next_page_link' ignored %(2 lines%)", notes[1])
      assert.are.equal(1, #errors_matching("'single_page_link' ignored"))
      assert.are.equal(0, #errors_matching("global%.txt"))
    end)

    it("apply to a shared-corpus page: fields, body, strip, find/replace", function()
      local r = rules.find(REUTERS)
      local doc = assert(core.parse(rules.rewrite(r, page("www.reuters.com"))))
      local res = assert(rules.apply(r, doc))
      assert.are.equal("Fed raises rates, sees faster pace of hikes in Trump's first year", res.fields.title)
      -- one meta naming two people: the record's authors, as pith's metadata reads bylines
      assert.same({ "Howard Schneider", "Lindsay Dunsmuir" }, res.fields.authors)
      assert.are.equal("2016-12-14T06:02:15Z", res.fields.date)
      local text = res.content:text()
      assert.are.equal("WASHINGTON (Reuters) - The U.S.", text:sub(1, 31))
      assert.falsy(text:find("Related Coverage", 1, true))
      doc:close()
      doc = assert(core.parse(page("sg.news.yahoo.com__1752437547267")))
      res = assert(rules.apply(rules.find(SG), doc))
      assert.same({ "Straits Times" }, res.fields.authors)
      assert.falsy(res.content:text():find("ADVERTISEMENT", 1, true))
      doc:close()
    end)

    it("rewrite a page found by its canonical link, as one found by its URL", function()
      -- the Reuters page links its canonical address; the fixture's find_string changes its title
      local html = page("www.reuters.com")
      for _, url in ipairs { REUTERS, false } do
        local rec = assert(pith.extract(html, { url = url or nil }))
        assert.are.equal("ftr:reuters.com@ftr", rec.rule)
        assert.are.equal("Fed raises rates, sees faster pace of hikes in Trump's first year", rec.title)
      end
    end)

    it("run their test_url/test_contains through a fetcher", function()
      local report = rules.test(FIX .. "ftr/reuters.com.txt", {
        fetch = function(url)
          assert.are.equal(REUTERS, url)
          return page("www.reuters.com")
        end,
      })
      assert.are.equal(1, report.passed, table.concat(report.lines, "\n"))
      report = rules.test(FIX .. "ftr/reuters.com.txt")
      assert.are.equal(1, report.skipped)
    end)
  end)
end)
