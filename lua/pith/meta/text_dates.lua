--- The last resort for a page's date: the first dateline anywhere in its body, when the declared
-- metadata, the markup around the headline and the URL gave none. Many small sites print
-- their date only as a short text of its own ("<span>27.01.2022</span>",
-- "<h3>21.01.2022</h3>", "Erschienen am: 01.11.2023", "Apr 7, 2009") with no telling class and
-- away from the headline pith found (or with no headline it could find).
local dates = require "pith.meta.dates"
local str = require "pith.meta.str"
local squash, word_count, times_of_day = str.squash, str.word_count, str.times_of_day

local M = {}

-- A dateline's words around its date ("Erstellt am: 30.01.2022 18:36 / sk"); a sentence that
-- mentions a date has more.
local MAX_WORDS = 8
-- Text nodes read from the body's start: far enough for a page behind a long menu.
local MAX_TEXTS = 1500

-- Not the page's own date: navigation, page footers, sidebars, comments, customers' ratings,
-- forms, figures' captions, event listings, links (to another page); nor a data table's cell
-- (M.data_cell).
local NO_TAGS = { "a", "nav", "footer", "aside", "form", "select", "figcaption", "figure", "button" }
local ATTRS = { "class", "id" }
local NO_WORDS = { "comment", "Comment", "sidebar", "Sidebar", "widget", "footer", "Footer", "related",
  "Related", "menu", "Menu", "calendar", "kalender", "event", "Event", "termin", "Termin", "reply", "cookie", "Cookie",
  "veranstaltung", "rating", "testimonial" }

local CELL_TAGS, NO_ATTRS, NO_CELL_WORDS = { "td", "th" }, {}, {}

--- True when the element `n` stands in a table cell that holds data (a calendar's day, an
-- infobox's "Founded 1998-02-28", a price list's row): a cell whose row has others. A row of one
-- cell is the page's layout ("<tr><td colspan=2>Xinhua ( 2012-06-04 09:20:26 )</td></tr>" of an
-- old news site built of tables), whose dateline is the page's.
function M.data_cell(n)
  if not n:closest_match(true, CELL_TAGS, NO_ATTRS, NO_CELL_WORDS) then
    return false
  end
  local x = n
  for _ = 1, 8 do
    if not x then
      return true
    end
    local tag = x:tag()
    if tag == "td" or tag == "th" then
      local row = x:parent()
      return not row or #row:children() > 1
    end
    x = x:parent()
  end
  return true
end

-- A reference's date of access ("Abgerufen am 09.11.2022", "Retrieved 3 May 2020"): the
-- reader's day, not the page's.
local ACCESS_WORDS = { "abgerufen", "retrieved", "accessed", "consulté", "consultado", "consultato" }

-- A span of days ("23.10.2015 - 25.10.2015", "14. - 20. Januar 2022"): an event's or a report's
-- period, not a publication day. (Not "12.03.2020 - 14:30", a day and its time, and not an ISO
-- date, whose hyphens have no space and no dot before them.)
local function is_range(s)
  s = s:gsub("\226\128[\147\148]", "-")
  local dash = s:find("%d%.?%s+%-%s*%d") or s:find("%d%.%-%d") or s:find("%d%.?%s+bis%s+%d")
  if dash then
    local after = s:match("^[^%d]*(%d.*)", s:find("[-s]", dash + 1))
    return after and (after:find("^%d%d?%.%d%d?%.") or after:find("^%d%d?%.?%s")) and true
  end
  return false
end

-- Datelines of an update, kept only when there is no other.
local UPDATE_WORDS = { "updat", "aktualisiert", "stand", "modifi", "mis à jour", "actualiza", "aggiornat", "edited",
  "geändert", "änderung", "bearbeitet" }

--- What a short dated text `s` (lowercased `low`) says of the page: "refused" when it dates no
-- publication (it spans days or names a reference's access), "update" for an update's dateline,
-- else "published". (dom.date_text asks too.)
function M.kind(s, low)
  if is_range(s) or str.has_any(low, ACCESS_WORDS) then
    return "refused"
  end
  return str.has_any(low, UPDATE_WORDS) and "update" or "published"
end

-- The bytes of a paragraph read for its opening dateline: a place, a date and a time fit.
M.HEAD = 60

-- A date's forms at the start of a text: "27.1.2022", "2022-01-27", "1/27/2022",
-- "21. November 2022", "November 21, 2022".
local OPENING_FORMS = { "^%d%d?%.%s?%d%d?%.%s?%d%d%d%d", "^%d%d%d%d%-%d%d%-%d%d", "^%d%d?/%d%d?/%d%d%d%d",
  "^%d%d?%.?%s[%a\128-\255]+%.?%s%d%d%d%d", "^[%a\128-\255]+%.?%s%d%d?,?%s%d%d%d%d" }

--- The date a paragraph opens with, as a dateline set apart from its first sentence: by a
-- dash, a colon or a bar ("27.1.2022 - Bei der Erinnerung ...", "29.11.2022 – Mehrfach ..."),
-- by the brackets it stands in ("(21. November 2022) Energieverbraucher ...", "Karlsruhe,
-- (12.11.2021). Traditionell ...") or by the quote that opens the text ("01.02.2022 „Der
-- Arbeitsmarkt ..."); a place may come first ("Karlsruhe, "). A sentence that begins with a
-- date ("1. Januar 2022 tritt das Gesetz ...") is not one. `s`: the paragraph's head, squashed.
function M.opening(s, opts)
  -- (Not a span of days, nor an event's hours: "Sa., 22.01.2022, 9:00 – 17:00 Uhr".)
  if is_range(s) or times_of_day(s) > 1 then
    return nil
  end
  local at = 1
  -- (A place: one to three capitalised words and a comma.)
  local place = s:match("^%u[%a\128-\255%.%-]*%s?[%a\128-\255%.%-]*%s?[%a\128-\255%.%-]*,%s()")
  if place and place <= 40 then
    at = place
  end
  local open = s:sub(at, at) == "("
  if open then
    at = at + 1
  end
  local rest = s:sub(at)
  for _, form in ipairs(OPENING_FORMS) do
    local i, j = rest:find(form)
    if i then
      local after = rest:sub(j + 1)
      -- (A time of day may follow the date: "12.03.2020, 14:30 Uhr – ...".)
      after = after:gsub("^,?%s*%d%d?[:.]%d%d%s*[Uu]?h?r?", "")
      local set_apart
      if open then
        set_apart = after:find("^%)") ~= nil
      else
        set_apart = after:find("^%s*[-|:]%s") or after:find("^%s*\226\128[\147\148]%s")
          or after:find("^%s*\226\128[\156\158]") or after:find("^%s*\194\171") or after:find('^%s*"')
      end
      return set_apart and dates.parse(rest:sub(i, j), opts) or nil
    end
  end
  return nil
end

-- How far a listing's next dated item may follow its first: a teaser's title, summary and
-- rating lie between.
local LISTING_GAP = 20

--- True when the dated text i is one item of a listing: another dated text follows soon in an
-- element of the same tag and class ("<span class=clock>Rezept vom 2 Aug. 2013</span>" in each
-- of a sidebar's recipes, "Kundenbewertung 02.05.2020" in each customer review).
-- (`seen`: the tags and classes of listings found so far, whose later items are listed too.)
function M.listed(texts, parents, i, seen)
  local p = parents[i]
  local class = p:attr("class")
  if not class or class == "" then
    return false
  end
  local tag = p:tag()
  local key = tag .. " " .. class
  if seen[key] then
    return true
  end
  for j = i + 1, math.min(#texts, i + LISTING_GAP) do
    local q = parents[j]
    if q ~= p and q:attr("class") == class and q:tag() == tag and texts[j]:find("%d%d") then
      seen[key] = true
      return true
    end
  end
  return false
end

--- The first date standing on its own in the body's texts (an update's only when no other is
-- there), or nil. `opts` are dates.parse's (the page language's numeric order).
function M.find(doc, opts)
  local body = doc:body()
  if not body then
    return nil
  end
  local texts, parents, cut = body:following_texts(MAX_TEXTS, 120, M.HEAD)
  local updated
  local listings = {}
  for i, t in ipairs(texts) do
    -- (Cheap refusals first: most texts hold no four digits and no dotted or slashed numbers.)
    if t:find("%d") and (t:find("%d%d%d%d") or t:find("%d[./]%s?%d%d?[./]%s?%d%d")) then
      local s = squash(t)
      -- (A longer text is a paragraph: only its opening dateline counts.)
      local opening = cut[i] or word_count(s) > MAX_WORDS
      local d
      if opening then
        d = M.opening(s, opts)
      else
        d = s:find("%D") and times_of_day(s) < 2 and not s:find("©", 1, true) and dates.parse(s, opts)
      end
      if d and not parents[i]:closest_match(true, NO_TAGS, ATTRS, NO_WORDS) and not M.data_cell(parents[i])
        and not M.listed(texts, parents, i, listings) then
        local low = dates.lower(s)
        -- (An opening dateline stands alone before its sentence: the words after it are prose.)
        local kind = opening and "published" or M.kind(s, low)
        -- (A copyright's year counts as an update's.)
        if kind == "published" and not low:find("copyright", 1, true) then
          return d
        elseif kind ~= "refused" then
          updated = updated or d
        end
      end
    end
  end
  return updated
end

return M
