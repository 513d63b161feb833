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

-- Not the page's own date: navigation, page footers, sidebars, comments, tables (calendars,
-- price lists, infoboxes), forms, figures' captions, event listings, links (to another page).
local NO_TAGS = { "a", "nav", "footer", "aside", "td", "th", "form", "select", "figcaption", "figure", "button" }
local ATTRS = { "class", "id" }
local NO_WORDS = { "comment", "Comment", "sidebar", "Sidebar", "widget", "footer", "Footer", "related",
  "Related", "menu", "Menu", "calendar", "kalender", "event", "Event", "termin", "Termin", "reply", "cookie", "Cookie",
  "veranstaltung" }

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

--- The first date standing on its own in the body's texts (an update's only when no other is
-- there), or nil. `opts` are dates.parse's (the page language's numeric order).
function M.find(doc, opts)
  local body = doc:body()
  if not body then
    return nil
  end
  local texts, parents = body:following_texts(MAX_TEXTS, 120)
  local updated
  for i, t in ipairs(texts) do
    -- (Cheap refusals first: most texts hold no four digits and no dotted or slashed numbers.)
    if t:find("%d") and (t:find("%d%d%d%d") or t:find("%d[./]%s?%d%d?[./]%s?%d%d")) then
      local s = squash(t)
      local d = s:find("%D") and word_count(s) <= MAX_WORDS and times_of_day(s) < 2
        and not s:find("©", 1, true) and dates.parse(s, opts)
      if d and not parents[i]:closest_match(true, NO_TAGS, ATTRS, NO_WORDS) then
        local low = dates.lower(s)
        local kind = M.kind(s, low)
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
