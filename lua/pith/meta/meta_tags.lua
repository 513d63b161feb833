--- One pass over the page's <meta> and <link> elements, indexed by lower-cased key
-- (name, property, itemprop or http-equiv; space-separated keys count once each).
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

--- Scans the document. Returns {
--   meta = {key = {values...}},               -- in document order, empty values dropped
--   links = {rel = {{href=, hreflang=, type=, title=}...}},
-- }
function M.scan(doc)
  -- property= values go before name= ones under the same key: the RDFa attribute is the
  -- deliberate one, name="og:..." is often a copy by another plugin.
  local meta, named, links = {}, {}, {}
  local nodes = doc:select("meta, link")
  for i = 1, #nodes do
    local n = nodes[i]
    if n:tag() == "meta" then
      local value = n:attr("content") or n:attr("value")
      value = trim(value)
      if value and value ~= "" then
        local prop = n:attr("property")
        if prop then
          for key in prop:lower():gmatch("%S+") do
            add(meta, key, value)
          end
        end
        local keys = n:attr("name") or n:attr("itemprop") or n:attr("http-equiv")
        if keys then
          for key in keys:lower():gmatch("%S+") do
            add(named, key, value)
          end
        end
      end
      local charset = n:attr("charset")
      if charset then
        add(meta, "charset", charset)
      end
    else
      local rel, href = n:attr("rel"), trim(n:attr("href"))
      if rel and href and href ~= "" then
        local entry = { href = href, hreflang = n:attr("hreflang"), type = n:attr("type"), title = n:attr("title") }
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
