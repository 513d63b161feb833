--- The lead image of a page that declares none (no og:image, twitter:image, JSON-LD image or
-- rel=image_src): the first picture of the article itself, as a reader sees it under the headline.
--
-- Only runs when nothing is declared, so its XPath costs nothing on the usual page.
local str = require "pith.meta.str"

local M = {}

-- The first few images after the headline (or inside the article when the page has no h1); a
-- video's poster frame counts as its picture. Navigation, sidebars and footers hold logos,
-- avatars and teasers, not the article's picture; a licence badge links to its licence.
local OUTSIDE = "not(ancestor::nav or ancestor::aside or ancestor::footer or ancestor::noscript"
  .. " or ancestor::a[contains(@rel, 'license')])"
local AFTER_HEADLINE = "(following::img[" .. OUTSIDE .. "] | following::video[@poster][" .. OUTSIDE
  .. "])[position() <= 12]"
local IN_ARTICLE = "(//article//img[" .. OUTSIDE .. "] | //main//img[" .. OUTSIDE
  .. "] | //*[@itemprop='articleBody']//img)[position() <= 12]"

-- Furniture by name: a logo, icon or avatar is the site's or a person's, not the story's; so are
-- feed, share, "mail a friend", "follow me" and licence buttons, a language's flag, loading
-- spinners, advertisements ("werbung", "anzeige") and whatever a theme's or a plugin's folder
-- holds; WordPress names the header and site icon it crops "cropped-...".
local FURNITURE = { "logo", "icon", "avatar", "gravatar", "profile", "emoji", "smiley", "sprite", "spacer",
  "pixel", "blank", "placeholder", "badge", "banner", "button", "symbol", "rss", "feed", "share", "comment",
  "loader", "loading", "spinner", "license", "licence", "lizenz", "sidebar", "widget", "counter", "track",
  "hit.php", "/theme/", "/themes/", "/skins/", "/plugins/", "/cropped-", "werbung", "anzeige", "advert", "/flags/",
  "mailafriend", "mail-a-friend", "follow_me", "follow-me", "followme", "follow_us", "follow-us" }

-- Attributes lazy loaders keep the real address in while src holds a placeholder.
local LAZY = { "data-src", "data-lazy-src", "data-original", "data-url", "data-lazy", "data-hi-res-src" }

local function furniture(s)
  return str.has_any(s:lower(), FURNITURE)
end

-- The first candidate of a srcset ("a.jpg 3500w, a.jpg?w=768 768w"); some templates write a
-- whole srcset into src.
local function first_candidate(s)
  s = s and s:match("^%s*(.-)%s*$")
  if not s or s == "" then
    return nil
  end
  return s:match("^(%S+)%s+%d+[wx]%s*,") or s:match("^(%S+)%s+%d+[wx]$") or s:match("^(%S+)$")
end

local function usable(u)
  return u and u ~= "" and not u:find("^data:") and not u:lower():find("%.svg$") and not u:find("^about:")
end

-- A declared size below this is an icon, an avatar or a tracking pixel.
local MIN_SIDE = 100

local function source_of(n)
  if n:tag() == "video" then
    return n:attr("poster")
  end
  local src = n:attr("src")
  if src then
    -- "a.jpg%203500w,%20a.jpg?w=768%20768w": a srcset in src, percent-encoded by the template
    src = src:gsub("%%20", " ")
  end
  local u = first_candidate(src)
  if usable(u) then
    return u
  end
  for _, a in ipairs(LAZY) do
    u = first_candidate(n:attr(a))
    if usable(u) then
      return u
    end
  end
  u = first_candidate(n:attr("srcset") or n:attr("data-srcset"))
  return usable(u) and u or nil
end

local function small(n, u)
  -- "cc_lizenz_80x15.png": a size in the file name
  local w, h = u:match("(%d+)x(%d+)[^/]*$")
  if w and tonumber(w) < MIN_SIDE and tonumber(h) < MIN_SIDE then
    return true
  end
  for _, a in ipairs({ "width", "height" }) do
    local v = tonumber((n:attr(a) or ""):match("^%s*(%d+)"))
    if v and v < MIN_SIDE then
      return true
    end
  end
  -- ... or in its style ("width: 96px; height: 48px"): a badge, a captcha, a partner's button.
  local style = n:attr("style")
  if style then
    style = style:lower()
    for _, a in ipairs({ "width", "height" }) do
      local v = tonumber(style:match("%f[%w-]" .. a .. "%s*:%s*(%d+)px"))
      if v and v < MIN_SIDE then
        return true
      end
    end
  end
  return false
end

-- What a template declares when the page has no picture of its own: WordPress.com's
-- "s0.wp.com/i/blank.jpg", a plugin's "default-user-image.png", "no-img_460x320.jpg", or the site's
-- icon for browsers and home screens ("favicon-96.ico", "apple-touch-icon.png", "ms-icon-310x310.png").
local STAND_INS = {}
for _, w in ipairs({ "blank", "spacer", "placeholder", "default-user-image", "no-img", "no_img", "noimage",
  "no-image", "no_image", "favicon", "apple-touch-icon", "ms-icon" }) do
  STAND_INS[#STAND_INS + 1] = "%f[%a]" .. w:gsub("%-", "%%-") .. "%f[^%a]"
end
-- (A favicon's file name runs on: "FaviconApp.png", "favicon32.png".)
STAND_INS[#STAND_INS + 1] = "^favicon"

--- True when the image's file name says, in a word of its own, that it stands in for a missing
-- picture ("wordbooker_blank.jpg", not "blankets.jpg").
function M.stand_in(u)
  -- (Plain finds, not an unanchored pattern: a data: URI may be megabytes long.)
  local path = u:sub(1, (u:find("[?#]") or #u + 1) - 1)
  -- WordPress.com's site icon: gravatar.com/blavatar/<hash>.
  if path:find("/blavatar/", 1, true) then
    return true
  end
  -- A section's picture ("/assets/categories/valve.jpg"), which a site declares for each of its
  -- stories that has none of its own: a file right in a folder of categories.
  if path:find("/categor", 1, true) and (path:find("/categories/[^/]+$") or path:find("/category/[^/]+$")) then
    return true
  end
  local from, i = 1, path:find("/", 1, true)
  while i do
    from = i + 1
    i = path:find("/", from, true)
  end
  local name = path:sub(from):lower()
  for _, pattern in ipairs(STAND_INS) do
    if name:find(pattern) then
      return true
    end
  end
  return false
end

-- Image extensions a file name ends in (glued addresses are cut after one).
local function image_file(piece)
  local path = piece:match("^[^?#]*"):lower()
  return path:find("%.jpe?g$") or path:find("%.png$") or path:find("%.gif$") or path:find("%.webp$")
    or path:find("%.avif$")
end

--- An address a template glued to another: the site's origin written before an absolute
-- address ("https://site.clhttps://media.site.cl/a.jpg"), or several addresses run together
-- ("https://s.at/a.jpghttps://s.at/b.jpg"). Gives the first whole image address in it, or the
-- address as given. (A proxy's or an archive's address holds another after "/" or "=", which
-- is no glue.)
function M.unglue(u)
  if type(u) ~= "string" or #u > 4096 then
    return u
  end
  local starts, i = { 1 }, u:find("%whttps?://", 2)
  while i do
    starts[#starts + 1] = i + 1
    i = u:find("%whttps?://", i + 2)
  end
  if #starts == 1 then
    return u
  end
  for k = 1, #starts do
    local piece = u:sub(starts[k], (starts[k + 1] or #u + 2) - 1)
    -- (An origin alone is the prefix; the address after it is whole.)
    if not piece:find("^https?://[^/]*$") and (image_file(piece) or k == #starts) then
      return piece
    end
  end
  return u
end

--- The first declared image (values in the page's order of preference, then the JSON-LD image)
-- that is no stand-in for a missing one; else nil, and true when stand-ins were declared: the
-- page says it has no picture, and a guess from its body would find another story's teaser.
function M.declared(values, ld_image)
  for i = 1, #values do
    if not M.stand_in(values[i]) then
      return values[i]
    end
  end
  if ld_image and not M.stand_in(ld_image) then
    return ld_image
  end
  return nil, #values > 0 or ld_image ~= nil
end

--- The first article image: headline = the h1 the headline window is built around (or nil).
-- Returns its address as written (relative or not), or nil.
function M.first(doc, headline)
  local nodes = headline and headline:xpath(AFTER_HEADLINE) or doc:xpath(IN_ARTICLE)
  for _, n in ipairs(nodes or {}) do
    local hidden = n:attr("aria-hidden") == "true" or n:attr("role") == "presentation"
    local u = not hidden and source_of(n)
    if u and not small(n, u) then
      local names = (n:attr("class") or "") .. " " .. (n:attr("id") or "") .. " " .. (n:attr("alt") or "")
      if not furniture(u) and not furniture(names) then
        return u
      end
    end
  end
  return nil
end

return M
