--- `pith test-rules [DIR|FILE ...]`: runs the inline tests of rule files
-- (pith.rules.test) and prints its report on stdout. main(argv) -> exit status:
-- 0 when no test failed, 1 otherwise, 2 for a usage error.
local M = {}

M.usage = [[
Usage: pith test-rules [DIR|FILE ...]

Runs the inline tests of the site rules in each DIR (every .lua rule file and
FiveFilters .txt site file in it) or of each rule FILE; without any, of the
built-in rules. Prints one line per test: ok, FAIL (followed by the reasons) or
SKIP (a test that needs the network), then the totals.

Exit status: 0 when no test failed, 1 when some did, 2 for a usage error.
]]

local function message(s)
  io.stderr:write("pith: test-rules: ", s, "\n")
end

local function mode_of(path)
  local ok, lfs = pcall(require, "lfs")
  if ok then return lfs.attributes(path, "mode") end
  local f = io.open(path, "rb")
  if not f then return nil end
  local _, _, code = f:read(0)
  f:close()
  return code == 21 and "directory" or "file" -- EISDIR
end

-- Where the built-in rules live: lua/pith/sites beside pith/rules.lua (as
-- pith.rules finds them itself).
local function builtin_dir()
  local path = package.searchpath("pith.rules", package.path)
  return path and (path:gsub("rules%.lua$", "sites"))
end

local function rule_files(dir)
  local ok, lfs = pcall(require, "lfs")
  local out = {}
  if ok then
    local iok, iter, obj = pcall(lfs.dir, dir)
    if iok then
      for name in iter, obj do
        if name:match("%.lua$") or name:match("%.txt$") then out[#out + 1] = dir .. "/" .. name end
      end
    end
  end
  table.sort(out)
  return out
end

local function failure(target, why)
  return { passed = 0, failed = 1, skipped = 0, lines = { "FAIL  " .. target, "      " .. why, "" } }
end

-- rules.test on one target; a Lua error inside it becomes a failure instead
-- of ending the run. Returns the report, and true when it was such an error.
local function test_one(rules, target)
  local ok, rep = pcall(rules.test, target)
  if ok and type(rep) == "table" then return rep, false end
  local name = type(target) == "table" and tostring(target.file or rules.name(target)) or target
  return failure(name, "error: " .. tostring(rep)), true
end

-- A file is compiled here and handed over as a rule: rules.test takes a file
-- target's name wrongly (".lua" instead of the path).
local function test_file(rules, path)
  local rule, err = rules.load_file(path)
  if not rule then return failure(path, tostring(err)) end
  return (test_one(rules, rule))
end

-- Prints a report's lines but its closing totals line (the caller prints
-- one for the whole run).
local function print_lines(rep, out)
  for i = 1, #rep.lines - 1 do out:write(rep.lines[i], "\n") end
end

--- Runs the tests of each target; returns the exit status.
function M.main(argv)
  local targets = {}
  local only_paths = false
  for _, a in ipairs(argv) do
    if not only_paths and (a == "-h" or a == "--help") then
      io.stdout:write(M.usage)
      return 0
    elseif not only_paths and a == "--" then
      only_paths = true
    elseif not only_paths and a:sub(1, 1) == "-" then
      message("unknown option " .. a)
      io.stderr:write("Try 'pith test-rules --help' for more information.\n")
      return 2
    else
      targets[#targets + 1] = a
    end
  end
  local ok, rules = pcall(require, "pith.rules")
  if not ok then
    message("cannot load pith.rules: " .. tostring(rules))
    return 2
  end
  if #targets == 0 then
    local dir = builtin_dir()
    if not dir then
      message("cannot find the built-in rules")
      return 2
    end
    targets[1] = dir
  end

  local out = io.stdout
  local passed, failed, skipped = 0, 0, 0
  for _, target in ipairs(targets) do
    target = target:gsub("(.)/+$", "%1")
    local mode = mode_of(target)
    local reports = {}
    if mode == "directory" then
      local raised
      reports[1], raised = test_one(rules, target)
      if raised then
        -- one rule file broke the folder's run: test its files one by one so
        -- the others still report
        local files = rule_files(target)
        if #files > 0 then reports = {} end
        for _, f in ipairs(files) do reports[#reports + 1] = test_file(rules, f) end
      end
    elseif mode == "file" then
      reports[1] = test_file(rules, target)
    else
      reports[1] = failure(target, "no such folder or file")
    end
    for _, rep in ipairs(reports) do
      print_lines(rep, out)
      passed, failed, skipped = passed + rep.passed, failed + rep.failed, skipped + rep.skipped
    end
  end
  out:write(string.format("%d passed, %d failed, %d skipped\n", passed, failed, skipped))
  out:flush()
  return failed == 0 and 0 or 1
end

return M
