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

--- Scans <meta> and <link> nodes (document order). Returns {
--   meta = {key = {values...}},               -- in document order, empty values dropped
--   links = {rel = {{href=, hreflang=, type=, title=}...}},
-- }
function M.scan(nodes)
  -- property= values go before name= ones under the same key: the RDFa attribute is the
  -- deliberate one, name="og:..." is often a copy by another plugin.
  local meta, named, links = {}, {}, {}
  for i = 1, #nodes do
    local n = nodes[i]
    local a = n:attrs()
    if n:tag() == "meta" then
      local value = trim(a.content or a.value)
      -- "&quot;" left in an attribute value was escaped twice by the page's template.
      if value and value:find("&#?%w+;") then
        value = jsonld.unescape(value)
      end
      if value and value ~= "" then
        if a.property then
          for key in a.property:lower():gmatch("%S+") do
            add(meta, key, value)
          end
        end
        local keys = a.name or a.itemprop or a["http-equiv"]
        if keys then
          for key in keys:lower():gmatch("%S+") do
            add(named, key, value)
          end
        end
      end
      if a.charset then
        add(meta, "charset", a.charset)
      end
    else
      local rel, href = a.rel, trim(a.href)
      if rel and href and href ~= "" then
        local entry = { href = href, hreflang = a.hreflang, type = a.type, title = a.title }
        for key in rel:lower():gmatch("%S+") do
          add(links, key, entry)
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
  for _, k in ipairs(keys) do
    for _, v in ipairs(scan.meta[k] or {}) do
      out[#out + 1] = v
    end
  end
  return out
end

return M
