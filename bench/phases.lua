--- Where extraction time goes, phase by phase, for whoever is making pith faster.
--   lua5.4 bench/phases.lua SHARED [ROUNDS]
-- Runs the pages of both shared corpora through the steps pith.extract takes
-- (parse, metadata, rule lookup, core.extract, serialise, close) and prints each
-- step's CPU seconds per round and its ratio to parse as measured *inside* the
-- pipeline (a parse among other work runs slower than `make bench`'s parse-only
-- pass: the heap is no longer fresh). Then the whole pith.extract for comparison.
local here = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/.."
package.path = here .. "/lua/?.lua;" .. here .. "/lua/?/init.lua;" .. package.path
package.cpath = here .. "/build/?.so;" .. package.cpath

local core = require "pith.core"
local pith = require "pith"
local metadata = require "pith.metadata"
local rules = require "pith.rules"
local inputs = require "pith.cli.inputs"

local shared = arg[1] or "../shared"
local rounds = tonumber(arg[2]) or 3

local pages = {}
for _, corpus in ipairs { "readability", "mercury/html" } do
  for _, path in ipairs(assert(inputs.list_dir(shared .. "/corpus/" .. corpus))) do
    local base = path:match("[^/]*$")
    if base == "source.html" or base:match("%.gz$") then
      local f = assert(io.open(path, "rb"))
      local bytes = f:read("a")
      f:close()
      if base:match("%.gz$") then bytes = assert(core.gunzip(bytes)) end
      pages[#pages + 1] = bytes
    end
  end
end

local clock = os.clock
local spent = { parse = 0, meta = 0, find = 0, extract = 0, serialise = 0, gc = 0, whole = 0 }
for round = 0, rounds do -- round 0 warms up and is not counted
  local counted = round > 0
  for _, bytes in ipairs(pages) do
    local t0 = clock()
    local doc = assert(core.parse(bytes))
    local t1 = clock()
    local meta = metadata.collect(doc, {})
    local t2 = clock()
    rules.find(nil, doc, { html = bytes, canonical = meta.url })
    local t3 = clock()
    local content = core.extract(doc, { title = meta.title })
    local t4 = clock()
    if content then content:text { tables = true } end
    local t5 = clock()
    doc:close()
    local t6 = clock()
    if counted then
      spent.parse = spent.parse + (t1 - t0) + (t6 - t5)
      spent.meta = spent.meta + (t2 - t1)
      spent.find = spent.find + (t3 - t2)
      spent.extract = spent.extract + (t4 - t3)
      spent.serialise = spent.serialise + (t5 - t4)
    end
  end
  local t0 = clock()
  collectgarbage()
  if counted then spent.gc = spent.gc + clock() - t0 end
  -- the whole of pith.extract on the same pages, interleaved with the phases
  t0 = clock()
  for _, bytes in ipairs(pages) do pith.extract(bytes, { format = "text" }) end
  if counted then spent.whole = spent.whole + clock() - t0 end
  collectgarbage()
end


print(string.format("pith phases: %d pages, CPU seconds per round (%d rounds), ratio to parse in the pipeline",
  #pages, rounds))
for _, k in ipairs { "parse", "meta", "find", "extract", "serialise", "gc", "whole" } do
  local label = k == "whole" and "pith.extract (all)" or k
  print(string.format("  %-20s %7.3f  %5.2fx", label, spent[k] / rounds, spent[k] / spent.parse))
end
