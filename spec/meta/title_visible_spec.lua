-- The page's visible headline (its one h1) against the declared title (og:title, JSON-LD
-- headline, <title> without the site's name): which one pith reports.
local util = require "support.util"
local core = require "pith.core"
local metadata = require "pith.metadata"

local function collect_html(html, url)
  local doc = assert(core.parse(html, { url = url or "https://news.example.com/a/story" }))
  local f = metadata.collect(doc, { url = url or "https://news.example.com/a/story" })
  doc:close()
  return f
end

local function page(head, body)
  return "<html><head>" .. head .. "</head><body><header><a href='/'>Example News</a></header>"
    .. "<article>" .. body .. "<p>" .. ("The story goes on for a while. "):rep(20) .. "</p></article></body></html>"
end

local function mercury(name, url)
  local doc = assert(core.parse(util.page("../shared/corpus/mercury/html/" .. name .. ".html.gz"),
    { url = url, charset = "utf-8" }))
  local f = metadata.collect(doc, { url = url })
  doc:close()
  return f
end

describe("the visible headline against the declared title", function()
  it("takes the h1's quotes and case when only those differ (refinery29, fortune)", function()
    -- og:title "... Let's Get Behind ...", <h1>"... Let’s Get Behind ..."</h1>.
    assert.equal("For Holiday Parties This Year, Let’s Get Behind The Conversation-Starter Tee",
      mercury("www.refinery29.com",
        "http://www.refinery29.com/2016/12/132377/graphic-tees-statement-shirt-style-tips").title)
    -- og:title "... Powered By Amazon’s ...", the h1 "... Powered by Amazon’s ...".
    assert.equal("Here Are 6 Can’t-Miss Gadgets Powered by Amazon’s Alexa Assistant",
      mercury("fortune.com", "https://fortune.com/2016/12/15/amazon-alexa-gadgets/").title)
    -- Dashes and low-high quotes as typeset.
    local f = collect_html(page(
      "<title>Von der Leyen will \"mehr\" - Österreich zahlt | Example News</title>"
        .. "<meta property='og:title' content='Von der Leyen will \"mehr\" - Österreich zahlt'>",
      "<h1>Von der Leyen will „mehr“ – Österreich zahlt</h1>"))
    assert.equal("Von der Leyen will „mehr“ – Österreich zahlt", f.title)
  end)

  it("keeps the declared case against an h1 set in capitals", function()
    local f = collect_html(page("<meta property='og:title' content='Sunday Thoughts: A Little Lost, Still Here'>",
      "<h1>SUNDAY THOUGHTS: A LITTLE LOST, STILL HERE</h1>"))
    assert.equal("Sunday Thoughts: A Little Lost, Still Here", f.title)
  end)

  it("keeps the declared punctuation that the h1's markup lost", function()
    -- <h1><span class=kicker>Ausschuss zur Ahrtal-Flut</span> Zwei Rücktritte</h1>: no colon in the text.
    local f = collect_html(page("<meta property='og:title' content='Ausschuss zur Ahrtal-Flut: Zwei Rücktritte'>",
      "<h1><span class=kicker>Ausschuss zur Ahrtal-Flut</span> Zwei Rücktritte</h1>"))
    assert.equal("Ausschuss zur Ahrtal-Flut: Zwei Rücktritte", f.title)
  end)

  it("takes the one h1 that rephrases a declaration the <title> repeats (timesofindia)", function()
    assert.equal("China snubs Imran Khan, says resolve J&K bilaterally", mercury("timesofindia.indiatimes.com",
      "https://timesofindia.indiatimes.com/india/china-snubs-imran/articleshow/71496416.cms").title)
    -- An SEO rewrite in og:title and <title>; the h1 is the headline the reader sees.
    local head = "<title>Brexit: Nervenkrieg geht in nächste Runde | Example News</title>"
      .. "<meta property='og:title' content='Brexit: Nervenkrieg geht in nächste Runde'>"
    local f = collect_html(page(head, "<h1>Der Nervenkrieg um den Brexit geht in die nächste Runde</h1>"))
    assert.equal("Der Nervenkrieg um den Brexit geht in die nächste Runde", f.title)
    -- The same opening, another ending.
    head = "<title>Auto leasen oder kaufen – was lohnt sich?</title>"
    f = collect_html(page(head .. "<meta property='og:title' content='Auto leasen oder kaufen – was lohnt sich?'>",
      "<h1>Auto leasen oder kaufen – was ist günstiger?</h1>"))
    assert.equal("Auto leasen oder kaufen – was ist günstiger?", f.title)
    -- The <title> alone, nothing declared: choose's own weighing of the <title> against the h1 stands.
    f = collect_html(page(head, "<h1>Auto leasen oder kaufen – was ist günstiger?</h1>"))
    assert.equal("Auto leasen oder kaufen – was lohnt sich?", f.title)
  end)

  it("keeps the declaration when the h1 may not be the article's headline", function()
    local head = "<title>Brexit: Nervenkrieg geht in nächste Runde | Example News</title>"
      .. "<meta property='og:title' content='Brexit: Nervenkrieg geht in nächste Runde'>"
    -- Several h1s: which one heads the article is unsure.
    local f = collect_html(page(head, "<h1>Der Nervenkrieg um den Brexit geht in die nächste Runde</h1>"
      .. "<aside><h1>Brexit: die nächste Runde im Parlament</h1></aside>"))
    assert.equal("Brexit: Nervenkrieg geht in nächste Runde", f.title)
    -- A short label, a section's name.
    f = collect_html(page(head, "<h1>Brexit Runde</h1>"))
    assert.equal("Brexit: Nervenkrieg geht in nächste Runde", f.title)
    -- Other words altogether: a teaser's or the site's heading, not a rephrasing.
    f = collect_html(page(head, "<h1>Weather and traffic for the whole region today</h1>"))
    assert.equal("Brexit: Nervenkrieg geht in nächste Runde", f.title)
  end)

  it("takes the h1 alone when the declaration puts a label before it (genius)", function()
    -- og:title "Prince and the Revolution – Purple Rain": the artist's link stands above the h1.
    assert.equal("Purple Rain",
      mercury("genius.com", "https://genius.com/Prince-and-the-revolution-purple-rain-lyrics").title)
    -- A kicker line above the h1, joined to it by a colon in og:title.
    local f = collect_html(page(
      "<meta property='og:title' content='Siemens und die Kohlemine: Kaeser verarscht Neubauer'>",
      "<p class=kicker>Siemens und die Kohlemine</p><h1>Kaeser verarscht Neubauer</h1>"))
    assert.equal("Kaeser verarscht Neubauer", f.title)
    -- Not an h1 that reads as a label itself (lower case, one word).
    f = collect_html(page("<meta property='og:title' content='SibenLab: privacy policy'>", "<h1>privacy policy</h1>"))
    assert.equal("SibenLab: privacy policy", f.title)
  end)

  it("leaves a kicker or subtitle around the declaration to the declaration's own rules", function()
    -- <h1>Interne Unterlagen im Netz Daten von Rheinmetall gehackt</h1>: a kicker glued on.
    local f = collect_html(page("<title>Daten von Rheinmetall gehackt | Example News</title>"
      .. "<meta property='og:title' content='Daten von Rheinmetall gehackt'>",
      "<h1><span>Interne Unterlagen im Netz</span> Daten von Rheinmetall gehackt</h1>"))
    assert.equal("Daten von Rheinmetall gehackt", f.title)
  end)

  it("keeps the declaration when the <title> states the h1's wording (numerama's pattern)", function()
    local f = collect_html(page("<title>Sam Altman annonce des changements pour GPT, deux jours après - Example</title>"
      .. "<meta property='og:title' content='Deux jours après le lancement, Sam Altman annonce des changements'>",
      "<h1>Sam Altman annonce des changements pour GPT, deux jours après</h1>"))
    assert.equal("Deux jours après le lancement, Sam Altman annonce des changements", f.title)
  end)

  it("drops a declared site name that is the declared headline even when the h1 wins", function()
    -- og:site_name filled with the page's og:title by the template; the <title> names the site.
    local f = collect_html(page("<title>Bürgerbeteiligung für Windpark Steinheim | EnBW</title>"
      .. "<meta property='og:title' content='Bürgerbeteiligung für Windpark Steinheim | EnBW'>"
      .. "<meta property='og:site_name' content='Bürgerbeteiligung für Windpark Steinheim'>",
      "<h1>Umweltfreundliche Geldanlage: Bürgerbeteiligung am Windpark Steinheim</h1>"),
      "https://www.enbw.example/windpark")
    assert.equal("Umweltfreundliche Geldanlage: Bürgerbeteiligung am Windpark Steinheim", f.title)
    assert.equal("EnBW", f.sitename)
  end)

  it("among several h1s, takes the one h1 that is the declaration typeset", function()
    -- A site-name h1 and a "Post navigation" h1 beside the headline's (theoriginalcopy's pattern).
    local f = collect_html("<html><head><title>Editor's Letter: bye OC Baby | Example News</title>"
      .. "<meta property='og:title' content=\"Editor's Letter: bye OC Baby\"></head><body>"
      .. "<h1><a href='/'>Example News</a></h1><article><h1>Editor’s Letter: bye OC Baby</h1>"
      .. "<p>" .. ("The story goes on for a while. "):rep(20) .. "</p></article>"
      .. "<nav><h1>Post navigation</h1><a href='/prev'>Previous</a></nav></body></html>")
    assert.equal("Editor’s Letter: bye OC Baby", f.title)
    -- "Kicker: Headline" declared, the headline's h1 among others.
    f = collect_html("<html><head>"
      .. "<meta property='og:title' content='Zukunft der Arbeit: Die Liegestühle auf der Titanic'></head>"
      .. "<body><h1>Example News</h1><article><h1>Die Liegestühle auf der Titanic</h1>"
      .. "<p>" .. ("The story goes on for a while. "):rep(20) .. "</p></article></body></html>")
    assert.equal("Die Liegestühle auf der Titanic", f.title)
  end)

  it("among several h1s, keeps the declaration against an h1 in another case or rephrased", function()
    local body = "<p>" .. ("The story goes on for a while. "):rep(20) .. "</p></article></body></html>"
    -- (Which of them heads the article is unsure: the annotators kept "Defadvice".)
    local f = collect_html("<html><head><title>Meta-Programming In Emacs Using Defadvice | Example</title>"
      .. "<meta property='og:title' content='Meta-Programming In Emacs Using Defadvice'></head><body>"
      .. "<h1>Example Blog</h1><article><h1>Meta-Programming In Emacs Using defadvice</h1>" .. body)
    assert.equal("Meta-Programming In Emacs Using Defadvice", f.title)
    f = collect_html("<html><head><title>Firefox — Customize and make it your own — Example</title>"
      .. "<meta property='og:title' content='Firefox — Customize and make it your own'></head><body>"
      .. "<h1>Mozilla</h1><article><h1>Make your Firefox your own</h1>" .. body)
    assert.equal("Firefox — Customize and make it your own", f.title)
  end)
end)
