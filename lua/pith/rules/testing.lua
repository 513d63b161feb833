--- Inline rule tests: each test names a fixture (path, .gz allowed, relative to the rule file or
-- the working directory) or a URL (fetched only through opts.fetch), and what the page must give:
-- expect = {title=, author=, date= (a 10-character date compares the day only), text_starts=},
-- contains = {...} and absent = {...} (strings the content text must / must not hold), and
-- content = "generic" when the rule's content selectors are meant not to match that page.
local str = require "pith.meta.str"
local core = require "pith.core"
local ftr = require "pith.rules.ftr"

local M = {}

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a") -- "*a": also 5.1
  f:close()
  if path:match("%.gz$") then s = core.gunzip(s) end
  return s
end

local function dirname(p)
  return p and p:match("^(.*)/[^/]*$") or "."
end

local function fixture_html(rule, t, opts)
  if t.fixture then
    local candidates = { t.fixture }
    if rule.file and t.fixture:sub(1, 1) ~= "/" then
      table.insert(candidates, 1, dirname(rule.file) .. "/" .. t.fixture)
    end
    for _, p in ipairs(candidates) do
      local html = read(p)
      if html then return html end
    end
    return nil, "fixture not found: " .. t.fixture
  end
  if opts.fetch then return opts.fetch(t.url) end
  return nil, nil -- skipped: no fixture and no fetcher
end

local squash = str.squash

--- What pith outputs for this page under `rule`: the extractor's own record, with the rule forced.
function M.extract(rules, rule, html, url)
  local _ = rules
  local rec, info = require("pith.extract").extract(html, { url = url, rule = rule })
  if not rec then return nil, info end
  if rec.rule_error then return nil, rec.rule_error end
  rec.content_found = info.content == "rule"
  return rec
end

local function check(rule, t, rec)
  local fails = {}
  local function fail(fmt, ...) fails[#fails + 1] = string.format(fmt, ...) end
  for k, want in pairs(t.expect or {}) do
    if k == "text_starts" then
      local got = squash(rec.text) or ""
      if got:sub(1, #squash(want)) ~= squash(want) then
        fail("text starts %q, expected %q", got:sub(1, #want + 20), want)
      end
    else
      local got = rec[k]
      if type(got) == "table" then got = table.concat(got, ", ") end
      got = squash(got and tostring(got))
      local w = squash(tostring(want))
      local same = got == w
      if k:match("^date") and w and #w == 10 and got then same = got:sub(1, 10) == w end
      if not same then fail("%s = %q, expected %q", k, tostring(got), tostring(w)) end
    end
  end
  local text = squash(rec.text) or ""
  for _, s in ipairs(t.contains or {}) do
    if not text:find(squash(s), 1, true) then fail("text lacks %q", s) end
  end
  for _, s in ipairs(t.absent or {}) do
    if text:find(squash(s), 1, true) then fail("text still holds %q", s) end
  end
  -- content = "generic": the page is a layout the rule's content selectors leave to the extractor
  if rule.content.select[1] and not rec.content_found and t.content ~= "generic" then
    fail("no content selector matched")
  end
  return fails
end

local function run_rule(rules, rule, opts, report)
  for i, t in ipairs(rule.tests or {}) do
    local label = string.format("%s test %d (%s)", rules.name(rule), i, t.fixture or t.url)
    local html, err = fixture_html(rule, t, opts)
    local entry = { rule = rule.id, test = i, label = label }
    if not html and not err then
      entry.skipped = true
      report.skipped = report.skipped + 1
    else
      local rec
      if html then rec, err = M.extract(rules, rule, html, t.url) end
      entry.failures = rec and check(rule, t, rec) or { err }
      entry.ok = #entry.failures == 0
      if entry.ok then report.passed = report.passed + 1 else report.failed = report.failed + 1 end
    end
    report.results[#report.results + 1] = entry
    local status = entry.skipped and "SKIP" or (entry.ok and "ok" or "FAIL")
    report.lines[#report.lines + 1] = status .. "  " .. label
    for _, f in ipairs(entry.failures or {}) do report.lines[#report.lines + 1] = "      " .. f end
  end
end

local function files_in(dir)
  local ok, lfs = pcall(require, "lfs")
  local out = {}
  if ok then
    for name in lfs.dir(dir) do
      -- the same files the loader takes: FiveFilters files only when named after a host
      if name:match("%.lua$") or (name:match("%.txt$") and ftr.hosts_for(name)) then
        out[#out + 1] = dir .. "/" .. name
      end
    end
  end
  table.sort(out)
  return out
end

--- target: a compiled rule, a rule file path, or a folder of rule files.
function M.run(rules, target, opts)
  opts = opts or {}
  local report = { passed = 0, failed = 0, skipped = 0, results = {}, lines = {} }
  local list = {}
  if type(target) == "table" then
    list[1] = target
  else
    local is_file = target:match("%.lua$") or target:match("%.txt$")
    local paths = is_file and { target } or files_in(target)
    for _, p in ipairs(paths) do
      local rule, err = rules.load_file(p)
      if rule then
        list[#list + 1] = rule
      else
        report.failed = report.failed + 1
        report.results[#report.results + 1] = { rule = p, ok = false, failures = { err } }
        report.lines[#report.lines + 1] = "FAIL  " .. p .. "\n      " .. tostring(err)
      end
    end
  end
  for _, rule in ipairs(list) do run_rule(rules, rule, opts, report) end
  report.lines[#report.lines + 1] = string.format("%d passed, %d failed, %d skipped",
    report.passed, report.failed, report.skipped)
  return report
end

return M
