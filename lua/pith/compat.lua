--- What pith's Lua modules need from Lua 5.3/5.4 that LuaJIT 2.1 and PUC 5.1 lack. Each name is the
-- host's own function when it has one, so nothing changes under 5.3/5.4; the fallbacks follow the
-- 5.4 behaviour for the arguments pith passes. (Syntax — //, <<, <close> — cannot be provided:
-- modules write math.floor(a / b) or M.idiv, and explicit cleanup.)
local M = {}

local floor, char, byte, find = math.floor, string.char, string.byte, string.find
local select, type, tostring, error = select, type, tostring, error
local loadstring, setfenv = rawget(_G, "loadstring"), rawget(_G, "setfenv")

local unpack = table.unpack or rawget(_G, "unpack")

local pack = table.pack or function(...)
  return { n = select("#", ...), ... }
end

local move = table.move or function(a1, f, e, t, a2)
  a2 = a2 or a1
  if e >= f then
    if t > e or t <= f or a1 ~= a2 then
      for i = 0, e - f do a2[t + i] = a1[f + i] end
    else
      for i = e - f, 0, -1 do a2[t + i] = a1[f + i] end
    end
  end
  return a2
end

--- compat.table.pack/unpack/move: 5.2+'s, or the same in Lua.
M.table = { pack = pack, unpack = unpack, move = move }

--- a // b: the operator itself where the syntax exists (integer or float result as in 5.4).
M.idiv = (function()
  local chunk = (loadstring or load)("return function(a, b) return a // b end")
  return chunk and chunk() or function(a, b) return floor(a / b) end
end)()

--- math.type; without integers, a whole number in the 64-bit integer range counts as one.
M.math_type = math.type or function(x)
  if type(x) ~= "number" then return nil end
  if x == floor(x) and x >= -2 ^ 63 and x < 2 ^ 63 then return "integer" end
  return "float"
end

--- compat.string.rep: string.rep with a separator (5.1 ignores the third argument).
M.string = {}
M.string.rep = ("x"):rep(2, ",") == "x,x" and string.rep or function(s, n, sep)
  if sep == nil or sep == "" or n <= 1 then return string.rep(s, n) end
  return string.rep(tostring(s) .. sep, n - 1) .. s
end

--- xpcall(f, handler, ...) passing the arguments on (5.1's xpcall takes none).
M.xpcall = select(2, xpcall(function(a) return a end, tostring, true)) and xpcall or function(f, handler, ...)
  local n, args = select("#", ...), { ... }
  return xpcall(function() return f(unpack(args, 1, n)) end, handler)
end

--- package.searchpath (5.2+; LuaJIT has it, PUC 5.1 does not).
M.searchpath = package.searchpath or function(name, path)
  local file = name:gsub("%.", "/")
  local tried = {}
  for template in path:gmatch("[^;]+") do
    local candidate = template:gsub("%?", file)
    local f = io.open(candidate, "r")
    if f then
      f:close()
      return candidate
    end
    tried[#tried + 1] = "\n\tno file '" .. candidate .. "'"
  end
  return nil, table.concat(tried)
end

--- load(text, chunkname, "t", env): a text chunk whose globals are env. 5.1's load takes no
-- string, so loadstring + setfenv there (the fresh env then covers every function of the chunk).
local load_takes_env = pcall(load, "return 1", "=probe", "t", {})
function M.load_text(source, chunkname, env)
  if byte(source, 1) == 27 then
    return nil, "attempt to load a binary chunk (mode is 't')"
  end
  if load_takes_env or not setfenv then
    return load(source, chunkname, "t", env)
  end
  local fn, err = loadstring(source, chunkname)
  if fn then setfenv(fn, env) end
  return fn, err
end

--- LuaJIT runs compiled traces without calling count hooks, so a sandboxed loop would escape its
-- instruction budget; this keeps fn and every function defined inside it interpreted.
local jit = package.loaded.jit
function M.interpreted(fn)
  if jit and type(fn) == "function" then jit.off(fn, true) end
  return fn
end

-- utf8 for hosts without the library: the 5.4 functions pith and rule files use, strict like
-- 5.4's default (no overlongs, surrogates, or code points past U+10FFFF).
local fallback = { charpattern = "[\0-\127\194-\253][\128-\191]*" }

--- Decodes the sequence at byte i: code point and the index after it, or nil when invalid.
local function decode(s, i)
  local c = byte(s, i)
  if c < 0x80 then return c, i + 1 end
  local n, min, code
  if c >= 0xF0 and c < 0xF5 then n, min, code = 3, 0x10000, c - 0xF0
  elseif c >= 0xE0 and c < 0xF0 then n, min, code = 2, 0x800, c - 0xE0
  elseif c >= 0xC2 and c < 0xE0 then n, min, code = 1, 0x80, c - 0xC0
  else return nil end
  for k = i + 1, i + n do
    local cc = byte(s, k)
    if not cc or cc < 0x80 or cc > 0xBF then return nil end
    code = code * 64 + (cc - 0x80)
  end
  if code < min or code > 0x10FFFF or (code >= 0xD800 and code <= 0xDFFF) then return nil end
  return code, i + n + 1
end

local function position(s, i, default)
  i = i or default
  if i < 0 then i = #s + i + 1 end
  return i
end

function fallback.char(...)
  local out = {}
  for k = 1, select("#", ...) do
    local c = select(k, ...)
    if type(c) ~= "number" or c < 0 or c > 0x10FFFF or c ~= floor(c) then
      error("bad argument #" .. k .. " to 'char' (value out of range)", 2)
    end
    if c < 0x80 then out[k] = char(c)
    elseif c < 0x800 then out[k] = char(0xC0 + floor(c / 0x40), 0x80 + c % 0x40)
    elseif c < 0x10000 then
      out[k] = char(0xE0 + floor(c / 0x1000), 0x80 + floor(c / 0x40) % 0x40, 0x80 + c % 0x40)
    else
      out[k] = char(0xF0 + floor(c / 0x40000), 0x80 + floor(c / 0x1000) % 0x40,
        0x80 + floor(c / 0x40) % 0x40, 0x80 + c % 0x40)
    end
  end
  return table.concat(out)
end

--- utf8.len(s [, i [, j]]): the number of characters, or nil and the position of the first bad byte.
function fallback.len(s, i, j)
  i, j = position(s, i, 1), position(s, j, -1)
  if not find(s, "[\128-\255]", i) then return j >= i and j - i + 1 or 0 end
  local n = 0
  while i <= j do
    local _, nxt = decode(s, i)
    if not nxt then return nil, i end
    n, i = n + 1, nxt
  end
  return n
end

--- utf8.codepoint(s [, i [, j]]): the code points of the characters starting between i and j.
function fallback.codepoint(s, i, j)
  i = position(s, i, 1)
  j = position(s, j, i)
  local out = {}
  while i <= j do
    local code, nxt = decode(s, i)
    if not code then error("bad argument #1 to 'codepoint' (invalid UTF-8 code)", 2) end
    out[#out + 1] = code
    i = nxt
  end
  return unpack(out)
end

--- utf8.codes(s): for position, code in utf8.codes(s).
function fallback.codes(s)
  local i = 1
  return function()
    if i > #s then return nil end
    local at = i
    local code, nxt = decode(s, i)
    if not code then error("invalid UTF-8 code", 2) end
    i = nxt
    return at, code
  end
end

M.utf8 = rawget(_G, "utf8") or fallback
M.utf8_fallback = fallback -- for the spec, which checks it against 5.4's library

return M
