--- FiveFilters ftr-site-config files (`directive: value` lines, XPath 1.0 values) read into pith's
-- own rule tables, so the community's site files work unchanged. Host matching is FiveFilters'
-- own loader's (SiteConfig::build): "www." is cut from the page's host, then "host.txt" is tried,
-- then ".parent.txt" for the host less its first label. So "example.com.txt" serves example.com
-- and www.example.com, ".example.com.txt" the hosts one label below example.com, and a file named
-- "www.*.txt" is never read. Directives pith cannot honour are reported once per file (with the
-- first line and why), never dropped silently; so are lines that are no directive at all.
local byline = require "pith.meta.byline"
local dates = require "pith.meta.dates"
local prune = require "pith.rules.prune"
local query = require "pith.rules.query"
local xpath_check = require "pith.rules.xpath_check"

local M = {}

-- Read as XPath 1.0 expressions (checked here, so one bad line costs that line, as in FiveFilters
-- where DOMXPath returns false for it and the next pattern is tried, not the whole file).
local XPATH = {
  title = true, body = true, author = true, date = true, strip = true, strip_attr = true,
  post_strip_attr = true, dissolve = true, src_lazy_load_attr = false,
}
-- Accepted with nothing to do: libxml2 already repairs markup (tidy, parser), fetching is not
-- pith's job (http_header is kept for callers that fetch), test_contains belongs to test_url.
local NOOP = { tidy = true, parser = true, test_contains = true }
-- yes/no directives whose "no" (or "yes") is what pith always does.
local PITH_DOES = {
  -- pith never inserts the lead image into the content: the record's `image` field carries it
  insert_detected_image = "no",
  -- pith's text and Markdown already turn two <br> in a row into a paragraph break
  convert_double_br_tags = "yes",
  -- pith's output never carries HTML comments
  strip_comments = "yes",
  -- pith never turns links into footnotes
  footnotes = "no",
  autodetect_next_page = "no",
  requires_login = "no",
  autodetect_on_failure = "yes",
  skip_json_ld = "no",
}
local FETCH = "needs another page fetched (or a login); pith extracts the page it is given and never fetches"
local WHY = {
  single_page_link = FETCH, single_page_link_in_feed = FETCH, next_page_link = FETCH,
  autodetect_next_page = FETCH, if_page_contains = FETCH, requires_login = FETCH, login_uri = FETCH,
  login_username_field = FETCH, login_password_field = FETCH, login_extra_fields = FETCH,
  not_logged_in_xpath = FETCH,
  autodetect_on_failure = "pith always falls back to its own extractor for what a rule does not find",
  native_ad_clue = "pith's record has no native-ad flag",
  wrap_in = "pith's node API cannot create elements",
  move_into = "pith's node API cannot move elements",
  insert_detected_image = "pith never inserts the lead image into the content (the record's image field has it)",
  strip_comments = "pith's output never carries HTML comments",
  footnotes = "pith never turns links into footnotes",
}
-- The attributes pith's clean HTML keeps (cleanhtml.c); it drops the rest (class, style, srcset...).
local OUTPUT_ATTRS = { href = true, src = true, alt = true, title = true, colspan = true, rowspan = true,
                       start = true }
-- Directives of FiveFilters' format that pith does not read (the rest are unknown: typos).
local KNOWN = {
  single_page_link_in_feed = true, native_ad_clue = true, wrap_in = true, move_into = true,
  login_uri = true, login_username_field = true, login_password_field = true, login_extra_fields = true,
  not_logged_in_xpath = true, if_page_contains = true, single_page_link = true, next_page_link = true,
}

local trim = require("pith.meta.str").strip

--- Hosts a file name serves, and whether it is a wildcard; nil and why for names FiveFilters'
-- loader never reads (global.txt is merged by it, not matched; "www." is cut before the lookup).
function M.hosts_for(filename)
  local base = filename:match("([^/]+)%.txt$")
  if not base then return nil, "not a .txt file" end
  -- LICENSE.txt, global.txt (merged by FiveFilters, never matched): no host has such a name
  if not base:find(".", 2, true) then return nil, base .. ".txt is not a site file" end
  if base ~= base:lower() then
    return nil, "FiveFilters looks up lower-case file names only (name it " .. base:lower() .. ".txt)"
  end
  if base:sub(1, 4) == "www." then
    return nil, "FiveFilters never reads a file named www.*: it cuts \"www.\" from the host first " ..
      "(name it " .. base:sub(5) .. ".txt)"
  end
  if base:sub(1, 1) == "." then return { base }, true end
  return { base }, false
end

-- Field values are XPath 1.0 and may be string-valued (substring-after(...)): string() reads
-- either kind, taking the first node in document order like FiveFilters does.
local function field_xpath(v)
  return { xpath = "string(" .. v .. ")" }
end

-- FiveFilters reads a date with strtotime(); pith's date reader is the equivalent. A value it
-- cannot read is no date: the next pattern (or the generic metadata) gives it.
local function read_date(v)
  return dates.parse(v)
end

-- Every node an author pattern selects is an author, as in FiveFilters' author list, each once
-- (a byline link is often on the page twice) and read as names ("By A and B" -> A, B) as pith's
-- metadata reads bylines: the record's `authors`, and `author` joined as pith's metadata joins
-- them. A function candidate: a field's candidates yield no list to dedupe.
local function authors_of(q)
  return function(doc, ctx)
    local out, seen = {}, {}
    for _, v in ipairs(query.values(q, doc, ctx)) do
      local names = byline.names(v)
      if #names == 0 then names = { v } end
      for _, n in ipairs(names) do
        if not seen[n] then
          seen[n] = true
          out[#out + 1] = n
        end
      end
    end
    return out
  end
end

-- "X/@name" (strip_attr): the elements X and the attribute to delete from them.
local function attr_target(v)
  local path, name = v:match("^(.-)/@([%a_][%w_:%-]*)$")
  if not path or path:find("|", 1, true) then return nil end
  if path == "" or path == "/" then path = "//*" end
  if path:sub(-1) == "/" then path = path .. "*" end
  return path .. "[@" .. name .. "]", name
end

-- One step "//tag[test]" of a strip XPath as CSS, or nil: tag a lower-case name or *, test one
-- of @a='v', contains(@a,'v') (v not empty), @a; names lower-case, as libxml2's HTML parser
-- gives them (an XPath naming DIV matches nothing, CSS DIV would match).
local function step_css(x)
  local tag, test = x:match("^%s*//([%l][%l%d%-]*)%s*(.-)%s*$")
  if not tag then tag, test = x:match("^%s*//(%*)%s*(.-)%s*$") end
  if not tag then return nil end
  if test == "" then return tag end
  local a, _, v = test:match("^%[%s*@([%l][%l%d_%-]*)%s*=%s*(['\"])(.-)%2%s*%]$")
  if a and not v:find("['\"]") then return tag .. "[" .. a .. "=" .. query.css_string(v) .. "]" end
  a, _, v = test:match("^%[%s*contains%(%s*@([%l][%l%d_%-]*)%s*,%s*(['\"])(.-)%2%s*%)%s*%]$")
  if a and v ~= "" and not v:find("['\"]") then return tag .. "[" .. a .. "*=" .. query.css_string(v) .. "]" end
  a = test:match("^%[%s*@([%l][%l%d_%-]*)%s*%]$")
  if a then return tag .. "[" .. a .. "]" end
  return nil
end

-- A strip XPath as a CSS selector group (simple steps joined by "|"), or nil. (A "|" inside a
-- literal leaves pieces no step pattern accepts: nil.)
local function strip_css(xpath)
  local out = {}
  for part in (xpath .. "|"):gmatch("([^|]*)|") do
    local css = step_css(part)
    if not css then return nil end
    out[#out + 1] = css
  end
  return table.concat(out, ", ")
end

-- Does what a strip XPath matches depend on what other strip lines removed first? Not when its
-- steps go down the tree (/, //) and its predicates test the step's own attributes only: a node
-- such a step matches keeps its attributes and ancestors while it is in the tree. A sibling or
-- any other axis, a position, a text or child test ("." "/" inside a predicate) may change.
local function depends_on_order(xpath)
  local code = xpath:gsub("(['\"])(.-)%1", function(q, body) return q .. ("x"):rep(#body) .. q end)
  if code:find("::", 1, true) or code:find(".", 1, true) or code:find("%[%s*%d") then return true end
  for _, f in ipairs { "text(", "node(", "last(", "position(", "count(", "id(" } do
    if code:find(f, 1, true) then return true end
  end
  local depth = 0
  for c in code:gmatch("[%[%]/]") do
    if c == "[" then depth = depth + 1
    elseif c == "]" then depth = depth - 1
    elseif depth > 0 then return true end
  end
  return false
end

-- FiveFilters' strip_id_or_class: elements whose class or id CONTAINS the string (its
-- ContentExtractor queries //*[contains(@class, 'x') or contains(@id, 'x')], as graby does):
-- "ad" strips class="header" too, and the files are written against that.
local function id_or_class_xpath(name)
  local lit = query.xpath_literal(name)
  return "//*[contains(@class, " .. lit .. ") or contains(@id, " .. lit .. ")]"
end

-- Strings the page source must hold for a strip XPath to match anything (so that a line written
-- for markup the page lacks costs a plain search, not a walk): the values its attribute tests
-- require, when every test is required (no "or", "not(", "|") and the value is plain text,
-- written in the source as is.
local function xpath_needles(xpath)
  local code = xpath:gsub("(['\"])(.-)%1", function(q, body) return q .. ("x"):rep(#body) .. q end)
  if code:find("|", 1, true) or code:find("%f[%w]or%f[%W]") or code:find("not(", 1, true) then return nil end
  local out = {}
  for v in xpath:gmatch("@[%w_%-]+%s*=%s*'([^']*)'") do out[#out + 1] = v end
  for v in xpath:gmatch('@[%w_%-]+%s*=%s*"([^"]*)"') do out[#out + 1] = v end
  for v in xpath:gmatch("contains%(%s*@[%w_%-]+%s*,%s*'([^']*)'%s*%)") do out[#out + 1] = v end
  for v in xpath:gmatch('contains%(%s*@[%w_%-]+%s*,%s*"([^"]*)"%s*%)') do out[#out + 1] = v end
  local plain = {}
  for _, v in ipairs(out) do
    v = v:match("^%s*(.-)%s*$")
    if v ~= "" and v:match("^[%w%-_./: ]+$") then plain[#plain + 1] = v end
  end
  return #plain > 0 and plain or nil
end

--- Parses the text of one site file. Returns a raw rule table (for compile.lua) and a list of
-- notes (directives and lines pith does not honour); `name` is the file path, used in ids and
-- messages. opts.precheck: compile every XPath here and drop the lines libxml2 rejects (for a
-- file whose rule failed to compile: the cost is paid by broken files only). opts.literal: strip
-- lines as FiveFilters evaluates them, one XPath each in order (specs compare the fast forms).
function M.parse(text, name, opts)
  local hosts, wildcard = M.hosts_for(name)
  local raw = {
    id = "ftr:" .. (name:match("([^/]+)%.txt$") or name), version = "ftr",
    match = { hosts = type(hosts) == "table" and hosts or {} }, fields = {}, remove = {}, rewrite = {},
    tests = {}, content = { select = {}, transforms = {} },
  }
  local finds, replaces = {}, {}
  local unsupported, order = {}, {}
  local lines_notes = {}
  local last_test
  local strips = {}
  local pruned = true -- FiveFilters' default
  local lineno = 0
  local function note(directive, why)
    if not unsupported[directive] then
      unsupported[directive] = { line = lineno, why = why, count = 0 }
      order[#order + 1] = directive
    end
    unsupported[directive].count = unsupported[directive].count + 1
  end
  local function transform(xpath, fn)
    raw.content.transforms[#raw.content.transforms + 1] = { xpath, fn }
  end
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    lineno = lineno + 1
    line = trim(line)
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local key, value = line:match("^([^:]+):(.*)$")
      local base, param
      if key then
        key, value = trim(key), trim(value)
        base, param = key:match("^([%w_]+)%((.*)%)$")
        key = (base or key):lower()
      end
      local yes = value and (value:lower() == "yes" or value:lower() == "true")
      local bad_xpath
      if key and XPATH[key] and value ~= "" then
        local ok, why = xpath_check.check(value)
        if ok and opts and opts.precheck then ok, why = query.compile({ xpath = value }) end
        if not ok then bad_xpath = why end
      end
      if not key or not key:match("^[%w_]+$") or (key == "https" or key == "http") and value:sub(1, 2) == "//" then
        note("(malformed)", "not a 'directive: value' line")
      elseif value == "" and key ~= "replace_string" then
        note(key, "no value")
      elseif bad_xpath then
        lines_notes[#lines_notes + 1] = string.format("%s:%d: FiveFilters directive '%s' ignored: %s",
          name, lineno, key, bad_xpath)
      elseif key == "title" or key == "date" then
        local f = raw.fields[key] or {}
        f[#f + 1] = field_xpath(value)
        if key == "date" then f.clean = read_date end
        raw.fields[key] = f
      elseif key == "author" then
        local q, err = query.compile({ xpath = value, all = true })
        if q then
          local f = raw.fields.authors or {}
          f[#f + 1] = authors_of(q)
          raw.fields.authors = f
        else
          lines_notes[#lines_notes + 1] = string.format("%s:%d: FiveFilters directive 'author' ignored: %s",
            name, lineno, err)
        end
      elseif key == "body" then
        raw.content.select[#raw.content.select + 1] = { xpath = value }
      elseif key == "strip" and attr_target(value) then
        -- FiveFilters removes the attribute nodes a strip line selects: strip_attr
        local path, attr = attr_target(value)
        transform(path, function(n) n:set_attr(attr, nil) end)
      elseif key == "strip" then
        strips[#strips + 1] = { xpath = value, css = strip_css(value), needles = xpath_needles(value) }
      elseif key == "strip_id_or_class" then
        -- FiveFilters' XPath: the string anywhere in the class or id
        local v = value:gsub("['\"]", "")
        local s = query.css_string(v)
        strips[#strips + 1] = { xpath = id_or_class_xpath(v), needles = v ~= "" and { v } or nil,
                                css = v ~= "" and "[class*=" .. s .. "], [id*=" .. s .. "]" or nil }
      elseif key == "strip_image_src" then
        local v = value:gsub("['\"]", "")
        strips[#strips + 1] = { xpath = "//img[contains(@src, " .. query.xpath_literal(v) .. ")]",
                                needles = v:match("^[%w%-_./:]+$") and { v } or nil,
                                css = v ~= "" and "img[src*=" .. query.css_string(v) .. "]" or nil }
      elseif key == "strip_attr" or key == "post_strip_attr" then
        local path, attr = attr_target(value)
        if not path then
          note(key, "pith deletes attributes selected as 'XPATH/@name' only")
        elseif key == "strip_attr" or OUTPUT_ATTRS[attr:lower()] then
          transform(path, function(n) n:set_attr(attr, nil) end)
        end
        -- (post_strip_attr cleans FiveFilters' output HTML: pith's clean HTML drops that attribute)
      elseif key == "src_lazy_load_attr" then
        if value:match("^[%a_][%w_:%-]*$") then
          -- as FiveFilters does for its own list (data-src, data-lazy-src...): the image's address
          transform("//img[@" .. value .. "]", function(n) n:set_attr("src", n:attr(value)) end)
        else
          note(key, "not an attribute name")
        end
      elseif key == "skip_json_ld" and yes then
        -- the page's JSON-LD is not read for this site: hidden from pith's metadata before parsing
        raw.rewrite[#raw.rewrite + 1] = { "application/ld+json", "application/x-ftr-skipped-ld-json" }
      elseif key == "prune" then
        pruned = yes
      elseif key == "dissolve" then
        transform(value, "unwrap")
      elseif key == "find_string" then
        finds[#finds + 1] = value
      elseif key == "replace_string" and param then
        if param == "" then note(key, "replace_string() with nothing to find") end
        if param ~= "" then raw.rewrite[#raw.rewrite + 1] = { param, value } end
      elseif key == "replace_string" then
        replaces[#replaces + 1] = value
      elseif key == "test_url" then
        last_test = { url = value, contains = {} }
        raw.tests[#raw.tests + 1] = last_test
      elseif key == "test_contains" and last_test then
        last_test.contains[#last_test.contains + 1] = value
      elseif key == "http_header" then
        raw.http = raw.http or { headers = {} }
        if param then raw.http.headers[param:lower()] = value end
      elseif NOOP[key] then -- luacheck: ignore 542
      elseif PITH_DOES[key] and (yes and "yes" or "no") == PITH_DOES[key] then -- luacheck: ignore 542
      elseif WHY[key] then
        note(key, WHY[key])
      elseif KNOWN[key] or PITH_DOES[key] then
        note(key, "not supported by pith")
      else
        note(key, "unknown directive (a typo?)")
      end
    end
  end
  if #finds == #replaces then
    for i = 1, #finds do raw.rewrite[#raw.rewrite + 1] = { finds[i], replaces[i] } end
  elseif #finds > 0 or #replaces > 0 then
    note("find_string", "find_string/replace_string counts differ (" .. #finds .. "/" .. #replaces ..
         "); both dropped, as FiveFilters does")
  end
  -- CSS where a strip line can be, so that it joins the rule's one walk of the page instead of
  -- walking it once per line. CSS removals run after the XPath ones: so only for the lines after
  -- the last XPath line whose matches depend on what was removed before it (the lines before it
  -- stay XPath, in FiveFilters' order).
  local last_dependent = 0
  for i, st in ipairs(strips) do
    if not st.css and depends_on_order(st.xpath) then last_dependent = i end
  end
  for i, st in ipairs(strips) do
    if opts and opts.literal then
      raw.remove[#raw.remove + 1] = { xpath = st.literal or st.xpath }
    else
      raw.remove[#raw.remove + 1] = (st.css and i > last_dependent) and { css = st.css } or
        { xpath = st.xpath, needles = st.needles }
    end
  end
  if pruned and #raw.content.select > 0 then
    -- runs once on each body node the rule chose (before the other transforms, as FiveFilters
    -- prunes as it picks the body); never on the whole page a rule without a match leaves
    table.insert(raw.content.transforms, 1, { "./descendant-or-self::*[1]", function(n)
      if n:tag() ~= "body" then prune.run(n) end
    end })
  end
  -- FiveFilters strips these publisher hints on every site it has a file for
  raw.remove[#raw.remove + 1] = { css = ".entry-unrelated, .instapaper_ignore" }
  if #raw.tests == 0 then raw.tests = nil end
  if #raw.content.transforms == 0 then raw.content.transforms = nil end
  if #raw.content.select == 0 then raw.content.select = nil end
  local notes = {}
  for _, d in ipairs(order) do
    local u = unsupported[d]
    local what = d == "(malformed)" and "line" or "FiveFilters directive '" .. d .. "'"
    notes[#notes + 1] = string.format("%s:%d: %s ignored (%d line%s): %s",
      name, u.line, what, u.count, u.count == 1 and "" or "s", u.why)
  end
  for _, n in ipairs(lines_notes) do notes[#notes + 1] = n end
  return raw, notes, wildcard
end

return M
