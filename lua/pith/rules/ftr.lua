--- FiveFilters ftr-site-config files (`directive: value` lines, XPath 1.0 values) read into pith's
-- own rule tables, so the community's site files work unchanged. The file name gives the hosts:
-- "example.com.txt" serves example.com and www.example.com, ".example.com.txt" the subdomains
-- one label below. Directives pith cannot honour are reported once per file, never dropped silently.
local query = require "pith.rules.query"

local M = {}

-- Directives read into the rule (the rest are reported).
local MULTI = { title = "title", author = "author", date = "date" }
-- Accepted with nothing to do: libxml2 already repairs markup (tidy), fetching is not pith's job
-- (http_header), and "no" values of prune/autodetect_on_failure match pith's defaults.
local NOOP = { tidy = true, http_header = true, parser = true, test_contains = true }

local function trim(s)
  return (s:match("^%s*(.-)%s*$"))
end

--- Hosts a file name serves (nil for names that are not site files, such as global.txt).
function M.hosts_for(filename)
  local base = filename:match("([^/]+)%.txt$")
  if not base or base == "global" then return nil end
  base = base:lower()
  if base:sub(1, 1) == "." then return { base }, true end
  return { (base:gsub("^www%.", "")) }, false
end

-- Field values are XPath 1.0 and may be string-valued (substring-after(...)): string() reads
-- either kind, taking the first node in document order like FiveFilters does.
local function field_xpath(v)
  return { xpath = "string(" .. v .. ")" }
end

--- Parses the text of one site file. Returns a raw rule table (for compile.lua) and a list of
-- "unsupported directive" notes; `name` is the file path, used in ids and messages.
function M.parse(text, name)
  local hosts, wildcard = M.hosts_for(name)
  local raw = {
    id = "ftr:" .. (name:match("([^/]+)%.txt$") or name), version = "ftr",
    match = { hosts = hosts or {} }, fields = {}, remove = {}, rewrite = {}, tests = {},
    content = { select = {}, transforms = {} },
  }
  local finds, replaces = {}, {}
  local unsupported, order = {}, {}
  local last_test
  local lineno = 0
  local function note(directive, why)
    if not unsupported[directive] then
      unsupported[directive] = { line = lineno, why = why, count = 0 }
      order[#order + 1] = directive
    end
    unsupported[directive].count = unsupported[directive].count + 1
  end
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    lineno = lineno + 1
    line = trim(line:gsub("\r$", ""))
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local key, value = line:match("^([^:]+):(.*)$")
      if key then
        key, value = trim(key), trim(value)
        local base, param = key:match("^([%w_]+)%((.*)%)$")
        key = (base or key):lower()
        local yes = value:lower() == "yes" or value:lower() == "true"
        if MULTI[key] then
          local f = raw.fields[MULTI[key]] or {}
          f[#f + 1] = field_xpath(value)
          raw.fields[MULTI[key]] = f
        elseif key == "body" then
          raw.content.select[#raw.content.select + 1] = { xpath = value }
        elseif key == "strip" then
          raw.remove[#raw.remove + 1] = { xpath = value }
        elseif key == "strip_id_or_class" then
          raw.remove[#raw.remove + 1] = { id_or_class = (value:gsub("^['\"](.*)['\"]$", "%1")) }
        elseif key == "strip_image_src" then
          raw.remove[#raw.remove + 1] = { xpath = "//img[contains(@src, " .. query.xpath_literal(value) .. ")]" }
        elseif key == "dissolve" then
          raw.content.transforms[#raw.content.transforms + 1] = { value, "unwrap" }
        elseif key == "find_string" then
          finds[#finds + 1] = value
        elseif key == "replace_string" and param then
          raw.rewrite[#raw.rewrite + 1] = { param, value }
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
        elseif (key == "prune" or key == "autodetect_on_failure") and not yes then -- luacheck: ignore 542
        elseif key == "prune" then
          note(key, "the generic cleaner already runs on rule content")
        else
          note(key, "not supported by pith")
        end
      end
    end
  end
  if #finds == #replaces then
    for i = 1, #finds do raw.rewrite[#raw.rewrite + 1] = { finds[i], replaces[i] } end
  elseif #finds > 0 or #replaces > 0 then
    note("find_string", "find_string/replace_string counts differ (" .. #finds .. "/" .. #replaces ..
         "); both dropped, as FiveFilters does")
  end
  if #raw.tests == 0 then raw.tests = nil end
  if #raw.content.transforms == 0 then raw.content.transforms = nil end
  if #raw.content.select == 0 then raw.content.select = nil end
  local notes = {}
  for _, d in ipairs(order) do
    local u = unsupported[d]
    notes[#notes + 1] = string.format("%s:%d: FiveFilters directive '%s' ignored (%d line%s): %s",
      name, u.line, d, u.count, u.count == 1 and "" or "s", u.why)
  end
  return raw, notes, wildcard
end

return M
