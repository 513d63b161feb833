local byline = require "pith.meta.byline"

describe("pith.meta.byline", function()
  local function n(s)
    return table.concat(byline.names(s), "; ")
  end

  it("strips leads in several languages", function()
    assert.equal("Travis Haney", n("By Travis Haney"))
    assert.equal("JOE WEE", n("BY: JOE WEE"))
    assert.equal("Sébastien Farcis", n("Par Sébastien Farcis"))
    assert.equal("Max Müller", n("von Max Müller"))
  end)

  it("drops a job title and the organisation after it", function()
    assert.equal("Brian Stevens", n("Brian Stevens, Vice President, Google Cloud"))
    assert.equal("Jane Doe", n("By Jane Doe, CEO and Founder, Acme Inc"))
    assert.equal("Jane Doe; John Roe", n("Jane Doe, Staff Writer, and John Roe, Editor"))
    assert.equal("Jane Doe; John Roe", n("Jane Doe, John Roe"))
  end)

  it("ends the last name of a list at a spaced dash before a team, keeping a dashed surname", function()
    assert.equal("Nathan Parker; Varun Khaneja; Eric Mill; Kiran C Nair",
      n("Posted by Nathan Parker, Varun Khaneja, Eric Mill and Kiran C Nair - Chrome Safe Browsing team"))
    assert.equal("Katarzyna Kapusta - Gruchlik", n("Katarzyna Kapusta - Gruchlik"))
  end)

  it("splits several authors", function()
    assert.equal("JOSH HASKELL; DAVID CAPLAN; PATRICK REEVELL", n("By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL"))
    assert.equal("Alexandre Hervaud; Jérémy Piette", n("Alexandre Hervaud, Jérémy Piette"))
  end)

  it("drops roles, dates, reading times and affiliations", function()
    assert.equal("Jane Doe; John Roe", n("By Jane Doe and John Roe, Staff Writers | Jan 5, 2021 · 2 min read"))
    assert.equal("GILLIAN MOHNEY", n("By GILLIAN MOHNEY\n   March 11, 2015 3:46 PM"))
    assert.equal("Lucas Nolan", n("by Lucas Nolan22 Dec 2016651"))
    assert.equal("Jane Doe", n("Jane Doe, Reuters"))
    assert.equal("Michael Larabel", n("Written by Michael Larabel in Valve on 1 June 2019 at 08:34 PM EDT."))
    assert.equal("Juli Clover", n("Wednesday January 18, 2017 10:44 am PST by Juli Clover"))
    assert.equal("Sam Stein", n("Sam Stein Senior Politics Editor"))
    assert.equal("Steve Gillman", n("Gillman, Steve"))
  end)

  it("keeps CJK names and refuses non-names", function()
    assert.equal("肖春芳", n("肖春芳"))
    assert.equal("", n("Reuters Staff"))
    assert.equal("", n("Follow Author"))
    assert.equal("", n("By"))
    assert.equal("", n("jane@example.com"))
  end)

  it("refuses single words from page elements when strict", function()
    assert.same({}, byline.names("Unstar", { strict = true }))
    assert.same({ "Jane Doe" }, byline.names("By Jane Doe", { strict = true }))
  end)

  it("cuts a role glued to the name and a doubled or labelled lead", function()
    assert.same({ "Howard Blume" }, byline.names("Howard BlumeStaff"))
    assert.same({ "JOSH HASKELL", "DAVID CAPLAN" }, byline.names("Byby JOSH HASKELL and DAVID CAPLAN"))
    assert.same({ "Paul Smith" }, byline.names("About the author: Paul Smith"))
  end)
  it("keeps multi-byte characters whole around cut marks and reads CJK leads", function()
    -- "者" shares a byte with "•": a byte class would have cut inside it.
    assert.same({ "Diogo Carleto" }, byline.names("作者： Diogo Carleto 翻訳者 中村 真子"))
    assert.same({ "Jane Doe" }, byline.names("Jane Doe • 5 min read"))
  end)

  it("treats digits glued to letters as a handle, not a date, unless words follow", function()
    assert.same({}, byline.names("CC7567"))
    assert.same({ "Lucas Nolan" }, byline.names("by Lucas Nolan22 Dec 2016651"))
  end)

  it("drops a company credited beside people", function()
    assert.same({ "小暮ひさのり" }, byline.merge({ "mediagene Inc.", "小暮ひさのり" }))
    assert.same({ "Acme Media" }, byline.merge({ "Acme Media" }))
  end)
  it("refuses a section or a labelled field after the byline", function()
    assert.same({}, byline.names("in CPU Coolers"))
    assert.same({}, byline.names("Manufacturer: Valkyrie"))
    assert.same({ "Dipanjan Roy Chaudhury" }, byline.names("By Dipanjan Roy Chaudhury, ET BureauLast Updated: Mar 03"))
  end)
  it("refuses a page element listing many sections or tags, few of them names", function()
    -- a WordPress theme's vcard: date / (logo) / tag links
    assert.same({}, byline.names("01.12.2022 / / CSP / International / Photovoltaik / Solarthermie / Speicher / "
      .. "Top Solar News / Wirtschaft", { strict = true }))
    -- (a short list keeps its names)
    assert.same({ "Anna Roe", "Jon Doe", "Eva Poe" },
      byline.names("Anna Roe, Jon Doe, Eva Poe, Photos", { strict = true }))
  end)
  it("reads a desk's or a team's credit, which names() refuses", function()
    -- hardwarezone.com.sg and broadwayworld.com (mercury corpus) show these bylines.
    assert.same({}, byline.names("By Team HardwareZone - 21 Dec 2024", { strict = true }))
    assert.equal("Team HardwareZone", byline.credit("By Team HardwareZone - 21 Dec 2024"))
    assert.equal("BWW News Desk", byline.credit("by BWW News Desk"))
    -- A role alone, prose, a person, a handle: no credit.
    assert.is_nil(byline.credit("Senior Staff Writer"))
    assert.is_nil(byline.credit("from the news desk"))
    assert.is_nil(byline.credit("By Jane Doe"))
    assert.is_nil(byline.credit("Staff"))
    assert.is_nil(byline.credit("Team 42 @desk"))
  end)
  it("keeps an agency whole instead of cutting it at its role word", function()
    -- investmentexecutive.com (mercury corpus): "By: Paul Wiseman, Fatima Hussein, The Associated Press".
    assert.same({ "Paul Wiseman", "Fatima Hussein" },
      byline.names("By: Paul Wiseman, Fatima Hussein, The Associated Press", { strict = true }))
    assert.same({ "Jane Doe" }, byline.names("Jane Doe, The Associated Press"))
    assert.same({ "The New York Times" }, byline.names("The New York Times"))
  end)
  it("reads co-authors in an (avec ...) or (with ...) parenthetical, and drops other parentheticals", function()
    assert.same({ "Martin Untersinger", "Damien Leloup", "Morgane Tual" },
      byline.names("Martin Untersinger (avec Damien Leloup et Morgane Tual)"))
    assert.same({ "Jane Doe", "John Roe" }, byline.names("Jane Doe (with John Roe)"))
    assert.same({ "Jane Doe" }, byline.names("Jane Doe (Reuters)"))
    assert.same({ "Jane Doe" }, byline.names("Jane Doe (with contributions from the desk)"))
  end)
  it("reads a byline bracketed whole, its names split at a full-width comma", function()
    -- itmedia.co.jp (mercury corpus): <div id="byline"><b>[</b>田中宏昌，<b>ITmedia]</b></div>
    assert.same({ "田中宏昌" }, byline.names("[田中宏昌，ITmedia]", { strict = true }))
    -- an aside in brackets after the name is still dropped
    assert.same({ "Jane Doe" }, byline.names("Jane Doe [Reuters]"))
  end)
  it("takes a lower-case user name only from the text of a link to the author's page", function()
    -- techlog.iij.ad.jp: <a href=".../archives/author/doumae" rel="author">doumae</a>.
    assert.same({}, byline.names("doumae"))
    assert.same({ "doumae" }, byline.names("doumae", { handle = true }))
    assert.same({}, byline.names("by", { handle = true }))
    assert.same({}, byline.names("staff", { handle = true }))
    assert.same({}, byline.names("read more", { handle = true }))
  end)
  it("turns catalogue-order names around, initials and particles included", function()
    -- ietf-1 (Readability's test pages): <meta name="DC.Creator" content="Kooman, F."> and
    -- content="Jong, Michiel de"; the draft's header reads "Michiel B. de Jong" and "F. Kooman".
    assert.same({ "F. Kooman", "Michiel de Jong" }, byline.merge({ "Kooman, F.", "Jong, Michiel de" }))
    assert.same({ "Steve Gillman" }, byline.names("Gillman, Steve"))
    -- Not a catalogue form: two people, a name and an agency.
    assert.same({ "Jane Doe", "John Roe" }, byline.names("Jane Doe, John Roe"))
    assert.same({ "Jane Doe" }, byline.names("Jane Doe, Reuters"))
    assert.equal("Doe, jane", byline.uninvert("Doe, jane"))
  end)
  it("strips blog engines' 'Posted by' in other languages, also glued to the name", function()
    -- Bylines seen on held-out pages: WordPress's German theme prints
    -- "Veröffentlicht von<a ...>Chris Jung</a>", Blogger's "Eingestellt von", "Publié par".
    assert.same({ "Chris Jung" }, byline.names("Veröffentlicht vonChris Jung", { strict = true }))
    assert.same({ "Andri Bryner" }, byline.names("Erstellt von Andri Bryner", { strict = true }))
    assert.same({ "J.R. Stone" }, byline.names("ByJ.R. Stone"))
    -- The lead vouches for a single word: the poster's handle.
    assert.same({ "HansG" }, byline.names("Veröffentlicht von HansG", { strict = true }))
    assert.same({ "Weinlachgummi" }, byline.names("Eingestellt von Weinlachgummi", { strict = true }))
    assert.same({}, byline.names("Weinlachgummi", { strict = true }))
    -- "De" and "Di" begin surnames: never a glued lead.
    assert.same({ "DeShawn Jones" }, byline.names("DeShawn Jones"))
    assert.same({ "DiMaggio Smith" }, byline.names("DiMaggio Smith"))
  end)
  it("drops marks before the name and an 'as of' or weekday after it", function()
    assert.same({ "Cem Basman" }, byline.names("~ Cem Basman"))
    assert.same({ "Klaus Quibeldey-Cirkel" }, byline.names("| Klaus Quibeldey-Cirkel"))
    assert.same({ "Kathrin Führes" }, byline.names("© Kathrin Führes"))
    assert.same({ "Sara Zinnecker" }, byline.names("Sara Zinnecker Stand: 12. März 2021"))
    assert.same({ "Isabella DiBiase" }, byline.names("Isabella DiBiase am Samstag, 4. Mai 2019"))
  end)
  it("splits Scandinavian 'og' and cuts Korean and Japanese reporter titles", function()
    assert.same({ "Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen" },
      byline.names("Trine Juncher Jørgensen og Tôrtia Reimer-Johansen"))
    assert.same({ "신현주" }, byline.names("신현주 기자", { strict = true }))
    assert.same({ "山田太郎" }, byline.names("山田太郎 記者"))
  end)
  it("takes from a page element only names whose words are capitalised, particles aside", function()
    assert.same({}, byline.names("Zuletzt geändert am", { strict = true }))
    assert.same({}, byline.names("Pétition soutenue par un Super contributeur", { strict = true }))
    assert.same({ "Ludwig van Beethoven" }, byline.names("Ludwig van Beethoven", { strict = true }))
    assert.same({ "Valéry Giscard d'Estaing" }, byline.names("Valéry Giscard d'Estaing", { strict = true }))
    -- declared metadata is taken as written
    assert.same({ "Matthias herrpfleger" }, byline.names("Matthias herrpfleger"))
  end)
  it("takes no editor for an author and no quote mark for a name", function()
    -- google-sre-book-1: "Written by Rob Ewaschuk Edited by Betsy Beyer"
    assert.same({ "Rob Ewaschuk" }, byline.names("Written by Rob Ewaschuk Edited by Betsy Beyer"))
    -- nobody named before the editor: the editor is all the byline says
    assert.same({ "Adrian Parr" }, byline.names("Revised Edition Edited by Adrian Parr"))
    -- dailymail.co.uk: the paper they wrote for is no part of the name
    assert.same({ "Glen Owen", "Brendan Carlin" },
      byline.names("By Glen Owen And Brendan Carlin For The Mail On Sunday"))
    assert.same({}, byline.names("„"))
    -- liberation.fr (goose's fixtures): "LAURE BRETTON Envoyés spéciaux à Toulouse"
    assert.same({ "LILIAN ALEMAGNA", "LAURE BRETTON" },
      byline.names("LILIAN ALEMAGNA et LAURE BRETTON Envoyés spéciaux à Toulouse", { strict = true }))
  end)

  it("keeps the full stop of a final initial or 'Jr.', and names no CMS placeholder", function()
    -- held-out fivethirtyeight.com, sciencesetavenir.fr
    assert.same({ "Perry Bacon Jr." }, byline.names("By Perry Bacon Jr."))
    assert.same({ "Nicolas Gutierrez C." }, byline.names("Par Nicolas Gutierrez C."))
    -- a sentence's full stop after a surname still goes
    assert.same({ "Rodolfo Costa" }, byline.names("Rodolfo Costa."))
    -- japantimes.co.jp <meta name=author content="No Author">, Blogger's "Unknown", WordPress's admin
    assert.same({}, byline.names("No Author"))
    assert.same({}, byline.names("Unknown"))
    assert.same({}, byline.names("admin", { handle = true }))
    assert.same({}, byline.names("Posted by Admin"))
  end)

  it("drops a compound title ending in a role before the name", function()
    -- held-out focus.de
    assert.same({ "Robin Tschöpe" }, byline.names("FOCUS-Online-Experte Robin Tschöpe"))
    assert.same({ "Hans-Peter Müller" }, byline.names("Hans-Peter Müller"))
  end)

  it("names no photographer's credit", function()
    -- held-out football.ua: <span class="author">Фото из Инстаграма Лукаша Подольски</span>
    assert.same({}, byline.names("Фото из Инстаграма Лукаша Подольски", { strict = true }))
    assert.same({}, byline.names("Foto: Michael Hudler", { strict = true }))
  end)
  it("refuses a phrase opening with a lower-case word, keeping names' particles", function()
    -- a wedding blog's meta author: "deinen Hochzeitsbloggern" ("your wedding bloggers")
    assert.same({}, byline.names("deinen Hochzeitsbloggern"))
    assert.same({ "van Gogh" }, byline.names("van Gogh"))
    assert.same({ "al-Assad" }, byline.names("al-Assad"))
  end)
  it("tells an institution from people", function()
    assert.is_true(byline.institution("Bündnis 90/Die Grünen Bundestagsfraktion"))
    assert.is_true(byline.institution("Auswärtiges Amt"))
    assert.is_true(byline.institution("Feuerwehr Oldenburg, Abteilung Wasserrettung"))
    assert.is_false(byline.institution("Jane Doe und John Roe"))
    assert.is_false(byline.institution("Samantha Gamtree"))
  end)
  it("reads the Japanese 'the person who wrote this article' heading as a lead, not a name", function()
    assert.same({}, byline.names("この記事を書いた人", { strict = true }))
    assert.same({ "渡辺洋介" }, byline.names("この記事を書いた人 渡辺洋介", { strict = true }))
  end)
end)
