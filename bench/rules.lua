--- What a built-in site rule costs: pith.extract with the page's URL (its rule applied) against
-- the generic path on the same page (rule = false), per rule and in total.
--   lua5.4 bench/rules.lua SHARED [REPEATS]
-- Takes every page of SHARED/corpus/mercury/index.json whose URL a built-in rule claims
-- (decompressed once, up front), then times in CPU seconds (os.clock) the best of REPEATS runs
-- of each pass, the two passes interleaved so drift hits both alike. Goal: rule/generic <= 1.0
-- (a rule replaces generic work; it must not add to it).
local here = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/.."
package.path = here .. "/lua/?.lua;" .. here .. "/lua/?/init.lua;" .. package.path
package.cpath = here .. "/build/?.so;" .. package.cpath

local core = require "pith.core"
local pith = require "pith"
local rules = require "pith.rules"
local json = require "pith.json"

local shared = arg[1] or "../shared"
local repeats = tonumber(arg[2]) or 5
local filter = arg[3] -- optional: only rules whose id contains this

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local index = assert(json.decode(read(shared .. "/corpus/mercury/index.json")))
local by_rule, order = {}, {}
for _, r in ipairs(index.records) do
  local rule = rules.find(r.url)
  if rule and (not filter or rule.id:find(filter, 1, true)) then
    local bytes = read(shared .. "/corpus/mercury/" .. r.fixture_html_path)
    if bytes:sub(1, 2) == "\31\139" then bytes = assert(core.gunzip(bytes)) end
    if not by_rule[rule.id] then
      by_rule[rule.id] = {}
      order[#order + 1] = rule.id
    end
    local list = by_rule[rule.id]
    list[#list + 1] = { url = r.url, bytes = bytes }
  end
end
table.sort(order)
assert(#order > 0, "no page of " .. shared .. "/corpus/mercury has a built-in rule")

-- Every page must come out of the rule path through its rule, or the comparison is void.
for _, id in ipairs(order) do
  for _, p in ipairs(by_rule[id]) do
    local rec = assert(pith.extract(p.bytes, { url = p.url }))
    assert(rec.rule ~= "generic" and not rec.rule_error,
      p.url .. ": the rule did not apply (" .. tostring(rec.rule_error or rec.rule) .. ")")
  end
end

local clock = os.clock
local function time_pages(list, with_rule)
  collectgarbage()
  collectgarbage()
  local t0 = clock()
  for _, p in ipairs(list) do
    if with_rule then
      pith.extract(p.bytes, { url = p.url })
    else
      pith.extract(p.bytes, { url = p.url, rule = false })
    end
  end
  return clock() - t0
end

local best = {}
for _, id in ipairs(order) do best[id] = {} end
for round = 0, repeats do -- round 0 warms up (lazy requires, regex JIT, heap) and is not kept
  for _, id in ipairs(order) do
    local b = best[id]
    -- alternate which pass goes first, so neither always inherits the other's heap
    local first = round % 2 == 0
    for k = 1, 2 do
      local with_rule = (k == 1) == first
      local t = time_pages(by_rule[id], with_rule)
      local key = with_rule and "rule" or "generic"
      if round > 0 and (not b[key] or t < b[key]) then b[key] = t end
    end
  end
end

local pages, sum_rule, sum_generic = 0, 0, 0
print(string.format("pith rules bench: best of %d, CPU ms per page set, interleaved", repeats))
print(string.format("  %-28s %5s %10s %10s %7s", "rule", "pages", "rule ms", "generic ms", "ratio"))
for _, id in ipairs(order) do
  local b, n = best[id], #by_rule[id]
  pages = pages + n
  sum_rule, sum_generic = sum_rule + b.rule, sum_generic + b.generic
  print(string.format("  %-28s %5d %10.2f %10.2f %7.2f", id, n, b.rule * 1000, b.generic * 1000,
    b.rule / b.generic))
end
print(string.format("  %-28s %5d %10.2f %10.2f %7.2f  (goal <= 1.0)", "total", pages, sum_rule * 1000,
  sum_generic * 1000, sum_rule / sum_generic))
