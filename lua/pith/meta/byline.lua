--- Byline cleaning: from "By JANE DOE and John Roe, Staff Writers | Jan 5, 2021 · 2 min read" to
-- the person names {"JANE DOE", "John Roe"}.
local dates = require "pith.meta.dates"

local M = {}

-- Words that introduce a byline, in the languages whose dates we read too.
local LEADS = {
  "written and edited by", "written by", "posted by", "published by", "story by", "words by", "text by",
  "reported by", "report by", "photos by", "photographs by", "edited by", "updated by", "reviewed by", "by",
  "from", "par", "von", "por", "door", "di", "de", "auteur", "autor", "autorin", "author", "authors",
  "text", "texte", "redacción", "reportage",
}

-- A name part holding any of these words is a role, a desk or an agency, not a person.
local ROLE_WORDS = {}
for w in ([[staff writer writers reporter reporters correspondent correspondents editor editors
  contributor contributors columnist columnists journalist journalists senior chief associate
  deputy managing executive news desk team staff agency press wire wires newsroom producer
  photographer photographers illustrator illustration updated published posted read minutes min
  comments comment share follow subscribe contact email twitter facebook more view profile
  bureau office redaktion rédaction redacción correspondant correspondante journaliste
  reporterin redakteur redakteurin autor autorin guest sponsored]]):gmatch("%S+") do
  ROLE_WORDS[w] = true
end

local function trim(s)
  return (s:gsub("^[%s\194\160]+", ""):gsub("[%s\194\160]+$", ""))
end

--- Strips a leading "By", "Written by:", "Par", ... (any case).
local function strip_lead(s)
  -- "ByJane Doe": markup that put "By" and the name in adjacent elements.
  s = s:gsub("^[Bb][Yy](%u%l)", "%1")
  local changed = true
  while changed do
    changed = false
    local low = dates.lower(s)
    for _, lead in ipairs(LEADS) do
      if low:sub(1, #lead) == lead then
        local rest = s:sub(#lead + 1)
        if rest:find("^[%s:%-–—]") or rest:find("^\194\160") then
          s = trim((rest:gsub("^[%s\194\160]*[:%-–—]?", "")))
          changed = true
          break
        end
      end
    end
  end
  return s
end

local function letters(s)
  return s:find("[%a\128-\255]") ~= nil
end

--- True when `part` reads like a person's (or, for CJK, any) name.
local function is_name(part)
  if #part < 2 or #part > 80 or not letters(part) then
    return false
  end
  if part:find("%d") or part:find("https?:") or part:find("@") or part:find("^www%.") then
    return false
  end
  local words = 0
  for w in part:gmatch("%S+") do
    words = words + 1
    local lw = dates.lower(w):gsub("[^%w\128-\255]", "")
    if ROLE_WORDS[lw] then
      return false
    end
  end
  if words > 6 then
    return false
  end
  -- Latin names start with a capital; an all-lowercase run is prose ("and more").
  if part:find("^[%l]") and not part:find("[%u]") then
    return false
  end
  return true
end

--- Splits and cleans a byline string; returns an array of names (possibly empty).
function M.names(s)
  if type(s) ~= "string" then
    return {}
  end
  s = trim(s:gsub("[%s\194\160]+", " "))
  if s == "" or #s > 400 then
    return {}
  end
  -- Cut at what follows the names: a date, a time, a reading time, a pipe or bullet.
  local cut = s:find("%s*[|•·\n]")
  if cut and cut > 1 then
    s = s:sub(1, cut - 1)
  end
  s = s:gsub("%f[%w]%d+%s*[Mm]in%a*%.?%s+[Rr]ead%f[%W].*$", "")
  s = s:gsub("%(.-%)", " "):gsub("%[.-%]", " ")
  s = s:gsub("[%w._%%+-]+@[%w.-]+", " "):gsub("https?://%S+", " "):gsub("%f[%w@]@[%w_]+", " ")
  s = trim(s)
  -- Bylines that run on into a date: "Jane Doe March 5, 2021", "Jane Doe, Updated 10:15".
  local low = dates.lower(s)
  local first_cut = #s + 1
  for word_start, word in low:gmatch("()([%a\128-\255]+)") do
    if word_start > 1 and dates.MONTHS[word] and #word >= 3 and low:find("^%.?%s*%d", word_start + #word) then
      first_cut = math.min(first_cut, word_start)
      break
    end
  end
  local digit = s:find("%d")
  if digit and digit > 1 then
    first_cut = math.min(first_cut, digit)
  end
  s = trim(s:sub(1, first_cut - 1))
  s = strip_lead(s)
  s = s:gsub("[,;:%-–—/]+%s*$", "")
  s = s:gsub("%s+[Ee]dited%s+[Bb]y%s+.*$", "")
  local out, seen = {}, {}
  -- Separators between names: commas, semicolons, "and", "&", "und", "et", "y", "e", slashes, "with".
  local normalised = (" " .. s .. " ")
    :gsub("%s+[Aa][Nn][Dd]%s+", ";")
    :gsub("%s+und%s+", ";")
    :gsub("%s+et%s+", ";")
    :gsub("%s+y%s+", ";")
    :gsub("%s+e%s+", ";")
    :gsub("%s+with%s+", ";")
    :gsub("%s+avec%s+", ";")
    :gsub("%s*&%s*", ";")
    :gsub("%s*/%s*", ";")
    :gsub("%s*[,;]%s*", ";")
  for part in normalised:gmatch("[^;]+") do
    part = strip_lead(trim(part))
    part = part:gsub("[.:%-–—]+$", "")
    part = trim(part)
    if is_name(part) and not seen[part:lower()] then
      seen[part:lower()] = true
      out[#out + 1] = part
    end
  end
  -- "Jane Doe, Reuters": a lone word next to full names is an affiliation, not a person
  -- (CJK names are single words, so only Latin script is judged).
  if #out > 1 then
    local full = 0
    for _, n in ipairs(out) do
      full = full + (n:find("%S%s+%S") and 1 or 0)
    end
    if full > 0 then
      local kept = {}
      for _, n in ipairs(out) do
        if n:find("%S%s+%S") or n:find("[\128-\255]") then
          kept[#kept + 1] = n
        end
      end
      out = kept
    end
  end
  return out
end

--- Cleans an array of raw author strings into distinct names, keeping their order.
function M.merge(list)
  local out, seen = {}, {}
  for _, raw in ipairs(list) do
    for _, n in ipairs(M.names(raw)) do
      if not seen[n:lower()] then
        seen[n:lower()] = true
        out[#out + 1] = n
      end
    end
  end
  return out
end

return M
