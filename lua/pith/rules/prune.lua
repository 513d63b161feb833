--- FiveFilters' `prune: yes` (its default): the body an XPath chose is cleaned the way its
-- Readability port's prepArticle() cleans an article, so site files written against that output
-- (about half the real files with a body rely on it) give the text their authors saw.
-- Conditional cleaning of forms, tables, lists and divs by class weight, link density and counts
-- of paragraphs, images, list items and inputs; h2s that look like furniture (a negative class or
-- mostly link text); h1s (the title is the record's), and a lone h2. Readability's scores are 0
-- here: it never scored these nodes.
local core = require "pith.core"

local M = {}

local POSITIVE = assert(core.regex(
  "article|body|content|entry|hentry|main|page|attachment|pagination|post|text|blog|story", "i"))
local NEGATIVE = assert(core.regex(
  "combx|comment|com-|contact|foot|footer|_nav|footnote|masthead|media|meta|outbrain|promo|related|" ..
  "scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget", "i"))
local VIDEO = assert(core.regex("//(www\\.)?(dailymotion|youtube|youtube-nocookie|player\\.vimeo)\\.com", "i"))

local function class_weight(n)
  local w = 0
  for _, a in ipairs { "class", "id" } do
    local v = n:attr(a)
    if v and v ~= "" then
      if NEGATIVE:test(v) then w = w - 25 end
      if POSITIVE:test(v) then w = w + 25 end
    end
  end
  return w
end

local function text_len(n)
  return #(n:text():gsub("%s+", " "))
end

local function link_density(n, len)
  if len == 0 then return 0 end
  local links = 0
  for _, a in ipairs(n:select("a")) do links = links + text_len(a) end
  return links / len
end

local function count(n, xpath)
  return n:xpath("count(" .. xpath .. ")")
end

-- Readability's cleanConditionally(): nodes of one tag, last first, removed when they look
-- like furniture rather than article.
local function clean_conditionally(root, tag)
  local list = root:select(tag)
  for i = #list, 1, -1 do
    local n = list[i]
    local weight = class_weight(n)
    local remove = weight < 0
    if not remove then
      local text = n:text()
      local _, commas = text:gsub(",", "")
      if commas < 10 then
        local p, img = count(n, ".//p"), count(n, ".//img")
        local li, input = count(n, ".//li") - 100, count(n, ".//input")
        local embeds = 0
        for _, e in ipairs(n:select("embed, object, iframe")) do
          if not VIDEO:test(e:attr("src") or "") then embeds = embeds + 1 end
        end
        local len = #(text:gsub("%s+", " "))
        local density = link_density(n, len)
        remove = img > p or (li > p and tag ~= "ul" and tag ~= "ol") or input > math.floor(p / 3) or
          (len < 25 and (img == 0 or img > 2)) or (weight < 25 and density > 0.2) or
          (weight >= 25 and density > 0.5) or (embeds == 1 and len < 75) or embeds > 1
      end
    end
    if remove then n:remove() end
  end
end

--- Cleans the element in place.
function M.run(root)
  clean_conditionally(root, "form")
  for _, h in ipairs(root:select("h1")) do h:remove() end
  local h2 = root:select("h2")
  if #h2 == 1 then h2[1]:remove() end
  for _, h in ipairs(root:select("h2")) do -- (h1s are gone)
    if class_weight(h) < 0 or link_density(h, text_len(h)) > 0.33 then h:remove() end
  end
  clean_conditionally(root, "table")
  clean_conditionally(root, "ul")
  clean_conditionally(root, "div")
end

return M
