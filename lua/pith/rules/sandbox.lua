--- The sandbox rule files run in: text-only chunks, a fresh environment of pure functions, and an
-- instruction budget per call so a transform that never ends costs one page, not the batch.
local compat = require "pith.compat"
-- compat.table.pack, compat.string.rep and this xpcall take as many VM instructions as the globals
-- table.pack, string.rep and xpcall did: where a budget runs out in rule code does not move
local xpcall = compat.xpcall

local M = {}

--- Default instruction budget for one call into rule code (about 10-50 ms of pure Lua).
M.BUDGET = 5000000

local function copy(t, skip)
  local out = {}
  for k, v in pairs(t) do
    if not (skip and skip[k]) then out[k] = v end
  end
  return out
end

-- string.rep is the one pure function that can exhaust memory in a single call; cap it.
local MAX_REP = 16777216 -- 16 MiB
local function safe_rep(s, n, sep)
  local total = #tostring(s) * (tonumber(n) or 0) + #(sep or "") * math.max((tonumber(n) or 0) - 1, 0)
  if total > MAX_REP then error("string.rep: result larger than " .. MAX_REP .. " bytes", 2) end
  return compat.string.rep(s, n, sep)
end

--- A fresh environment: copies of the pure libraries (so a rule cannot change what other rules
-- see), no io/os/require/load/debug/getmetatable/setmetatable/coroutine/collectgarbage.
-- `extra` adds host-provided helpers (pith's regex, for instance).
-- What ("s"):method() finds while rule code runs (M.call swaps it into the shared string
-- metatable): the same capped rep and no dump as the rule's own `string` table.
local METHODS = copy(string, { dump = true })
METHODS.rep = safe_rep

-- The budget state of the innermost M.call: pcall/xpcall in the sandbox must not let rule code
-- catch "budget exceeded" and go on looping.
local running

local function rethrow(ok, ...)
  if not ok and running and running.expired then error(running.expired, 0) end
  return ok, ...
end

local function sandbox_pcall(fn, ...)
  return rethrow(pcall(fn, ...))
end

local function sandbox_xpcall(fn, handler, ...)
  return rethrow(xpcall(fn, function(msg)
    if running and running.expired then return msg end -- no rule handler after the budget
    return handler(msg)
  end, ...))
end

function M.env(extra)
  local str = copy(string, { dump = true })
  str.rep = safe_rep
  -- the 5.2+ table functions a rule may use, also under LuaJIT and 5.1
  local tbl = copy(table)
  for k, f in pairs(compat.table) do tbl[k] = tbl[k] or f end
  local env = {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = sandbox_pcall,
    select = select, tonumber = tonumber, tostring = tostring, type = type, rawequal = rawequal,
    rawget = rawget, rawlen = rawlen, xpcall = sandbox_xpcall,
    string = str, table = tbl, math = copy(math, { random = true, randomseed = true }),
    utf8 = copy(compat.utf8),
  }
  for k, v in pairs(extra or {}) do env[k] = v end
  env._G = env
  return env
end

--- Loads rule source text: returns the chunk's value, or nil and "file:line: message".
-- The chunk itself runs under the budget too (a rule file may compute its tables).
function M.load(source, chunkname, env)
  if source:byte(1) == 27 then return nil, chunkname .. ": binary chunks are not accepted" end
  local fn, err = compat.load_text(source, "@" .. chunkname, env or M.env())
  if not fn then return nil, err end
  -- LuaJIT: the budget's count hook does not fire inside compiled traces; keep rule code interpreted
  compat.interpreted(fn)
  local ok, value = M.call(chunkname, nil, fn)
  if not ok then return nil, value end
  return value
end

--- Calls fn(...) under an instruction budget. Returns true, results... or false, message; the
-- message names the rule file and line ("path:12: ...") so a user can find the culprit.
function M.call(chunkname, budget, fn, ...)
  budget = budget or M.BUDGET
  compat.interpreted(fn)
  local prev_hook, prev_mask, prev_count = debug.gethook()
  local outer, me = running, {}
  running = me
  local string_mt = getmetatable("")
  local prev_methods = string_mt.__index
  string_mt.__index = METHODS
  debug.sethook(function()
    if me.expired then error(me.expired, 0) end
    local info = debug.getinfo(2, "Sl")
    local where = chunkname
    if info and info.source and info.source:sub(1, 1) == "@" and info.currentline and info.currentline > 0 then
      where = info.source:sub(2) .. ":" .. info.currentline
    end
    me.expired = where .. ": instruction budget exceeded (" .. budget .. " instructions); rule stopped"
    error(me.expired, 0)
  end, "", budget)
  local res = compat.table.pack(xpcall(fn, function(msg)
    if type(msg) ~= "string" then msg = tostring(msg) end
    if msg:find(chunkname, 1, true) then return msg end
    -- errors raised by C functions carry no position: add the innermost line of the rule file
    for level = 2, 40 do
      local info = debug.getinfo(level, "Sl")
      if not info then break end
      if info.source == "@" .. chunkname and info.currentline > 0 then
        return chunkname .. ":" .. info.currentline .. ": " .. msg
      end
    end
    return chunkname .. ": " .. msg
  end, ...))
  if prev_hook then
    debug.sethook(prev_hook, prev_mask, prev_count)
  else
    debug.sethook()
  end
  string_mt.__index = prev_methods
  running = outer
  if not res[1] then
    local msg = res[2]
    -- LuaJIT runs no handler for a stack overflow: name the file here instead
    if type(msg) == "string" and not msg:find(chunkname, 1, true) then msg = chunkname .. ": " .. msg end
    return false, msg
  end
  return compat.table.unpack(res, 1, res.n)
end

return M
