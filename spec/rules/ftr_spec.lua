local ftr = require "pith.rules.ftr"
local compile = require "pith.rules.compile"
local xpath_check = require "pith.rules.xpath_check"
local rules = require "pith.rules"
local core = require "pith.core"
local pith = require "pith"

-- A rule from site-file text, as rules.load_file makes it.
local function rule_of(text, name)
  local raw, notes = ftr.parse(text, name or "example.com.txt")
  local rule = assert(compile.compile(raw, name or "example.com.txt", text))
  rule.ftr, rule.origin = true, "ftr"
  return rule, notes
end

local function mercury(name)
  local f = assert(io.open("../shared/corpus/mercury/html/" .. name .. ".html.gz", "rb"))
  local html = assert(core.gunzip(f:read("*a")))
  f:close()
  return html
end

describe("pith.rules.ftr", function()
  it("names hosts from file names as FiveFilters' loader finds them", function()
    assert.same({ "example.com" }, (ftr.hosts_for("dir/example.com.txt")))
    local h, wild = ftr.hosts_for(".example.com.txt")
    assert.same({ ".example.com" }, h)
    assert.is_true(wild)
    assert.is_nil(ftr.hosts_for("global.txt"))
    assert.is_nil(ftr.hosts_for("ftr-site-config/LICENSE.txt")) -- in the project's folder
    -- hosts are lower-cased before the file is looked up
    assert.matches("lower%-case", select(2, ftr.hosts_for("Example.com.txt")))
    -- SiteConfig::build cuts "www." from the host before it looks for "host.txt": never read
    local none, why = ftr.hosts_for("dir/www.example.com.txt")
    assert.is_nil(none)
    assert.matches("name it example%.com%.txt", why)
  end)

  it("loads a folder with a www.* file the way FiveFilters does, and says why the file is unused", function()
    rules.reset()
    rules.add_path("spec/fixtures/rules/ftr-www")
    assert.are.equal("ftr:example.com", rules.find("https://www.example.com/a").id)
    assert.are.equal("ftr:example.com", rules.find("https://example.com/a").id)
    local errs = rules.errors()
    assert.are.equal(1, #errs)
    assert.matches("www%.example%.com%.txt: FiveFilters never reads a file named www%.%*", errs[1])
    rules.reset()
  end)

  it("reads directives into a rule table", function()
    local raw, notes = ftr.parse(table.concat({
      "# comment",
      "title: //h1[@class='t']",
      "body: //div[@id='a'] | //div[@id='b']",
      "author: substring-after(//p[@class='by'], 'By ')",
      "strip_id_or_class: promo",
      "strip_image_src: pixel.gif",
      "find_string: data-src=",
      "replace_string: src=",
      "replace_string(<noscript>): <div>",
      "dissolve: //span[@class='x']",
      "wrap_in(blockquote): //div[@class='q']",
      "wrap_in(blockquote): //div[@class='r']",
      "http_header(Referer): https://example.com/",
      "test_url: https://example.com/a",
      "test_contains: hello",
      "date: //time/@datetime",
    }, "\n"), "example.com.txt")
    assert.are.equal("ftr:example.com", raw.id)
    assert.same({ "example.com" }, raw.match.hosts)
    assert.same({ { xpath = "string(//h1[@class='t'])" } }, raw.fields.title)
    assert.are.equal("function", type(raw.fields.authors[1]))
    assert.same({ xpath = "string(//time/@datetime)" }, raw.fields.date[1])
    assert.are.equal("function", type(raw.fields.date.clean))
    assert.same({ { xpath = "//div[@id='a'] | //div[@id='b']" } }, raw.content.select)
    assert.same({ css = '[class*="promo"], [id*="promo"]' }, raw.remove[1])
    assert.same({ css = 'img[src*="pixel.gif"]' }, raw.remove[2])
    assert.same({ { "<noscript>", "<div>" }, { "data-src=", "src=" } }, raw.rewrite)
    -- FiveFilters prunes a body it found unless told "prune: no": first, then the file's own
    assert.are.equal("./descendant-or-self::*[1]", raw.content.transforms[1][1])
    assert.same({ "//span[@class='x']", "unwrap" }, raw.content.transforms[2])
    assert.same({ referer = "https://example.com/" }, raw.http.headers)
    assert.same({ { url = "https://example.com/a", contains = { "hello" } } }, raw.tests)
    assert.are.equal(1, #notes)
    assert.matches("example%.com%.txt:11: FiveFilters directive 'wrap_in' ignored %(2 lines%): " ..
      "pith's node API cannot create elements", notes[1])
  end)

  it("drops unpaired find/replace strings, as FiveFilters does, and says so", function()
    local raw, notes = ftr.parse("find_string: a\nfind_string: b\nreplace_string: c\n", "x.com.txt")
    assert.same({}, raw.rewrite)
    assert.matches("counts differ", notes[1])
  end)

  it("reports fetching directives, unknown directives and malformed lines once each, with a line", function()
    -- lines as real files have them (next_page_link: 107 files; 'titl' in one, a broken
    -- replace_string line in another)
    local _, notes = ftr.parse(table.concat({
      "titl: //h1",                                   -- 1
      "next_page_link: //a[@rel='next']",            -- 2
      "replace_string(,\"value\"",                    -- 3
      "single_page_link: //a[@class='print']",       -- 4
      "next_page_link: //a[@class='next']",          -- 5
      "requires_login: no",                          -- 6: pith's behaviour, nothing to say
      "insert_detected_image: no",                   -- 7: idem
      "convert_double_br_tags: yes",                 -- 8: idem
      "autodetect_next_page: no",                    -- 9: idem
      "native_ad_clue: //meta[@property='og:url' and contains(@content, '/sponsored/')]",
      "https://example.com/a-test-url-on-its-own-line",
    }, "\n"), "x.com.txt")
    assert.same({
      "x.com.txt:1: FiveFilters directive 'titl' ignored (1 line): unknown directive (a typo?)",
      "x.com.txt:2: FiveFilters directive 'next_page_link' ignored (2 lines): needs another page fetched " ..
        "(or a login); pith extracts the page it is given and never fetches",
      "x.com.txt:3: line ignored (2 lines): not a 'directive: value' line",
      "x.com.txt:4: FiveFilters directive 'single_page_link' ignored (1 line): needs another page fetched " ..
        "(or a login); pith extracts the page it is given and never fetches",
      "x.com.txt:10: FiveFilters directive 'native_ad_clue' ignored (1 line): pith's record has no native-ad flag",
    }, notes)
  end)

  it("finds XPath that libxml2 compiles but cannot evaluate", function()
    -- from real files: polygon.com.txt, zive.cz.txt, gendai.media.txt
    assert.same({ nil, "contains() takes 2 arguments, given 1" },
      { xpath_check.check("//div[contains(@class='c-entry-content')]") })
    assert.same({ nil, "function contain() is not XPath 1.0" },
      { xpath_check.check("//a[contain(@class, \"text-sm\")]") })
    assert.is_true(xpath_check.check(
      "substring-before(substring-after(//div[contains(concat(' ',normalize-space(@class),' '),' author ')], " ..
      "' on '), ' at')"))
    assert.is_true(xpath_check.check("//a[text()='x' and contains(., \"a, b(\")] | (//p)[last()]"))
    assert.is_true(xpath_check.check("//svg:path[@d] | //*[@id='a']/node()"))
    local raw, notes = ftr.parse("body: //div[contains(@class='x')]\nbody: //article\n", "x.com.txt")
    assert.same({ { xpath = "//article" } }, raw.content.select)
    assert.same({ "x.com.txt:1: FiveFilters directive 'body' ignored: contains() takes 2 arguments, given 1" },
      notes)
  end)

  it("lists each author once, as names (arstechnica.com.txt's author line on its page)", function()
    -- fivefilters/ftr-site-config arstechnica.com.txt (CC0): the link is on the page twice
    local rule = rule_of("author: //a[contains(@href, '/author/')]\n", "arstechnica.com.txt")
    local rec = assert(pith.extract(mercury("arstechnica.com"), { url = "https://arstechnica.com/x", rule = rule }))
    assert.same({ "Valentina Palladino" }, rec.authors)
    assert.are.equal("Valentina Palladino", rec.author)
  end)

  it("reads dates as FiveFilters' strtotime does, and skips what is no date", function()
    local rule = rule_of("date: //p[@class='d']\ndate: //p[@class='e']\n")
    local rec = assert(pith.extract("<html><body><p class=d>Posted by Ann</p><p class=e>March 9 2017 4:21 PM</p>" ..
      "<article><p>" .. ("Words of the article. "):rep(30) .. "</p></article></body></html>", { rule = rule }))
    assert.are.equal("2017-03-09T16:21:00", rec.date)
  end)

  it("deletes the attributes strip_attr selects, and honours src_lazy_load_attr", function()
    -- lines as in real files (strip_attr: //img/@srcset is in ten of them; the placeholder line
    -- in two)
    local rule, notes = rule_of(table.concat({
      "body: //article",
      "strip_attr: //img/@srcset",
      "strip_attr: //img[contains(@src,'data:image/svg+xml')]/@src",
      "src_lazy_load_attr: data-full-src",
      "strip: //a[contains(@href, 'mailto')]/@href", -- heise.de.txt: a strip line naming attributes
    }, "\n"))
    assert.same({}, notes)
    local html = "<html><body><article><img id=a src='a.gif' srcset='b.jpg 2x'>" ..
      "<img id=b src='data:image/svg+xml,x' alt='Placeholder'>" ..
      "<img id=c src='blank.gif' data-full-src='https://example.com/real.jpg'><p>Text <a id=m " ..
      "href='mailto:x@example.com'>mail</a>.</p></article></body></html>"
    local doc = assert(core.parse(html))
    local res = assert(rules.apply(rule, doc))
    assert.are.equal(res.content, doc:first("article"))
    assert.is_nil(doc:first("#a"):attr("srcset"))
    assert.are.equal("a.gif", doc:first("#a"):attr("src"))
    assert.is_nil(doc:first("#b"):attr("src"))
    assert.are.equal("https://example.com/real.jpg", doc:first("#c"):attr("src"))
    assert.is_nil(doc:first("#m"):attr("href"))
    assert.are.equal("mail", doc:first("#m"):text())
    doc:close()
    local rec = assert(pith.extract(html, { rule = rule, format = "html", images = true }))
    assert.truthy(rec.html:find('src="https://example.com/real.jpg"', 1, true))
    assert.falsy(rec.html:find("svg", 1, true))
  end)

  it("prunes the body as FiveFilters does by default, unless the file says prune: no", function()
    -- fivefilters/ftr-site-config aclu.org.txt's body line (CC0), on the shared corpus' ACLU page
    local f = assert(io.open("../shared/corpus/readability/aclu/source.html", "rb"))
    local html = f:read("*a")
    f:close()
    local body = "body: //div[contains(concat(' ',normalize-space(@class),' '),' content-column ')]\n"
    local pruned = assert(pith.extract(html, { rule = rule_of(body, "aclu.org.txt") })).text
    local kept = assert(pith.extract(html, { rule = rule_of(body .. "prune: no\n", "aclu.org.txt") })).text
    -- the comment form inside the body column goes (Readability's conditional cleaning), the
    -- article stays
    assert.truthy(kept:find("Read the Terms of Use", 1, true))
    assert.falsy(pruned:find("Read the Terms of Use", 1, true))
    assert.falsy(pruned:find("View comments", 1, true))
    assert.are.equal("I don't use Facebook.", pruned:sub(1, 21))
    assert.truthy(pruned:find("we also need to protect those of us who manage to opt out.", 1, true))
  end)

  it("strips what strip_id_or_class names anywhere in a class or id, as FiveFilters' extractor does", function()
    -- fivefilters/ftr-site-config cnet.com.txt's lines (CC0) on the shared corpus' CNET page: its
    -- Taboola widget is class="... trc_related_container ..." and "... trc-content-sponsored"
    local f = assert(io.open("../shared/corpus/readability/cnet/source.html", "rb"))
    local html = f:read("*a")
    f:close()
    for _, lines in ipairs {
      "strip_id_or_class: related\nstrip_id_or_class: sponsor\n",
      -- order-dependent line first: the same lines as XPath
      "strip: //h1/following-sibling::*[1]\nstrip_id_or_class: related\nstrip_id_or_class: sponsor\n",
    } do
      local rule = rule_of(lines, "cnet.com.txt")
      local doc = assert(core.parse(html))
      assert.truthy(doc:root():text():find("Promoted Links", 1, true))
      assert(rules.apply(rule, doc, { html = html }))
      assert.falsy(doc:root():text():find("Promoted Links", 1, true))
      assert.is_nil((doc:first("#trc_wrapper_55099")))
      doc:close()
    end
  end)

  it("runs strip lines in one walk where FiveFilters' order allows, else in its order", function()
    local raw = ftr.parse(table.concat({
      "strip: //aside",                                        -- 1: before order-dependent lines
      "strip: //figure[contains(., 'Advertisement')]",         -- 2: a text test: depends, no needle
      "strip: //h1/following-sibling::div",                    -- 3: a sibling: depends
      "strip_id_or_class: promo",                              -- 4
      "strip: //div[@class='x'] | //nav",                      -- 5
      "strip: //div[contains(@class, 'ad-slot')]//p",          -- 6: not one step: XPath, needle
    }, "\n"), "x.com.txt")
    assert.same({ xpath = "//aside" }, raw.remove[1])
    assert.same({ xpath = "//figure[contains(., 'Advertisement')]" }, raw.remove[2])
    assert.same({ xpath = "//h1/following-sibling::div" }, raw.remove[3])
    assert.same({ css = '[class*="promo"], [id*="promo"]' }, raw.remove[4])
    assert.same({ css = 'div[class="x"], nav' }, raw.remove[5])
    assert.same({ xpath = "//div[contains(@class, 'ad-slot')]//p", needles = { "ad-slot" } }, raw.remove[6])
    -- a file without order-dependent lines: every line that can be CSS is
    raw = ftr.parse("strip: //aside\nstrip_id_or_class: promo\n", "x.com.txt")
    assert.same({ css = "aside" }, raw.remove[1])
  end)

  it("removes what FiveFilters' own XPath removes (theguardian.com.txt's strip lines, on its page)", function()
    -- the strip and strip_id_or_class lines of fivefilters/ftr-site-config theguardian.com.txt
    -- (CC0); its body line, and prune: no
    local text = table.concat({
      "body: //figure[.//picture[@itemProp=\"contentUrl\"]] | //div[contains(@class, 'article-body')]",
      "strip: //article//div[contains(@class, 'content__secondary-column')]", "strip: //aside",
      "strip: //article//div[contains(@class, 'block-share')]", "strip: //div[@class='submeta']",
      "strip: //span[contains(@class, 'inline-expand-image')]", "strip: //article//div[@class='kindleWidget']",
      "strip: //article//div[@class='email-subscription']", "strip: //article//script",
      "strip: //article//figure[contains(@class, 'element-audio')]",
      "strip: //article//a[contains(@style, 'display: none')]", "strip: //article/div[@class='paidfor-band']",
      "strip: //header", "strip: //div[@class='content__main-column']",
      "strip: //div[contains(@class, 'content-footer')]", "strip: //footer", "strip: //form",
      "strip: //div[starts-with(@id, \"qanda-\")]", "strip: //button",
      "strip: //div[contains(@class, 'ad-slot-container')]",
      "strip: //figure[contains(@data-spacefinder-type, \"NewsletterSignup\")]",
      "strip: //figure[@data-atom-type=\"qanda\" or @data-atom-type=\"profile\"]",
      "strip_id_or_class: sign-in-gate", "strip_id_or_class: js-ad-slot",
      "strip: //div[@data-print-layout=\"hide\"]", "strip_id_or_class: hide-on-mobile",
      "strip_id_or_class: reveal-caption", "strip_id_or_class: readerquestions", "strip_id_or_class: submeta",
      "strip_id_or_class: site-message", "strip_id_or_class: contributions__epic",
      "strip_id_or_class: youtube-media-atom__overlay", "strip: //figcaption", "strip: //svg",
      "strip: //gu-island/parent::figure", "strip: //gu-island", "strip: //figure//button",
      "strip: //article//div[contains(@class, 'content__meta-container')]", "strip: //iframe[@srcdoc]",
      "prune: no",
    }, "\n")
    local f = assert(io.open("../shared/corpus/readability/guardian-1/source.html", "rb"))
    local html = f:read("*a")
    f:close()
    local function run(raw)
      local rule = assert(compile.compile(raw, "theguardian.com.txt"))
      local doc = assert(core.parse(html))
      assert(rules.apply(rule, doc, { html = html }))
      local out = doc:root():html()
      doc:close()
      return out
    end
    local fast = ftr.parse(text, "theguardian.com.txt")
    local literal = ftr.parse(text, "theguardian.com.txt", { literal = true })
    local nothing = ftr.parse(text:gsub("strip[%w_]*:[^\n]*\n", ""), "theguardian.com.txt")
    local kinds = {}
    for _, q in ipairs(fast.remove) do kinds[q.css and "css" or "xpath"] = true end
    assert.same({ css = true, xpath = true }, kinds)
    local page = run(fast)
    assert.are.equal(run(literal), page)
    assert.are_not.equal(run(nothing), page) -- the lines remove something on this page
  end)

  it("has nothing to do for post_strip_attr of an attribute pith's clean HTML drops", function()
    -- global.txt's line: FiveFilters strips every class from its output HTML
    local raw, notes = ftr.parse("post_strip_attr: //*/@class\npost_strip_attr: //a/@title\n", "x.com.txt")
    assert.same({}, notes)
    assert.are.equal(1, #raw.content.transforms)
    assert.are.equal("//a[@title]", raw.content.transforms[1][1])
  end)

  it("keeps a skip_json_ld site's JSON-LD out of the metadata", function()
    local html = "<html><head><title>T</title><script type=\"application/ld+json\">" ..
      "{\"@type\":\"NewsArticle\",\"headline\":\"T\",\"author\":{\"@type\":\"Person\",\"name\":\"Wrong Person\"}}" ..
      "</script></head><body><article><p>" .. ("Words of the article. "):rep(30) .. "</p></article></body></html>"
    local plain = rule_of("body: //article\n")
    assert.are.equal("Wrong Person", assert(pith.extract(html, { rule = plain })).author)
    local skip = rule_of("body: //article\nskip_json_ld: yes\n")
    assert.is_nil(assert(pith.extract(html, { rule = skip })).author)
  end)
end)
