--- make bench: pith against libxml2's parse on the same pages, in one process.
--   lua5.4 bench/bench.lua SHARED [REPEATS]
-- Loads every page of SHARED/corpus/readability/*/source.html and
-- SHARED/corpus/mercury/html/*.gz (decompressed once, up front), then times,
-- in CPU seconds (os.clock), the best of REPEATS runs of each pass:
--   parse    core.parse + close: the floor pith cannot go below
--   text     pith.extract, format text
--   json     what `pith -f jsonl` does per page: extract, build the record
--            (metadata included) and encode it as JSON
-- and prints pages/s, MB/s and each pass's ratio to parse; then the peak RSS of
-- the run, and the peak memory of extracting the largest page on its own.
local here = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/.."
package.path = here .. "/lua/?.lua;" .. here .. "/lua/?/init.lua;" .. package.path
package.cpath = here .. "/build/?.so;" .. package.cpath

local core = require "pith.core"
local pith = require "pith"
local record = require "pith.cli.record"
local inputs = require "pith.cli.inputs"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function status(field)
  for line in io.lines("/proc/self/status") do
    local v = line:match("^" .. field .. ":%s*(%d+) kB")
    if v then return tonumber(v) * 1024 end
  end
end

if arg[1] == "--peak" then -- child mode: prints "RSS-before peak-RSS" for one page
  local bytes = read(arg[2])
  if bytes:sub(1, 2) == "\31\139" then bytes = assert(core.gunzip(bytes)) end
  local base = status("VmRSS")
  local rec = record.process(pith, { source = arg[2], bytes = bytes }, { format = "text" })
  record.encode(rec)
  io.write(string.format("%d %d\n", base, status("VmHWM")))
  os.exit(0)
end

local shared = arg[1] or "../shared"
local repeats = tonumber(arg[2]) or 3

-- Loads the pages; returns a list of { name, bytes }.
local function load_pages()
  local pages = {}
  for _, corpus in ipairs { "readability", "mercury/html" } do
    local files = assert(inputs.list_dir(shared .. "/corpus/" .. corpus))
    for _, path in ipairs(files) do
      local base = path:match("[^/]*$")
      if base == "source.html" or base:match("%.gz$") then
        local bytes = read(path)
        if base:match("%.gz$") then bytes = assert(core.gunzip(bytes)) end
        pages[#pages + 1] = { name = path, bytes = bytes }
      end
    end
  end
  return pages
end

local pages = load_pages()
local total_bytes, largest = 0, pages[1]
for _, p in ipairs(pages) do
  total_bytes = total_bytes + #p.bytes
  if #p.bytes > #largest.bytes then largest = p end
end
assert(#pages > 0, "no pages under " .. shared .. "/corpus")

local passes = {
  { name = "parse", run = function(bytes)
      local doc = core.parse(bytes)
      if doc then doc:close() end
      return doc ~= nil
    end },
  { name = "text", run = function(bytes)
      return pith.extract(bytes, { format = "text" }) ~= nil
    end },
  { name = "json", run = function(bytes)
      local rec = record.process(pith, { source = "bench", bytes = bytes }, { format = "text" })
      record.encode(rec)
      return rec.ok
    end },
}

-- A pass counts the pages it failed on (an extractor error still raises:
-- that is a bug to see, not to average over).
local failures = {}
local function time_pass(pass)
  collectgarbage()
  collectgarbage()
  local failed = 0
  local t0 = os.clock()
  for _, p in ipairs(pages) do
    if not pass.run(p.bytes) then failed = failed + 1 end
  end
  local t = os.clock() - t0
  failures[pass.name] = failed
  return t
end

-- Warm up (lazy requires, JIT-compiled regexes, the heap grown to size): one
-- untimed round, else the first pass timed pays for all of that.
for _, pass in ipairs(passes) do time_pass(pass) end
local best = {}
for _ = 1, repeats do -- interleaved, so drift (thermal, other load) hits every pass alike
  for _, pass in ipairs(passes) do
    local t = time_pass(pass)
    if not best[pass.name] or t < best[pass.name] then best[pass.name] = t end
  end
end

local MB = 1024 * 1024
print(string.format("pith bench: %d pages (%.1f MB), best of %d, CPU time, single thread",
  #pages, total_bytes / MB, repeats))
print(string.format("  %-6s %9s %9s %9s %8s %7s", "pass", "seconds", "pages/s", "MB/s", "x parse", "failed"))
for _, pass in ipairs(passes) do
  local t = best[pass.name]
  print(string.format("  %-6s %9.3f %9.1f %9.1f %8.2f %7d", pass.name, t, #pages / t, total_bytes / MB / t,
    t / best.parse, failures[pass.name]))
end
print(string.format("  ratio text/parse %.2f (goal <= 2.0), json/parse %.2f", best.text / best.parse,
  best.json / best.parse))
print(string.format("  peak RSS of the whole run (all pages held): %.1f MB", status("VmHWM") / MB))

-- Peak memory of one page, in a fresh process: in this one, freed heap kept
-- by malloc would hide the page's own peak.
local interp = arg[-1] or "lua5.4"
local cmd = string.format("%s %s --peak %q", interp, arg[0], largest.name)
local h = io.popen(cmd)
local base, peak = (h and h:read("a") or ""):match("(%d+) (%d+)")
if h then h:close() end
local size = #largest.bytes
if base then
  print(string.format("  largest page %s: %.2f MB; extracting it alone: peak RSS %.1f MB, %.1f MB above "
    .. "the process with the page loaded (bar: 12 x size + 20 MB = %.1f MB)", largest.name, size / MB,
    peak / MB, (peak - base) / MB, (12 * size + 20 * MB) / MB))
else
  print(string.format("  largest page %s: %.2f MB (its peak could not be measured)", largest.name, size / MB))
end

-- The command at scale: the same pages through bin/pith with one worker and with two, wall
-- clock (a busy machine makes this noisy: run it on an idle one). Steady-state throughput:
-- the list names every page LIST_PASSES times, so that what a run pays once (starting Lua,
-- loading pith, a worker's first page, the last page of the list running alone while the
-- other worker has nothing left) weighs as it does on a long list rather than on 245 pages.
-- -j 1 and -j 2 read the same list, and their runs alternate so drift hits both alike; each
-- keeps its best of REPEATS. -j 1 is what the command does with one job (in-process, no
-- worker). The list is written once.
local LIST_PASSES = 3
local list = os.tmpname()
do
  local f = assert(io.open(list, "w"))
  for _ = 1, LIST_PASSES do
    for _, p in ipairs(pages) do f:write(p.name, "\n") end
  end
  f:close()
end
local n_listed = LIST_PASSES * #pages
-- The control: the same list in two halves (alternate lines), each through its own -j 1 process,
-- both at once. No pool, no parent: what two processes running at once cost on this machine
-- (shared caches and memory, a virtual machine's costlier faults and switches). -j 2's CPU over
-- the control's is the pool's own overhead; the control's over -j 1's is the machine's.
local halves = { os.tmpname(), os.tmpname() }
do
  local f1, f2 = assert(io.open(halves[1], "w")), assert(io.open(halves[2], "w"))
  for k = 1, n_listed do
    local f = k % 2 == 1 and f1 or f2
    f:write(pages[(k - 1) % #pages + 1].name, "\n")
  end
  f1:close()
  f2:close()
end
-- CPU seconds of this process's waited-for children (user + system, Linux /proc): a run's
-- delta is what the command and its workers used. On a loaded machine the wall clock says
-- little about parallelism (Linux's autogroup gives one terminal session one share, however
-- many processes it runs); the CPU -j 2 spends against -j 1 is its overhead, load or not.
local function children_cpu()
  local f = io.open("/proc/self/stat", "r")
  if not f then return nil end
  local stat = f:read("a")
  f:close()
  local fields = {}
  for w in stat:gsub("^.*%) ", ""):gmatch("%S+") do fields[#fields + 1] = w end
  local cu, cs = tonumber(fields[14]), tonumber(fields[15]) -- cutime, cstime (fields 16, 17)
  return cu and cs and (cu + cs) / 100 -- USER_HZ is 100 on Linux
end
local best_cli, cpu_cli = {}, {}
-- jobs: 1 or 2 (-j), or "halves" (the control)
local function cli_run(jobs)
  local c0 = children_cpu()
  local t0 = core.proc.now()
  local command
  if jobs == "halves" then
    command = string.format("%s/bin/pith -q -j 1 -f jsonl -i %q > /dev/null & %s/bin/pith -q -j 1 -f jsonl -i %q "
      .. "> /dev/null; s=$?; wait $! && exit $s", here, halves[1], here, halves[2])
  else
    command = string.format("%s/bin/pith -q -j %d -f jsonl -i %q > /dev/null", here, jobs, list)
  end
  local ok = os.execute(command)
  local t = core.proc.now() - t0
  local c1 = children_cpu()
  if ok and (not best_cli[jobs] or t < best_cli[jobs]) then best_cli[jobs] = t end
  if ok and c0 and c1 and (not cpu_cli[jobs] or c1 - c0 < cpu_cli[jobs]) then cpu_cli[jobs] = c1 - c0 end
end
for _ = 1, repeats do
  cli_run(1)
  cli_run(2)
  cli_run("halves")
end
local one, two = best_cli[1], best_cli[2]
os.remove(list)
os.remove(halves[1])
os.remove(halves[2])
if one and two then
  print(string.format("  bin/pith (%d pages: the list %d times) -j 1: %.2f s (%.1f pages/s); -j 2: %.2f s "
    .. "(%.1f pages/s); speed-up %.2f (goal >= 1.8 on 2 cores)", n_listed, LIST_PASSES, one, n_listed / one,
    two, n_listed / two, one / two))
  if cpu_cli[1] and cpu_cli[2] then
    print(string.format("  CPU (user + system, least of %d): -j 1 %.2f s, -j 2 %.2f s (parent and workers): "
      .. "-j 2 spends %.2fx the CPU of -j 1", repeats, cpu_cli[1], cpu_cli[2], cpu_cli[2] / cpu_cli[1]))
  end
  if cpu_cli[1] and cpu_cli[2] and cpu_cli.halves then
    print(string.format("  control, two -j 1 processes on halves of the list at once: %.2f s, CPU %.2f s (%.2fx -j 1: "
      .. "the machine's cost of two at once); -j 2 spends %.2fx the control's CPU (the pool's own cost)",
      best_cli.halves, cpu_cli.halves, cpu_cli.halves / cpu_cli[1], cpu_cli[2] / cpu_cli.halves))
  end
else
  print("  bin/pith -j 1 / -j 2: a run failed")
end
