-- Pages that ship the article only in their JSON-LD (`articleBody`) and render it by script:
-- the passes see a teaser and furniture. Hand-written snippets copying the markup of such pages.
local extract = require "pith.extract"

local function text_of(html)
  local rec = assert(extract.extract(html, { rule = false }))
  return rec.text
end

local BODY = "Taiwanese President Tsai Ing-wen's re-election was no easy feat. "
  .. ("While both leaders faced a challenging year, one of them read the public mood and the other "
    .. "did not, and the results of the vote show how much that difference mattered to voters. "):rep(8)
  .. "She won by using political shrewdness that her rivals lacked."

local function page(ld, shown)
  return "<html><head><title>Tsai's playbook | Post</title>"
    .. "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
    .. "\"headline\":\"Tsai's playbook\",\"isAccessibleForFree\":\"False\",\"articleBody\":\"" .. ld .. "\"}</script>"
    .. "</head><body><div id='app'><h1>Tsai's playbook</h1>"
    .. "<p class='summary'>While both faced a challenging year, the Taiwanese leader capitalised on the crisis "
    .. "to claim a massive election win.</p><div class='author-bio'><p>Alice Wu fell down the rabbit hole of "
    .. "politics aged 12, when she started helping out in local campaigns.</p></div>"
    .. shown .. "</div></body></html>"
end

describe("an article only in the page's JSON-LD", function()
  it("is read from articleBody when the page prints none of it", function()
    local text = text_of(page(BODY, ""))
    assert.truthy(text:find("no easy feat", 1, true))
    assert.truthy(text:find("using political shrewdness", 1, true))
    assert.falsy(text:find("rabbit hole", 1, true))
  end)

  it("is not when the page prints it (a paywall that hides the printed text)", function()
    local text = text_of(page(BODY, "<div class='paywall-full-content' style='display:none'><p>"
      .. BODY .. "</p></div><div class='paywall'><p>Mit Abo weiterlesen</p></div>"))
    assert.falsy(text:find("using political shrewdness", 1, true))
  end)
end)
