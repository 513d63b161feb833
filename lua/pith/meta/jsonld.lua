--- JSON-LD (schema.org) metadata: every <script type="application/ld+json"> block, lenient about
-- the ways pages get it wrong (HTML entities in strings, raw newlines, comment wrappers, several
-- blocks, @graph, arrays, @id references, nested author/publisher objects).
local cjson = require "cjson.safe"
local utf8 = require("pith.compat").utf8 -- also LuaJIT and 5.1
local strip = require("pith.meta.str").strip
local collapse = require("pith.meta.str").collapse

local M = {}

local ENTITIES = {
  amp = "&", quot = '"', apos = "'", lt = "<", gt = ">", nbsp = "\194\160", rsquo = "’", lsquo = "‘",
  rdquo = "”", ldquo = "“", ndash = "–", mdash = "—", hellip = "…", eacute = "é", egrave = "è",
  aacute = "á", agrave = "à", iacute = "í", oacute = "ó", uacute = "ú", ntilde = "ñ", ccedil = "ç",
  uuml = "ü", ouml = "ö", auml = "ä", szlig = "ß", laquo = "«", raquo = "»", copy = "©", reg = "®",
}

--- Decodes the HTML character references some sites leave inside JSON-LD strings.
function M.unescape(s)
  if not s:find("&", 1, true) then
    return s
  end
  -- Twice: "&amp;#39;" is a common double escape.
  for _ = 1, 2 do
    s = s:gsub("&(#?[%w]+);", function(e)
      local n
      if e:sub(1, 2) == "#x" or e:sub(1, 2) == "#X" then
        n = tonumber(e:sub(3), 16)
      elseif e:sub(1, 1) == "#" then
        n = tonumber(e:sub(2))
      else
        return ENTITIES[e]
      end
      if n and n > 0 and n < 0x110000 and not (n >= 0xD800 and n < 0xE000) then
        return utf8.char(n)
      end
    end)
  end
  return s
end

-- Reads one string starting at the quote at i (either quote kind); returns it as a JSON string
-- literal (raw control characters made spaces, a single-quoted one re-quoted) and the index after
-- it, or nil when it never ends.
local function read_string(s, i)
  local q = s:sub(i, i)
  local k = i + 1
  while true do
    local j = s:find(q == '"' and '["\\]' or "['\\]", k)
    if not j then
      return nil
    end
    if s:byte(j) == 92 then -- backslash: skip the escaped character
      k = j + 2
    else
      local body = s:sub(i + 1, j - 1):gsub("%c", " ")
      if q == "'" then
        body = body:gsub("\\'", "'"):gsub('"', '\\"')
      end
      return '"' .. body .. '"', j + 1
    end
  end
end

local CLOSER = { ["{"] = "}", ["["] = "]" }

--- Rewrites JSON the way browsers' lenient readers would take it: drops trailing and doubled
-- commas, // and /* */ comments and closers that close nothing, fills a missing value with null,
-- accepts single-quoted strings, closes what a truncated block left open, and splits several
-- top-level values written one after another. Returns the list of top-level texts, or nil when
-- a string never ends or brackets cross (those are refused: guessing would invent structure).
function M.repair(s)
  local tops, buf, stack = {}, {}, {}
  -- prev: the last significant thing emitted: a punctuation character, or "v" for a value.
  local prev, i, n = "", 1, #s
  local function emit(x, p)
    buf[#buf + 1] = x
    prev = p
  end
  local function drop_comma()
    for b = #buf, 1, -1 do
      if buf[b] == "," then
        table.remove(buf, b)
        return
      elseif buf[b]:find("%S") then
        return
      end
    end
  end
  local function flush()
    local t = table.concat(buf)
    if t:find("%S") then
      tops[#tops + 1] = t
    end
    buf = {}
  end
  while i <= n do
    local j = s:find("[\"'{}%[%],:/]", i)
    local text = s:sub(i, (j or n + 1) - 1)
    if text:find("%S") then
      if #stack == 0 then
        return nil -- bare words outside any object
      end
      emit((text:gsub("%c", " ")), "v")
    elseif text ~= "" then
      buf[#buf + 1] = " "
    end
    if not j then
      break
    end
    local c = s:sub(j, j)
    i = j + 1
    if c == '"' or c == "'" then
      if c == "'" and not (prev == ":" or prev == "," or prev == "[" or prev == "{") then
        return nil
      end
      local lit, after = read_string(s, j)
      if not lit then
        return nil
      end
      emit(lit, "v")
      i = after
    elseif c == "/" then
      local nx = s:sub(j + 1, j + 1)
      if nx == "/" then
        i = (s:find("[\n\r]", j) or n) + 1
      elseif nx == "*" then
        local e = s:find("*/", j + 2, true)
        if not e then
          return nil
        end
        i = e + 2
      else
        return nil
      end
    elseif c == "{" or c == "[" then
      if #stack == 0 then
        flush()
      end
      if #stack >= 64 then
        return nil -- (deeper than any schema.org block: hostile or no JSON-LD)
      end
      stack[#stack + 1] = CLOSER[c]
      emit(c, c)
    elseif c == "}" or c == "]" then
      if #stack > 0 then
        if stack[#stack] ~= c then
          return nil
        end
        if prev == ":" then
          emit("null", "v")
        elseif prev == "," then
          drop_comma()
        end
        stack[#stack] = nil
        emit(c, "v")
      end -- else: a closer that closes nothing
    elseif c == "," then
      if prev == ":" then
        emit("null", "v")
      end
      if #stack > 0 and prev == "v" then
        emit(",", ",")
      end -- else: doubled, leading, or between top-level values
    else -- ":"
      if #stack == 0 then
        return nil
      end
      emit(":", ":")
    end
  end
  if #stack > 0 then
    if prev == "," then
      drop_comma()
    elseif prev == ":" then
      emit("null", "v")
    end
    for k = #stack, 1, -1 do
      buf[#buf + 1] = stack[k]
    end
  end
  flush()
  return tops
end

local function decode(raw)
  local v = cjson.decode(raw)
  if v ~= nil then
    return v
  end
  -- Only now, so valid pages pay nothing: comment or CDATA wrappers, a trailing ";", raw control
  -- characters, then the lenient rewrite (M.repair).
  local fixed = raw:gsub("^%s*<!%-%-", ""):gsub("%-%->%s*$", "")
  fixed = fixed:gsub("^%s*//%s*<!%[CDATA%[", ""):gsub("//%s*%]%]>%s*$", "")
  fixed = fixed:gsub("^%s*<!%[CDATA%[", ""):gsub("%]%]>%s*$", "")
  fixed = fixed:gsub(";%s*$", "")
  -- (The wrappers and raw newlines in strings are the usual breakage: a second strict parse is
  -- cheaper than the rewrite.)
  local v2 = cjson.decode((fixed:gsub("%c", " ")))
  if v2 ~= nil then
    return v2
  end
  local tops = M.repair(fixed)
  if not tops or #tops == 0 then
    return nil
  end
  if #tops == 1 then
    return cjson.decode(tops[1])
  end
  local out = {}
  for _, t in ipairs(tops) do
    out[#out + 1] = cjson.decode(t)
  end
  return out
end

local function str(v)
  if type(v) == "string" then
    local s = collapse(M.unescape(v))
    return s ~= "" and s or nil
  elseif type(v) == "number" then
    return tostring(v)
  end
  return nil
end

-- The types of each object read so far in this M.read (objects are asked several times).
local types_memo = {}

local function types_of(obj)
  local out = types_memo[obj]
  if out then
    return out
  end
  local t = obj["@type"]
  out = {}
  if type(t) == "string" then
    out[1] = t
  elseif type(t) == "table" then
    for _, x in ipairs(t) do
      if type(x) == "string" then
        out[#out + 1] = x
      end
    end
  end
  for i, x in ipairs(out) do
    if x:find("[/:#]") then
      out[i] = x:gsub("^.*[/:#]", "")
    end
  end
  types_memo[obj] = out
  return out
end

local ARTICLE = {
  Article = true, NewsArticle = true, ReportageNewsArticle = true, AnalysisNewsArticle = true,
  OpinionNewsArticle = true, BackgroundNewsArticle = true, ReviewNewsArticle = true, AskPublicNewsArticle = true,
  BlogPosting = true, LiveBlogPosting = true, SocialMediaPosting = true, DiscussionForumPosting = true,
  TechArticle = true, ScholarlyArticle = true, MedicalScholarlyArticle = true, Report = true,
  SatiricalArticle = true, AdvertiserContentArticle = true, Review = true, Recipe = true, HowTo = true,
}
local PAGE = { WebPage = true, ItemPage = true, AboutPage = true, CollectionPage = true, ProfilePage = true,
  QAPage = true, FAQPage = true, MediaObject = true, VideoObject = true, Episode = true, CreativeWork = true }

local function kind(obj)
  for _, t in ipairs(types_of(obj)) do
    if ARTICLE[t] or t:find("Article$") then
      return "article"
    end
  end
  for _, t in ipairs(types_of(obj)) do
    if PAGE[t] then
      return "page"
    end
  end
  return nil
end

local function has_type(obj, names)
  for _, t in ipairs(types_of(obj)) do
    if names[t] then
      return true
    end
  end
  return false
end

-- Walks decoded values, collecting typed objects (bounded depth, so hostile input stays cheap).
local function walk(v, out, ids, depth)
  if type(v) ~= "table" or depth > 8 or #out > 200 then
    return
  end
  if v["@type"] ~= nil or v["@id"] ~= nil then
    if v["@type"] ~= nil then
      out[#out + 1] = v
    end
    local id = v["@id"]
    if type(id) == "string" and v["@type"] ~= nil and not ids[id] then
      ids[id] = v
    end
  end
  for k, x in pairs(v) do
    if type(x) == "table" and k ~= "@context" then
      walk(x, out, ids, depth + 1)
    end
  end
end

--- Follows {"@id": ...} references to the full object when the page defines it.
local function deref(v, ids)
  if type(v) == "table" and v["@id"] and ids[v["@id"]] and ids[v["@id"]] ~= v then
    local full = ids[v["@id"]]
    if next(v, next(v)) == nil then
      return full
    end
  end
  return v
end

local function list(v)
  if v == nil then
    return {}
  end
  if type(v) == "table" and v[1] ~= nil then
    return v
  end
  return { v }
end

local PERSONLESS = { Organization = true, NewsMediaOrganization = true, Corporation = true,
  NGO = true, EducationalOrganization = true, GovernmentOrganization = true, WebSite = true, Brand = true }

--- Names of the author(s); persons first, organisations separately.
local function people(v, ids)
  local persons, orgs = {}, {}
  for _, a in ipairs(list(v)) do
    a = deref(a, ids)
    if type(a) == "string" then
      persons[#persons + 1] = str(a)
    elseif type(a) == "table" then
      local name = str(a.name)
      if not name and (a.givenName or a.familyName) then
        name = str(((a.givenName or "") .. " " .. (a.familyName or "")))
      end
      if type(a.name) == "table" then
        name = str(a.name["@value"]) or str(a.name[1])
      end
      if name then
        if has_type(a, PERSONLESS) then
          orgs[#orgs + 1] = name
        else
          persons[#persons + 1] = name
        end
      end
    end
  end
  return persons, orgs
end

local function name_of(v, ids)
  for _, x in ipairs(list(v)) do
    x = deref(x, ids)
    if type(x) == "string" then
      return str(x)
    elseif type(x) == "table" then
      local n = str(x.name) or str(x.legalName) or str(x.alternateName)
      if n then
        return n
      end
    end
  end
  return nil
end

local function url_of(v, ids)
  for _, x in ipairs(list(v)) do
    x = deref(x, ids)
    if type(x) == "string" then
      return str(x)
    elseif type(x) == "table" then
      local u = str(x.url) or str(x.contentUrl) or str(x["@id"])
      if u then
        return u
      end
    end
  end
  return nil
end

local function strings(v, split)
  local out = {}
  for _, x in ipairs(list(v)) do
    local s = type(x) == "table" and str(x.name) or str(x)
    if s then
      if split then
        for piece in s:gmatch("[^,;]+") do
          piece = strip(piece)
          if piece ~= "" then
            out[#out + 1] = piece
          end
        end
      else
        out[#out + 1] = s
      end
    end
  end
  return out
end

local WEBSITE, NEWS_ORGANIZATION = { WebSite = true }, { NewsMediaOrganization = true }

local function read_objects(raws)
  local objs, ids = {}, {}
  for _, raw in ipairs(raws) do
    if #raw < 2000000 then
      walk(decode(raw), objs, ids, 0)
    end
  end
  local f = { authors = {}, author_orgs = {}, site_names = {} }
  if #objs == 0 then
    return f
  end
  local article, page
  for _, o in ipairs(objs) do
    local k = kind(o)
    if k == "article" and (not article or (not article.headline and o.headline)) then
      article = article and article.headline and article or o
    elseif k == "page" and not page then
      page = o
    end
  end
  for _, o in ipairs(objs) do
    if has_type(o, WEBSITE) then
      f.site_names[#f.site_names + 1] = str(o.name)
    end
  end
  local main = article or page
  if main then
    f.type = types_of(main)[1]
    f.title = str(main.headline) or str(main.name) or str(main.alternativeHeadline)
    -- Both given and different (Wikipedia's headline is a one-line description): the caller
    -- picks the one the page's <title> agrees with.
    if str(main.headline) and str(main.name) and str(main.name) ~= str(main.headline) then
      f.name = str(main.name)
    end
    f.authors, f.author_orgs = people(main.author or main.creator, ids)
    if #f.authors == 0 and #f.author_orgs == 0 and article and page and page.author then
      f.authors, f.author_orgs = people(page.author, ids)
    end
    f.date = str(main.datePublished) or str(main.dateCreated)
    if not f.date then
      -- A video's upload date: an article embedding someone's video keeps its own date in <meta>.
      f.date = str(main.uploadDate)
      f.date_media = f.date and true or nil
    end
    f.date_modified = str(main.dateModified)
    if not f.date and article and page then
      f.date = str(page.datePublished)
    end
    f.sitename = name_of(main.publisher, ids)
    if not f.sitename and page and page.publisher then
      f.sitename = name_of(page.publisher, ids)
    end
    f.provider = name_of(main.sourceOrganization, ids) or name_of(main.provider, ids)
    f.description = str(main.description)
    f.image = url_of(main.image, ids) or url_of(main.thumbnailUrl, ids)
    if not f.image and page then
      f.image = url_of(page.image, ids) or url_of(page.primaryImageOfPage, ids)
    end
    local lang = main.inLanguage or (page and page.inLanguage)
    f.language = type(lang) == "table" and (str(lang.alternateName) or str(lang.name)) or str(lang)
    f.url = url_of(main.mainEntityOfPage, ids) or str(main.url)
    f.tags = strings(main.keywords, true)
    f.categories = strings(main.articleSection, false)
    f.license = url_of(main.license, ids)
    f.is_article = article ~= nil
  end
  if not f.sitename then
    for _, o in ipairs(objs) do
      if has_type(o, NEWS_ORGANIZATION) then
        f.sitename = str(o.name)
        break
      end
    end
  end
  return f
end

--- Decodes the raw texts of the ld+json blocks and returns the article's fields:
-- {title, authors, author_orgs, date, date_modified, sitename, provider, description, image,
--  language, url, tags, categories, license, site_names}. Invalid blocks are skipped.
function M.read(raws)
  types_memo = {}
  local f = read_objects(raws)
  types_memo = {}
  return f
end

return M
