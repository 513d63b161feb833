--- Validates a rule table and compiles it into the form apply.lua runs: every selector and
-- pattern compiled here, once, so a typo fails at load with the file and line, never mid-batch.
local core = require "pith.core"
local literal = require "pith.rules.literal"
local math_type = require("pith.compat").math_type
local query = require "pith.rules.query"

local M = {}

--- Field names a rule may provide (the record's fields; `content` is the article node).
M.FIELDS = {
  title = true, author = true, authors = true, date = true, date_modified = true, description = true,
  image = true, sitename = true, provider = true, language = true, tags = true, categories = true,
  license = true, url = true, content = true,
}
local LIST_FIELDS = { authors = true, tags = true, categories = true }

local TOP = {
  id = "string", version = "string", description = "string", priority = "number", match = "table",
  rewrite = "table", remove = "table", remove_text = "table", fields = "table", content = "table",
  tests = "table", http = "table", timezone = "string",
}
local MATCH = { hosts = "table", urls = "table", fingerprint = "any" }
local CONTENT = { select = "table", clean = "table", transforms = "table", remove_text = "table",
                  min_chars = "number" }
local TEXT_RULE = { pattern = "string", flags = "string", scope = "string", max_chars = "number" }
local SCOPES = { self = true, block = true, container = true }
local TEST = { fixture = "string", url = "string", expect = "table", contains = "table", absent = "table",
               content = "string" }

-- Best-effort line of a key in the rule's source, so "unknown field" points somewhere useful.
local function line_of(source, key)
  if not source or type(key) ~= "string" then return nil end
  local pos = source:find("[%s{,]" .. key:gsub("%p", "%%%0") .. "%s*=") or
              source:find("%[%s*[\"']" .. key:gsub("%p", "%%%0") .. "[\"']%s*%]")
  if not pos then return nil end
  local _, n = source:sub(1, pos):gsub("\n", "")
  return n + 1
end

local Ctx = {}
Ctx.__index = Ctx

function Ctx:fail(msg, key, needle)
  local line
  if needle and self.source then
    local pos = self.source:find(needle, 1, true)
    if pos then line = select(2, self.source:sub(1, pos):gsub("\n", "")) + 1 end
  end
  line = line or line_of(self.source, key)
  error({ msg = self.file .. ":" .. (line and (line .. ":") or "") .. " " .. msg }, 0)
end

function Ctx:check_keys(t, allowed, where)
  for k, v in pairs(t) do
    local want = allowed[k]
    if not want then
      self:fail("unknown field '" .. tostring(k) .. "' in " .. where, k)
    elseif want ~= "any" and type(v) ~= want then
      self:fail(where .. "." .. tostring(k) .. " must be a " .. want .. ", got " .. type(v), k)
    end
  end
end

function Ctx:query(spec, where, key)
  local q, err = query.compile(spec)
  if not q then
    local needle = type(spec) == "string" and spec or type(spec) == "table" and (spec.css or spec.xpath) or nil
    self:fail(where .. ": " .. err, key, needle)
  end
  return q
end

function Ctx:queries(list, where, key)
  if type(list) == "string" then return { self:query(list, where, key) } end
  if type(list) ~= "table" then self:fail(where .. " must be a selector or a list of selectors", key) end
  if list[1] == nil and next(list) ~= nil then return { self:query(list, where, key) } end
  local out = {}
  for i, spec in ipairs(list) do out[i] = self:query(spec, where .. "[" .. i .. "]", key) end
  return out
end

function Ctx:regex(pattern, flags, where, key)
  local re, err = core.regex(pattern, flags or "")
  if not re then self:fail(where .. ": bad pattern /" .. pattern .. "/: " .. tostring(err), key, pattern) end
  return re
end

function Ctx:text_rules(list, where, key)
  local out = {}
  for i, spec in ipairs(list) do
    local w = where .. "[" .. i .. "]"
    if type(spec) == "string" then spec = { pattern = spec } end
    if type(spec) ~= "table" then self:fail(w .. " must be a pattern or a table", key) end
    self:check_keys(spec, TEXT_RULE, w)
    if not spec.pattern then self:fail(w .. ": pattern is required", key) end
    local scope = spec.scope or "block"
    if not SCOPES[scope] then self:fail(w .. ": scope must be self, block or container", "scope") end
    -- Unanchored twin, tested once on the whole text: a cheap "can anything match here?", and
    -- the plain run any match of it holds, found first with a plain search.
    local loose = spec.pattern:gsub("^%^", ""):gsub("([^\\])%$$", "%1")
    local flags = spec.flags or "i"
    out[i] = { re = self:regex(spec.pattern, flags, w, "pattern"), pattern = spec.pattern,
               re_block = self:regex(loose, flags, w, "pattern"), literal = literal.required(loose, flags),
               flags = flags, scope = scope, max_chars = spec.max_chars or 2000 }
  end
  return out
end

-- A field is one candidate or a list of them; candidates are selectors or functions.
function Ctx:field(name, spec)
  local w = "fields." .. name
  local f = { name = name, cands = {}, all = LIST_FIELDS[name] or false }
  -- false: the site never shows this field, so the generic value is not to be trusted
  if spec == false then
    f.none = true
    return f
  end
  local list = spec
  if type(spec) ~= "table" or spec.css or spec.xpath or spec.meta or spec.jsonld or spec.value or
     spec.id_or_class then
    list = { spec }
  end
  for k, v in pairs(list) do
    if k == "clean" then
      if type(v) ~= "function" then self:fail(w .. ".clean must be a function", name) end
      f.clean = v
    elseif k == "all" then
      f.all = v and true or false
    elseif math_type(k) ~= "integer" then
      self:fail("unknown field '" .. tostring(k) .. "' in " .. w, k)
    end
  end
  for i, c in ipairs(list) do
    if type(c) == "function" then
      f.cands[i] = { fn = c }
    else
      f.cands[i] = self:query(c, w .. "[" .. i .. "]", name)
      if f.all then f.cands[i].all = true end
    end
  end
  return f
end

function Ctx:transforms(spec)
  local out, keys = {}, {}
  for k in pairs(spec) do
    if math_type(k) ~= "integer" then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local function add(sel, action, w)
    if type(action) ~= "string" and type(action) ~= "function" then
      self:fail(w .. ": action must be a tag name, \"remove\", \"unwrap\" or a function", sel)
    end
    if type(action) == "string" and not action:match("^[%a][%w]*$") then
      self:fail(w .. ": bad action '" .. action .. "'", sel)
    end
    out[#out + 1] = { q = self:query(sel, w, sel), action = action }
  end
  for i, pair in ipairs(spec) do
    if type(pair) ~= "table" or pair[1] == nil or pair[2] == nil then
      self:fail("content.transforms[" .. i .. "] must be {selector, action}", "transforms")
    end
    add(pair[1], pair[2], "content.transforms[" .. i .. "]")
  end
  for _, k in ipairs(keys) do add(k, spec[k], "content.transforms['" .. tostring(k) .. "']") end
  return out
end

--- Compiles a raw rule table. Returns the rule, or nil and "file:line: message".
-- `file` names the origin (path, or "register" for rules made in code), `source` its text.
function M.compile(raw, file, source)
  local cx = setmetatable({ file = file or "?", source = source }, Ctx)
  local ok, res = pcall(function()
    if type(raw) ~= "table" then cx:fail("a rule file must return a table, got " .. type(raw)) end
    cx:check_keys(raw, TOP, "rule")
    if type(raw.id) ~= "string" or raw.id == "" then cx:fail("rule.id (a string) is required", "id") end
    if type(raw.version) ~= "string" then cx:fail("rule.version (a string) is required", "version") end
    local rule = { id = raw.id, version = raw.version, file = file, priority = raw.priority or 0,
                   hosts = {}, urls = {}, remove = {}, rewrite = {}, remove_text = {}, fields = {},
                   content = { select = {}, clean = {}, transforms = {}, remove_text = {} }, tests = {},
                   description = raw.description, http = raw.http }
    local m = raw.match or {}
    cx:check_keys(m, MATCH, "match")
    for i, h in ipairs(m.hosts or {}) do
      if type(h) ~= "string" or not h:match("^%.?[%w][%w%-%.]*$") then
        cx:fail("match.hosts[" .. i .. "]: bad host pattern '" .. tostring(h) .. "'", "hosts")
      end
      rule.hosts[i] = h:lower()
    end
    for i, p in ipairs(m.urls or {}) do
      if type(p) ~= "string" then cx:fail("match.urls[" .. i .. "] must be a string", "urls") end
      rule.urls[i] = cx:regex(p, "i", "match.urls[" .. i .. "]", "urls")
    end
    if type(m.fingerprint) == "function" then
      rule.fingerprint = m.fingerprint
    elseif m.fingerprint ~= nil then
      rule.fingerprint = cx:queries(m.fingerprint, "match.fingerprint", "fingerprint")
    end
    if #rule.hosts == 0 and #rule.urls == 0 and not rule.fingerprint then
      cx:fail("match needs hosts, urls or a fingerprint", "match")
    end
    for i, pair in ipairs(raw.rewrite or {}) do
      local find, repl = pair.find or pair[1], pair.replace or pair[2]
      if type(find) ~= "string" or type(repl) ~= "string" or find == "" then
        cx:fail("rewrite[" .. i .. "] must be {find, replace} strings", "rewrite")
      end
      rule.rewrite[i] = { find, repl }
    end
    if raw.timezone then
      -- an offset, not a zone name: pith carries no time-zone database
      if not (raw.timezone == "Z" or raw.timezone:match("^[+-][01]%d:[0-5]%d$")) then
        cx:fail("timezone must be an offset such as \"+09:00\" or \"Z\", got \"" .. raw.timezone .. "\"", "timezone")
      end
      rule.timezone = raw.timezone
    end
    rule.remove = cx:queries(raw.remove or {}, "remove", "remove")
    rule.remove_text = cx:text_rules(raw.remove_text or {}, "remove_text", "remove_text")
    for name, spec in pairs(raw.fields or {}) do
      if not M.FIELDS[name] then cx:fail("unknown field '" .. tostring(name) .. "' in fields", name) end
      if name == "content" then
        rule.content.select = cx:queries(spec, "fields.content", "content")
      else
        rule.fields[name] = cx:field(name, spec)
      end
    end
    local c = raw.content or {}
    cx:check_keys(c, CONTENT, "content")
    if c.select then
      if raw.fields and raw.fields.content then
        cx:fail("give content selectors once: fields.content or content.select", "select")
      end
      rule.content.select = cx:queries(c.select, "content.select", "select")
    end
    -- the field selectors a document answers in one walk (apply.fields): each CSS candidate (and
    -- meta query, as CSS) once, in a list, with its place in it
    rule.field_css, rule.field_slot = {}, {}
    local slot_of = {}
    for _, f in pairs(rule.fields) do
      for _, q in ipairs(f.cands) do
        local css = not q.fn and (q.css or q.meta_css)
        if css then
          if not slot_of[css] then
            rule.field_css[#rule.field_css + 1] = css
            slot_of[css] = #rule.field_css
          end
          rule.field_slot[q] = slot_of[css]
        end
      end
    end
    rule.content.clean = cx:queries(c.clean or {}, "content.clean", "clean")
    rule.content.transforms = cx:transforms(c.transforms or {})
    rule.content.remove_text = cx:text_rules(c.remove_text or {}, "content.remove_text", "remove_text")
    rule.content.min_chars = c.min_chars or 0
    for i, t in ipairs(raw.tests or {}) do
      if type(t) ~= "table" then cx:fail("tests[" .. i .. "] must be a table", "tests") end
      cx:check_keys(t, TEST, "tests[" .. i .. "]")
      if not t.fixture and not t.url then cx:fail("tests[" .. i .. "] needs a fixture or url", "tests") end
      rule.tests[i] = t
    end
    return rule
  end)
  if ok then return res end
  if type(res) == "table" then return nil, res.msg end
  return nil, (file or "?") .. ": " .. tostring(res)
end

return M
