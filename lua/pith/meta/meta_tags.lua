--- One pass over the page's <meta> and <link> elements, indexed by lower-cased key
-- (name, property, itemprop or http-equiv; space-separated keys count once each).
local jsonld = require "pith.meta.jsonld"

local M = {}

local function add(map, key, value)
  local l = map[key]
  if l then
    l[#l + 1] = value
  else
    map[key] = { value }
  end
end

local trim = require("pith.meta.str").trim

-- Adds `value` under each space-separated key of `keys`, lower-cased (most hold one key).
local function add_keys(map, keys, value)
  if keys:find("%s") then
    for key in keys:lower():gmatch("%S+") do
      add(map, key, value)
    end
  elseif keys ~= "" then
    add(map, keys:lower(), value)
  end
end

--- Scans <meta> and <link> nodes (document order); `tags`, when given, holds their tag names.
-- Returns {
--   meta = {key = {values...}},               -- in document order, empty values dropped
--   links = {rel = {{href=, hreflang=, type=, title=}...}},
-- }
function M.scan(nodes, tags)
  -- property= values go before name= ones under the same key: the RDFa attribute is the
  -- deliberate one, name="og:..." is often a copy by another plugin.
  local meta, named, links = {}, {}, {}
  local attrs = nodes[1] and nodes[1].attrs
  for i = 1, #nodes do
    local n = nodes[i]
    local a = attrs(n)
    if (tags and tags[i] or n:tag()) == "meta" then
      local value = a.content or a.value
      if value then
        value = trim(value)
        -- "&quot;" left in an attribute value was escaped twice by the page's template.
        if value:find("&", 1, true) and value:find("&#?%w+;") then
          value = jsonld.unescape(value)
        end
        if value ~= "" then
          if a.property then
            add_keys(meta, a.property, value)
          end
          local keys = a.name or a.itemprop or a["http-equiv"]
          if keys then
            add_keys(named, keys, value)
          end
        end
      end
      if a.charset then
        add(meta, "charset", a.charset)
      end
    else
      local rel, href = a.rel, a.href
      if rel and href then
        href = trim(href)
        if href ~= "" then
          add_keys(links, rel, { href = href, hreflang = a.hreflang, type = a.type, title = a.title })
        end
      end
    end
  end
  for key, values in pairs(named) do
    for _, v in ipairs(values) do
      add(meta, key, v)
    end
  end
  return { meta = meta, links = links }
end

--- The scan of doc:meta_walk (core walk.c), which reads the <meta> and <link> elements as
-- M.scan does, in the same walk as the other elements metadata needs.
function M.scan_walk(w)
  return { meta = w.meta, links = w.links }
end

--- The first value among `keys` (in the order given), with the key that supplied it.
function M.first(scan, keys)
  for _, k in ipairs(keys) do
    local l = scan.meta[k]
    if l then
      return l[1], k
    end
  end
  return nil
end

--- Every value of every key in `keys`.
function M.all(scan, keys)
  local out = {}
  local meta = scan.meta
  for _, k in ipairs(keys) do
    local l = meta[k]
    for i = 1, l and #l or 0 do
      out[#out + 1] = l[i]
    end
  end
  return out
end

return M
