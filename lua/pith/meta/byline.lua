--- Byline cleaning: from "By JANE DOE and John Roe, Staff Writers | Jan 5, 2021 · 2 min read" to
-- the person names {"JANE DOE", "John Roe"}.
local dates = require "pith.meta.dates"
local str = require "pith.meta.str"

local M = {}

-- Words that introduce a byline, in the languages whose dates we read too.
local LEADS = {
  "about the author",
  "written and edited by", "written by", "posted by", "submitted by", "published by", "story by", "words by", "text by",
  "reported by", "report by", "photos by", "photographs by", "edited by", "updated by", "reviewed by", "by",
  -- Blog engines' "Posted by" in their other languages (WordPress, Blogger).
  "veröffentlicht von", "eingestellt von", "erstellt von", "gespeichert von", "eingereicht von",
  "redaktion:", "geschrieben von", "verfasst von", "ein beitrag von",
  "artikel von", "ein artikel von", "text von", "zum profil von",
  "interview", "publié par", "écrit par", "rédigé par", "publicado por", "escrito por",
  "pubblicato da", "scritto da", "gepost door", "geschreven door", "geplaatst door", "opublikowane przez",
  "napisane przez", "skrevet af", "skrevet av", "publicerad av",
  "from", "par", "von", "vom", "por", "door", "di", "de", "auteur", "autor", "autorin", "autoren", "author", "authors",
  "text", "texte", "redacción", "reportage",
  "作者", "著者", "筆者", "記者", "记者", "撰文", "文", "この記事を書いた人", "この記事の筆者",
}

-- A name part holding any of these words is a role, a desk or an agency, not a person.
local ROLE_WORDS = {}
for w in ([[staff writer writers reporter reporters correspondent correspondents editor editors
  contributor contributors columnist columnists journalist journalists senior chief associate
  deputy managing executive news desk team staff agency press wire wires newsroom producer
  photographer photographers illustrator illustration updated published posted read minutes min
  comments comment share follow subscribe contact email twitter facebook more view profile profil
  bureau office redaktion rédaction redacción correspondant correspondante journaliste
  reporterin redakteur redakteurin autor autorin guest sponsored 翻訳者 译者 翻訳 編集 编辑 監修 監訳
  기자 특파원 記者 记者 stand aktualisiert veröffentlicht erschienen publié actualizado publicado pubblicato
  aggiornato envoyé envoyée envoyés envoyées experte expertin korrespondent korrespondentin
  leiter leiterin projektleiter projektleiterin sprecher sprecherin pressesprecher pressesprecherin
  referent referentin president vicepresident vp ceo cto cfo coo founder cofounder director
  chairman chairwoman officer evangelist]]):gmatch("%S+") do
  ROLE_WORDS[w] = true
end

-- Days of the week, in the languages of LEADS: a byline runs on into its date through them.
local WEEKDAYS = {}
for w in ([[monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag
  freitag samstag sonnabend sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes
  miércoles jueves viernes sábado domingo]]):gmatch("%S+") do
  WEEKDAYS[w] = true
end

local FUNCTION_WORDS = {}
for w in ("in on at for from with to of and the via about under into"):gmatch("%S+") do
  FUNCTION_WORDS[w] = true
end

local trim = str.trim

-- The prepositions before a date: "on 3/4/2019", "am 26.10.", "le 5", "el 3", "il 2", "op 1".
local DATE_PREPS = { on = true, am = true, le = true, el = true, il = true, op = true }

-- Leads that markup glues to the name that follows ("vonChris Jung"): the multi-word ones and
-- the prepositions; not "de" or "di", which begin surnames ("DeShawn", "DiMaggio").
local GLUED_LEADS = {}
for _, lead in ipairs(LEADS) do
  if lead:find(" ", 1, true) and lead:find("%l$") or lead == "von" or lead == "vom" or lead == "par"
    or lead == "por" or lead == "door" then
    GLUED_LEADS[lead] = true
  end
end

-- The leads by their first byte, each list in LEADS order: a byline is tried against the few
-- that can match instead of all of them.
local LEADS_BY_BYTE = {}
for _, lead in ipairs(LEADS) do
  local b = lead:byte(1)
  LEADS_BY_BYTE[b] = LEADS_BY_BYTE[b] or {}
  table.insert(LEADS_BY_BYTE[b], lead)
end
local NO_LEADS = {}

--- Strips a leading "By", "Written by:", "Par", ... (any case).
local function strip_lead(s)
  -- "ByJane Doe", "Veröffentlicht vonChris Jung": markup that put the lead and the name in
  -- adjacent elements (a lead ending in a lower-case word, then a capitalised name).
  s = s:gsub("^[Bb][Yy](%u[%l.])", "%1"):gsub("^[Bb]y(by%s)", "%1")
  local glued = s:sub(1, 40):match("^([%a\128-\255 ]-%l+)%u%l")
  if glued and #glued >= 3 and GLUED_LEADS[dates.lower(glued)] then
    s = s:sub(#glued + 1)
  end
  local changed = true
  while changed do
    changed = false
    -- (The longest lead is 21 bytes: lower-casing a prefix is enough.)
    local low = dates.lower(s:sub(1, 40))
    for _, lead in ipairs(LEADS_BY_BYTE[low:byte(1)] or NO_LEADS) do
      if low:sub(1, #lead) == lead then
        local rest = s:sub(#lead + 1)
        -- (After CJK leads the name may follow directly: "作者：", "文/".)
        local cjk = lead:byte(1) > 127
        if rest:find("^[%s:%-/]") or rest:find("^\194\160") or rest:find("^\226\128[\147\148]")
          or rest:find("^\239\188[\154\143]") or (cjk and rest ~= "" and not rest:find("^[\128-\255]")) then
          s = trim(rest)
          s = trim(s:gsub("^[:/]", ""):gsub("^%-", ""):gsub("^\226\128[\147\148]", ""):gsub("^\239\188[\154\143]", ""))
          changed = true
          break
        end
      end
    end
  end
  return s
end

-- (Not counting quotes and dashes, which are multi-byte too: "„" is no name.)
local function letters(s)
  if s:find("%a") then
    return true
  end
  return s:gsub("\226\128[\128-\191]", ""):gsub("\194[\128-\191]", ""):find("[\128-\255]") ~= nil
end

local LEAD_SET = {}
for _, l in ipairs(LEADS) do
  LEAD_SET[l] = true
end

--- Keeps the words before the first role word: "Sam Stein Senior Politics Editor" -> "Sam Stein";
-- also when markup glued the role to the name ("Howard BlumeStaff").
local function cut_role(part)
  local kept = {}
  for w in part:gmatch("%S+") do
    local head, tail = w:match("^(.-%l)(%u%l+)$")
    if head and ROLE_WORDS[tail:lower()] then
      kept[#kept + 1] = head
      break
    end
    local lw = dates.lower(w):gsub("[^%w\128-\255]", "")
    if ROLE_WORDS[lw] then
      break
    end
    kept[#kept + 1] = w
  end
  -- ("The Associated Press" is a whole name, not "The Associated" with a role; a CJK name is
  -- one word: "신현주 기자" is the reporter 신현주.)
  if (#kept >= 2 and kept[1]:lower() ~= "the") or (#kept == 1 and not kept[1]:find("%a")) then
    return table.concat(kept, " ")
  end
  return part
end

-- A picture's credit ("Фото из Инстаграма ...", "Foto: Jane Doe") names its photographer.
local PHOTO_WORDS = {}
for w in ("photo photos foto fotos фото Фото bild"):gmatch("%S+") do
  PHOTO_WORDS[w] = true
end

-- The accounts and placeholders a CMS credits when nobody signed: WordPress's "admin",
-- Joomla's "Super User", Blogger's "Unknown", a theme's "No Author".
local PLACEHOLDERS = {}
for _, w in ipairs({ "admin", "administrator", "webmaster", "super user", "unknown", "no author" }) do
  PLACEHOLDERS[w] = true
end

-- Particles that belong to a surname ("Michiel de Jong", "Ludwig van Beethoven").
local PARTICLES = {}
for w in ("de da di du do dos das del della der den van von le la ter ten"):gmatch("%S+") do
  PARTICLES[w] = true
end

-- Lower-case words a name may hold besides its particles ("Ibn", "bin", "al-").
local LOWER_OK = {}
for w in ("bin ibn al el y e do zu af av"):gmatch("%S+") do
  LOWER_OK[w] = true
end

--- True when `part` reads like a person's (or, for CJK, any) name.
local function is_name(part)
  if LEAD_SET[dates.lower(part)] or PLACEHOLDERS[dates.lower(part)] then
    return false
  end
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
    if ROLE_WORDS[lw] or PHOTO_WORDS[lw] then
      return false
    end
  end
  if words > 6 then
    return false
  end
  -- Latin names start with a capital; an all-lowercase run is prose ("and more"), and so is a
  -- run that opens with a preposition ("in CPU Coolers", the section after the byline).
  if part:find("^[%l]") and not part:find("[%u]") then
    return false
  end
  -- "Manufacturer: Valkyrie": a labelled field that is not a byline lead.
  if FUNCTION_WORDS[part:match("^(%l+)%s")] or part:find("%S:%s") then
    return false
  end
  -- "deinen Hochzeitsbloggern" ("your wedding bloggers"): a lower-case word before a capitalised
  -- one is a phrase's, unless it is a name's particle ("van Gogh", "al-Assad", "de la Cruz").
  local first = part:match("^(%l+)%s+%u")
  if first and not PARTICLES[first] and not LOWER_OK[first] then
    return false
  end
  return true
end

--- "Surname, Given [Initial.] [particle]" -> "Given [Initial.] [particle] Surname"; other
-- strings unchanged.
function M.uninvert(s)
  local last, rest = s:match("^([%u][%l\128-\255'%-]+),%s*(.-)$")
  if not last or rest == "" then
    return s
  end
  local given, particles = {}, {}
  for w in rest:gmatch("%S+") do
    if PARTICLES[w] and #given > 0 then
      particles[#particles + 1] = w
    elseif #particles == 0 and (w:find("^%u[%l\128-\255'%-]+$") or w:find("^%u%.$")) then
      given[#given + 1] = w
    else
      return s
    end
  end
  if #given == 0 or #given + #particles > 3 then
    return s
  end
  local out = table.concat(given, " ")
  if #particles > 0 then
    out = out .. " " .. table.concat(particles, " ")
  end
  return out .. " " .. last
end

--- Splits and cleans a byline string; returns an array of names (possibly empty).
-- opts.strict: refuse a lone Latin word (a label more often than a name); opts.handle: the
-- string is the text of a link to the author's own page, where a lower-case user name
-- ("doumae") is the author's; opts.single (with strict): a lone word is taken, as a declared
-- name (an hCard's, a profile link's) may be one.
function M.names(s, opts)
  if type(s) ~= "string" then
    return {}
  end
  s = str.squash(s)
  if s == "" or #s > 400 then
    return {}
  end
  if opts and opts.handle and s:find("^%l[%l%d_.%-]+$") and #s <= 40 and not LEAD_SET[s] and not ROLE_WORDS[s]
    and not PLACEHOLDERS[s] then
    return { s }
  end
  -- Words glued by markup ("ET BureauLast Updated"): a long lower-case run then a capital.
  s = s:gsub("(%l%l%l%l)(%u%l)", "%1 %2")
  -- "Written by Rob Ewaschuk Edited by Betsy Beyer": the editor is no author, when an author
  -- is named before (else the editor is all the byline says).
  local ed = s:find("%s[Ee]dited%s+[Bb]y%s")
  if ed and s:sub(1, ed):find("%f[%a][Bb][Yy]:?%s") then
    s = s:sub(1, ed - 1)
  end
  -- "Glen Owen And Brendan Carlin For The Mail On Sunday": the paper they wrote for.
  s = s:gsub("%s+[Ff][Oo][Rr]%s+[Tt][Hh][Ee]%s+%u.*$", "")
  -- "Wednesday January 18, 2017 10:44 am PST by Juli Clover": the names follow the last "by".
  local after
  for pos in s:gmatch("%f[%a][Bb][Yy]:?%s+()") do
    after = pos
  end
  local by_cut = after and after > 4
  if by_cut then
    s = s:sub(after)
  end
  -- Cut at what follows the names: a date, a time, a reading time, a pipe or bullet.
  -- (Whole sequences: a class holding "•" would match the bytes of any character sharing them.)
  local cut
  for _, mark in ipairs({ "|", "\n", "•", "·" }) do
    local i = s:find(mark, 2, true)
    if i and (not cut or i < cut) then
      cut = i
    end
  end
  if cut then
    s = trim(s:sub(1, cut - 1))
  end
  s = s:gsub("%f[%w]%d+%s*[Mm]in%a*%.?%s+[Rr]ead%f[%W].*$", "")
  -- "Jane Doe Tags: news, politics", "Jane Doe Foto: John Roe": the next labelled field, after
  -- a name ("Text und Interview: Jane Doe" is one label).
  local label = s:match("^.-%S()%s+%u[%a\128-\255]*:%s")
  if label then
    local capitals, words, lead = 0, 0, nil
    for w in s:sub(1, label - 1):gmatch("%S+") do
      capitals = w:find("^%u") and capitals + 1 or 0
      words = words + 1
      lead = lead or LEAD_SET[dates.lower(w)] or false
    end
    -- (One name after a lead: "von Sunny Lesezeit: 3 Min.".)
    if capitals >= 2 or (capitals == 1 and words == 2 and lead) then
      s = s:sub(1, label - 1)
    end
  end
  -- "[田中宏昌，ITmedia]": a byline bracketed whole is no aside.
  s = s:gsub("^%[([^%[%]]+)%]$", "%1")
  -- "Jane Doe (avec John Roe et Ann Poe)", "(with ...)": co-authors credited in a parenthetical.
  -- (Only names: "(with reporting by ...)", "(with contributions from ...)" stay asides.)
  s = s:gsub("%(%s*[Aa]vec%s+(%u[^()]-)%)", "; %1"):gsub("%(%s*[Ww]ith%s+(%u[^()]-)%)", "; %1")
  s = s:gsub("%(.-%)", " "):gsub("%[.-%]", " ")
  s = s:gsub("[%w._%%+-]+@[%w.-]+", " "):gsub("https?://%S+", " "):gsub("%f[%w@]@[%w_]+", " ")
  s = trim(s)
  -- Marks before the name: "~ Jane Doe", "| Jane Doe", "© Jane Doe".
  s = s:gsub("^[~|*:]+%s*", ""):gsub("^\194\169%s*", "")
  -- Bylines that run on into a date: "Jane Doe March 5, 2021", "Jane Doe, Updated 10:15",
  -- "Jane Doe am Samstag".
  local low = dates.lower(s)
  local first_cut, dated = #s + 1, false
  for word_start, word in low:gmatch("()([%a\128-\255]+)") do
    if word_start > 1 and ((dates.MONTHS[word] and #word >= 3 and low:find("^%.?%s*%d", word_start + #word))
        or WEEKDAYS[word]) then
      first_cut = math.min(first_cut, word_start)
      dated = true
      break
    end
  end
  -- A digit glued to letters ends a handle ("CC7567") unless more words follow it
  -- ("Lucas Nolan22 Dec 2016": a date run into the name).
  local digit = s:find("%f[%w]%d")
  local glued = s:match("%a()%d+%s+%S")
  if glued and (not digit or glued < digit) then
    digit = glued
  end
  if digit and digit > 1 and digit < first_cut then
    first_cut = digit
    -- ("lupa am 26/10/13": a numeric date after its preposition.)
    dated = DATE_PREPS[s:sub(1, digit - 1):match("%s(%l%l)%s+$")] or false
  end
  s = trim(s:sub(1, first_cut - 1))
  -- "Posted by jdoe under News": the category a blog engine files the post under.
  s = s:gsub("%s+under%s+.*$", "")
  local unled = s
  s = strip_lead(s)
  -- A single word after "Posted by" is the poster's name or handle, not a stray label.
  local led = (s ~= unled or by_cut) and not s:find("%s")
  -- "Gillman, Steve", "Kooman, F.", "Jong, Michiel de": one surname, then given names or
  -- initials and the surname's particle, as library catalogues (and Dublin Core) write them.
  s = M.uninvert(s)
  -- What the date cut leaves behind: "Jane Doe in Politics on", "Jane Doe, le".
  s = s:gsub("%s+in%s+.*$", ""):gsub("%s+%l%l?%l?$", "")
  -- "Posted in News by jdoe on August 3, 2019": a lower-case word between a lead and a date
  -- is the poster's user name (a blog engine's "by %author% on %date%").
  if dated and (s ~= unled or by_cut) and #s >= 3 and #s <= 30 and s:find("^%l[%l%d_.%-]+%l$")
    and not (LEAD_SET[s] or ROLE_WORDS[s] or PLACEHOLDERS[s] or FUNCTION_WORDS[s]) then
    return { s }
  end
  s = s:gsub("\226\128[\147\148]", "-"):gsub("[,;:%-/]+%s*$", "")
  s = s:gsub("%s+[Ee]dited%s+[Bb]y%s+.*$", "")
  local out, seen = {}, {}
  -- Separators between names: commas, semicolons, "and", "&", "und", "et", "y", "e", slashes, "with".
  local normalised = (" " .. s .. " ")
    :gsub("%s+[Aa][Nn][Dd]%s+", ";")
    :gsub("%s+und%s+", ";")
    :gsub("%s+et%s+", ";")
    :gsub("%s+y%s+", ";")
    :gsub("%s+e%s+", ";")
    :gsub("%s+og%s+", ";")
    :gsub("%s+och%s+", ";")
    :gsub("%s+with%s+", ";")
    :gsub("%s+avec%s+", ";")
    :gsub("%s*&%s*", ";")
    :gsub("%s*/%s*", ";")
    :gsub("%s*;%s*", ";")
    :gsub("%s*,%s*", ";\1") -- (marks a part that follows a comma)
    :gsub("%s*\239\188[\140\155]%s*", ";") -- full-width comma and semicolon
  local pieces = 0
  -- "Brian Stevens, Vice President, Google Cloud": the part after a bare role, comma-joined, is
  -- the role's organisation.
  local after_role = false
  local commas = normalised:find("\1", 1, true) ~= nil
  for part in normalised:gmatch("[^;]+") do
    local comma = commas and part:byte(1) == 1
    if comma then
      part = part:sub(2)
    end
    if commas and part:find("%S") then
      local w1, w2 = part:match("(%S+)%s*(%S*)")
      w1 = dates.lower(w1):gsub("[^%w\128-\255]", "")
      w2 = dates.lower(w2):gsub("[^%w\128-\255]", "")
      local lone_role = ROLE_WORDS[w1] or ROLE_WORDS[w1 .. w2] or false
      if after_role and comma then
        part = ""
      end
      after_role = lone_role
    end
    pieces = pieces + (part:find("%S") and 1 or 0)
    -- "Kiran C Nair - Chrome Safe Browsing team": a spaced dash before what names no one (a
    -- team, an outlet) ends the name. ("Katarzyna Kapusta - Gruchlik" is one name.)
    local before, beyond = part:match("^(.-%S)%s+%-%s+(%S.*)$")
    if before and not is_name(trim(beyond)) and is_name(cut_role(strip_lead(trim(before)))) then
      part = before
    end
    part = cut_role(strip_lead(trim(part)))
    -- "FOCUS-Online-Experte Robin Tschöpe": a compound title ending in a role, before the name.
    local role, rest = part:match("^%S+%-([%a\128-\255]+)%s+(%S.*)$")
    if role and ROLE_WORDS[dates.lower(role)] then
      part = rest
    end
    -- (An initial or "Jr." ending a name keeps its full stop: "Joe S.", "Perry Bacon Jr.")
    local abbrev = part:find("%s%u%.$") or part:find("%s[JS]r%.$")
    part = part:gsub("[.:%-]+$", "")
    if abbrev then
      part = part .. "."
    end
    part = trim(part)
    -- "Kristen Falc'honKristen Falc'hon", "Jane Doe Jane Doe": the name twice, as a layout for
    -- two screen sizes shows it. (A full name: "Bora Bora" is one.)
    local once = #part >= 8 and (part:match("^(%S.+%S)%s*%1$"))
    if once and once:find("%s") then
      part = once
    end
    if is_name(part) and not seen[part:lower()] then
      seen[part:lower()] = true
      out[#out + 1] = part
    end
  end
  -- A page element's Latin name has every word capitalised but its particles: "Zuletzt
  -- geändert am", "Pétition soutenue par un Super contributeur" are a page's words.
  if opts and opts.strict then
    local kept = {}
    for _, n in ipairs(out) do
      local ok = true
      for w in n:gmatch("%S+") do
        if w:find("^%l") and not PARTICLES[w] and not LOWER_OK[w] and not w:find("^%l'") then
          ok = false
        end
      end
      if ok or not n:find("%a") then
        kept[#kept + 1] = n
      end
    end
    out = kept
  end
  -- A page element holding a single Latin word is a label, a handle or a credit more often
  -- than a name ("Unstar", "SHUTTERSTOCK", a section's "Espectáculos"); declared metadata may
  -- carry one. (A word without ASCII letters is another script's: CJK names are one word.)
  if opts and opts.strict and not opts.single and not (led and #out == 1) then
    local kept = {}
    for _, n in ipairs(out) do
      if n:find("%S%s+%S") or not n:find("%a") then
        kept[#kept + 1] = n
      end
    end
    out = kept
  end
  -- A page element that lists many things, few of them names, is a list of sections or tags
  -- ("01.12.2022 / / CSP / International / Photovoltaik / Top Solar News"), not a byline.
  if opts and opts.strict and pieces >= 5 and #out * 2 < pieces then
    return {}
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

-- A credit up to its first separator: "Team HardwareZone - 21 Dec 2024" -> "Team HardwareZone".
local CREDIT_MARKS = { "|", "•", "·", " - ", " – ", " — ", "," }
local function first_part(s)
  for _, mark in ipairs(CREDIT_MARKS) do
    local i = s:find(mark, 2, true)
    if i then
      s = s:sub(1, i - 1)
    end
  end
  return s
end

-- Words that make a credit a desk's or a team's: "BWW News Desk", "Team HardwareZone".
local DESK_WORDS = {}
for w in ([[desk team staff newsroom bureau editors redaktion rédaction redacción]]):gmatch("%S+") do
  DESK_WORDS[w] = true
end

--- A byline that credits a desk or a team rather than a person ("By Team HardwareZone - 21 Dec
-- 2024" -> "Team HardwareZone"), as written, or nil. For when nothing on the page names a person:
-- the desk is then the author, as an organisation is.
function M.credit(s)
  if type(s) ~= "string" or #s > 200 then
    return nil
  end
  s = str.squash(s)
  s = first_part(s)
  s = trim(strip_lead(trim(s)))
  local n, desk, own = 0, false, false
  for w in s:gmatch("%S+") do
    n = n + 1
    -- Every word is capitalised, as a name is ("the news desk" is prose).
    if not w:find("^%u") then
      return nil
    end
    local lw = dates.lower(w):gsub("%p", "")
    desk = desk or DESK_WORDS[lw] == true
    -- A word of its own ("BWW", "HardwareZone"): "Senior Staff Writer" is only a role.
    own = own or not (ROLE_WORDS[lw] or FUNCTION_WORDS[lw])
  end
  if not desk or not own or n < 2 or n > 5 or s:find("%d") or s:find("@") or s:find("https?:") then
    return nil
  end
  return s
end

--- A declared author field that credits a desk ("Redaktion", "PETA-Team", "Greentech.LIVE
-- Redaktion"), as written, or nil: where a page's author field names its editorial team, the
-- team is the author. (Only a declared field: a page element saying "Redaktion" is a heading.)
function M.desk(s)
  s = type(s) == "string" and #s < 200 and str.squash(s)
  if not s then
    return nil
  end
  -- (As a byline shows it: "von Redaktion, 24. Januar 2022", "Redaktion 1. November 2023".)
  s = first_part(s)
  s = trim((trim(strip_lead(trim(s))):gsub("%s*%d.*$", "")))
  if #s < 2 or #s > 60 or s:find("@") or s:find("https?:") then
    return nil
  end
  if not s:find("%s") then
    -- One word: a desk word, alone or as the last part of a compound ("IN-Redaktion").
    local last = dates.lower(s):match("([%a\128-\255]+)$")
    return s:find("^%u") and last and DESK_WORDS[last] and s or nil
  end
  return M.credit(s)
end

-- News agencies, by the names bylines give them: a wire story's only credit.
local AGENCIES = {}
for _, a in ipairs({ "associated press", "the associated press", "ap", "reuters", "thomson reuters", "afp",
  "agence france-presse", "agence france presse", "dpa", "deutsche presse-agentur", "apa", "sda", "keystone-sda",
  "kna", "epd", "efe", "agencia efe", "ansa", "jiji", "jiji press", "kyodo", "kyodo news", "xinhua", "upi",
  "pa", "pa media", "press association", "aap", "belga", "anp", "tass", "ria novosti", "yonhap", "bernama",
  "anadolu", "anadolu agency", "anadolu ajansı", "europa press", "agencias", "agencies", "agenturen" }) do
  AGENCIES[a] = true
end

--- A byline or author field that credits a news agency alone ("By Associated Press", "Von dpa
-- 30.04.2024", "Quelle: dpa"), as written, or nil: for when nothing names a person.
function M.agency(s)
  if type(s) ~= "string" or #s > 120 then
    return nil
  end
  s = str.squash(s)
  s = first_part(s)
  s = s:gsub("^[Qq]uelle:%s*", ""):gsub("^[Ss]ource:%s*", "")
  s = trim(strip_lead(trim(s)))
  -- (Up to a date glued on: "Associated PressApril 28, 2023", "dpa 30.04.2024".)
  s = trim((s:gsub("%s*%d.*$", "")))
  local low = dates.lower(s)
  for word_start, word in low:gmatch("()(%a+)") do
    if word_start > 1 and dates.MONTHS[word] then
      s, low = trim(s:sub(1, word_start - 1)), low:sub(1, word_start - 1):gsub("%s+$", "")
      break
    end
  end
  local glued = s:match("^(.-%l)%u%l+$")
  if glued and AGENCIES[dates.lower(glued)] then
    s, low = glued, dates.lower(glued)
  end
  return AGENCIES[low] and s or nil
end

-- Legal forms that mark a name as a company's.
local COMPANY = {}
for w in ([[inc ltd llc llp plc gmbh ag corp corporation co company sas sarl srl bv nv kk pty
  limited group media holdings]]):gmatch("%S+") do
  COMPANY[w] = true
end

--- True when a name ends in a company's legal form ("mediagene Inc.", "株式会社...").
function M.is_company(n)
  local last = dates.lower(n):match("([%w]+)%W*$")
  return (last and COMPANY[last]) or n:find("株式会社", 1, true) ~= nil
end

-- Words that make a credit an institution's: an office, a body, an association ("Bundesministerium
-- für Wirtschaft und Klimaschutz", "Feuerwehr Oldenburg, Abteilung Wasserrettung", "Bündnis 90/Die
-- Grünen Bundestagsfraktion"), also as the last part of a German compound.
local INSTITUTION_WORDS = { "ministerium", "ministry", "departement", "department", "abteilung", "anstalt",
  "verband", "fraktion", "partei", "stiftung", "foundation", "verein", "institut", "institute", "universität",
  "university", "gesellschaft", "kirche", "feuerwehr", "kommission", "commission", "association", "council",
  "government", "regierung" }
local INSTITUTION_WHOLE = { amt = true, bundesamt = true, landesamt = true }

--- True when a declared author value names an institution rather than people: one of its words
-- is, or ends in, one of INSTITUTION_WORDS.
function M.institution(s)
  if type(s) ~= "string" then
    return false
  end
  for w in s:gmatch("[%a\128-\255]+") do
    local lw = dates.lower(w)
    if INSTITUTION_WHOLE[lw] then
      return true
    end
    for _, iw in ipairs(INSTITUTION_WORDS) do
      if #lw >= #iw and lw:sub(-#iw) == iw then
        return true
      end
    end
  end
  return false
end

--- Cleans an array of raw author strings into distinct names, keeping their order; a company
-- credited beside people is the publisher, not an author. opts: M.names's.
function M.merge(list, opts)
  local out, seen = {}, {}
  for _, raw in ipairs(list) do
    for _, n in ipairs(M.names(raw, opts)) do
      if not seen[n:lower()] then
        seen[n:lower()] = true
        out[#out + 1] = n
      end
    end
  end
  local people = {}
  for _, n in ipairs(out) do
    if not M.is_company(n) then
      people[#people + 1] = n
    end
  end
  return #people > 0 and people or out
end

return M
