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
end)
