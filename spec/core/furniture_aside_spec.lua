-- Page furniture set inside the story's container that pith used to keep: each case is a
-- hand-written copy of a markup pattern seen on real pages (the class names and phrases are
-- the common ones of WordPress themes and plugins, consent tools and news sites).
local extract = require "pith.extract"

local function flat(s) return (s:gsub("%s+", " ")) end

-- A story of four prose paragraphs with `inside` after the second and `after` at its end,
-- all in one <article>.
local PROSE = {
  "The council met on Tuesday evening to discuss the new cycle lanes along the river, "
    .. "which residents have asked for since the old bridge was closed to cars last spring.",
  "Several members argued that the lanes should be separated from the road by a kerb, "
    .. "while others preferred painted lines that could be moved if traffic patterns changed.",
  "The mayor said the city would publish the detailed plans next month and invite "
    .. "comments from shop owners, schools and the cycling club before any work begins.",
  "Work on the first section is expected to start in the autumn and to take about six "
    .. "weeks, during which the riverside path will stay open to walkers and cyclists.",
}

local function page(inside, after)
  return "<html><head><title>Council backs new cycle lanes</title></head><body>"
    .. "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    .. "<h1>Council backs new cycle lanes</h1>"
    .. "<p>" .. PROSE[1] .. "</p><p>" .. PROSE[2] .. "</p>" .. (inside or "")
    .. "<p>" .. PROSE[3] .. "</p><p>" .. PROSE[4] .. "</p>" .. (after or "")
    .. "</article><footer>Example News</footer></body></html>"
end

local function text(html)
  local rec = assert(extract.extract(html, { rule = false }))
  return flat(rec.text)
end

local function keeps_story(t)
  for _, p in ipairs(PROSE) do assert.truthy(t:find(p, 1, true), p) end
end

describe("furniture named by its class", function()
  it("drops a consent placeholder an embed shows until the reader agrees (Borlabs, privacy-embed)", function()
    local t = text(page("<div class='BorlabsCookie'><div class='_brlbs-content-blocker'>"
      .. "<p>Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.</p>"
      .. "<a class='_brlbs-btn' href='#'>Inhalt laden</a></div></div>",
      "<div class='privacy-embed-preview privacy-embed-facebook'><p>Mit dem Laden des Beitrags "
      .. "akzeptieren Sie die Datenschutzerklärung von Facebook.</p></div>"))
    keeps_story(t)
    assert.falsy(t:find("Klicken Sie auf den unteren Button", 1, true))
    assert.falsy(t:find("Datenschutzerklärung", 1, true))
  end)

  it("drops a post's filing line (WordPress entry-utility, postmetadata, entry-meta)", function()
    for _, cls in ipairs({ "entry-utility", "postmetadata alt", "entry-meta" }) do
      local t = text(page(nil, "<div class='" .. cls .. "'>This entry was posted in "
        .. "<a href='/c/allgemein' rel='category tag'>Allgemein</a>. Bookmark the "
        .. "<a href='/p/1' rel='bookmark'>permalink</a>.</div>"))
      keeps_story(t)
      assert.falsy(t:find("This entry was posted", 1, true), cls)
    end
  end)

  it("drops Jetpack's share-and-like box (sharedaddy) with its German labels", function()
    local story = "M: Wer rutscht als nächstes aus auf dem Glatteis? Ich: Ich wette, dass du als "
      .. "nächstes ausrutschst, aah, paff, aua. M: Gewonnen! Und dann lachten wir beide."
    local t = text("<html><head><title>Glatteis</title></head><body><div class='post'><h2>Glatteis"
      .. "</h2><div class='post-content'><div class='cs-rating pd-rating'></div><br/><p>" .. story
      .. "</p><div id='jp-post-flair' class='sharedaddy sd-like-enabled sd-sharing-enabled'>"
      .. "<div class='sharedaddy sd-sharing-enabled'><div class='robots-nocontent sd-block sd-social "
      .. "sd-sharing'><h3 class='sd-title'>Teilen Sie dies mit:</h3><div class='sd-content'><ul>"
      .. "<li class='share-twitter'><a class='share-twitter sd-button' href='?share=twitter'><span>"
      .. "Twitter</span></a></li></ul></div></div></div><div class='sharedaddy sd-block sd-like "
      .. "jetpack-likes-widget-wrapper'><h3 class='sd-title'>Gefällt mir:</h3><div "
      .. "class='likes-widget-placeholder'><span class='button'><span>Gefällt mir</span></span> "
      .. "<span class='loading'>Wird geladen...</span></div></div></div></div></div></body></html>")
    assert.truthy(t:find(story, 1, true))
    assert.falsy(t:find("Teilen Sie dies mit", 1, true))
    assert.falsy(t:find("Wird geladen", 1, true))
  end)

  it("keeps an inline link whose class merely holds such a word (nytimes' a.meta-loc)", function()
    local t = text(page(nil, "<p>The plan also covers <a class='meta-loc' href='/topic/sudan'>"
      .. "Sudan Street</a> and the roads around the old market hall near the station.</p>"))
    keeps_story(t)
    assert.truthy(t:find("The plan also covers Sudan Street and the roads", 1, true))
  end)

  it("drops a licence notice block", function()
    local t = text(page(nil, "<div class='licenceInfo'><p>Materiał chroniony prawem autorskim - "
      .. "wszelkie prawa zastrzeżone.</p></div>"))
    keeps_story(t)
    assert.falsy(t:find("Materiał chroniony", 1, true))
    -- a picture with its licence and caption is a figure
    local caption = "Clickbait sites often exploit health or money worries to lure readers."
    t = text(page("<div class='image-license-fields'>"
      .. "<img src='https://example.org/img/c.jpg' width='372' height='217'><span class='license-type'>"
      .. "<a href='https://creativecommons.org/licenses/by-sa/4.0/'>CC BY-SA</a></span>"
      .. "<span class='image-description'>" .. caption .. "</span></div>"))
    assert.truthy(t:find(caption, 1, true))
  end)

  it("drops a rating widget's prompt but keeps a review's bare score", function()
    local t = text(page(nil, "<p>Bewertung: <span id='post-ratings-4373' class='post-ratings'>"
      .. "<strong>War der Artikel nützlich?</strong> (Noch keine Bewertungen)</span></p>"))
    keeps_story(t)
    assert.falsy(t:find("War der Artikel", 1, true))
    assert.falsy(t:find("Noch keine Bewertungen", 1, true))
    t = text(page("<div class='rating-score'>87</div>"))
    assert.truthy(t:find(" 87 ", 1, true))
    -- a review's verdict names its ratings but asks for no vote
    t = text(page(nil, "<div class='review-rating'><p>Overall Rating</p><p>7.9</p><p>Pros</p>"
      .. "<p>Local ingredients</p></div>"))
    assert.truthy(t:find("Overall Rating 7.9 Pros Local ingredients", 1, true))
  end)

  it("drops a clickable call to action that is a sentence, keeps a short control (yahoo's "
    .. "'View photo') and a section merely styled so (AEM's content-cta)", function()
    local t = text(page(nil, "<section class='c-letters-cta'><p class='c-letters-cta__text'>We want "
      .. "to hear what you think about this article. <a href='/letters'>Write to us</a></p></section>"))
    keeps_story(t)
    assert.falsy(t:find("We want to hear what you think", 1, true))
    t = text(page("<div class='cta-overlay'><p class='cta-text'>View photo</p></div>"))
    assert.truthy(t:find("View photo", 1, true))
    local own = "Enjoy the coffee as you like it: a short ristretto from the moka pot or a long cup."
    t = text(page("<section class='content-cta'><span class='txt'>" .. own .. "</span></section>"))
    assert.truthy(t:find(own, 1, true))
  end)
end)

describe("the appeals and notices a story closes on", function()
  it("drops a row of networks to follow, a reader's-letter call and a contributor disclaimer", function()
    for _, close in ipairs({
      "<p><strong>Follow The Gleaner on Twitter and Instagram @Gleaner and on Facebook "
        .. "@GleanerNews. Send us a message on WhatsApp.</strong></p>",
      "<p>Follow us: Google News | Reddit | Instagram | Facebook | Twitter</p>",
      "<p><em><strong>Submit your letter to the editor via this form.</strong></em></p>",
      "<p>GIS</p><p>Example News is not responsible for the opinions, statements or media "
        .. "content presented by contributors.</p>",
      "<p>Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der "
        .. "Redaktion.</p>",
      "<p>Do you want to be informed of our actions? <a href='/join'>Sign up here</a></p>",
      "<p>Get the latest news straight to your phone with the Example News app.</p>",
    }) do
      local t = text(page(nil, close))
      keeps_story(t)
      assert.truthy(t:find(PROSE[4], 1, true) + #PROSE[4] >= #t - 4, close)
    end
  end)

  it("keeps an author's tagline naming one network (Readability keeps it)", function()
    local tag = "Jane Doe covers transport for Example News. Follow her on Twitter @janedoe."
    local t = text(page(nil, "<p>" .. tag .. "</p>"))
    assert.truthy(t:find(tag, 1, true))
  end)
end)

describe("read-also lines", function()
  it("drops a label and a linked headline in Spanish and German ('Lea:', 'MIRA:', 'PUEDES VER:', "
    .. "'Auch lesen:', 'Weiterlesen:')", function()
    for _, label in ipairs({ "Lea:", "MIRA:", "PUEDES VER:", "Auch lesen:", "Weiterlesen:", "MORE:" }) do
      local t = text(page("<p><strong>" .. label .. " </strong><a href='/other-story'>Another "
        .. "story about the bridge and its long history</a></p>"))
      keeps_story(t)
      assert.falsy(t:find("Another story about the bridge", 1, true), label)
    end
  end)

  it("keeps a label followed by the story's own words", function()
    local line = "Lea: the reader who wrote to us about the bridge, said it was never safe."
    local t = text(page("<p>" .. line .. "</p>"))
    assert.truthy(t:find(line, 1, true))
  end)
end)

describe("sections named by their heading at the story's end", function()
  it("go from 'Schon gelesen?', 'Entdecke weitere ...', 'Empfehlungen aus ...' and "
    .. "'Weiterführender Link' to the end", function()
    for _, heading in ipairs({ "Schon gelesen?", "Entdecke weitere Homestorys",
      "Empfehlungen aus dem Garten-Shop", "Weiterführender Link",
      "Diese Artikel könnten dich auch interessieren:" }) do
      local t = text(page(nil, "<h3>" .. heading .. "</h3><p><a href='/a'>Luftwaffe lässt Piloten "
        .. "in Italien ausbilden</a></p><p>Wie wohnt die Community? Klicke dich durch.</p>"))
      keeps_story(t)
      assert.falsy(t:find(heading, 1, true), heading)
      assert.falsy(t:find("Luftwaffe", 1, true), heading)
      assert.falsy(t:find("Wie wohnt", 1, true), heading)
    end
  end)
end)

describe("advertising labels and disclosures", function()
  it("drop '*Werbung. Dieser Beitrag enthält Werbung für X', 'ANZEIGE - ...' and '- Advertisement -'", function()
    local t = text(page("<p>- Advertisement -</p>", "<div class='code-block'><b>ANZEIGE - Heute mal "
      .. "ausgehen? Wie wäre es mit:</b></div>"):gsub("<h1>", "<p><em>*Werbung. Dieser Beitrag "
      .. "enthält Werbung für MYMARINI.</em></p><h1>", 1))
    keeps_story(t)
    for _, junk in ipairs({ "Werbung", "ANZEIGE", "Advertisement" }) do
      assert.falsy(t:find(junk, 1, true), junk)
    end
  end)

  it("keeps a sentence of the story that mentions advertising", function()
    local line = "The council also voted to ban advertisement boards on the new bridge railings."
    local t = text(page("<p>" .. line .. "</p>"))
    assert.truthy(t:find(line, 1, true))
  end)
end)

describe("a comment form's log-in notice", function()
  it("goes in any wording said to the reader", function()
    for _, notice in ipairs({
      "Du musst Eingeloggt sein um Kommentare zu schreiben! oder noch gar nicht Registriert?",
      "Um den Tipp \"Tomaten richtig schneiden\" kommentieren zu können, müssen Sie eingeloggt sein.",
    }) do
      local t = text(page(nil, "<div class='cPad'>" .. notice .. "</div>"))
      keeps_story(t)
      assert.falsy(t:find(notice, 1, true), notice)
    end
  end)

  it("stays when the story reports it", function()
    local line = "Users had to be logged in to comment on the plans, the council's website said."
    local t = text(page("<p>" .. line .. "</p>"))
    assert.truthy(t:find(line, 1, true))
  end)
end)

describe("the content's licence stated on a line of its own", function()
  it("goes after the story ('Sofern nicht anders ausgewiesen ...', 'Dieser Text wurde veröffentlicht "
    .. "unter der Lizenz ...', 'Unless otherwise noted ...')", function()
    for _, line in ipairs({
      "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY",
      "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE. Die Fotos dürfen nicht "
        .. "verwendet werden.",
      "Unless otherwise noted, the content of this site is licensed under CC BY 4.0.",
    }) do
      local t = text(page(nil, "<p>" .. line .. "</p>"))
      keeps_story(t)
      assert.falsy(t:find(line, 1, true), line)
    end
  end)

  it("stays inside a sentence of the story", function()
    local line = "The city said the plans, unless otherwise noted, are licensed under CC BY and free to reuse."
    local t = text(page("<p>" .. line .. "</p>"))
    assert.truthy(t:find(line, 1, true))
  end)
end)

describe("the site's menus and breadcrumbs inside the story's container", function()
  it("go by tag, role or aria-label however long, when mostly links to three places or more", function()
    local items = {}
    for i = 1, 60 do items[#items + 1] = "<a href='/s/" .. i .. "'>Section number " .. i .. "</a> " end
    local menu = table.concat(items)
    for _, nav in ipairs({
      -- a tag list and a pager closing a blog post (Nikola's postpromonav)
      "<aside class='postpromonav'><nav><ul class='tags'><li><a href='/a'>linux</a></li>"
        .. "<li><a href='/b'>tmux</a></li></ul><ul class='pager'><li><a href='/p'>Previous post</a>"
        .. "</li><li><a href='/n'>Next post</a></li></ul></nav></aside>",
      -- a breadcrumb repeated under the story, its class no whole word
      "<nav class='breadcrumb2 small'>Sie sind hier: <a href='/'>Home</a> » <a href='/eu'>Europa</a>"
        .. " » <a href='/de'>Deutschland</a> » <a href='/ni'>Niedersachsen</a> » "
        .. "<a href='/of'>Ostfriesland</a> » Emden</nav>",
      "<p aria-label='Breadcrumb'><a href='/'>Home</a> › <a href='/eu'>Europa</a> › "
        .. "<a href='/de'>Travel</a> › Emden</p>",
      "<p role='navigation'>" .. menu .. "</p>",
      "<p role='menubar'>" .. menu .. "</p>",
    }) do
      local t = text(page(nil, nav))
      keeps_story(t)
      assert.falsy(t:find("Section number 7", 1, true), nav:sub(1, 40))
      assert.falsy(t:find("Europa", 1, true), nav:sub(1, 40))
      assert.falsy(t:find("Next post", 1, true), nav:sub(1, 40))
    end
  end)

  it("stays when it holds prose or names only two places (a tab pair, previous / next)", function()
    local toc = "<nav class='toc'><p>This guide walks through the council's plans in the order the "
      .. "meeting took them, from the <a href='#a'>cycle lanes</a> to the "
      .. "<a href='#b'>riverside path</a> and the <a href='#c'>budget</a>, with the "
      .. "objections each one met.</p></nav>"
    local t = text(page(nil, toc))
    keeps_story(t)
    assert.truthy(t:find("This guide walks through", 1, true))
    t = text(page(nil, "<nav><ul role='tablist'><li><a href='#s'>Lo más reciente</a></li>"
      .. "<li><a href='#q'>Buscar</a></li></ul></nav>"))
    assert.truthy(t:find("Lo más reciente", 1, true))
  end)
end)

describe("a post's filing line opening its block", function()
  it("goes when it links the site's categories or tags, even as loose text before a box", function()
    local bio = "Jane Doe writes about towns and their transport, and has covered the council "
      .. "for ten years before turning to the history of its bridges."
    local t = text(page("<div class='post-footer'>Dieser Eintrag wurde veröffentlicht in "
      .. "<a href='/c/podcast' rel='category tag'>Podcast</a> und verschlagwortet mit "
      .. "<a href='/t/berlin' rel='tag'>berlin</a>. "
      .. "<a href='/p/1' rel='bookmark'>Permanentlink</a>.<div class='writer'>"
      .. "<p>" .. bio .. "</p></div></div>", nil))
    keeps_story(t)
    assert.falsy(t:find("verschlagwortet", 1, true))
    for _, line in ipairs({
      "<p>Tags: <a href='/t/cs' rel='tag'>Computer science</a>, <a href='/t/fun' rel='tag'>Fun</a></p>",
      "<p class='tags'>Schlagwörter: <a href='/t/k' rel='tag'>Kleidung</a> <a href='/t/n' rel='tag'>News</a></p>",
      "<h2>Category: <a href='/c/blog' rel='category tag'>Blog</a> <a href='/c/pop' rel='category tag'>"
        .. "Popular</a></h2>",
      "<div><small>Abgelegt unter: <span><a href='/c/l' rel='category tag'>Literatur</a></span> | Tags: "
        .. "<a href='/t/ipad' rel='tag'>iPad</a></small></div>",
    }) do
      t = text(page(nil, line))
      keeps_story(t)
      assert.falsy(t:find("Popular", 1, true) or t:find("Fun", 1, true) or t:find("News", 1, true)
        or t:find("iPad", 1, true), line)
    end
  end)

  it("stays without a taxonomy link, or when the label does not open its block", function()
    for _, line in ipairs({
      "<ul><li>Kategorie: Kinderbuch</li><li>Kategorie: Unterhaltung</li></ul>",
      "<p>Posted in 2019, the <a href='/v'>video of the meeting</a> drew a crowd to the next one.</p>",
      "<p>The clip was <a href='/x'>shared</a> widely. Tags: <a href='/t/x' rel='tag'>none</a></p>",
    }) do
      local t = text(page(nil, line))
      keeps_story(t)
      assert.truthy(t:find("Kinderbuch", 1, true) or t:find("video of the meeting", 1, true)
        or t:find("Tags: none", 1, true), line)
    end
  end)
end)
