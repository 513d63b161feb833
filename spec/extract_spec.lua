-- pith.extract on real pages (shared corpora) and a few hand-written snippets.
local core = require "pith.core"
local extract = require "pith.extract"

local SHARED = "../shared/corpus/"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  if path:match("%.gz$") then s = assert(core.gunzip(s)) end
  return s
end

local function flat(s) return (s:gsub("%s+", " ")) end

local function run(path, opts)
  local rec, err = extract.extract(read(path), opts or {})
  assert(rec, err)
  return rec, flat(rec.text)
end

describe("pith.extract", function()
  describe("the Yahoo News page (Mercury corpus)", function()
    local _, text = run(SHARED .. "mercury/html/sg.news.yahoo.com__1752437547267.html.gz",
      { url = "https://sg.news.yahoo.com/mcdonald-pore-launches-chilli-crab-064000706.html" })

    it("keeps the lead paragraph and the article's end", function()
      assert.truthy(text:find("SINGAPORE – Move over, curry sauce, there is a new flavour", 1, true))
      assert.truthy(text:find("from July 10 at the chain’s dessert kiosks", 1, true))
    end)

    it("loses the page furniture", function()
      for _, junk in ipairs({ "Read full article", "Link copied", "2-min read", "Up next",
                              "Latest stories", "Why this ad" }) do
        assert.falsy(text:lower():find(junk:lower(), 1, true), junk)
      end
    end)
  end)

  it("removes error widgets, ticker boxes, comment notices and story lists (snippet)", function()
    local para = "MOSCOW (Reuters) - The Kremlin said on Tuesday it saw no reason to be optimistic "
      .. "after a first round of talks with the United States on the Ukraine crisis, and Russia's "
      .. "demands for security guarantees from the West, officials said. "
    local html = "<html><head><title>Kremlin not optimistic</title></head><body><div class='body'>"
      .. "<h1>Kremlin not optimistic</h1>"
      .. "<ul><li><div>Oops!</div><div>Something went wrong.</div><div>Please try again later.</div></li></ul>"
      .. "<div><span>Dmitry Antonov</span><span>·2 min read</span></div>"
      .. "<p>In this article:</p>"
      .. "<p>" .. para .. "</p><p>" .. para:gsub("Tuesday", "Monday") .. "</p>"
      .. "<p>" .. para:gsub("Tuesday", "Friday") .. "</p>"
      .. "<p>Our goal is to create a safe and engaging place for users to connect over interests and "
      .. "passions. In order to improve our community experience, we are temporarily suspending article commenting</p>"
      .. "<h2>Recommended Stories</h2><ul><li><a href='/a'>Story one about something else entirely</a></li>"
      .. "<li><a href='/b'>Story two about another thing</a></li></ul>"
      .. "</div></body></html>"
    local rec = assert(extract.extract(html))
    local text = flat(rec.text)
    assert.truthy(text:find("MOSCOW (Reuters) - The Kremlin said on Tuesday", 1, true))
    assert.truthy(text:find("on Friday", 1, true))
    for _, junk in ipairs({ "Oops", "went wrong", "try again", "min read", "In this article",
                            "suspending article commenting", "Recommended Stories", "Story one" }) do
      assert.falsy(text:find(junk, 1, true), junk)
    end
    assert.falsy(text:find("Kremlin not optimistic", 1, true)) -- the headline is the title
  end)

  it("gives short text for an index page of links", function()
    local items = {}
    for i = 1, 40 do
      items[#items + 1] = ("<li><a href='/story/%d'>Headline number %d about the news today</a></li>"):format(i, i)
    end
    local html = "<html><body><h1>Latest news</h1><ul>" .. table.concat(items) .. "</ul></body></html>"
    local rec = assert(extract.extract(html))
    assert.is_true(#rec.text < 200, rec.text)
  end)

  it("does not repeat the headline at the start of the text (readability 001)", function()
    local rec, text = run(SHARED .. "readability/001/source.html")
    assert.truthy(text:find("So finally you're testing your frontend JavaScript code?", 1, true))
    assert.truthy(text:find("^%s*So finally"))
    assert.is_string(rec.text)
  end)

  it("falls back to the page summary for a script-rendered shell (bsky)", function()
    local _, text = run(SHARED .. "mercury/html/bsky.app__1738632955411.html.gz")
    assert.truthy(text:find("capybaras enjoying pizza pattern", 1, true))
    local _, precise = run(SHARED .. "mercury/html/bsky.app__1738632955411.html.gz", { favor = "precision" })
    assert.equal("", (precise:gsub("%s", "")))
  end)

  it("returns nil, err for non-string input", function()
    local rec, err = extract.extract(nil)
    assert.is_nil(rec)
    assert.is_string(err)
  end)

  describe("every shared page", function()
    it("Mercury: no error, non-empty text, no furniture", function()
      local f = assert(io.open(SHARED .. "mercury/index.json"))
      local index = f:read("a")
      f:close()
      local n = 0
      for path in index:gmatch('"fixture_html_path":%s*"([^"]+)"') do
        local _, text = run(SHARED .. "mercury/" .. path)
        assert.truthy(text:find("%S"), path)
        for _, junk in ipairs({ "Oops!", "Read full article", "Why this ad?", "In this article:",
                                "temporarily suspending article commenting" }) do
          assert.falsy(text:find(junk, 1, true), path .. ": " .. junk)
        end
        n = n + 1
      end
      assert.equal(115, n)
    end)

    it("Readability: no error, non-empty text", function()
      local p = assert(io.popen("ls " .. SHARED .. "readability"))
      local n = 0
      for case in p:lines() do
        local fh = io.open(SHARED .. "readability/" .. case .. "/source.html", "rb")
        if fh then
          fh:close()
          local _, text = run(SHARED .. "readability/" .. case .. "/source.html")
          assert.truthy(text:find("%S"), case)
          n = n + 1
        end
      end
      p:close()
      assert.equal(130, n)
    end)
  end)
end)
