-- pith.extract on real pages (shared corpora) and a few hand-written snippets.
local util = require "support.util"
local read = util.page
local core = require "pith.core"
local extract = require "pith.extract"

local SHARED = "../shared/corpus/"

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

  describe("story links set as paragraphs (a run of paragraphs that are each one link)", function()
    local page = SHARED .. "readability/yahoo-3/source.html"

    it("are dropped from inside the article in balanced and precision mode", function()
      for _, favor in ipairs({ "balanced", "precision" }) do
        local _, text = run(page, { favor = favor })
        assert.truthy(text:find("said her intention was to honor the flag", 1, true), favor)
        assert.truthy(text:find("This is what he was fighting for", 1, true), favor)
        assert.falsy(text:find("Pizza Man Making Special Delivery", 1, true), favor)
        assert.falsy(text:find("Penguin Post Office", 1, true), favor)
      end
    end)

    it("are kept in recall mode, as Readability keeps them", function()
      local _, text = run(page, { favor = "recall" })
      assert.truthy(text:find("Redesigned Scopes Fail to Stop", 1, true))
    end)

    it("leave alone paragraphs whose single link is a bare word", function()
      local _, text = run(SHARED .. "readability/base-url/source.html")
      local _, links = text:gsub("link", "")
      assert.truthy(links >= 3, text)
    end)
  end)

  describe("comments = true (Readability corpus)", function()
    local page = SHARED .. "readability/002/source.html"

    it("keeps the comment section after the article, as a block of its own", function()
      local rec = run(page, { comments = true })
      local body = rec.text:find("helping with the specification and implementation", 1, true)
      local c = rec.text:find("\n\n2 comments\n", 1, true)
      assert.truthy(body and c and c > body)
      assert.truthy(rec.text:find("Alexander Petrov wrote on March 11th, 2015 at 02:57:", 1, true))
      assert.truthy(rec.text:find("how do you abort a fetch?", 1, true))
    end)

    it("leaves comments out by default", function()
      local _, text = run(page)
      assert.falsy(text:find("how do you abort a fetch?", 1, true))
    end)

    it("does not repeat comments the article already holds (Firefox Nightly blog)", function()
      local _, text = run(SHARED .. "readability/firefox-nightly-blog/source.html", { comments = true })
      local _, n = text:gsub("Thank you for fixing Bug 1553982", "")
      assert.equal(1, n)
    end)
  end)

  describe("the lead (Mercury news pages)", function()
    -- the generic path: no site rule (some of these sites have one)
    local function starts(id, lead)
      local _, text = run(SHARED .. "mercury/html/" .. id .. ".html.gz", { rule = false })
      text = text:gsub("^%s+", "")
      assert.equal(lead, text:sub(1, #lead), id .. ": " .. text:sub(1, 120))
      return text
    end

    it("drops a dateline, a byline with icons, a picture credit and a gallery counter", function()
      -- "Dec 9, 2016" in <time>; the figcaption's credit is the body's own (Mercury's first words)
      assert.falsy(starts("247sports.com", "(Photo: Brett Davis, USA TODAY Sports) Houston has promoted")
        :find("Dec 9, 2016", 1, true))
      starts("www.vortez.net__1743645797430", "DeepCool announced the launch") -- 👤by ... 📅31.03.2025
      starts("arstechnica.com", "Name a home appliance or product") -- figcaption "Valentina Palladino"
      starts("www.androidauthority.com__1734492467424", "Many new Android apps are out there")
      starts("www.blick.de__1774199156467", "Dr. med. Hans-Hendrik Knäbchen") -- "1/3"
    end)

    it("drops an icon glyph, a bare date and a kicker above the headline", function()
      starts("lublin.se.pl__1740022803567", "Mieszkańcy najpierw zobaczyli") -- "i", "2025-02-18 21:58"
      starts("superbiz.se.pl__1739330496278", "Waloryzacja emerytur 2025") -- "Wypłata już w marcu"
    end)

    it("drops link-only breadcrumbs", function()
      starts("www.jnsa.org", "情報セキュリティ対策を予防") -- "HOME ＞ イベント・セミナー情報 ＞ ..."
      local _, text = run(SHARED .. "mercury/html/www.frandroid.com__1777688498862.html.gz", { rule = false })
      assert.falsy(text:find("Accueil Produits", 1, true))
    end)

    it("joins the parts of a body that ad slots split, and leaves a dek in the header", function()
      local text = starts("arstechnica.com__1739238328741", "On Friday, the National Institutes of Health")
      assert.truthy(text:find("Regardless of what else they might be doing", 1, true))
      assert.truthy(text:find("The NIH announcement suggests that the process", 1, true))
      starts("9to5linux.com__1772404182459", "OpenVPN 2.7 has been released today")
    end)

    it("drops affiliate and paywall notices", function()
      local _, text = run(SHARED .. "mercury/html/www.thedrive.com__1771557523995.html.gz", { rule = false })
      assert.falsy(text:find("We may earn revenue", 1, true))
      assert.truthy(text:find("The Home Depot is running its Special Buy", 1, true))
      local _, fool = run(SHARED .. "mercury/html/www.fool.com.html.gz", { rule = false })
      assert.falsy(fool:find("reading a free article", 1, true))
    end)

    it("leaves a short first paragraph and a subheading alone (snippet)", function()
      local body = "Valkyrie is a relative newcomer in the DIY PC space, with the company founded in 2021 "
        .. "and its first coolers released a year later, and it has grown fast since then."
      local html = "<html><head><title>Valkyrie review</title></head><body><article>"
        .. "<h1>Valkyrie review</h1><p class='byline'>By Jane Doe</p><p><time>May 2, 2025</time></p>"
        .. "<h2>Introduction</h2><p>A big thank you to Valkyrie for providing the review sample!</p>"
        .. "<p>" .. body .. "</p><p>" .. body:gsub("2021", "2020") .. "</p>"
        .. "<p>" .. body:gsub("2021", "2019") .. "</p><p>" .. body:gsub("2021", "2018") .. "</p>"
        .. "</article></body></html>"
      local text = flat(assert(extract.extract(html)).text):gsub("^%s+", "")
      assert.equal("Introduction A big thank you to Valkyrie", text:sub(1, 40))
    end)
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

  describe("images=true (Telegraph page: captioned pictures between the body's sections)", function()
    local page = SHARED .. "readability/telegraph/source.html"
    local caption = "Zimbabwean opposition leader Morgan Tsvangirai, right, meets church leaders"

    it("keeps each picture's caption in reading order", function()
      local _, text = run(page, { images = true })
      local at = text:find(caption, 1, true)
      assert.truthy(at)
      assert.truthy(text:find("A man walks past an armoured personnel carrier", 1, true))
      assert.truthy(text:find("one of Africa's most promising states.", 1, true) < at)
      assert.truthy(text:find("Zimbabwean intelligence reports seen by Reuters", 1, true) > at)
    end)

    it("leaves them out by default", function()
      local _, text = run(page)
      assert.falsy(text:find(caption, 1, true))
      assert.truthy(text:find("Zimbabwean intelligence reports seen by Reuters", 1, true))
    end)

    it("renders the image with its caption in markdown (Quanta page)", function()
      local rec = run(SHARED .. "readability/quanta-1/source.html",
        { images = true, format = "markdown" })
      local md = rec.markdown
      local img = md:find("![Acknowledgements of Ellen Fetter and Margaret Hamilton", 1, true)
      assert.truthy(img)
      local cap = md:find("Edward Lorenz acknowledged the contributions of Fetter and Hamilton", 1, true)
      assert.truthy(cap and cap > img)
    end)
  end)

  describe("favor", function()
    it("precision ends the article at its last paragraph of prose (CNN page)", function()
      local page = SHARED .. "readability/cnn/source.html"
      local _, balanced = run(page)
      local _, precise = run(page, { favor = "precision" })
      local last = "the American safety net was ineffective because it provides only half"
      assert.truthy(balanced:find("First published February 1, 2016", 1, true))
      assert.falsy(precise:find("First published February 1, 2016", 1, true))
      assert.truthy(precise:find(last, 1, true))
      assert.truthy(#precise > 0.9 * #balanced)
    end)

    it("recall keeps borderline sibling paragraphs (Washington Post page: the author's bio)", function()
      local page = SHARED .. "readability/wapo-1/source.html"
      local bio = "Erin Cunningham is an Egypt-based correspondent for The Post."
      local _, balanced = run(page)
      local _, full = run(page, { favor = "recall" })
      assert.falsy(balanced:find(bio, 1, true))
      assert.truthy(full:find(bio, 1, true))
    end)
  end)

  it("keeps a first paragraph that opens with the title's words (hidden-nodes page)", function()
    local rec = run(SHARED .. "readability/hidden-nodes/source.html")
    assert.truthy(rec.text:find("^Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam " ..
      "nonumy eirmod tempor invidunt ut labore"))
  end)

  it("drops a loading indicator with trailing dots (qq page: 正在加载...)", function()
    local _, text = run(SHARED .. "readability/qq/source.html")
    assert.falsy(text:find("正在加载", 1, true))
    assert.truthy(text:find("DeepMind", 1, true))
  end)

  describe("the paragraph-level fallback", function()
    -- A questions-and-answers layout built from a real article (readability/001):
    -- one short intro paragraph, then the body as <dd> answers, which Readability's
    -- scoring never sees (it scores p, td, pre, section and headings), so every
    -- pass returns the intro alone.
    local function faq_page()
      local doc = assert(core.parse(read(SHARED .. "readability/001/source.html")))
      local paras = {}
      for _, p in ipairs(doc:select("p")) do
        local t = p:text()
        if #t > 60 and #paras < 10 then paras[#paras + 1] = (t:gsub("&", "&amp;"):gsub("<", "&lt;")) end
      end
      doc:close()
      local parts = { "<html><head><title>Code coverage</title></head><body>",
                      "<nav><a href='/'>Home</a> <a href='/blog'>Blog</a> <a href='/about'>About</a></nav>",
                      "<article><div class='intro'><p>", paras[1], "</p><p>Read on.</p></div><dl>" }
      for i = 2, #paras do
        parts[#parts + 1] = "<dt>Part " .. i .. "</dt><dd>" .. paras[i] .. "</dd>"
      end
      parts[#parts + 1] = "</dl></article><footer><a href='/privacy'>Privacy policy</a> "
        .. "<a href='/terms'>Terms of use</a></footer></body></html>"
      return table.concat(parts), paras
    end

    it("takes the page's prose blocks when every pass finds too little", function()
      local html, paras = faq_page()
      local rec = assert(extract.extract(html))
      local text = flat(rec.text)
      assert.equal(10, #paras)
      for i = 1, #paras do
        assert.truthy(text:find(flat(paras[i]):sub(1, 60), 1, true), paras[i])
      end
      -- short answers that only introduce a code sample ("...test file:") stay, between good ones
      assert.truthy(text:find("Part 8", 1, true))
      assert.falsy(text:find("Privacy policy", 1, true))
      assert.falsy(text:find("About", 1, true))
    end)

    it("leaves a page of links empty", function()
      local links = {}
      for i = 1, 30 do
        links[#links + 1] = "<li><a href='/p" .. i .. "'>Story number " .. i .. " of the day</a></li>"
      end
      local rec = assert(extract.extract("<html><body><ul>" .. table.concat(links) .. "</ul></body></html>"))
      assert.equal("", rec.text)
    end)
  end)

  describe("every shared page", function()
    it("Mercury: no error, non-empty text, no furniture", function()
      local f = assert(io.open(SHARED .. "mercury/index.json"))
      local index = f:read("*a")
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
