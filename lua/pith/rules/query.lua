--- Selector specs in rules: compiled (validated) once at load, evaluated against a document or
-- a node. A bare string is CSS unless it starts like XPath ("/", "(", "./"); tables name their
-- kind: {css=}, {xpath=}, {id_or_class=} (FiveFilters strip_id_or_class), {meta=}, {jsonld=},
-- {value=}; `attr` reads an attribute instead of text, `all` keeps every match.
local str = require "pith.meta.str"
local core = require "pith.core"

local M = {}

local probe -- a tiny document on which selectors are compiled (and so validated) once

local function probe_doc()
  if not probe then probe = assert(core.parse("<html><head></head><body><p>x</p></body></html>")) end
  return probe
end

local function looks_like_xpath(s)
  return s:match("^%s*/") or s:match("^%s*%(") or s:match("^%s*%./") or s:match("^%s*%a[%w%-]*%(")
end

local function xpath_literal(s)
  if not s:find("'", 1, true) then return "'" .. s .. "'" end
  if not s:find('"', 1, true) then return '"' .. s .. '"' end
  local parts = {}
  for piece in (s .. "'"):gmatch("(.-)'") do parts[#parts + 1] = "'" .. piece .. "'" end
  return "concat(" .. table.concat(parts, ", \"'\", ") .. ")"
end
M.xpath_literal = xpath_literal

-- A CSS string holding s exactly (backslash escapes; control characters as hex).
local function css_string(s)
  return '"' .. s:gsub('[\\"]', "\\%0"):gsub("[%c]", function(c)
    return string.format("\\%x ", c:byte())
  end) .. '"'
end
M.css_string = css_string

--- An element with the class or id token `name`, as XPath (rules' {id_or_class=}; FiveFilters'
-- own extractor matches the string anywhere in the class or id: pith.rules.ftr does that).
function M.id_or_class_xpath(name)
  local lit = xpath_literal(" " .. name .. " ")
  return "//*[contains(concat(' ',normalize-space(@class),' ')," .. lit ..
         ") or contains(concat(' ',normalize-space(@id),' ')," .. lit .. ")]"
end

local function check(kind, expr)
  local doc = probe_doc()
  local ok, res, err
  if kind == "css" then
    ok, res, err = pcall(doc.select, doc, expr)
  else
    ok, res, err = pcall(doc.xpath, doc, expr)
  end
  if not ok then return nil, res end
  if res == nil and err then return nil, err end
  return true
end

local KEYS = { css = true, xpath = true, id_or_class = true, meta = true, jsonld = true, value = true,
               attr = true, all = true, needles = true, [1] = true }

--- Literal strings a page's source must contain for the query to match anything: class and id
-- names and attribute values of a simple CSS selector, a meta tag's name. Testing them against the
-- raw HTML (one memchr-speed find each) skips the selectors of layouts the page does not use.
function M.needles(q)
  local out = {}
  if q.css and not q.css:find("[,:]") then
    for name in q.css:gmatch("[.#]([%w_-]+)") do out[#out + 1] = name end
    for v in q.css:gmatch("%[%s*[%w_-]+%s*[*^$~|]?=%s*['\"]?([^'\"%]]+)") do out[#out + 1] = v end
  elseif q.meta then
    out[1] = q.meta
  end
  return #out > 0 and out or nil
end

--- Compiles a selector spec. Returns the compiled query, or nil and a message.
function M.compile(spec)
  local q = {}
  if type(spec) == "string" then
    spec = { spec }
  elseif type(spec) ~= "table" then
    return nil, "selector must be a string or a table, got " .. type(spec)
  end
  for k in pairs(spec) do
    if k == 2 then return nil, "write {css = ..., attr = ...} to read an attribute" end
    if not KEYS[k] then return nil, "unknown selector key '" .. tostring(k) .. "'" end
  end
  local positional = spec[1]
  if positional ~= nil then
    if type(positional) ~= "string" then return nil, "selector must be a string" end
    if looks_like_xpath(positional) then q.xpath = positional else q.css = positional end
  end
  q.css = q.css or spec.css
  q.xpath = q.xpath or spec.xpath
  if spec.id_or_class then q.xpath = M.id_or_class_xpath(spec.id_or_class) end
  q.meta, q.jsonld, q.value = spec.meta, spec.jsonld, spec.value
  q.attr = q.attr or spec.attr
  q.all = spec.all and true or false
  local n = 0
  for _, k in ipairs { "css", "xpath", "meta", "jsonld", "value" } do
    if q[k] ~= nil then
      n = n + 1
      if type(q[k]) ~= "string" then return nil, k .. " must be a string" end
    end
  end
  if n ~= 1 then return nil, "a selector needs exactly one of css, xpath, id_or_class, meta, jsonld, value" end
  if q.attr ~= nil and type(q.attr) ~= "string" then return nil, "attr must be a string" end
  if q.css then
    local ok, err = check("css", q.css)
    if not ok then return nil, "bad CSS selector '" .. q.css .. "': " .. tostring(err) end
  elseif q.xpath then
    local ok, err = check("xpath", q.xpath)
    if not ok then return nil, "bad XPath '" .. q.xpath .. "': " .. tostring(err) end
  elseif q.meta then
    local lit = xpath_literal(q.meta)
    q.xpath = "//meta[@name=" .. lit .. " or @property=" .. lit .. " or @itemprop=" .. lit .. "]"
    -- the same elements from a document, as one C walk (the XPath's //meta visits every node)
    local str_ = css_string(q.meta)
    q.meta_css = "meta[name=" .. str_ .. "], meta[property=" .. str_ .. "], meta[itemprop=" .. str_ .. "]"
    q.attr = q.attr or "content"
  end
  -- needles a caller knows (strings the page must hold for an XPath to match), else found here
  if spec.needles ~= nil then
    if type(spec.needles) ~= "table" then return nil, "needles must be a list of strings" end
    for _, needle in ipairs(spec.needles) do
      if type(needle) ~= "string" or needle == "" then return nil, "needles must be a list of strings" end
    end
  end
  q.needles = spec.needles and #spec.needles > 0 and spec.needles or M.needles(q)
  q.source = spec
  return q
end

--- Can the query match anything in the page source src (nil: unknown, so yes)? False when src
-- lacks one of the query's needles.
function M.may_match(q, src)
  if src and q.needles then
    for _, n in ipairs(q.needles) do
      if not src:find(n, 1, true) then return false end
    end
  end
  return true
end

--- Nodes a compiled query selects under `scope` (a document or node); {} for value/jsonld.
function M.nodes(q, scope, src)
  if not M.may_match(q, src) then return {} end
  if q.css then return scope:select(q.css) end
  if q.meta_css and scope.tag == nil then return scope:select(q.meta_css) end -- a document
  if q.xpath then
    local r = scope:xpath(q.xpath)
    if type(r) == "table" then
      if type(r[1]) == "string" then
        local nodes = {}
        for _, n in ipairs(r) do
          if type(n) ~= "string" then nodes[#nodes + 1] = n end
        end
        return nodes
      end
      return r
    end
  end
  return {}
end

local function squash(s)
  if type(s) ~= "string" then return nil end
  s = str.squash(s)
  if s == "" then return nil end
  return s
end
M.squash = squash

local function node_value(n, attr)
  if type(n) == "string" then return squash(n) end -- attribute nodes come back as their values
  if attr then
    return squash(n:attr(attr) or (attr == "content" and n:attr("value")) or nil)
  end
  local tag = n:tag()
  if tag == "#text" or tag == "#comment" or tag:sub(1, 1) == "@" or tag == "#attribute" then
    return squash(n:xpath("string(.)"))
  end
  return squash(n:text())
end

-- JSON-LD: every ld+json block decoded once per document (cached in ctx), searched by dotted path
-- through arrays and @graph; the first non-empty string (or all, joined) wins.
local function jsonld_objects(doc, ctx)
  if ctx and ctx.jsonld then return ctx.jsonld end
  local json = require "cjson.safe"
  local objs = {}
  local scripts = doc:xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")
  for _, s in ipairs(type(scripts) == "table" and scripts or {}) do
    local v = json.decode(s:xpath("string(.)") or "")
    if type(v) == "table" then
      local stack = { v }
      while #stack > 0 do
        local o = table.remove(stack)
        if o[1] ~= nil then
          for i = #o, 1, -1 do if type(o[i]) == "table" then stack[#stack + 1] = o[i] end end
        else
          objs[#objs + 1] = o
          if type(o["@graph"]) == "table" then stack[#stack + 1] = o["@graph"] end
        end
      end
    end
  end
  if ctx then ctx.jsonld = objs end
  return objs
end

local function jsonld_path(v, keys, i, out)
  if v == nil then return end
  if type(v) == "table" and v[1] ~= nil then
    for _, x in ipairs(v) do jsonld_path(x, keys, i, out) end
    return
  end
  if i > #keys then
    if type(v) == "string" or type(v) == "number" then out[#out + 1] = squash(tostring(v)) end
    return
  end
  if type(v) == "table" then jsonld_path(v[keys[i]], keys, i + 1, out) end
end

--- Values (strings) the query yields under scope; only the first unless q.all.
function M.values(q, scope, ctx)
  if q.value then return { q.value } end
  local src = ctx and ctx.html
  if src and q.needles then
    for _, n in ipairs(q.needles) do
      if not src:find(n, 1, true) then return {} end
    end
  end
  local out = {}
  if q.jsonld then
    local keys = {}
    for k in q.jsonld:gmatch("[^.]+") do keys[#keys + 1] = k end
    for _, o in ipairs(jsonld_objects(scope, ctx)) do
      jsonld_path(o, keys, 1, out)
      if #out > 0 and not q.all then break end
    end
  elseif q.xpath and not q.css and not (q.meta_css and scope.tag == nil) then
    local r = scope:xpath(q.xpath)
    if type(r) == "string" or type(r) == "number" then
      out[1] = squash(tostring(r))
    elseif type(r) == "table" then
      for _, n in ipairs(r) do
        out[#out + 1] = node_value(n, q.attr)
        if #out > 0 and not q.all then break end
      end
    end
  else
    return M.node_values(q, M.nodes(q, scope))
  end
  if not q.all then out = { out[1] } end
  return out
end

--- Values (strings) of the nodes a query selected (M.values given its nodes).
function M.node_values(q, nodes)
  local out = {}
  for _, n in ipairs(nodes) do
    out[#out + 1] = node_value(n, q.attr)
    if #out > 0 and not q.all then break end
  end
  if not q.all then out = { out[1] } end
  return out
end

return M
