--- Metadata read from the page's elements (as opposed to its <meta> tags): JSON-LD script texts,
-- <title>, <h1>, <html lang>, byline elements, <time>, rel=license. Each is one targeted query.
local dates = require "pith.meta.dates"
local byline = require "pith.meta.byline"

local M = {}

local squash = require("pith.meta.str").squash

local function text(n)
  return squash(n:text())
end

--- Raw contents of the ld+json scripts (entities are not decoded inside <script>).
function M.jsonld_texts(doc)
  local out = {}
  for _, n in ipairs(doc:xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")) do
    local s = n:xpath("string(.)")
    if type(s) == "string" and s:find("%S") then
      out[#out + 1] = s
    end
  end
  return out
end

function M.base_href(doc)
  local b = doc:first("base[href]")
  return b and b:attr("href") or nil
end

function M.html_title(doc)
  local t = doc:first("head title") or doc:first("title")
  local s = t and squash(t:xpath("string(.)"))
  return s ~= "" and s or nil
end

function M.h1s(doc)
  local out = {}
  local list = doc:select("h1")
  for i = 1, math.min(#list, 6) do
    local s = text(list[i])
    if s and s ~= "" and #s < 400 then
      out[#out + 1] = s
    end
  end
  return out
end

function M.lang(doc)
  local root = doc:root()
  if not root then
    return nil
  end
  local l = root:attr("lang") or root:attr("xml:lang")
  if l and l:find("%a") then
    return l
  end
  return nil
end

-- Elements that announce an author by rel, itemprop, class or id; not those of comments.
-- Few contains() calls over one concatenation: libxml2 casts each attribute per call.
local BYLINE_COND = "[contains(concat(@class,' ',@id,' ',@rel,' ',@itemprop),'uthor')"
  .. " or contains(concat(@class,' ',@id),'byline') or contains(@class,'writer')"
  .. " or contains(@class,'dateline') or contains(@class,'contributor') or contains(@class,'posted-by')"
  .. " or contains(@class,'firma') or contains(@class,'autor')]"
  .. "[not(self::meta or self::link or self::body or self::html or self::script or self::style"
  .. " or self::img or self::article or self::section or self::main)]"
  .. "[not(ancestor-or-self::*[contains(@class,'comment') or contains(@id,'comment')])]"

--- Person names from the first byline element that holds some.
function M.byline(doc)
  -- The article's own byline sits near its headline (lists of other stories may come first
  -- in the page): search the headline's neighbourhood, then the whole page.
  local list = doc:xpath("(//h1)[1]/ancestor::*[4]//*" .. BYLINE_COND)
  if #list == 0 then
    list = doc:xpath("//*" .. BYLINE_COND)
  end
  local tried = 0
  for _, n in ipairs(list) do
    tried = tried + 1
    if tried > 25 then
      break
    end
    local s
    local nm = n:first("[itemprop=name]")
    if nm then
      s = nm:attr("content") or text(nm)
    end
    if not s or s == "" then
      s = n:attr("content") or text(n)
    end
    if s and #s > 0 and #s < 250 then
      local names = byline.names(s, { strict = true })
      if #names > 0 then
        return names
      end
    end
  end
  return {}
end

local function node_date(n)
  return dates.parse(n:attr("datetime")) or dates.parse(n:attr("content"))
    or dates.parse(n:attr("data-published")) or dates.parse(n:attr("data-timestamp"))
    or dates.parse(n:attr("data-utime")) or dates.parse(n:attr("data-date")) or dates.parse(n:attr("title"))
    or dates.parse(squash(n:xpath("string(.)")))
end

--- Publication date from microdata, <time> and date-classed elements near the byline.
function M.date(doc)
  for _, n in ipairs(doc:xpath("//*[@itemprop='datePublished' or @itemprop='dateCreated'][not(self::meta)]")) do
    local d = node_date(n)
    if d then
      return d
    end
  end
  local times = doc:xpath("//time"
    .. "[not(ancestor::*[contains(@class,'comment') or contains(@class,'related')])]")
  for _, n in ipairs(times) do
    local c = (n:attr("class") or "") .. " " .. (n:attr("itemprop") or "")
    if n:attr("pubdate") or n:attr("data-published") or c:find("publish") or c:find("posted")
      or c:find("created") then
      local d = node_date(n)
      if d then
        return d
      end
    end
  end
  for i = 1, math.min(#times, 3) do
    local c = (times[i]:attr("class") or "") .. " " .. (times[i]:attr("itemprop") or "")
    if not (c:find("updat") or c:find("modif")) then
      local d = node_date(times[i])
      if d then
        return d
      end
    end
  end
  local tagged = doc:xpath("//*[contains(concat(@class,' ',@id),'date') or contains(@class,'published')"
    .. " or contains(@class,'byline') or contains(@class,'timestamp')]"
    .. "[not(ancestor-or-self::*[contains(@class,'comment') or contains(@class,'related')"
    .. " or contains(@class,'update')])][not(self::body or self::html or self::article)]")
  for i = 1, math.min(#tagged, 12) do
    local n = tagged[i]
    local s = squash(n:xpath("string(.)"))
    if s and #s < 200 then
      local d = node_date(n)
      if d then
        return d
      end
    end
  end
  return nil
end

--- A date in the visible text around the headline ("Published Dec 19, 2016").
function M.date_near_title(doc)
  local h = doc:first("h1")
  local p = h and h:parent()
  for _ = 1, 3 do
    if not p then
      break
    end
    local s = p:xpath("string(.)")
    if type(s) == "string" and #s > 2000 then
      break
    end
    local d = type(s) == "string" and dates.parse(squash(s))
    if d then
      return d
    end
    p = p:parent()
  end
  return nil
end

function M.date_modified(doc)
  for _, n in ipairs(doc:xpath("//*[@itemprop='dateModified'][not(self::meta)]")) do
    local d = node_date(n)
    if d then
      return d
    end
  end
  return nil
end

--- The original publisher of a syndicated story, announced by a "provider" hint in the header.
function M.provider(doc)
  local list = doc:xpath("(//header|//article)//*[contains(@class,'provider')]")
  for i = 1, math.min(#list, 3) do
    local n = list[i]
    local s = text(n)
    if (not s or s == "") and n:first("img[alt]") then
      s = squash(n:first("img[alt]"):attr("alt"))
    end
    if s and #s > 1 and #s < 60 then
      return s
    end
  end
  return nil
end

function M.license(doc)
  local a = doc:first("a[rel~=license]")
  return a and a:attr("href") or nil
end

return M
