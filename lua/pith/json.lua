--- JSON for pith records: a thin layer over lua-cjson that fixes what cjson 2.1
-- leaves to chance. cjson does the string escaping (the costly part); this module
-- walks tables itself so that:
--   * object keys come out in a stable order (a given order first, then sorted);
--   * an empty table is an empty array `[]` (records' empty lists: authors, tags),
--     unless marked with M.object;
--   * integers print exactly (cjson goes through a double and 14 digits) and
--     floats print the shortest digits that read back to the same value;
--   * strings are valid UTF-8 (bad bytes become U+FFFD) and "/" is not escaped.
local cjson = require("cjson").new() -- a private instance: our settings stay ours
local compat = require "pith.compat"

local M = {}

M.null = cjson.null

local array_mt = { __name = "pith.json.array" }
local object_mt = { __name = "pith.json.object" }

--- Marks t as a JSON array (only needed for tables with holes). Returns t.
function M.array(t)
  return setmetatable(t or {}, array_mt)
end

--- Marks t as a JSON object (so an empty one prints as {}). Returns t.
function M.object(t)
  return setmetatable(t or {}, object_mt)
end

local encode_string_raw = cjson.encode
local utf8_len, concat, sort, format = compat.utf8.len, table.concat, table.sort, string.format
local math_type, tostring, type, pairs, next = compat.math_type, tostring, type, pairs, next

--- Replaces each invalid UTF-8 sequence by U+FFFD (Lua 5.4's utf8.len is strict:
-- it rejects overlongs, surrogates and code points past U+10FFFF).
local function valid_utf8(s)
  local ok, bad = utf8_len(s)
  if ok then return s end
  local parts, from = {}, 1
  while bad do
    parts[#parts + 1] = s:sub(from, bad - 1)
    parts[#parts + 1] = "\239\191\189"
    from = bad + 1
    bad = select(2, utf8_len(s, from))
  end
  parts[#parts + 1] = s:sub(from)
  return concat(parts)
end

-- cjson writes "/" as "\/". Every "/" in its output is escaped, so "\/" can
-- only be that escape (a "\\" token is never followed by a bare "/"). Plain
-- find (memchr) and a concat cost less than gsub's pattern match at each byte.
local find, sub = string.find, string.sub
local function unescape_slashes(out)
  local i = find(out, "\\/", 1, true)
  if not i then return out end
  local parts, n, from = {}, 0, 1
  repeat
    n = n + 1
    parts[n] = sub(out, from, i - 1)
    from = i + 1 -- drop the backslash, keep the "/"
    i = find(out, "\\/", i + 2, true)
  until not i
  parts[n + 1] = sub(out, from)
  return concat(parts)
end

local function encode_string(s)
  return unescape_slashes(encode_string_raw(valid_utf8(s)))
end

-- Object keys repeat from record to record: each is encoded once, as the
-- text that opens its member ('"key":', and ',"key":' after the first).
local key_first = setmetatable({}, { __mode = "k" })
local key_later = setmetatable({}, { __mode = "k" })
local function member(k, later)
  local cache = later and key_later or key_first
  local e = cache[k]
  if not e then
    e = (later and "," or "") .. encode_string(tostring(k)) .. ":"
    if type(k) == "string" then cache[k] = e end
  end
  return e
end

local function encode_number(n)
  if math_type(n) == "integer" then return format("%d", n) end
  if n ~= n or n == math.huge or n == -math.huge then return "null" end
  if n == math.floor(n) and n > -2 ^ 53 and n < 2 ^ 53 then return format("%d", n) end
  for digits = 15, 17 do
    local s = format("%." .. digits .. "g", n)
    if tonumber(s) == n or digits == 17 then return s end
  end
end

local encode_value

local function is_array(t)
  local mt = getmetatable(t)
  if mt == array_mt then return true, 0 end
  if mt == object_mt then return false end
  if next(t) == nil then return true, 0 end
  local n = #t
  if n == 0 or t[1] == nil then return false end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n, n
end

local function by_name(a, b) return tostring(a) < tostring(b) end

-- An order list's keys as a set and without repeats, worked out once per list.
local order_sets = setmetatable({}, { __mode = "k" })
local function order_info(order)
  local o = { set = {}, list = {} }
  for _, k in ipairs(order) do
    if not o.set[k] then
      o.set[k] = true
      o.list[#o.list + 1] = k
    end
  end
  order_sets[order] = o
  return o
end

local function encode_table(t, depth, order, out)
  if depth > 100 then error("json: nesting too deep (a cycle?)", 0) end
  local arr, n = is_array(t)
  if arr then
    if n == 0 then -- marked arrays may have holes: find the largest integer key
      for k in pairs(t) do
        if math_type(k) == "integer" and k > n then n = k end
      end
    end
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], depth + 1, out)
    end
    out[#out + 1] = "]"
    return
  end
  local keys, nk = {}, 0
  local in_order
  if order then
    local o = order_sets[order]
    if not o then o = order_info(order) end
    in_order = o.set
    for _, k in ipairs(o.list) do
      if t[k] ~= nil then
        nk = nk + 1
        keys[nk] = k
      end
    end
  end
  local rest
  for k, v in pairs(t) do
    local tv = type(v)
    if not (in_order and in_order[k]) and tv ~= "function" and tv ~= "thread"
      and (tv ~= "userdata" or v == M.null) then
      rest = rest or {}
      rest[#rest + 1] = k
    end
  end
  if rest then
    if #rest > 1 then sort(rest, by_name) end
    for _, k in ipairs(rest) do
      nk = nk + 1
      keys[nk] = k
    end
  end
  out[#out + 1] = "{"
  for i = 1, nk do
    local k = keys[i]
    out[#out + 1] = member(k, i > 1)
    encode_value(t[k], depth + 1, out)
  end
  out[#out + 1] = "}"
end

encode_value = function(v, depth, out, order)
  local tv = type(v)
  if tv == "string" then out[#out + 1] = encode_string(v)
  elseif tv == "number" then out[#out + 1] = encode_number(v)
  elseif tv == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif tv == "table" then encode_table(v, depth, order, out)
  elseif v == nil or v == M.null then out[#out + 1] = "null"
  else error("json: cannot encode a " .. tv, 0) end
end

--- Encodes a Lua value as one line of JSON. `order` (optional) lists the keys
-- of the top-level object that come first, in that order; the others follow
-- sorted. Functions and userdata inside objects are skipped. Raises on cycles.
function M.encode(value, order)
  local out = {}
  encode_value(value, 0, out, order)
  return concat(out)
end

--- Decodes JSON: M.decode(s) -> value | nil, err. JSON null becomes M.null.
function M.decode(s)
  local ok, v = pcall(cjson.decode, s)
  if ok then return v end
  return nil, v
end

return M
