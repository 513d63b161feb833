--- Metadata read from the page's elements (as opposed to its <meta> tags): JSON-LD script texts,
-- <title>, <h1>, <html lang>, byline elements, <time>, rel=license.
--
-- Cost: libxml2 evaluates each contains(@class, ...) by copying the attribute, so a whole-page
-- scan per hint word cost more than the parse itself; its unions sort and de-duplicate. Instead
-- C walks (plugin/walk.c): doc:meta_walk reads the indexed tags once, node:window_marks the
-- elements around the headline whose class/id/itemprop/rel hold a category's words.
local dates = require "pith.meta.dates"
local byline = require "pith.meta.byline"
local text_dates = require "pith.meta.text_dates"
local str = require "pith.meta.str"
local squash, word_count, times_of_day = str.squash, str.word_count, str.times_of_day
local unescape = require("pith.meta.jsonld").unescape

local M = {}

-- Elements around the headline: bylines, datelines and "provider" badges sit a few elements
-- before or after it.
local BEFORE, AFTER = 120, 300
-- The attributes that make an element a candidate (its "hints"), in the order they are joined.
local HINTS = { "class", "id", "itemprop", "rel" }

local BYLINE_WORDS = { "author", "byline", "writer", "dateline", "contributor", "posted-by", "firma", "autor",
  "p-author", "writtenby", "username" }
local DATE_WORDS = { "date", "publish", "timestamp", "posted", "byline", "dateline" }

local function text(n)
  return squash(n.text and n:text() or n:xpath("string(.)"))
end

-- Window categories: the words whose presence in an element's hints makes it a candidate for
-- one consumer. Each consumer then reads only its candidates (in document order), so the
-- hundreds of other window elements cost one search per word over all hints at once.
local CATEGORIES = {
  byline = BYLINE_WORDS,
  -- "date" also covers the itemprops datePublished, dateCreated and dateModified.
  date = DATE_WORDS,
  provider = { "provider" },
  license = { "license" },
}

--- Indexes the document once, in one C walk (doc:meta_walk in core walk.c): {doc, walk = its
-- result (walk.meta and walk.links: the <meta> and <link> elements as meta_tags.scan reads
-- them), h1 = the first h1 nodes, times, base (its href), ld = the ld+json script texts,
-- title = the head's first <title> (see M.html_title)}; the headline window is built on demand
-- by M.window. keys, rels: the only <meta> keys and <link> rels to keep (all when nil).
function M.index(doc, keys, rels)
  -- (unescape: a meta value holding "&quot;" was escaped twice by the page's template.)
  local w = doc:meta_walk(unescape, keys, rels)
  return { doc = doc, walk = w, h1 = w.h1, times = w.time, base = w.base, ld = w.ld, title = w.title }
end

--- Raw contents of the ld+json scripts (entities are not decoded inside <script>).
function M.jsonld_texts(idx)
  local out = {}
  for _, s in ipairs(idx.ld) do
    if s:find("%S") then
      out[#out + 1] = s
    end
  end
  return out
end

function M.base_href(idx)
  return idx.base
end

--- The document's <title>: the one in <head>, not an SVG's.
function M.html_title(idx)
  -- libxml2 keeps a single <head> (a later <head> tag is dropped), the root's child.
  -- (doc:meta_walk found the head's first <title> child.)
  local pick = idx.title
  local titles = pick and {} or idx.doc:xpath("//title")
  for _, t in ipairs(type(titles) == "table" and titles or {}) do
    local p = t:parent()
    if p and p:tag() == "head" then
      pick = t
      break
    end
    pick = pick or (not t:xpath("boolean(ancestor::svg)") and t or nil)
  end
  local s = pick and squash(pick:content())
  return s ~= "" and s or nil
end

--- Texts of the first h1s (at most 6).
function M.h1s(idx)
  local out = {}
  idx.h1_text = {}
  for i = 1, math.min(#idx.h1, 6) do
    local s = text(idx.h1[i])
    -- Soft hyphens and zero-width spaces are invisible: "Mes&shy;sen&shy;ger&shy;diens&shy;te"
    -- is the word "Messengerdienste" the <title> spells.
    if s and (s:find("\194\173", 1, true) or s:find("\226\128[\139-\141]")) then
      s = squash((s:gsub("\194\173", ""):gsub("\226\128[\139-\141]", "")))
    end
    if s and s ~= "" and #s < 400 then
      out[#out + 1] = s
      idx.h1_text[#idx.h1_text + 1] = { node = idx.h1[i], text = s }
    end
  end
  return out
end

--- The text of the first h1 marked itemprop=headline (schema.org microdata), after M.h1s.
function M.headline(idx)
  for _, h in ipairs(idx.h1_text or {}) do
    local ip = h.node:attr("itemprop")
    if ip and ip:find("headline", 1, true) then
      return h.text
    end
  end
  return nil
end

--- Sets the headlines the window is built around: the h1 whose text is the title, and the first
-- h1 (a feature's display headline may differ from its declared title).
function M.anchor(idx, title)
  local key = title and title:lower():gsub("%W", "")
  local pick = {}
  if idx.h1_text and idx.h1_text[1] then
    pick[1] = 1
    for i, h in ipairs(idx.h1_text) do
      if key and not h.key then
        h.key = h.text:lower():gsub("%W", "")
      end
      if key and h.key == key then
        pick = i == 1 and { 1 } or { i, 1 }
        break
      end
    end
    -- Else the h1 that is the title behind a kicker its markup glued on ("Holocaust-Gedenktag
    -- Erinnerung an die Opfer ..." for "Erinnerung an die Opfer ...").
    if #pick == 1 and key and #key >= 12 and idx.h1_text[1].key ~= key then
      for i, h in ipairs(idx.h1_text) do
        if i > 1 and #h.key > #key and h.key:sub(-#key) == key then
          pick = { i, 1 }
          break
        end
      end
    end
  end
  local sig = table.concat(pick, ",")
  if sig == idx.anchor_sig then
    return
  end
  idx.anchor_sig, idx.anchors, idx.win = sig, {}, nil
  for k, i in ipairs(pick) do
    idx.anchors[k] = idx.h1_text[i].node
  end
  idx.anchor = idx.anchors[1]
end

--- Can the title change where M.anchor puts the window? Only among several headlines (after
-- M.h1s): with one (or none) the anchor is the same whatever the title.
function M.anchor_depends_on_title(idx)
  return idx.h1_text ~= nil and #idx.h1_text > 1
end

-- The categories in the order of their bits in the window's marks (category k: bit 2^(k-1)).
local CATEGORY_ORDER = { "byline", "date", "provider", "license" }
local GROUPS, BIT = {}, {}
for k, cat in ipairs(CATEGORY_ORDER) do
  GROUPS[k], BIT[cat] = CATEGORIES[cat], 2 ^ (k - 1)
end

-- The window's entries of one category, in order, each {node=, hints= (lower-cased class,
-- id, itemprop and rel joined by spaces), tag=}.
local function entries(win, cat)
  local list = win.lists[cat]
  if list then
    return list
  end
  list = {}
  local bit = BIT[cat]
  for i = 1, #win.marks do
    if math.floor(win.marks[i] / bit) % 2 == 1 then -- no bit operators: 5.1 and LuaJIT load this too
      local e = win.entry[i]
      if not e then
        e = { node = win.nodes[i], hints = win.hints[i], tag = win.tags[i] }
        win.entry[i] = e
      end
      list[#list + 1] = e
    end
  end
  win.lists[cat] = list
  return list
end

--- The candidates of every category among the elements around the headline (or the start
-- of the body).
function M.window(idx)
  if idx.win then
    return idx.win
  end
  local win = { nodes = {}, hints = {}, tags = {}, marks = {}, entry = {}, lists = {} }
  local function add(nodes, hints, tags, marks)
    local k = #win.nodes
    for i = 1, #nodes do
      win.nodes[k + i], win.hints[k + i], win.tags[k + i], win.marks[k + i] = nodes[i], hints[i], tags[i],
        marks[i]
    end
  end
  -- One C walk per headline (core walk.c): the first BEFORE elements of its block (its
  -- grandparent), then the first AFTER elements following it, each once; the words of each
  -- category are searched in their hints there, and only the candidates come back.
  for _, a in ipairs(idx.anchors or {}) do
    add(a:window_marks(BEFORE, AFTER, HINTS, 2, GROUPS))
  end
  if #(idx.anchors or {}) == 0 then
    local body = idx.doc:body()
    if body then
      add(body:window_marks(BEFORE + AFTER, 0, HINTS, 0, GROUPS))
    end
  end
  idx.win = win
  return win
end

-- Words a home link may say that name no site: "Home", "Startseite", "Zur Startseite".
local HOME_WORDS = { "home", "homepage", "startseite", "start", "accueil", "inicio", "главная", "首页", "logo" }
local HOME_WORD = {}
for _, w in ipairs(HOME_WORDS) do
  HOME_WORD[w] = true
end

--- The names the page's own home links show (their text, title and logo's alt): the visible
-- name of the site, which a <title> repeats beside the headline. host: the page's host (for an
-- archived page, the archived one's, and prefix the archive's address before it). At most the
-- first 6 links to the site's root. Returns the names said twice (or spelling the host), and
-- those said once.
function M.home_names(idx, host, prefix)
  if idx.home_names then
    return idx.home_names, idx.home_once
  end
  -- (Equality tests only: libxml2 copies the attribute for each string function.)
  local tests = { "@href='/'", "@rel='home'" }
  if host and not host:find("'", 1, true) then
    for _, h in ipairs({ host, "www." .. host }) do
      for _, pre in ipairs({ prefix or "", "" }) do
        for _, form in ipairs({ "http://%s/", "https://%s/" }) do
          tests[#tests + 1] = "@href='" .. pre .. form:format(h) .. "'"
        end
        if pre == "" then
          break
        end
      end
    end
  end
  local fields, keys = {}, {}
  -- (The first 150 links: a header's logo and home link come early, and the tests cost a copy
  -- of each link's href.)
  local links = idx.doc:xpath("((//a)[position()<=150][" .. table.concat(tests, " or ") .. "])[position()<=6]")
  for _, a in ipairs(type(links) == "table" and links or {}) do
    local img = a:first("img[alt]")
    for _, s in ipairs({ text(a) or "", a:attr("title") or "", img and img:attr("alt") or "" }) do
      s = squash(s)
      local k = s and s:lower():gsub("[%s%p]", "")
      if k and #k >= 3 and #s <= 80 and not HOME_WORD[k] then
        fields[#fields + 1], keys[#keys + 1] = s, k
      end
    end
  end
  -- A name is the site's when the page says it twice (a link's text and its title, the header's
  -- and the footer's home link) or when it spells a label of the host ("DimidoBlog" on
  -- dimido.de): one logo's alt alone may be a slogan.
  local labels = {}
  for l in (host or ""):gmatch("[^.]+") do
    if #l >= 4 and l ~= "www" then
      labels[#labels + 1] = l:gsub("%-", "")
    end
  end
  local out, once, seen = {}, {}, {}
  for i, k in ipairs(keys) do
    if not seen[k] then
      seen[k] = true
      local n = 0
      for _, other in ipairs(keys) do
        n = n + (other:find(k, 1, true) and 1 or 0)
      end
      for _, l in ipairs(labels) do
        n = n + (k:find(l, 1, true) and 1 or 0)
      end
      if n >= 2 then
        out[#out + 1] = fields[i]
      else
        once[#once + 1] = fields[i]
      end
    end
  end
  idx.home_names, idx.home_once = out, once
  return out, once
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

-- Comments name their writers, figures their photographers: neither is the article's byline.
-- (node:closest_match in core walk.c: the XPath
-- ancestor-or-self::*[contains(@class,'comment') or contains(@id,'comment')]
-- or ancestor-or-self::figure or ancestor-or-self::figcaption, without copying attributes.)
local COMMENT_TAGS, COMMENT_ATTRS, COMMENT_WORDS = { "figure", "figcaption" }, { "class", "id" }, { "comment" }
-- A page-wide state holds the word too: "front_hidecomments" on <body>, "comments-open" on the
-- post. Those say nothing of the element: when the C test matches, the ancestors are read again
-- without them (the body and root aside).
local function comment_word(v)
  for w in v:lower():gmatch("[^%s]+") do
    if w:find("comment", 1, true) and not (w:find("open", 1, true) or w:find("closed", 1, true)
        or w:find("hide", 1, true) or w:find("status", 1, true) or w:find("^has") or w:find("^no")) then
      return true
    end
  end
  return false
end
local function in_comments(n)
  if not n:closest_match(true, COMMENT_TAGS, COMMENT_ATTRS, COMMENT_WORDS) then
    return false
  end
  local x = n
  while x do
    local tag = x:tag()
    if tag == "body" or tag == "html" then
      return false
    end
    if tag == "figure" or tag == "figcaption" or comment_word(x:attr("class") or "")
      or comment_word(x:attr("id") or "") then
      return true
    end
    x = x:parent()
  end
  return false
end

local SKIP_TAGS = { meta = true, link = true, body = true, html = true, script = true, style = true, img = true,
  article = true, section = true, main = true, button = true, input = true, label = true, select = true,
  option = true, textarea = true, form = true }

-- Controls that carry an author word ("followAuthorBtn", "author-follow-button"): a button's
-- label ("Folgen", "Themen bearbeiten") is no name.
local function control(hints)
  return hints:find("btn", 1, true) or hints:find("button", 1, true) or hints:find("follow", 1, true)
end

local NO_NAMES = {}
local MEMBER_PATHS = { "/member", "/user", "/profile", "/u/", "/people/" }

-- True when the itemprop=name `nm` names another item than `n`'s: an itemscope between them that
-- is no author's or creator's ("<span itemprop=name>Hyundai Tests</span>" of a breadcrumb's
-- ListItem inside the byline's block).
local function other_item(nm, n)
  local x = nm:parent()
  while x and x ~= n do
    if x:attr("itemscope") then
      local ip = (x:attr("itemprop") or ""):lower()
      return not (ip:find("author", 1, true) or ip:find("creator", 1, true))
    end
    x = x:parent()
  end
  return false
end

-- The people an author element declares, each its own itemprop=name (an element may list several),
-- once each. opts: byline.names's.
local function itemprop_names(n, opts)
  local found, seen = {}, {}
  for _, nm in ipairs(n:select("[itemprop~=name]")) do
    for _, name in ipairs(other_item(nm, n) and NO_NAMES or byline.names(nm:attr("content") or text(nm), opts)) do
      if not seen[name:lower()] then
        seen[name:lower()] = true
        found[#found + 1] = name
      end
    end
  end
  return found
end

-- Person names in a byline element: its itemprop=name, its content, else its text line by line
-- (the text is block-aware, so "Jane Doe" and "Staff Writer" in two blocks stay apart). When it
-- names nobody, also its whole text (for a desk's credit).
local function names_of(n)
  local found = itemprop_names(n, { strict = true })
  if #found > 0 then
    return found
  end
  -- An hCard's formatted name ("<span class="author vcard"><span class="fn">jdoe</span>"), as
  -- WordPress themes mark the post's author: declared, as an itemprop=name is, so a blogger's
  -- user name ("flerche") or first name is theirs.
  -- (Not a blog's title that a theme marks up as its owner's card, linked to the home page.)
  local fn = n:has_class("fn") and n or n:first(".fn")
  local home = fn and (fn:tag() == "a" and fn or fn:first("a[href]"))
  local home_href = home and home:attr("href") or ""
  if fn and not (home_href == "/" or home_href:find("^%a+://[^/]+/?$")) then
    local said = text(fn)
    found = byline.names(said, { handle = true, strict = true, single = true })
    if #found > 0 then
      return found
    end
    -- A card whose declared name is a desk's ("auto-motor.at Redaktion") names no person: its
    -- other lines are the post's date and sections.
    if said and said ~= "" then
      return {}, said
    end
  end
  local s = n:attr("content") or (n.text and n:text() or n:xpath("string(.)"))
  if not s or #s == 0 or #s > 400 then
    return {}
  end
  local whole = squash(s)
  if #whole >= 250 then
    return {}
  end
  -- An author box whose first line is a link's whole text ("<a><strong>linksc</strong></a>")
  -- has its name there, a handle the strict reading refused: the lines below are the bio
  -- ("Creating Search Engine API"), no name. (Looked for only when a later line names someone.)
  local first
  for line in s:gmatch("[^\n]+") do
    local names = byline.names(line, { strict = true })
    if #names > 0 then
      if first and not first:find("%s") then
        for _, a in ipairs(n:select("a[href] strong, a[href] b")) do
          if squash(text(a)) == first then
            return {}
          end
        end
      end
      return names
    end
    if not first and line:find("%S") then
      first = squash(line)
    end
  end
  -- A one-word name ("Paul") is taken only from a link to the author's page, or to a forum
  -- member's page in the byline's <address> (HTML's element for the author's contact).
  local link = n:tag() == "a" and n or n:first("a[href*='/author'], a[rel~=author]")
  local href = link and (link:attr("href") or "")
  -- (A link that says "View my complete profile", "Zum Profil" is the control, not the name.)
  local said = link and text(link) or ""
  if link and (href:find("/author", 1, true) or (link:attr("rel") or ""):find("author", 1, true))
    and not said:lower():find("profil", 1, true) then
    return byline.names(said, { handle = true }), whole
  end
  -- (Or a link to a member's profile that is the byline's whole text: "<span class=author><a
  -- href=/user,profile,30,lars.html>Lars</a>".)
  link = n:first("address a[href]") or n:first("a[href]")
  href = link and link:attr("href"):lower() or ""
  local own = link and (link:xpath("boolean(ancestor::address)") or text(link) == whole)
  for _, part in ipairs(MEMBER_PATHS) do
    if own and href:find(part, 1, true) then
      return byline.names(text(link), { handle = true, strict = true, single = true }), whole
    end
  end
  return {}, whole
end

-- A book's or a product's fact box ("Seiten: 400", "Autorin: Jane Doe", "Verlag: ...") names the
-- author of the thing reviewed, not of the page: the element, its neighbours and its parent
-- hold the box's other labels.
local function fact_box(n)
  local up = n:parent()
  local facts = {}
  for _, x in ipairs({ up and up:parent() or false, up and up:prev() or false, up and up:next() or false }) do
    facts[#facts + 1] = x and x:content(1500) or ""
  end
  facts = table.concat(facts, " "):lower()
  return facts:find("isbn", 1, true) or facts:find("verlag:", 1, true) or facts:find("publisher:", 1, true)
    or facts:find("illustrat", 1, true) or facts:find("seiten:", 1, true)
end

-- A byline's names, each replaced by the shorter one an element inside the byline holds alone
-- (its link, its "author"/"name" element) when the byline's text runs the name into the paper's
-- or a place: "By Adam Aaronson PhillyVoice Staff" around <a class="author-name">Adam
-- Aaronson</a>; "Von <a>Roland Brockmann</a> und <a>Sebastian Drescher</a><br><br> Kakuma
-- /Kenia", whose line break the text loses.
local function shorter_inside(n, names)
  if #names == 0 or #names > 4 then
    return names
  end
  local els = n:select("a[href], [class*=author], [class*=name]")
  local out = {}
  for k, name in ipairs(names) do
    local whole = dates.lower(name)
    out[k] = name
    for i = 1, math.min(#els, 6 * #names) do
      local t = text(els[i])
      -- (Or glued to what follows: "<a>Houzz Deutschland</a><span>vor 5 Stunden</span>".)
      if t and #t >= 3 and #t < #whole and whole:sub(1, #t) == dates.lower(t) then
        local sub = byline.names(t, { strict = true })
        if #sub == 1 and sub[1] == t then
          out[k] = t
          break
        end
      end
    end
  end
  return out
end

-- Leads that open a visible byline: English "By", its translations and the labelled forms
-- ("Text von", "Ein Artikel von", "Written by:"); a text takes the first that it starts with.
local BY_LEADS = { "by", "von", "par", "por", "door", "written by", "posted by", "submitted by", "gespeichert von",
  "text von", "text:", "ein artikel von", "| by",
  "ein beitrag von", "geschrieben von", "autor:", "autorin:", "author:", "interview:" }

-- Text nodes right after the headline that open with a byline lead (or are one): the visible
-- byline of pages whose markup gives it no telling class ("By <span class=x7f>Jane Doe</span>",
-- "<span> von Andreas Kürten </span>"). The first 40 text nodes after it are walked once in C
-- (node:following_lead), which returns the parents of the first 3 that do, with their leads.
-- (A lead written with its colon needs the colon: "Text Size" is a font control.)
local function by_text(idx)
  for _, a in ipairs(idx.anchors or {}) do
    local hits, leads = a:following_lead(40, BY_LEADS, 3)
    for i = 1, #hits do
      local lead = BY_LEADS[leads[i]]
      local word = lead:gsub(":$", "")
      local s = text(hits[i])
      -- "<span>By </span><button>Jane Doe</button>", "<em>Text von <b>Jane Doe</b></em>",
      -- "<b>Von:</b><br>Jane Doe": the lead has an element of its own, the name is beside it
      -- (in a button, which node:text leaves out: string(.) it is).
      local alone = s and dates.lower(s):gsub("[%s:]+$", "") == word
      local up = alone and hits[i]:parent()
      if up then
        s = squash(up:content(400) or "")
      end
      -- (Nor a quoted or embedded post's "Posted by", in its blockquote.)
      if s and #s < 200 and not (lead:find(":$") and fact_box(hits[i]))
        and not hits[i]:xpath("boolean(ancestor-or-self::blockquote)") then
        local names = byline.names(s, { strict = true })
        if #names > 0 then
          idx.byline_node = up or hits[i]
          return shorter_inside(up or hits[i], names)
        end
        -- "Posted in Datenschutz by <a href=...>damianduchamps</a> on August 3": a user name
        -- (which the name rules refuse as prose) linked right after the lead is the poster's.
        local low = dates.lower(s)
        for _, ln in ipairs(hits[i]:select("a[href]")) do
          local t = text(ln)
          local at = t and #t >= 2 and low:find(word .. ":? " .. dates.lower(t):gsub("%p", "%%%0"))
          if at and (at == 1 or low:find("^%s", at - 1)) then
            names = byline.names(t, { handle = true, strict = true })
            if #names > 0 then
              return names
            end
          end
        end
        if lead == "by" then
          idx.credit = idx.credit or byline.credit(s)
        end
        idx.agency = idx.agency or byline.agency(s)
      end
    end
  end
  return nil
end

-- True when the hints hold a byline word.
local function by_word(hints)
  return str.has_any(hints, BYLINE_WORDS)
end

-- Person names from the first byline element of the window that holds some.
local function window_byline(idx)
  local shown = by_text(idx)
  if shown then
    return shown
  end
  local tried = 0
  for _, e in ipairs(entries(M.window(idx), "byline")) do
    -- (Nor a navigation's list of the piece's tags, a story's place, "itemprop=dateline
    -- contentLocation", or a customer's testimonial.)
    if not SKIP_TAGS[e.tag] and e.tag ~= "nav" and not e.hints:find("comment", 1, true) and not control(e.hints)
      and not e.hints:find("location", 1, true) and not e.hints:find("testimonial", 1, true) then
      tried = tried + 1
      if tried > 25 then
        break
      end
      -- A "username" element beside the headline shows the poster's handle, linked to their
      -- profile ("<div class=username><a href=/u/EvilSpark>EvilSpark</a>"), and only that: a
      -- sidebar's "newposts__username" lists other people, a login form's "Username" is a label.
      local user_only = e.hints:find("username", 1, true) and not by_word(e.hints:gsub("username", ""))
      if user_only then
        local whole = text(e.node)
        if whole and #whole <= 40 and whole:find("^@?[%w_.%-]+$") and not whole:lower():find("user", 1, true)
          and not whole:lower():find("log", 1, true) and (e.tag == "a" or e.node:first("a[href]"))
          and not in_comments(e.node) then
          return { whole }
        end
      elseif not in_comments(e.node) then
        local names, whole = names_of(e.node)
        if #names > 0 then
          idx.byline_node = e.node
          return shorter_inside(e.node, names)
        end
        idx.credit = idx.credit or byline.credit(whole) or byline.desk(whole)
        idx.agency = idx.agency or byline.agency(whole)
      end
    end
  end
  return {}
end

-- Blog themes make the blog's name the h1 and each post's title an h2 or h3, its byline beside
-- it, out of the window around the h1. The first such heading (of the first 40) whose text is
-- the title, when no h1 is.
local function title_heading(idx, title)
  local key = title and title:lower():gsub("%W", "")
  if not key or #key < 6 then
    return nil
  end
  for _, h in ipairs(idx.h1_text or {}) do
    if (h.key or h.text:lower():gsub("%W", "")) == key then
      return nil
    end
  end
  local hs = idx.doc:xpath("(//h2|//h3)[position()<=40]")
  for _, h in ipairs(type(hs) == "table" and hs or {}) do
    local t = text(h)
    if t and #t < 400 and t:lower():gsub("%W", "") == key then
      return h
    end
  end
  return nil
end

--- Person names from the first byline element that holds some. (A byline crediting a desk or a
-- team instead is kept as idx.credit, for when nothing names a person.) title: the page's title,
-- whose heading anchors a second window when no h1 shows it.
function M.byline(idx, title)
  local names = window_byline(idx)
  if #names > 0 then
    return names
  end
  local h = title_heading(idx, title)
  if h then
    local sub = { doc = idx.doc, anchors = { h } }
    names = window_byline(sub)
    idx.credit, idx.agency = idx.credit or sub.credit, idx.agency or sub.agency
  end
  return names
end

--- True when the visible byline M.byline read (idx.byline_node) links each of `names` on its
-- own: "<a href=/author/jane-doe>Jane Doe</a>, <a href=/author/john-roe>John Roe</a>", writers
-- with a page each, not a photographer or an affiliation named in passing.
function M.byline_links_all(idx, names)
  local n = idx.byline_node
  if not n then
    return false
  end
  local linked = {}
  for _, a in ipairs(n:select("a[href]")) do
    local t = text(a)
    if t then
      linked[dates.lower(t)] = true
    end
  end
  for _, nm in ipairs(names) do
    if not linked[dates.lower(nm)] then
      return false
    end
  end
  return true
end

local LIST_TAGS, LINK_TAGS, NO_LIST_ATTRS, NO_LIST_WORDS = { "li" }, { "a" }, {}, {}

-- Labels that name a piece's writer wherever they stand (its foot, a fact box, a meta line):
-- with their colon, or a blog engine's "Posted by".
local LABELS = { "autor:", "autorin:", "author:", "written by:", "verfasst von:", "geschrieben von:", "auteur:",
  "autore:", "escrito por:", "posted by", "gepostet von", "eingestellt von", "submitted by", "gespeichert von",
  "redaktion:", "text von", "von:", "by:", "by", "von", "par", "por", "autor", "autorin", "author", "autoren",
  "auteur" }
-- (The bare leads only as a whole short line, "Von Leonora Holling": in prose they begin phrases.)
local NONE = {}
-- ("Autor" alone, a heading over the name: "<h4>Autor</h4><p>Nikolai Huke</p>".)
-- ("Autoren Jane Doe und John Roe", "Auteur : Jane Doe": a label with no colon of its own.)
local BARE = { by = true, von = true, par = true, por = true, autor = true, autorin = true, author = true,
  autoren = true, auteur = true }
local LABEL_WORDS = { autor = true, autorin = true, author = true, autoren = true, auteur = true }

--- Person names a label gives ("Autor: Klausmartin Friedrich", "<b>Verfasst von:</b> jdoe |
-- 31. Dezember 2008", "Posted by Konstantin @ 12:00 am") anywhere in the page but comments: for
-- when no byline stands near the headline. (The first 1500 text nodes, walked once in C: the
-- foot of an article comes well before that.)
function M.labelled(idx)
  local root = idx.doc:root()
  local head = root and root:first("head")
  if not head then
    return {}
  end
  local hits, leads = head:following_lead(1500, LABELS, 6)
  -- (Bare leads said more than once are a listing's: teasers "Von Jane Doe", "Von John Roe".)
  local bare = {}
  for i = 1, #hits do
    local w = LABELS[leads[i]]
    bare[w] = (bare[w] or 0) + (BARE[w] and 1 or 0)
  end
  for i = 1, #hits do
    local n = hits[i]
    -- (Not a teaser's link or a list's item, nor a book's or product's fact box: "Seiten: 400,
    -- Autorin: Jane Doe, Verlag: ...", nor a quoted or embedded post: a Facebook embed's
    -- "<blockquote>... Posted by <a>Jane Doe</a>" names that post's writer.)
    if n:tag() ~= "a" and n:tag() ~= "li" and not n:closest_match(false, LIST_TAGS, NO_LIST_ATTRS, NO_LIST_WORDS)
      and not fact_box(n) and not in_comments(n) and not n:xpath("boolean(ancestor-or-self::blockquote)") then
      local word = LABELS[leads[i]]:gsub(":$", "")
      -- (Bare: "Von", "Von:", "By"...; "Autor" only without its colon, a label then.)
      local is_bare = BARE[word] and (not LABEL_WORDS[word] or LABELS[leads[i]] == word)
      local s = text(n)
      -- (Two names after a label word: "Autoren Jane Doe und John Roe".)
      local most = LABEL_WORDS[word] and 7 or 5
      if is_bare and s and ((bare[word] or 0) > 1 or #s > 60 or select(2, s:gsub("%S+", "")) > most
          or n:closest_match(false, LINK_TAGS, NO_LIST_ATTRS, NO_LIST_WORDS)) then
        s = nil
      end
      -- (The label alone in its element: the name is what follows it, in its parent.)
      if s and dates.lower(s):gsub("[%s:]+$", "") == word then
        n = n:parent()
        s = n and squash(n:content(400) or "")
      end
      -- (From the label on, up to what follows the name: "Datum: 03.11.2021 Autor: Jane Doe
      -- Tags: ...".)
      local at = s and #s < 300 and dates.lower(s):find(word, 1, true)
      s = at and s:sub(at)
      if s then
        s = s:sub(1, #word) .. s:sub(#word + 1):gsub("%s%u%a+:%s.*$", "")
        local names = byline.names(s, { strict = true })
        -- ("Verfasst von: jdoe | 31. Dezember 2008": a user name the label gives.)
        local rest = s:sub(#word + 1)
        -- (Four letters at least when the label ends the line: "Autor: red" is the desk's initials.)
        local handle = rest:match("^:?%s*([%l%d_.%-]+)%s*[|/,]") or rest:match("^:?%s*([%l%d_.%-][%l%d_.%-][%l%d_.%-]"
          .. "[%l%d_.%-]+)$")
        if #names == 0 and handle and not is_bare then
          names = byline.names(handle, { handle = true, strict = true })
        end
        -- (After a bare lead, full names only: "by Taboola", "ORDER BY period" are no bylines.)
        local full = #names > 0
        for _, nm in ipairs(is_bare and names or NONE) do
          full = full and nm:find("%S%s+%S") ~= nil
        end
        if full then
          return names
        end
      end
    end
  end
  return {}
end

--- The full name a page spells out for a first name alone that its author field declares
-- ("Nils", a blog account's display name): the first text that opens with that name and a
-- surname, as an author box's "<p class=full-name>Todd Bates</p>" or its bio "Stefanus Stahl -
-- Maschinenbauer, ..." does; nil when none does. (The first 1500 text nodes; not comments. An
-- acronym, "LBCI", is no first name.)
function M.full_name(idx, first)
  local root = idx.doc:root()
  local head = root and root:first("head")
  if not head or #first < 2 or first:find("[%s%p]") or not first:find("%l") then
    return nil
  end
  local hits = head:following_lead(1500, first, 4)
  local low = dates.lower(first)
  for _, n in ipairs(hits) do
    local s = not in_comments(n) and n:tag() ~= "title" and text(n)
    -- (The name and a capitalised surname, up to what follows them: "Nils Pickert ist ...".)
    local name = s and s:match("^(%S+%s+%u[%a\128-\255'%-]+)")
    if name and dates.lower(name:match("^%S+")) == low then
      local names = byline.names(name, { strict = true })
      if #names == 1 and names[1] == name then
        return name
      end
    end
  end
  return nil
end

-- (Nor a product's customer reviews: itemprop=review, "reviews" inside another item; a page
-- that is a Review is the item itself, not an itemprop of one.)
--- A full name that shares a short line with the date right under the headline, set apart by a
-- dash, a bar or a comma ("11.12.2019 - Amelie Loevenich", "1. Februar 2022, Daniel Dillenburg"):
-- a byline without a lead or a telling class. (The first 12 texts after the headline; a line of
-- at most 7 words; nothing but the date and the name.)
function M.dated_name(idx)
  for _, a in ipairs(idx.anchors or {}) do
    local texts, parents = a:following_texts(12, 120)
    for i, t in ipairs(texts) do
      local s = t:find("%d") and squash(t)
      if s and word_count(s) <= 7 and not in_comments(parents[i]) and dates.parse(s, idx.date_opts) then
        local parts = {}
        for part in (s:gsub("\226\128[\147\148]", "-") .. " | "):gmatch("(.-)%s+[-|]%s+") do
          parts[#parts + 1] = part
        end
        if #parts < 2 then
          parts = { s:match("^(.-),%s+(.+)$") }
        end
        -- (One part without digits, the others the date and its time: "04.02.2022 | 13:10 Uhr |
        -- Uta Helkenberg".)
        local other, dated = nil, false
        for _, part in ipairs(parts) do
          if part:find("%d") then
            dated = dated or dates.parse(part, idx.date_opts) ~= nil
          elseif other then
            other = false
          elseif other == nil then
            other = part
          end
        end
        if dated and other then
          local names = byline.names(other, { strict = true })
          if #names == 1 and names[1] == other and other:find("%S%s+%S") then
            return names
          end
        end
      end
    end
  end
  return {}
end

-- A paragraph that is one emphasised short text, the last of at least four sibling paragraphs
-- with nothing after it: the writer's name set apart at the foot of the piece. (At the head, a
-- bold line is as often the first subheading.)
local SIGNED = "(//p[count(*)=1 and (b|strong|em|i) and normalize-space(.)=normalize-space(*)"
  .. " and string-length(normalize-space(.))<60 and count(../p)>=4"
  .. " and not(following-sibling::*[normalize-space()])])"
  .. "[position()<=6]"

--- Person names of a signature: a paragraph holding nothing but a name in bold or italics that
-- closes the article's paragraphs ("...</p><p><b><i>Stefan Wasmer</i></b></p>"), for when nothing
-- else names a writer. Full names only; not in comments, nor a quote's or a list's.
function M.signature(idx)
  local ps = idx.doc:xpath(SIGNED)
  for _, p in ipairs(type(ps) == "table" and ps or NONE) do
    local s = text(p)
    if s and not in_comments(p) and not p:xpath("boolean(ancestor::blockquote or ancestor::li)") then
      local names = byline.names(s, { strict = true })
      local full = #names >= 1 and #names <= 2
      for _, nm in ipairs(names) do
        full = full and nm:find("%S%s+%S") ~= nil and word_count(nm) <= 4
      end
      -- (The text is the names and nothing else: no title, no role, no sentence.)
      if full and squash((s:gsub("%s+und%s+", " "):gsub("%s+and%s+", " "):gsub("[,&]", " ")))
          == table.concat(names, " ") then
        return names
      end
    end
  end
  return {}
end

local NO_ITEM_TAGS, ITEMPROP, NOT_PAGE_ITEMS = {}, { "itemprop" }, { "comment", "review" }

--- Person names of the page's microdata author (itemprop=author with an itemprop=name, or its own
-- text), wherever it sits: for when the byline window found none (a video page declares its
-- channel at the top of the body, far from the headline). The name is declared, as a meta's is:
-- a single word (a channel, a handle) is taken.
function M.microdata_author(idx)
  local tried = 0
  for _, n in ipairs(idx.doc:select("[itemprop~=author]")) do
    tried = tried + 1
    if tried > 3 then
      break
    end
    -- (A comment's author is not the page's; a review's may be: a review article is one.)
    if not in_comments(n) and not n:closest_match(false, NO_ITEM_TAGS, ITEMPROP, NOT_PAGE_ITEMS) then
      local names = itemprop_names(n)
      if #names == 0 and n:tag() ~= "meta" and n:tag() ~= "link" then
        local s = n:attr("content") or text(n)
        names = s and #s < 100 and byline.names(s) or {}
      end
      if #names > 0 then
        return names
      end
    end
  end
  return {}
end

-- A dek (standfirst, subtitle) sits among the first elements after the headline, its class
-- naming it: "dek", "c-head_dek", "article-subhead", "headline__subtitle", "chapo", "lead".
local DEK_WORDS = { "dek", "deck", "standfirst", "subtitle", "subhead", "subheader", "description", "summary",
  "chapo", "teaser", "descp", "lead", "intro", "strapline" }
local DEK_GROUP = { DEK_WORDS }
local DEK_TAGS = { p = true, h2 = true, h3 = true, div = true, span = true }
-- Hint pieces of other things that also say "lead", "intro" or "description": a site's tagline,
-- a teaser card, lead art, the byline and dateline.
local NOT_DEK = { "site", "card", "image", "img", "media", "photo", "caption", "video", "author", "byline",
  "date", "time", "meta", "related", "promo", "nav", "menu" }

-- True when one of the hint's tokens is a dek word, alone or as the last or first piece of a
-- compound ("post__deck", "intro-text"; "subtitle-2", "leading-tight" are not).
local function dek_token(hints)
  for t in hints:gmatch("%S+") do
    for _, bad in ipairs(NOT_DEK) do
      if t:find(bad, 1, true) then
        return false
      end
    end
  end
  for t in hints:gmatch("%S+") do
    for _, w in ipairs(DEK_WORDS) do
      if t == w or (#t > #w and t:sub(-#w) == w and t:sub(-#w - 1, -#w - 1):find("[-_]"))
        or t:find("^" .. w .. "[-_]+%a") then
        return true
      end
    end
  end
  return false
end

-- The visible dek in the first 25 elements after the headline node a, or nil.
local function dek_after(a)
  local nodes, hints, tags = a:window_marks(0, 25, HINTS, 0, DEK_GROUP)
  for i = 1, #nodes do
    if DEK_TAGS[tags[i]] and dek_token(hints[i]) and not in_comments(nodes[i]) then
      local s = text(nodes[i])
      -- (Not a byline or a dateline that borrowed the class, nor a teaser linking elsewhere.)
      local link = s and nodes[i]:first("a[href]")
      if s and #s >= 10 and #s <= 500 and not dates.parse(s) and not s:find("^[Bb][Yy]%s")
        and not (link and #(text(link) or "") * 2 > #s) then
        return s
      end
    end
  end
  return nil
end

--- The visible dek right after the headline (the first 25 elements after it), or nil.
function M.dek(idx)
  for _, a in ipairs(idx.anchors or {}) do
    local s = dek_after(a)
    if s then
      return s
    end
  end
  return nil
end

--- The deks under each of the page's h1s (after M.h1s): {[h1 text] = dek} for the h1s
-- followed by one. (Read by the title among several h1s, see title.choose.)
function M.h1_deks(idx)
  local out = {}
  for _, h in ipairs(idx.h1_text or {}) do
    if out[h.text] == nil then
      out[h.text] = dek_after(h.node) or false
    end
  end
  return out
end

-- True when two ISO dates of one year read each other's day as the month.
local function swapped(a, b)
  return a:sub(1, 4) == b:sub(1, 4) and a:sub(6, 7) == b:sub(9, 10) and a:sub(9, 10) == b:sub(6, 7)
    and a:sub(6, 7) ~= a:sub(9, 10)
end

-- True when a text names a month in words ("1. November 2023"), which no order can misread.
local function named_month(s)
  for w in dates.lower(s):gmatch("[%a\128-\255]+") do
    if #w >= 3 and dates.MONTHS[w] then
      return true
    end
  end
  return false
end

-- A date set in one element per part, with no space between them: "<div class=date><span
-- class=month>Apr</span> <span class=day>04</span><span class=year>2013</span></div>" reads
-- "Apr 042013" as a whole; its parts joined with spaces read "Apr 04 2013". (Short texts of a
-- few parts only: a block of prose is no date.)
local function parts_date(n, s, opts)
  if not s or #s > 40 then
    return nil
  end
  local kids = n:children(true)
  if #kids < 3 or #kids > 12 then
    return nil
  end
  local parts = {}
  for _, k in ipairs(kids) do
    parts[#parts + 1] = k:content(60) or ""
  end
  return dates.parse(squash(table.concat(parts, " ")), opts)
end

local function node_date(n, opts)
  local dt = n:attr("datetime")
  local d = dates.parse(dt, opts) or dates.parse(n:attr("content"), opts)
    or dates.parse(n:attr("data-published"), opts) or dates.parse(n:attr("data-timestamp"), opts)
    or dates.parse(n:attr("data-utime"), opts) or dates.parse(n:attr("data-date"), opts)
    or dates.parse(n:attr("title"), opts)
  if not d then
    local s = squash(n:content())
    return dates.parse(s, opts) or parts_date(n, s, opts)
  end
  -- <time datetime="01-11-2023 10:29">1. November 2023 10:29</time>: the attribute's numbers are
  -- ambiguous, the shown month's name is not. (ISO values, the common case, are not.)
  if not (dt and dt:find("^%s*%d%d?[/.-]%d%d?[/.-]%d%d%d%d")) then
    return d
  end
  local s = n:content(300)
  local shown = s and named_month(s) and dates.parse(squash(s), opts)
  if shown and swapped(d, shown) then
    return shown
  end
  return d
end

-- ancestor::*[contains(@class,'comment') or contains(@class,'related')]
local NO_TAGS, CLASS, ASIDE_WORDS = {}, { "class" }, { "comment", "related" }
local function aside(n)
  return n:closest_match(false, NO_TAGS, CLASS, ASIDE_WORDS)
end

-- An address's path, without its query, fragment and final slash.
local function path_of(url)
  return (url:gsub("[?#].*$", ""):gsub("^%a[%w+.-]*://[^/]*", ""):gsub("/+$", ""))
end

-- True when a link leads to another page: not a fragment, not a permalink (rel=bookmark or the
-- page's own path).
local function links_away(a, page_url)
  local href = a:attr("href")
  return href ~= nil and href ~= "" and not href:find("^#")
    and not (a:attr("rel") or ""):find("bookmark", 1, true)
    and not (page_url and path_of(href) == path_of(page_url))
end

local TEASER_HEADS = "h1, h2, h3, h4, h5"

-- True when a block is one of a list: an item, or beside a sibling of its tag and class.
local function listed(x)
  if x:tag() == "li" then
    return true
  end
  local tag, class = x:tag(), x:attr("class")
  local function alike(y)
    return y ~= nil and y:tag() == tag and y:attr("class") == class
  end
  return alike(x:prev()) or alike(x:next())
end

local SUBHEADS = { h2 = true, h3 = true, h4 = true, h5 = true, h6 = true }

-- True when a date belongs to a teaser of another page: the nearest block around it that has a
-- heading is one of a list (an item, or beside a sibling of its tag and class; or an <article>)
-- and its heading links away ("<li><a href=/event-x><time>26. Januar</time></a><h3>...</h3>
-- </li>", "<div class=item><h4><a href=/artikel/y>...</a></h4><p>... <span class=newsDate>
-- 27.02.2020</span></p></div>"), or the date stands in such a link; or the date is inside a
-- heading inside a link away (a story's card). The page's own headline (or any h1) there makes
-- it the article's dateline; a repository's last commit date (a link, no listing) is the page's.
local function teaser_date(n, idx)
  local linked, headed, x = false, false, n
  for _ = 1, 5 do
    x = x:parent()
    if not x then
      return false
    end
    local tag = x:tag()
    if tag == "a" then
      if not links_away(x, idx.page_url) then
        return false
      end
      -- (A story's card: the date inside its heading, inside its link to the story, "<a
      -- href=/a-65464327><h2>Zuversichtlich <span class=date>24.04.2023</span></h2></a>".)
      if headed then
        return true
      end
      linked = true
    elseif tag == "body" or tag == "main" then
      return false
    elseif SUBHEADS[tag] and not linked then
      if x == idx.anchor then
        return false
      end
      headed = true
    else
      local h = x:first(TEASER_HEADS)
      if h then
        if h:tag() == "h1" or h == idx.anchor then
          return false
        end
        if not (listed(x) or tag == "article") then
          return false
        end
        local a = not linked and h:first("a[href]")
        return linked or (a and links_away(a, idx.page_url))
      end
    end
  end
  return false
end

--- Publication date from microdata, <time> and date-classed elements near the headline.
function M.date(idx)
  local win = entries(M.window(idx), "date")
  for _, e in ipairs(win) do
    local ip = e.node:attr("itemprop")
    if ip and e.tag ~= "meta" and (ip:find("datePublished", 1, true) or ip:find("dateCreated", 1, true)) then
      local d = node_date(e.node, idx.date_opts)
      if d then
        return d
      end
    end
  end
  local times = idx.times
  for _, n in ipairs(times) do
    local c = ((n:attr("class") or "") .. " " .. (n:attr("itemprop") or "")):lower()
    if n:attr("pubdate") or n:attr("data-published") or c:find("publish") or c:find("posted")
      or c:find("created") then
      local d = not aside(n) and node_date(n, idx.date_opts)
      if d and not teaser_date(n, idx) then
        return d
      end
    end
  end
  local seen = 0
  for i, n in ipairs(times) do
    -- (A listing's teasers do not count, up to a point: a menu of the latest stories may come
    -- first, but a page of hundreds of dated items is not read through.)
    if seen >= 3 or i > 64 then
      break
    end
    if not aside(n) and not teaser_date(n, idx) then
      seen = seen + 1
      local c = ((n:attr("class") or "") .. " " .. (n:attr("itemprop") or "")):lower()
      if not (c:find("updat") or c:find("modif")) then
        local d = node_date(n, idx.date_opts)
        if d then
          return d
        end
      end
    end
  end
  local tried = 0
  for _, e in ipairs(win) do
    local h = e.hints
    if not SKIP_TAGS[e.tag] and not h:find("updat") and not h:find("comment") and not h:find("join")
      and not h:find("related") then
      tried = tried + 1
      if tried > 12 then
        break
      end
      local s = squash(e.node:content())
      if s and #s < 200 then
        local d = node_date(e.node, idx.date_opts)
        if d and not teaser_date(e.node, idx) then
          return d
        end
      end
    end
  end
  return nil
end

--- A date in the visible text around the headline ("Published Dec 19, 2016").
function M.date_near_title(idx)
  local p = idx.anchor and idx.anchor:parent()
  for _ = 1, 3 do
    if not p then
      break
    end
    -- (nil when longer than 2000 bytes, without copying the text of a whole page)
    local s = p:content(2000)
    if not s then
      break
    end
    local d = dates.parse(squash(s), idx.date_opts)
    if d then
      return d
    end
    p = p:parent()
  end
  return nil
end

-- A dateline's words around its date: "Veröffentlicht am 16.08.2019", "Lübeck, 31. März 2003",
-- "1. Februar 2022, Daniel Dillenburg"; a sentence that mentions a date has more.
local DATELINE_WORDS = 8


-- Customers' ratings and testimonials date their writers' visits, not the page:
-- "<div class=ekomi-rating-details>Kundenbewertung 02.05.2020</div>".
local CLASS_ID, RATING_WORDS = { "class", "id" }, { "rating", "testimonial" }

--- A date standing on its own in the first texts from the headline on (a dateline without a
-- telling class or a <time>: "<p>January 22, 2014</p>", "<span>30.01.2022 18:36</span>"), or nil.
-- Not a table cell's (an infobox's "Founded 1998-02-28"), a comment's or a caption's, nor an
-- event's schedule; a "last updated" dateline is taken only when no other is there.
function M.date_text(idx)
  local updated
  for _, a in ipairs(idx.anchors or {}) do
    local texts, parents, cut = a:following_texts(40, 120, text_dates.HEAD)
    for i, t in ipairs(texts) do
      -- (Every date form holds a four-digit year: most texts are refused here. Digits alone are
      -- a count or an id, not epoch seconds; a link's address is no dateline.)
      local s = t:find("%d%d%d%d") and not t:find("://", 1, true) and squash(t)
      -- (A paragraph: only its opening dateline counts, "27.1.2022 - Bei der Erinnerung ...".)
      local opening = s and (cut[i] or word_count(s) > DATELINE_WORDS)
      local d
      if opening then
        d = text_dates.opening(s, idx.date_opts)
      else
        d = s and s:find("%D") and times_of_day(s) < 2 and dates.parse(s, idx.date_opts)
      end
      if d and not text_dates.data_cell(parents[i]) and not in_comments(parents[i])
        and not parents[i]:closest_match(true, NO_TAGS, CLASS_ID, RATING_WORDS)
        and not teaser_date(parents[i], idx) then
        local kind = opening and "published" or text_dates.kind(s, dates.lower(s))
        if kind == "published" then
          return d
        elseif kind == "update" then
          updated = updated or d
        end
      end
    end
  end
  return updated
end

function M.date_modified(idx)
  for _, e in ipairs(entries(M.window(idx), "date")) do
    local ip = e.node:attr("itemprop")
    if ip and e.tag ~= "meta" and ip:find("dateModified", 1, true) then
      local d = node_date(e.node, idx.date_opts)
      if d then
        return d
      end
    end
  end
  return nil
end

--- The original publisher of a syndicated story, announced by a "provider" hint near the headline.
function M.provider(idx)
  local found = 0
  for _, e in ipairs(entries(M.window(idx), "provider")) do
    if not SKIP_TAGS[e.tag] then
      found = found + 1
      if found > 3 then
        break
      end
      local n = e.node
      local s = text(n)
      if (not s or s == "") and n:first("img[alt]") then
        s = squash(n:first("img[alt]"):attr("alt"))
      end
      if s and #s > 1 and #s < 60 then
        return s
      end
    end
  end
  return nil
end

--- A rel=license link near the headline (<link rel=license> is read with the metas).
function M.license(idx)
  for _, e in ipairs(entries(M.window(idx), "license")) do
    local rel = e.tag == "a" and e.node:attr("rel")
    if rel and (" " .. rel:lower() .. " "):find(" license ", 1, true) then
      return e.node:attr("href")
    end
  end
  return nil
end

return M
