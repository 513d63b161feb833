--- What bin/pith says on stderr besides usage errors: per-page failures, broken
-- rules (each once, as pith.rules reports them) and the closing summary line.
-- --quiet silences all of it; the summary shows only on a terminal unless -v or
-- --progress asks for it, so logs of scripted runs stay clean by default.
local M = {}

-- pith.core.proc (isatty, a monotonic clock) when this build has it.
local function proc()
  local ok, core = pcall(require, "pith.core")
  return ok and type(core) == "table" and core.proc or nil
end

-- Otherwise the shell's `test -t` inherits our stderr, so it answers for it:
-- one fork per run, and only when the summary might be wanted.
local function stderr_is_terminal()
  local p = proc()
  if p and p.isatty then return p.isatty(2) == true end
  local ok = os.execute("test -t 2")
  return ok == true
end

-- Wall-clock seconds (os.clock counts CPU time only, which hides I/O waits).
-- /proc/uptime has 10 ms resolution; elsewhere whole seconds will do.
local function now()
  local p = proc()
  if p and p.now then return p.now() end
  local f = io.open("/proc/uptime", "r")
  if f then
    local up = f:read("n")
    f:close()
    if up then return up end
  end
  return os.time()
end

local function write(s)
  -- a closed stderr must not turn into a Lua error: nothing is left to tell
  io.stderr:write("pith: ", s, "\n")
end

--- o: parsed options (quiet, verbose, progress). Returns a reporter.
function M.new(o)
  -- skipped: archive records that were not pages; before_say: called before a
  -- message (to take the progress line off the terminal)
  local r = { quiet = o.quiet == true, pages = 0, errors = 0, skipped = 0, rules_told = 0 }
  r.summary_wanted = not r.quiet and (o.verbose or o.progress or stderr_is_terminal())
  r.started = r.summary_wanted and now() or 0

  --- A message about the run (not a usage error).
  function r.say(s)
    if not r.quiet then
      if r.before_say then r.before_say() end
      write(s)
    end
  end

  --- Counts one record; a failed one is told with its source.
  function r.page(rec)
    r.pages = r.pages + 1
    if not rec.ok then
      r.errors = r.errors + 1
      r.say(rec.source .. ": " .. tostring(rec.error))
    end
  end

  --- Tells the rule messages pith.rules has gathered since the last call.
  -- rules: the pith.rules module, or nil when it could not be loaded. With
  -- `every`, only after pages 1, 2, 4, 8...: rules.errors() copies its list,
  -- which can be long (a FiveFilters folder), so it is not read per page.
  function r.rules(rules, every)
    if not rules then return end
    if every and r.pages & (r.pages - 1) ~= 0 then return end
    local ok, list = pcall(rules.errors)
    if not ok or type(list) ~= "table" then return end
    for i = r.rules_told + 1, #list do r.say("rule: " .. tostring(list[i])) end
    r.rules_told = #list
  end

  --- The closing line: "pith: N pages, N errors, S s" (", N skipped" after the
  -- errors when archive records were skipped).
  function r.finish()
    if r.summary_wanted then
      local skipped = r.skipped > 0 and (", %d skipped"):format(r.skipped) or ""
      write(string.format("%d pages, %d errors%s, %.2f s", r.pages, r.errors, skipped, now() - r.started))
    end
  end

  return r
end

return M
