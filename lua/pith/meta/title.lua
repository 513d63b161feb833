--- The article's title: from the page's declared titles (JSON-LD headline, OpenGraph, Dublin Core,
-- Twitter, <title>) and its <h1>s, without the site name that pages add before or after it.
local M = {}

-- Separators between a headline and a site name; spaces around them are required so that
-- hyphenated words and "10:30" stay whole.
local SEPARATORS = { " | ", " │ ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", " ~ ", " ‹ ",
  " › ", " _ ", " : " }

local squash = require("pith.meta.str").squash

-- The separators a template may leave at the end of a title.
local DANGLING = { " |", " -", " –", " —", " ::", " ·", " •", " /", " ~", " _" }

-- Lower case, no punctuation or spaces: "Yahoo! News" and "yahoonews" compare equal.
-- Choosing a title compares the same few hundred strings again and again, so keys are kept
-- (a bounded memo: emptied when full, so a long batch never grows it).
local memo, memo_size = {}, 0
local function key(s)
  local k = memo[s]
  if k then return k end
  k = (s:lower():gsub("\194[\160\173]", ""):gsub("\226\128[\139-\141\147-\157]", ""):gsub("[%s%p]", ""))
  if memo_size >= 2048 then
    memo, memo_size = {}, 0
  end
  memo[s], memo_size = k, memo_size + 1
  return k
end
M.key = key

--- Splits a title at its first-found separator kind into pieces (nil when it has none).
local function split(t)
  for _, sep in ipairs(SEPARATORS) do
    if t:find(sep, 1, true) then
      local parts, start = {}, 1
      while true do
        local i, j = t:find(sep, start, true)
        if not i then
          parts[#parts + 1] = t:sub(start)
          break
        end
        parts[#parts + 1] = t:sub(start, i - 1)
        start = j + 1
      end
      return parts, sep
    end
  end
  return nil
end

-- A piece is the site's name when it equals one of the known names, or when the host
-- ("reuters.com" for "Reuters", "news.yahoo.com" for "Yahoo News") spells it.
-- Pieces a blog template adds that name no headline (WordPress's old default theme: "Site »
-- Blog Archive » Headline").
local FURNITURE = { blogarchive = true, blogarchiv = true }

-- The generic second levels under a country's domain: "co.uk", "com.au", "gv.at", "or.jp".
local SECOND_LEVEL = { co = true, com = true, ac = true, gv = true, ["or"] = true, ne = true, go = true,
  gov = true, org = true, net = true, edu = true, gob = true }

-- Latin letters with diacritics (UTF-8 "\195\128"-"\195\191", "\197\147" for "œ") as a host
-- spells them: the bare letter ("é" -> "e"), or German's transcription ("ü" -> "ue").
local BARE, GERMAN = {}, {}
do
  local bare = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty"
  for i = 0, 63 do
    local ch = "\195" .. string.char(128 + i)
    local b = bare:sub(i + 1, i + 1)
    if b:find("%a") then
      BARE[ch], GERMAN[ch] = b, b
    end
  end
  BARE["\195\159"], GERMAN["\195\159"] = "ss", "ss"
  for ch, t in pairs({ ["\195\164"] = "ae", ["\195\182"] = "oe", ["\195\188"] = "ue", ["\195\132"] = "Ae",
    ["\195\150"] = "Oe", ["\195\156"] = "Ue" }) do
    GERMAN[ch] = t
  end
  BARE["\197\147"], GERMAN["\197\147"] = "oe", "oe"
end
local FOLDS = { BARE, GERMAN }

-- The piece names the host (k: its key).
local function by_host(piece, k, host)
  -- "Yahoo News" on news.yahoo.com: every word is a label of the host.
  local labels, all, n = {}, true, 0
  for l in host:gmatch("[^.]+") do
    labels[l] = true
  end
  for w in piece:lower():gmatch("[%w]+") do
    all = all and labels[w] == true
  end
  -- (Words as a reader counts them: "Szorc's" is one, and a legal form after a name, "e.V.",
  -- "GmbH", is none.)
  local named = piece:lower():gsub("\226\128\153", "'")
  named = named:gsub("%s+e%.%s?v%.?%s*$", ""):gsub("%s+gmbh%s*$", "")
  for _ in named:gmatch("%w[%w']*") do
    n = n + 1
  end
  if all and n > 0 then
    return true
  end
  local h = host:gsub("[%.%-]", "")
  if h:find(k, 1, true) then
    return true
  end
  -- "Les Versants" on versants.com, "The Motley Fool" on fool.com: a short piece that
  -- holds the host's main label.
  -- (Under a country's generic second level, "co.uk", "gv.at", "or.jp", the label before it.)
  local label = host:match("([^.]+)%.[^.]+$")
  if label and SECOND_LEVEL[label] and host:find("%.%a%a$") then
    label = host:match("([^.]+)%.[^.]+%.[^.]+$")
  end
  -- ("Berliner Leichtathletik Verband" on leichtathletik-berlin.de: every part of the label.)
  local whole = label and #label >= 4 and n <= 4
  for part in whole and label:gmatch("[^-]+") or function() end do
    whole = whole and #part >= 3 and k:find(part, 1, true) ~= nil
  end
  if whole then
    return true
  end
  -- "Der SeglerBlog aus Berlin" on seglerblog.example.de: a subdomain that names the site.
  -- (Not in a list, "news, politics, sport": a section's subdomain in the site's motto.)
  local sub = label and n <= 4 and not piece:find(",", 1, true)
    and host:match("^([^.]+)%." .. label:gsub("%p", "%%%0") .. "%.")
  if sub and sub ~= "www" and #sub >= 6 and k:find(sub, 1, true) then
    return true
  end
  local domain = k:gsub("com$", ""):gsub("net$", ""):gsub("org$", "")
  if #domain >= 3 and h:find(domain, 1, true) == 1 then
    return true
  end
  return false
end

local function is_site(piece, sites, host, shown)
  local k = key(piece)
  if k == "" then
    return true
  end
  -- The names the page's home links show: the piece is one of them, or most of one ("Bundesagentur
  -- für Arbeit" in "Zur Startseite der Bundesagentur für Arbeit").
  for _, s in ipairs(shown or {}) do
    local sk = key(s)
    if #sk >= 3 and (sk == k or (#k >= 6 and #k * 2 >= #sk and sk:find(k, 1, true))) then
      return true
    end
  end
  for _, s in ipairs(sites) do
    local sk = key(s)
    if sk ~= "" and (sk == k or (#k >= 4 and sk:find(k, 1, true))
        or (#sk >= 4 and k:find(sk, 1, true) and #k <= #sk + 12)) then
      return true
    end
  end
  if host and #k >= 3 then
    if by_host(piece, k, host) then
      return true
    end
    -- A host is written in ASCII: "Nestlé Marktplatz" on nestle-marktplatz.de, "Klänge des
    -- Verschweigens" on klaenge-des-verschweigens.de.
    if k:find("[\195\197]") then
      for _, fold in ipairs(FOLDS) do
        local p = piece:gsub("[\195\197][\128-\191]", fold)
        if p ~= piece and by_host(p, key(p), host) then
          return true
        end
      end
    end
  end
  return false
end


-- The piece after the last separator of another kind in `last` (the last piece of a title split at
-- its first-found kind) when it is the site's address ("literaturkritik.de" on literaturkritik.de)
-- or one of its names exactly.
local function last_piece(last, sites, host)
  -- (Suffix tests, not a search for every separator: strip runs on every title.)
  local function after_separator(piece)
    local head = last:sub(1, #last - #piece)
    for _, sp in ipairs(SEPARATORS) do
      if #head > #sp and head:sub(-#sp) == sp then
        return piece
      end
    end
    return nil
  end
  local word = host and last:match("%s(%S+)$")
  if word and word:find(".", 1, true) then
    local k, h = key(word), key(host)
    if #k >= 4 and h:sub(-#k) == k and after_separator(word) then
      return word
    end
  end
  for _, n in ipairs(sites or {}) do
    n = squash(n)
    if n and #n >= 2 and #last > #n + 3 and last:sub(-#n):lower() == n:lower() and after_separator(last:sub(-#n)) then
      return last:sub(-#n)
    end
  end
  return nil
end

--- Removes leading and trailing pieces that name the site. Returns the title, the removed site
-- piece (or nil).
function M.strip(t, sites, host, shown)
  if not t then
    return nil
  end
  t = squash(t)
  -- A separator left dangling by the template ("Headline -"): the site name it stood before
  -- was empty. (Not a closing guillemet, nor a leading dash: "- Angsten vil øke" is a quote.)
  if t:find("[|%-/~_:\128-\255]$") then
    for _, sp in ipairs(DANGLING) do
      if #t > #sp + 1 and t:sub(-#sp) == sp then
        t = squash(t:sub(1, -#sp - 1))
      end
    end
  end
  local parts, sep = split(t)
  -- "Headline - Subtitle : literaturkritik.de": the site's address, or its exact name, after a
  -- separator of another kind than the first.
  local last = parts and parts[#parts]
  local address = last and last_piece(last, sites, host)
  if address then
    local head = t:sub(1, #t - #address)
    for _, sp in ipairs(SEPARATORS) do
      if head:sub(-#sp) == sp then
        local rest = M.strip(squash(head:sub(1, -#sp - 1)), sites, host, shown)
        return rest, address
      end
    end
  end
  if not parts then
    return t
  end
  for i = #parts, 1, -1 do
    if #parts > 1 and FURNITURE[key(parts[i])] then
      table.remove(parts, i)
    end
  end
  -- (A home link's name that the title holds other than as a piece of its own: the page is the
  -- home page, or the site is named after its subject, "Welpen kaufen – Tipps ...".)
  if shown and #shown > 0 then
    local kt, own = key(t), {}
    local pieces = {}
    for _, p in ipairs(parts) do
      pieces[key(p)] = true
    end
    for _, n in ipairs(shown) do
      local kn = key(n)
      if pieces[kn] or not kt:find(kn, 1, true) then
        own[#own + 1] = n
      end
    end
    shown = own
  end
  local removed
  -- "Headline - Site - Tagline": the site's name, then its motto.
  for k = 2, #parts - 1 do
    local tail = 0 -- the length of the pieces after piece k, separators included
    for j = k + 1, #parts do
      tail = tail + #parts[j] + (j > k + 1 and #sep or 0)
    end
    if tail < 60 and is_site(parts[k], sites, host, shown) then
      removed = squash(parts[k])
      for _ = k, #parts do
        table.remove(parts)
      end
      break
    end
  end
  -- "Headline | India News - Times of India": a short trailing piece that itself ends in the site.
  local tail = split(parts[#parts])
  if #parts > 1 and tail and #tail > 1 and #parts[#parts] < 60 and is_site(tail[#tail], sites, host, shown) then
    removed = squash(tail[#tail])
    table.remove(parts)
  end
  -- "Headline : Site | Motto | Founded 2005": the first piece ends in the site's name, its
  -- mottos follow.
  local first = #parts > 1 and not removed and split(parts[1])
  if first and #first > 1 and is_site(first[#first], sites, host, shown)
    and #t - #parts[1] < 100 then
    local _, sub = split(parts[1])
    removed = squash(first[#first])
    return squash(table.concat(first, sub, 1, #first - 1)), removed
  end
  while #parts > 1 and is_site(parts[#parts], sites, host, shown) do
    removed = removed or squash(parts[#parts])
    table.remove(parts)
  end
  while #parts > 1 and is_site(parts[1], sites, host, shown) do
    removed = removed or squash(parts[1])
    table.remove(parts, 1)
  end
  return squash(table.concat(parts, sep)), removed
end

-- Separator characters a site name may follow without spaces: "Headline:Site", "Headline｜Site".
local GLUED = { ":", "|", "-", "/", "@", "\239\188\154", "\239\189\156", "\226\128\147", "\226\128\148",
  "\227\131\187", "\194\183" }

-- "マインドマップ風のツリー「Treeviz」:phpspot開発日誌": the exact name of the site (one the
-- page declares, not one guessed from its host) glued to the headline by a separator.
local function strip_glued(t, sites, h1, tight)
  -- A name the page shows only once is taken only when glued tight ("...城！-新华网"), with no
  -- space on either side of the glue, after a headline in non-ASCII text.
  for pass, names in ipairs({ tight or {}, sites }) do
    local loose = pass == 2
    for _, site in ipairs(names) do
      site = squash(site)
      if site and #site >= 3 and #t > #site + 4 and t:sub(-#site) == site then
        local head = t:sub(1, -#site - 1)
        if loose then
          head = head:gsub("%s+$", "")
        end
        -- "Truckwash A31Das etwas andere Branchenbuch": the headline an h1 shows, the site's
        -- name glued on without even a space.
        if loose and h1 and h1[key(head)] and key(head) ~= "" then
          for _ = 1, 3 do
            for _, g in ipairs(GLUED) do
              if head:sub(-#g) == g then
                head = head:sub(1, -#g - 1):gsub("%s+$", "")
              end
            end
          end
          return squash(head), site
        end
        for _, g in ipairs(GLUED) do
          if head:sub(-#g) == g
            and (loose or (not head:sub(-#g - 1, -#g - 1):find("%s") and head:find("[\128-\255]"))) then
            local rest = squash(head:sub(1, -#g - 1))
            if rest and rest ~= "" then
              return rest, site
            end
          end
        end
      end
      -- "NEWS WEB EASY|子どもへの...": the declared name before the headline, glued tight.
      if loose and site and #site >= 3 and #t > #site + 4 and t:sub(1, #site) == site then
        local tail = t:sub(#site + 1)
        for _, g in ipairs(GLUED) do
          -- (A headline in non-ASCII text: "GdP-Vize" is one word.)
          if tail:sub(1, #g) == g and tail:find("^[\128-\255]", #g + 1) then
            local rest = squash(tail:sub(#g + 1))
            if rest and rest ~= "" then
              return rest, site
            end
          end
        end
      end
    end
  end
  return t
end

local function words(t)
  local n = 0
  for _ in t:gmatch("%S+") do
    n = n + 1
  end
  return n
end

--- A <title> nobody declared otherwise, cut as Readability does: drop the last piece after a
-- separator ("Headline | Section | Site"), or the first when that leaves under three words; keep
-- the whole when the cut leaves four words or fewer (a short title is its own headline).
local function cut_html_title(t)
  local parts, sep = split(t)
  if not parts then
    return t
  end
  local cut = squash(table.concat(parts, sep, 1, #parts - 1))
  if words(cut) < 3 then
    cut = squash(table.concat(parts, sep, 2))
  end
  if words(cut) <= 4 then
    return t
  end
  return cut
end

-- Lower-cased words of a title (letters, digits and any non-ASCII run).
local function word_set(t)
  local set, n = {}, 0
  for w in t:lower():gmatch("[%w\128-\255]+") do
    if not set[w] then
      set[w] = true
      n = n + 1
    end
  end
  return set, n
end

-- Share of a's distinct words that b also has.
local function overlap(a, b)
  local sa, n = word_set(a)
  local sb = word_set(b)
  if n == 0 then
    return 0
  end
  local hit = 0
  for w in pairs(sa) do
    if sb[w] then
      hit = hit + 1
    end
  end
  return hit / n
end
M.overlap = overlap

-- "Headline — Section", "Headline | Author": the h1's text, a separator, then more.
local function h1_prefix(s, list)
  for _, h in ipairs(list) do
    if #h < #s and s:sub(1, #h) == h then
      -- (A full stop may end the headline before the separator: "...を発売。 | Site".)
      local rest = s:sub(#h + 1):gsub("^\227\128\130", "")
      for _, sep in ipairs(SEPARATORS) do
        if rest:sub(1, #sep) == sep then
          return h
        end
      end
    end
  end
  return nil
end

-- What follows a headline before its subtitle: a separator, a colon (also the full-width
-- one of CJK text) or a dash.
local function subtitled(rest)
  for _, sep in ipairs(SEPARATORS) do
    if rest:sub(1, #sep) == sep then
      return true
    end
  end
  return rest:find("^:%s") ~= nil or rest:find("^\239\188\154") ~= nil
end

-- Opening quotes: ", “, „, «.
local QUOTES = { '"', "\226\128\156", "\226\128\158", "\194\171" }

-- Tokens holding a letter or a digit (a separator is none).
local function word_tokens(t)
  local n = 0
  for w in t:gmatch("%S+") do
    if w:find("[%w\128-\255]") then
      n = n + 1
    end
  end
  return n
end

-- "Blog Archive » Headline", "Headline - Site - Section", "Label : Headline": a run of the
-- pieces between separators (or after a colon) that is an h1's text on its own. The h1 is
-- the page's visible headline; what the <title> adds around it is the site's furniture.
local foreign, site_tailed, cut_short

local function h1_run(t, h1, min_words, any_label, site_label)
  -- (Most titles hold no h1 but the whole: one look at the title's key settles it.)
  local kt, inside = key(t), false
  for hk in pairs(h1) do
    if #hk < #kt and kt:find(hk, 1, true) then
      inside = true
      break
    end
  end
  if not inside then
    return nil
  end
  local parts, sep = split(t)
  if parts then
    -- (A run's key is its pieces' keys joined by the separator's: key drops characters one by one.)
    local keys, ksep = {}, key(sep)
    for i, p in ipairs(parts) do
      keys[i] = key(p)
    end
    for i = 1, #parts do
      for j = #parts, i, -1 do
        if not (i == 1 and j == #parts) and h1[table.concat(keys, ksep, i, j)] then
          local run = squash(table.concat(parts, sep, i, j))
          -- (A run after the first piece must outweigh what stands before it: a site's banner
          -- h1 repeats the <title>'s trailing site name, "Topic — evolve extension for Mercurial".)
          local before = i > 1 and squash(table.concat(parts, sep, 1, i - 1)) or ""
          if run and words(run) >= (min_words or 2) and (i == 1 or words(run) > words(before)) then
            return run
          end
        end
      end
    end
  end
  -- "Label: Headline", "Label : Headline" (French spacing): a one-word label ("Chronik:",
  -- "Pressemitteilung:"), or any when the <title> alone states the title. (A declared
  -- "Kicker words: Headline" keeps its kicker, as the publisher wrote it.)
  local label, rest = t:match("^([^:]-%S)%s?:%s+(.+)$")
  -- (A headline of any length after the site's own name: "SONNENENERGIE: Der WindRebell".)
  if rest and h1[key(rest)] and (words(rest) >= 3 or (site_label and site_label(label)))
      and (any_label or not label:find("%s")) then
    return squash(rest)
  end
  return nil
end

-- Characters of the scripts that write no spaces between words (CJK): their "words" are whole
-- phrases, which no overlap of words can compare.
local function unspaced(t)
  return t:find("[\227-\239]") ~= nil
end

-- A declared title that shares no word with the <title>, while the <title> states an h1's
-- headline (or an h1 holds the <title>'s), and is a name's few words: the name of the site or of
-- its section ("Pressemitteilungen", "International Biathlon Union - IBU") that a template declares
-- on every page.
function foreign(d, html_title, list)
  if not html_title or word_tokens(d) > 4 or unspaced(d) or unspaced(html_title) or overlap(d, html_title) > 0 then
    return false
  end
  local kt = key(html_title)
  for _, h in ipairs(list) do
    local kh = key(h)
    if words(h) >= 3 and overlap(d, h) == 0 and (kt:find(kh, 1, true) or (words(html_title) >= 3
        and kh:find(kt, 1, true))) then
      return true
    end
  end
  return false
end

-- "Headline-Section|Site" declared first, "Headline" by a later declaration: the first is the later
-- one with the site's furniture added (a short tail, not a word's continuation, that ends in one
-- of the site's names).
function site_tailed(s, declared, at, sites)
  for i = at + 1, #declared do
    local d = squash(declared[i])
    local tail = d and #d >= 3 and #d < #s and s:sub(1, #d) == d and s:sub(#d + 1)
    if tail and #tail <= 60 and not tail:find("^%s*%w") then
      local kt = key(tail)
      for _, n in ipairs(sites) do
        local kn = key(n)
        if #kn >= 2 and #kt >= #kn and kt:sub(-#kn) == kn then
          return d
        end
      end
    end
  end
  return nil
end

-- A declaration cut short: with an ellipsis ("... for Hong Kong leader..."), when an h1 or the
-- <title> goes on from where it stops; or mid-sentence at a length limit, when an h1 goes on
-- from where it stops and a later declaration states that h1 too. (Declarations that all agree on
-- the shorter form are the publisher's short headline.)
function cut_short(s, c, at, list)
  local b = s:byte(-1)
  local head = (b == 46 or b == 166) and (s:match("^(.-)%s*%.%.%.$") or s:match("^(.-)%s*\226\128\166$"))
  if head and #head >= 20 then
    local alt = c.html_title and M.strip(c.html_title, c.sites, c.host) or ""
    for _, w in ipairs({ alt, table.unpack(list) }) do
      if #w > #head and w:sub(1, #head) == head then
        return w
      end
    end
    return nil
  end
  for _, h in ipairs(list) do
    if #h > #s and h:sub(1, #s) == s and h:find("^%s+[%w\128-\255]", #s + 1) then
      local kh, stated = key(h), false
      for i = at + 1, #c.declared do
        stated = stated or key(c.declared[i]) == kh
      end
      if stated then
        return h
      end
    end
  end
  return nil
end

--- Chooses the title. c = {declared = {titles in preference order}, html_title=, h1s = {...},
-- headline = the text of an h1 marked itemprop=headline, sites = {site names}, host=}.
--
-- A declared title (JSON-LD headline, og:title, ...) is the publisher's statement of the headline
-- and is kept as declared, less a leading or trailing piece that names the site. The h1 decides
-- between forms: a declared title that reads as an h1 (less a label or a parenthetical) stays as
-- declared; one that is an h1 plus a label ("Loft — House Call") is cut to the h1; and when the declared
-- title and <title> disagree and neither is an h1, an h1 sharing most of its words with the
-- declared title is the visible headline both were rewritten from.
local function choose(c)
  local h1, list = {}, {}
  for _, h in ipairs(c.h1s or {}) do
    if h ~= "" and not h1[key(h)] then
      h1[key(h)] = squash(h)
      list[#list + 1] = squash(h)
    end
  end
  local sites = c.declared_sites or c.sites
  local declared, at = nil, 0
  for i, d in ipairs(c.declared or {}) do
    if not foreign(d, c.html_title, list) then
      declared, at = d, i
      break
    end
  end
  local shown = type(c.shown) == "table" and c.shown or {}
  local glue_sites = c.sites or {}
  if #shown > 0 then
    glue_sites = {}
    for _, l in ipairs({ c.sites or {}, shown }) do
      for _, x in ipairs(l) do
        glue_sites[#glue_sites + 1] = x
      end
    end
  end
  if declared then
    local s = M.strip(declared, sites, c.host, shown)
    s = s and strip_glued(s, glue_sites, h1, c.shown_once)
    -- The declaration is the h1's text whole: a piece naming the host is its headline's subject
    -- ("Welpen kaufen – Tipps zu jeder Hunderasse" on welpenkaufen24.de), not the site's furniture.
    if s ~= declared and h1[key(declared)] and not h1[key(s)] then
      s = squash(declared)
    end
    -- A declaration cut short at a quote its template did not escape (content="... de "x""):
    -- the <title> still holds the whole.
    local whole = s and s ~= "" and c.html_title and c.html_title:find(s, 1, true)
      and M.strip(c.html_title, c.sites, c.host, shown)
    if whole and #whole > #s and whole:sub(1, #s) == s then
      local rest = whole:sub(#s + 1):gsub("^%s+", "")
      for _, q in ipairs(QUOTES) do
        if rest:sub(1, #q) == q then
          s = whole
          break
        end
      end
    end
    s = s and s ~= "" and (site_tailed(s, c.declared, at, glue_sites) or cut_short(s, c, at, list)) or s
    if s and s ~= "" then
      if h1[key(s)] then
        -- The h1 marked itemprop=headline is schema.org's headline, as JSON-LD's is: its
        -- wording wins over og:title's plain-text stand-ins ("‘Fantastic Beasts’" for the
        -- h1's <i>Fantastic Beasts</i>).
        local marked = c.headline and squash(c.headline)
        -- (Not when markup glued two of its blocks: "ZoonosenWie" for "Zoonosen – Wie".)
        if marked and marked ~= s and key(marked) == key(s) and word_tokens(marked) >= word_tokens(s) then
          return marked
        end
        return s
      end
      -- "Opinion | Headline": a one-word leading label over the h1's text.
      local parts, sep = split(s)
      if parts and #parts > 1 and not parts[1]:find("%S%s+%S") then
        local rest = squash(table.concat(parts, sep, 2))
        if h1[key(rest)] then
          return rest
        end
      end
      local run = h1_run(s, h1)
      if run then
        return run
      end
      -- "Headline (Published 2016)", "Headline (Video)": a parenthetical after the h1's text.
      local head = s:match("^(.-)%s*%b()$")
      if head and head ~= "" and h1[key(head)] then
        return head
      end
      local pre = h1_prefix(s, list)
      if pre and words(pre) >= 2 then
        return pre
      end
      local alt = c.html_title and M.strip(c.html_title, c.sites, c.host, shown)
      -- "Headline" declared, "Headline: subtitle" as both the h1 and the <title>: two sources
      -- state the whole headline, the declaration is its short form.
      local full = alt and h1[key(alt)]
      if full and #full > #s and full:sub(1, #s) == s and subtitled(full:sub(#s + 1)) then
        return full
      end
      if alt and alt ~= "" and key(alt) ~= key(s) and not h1[key(alt)] then
        local ks = key(s)
        for _, h in ipairs(list) do
          -- (Not an h1 that is the declared title behind a kicker its markup glued on:
          -- "Open Progress Why collaborative thinking..." for "Why collaborative thinking...".)
          local kh = key(h)
          local kicker = #kh > #ks and kh:sub(-#ks) == ks
            and kh:sub(1, #kh - #ks):gsub("\226\128[\128-\191]", ""):gsub("\194[\128-\191]", "") ~= ""
          if words(h) >= 3 and not is_site(h, c.sites, c.host) and overlap(h, s) >= 0.5 and not kicker then
            return h
          end
        end
      end
      return s
    end
  end
  -- No declaration: <title>, without the site name, else cut at its separators.
  if c.html_title then
    local s, removed = M.strip(c.html_title, c.sites, c.host, shown)
    if s and not removed then
      local g, site = strip_glued(s, glue_sites, h1, c.shown_once)
      s, removed = g, site
    end
    if s and s ~= "" then
      if h1[key(s)] then
        return s
      end
      -- (A cut leaving four words or fewer keeps the whole, as in cut_html_title.)
      local run = h1_run(s, h1, 5, true, function(label)
        return is_site(label, c.sites or {}, c.host)
      end)
      if run then
        return run
      end
      if removed then
        return s
      end
      return cut_html_title(s)
    end
  end
  if #list == 1 then
    return list[1]
  end
  return nil
end

-- Typographic quotes, apostrophes and dashes as a plain-text declaration spells them.
local PLAIN = { ["\226\128\152"] = "'", ["\226\128\153"] = "'", ["\226\128\155"] = "'", ["\226\128\178"] = "'",
  ["\194\180"] = "'", ["\226\128\156"] = '"', ["\226\128\157"] = '"', ["\226\128\158"] = '"',
  ["\226\128\179"] = '"', ["\194\171"] = '"', ["\194\187"] = '"', ["\226\128\147"] = "-",
  ["\226\128\148"] = "-", ["\226\128\146"] = "-", ["\226\128\149"] = "-" }

-- A title with its quotes and dashes made plain, in lower case: "Let’s go – now" and "Let's go - now"
-- read alike.
local function typeset(t)
  return (t:gsub("\226\128[\146-\158\178\179]", PLAIN):gsub("\194[\171\180\187]", PLAIN))
end

local function plain(t)
  return typeset(t):lower()
end

-- Set in capitals throughout: a template's styling, which a declaration in mixed case does not copy.
local function shouting(t)
  return not t:find("%l") and t:find("%u") ~= nil
end

-- What a declaration puts between a kicker (or an artist's name) and the headline.
local KICKER_SEPARATORS = { ": ", " – ", " — ", " - ", " | " }

-- "Kicker: Headline", "Artist – Song" declared, the h1 the headline alone: the label stands
-- apart on the page (a kicker line, an artist's link), the h1 is what reads as the title.
-- (A declared one: an undeclared <title>'s label before a short headline is kept, see choose.)
-- (An h1 opening in lower case or with no word, "privacy policy", "...", reads as no headline.)
local function kicked(t, h, c)
  if #t > #h and #(c.declared or {}) > 0 and t:sub(-#h) == h and word_tokens(h) >= 2
    and h:find("^[%u%d\128-\255\"']") then
    local head = t:sub(1, #t - #h)
    for _, sep in ipairs(KICKER_SEPARATORS) do
      if #head > #sep and head:sub(-#sep) == sep then
        return true
      end
    end
  end
  return false
end

-- The page's one visible headline against the title chosen from the declarations. A publisher
-- rewrites its headline for search engines and social cards (og:title, JSON-LD, <title>); the
-- reader sees the h1, and that is the article's title as a person copying it would take it.
-- Taken: the h1's own spelling when only quotes, dashes or case differ ("Let’s" declared "Let's");
-- the h1 alone when a declaration is a label, a separator and the h1's text ("Kicker: Headline");
-- and an h1 that rephrases a declaration (half its words, or the same opening) when the <title>
-- repeats the declaration, not the h1. (Not against an undeclared <title>: choose already weighed
-- it against the h1s.) Kept: the declaration when the page has several h1s (which one heads the
-- article is unsure), when the h1 is short or the site's name (a logo, a section's label), when
-- the h1 holds the declaration or is its start (a kicker glued into the h1, a subtitle cut: choose's
-- cases), and in scripts written without spaces, where words cannot be compared.
local function visible(t, c)
  if not t then
    return t
  end
  local list, seen = {}, {}
  for _, x in ipairs(c.h1s or {}) do
    x = squash(x)
    if x and x ~= "" and not seen[key(x)] then
      seen[key(x)], list[#list + 1] = true, x
    end
  end
  local h, n = list[1], #list
  if n > 1 then
    -- Among several h1s, only the h1 that is the title typeset (its quotes and dashes, in the
    -- same case) or its end after a kicker: the others are the site's (its name, "Post
    -- navigation", a newsletter's box). A rephrased h1 among others may be any of them.
    h, n = nil, 0
    local pt = squash(typeset(t))
    for _, x in ipairs(list) do
      if x == t then
        return t
      end
      if squash(typeset(x)) == pt or (#t > #x and t:sub(-#x) == x) then
        h, n = x, n + 1
      end
    end
    if n == 1 and squash(typeset(h)) ~= pt and not kicked(t, h, c) then
      return t
    end
  end
  if n ~= 1 or h == t then
    return t
  end
  if squash(plain(h)) == squash(plain(t)) then
    return (shouting(h) and not shouting(t)) and t or h
  end
  if kicked(t, h, c) then
    return h
  end
  local kh, kt = key(h), key(t)
  if kh == "" or kt == "" or kh:find(kt, 1, true) or kt:find(kh, 1, true) or unspaced(h) or unspaced(t)
    or word_tokens(h) < 4 or is_site(h, c.sites or {}, c.host) then
    return t
  end
  local kw = c.html_title and key(c.html_title) or ""
  if not kw:find(kt, 1, true) or kw:find(kh, 1, true) then
    return t
  end
  if #(c.declared or {}) > 0 and (overlap(h, t) >= 0.5 or kh:sub(1, 25) == kt:sub(1, 25)) then
    return h
  end
  return t
end

-- The separators and glue a title keeps when a site's name may still stand beside its headline.
local KEPT = { "|", " - ", " – ", " — ", " : ", "»", "«", " / ", " · ", " • ", "-", "\239\188\154" }

local function choose_named(c)
  if type(c.shown) ~= "function" then
    return choose(c)
  end
  -- The home links cost a search of the page's links: sought only when the title chosen
  -- without them still has a separator or glue where a site's name may stand.
  local shown = c.shown
  c.shown = nil
  local t = choose(c)
  -- (Glue without spaces is sought only in a title with non-ASCII text: "...城！-新华网".)
  local kept = t and (t:find("[\128-\255]") and KEPT or SEPARATORS) or {}
  for _, g in ipairs(kept) do
    if t:find(g, 1, true) then
      c.shown, c.shown_once = shown()
      if #c.shown > 0 or #(c.shown_once or {}) > 0 then
        t = choose(c)
      end
      break
    end
  end
  c.shown, c.shown_once = shown, nil
  return t
end

-- Among several h1s, the display headline over the declared one. A feature's page may show a short
-- display headline ("Broken Pledge") with a dek under it, and also the declared headline as an h1
-- (a sticky bar repeating it, the web template's header): the dek under the display headline
-- restates the declared headline (most of its words), which marks the declaration as the
-- headline and dek said again for search engines. Kept: the declaration when the h1s under it is
-- the same headline (half its words), is the site's name, or is a single word.
local function display(t, c)
  if not t or #(c.declared or {}) == 0 or type(c.deks) ~= "function" or #(c.h1s or {}) < 2 then
    return t
  end
  local kt, at = key(t), false
  for _, x in ipairs(c.h1s) do
    at = at or key(x) == kt
  end
  if not at then
    return t
  end
  local deks = c.deks()
  for _, x in ipairs(c.h1s) do
    local d, h = deks[x], squash(x)
    if d and key(h) ~= kt and key(d) ~= kt and overlap(t, d) >= 0.6 and overlap(h, t) < 0.5
      and word_tokens(h) >= 2 and not is_site(h, c.sites or {}, c.host) then
      return h
    end
  end
  return t
end

--- Chooses the title (see choose, visible and display). Returns the title, and the declared form
-- it replaced when the page's visible headline won over it (nil otherwise).
function M.choose(c)
  local t = choose_named(c)
  local v = display(visible(t, c), c)
  return v, v ~= t and t or nil
end

M.is_site = is_site

--- The declared site name, or nil when it is the headline itself (a template's slip:
-- og:site_name or application-name filled with the page's title): a name of three words or more
-- that is the chosen title and holds nothing of the host's main label ("Yahoo News - Latest News &
-- Headlines" on news.yahoo.com is the site's name and motto). declared: the declared form of the
-- title when the visible headline replaced it (M.choose's second value), which the slip copies.
function M.site_name(site, title, host, declared)
  if declared and site and title and key(site) == key(declared) then
    title = declared
  end
  local label = host and (host:match("([^.]+)%.[^.]+$") or host)
  if label and SECOND_LEVEL[label] then
    label = host:match("([^.]+)%.[^.]+%.[^.]+$") or label
  end
  if not (site and title and label and #label >= 3) then
    return site
  end
  local ks, kl = key(site), key(label)
  if words(site) >= 3 and ks == key(title) and not ks:find(kl, 1, true)
    and not key((site:gsub("[\195\197][\128-\191]", BARE))):find(kl, 1, true) then
    return nil
  end
  return site
end

return M
