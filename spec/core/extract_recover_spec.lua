-- Pages where every Readability pass finds too little (plugin/anchor.c): the markup
-- that hides the article from the passes, and the article read from where the page puts
-- its own headline. Hand-written snippets copying the markup of real pages.
local extract = require "pith.extract"

local function text_of(html)
  local rec = assert(extract.extract(html, { rule = false }))
  return (rec.text:gsub("%s+", " "))
end

local COOKIE = "<div class='widget widget_eu_cookie_law_widget'><form><p>Datenschutz &amp; Cookies: "
  .. "Diese Website verwendet Cookies. Wenn du die Website weiterhin nutzt, stimmst du der "
  .. "Verwendung von Cookies zu. Weitere Informationen, beispielsweise zur Kontrolle von Cookies, "
  .. "findest du hier: <a href='/c'>Cookie-Richtlinie</a></p></form></div>"

local function page(title, body)
  return "<html><head><title>" .. title .. " | Blog</title></head><body>" .. body .. "</body></html>"
end

describe("after the headline", function()
  it("a short post whose title is an h2 inside it beats a cookie notice (WordPress theme)", function()
    -- each line of the post is too short to score; the notice is the only scored text
    local html = page("Nichts zu tun", "<div id='header'><h1><a href='/'>Gnaur</a></h1></div>"
      .. "<div id='content'><div class='post' id='post-406'>"
      .. "<h2 class='posttitle'><a href='/p/406'>Nichts zu tun</a></h2>"
      .. "<p class='commentmeta'>14. Juni 2013 at 20:51 (<a href='/c/s'>Spezifisch</a>)</p>"
      .. "<p>„Ich weiß ich bin betrunken und sollte das vielleicht nicht sagen…“</p>"
      .. "<p>– „Dann sag es nicht“</p><p>– „Ok.“</p></div></div>"
      .. "<div id='footer'>" .. COOKIE .. "</div>")
    local text = text_of(html)
    assert.truthy(text:find("„Ich weiß ich bin betrunken", 1, true))
    assert.truthy(text:find("– „Ok.“", 1, true))
    assert.falsy(text:find("Cookie", 1, true))
  end)

  it("climbs past the headline's <header> and its date line to the post body", function()
    local html = page("Monstergespräche", "<div class='post' id='post-1431'>"
      .. "<header class='post-info'><h1><a href='/m'>Monstergespräche</a></h1>"
      .. "<div class='timestamp'><a href='/m'>23. Dezember 2009</a></div></header>"
      .. "<div class='post-content'><p>M: Wer rutscht als nächstes aus auf dem Glatteis? "
      .. "Ich: Ich wette, dass du… aah. paff. aua. M: Gewonnen!</p></div></div>"
      .. "<div id='footer'>" .. COOKIE .. "</div>")
    local text = text_of(html)
    assert.truthy(text:find("^M: Wer rutscht als nächstes aus auf dem Glatteis%?"))
    assert.falsy(text:find("Cookie", 1, true))
  end)

  it("leaves a short article that stands beside the headline's own block", function()
    -- the headline's column holds only a date line; the article follows in the next row
    local html = page("Variablen und ihr Zuhause", "<nav><a href='/'>Start</a> <a href='/blog'>Blog</a></nav>"
      .. "<div class='container'><div class='row'><div class='col-md-5'>"
      .. "<h1>Variablen und ihr Zuhause</h1><p class='text-muted'>11.12.2019 - Amelie Loevenich</p></div>"
      .. "<div class='col-md-7'><div class='jumbotron'></div></div></div>"
      .. "<div><div class='row'><div class='col'><p>Wie war das nochmal mit den Variablen? "
      .. "Hier ein Auszug aus unseren Lehrmaterialien!</p></div></div>"
      .. "<div class='row'><div class='col'><p>Variablen sind kein Problem für dich? Dann schau "
      .. "doch mal, ob du unser <a href='/puzzle'>Puzzle</a> lösen kannst!</p></div></div></div></div>")
    local text = text_of(html)
    assert.truthy(text:find("Wie war das nochmal mit den Variablen?", 1, true))
    assert.truthy(text:find("Variablen sind kein Problem für dich?", 1, true))
  end)
end)

describe("noscript", function()
  local para = "Over the past few years we have seen threats on the web becoming increasingly "
    .. "sophisticated, and phishing sites rotate their domains very quickly to avoid being blocked. "

  it("after a script template holds the post (Blogger)", function()
    local html = page("Safe Browsing", "<div class='post'><h2 class='title'>Safe Browsing</h2>"
      .. "<div class='post-body'><div class='post-content'>"
      .. "<script type='text/template'><p>" .. para .. "</p></script>"
      .. "<noscript><p>" .. para .. "</p><p>" .. para:gsub("past few", "last") .. "</p></noscript>"
      .. "</div></div></div>")
    local text = text_of(html)
    assert.truthy(text:find("Over the past few years", 1, true))
    assert.truthy(text:find("Over the last years", 1, true))
  end)

  it("that swallowed the page (a div left open inside it) is read as the page", function()
    local body = "<noscript><div id='nojava'></noscript><div id='main'><ul><li><a href='/'>Home</a></li>"
      .. "<li><a href='/n'>News</a></li></ul><div id='text'>"
    for i = 1, 6 do body = body .. "<p>" .. para:gsub("years", "years (" .. i .. ")") .. "</p>" end
    local text = text_of(page("Bears", body .. "</div></div>"))
    assert.truthy(text:find("years (1)", 1, true))
    assert.truthy(text:find("years (6)", 1, true))
  end)

  it("that only asks for JavaScript stays out", function()
    local body = "<div><p>" .. para .. "</p><p>" .. para .. "</p><p>" .. para .. "</p></div>"
      .. "<noscript><p>JavaScript is disabled in your browser. Please enable JavaScript to use all "
      .. "the features of this site, such as comments, galleries, live tickers and the search, "
      .. "which do not work without it; we are sorry for the trouble this causes you.</p></noscript>"
    assert.falsy(text_of(page("Threats", body)):find("JavaScript", 1, true))
  end)
end)

it("drops ruby readings: the text is the word, not word and reading", function()
  local p = "<p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>"
    .. "をなくすための法律ができて、親が子どもを教育するために、たたいたり蹴ったりする体罰を禁止することになりました。"
    .. "最近、親に虐待された子どもを児童相談所が守ることができなくて、子どもが亡くなる事件が続いています。</p>"
  local text = text_of(page("法律", "<article>" .. p .. p .. p .. p .. "</article>"))
  assert.truthy(text:find("子どもへの虐待をなくすための法律", 1, true))
  assert.falsy(text:find("ぎゃくたい", 1, true))
end)

describe("an article inside a block named like furniture", function()
  local para = "Alaska Airlines has a new date for when it will be a full member of the alliance, "
    .. "about three months later than executives planned when the carrier was invited to join. "
  local disclosure = "<section class='disclosure'><h3>Advertiser Disclosure</h3><p>"
    .. ("Many of the credit card offers that appear on the website are from credit card companies "
      .. "from which this site receives compensation, which may impact how products appear. "):rep(4)
    .. "</p></section>"

  it("is read when it holds the headline and twice the prose of what the pass found", function()
    local body = "<div class='above-footer'><div class='post-content'><h1>Alaska Airlines sets a date</h1>"
      .. "<div class='article-body'>"
    for i = 1, 12 do body = body .. "<p>" .. para:gsub("new date", "new date (" .. i .. ")") .. "</p>" end
    local text = text_of(page("Alaska Airlines sets a date", body .. "</div></div></div>" .. disclosure))
    assert.truthy(text:find("new date (1)", 1, true))
    assert.truthy(text:find("new date (12)", 1, true))
    assert.falsy(text:find("Many of the credit card offers", 1, true))
  end)

  it("is not when it holds teasers but not the headline (a gallery beside the article)", function()
    local body = "<article><h1>Hotel secrets</h1>"
    for i = 1, 5 do body = body .. "<p>" .. para:gsub("new date", "secret (" .. i .. ")") .. "</p>" end
    body = body .. "</article><div class='sidebar-gallery'>"
    for i = 1, 20 do body = body .. "<p>" .. para:gsub("new date", "teaser (" .. i .. ")") .. "</p>" end
    local text = text_of(page("Hotel secrets", body .. "</div>"))
    assert.truthy(text:find("secret (5)", 1, true))
    assert.falsy(text:find("teaser (1)", 1, true))
  end)
end)

describe("a body split across grid columns of one class", function()
  local para = "Dimethyl ether burns with little soot and few nitrogen oxides, which makes it a "
    .. "promising fuel for heating and transport, and it can be stored like liquefied gas. "
  local function col(inner) return "<div class='col-md-8 offset-md-1'>" .. inner .. "</div>" end
  local side = "<div class='col-md-3'><a href='/a'>Erdgas</a> <a href='/b'>Propan</a></div>"

  it("joins the later parts that hold paragraphs of prose, not a column of quote cards", function()
    local first, second = "", ""
    for i = 1, 5 do first = first .. "<p>" .. para:gsub("little soot", "little soot (" .. i .. ")") .. "</p>" end
    for i = 6, 8 do second = second .. "<p>" .. para:gsub("little soot", "little soot (" .. i .. ")") .. "</p>" end
    local cards = ""
    for _, q in ipairs({ "Conflict makes us move forward.", "Critical thinking is a spark!",
      "Everything must be doubted.", "Look at it from a different angle!" }) do
      cards = cards .. "<p>" .. q .. "</p><p><b>Anna Rass</b>, PR &amp; Communications</p>"
    end
    local html = page("Dimethyl ether", "<h1>Dimethyl ether</h1>"
      .. "<div class='row'>" .. col(first) .. side .. "</div>"
      .. "<div class='wide'><table><tr><td>Formula</td><td>C2H6O</td></tr></table></div>"
      .. "<div class='wrap'><div class='row'>" .. col(second) .. side .. "</div></div>"
      .. "<div class='team'><div class='row'>" .. col(cards) .. side .. "</div></div>")
    local text = text_of(html)
    assert.truthy(text:find("little soot (1)", 1, true))
    assert.truthy(text:find("little soot (8)", 1, true))
    assert.falsy(text:find("Critical thinking", 1, true))
  end)
end)

describe("a forum thread", function()
  -- XenForo's markup: each post a repeated <article class='message message--post'> holding a
  -- user cell (avatar, name, rank, join date and post count) and a main cell whose body
  -- sits six levels down, deeper than the five a paragraph's score reaches. A post whose user
  -- name and rank make 25 characters is scored through its user block, and its container's
  -- 'post' class makes it the top; the other posts' containers have no score at all.
  local function post(n, user, rank, body)
    return "<article class='message message--post js-post' data-author='" .. user .. "' id='js-post-" .. n .. "'>"
      .. "<span class='u-anchorTarget' id='post-" .. n .. "'></span><div class='message-inner'>"
      .. "<div class='message-cell message-cell--user'><section class='message-user'>"
      .. "<div class='message-avatar'><div class='message-avatar-wrapper'><span class='avatar'>"
      .. "<img src='/a/" .. n .. ".jpg' alt='" .. user .. "'></span></div></div>"
      .. "<div class='message-userDetails'><h4 class='message-name'><a href='/members/" .. user .. "'>"
      .. user .. "</a></h4><h5 class='userTitle'>" .. rank .. "</h5></div>"
      .. "<div class='message-userExtras'><dl class='pairs'><dt>Mitglied seit</dt><dd>28. Juni 2014</dd></dl>"
      .. "<dl class='pairs'><dt>Beiträge</dt><dd>2.206</dd></dl></div></section></div>"
      .. "<div class='message-cell message-cell--main'><div class='message-main'>"
      .. "<header class='message-attribution'><ul><li><time>27. September 2018</time></li></ul>"
      .. "<ul><li><a href='/p/" .. n .. "'>#" .. n .. "</a></li></ul></header>"
      .. "<div class='message-content'><div class='message-userContent'>"
      .. "<article class='message-body'><div class='bbWrapper'>" .. body .. "</div></article></div></div>"
      .. "<footer class='message-footer'><div class='reactionsBar'></div></footer></div></div></div></article>"
  end

  it("keeps every post, not only the one that scored highest", function()
    local html = page("Dreck aus dem Fell", "<h1>Dreck aus dem Fell</h1><div class='block-body'>"
      .. post(1, "Pepemaus", "Forenprofi", "Hallo,<br>Pepe schläft nachts auf seiner beigefarbenen "
        .. "Fensterbankliege. Und seit einigen Tagen sind viele schwarze Krümel auf dem Bezug.")
      .. post(2, "yellowkitty", "Erfahrener Benutzer", "Hat er evtl. Milben in den Ohren?<br>"
        .. "Eine unserer ersten Katzen hatte auch mal einen massiven Befall und da kam dann auch so "
        .. "komisches schwarzes Zeug aus den Ohren.<br>Ansonsten würde mir noch einfallen dass er "
        .. "vielleicht nachts heimlich in einem Blumentopf gräbt und die Erde mit aufs Bettchen nimmt.<br>"
        .. "Bei unseren Freigängern habe ich nie wirklich Dreck bemerkt. Die Katze meiner Mutter schläft "
        .. "gerne unter der Hecke und nimmt beim Rauskommen schon einiges mit raus.<br>Mich macht es "
        .. "stutzig dass er abends nicht wirklich dreckig ist und morgens doch Krümel am Bettchen liegen.")
      .. post(3, "MoeC", "Mitglied", "Ich stehe auch schon seit 5 Uhr draußen und schaue, was er mitbringt.")
      .. "</div><div class='block-footer'><a href='/t/1'>Ähnliche Themen</a></div>")
    local text = text_of(html)
    assert.truthy(text:find("beigefarbenen Fensterbankliege", 1, true))
    assert.truthy(text:find("Milben in den Ohren", 1, true))
    assert.truthy(text:find("seit 5 Uhr draußen", 1, true))
    assert.falsy(text:find("Ähnliche Themen", 1, true))
  end)
end)

describe("a data table inside the article", function()
  it("does not outscore the paragraphs with cells that each hold one long token", function()
    -- a story that asks readers to write to their MP, lists every MP's address, and goes on
    local function paras(from, to)
      local out = "<div>"
      for i = from, to do
        out = out .. "<p>A powerful alliance of chefs and charities (" .. i .. ") urges the Prime Minister "
          .. "to block sub-standard foods from flooding into the country under new trade deals.</p>"
      end
      return out .. "</div>"
    end
    local body = "<div class='article-text' itemprop='articleBody'>" .. paras(1, 3)
      .. "<div class='news'><table class='mol-table'><tbody><tr><th>Constituency</th>"
      .. "<th>Member</th><th>Email address</th></tr>"
    for i = 1, 400 do
      body = body .. "<tr><td>Seat " .. i .. "</td><td>Member " .. i .. "</td><td>member.number"
        .. i .. ".mp@parliament.uk</td></tr>"
    end
    body = body .. "</tbody></table></div>" .. paras(4, 6) .. "</div>"
    local text = text_of(page("Chefs join the war on toxic food", body))
    assert.truthy(text:find("chefs and charities (1)", 1, true))
    assert.truthy(text:find("chefs and charities (6)", 1, true))
  end)
end)
