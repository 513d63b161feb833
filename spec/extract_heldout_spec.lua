-- The generic extractor on page shapes first seen on held-out pages (news
-- pages pith was never tuned on); each case is a general layout pattern,
-- shown with a hand-written snippet or a shared-corpus page.
local extract = require "pith.extract"

local function flat(s) return (s:gsub("%s+", " ")) end

local function generic(html, opts)
  opts = opts or {}
  opts.rule = false
  local rec, err = extract.extract(html, opts)
  assert(rec, err)
  return flat(rec.text)
end

describe("held-out page shapes", function()
  it("keep a short article under its headline rather than retrying into the sidebar (snippet)", function()
    -- an episode page: the headline, then a 400-character description; under
    -- Readability's 500 characters the retries (which strip less) used to
    -- take the sidebar's comment teasers instead
    local lede = "Council members are looking at new options for the harbour, including some "
      .. "engineering ideas. On Tuesday, three proposals failed in a close vote, including one "
      .. "that would have widened the channel. Some members are now looking in new directions. "
      .. "So-called floating docks are platforms that rise with the tide. But so far, there is "
      .. "not a single one in use anywhere along this coast, and none is planned."
    local teaser = "<div class='views-row'><h4><a href='/t%d'>Another story title %d</a></h4>"
      .. "<p>I read this story, as a reader, as a little window into a much larger question, "
      .. "one about %d things, and costs, and time...</p>"
      .. "<em>reader%d | Apr %d, 2013</em></div>"
    local rows = {}
    for i = 1, 5 do rows[#rows + 1] = teaser:format(i, i, i, i, i) end
    local html = "<html><head><title>Harbour Report for Friday</title></head><body>"
      .. "<div id='page'><div class='region-center'><div class='node'><div class='inner'>"
      .. "<h1>Harbour Report for Friday</h1>"
      .. "<div class='field-image'><img src='a.jpg'></div>"
      .. "<div class='field-lede'><div class='label'>Description:</div><div class='items'>"
      .. "<div class='item'>" .. lede .. "</div></div></div>"
      .. "</div></div></div>"
      .. "<div class='region-sidebar'><div class='pane'><h2>Recent comments</h2>"
      .. "<div class='view-content'>" .. table.concat(rows) .. "</div></div></div>"
      .. "</div></body></html>"
    local text = generic(html)
    assert.are.equal(flat(lede), text)
  end)
  it("drop a toolbar's flyout panel (a sign-in or upload form shown on click) before the article (snippet)", function()
    local para = "Musicians often show off their rings on stage, but rarely have rings been thought of "
      .. "as a way of making music, and a small firm now hopes to change that with its new sensors. "
    local html = "<html><head><title>Rings that make music</title></head><body><article class='story'>"
      .. "<section class='story-headline'><h1>Rings that make music</h1></section>"
      .. "<div class='utility-bar'><div class='util-bar-module'><div class='util-bar-flyout'>"
      .. "<div class='flyout-pane'><h6>Join the Conversation</h6><p>To find out more about commenting "
      .. "please read the Conversation Guidelines and the answers to frequently asked questions.</p>"
      .. "<p>Sign in now to share your story.</p><span>Be first to contribute</span>"
      .. "<h2>Verifying your credentials...</h2><p>Please wait.</p><h2>Uh oh!</h2>"
      .. "<p>We're experiencing a few technical issues.</p><span>Try again</span></div></div></div></div>"
      .. "<div class='double-wide'>"
      .. "<p>" .. para .. "</p><p>" .. para:gsub("Musicians", "Drummers") .. "</p><p>"
      .. para:gsub("Musicians", "Singers") .. "</p></div></article></body></html>"
    local text = generic(html)
    assert.truthy(text:find("^Musicians often show off"), text)
    assert.truthy(text:find("Singers often show off", 1, true))
    local junks = { "Sign in now", "Be first to contribute", "Verifying", "Please wait", "Try again" }
    for _, junk in ipairs(junks) do
      assert.falsy(text:find(junk, 1, true), junk)
    end
  end)
  it("drop a box of keywords (a video's search terms) but keep a link so named in the prose (snippet)", function()
    local para = "Authorities said on Thursday that they will prosecute the traveller when he returns home, "
      .. "for allegedly giving a false answer on his departure screening questionnaire at the airport. "
    local html = "<html><head><title>Traveller to be prosecuted</title></head><body><article>"
      .. "<h1>Traveller to be prosecuted</h1><div class='story-body'>"
      .. "<div class='video-asset'><div class='video-controls'><div class='video-transcript-keywords'>"
      .. "<span>Video Keywords</span><span><span>health officials</span> <span>travel ban</span> "
      .. "<span>deadly disease</span></span></div></div></div>"
      .. "<p>" .. para .. "</p><p>With advances in <a class='keywords' href='/n'>neuroscience</a>, "
      .. para:gsub("Authorities", "officials") .. "</p><p>" .. para:gsub("Thursday", "Friday") .. "</p>"
      .. "</div></article></body></html>"
    local text = generic(html)
    assert.truthy(text:find("^Authorities said on Thursday"), text)
    assert.truthy(text:find("With advances in neuroscience, officials said", 1, true))
    assert.falsy(text:find("Keywords", 1, true))
    assert.falsy(text:find("travel ban", 1, true))
  end)
  it("drop the site's name left before the article by a split source line (snippet)", function()
    -- <p class="source"><span> | Example News</span></p>: the end of the page's title, shown
    -- after a date line; a paragraph that merely names the site stays
    local para = "The announcement raised questions about the better-than-ever relationship between "
      .. "the two countries, which recently signed a treaty after years of talks in the capital. "
    local html = "<html><head><title>Questions about the treaty | Example News</title></head><body>"
      .. "<div class='article'><h1>Questions about the treaty</h1>"
      .. "<p class='published'>Published August 14, 2010</p><p class='source'><span> | Example News</span></p>"
      .. "<div class='intro'><p>" .. para .. "</p><p>Example News reported it first. " .. para .. "</p><p>"
      .. para:gsub("announcement", "decision") .. "</p></div></div></body></html>"
    local text = generic(html)
    assert.truthy(text:find("^The announcement raised questions"), text)
    assert.truthy(text:find("Example News reported it first.", 1, true))
  end)
  it("drop a dropdown panel (the author's bio shown on click) before the article (snippet)", function()
    local para = "The interview was filmed at the company's first office, and it shows a founder who "
      .. "described his site as a modest directory, years before it reached most of the world. "
    local bio = "Jane Doe currently works for the paper as a writer. She is also a blogger who studied "
      .. "writing and art, moving to the city shortly after graduation to work in the media industry. "
    local html = "<html><head><title>The modest directory</title></head><body><div class='module-post-detail'>"
      .. "<h1 class='headline'>The modest directory</h1><div class='meta-info'><div class='author'>"
      .. "<a class='name' href='/a'>Jane Doe</a></div><div class='post-time'>posted on Saturday</div></div>"
      .. "<div class='author-dropdown'><div class='authorlinks'><a href='/author/jane'>View Author Page</a>"
      .. "</div><div class='description'><p>" .. bio .. "</p></div></div>"
      .. "<div class='copy'><p>" .. para .. "</p><p>" .. para:gsub("interview", "film") .. "</p><p>"
      .. para:gsub("interview", "clip") .. "</p><p>" .. para:gsub("interview", "footage") .. "</p></div>"
      .. "</div></body></html>"
    local text = generic(html)
    assert.truthy(text:find("^The interview was filmed"), text)
    assert.truthy(text:find("The clip was filmed", 1, true))
    assert.falsy(text:find("currently works for", 1, true))
  end)
end)
